"""The built example site in a real browser (Debian's Chromium driven by Playwright).

The example archive is built once into a temporary folder and served by a stdlib HTTP server under a
sub-path (http://127.0.0.1:PORT/somewhere/_site/), to prove that every link is relative. Every request
that does not go to 127.0.0.1 is aborted: the site must work with no network.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser_support import CHROMIUM, LAUNCH_ARGS, is_local, open_recorded_page

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium; `make setup-browser`)",
        allow_module_level=True,
    )

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ichigo"
TOPIC = "ichigo-campaign"
PHONE = {"width": 390, "height": 844}

# Pages of every kind; (1) and (4) open them all.
PAGES = [
    "",
    "topics/",
    f"topics/{TOPIC}/",
    "items/",
    "items/bridge-result/",
    "places/",
    "places/liuzhou/",
    "subjects/",
    "subjects/refugees/",
    "about/",
]


# ---------------------------------------------------------------- the example, built and served


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, head, _ = text.split("---\n", 2)
    return yaml.safe_load(head)


def topic_titles() -> list[tuple[str, str]]:
    """(id, title) of the topic's items, in the topic's order, read from the archive files."""
    ids = front_matter(EXAMPLE / "topics" / f"{TOPIC}.md")["items"]
    return [(i, front_matter(EXAMPLE / "items" / f"{i}.md")["title"]) for i in ids]


def copy_archive(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    return dest


def build(archive: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "albumen", "build", "-C", str(archive), "--executor", "inline", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"albumen build failed:\n{result.stdout}\n{result.stderr}"
    site = archive / "_site"
    assert (site / "index.html").is_file()
    return site


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="session")
def server(served_root: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/ serving the folder that holds the built archives."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served_root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_dir(served_root: Path) -> Path:
    return build(copy_archive(served_root / "somewhere"))


@pytest.fixture(scope="session")
def base(server: str, site_dir: Path) -> str:
    """The site's root URL, under a sub-path."""
    return f"{server}somewhere/_site/"


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def pw() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(pw: Playwright) -> Iterator[Browser]:
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
    yield browser
    browser.close()


@dataclass
class Problems:
    """What went wrong while a page was open: console errors, script errors, failed requests."""

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_none(self, navigated: bool = False) -> None:
        """navigated: the test left pages before their lazy images finished, which aborts those requests."""
        assert not self.blocked, f"the site asked the network for: {self.blocked}"
        assert not self.console, f"console errors: {self.console}"
        failed = [f for f in self.failed if not (navigated and f.endswith("net::ERR_ABORTED"))]
        assert not failed, f"failed requests: {failed}"


def open_page(browser: Browser, **context_options: Any) -> tuple[Page, Problems]:
    problems = Problems()
    return open_recorded_page(browser, problems, **context_options), problems


@pytest.fixture
def page_and_problems(browser: Browser) -> Iterator[tuple[Page, Problems]]:
    page, problems = open_page(browser)
    yield page, problems
    page.context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[tuple[Page, Problems]]:
    page, problems = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page, problems
    page.context.close()


def load_everything(page: Page) -> None:
    """Scroll down a screen at a time so lazy images load, then wait for every image to finish."""
    page.evaluate(
        """async () => {
            const step = Math.max(200, window.innerHeight / 2);
            for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
            }
            window.scrollTo(0, document.documentElement.scrollHeight);
        }"""
    )
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    page.wait_for_load_state("networkidle")


def broken_images(page: Page) -> list[str]:
    return page.evaluate(
        "Array.from(document.images).filter(img => !(img.naturalWidth > 0)).map(img => img.currentSrc || img.src)"
    )


# ---------------------------------------------------------------- (1) every kind of page loads cleanly


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_loads_without_errors(page_and_problems: tuple[Page, Problems], base: str, path: str) -> None:
    page, problems = page_and_problems
    response = page.goto(base + path)
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()
    load_everything(page)
    assert broken_images(page) == []
    if path in ("", f"topics/{TOPIC}/", "items/", "places/liuzhou/", "subjects/refugees/"):
        assert page.locator("main img").count() > 0, "a page with photographs shows none"
    problems.assert_none()


