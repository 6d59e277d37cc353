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
from albumen.dates import describe_in
from albumen.enrich.command import accept_suggestions
from albumen.enrich.rejections import load_rejections, save_rejections
from albumen.enrich.suggest import Suggestion, suggest
from albumen.fingerprint_cache import FingerprintCache
from albumen.i18n import LazyText, archive_language
from albumen.i18n import lazy_gettext as _
from albumen.problems import Problem, Problems
from albumen.records import Item
from albumen.review import Finding, review
from albumen.stages.check import CheckedArchive, check_archive
from albumen.stages.load import load_archive
from albumen.studio.context import Studio, form_key_ok, refused, see_other
from albumen.studio.uploads import new_photos


@dataclass(frozen=True)
class Entry:
    """A photo (or an image no item shows) that wants a look, and why."""

    title: str
    why: LazyText
    link: str  # the form that settles it ('' when none does)


def routes(studio: Studio) -> list[Route]:
    return [
        Route("/_studio/review", _review_page(studio), methods=["GET"]),
        Route("/_studio/review/suggestion", _decide(studio), methods=["POST"]),
    ]


def _review_page(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        problems = Problems()
        config = load_config(studio.root, problems)
        archive = load_archive(studio.root, problems)
        checked = check_archive(studio.root, archive, problems)
        suggestions = suggest(archive, rejected=load_rejections(studio.root, problems), language=config.language)
        shown = [p for p in problems.sorted() if p.level in ("error", "warning")]
        titles = {item.id: item.title for item in archive.items}  # a person knows a photo by its title
        catalog = studio.language().catalog
        labels = {s.key: describe_in(s.value, catalog) for s in suggestions if s.field == "date"}  # in its language
        return studio.page(request, "review.html", suggestions=suggestions, problems=shown,
                           findings=findings(studio, checked), titles=titles, labels=labels)

    return handle


def findings(studio: Studio, checked: CheckedArchive) -> list[Entry]:
    """New photos first, then the shared review list (albumen.review): near duplicates, unused images, file
    names as captions, no alt text, no date, no place."""
    titles = {item.id: item.title for item in checked.archive.items}
    entries = [Entry(titles[i], _("New: added in the studio. Look at its caption, date and place."),
                     f"/_studio/items/{i}") for i in new_photos(studio.root) if i in titles]
    config = load_config(studio.root, Problems())
    cache = FingerprintCache(studio.root / ".albumen")
    try:
        found = review(studio.root, checked, cache=cache, near_duplicates=config.check.near_duplicates)
    finally:
        cache.close()
    items = {item.id: item for item in checked.archive.items}
    for finding in found:
        if finding.item:
            entries.append(Entry(titles.get(finding.item, finding.item), for_people(finding, items),
                                 f"/_studio/items/{finding.item}"))
        else:
            entries.append(Entry(finding.file, for_people(finding, items), ""))
    return entries


def for_people(finding: Finding, items: dict[str, Item]) -> LazyText:
    """A finding in a family's words, pointing to the form that settles it (albumen.review's messages are
    written for the command line: "add `date:`")."""
    if finding.kind == "unused-image":
        return _("No photo shows this image yet. To put it on the site, add it with Add photos; if it is not "
                 "for the site, move it out of the images folder.")
    if finding.kind == "near-duplicate":
        return _near_duplicate(finding, items)
    if finding.kind == "file-name-text":
        return _file_name_text(finding, items.get(finding.item))
    if finding.kind == "missing-alt":
        return _("No alt text: describe what the photo shows, for people who can't see it.")
    if finding.kind == "no-date":
        return _("No date: set its date (a year is enough; “about” and “perhaps” can be written too).")
    return _("No place: add where the photo was taken.")


def _near_duplicate(finding: Finding, items: dict[str, Item]) -> LazyText:
    first = items.get(finding.item)
    others = [items[i] for i in finding.others if i in items]
    names = ", ".join(f"“{other.title or other.id}”" for other in others)
    if first is not None and others and all(other.image == first.image for other in others):
        return _("Shows the same image file as %(others)s: if they are one photograph, keep only one of them.",
                 others=names)
    return _("Looks nearly the same as %(others)s: keep both if they differ, else only one of them.",
             others=names)


def _file_name_text(finding: Finding, item: Item | None) -> LazyText:
    lines = item.lines if item is not None else {}
    if finding.line is not None and finding.line == lines.get("title"):
        return _("Its title is only a file name: write what the photo shows.")
    if finding.line is not None and finding.line == lines.get("alt"):
        return _("Its alt text is only a file name: describe what the photo shows.")
    return _("Its caption is only a file name: write what the photo shows, or leave it empty.")


def _decide(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused(studio)
        key = (str(form.get("item", "")), str(form.get("field", "")), str(form.get("value", "")))
        problems = Problems()
        archive = load_archive(studio.root, problems)
        rejected = load_rejections(studio.root, problems)
        chosen = [s for s in suggest(archive, rejected=rejected, language=archive_language(studio.root))
                  if s.key == key]
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
