"""The old-site reader: a saved copy of a hand-made photo website -> draft topics, items and pages.

The steps, in order:
1. read every page (decoded, parsed) and find each <img>'s largest version (html_photos.py);
2. find each photo's caption, first knowing nothing of chrome (html_captions.py), so that
3. what repeats across pages, and is not a caption, is known as chrome (html_chrome.py);
4. find the captions again with chrome left out, now final;
5. the same photo on several pages becomes one item; a page that shows one photo, reached from a
   thumbnail, is that photo's own page; a page with photos is a topic; a page without is a free page;
6. links between the old pages are rewritten to the new records (item:, topic:), and every old path is
   kept as a redirect, so old links keep working.
Nothing here writes a file: the result is a Draft for the archive writer and a report.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import takewhile
from pathlib import Path
from typing import Any

from albumen.archive_reader import load_places
from albumen.file_names import CAMERA_NAME, FILE_NAME, FILE_SIZE, SIZE_LABEL, TRUNCATED
from albumen.ids import RESERVED_PAGE_IDS
from albumen.importers.drafts import Draft, DraftItem, DraftPage, DraftTopic, ImageCopy, SiteSettings
from albumen.importers.fields import caption_markdown, edtf_from_text, id_slug, is_default_name, split_values
from albumen.importers.html_captions import INSTRUCTION, Captions, assign_captions, layout_of
from albumen.importers.html_chrome import (
    GALLERY_PHOTOS,
    Chrome,
    ImageSightings,
    banner_lines,
    find_chrome_images,
    find_chrome_text,
    find_credit_badges,
    line_key,
    sightings_of,
)
from albumen.importers.html_copies import copies_of_pages
from albumen.importers.html_feeds import FeedPhoto, photos_of_feed, with_feed_photos
from albumen.importers.html_fields import LabelledFields, labelled_fields
from albumen.importers.html_frontpage import included_parts, slide_show_captions
from albumen.importers.html_maps import with_map_labels
from albumen.importers.html_objects import sides_as_one
from albumen.importers.html_page import (
    ImageUse,
    OldPage,
    add_linked_images,
    find_images,
    normalise_space,
    read_page,
    site_addresses,
)
from albumen.importers.html_paging import STORY_WORDS, continued_galleries, is_page_counter
from albumen.importers.html_photos import Versions, find_versions, linked_images_left_out
from albumen.importers.html_scripts import captions_by_file
from albumen.importers.html_sections import Section, divides, sections_of
from albumen.importers.html_sidecars import photos_of_sidecar
from albumen.importers.html_text import (
    HEADINGS,
    Event,
    Line,
    LinkFn,
    PhotoMark,
    escape_markdown,
    lines_markdown,
    page_events,
)
from albumen.importers.oldsite import INDEX_NAMES, OldSite, is_image, is_page
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.report import ImportReport
from albumen.markup import plain_text
from albumen.problems import AlbumenError, Problems
from albumen.reading import UnreadableFile
from albumen.records import ItemImage, Link
from albumen.reporter import Reporter
from albumen.urls import item_url, redirect_file, relative_url, scheme_url

SMALL_PHOTO_PIXELS = 200  # a photo no bigger than this both ways is a thumbnail without a bigger version
COUNTER = re.compile(r"\W*(?:(?:slide|image|photo|picture|bild|foto|photo|image|imagen|immagine)\s*)?\d+"
                     r"(?:\s*(?:/|of|von|de|sur|di)\s*\d+)?\W*", re.IGNORECASE)  # "3", "3/12", "Slide 3 of 12"
TIME_STAMP = re.compile(r"\W*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\W*",
                        re.IGNORECASE)  # a file's date and time, as gallery makers print it: 07/11/06 11:31
RECORD_ID = re.compile(r"\W*([A-Z]{1,3})\d{3,}\W*")  # a database's record id alone (Gramps' "O0015")...
RECORD_ID_LINES = 3  # ...is no caption when the site shows ids with its letters on this many lines
ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")  # a time stamp's date, year first: 2008-03-14
CAMERA_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")  # month and day (either order), year
TWO_DIGIT_PIVOT = 70  # a time stamp's two-digit year below this is 20xx (digital cameras), else 19xx
SMALL_CHROME_PIXELS = 150  # an image shown on many pages, no longer than this, leading nowhere bigger: chrome
SECTION_LABEL_WORDS = 4  # a heading this short over a section is its label ('References'); longer, it says something
TITLE_LABEL_WORDS = 6  # a line this short before a gallery's photos can tell it from others of its title
SHORT_TEXT_WORDS = 80  # a page with one photo and no more words than this is that photo's page
TITLE_SEPARATORS = re.compile(r"\s*[:|»]\s+|\s+[-·—–]+\s+")
LANGUAGES_OF_ENCODINGS = {"cp932": "ja", "shift_jis": "ja", "euc_jp": "ja", "iso2022_jp": "ja", "gb18030": "zh",
                          "big5hkscs": "zh", "big5": "zh", "cp949": "ko", "euc_kr": "ko"}


@dataclass
class HtmlImport:
    """What the reader found: the records to write and the report so far."""

    draft: Draft
    report: ImportReport


@dataclass(eq=False)
class PageText:
    """A page with its captions found: which photos it shows, and whose text is whose."""

    page: OldPage
    photos: list[ImageUse]
    events: list[Event]
    captions: Captions

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.events if isinstance(e, Line)]


@dataclass(eq=False)
class Photo:
    """One photograph, however many pages show it."""

    key: str
    versions: Versions
    uses: list[ImageUse] = field(default_factory=list)
    photo_pages: list[str] = field(default_factory=list)  # its own pages (a gallery's, a slide show's ...)
    id: str = ""

    @property
    def photo_page(self) -> str | None:
        return self.photo_pages[0] if self.photo_pages else None

    @property
    def best(self) -> str:
        assert self.versions.best is not None
        return self.versions.best


def read_html_site(old_root: Path, archive_root: Path, *, encoding: str | None = None,
                   reporter: Reporter | None = None, label: str | None = None) -> HtmlImport:
    """Read the saved old site in `old_root` into a Draft for the archive at `archive_root`."""
    reader = _Reader(OldSite(old_root, skip=archive_root.resolve()), encoding, reporter or Reporter(),
                     ImportReport(label or str(old_root)))
    reader.places = LazyPlaceLookup(load_places(archive_root, Problems()))  # its problems are `check`'s to say
    return reader.read()


class _Reader:
    """One import of one old site; each method is one step of the module's list."""

    def __init__(self, site: OldSite, encoding: str | None, reporter: Reporter, report: ImportReport) -> None:
        self.site, self.encoding, self.reporter, self.report = site, encoding, reporter, report
        self.pages: dict[str, OldPage] = {}
        self.versions: dict[tuple[str, int], Versions] = {}
        self.photo_pages: dict[str, str] = {}  # old page -> key of the photo it is the own page of
        self.lost_big: dict[str, str] = {}  # a photo page whose big image is missing -> its thumbnail's photo key
        self.one_photo: dict[str, str] = {}  # old page -> key of the one photo it shows besides repeated images
        self.gathered: dict[str, list[str]] = {}  # topic (old page or slide show) -> photo keys given to it
        self.slide_shows: dict[str, list[str]] = {}  # a slide show's topic key -> its pages in order
        self.continued: dict[str, str] = {}  # a paged gallery's later page -> its first page (one topic)
        self.titles: dict[str, str] | None = None  # a gallery -> its title, where several would share one
        self.copies: set[str] = set()  # galleries in `continued` that show again photos of one of the same title
        self.linked_from: dict[str, list[OldPage]] = {}  # old page -> the pages that link or move on to it
        self.old_pages_of: dict[str, list[str]] | None = None  # new record -> old pages leading to it, once known
        self.texts: dict[str, PageText] = {}
        self.script_captions: dict[str, str] | None = None  # file name -> caption, from the pages' scripts
        self.fields: dict[str, LabelledFields | None] = {}  # photo page -> the labelled fields it lists
        self.parts: dict[str, str] = {}  # a page that is a part of another (FrontPage's real.htm) -> that page
        self.page_copies: dict[str, str] = {}  # a page saved again in another folder -> the page kept instead
        self.chrome = Chrome()
        self.second_views: dict[str, Versions] = {}  # a photo's key -> the other view of it its own page shows
        self.same_as: dict[str, str] = {}  # a second view's key -> the key of the photo it belongs to
        self.hidden_views: set[tuple[str, int]] = set()  # (page, image number) of second views beside their photo
        self.photos: dict[str, Photo] = {}  # by key, in the order first seen
        self.roles: dict[str, str] = {}  # old page -> photo, gallery, free, home, menu or empty
        self.headings: dict[tuple[str, int], Line] = {}  # (page, image number) -> the heading over its photo
        self.sections: dict[str, list[tuple[Section, str, list[str]]]] = {}  # a gallery -> (section, topic, keys)
        self.ids = _Ids()
        self.targets: dict[str, str] = {}  # old path -> Markdown link target (item:ID, topic:ID, page URL)
        self.places = LazyPlaceLookup(())  # place names -> the archive's place ids (new ones drafted)
        self.site_names = frozenset(posixpath.basename(rel).casefold() for rel in site.files if is_image(rel))

    def read(self) -> HtmlImport:
        self._read_pages()
        self.parts = included_parts(self.site, self.pages)
        for part in self.parts:  # shown inside the page that includes it: never read a second time
            del self.pages[part]
        self.page_copies = copies_of_pages(self.site, self.pages)
        for copy in self.page_copies:  # one page to a reader: counted twice, all its text would repeat (chrome)
            del self.pages[copy]
        for page in self.pages.values():
            for other in dict.fromkeys(_leads_to(page)):
                self.linked_from.setdefault(other, []).append(page)
        self.versions = find_versions(self.site, self.pages)
        self.photo_pages = self._find_photo_pages()
        candidates = {rel: [u for u in page.images if self.versions[(rel, u.number)].is_photo_candidate]
                      for rel, page in self.pages.items()}
        self.one_photo = self._one_photo_pages(candidates)
        self.lost_big = self._pages_of_missing_photos(candidates)
        first = {rel: self._page_text(page, candidates[rel], _never) for rel, page in self.pages.items()}
        self._find_second_views(first)
        self.chrome = self._find_chrome(first)
        for rel, page in self.pages.items():
            photos = [u for u in candidates[rel] if self._key(u) not in self.chrome.images
                      and (rel, u.number) not in self.hidden_views]
            self.texts[rel] = self._page_text(page, photos, self.chrome.is_chrome_line)
        self._leave_out_unreadable()
        self._collect_photos()
        self._assign_roles()
        self._give_loose_photos_a_topic()
        galleries = [rel for rel in _reading_order(self.texts) if self.roles[rel] == "gallery"]
        self.continued = continued_galleries(
            self.site, self.pages, galleries, lambda rel, number: not self.versions[(rel, number)].is_photo_candidate,
            {rel: " ".join(line.plain for line in self.texts[rel].captions.loose if not line.link_only
                           and not FILE_EXTENSION.search(line.plain)) for rel in galleries})  # a story, no labels
        for rel, role in self.roles.items():
            if role == "gallery":
                self.headings.update(_photo_headings(self.texts[rel]))
        self._join_copies_of_galleries()
        self._assign_ids()
        self._map_the_other_pages()
        items = tuple(self._items())
        draft = Draft(items=items, topics=tuple(self._topics()), pages=tuple(self._pages()),
                      places=self.places.drafts(), images=tuple(self._images()), settings=self._settings())
        draft = self._sides_as_one(draft)
        self._report_left_out()
        return HtmlImport(_without_clashing_redirects(draft, self.report), self.report)

    def _sides_as_one(self, draft: Draft) -> Draft:
        """A page's front and back as one item (html_objects.py), and the report told so."""
        found, merged = sides_as_one(draft)
        if merged:
            kept = {topic.id for topic in found.topics}
            self.report.items = [(old, merged.get(new, new)) for old, new in self.report.items]
            self.report.photo_pages = [(old, merged.get(new, new)) for old, new in self.report.photo_pages]
            self.report.topics = [(old, new) for old, new in self.report.topics if new in kept]
        return found

    # -- 1. pages and images ---------------------------------------------------------------------------------

    def _read_pages(self) -> None:
        for rel, why in self.site.odd.items():  # Found by tests/test_trust_imports.py: FIFOs, link loops
            self.report.look(rel, None, f"not imported: {why}", kind="files of the old site that are no ordinary "
                             "file (a FIFO, a link in a loop or to nothing): not imported; each is in the report")
        for rel, why in self.site.unlisted.items():  # Found by tests/test_trust_fs_mix.py: left out unsaid
            self.report.look(rel, None, f"not imported: {why}; the pages and photos in it were left out")
        for rel in self.site.metadata:
            self.report.look(rel, None, "not imported: the program that made the site (FrontPage) keeps its own "
                             "records here; no page or photo of the site is in it", kind="folders of the program "
                             "that made the site (FrontPage's _vti_cnf/, _vti_pvt/): not imported")
        for rel, on_disk in self.site.renamed.items():
            self.report.look(rel, None, f"its name on the disk ('{on_disk}') is not UTF-8; read as Windows-1252, "
                             f"'{rel}', the name the archive uses", kind="file names that are not UTF-8, read as "
                             "Windows-1252 (the archive uses those names); each is in the report")
        rels = self.site.pages()
        if not rels:
            raise AlbumenError(f"no .html or .htm pages in {self.report.source}: is it the folder of a saved "
                               "website?")
        with self.reporter.progress("read", "pages") as advance:
            for number, rel in enumerate(rels, start=1):
                try:
                    page = read_page(self.site, rel, self.encoding)
                except UnreadableFile as why:
                    self.report.look(rel, None, f"can't read this page: {why}", level="error")
                    continue
                self.pages[rel] = page
                self.report.pages_read.append((rel, f"{page.decoded.encoding}, {page.decoded.how}"))
                if page.decoded.doubtful:
                    self.report.look(rel, None, f"some characters could not be read as {page.decoded.encoding}; "
                                     "if letters look wrong, import again with --encoding (e.g. cp1252, shift_jis)")
                advance(number, len(rels))
        self.site.learn_addresses([url for page in self.pages.values() for url in site_addresses(page)])
        for page in self.pages.values():
            with_map_labels(page)
            find_images(self.site, page)
            self._show_players_list(page, photos_of_feed(self.site, page))
        elsewhere = {target.path for page in self.pages.values() for use in page.images
                     for target in (use.src, use.link) if target is not None and target.is_file}
        for page in self.pages.values():
            self._show_players_list(page, photos_of_sidecar(self.site, page, elsewhere))
        for rel, page in self.pages.items():
            for href, line in page.refused:
                self.report.look(rel, line, f"link '{href}' leads outside the old site's folder; not followed",
                                 kind="links that lead outside the old site's folder: not followed")
        add_linked_images(self.site, list(self.pages.values()))

    def _show_players_list(self, page: OldPage, photos: list[FeedPhoto]) -> None:
        """An album its script lays out from a list (a feed, a player's XML): its photos are the list's."""
        shown = {use.src.path for use in page.images}
        if photos and not any(photo.picture in shown for photo in photos):
            with_feed_photos(page, photos)
            for found in (page.images, page.links, page.frames, page.refused):
                found.clear()
            find_images(self.site, page)

    def _key(self, use: ImageUse) -> str:
        return self._key_of(self.versions[(use.page, use.number)].key)

    def _key_of(self, key: str | None) -> str:
        """A picture's key, or that of the photo it is the second view of (a print's back)."""
        return self.same_as.get(key, key) if key is not None else ""

    def _find_photo_pages(self) -> dict[str, str]:
        """Pages that thumbnails lead to and that show that one photo."""
        keys: dict[str, set[str]] = {}
        for versions in self.versions.values():
            if versions.photo_page is not None:
                keys.setdefault(versions.photo_page, set()).add(versions.key)
        return {page: next(iter(found)) for page, found in keys.items() if len(found) == 1}

    def _pages_of_missing_photos(self, candidates: dict[str, list[ImageUse]]) -> dict[str, str]:
        """Pages a thumbnail leads to that show no photo because their big image is missing (an album whose
        images/ folder was lost): each is the own page of the one picture whose thumbnails lead there."""
        keys: dict[str, set[str]] = {}
        for (rel, number), versions in self.versions.items():
            link = self.pages[rel].images[number].link
            if (versions.is_photo_candidate and link is not None and link.is_file and link.path != rel
                    and link.path in self.pages and not candidates[link.path]
                    and any(use.src.kind == "missing" for use in self.pages[link.path].images)):
                keys.setdefault(link.path, set()).add(versions.key)
        return {page: next(iter(found)) for page, found in keys.items() if len(found) == 1}

    # -- 2.-4. captions and chrome ---------------------------------------------------------------------------

    def _page_text(self, page: OldPage, photos: list[ImageUse], is_chrome: Callable[[Line], bool]) -> PageText:
        if page.body is None:
            return PageText(page, [], [], Captions())
        layout = layout_of(page.body, {u.number: u.node for u in photos})
        events = page_events(page.body, {u.node_id: u.number for u in photos}, layout.boundaries)
        return PageText(page, photos, events, assign_captions(events, layout, is_chrome))

    def _find_chrome(self, first: dict[str, PageText]) -> Chrome:
        images: dict[str, ImageSightings] = {}
        for rel, text in first.items():
            for place, use in enumerate(text.photos):
                sighting = images.setdefault(self._key(use), ImageSightings())
                sighting.pages.add(rel)
                sighting.files.add(use.src.path)
                versions = self.versions[(rel, use.number)]
                sighting.leads_to_bigger |= versions.leads_to_bigger
                sighting.small = versions.size is not None and max(versions.size) < SMALL_CHROME_PIXELS
                sighting.places.append((place, len(text.photos) - 1 - place))
        seen: list[tuple[str, Line, str | None, bool]] = []
        for rel, text in first.items():
            owners = {u.number: self._key(u) for u in text.photos if not images[self._key(u)].suspect}
            listed = {u.number for u in text.photos if u.text_link}  # its words are the link to it: its label
            for image, lines in text.captions.lines.items():
                seen += [(rel, line, owners.get(image), image in listed) for line in lines]
            seen += [(rel, line, self.photo_pages.get(rel) or self.one_photo.get(rel), False)
                     for line in text.captions.loose]
        chrome = find_chrome_text(*sightings_of(seen), photo_pages=frozenset(self.one_photo),
                                  shown_on={key: sighting.pages for key, sighting in images.items()})
        for text in first.values():
            for use in text.photos:
                captioned = any(not chrome.is_chrome_line(line) for line in text.captions.lines.get(use.number, []))
                images[self._key(use)].captioned |= captioned
                if len(text.photos) >= GALLERY_PHOTOS:
                    images[self._key(use)].galleries += 1
                    images[self._key(use)].captioned_galleries += captioned
        find_chrome_images(chrome, images, sum(1 for text in first.values() if text.photos))
        find_credit_badges(chrome, [(self._key(use), text.captions.lines.get(use.number, []))
                                    for text in first.values() for use in text.photos
                                    if not images[self._key(use)].leads_to_bigger])
        return chrome

    # -- 5. items, topics, pages -----------------------------------------------------------------------------

    def _leave_out_unreadable(self) -> None:
        """A photo whose every version is damaged (or in a format albumen can't open) makes no item: the build
        would stop on it. The report names the file and keeps the caption the old page gave it."""
        for rel, text in self.texts.items():
            damaged = [u for u in text.photos if self.versions[(rel, u.number)].size is None]
            for use in damaged:
                said = " ".join(line.plain for line in text.captions.lines.get(use.number, []))
                caption = f" (its caption: “{said}”)" if said else ""
                self.report.look(rel, use.line, f"{self.versions[(rel, use.number)].best} can't be read as an "
                                 f"image (damaged, or a format albumen can't open): left out{caption}; put a good "
                                 "copy in images/ and add an item for it", kind="images that can't be read "
                                 "(damaged, or a format albumen can't open): left out; each is in the report")
            text.photos = [u for u in text.photos if u not in damaged]

    def _find_second_views(self, first: dict[str, PageText]) -> None:
        """A photo's own page (a thumbnail of that photo leads to it) that shows it and, right beside it with no
        words between, one picture no gallery shows (a print's written back, the other half of a card): one
        photograph seen two ways, one item with two images; a leftover page of the second alone leads to it."""
        thumbnails: dict[str, set[str]] = {}  # a page -> the pictures whose thumbnails (elsewhere) lead to it
        for (page, number), versions in self.versions.items():
            link = self.pages[page].images[number].link
            if link is not None and link.is_file and link.path != page and versions.is_photo_candidate:
                thumbnails.setdefault(link.path, set()).add(versions.key)
        for rel, text in first.items():
            keys = [self.versions[(rel, u.number)].key for u in text.photos]
            mains = thumbnails.get(rel, set()) & set(keys)
            if len(keys) != 2 or len(set(keys)) != 2 or len(mains) != 1 or not self._side_by_side(text):
                continue
            main = next(iter(mains))
            other = next(u for u in text.photos if self.versions[(rel, u.number)].key != main)
            versions = self.versions[(rel, other.number)]
            if versions.key in self.same_as or versions.key in thumbnails.get(rel, set()) or any(
                    v.key == versions.key and (v.leads_to_bigger or len(first[page].photos) > 1)
                    for (page, _), v in self.versions.items() if page != rel):
                continue
            self.second_views[main] = versions
            self.same_as[versions.key] = main
            self.hidden_views.add((rel, other.number))

    @staticmethod
    def _side_by_side(text: PageText) -> bool:
        marks = [index for index, event in enumerate(text.events) if isinstance(event, PhotoMark)]
        return len(marks) == 2 and not any(isinstance(e, Line) for e in text.events[marks[0]:marks[1]])

    def _collect_photos(self) -> None:
        for rel in _reading_order(self.texts):
            for use in self.texts[rel].photos:
                key = self._key(use)
                photo = self.photos.setdefault(key, Photo(key, self.versions[(rel, use.number)]))
                photo.uses.append(use)

    def _one_photo_pages(self, candidates: dict[str, list[ImageUse]]) -> dict[str, str]:
        """Pages that show one picture besides the images every page repeats (a logo, a banner)."""
        on_pages: Counter[str] = Counter()
        for uses in candidates.values():
            on_pages.update({self._key(u) for u in uses})
        found = {}
        for rel, uses in candidates.items():
            keys = {self._key(u) for u in uses if on_pages[self._key(u)] < 3}
            if len(keys) == 1 and not _is_home(rel):
                found[rel] = next(iter(keys))
        return found

    def _is_photo_page(self, rel: str, keys: set[str]) -> bool:
        """A page for one photo: a thumbnail leads to it, or it is one of a chain of such pages (a slide show),
        or, with no more text than a caption, it is one of several that a page lists or its photo is shown
        elsewhere too. A page that tells a story around one picture stays a page of its own."""
        if len(keys) != 1 or _is_home(rel) or self._maps_photo_pages(rel) or any(
                use.text_link for use in self.texts[rel].photos):
            return False  # a page listing a picture as a link shows a list, not the picture
        key = next(iter(keys))
        if self.photo_pages.get(rel) == key:
            return True
        page = self.pages[rel]
        linked_from = self.linked_from.get(rel, [])
        if any(other in self.one_photo for other in _leads_to(page)) or any(
                other.rel in self.one_photo for other in linked_from):
            return True
        words = sum(len(line.plain.split()) for line in self.texts[rel].lines if not self.chrome.is_chrome_line(line))
        if not linked_from and words == 0:
            return True  # a page no page links to, a picture and not a word: a leftover photo page
        listed = any(sum(1 for p in dict.fromkeys(other.links) if p in self.one_photo) >= 2 for other in linked_from)
        shown_elsewhere = any(u.page != rel for u in self.photos[key].uses)
        return words <= SHORT_TEXT_WORDS and (listed or shown_elsewhere)

    def _refers_to_its_photo(self, rel: str, keys: set[str]) -> bool:
        """A page of its own story (a person's page in a genealogy) whose one picture is a thumbnail leading to
        that photo's own page: the photo illustrates it; the page is neither the photo's page nor a gallery."""
        words = sum(len(line.plain.split()) for line in self.texts[rel].lines if not self.chrome.is_chrome_line(line))
        return len(keys) == 1 and words > STORY_WORDS and self._illustrated_by_its_own_page(rel, next(iter(keys)))

    def _illustrated_by_its_own_page(self, rel: str, key: str) -> bool:
        """The page shows the picture only as the thumbnail other pages show too, and the only photo's page it leads
        to is the one that thumbnail links to, showing that same picture (Gramps' person page: the portrait leads to
        its media page): no Previous or Next of a chain, no size of its own."""
        uses = [use for use in self.texts[rel].photos if self._key(use) == key]
        showing = self._pages_showing
        if not uses or any(showing.get(use.src.path, set()) <= {rel} for use in uses):
            return False  # it shows the picture at a size of its own (a medium page before the large one)
        shown = {use.link.path for use in uses if use.link is not None and use.link.is_file}
        # pages of one photo, and those a thumbnail leads to (the latter first)
        leads = {other: self.photo_pages.get(other, self.one_photo.get(other)) for other in _leads_to(self.pages[rel])
                 if (other in self.photo_pages or other in self.one_photo) and other != rel}
        return bool(leads) and leads.keys() <= shown and all(own == key for own in leads.values())

    @cached_property
    def _pages_showing(self) -> dict[str, set[str]]:
        """Each image file -> the pages that show it (the pages' photos are found before roles are given)."""
        found: dict[str, set[str]] = {}
        for page, text in self.texts.items():
            for use in text.photos:
                found.setdefault(use.src.path, set()).add(page)
        return found

    def _maps_photo_pages(self, rel: str) -> bool:
        """The page's picture is a collage whose image map (<area href>) leads to two or more photos' own pages:
        the page is their gallery, however few pictures it shows itself."""
        body = self.pages[rel].body
        if body is None:
            return False
        areas = {self.site.resolve(rel, area.attributes.get("href")).path for area in body.css("area[href]")}
        return sum(1 for page in areas if page != rel and page in self.one_photo) >= 2

    def _only_illustrations(self, text: PageText) -> bool:
        """Pictures set into a page's text (floated left or right) that a gallery shows too: the page is a
        text page that they illustrate, and its words are not their captions."""
        galleries = {u.page for u in text.photos}
        if text.page.rel in self.photo_pages:
            return False  # a thumbnail leads here: the page is its photo's own page, however the photo is set
        return len({self._key(u) for u in text.photos}) <= 2 and all(
            _floated(u) and any(other.page not in galleries for other in self.photos[self._key(u)].uses)
            for u in text.photos)

    def _assign_roles(self) -> None:
        for rel, text in self.texts.items():
            keys = {self._key(u) for u in text.photos}
            if self.pages[rel].frames and self.pages[rel].body is None:
                self.roles[rel] = "frameset"
            elif keys and (self._only_illustrations(text) or self._refers_to_its_photo(rel, keys)):
                self.roles[rel] = "home" if _is_home(rel) else "free"
            elif self._is_photo_page(rel, keys):
                self.roles[rel] = "photo"
                self.photos[next(iter(keys))].photo_pages.append(rel)
            elif not keys and self._key_of(self.lost_big.get(rel)) in self.photos:
                self.roles[rel] = "photo"
                photo = self.photos[self._key_of(self.lost_big[rel])]
                photo.photo_pages.append(rel)
                self.report.look(rel, None, f"this photo page's big image is missing: it leads to the item of its "
                                 f"thumbnail ({photo.best})", kind="photo pages whose big image is missing: they "
                                 "lead to the items their thumbnails became")
            elif len(keys) == 1 and self._menu_with_a_picture(rel, text):
                self.roles[rel] = "menu"
            elif keys:
                self.roles[rel] = "gallery"
            elif _is_home(rel):
                self.roles[rel] = "home"
            elif not text.captions.loose:
                self.roles[rel] = "empty"
            elif self._only_links_within(rel, text.captions.loose):
                self.roles[rel] = "menu"
            else:
                self.roles[rel] = "free"

    def _give_loose_photos_a_topic(self) -> None:
        """Photos shown only on their own pages join the page that links to their pages (an index of photo
        pages becomes a gallery), or else the slide show their pages make together: one topic, never one each."""
        in_gallery = {self._key(u) for rel, role in self.roles.items() if role == "gallery"
                      for u in self.texts[rel].photos}
        loose = {rel: photos[0] for rel, role in self.roles.items() if role == "photo"
                 and (photos := self.texts[rel].photos) and self._key(photos[0]) not in in_gallery}
        taken: set[str] = set()
        for rel in _reading_order(self.texts):
            if self.roles[rel] in ("photo", "frameset"):
                continue
            linked = [page for page in dict.fromkeys(self.pages[rel].links) if page in loose and page not in taken]
            if linked and (self.roles[rel] == "gallery" or len(linked) >= 2):
                self.gathered[rel] = list(dict.fromkeys(self._key(loose[page]) for page in linked))
                taken.update(linked)
                if self.roles[rel] != "gallery":
                    self.roles[rel] = "gallery"
        placed = {key for keys in self.gathered.values() for key in keys}
        for chain in self._leftovers_together(_chains([page for page in loose if page not in taken], self.pages)):
            keys = [key for key in dict.fromkeys(self._key(loose[page]) for page in chain) if key not in placed]
            if not keys:
                continue  # another own page of photos a topic already holds (a copy of a page): it leads to them
            name = f"slides:{chain[0]}"
            self.slide_shows[name] = chain
            self.gathered[name] = keys
            placed.update(keys)

    def _leftovers_together(self, chains: list[list[str]]) -> list[list[str]]:
        """Photo pages that no page links to, nor each other, in one folder (a version of an album left on the
        disk): one slide show, never a topic each."""
        kept, by_folder = [], dict[str, list[str]]()
        for chain in chains:
            if len(chain) == 1 and not self.linked_from.get(chain[0]):
                by_folder.setdefault(posixpath.dirname(chain[0]), []).append(chain[0])
            else:
                kept.append(chain)
        return kept + [sorted(pages, key=_natural) for pages in by_folder.values()]

    def _menu_with_a_picture(self, rel: str, text: PageText) -> bool:
        """A frame of a frameset that is the site's menu (nothing but links to its pages) under one small picture
        leading nowhere (a portrait, a logo): the menu, not a topic of that picture (the picture stays an item)."""
        versions = self.versions[(rel, text.photos[0].number)]
        lines = text.lines  # its menu may be taken for the picture's caption
        in_a_frameset = rel in self._framed
        return (in_a_frameset and bool(lines) and not versions.leads_to_bigger
                and versions.size is not None and max(versions.size) <= SMALL_PHOTO_PIXELS
                and self._only_links_within(rel, lines))

    @cached_property
    def _framed(self) -> set[str]:
        """The pages a frameset shows in its frames."""
        return {frame for page in self.pages.values() for frame in page.frames}

    def _only_links_within(self, rel: str, lines: list[Line]) -> bool:
        """A page of nothing but links to the site's own pages: a menu (a frame's navigation, a site map)."""
        return all(line.link_only and all(self.site.resolve(rel, href).is_file for href, _ in line.hrefs)
                   for line in lines)

    def _assign_ids(self) -> None:
        # The build compares old paths to pages' ids ignoring case: Andrew/ and pages/andrew.md would clash.
        old_folders = {rel.split("/", 1)[0].casefold() for rel in self.site.files if "/" in rel}
        for photo in self.photos.values():
            photo.id = self.ids.new("items", _stem(photo.best))
            for path in (photo.best, *photo.photo_pages, *(u.src.path for u in photo.uses if u.src.is_file)):
                self.targets.setdefault(path, f"item:{photo.id}")
        for rel in _reading_order(self.texts):
            role = self.roles[rel]
            if rel in self.continued:
                continue  # it leads to its gallery's topic, once that has its id (below)
            if role == "gallery":
                self.targets[rel] = f"topic:{self.ids.new('topics', self._page_stem(rel, self._topic_title(rel)))}"
            elif role == "free" or (role == "home" and self._home_body()):
                name = "welcome" if role == "home" else self._page_stem(rel, self._page_title(rel))
                page_id = self.ids.new("pages", name, avoid=RESERVED_PAGE_IDS | old_folders)
                self.targets[rel] = f"page:{page_id}"
        for name, chain in self.slide_shows.items():
            title = self._slide_show_title(chain) or self._leftovers_title(name, chain)
            self.targets[name] = f"topic:{self.ids.new('topics', title)}"
        for rel, first in self.continued.items():
            self.targets[rel] = self.targets[first]
            why = "the same album again, of some of its photos" if rel in self.copies else "a later page"
            self.report.led_elsewhere.append((rel, self.targets[rel], f"{why} of {first}"))

    def _join_copies_of_galleries(self) -> None:
        """A gallery under another's title (ignoring case) that shows only photos that one shows too, in its folder
        or a folder of it (an album made again of some of a gallery's photos, kept inside it) is that gallery: one
        topic, its address leads there. Under another title (an album copied and renamed), or beside it (two
        albums of a maker's default title, 'Photo Gallery'), it stays a topic of its own."""
        firsts = [rel for rel in _reading_order(self.texts)
                  if self.roles[rel] == "gallery" and rel not in self.continued]
        keys = {rel: set(self._topic_keys(rel)) for rel in firsts}
        titles = {rel: normalise_space(self._topic_title(rel)).casefold() for rel in firsts}
        by_title: dict[str, list[str]] = {}  # in reading order: only galleries of one title are compared
        for rel in firsts:
            by_title.setdefault(titles[rel], []).append(rel)
        for copy in sorted(firsts, key=lambda rel: len(keys[rel])):
            original = next((rel for rel in by_title[titles[copy]] if rel != copy and rel not in self.copies
                and len(keys[copy]) >= 2 and keys[copy] <= keys[rel] and len(keys[copy]) < len(keys[rel])
                and _nested(rel, copy)), None)
            if original is not None and titles[copy]:
                self.copies.add(copy)
                for page, first in [*self.continued.items(), (copy, copy)]:
                    if first == copy:
                        self.continued[page] = original

    def _home_body(self) -> list[Line]:
        """The home page's text that is more than the site's description (its first paragraph)."""
        home = next((rel for rel in self.texts if _is_home(rel)), None)
        if home is None:
            return []
        text = self.texts[home]
        title_line = _first_heading(text.captions.loose)
        body = [line for line in text.captions.loose if line is not title_line]
        return [line for line in body if line not in _first_paragraph(body)]

    def _map_the_other_pages(self) -> None:
        """Every old page leads somewhere: a frameset to what its frames show, a page with nothing of its own
        (a menu, a page left empty, an orphan) to the page that links to it, else to the site's first record."""
        pages = _reading_order(self.texts)
        first = next((self.targets[rel] for rel in pages if rel in self.targets), None)
        first = next((t for t in self.targets.values() if t.startswith("topic:")), first)
        self._map_copies(final=False)  # before framesets: a frame may be a copy
        for _ in range(3):  # framesets inside framesets
            for rel in pages:
                frames = [self.targets[f] for f in self.pages[rel].frames if f in self.targets]
                if rel not in self.targets and frames:
                    self.targets[rel] = next((t for t in frames if t.startswith("topic:")), frames[0])
        for part, whole in self.parts.items():
            if whole in self.targets:
                self.targets[part] = self.targets[whole]
                self.report.led_elsewhere.append((part, self.targets[whole], f"a part of {whole}"))
        for rel in pages:
            if rel in self.targets:
                continue
            parent = next((self.targets[other] for other in pages if other in self.targets and rel in (
                *self.pages[other].links, *self.pages[other].frames, self.pages[other].refresh)), None)
            target = parent or first
            if target is None:
                self.report.unmapped.append((rel, "the old site has no page that became a topic, photo or page"))
                continue
            self.targets[rel] = target
            why = "links to it" if parent else "no page links to it"
            self.report.led_elsewhere.append((rel, target, why))
        self._map_copies(final=True)

    def _map_copies(self, final: bool) -> None:
        """A copy of a page leads where the page kept does (once that is known; `final`: or nowhere)."""
        for copy, kept in self.page_copies.items():
            if copy in self.targets:
                continue
            if kept in self.targets:
                self.targets[copy] = self.targets[kept]
                self.report.led_elsewhere.append((copy, self.targets[kept], f"a copy of {kept}, read once"))
            elif final:
                self.report.unmapped.append((copy, f"a copy of {kept}, which leads nowhere"))

    def _redirects_to(self, target: str) -> tuple[str, ...]:
        """The old pages that now lead to `target` (the new home needs none: it is at the same address).
        Asked once every target is known, for each record in turn: the pages are sorted out once."""
        if self.old_pages_of is None:
            self.old_pages_of = {}
            for rel in [*_reading_order(self.texts), *self.parts, *self.page_copies]:
                if rel in self.targets and rel != "index.html":
                    self.old_pages_of.setdefault(self.targets[rel], []).append(rel)
        return tuple(self.old_pages_of.get(target, []))

    def _slide_show_title(self, chain: list[str]) -> str:
        """What a slide show's pages all say (the gallery's title they repeat), else what their titles share."""
        keys = [k for k, count in self.chrome.texts.items() if count >= min(3, len(chain)) and not k[1]
                and not INSTRUCTION.fullmatch(self.chrome.shown_texts[k])  # 'click on images ...' is no title
                and not self.chrome.shown_texts[k].rstrip().endswith(":")]  # nor a label over photos ('Map:')
        for key in keys:
            if all(any(line_key(line) == key for line in self.texts[rel].lines) for rel in chain):
                return self.chrome.shown_texts[key]
        common = _common_title_parts([self.pages[rel].title for rel in chain])
        titles = [p for p in TITLE_SEPARATORS.split(self.pages[chain[0]].title) if p.casefold() in common]
        return titles[0] if titles else ""

    def _page_stem(self, rel: str, title: str) -> str:
        """The name a topic's or page's id is made from: its file name, unless an editor gave that by default
        (new_page_21, ThumbnailFrame): then its title, when it has one that says more."""
        stem = _stem(rel)
        if stem.casefold() in ("index", "default", "home", "main"):
            folder = posixpath.basename(posixpath.dirname(rel))
            return folder or self._title(self.texts[rel]) or "home"
        if is_default_name(stem) and id_slug(title) and not is_default_name(title):
            return title
        return stem

    def _topic_title(self, rel: str) -> str:
        """A gallery's title: its heading before the first photo, else its frameset's or its own <title>."""
        title_line = self._topic_title_line(rel)
        return title_line.plain if title_line else self._gallery_title(rel)

    def _topic_title_line(self, rel: str) -> Line | None:
        over_photos = {id(line) for (page, _), line in self.headings.items() if page == rel}
        return _first_heading([line for line in _before_first_photo(self.texts[rel]) if id(line) not in over_photos])

    def _page_title(self, rel: str) -> str:
        """A free page's heading; else, when its <title> is only the one every page shares (the site's name), its
        first short line ('June 23, 11,358 miles' in a big font); else its <title>."""
        text = self.texts[rel]
        title_line = _first_heading(text.captions.loose)
        if title_line:
            return title_line.plain
        if self.roles[rel] != "home" and self._only_site_title(text):
            return self._label(rel) or self._title(text)
        return self._title(text)

    def _only_site_title(self, text: PageText) -> bool:
        return all(part.casefold() in self._site_title_parts for part in TITLE_SEPARATORS.split(text.page.title)
                   if part)

    def _record_ids(self, where: str, at: int | None, lines: list[Line]) -> list[Line]:
        """The lines that are a database's record id alone (Gramps' "O0015"), each reported: an id whose letters
        the site repeats (RECORD_ID_LINES lines or more) or that the page's own file name holds. "F104" under a
        plane is its caption."""
        stem = posixpath.splitext(posixpath.basename(where))[0].casefold()
        found = [line for line in lines if (record := RECORD_ID.fullmatch(line.plain)) and (
            record.group(1) in self._repeated_record_prefixes or record.group(0).strip("[]() ").casefold() in stem)]
        for line in found:
            self.report.look(where, at, f"“{line.plain}” is a record id: not kept as a caption",
                             kind="record ids (a database's, repeated across the site): not kept as captions")
        return found

    @cached_property
    def _repeated_record_prefixes(self) -> frozenset[str]:
        """The letters of the record ids the site shows on RECORD_ID_LINES lines or more (page and text apart)."""
        shown = {(rel, line.plain) for rel, text in self.texts.items()
                 for line in [*text.captions.loose, *(one for lines in text.captions.lines.values() for one in lines)]}
        ids = [RECORD_ID.fullmatch(plain) for _, plain in shown]
        seen = Counter(found.group(1) for found in ids if found)
        return frozenset(prefix for prefix, n in seen.items() if n >= RECORD_ID_LINES)

    @cached_property
    def _counted_lists(self) -> dict[str, frozenset[str]]:
        """Each page's words that several of its captions join to a counter ('Boxholm 1', 'Boxholm 2' ...)."""
        return {rel: frozenset(counted_lists([line for lines in text.captions.lines.values() for line in lines]))
                for rel, text in self.texts.items()}

    @cached_property
    def _site_title_parts(self) -> set[str]:
        """Parts of <title> two or more pages share: the site's name (read once all pages are read)."""
        return _common_title_parts([t.page.title for t in self.texts.values()])

    def _items(self) -> list[DraftItem]:
        topics_of: dict[str, list[str]] = {}
        for rel in [*_reading_order(self.texts), *self.slide_shows]:
            if rel in self.slide_shows or self.roles[rel] == "gallery":
                sectioned = {key: topic for _, topic, keys in self._sections(rel) for key in keys}
                for key in self._topic_keys(rel):
                    topics_of.setdefault(key, []).append(sectioned.get(key) or self._id_of(rel))
        alts = Counter(u.alt.casefold() for p in self.photos.values() for u in p.uses if u.alt)
        return [self._item(photo, list(dict.fromkeys(topics_of.get(photo.key, []))), alts)
                for photo in self.photos.values()]

    def _sections(self, rel: str) -> list[tuple[Section, str, list[str]]]:
        """A gallery page divided by headings, each over its photos (a trip's days: html_sections.py): each
        section, the id of its topic and its photos' keys; [] when the page is one gallery. Every picture of
        the page is placed, a thumbnail of a photo page the page gathers too (a panorama's)."""
        if rel not in self.sections:
            self.sections[rel] = []
            if rel in self.slide_shows or rel not in self.texts or self.pages[rel].body is None:
                return []
            text, page = self.texts[rel], self.pages[rel]
            assert page.body is not None
            title_line = self._topic_title_line(rel)
            own = {line.plain for line in text.captions.loose if line is not title_line}
            layout = layout_of(page.body, {u.number: u.node for u in text.photos})
            events = page_events(page.body, {u.node_id: u.number for u in page.images}, layout.boundaries)
            found = [(section, [key for n in section.images if (key := self._key_shown(rel, n))])
                     for section in sections_of(events, own)]
            if divides([list(dict.fromkeys(keys)) for _, keys in found]):
                self.sections[rel] = [(section, self.ids.new("topics", section.heading.plain),
                                       list(dict.fromkeys(keys))) for section, keys in found]
        return self.sections[rel]

    def _key_shown(self, rel: str, number: int) -> str | None:
        """The photo a picture of a gallery stands for: its own, or that of the photo page it leads to, which
        the gallery gathers."""
        use = next((u for u in self.texts[rel].photos if u.number == number), None)
        if use is not None:
            return self._key(use)
        link = next((u.link for u in self.pages[rel].images if u.number == number), None)
        if link is not None and link.is_file and self.roles.get(link.path) == "photo" and self.texts[link.path].photos:
            key = self._key(self.texts[link.path].photos[0])
            return key if key in self.gathered.get(rel, []) else None
        return None

    def _topic_keys(self, rel: str) -> list[str]:
        """The photos of a topic, in order: those its page shows, then those of the photo pages it links to;
        then those of its later pages, if it is a paged gallery."""
        shown = [] if rel in self.slide_shows else [self._key(u) for u in self.texts[rel].photos]
        later = [key for page, first in self.continued.items() if first == rel and page != rel
                 for key in self._topic_keys(page)]
        return list(dict.fromkeys([*shown, *self.gathered.get(rel, []), *later]))

    def _item(self, photo: Photo, topics: list[str], alts: Counter[str]) -> DraftItem:
        title, parts = self._caption_parts(photo)
        fields = next((found for page in photo.photo_pages if (found := self._fields(page))), LabelledFields())
        said = [self._markdown(lines, page, item_url(photo.id), structure=False) for lines, page in parts]
        caption = "\n\n".join([*(caption_markdown(text) for text in fields.values.get("caption", [])), *said]) \
            or self._script_caption(photo)
        title = title or fields.first("title")
        if not caption:
            self.report.look(photo.uses[0].page, photo.uses[0].line, f"no caption found for {photo.best}",
                             kind="photos without a caption (the old site has no text for them): add one if you "
                             "know it")
        self._look_at_size(photo)
        self.report.items.append((photo.best, photo.id))
        for page in photo.photo_pages:
            self.report.photo_pages.append((page, photo.id))
        source = self._source(photo)
        return DraftItem(id=photo.id, image=self._image_target(photo.best), caption=caption, title=title,
                         date=self._field_date(fields, photo, source), creator=fields.first("creator"),
                         places=self._field_places(fields, photo, source),
                         rights=fields.first("rights"), subjects=tuple(dict.fromkeys(
                             word for value in fields.values.get("subjects", [])
                             for word in split_values(value, ",;"))),
                         topics=tuple(topics), alt=_alt(photo, alts), source=source,
                         redirect_from=self._old_paths(photo), images=self._views(photo))

    def _views(self, photo: Photo) -> tuple[ItemImage, ...]:
        """A photograph seen two ways on its own page: both images, labelled front and back when the second's
        name is the first's with 'back' (or 'verso', 'reverse') added; else one image (no list)."""
        second = self.second_views.get(photo.key)
        if second is None or second.best is None:
            return ()
        first_stem, second_stem = _stem(photo.best).casefold(), _stem(second.best).casefold()
        rest = second_stem.removeprefix(first_stem).strip("_- ") if second_stem.startswith(first_stem) else ""
        labels = ("front", "back") if rest in ("back", "verso", "reverse", "b") else ("", "")
        return (ItemImage(self._image_target(photo.best), labels[0]),
                ItemImage(self._image_target(second.best), labels[1]))

    def _fields(self, page: str) -> LabelledFields | None:
        """The labelled fields a photo's own page lists (iView MediaPro's annotations), read once."""
        if page not in self.fields:
            self.fields[page] = labelled_fields(self.pages[page].body) if page in self.pages else None
        return self.fields[page]

    def _field_date(self, fields: LabelledFields, photo: Photo, source: dict[str, Any]) -> str:
        """The date a photo page's fields give, as EDTF; one that can't be read whole is kept in source."""
        text = fields.first("date")
        if not text:
            return self._time_stamp_date(photo)
        reading = edtf_from_text(text)
        if text and not reading.whole:
            source["date_text"] = text
            self.report.look(photo.photo_pages[0], None, f"the date '{text}' could not be read; kept in the "
                             "item's source", kind="dates of photo pages that could not be read: kept in the items' "
                             "source")
            return ""
        return reading.edtf

    def _time_stamp_date(self, photo: Photo) -> str:
        """The date of the one time stamp the photo's own pages print under it (Aperture's '3/14/08 6:42:10 PM', the
        camera's clock), as EDTF; '' when they print none, several, or one that can't be read whole."""
        stamps = {line.plain for page in photo.photo_pages if page in self.texts
                  for line in self.texts[page].lines if TIME_STAMP.fullmatch(line.plain)}
        if len(stamps) != 1:
            return ""
        stamp = next(iter(stamps))
        if iso := ISO_DATE.search(stamp):  # '2008-03-14 18:42:10': year first, never month/day
            reading = edtf_from_text(iso.group(0))
            return reading.edtf if reading.whole else ""
        found = CAMERA_DATE.search(stamp)
        if found is None:
            return ""
        first, second, year = found.groups()
        if len(year) == 2:  # a camera's clock: '08' is 2008, '99' 1999
            year = f"{20 if int(year) < TWO_DIGIT_PIVOT else 19}{year}"
        reading = edtf_from_text(f"{first}/{second}/{year}")
        return reading.edtf if reading.whole else ""

    def _field_places(self, fields: LabelledFields, photo: Photo, source: dict[str, Any]) -> tuple[str, ...]:
        """The places a photo page's Location / City / Country fields name, as ids of places.yaml (new ones
        drafted); the words are kept in source when the ids alone would lose some ("Salthill, Galway")."""
        text = fields.place_text()
        if not text:
            return ()
        named = self.places.named(text.replace(";", ","))
        if not named.exact:
            source["place_text"] = text
        for name in named.unknown:
            self.report.look(photo.photo_pages[0], None, f"the place '{name}' is not in places.yaml or the gazetteer; "
                             "it was added to places.yaml without coordinates: add its lat and lon there",
                             kind="places of photo pages that are not in places.yaml or the gazetteer: added without "
                             "coordinates; add their lat and lon there")
        return named.ids

    def _script_caption(self, photo: Photo) -> str:
        """The caption only a script of the old site gives the photo (Photoshop's frames gallery), by file name."""
        if self.script_captions is None:
            scripts = [node.text(deep=True) for page in self.pages.values() for node in page.tree.css("script")]
            self.script_captions = {**slide_show_captions(self.site, self.pages), **captions_by_file(scripts)}
        names = [photo.best, *(use.src.path for use in photo.uses if use.src.path)]
        found = next((self.script_captions[key] for name in names
                      if (key := posixpath.basename(name).casefold()) in self.script_captions), "")
        return caption_markdown(found)

    def _caption_parts(self, photo: Photo) -> tuple[str, list[tuple[list[Line], str]]]:
        """The photo's title (its own page's heading) and its caption lines on each page that shows it.

        A caption that repeats another (the gallery's, again on the photo's own page) is kept once.
        """
        headings = [self.headings[(u.page, u.number)].plain for u in photo.uses if (u.page, u.number) in self.headings]
        title, parts = "", list[tuple[list[Line], str]]()
        linked = self.linked_from
        for where, number, at in self._sightings(photo):
            if self.roles[where] not in ("gallery", "photo"):
                continue  # a picture that illustrates a page of text: the text is the page's, not a caption
            if parts and where not in linked and not _is_home(where):
                self.report.look(where, at, f"a page no other page links to shows {photo.best} too; its "
                                 "text was not added to the caption: add it by hand if it belongs there",
                                 kind="orphan pages about a photo that has a caption elsewhere: their text was not "
                                 "added to the caption")
                continue
            text = self.texts[where]
            lines = [line for line in text.captions.lines.get(number, []) if not self._leads_away(where, line, photo)]
            if self.roles[where] == "photo":  # all the text on a photo's own page is about it
                rows = found.rows if (found := self._fields(where)) else set()
                every = _in_order(lines + text.captions.loose)
                ids = self._record_ids(where, at, every)
                lines = [line for line in every
                         if not self._is_page_furniture(where, line) and not rows & set(line.ancestors)
                         and line not in ids]
                lines = _without_emptied_sections(every, lines)
                heading = _first_heading(lines) or _title_line(lines)
                if heading is not None and FILE_EXTENSION.search(heading.plain) and _names_a_file(
                        heading, photo, self.site_names):  # a heading 'Mother' over mother.jpg is still its title
                    heading = None  # 'Album/NAME.jpg': the gallery maker's label, left out below as a file name
                title = title or (heading.plain if heading else "")
                lines = [line for line in lines if line is not heading]
            counted = self._counted_lists.get(where, frozenset())
            named = [line for line in lines if _names_a_file(line, photo, self.site_names, counted)]
            banner = banner_lines(lines, _own_names(photo))
            if banner:
                self.report.look(where, at, f"“{banner[0].plain}” is the gallery maker's label (a title "
                                 "and the file name): not kept as a caption", kind="labels a gallery maker printed "
                                 "over photos (a title and the file name, a date): not kept as captions")
                named += [line for line in banner if line not in named]
            for line in named:
                self.report.look(where, at, f"“{line.plain}” is only a file name: not kept as a caption",
                                 kind="captions or alt texts that were only a file name: left out")
            ids = self._record_ids(where, at, lines)
            lines = [line for line in lines if line not in named and not COUNTER.fullmatch(line.plain)
                     and not TIME_STAMP.fullmatch(line.plain) and line not in ids]
            plain = self._said(lines, where, photo)
            if not lines or any(plain in self._said(kept, page, photo) for kept, page in parts):
                continue
            parts = [(k, p) for k, p in parts if self._said(k, p, photo) not in plain]
            parts.append((lines, where))
        title = title or next(iter(headings), "")
        said = [(k, p) for k, p in parts if " ".join(line.plain for line in k).casefold() != title.casefold()]
        return title, said

    def _sightings(self, photo: Photo) -> list[tuple[str, int, int | None]]:
        """(page, image number, line) where the photo is shown, galleries first, orphan pages last; then its own
        pages that can't show it (their big image is missing: image number -1)."""
        linked = self.linked_from
        shown = [(u.page, u.number, u.line) for u in sorted(
            photo.uses, key=lambda u: (self.roles[u.page] == "photo", u.page not in linked))]
        pages = {u.page for u in photo.uses}
        return shown + [(page, -1, None) for page in photo.photo_pages if page not in pages]

    def _said(self, lines: list[Line], page: str, photo: Photo) -> str:
        """What lines say, to compare captions: without the words of links to the photo itself ("(more)") and
        without the dots of a caption cut short ("A young boy sits among discarded furnitu...")."""
        own = {photo.best, *photo.photo_pages}
        words = " ".join(line.plain for line in lines)
        for line in lines:
            for href, text in line.hrefs:
                if text and self.site.resolve(page, href).path in own:
                    words = words.replace(text, " ")
        return normalise_space(words).rstrip(".… ").casefold()

    def _leads_away(self, page: str, line: Line, photo: Photo) -> bool:
        """A line that is only links to pages that neither show the photo nor are its own page ("Back to Hall of
        Fame Homepage" under a class photo): navigation, on any page, never the photo's caption."""
        own = {*photo.photo_pages, *(u.page for u in photo.uses)}
        targets = [self.site.resolve(page, href) for href, _ in line.hrefs]
        return line.link_only and bool(targets) and all(
            t.is_file and is_page(t.path) and t.path not in own for t in targets)

    def _is_page_furniture(self, page: str, line: Line) -> bool:
        """What a photo page says besides the caption: its links to other pages (Previous | Index | Next),
        its counter ("3/12", "Slide 3 of 12"), a file's time stamp, "click for the next photo"."""
        if line.link_only and all(self.site.resolve(page, href).is_file for href, _ in line.hrefs):
            return True
        unlinked = normalise_space("".join(run.text for run in line.runs if run.href is None))
        if line.hrefs and COUNTER.fullmatch(unlinked) and all(
                self.site.resolve(page, href).is_file for href, _ in line.hrefs):
            return True  # "Previous 23 of 207 Next": links to pages of the site around a counter
        return bool(COUNTER.fullmatch(line.plain) or TIME_STAMP.fullmatch(line.plain)
                    or INSTRUCTION.fullmatch(line.plain))

    def _source(self, photo: Photo) -> dict[str, Any]:
        galleries = [u.page for u in photo.uses if self.roles[u.page] != "photo"]
        shown = self._shown(photo)
        source = {"site": self.site.name, "page": galleries[0] if galleries else photo.uses[0].page,
                  "photo_page": photo.photo_page, "image": photo.best, "thumbnail": shown[0] if shown else None,
                  "also_on": sorted(set(galleries[1:])) or None}
        return {key: value for key, value in source.items() if value}

    def _old_paths(self, photo: Photo) -> tuple[str, ...]:
        """Its own pages (and the pages that lead to it), its image files, and their names as the old pages
        spelled them."""
        shown = self._shown(photo)
        spelled = [path for u in photo.uses for t in (u.src, u.link) if t is not None and t.is_file
                   and t.path in (photo.best, *shown) for path in t.spellings]
        pages = self._redirects_to(f"item:{photo.id}")
        second = self.second_views.get(photo.key)
        views = [second.best, second.shown] if second is not None else []
        return tuple(dict.fromkeys(p for p in (*pages, photo.best, *shown, *spelled, *views) if p))

    def _shown(self, photo: Photo) -> list[str]:
        """The smaller versions the old pages showed (thumbnails)."""
        return list(dict.fromkeys(u.src.path for u in photo.uses if u.src.is_file and u.src.path != photo.best))

    def _topics(self) -> list[DraftTopic]:
        topics = []
        later_pages: dict[str, set[str]] = {}
        for page, first in self.continued.items():
            later_pages.setdefault(first, set()).add(page)
        for rel in _reading_order(self.texts):
            if self.roles[rel] != "gallery" or rel in self.continued:
                continue
            text = self.texts[rel]
            pages = {rel, *later_pages.get(rel, set())}
            topic_id = self._id_of(rel)
            over_photos = {id(line) for (page, _), line in self.headings.items() if page == rel}
            title_line = self._topic_title_line(rel)
            sections = self._sections(rel)
            headings = {section.heading.plain for section, _, _ in sections}  # each its topic's title
            narrative = [line for line in text.captions.loose if line is not title_line and id(line) not in over_photos
                         and line.plain not in headings and not is_page_counter(line.plain)
                         and not self._pages_own_gallery(rel, pages, line)]
            self._look_at_loose_text(text, narrative)
            in_sections = {key for _, _, keys in sections for key in keys}
            items = [self.photos[key].id for key in self._topic_keys(rel) if key not in in_sections]
            told = self._markdown(narrative, rel, scheme_url("topic", topic_id))
            contents = "\n".join(f"- [{escape_markdown(section.heading.plain)}](topic:{section_id})"
                                  for section, section_id, _ in sections)  # the page leads to its days
            topics.append(DraftTopic(
                id=topic_id, title=self._distinct_titles().get(rel) or self._topic_title(rel),
                narrative="\n\n".join(part for part in (told, contents) if part),
                links=_external_links(narrative),
                items=tuple(items), redirect_from=self._redirects_to(f"topic:{topic_id}"),
            ))
            self.report.topics.append((rel, topic_id))
            for section, section_id, keys in sections:
                topics.append(DraftTopic(id=section_id, title=section.heading.plain,
                                         items=tuple(self.photos[key].id for key in keys)))
                self.report.topics.append((f"{rel}: “{section.heading.plain}”", section_id))
        for name, chain in self.slide_shows.items():
            topic_id = self._id_of(name)
            title = self._slide_show_title(chain) or self._leftovers_title(name, chain)
            topics.append(DraftTopic(id=topic_id, title=title,
                                     items=tuple(self.photos[key].id for key in self._topic_keys(name)),
                                     redirect_from=self._redirects_to(f"topic:{topic_id}")))
            self.report.topics.append((f"{chain[0]} … {chain[-1]} (a slide show of {len(chain)} photo pages)",
                                       topic_id))
        return topics

    def _distinct_titles(self) -> dict[str, str]:
        """Galleries that would share one title (the days of one trip: 'Bass to Havasupai' each) take the short line
        each shows before its photos, besides its links ('February 21'), after it, when no other says the same."""
        if self.titles is None:
            self.titles = {}
            groups: dict[str, list[str]] = {}
            for rel in _reading_order(self.texts):
                if self.roles[rel] == "gallery" and rel not in self.continued:
                    groups.setdefault(normalise_space(self._topic_title(rel)).casefold(), []).append(rel)
            for title, rels in groups.items():
                labels = {rel: self._label(rel) for rel in rels} if title and len(rels) >= 2 else {}
                told = Counter(label.casefold() for label in labels.values())
                self.titles.update({rel: f"{self._topic_title(rel)}: {label}" for rel, label in labels.items()
                                    if label and told[label.casefold()] == 1})
        return self.titles

    def _label(self, rel: str) -> str:
        """The page's first short line before its photos, its links' words left out ('February 21 Next Day')."""
        for line in _before_first_photo(self.texts[rel]):
            own = normalise_space(" ".join(run.text for run in line.runs if run.href is None))
            if own and not is_page_counter(own):
                return own if len(own.split()) <= TITLE_LABEL_WORDS else ""
        return ""

    def _pages_own_gallery(self, rel: str, pages: set[str], line: Line) -> bool:
        """A line of links only to the `pages` of the gallery `rel` begins (1 2 3, Next): its paging, no text."""
        return line.link_only and bool(line.hrefs) and all(
            self.site.resolve(rel, href).path in pages for href, _ in line.hrefs)

    def _leftovers_title(self, name: str, chain: list[str]) -> str:
        """Pages without a <title> of their own are named for the folder of their pictures, never a file name."""
        if self.pages[chain[0]].title:
            return self._title(self.texts[chain[0]])
        folders = {posixpath.basename(posixpath.dirname(self.photos[key].best)) for key in self.gathered[name]}
        folder = folders.pop() if len(folders) == 1 else posixpath.basename(posixpath.dirname(chain[0]))
        return folder.replace("-", " ").replace("_", " ").strip().capitalize() or self._title(self.texts[chain[0]])

    def _gallery_title(self, rel: str) -> str:
        """A gallery without a heading: the title of the frameset it is shown in, else its own <title>."""
        for other, page in self.pages.items():
            if rel in page.frames and page.title:
                return self._title(self.texts[other]) if self.texts[other].page.title else page.title
        return self._title(self.texts[rel])

    def _pages(self) -> list[DraftPage]:
        pages = []
        for rel in _reading_order(self.texts):
            role = self.roles[rel]
            if role not in ("free", "home") or not self.targets.get(rel, "").startswith("page:"):
                continue
            text = self.texts[rel]
            title_line = _first_heading(text.captions.loose)
            body = [line for line in text.captions.loose if line is not title_line]
            if role == "home":
                body = self._home_body()  # its first paragraph is the site's description
            page_id = self._id_of(rel)
            pages.append(DraftPage(id=page_id, title=self._page_title(rel),
                                   body=self._markdown(body, rel, f"{page_id}/"),
                                   redirect_from=self._redirects_to(f"page:{page_id}")))
            self.report.pages.append((rel, page_id))
        return pages

    def _images(self) -> list[ImageCopy]:
        views = [v.best for v in self.second_views.values() if v.best in self.site.files]
        return [ImageCopy(self.site.files[path], self._image_target(path))
                for path in [*(photo.best for photo in self.photos.values() if photo.best in self.site.files),
                             *(path for path in views if path is not None)]]

    def _image_target(self, old: str) -> str:
        return f"{id_slug(self.site.name) or 'old-site'}/{old}"

    def _settings(self) -> SiteSettings:
        notice, rights = self.chrome.notice_and_rights()
        home = next((rel for rel in self.texts if _is_home(rel)), None)
        title = description = ""
        if home is not None:
            text = self.texts[home]
            heading = _first_heading(text.lines) if self.roles[home] == "home" else None
            title = heading.plain if heading else self._title(text, strip_common=False)
            first = _first_paragraph([line for line in text.captions.loose if line is not heading])
            description = " ".join(line.plain for line in first) if self.roles[home] == "home" else ""
        settings = SiteSettings(title=title, description=description, language=self._language(),
                                notice=notice, rights=rights)
        self.report.settings = settings.offered()
        return settings

    def _language(self) -> str:
        languages = Counter(p.language.split("-")[0].lower() for p in self.pages.values() if p.language)
        if languages:
            return languages.most_common(1)[0][0]
        encodings = Counter(LANGUAGES_OF_ENCODINGS.get(p.decoded.encoding, "") for p in self.pages.values())
        return encodings.most_common(1)[0][0] if encodings else ""

    # -- 6. links and Markdown -------------------------------------------------------------------------------

    def _markdown(self, lines: list[Line], page: str, here: str, structure: bool = True) -> str:
        """Lines as Markdown, links rewritten; emphasis (then links) dropped if they would change the text."""
        link = self._link_fn(page, here)
        expected = normalise_space(" ".join(line.plain for line in lines))
        for emphasis, links in ((True, True), (False, True), (False, False)):
            markdown = lines_markdown(lines, link, emphasis=emphasis, links=links, structure=structure)
            if normalise_space(plain_text(markdown)) == expected:
                break
        else:
            self.report.look(page, None, f"text may not show exactly as on the old page: “{expected[:60]}…”")
        for line in lines:
            for href, text in line.hrefs:
                target = link(href)
                if target and target.startswith("item:"):
                    self.report.item_links.append((page, text, target[5:]))
        return markdown

    def _link_fn(self, page: str, here: str) -> LinkFn:
        def link(href: str) -> str | None:
            target = self.site.resolve(page, href)
            if target.kind == "external":
                return href.strip() if re.match(r"(?i)^(https?|mailto|ftp):", href.strip()) else None
            if target.kind == "outside":
                self.report.look(page, self.pages[page].line_of(href), f"link '{href}' leads outside the old "
                                 "site's folder; not followed, kept as text only")
            if target.kind not in ("file", "missing"):
                return None
            new = self.targets.get(target.path)
            if new is None:
                if not _is_home(target.path):
                    why = "that file was not imported" if target.is_file else "the old site's folder has no such file"
                    self.report.look(page, self.pages[page].line_of(href),
                                     f"the link to '{target.path}' is kept as text only: {why}",
                                     kind=f"links kept as text only: {why}")
                return relative_url(here, "") if _is_home(target.path) else None
            if new.startswith("page:"):
                return relative_url(here, f"{new[5:]}/")
            if f"{new.replace(':', 's/', 1)}/" == here:
                return None  # a caption's link to its own photo (the big version) is just text now
            return new
        return link

    def _id_of(self, rel: str) -> str:
        return self.targets[rel].split(":", 1)[1]

    # -- what a person should look at ------------------------------------------------------------------------

    def _title(self, text: PageText, strip_common: bool = True) -> str:
        title = text.page.title
        if strip_common:
            parts = [p for p in TITLE_SEPARATORS.split(title) if p.casefold() not in self._site_title_parts]
            title = " - ".join(parts) if parts else title
        return title or _stem(text.page.rel).replace("-", " ").replace("_", " ").title()

    def _look_at_size(self, photo: Photo) -> None:
        use = photo.uses[0]
        unreadable = photo.versions.unreadable
        if unreadable is not None and unreadable != photo.best:
            self.report.look(use.page, use.line, f"{unreadable} can't be read as an image (damaged, or a format "
                             f"albumen can't open); the item uses {photo.best} instead: check the file")
        elif unreadable is not None:
            self.report.look(use.page, use.line, f"{photo.best} can't be read as an image (damaged, or a format "
                             "albumen can't open); the item was made: check or replace the file",
                             kind="images that can't be read (damaged, or a format albumen can't open): check or "
                             "replace each file")
        elif photo.versions.size is not None and max(photo.versions.size) <= SMALL_PHOTO_PIXELS:
            width, height = photo.versions.size
            self.report.look(use.page, use.line, f"only a small version of {photo.best} was found ({width}x{height} "
                             "pixels; a thumbnail with no bigger version): replace the image with a bigger scan "
                             "if you have one", kind="photos found only as a small thumbnail, with no bigger "
                             "version: replace each with a bigger scan if you have one")
        for shown in photo.uses:
            for number, why in self.texts[shown.page].captions.doubts:
                if number == shown.number:
                    self.report.look(shown.page, shown.line, why, kind=why)

    def _look_at_loose_text(self, text: PageText, narrative: list[Line]) -> None:
        marks = [e.number for e in text.events if isinstance(e, PhotoMark)]
        between = [line for line in narrative if marks and marks[0] < line.number < marks[-1]]
        if between:
            self.report.look(text.page.rel, None, f"text between the photos (“{between[0].plain[:50]}”) was put "
                             "in the topic's narrative: move it to a caption if it belongs to a photo")

    def _report_left_out(self) -> None:
        for key, count in self.chrome.images.items():
            shown = {v.shown or v.best for v in self.versions.values() if v.key == key and (v.shown or v.best)}
            for path in sorted(p for p in shown if p):
                self.report.chrome_images.append((path, count))
        small = {v.shown or v.best for v in self.versions.values() if v.spacer or v.decoration}
        drawn = {path for path in small if path and self.site.drawn(path)}  # said apart: their reason is their own
        self.report.small_images = sorted(path for path in small - drawn if path)
        self.report.drawn_images = sorted(drawn)
        buttons = {v.shown or v.best for v in self.versions.values() if v.navigation}
        self.report.navigation_images = sorted(path for path in buttons if path)
        told = {*small, *buttons, *(path for path, _ in self.report.chrome_images)}
        used = {path for photo in self.photos.values() for path in (photo.best, *self._shown(photo))} | {
            path for views in self.second_views.values() for path in (views.best, views.shown) if path}
        self.report.unused_images = [rel for rel in self.site.files if is_image(rel) and rel not in used | told]
        self.report.chrome_texts = [*((self.chrome.shown_texts[k], n) for k, n in self.chrome.texts.items()),
                                    *self.chrome.dated_texts]
        for rel, text in self.texts.items():
            left = linked_images_left_out(self.site, text.page, used) if not text.photos else []
            if left:
                self.report.look(rel, None, f"this page links {len(left)} image files ({left[0]} …) but no photo "
                                 "was found on it: check the old page in a browser", kind="pages that link image "
                                 "files but show no photo albumen could find: their images were left out")
        for (page, number), versions in self.versions.items():
            if versions.missing:
                self.report.look(page, self.pages[page].images[number].line,
                                 f"'{versions.missing}' is not in the old site's folder",
                                 kind="images the old pages show that are not in the old site's folder")
        for rel, role in self.roles.items():
            if role == "empty":
                self.report.look(rel, None, "this page has nothing but the site's chrome (navigation, banner): "
                                 "no page was made of it", kind="pages with nothing but the site's chrome "
                                 "(navigation, banner): no page was made of them; their addresses lead on")
            elif role == "menu":
                self.report.look(rel, None, "this page is only links to the site's own pages (a menu): no page "
                                 "was made of it", kind="pages that are only links to the site's own pages (menus): "
                                 "no page was made of them; their addresses lead on")


