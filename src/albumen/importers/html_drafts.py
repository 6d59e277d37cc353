"""The draft records: an item per photo, a topic per gallery or slide show, a page per free page, and the
site's settings, as the earlier stages found them (the end of step 5 of html_site.py's list)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from albumen.importers.drafts import Draft, DraftItem, DraftPage, DraftTopic, ImageCopy, SiteSettings
from albumen.importers.fields import caption_markdown, id_slug, split_values
from albumen.importers.html_addresses import id_of, markdown_of, redirects_to
from albumen.importers.html_fields import LabelledFields
from albumen.importers.html_galleries import GallerySections, gallery_sections, pages_own_gallery, topic_keys
from albumen.importers.html_model import Photo, SiteModel, file_stem, first_heading, is_home, reading_order, thumbnails
from albumen.importers.html_objects import sides_as_one
from albumen.importers.html_page import normalise_space
from albumen.importers.html_paging import is_page_counter
from albumen.importers.html_photo_text import (
    AltSharing,
    SiteWords,
    alt_caption,
    alt_sharing,
    alt_text,
    box_caption,
    caption_parts,
    field_date,
    field_places,
    fields_of,
    script_caption,
    site_words,
    stamps_day_first,
)
from albumen.importers.html_presentations import told_by_slides
from albumen.importers.html_report import look_at_loose_text, look_at_size
from albumen.importers.html_text import Line, escape_markdown
from albumen.importers.html_titles import (
    distinct_titles,
    first_paragraph,
    home_body,
    page_title,
    saved_part_title,
    show_title,
    site_heading,
    title_of,
    topic_title,
    topic_title_line,
)
from albumen.importers.site_language import language_of_prose, language_of_words
from albumen.records import ItemImage, Link
from albumen.urls import item_url, scheme_url

MENU_LINKED_FROM = 3  # an old page is in the old menu when its navigation leads there from this many pages at least
LANGUAGES_OF_ENCODINGS = {"cp932": "ja", "shift_jis": "ja", "euc_jp": "ja", "iso2022_jp": "ja", "gb18030": "zh",
                          "big5hkscs": "zh", "big5": "zh", "cp949": "ko", "euc_kr": "ko"}


def draft_records(m: SiteModel) -> Draft:
    """The items, topics, pages, places, image copies and settings the import found, for the archive writer."""
    sections = {rel: found for rel in reading_order(m.texts) if m.roles[rel] == "gallery" and rel not in m.continued
                and (found := gallery_sections(m, rel))}
    items = tuple(_items(m, sections))
    topics, pages = tuple(_topics(m, sections)), tuple(_pages(m))
    settings = _settings(m, _family_words(items, topics, pages))
    # The photo pages' dates are read last, in the language the site's words are in ("Datum: 12 maart 1998"),
    # which only the drafted captions tell; _items drafts an item per photo, in the same order.
    day_first = stamps_day_first(m)
    items = tuple(_dated(m, item, photo, settings.language, day_first) for item, photo in zip(
        items, m.photos.values(), strict=True))
    draft = Draft(items=items, topics=topics, pages=pages, places=m.places.drafts(), images=tuple(_images(m)),
                  settings=settings)
    return _sides_as_one(m, draft)


def _items(m: SiteModel, sections: dict[str, GallerySections]) -> list[DraftItem]:
    topics_of: dict[str, list[str]] = {}
    for rel in [*reading_order(m.texts), *m.slide_shows]:
        if rel in m.slide_shows or m.roles[rel] == "gallery":
            sectioned = {key: topic for _, topic, keys in sections.get(rel, []) for key in keys}
            for key in topic_keys(m, rel):
                topics_of.setdefault(key, []).append(sectioned.get(key) or id_of(m, rel))
    alts = Counter(u.alt.casefold() for p in m.photos.values() for u in p.uses if u.alt)
    words, sharing = site_words(m), alt_sharing(m)
    return [_item(m, photo, list(dict.fromkeys(topics_of.get(photo.key, []))), alts, words, sharing)
            for photo in m.photos.values()]


def _photo_fields(m: SiteModel, photo: Photo) -> LabelledFields:
    return next((found for page in photo.photo_pages if (found := fields_of(m, page))), LabelledFields())


def _dated(m: SiteModel, item: DraftItem, photo: Photo, language: str, day_first: bool | None) -> DraftItem:
    """The item with the date its photo page gives (none: a date stamp under the photo), read in `language`, a
    time stamp's day and month in the order the site's stamps show (`day_first`)."""
    source = dict(item.source or {})
    date = field_date(m, _photo_fields(m, photo), photo, source, language, day_first)
    return replace(item, date=date, source=source) if date or source != (item.source or {}) else item


def _item(m: SiteModel, photo: Photo, topics: list[str], alts: Counter[str], words: SiteWords,
          sharing: AltSharing) -> DraftItem:
    title, parts, left_out = caption_parts(m, photo, words)
    fields = _photo_fields(m, photo)
    said = [markdown_of(m, lines, page, item_url(photo.id), structure=False) for lines, page in parts]
    boxed = box_caption(photo)  # a lightbox's caption: the words it showed under the big photo
    boxed_said = [caption_markdown(boxed)] if boxed and not any(
        normalise_space(boxed).casefold() in normalise_space(" ".join(line.plain for line in lines)).casefold()
        for lines, _ in parts) else []
    caption = "\n\n".join([*(caption_markdown(text) for text in fields.values.get("caption", [])), *boxed_said,
                            *said]) or script_caption(m, photo)
    title = title or fields.first("title")
    alt_words = "" if caption or boxed is not None else alt_caption(m, photo, sharing)  # its title beats its alt
    if alt_words and normalise_space(alt_words).casefold() != normalise_space(title).casefold():  # not twice
        caption = caption_markdown(alt_words)
        m.report.look(photo.uses[0].page, photo.uses[0].line, f"“{caption}”, the alt text of {photo.best}, is its "
                      "only words: kept as its caption", level="note", kind="photos whose only words were their "
                      "alt text (what text browsers showed): kept as their caption")
    if not caption:  # what was left out of it is no caption either: the photo is told once, with the first of it
        why = f" (“{left_out[0].text}” is {left_out[0].what}: left out)" if left_out else ""
        m.report.look(photo.uses[0].page, photo.uses[0].line, f"no caption found for {photo.best}{why}",
                      kind="photos without a caption (the old site has no text for them): add one if you "
                      "know it")
    for left in left_out if caption else ():
        m.report.look(left.page, left.line, left.message, kind=left.kind)
    look_at_size(m, photo)
    m.report.items.append((photo.best, photo.id))
    for page in photo.photo_pages:
        m.report.photo_pages.append((page, photo.id))
    source = _source(m, photo)
    return DraftItem(id=photo.id, image=_image_target(m, photo.best), caption=caption, title=title,
                     creator=fields.first("creator"),
                     places=field_places(m, fields, photo, source),
                     rights=fields.first("rights"), subjects=tuple(dict.fromkeys(
                         word for value in fields.values.get("subjects", [])
                         for word in split_values(value, ",;"))),
                     topics=tuple(topics), alt=alt_text(photo, alts), source=source,
                     redirect_from=_old_paths(m, photo), images=_views(m, photo))


def _views(m: SiteModel, photo: Photo) -> tuple[ItemImage, ...]:
    """A photograph seen two ways on its own page: both images, labelled front and back when the second's
    name is the first's with 'back' (or 'verso', 'reverse') added; else one image (no list)."""
    second = m.second_views.get(photo.key)
    if second is None or second.best is None:
        return ()
    first_stem, second_stem = file_stem(photo.best).casefold(), file_stem(second.best).casefold()
    rest = second_stem.removeprefix(first_stem).strip("_- ") if second_stem.startswith(first_stem) else ""
    labels = ("front", "back") if rest in ("back", "verso", "reverse", "b") else ("", "")
    return (ItemImage(_image_target(m, photo.best), labels[0]),
            ItemImage(_image_target(m, second.best), labels[1]))


