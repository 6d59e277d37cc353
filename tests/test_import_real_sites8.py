"""`albumen import html` on the kinds of old site the sixth round of real sites showed misread (issue 13,
/work/notes/realsites6_report.md): Lightroom 1.0's Flash gallery whose group.xml declares UTF-16 but is UTF-8, a
village logo shown at varying places on most pages, PowerPoint's "Save as Web Page", Web Album Generator's
filmstrip, Lightroom HTML captions with a time stamp, links to the site's own domain.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from albumen.importers.drafts import DraftItem, DraftPage, DraftTopic
from test_import_real_photos import HtmlImport, import_site, item_of, messages, photo, words, write
from test_import_real_sites4 import LIGHTROOM, group_xml

Record = DraftItem | DraftTopic | DraftPage


def by_old_page(found: HtmlImport) -> dict[str, Record]:
    """Each old address -> the record it leads to."""
    records: list[Record] = [*found.draft.items, *found.draft.topics, *found.draft.pages]
    return {old: record for record in records for old in record.redirect_from}


def text_of(record: Record) -> str:
    """A record's own words: an item's caption, a topic's narrative, a page's body."""
    if isinstance(record, DraftItem):
        return words(record.caption)
    return words(record.narrative if isinstance(record, DraftTopic) else record.body)


# -- 1. a sidecar that declares another encoding than its bytes are is read by its bytes -----------------------


def lightroom1_gallery(old: Path, xml: bytes) -> Path:
    """Lightroom 1.0's Adobe Flash Gallery: the page's FlashVars name resources/mediaGroupData/group.xml."""
    write(old, {"index.html": "<html><head><title>2009 Year in Review</title></head><body><script>"
                              "AC_FL_RunContent('src','resources/gallery','FlashVars','groupXML=resources/"
                              "mediaGroupData/group.xml');</script></body></html>"})
    (old / "resources/mediaGroupData").mkdir(parents=True)
    (old / "resources/mediaGroupData/group.xml").write_bytes(xml)
    for name, _, _ in LIGHTROOM:
        photo(old, f"images/large/{name}.jpg", f"images/thumb/{name}.jpg", thumb_width=40)
    return old


def declared_utf16(text: str) -> str:
    return text.replace("<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" encoding="UTF-16"?>')


def test_a_group_xml_declaring_utf16_but_written_in_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    old = lightroom1_gallery(tmp_path / "old", declared_utf16(group_xml(LIGHTROOM)).encode("utf-8"))
    found = import_site(old, tmp_path)
    captions = [words(item_of(found, f"large/{name}.jpg").caption) for name, _, _ in LIGHTROOM]
    assert captions == [caption for _, _, caption in LIGHTROOM]  # "Zachód słońca w Trogirze": UTF-8 letters


def test_a_group_xml_in_utf16_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    old = lightroom1_gallery(tmp_path / "old", declared_utf16(group_xml(LIGHTROOM)).encode("utf-16"))
    found = import_site(old, tmp_path)
    assert words(item_of(found, "large/P1070980.jpg").caption) == "Zachód słońca w Trogirze"


def test_a_gallery_xml_that_cannot_be_read_is_told_with_its_file_and_why(tmp_path: Path) -> None:
    old = lightroom1_gallery(tmp_path / "old", group_xml(LIGHTROOM).replace("</media>", "").encode("utf-8"))
    found = import_site(old, tmp_path)
    told = [look for look in found.report.looks if look.path == "resources/mediaGroupData/group.xml"]
    assert told and "mismatched tag" in told[0].message, messages(found)


# -- 2. a logo on most pages, at varying places, linked once: chrome, and no page's story its caption ----------

STORY = " ".join(["Skolan byggdes 1858 och eleverna gick dit varje dag genom skogen."] * 12)
LOGO = "<p><img src='logan.gif' alt='Barva Framtid logan' width='187' height='145'></p>"
BARVA_HEAD = "<html><head><meta charset='windows-1252'><title>{}</title></head><body>"


def village_logo_site(old: Path) -> Path:
    """village-barva-se: logan.gif (a photo of a windmill saved as a 187x145 GIF) on every page, before the
    heading, after it or after the story; on the home page it links to bfa.htm, a page of history."""
    pages = {
        "index.htm": ("Barva", "<p><a href='bfa.htm'><img src='logan.gif' alt='Barva Framtid logan' width='187' "
                      "height='145'></a></p><h1>Barva</h1><p><a href='kyrka.htm'>Kyrkan</a> | <a href='skolm.htm'>"
                      "Skolminnen</a> | <a href='tromb.htm'>Tromben</a></p>"),
        "kyrka.htm": ("Barva kyrka", "<h1>Barva kyrka</h1><p><img src='kyrka.jpg' width='400' height='300'><br>"
                      "Barva kyrka 1905</p>" + LOGO),
        "bfa.htm": ("Om Barva Föreläsningsanstalt", LOGO + f"<h1>Barva Föreläsningsanstalt</h1><p>{STORY}</p>"),
        "skolm.htm": ("Skolminnen från Barva", f"<h1>Skolminnen</h1><p>{STORY}</p><p>{STORY}</p>" + LOGO),
        "tromb.htm": ("Tromben i Barva", "<h1>Tromben i Barva</h1>" + LOGO + f"<p>{STORY.replace('Skolan', 'Tromben')}"
                      "</p><p><img src='tromb.jpg' width='400' height='300'><br>Efter tromben 1964</p>"),
    }
    write(old, {rel: BARVA_HEAD.format(title) + body + "</body></html>" for rel, (title, body) in pages.items()})
    for name in ("kyrka.jpg", "tromb.jpg"):
        photo(old, name, size=(400, 300))
    photo(old, "logo.jpg", size=(187, 145))
    with Image.open(old / "logo.jpg") as image:
        image.quantize(254).save(old / "logan.gif")
    (old / "logo.jpg").unlink()
    return old


def test_a_logo_on_every_page_at_varying_places_is_no_photo(tmp_path: Path) -> None:
    found = import_site(village_logo_site(tmp_path / "old"), tmp_path)
    assert not [item for item in found.draft.items if item.image.endswith("logan.gif")]
    assert sorted(item.image.rsplit("/", 1)[1] for item in found.draft.items) == ["kyrka.jpg", "tromb.jpg"]


def test_the_pages_of_history_keep_their_own_text(tmp_path: Path) -> None:
    found = import_site(village_logo_site(tmp_path / "old"), tmp_path)
    text = {old: text_of(record) for old, record in by_old_page(found).items()}
    assert "eleverna gick dit varje dag" in text["bfa.htm"] and "eleverna gick dit varje dag" in text["skolm.htm"]
    assert "Tromben byggdes 1858" in text["tromb.htm"]
    assert all(len(item.caption.split()) < 20 for item in found.draft.items)


# -- 3. relatives linked by a small icon, with backslash paths -------------------------------------------------

ICON = "<A href=..\\0001/{n}.htm><IMG SRC='../ansedel.gif' BORDER=0 WIDTH=20 HEIGHT=15 ALT='Ansedel'></A>"


def person_page(n: int, name: str, relatives: list[tuple[str, str, int]]) -> str:
    """A Swedish genealogy program's person sheet (Ansedel, 0001/N.htm): each relative's name, then an icon
    linking to the relative's sheet by a Windows path."""
    return (f"<html><head><title>Ansedel för {name}</title></head><body><CENTER><B>{name}</B></CENTER>"
            f"<P><IMG SRC='../bilder/p{n}.jpg' WIDTH=300 HEIGHT=400><BR>{name} 1965</P><TABLE BORDER=1><TR>"
            + "".join(f"<TD>{kin} <B>{other}</B>. " + ICON.format(n=m) + "</TD>" for kin, other, m in relatives)
            + "</TR></TABLE></body></html>")


