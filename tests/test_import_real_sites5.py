"""`albumen import html` on misreadings left from the earlier rounds of real sites (issue 13, note8_13.md "Not done,
seen and left"; realsites3_report.md, realsites4_report.md): an album feed that declares entities, a Juicebox
gallery whose captions are a date and a place, a Visio family chart whose names are only in its image map,
a trip page divided by day headings, iWeb's absolutely placed labels.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from test_import_real_photos import import_site, item_of, photo, words, write

# -- an album's feed is read without expanding entities ---------------------------------------------------------

BOMB = ("<!DOCTYPE rss [<!ENTITY lol 'lol'>"
        + "".join(f"<!ENTITY lol{n} '{('&lol' + str(n - 1) + ';') * 10 if n > 1 else '&lol;' * 10}'>"
                  for n in range(1, 7)) + "]>")


def feed_album(old: Path, doctype: str = "", title: str = "Pop on the gun, 1943") -> Path:
    """iWeb's Photos page: its pictures and captions only in Photos_files/rss.xml, named by a <link>."""
    write(old, {
        "Photos.html": "<html><head><title>Photos</title><link rel='alternate' type='application/rss+xml' "
                       "href='Photos_files/rss.xml'></head><body><h1>Photos</h1><div id='widget2'></div>"
                       "</body></html>",
        "Photos_files/rss.xml": f"<?xml version='1.0' encoding='UTF-8'?>{doctype}<rss version='2.0'><channel>"
                                f"<title>Photos</title><item><title>{title}</title><enclosure url='http://example.net"
                                "/site/Photos_files/Media/pop/pop.jpg' type='image/jpeg'/></item>"
                                "<item><title>Mum and Dad on leave</title><enclosure url='http://example.net/site/"
                                "Photos_files/Media/mum/mum.jpg' type='image/jpeg'/></item></channel></rss>",
    })
    photo(old, "Photos_files/Media/pop/pop.jpg")
    photo(old, "Photos_files/Media/mum/mum.jpg")
    return old


def test_a_feeds_photos_and_captions_are_read(tmp_path: Path) -> None:
    found = import_site(feed_album(tmp_path / "old"), tmp_path)
    assert words(item_of(found, "pop/pop.jpg").caption) == "Pop on the gun, 1943"


def test_an_entity_bomb_in_a_feed_is_not_expanded(tmp_path: Path) -> None:
    found = import_site(feed_album(tmp_path / "old", BOMB, "&lol6;"), tmp_path)
    assert not [item for item in found.draft.items if "lollol" in item.caption + item.title]


def test_a_feed_that_declares_entities_is_not_read(tmp_path: Path) -> None:
    """A small entity is expanded by a plain XML reader; defusedxml refuses the feed instead."""
    found = import_site(feed_album(tmp_path / "old", "<!DOCTYPE rss [<!ENTITY who 'Pop'>]>", "&who; on the gun"),
                        tmp_path)
    assert not [item for item in found.draft.items if "Pop on the gun" in item.caption]


# -- a Juicebox gallery: a caption given per photo is the photo's own, even when photos share it ------------------

JUICEBOX = [("PA010175", "Jazda na baranicy", "20171001 Wrocław"), ("PA010180", "", "20171001 Wrocław"),
            ("PA010181", "", "20171001 Wrocław"), ("PA280239", "Wieczór u Iza", "20171028 Wrocław"),
            ("PA280240", "", "20171028 Wrocław"), ("PA290250", "", "20171029 Wrocław")]


def juicebox_gallery(old: Path, thumbs: bool = True) -> Path:
    """jalbum-goliat-mixed 2017_10_-_IZA_-_MC16: config.xml beside the page lists the photos (images/, with their
    thumbnails in thumbs/); most captions are only the day and the place, several photos sharing one."""
    thumb = "thumbURL='thumbs/{name}.jpg' " if thumbs else ""
    write(old, {
        "index.html": "<html><head><title>Galeria</title></head><body><h1>Galeria</h1>"
                      "<p><a href='miesiac16/index.html'>Miesiąc XVI</a></p></body></html>",
        "miesiac16/index.html": "<html><head><title>Miesiąc XVI</title></head><body><script src='jbcore/"
                                "juicebox.js'></script><script>new juicebox({containerId:'juicebox-container'});"
                                "</script><div id='juicebox-container'></div></body></html>",
        "miesiac16/config.xml": "<?xml version='1.0' encoding='UTF-8'?><juiceboxgallery galleryTitle='Miesiąc XVI'>"
                                + "".join(f"<image imageURL='images/{name}.jpg' "
                                          + thumb.format(name=name) + "linkURL='..'>"
                                          f"<title><![CDATA[{title}]]></title><caption><![CDATA["
                                          f"{caption}]]></caption></image>" for name, title, caption in JUICEBOX)
                                + "</juiceboxgallery>",
    })
    for name, _, _ in JUICEBOX:
        photo(old, f"miesiac16/images/{name}.jpg", f"miesiac16/thumbs/{name}.jpg" if thumbs else None,
              size=(1024, 768))
    return old


