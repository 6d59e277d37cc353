"""Which outline of the site's map stands for a place without a position: a country or a province is an area, not
a point at its middle (issue 15). `albumen enrich --accept` and the importers write countries and provinces to
places.yaml without lat/lon on purpose; the map draws them as their outline, found by name (the place's names, its
gazetteer country's or region's names: Kwangsi is Guangxi) in the outlines the site carries (outlines.py), and the
site lists the places none fits beside the map.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from albumen.enrich.gazetteer import GazetteerPlace, fold, load_gazetteer
from albumen.outlines import Countries, Provinces, countries
from albumen.outlines import provinces as default_provinces
from albumen.records import Place


@dataclass(frozen=True)
class Area:
    """An outline the map draws for a place without a position: a country (`country` is its world-atlas id) or a
    province (`country` is the ISO3 code of its country's provinces, `name` the province's name there)."""

    kind: Literal["country", "province"]
    country: str
    name: str = ""


# "Guangxi province", "Province of Guangxi", "Shaanxi Sheng": what a name says of its kind, not the name itself
_KIND_WORDS = re.compile(r"^(?:province|state|prefecture|region) of |"
                         r" (?:province|state|prefecture|region|sheng|shi|oblast|county)$")


def area_of(place: Place, ancestors: Sequence[Place],
            provinces: Provinces | None = None, outlines: Countries | None = None) -> Area | None:
    """The country or province outline that stands for a place without a position, or None when none fits it
    unambiguously. The place's names are matched against the outlines' names and against the gazetteer's
    countries and regions (Kwangsi is Guangxi); its ancestors (nearest first) say which country it lies in."""
    provinces = provinces or default_provinces()
    outlines = outlines or countries()
    if not outlines.installed:
        return None
    gazetteer = load_gazetteer()
    forms = _forms(place)
    areas = {m.place.key: m.place for form in forms for m in gazetteer.lookup(form) if m.place.is_area}
    home = _home(ancestors, provinces, outlines)
    if home is None:
        country = _country_area(forms, [p for p in areas.values() if p.kind == "country"], outlines)
        if country is not None:
            return country
    regions = [p for p in areas.values() if p.kind == "region"]
    if home is not None:
        regions = [p for p in regions if _iso3_of(p, provinces) == home[1]] if home[1] else regions
    return _province_area(forms, regions, home[1] if home else None, provinces)


def _forms(place: Place) -> list[str]:
    """The place's names, folded, each also without a word for its kind ("Guangxi province" -> "guangxi")."""
    forms: list[str] = []
    for name in (place.name, *place.other_names):
        folded = fold(name)
        for form in (folded, _KIND_WORDS.sub("", folded).strip()):
            if form and form not in forms:
                forms.append(form)
    return forms


def _country_area(forms: list[str], countries_named: list[GazetteerPlace], outlines: Countries) -> Area | None:
    by_name = _folded_ids(outlines)
    found = {by_name[form] for form in forms if form in by_name}
    for country in countries_named:
        # Its point first: its other names may be another country's ("Congo" is also the Republic of the Congo)
        at = outlines.country_at(country.lon, country.lat) if country.lat is not None and country.lon is not None \
            else None
        found |= {at} if at else {by_name[fold(n)] for n in country.names if fold(n) in by_name}
    return Area("country", found.pop()) if len(found) == 1 else None


def _province_area(forms: list[str], regions: list[GazetteerPlace], home: str | None,
                   provinces: Provinces) -> Area | None:
    """The one province whose name is one of the place's (or its gazetteer region's) names."""
    found: set[tuple[str, str]] = set()
    candidates: list[tuple[str | None, list[str]]] = [(_iso3_of(r, provinces), forms + [fold(n) for n in r.names])
                                                      for r in regions]
    if home and not regions:
        candidates.append((home, forms))
    for code, names in candidates:
        named = {fold(n): n for n in provinces.names(code)} if code else {}
        found |= {(code, named[n]) for n in names if n in named and code}
    region = regions[0] if len(regions) == 1 else None
    if not found and region is not None and region.lat is not None and region.lon is not None:
        # Bavaria is Bayern: the province that holds the region's point, when both divide the country alike
        code = _iso3_of(region, provinces)
        if code and _same_division(region.country, code, provinces):
            name = provinces.province_at(code, region.lon, region.lat)
            found |= {(code, name)} if name else set()
    if len(found) != 1:
        return None  # none, or several: a list beside the map says it better than a guess
    code, name = found.pop()
    return Area("province", code, name)


def _same_division(country: str, code: str, provinces: Provinces) -> bool:
    """Whether the gazetteer's regions of a country and Natural Earth's provinces are the same division (16 Länder
    both), not another (England, Scotland, Wales and Northern Ireland against 200 counties)."""
    return abs(_regions_per_country().get(country, 0) - len(provinces.names(code))) <= 2


@functools.cache
def _regions_per_country() -> dict[str, int]:
    counts: dict[str, int] = {}
    for place in load_gazetteer().places.values():
        if place.kind == "region":
            counts[place.country] = counts.get(place.country, 0) + 1
    return counts


def _iso3_of(place: GazetteerPlace, provinces: Provinces) -> str | None:
    return provinces.country_of(place.lon, place.lat) if place.lat is not None and place.lon is not None else None


def _home(ancestors: Sequence[Place], provinces: Provinces, outlines: Countries) -> tuple[str, str | None] | None:
    """The country the ancestors say the place is in: (a world-atlas id or its name, the ISO3 of its provinces)."""
    gazetteer = load_gazetteer()
    for ancestor in ancestors:
        if ancestor.lat is not None and ancestor.lon is not None:
            return (outlines.country_at(ancestor.lon, ancestor.lat) or ancestor.name,
                    provinces.country_of(ancestor.lon, ancestor.lat))
        for form in _forms(ancestor):
            for match in gazetteer.lookup(form):
                if match.place.kind == "country":
                    return match.place.key, _iso3_of(match.place, provinces)
        if fold(ancestor.name) in _folded_ids(outlines):
            return _folded_ids(outlines)[fold(ancestor.name)], None
    return None


def _folded_ids(outlines: Countries) -> dict[str, str]:
    return {fold(name): key for name, key in outlines.ids.items()}
