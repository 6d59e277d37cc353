"""Discovery in a real browser (Debian's Chromium driven by Playwright): search, the map, the timeline, the
pages without JavaScript, and an axe-core check of each kind of page.

As in test_browser.py, the example is built into a temporary folder and served under a sub-path, and every
request that does not go to 127.0.0.1 is refused. The one request the site may make outside is the map
page's probe of the tile server; it is refused too, so the map must fall back to its own outlines.

Playwright's sync API allows one instance per thread, and test_browser.py's session keeps one open in the
main thread, so this module drives its own Chromium from a thread of its own (`Chromium`): each test hands
it a function of (page, problems).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from browser_support import CHROMIUM, ThreadedChromium, open_recorded_page  # noqa: E402

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium; `make setup-browser`)",
        allow_module_level=True,
    )

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    expect,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ichigo"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TILE_HOST = "tile.openstreetmap.org"  # the default map_tiles
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TOPIC = "ichigo-campaign"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def items_at(place: str) -> set[str]:
    """The example's photographs whose places name `place`, read from the item files."""
    return {p.stem for p in (EXAMPLE / "items").glob("*.md") if place in (front_matter(p).get("places") or [])}


LIUZHOU = items_at("liuzhou")
AUTUMN_1944 = {p.stem for p in (EXAMPLE / "items").glob("*.md") if front_matter(p).get("date") == "1944-23"}


# ---------------------------------------------------------------- the example, built and served


def build(archive: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "albumen", "build", "-C", str(archive), "--executor", "inline", "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"albumen build failed:\n{result.stdout}\n{result.stderr}"
    return archive / "_site"


def copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(folder, its http://127.0.0.1:PORT/ address): what is built into the folder is served."""
    root = tmp_path_factory.mktemp("discovery")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def site_dir(served: tuple[Path, str]) -> Path:
    return build(copy_example(served[0] / "under" / "a-path"))


@pytest.fixture(scope="module")
def base(served: tuple[Path, str], site_dir: Path) -> str:
    """The example site's root URL, under a sub-path."""
    return f"{served[1]}under/a-path/_site/"


# ---------------------------------------------------------------- the browser, in its own thread


@dataclass
class Problems:
    """What went wrong while a page was open: console errors, script errors, failed and refused requests.

    The map page probes its tile server once; the test refuses it, and Chromium then logs "Failed to load
    resource" for it whatever the page does. That one line, for a tile URL, is expected; nothing else is.
    """

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_none(self, navigated: bool = False) -> None:
        others = [url for url in self.blocked if urlsplit(url).hostname != TILE_HOST]
        assert not others, f"the site asked the network for: {others}"
        assert len(self.blocked) <= 1, f"more than one probe of the tile server: {self.blocked}"
        console = [c for c in self.console if not (c.startswith("Failed to load resource") and TILE_HOST in c)]
        assert not console, f"console errors: {console}"
        failed = [f for f in self.failed if not (navigated and f.endswith("net::ERR_ABORTED"))]
        assert not failed, f"failed requests: {failed}"


def open_page(browser: Browser, **context_options: Any) -> tuple[Page, Problems]:
    problems = Problems()
    return open_recorded_page(browser, problems, **context_options), problems


Check = Callable[[Page, Problems], None]


class Chromium(ThreadedChromium):
    """`chromium(check)` runs check(page, problems) in the browser's thread, in a fresh browser context
    (options as for new_context), and re-raises what it raised."""

    def __call__(self, check: Check, **context_options: Any) -> None:
        self.run(self._check, check, context_options)

    @staticmethod
    def _check(browser: Browser, check: Check, context_options: dict[str, Any]) -> None:
        page, problems = open_page(browser, **context_options)
        try:
            check(page, problems)
        finally:
            page.context.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    browser = Chromium()
    yield browser
    browser.close()


def item_ids(hrefs: list[str]) -> set[str]:
    return {m.group(1) for h in hrefs if (m := re.search(r"/items/([^/]+)/(?:index\.html)?$", h))}


# ---------------------------------------------------------------- search (served: Pagefind)


def pagefind_results(page: Page, query: str) -> list[str]:
    """Type a query into the Pagefind UI, open every page of results, return the result links."""
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    # "7 results for Liuzhou" (not "Searching for Liuzhou..."), in the page's language and its word order
    # ("战役：1 个结果" on a Chinese site)
    query_re = re.escape(query)
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(rf"\d.*{query_re}|{query_re}.*\d"))
    more = page.locator(".pagefind-ui__button")
    while more.count() and more.is_visible():
        more.click()
    message = page.locator(".pagefind-ui__message").inner_text()
    count = int(re.search(r"\d+", message).group(0))  # type: ignore[union-attr]
    expect(page.locator(".pagefind-ui__result-link")).to_have_count(count)
    return page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")


def test_search_liuzhou_shows_the_liuzhou_photos_and_only_them(chromium: Chromium, base: str) -> None:
    """"Only them": of the photographs, exactly the six whose place is Liuzhou; the one other result is the
    topic page, whose narrative names Liuzhou. Each result shows its photograph and an excerpt."""
    assert len(LIUZHOU) == 6

    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "search/")
        hrefs = pagefind_results(page, "Liuzhou")
        assert item_ids(hrefs) == LIUZHOU
        others = [h for h in hrefs if "/items/" not in h]
        assert others == [f"{base}topics/{TOPIC}/"]
        results = page.locator(".pagefind-ui__result")
        for n in range(results.count()):
            expect(results.nth(n).locator("img.pagefind-ui__result-image")).to_have_js_property("complete", True)
            assert results.nth(n).locator("img").evaluate("img => img.naturalWidth") > 0
            expect(results.nth(n).locator(".pagefind-ui__result-excerpt mark").first).to_have_text(
                re.compile("Liuzhou", re.I))
        problems.assert_none()

    chromium(check)


