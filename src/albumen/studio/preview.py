"""The built site as the studio serves it: the files of `_site/`, and in each page the live-reload script and
the studio's toolbar (an "Edit" link on the pages of items, topics and places). None of this is in `_site/`:
the published site never has it.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from albumen.i18n import lazy_gettext as _
from albumen.studio.files import digest
from albumen.urls import INDEX_FILE, SCHEMES

# /items/ID/, /topics/ID/, /places/ID/ (urls.SCHEMES' folders) -> the form that edits that record
EDITABLE = re.compile(rf"^/({'|'.join(re.escape(folder.strip('/')) for folder in SCHEMES.values())})/([^/]+)/"
                      rf"(?:{re.escape(INDEX_FILE)})?$")
EDIT_LABELS = {"items": _("Edit this photo"), "topics": _("Edit this topic"), "places": _("Edit this place")}


def site_file(site: Path, url_path: str) -> Path | None:
    """The file of `_site/` a URL path names, or None; never a file outside `_site/`."""
    relative = url_path.lstrip("/")
    candidate = Path(os.path.realpath(site / relative))
    if not candidate.is_relative_to(os.path.realpath(site)):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def page_digest(site: Path, url_path: str) -> str:
    path = site_file(site, url_path)
    return digest(path.read_bytes()) if path is not None else ""


def serve_site_file(request: Request, site: Path, studio: bool, key: str = "") -> Response:
    path = site_file(site, request.url.path)
    if path is None:
        missing = site_file(site, "/404.html")
        body = missing.read_bytes() if missing is not None else b"<!doctype html><title>Not found</title><p>Not found"
        return HTMLResponse(_with_toolbar(body, request.url.path, studio), status_code=404)
    if request.url.path.endswith(("/", ".html")) or path.suffix == ".html":
        if not request.url.path.endswith("/") and path.name == "index.html" and not request.url.path.endswith(
                "index.html"):
            return Response(status_code=307, headers={"location": request.url.path + "/"})
        return HTMLResponse(_with_toolbar(path.read_bytes(), request.url.path, studio, key),
                            headers={"cache-control": "no-store"})
    return FileResponse(path, headers={"cache-control": "no-cache"})


def _with_toolbar(page: bytes, url_path: str, studio: bool, key: str = "") -> bytes:
    """The page with the studio's script (and, in the studio, its toolbar) before </body>.

    On a topic's page the script also takes photos dropped on the page (it needs the key for that upload:
    this page is served only to a browser that has it already)."""
    match = EDITABLE.match(url_path)
    topic = match.group(2) if match is not None and match.group(1) == "topics" and studio else ""
    drop = f' data-key="{html.escape(key)}" data-topic="{html.escape(topic)}"' if topic else ""
    tools = [f'<script src="/_studio/static/live.js" data-page-digest="{digest(page)}"{drop} defer></script>']
    if studio:
        tools.append('<link rel="stylesheet" href="/_studio/static/studio.css">')
        links = []
        if match is not None:
            kind, record = match.groups()
            links.append(f'<a href="/_studio/{kind}/{html.escape(record)}">{html.escape(str(EDIT_LABELS[kind]))}</a>')
        # in the language `speaking` names (app.site_page: the archive's)
        links += [f'<a href="{url}">{html.escape(str(label))}</a>' for url, label in (
            ("/_studio/review", _("Review")), ("/_studio/add", _("Add photos")), ("/_studio/site", _("Site settings")))]
        tools.append(f'<nav class="albumen-studio-bar" aria-label="{html.escape(str(_("Studio")))}">'
                     + "".join(links) + "</nav>")
    insert = "\n".join(tools).encode()
    closing = page.rfind(b"</body>")
    if closing < 0:
        return page + insert
    return page[:closing] + insert + page[closing:]
