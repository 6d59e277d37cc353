"""`albumen import html` on the kinds of old site the fourth round of real sites showed misread (issue 13,
/work/notes/realsites4_report.md): a site with a test copy of its pages in a second folder, panoramas, galleries
whose photos are listed only in an XML sidecar (Lightroom's Flash gallery, Juicebox), a jAlbum folder index.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import HtmlImport, import_site, item_of, photo, words, write

# -- a page copied into a second folder is one page, not chrome ------------------------------------------------

NAV = "<p><a href='{up}index.html'>home</a> <a href='{up}press.html'>press</a> <a href='{up}video.html'>video</a></p>"
INTERVIEW = ("<h2>Interview with Rick Holland, October 2014</h2>"
             "<p>Rick Holland: Paul, welcome. My first question pertains to your more traditional roots.</p>"
             "<p>Paul Smoker: I grew up in Davenport, Iowa, home of Bix, and heard the old records every day.</p>"
             "<p>Rick Holland: When did you first play with Anthony Braxton?</p>"
             "<p>Paul Smoker: In 1983, in Iowa City; we rehearsed in my basement for a week.</p>")


def site_with_a_test_copy(old: Path) -> Path:
    """iweb-paulsmoker: smokerTests/ holds the owner's test copy of the home and press pages (its image paths
    written from the copy's folder); every line of the interview is then on two pages."""
    def home(up: str) -> str:
        return ("<html><head><title>Paul Smoker</title></head><body>" + NAV.format(up=up)
                + f"<h1>Paul Smoker (1941-2016)</h1><img src='{up}images/paul.jpg' width='400' height='300'>"
                "<p>Trumpet, composer, educator.</p></body></html>")
    press = "<html><head><title>Paul Smoker: Press</title></head><body>{nav}" + INTERVIEW + "</body></html>"
    write(old, {
        "index.html": home(""),
        "press.html": press.format(nav=NAV.format(up="")),
        "video.html": "<html><head><title>Paul Smoker: Video</title></head><body>" + NAV.format(up="")
                      + "<h2>Damon Short Ensemble</h2><p>Bop Shop, Chicago, December 9, 1994.</p></body></html>",
        "smokerTests/index.html": home("../"),
        "smokerTests/press.html": press.format(nav=NAV.format(up="")),
    })
    photo(old, "images/paul.jpg", size=(400, 300))
    return old


def record_of(found: HtmlImport, old_page: str) -> str:
    """The record an old page leads to."""
    for kind, records in (("item", found.draft.items), ("topic", found.draft.topics), ("page", found.draft.pages)):
        for record in records:
            if old_page in record.redirect_from:
                return f"{kind}:{record.id}"
    raise AssertionError(f"{old_page} leads nowhere")


def test_a_page_and_its_copy_in_another_folder_keep_their_text(tmp_path: Path) -> None:
    found = import_site(site_with_a_test_copy(tmp_path / "old"), tmp_path)
    bodies = [words(page.body) for page in found.draft.pages] + [words(t.narrative) for t in found.draft.topics]
    assert sum("rehearsed in my basement" in body for body in bodies) == 1
    assert not [text for text, _ in found.report.chrome_texts if "Braxton" in text]
    assert record_of(found, "smokerTests/press.html") == record_of(found, "press.html")
    assert any(old == "smokerTests/press.html" and "press.html" in why for old, _, why in found.report.led_elsewhere)


def test_the_photo_of_a_home_page_and_its_copy_is_an_item(tmp_path: Path) -> None:
    found = import_site(site_with_a_test_copy(tmp_path / "old"), tmp_path)
    assert item_of(found, "paul.jpg")
    assert not found.report.chrome_images