def test_search_finds_chinese_and_japanese_names(chromium: Chromium, base: str) -> None:
    """柳州 is one of Liuzhou's other names (places.yaml), shown beside the place on its photographs' pages;
    一号作戦 is in the topic's narrative."""

    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "search/")
        hrefs = pagefind_results(page, "柳州")
        assert item_ids(hrefs) == LIUZHOU and len(hrefs) == len(LIUZHOU)
        assert pagefind_results(page, "一号作戦") == [f"{base}topics/{TOPIC}/"]
        problems.assert_none()

    chromium(check)


def test_search_filters_by_place(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "search/")
        assert len(item_ids(pagefind_results(page, "refugees"))) == 7  # six in Liuzhou, one elsewhere
        page.locator(".pagefind-ui__filter-name", has_text="Place").click()
        page.get_by_label(re.compile(r"^Liuzhou")).check()
        expect(page.locator(".pagefind-ui__message")).to_contain_text("6 results")
        hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")
        assert item_ids(hrefs) <= LIUZHOU and len(hrefs) == 5  # the first page of results
        problems.assert_none()

    chromium(check)


def test_search_box_on_every_page_sends_the_query(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "timeline/")
        box = page.get_by_role("searchbox", name="Search the photographs")
        box.fill("Liuzhou")
        box.press("Enter")
        expect(page).to_have_url(f"{base}search/?q=Liuzhou")
        expect(page.locator(".pagefind-ui__search-input")).to_have_value("Liuzhou")
        expect(page.locator(".pagefind-ui__message")).to_contain_text("7 results for Liuzhou")
        problems.assert_none(navigated=True)

    chromium(check)


@pytest.fixture(scope="module")
def chinese_base(served: tuple[Path, str]) -> str:
    """A small archive whose pages are in Chinese (language = "zh"): Pagefind splits its text into words."""
    root = served[0] / "zh"
    (root / "items").mkdir(parents=True)
    (root / "images").mkdir()
    shutil.copy(EXAMPLE / "images" / "ichigo" / "bridge-result.jpg", root / "images" / "a.jpg")
    (root / "albumen.toml").write_text('title = "照片"\nlanguage = "zh"\n[images]\nwidths = [200]\n', encoding="utf-8")
    (root / "items" / "a.md").write_text("---\ntitle: 桥\nimage: a.jpg\n---\n一九四四年广西的战役中被炸毁的桥。\n",
                                         encoding="utf-8")
    build(root)
    return f"{served[1]}zh/_site/"