class _Ids:
    """Ids for new records: slugs of old names, unique (ignoring case) within their kind."""

    def __init__(self) -> None:
        self.taken: dict[str, set[str]] = {}

    def new(self, kind: str, name: str, avoid: set[str] | frozenset[str] = frozenset()) -> str:
        base = id_slug(name) or {"items": "photo", "topics": "topic"}.get(kind, "page")
        taken = self.taken.setdefault(kind, set())
        candidate, number = base, 1
        while candidate.casefold() in taken or candidate.casefold() in avoid:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate.casefold())
        return candidate


def _never(_: Line) -> bool:
    return False


def _chains(photo_pages: list[str], pages: dict[str, OldPage]) -> list[list[str]]:
    """Photo pages that link to one another (Previous / Next, a timed refresh) as slide shows, each in order:
    from the page no other one moves on to, following refreshes and forward links, else by name."""
    remaining = set(photo_pages)
    neighbours: dict[str, set[str]] = {rel: set() for rel in photo_pages}  # linked either way, found in one pass
    for rel in photo_pages:
        for other in set(_leads_to(pages[rel])) & remaining - {rel}:
            neighbours[rel].add(other)
            neighbours[other].add(rel)
    chains = []
    for start in sorted(photo_pages, key=_natural):
        if start not in remaining:
            continue
        group, todo = {start}, [start]
        while todo:  # the connected pages, whichever way their links go
            current = todo.pop()
            for other in neighbours[current] - group:
                group.add(other)
                todo.append(other)
        remaining -= group
        chains.append(_in_slide_order(group, pages))
    return chains


