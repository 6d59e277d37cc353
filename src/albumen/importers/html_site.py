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

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.archive_reader import load_places
from albumen.importers.drafts import Draft, DraftItem, DraftPage, DraftTopic, ImageCopy, SiteSettings
from albumen.importers.fields import caption_markdown, id_slug, split_values
from albumen.importers.html_addresses import (
    assign_ids,
    id_of,
    map_the_other_pages,
    markdown_of,
    redirects_to,
    without_clashing_redirects,
)
from albumen.importers.html_collect import collect
from albumen.importers.html_fields import LabelledFields
from albumen.importers.html_galleries import join_galleries, pages_own_gallery, topic_keys
from albumen.importers.html_model import (
    PageText,
    Photo,
    SiteModel,
    file_stem,
    first_heading,
    is_home,
    reading_order,
)
from albumen.importers.html_objects import sides_as_one
from albumen.importers.html_paging import is_page_counter
from albumen.importers.html_photo_text import (
    SiteWords,
    alt_text,
    caption_parts,
    field_date,
    field_places,
    fields_of,
    script_caption,
    site_words,
)
from albumen.importers.html_photos import linked_images_left_out
from albumen.importers.html_roles import SMALL_PHOTO_PIXELS, assign_roles, give_loose_photos_a_topic
from albumen.importers.html_text import Line, PhotoMark
from albumen.importers.html_titles import (
    distinct_titles,
    first_paragraph,
    home_body,
    leftovers_title,
    page_title,
    slide_show_title,
    title_of,
    topic_title,
    topic_title_line,
)
from albumen.importers.oldsite import OldSite, is_image
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.report import ImportReport
from albumen.problems import Problems
from albumen.records import ItemImage, Link
from albumen.reporter import Reporter
from albumen.urls import item_url, scheme_url

LANGUAGES_OF_ENCODINGS = {"cp932": "ja", "shift_jis": "ja", "euc_jp": "ja", "iso2022_jp": "ja", "gb18030": "zh",
                          "big5hkscs": "zh", "big5": "zh", "cp949": "ko", "euc_kr": "ko"}


@dataclass
class HtmlImport:
    """What the reader found: the records to write and the report so far."""

    draft: Draft
    report: ImportReport


def read_html_site(old_root: Path, archive_root: Path, *, encoding: str | None = None,
                   reporter: Reporter | None = None, label: str | None = None) -> HtmlImport:
    """Read the saved old site in `old_root` into a Draft for the archive at `archive_root`."""
    reader = _Reader(OldSite(old_root, skip=archive_root.resolve()), encoding, reporter or Reporter(),
                     ImportReport(label or str(old_root)))
    reader.places = LazyPlaceLookup(load_places(archive_root, Problems()))  # its problems are `check`'s to say
    return reader.read()


