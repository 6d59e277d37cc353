"""Places without coordinates on the maps (issue 15): a country or a province is drawn as its outline, any other
place is named beside the map, so that no place silently disappears.

The archive has China and Guangxi province as `albumen enrich --accept` writes them (no lat/lon), Liuzhou with a
position inside them, and "The barracks" with none and no outline. The Python tests read the built pages' map
data; the browser test (Debian's Chromium) opens the map page and an item page from the folder, with no network,
and sees the areas drawn and the list shown; ALBUMEN_SHOTS=DIR keeps screenshots at 1280 and 390 px.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from albumen.map_areas import Area, area_of
from albumen.records import Place
from albumen.theme_files import map_installed
from conftest import item_md

pytestmark = pytest.mark.skipif(not map_installed(), reason="the map's files come with `make setup`")

PLACES = """\
- id: china
  name: China
- id: guangxi
  name: Guangxi province
  other_names: [Kwangsi]
  parent: china
- id: liuzhou
  name: Liuzhou
  lat: 24.3264
  lon: 109.4281
  parent: guangxi
- id: barracks
  name: The barracks
  parent: liuzhou
"""
ITEMS = {"station": ["liuzhou"], "river": ["guangxi"], "wall": ["china"], "gate": ["liuzhou", "barracks"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import DEFAULT_TOML, make_jpeg

    root = tmp_path_factory.mktemp("areas")
    (root / "albumen.toml").write_text(DEFAULT_TOML, encoding="utf-8")
    (root / "places.yaml").write_text(PLACES, encoding="utf-8")
    (root / "items").mkdir()
    for name, places in ITEMS.items():
        make_jpeg(root / "images" / f"{name}.jpg", (320, 240))
        (root / "items" / f"{name}.md").write_text(
            item_md(f"The {name}.", title=f"The {name}", image=f"{name}.jpg", places=places), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "albumen", "build", "-C", str(root), "--executor", "inline", "-q"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "_site"


def data(page: str, attribute: str) -> list[dict]:
    found = re.search(rf'{attribute}="([^"]*)"', page)
    return json.loads(html.unescape(found.group(1))) if found else []


def test_countries_and_provinces_match_their_outlines_by_name_other_name_and_gazetteer() -> None:
    china = Place("china", "China")
    assert area_of(china, []) == Area("country", "156")
    assert area_of(Place("g", "Guangxi province"), [china]) == Area("province", "CHN", "Guangxi")
    assert area_of(Place("k", "Kwangsi"), []) == Area("province", "CHN", "Guangxi")  # the gazetteer's old name
    assert area_of(Place("s", "Szechwan"), [china]) == Area("province", "CHN", "Sichuan")
    assert area_of(Place("b", "Bavaria"), []) == Area("province", "DEU", "Bayern")  # by the region's point
    assert area_of(Place("c", "Democratic Republic of the Congo"), []) == Area("country", "180")
    # Georgia alone is the country; within the United States it is the state
    assert area_of(Place("ga", "Georgia"), []) == Area("country", "268")
    assert area_of(Place("ga", "Georgia"), [Place("us", "United States")]) == Area("province", "USA", "Georgia")
    # no outline, or more than one that fits: listed, never guessed
    assert area_of(Place("x", "The barracks"), [china]) is None
    assert area_of(Place("p", "Punjab"), []) is None  # India's and Pakistan's
    assert area_of(Place("e", "England"), []) is None  # Natural Earth divides it into counties


def test_the_map_page_draws_areas_and_lists_the_rest(site: Path) -> None:
    page = (site / "map" / "index.html").read_text(encoding="utf-8")
    assert [p["id"] for p in data(page, "data-places")] == ["liuzhou"]
    areas = {a["id"]: a for a in data(page, "data-areas")}
    assert areas["china"]["kind"] == "country" and areas["china"]["country"] == "156"
    assert (areas["guangxi"]["kind"], areas["guangxi"]["country"], areas["guangxi"]["province"]) == \
        ("province", "CHN", "Guangxi")
    # a place counts the photographs of the places within it
    assert areas["china"]["count"] == 4 and areas["guangxi"]["count"] == 3
    assert areas["guangxi"]["url"] == "../places/guangxi/"
    also = re.search(r'<p class="meta" id="map-also">(.*?)</p>', page, re.S)
    assert also is not None
    assert 'href="../places/barracks/">The barracks</a> (1 photograph).' in also.group(1)
    assert 'id="place-china"' in page and 'id="place-guangxi"' in page
    # the provinces of China come with the site, for Guangxi's outline
    assert (site / "assets" / "vendor" / "provinces" / "provinces.js").read_text(encoding="utf-8").count('"CHN":') == 1


def test_an_item_page_draws_its_province_and_names_what_is_not_on_its_map(site: Path) -> None:
    river = (site / "items" / "river" / "index.html").read_text(encoding="utf-8")
    assert data(river, "data-places") == []
    assert [a["id"] for a in data(river, "data-areas")] == ["guangxi"]
    assert "assets/map.js" in river
    gate = (site / "items" / "gate" / "index.html").read_text(encoding="utf-8")
    assert [p["id"] for p in data(gate, "data-places")] == ["liuzhou"]
    assert re.search(r'Also, not on the map: <a href="../../places/barracks/">The barracks</a> \(1 photograph\)\.',
                     gate)
    place = (site / "places" / "china" / "index.html").read_text(encoding="utf-8")
    assert [a["id"] for a in data(place, "data-areas")] == ["china"]


# ---------------------------------------------------------------- in Chromium


def browser_check(site: Path, shots: Path | None) -> dict[str, object]:
    from browser_support import ThreadedChromium, open_recorded_page

    class Problems:
        def __init__(self) -> None:
            self.console: list[str] = []
            self.failed: list[str] = []
            self.blocked: list[str] = []

    def run(browser: object) -> dict[str, object]:
        seen: dict[str, object] = {}
        for width, height in ((1280, 900), (390, 844)):
            problems = Problems()
            page = open_recorded_page(browser, problems, viewport={"width": width, "height": height})  # type: ignore[arg-type]
            page.goto((site / "map" / "index.html").as_uri())
            page.wait_for_selector("#map[data-areas-drawn]")
            seen[f"map-{width}"] = {
                "drawn": page.get_attribute("#map", "data-areas-drawn"),
                "links": page.locator("#map a.map-area-link").all_text_contents(),
                "paths": page.locator("#map .leaflet-areas-pane path").count(),
                "also": page.locator("#map-also").inner_text(),
                # the one request outside: the probe of the tile server, refused, so the map draws its own outlines
                "console": [c for c in problems.console if "tile.openstreetmap.org" not in c],
            }
            if shots:
                page.screenshot(path=str(shots / f"map-areas-map-{width}.png"))
            page.goto((site / "items" / "river" / "index.html").as_uri())
            page.locator("#locator-map").scroll_into_view_if_needed()
            page.wait_for_selector("#locator-map[data-areas-drawn]")
            seen[f"river-{width}"] = {
                "links": page.locator("#locator-map a.map-area-link").all_text_contents(),
                "paths": page.locator("#locator-map .leaflet-areas-pane path").count(),
            }
            if shots:
                page.locator(".locator").screenshot(path=str(shots / f"map-areas-item-{width}.png"))
            page.context.close()
        return seen

    chromium = ThreadedChromium("map-areas")
    try:
        return chromium.run(run)
    finally:
        chromium.close()


@pytest.mark.browser
def test_chromium_draws_the_areas_and_shows_the_list(site: Path) -> None:
    from browser_support import CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}")
    shots = Path(os.environ["ALBUMEN_SHOTS"]) if os.environ.get("ALBUMEN_SHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    seen = browser_check(site, shots)
    for width in (1280, 390):
        big = seen[f"map-{width}"]
        assert isinstance(big, dict)
        assert big["drawn"] == "2" and big["paths"] == 2, big
        assert sorted(big["links"]) == ["China (4)", "Guangxi province (3)"], big
        assert "The barracks (1 photograph)" in str(big["also"]), big
        assert big["console"] == [], big
        small = seen[f"river-{width}"]
        assert isinstance(small, dict)
        assert small == {"links": ["Guangxi province (3)"], "paths": 1}, small

