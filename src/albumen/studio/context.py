"""What every studio route shares: the archive, the gates, the build thread, the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from albumen import i18n
from albumen.i18n import LazyText
from albumen.i18n import lazy_gettext as _
from albumen.problems import Problem
from albumen.studio.guard import Guard
from albumen.studio.live import BuildState, Listeners, Rebuilder

# A save waits for its build before showing the page, so that the page shows the change.
SAVE_WAIT_SECONDS = 60.0


@dataclass
class Studio:
    root: Path
    guard: Guard
    rebuilder: Rebuilder
    listeners: Listeners
    read_only: bool
    templates: Environment

    @property
    def site(self) -> Path:
        return self.root / "_site"

    def language(self) -> i18n.Language:
        """The archive's language now: read for each page, so a changed `language` shows without a restart."""
        return i18n.language(i18n.archive_language(self.root))

    def page(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = self.language()
        with i18n.speaking(lang):  # the labels and messages made in Python are shown in it too
            body = self.templates.get_template(template).render(
                key=self.guard.key, state=self.rebuilder.state, fix_link=fix_link, lang=lang,
                script_strings=i18n.script_strings(lang.catalog), **i18n.template_functions(lang), **values)
        return HTMLResponse(body, status_code=status, headers={"cache-control": "no-store"})

    def say(self, text: LazyText | str) -> str:
        """A message in the archive's language, for a response that is not a page."""
        with i18n.speaking(self.language()):
            return str(text)

    async def rebuilt(self) -> BuildState:
        """Ask for a build and wait for it (in a thread: the event loop keeps serving the other pages)."""
        ticket = self.rebuilder.request()
        await anyio.to_thread.run_sync(self.rebuilder.wait_for, ticket, SAVE_WAIT_SECONDS)
        return self.rebuilder.state


def fix_link(problem: Problem) -> str:
    """The studio form that fixes a problem in this file ('' when no form edits it)."""
    path = problem.path
    if path.startswith(("items/", "topics/")) and path.endswith(".md"):
        folder, name = path.split("/", 1)
        return f"/_studio/{folder}/{name[:-3]}"
    if path == "albumen.toml":
        return "/_studio/site"
    if path == "places.yaml":
        return "/_studio/places"
    return ""


def form_key_ok(studio: Studio, form: FormData) -> bool:
    value = form.get("key")
    return isinstance(value, str) and studio.guard.key_ok(value)


def refused(studio: Studio) -> Response:
    return PlainTextResponse(studio.say(_("The form's key is missing or wrong: reload the page.")), status_code=403)


def see_other(url: str) -> Response:
    return RedirectResponse(url, status_code=303)