def _nested(one: str, two: str) -> bool:
    """One page is in the other's folder or in a folder inside it."""
    first, second = posixpath.dirname(one), posixpath.dirname(two)
    return first == second or not first or not second or (first + "/").startswith(second + "/") or (
        second + "/").startswith(first + "/")


def _leads_to(page: OldPage) -> list[str]:
    return [*page.links, *([page.refresh] if page.refresh else [])]


def _in_slide_order(group: set[str], pages: dict[str, OldPage]) -> list[str]:
    refreshes = {rel: pages[rel].refresh for rel in group if pages[rel].refresh in group}
    if not refreshes:
        return sorted(group, key=_natural)
    arrived = set(refreshes.values())
    order = []
    starts = [rel for rel in group if rel not in arrived] or list(group)
    current: str | None = min(starts, key=_natural)
    while current is not None and current not in order:
        order.append(current)
        current = refreshes.get(current)
    return order + sorted(group - set(order), key=_natural)


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """'slide10' after 'slide9': numbers compared as numbers."""
    return tuple((int(part), "") if part.isdigit() else (0, part.casefold())
                 for part in re.split(r"(\d+)", text) if part)


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def _is_home(rel: str) -> bool:
    return rel in INDEX_NAMES


def _reading_order(texts: dict[str, PageText]) -> list[str]:
    """The home page first, then the other pages by path: the order records are made in."""
    return sorted(texts, key=lambda rel: (not _is_home(rel), rel.count("/"), rel))


