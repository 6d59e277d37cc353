"""A Hebrew site in Chromium: right to left, no serious axe-core violation, nothing wider than a phone, the map and
the deep-zoom viewer working; a Chinese site's search in Chinese. ALBUMEN_SHOTS=DIR keeps screenshots of both
sites at 390 and 1280 px."""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from browser_support import CHROMIUM, ThreadedChromium, open_recorded_page  # noqa: E402
from test_i18n import build_example

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (`make setup-browser`)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
PAGES = ["", "topics/ichigo-campaign/", "items/liuzhou-mother-baby/", "places/liuzhou/", "map/", "timeline/",
         "search/?q=Liuzhou"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both sites built and served from one folder: BASE/he/ and BASE/zh/."""
    root = tmp_path_factory.mktemp("i18n-served")
    build_example(root / "he", "he")
    build_example(root / "zh", "zh-Hans")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def chromium() -> Iterator[ThreadedChromium]:
    browser = ThreadedChromium("i18n")
    yield browser
    browser.close()


def in_page(browser: Browser, url: str, check: object, options: dict) -> None:
    problems = Recorded()
    page = open_recorded_page(browser, problems, **options)
    try:
        page.goto(url)
        check(page)  # type: ignore[operator]
        outside = [u for u in problems.blocked if "tile.openstreetmap.org" not in u]
        assert not outside and not problems.failed, (outside, problems.failed)
        assert not [c for c in problems.console if "tile.openstreetmap.org" not in c], problems.console
    finally:
        page.context.close()


class Recorded:
    def __init__(self) -> None:
        self.console: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []


def settle(page: Page) -> None:
    """The page as a reader sees it: search results shown, maps drawn."""
    if "/search/" in page.url:
        expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    for box in page.locator(".map").all():
        box.scroll_into_view_if_needed()
        page.wait_for_function("(box) => box.dataset.ready", arg=box.element_handle())
    page.evaluate("window.scrollTo(0, 0)")


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("ALBUMEN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.split("/")[0] or "home")
def test_hebrew_pages_have_no_serious_accessibility_violations(chromium: ThreadedChromium, served: str,
                                                               path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core comes from npm: run `make setup` (npm ci)")

    def check(page: Page) -> None:
        assert page.evaluate("document.documentElement.dir") == "rtl"
        settle(page)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)

    chromium.run(in_page, served + "he/_site/" + path, check, LAPTOP)


@pytest.mark.parametrize("language", ["he", "zh"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.split("/")[0] or "home")
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen_in_both_directions(chromium: ThreadedChromium, served: str, language: str,
                                                 path: str, width: int) -> None:
    """No horizontal scroll (a mirrored layout that forgot a left margin shows one), and the screenshots."""

    def check(page: Page) -> None:
        settle(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        if language == "he":  # the start of a line is its right: the site's title is right of the search box
            title = page.locator(".site-title").bounding_box()
            assert title is not None and title["x"] + title["width"] > width / 2
        shoot(page, f"{language}-{path.split('/')[0] or 'home'}-{width}")

    chromium.run(in_page, served + f"{language}/_site/" + path, check, PHONE if width == 390 else LAPTOP)


def test_the_hebrew_map_and_viewer_work(chromium: ThreadedChromium, served: str) -> None:
    def check(page: Page) -> None:
        settle(page)
        box = page.locator("#locator-map")
        expect(box.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "הגדלה")
        marker = box.locator(".map-marker-link").first
        expect(marker).to_be_visible()
        button = page.locator(".zoom-button")
        expect(button).to_have_text("הגדלה")
        button.click()
        stage = page.locator(".zoom-stage")
        expect(stage).to_have_attribute("aria-label", "תצלום שאפשר להגדיל: גררו כדי להזיז, גללו או צבטו כדי להגדיל")
        expect(stage.locator("canvas").first).to_be_visible()
        page.wait_for_function("() => window.albumenViewer && window.albumenViewer.world.getItemCount() > 0")
        page.wait_for_function("() => window.albumenViewer.world.getItemAt(0).getFullyLoaded()")
        shoot(page, "he-item-zoom-1280")

    chromium.run(in_page, served + "he/_site/items/liuzhou-mother-baby/", check, LAPTOP)


def test_the_chinese_search_speaks_chinese(chromium: ThreadedChromium, served: str) -> None:
    def check(page: Page) -> None:
        settle(page)
        expect(page.locator(".pagefind-ui__search-input")).to_have_attribute("placeholder", "搜索照片")
        expect(page.locator(".pagefind-ui__message")).to_contain_text("个结果")

    chromium.run(in_page, served + "zh/_site/search/?q=Liuzhou", check, LAPTOP)
