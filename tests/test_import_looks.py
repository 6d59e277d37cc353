"""An import's places to look at: each kept once however often it is found, in the order first found (a set
remembers them: a list compared 40,000 looks one by one, 10^8 comparisons on an 801-page genealogy site)."""

from __future__ import annotations

from albumen.importers.report import ImportReport, Look


def test_a_look_found_again_is_kept_once_in_the_order_first_found() -> None:
    report = ImportReport("old")
    for n in [3, 1, 3, 2, 1]:
        report.look(f"page{n}.html", n, "no caption found", kind="photos without a caption")
    assert [look.path for look in report.looks] == ["page3.html", "page1.html", "page2.html"]


def test_a_report_made_with_looks_does_not_take_them_again() -> None:
    first = Look("index.html", 4, "a photo's big image is missing")
    report = ImportReport("old", looks=[first])
    report.look("index.html", 4, "a photo's big image is missing")
    report.look("index.html", 5, "a photo's big image is missing")
    assert report.looks == [first, Look("index.html", 5, "a photo's big image is missing")]
