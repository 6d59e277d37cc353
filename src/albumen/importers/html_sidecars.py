"""A gallery whose photos are listed only in an XML file its player reads: Lightroom's and Bridge's Flash
galleries (resources/mediaGroupData/group.xml), Juicebox and SimpleViewer (config.xml, gallery.xml).

The page holds no <img>: a Flash or JavaScript player loads the list. A person opening the page sees those
pictures with those words, so when a page shows no photo of its own, the XML files its scripts name (a
FlashVars `groupXML=...`) and those beside it are read, and the pictures they list that are files of the old
site become the page's photos, each with the words of its entry (its title, then its caption or description,
verbatim) as its caption: the same way in as a feed's (html_feeds.with_feed_photos).

The XML is read by defusedxml: a file that declares entities is refused, never expanded. Its text is decoded by
what its bytes are (Lightroom 1.0 writes UTF-8 under a declared UTF-16, which expat refuses): a byte order mark,
UTF-16 told by its zero bytes, the declared encoding when the bytes read as it, UTF-8, the page's encoding. A list
that still cannot be read is told (`unreadable`), with its file and why: its photos are not imported.
"""

from __future__ import annotations

import codecs
import posixpath
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from albumen.importers.decoding import decode_page
from albumen.importers.html_feeds import MAX_FEED_BYTES, FeedPhoto
from albumen.importers.html_page import OldPage
from albumen.importers.oldsite import OldSite, is_image
from albumen.reading import UnreadableFile, read_regular_file

XML_NAME = re.compile(r"[\w./%-]+\.xml\b", re.IGNORECASE)  # groupXML=resources/mediaGroupData/group.xml
TITLE_TAGS = ("title",)
CAPTION_TAGS = ("caption", "description")
OWN_PHOTO_PIXELS = 100  # an image this big both ways on the page is a photo of its own (no player's list)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class UnreadableSidecar(Exception):
    """An XML file of a gallery that cannot be read: the message says why."""


def photos_of_sidecar(site: OldSite, page: OldPage, elsewhere: set[str],
                      unreadable: Callable[[str, str], None] = lambda path, why: None) -> list[FeedPhoto]:
    """The pictures an XML file of the page's gallery lists, with their words; [] when the page shows a photo
    of its own, or no XML file names pictures of the old site that no page shows (`elsewhere`: the files the
    site's pages show or link to; a list of those is a program's list of a saved page's parts, Office's
    filelist.xml, not a gallery). An XML file that cannot be read is given to `unreadable` with why."""
    if page.body is None or _shows_a_photo(site, page):
        return []
    for sidecar in _sidecars(site, page):
        try:
            found = _read_sidecar(site, page, sidecar)
        except UnreadableSidecar as why:
            unreadable(sidecar, str(why))
            continue
        if found and 2 * sum(photo.picture in elsewhere for photo in found) < len(found):
            return found
    return []


def _shows_a_photo(site: OldSite, page: OldPage) -> bool:
    return any(use.src.is_file and (size := site.size(use.src.path)) is not None
               and min(size) >= OWN_PHOTO_PIXELS for use in page.images)


def _sidecars(site: OldSite, page: OldPage) -> list[str]:
    """The XML files the page's text names (its scripts, its embed's FlashVars), then those in its folder."""
    named = [site.resolve(page.rel, name) for name in XML_NAME.findall(page.decoded.text)]
    found = [target.path for target in named if target.is_file]
    found += site.xml_files_in(posixpath.dirname(page.rel))
    return list(dict.fromkeys(found))


