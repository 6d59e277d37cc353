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
from albumen.fingerprint_cache import FingerprintCache
from albumen.problems import Problem, Problems
from albumen.review import review
from albumen.stages.check import CheckedArchive, check_archive
from albumen.stages.load import load_archive
from albumen.studio.context import Studio, form_key_ok, refused, see_other
from albumen.studio.uploads import new_photos


@dataclass(frozen=True)
class Entry:
    """A photo (or an image no item shows) that wants a look, and why."""

    title: str
    why: str
    link: str  # the form that settles it ('' when none does)


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
        titles = {item.id: item.title for item in archive.items}  # a person knows a photo by its title
        return studio.page(request, "review.html", suggestions=suggestions, problems=shown,
                           findings=findings(studio, checked), titles=titles)

    return handle


def findings(studio: Studio, checked: CheckedArchive) -> list[Entry]:
    """New photos first, then the shared review list (albumen.review): near duplicates, unused images, file
    names as captions, no alt text, no date, no place."""
    titles = {item.id: item.title for item in checked.archive.items}
    entries = [Entry(titles[i], "new: added in the studio", f"/_studio/items/{i}") for i in new_photos(studio.root)
               if i in titles]
    config = load_config(studio.root, Problems())
    cache = FingerprintCache(studio.root / ".albumen")
    try:
        found = review(studio.root, checked, cache=cache, near_duplicates=config.check.near_duplicates)
    finally:
        cache.close()
    for finding in found:
        if finding.item:
            entries.append(Entry(titles.get(finding.item, finding.item), finding.message,
                                 f"/_studio/items/{finding.item}"))
        else:
            entries.append(Entry(finding.file, finding.message, ""))
    return entries


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