def _in_order(lines: list[Line]) -> list[Line]:
    return sorted(dict.fromkeys(lines), key=lambda line: line.number)


def _alt(photo: Photo, alts: Counter[str]) -> str:
    """The longest alt text that describes the photo: not a file name, not used on other photos too."""
    own = Counter(u.alt.casefold() for u in photo.uses if u.alt)
    described = [u.alt for u in photo.uses if u.alt and not _is_file_name(u.alt, photo)
                 and alts[u.alt.casefold()] <= own[u.alt.casefold()]]
    return max(described, key=len, default="")


def _names_a_file(line: Line, photo: Photo, site_files: set[str] | frozenset[str] = frozenset(),
                  counted: frozenset[str] = frozenset()) -> bool:
    """A "caption" that is only a file name (IMG_0001.jpg, the photo's own name, or one cut short by the
    gallery maker: "long_right_profi..."), as gallery generators wrote them under thumbnails."""
    text = line.plain.strip().casefold()
    if " " not in text:  # a path or URL, broken markup shown as text: <"/nd.com/trip/3x5/nasa6.jpg">
        text = posixpath.basename(text.strip("<>\"'()[]"))
    names = _own_names(photo)
    if text in names or FILE_NAME.fullmatch(text) or CAMERA_NAME.fullmatch(text):
        return True
    folded = {_folded_name(name) for name in names}
    label = LABEL_PREFIX.sub("", text, count=1).strip()  # 'Album/x.jpg', 'Archivo: x.jpg', 'Filename: x.jpg'
    if label != text and FILE_EXTENSION.search(label) and (FILE_NAME.fullmatch(label) or _folded_name(label) in folded):
        return True
    if FILE_EXTENSION.search(text) and _folded_name(text) in folded:
        return True  # 'x 04.jpg' under the file 'x 04_jpg.jpg' (Dreamweaver writes a name's dots as '_')
    if _counted_name(text, names, counted):
        return True
    cut = TRUNCATED.fullmatch(text)
    if cut and len(cut.group(1)) >= 4:
        stems = names | site_files
        return any(name.startswith(cut.group(1)) for name in stems)
    return False


