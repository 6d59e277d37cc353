"""`albumen import html` on the kinds of old site the fifth round of real sites left misread (issue 13,
/work/notes/realsites5_report.md): a menu of <img onclick="window.location.href=..."> buttons over a Picasa export
whose thumbnails are framed with a shadow (picasa-kindergarten-bg); iWeb's HTML snippet widgets, pages saved in
NAME_files/ (iweb-paulsmoker, /work/notes/realsites4_report.md #8).
Each old site is written here by code, with real JPEGs and PNGs made by pyvips; no file of the real sites is in the
repository.
"""

from __future__ import annotations

from pathlib import Path

import pyvips

from test_import_kept import vips_photo
from test_import_real_photos import import_site, write
from test_import_real_sites6 import HEAD, items_by_file, led_to, painter_site

# -- 1. a menu of onclick buttons is navigation; the pages holding it and one photo are photo pages -------------

MENU = [("1off.png", "index.html", "Home", 112), ("2off.png", "aboutus.html", "About us", 102),
        ("3off.png", "photos.html", "Photos", 111), ("4off.png", "history.html", "History", 114)]


def menu_button(path: Path, label: str, width: int) -> None:
    """A button 29 px high: the same drawn background for all, a different word and width on each (alike by
    pixels: 3off.png is taken for a smaller version of 4off.png)."""
    xy = pyvips.Image.xyz(width, 29)
    background = (xy[0] * 0 + 200 - xy[1] * 2).cast("uchar")
    text = pyvips.Image.text(label, width=width - 10, height=20, dpi=60).gravity("centre", width, 29)
    grey = (background - text / 4).cast("uchar")
    path.parent.mkdir(parents=True, exist_ok=True)
    grey.bandjoin([grey, grey + 0]).copy(interpretation="srgb").pngsave(str(path))


def framed_thumbnail(big: Path, small: Path) -> None:
    """Picasa's thumbnail: the photo at 104 px in a light frame with a dark shadow, 122 px in all."""
    inner = pyvips.Image.thumbnail(str(big), 104)
    framed = inner.embed(6, 6, 116, inner.height + 12, extend="background", background=[235, 235, 235])
    framed = framed.embed(0, 0, 122, framed.height + 6, extend="background", background=[60, 60, 60])
    small.parent.mkdir(parents=True, exist_ok=True)
    framed.jpegsave(str(small), Q=85)


def menu_html() -> str:
    buttons = [f"<img onclick=\"window.location.href='{target}';\" class='myimage' border='0' src='img/btn/{name}' "
               f"width='{width}' height='29'>" for name, target, _, width in MENU]
    return "<div>" + "".join(buttons) + "</div>"


def kindergarten_site(old: Path, count: int = 5) -> Path:
    """Every page under the onclick menu; photos.html lists target0-N (framed thumbnails), each photo page shows its
    big image inside a link back to photos.html; about us and history are text pages."""
    for name, _, label, width in MENU:
        menu_button(old / "img" / "btn" / name, label, width)
    page = HEAD + menu_html() + "<div id='mycontent'>{}</div></body></html>"
    thumbs = []
    files = {"index.html": page.format("Kindergarten", "<h1>Kindergarten 112</h1><p>Welcome to our kindergarten, "
                                                      "founded in 1956.</p>"),
             "aboutus.html": page.format("About us", "<h2>About us</h2><p>The parents' board. IBAN BG59 BACX 9660 "
                                                     "1019 4149 05. E-mail: parents@example.com</p>"),
             "history.html": page.format("History", "<h2>History</h2><p>The kindergarten opened in 1956 in "
                                                    "Sofia.</p>")}
    for number in range(count):
        name = f"img_05{50 + number}.jpg"
        vips_photo(old / "images" / name, size=(640, 480), seed=40 + number)
        framed_thumbnail(old / "images" / name, old / "thumbnails" / name)
        thumbs.append(f"<a href='target{number}.html'><img src='thumbnails/{name}' width='122' height='94' "
                      f"border='0'></a>")
        bar = " | ".join([f"<a href='target{number - 1}.html'>Previous</a>" if number else "Previous",
                          f"<a href='target{number + 1}.html'>Next</a>" if number < count - 1 else "Next",
                          "<a href='photos.html'>Thumbnails</a>"])
        files[f"target{number}.html"] = page.format(name, f"<span class='textbg'>Group {number + 1}, 2004</span>"
                                                    f"<p>{bar}</p><a href='photos.html'><img src='images/{name}' "
                                                    "width='640' height='480' border='0'></a>")
    files["photos.html"] = page.format("Photos", "<span class='textbg'>pictures</span><hr>" + "\n".join(thumbs))
    return write(old, files)


def test_a_menu_of_onclick_buttons_is_navigation_and_its_pages_photo_pages(tmp_path: Path) -> None:
    found = import_site(kindergarten_site(tmp_path / "old"), tmp_path)
    ids = items_by_file(found)
    assert sorted(ids) == [f"img_05{50 + n}.jpg" for n in range(5)]  # no button, no photo twice
    for number in range(5):
        assert led_to(found, f"target{number}.html") == f"item:{ids[f'img_05{50 + number}.jpg']}"
    assert [len(topic.items) for topic in found.draft.topics] == [5]
    assert led_to(found, "aboutus.html").startswith("page:")
    assert led_to(found, "history.html").startswith("page:")
    assert all("IBAN" not in item.caption for item in found.draft.items)


# -- 2. a page saved in NAME_files/ (iWeb's HTML snippet widget) is a part of NAME.html -------------------------

