"""Benchmark: discovery on a 10,000-photo archive — build and index times, index sizes, and how the timeline,
map and folder search pages load in Chromium.

The archive is generated: a few dozen small JPEGs shared by many items (the images are not what is measured),
with varied EDTF dates (days, months, seasons, ranges, uncertain, undated), a tree of places with
coordinates, and many subjects, creators and topics.

Usage: python bench/discovery_bench.py [--items 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import random
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from albumen.pipeline import build
from albumen.reporter import BufferReporter

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
IMAGES = 40
COUNTRIES = 8
TOWNS = 24  # per country
SUBJECTS = 300
CREATORS = 60
TOPICS = 20
LONG_TASK_MS = 50  # what the browser itself counts as a long task


def make_archive(root: Path, count: int, seed: int = 1944) -> Path:
    rng = random.Random(seed)
    for folder in ("items", "topics", "images"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "albumen.toml").write_text('title = "Discovery benchmark"\nbase_url = "https://example.org/bench/"\n'
                                       "[images]\nwidths = [200, 400]\nformats = []\n", encoding="utf-8")
    for n in range(IMAGES):
        image = Image.new("RGB", (480, 320), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        draw = ImageDraw.Draw(image)
        draw.ellipse((60, 40, 300, 280), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        image.save(root / "images" / f"img-{n:02d}.jpg", quality=80)
    places = []
    for c in range(COUNTRIES):
        lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
        places.append(f"- {{id: country-{c}, name: Country {c}, lat: {lat:.3f}, lon: {lon:.3f}}}")
        for t in range(TOWNS):
            places.append(f"- {{id: town-{c}-{t}, name: Town {c}-{t}, other_names: [镇{c}{t}], "
                          f"lat: {lat + rng.uniform(-5, 5):.3f}, lon: {lon + rng.uniform(-5, 5):.3f}, "
                          f"parent: country-{c}}}")
    (root / "places.yaml").write_text("\n".join(places) + "\n", encoding="utf-8")
    for t in range(TOPICS):
        (root / "topics" / f"topic-{t}.md").write_text(f"---\ntitle: Topic {t}\n---\nThe story of topic {t}.\n",
                                                       encoding="utf-8")
    words = ["refugees", "train", "station", "bridge", "river", "market", "soldiers", "children", "harbour", "road"]
    for n in range(count):
        year = rng.randrange(1900, 2000)
        kind = rng.random()
        if kind < 0.25:
            date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        elif kind < 0.45:
            date = f"{year}-{rng.randrange(1, 13):02d}"
        elif kind < 0.65:
            date = f"{year}-{rng.randrange(21, 25)}"
        elif kind < 0.75:
            date = f"{year}-22/{year}-23"
        elif kind < 0.85:
            date = f"{year}{rng.choice('?~')}"
        elif kind < 0.9:
            date = f"{year}/{year + rng.randrange(1, 4)}"
        elif kind < 0.97:
            date = str(year)
        else:
            date = ""
        subjects = sorted({f"subject {rng.randrange(SUBJECTS)}" for _ in range(rng.randrange(1, 4))})
        caption = " ".join(rng.choice(words) for _ in range(rng.randrange(12, 40)))
        lines = ["---", f"title: \"Photograph {n}: {rng.choice(words)} and {rng.choice(words)}\"",
                 f"image: img-{n % IMAGES:02d}.jpg",
                 f"places: [town-{rng.randrange(COUNTRIES)}-{rng.randrange(TOWNS)}]",
                 f"subjects: [{', '.join(subjects)}]", f"topics: [topic-{rng.randrange(TOPICS)}]",
                 f"creator: Photographer {rng.randrange(CREATORS)}"]
        if date:
            lines.append(f'date: "{date}"')
        lines += ["---", f"{caption.capitalize()}.", ""]
        (root / "items" / f"photo-{n:05d}.md").write_text("\n".join(lines), encoding="utf-8")
    return root


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser left a page while it was still loading: nothing to report


LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.__longTasks.push(e.duration)))
    .observe({type: 'longtask', buffered: true});
"""