FILE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|tiff?|webp|bmp)$", re.IGNORECASE)
LABEL_PREFIX = re.compile(r"^(?:[^/\\:]{1,40}/|\w[\w .'-]{0,15}:)\s*")  # 'Album/', 'Archivo:' before a name


def _counted_name(text: str, names: set[str], counted_lists: frozenset[str] = frozenset()) -> bool:
    """'Boxholm 1' for 'Boxholm (4).jpg': the words of the file's name and a small number, as a list of links to
    pictures counts them: the number is the file's own, or the page counts COUNTED_LIST photos or more so
    (counted_lists: those words). 'Christmas 99' alone under christmas.jpg is a caption, and so is 'Paris 1985'
    for paris85.jpg (a year)."""
    letters = _letters(text)
    if not letters or not COUNTED.fullmatch(text):
        return False
    number = re.sub(r"\D+", "", text).lstrip("0")
    return any(_letters(posixpath.splitext(name)[0]) == letters and (
        letters in counted_lists or re.sub(r"\D+", "", name).lstrip("0") == number) for name in names)


def _letters(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text)


def counted_lists(lines: list[Line]) -> set[str]:
    """The words that COUNTED_LIST lines or more of one page join to a counter: 'Boxholm 1', 'Boxholm 2' ..."""
    found = Counter(_letters(line.plain.casefold()) for line in lines if COUNTED.fullmatch(line.plain))
    return {letters for letters, n in found.items() if letters and n >= COUNTED_LIST}