@pytest.mark.parametrize("thumbs", [True, False])
def test_a_date_and_place_caption_shared_by_photos_of_a_sidecar_is_each_ones(tmp_path: Path, thumbs: bool) -> None:
    """With no thumbnails the list is of links to the photos, each its caption as its words: two photos sharing
    those words is no navigation bar."""
    found = import_site(juicebox_gallery(tmp_path / "old", thumbs), tmp_path)
    for name, title, caption in JUICEBOX:
        said = words(item_of(found, f"miesiac16/images/{name}.jpg").caption)
        assert caption in said and title in said, (name, said)
    assert not [text for text, _ in found.report.chrome_texts if "Wrocław" in text]


def test_a_sidecars_thumbnails_are_no_images_left_unshown(tmp_path: Path) -> None:
    found = import_site(juicebox_gallery(tmp_path / "old"), tmp_path)
    assert not [rel for rel in found.report.unused_images if "thumbs/" in rel]
    assert "miesiac16/thumbs/PA010180.jpg" in item_of(found, "miesiac16/images/PA010180.jpg").redirect_from


# -- a Visio family chart: the people's names are only in its image map's <area title>s ---------------------------

AREA = ("<AREA shape='POLYGON' tabindex='{i}' ALT='{n}' origTitle='{n}' TITLE='{n}' target='_top' "
        "COORDS='{x},40 {x2},40 {x2},90 {x},90' onclick='return OnShapeClick(0,{i});'>")
CHARTS = {1: (["Virgil Bell (born 1842)", "Rose Ella Thompson (born Bell)", "James Nelson &#38; Wife Born in 1815"],
              (773, 138)),
          2: (["Daniel (Darnie) Webster Bell", "Ann Eliza Smith &#38; Unknown husband (last name Leggett)"],
              (319, 206))}