SITE_MENU = ("<div class='navbar'><a href='index.html'>Home</a> <a href='Discography.html'>Discography</a> "
             "<a href='Audio.html'>Audio</a></div>")
ALBUMS = [("NoStockOptions_cover.jpg", "No Stock Options, 1988: Paul Smoker, trumpet"),
          ("Genuine_Fables.jpg", "Genuine Fables, 1993: recorded in Lewisburg, PA"),
          ("Halloween96.jpg", "Halloween '96: live at the Lovin' Cup")]


def iweb_site(old: Path) -> Path:
    """paulsmoker: Discography.html still shows its widget (iWeb's script names it); Audio.html was rewritten by
    hand and no longer shows its own; the widgets have no <title>; every page's <title> is the template's."""
    page = HEAD.format("Paul Smoker Template") + SITE_MENU + "{}</body></html>"
    cells = []
    for seed, (name, caption) in enumerate(ALBUMS, 60):
        vips_photo(old / "Discography_files" / name, size=(400, 400), seed=seed)
        cells.append(f"<p><img src='{name}' width='200' height='200'><br>{caption}</p>")
    files = {
        "index.html": page.format("<h1>Paul Smoker, trumpet</h1><p>Jazz trumpet player and composer.</p>"),
        "Discography.html": page.format(
            "<div id='widget0'><script>var widget0_htmlMarkupURL = './/Discography_files/widget0_markup.html';"
            "</script><div id='widget0-htmlRegion'></div></div>"),
        "Discography_files/widget0_markup.html": (
            "<html><head><title></title></head><body>" + "".join(cells) + "</body></html>"),
        "Audio.html": page.format("<p>Listen on BandCamp.</p>"),
        "Audio_files/widget0_markup.html": (
            "<html><head><title></title></head><body><h2>Recorded July 2012 in Rochester, NY</h2>"
            "<p>Available on BandCamp, iTunes and CDBaby.</p></body></html>"),
    }
    return write(old, files)


def test_a_page_saved_in_a_files_folder_is_a_part_of_its_page(tmp_path: Path) -> None:
    found = import_site(iweb_site(tmp_path / "old"), tmp_path)
    records = [*found.draft.topics, *found.draft.pages]
    assert not [r.title for r in records if "widget" in r.title.casefold() or "Recorded" in r.title]
    topic = next(t for t in found.draft.topics if "Discography_files/widget0_markup.html" in t.redirect_from)
    assert topic.title == "Discography"
    assert led_to(found, "Discography.html") == f"topic:{topic.id}"  # it shows the widget, nothing of its own
    ids = items_by_file(found)
    assert sorted(ids) == sorted(name for name, _ in ALBUMS) and len(topic.items) == len(ALBUMS)
    for item in found.draft.items:  # every photo and caption kept
        caption = dict(ALBUMS)[item.image.rsplit("/", 1)[1]]
        assert caption in " ".join(f"{item.title} {item.caption}".split())
    audio = next(p for p in found.draft.pages if "Audio_files/widget0_markup.html" in p.redirect_from)
    assert audio.title == "Audio"
    assert "Recorded July 2012 in Rochester, NY" in audio.body  # its heading stays its text


# -- 3. a page saved again in another folder without its pictures is a copy -------------------------------------

def test_a_copy_of_a_photo_page_saved_without_its_pictures_is_a_copy(tmp_path: Path) -> None:
    """paquita's test/: target0.html and the gallery saved again in test/, the same words and file names, none of
    the pictures there (test/images/ was never made): copies, read once, leading where the pages kept do."""
    old = painter_site(tmp_path / "old")
    for name in ("target0.html", "paintings.html"):
        (old / "test").mkdir(exist_ok=True)
        (old / "test" / name).write_text((old / name).read_text(encoding="utf-8"), encoding="utf-8")
    found = import_site(old, tmp_path)
    assert not found.draft.pages
    assert led_to(found, "test/target0.html") == led_to(found, "target0.html") != ""
    assert led_to(found, "test/paintings.html") == led_to(found, "paintings.html") != ""
    assert [len(topic.items) for topic in found.draft.topics] == [5]


# -- 4. a gallery program's other sizes of a photo imported are no "images that no page shows" ------------------

def test_other_sizes_of_imported_photos_are_not_offered_for_import(tmp_path: Path) -> None:
    """Lightroom's gallery: the page shows images/large/; thumb/ and medium/ hold the same pictures smaller."""
    old = tmp_path / "old"
    cells = []
    for seed, name in enumerate(("DSC_0003.jpg", "DSC_0004.jpg"), 80):
        vips_photo(old / "images" / "large" / name, size=(900, 600), seed=seed)
        for folder, width in (("medium", 450), ("thumb", 120)):
            (old / "images" / folder).mkdir(parents=True, exist_ok=True)
            pyvips.Image.thumbnail(str(old / "images" / "large" / name), width).jpegsave(
                str(old / "images" / folder / name), Q=85)
        cells.append(f"<p><img src='images/large/{name}' width='900' height='600'><br>Room {seed}</p>")
    vips_photo(old / "scans" / "grandma.jpg", size=(700, 500), seed=90)  # a photo of its own: offered
    write(old, {"index.html": HEAD.format("Gallery") + "".join(cells) + "</body></html>"})
    found = import_site(old, tmp_path)
    assert len(found.draft.items) == 2
    assert found.report.unused_images == ["scans/grandma.jpg"]
    told = [look.message for look in found.report.looks]
    assert sum("the same picture as images/large/" in message for message in told) == 4
