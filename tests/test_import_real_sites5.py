"""`albumen import html` on misreadings left from the earlier rounds of real sites (issue 13, note8_13.md "Not done,
seen and left"; realsites3_report.md, realsites4_report.md): an album feed that declares entities, a Juicebox
gallery whose captions are a date and a place, a Visio family chart whose names are only in its image map,
a trip page divided by day headings, iWeb's absolutely placed labels.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
