"""Places for imported items: a place name (a spreadsheet's Place column, a photo's IPTC city) or GPS coordinates ->
place ids, with the places places.yaml lacks drafted for it.

The order for a name: the archive's own places (by id, name or other name), then the shipped gazetteer (through
`albumen.enrich.places`, which knows which of several Springfields a text means, or that it can't tell), then a
new place with that name and no coordinates, for a person to locate. A name the gazetteer can only guess at
(Portland alone: Oregon is ten times Maine's) is such a new place too: a guess is never written as a place.
For coordinates: the nearest of the archive's places and the gazetteer's towns within 25 km (a place that is only
coordinates, within 1 km), else a new place named by the coordinates. Sections of a town (GeoNames' PPLX: "Paris 04
Hôtel-de-Ville") are no spots: a photo in central Paris is in Paris.

Countries and regions are drafted without coordinates: they are areas, and a point at their middle (China in
Gansu) is nowhere a photo was taken; a town's coordinates are its own.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from albumen.enrich.gazetteer import Gazetteer, GazetteerPlace, fold, load_gazetteer, slug
from albumen.enrich.places import PlaceFinder
from albumen.importers.drafts import DraftPlace
from albumen.records import Place

NEAR_KM = 25.0  # a photo this close to a town was taken in it (or its outskirts)
NEAR_POINT_KM = 1.0  # a place that is only coordinates stands for this small a spot
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = 111.2
COORDINATE_NAME = re.compile(r"^-?\d+(?:\.\d+)?° [NS], -?\d+(?:\.\d+)?° [EW]$")


@dataclass(frozen=True)
class NamedPlaces:
    """The place ids a name gave, and the names that no archive place or gazetteer entry matched."""

    ids: tuple[str, ...]
    unknown: tuple[str, ...] = ()  # drafted as new places without coordinates: a person should locate them
    exact: bool = True  # the text is just the places' names: keeping only the ids loses nothing


@dataclass(frozen=True)
class _Spot:
    """A place that coordinates can fall into."""

    id: str | None  # the archive's (or a drafted) place id; None for a gazetteer city not taken yet
    lat: float
    lon: float
    radius_km: float
    city: GazetteerPlace | None = None


class PlaceLookup:
    """Place ids for one import into one archive; `drafts()` are the places to add to places.yaml."""

    def __init__(self, places: Sequence[Place], gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.finder = PlaceFinder(places, gazetteer)
        self.by_name = _names_of(places)
        self.taken = {p.id.casefold() for p in places}
        self.new: dict[str, DraftPlace] = {}  # by id, in the order made (parents first)
        self.new_by_key: dict[str, str] = {}  # gazetteer key -> the id drafted for it
        self.cache: dict[str, NamedPlaces] = {}  # a sheet names the same places row after row
        self.grid: dict[tuple[int, int], list[_Spot]] = defaultdict(list)
        for spot in self._archive_spots(places):
            self._add_spot(spot)
        for record in gazetteer.places.values():
            if _is_town(record) and record.lat is not None and record.lon is not None:
                self._add_spot(_Spot(None, record.lat, record.lon, NEAR_KM, record))

    def drafts(self) -> tuple[DraftPlace, ...]:
        return tuple(self.new.values())

    # -- names -----------------------------------------------------------------------------------------------

    def named(self, text: str, at: tuple[float, float] | None = None) -> NamedPlaces:
        """The places a text names: 'Liuzhou', 'Liuzhou, Guangxi', 'Kweilin; Liuzhou', 'Grandma's farm'.

        Several places are separated by ';' or '|' (a comma is part of one place's name: 'Reading, PA'). `at`:
        the coordinates the text came with (iPhoto's Latitude and Longitude beside its Location), given to a place
        it drafts for a name no one knows.
        """
        if text in self.cache:
            return self.cache[text]
        ids: list[str] = []
        unknown: list[str] = []
        exact = True
        for name in (" ".join(part.split()) for part in re.split(r"[;|]", text)):
            if not name:
                continue
            known = self.by_name.get(fold(name))
            if known is not None:
                ids.append(known)
                continue
            found = self.finder.find(name)
            if found and not all(place.confident for place in found):
                found = []  # a guess stays the person's own words, for them to place
            if found:
                for place in found:
                    if place.in_archive or place.gazetteer is None:
                        ids.append(place.id)
                    else:
                        ids.append(self._gazetteer_id(place.gazetteer, place.phrase))
                exact = exact and len(found) == 1 and fold(found[0].phrase) == fold(name)
            else:
                ids.append(self._unknown_place(name, at))
                unknown.append(name)
        self.cache[text] = NamedPlaces(tuple(dict.fromkeys(ids)), tuple(unknown), exact)
        return self.cache[text]

    def _unknown_place(self, name: str, at: tuple[float, float] | None = None) -> str:
        place_id = self._free_id(slug(name))
        if at is None:
            self._draft(DraftPlace(place_id, name))
            return place_id
        self._draft(DraftPlace(place_id, name, lat=round(at[0], 6), lon=round(at[1], 6)))
        self._add_spot(_Spot(place_id, at[0], at[1], NEAR_POINT_KM))
        return place_id

    # -- coordinates -----------------------------------------------------------------------------------------

    def at(self, lat: float, lon: float) -> str:
        """The id of the place at these coordinates (see the module's rule); drafted when the archive lacks it."""
        nearest = self._nearest(lat, lon)
        if nearest is not None and nearest.id is not None:
            return nearest.id
        if nearest is not None and nearest.city is not None:
            return self._gazetteer_id(nearest.city, nearest.city.name)
        name = f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"
        place_id = self._free_id(f"{abs(lat):.4f}{'n' if lat >= 0 else 's'}-{abs(lon):.4f}{'e' if lon >= 0 else 'w'}")
        self._draft(DraftPlace(place_id, name, lat=round(lat, 6), lon=round(lon, 6)))
        self._add_spot(_Spot(place_id, lat, lon, NEAR_POINT_KM))
        return place_id

    def _nearest(self, lat: float, lon: float) -> _Spot | None:
        best: tuple[float, _Spot] | None = None
        lon_cells = min(180, math.ceil(NEAR_KM / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))))
        cell_lat, cell_lon = _cell(lat, lon)
        for d_lat in (-1, 0, 1):
            for d_lon in range(-lon_cells, lon_cells + 1):
                for spot in self.grid.get((cell_lat + d_lat, (cell_lon + d_lon + 180) % 360 - 180), ()):
                    distance = distance_km(lat, lon, spot.lat, spot.lon)
                    if distance <= spot.radius_km and (best is None or distance < best[0]):
                        best = (distance, spot)
        return best[1] if best else None

    def _archive_spots(self, places: Sequence[Place]) -> list[_Spot]:
        """The archive's places that coordinates can fall into: towns and spots, not regions or countries (whose
        coordinates are a centre far from most of them)."""
        spots = []
        for place in places:
            record = self.finder.linked.get(place.id)
            if place.lat is None or place.lon is None or (record is not None and record.kind != "city"):
                continue
            radius = NEAR_POINT_KM if COORDINATE_NAME.match(place.name) else NEAR_KM
            spots.append(_Spot(place.id, place.lat, place.lon, radius))
        return spots

    def _add_spot(self, spot: _Spot) -> None:
        self.grid[_cell(spot.lat, spot.lon)].append(spot)

    # -- new places ------------------------------------------------------------------------------------------

    def _gazetteer_id(self, record: GazetteerPlace, phrase: str) -> str:
        """The id of a gazetteer place: the archive's place for it, or a new one drafted with the regions and
        country it lies in that the archive lacks (Liuzhou -> Guangxi -> China)."""
        chain = [record, *self.gazetteer.parents(record)]
        ids = {}
        for outer in chain:  # the place itself first: Chongqing the city is 'chongqing', its region 'chongqing-2'
            known = self.finder.archive_id_of.get(outer.key) or self.new_by_key.get(outer.key)
            ids[outer.key] = (known, False) if known is not None else (self._free_id(slug(outer.name)), True)
        parent: str | None = None
        for outer in reversed(chain):
            known, new = ids[outer.key]
            if new:
                names = [phrase] if outer is record and fold(phrase) != fold(outer.name) else []
                names += [n for n in outer.other_names if _is_cjk(n)][:3]
                lat, lon = (None, None) if outer.is_area else (outer.lat, outer.lon)
                self._draft(DraftPlace(known, outer.name, tuple(dict.fromkeys(names)), lat, lon, parent))
                self.new_by_key[outer.key] = known
            parent = known
        assert parent is not None
        return parent

    def _draft(self, place: DraftPlace) -> None:
        self.new[place.id] = place
        for name in (place.id, place.name, *place.other_names):
            self.by_name.setdefault(fold(name), place.id)

    def _free_id(self, base: str) -> str:
        base = base or "place"
        candidate, number = base, 1
        while candidate.casefold() in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate.casefold())
        return candidate


