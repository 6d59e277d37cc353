"""Ids: what a record's id may be, the names the site keeps for itself, and the one slug function.

An id names a folder of the built site (`items/ID/`, `topics/ID/`, `/ID/` for a free page), so these rules are
part of the URL contract. Every module that checks or makes an id asks this one; it imports nothing of albumen.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Ids become URLs and file names: letters and digits of any script, '-', '_' and '.'. '\Z', not '$': '$' also
# matches before a final newline, so a file named 'x\n.md' gave an id with a newline (tests/test_trust_hostile.py).
ID_PATTERN = re.compile(r"^[^\W_][\w.-]*\Z")
# An id is a folder of the site (items/ID/, or /ID/ for a page): one ending like a file the site writes
# (feed.xml, index.html, a gallery's page-2.html, search-data.js) would take that file's name.
SITE_FILE_SUFFIXES = {"html", "htm", "xhtml", "xml", "json", "js", "mjs", "css", "txt", "webmanifest", "map",
                      "svg", "pf_meta", "pf_index", "pf_fragment"}
# Free pages live at /ID/, so these names are taken by the site's own sections.
# The folders the site writes at its top (a test builds a site and compares): a page of that name would
# replace one of the site's own.
RESERVED_PAGE_IDS = {"items", "topics", "places", "subjects", "decades", "creators", "timeline", "map",
                     "search", "iiif", "media", "assets", "pagefind", "index", "all-pages"}
SLUG_BYTES = 120  # a slug is a folder name: file systems allow 255 bytes


def id_problem(record_id: str) -> str | None:
    """Why `record_id` can't be an id (it names a folder of the site), or None. Importers may ask too."""
    if not ID_PATTERN.match(record_id):
        return "use letters, digits, '-' and '_' only"
    suffix = record_id.rsplit(".", 1)[1].casefold() if "." in record_id else ""
    if suffix in SITE_FILE_SUFFIXES:
        return f"it ends like a file the site writes (.{suffix}), and its folder could take that file's place"
    return None


def slug(text: str, fallback: str = "", *, words_only: bool = False, ascii_only: bool = False) -> str:
    """A URL-safe id made from a name: letters of any script kept (NFKC, case folded), every other run folded
    to '-'; `fallback` when nothing is left. A very long name is cut, and a short hash of the whole name keeps
    two long names that start alike apart. What it returns, when not empty, matches ID_PATTERN.

    `words_only` folds '_' too, as an importer does with file names ('new_page_1' -> 'new-page-1'); `ascii_only`
    keeps only ASCII letters and digits, accents dropped ('Hồ Chí Minh' -> 'ho-chi-minh'), as the gazetteer names
    places (its ids are shared with other tools)."""
    if ascii_only:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
        made = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        made = re.sub(r"[^\w]+|_+" if words_only else r"[^\w]+", "-", text).strip("-_")
    if not made or not ID_PATTERN.match(made):
        return fallback
    if len(made.encode("utf-8")) <= SLUG_BYTES:
        return made
    cut = made.encode("utf-8")[:SLUG_BYTES - 9].decode("utf-8", "ignore").rstrip("-_")
    return f"{cut}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
