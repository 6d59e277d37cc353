"""Titles of what an old site's pages become when the pages carry none: a home page without a <title> is named for
the folder the family named, never 'Index' (cortina: the trip's folder is '2007 03 10-17 - Cortina d Ampezzo')."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_import_real_photos import import_site, photo, write

GALLERY = ('<html><body><table><tr>'
           '<td><a href="a.html"><img src="mini/a.jpg" width="120" height="90"></a></td>'
           '<td><a href="b.html"><img src="mini/b.jpg" width="120" height="90"></a></td>'
           '<td><a href="c.html"><img src="mini/c.jpg" width="120" height="90"></a></td>'
           '</tr></table></body></html>')


def untitled_trip(root: Path) -> Path:
    for name, caption in (("a", "Borca di Cadore"), ("b", "Tofana in the fog"), ("c", "The last run")):
        photo(root, f"big/{name}.jpg", f"mini/{name}.jpg")
        write(root, {f"{name}.html": f'<html><body><img src="big/{name}.jpg"><p>{caption}</p>'
                                      '<a href="index.html">Galeria</a></body></html>'})
    return write(root, {"index.html": GALLERY})


def test_an_untitled_home_page_is_named_for_its_folder(tmp_path: Path) -> None:
    found = import_site(untitled_trip(tmp_path / "2007 03 10-17 - Cortina d Ampezzo"), tmp_path)
    assert found.draft.settings.title == "2007 03 10-17 - Cortina d Ampezzo"
    assert [topic.title for topic in found.draft.topics] == ["2007 03 10-17 - Cortina d Ampezzo"]


@pytest.mark.parametrize("server", ["public_html", "www"])
def test_a_folder_named_for_the_server_names_nothing(tmp_path: Path, server: str) -> None:
    found = import_site(untitled_trip(tmp_path / server), tmp_path)
    assert [topic.title for topic in found.draft.topics] == ["Index"]
