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



def test_two_pages_alike_in_one_folder_stay_two(tmp_path: Path) -> None:
    """handmade-herbertland: clothes/baby_boy3.html and baby_boy4.html say the same; in one folder they are the
    site's own two pages (a page saved twice on purpose, a gallery's pages), not a copy kept aside."""
    old = site_with_a_test_copy(tmp_path / "old")
    (old / "press2.html").write_bytes((old / "press.html").read_bytes())
    found = import_site(old, tmp_path)
    assert not [old_page for old_page, _, why in found.report.led_elsewhere if old_page == "press2.html"
                and "copy" in why]

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


# -- galleries whose photos are listed only in an XML sidecar (Lightroom's Flash gallery, Juicebox) -----------------

LIGHTROOM = [("Mapka", "", "Plan naszego bytu dwutygodniowego"), ("P1070627", "", "Ot i nasz nuracz"),
             ("P1070980", "", "Zachód słońca w Trogirze"), ("P1070669", "", "")]  # one without words
JUICEBOX = [("PA010175", "Jazda na baranicy", "20171001 Wrocław"), ("PA280239", "", "Wieczór u Iza")]


def group_xml(items: list[tuple[str, str, str]]) -> str:
    """Lightroom 4's Adobe Flash Gallery: resources/mediaGroupData/group.xml, an <item> per photo, its
    renditions' paths relative to the gallery's page."""
    return ("<?xml version='1.0' encoding='UTF-8'?><mediaGroup><groupInfo><galleryMaker name='Adobe Flash Gallery'/>"
            "<custom><siteTitle>Chorwacja 01-16.09.2012</siteTitle></custom></groupInfo><media>" + "".join(
                f"<item><title>{title}</title><description>{caption}</description><renditions>"
                f"<rendition height='600' src='images/large/{name}.jpg' width='800' size='large'/>"
                f"<rendition height='30' src='images/thumb/{name}.jpg' width='40' size='thumb'/></renditions></item>"
                for name, title, caption in items) + "</media></mediaGroup>")


def sidecar_galleries(old: Path) -> Path:
    """jalbum-goliat-mixed: chorwacja/ is a Lightroom Flash gallery (its page embeds the player, naming group.xml
    in its FlashVars), miesiac16/ a Juicebox gallery (config.xml beside its page); no page has an <img>."""
    write(old, {
        "index.html": "<html><head><title>Galeria Goliata</title></head><body><h1>Galeria Goliata</h1><ul>"
                      "<li><a href='chorwacja/index.html'>Wakacje w Chorwacji</a></li>"
                      "<li><a href='miesiac16/index.html'>Miesiąc XVI</a></li></ul></body></html>",
        "chorwacja/index.html": "<html><head><title>Chorwacja 01-16.09.2012</title></head><body><script>"
                                "AC_FL_RunContent('src','resources/gallery','FlashVars','groupXML=resources/"
                                "mediaGroupData/group.xml');</script></body></html>",
        "chorwacja/resources/mediaGroupData/group.xml": group_xml(LIGHTROOM),
        "miesiac16/index.html": "<html><head><title>Miesiąc XVI</title></head><body><script src='jbcore/"
                                "juicebox.js'></script><script>new juicebox({containerId:'juicebox-container'});"
                                "</script><div id='juicebox-container'></div></body></html>",
        "miesiac16/config.xml": "<?xml version='1.0' encoding='UTF-8'?><juiceboxgallery galleryTitle='Miesiąc XVI'>"
                                + "".join(f"<image imageURL='images/{name}.jpg' thumbURL='thumbs/{name}.jpg' "
                                          f"linkURL='..'><title><![CDATA[{title}]]></title><caption><![CDATA["
                                          f"{caption}]]></caption></image>" for name, title, caption in JUICEBOX)
                                + "</juiceboxgallery>",
    })
    for name, _, _ in LIGHTROOM:
        photo(old, f"chorwacja/images/large/{name}.jpg", f"chorwacja/images/thumb/{name}.jpg", thumb_width=40)
    for name, _, _ in JUICEBOX:
        photo(old, f"miesiac16/images/{name}.jpg", f"miesiac16/thumbs/{name}.jpg", size=(1024, 768))
    return old


def test_a_lightroom_flash_gallerys_photos_and_captions_come_from_its_group_xml(tmp_path: Path) -> None:
    found = import_site(sidecar_galleries(tmp_path / "old"), tmp_path)
    items = [item_of(found, f"large/{name}.jpg") for name, _, _ in LIGHTROOM]
    assert [words(item.caption) for item in items] == [caption for _, _, caption in LIGHTROOM]
    topic = next(topic for topic in found.draft.topics if "chorwacja/index.html" in topic.redirect_from)
    assert list(topic.items) == [item.id for item in items]


def test_a_sidecar_entry_without_words_is_a_photo_without_a_caption(tmp_path: Path) -> None:
    found = import_site(sidecar_galleries(tmp_path / "old"), tmp_path)
    assert item_of(found, "large/P1070669.jpg").caption == ""


def test_a_juicebox_gallerys_photos_come_from_its_config_xml_with_title_and_caption(tmp_path: Path) -> None:
    found = import_site(sidecar_galleries(tmp_path / "old"), tmp_path)
    first, second = (item_of(found, f"miesiac16/images/{name}.jpg") for name, _, _ in JUICEBOX)
    assert "Jazda na baranicy" in words(first.caption) and "20171001 Wrocław" in words(first.caption)
    assert words(second.caption) == "Wieczór u Iza"