def test_icon_links_with_backslash_paths_become_links_in_the_text(tmp_path: Path) -> None:
    old = tmp_path / "old"
    write(old, {
        "0001/1.htm": person_page(1, "Per Bertil Ahnlund", [("f", "Stig Ahnlund", 7), ("m", "Greta Ahnlund", 12)]),
        "0001/7.htm": person_page(7, "Stig Ahnlund", [("s", "Per Bertil Ahnlund", 1)]),
        "0001/12.htm": person_page(12, "Greta Ahnlund", [("s", "Per Bertil Ahnlund", 1)]),
        "index.htm": "<html><head><title>Ahnlund</title></head><body><h1>Ahnlund</h1><p>Per Bertil: "
                     + ICON.format(n=1).replace("../ansedel", "ansedel") + "</p></body></html>",
    })
    Image.new("RGB", (20, 15), (200, 170, 40)).save(old / "ansedel.gif")
    for n in (1, 7, 12):
        photo(old, f"bilder/p{n}.jpg", size=(300, 400))
    found = import_site(old, tmp_path)
    records = by_old_page(found)
    seven, twelve = (records[f"0001/{n}.htm"].id for n in (7, 12))
    text = text_of(records["0001/1.htm"])
    assert f":{seven})" in text and f":{twelve})" in text, text
    assert not [look for look in found.report.looks if "outside the old site" in look.message]  # the root's ..\\