def _read_sidecar(site: OldSite, old_page: OldPage, sidecar: str) -> list[FeedPhoto]:
    """The photos a sidecar lists; raises UnreadableSidecar with why when it cannot be read."""
    page = old_page.rel
    path = site.files[sidecar]
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            raise UnreadableSidecar(f"larger than {MAX_FEED_BYTES // 1_000_000} MB")
        root = fromstring(xml_text(read_regular_file(path), old_page.decoded.encoding), forbid_dtd=True)
    except (OSError, UnreadableFile) as why:
        raise UnreadableSidecar(str(why)) from why
    except ParseError as why:
        raise UnreadableSidecar(f"not well-formed XML ({why})") from why
    except DefusedXmlException as why:
        raise UnreadableSidecar("it declares entities or a DTD, which are never expanded") from why
    except ValueError as why:
        raise UnreadableSidecar(str(why)) from why
    folders = [""] + [value for key, value in root.attrib.items() if _local_name(key).endswith("path")]
    found: list[FeedPhoto] = []
    for entry in _entries(root):
        pictures = [p for ref in _references(entry) for p in [_picture(site, page, sidecar, folders, ref)] if p]
        if not pictures:
            continue
        picture = max(pictures, key=lambda rel: _area(site.size(rel)))
        smaller = [rel for rel in pictures if _area(site.size(rel)) < _area(site.size(picture))]
        thumbnail = min(smaller, key=lambda rel: _area(site.size(rel))) if smaller else None
        if all(photo.picture != picture for photo in found):
            found.append(FeedPhoto(picture, _words(entry), thumbnail))
    return found


def xml_text(raw: bytes, page_encoding: str) -> str:
    """An XML file's bytes -> its text, by what the bytes are (see the module), not only by what it declares;
    the parser is then given text, so its declaration no longer matters."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if raw[:1] == b"<" and raw[1:2] == b"\0":  # UTF-16 without a mark: '<' then a zero byte
        return raw.decode("utf-16-le", errors="replace")
    if raw[:1] == b"\0" and raw[1:2] == b"<":
        return raw.decode("utf-16-be", errors="replace")
    return decode_page(raw, page_encoding).text  # declared (UTF-16 without zero bytes is UTF-8), UTF-8, the page's


def _entries(node: Element) -> list[Element]:
    """The elements that stand for one picture each: the outermost that name a picture themselves (Juicebox's
    <image imageURL=...>) or hold a title or caption beside the pictures under them (Lightroom's <item>)."""
    children = list(node)
    own = [value for value in node.attrib.values() if is_image(value)]
    worded = any(_local_name(child.tag) in TITLE_TAGS + CAPTION_TAGS for child in children)
    if own or (worded and any(True for _ in _references(node))):
        return [node]
    return [entry for child in children for entry in _entries(child)]


def _references(entry: Element) -> list[str]:
    """The picture files an entry names: attributes (src, imageURL, thumbURL) and elements (<filename>)."""
    found: list[str] = []
    for node in entry.iter():
        found += [value.strip() for value in node.attrib.values() if is_image(value.strip())]
        text = (node.text or "").strip()
        if not list(node) and _local_name(node.tag) not in TITLE_TAGS + CAPTION_TAGS and is_image(text):
            found.append(text)
    return found


def _picture(site: OldSite, page: str, sidecar: str, folders: list[str], ref: str) -> str | None:
    """The old site's file a reference names: from the page (a player resolves against its page), else from
    the XML file's folder, with the folder the XML gives its pictures (SimpleViewer's imagePath)."""
    for base in (page, sidecar):
        for folder in folders:
            target = site.resolve(base, posixpath.join(folder, ref))
            if target.is_file and is_image(target.path):
                return target.path
    return None


def _words(entry: Element) -> str:
    """The entry's title, then its caption (or description), each verbatim; one when they say the same."""
    said: list[str] = []
    for tags in (TITLE_TAGS, CAPTION_TAGS):
        text = next((" ".join("".join(child.itertext()).split()) for child in entry
                     if _local_name(child.tag) in tags and "".join(child.itertext()).strip()), "")
        if text and text not in said:
            said.append(text)
    return " — ".join(said)


def _local_name(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].casefold()


def _area(size: tuple[int, int] | None) -> int:
    return size[0] * size[1] if size else 0