def test_a_sidecar_that_declares_entities_is_not_read(tmp_path: Path) -> None:
    old = sidecar_galleries(tmp_path / "old")
    (old / "miesiac16/config.xml").write_text(
        "<?xml version='1.0'?><!DOCTYPE g [<!ENTITY a 'images/PA010175.jpg'>]><juiceboxgallery>"
        "<image imageURL='&a;'><caption>Jazda</caption></image></juiceboxgallery>", encoding="utf-8")
    found = import_site(old, tmp_path)
    assert not [item for item in found.draft.items if "miesiac16" in item.image]


# -- a jAlbum folder index: tiny album covers lead to the albums; a "Powered by" badge; a size as alt text ---------

def folder_index(old: Path) -> Path:
    """jalbum-goliat-mixed index.html: each album a 55x60 cover (the file is one of its photos, 800x600) leading to
    its page, then its name; under the list a 'Powered by' picture whose alt is its size in bytes."""
    albums = {"lato": ["Plaża o świcie", "Zamek w deszczu"], "zima": ["Bałwan przed domem", "Sanki na górce"]}
    rows = ""
    for album, captions in albums.items():
        cells = ""
        for n, caption in enumerate(captions):
            photo(old, f"{album}/images/{album}{n}.jpg", f"{album}/thumbs/{album}{n}.jpg")
            cells += (f"<td><a href='images/{album}{n}.jpg'><img src='thumbs/{album}{n}.jpg'></a><br>{caption}</td>")
        write(old, {f"{album}/index.html": f"<html><head><title>Album {album}</title></head><body><h1>Album "
                                           f"{album}</h1><table><tr>{cells}</tr></table></body></html>"})
        rows += (f"<tr><td><a href='{album}/index.html'><img class='mthumb' src='{album}/images/{album}0.jpg' "
                 f"width='55' height='60' alt=''></a></td><td><a href='{album}/index.html'>Album {album}</a></td></tr>")
    write(old, {"index.html": "<html><head><title>Galeria</title></head><body><h1>Galeria</h1><table>" + rows
                              + "</table><p><img src='under.gif' width='400' height='314' alt='[Rozmiar: 35164 "
                                "bajtów]'></p><p>Powered by GOLI@T</p></body></html>"})
    photo(old, "under.gif", size=(400, 314))
    return old


def test_tiny_album_covers_on_a_folder_index_are_no_items(tmp_path: Path) -> None:
    found = import_site(folder_index(tmp_path / "old"), tmp_path)
    assert len(found.draft.items) == 4
    assert not [item for item in found.draft.items if "topic:" in item.caption]
    assert sorted(len(topic.items) for topic in found.draft.topics if topic.items) == [2, 2]
    assert words(item_of(found, "lato/images/lato0.jpg").caption) == "Plaża o świcie"


def test_a_powered_by_badge_is_chrome_and_a_size_is_no_alt(tmp_path: Path) -> None:
    found = import_site(folder_index(tmp_path / "old"), tmp_path)
    assert not [item for item in found.draft.items if item.image.endswith("under.gif")]
    assert not [item for item in found.draft.items if "Rozmiar" in item.alt or "Rozmiar" in item.caption]


def test_an_alt_that_is_only_a_size_is_no_caption(tmp_path: Path) -> None:
    old = tmp_path / "old"
    photo(old, "images/lake.jpg")
    write(old, {"index.html": "<html><head><title>Lake</title></head><body><h1>Lake</h1><img src='images/lake.jpg' "
                              "alt='[Size: 35164 bytes]'><p>We swam every morning.</p></body></html>"})
    found = import_site(old, tmp_path)
    assert item_of(found, "lake.jpg").alt == ""
    assert "Size" not in item_of(found, "lake.jpg").caption


def test_a_programs_list_of_a_pages_files_is_no_gallery(tmp_path: Path) -> None:
    """visio-bell-familytree: index_files/filelist.xml (Office's list of a saved page's parts) names the chart
    pictures its pages show; the toolbar page beside it shows none and is no gallery of them."""
    old = tmp_path / "old"
    photo(old, "index_files/chart_1.jpg", size=(660, 480))
    photo(old, "index_files/chart_2.jpg", size=(640, 480))
    write(old, {
        "index.html": "<html><head><title>Bell family</title></head><frameset cols='20%,*'><frame src='index_files/"
                      "toolbar.html'><frame src='index_files/page_1.html'></frameset></html>",
        "index_files/toolbar.html": "<html><body><a href='page_1.html' target='main'>Page-1</a> <a href='page_2.html'"
                                    " target='main'>Page-2</a></body></html>",
        "index_files/page_1.html": "<html><body><img src='chart_1.jpg'></body></html>",
        "index_files/page_2.html": "<html><body><img src='chart_2.jpg'></body></html>",
        "index_files/filelist.xml": "<xml xmlns:o='urn:schemas-microsoft-com:office:office'><o:MainFile HRef="
                                    "'../index.html'/><o:File HRef='page_1.html'/><o:File HRef='chart_1.jpg'/>"
                                    "<o:File HRef='page_2.html'/><o:File HRef='chart_2.jpg'/></xml>",
    })
    found = import_site(old, tmp_path)
    assert sorted(len(topic.items) for topic in found.draft.topics if topic.items) in ([1, 1], [2])
    assert all(len(item.topics) <= 1 for item in found.draft.items)
