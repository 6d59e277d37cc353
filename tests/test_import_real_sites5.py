"""`albumen import html` on misreadings left from the earlier rounds of real sites (issue 13, note8_13.md "Not done,
seen and left"; realsites3_report.md, realsites4_report.md): an album feed that declares entities, a Juicebox
gallery whose captions are a date and a place, a Visio family chart whose names are only in its image map,
a trip page divided by day headings, iWeb's absolutely placed labels.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

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
