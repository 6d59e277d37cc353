"""`albumen import html` on the kinds of old site the fourth round of real sites showed misread (issue 13,
/work/notes/realsites4_report.md): a site with a test copy of its pages in a second folder, panoramas, galleries
whose photos are listed only in an XML sidecar (Lightroom's Flash gallery, Juicebox), a jAlbum folder index.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

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


# -- a panorama is a photo: wide, but camera-sized, with its caption and its own page -----------------------------

PANORAMA_PAGE = ("<html><body><img src='images/banner.jpg' width='760' height='100'><div style='text-align: center'>"
                 "<table border='0'><tr><td style='text-align: center'><img src='{img}'/><br><span style='font-size: "
                 "large'>{caption}</span></td></tr><tr><td>[ <a href='index.html'>Galeria</a> ] [ <a href='{next}'>"
                 "Następne</a> ]</td></tr></table></div></body></html>")


def panorama_day(old: Path) -> Path:
    """handmade-cortina2007-pl: a day opens with a 975x180 thumbnail of a 3196x548 panorama (its own page, its
    caption under it), then the day's thumbnails; a 760x100 banner heads every page and leads nowhere."""
    shots = [("D02_IMG_0033p", "Panorama z widokiem na Cristallo"), ("D02_IMG_0002", "Widok na drugą stronę :)"),
             ("D02_IMG_0004", "Żółty wyciąg na Tondi")]
    files = {"index.html": "<html><head><title>Cortina 2007</title></head><body><img src='images/banner.jpg' "
                           "width='760' height='100'><span style='font-size: xx-large'><b>2007 03 11 - Cortina - "
                           "Tondi i Cristallo</b></span><table border='0'><tr><td colspan='2'><a href='"
                           "d02_img_0033p.html'><img src='mini/Pan/D02_PAN.JPG' width='975' height='180'></a></td>"
                           "</tr><tr><td><a href='d02_img_0002.html'><img src='mini/d02_img_0002.jpg'></a></td><td>"
                           "<a href='d02_img_0004.html'><img src='mini/d02_img_0004.jpg'></a></td></tr></table>"
                           "</body></html>"}
    for n, (name, caption) in enumerate(shots):
        following = shots[n + 1][0].lower() + ".html" if n + 1 < len(shots) else "index.html"
        files[f"{name.lower()}.html"] = PANORAMA_PAGE.format(img=f"day2/{name}.JPG", caption=caption, next=following)
    write(old, files)
    photo(old, "day2/D02_IMG_0033p.JPG", size=(3196, 548))
    with Image.open(old / "day2/D02_IMG_0033p.JPG") as image:  # the maker's thumbnail: cropped a little
        (old / "mini/Pan").mkdir(parents=True)
        image.resize((975, 180)).save(old / "mini/Pan/D02_PAN.JPG", quality=80)
    for name, _ in shots[1:]:
        photo(old, f"day2/{name}.JPG", f"mini/{name.lower()}.jpg", size=(1200, 900), thumb_width=240)
    photo(old, "images/banner.jpg", size=(760, 100))
    return old


def test_a_panorama_with_its_own_page_and_caption_is_a_photo(tmp_path: Path) -> None:
    found = import_site(panorama_day(tmp_path / "old"), tmp_path)
    panorama = item_of(found, "D02_IMG_0033p.JPG")
    assert words(panorama.caption) == "Panorama z widokiem na Cristallo"
    assert "d02_img_0033p.html" in panorama.redirect_from
    assert [len(topic.items) for topic in found.draft.topics] == [3]
    assert not [page for page in found.draft.pages if "Cristallo" in page.body]


def test_a_banner_over_every_page_is_still_no_photo(tmp_path: Path) -> None:
    found = import_site(panorama_day(tmp_path / "old"), tmp_path)
    assert not [item for item in found.draft.items if item.image.endswith("banner.jpg")]

