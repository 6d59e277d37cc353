"""A gallery split over several pages (index.html, index2.html ... with "1 2 3" or arrows between them) is one
gallery: gallery makers page their thumbnails (Aperture, JAlbum, Photoshop's Web Photo Gallery at more than a
page's worth), and a reader sees one album.

Two gallery pages are pages of one gallery when one leads to the other through a pagination link (its text is a
page number, "Next", "»" ..., or it is a navigation arrow with no text) and their titles are the same but for
page numbers ("Kauai" and "Kauai - page 2", not "Summer 1944" and "Summer 1945"). A menu between two galleries
of one site ("1944 | 1945") is no pagination: its words are not page numbers, and the galleries' titles differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from albumen.grouping import Grouping
from albumen.importers.html_page import OldPage, normalise_space
from albumen.importers.html_patterns import PAGE_COUNTER, PAGE_WORDS
from albumen.importers.oldsite import OldSite, is_page

STORY_WORDS = 20  # different words a page's own text has (a day's journal): more, and it is no later page of a gallery


def is_page_counter(text: str) -> bool:
    """The line is a paged gallery's counter (navigation chrome), in any language: no page's text."""
    found = PAGE_COUNTER.fullmatch(text.strip())
    return found is not None and 1 <= int(found.group(1)) <= int(found.group(2))



def continued_galleries(site: OldSite, pages: dict[str, OldPage], galleries: list[str],
                        is_button: Callable[[str, int], bool], stories: dict[str, str] | None = None,
                        headings: dict[str, str] | None = None) -> dict[str, str]:
    """Each later page of a paged gallery -> the gallery's first page (in the order `galleries` is given).

    is_button(page, image number): the image is navigation (an arrow), not a photo. stories: each page's own
    text besides its captions and the site's chrome; pages that each tell their own (a journal's days, one title
    and a calendar of day numbers between them) are pages of their own, not one gallery split in pages.
    headings: the title a page shows itself where its <title> is its section's (a news story's big heading):
    that is the title compared (two stories of one noticeboard are two, one fair's pages under its heading one)."""
    stories, headings = stories or {}, headings or {}
    grouping = Grouping(galleries)
    order = {rel: n for n, rel in enumerate(galleries)}
    for rel in galleries:
        for other in _paginated(site, pages[rel], is_button):
            if other in grouping and other != rel and _same_title(headings.get(rel, pages[rel].title), headings.get(
                    other, pages[other].title)) and not _own_stories(stories.get(rel, ""), stories.get(other, "")):
                a, b = grouping.root(rel), grouping.root(other)
                if a != b:
                    grouping.join(*((a, b) if order[a] < order[b] else (b, a)))  # the earlier page stays the first
    return {rel: grouping.root(rel) for rel in galleries if grouping.root(rel) != rel}


def _paginated(site: OldSite, page: OldPage, is_button: Callable[[str, int], bool]) -> list[str]:
    """The pages this page's pagination links lead to."""
    if page.body is None:
        return []
    numbers = {use.node.mem_id: use.number for use in page.images}
    found = []
    for anchor in page.body.css("a[href]"):
        target = site.resolve(page.rel, anchor.attributes.get("href"))
        if not target.is_file or not is_page(target.path) or target.path == page.rel:
            continue
        text = normalise_space(anchor.text(deep=True))
        images = [numbers.get(node.mem_id) for node in anchor.css("img")]
        if (text and PAGE_WORDS.fullmatch(text)) or (not text and images and all(
                n is not None and is_button(page.rel, n) for n in images)):
            found.append(target.path)
    return found


def _own_stories(one: str, two: str) -> bool:
    """Each page, or one of them, says more than STORY_WORDS words the other doesn't: they tell their own."""
    first, second = set(_words(one)), set(_words(two))
    return max(len(first - second), len(second - first)) > STORY_WORDS


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _same_title(one: str, two: str) -> bool:
    def bare(title: str) -> str:
        # a page number is short: "Summer 1944" and "Summer 1945" are two albums, not pages of one
        return re.sub(r"[\W_]+", " ", re.sub(r"(?i)\bpage\b|(?<!\d)\d{1,3}(?!\d)", " ", title)).strip().casefold()

    return bool(bare(one)) and bare(one) == bare(two)
