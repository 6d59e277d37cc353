"""An album page whose photos are only in its feed: iWeb's Photos pages and galleries like them.

iWeb lays out an album's thumbnails with a script (Photos_files/Media/NAME/thumb.jpg) and writes each
photo's caption only in the album's feed (Photos_files/rss.xml, named by the page's
`<link rel="alternate" type="application/rss+xml">`): one <item> per photo, its <title> the caption,
its <enclosure> (or iPhoto's <thumbnail>) the picture (an Atom feed: one <entry>, its <link rel="enclosure">),
as an absolute URL of the site where it was published. A person opening the page sees those pictures with
those words; the importer reads them as a list of links to the pictures, each with its caption as its words
(html_page.add_linked_images).

The feed is read by defusedxml: a feed that declares entities is refused, never expanded (an RSS 0.91 DOCTYPE
that only names its DTD is still read).
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from selectolax.lexbor import LexborHTMLParser

from albumen.importers.html_page import OldPage
from albumen.importers.oldsite import OldSite, is_image
from albumen.reading import UnreadableFile, read_regular_file

FEED_TYPES = {"application/rss+xml", "application/atom+xml"}
ATOM = "{http://www.w3.org/2005/Atom}"
MAX_FEED_BYTES = 4_000_000  # a feed is text; a bigger file is no album's


@dataclass(frozen=True)
class FeedPhoto:
    picture: str  # the old site's file, relative to its root
    caption: str
    thumbnail: str | None = None  # a smaller rendition the list names (a player's thumbnail strip)


def photos_of_feed(site: OldSite, page: OldPage) -> list[FeedPhoto]:
    """The pictures the page's feed lists that are files of the old site, with their titles; [] when the page
    names no feed or the feed can't be read."""
    for link in page.tree.css("link[rel]"):
        kind = (link.attributes.get("type") or "").strip().lower()
        if "alternate" in (link.attributes.get("rel") or "").lower().split() and kind in FEED_TYPES:
            target = site.resolve(page.rel, link.attributes.get("href"))
            if target.is_file:
                return _read_feed(site, page.rel, target.path)
    return []


def with_feed_photos(page: OldPage, photos: list[FeedPhoto]) -> None:
    """Add the feed's pictures to the page's body as a list of links, each with its caption as its words (what
    the page's script shows), so that they are read as the page's photos like any list of pictures. When some
    picture has no words (a link of no words is no item of a list), each is shown as itself, its caption under
    it, keeping their order. When the list names thumbnails, each is shown leading to its photo, as the player's
    strip of thumbnails does: the thumbnails are the photo's, seen."""
    if any(photo.thumbnail for photo in photos):
        items = "".join(f"<li><p>{_shown(photo)}<br>{html.escape(photo.caption)}</p></li>" for photo in photos)
    elif all(photo.caption.strip() for photo in photos):
        items = "".join(f'<li><a href="/{html.escape(quote(photo.picture))}">{html.escape(photo.caption)}</a></li>'
                        for photo in photos)
    else:
        items = "".join(f'<li><p><img src="/{html.escape(quote(photo.picture))}"><br>{html.escape(photo.caption)}'
                        '</p></li>' for photo in photos)
    text = page.decoded.text
    end = text.lower().rfind("</body>")
    listing = f'<ul class="albumen-feed">{items}</ul>'
    page.tree = LexborHTMLParser(text[:end] + listing + text[end:] if end >= 0 else text + listing)


def _shown(photo: FeedPhoto) -> str:
    """The photo as a page shows it: its thumbnail leading to it, or itself."""
    big = html.escape(quote(photo.picture))
    if photo.thumbnail is None:
        return f'<img src="/{big}">'
    return f'<a href="/{big}"><img src="/{html.escape(quote(photo.thumbnail))}"></a>'


def _read_feed(site: OldSite, page: str, feed: str) -> list[FeedPhoto]:
    path = site.files[feed]
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            return []
        root = fromstring(read_regular_file(path))
    except (OSError, UnreadableFile, ParseError, DefusedXmlException, ValueError):
        return []
    found: list[FeedPhoto] = []
    for caption, urls in [*_rss_items(root), *_atom_entries(root)]:
        picture = next((p for p in (_local_file(site, page, url) for url in urls) if p), None)
        if picture is not None and all(p.picture != picture for p in found):
            found.append(FeedPhoto(picture, caption))
    return found


def _rss_items(root: Element) -> list[tuple[str, list[str]]]:
    """Each RSS <item>: its <title>, the URLs of its <enclosure> and iPhoto's <thumbnail>."""
    found: list[tuple[str, list[str]]] = []
    for item in root.iter("item"):
        urls = [e.attrib.get("url", "") for e in item.iter("enclosure")]
        urls += [(e.text or "").strip() for e in item.iter() if str(e.tag).endswith("}thumbnail")]
        found.append((" ".join((item.findtext("title") or "").split()), urls))
    return found


def _atom_entries(root: Element) -> list[tuple[str, list[str]]]:
    """Each Atom <entry>: its <title>, the URLs of its <link rel="enclosure">."""
    found: list[tuple[str, list[str]]] = []
    for entry in root.iter(f"{ATOM}entry"):
        urls = [link.attrib.get("href", "") for link in entry.iter(f"{ATOM}link")
                if link.attrib.get("rel") == "enclosure"]
        found.append((" ".join((entry.findtext(f"{ATOM}title") or "").split()), urls))
    return found


def _local_file(site: OldSite, page: str, url: str) -> str | None:
    """The old site's file an absolute URL of the published site names: the longest end of its path that is a
    file beside the page (the host and the folders it was published under are not the old site's)."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    for start in range(len(parts)):
        target = site.resolve(page, posixpath.join(*parts[start:]))
        if target.is_file and is_image(target.path):
            return target.path
    return None