def test_chinese_pages_are_split_into_words(chromium: Chromium, chinese_base: str) -> None:
    """Only pagefind-bin-extended segments Chinese: 战役 ("campaign") is found inside the run 广西的战役中被炸毁的桥."""

    def check(page: Page, problems: Problems) -> None:
        page.goto(chinese_base + "search/")
        assert item_ids(pagefind_results(page, "战役")) == {"a"}
        assert item_ids(pagefind_results(page, "广西")) == {"a"}
        problems.assert_none()

    chromium(check)


# ---------------------------------------------------------------- search from a folder (file://: MiniSearch)


def fallback_results(page: Page, query: str, expected: int) -> list[str]:
    box = page.get_by_role("searchbox", name="Search the photographs")
    box.fill(query)
    expect(page.locator(".fallback-status")).to_have_text(f"{expected} result" + ("" if expected == 1 else "s"))
    return page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")


def test_search_from_a_folder_uses_the_fallback_index(chromium: Chromium, site_dir: Path) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(site_dir.joinpath("search", "index.html").as_uri() + "?q=Liuzhou")
        expect(page.locator(".fallback-status")).to_have_text("7 results")
        expect(page.get_by_role("searchbox", name="Search the photographs")).to_have_value("Liuzhou")
        hrefs = page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")
        assert item_ids(hrefs) == LIUZHOU
        assert [h for h in hrefs if "/items/" not in h] == [site_dir.joinpath("topics", TOPIC, "index.html").as_uri()]
        assert page.locator(".search-result img").evaluate_all("imgs => imgs.every(i => i.complete)")
        assert item_ids(fallback_results(page, "柳州", 6)) == LIUZHOU
        assert fallback_results(page, "作戦", 1) == [site_dir.joinpath("topics", TOPIC, "index.html").as_uri()]
        # filters: the refugees (seven photographs and the topic) at Liuzhou; then a result opens its page
        assert len(item_ids(fallback_results(page, "refugees", 8))) == 7
        page.get_by_label("Place").select_option("Liuzhou")
        expect(page.locator(".fallback-status")).to_have_text("6 results")
        page.locator(".search-result-link").first.click()
        expect(page).to_have_url(re.compile(r"/items/[^/]+/index\.html$"))
        problems.assert_none(navigated=True)

    chromium(check)


def test_search_box_works_from_a_folder(chromium: Chromium, site_dir: Path) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(site_dir.joinpath("index.html").as_uri())
        box = page.get_by_role("searchbox", name="Search the photographs")
        box.fill("railway station")
        box.press("Enter")
        expect(page).to_have_url(re.compile(r"/search/index\.html\?q=railway\+station$"))
        expect(page.locator(".fallback-status")).to_have_text(re.compile(r"^\d+ results?$"))
        assert item_ids(page.locator(".search-result-link").evaluate_all("l => l.map(a => a.href)")) >= {
            "liuzhou-station-wait", "liuzhou-mother-baby"}
        problems.assert_none(navigated=True)

    chromium(check)


# ---------------------------------------------------------------- the map


def map_ready(page: Page, selector: str = ".map") -> str:
    page.wait_for_function(f"() => document.querySelector('{selector}')?.dataset.ready")
    return page.locator(selector).get_attribute("data-ready") or ""


def test_map_shows_markers_and_a_marker_opens_its_place(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "map/")
        assert map_ready(page, "#map") == "outlines"  # the tiles were refused: the site's own outlines
        expect(page.locator("#map canvas")).to_have_count(1)
        expect(page.locator("#map-note")).to_contain_text("Offline map")
        # China on its own; Guangxi and Liuzhou, close together, in one cluster that opens on a click
        expect(page.locator("#map .map-marker-link")).to_have_count(1)
        cluster = page.get_by_role("button", name="2 places here: zoom in")
        expect(cluster).to_have_count(1)
        cluster.click()
        liuzhou = page.get_by_role("link", name="Liuzhou: 6 photographs")
        expect(liuzhou).to_be_visible()
        liuzhou.click()
        expect(page).to_have_url(f"{base}places/liuzhou/")
        expect(page.locator("h1")).to_have_text("Liuzhou")
        problems.assert_none(navigated=True)

    chromium(check)