# -- 4. PowerPoint's "Save as Web Page": one topic per presentation ---------------------------------------------

PPT_HEAD = ("<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1252'><meta name=ProgId "
            "content=PowerPoint.Slide><title>{}</title></head><body>")
SLIDES = ["Holmsjö 1956", "Haglö 1959", "Haglö 1979"]


def powerpoint_site(old: Path) -> Path:
    """A talk saved by PowerPoint 2003: Haglo.htm (its script opens Haglo-filer/frame.htm, a frameset of the outline
    and the first slide), outline.htm and slide000N.htm, each slide its picture, its words and a Next link written
    as a script."""
    files = {
        "index.htm": "<html><head><title>Ahnlund</title></head><body><h1>Ahnlund</h1><p><a href='Haglo.htm'>Haglö "
                     "förr och nu</a></p></body></html>",
        "Haglo.htm": PPT_HEAD.format("Haglö förr och nu") + "<script>document.location.replace('Haglo-filer/"
                     "frame.htm')</script><p>Haglö förr och nu</p></body></html>",
        "Haglo-filer/frame.htm": PPT_HEAD.replace("<body>", "").format("Haglö förr och nu") + "<frameset cols="
                                 "'25%,*'><frame src='outline.htm' title='Disposition'><frame src='slide0001.htm'"
                                 " title='Bild'></frameset></html>",
        "Haglo-filer/outline.htm": PPT_HEAD.format("Disposition") + "".join(
            f"<p><a href=\"javascript:GoToSld('slide000{n}.htm')\">{title}</a></p>"
            for n, title in enumerate(SLIDES, 1)) + "</body></html>",
    }
    for n, title in enumerate(SLIDES, 1):
        following = f"<a href=\"javascript:GoToSld('slide000{n + 1}.htm')\">Nästa</a>" if n < len(SLIDES) else ""
        files[f"Haglo-filer/slide000{n}.htm"] = (
            PPT_HEAD.format(title) + f"<img src='master04_image001.gif' width=720 height=40><div><img "
            f"src='slide000{n}_image03{n}.jpg' width=480 height=360></div><div><p>{title}</p></div>{following}"
            "</body></html>")
        photo(old, f"Haglo-filer/slide000{n}_image03{n}.jpg", size=(640, 480))
    write(old, files)
    Image.new("RGB", (720, 40), (20, 40, 120)).save(old / "Haglo-filer/master04_image001.gif")
    return old


def test_a_powerpoint_presentation_is_one_topic_of_its_slides_in_order(tmp_path: Path) -> None:
    found = import_site(powerpoint_site(tmp_path / "old"), tmp_path)
    slides = [item_of(found, f"slide000{n}_image03{n}.jpg") for n in (1, 2, 3)]
    topics = [topic for topic in found.draft.topics if any(item.id in topic.items for item in slides)]
    assert len(topics) == 1, [(topic.title, topic.redirect_from) for topic in topics]
    assert list(topics[0].items) == [item.id for item in slides]
    assert [words(item.caption) for item in slides] == SLIDES
    assert topics[0].title == "Haglö förr och nu"  # the presentation's, not its outline's ("Disposition")


# -- 5. a photo page with a strip of its neighbours' thumbnails is a photo page, not a gallery -----------------

ROOMS = ["1rosemaryinn", "2rosemaryinnfront", "3rosemaryinnsideview", "4rosemaryinnporch", "5rosemaryinndanceroom",
         "6rosemaryinndiningroom", "7rosemaryinnfoodservice"]


