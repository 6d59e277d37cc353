"""Pages saved inside another page's NAME_files/ folder (iWeb's widgetN_markup.html, Word's, Publisher's and a
browser's "Save as complete web page"): parts of NAME.htm(l), not pages of their own.

An iWeb HTML snippet has no <title>; named for its file it became a topic "Widget0 Markup" (paulsmoker). Such a part
takes NAME's title (its <title> unless every page shares it, else NAME, words split); when NAME's page still shows
it (its iframe, object or script names the file) and has nothing of its own, NAME's address leads to the part's
record: what a reader of NAME saw. A part with a <title> of its own (Publisher's pages) keeps it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from albumen.importers.html_model import SiteModel, file_stem

SAVED_FOLDER = "_files"


def owner_of(m: SiteModel, rel: str) -> tuple[str | None, str] | None:
    """For a page inside NAME_files/: NAME's page (None when there is none) and NAME; else None."""
    folder = posixpath.dirname(rel)
    name = posixpath.basename(folder)
    if not name.casefold().endswith(SAVED_FOLDER) or len(name) == len(SAVED_FOLDER):
        return None
    stem, parent = name[: -len(SAVED_FOLDER)], posixpath.dirname(folder)
    found = (m.site.file_named(posixpath.join(parent, stem + ext)) for ext in (".html", ".htm"))
    return next((page for page in found if page in m.pages), None), stem


def part_title(m: SiteModel, rel: str, is_site_name: Callable[[str], bool]) -> str:
    """The title a part takes from its page (or the folder's NAME); "" for a page that is no part, or has a
    <title> of its own."""
    found = owner_of(m, rel)
    if found is None or m.pages[rel].title.strip():
        return ""
    owner, stem = found
    title = m.pages[owner].title.strip() if owner is not None else ""
    if title and not is_site_name(title):
        return title
    return " ".join(re.sub(r"[_\-]+", " ", stem).split()) or file_stem(rel)


def shown_by_owner(m: SiteModel, rel: str) -> str | None:
    """NAME's page, when it still shows the part: its text names the part's file (an iframe, an object, iWeb's
    `widget0_htmlMarkupURL = ".//NAME_files/widget0_markup.html"`)."""
    found = owner_of(m, rel)
    if found is None or found[0] is None:
        return None
    owner = found[0]
    named = posixpath.relpath(rel, posixpath.dirname(owner) or ".").casefold()
    return owner if named in unquote(m.pages[owner].decoded.text).casefold() else None  # 'My%20Page_files/...'