COUNTED = re.compile(r"\D*?\W*#?\d{1,3}\W*")  # words, then a number of one to three digits
COUNTED_LIST = 3  # a page's lines that join the same words to a counter: a list counting pictures


def _folded_name(name: str) -> str:
    """A file name with case, dots, '_', '-' and spaces folded: the forms gallery makers print of one name."""
    return re.sub(r"[\s._-]+", "", name.casefold())


def _own_names(photo: Photo) -> set[str]:
    """The photo's file names and their stems, lower case."""
    names = {posixpath.basename(p).casefold() for p in (photo.best, *(u.src.path for u in photo.uses)) if p}
    return names | {posixpath.splitext(name)[0] for name in names}


def _is_file_name(text: str, photo: Photo) -> bool:
    stems = {posixpath.splitext(posixpath.basename(p))[0].casefold() for p in (photo.best, *(u.src.path for u in
                                                                                              photo.uses))}
    if SIZE_LABEL.fullmatch(text.strip()):
        return True  # "[Size: 35164 bytes]": only a size
    text = FILE_SIZE.sub("", text)  # FrontPage's alt texts: "lake_small.jpg (2219 bytes)"
    return bool(re.search(r"\.\w{3,4}$", text)) or text.casefold() in stems or bool(CAMERA_NAME.fullmatch(text))


