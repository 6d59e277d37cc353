"""What the forms ask while a person types: a date in words, places by name, a caption's preview."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from albumen.dates import InvalidDate, describe_in, parse_date
from albumen.enrich.dates import DateOptions, find_dates
from albumen.enrich.gazetteer import Gazetteer, fold, load_gazetteer
from albumen.i18n import archive_language
from albumen.markup import render_markdown
from albumen.problems import Problems
from albumen.stages.load import load_places
from albumen.studio.context import Studio, form_key_ok, refused
from albumen.urls import scheme_url

MAX_PLACES = 12


def routes(studio: Studio) -> list[Route]:
    return [
        Route("/_studio/api/date", _date_words(studio), methods=["GET"]),
        Route("/_studio/api/places", _place_search(studio), methods=["GET"]),
        Route("/_studio/api/preview", _preview(studio), methods=["POST"]),
    ]


def date_help(text: str, catalog: str = "en", language: str = "en") -> dict[str, Any]:
    """An EDTF date in words ('1944-23' -> 'autumn 1944', 'Herbst 1944' for the catalog 'de'), or the EDTF that
    words in the archive's `language` or in English mean ('Herbst 1944', 'fall 1944' -> '1944-23')."""
    text = text.strip()
    if not text:
        return {"valid": True, "words": ""}
    try:
        parse_date(text)
        return {"valid": True, "words": describe_in(text, catalog)}
    except InvalidDate:
        pass
    found = find_dates(text, DateOptions(language=language)) or find_dates(text)
    if found:
        return {"valid": False, "suggestion": found[0].edtf, "words": describe_in(found[0].edtf, catalog)}
    return {"valid": False, "words": ""}


def _date_words(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        return JSONResponse(date_help(request.query_params.get("text", "")[:200], studio.language().catalog,
                                      archive_language(studio.root)))

    return handle


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


def place_matches(studio: Studio, query: str) -> list[dict[str, Any]]:
    """The archive's places whose names start with the query, then the gazetteer's (with their positions)."""
    wanted = fold(query)
    if not wanted:
        return []
    found: list[dict[str, Any]] = []
    for place in load_places(studio.root, Problems()):
        if any(fold(name).startswith(wanted) for name in (place.name, place.id, *place.other_names)):
            found.append({"id": place.id, "label": place.name, "source": "archive"})
    gazetteer = _gazetteer()
    for match in gazetteer.lookup(query)[:MAX_PLACES]:
        known = match.place
        within = ", ".join(p.name for p in gazetteer.parents(known))
        found.append({"id": "", "label": known.name + (f" ({within})" if within else ""), "name": known.name,
                      "lat": known.lat, "lon": known.lon, "source": "gazetteer"})
    return found[:MAX_PLACES]


def _place_search(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        return JSONResponse(place_matches(studio, request.query_params.get("q", "")[:100]))

    return handle


def _preview(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused(studio)
        text = str(form.get("text", ""))[:100_000]
        return HTMLResponse(str(render_markdown(text, lambda scheme, target: "/" + scheme_url(scheme, target))))

    return handle