# Where the offline map has ink (a line) around a point: the canvas's pixels in a 5 px square that differ from
# the land's colour. The border between Guangxi and Guangdong is taken from the site's own province data.
INK_AROUND = """([lat, lon]) => {
  const map = window.albumenMaps.find(m => m.getContainer().id === 'map');
  const canvas = map.getContainer().querySelector('canvas');
  const box = canvas.getBoundingClientRect(), mapBox = map.getContainer().getBoundingClientRect();
  const ratio = canvas.width / box.width, spot = map.latLngToContainerPoint([lat, lon]);
  const x = Math.round((spot.x + mapBox.left - box.left) * ratio);
  const y = Math.round((spot.y + mapBox.top - box.top) * ratio);
  const pixels = canvas.getContext('2d').getImageData(x - 2, y - 2, 5, 5).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if (Math.abs(pixels[i] - 243) + Math.abs(pixels[i + 1] - 238) + Math.abs(pixels[i + 2] - 228) > 30) ink++;
  return ink;
}"""
BORDER_POINT = """() => {
  const topology = window.albumenProvinces.CHN;
  const names = (a, b) => [a.properties.name, b.properties.name].sort().join();
  const mesh = topojson.mesh(topology, topology.objects.provinces, (a, b) => names(a, b) === 'Guangdong,Guangxi');
  const line = mesh.coordinates.reduce((a, b) => (b.length > a.length ? b : a));
  const [lon, lat] = line[Math.floor(line.length / 2)];
  return [lat, lon];
}"""


def test_offline_map_draws_provinces_under_the_markers(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "map/")
        assert map_ready(page, "#map") == "outlines"
        expect(page.locator("#map")).to_have_attribute("data-outlines-drawn", "countries provinces")
        expect(page.locator("#map-note")).to_contain_text("borders of countries and provinces")
        # only the countries that hold the site's places: China
        assert page.evaluate("Object.keys(window.albumenProvinces)") == ["CHN"]
        # the provinces' names, at this zoom, beneath the markers
        labels = page.locator("#map .province-label")
        expect(labels.filter(has_text=re.compile("^Guangxi$"))).to_have_count(1)
        assert labels.count() >= 30
        pane_z = page.evaluate("""() => ['provinceLabels', 'marker'].map(n =>
            Number(getComputedStyle(document.querySelector('#map .leaflet-' + n + '-pane')).zIndex))""")
        assert pane_z[0] < pane_z[1]
        # ink on the border between two provinces; none in the middle of Guangxi (Natural Earth's label point)
        border = page.evaluate(BORDER_POINT)
        assert page.evaluate(INK_AROUND, border) > 0
        assert page.evaluate(INK_AROUND, [23.7451, 108.756]) == 0
        # further out the names would crowd each other: gone
        page.evaluate("void window.albumenMaps[0].setZoom(3, {animate: false})")
        expect(labels).to_have_count(0)
        problems.assert_none()

    chromium(check)


def test_small_maps_show_the_place_without_asking_the_network(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "items/liuzhou-mother-baby/")
        page.locator(".locator").scroll_into_view_if_needed()
        assert map_ready(page, "#locator-map") == "outlines"
        marker = page.locator("#locator-map").get_by_role("link", name="Liuzhou: 6 photographs")
        expect(marker).to_be_visible()
        box = page.locator("#locator-map").bounding_box()
        spot = marker.bounding_box()
        assert box and spot and box["x"] < spot["x"] < box["x"] + box["width"]
        page.get_by_role("link", name="See on the big map").click()
        expect(page).to_have_url(f"{base}map/#place-liuzhou")
        map_ready(page, "#map")  # focused on Liuzhou, at a zoom where it stands alone
        expect(page.locator("#map").get_by_role("link", name="Liuzhou: 6 photographs")).to_be_visible()
        assert problems.blocked == [f"https://{TILE_HOST}/0/0/0.png"]  # the big map's one probe, no tiles
        problems.assert_none(navigated=True)

    chromium(check)


# ---------------------------------------------------------------- the timeline