class _Reader(SiteModel):
    """One import of one old site; each method is one step of the module's list."""

    def read(self) -> HtmlImport:
        collect(self)
        assign_roles(self)
        give_loose_photos_a_topic(self)
        join_galleries(self)
        assign_ids(self)
        map_the_other_pages(self)
        items = tuple(self._items())
        draft = Draft(items=items, topics=tuple(self._topics()), pages=tuple(self._pages()),
                      places=self.places.drafts(), images=tuple(self._images()), settings=self._settings())
        draft = self._sides_as_one(draft)
        self._report_left_out()
        return HtmlImport(without_clashing_redirects(draft, self.report), self.report)

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

    # -- 2.-4. captions and chrome ---------------------------------------------------------------------------

    # -- 5. items, topics, pages -----------------------------------------------------------------------------

    def _items(self) -> list[DraftItem]:
        topics_of: dict[str, list[str]] = {}
        for rel in [*reading_order(self.texts), *self.slide_shows]:
            if rel in self.slide_shows or self.roles[rel] == "gallery":
                for key in topic_keys(self, rel):
                    topics_of.setdefault(key, []).append(id_of(self, rel))
        alts = Counter(u.alt.casefold() for p in self.photos.values() for u in p.uses if u.alt)
        words = site_words(self)
        return [self._item(photo, list(dict.fromkeys(topics_of.get(photo.key, []))), alts, words)
                for photo in self.photos.values()]

    def _item(self, photo: Photo, topics: list[str], alts: Counter[str], words: SiteWords) -> DraftItem:
        title, parts = caption_parts(self, photo, words)
        fields = next((found for page in photo.photo_pages if (found := fields_of(self, page))), LabelledFields())
        said = [markdown_of(self, lines, page, item_url(photo.id), structure=False) for lines, page in parts]
        caption = "\n\n".join([*(caption_markdown(text) for text in fields.values.get("caption", [])), *said]) \
            or script_caption(self, photo)
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
                         date=field_date(self, fields, photo, source), creator=fields.first("creator"),
                         places=field_places(self, fields, photo, source),
                         rights=fields.first("rights"), subjects=tuple(dict.fromkeys(
                             word for value in fields.values.get("subjects", [])
                             for word in split_values(value, ",;"))),
                         topics=tuple(topics), alt=alt_text(photo, alts), source=source,
                         redirect_from=self._old_paths(photo), images=self._views(photo))

    def _views(self, photo: Photo) -> tuple[ItemImage, ...]:
        """A photograph seen two ways on its own page: both images, labelled front and back when the second's
        name is the first's with 'back' (or 'verso', 'reverse') added; else one image (no list)."""
        second = self.second_views.get(photo.key)
        if second is None or second.best is None:
            return ()
        first_stem, second_stem = file_stem(photo.best).casefold(), file_stem(second.best).casefold()
        rest = second_stem.removeprefix(first_stem).strip("_- ") if second_stem.startswith(first_stem) else ""
        labels = ("front", "back") if rest in ("back", "verso", "reverse", "b") else ("", "")
        return (ItemImage(self._image_target(photo.best), labels[0]),
                ItemImage(self._image_target(second.best), labels[1]))

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
        pages = redirects_to(self, f"item:{photo.id}")
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
        for rel in reading_order(self.texts):
            if self.roles[rel] != "gallery" or rel in self.continued:
                continue
            text = self.texts[rel]
            pages = {rel, *later_pages.get(rel, set())}
            topic_id = id_of(self, rel)
            over_photos = {id(line) for (page, _), line in self.headings.items() if page == rel}
            title_line = topic_title_line(self, rel)
            narrative = [line for line in text.captions.loose if line is not title_line and id(line) not in over_photos
                         and not is_page_counter(line.plain) and not pages_own_gallery(self, rel, pages, line)]
            self._look_at_loose_text(text, narrative)
            items = [self.photos[key].id for key in topic_keys(self, rel)]
            topics.append(DraftTopic(
                id=topic_id, title=distinct_titles(self).get(rel) or topic_title(self, rel),
                narrative=markdown_of(self, narrative, rel, scheme_url("topic", topic_id)),
                links=_external_links(narrative),
                items=tuple(items), redirect_from=redirects_to(self, f"topic:{topic_id}"),
            ))
            self.report.topics.append((rel, topic_id))
        for name, chain in self.slide_shows.items():
            topic_id = id_of(self, name)
            title = slide_show_title(self, chain) or leftovers_title(self, name, chain)
            topics.append(DraftTopic(id=topic_id, title=title,
                                     items=tuple(self.photos[key].id for key in topic_keys(self, name)),
                                     redirect_from=redirects_to(self, f"topic:{topic_id}")))
            self.report.topics.append((f"{chain[0]} … {chain[-1]} (a slide show of {len(chain)} photo pages)",
                                       topic_id))
        return topics

    def _pages(self) -> list[DraftPage]:
        pages = []
        for rel in reading_order(self.texts):
            role = self.roles[rel]
            if role not in ("free", "home") or not self.targets.get(rel, "").startswith("page:"):
                continue
            text = self.texts[rel]
            title_line = first_heading(text.captions.loose)
            body = [line for line in text.captions.loose if line is not title_line]
            if role == "home":
                body = home_body(self)  # its first paragraph is the site's description
            page_id = id_of(self, rel)
            pages.append(DraftPage(id=page_id, title=page_title(self, rel),
                                   body=markdown_of(self, body, rel, f"{page_id}/"),
                                   redirect_from=redirects_to(self, f"page:{page_id}")))
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
        home = next((rel for rel in self.texts if is_home(rel)), None)
        title = description = ""
        if home is not None:
            text = self.texts[home]
            heading = first_heading(text.lines) if self.roles[home] == "home" else None
            title = heading.plain if heading else title_of(self, text, strip_common=False)
            first = first_paragraph([line for line in text.captions.loose if line is not heading])
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

    # -- what a person should look at ------------------------------------------------------------------------

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


def _external_links(lines: list[Line]) -> tuple[Link, ...]:
    links: dict[str, Link] = {}
    for line in lines:
        for href, text in line.hrefs:
            url = href.strip()
            if re.match(r"(?i)^https?://", url):
                links.setdefault(url, Link(title=text or url, url=url))
    return tuple(links.values())
