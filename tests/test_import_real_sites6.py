"""`albumen import html` on the kinds of old site the fifth round of real sites showed misread (issue 13,
/work/notes/realsites5_report.md): Picasa 2's "Export as HTML Page" (as exported, and extended by hand with the big
file itself shown small as its thumbnail), its First | Previous | Next | Last | Thumbnails bar and its "album -- file
name" captions, and a Publisher Web Wizard page still holding its template's placeholder text.
Each old site is written here by code, with real JPEGs made by pyvips; no file of the real sites is in the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyvips

from test_import_kept import vips_photo
from test_import_real_photos import HtmlImport, import_site, words, write

HEAD = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=UTF-8'><title>{}</title></head><body>"
BAR_WORDS = ("First", "Previous Picture", "Next Picture", "Last", "Thumbnails")


def picasa_page(number: int, count: int, big: str, caption: str, index: str = "index.html", linked: bool = True,
                bar: tuple[str, ...] = BAR_WORDS) -> str:
    """Picasa 2's photo page targetN.html: the caption, the bar (the current direction unlinked), the big image
    (inside a link to the site's home page unless `linked` is False)."""
    first, previous, following, last, thumbnails = bar
    links = [f"<a href='target0.html'>{first}</a>" if number else first,
             f"<a href='target{number - 1}.html'>{previous}</a>" if number else previous,
             f"<a href='target{number + 1}.html'>{following}</a>" if number < count - 1 else following,
             f"<a href='target{count - 1}.html'>{last}</a>" if number < count - 1 else last,
             f"<a href='{index}'>{thumbnails}</a>"]
    image = f"<img src='images/{big}' title='{big} (large)' border='0' width='640' height='800'>"
    image = f"<a href='index.html'>{image}</a>" if linked else image
    bar_line = " |\n".join(links)
    return (HEAD.format(big) + f"<div><span class='textbg'>{caption} <br><br></span></div>"
            f"<p><span class='textreg'>{bar_line}<br></span></p><hr size='1'><div>{image}</div>"
            "</body></html>")


def items_by_file(found: HtmlImport) -> dict[str, str]:
    """Old file name -> its item's id."""
    return {item.image.rsplit("/", 1)[1]: item.id for item in found.draft.items}


def led_to(found: HtmlImport, old_page: str) -> str:
    """The record an old page leads to."""
    for kind, records in (("item", found.draft.items), ("topic", found.draft.topics), ("page", found.draft.pages)):
        for record in records:
            if old_page in record.redirect_from:
                return f"{kind}:{record.id}"
    return ""


# -- 1. the big file shown small as its own thumbnail is a photo, not a navigation button ----------------------

PAINTINGS = [("tamarama_1976.jpg", "Tamarama, Sydney 1976", True), ("light.jpg", "Light in the darkness", True),
             ("Murals.jpeg", "Murals", False), ("Communal Fishing, Island of Lau, Fiji.jpeg",
                                                 "Communal Fishing, Island of Lau, Fiji", False),
             ("Lady with Hat.jpeg", "Lady with Hat", False)]


def painter_site(old: Path) -> Path:
    """picasa-paquita-artist: Picasa made target0-1 with real 98-px thumbnails; the family added target2-4 by hand,
    with the big file itself copied to the root as the thumbnail (shown at width 98)."""
    files = {"index.html": HEAD.format("Paquita") + "<h1>Paquita</h1><a href='paintings.html'>Paintings</a>"
                                                    "</body></html>"}
    thumbs = []
    for number, (name, caption, small) in enumerate(PAINTINGS):
        vips_photo(old / "images" / name, size=(640, 800), seed=number + 1)
        if small:
            pyvips.Image.thumbnail(str(old / "images" / name), 98).jpegsave(str(old / name), Q=85)
        else:
            shutil.copyfile(old / "images" / name, old / name)
        thumbs.append(f"<a href='target{number}.html'><img src='{name}' border='0' width='98' height='122'></a>")
        files[f"target{number}.html"] = picasa_page(number, len(PAINTINGS), name, caption, index="paintings.html")
    files["paintings.html"] = (HEAD.format("Paintings") + "<h1>Paintings</h1>Click on a picture for a larger view<hr>"
                               + "\n".join(thumbs) + "</body></html>")
    return write(old, files)


def test_a_big_file_shown_small_as_its_thumbnail_is_a_photo_with_its_photo_page(tmp_path: Path) -> None:
    found = import_site(painter_site(tmp_path / "old"), tmp_path)
    ids = items_by_file(found)
    assert sorted(ids) == sorted(name for name, _, _ in PAINTINGS)
    assert not found.report.navigation_images
    assert not found.draft.pages
    for number, (name, caption, _) in enumerate(PAINTINGS):
        assert led_to(found, f"target{number}.html") == f"item:{ids[name]}"
        item = next(i for i in found.draft.items if i.id == ids[name])
        if " " in caption:  # a title of several words saved as the file's name is a person's caption
            assert caption in words(item.title + " " + item.caption)
    assert [len(topic.items) for topic in found.draft.topics] == [5]


# -- 2. Picasa's bar is navigation in any language; "album -- file name" is a file name ---------------------------

BULGARIAN_BAR = ("Първа", "Предишна снимка", "Следваща Снимка", "Последна", "Кадри")
OWN_WORDS = "Our class in 1976, scanned from photo_1976.jpg by Ivan"


def picasa_export(old: Path) -> Path:
    """picasa-kindergarten-bg as exported: captions 'снимки -- img_0550.jpg' (album, file name) but one a person
    wrote; the third page's big image in no link (target8.html); the bar in Bulgarian."""
    count = 4
    files, thumbs = {}, []
    for number in range(count):
        name = f"img_05{50 + number}.jpg"
        vips_photo(old / "images" / name, size=(640, 480), seed=20 + number)
        pyvips.Image.thumbnail(str(old / "images" / name), 122).jpegsave(str(old / "thumbnails" / name), Q=85)
        caption = OWN_WORDS if number == 1 else f"снимки -- {name}"
        thumbs.append(f"<a href='target{number}.html'><img src='thumbnails/{name}' width='122' height='91' "
                      f"title='{name}' border='0'></a>")
        files[f"target{number}.html"] = picasa_page(number, count, name, caption, linked=number != 2,
                                                    bar=BULGARIAN_BAR)
    files["index.html"] = (HEAD.format("снимки") + "<span class='textbg'>снимки (4 images)</span><br><p>"
                           "<span class='textreg'>Кликнете върху снимка.</span><br><hr size='1'>"
                           + "\n".join(thumbs) + "</body></html>")
    (old / "thumbnails").mkdir(parents=True, exist_ok=True)
    return write(old, files)


def test_a_picasa_bar_in_any_language_is_no_caption_and_album_file_names_are_dropped(tmp_path: Path) -> None:
    old = tmp_path / "old"
    (old / "thumbnails").mkdir(parents=True)
    found = import_site(picasa_export(old), tmp_path)
    ids = items_by_file(found)
    assert sorted(ids) == [f"img_05{50 + n}.jpg" for n in range(4)]
    captions = {name: words(item.title + " " + item.caption).strip() for item in found.draft.items
                for name in [item.image.rsplit("/", 1)[1]]}
    assert captions == {"img_0550.jpg": "", "img_0551.jpg": OWN_WORDS, "img_0552.jpg": "", "img_0553.jpg": ""}
    for number in range(4):  # the unlinked big image and the last page merge with their gallery items
        assert led_to(found, f"target{number}.html") == f"item:{ids[f'img_05{50 + number}.jpg']}"
    assert not found.draft.pages
    assert [len(topic.items) for topic in found.draft.topics] == [4]
    told = [look.message for look in found.report.looks]
    assert any("снимки -- img_0550.jpg" in message and "file name" in message for message in told)


# -- 3. photo pages whose images were never uploaded lead to their gallery, told once --------------------------

def picasa_export_without_images(old: Path) -> Path:
    """picasa-pingjiang-class76: a Picasa export whose images/ and thumbnails/ were never committed."""
    count = 4
    files, thumbs = {}, []
    for number in range(count):
        name = f"img_16{37 + number}.jpg"
        thumbs.append(f"<a href='target{number}.html'><img src='thumbnails/{name}' width='154' height='106'></a>")
        files[f"target{number}.html"] = picasa_page(number, count, name, f"20160204 -- {name}")
    files["index.html"] = (HEAD.format("76班同学首聚") + "<span class='textbg'>20160204 (4 图片)</span><br><p>"
                           "<span class='textreg'>点击图片可查看大图。</span><br><hr size='1'>"
                           + "\n".join(thumbs) + "</body></html>")
    return write(old, files)


def test_photo_pages_whose_images_are_all_missing_lead_to_their_gallery(tmp_path: Path) -> None:
    found = import_site(picasa_export_without_images(tmp_path / "old"), tmp_path)
    assert len(found.draft.pages) + len(found.draft.topics) == 1
    gallery = led_to(found, "index.html") or f"page:{found.draft.pages[0].id}"
    assert all(led_to(found, f"target{number}.html") == gallery for number in range(4))
    lost = [look for look in found.report.looks if "photo is missing" in look.message]
    assert len(lost) == 4 and len({look.kind for look in lost}) == 1
    assert "copy" in lost[0].kind


# -- 4. a publishing program's placeholder text is no caption and no one's words --------------------------------

def publisher_page(old: Path) -> Path:
    """publisher-mgsco-fa: Publisher's Web Wizard page in positioned boxes, some of its samples left in."""
    vips_photo(old / "index_files" / "image483.jpg", size=(287, 308), seed=31)
    vips_photo(old / "index_files" / "image380.jpg", size=(300, 225), seed=32)
    box = "<div style='position:absolute;left:{}px;top:{}px;width:400px;height:{}px'>{}</div>"
    return write(old, {"index.html": (
        "<html><head><meta name=Generator content='Microsoft Publisher 11'><title>About Us</title></head><body>"
        + box.format(40, 100, 300, "<img width=287 height=308 src='index_files/image483.jpg'>")
        + box.format(40, 420, 40, "<p>Caption describing picture or graphic.</p>")
        + box.format(480, 100, 300, "<p>Tell customers about your company or organization. Include a brief "
                     "description of your employees, the products or services you provide.</p><p>Lorem ipsum dolor "
                     "sit amet, consectetuer adipiscing elit, sed diem nonummy nibh euismod tincidunt ut lacreet "
                     "dolore magna aliguam erat volutpat.</p><p>We sell tiles from Isfahan since 1971; the shop "
                     "caption describing picture or graphic is on the left.</p>")
        + box.format(480, 420, 300, "<img width=300 height=225 src='index_files/image380.jpg'>")
        + box.format(480, 650, 40, "<p>Our family at the lake, 1998</p>") + "</body></html>")})


def test_a_templates_placeholder_text_is_left_out_and_told(tmp_path: Path) -> None:
    found = import_site(publisher_page(tmp_path / "old"), tmp_path)
    everything = " ".join([words(i.caption) for i in found.draft.items] + [words(p.body) for p in found.draft.pages]
                          + [words(t.narrative) for t in found.draft.topics])
    assert "Caption describing picture or graphic." not in everything
    assert "Tell customers" not in everything and "Lorem" not in everything
    assert "We sell tiles from Isfahan since 1971" in everything  # a person's words around a sample phrase stay
    by_file = {item.image.rsplit("/", 1)[1]: words(item.caption) for item in found.draft.items}
    assert by_file["image380.jpg"] == "Our family at the lake, 1998"
    told = [look.message for look in found.report.looks if "template text" in look.message]
    assert len(told) == 3