def _photo_headings(text: PageText) -> dict[tuple[str, int], Line]:
    """When every photo on a page sits right under its own heading (a post's title), those are their titles."""
    found: dict[tuple[str, int], Line] = {}
    content = {id(line) for line in text.captions.loose} | {
        id(line) for lines in text.captions.lines.values() for line in lines}
    loose = {id(line) for line in text.captions.loose}
    for use in text.photos:
        owned = [e.number for e in text.events if isinstance(e, Line) and e in text.captions.lines.get(use.number, [])]
        mark = next((e.number for e in text.events if isinstance(e, PhotoMark) and e.image == use.number), None)
        if mark is None:  # a photo shown as the page's background has no place among the lines
            return {}
        before = [e for e in text.events[: min([mark, *owned])] if not isinstance(e, Line) or id(e) in content]
        last = before[-1] if before else None
        if not isinstance(last, Line) or id(last) not in loose or last.kind not in HEADINGS:
            return {}
        found[(text.page.rel, use.number)] = last
    return found if len(found) >= 2 else {}


def _floated(use: ImageUse) -> bool:
    align = (use.node.attributes.get("align") or "").strip().lower()
    style = (use.node.attributes.get("style") or "").replace(" ", "").lower()
    return align in ("left", "right") or "float:left" in style or "float:right" in style


