"""What both browser test files share: Debian's Chromium, and a page that records what went wrong.

A test page may reach 127.0.0.1 and local schemes only; anything else is aborted and recorded, so the
tests prove the built site works with no network.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 20_000  # a loaded 2-core machine has taken 10 s to show a Pagefind filter
T = TypeVar("T")


class Recorder(Protocol):
    console: list[str]
    failed: list[str]
    blocked: list[str]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1"


def open_recorded_page(browser: Browser, problems: Recorder, **context_options: Any) -> Page:
    """A page in a fresh context whose console errors, failed requests and outside requests go to `problems`."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)

    def route(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            problems.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            problems.console.append(f"{msg.text} @ {msg.location.get('url')}")

    def on_request_failed(request: Request) -> None:
        if request.url not in problems.blocked:
            problems.failed.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            problems.failed.append(f"{response.url}: HTTP {response.status}")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.console.append(f"uncaught: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return page


class ThreadedChromium:
    """Headless Chromium driven from a thread of its own: test_browser.py keeps Playwright's sync API busy on the
    main thread for the whole session, and one thread can run only one. `run(fn, *args)` calls
    fn(browser, *args) in that thread and re-raises what it raised."""

    def __init__(self, name: str = "chromium") -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread.submit(self._start).result()

    def _start(self) -> None:
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS,
                                                         headless=True)

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        return self._thread.submit(fn, self._browser, *args).result()

    def close(self) -> None:
        def stop() -> None:
            self._browser.close()
            self._playwright.stop()

        self._thread.submit(stop).result()
        self._thread.shutdown()
