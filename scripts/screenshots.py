"""Full-page screenshots of a built albumen site, at desktop and phone widths, for looking at.

    python scripts/screenshots.py examples/ichigo/_site /tmp/shots [--query Liuzhou]

Builds nothing: serves SITE_DIR on 127.0.0.1 (under a sub-path, as a web host might), opens it in
Debian's Chromium with every other request refused, and writes one PNG a page and width into OUT_DIR:
home, a topic, a photograph, a place, the subjects index, about, the timeline, the map, a decade, a creator,
and search (with results when --query is given). Pages are discovered from the folder: the first topic,
photograph, place, decade and creator.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SUB_PATH = "site/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class SubPathHandler(QuietHandler):
    """Serves the site folder at /site/, so that links must be relative to work."""

    def translate_path(self, path: str) -> str:
        prefix = "/" + SUB_PATH
        if not path.startswith(prefix):
            return str(Path(self.directory) / "__not_the_site__")
        return super().translate_path("/" + path[len(prefix) :])


def first_folder(site: Path, section: str) -> str | None:
    folders = sorted(p.parent.name for p in (site / section).glob("*/index.html"))
    return f"{section}/{folders[0]}/" if folders else None


def pages_of(site: Path) -> dict[str, str]:
    """name -> path below the site root, for the pages that this site has."""
    pages: dict[str, str | None] = {
        "home": "",
        "topic": first_folder(site, "topics"),
        "item": first_folder(site, "items"),
        "place": first_folder(site, "places"),
        "subjects": "subjects/",
        "about": "about/" if (site / "about" / "index.html").is_file() else None,
        "timeline": "timeline/",
        "map": "map/",
        "decade": first_folder(site, "decades"),
        "creator": first_folder(site, "creators"),
        "search": "search/",
    }
    return {name: path for name, path in pages.items() if path is not None and (site / path / "index.html").is_file()}


def settle(page: Page) -> None:
    """Scroll through the page so that lazy images load, wait for them, and go back to the top."""
    page.evaluate(
        """async () => {
            const step = Math.max(200, window.innerHeight / 2);
            for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
            }
        }"""
    )
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (an archive's _site)")
    parser.add_argument("out", type=Path, help="where to write the PNGs")
    parser.add_argument("--query", help="type this into the search page before the screenshot")
    args = parser.parse_args(argv)

    site: Path = args.site.resolve()
    if not (site / "index.html").is_file():
        parser.error(f"{site} has no index.html: build the site first (albumen build)")
    args.out.mkdir(parents=True, exist_ok=True)
    pages = pages_of(site)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/{SUB_PATH}"
    problems: list[str] = []

    def offline(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"refused a request to {route.request.url}")
            route.abort("internetdisconnected")

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            for width_name, options in WIDTHS.items():
                context = browser.new_context(**options)  # type: ignore[arg-type]
                context.set_default_timeout(15_000)
                context.route("**/*", offline)
                page = context.new_page()
                page.on(
                    "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
                )
                for name, path in pages.items():
                    response = page.goto(base + path)
                    if response is None or response.status != 200:
                        problems.append(f"{path or '/'}: HTTP {response.status if response else '?'}")
                    if name == "search" and args.query:
                        page.locator(".pagefind-ui__search-input").fill(args.query)
                        try:
                            page.locator(".pagefind-ui__result").first.wait_for()
                        except Exception:  # noqa: BLE001 - still worth a picture
                            problems.append(f"search for {args.query!r} showed no results")
                    settle(page)
                    if page.locator(".map").count():  # the map draws its background after a tile probe
                        page.wait_for_function("() => [...document.querySelectorAll('.map')].every("
                                               "m => m.hidden || m.dataset.ready)", timeout=15_000)
                        page.wait_for_timeout(300)
                    target = args.out / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{target}  ({base}{path})")
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