def _title_line(lines: list[Line]) -> Line | None:
    """On a photo page, a short first line over a longer one is the photo's title (Lightroom's and iPhoto's
    Title above the Caption): a few words with no sentence's end."""
    if len(lines) < 2:
        return None
    first, rest = lines[0], lines[1:]
    words = first.plain.split()
    if 0 < len(words) <= 6 and not first.plain.rstrip().endswith((".", "!", "?", ":", ";", ",")) and (
            len(" ".join(line.plain for line in rest)) > len(first.plain)):
        return first
    return None


def _without_emptied_sections(every: list[Line], kept: list[Line]) -> list[Line]:
    """A photo page's kept lines without the short headings whose sections were all set aside: a label (Gramps'
    'References' over links to the people's pages, or over nothing at the page's end) is no caption. The first
    heading stays (the photo's title), and so does a heading followed by another (a line in big type: 'New!
    Andrew's first Easter') or one that says something ('A concerned Mrs. Claus greeted ...' over the photo)."""
    kept_ids = {id(line) for line in kept}
    dropped = set()
    for n, line in enumerate(every):
        if n == 0 or line.kind not in HEADINGS or id(line) not in kept_ids or len(
                line.plain.split()) > SECTION_LABEL_WORDS:
            continue
        section = list(takewhile(lambda after: after.kind not in HEADINGS, every[n + 1:]))
        if (section or n + 1 == len(every)) and not any(id(after) in kept_ids for after in section) and any(
                earlier.kind in HEADINGS for earlier in every[:n]):
            dropped.add(id(line))
    return [line for line in kept if id(line) not in dropped]


def _first_heading(lines: list[Line]) -> Line | None:
    return next((line for line in lines if line.kind in ("h1", "h2", "h3")), None)


def _first_paragraph(lines: list[Line]) -> list[Line]:
    """The lines of the first plain paragraph, when the text starts with one."""
    if not lines or lines[0].kind != "p":
        return []
    return [line for line in lines if line.paragraph == lines[0].paragraph]


def _before_first_photo(text: PageText) -> list[Line]:
    first = next((e.number for e in text.events if isinstance(e, PhotoMark)), None)
    return [line for line in text.captions.loose if first is None or line.number < first]


def _external_links(lines: list[Line]) -> tuple[Link, ...]:
    links: dict[str, Link] = {}
    for line in lines:
        for href, text in line.hrefs:
            url = href.strip()
            if re.match(r"(?i)^https?://", url):
                links.setdefault(url, Link(title=text or url, url=url))
    return tuple(links.values())


def _common_title_parts(titles: list[str]) -> set[str]:
    """Parts of <title> that two or more pages share (the site's name), ignoring case."""
    counts = Counter(part.casefold() for title in titles for part in set(TITLE_SEPARATORS.split(title)) if part)
    return {part for part, count in counts.items() if count >= 2} if len(titles) > 1 else set()


def _without_clashing_redirects(draft: Draft, report: ImportReport) -> Draft:
    """Old paths the new site can't redirect: its own folders or a free page's folder (ignoring case, as
    `albumen check` does: a Windows or Mac disk would mix them), one file taken twice, or a file that another old
    path needs as a folder. Left out here, the import never writes an archive that its own build refuses.

    The old home page needs none: the new home is at the same address.
    """
    taken = {name.casefold() for name in RESERVED_PAGE_IDS | {p.id for p in draft.pages} | {"index.html"}}
    records: list[DraftItem | DraftTopic | DraftPage] = [*draft.items, *draft.topics, *draft.pages]
    olds = [old for record in records for old in record.redirect_from]
    folders = {"/".join(file.split("/")[:n]) for old in olds
               for file in [redirect_file(old).casefold()] for n in range(1, file.count("/") + 1)}
    seen: dict[str, str] = {}  # the file an old path becomes -> the record that took it

    def keep(paths: tuple[str, ...], record: str) -> tuple[str, ...]:  # record: 'item:ID', 'topic:ID', 'page:ID'
        kept = []
        for path in paths:
            file = redirect_file(path).casefold()
            # Photo.JPG and photo.jpg of one record are one place (the build allows it); of two, the first wins.
            if (path in kept or seen.get(file, record) != record or path == "index.html"
                    or any(part.startswith(".") for part in path.split("/"))):
                continue
            if path.split("/", 1)[0].casefold() in taken:
                report.look(path, None, "this old address can't be kept: the new site uses that name for its "
                            "own pages; links to it from elsewhere will break")
                continue
            if file in folders:
                report.look(path, None, "this old address can't be kept: other old addresses need it as a "
                            "folder; links to it from elsewhere will break")
                continue
            seen[file] = record
            kept.append(path)
        return tuple(kept)

    return replace(
        draft,
        topics=tuple(replace(t, redirect_from=keep(t.redirect_from, f"topic:{t.id}")) for t in draft.topics),
        pages=tuple(replace(p, redirect_from=keep(p.redirect_from, f"page:{p.id}")) for p in draft.pages),
        items=tuple(replace(i, redirect_from=keep(i.redirect_from, f"item:{i.id}")) for i in draft.items),
    )
