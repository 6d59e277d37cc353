"""The review page: one list of what needs a person, each with the one click or the form that settles it.

Suggested dates and places (accept or reject each), every problem `albumen check` reports, and the photos that
want a look (new ones, near duplicates, file names for captions, no alt text, no date, no place).
What is done leaves the list, because the list is computed afresh from the archive each time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from albumen.config import load_config
from albumen.enrich.command import accept_suggestions
from albumen.enrich.rejections import load_rejections, save_rejections
from albumen.enrich.suggest import Suggestion, suggest
from albumen.problems import Problem, Problems
from albumen.stages.check import check_archive
from albumen.stages.load import load_archive
from albumen.studio.context import Studio, fix_link, form_key_ok, refused, see_other
from albumen.studio.uploads import new_photos


@dataclass(frozen=True)
class Finding:
    """A photo that wants a look, and why."""

    item: str
    title: str
    why: str


def routes(studio: Studio) -> list[Route]:
    return [
        Route("/_studio/review", _review_page(studio), methods=["GET"]),
        Route("/_studio/review/suggestion", _decide(studio), methods=["POST"]),
    ]


def _review_page(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        problems = Problems()
        load_config(studio.root, problems)
        archive = load_archive(studio.root, problems)
        checked = check_archive(studio.root, archive, problems)
        suggestions = suggest(archive, rejected=load_rejections(studio.root, problems))
        shown = [p for p in problems.sorted() if p.level in ("error", "warning")]
        return studio.page(request, "review.html", suggestions=suggestions, problems=shown,
                           findings=findings(studio, checked.archive), fix_link=fix_link)

    return handle


def findings(studio: Studio, archive: Any) -> list[Finding]:
    """The photos to look at: new ones first, then the shared review list's findings (albumen.review)."""
    titles = {item.id: item.title for item in archive.items}
    found = [Finding(item_id, titles[item_id], "new: added in the studio") for item_id in new_photos(studio.root)
             if item_id in titles]
    for item in archive.items:
        if not item.alt.strip():
            found.append(Finding(item.id, item.title, "no alt text"))
        if item.date is None:
            found.append(Finding(item.id, item.title, "no date"))
        if not item.places:
            found.append(Finding(item.id, item.title, "no place"))
    return found


def _decide(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused()
        key = (str(form.get("item", "")), str(form.get("field", "")), str(form.get("value", "")))
        problems = Problems()
        archive = load_archive(studio.root, problems)
        rejected = load_rejections(studio.root, problems)
        chosen = [s for s in suggest(archive, rejected=rejected) if s.key == key]
        if chosen:
            _apply(studio, chosen[0], form.get("decision") == "accept", rejected)
            await studio.rebuilt()
        return see_other("/_studio/review")

    return handle


def _apply(studio: Studio, suggestion: Suggestion, accept: bool, rejected: Any) -> list[Problem]:
    if accept:
        result = accept_suggestions(studio.root, [suggestion])
        return [Problem(e.args[0] if e.args else suggestion.file, None, "error", str(e)) for e in result.failed]
    save_rejections(studio.root, [suggestion], rejected)
    return []
