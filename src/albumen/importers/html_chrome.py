"""Site chrome: what repeats across pages (logos, banners, navigation bars, footers) is not content.

Chrome is told by repetition, not by any one site's markup:
- a line of text is chrome when it is on two or more pages and at least once it is not a photo's caption
  (a paragraph of a story, PROSE_WORDS long or more, on three: an author copies a day's paragraph to the next
  day's page, and it is content of both),
  or when it is said of five photos or more on their own pages (or of half of the photo pages, three at
  least): a gallery's title repeated on every photo page is no photo's caption;
  (a caption repeated on a photo's own page is still a caption; text beside a repeated image that leads
  nowhere, like a logo's, doesn't count as a caption); a line that is nothing but links
  ("Home | Gallery", "click to enlarge") is chrome as soon as it repeats, even within one page; lines that differ
  only by a date or time ("Last change was the 2017-03-07 23:22:25") are one line, on three pages or more;
- an image is chrome when it is on two or more pages, never leading to a bigger version of itself, and never
  with a caption or smaller than any photo (a logo or a button beside the caption of a photo page); and one file
  every page shows: the same picture saved under two names in two albums is a photo in both (unless small: a
  theme's buttons are often one plain picture under many names); and one file shown at the same place on most
  pages, whatever its caption (a logo over each page, the home page's text beside it).
  (Spacers, icons and banners are left out by size and shape before this: html_photos.py.)
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field

from albumen.importers.html_page import normalise_space
from albumen.importers.html_text import Line

COPYRIGHT_WORDS = ("©", "(c)", "copyright", "all rights reserved")
BANNER_SEPARATOR = re.compile(r"\s+[/|:»]\s+|\s+[-–—]\s+")  # "Album / picture_01", "Album - IMG_0012"
LABEL_ONLY = re.compile(r"\W*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|[^\s@]+@[^\s@]+\.\w+)\W*")  # a date, an e-mail
LABEL_WORDS = 8  # a part of a banner (an album's title) is no longer than this
DATE_OR_TIME = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}(?::\d{2})?")  # 2017-03-07, 23:22:25
DATED_PAGES = 3  # a line, with its date changed, on this many pages where it is no caption: a footer
EVERY_PAGE_MIN = 3  # an image at one place on this many pages (and half of them) is the site's logo
PROSE_WORDS = 25  # a line this long is a paragraph of a story, not a banner or a footer...
PROSE_PAGES = 3  # ...unless it is on this many pages
NOTICE_SHARE = 0.5  # repeated text on this share of the pages with text is the site's notice (a banner)
SENTENCE_END = re.compile(r"\w[.!?]+[\"')\]]*$")  # "... our first elk today."


@dataclass(frozen=True)
class Sighting:
    """One line of text on one page, and the photo (its key) it captions, if any."""

    page: str
    owner: str | None
    link_only: bool


@dataclass
class Chrome:
    """What was found to repeat, with what a report needs to say about it."""

    texts: dict[LineKey, int] = field(default_factory=dict)  # line key -> number of pages it is on
    pages: int = 0  # the pages with text
    shown_texts: dict[LineKey, str] = field(default_factory=dict)  # line key -> the text as first seen
    images: dict[str, int] = field(default_factory=dict)  # photo key -> number of pages it is on
    dated: set[LineKey] = field(default_factory=set)  # lines of a footer that differ only by a date
    dated_texts: list[tuple[str, int]] = field(default_factory=list)  # each such footer, its date left out: pages

    def is_chrome_line(self, line: Line) -> bool:
        key = line_key(line)
        return key in self.texts or key in self.dated

    def notice_and_rights(self) -> tuple[str, str]:
        """The repeated text that isn't navigation: offered as the site's notice (when on half the pages or more,
        as a banner is), and its rights line."""
        notice: list[str] = []
        rights: list[str] = []
        for key, text in self.shown_texts.items():
            words, link_only = key
            if link_only or self.texts[key] < 2:
                continue
            if any(word in words for word in COPYRIGHT_WORDS):
                rights.append(text)
            elif self.texts[key] >= NOTICE_SHARE * self.pages:
                notice.append(text)
        return " ".join(notice), " ".join(rights)


LineKey = tuple[str, bool]  # the words (whitespace normalised, case ignored), and whether it is all links


def line_key(line: Line) -> LineKey:
    """Lines with the same words are the same line; a link "About us" is not the heading "About us"."""
    return normalise_space(line.plain).casefold(), line.link_only


def find_chrome_text(sightings: dict[LineKey, list[Sighting]], shown: dict[LineKey, str],
                     photo_pages: frozenset[str] = frozenset()) -> Chrome:
    """sightings: line key -> where the line was seen; shown: line key -> its text; photo_pages: the pages that
    show one photo each."""
    chrome = Chrome(pages=len({s.page for seen in sightings.values() for s in seen}))
    for key, seen in sightings.items():
        pages = {s.page for s in seen}
        uncaptioned = any(s.owner is None for s in seen)
        link_owners = {s.owner or f"page:{s.page}" for s in seen if s.link_only}
        repeats = len(pages) >= (PROSE_PAGES if len(key[0].split()) >= PROSE_WORDS else 2)
        if (repeats and uncaptioned and not _listed_title(seen)) or len(link_owners) >= 2 or \
                _said_of_every_photo(seen, photo_pages):
            chrome.texts[key] = len(pages)
            chrome.shown_texts[key] = shown[key]
    for keys in _dated_variants(sightings):
        chrome.dated.update(keys)
        chrome.dated_texts.append((DATE_OR_TIME.sub("…", shown[keys[0]]),
                                   len({s.page for key in keys for s in sightings[key]})))
    return chrome


def _dated_variants(sightings: dict[LineKey, list[Sighting]]) -> list[list[LineKey]]:
    """Lines of words that differ only by a date or a time ("Last change was the 2017-03-07 23:22:25"), two or
    more different, on at least DATED_PAGES pages where they are no caption: a generator's footer."""
    groups: dict[LineKey, list[LineKey]] = defaultdict(list)
    for key in sightings:
        masked = DATE_OR_TIME.sub("#", key[0])
        if masked != key[0] and len(re.findall(r"[^\W\d_]{2,}", masked)) >= 2:  # words around it, not a date alone
            groups[(masked, key[1])].append(key)
    return [keys for keys in groups.values() if len(keys) >= 2 and len(
        {s.page for key in keys for s in sightings[key] if s.owner is None}) >= DATED_PAGES]