def test_timeline_shows_autumn_1944_with_its_photos(chromium: Chromium, base: str) -> None:
    titles = {front_matter(EXAMPLE / "items" / f"{i}.md")["title"] for i in AUTUMN_1944}
    assert len(titles) == 7

    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "timeline/")
        autumn = page.locator("section#p1944-autumn")
        expect(autumn.get_by_role("heading", name=re.compile(r"^Autumn 1944"))).to_be_visible()
        autumn.scroll_into_view_if_needed()
        entries = autumn.locator(".entry-title")
        expect(entries).to_have_count(7)
        assert set(entries.all_inner_texts()) == titles
        # each autumn bar covers September to November; the summer-or-autumn bunker's bar is twice as long
        year = page.locator("section#p1944 .track").first.bounding_box()
        bars = autumn.locator(".bar")
        for n in range(bars.count()):
            bar = bars.nth(n).bounding_box()
            assert year and bar
            assert abs((bar["x"] - year["x"]) / year["width"] - 244 / 366) < 0.02
            assert abs(bar["width"] / year["width"] - 91 / 366) < 0.02
        bunker = page.locator("section#p1944-summer-autumn .bar").bounding_box()
        assert bunker and abs(bunker["width"] / year["width"] - 183 / 366) < 0.02
        autumn.get_by_role("link", name=re.compile("Mother washing her baby")).click()
        expect(page).to_have_url(f"{base}items/liuzhou-mother-baby/")
        page.get_by_role("link", name="autumn 1944").click()
        expect(page).to_have_url(f"{base}timeline/#p1944-autumn")
        problems.assert_none(navigated=True)

    chromium(check)


# ---------------------------------------------------------------- every new page: clean, narrow, without JS

NEW_PAGES = ["timeline/", "map/", "decades/", "decades/1940s/", "creators/",
             "creators/unknown-american-serviceman/", "search/?q=refugees", "items/bunker-guangxi/"]


