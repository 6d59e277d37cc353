"""The studio: the preview of the site plus the forms that edit the archive (Starlette, served by uvicorn).

Why Starlette: its routing, form parsing (python-multipart, with limits on files and parts) and streamed
responses (server-sent events) are small, typed and maintained, and it runs on uvicorn in one thread beside
the build thread; the standard library's server has no multipart parser (the cgi module is gone in 3.13).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from albumen import i18n
from albumen.i18n import lazy_gettext as _
from albumen.studio import editing, helpers, review, uploads
from albumen.studio.context import Studio, fix_link
from albumen.studio.guard import Guard, GuardMiddleware
from albumen.studio.live import BuildState, Listeners, Rebuilder
from albumen.studio.preview import page_digest, serve_site_file

STATIC = Path(__file__).parent / "static"
VENDOR = Path(__file__).parent.parent / "theme" / "vendor"  # Leaflet and the outlines, from npm


def make_app(root: Path, guard: Guard, rebuilder: Rebuilder, *, read_only: bool = False) -> Starlette:
    listeners = Listeners()
    rebuilder.on_state = listeners.notify
    templates = Environment(loader=PackageLoader("albumen.studio", "templates"), extensions=["jinja2.ext.i18n"],
                            autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    # Each page gets the archive's language when it is made (Studio.page): a changed `language` needs no restart.
    templates.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    studio = Studio(root, guard, rebuilder, listeners, read_only, templates)

    async def site_page(request: Request) -> Response:
        with i18n.speaking(studio.language()):  # the studio's toolbar in the archive's language
            return serve_site_file(request, studio.site, studio=not read_only, key=guard.key)

    async def events(request: Request) -> Response:
        return StreamingResponse(_event_stream(request, studio), media_type="text/event-stream",
                                 headers={"cache-control": "no-store"})

    async def state(request: Request) -> Response:
        path = request.query_params.get("path", "/")
        return JSONResponse(_state_json(studio.rebuilder.state, page_digest(studio.site, path)))

    routes = [
        Route("/_studio/events", events),
        Route("/_studio/state", state),
        Mount("/_studio/static", StaticFiles(directory=STATIC), name="studio-static"),
        Mount("/_studio/vendor", StaticFiles(directory=VENDOR, check_dir=False), name="studio-vendor"),
    ]
    if not read_only:
        routes += editing.routes(studio) + review.routes(studio) + uploads.routes(studio) + helpers.routes(studio)
    routes.append(Route("/{path:path}", site_page, methods=["GET", "HEAD"]))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        listeners.attach(asyncio.get_running_loop())
        yield

    async def internal_error(request: Request, exc: Exception) -> Response:
        # One line on the terminal, a page that says what to do; never a traceback (`albumen --debug serve` has it).
        rebuilder.reporter.info(f"internal error in the studio at {request.url.path}: {type(exc).__name__}: {exc}")
        error = f"{type(exc).__name__}: {exc}"
        return PlainTextResponse(studio.say(_(
            "Something went wrong in albumen (not in your archive): %(error)s. Nothing was written. Please report it.",
            error=error)), status_code=500)

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: internal_error},
                     middleware=[Middleware(GuardMiddleware, guard=guard, read_only=read_only)])
    app.state.listeners = listeners  # serve.py ends the event streams when the server stops
    return app


def _state_json(state: BuildState, page: str) -> dict[str, Any]:
    return {
        "build": state.number,
        "page": page,
        "message": state.message,
        "errors": [{"where": f"{p.path}:{p.line}" if p.line else p.path, "message": p.message,
                    "fix": fix_link(p)} for p in state.errors],
    }


async def _event_stream(request: Request, studio: Studio) -> AsyncIterator[str]:
    seen = -1
    while not studio.listeners.closing and not await request.is_disconnected():
        current = studio.rebuilder.state
        if current.number != seen:
            seen = current.number
            yield f"event: build\ndata: {json.dumps({'build': current.number})}\n\n"
        await studio.listeners.wait(timeout=15)
        if not studio.listeners.closing:
            yield ": keep-alive\n\n"