def _listed_title(seen: list[Sighting]) -> bool:
    """One photo's title on its own page that one other page lists as text (a media index's table of titles):
    the photo's, not the site's."""
    owners = {s.owner for s in seen if s.owner is not None}
    return len(owners) == 1 and len({s.page for s in seen if s.owner is None}) == 1 and not seen[0].link_only


def _said_of_every_photo(seen: list[Sighting], photo_pages: frozenset[str]) -> bool:
    """Text beside many different photos on their own pages (a gallery's title, "click for the next photo"):
    five photos or more, or at least three and half of all photo pages. Two photos may share a caption, and
    so may many photos of pages that show several ("Jim's daily notes." under each day's scan)."""
    owners = {s.owner for s in seen if s.owner is not None and s.page in photo_pages}
    return len(owners) >= 5 or (len(owners) >= 3 and 2 * len(owners) >= len(photo_pages))


@dataclass
class ImageSightings:
    """Where one image (by photo key) was shown, and whether it ever looked like a photo."""

    pages: set[str] = field(default_factory=set)
    captioned: bool = False
    leads_to_bigger: bool = False
    small: bool = False  # no side as long as a photo's: a logo, a button, a badge
    files: set[str] = field(default_factory=set)  # the files the pages show it from
    places: list[tuple[int, int]] = field(default_factory=list)  # its place among each page's photos: from the
    # first, from the last

    def in_one_place(self) -> bool:
        """At the same place on every page that shows it (the first photo, or the last)."""
        return any(len({place[end] for place in self.places}) == 1 for end in (0, 1))

    @property
    def suspect(self) -> bool:
        """Repeated and leading nowhere: maybe a logo or banner, so its "caption" may be chrome too."""
        return len(self.pages) >= 2 and not self.leads_to_bigger


def find_chrome_images(chrome: Chrome, images: dict[str, ImageSightings], pages_with_photos: int = 0) -> None:
    """Add to `chrome` the images shown on two or more pages that never look like a photo, and the one file
    shown at the same place on most pages (a logo over every page, whatever text is beside it)."""
    for key, seen in images.items():
        if _on_every_page(seen, pages_with_photos):
            chrome.images[key] = len(seen.pages)
            continue
        if len(seen.files) >= 2 and not seen.small:
            continue  # a photo copied into two albums under two names: a logo is one file that every page shows
        if len(seen.pages) >= 2 and not seen.leads_to_bigger and (not seen.captioned or seen.small):
            chrome.images[key] = len(seen.pages)


def _on_every_page(seen: ImageSightings, pages_with_photos: int) -> bool:
    """One file (or its copies under one name, one beside each page: iWeb's theme background), leading nowhere
    bigger, at the same place on half the pages that show pictures or more (three at least): the site's logo or
    backdrop, though the home page's text runs beside it and a page shows nothing else."""
    return len({posixpath.basename(f) for f in seen.files}) == 1 and not seen.leads_to_bigger \
        and len(seen.pages) >= EVERY_PAGE_MIN \
        and 2 * len(seen.pages) >= pages_with_photos and seen.in_one_place()


def banner_lines(lines: list[Line], names: set[str]) -> list[Line]:
    """The label a gallery maker prints over a photo on its own page (Photoshop's "Allen Family Album /
    picture_01back", then the date and an e-mail address): a line that joins a title to the photo's own file
    name, and the lines of the same block that are only a date or an e-mail address. None of it is a caption.
    A line whose other part is a sentence is a caption that starts with the name, kept.

    names: the photo's file names and their stems, lower case."""
    found: list[Line] = []
    for line in lines:
        parts = [part.strip().casefold() for part in BANNER_SEPARATOR.split(line.plain)]
        if len(parts) >= 2 and any(part in names for part in parts) and all(
                part in names or _is_label(part) for part in parts):
            block = line.ancestors[-1:] if line.ancestors else ()
            found += [other for other in lines if other is line or (
                other.ancestors[-1:] == block and LABEL_ONLY.fullmatch(other.plain))]
    return list(dict.fromkeys(found))


def _is_label(part: str) -> bool:
    """A short label (an album's title, a date), not a sentence: "Hoodoos - we saw them at dawn." beside
    Hoodoos.jpg is a caption that starts with the photo's name."""
    words = part.split()
    return len(words) <= LABEL_WORDS and not (len(words) >= 3 and SENTENCE_END.search(part))


def sightings_of(lines: list[tuple[str, Line, str | None]],
                 ) -> tuple[dict[LineKey, list[Sighting]], dict[LineKey, str]]:
    """(page, line, owner) -> sightings by line key, and each key's text as first seen."""
    found: dict[LineKey, list[Sighting]] = defaultdict(list)
    shown: dict[LineKey, str] = {}
    for page, line, owner in lines:
        key = line_key(line)
        found[key].append(Sighting(page, owner, line.link_only))
        shown.setdefault(key, line.plain)
    return dict(found), shown