@pytest.mark.parametrize("path", NEW_PAGES)
def test_new_pages_load_cleanly_and_fit_a_phone(chromium: Chromium, base: str, path: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        response = page.goto(base + path)
        assert response is not None and response.status == 200
        expect(page.locator("h1")).to_have_count(1)
        page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {"
                      " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } }")
        page.wait_for_function("Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)")
        if page.locator(".map").count():
            map_ready(page)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"wider than the phone: {width}"
        problems.assert_none()

    chromium(check, **PHONE)


def test_pages_read_and_navigate_without_javascript(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "timeline/")
        expect(page.locator("section#p1944-autumn .entry-title")).to_have_count(7)
        page.get_by_role("link", name="Map", exact=True).click()
        expect(page.locator(".map-places li")).to_have_count(3)
        expect(page.locator("#map")).to_be_hidden()
        page.get_by_role("link", name="Liuzhou", exact=True).click()
        expect(page.locator(".gallery .card")).to_have_count(6)
        page.locator(".gallery .card-title").first.click()
        cite = page.locator(".cite")
        expect(cite.locator(".citation")).to_contain_text("Photograph, autumn 1944.")
        expect(cite.get_by_role("button")).to_have_count(0)  # copy buttons need JavaScript: hidden
        cite.locator("summary", has_text="BibTeX").click()
        expect(cite.locator("#bibtex")).to_contain_text("@misc{")
        page.get_by_role("link", name="Unknown American serviceman").click()
        expect(page.locator("h1")).to_have_text("Unknown American serviceman")
        page.goto(base + "search/")
        expect(page.locator("main")).to_contain_text("Search needs JavaScript")
        problems.assert_none(navigated=True)

    chromium(check, java_script_enabled=False)


def test_copy_citation(chromium: Chromium, base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(base + "items/liuzhou-mother-baby/")
        # served without base_url: the citation gets the page's full address from the browser
        url = f"{base}items/liuzhou-mother-baby/"
        expect(page.locator(".citation .stable-url")).to_have_text(url)
        page.get_by_role("button", name="Copy citation").click()
        expect(page.locator(".copy-status")).to_have_text("Copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Unknown American serviceman. “Mother washing") and copied.endswith(url)
        page.locator("summary", has_text="CSL-JSON").click()
        page.get_by_role("button", name="Copy CSL-JSON").click()
        expect(page.locator(".copy-status")).to_have_text("Copied.")
        [csl] = json.loads(page.evaluate("navigator.clipboard.readText()"))
        assert csl["URL"] == url and csl["issued"] == {"date-parts": [[1944]], "season": 3}
        problems.assert_none()

    chromium(check, permissions=["clipboard-read", "clipboard-write"])


def test_hostile_caption_stays_inside_json_ld(chromium: Chromium, served: tuple[Path, str]) -> None:
    root = copy_example(served[0] / "hostile")
    item = root / "items" / "bridge-result.md"
    _, head, _ = item.read_text(encoding="utf-8").split("---\n", 2)
    caption = "Boom </script><script>window.__pwned = 1</script><!-- & \u2028 end"
    meta = yaml.safe_load(head) | {"title": "</script><script>window.__pwned = 2</script>"}
    item.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + caption + "\n", encoding="utf-8")
    build(root)

    def check(page: Page, problems: Problems) -> None:
        page.goto(f"{served[1]}hostile/_site/items/bridge-result/")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        data = json.loads(page.locator("script[type='application/ld+json']").text_content() or "")
        assert data["name"] == meta["title"]
        assert data["caption"] == " ".join(caption.split())
        expect(page.locator("h1")).to_have_text(meta["title"])
        problems.assert_none()

    chromium(check)


# ---------------------------------------------------------------- accessibility (axe-core from npm)

AXE_PAGES = ["", f"topics/{TOPIC}/", "items/liuzhou-mother-baby/", "places/liuzhou/", "search/?q=Liuzhou",
             "map/", "timeline/"]


@pytest.mark.parametrize("path", AXE_PAGES, ids=lambda p: p.split("/")[0] or "home")
def test_no_serious_accessibility_violations(chromium: Chromium, base: str, path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core comes from npm: run `make setup` (npm ci)")

    def check(page: Page, problems: Problems) -> None:
        page.goto(base + path)
        if path.startswith("search/"):
            expect(page.locator(".pagefind-ui__result").first).to_be_visible()
        if page.locator(".map").count():
            page.locator(".map").first.scroll_into_view_if_needed()
            map_ready(page)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
        )
        assert violations == [], json.dumps(violations, indent=1)
        problems.assert_none()

    chromium(check)


# ---------------------------------------------------------------- a big site's index, in shards


@pytest.fixture(scope="module")
def sharded_base(served: tuple[Path, str]) -> str:
    """Nine photographs indexed in shards of two pages (as a site of thousands is in shards of a thousand)."""
    from albumen.executors import executor_for
    from albumen.pipeline import build as build_archive
    from albumen.reporter import Reporter
    from albumen.stages import index

    root = served[0] / "sharded"
    (root / "items").mkdir(parents=True)
    (root / "images").mkdir()
    shutil.copy(EXAMPLE / "images" / "ichigo" / "bridge-result.jpg", root / "images" / "a.jpg")
    (root / "albumen.toml").write_text('title = "Shards"\n[images]\nwidths = [200]\n', encoding="utf-8")
    for n in range(9):
        (root / "items" / f"p{n}.md").write_text(
            f"---\ntitle: Photo {n}\nimage: a.jpg\n---\nThe journey south; a kestrel{n} over the river.\n",
            encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "SHARD_PAGES", 2)
        assert build_archive(root, Reporter(), executor_for("inline")).published
    shards = list((root / "_site" / "pagefind" / "shards").iterdir())
    assert len(shards) >= 2  # 9 pages in shards of two: the first and at least two more (an empty one has none)
    return f"{served[1]}sharded/_site/"


def test_search_merges_the_shards_of_a_big_site(chromium: Chromium, sharded_base: str) -> None:
    def check(page: Page, problems: Problems) -> None:
        page.goto(sharded_base + "search/")
        assert item_ids(pagefind_results(page, "journey")) == {f"p{n}" for n in range(9)}  # every shard answers
        for n in (0, 4, 8):
            assert item_ids(pagefind_results(page, f"kestrel{n}")) == {f"p{n}"}
        problems.assert_none()

    chromium(check)
