"""An import's places to look at: each kept once however often it is found, in the order first found (a set
remembers them: a list compared 40,000 looks one by one, 10^8 comparisons on an 801-page genealogy site).
Every importer's report collects them the same way (CollectsLooks): the HTML import's and the records'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from albumen.importers.records_report import RecordsReport
from albumen.importers.report import CollectsLooks, ImportReport, Look

REPORTS: list[Callable[..., CollectsLooks]] = [
    lambda **kw: ImportReport("old", **kw),
    lambda **kw: RecordsReport("photos.csv", "row", **kw),
]


@pytest.mark.parametrize("make", REPORTS, ids=["html", "records"])
def test_a_look_found_again_is_kept_once_in_the_order_first_found(make: Callable[..., CollectsLooks]) -> None:
    report = make()
    for n in [3, 1, 3, 2, 1]:
        report.look(f"page{n}.html", n, "no caption found", kind="photos without a caption")
    assert [look.path for look in report.looks] == ["page3.html", "page1.html", "page2.html"]


@pytest.mark.parametrize("make", REPORTS, ids=["html", "records"])
def test_a_report_made_with_looks_does_not_take_them_again(make: Callable[..., CollectsLooks]) -> None:
    first = Look("index.html", 4, "a photo's big image is missing")
    report = make(looks=[first])
    report.look("index.html", 4, "a photo's big image is missing")
    report.look("index.html", 5, "a photo's big image is missing")
    assert report.looks == [first, Look("index.html", 5, "a photo's big image is missing")]