def chart(path: Path, size: tuple[int, int], boxes: int) -> None:
    """A drawing: a white page with a box per person (few colours, not a photo)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for n in range(boxes):
        draw.rectangle((5 + n * 100, 40, 95 + n * 100, 90), outline="black", fill=(220, 230, 250))
    page.save(path)


def visio_chart(old: Path) -> Path:
    """visio-bell-familytree: Visio's "Save as Web Page": index.html builds its frames by script from a list of
    the chart pages; each chart page is one GIF of the tree with an image map, a name per box in <area title>
    (no href: a script shows the shape's details), and no other text."""
    def page(k: int, names: list[str]) -> str:
        return (f"<html><head><title>index</title></head><body class='pageView'><DIV id=RasterDiv><center>"
                f"<IMG id='ConvertedImage' SRC='gif_{k}.gif' ALT='Page-{k}' name=RasterImage BORDER='0' "
                "USEMAP='#visImageMap'></center><MAP NAME='visImageMap'>"
                + "".join(AREA.format(n=n, x=5 + i * 100, x2=95 + i * 100, i=i) for i, n in enumerate(names))
                + "</MAP></DIV></body></html>")
    write(old, {"index.html": "<html><head><title>index</title><script>var g_FileList = new Array(new FileEntry("
                              "1,0,'Page-1','vml_1.html','gif_1.html'), new FileEntry(2,4,'Page-2','vml_2.html',"
                              "'gif_2.html'));</script></head><body><frameset cols='20%,80%'><frame src='index_files/"
                              "gif_1.html' name='frmDrawing'></frameset></body></html>"}
          | {f"index_files/gif_{k}.html": page(k, names) for k, (names, _) in CHARTS.items()})
    for k, (names, size) in CHARTS.items():
        chart(old / f"index_files/gif_{k}.gif", size, len(names))
    return old


def test_a_charts_names_in_its_image_map_are_kept_verbatim(tmp_path: Path) -> None:
    found = import_site(visio_chart(tmp_path / "old"), tmp_path)
    texts = [item.caption for item in found.draft.items] + [page.body for page in found.draft.pages] + [
        topic.narrative for topic in found.draft.topics]
    said = "\n".join(words(text) for text in texts)
    for names, _ in CHARTS.values():
        for name in names:
            assert html.unescape(name) in said, name


def test_an_image_maps_links_are_no_labels(tmp_path: Path) -> None:
    """An image-map menu: areas that lead to pages are navigation, their titles not the picture's words."""
    old = tmp_path / "old"
    write(old, {"index.html": "<html><title>Our trip</title><body><h1>Our trip</h1><img src='map.jpg' usemap='#m'>"
                              "<map name='m'><area href='day1.html' title='Day one' coords='0,0,10,10'>"
                              "<area title='Lake Louise' coords='10,10,20,20'></map></body></html>",
                "day1.html": "<html><title>Day one</title><body><h1>Day one</h1><p>We drove.</p></body></html>"})
    photo(old, "map.jpg")
    found = import_site(old, tmp_path)
    caption = words(item_of(found, "map.jpg").caption)
    assert "Lake Louise" in caption and "Day one" not in caption


# -- a trip's gallery page: a day heading in big type, then that day's thumbnails, day after day --------------------

DAYS = [("2007 03 10 - Przyjazd do Borca di Cadore", ["Widok na druga strone :)", "Osmy pasazer Nostromo"],
         "Panorama z widokiem na Antelao"),
        ("2007 03 11 - Cortina - Tondi i Cristallo", ["Znow jedziemy wysoko", "Zdaje sie byc tu stromo"], None),
        ("2007 03 12 - Cortina - Tofana", ["Zdjecie baardzo naturalne :)", "Na szczycie Tofany"], None)]


def trip_by_days(old: Path) -> Path:
    """handmade-cortina2007-pl index.html: each day a heading (a <span> in xx-large bold type), then a table of
    its thumbnails, each leading to the photo's own page (the photo, its caption under it, Previous | Gallery |
    Next); a day may end with a panorama, written as a row with no cell (a browser moves it above its table)."""
    heading = "<span style='font-size: xx-large; color: #FFFFFF'><b>{}</b></span>"
    own = ("<html><meta http-equiv='Content-type' content='text/html; charset=iso-8859-2'><body><table><tr><td>"
           "<img src='{big}'><br><span style='font-size: large'>{caption}</span></td></tr><tr><td>"
           "[ <a href='index.html'>Galeria</a> ]</td></tr></table></body></html>")
    index, files = "", {}
    for day, (title, captions, panorama) in enumerate(DAYS, start=1):
        cells = ""
        for n, caption in enumerate(captions):
            name = f"d{day:02}_img_{n:04}"
            photo(old, f"{title}/{name.upper()}.JPG", f"mini/{name}.jpg", size=(1024, 768), thumb_width=240)
            cells += f"<td><a href='{name}.html'><img src='mini/{name}.jpg' width='240' height='180'></a></td>"
            files[f"{name}.html"] = own.format(big=f"{title}/{name.upper()}.JPG", caption=caption)
        index += heading.format(title) + f"<table border='0'><tr>{cells}</tr></table>"
        if panorama:
            name = f"d{day:02}_img_0099p"
            photo(old, f"{title}/{name.upper()}.JPG", f"mini/pan/{name}.jpg", size=(3196, 548), thumb_width=975)
            index += (f"<table border='0'><tr style='text-align: center'><a href='{name}.html'><img src='mini/pan/"
                      f"{name}.jpg' width='975' height='167'></a></tr></table>")
            files[f"{name}.html"] = own.format(big=f"{title}/{name.upper()}.JPG", caption=panorama)
    files["index.html"] = (f"<html><meta http-equiv='Content-type' content='text/html; charset=iso-8859-2'><body>"
                           f"<div style='text-align: center'>{index}</div></body></html>")
    for rel, text in files.items():
        (old / rel).parent.mkdir(parents=True, exist_ok=True)
        (old / rel).write_text(text, encoding="iso-8859-2")
    return old


def test_a_day_heading_is_no_caption_of_the_photo_before_it(tmp_path: Path) -> None:
    found = import_site(trip_by_days(tmp_path / "old"), tmp_path)
    assert words(item_of(found, "D01_IMG_0099P.JPG").caption) == "Panorama z widokiem na Antelao"
    assert words(item_of(found, "D02_IMG_0000.JPG").caption) == "Znow jedziemy wysoko"


def test_day_headings_each_followed_by_its_thumbnails_are_a_topic_each(tmp_path: Path) -> None:
    found = import_site(trip_by_days(tmp_path / "old"), tmp_path)
    topics = {topic.title: topic for topic in found.draft.topics}
    for day, (title, captions, panorama) in enumerate(DAYS, start=1):
        names = [f"D{day:02}_IMG_{n:04}.JPG" for n in range(len(captions))] + (
            [f"D{day:02}_IMG_0099P.JPG"] if panorama else [])
        assert list(topics[title].items) == [item_of(found, name).id for name in names]
    index = next(topic for topic in found.draft.topics if ("index.html", topic.id) in found.report.topics)
    assert not index.items and all(f"topic:{topics[title].id}" in index.narrative for title, _, _ in DAYS)


# -- iWeb: labels and photos in boxes placed by pixels, the labels first in the source --------------------------------

LABELS = [("Water Tower", 1, 129), ("Malaria Nets", 1, 365), ("Orphanage", 237, 129), ("AIDS Education", 237, 365),
          ("School Kits", 473, 129), ("New Stove", 473, 365), ("Tropical Focus Office", 1, 600)]
PLACED = [("CRM Sign.jpg", 250, 175, "Orphanage"), ("1196057468_33aa203ceb.jpg", 255, 407, "AIDS Education"),
          ("1589320478_6f54bbd007.jpg", 486, 167, "School Kits"), ("569940746_7cf4e91bab.jpg", 14, 167, "Water Tower"),
          ("IMG_0283.jpg", 14, 403, "Malaria Nets"), ("1589316678_9b98564410.jpg", 486, 403, "New Stove")]


def placed_labels(old: Path) -> Path:
    """iweb-globaleyes Photos.html (its coordinates): seven 225x225 label boxes first, then six photos, each
    placed inside one label's box; the seventh label has no photo."""
    body = "".join(f"<div style='height: 225px; left: {x}px; position: absolute; top: {y}px; width: 225px; z-index: 1;'"
                   f"><div class='text-content' style='padding: 1px;'><div><p class='Body'>{text}</p></div></div></div>"
                   for text, x, y in LABELS)
    body += "".join(f"<div style='height: 133px; width: 200px; height: 133px; left: {x}px; position: absolute; "
                    f"top: {y}px; width: 200px; z-index: 1;'><img src='Photos_files/{name.replace(' ', '%20')}' "
                    "style='border: none; height: 134px; width: 200px;'></div>" for name, x, y, _ in PLACED)
    write(old, {"Photos.html": "<html><head><meta name='Generator' content='iWeb 3.0.1'><title>Photos</title></head>"
                               "<body><div id='body_content' style='position: relative'>" + body
                               + "</div></body></html>",
                "index.html": "<html><head><title>Globaleyes</title></head><body><h1>Globaleyes</h1><p>Our work in "
                              "Kenya. <a href='Photos.html'>Photos</a></p></body></html>"})
    for name, _, _, _ in PLACED:
        photo(old, f"Photos_files/{name}", size=(600, 400))
    return old


def test_placed_labels_go_to_the_photo_they_hold_on_screen_not_by_source_order(tmp_path: Path) -> None:
    found = import_site(placed_labels(tmp_path / "old"), tmp_path)
    for name, _, _, label in PLACED:
        assert words(item_of(found, name).caption) == label, name


def test_a_photo_whose_placed_label_is_chrome_takes_no_other_box(tmp_path: Path) -> None:
    """iweb-globaleyes: Projects.html (here and Kisumu.html) show the same label boxes: 'Malaria Nets' is the site's
    repeated text;
    the photo inside its box gets no caption, never the words of the box under it ('Tropical Focus Office')."""
    old = placed_labels(tmp_path / "old")
    boxes = "".join(f"<div style='height: 225px; left: {x}px; position: absolute; top: {y}px; width: 225px;'><p>"
                    f"{text}</p></div>" for text, x, y in LABELS[:2])
    write(old, {"Projects.html": f"<html><head><title>Projects</title></head><body><div style='position: relative'>"
                                 f"{boxes}</div><p>What we built in 2009.</p></body></html>",
                "Kisumu.html": f"<html><head><title>Kisumu</title></head><body><div style='position: relative'>"
                               f"{boxes}</div><p>Our office in Kisumu.</p></body></html>",
                "index.html": "<html><head><title>Globaleyes</title></head><body><h1>Globaleyes</h1><p>Our work in "
                              "Kenya. <a href='Photos.html'>Photos</a> <a href='Projects.html'>Projects</a> "
                              "<a href='Kisumu.html'>Kisumu</a></p></body></html>"})
    found = import_site(old, tmp_path)
    assert words(item_of(found, "IMG_0283.jpg").caption) == ""
    assert words(item_of(found, "CRM Sign.jpg").caption) == "Orphanage"