def test_every_internal_link_resolves(page_and_problems: tuple[Page, Problems], base: str) -> None:
    """Every link and asset on each kind of page is relative and resolves under the sub-path."""
    page, problems = page_and_problems
    seen: set[str] = set()
    escaping: list[str] = []
    for path in PAGES:
        page.goto(base + path)
        refs = page.evaluate(
            """() => Array.from(document.querySelectorAll('[href], [src]')).map(e => {
                   const attr = e.hasAttribute('href') ? 'href' : 'src';
                   return [e.getAttribute(attr), e[attr]];
               })"""
        )
        for raw, resolved in refs:
            if raw.startswith("/") or (is_local(resolved) and not resolved.startswith(("data:", base))):
                escaping.append(f"{path}: {raw}")
            elif resolved.startswith(base):
                seen.add(resolved.split("#")[0])
    assert escaping == [], "links that are not relative to the site (break under a sub-path or from a folder)"
    request = page.context.request
    bad = [url for url in sorted(seen) if request.get(url).status != 200]
    assert bad == []
    assert any("/items/" in u for u in seen) and any("/media/" in u for u in seen)
    problems.assert_none(navigated=True)


# ---------------------------------------------------------------- (2) walk the topic with "Next →"


def test_walk_topic_with_next(page_and_problems: tuple[Page, Problems], base: str) -> None:
    page, problems = page_and_problems
    expected = topic_titles()
    assert len(expected) == 10
    page.goto(base + f"topics/{TOPIC}/")
    cards = page.locator(".gallery .card")
    expect(cards).to_have_count(len(expected))
    expect(cards.locator(".card-title")).to_have_text([title for _, title in expected])

    cards.first.locator("a.card-image").click()
    for position, (item_id, title) in enumerate(expected, start=1):
        expect(page).to_have_url(f"{base}items/{item_id}/")
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator("figure.photo figcaption.caption")).to_be_visible()
        expect(page.locator("figure.photo figcaption.caption")).not_to_be_empty()
        expect(page.locator(".kicker")).to_contain_text(f"photograph {position} of {len(expected)}")
        next_link = page.get_by_role("link", name=re.compile(r"^Next →"))
        if position < len(expected):
            expect(next_link).to_have_count(1)
            next_link.click()
        else:
            expect(next_link).to_have_count(0)
            expect(page.get_by_role("link", name=re.compile(r"^← Previous"))).to_have_count(1)
    problems.assert_none(navigated=True)


# ---------------------------------------------------------------- (3) item links in captions


def test_caption_item_link(page_and_problems: tuple[Page, Problems], base: str) -> None:
    page, problems = page_and_problems
    page.goto(base + "items/bridge-result/")
    page.locator("figure.photo figcaption").get_by_role("link", name="here", exact=True).click()
    expect(page).to_have_url(f"{base}items/bridge-setting/")
    title = front_matter(EXAMPLE / "items" / "bridge-setting.md")["title"]
    expect(page.locator("h1")).to_have_text(title)
    problems.assert_none(navigated=True)


# ---------------------------------------------------------------- (4) phone width


@pytest.mark.parametrize(
    "path",
    [
        "",
        f"topics/{TOPIC}/",
        "items/bridge-result/",
        "items/liuzhou-mother-baby/",
        "places/liuzhou/",
        "subjects/",
        "about/",
        "search/",
    ],
    ids=lambda p: p or "home",
)
def test_no_horizontal_scroll_on_phone(phone_page: tuple[Page, Problems], base: str, path: str) -> None:
    page, problems = phone_page
    page.goto(base + path)
    load_everything(page)
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["client"] == PHONE["width"]
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    assert widths["scroll"] <= widths["client"], f"wider than the phone: {widths}, e.g. {wide}"
    problems.assert_none()


# ---------------------------------------------------------------- (5) from a folder (file://)