def page_timings(page: Any, url: str, ready: str) -> dict[str, float]:
    """Load a page; milliseconds to DOMContentLoaded, first paint, `ready` (a JS condition) and the load
    event, and the long tasks (count, longest, total) on the way."""
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    page.wait_for_function(ready, timeout=120_000)
    ready_ms = (time.perf_counter() - started) * 1000
    page.wait_for_timeout(300)
    timings = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: paint ? paint.startTime : -1,
                tasks: window.__longTasks || []};
    }""")
    tasks = timings.pop("tasks")
    return {**timings, "ready": ready_ms, "long_tasks": len(tasks), "longest": max(tasks, default=0),
            "blocked": sum(tasks)}


def browser_figures(site: Path) -> dict[str, dict[str, float]]:
    from playwright.sync_api import Route, sync_playwright

    httpd = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    figures = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def offline(route: Route) -> None:
                local = route.request.url.startswith(("http://127.0.0.1", "file:", "data:"))
                route.continue_() if local else route.abort("internetdisconnected")

            context.route("**/*", offline)
            context.add_init_script(LONG_TASKS)
            page = context.new_page()
            figures["timeline, first page (served)"] = page_timings(
                page, base + "timeline/", "document.querySelectorAll('.entry').length > 0")
            jump = time.perf_counter()
            page.evaluate("() => { const years = document.querySelectorAll('.timeline-year');"
                          " years[years.length - 1].scrollIntoView(); }")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            figures["timeline, first page (served)"]["jump_to_end"] = (time.perf_counter() - jump) * 1000
            figures["map (served, offline)"] = page_timings(
                page, base + "map/", "document.querySelector('#map')?.dataset.ready")
            figures["search from a folder"] = page_timings(
                page, (site / "search" / "index.html").as_uri() + "?q=refugees",
                "/\\d+ results?/.test(document.querySelector('.fallback-status')?.textContent || '')")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build here and keep the archive (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="albumen-discovery-"))
    try:
        started = time.perf_counter()
        root = make_archive(work / "archive", args.items)
        print(f"generated {args.items} items in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        result = build(root, BufferReporter())
        if not result.published:
            print("the build failed:\n" + result.problems.summary(), file=sys.stderr)
            return 1
        site = root / "_site"
        seconds = result.seconds
        pagefind_bytes, pagefind_files = folder_size(site / "pagefind")
        fallback = (site / "assets" / "search-data.js").read_bytes()
        timeline = (site / "timeline" / "index.html").read_bytes()
        rows = [
            ("build, total", f"{seconds['total']:.1f} s", f"{result.pages} pages"),
            ("  render (pages, sitemap, feed, fallback index)", f"{seconds['render']:.1f} s", ""),
            ("  index (Pagefind, filters steadied)", f"{seconds['index']:.1f} s", ""),
            ("  images", f"{seconds['derive']:.1f} s", f"{IMAGES} originals shared by all items"),
            ("Pagefind index", f"{pagefind_bytes / 1e6:.1f} MB", f"{pagefind_files} files"),
            ("fallback index (assets/search-data.js)", f"{len(fallback) / 1e6:.2f} MB",
             f"{len(gzip.compress(fallback)) / 1e6:.2f} MB gzipped"),
            ("timeline page", f"{len(timeline) / 1e6:.2f} MB", f"{len(gzip.compress(timeline)) / 1e6:.2f} MB gzipped"),
        ]
        for name, figures in browser_figures(site).items():
            rows.append((f"{name}: DOMContentLoaded / first paint", f"{figures['dcl']:.0f} ms",
                         f"{figures['fcp']:.0f} ms"))
            rows.append((f"{name}: ready / load event", f"{figures['ready']:.0f} ms", f"{figures['load']:.0f} ms"))
            rows.append((f"{name}: long tasks (> {LONG_TASK_MS} ms)", f"{figures['long_tasks']:.0f}",
                         f"longest {figures['longest']:.0f} ms, {figures['blocked']:.0f} ms in all"))
            if "jump_to_end" in figures:
                rows.append((f"{name}: scroll to the last year", f"{figures['jump_to_end']:.0f} ms", ""))
        width = max(len(r[0]) for r in rows)
        print(f"\nalbumen discovery benchmark: {args.items} items\n")
        print(f"{'measure'.ljust(width)}  {'value':>10}  notes")
        print(f"{'-' * width}  {'-' * 10}  -----")
        for name, value, note in rows:
            print(f"{name.ljust(width)}  {value:>10}  {note}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