class LazyPlaceLookup:
    """A PlaceLookup made when an import first names a place: loading the gazetteer takes a second, which an
    import that names none need not wait."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.places = places
        self.lookup: PlaceLookup | None = None

    def named(self, text: str, at: tuple[float, float] | None = None) -> NamedPlaces:
        return self._loaded().named(text, at)

    def at(self, lat: float, lon: float) -> str:
        return self._loaded().at(lat, lon)

    def drafts(self) -> tuple[DraftPlace, ...]:
        """The places to add to places.yaml: none when no place was asked for."""
        return self.lookup.drafts() if self.lookup is not None else ()

    def _loaded(self) -> PlaceLookup:
        if self.lookup is None:
            self.lookup = PlaceLookup(self.places, load_gazetteer())
        return self.lookup


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """One-degree cells: a search looks only at the cells within 25 km."""
    return math.floor(lat), math.floor(lon)


def _names_of(places: Sequence[Place]) -> dict[str, str]:
    """Every way the archive names a place (folded) -> its id; ids first, so an id always means its own place."""
    names: dict[str, str] = {fold(p.id): p.id for p in places}
    for place in places:
        for name in (place.name, *place.other_names):
            names.setdefault(fold(name), place.id)
    return names


def _is_town(record: GazetteerPlace) -> bool:
    """A place a GPS point can be in: a town, not a section of one, an area or a harbour."""
    return record.kind == "city" and not record.is_section and record.feature != "ALIAS"


def _is_cjk(name: str) -> bool:
    return re.match(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", name) is not None