def test_file_url_navigation(page_and_problems: tuple[Page, Problems], site_dir: Path) -> None:
    page, problems = page_and_problems
    page.goto(site_dir.joinpath("index.html").as_uri())
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Topics", exact=True).click()
    expect(page).to_have_url(site_dir.joinpath("topics", "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Topics")
    topic_title = front_matter(EXAMPLE / "topics" / f"{TOPIC}.md")["title"]
    page.locator("main").get_by_role("link", name=topic_title, exact=True).click()
    expect(page).to_have_url(site_dir.joinpath("topics", TOPIC, "index.html").as_uri())
    expect(page.locator("h1")).to_have_text(topic_title)
    # and on into a photograph, whose image shows
    page.locator(".gallery .card-title").first.click()
    expect(page).to_have_url(re.compile(r"/items/[^/]+/index\.html$"))
    expect(page.locator("figure.photo img")).to_be_visible()
    assert broken_images(page) == []
    problems.assert_none(navigated=True)


# ---------------------------------------------------------------- (6) search


def search(page: Page, query: str) -> None:
    box = page.locator(".pagefind-ui__search-input")
    expect(box).to_be_visible()
    box.fill(query)
    expect(page.locator(".pagefind-ui__result-link").first).to_be_visible()


def test_search_finds_items(page_and_problems: tuple[Page, Problems], base: str) -> None:
    page, problems = page_and_problems
    page.goto(base + "search/")
    search(page, "Liuzhou")
    links = page.locator(".pagefind-ui__result-link")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    item_links = [h for h in hrefs if h.startswith(f"{base}items/")]
    assert item_links, f"no result links to item pages under the sub-path: {hrefs}"
    liuzhou_items = [
        i for i, _ in topic_titles() if "liuzhou" in (front_matter(EXAMPLE / "items" / f"{i}.md").get("places") or [])
    ]
    assert any(f"/items/{i}/" in h for h in item_links for i in liuzhou_items)
    first_item = page.locator(".pagefind-ui__result-link[href*='/items/']").first
    title = first_item.inner_text()
    first_item.click()
    expect(page).to_have_url(re.compile(re.escape(base) + r"items/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(title)
    problems.assert_none(navigated=True)


# ---------------------------------------------------------------- (7) a hostile archive


HOSTILE_ITEM = "bridge-result"
HOSTILE_TITLE = "</title><script>window.__pwned=4</script>"
HOSTILE_CAPTION = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">\n\n'
    "Click [x](javascript:window.__pwned=3) or <javascript:window.__pwned=5> "
    "or [x](&#106;avascript:window.__pwned=6) now.\n"
)
HOSTILE_FIELDS = {
    "title": HOSTILE_TITLE,
    "alt": '"><script>window.__pwned=9</script>',
    "creator": "<img src=x onerror=window.__pwned=10>",
    "subjects": ["<script>window.__pwned=11</script>", "bridges"],
}
DANGEROUS_HREFS = """() => Array.from(document.querySelectorAll('a[href], area[href], [src]'))
    .map(e => (e.getAttribute('href') || e.getAttribute('src') || '').replace(/[\\s\\0]/g, '').toLowerCase())
    .filter(u => /^(javascript|vbscript|data:text)/.test(u))"""


def set_front_matter(path: Path, changes: dict) -> None:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head) | changes
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_base(served_root: Path, server: str) -> str:
    """The example with script in one photograph's title, caption and other fields."""
    archive = copy_archive(served_root / "hostile")
    item = archive / "items" / f"{HOSTILE_ITEM}.md"
    set_front_matter(item, HOSTILE_FIELDS)
    item.write_text(item.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + HOSTILE_CAPTION, encoding="utf-8")
    assert front_matter(item)["title"] == HOSTILE_TITLE
    build(archive)
    return f"{server}hostile/_site/"


def assert_not_pwned(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", "script from the archive ran"


def click_every(page: Page, name: str) -> None:
    for link in page.get_by_role("link", name=name, exact=True).all():
        link.click()
        page.wait_for_load_state()
        assert_not_pwned(page)


@pytest.mark.parametrize(
    "path",
    [f"items/{HOSTILE_ITEM}/", f"topics/{TOPIC}/", "items/", "items/bunker-guangxi/", "subjects/", "places/guangxi/"],
)
def test_hostile_archive_cannot_run_script(
    page_and_problems: tuple[Page, Problems], hostile_base: str, path: str
) -> None:
    page, _ = page_and_problems
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(hostile_base + path)
    load_everything(page)
    assert_not_pwned(page)
    assert page.evaluate(DANGEROUS_HREFS) == []
    inline = page.locator("script:not([src]):not([type='application/ld+json'])")  # JSON-LD is data, not code
    assert inline.count() == 0, "an inline script made it into the page"
    if path == f"items/{HOSTILE_ITEM}/":
        # what the archive wrote is shown as text, not cut short and not run
        expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
        assert page.title().startswith(HOSTILE_TITLE)
        caption = page.locator("figcaption.caption")
        expect(caption).to_contain_text("<script>window.__pwned=1</script>")
        expect(caption).to_contain_text("javascript:window.__pwned=3")
        expect(page.locator("figure.photo img")).to_have_attribute("alt", HOSTILE_FIELDS["alt"])
        expect(page.locator(".facts")).to_contain_text(HOSTILE_FIELDS["creator"])
        expect(page.locator(".facts")).to_contain_text(HOSTILE_FIELDS["subjects"][0])
    elif path == "subjects/":
        expect(page.locator("main")).to_contain_text(HOSTILE_FIELDS["subjects"][0])
    else:
        expect(page.get_by_text(HOSTILE_TITLE).first).to_be_visible()
    click_every(page, "x")


def test_hostile_archive_search(page_and_problems: tuple[Page, Problems], hostile_base: str) -> None:
    page, _ = page_and_problems
    page.goto(hostile_base + "search/")
    search(page, "pwned")
    expect(page.locator(".pagefind-ui__result-link").first).to_contain_text("</title>")
    assert page.evaluate(DANGEROUS_HREFS) == []
    assert_not_pwned(page)


def test_deep_zoom_viewer_loads_tiles(page_and_problems: tuple[Page, Problems], base: str) -> None:
    """The example's bunker photo is 4000 px wide: its page zooms into IIIF tiles, from the site alone."""
    page, problems = page_and_problems
    tiles: list[str] = []
    page.on("response", lambda r: tiles.append(r.url) if "/iiif/items/bunker-guangxi/image/" in r.url
            and r.status == 200 else None)
    page.goto(base + "items/bunker-guangxi/")
    button = page.get_by_role("button", name="Zoom in")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".zoom-stage canvas").first).to_be_visible()
    page.wait_for_function("() => window.albumenViewer && window.albumenViewer.world.getItemAt(0) && "
                           "window.albumenViewer.world.getItemAt(0).getFullyLoaded()")
    assert any(url.endswith("/0/default.jpg") for url in tiles), tiles
    first_tiles = len(tiles)
    page.evaluate("window.albumenViewer.viewport.zoomTo(8, null, true)")
    page.wait_for_function(f"() => performance.getEntriesByType('resource').filter("
                           f"e => e.name.includes('/iiif/items/bunker-guangxi/image/')).length > {first_tiles}")
    problems.assert_none()