def web_album_generator_site(old: Path) -> Path:
    """Web Album Generator 1.5 (ornj.net): index.html of thumbnails leading to photos/photo_N.html, each with
    Previous | Index | Next, a strip of up to five neighbours' thumbnails (its own unlinked), its photo, its file
    name."""
    files = {"index.html": "<html><head><title>Wedding site tour</title></head><body><h1>Wedding site tour</h1>"
                           + "".join(f"<a href='photos/photo_{n}.html'><img src='thumbnails/thumb_{name}.JPG' "
                                     f"alt='Photo Number {n}'></a>" for n, name in enumerate(ROOMS, 1))
                           + "</body></html>"}
    for n, name in enumerate(ROOMS, 1):
        strip = "".join(
            f"<td><a href='photo_{m}.html'><img src='../thumbnails/thumb_{ROOMS[m - 1]}.JPG' alt='Photo Number {m}'>"
            "</a></td>" if m != n else f"<td><img src='../thumbnails/thumb_{name}.JPG' alt='Current Photograph'></td>"
            for m in range(max(1, n - 2), min(len(ROOMS), n + 2) + 1))
        previous = f"<a href='photo_{n - 1}.html'>&lt;&lt;Previous</a>" if n > 1 else ""
        following = f"<a href='photo_{n + 1}.html'>Next &gt;&gt;</a>" if n < len(ROOMS) else ""
        files[f"photos/photo_{n}.html"] = (
            f"<html><head><title>{name}.JPG</title></head><body><table><tr><td>{previous}</td><td><a href="
            f"'../index.html'>Index</a></td><td>{following}</td></tr><tr>{strip}</tr></table><img src='../photos/"
            f"{name}.JPG' alt='Photograph'><div class='title'><strong>{name}.JPG</strong></div><p>Created with "
            "<a href='http://www.ornj.net/'>Web Album Generator</a></p></body></html>")
        photo(old, f"photos/{name}.JPG", f"thumbnails/thumb_{name}.JPG")
    return write(old, files)


def test_photo_pages_with_a_strip_of_neighbours_are_photo_pages_of_one_gallery(tmp_path: Path) -> None:
    found = import_site(web_album_generator_site(tmp_path / "old"), tmp_path)
    assert [topic.title for topic in found.draft.topics] == ["Wedding site tour"]
    items = [item_of(found, f"photos/{name}.JPG") for name in ROOMS]
    assert sorted(found.draft.topics[0].items) == sorted(item.id for item in items)  # (order: see the report)
    assert all(f"photos/photo_{n}.html" in item.redirect_from for n, item in enumerate(items, 1))


# -- 6. links to the site's own address are its own links ----------------------------------------------------


def test_links_to_the_sites_own_address_are_internal(tmp_path: Path) -> None:
    old = tmp_path / "old"
    write(old, {
        "index.htm": BARVA_HEAD.format("Barva") + "<h1>Barva</h1><p><img src='kyrka.jpg' width='400' height='300'>"
                     "<br>Barva kyrka 1905</p><p>Läs mer om <a href='http://www.barvabygden.se/utst.htm'>Forntida "
                     "arv i Barva</a> och <a href='utst.htm'>utställningen</a>.</p></body></html>",
        "utst.htm": BARVA_HEAD.format("Forntida arv i Barva") + "<h1>Forntida arv i Barva</h1><p><img src='sten.jpg' "
                    "width='400' height='300'><br>Runsten vid kyrkan</p><p><a href='http://www.barvabygden.se/"
                    "index.htm'>Till startsidan</a></p></body></html>",
    })
    photo(old, "kyrka.jpg", size=(400, 300))
    photo(old, "sten.jpg", size=(400, 300))
    found = import_site(old, tmp_path)
    assert not [link for topic in found.draft.topics for link in topic.links if "barvabygden" in link.url]
    assert "barvabygden" not in " ".join(topic.narrative for topic in found.draft.topics)


# -- 6. Lightroom HTML's caption "... -- 5/18/2007 10:40:40 AM": the time stamp is the photo's date -----------

REMODEL = [("DSCF0086", "The pull down stairs in action", "4/16/2006 7:49:55 AM", "2006-04-16"),
           ("IMG_2533", "Living Room from the front hall, Before.", "5/18/2007 10:40:40 AM", "2007-05-18")]


def test_a_time_stamp_after_a_lightroom_caption_is_the_photos_date(tmp_path: Path) -> None:
    old = tmp_path / "old"
    files = {"index.html": "<html><head><title>2007 Remodel</title></head><body><h1>2007 Remodel</h1>" + "".join(
        f"<div class='thumbnail'><a href='content/{name}_large.html'><img src='content/images/thumb/{name}.jpg'>"
        "</a></div>" for name, _, _, _ in REMODEL) + "</body></html>"}
    for name, caption, stamp, _ in REMODEL:
        files[f"content/{name}_large.html"] = (
            f"<html><head><title>2007 Remodel</title></head><body><div id='previewFull'><img src='images/large/"
            f"{name}.jpg' width='800' height='600'></div><div id='detailCaption'>{caption} -- {stamp}</div>"
            "<a href='../index.html'>index</a></body></html>")
        photo(old, f"content/images/large/{name}.jpg", f"content/images/thumb/{name}.jpg")
    found = import_site(write(old, files), tmp_path)
    for name, caption, _, date in REMODEL:
        item = item_of(found, f"large/{name}.jpg")
        assert (words(item.caption), item.date) == (caption, date)