def _source(m: SiteModel, photo: Photo) -> dict[str, Any]:
    galleries = [u.page for u in photo.uses if m.roles[u.page] != "photo"]
    shown = thumbnails(photo)
    source = {"site": m.site.name, "page": galleries[0] if galleries else photo.uses[0].page,
              "photo_page": photo.photo_page, "image": photo.best, "thumbnail": shown[0] if shown else None,
              "also_on": sorted(set(galleries[1:])) or None}
    return {key: value for key, value in source.items() if value}


def _old_paths(m: SiteModel, photo: Photo) -> tuple[str, ...]:
    """Its own pages (and the pages that lead to it), its image files, and their names as the old pages
    spelled them."""
    shown = thumbnails(photo)
    spelled = [path for u in photo.uses for t in (u.src, u.link) if t is not None and t.is_file
               and t.path in (photo.best, *shown) for path in t.spellings]
    pages = redirects_to(m, f"item:{photo.id}")
    second = m.second_views.get(photo.key)
    views = [second.best, second.shown] if second is not None else []
    return tuple(dict.fromkeys(p for p in (*pages, photo.best, *shown, *spelled, *views) if p))


def _topics(m: SiteModel, sections: dict[str, GallerySections]) -> list[DraftTopic]:
    topics = []
    later_pages: dict[str, set[str]] = {}
    for page, first in m.continued.items():
        later_pages.setdefault(first, set()).add(page)
    for rel in reading_order(m.texts):
        if m.roles[rel] != "gallery" or rel in m.continued:
            continue
        text = m.texts[rel]
        pages = {rel, *later_pages.get(rel, set())}
        topic_id = id_of(m, rel)
        over_photos = {id(line) for (page, _), line in m.headings.items() if page == rel}
        title_line = topic_title_line(m, rel)
        days = sections.get(rel, [])
        headings = {section.heading.plain for section, _, _ in days}  # each its own topic's title
        narrative = [line for line in text.captions.loose if line is not title_line and id(line) not in over_photos
                     and line.plain not in headings and not is_page_counter(line.plain)
                     and not pages_own_gallery(m, rel, pages, line)]
        head = m.stories.get(rel)  # a story's subtitle and date are the topic's own: nothing to look at
        look_at_loose_text(m, text, [line for line in narrative if head is None or line not in head.under])
        in_sections = {key for _, _, keys in days for key in keys}
        items = [m.photos[key].id for key in topic_keys(m, rel) if key not in in_sections]
        told = markdown_of(m, narrative, rel, scheme_url("topic", topic_id))
        contents = "\n".join(f"- [{escape_markdown(section.heading.plain)}](topic:{section_id})"
                              for section, section_id, _ in days)  # the page leads to its days
        topics.append(DraftTopic(
            id=topic_id, title=distinct_titles(m).get(rel) or topic_title(m, rel),
            narrative="\n\n".join(part for part in (told, contents) if part),
            links=_external_links(m, rel, narrative),
            items=tuple(items), redirect_from=redirects_to(m, f"topic:{topic_id}"),
        ))
        m.report.topics.append((rel, topic_id))
        for section, section_id, keys in days:
            topics.append(DraftTopic(id=section_id, title=section.heading.plain,
                                     items=tuple(m.photos[key].id for key in keys)))
            m.report.topics.append((f"{rel}: “{section.heading.plain}”", section_id))
    for name, chain in m.slide_shows.items():
        topic_id = id_of(m, name)
        title = show_title(m, name, chain)
        presentation = m.presentations.get(name)  # None: a slide show of photo pages
        slides_told = [markdown_of(m, lines, rel, scheme_url("topic", topic_id))
                       for rel, lines in (told_by_slides(m, presentation) if presentation is not None else [])]
        topics.append(DraftTopic(id=topic_id, title=title, narrative="\n\n".join(slides_told),
                                 items=tuple(m.photos[key].id for key in topic_keys(m, name)),
                                 redirect_from=redirects_to(m, f"topic:{topic_id}")))
        shown = (f"a presentation of {len(presentation.slides)} slides" if presentation is not None
                 else f"a slide show of {len(chain)} photo pages")
        m.report.topics.append((f"{chain[0]} … {chain[-1]} ({shown})", topic_id))
    return topics


