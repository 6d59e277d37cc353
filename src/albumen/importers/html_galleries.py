"""Galleries joined: a paged gallery's later pages, and an album made again inside another of its title, are one
topic with it; and which photos each topic holds, in order (part of step 5 of html_site.py's list)."""

from __future__ import annotations

import posixpath

from albumen.importers.html_captions import layout_of
from albumen.importers.html_model import PageText, SiteModel, reading_order
from albumen.importers.html_page import normalise_space
from albumen.importers.html_paging import continued_galleries
from albumen.importers.html_photo_text import FILE_EXTENSION
from albumen.importers.html_sections import Section, divides, sections_of
from albumen.importers.html_stories import lift_story_headings, story_heading
from albumen.importers.html_text import HEADINGS, Line, PhotoMark, page_events
from albumen.importers.html_titles import topic_title, topic_title_line

GallerySections = list[tuple[Section, str, list[str]]]  # each section, its topic's id, its photos' keys


def join_galleries(m: SiteModel) -> None:
    """A paged gallery's pages as one (m.continued), the headings over its photos (m.headings), and a copy of a
    gallery inside it joined to it."""
    galleries = [rel for rel in reading_order(m.texts) if m.roles[rel] == "gallery"]
    lift_story_headings(m, galleries)
    m.continued = {**continued_galleries(
        m.site, m.pages, galleries, lambda rel, number: not m.versions[(rel, number)].is_photo_candidate
        and not m.versions[(rel, number)].menu,  # a menu's button leads to a section, never to a gallery's next page
        {rel: " ".join(line.plain for line in m.texts[rel].captions.loose if not line.link_only
                       and not FILE_EXTENSION.search(line.plain)) for rel in galleries},  # a story, no labels
        {rel: heading.plain for rel in galleries if (heading := story_heading(m, rel))}),
        **m.continued}  # a presentation's slides (html_presentations.py)
    for rel, role in m.roles.items():
        if role == "gallery":
            m.headings.update(_photo_headings(m.texts[rel]))
    _join_copies_of_galleries(m)


def topic_keys(m: SiteModel, rel: str) -> list[str]:
    """The photos of a topic, in order: those its page shows, then those of the photo pages it links to;
    then those of its later pages, if it is a paged gallery."""
    shown = [] if rel in m.slide_shows else [m.key(u) for u in m.texts[rel].photos]
    later = [key for page, first in m.continued.items() if first == rel and page != rel
             for key in topic_keys(m, page)]
    return list(dict.fromkeys([*shown, *m.gathered.get(rel, []), *later]))


def gallery_sections(m: SiteModel, rel: str) -> GallerySections:
    """A gallery page divided by headings, each over its photos (a trip's days: html_sections.py): each
    section, the id of its topic and its photos' keys; [] when the page is one gallery. Every picture of the
    page is placed, a thumbnail of a photo page the page gathers too (a panorama's)."""
    page = m.pages.get(rel)
    if rel in m.slide_shows or rel not in m.texts or page is None or page.body is None:
        return []
    text = m.texts[rel]
    title_line = topic_title_line(m, rel)
    own_texts = {line.plain for line in text.captions.loose if line is not title_line}
    layout = layout_of(page.body, {u.number: u.node for u in text.photos})
    events = page_events(page.body, {u.node_id: u.number for u in page.images}, layout.boundaries,
                         m.steps_of(page))
    found = [(section, list(dict.fromkeys(key for n in section.images if (key := _key_shown(m, rel, n)))))
             for section in sections_of(events, own_texts)]
    if not divides([keys for _, keys in found]):
        return []
    return [(section, m.ids.new("topics", section.heading.plain), keys) for section, keys in found]


def _key_shown(m: SiteModel, rel: str, number: int) -> str | None:
    """The photo a picture of a gallery stands for: its own, or that of the photo page it leads to, which the
    gallery gathers."""
    use = next((u for u in m.texts[rel].photos if u.number == number), None)
    if use is not None:
        return m.key(use)
    link = next((u.link for u in m.pages[rel].images if u.number == number), None)
    if link is not None and link.is_file and m.roles.get(link.path) == "photo" and m.texts[link.path].photos:
        key = m.key(m.texts[link.path].photos[0])
        return key if key in m.gathered.get(rel, []) else None
    return None


def pages_own_gallery(m: SiteModel, rel: str, pages: set[str], line: Line) -> bool:
    """A line of links only to the `pages` of the gallery `rel` begins (1 2 3, Next): its paging, no text."""
    return line.link_only and bool(line.hrefs) and all(
        m.site.resolve(rel, href).path in pages for href, _ in line.hrefs)


def _join_copies_of_galleries(m: SiteModel) -> None:
    """A gallery under another's title (ignoring case) that shows only photos that one shows too, in its folder
    or a folder of it (an album made again of some of a gallery's photos, kept inside it) is that gallery: one
    topic, its address leads there. Under another title (an album copied and renamed), or beside it (two
    albums of a maker's default title, 'Photo Gallery'), it stays a topic of its own."""
    firsts = [rel for rel in reading_order(m.texts)
              if m.roles[rel] == "gallery" and rel not in m.continued]
    keys = {rel: set(topic_keys(m, rel)) for rel in firsts}
    titles = {rel: normalise_space(topic_title(m, rel)).casefold() for rel in firsts}
    by_title: dict[str, list[str]] = {}  # in reading order: only galleries of one title are compared
    for rel in firsts:
        by_title.setdefault(titles[rel], []).append(rel)
    for copy in sorted(firsts, key=lambda rel: len(keys[rel])):
        original = next((rel for rel in by_title[titles[copy]] if rel != copy and rel not in m.copies
            and len(keys[copy]) >= 2 and keys[copy] <= keys[rel] and len(keys[copy]) < len(keys[rel])
            and _nested(rel, copy)), None)
        if original is not None and titles[copy]:
            m.copies.add(copy)
            for page, first in [*m.continued.items(), (copy, copy)]:
                if first == copy:
                    m.continued[page] = original


def _nested(one: str, two: str) -> bool:
    """One page is in the other's folder or in a folder inside it."""
    first, second = posixpath.dirname(one), posixpath.dirname(two)
    return first == second or not first or not second or (first + "/").startswith(second + "/") or (
        second + "/").startswith(first + "/")


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
