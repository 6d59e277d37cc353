"""Copies of a page: the same page saved again in another folder (a test copy, old/, backup/) is one page.
(Two pages alike in one folder are the site's own: page8 and page9 of a gallery, a page and its translation.)

Chrome is what repeats across different pages; a page and its copy repeat every line, so counted as two pages
the whole of their text would be taken for chrome. A copy is told by what a reader sees: the same title, the
same words and the same pictures (by file name and size: the copy's folder may hold copies of the images, or
name the same files by another relative path). A photo's own page, that a thumbnail leads to, is no copy: the
same picture kept in two albums has a page in each, and each album keeps its own (its caption is no chrome,
html_chrome.py). The page kept is the one other pages link to, then the one
nearest the site's root; the copy leads where it does. A page saved in another folder without its pictures (the same
words and file names, no file there) is a copy too, of a photo's own page as well: it has nothing of its own to lose.
"""

from __future__ import annotations

import posixpath

from albumen.importers.html_page import OldPage, normalise_space
from albumen.importers.oldsite import OldSite

PageLook = tuple[str, str, tuple[tuple[str, int], ...]]  # title, words, pictures (name, bytes)


def copies_of_pages(site: OldSite, pages: dict[str, OldPage]) -> dict[str, str]:
    """Each page that is a copy of another -> the page kept in its stead."""
    groups: dict[PageLook, list[str]] = {}
    shown_by_thumbnails = {use.link.path for page in pages.values() for use in page.images
                           if use.link is not None and use.link.is_file}
    for rel, page in pages.items():
        look = _look(site, page) if rel not in shown_by_thumbnails else None
        if look is not None:
            groups.setdefault(look, []).append(rel)
    copies: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        linked = {target for rel, page in pages.items() if rel not in group for target in page.links}
        kept = min(group, key=lambda rel: (rel not in linked, rel.count("/"), rel))
        copies.update({rel: kept for rel in group if posixpath.dirname(rel) != posixpath.dirname(kept)})
    copies.update(_copies_without_their_pictures(site, pages, copies))
    return copies


def _copies_without_their_pictures(site: OldSite, pages: dict[str, OldPage], copies: dict[str, str]) -> dict[str, str]:
    """A page saved in another folder without its pictures (paquita's test/: the same words, the same file names,
    none of the files there): a copy of the page that shows those pictures, a photo's own page included. It holds
    nothing of its own to lose; the pictures' names and the words must be the same."""
    by_look: dict[PageLook, list[str]] = {}
    for rel, page in pages.items():
        look = _look(site, page)
        if look is not None and rel not in copies:
            by_look.setdefault(_by_names(look), []).append(rel)
    found: dict[str, str] = {}
    linked = {target for page in pages.values() for target in page.links}
    for rel, page in pages.items():
        look = _look(site, page)
        if rel in copies or look is None or not page.images or any(use.src.is_file for use in page.images):
            continue
        kept = [other for other in by_look.get(_by_names(look), []) if posixpath.dirname(other) != posixpath.dirname(
            rel) and any(use.src.is_file for use in pages[other].images)]
        if kept:
            found[rel] = min(kept, key=lambda other: (other not in linked, other.count("/"), other))
    return found


def _by_names(look: PageLook) -> PageLook:
    title, text, pictures = look
    return title, text, tuple((name, 0) for name, _ in pictures)


def _look(site: OldSite, page: OldPage) -> PageLook | None:
    """What a reader sees of a page; None for a page of no words (a frameset, a redirect): nothing to lose."""
    if page.body is None:
        return None
    text = normalise_space(page.body.text(separator=" ")).casefold()
    if not text:
        return None
    pictures = tuple((posixpath.basename(use.src.path).casefold(), _size(site, use.src.path))
                     for use in page.images if use.src.is_file or use.src.kind == "missing")
    return normalise_space(page.title).casefold(), text, pictures


def _size(site: OldSite, rel: str) -> int:
    path = site.files.get(rel)
    try:
        return path.stat().st_size if path is not None else -1
    except OSError:
        return -1