def _pages(m: SiteModel) -> list[DraftPage]:
    pages = []
    in_menu = _in_the_old_menu(m)
    for rel in reading_order(m.texts):
        role = m.roles[rel]
        if role not in ("free", "home") or not m.targets.get(rel, "").startswith("page:"):
            continue
        text = m.texts[rel]
        title_line = None if saved_part_title(m, rel) else first_heading(text.captions.loose)
        body = [line for line in text.captions.loose if line is not title_line]
        if role == "home":
            body = home_body(m)  # its first paragraph is the site's description
        page_id = id_of(m, rel)
        pages.append(DraftPage(id=page_id, title=page_title(m, rel),
                               body=markdown_of(m, body, rel, f"{page_id}/"),
                               redirect_from=redirects_to(m, f"page:{page_id}"), menu=rel in in_menu))
        m.report.pages.append((rel, page_id))
    return pages


def _in_the_old_menu(m: SiteModel) -> set[str]:
    """The old pages the old site's menu led to: those its menu pages (a frame of links) list, and those its
    navigation lines (links only, repeated on page after page) lead to from a quarter of the pages that have such
    lines, three at least. A chapter's Previous | Contents | Next leads to each chapter from two pages: no menu."""
    found: set[str] = set()
    leading: dict[str, set[str]] = {}  # old page -> the pages whose navigation leads to it
    with_navigation = 0
    for rel, text in m.texts.items():
        menu_page = m.roles[rel] == "menu"
        lines = [line for line in text.lines if line.link_only and (menu_page or m.chrome.is_chrome_line(line))]
        with_navigation += bool(lines) and not menu_page
        for line in lines:
            for href, _ in line.hrefs:
                target = m.site.resolve(rel, href)
                if target.is_file and menu_page:
                    found.add(target.path)
                elif target.is_file:
                    leading.setdefault(target.path, set()).add(rel)
    often = max(MENU_LINKED_FROM, with_navigation // 4)
    return found | {page for page, sources in leading.items() if len(sources) >= often}


def _images(m: SiteModel) -> list[ImageCopy]:
    views = [v.best for v in m.second_views.values() if v.best in m.site.files]
    return [ImageCopy(m.site.files[path], _image_target(m, path))
            for path in [*(photo.best for photo in m.photos.values() if photo.best in m.site.files),
                         *(path for path in views if path is not None)]]


def _image_target(m: SiteModel, old: str) -> str:
    return f"{id_slug(m.site.name) or 'old-site'}/{old}"


def _settings(m: SiteModel, words: list[str]) -> SiteSettings:
    notice, rights = m.chrome.notice_and_rights()
    home = next((rel for rel in m.texts if is_home(rel)), None)
    title = description = ""
    if home is not None:
        text = m.texts[home]
        heading = first_heading(text.lines) if m.roles[home] == "home" else None
        title = heading.plain if heading else site_heading(m, home) or title_of(m, text, strip_common=False)
        first = first_paragraph([line for line in text.captions.loose if line is not heading
                                 and not line.link_only and not m.chrome.is_chrome_line(line)])
        description = " ".join(line.plain for line in first) if m.roles[home] == "home" else ""
    settings = SiteSettings(title=title, description=description, language=_language(m, [title, description, *words]),
                            notice=notice, rights=rights)
    m.report.settings = settings.offered()
    return settings


def _family_words(items: tuple[DraftItem, ...], topics: tuple[DraftTopic, ...], pages: tuple[DraftPage, ...]
                  ) -> list[str]:
    """What the family wrote, chrome and navigation left out: captions first, then titles and stories (site_language
    leaves out a page's lines that are links alone)."""
    return [*(item.caption for item in items), *(topic.title for topic in topics),
            *(topic.narrative for topic in topics), *(page.body for page in pages)]


def _language(m: SiteModel, words: list[str]) -> str:
    """The language the pages declare, unless the family's running text says another surely (a template's
    lang="en" over Swedish stories is the template's); with none declared, the language of the family's words,
    else the one the pages' encoding implies."""
    prose = language_of_prose(words).tag
    languages = Counter(p.language.split("-")[0].lower() for p in m.pages.values() if p.language)
    if languages:
        return prose or languages.most_common(1)[0][0]
    if found := prose or language_of_words(words).tag:
        return found
    encodings = Counter(LANGUAGES_OF_ENCODINGS.get(p.decoded.encoding, "") for p in m.pages.values())
    return encodings.most_common(1)[0][0] if encodings else ""


def _sides_as_one(m: SiteModel, draft: Draft) -> Draft:
    """A page's front and back as one item (html_objects.py), and the report told so."""
    found, merged = sides_as_one(draft)
    if merged:
        kept = {topic.id for topic in found.topics}
        m.report.items = [(old, merged.get(new, new)) for old, new in m.report.items]
        m.report.photo_pages = [(old, merged.get(new, new)) for old, new in m.report.photo_pages]
        m.report.topics = [(old, new) for old, new in m.report.topics if new in kept]
    return found


def _external_links(m: SiteModel, page: str, lines: list[Line]) -> tuple[Link, ...]:
    """The web links of a topic's text; a link to the site's own address (learned from its links) is internal."""
    links: dict[str, Link] = {}
    for line in lines:
        for href, text in line.hrefs:
            url = href.strip()
            if re.match(r"(?i)^https?://", url) and m.site.resolve(page, url).kind == "external":
                links.setdefault(url, Link(title=text or url, url=url))
    return tuple(links.values())