def test_a_photo_past_the_largest_width_zooms_to_its_full_size(page_and_problems: tuple[Page, Problems],
                                                                base: str) -> None:
    """The example's engine photo is 2400 px wide, past the largest width (1600) and too small for tiles:
    zoomed in, the viewer loads its full-size JPEG from the IIIF service's whole sizes."""
    page, problems = page_and_problems
    page.goto(base + "items/refugees-meal-engine/")
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_function("() => window.albumenViewer && window.albumenViewer.world.getItemAt(0) && "
                           "window.albumenViewer.world.getItemAt(0).getFullyLoaded()")
    assert page.evaluate("window.albumenViewer.world.getItemAt(0).source.dimensions.x") == 2400
    page.evaluate("window.albumenViewer.viewport.zoomTo(window.albumenViewer.viewport.getMaxZoom(), null, true)")
    full = "/iiif/items/refugees-meal-engine/image/full/2400,1650/0/default.jpg"
    page.wait_for_function(f"() => performance.getEntriesByType('resource').some(e => e.name.endsWith('{full}'))")
    problems.assert_none()


def test_small_photo_zooms_on_its_largest_image(page_and_problems: tuple[Page, Problems], base: str) -> None:
    page, problems = page_and_problems
    page.goto(base + "items/refugee-resting-train/")
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_function("() => window.albumenViewer && window.albumenViewer.world.getItemAt(0) && "
                           "window.albumenViewer.world.getItemAt(0).getFullyLoaded()")
    source = page.evaluate("window.albumenViewer.world.getItemAt(0).source.url || ''")
    assert source.endswith("media/refugee-resting-train/w480.jpg")
    problems.assert_none()
