"""An object's page in a real browser (issue 18): the strip of labelled thumbnails switches the main image without
reloading, and without JavaScript its plain links show each image too; deep zoom pages through the images from the
one shown; the page fits a phone. Chromium from Debian (tests/browser_support.py), the site served on 127.0.0.1.

Set ALBUMEN_SHOTS=DIR to keep screenshots of the object's page at 1280 and 390 px there."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import Browser, Page  # noqa: E402

from browser_support import CHROMIUM, ThreadedChromium, open_recorded_page  # noqa: E402
from conftest import BASE_IMAGES, base_files, item_md, make_jpeg, run_cli  # noqa: E402

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium")

OBJECT = item_md(
    "A postcard from Liuzhou, written on the back in pencil.", title="Postcard from Liuzhou", date="1944-10",
    images=[{"file": "card/front.jpg", "label": "front"}, {"file": "card/back.jpg", "label": "back"},
            {"file": "card/stamp.jpg", "label": "the stamp, close"}],
    topics=["journey"], places=["liuzhou"])


@dataclass
class Problems:
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        assert not self.blocked and not self.console and not self.failed, (self.blocked, self.console, self.failed)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("objects") / "archive"
    root.mkdir()
    (root / "albumen.toml").write_text('title = "Objects"\n[images]\nwidths = [200, 400, 800]\n', encoding="utf-8")
    for rel, text in {**base_files(), "items/postcard.md": OBJECT}.items():
        if text is not None:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(str(text), encoding="utf-8")
    for rel, size in {**BASE_IMAGES, "card/front.jpg": (1400, 900), "card/back.jpg": (1400, 900),
                      "card/stamp.jpg": (500, 600)}.items():
        make_jpeg(root / "images" / rel, size)
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "_site")))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/items/postcard/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def chromium() -> Iterator[ThreadedChromium]:
    browser = ThreadedChromium("objects-chromium")
    yield browser
    browser.close()


def _shown(page: Page) -> list[str]:
    """The ids of the object's images a reader sees."""
    return page.eval_on_selector_all(
        ".object-image", "els => els.filter(e => e.getBoundingClientRect().height > 0).map(e => e.id)")


def _strip_switches(browser: Browser, url: str) -> None:
    problems = Problems()
    page = open_recorded_page(browser, problems, viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        assert _shown(page) == ["image-1"]
        page.evaluate("window.notReloaded = true")
        page.click(".image-strip a[href='#image-2']")
        assert _shown(page) == ["image-2"]
        assert page.evaluate("window.notReloaded") is True  # switched in place, no new page
        assert page.url.endswith("#image-2")
        assert page.get_attribute(".image-strip a[href='#image-2']", "aria-current") == "true"
        assert page.get_attribute(".image-strip a[href='#image-1']", "aria-current") is None
        src = page.eval_on_selector("#image-2 img", "img => img.currentSrc")
        assert "/media/postcard/2/" in src and page.eval_on_selector("#image-2 img", "img => img.naturalWidth") > 0
        page.click(".image-strip a[href='#image-3']")
        assert _shown(page) == ["image-3"]
        # a shared link opens at its image
        page.goto(url + "#image-3")
        assert _shown(page) == ["image-3"]
        problems.assert_none()
    finally:
        page.context.close()


def test_the_strip_switches_the_main_image_without_reloading(chromium, site_url):
    chromium.run(_strip_switches, site_url)


def _without_javascript(browser: Browser, url: str) -> None:
    problems = Problems()
    page = open_recorded_page(browser, problems, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page.goto(url)
        assert _shown(page) == ["image-1"]
        page.click(".image-strip a[href='#image-2']")
        assert _shown(page) == ["image-2"]  # the style sheet's :target
        page.goto(url + "#image-3")
        assert _shown(page) == ["image-3"]
    finally:
        page.context.close()


def test_without_javascript_the_strip_links_show_each_image(chromium, site_url):
    chromium.run(_without_javascript, site_url)


def _zoom_pages(browser: Browser, url: str) -> None:
    problems = Problems()
    page = open_recorded_page(browser, problems, viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        page.click(".image-strip a[href='#image-2']")
        page.click(".zoom-button")
        page.wait_for_function("window.albumenViewer && window.albumenViewer.world.getItemCount() > 0")
        assert page.evaluate("window.albumenViewer.currentPage()") == 1  # opens at the image shown
        assert page.evaluate("window.albumenViewer.tileSources.length") == 3
        page.evaluate("window.albumenViewer.goToPage(2)")
        page.wait_for_function("window.albumenViewer.currentPage() === 2")
        problems.assert_none()
    finally:
        page.context.close()


def test_deep_zoom_pages_through_the_images(chromium, site_url):
    chromium.run(_zoom_pages, site_url)


def _fits_and_shoots(browser: Browser, url: str, width: int, shots: str) -> None:
    problems = Problems()
    page = open_recorded_page(browser, problems, viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        page.click(".image-strip a[href='#image-2']")
        page.wait_for_function("() => { const img = document.querySelector('#image-2 img'); "
                               "return img.complete && img.naturalWidth > 0; }")
        page.evaluate("window.scrollTo(0, 0)")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.is_visible(".image-strip a[href='#image-3']") or width < 400
        if shots:
            page.screenshot(path=str(Path(shots) / f"object-{width}.png"), full_page=False)
        problems.assert_none()
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_object_page_fits_the_screen(chromium, site_url, width):
    chromium.run(_fits_and_shoots, site_url, width, os.environ.get("ALBUMEN_SHOTS", ""))
