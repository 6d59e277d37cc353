"""An archive written by an attacker (or pasted from anywhere) cannot run script, restyle or redirect the site.

Two archives with the same records are built: a clean one, and a hostile one whose every text (site title,
description, notice and rights; photograph titles, captions, alt texts, creators, subjects; topic titles,
narratives and links; place names; free pages) carries script, event handlers, javascript: links,
`</title>` and `</script>` breakouts (the JSON-LD), CSS injection (<style>, style= attributes,
`}</style>`), attribute breakouts (`"><svg onload=...>`), <base>, <meta refresh>, outside requests and
template syntax. Every page of the hostile site is opened in headless Chromium (over HTTP, and the pages
with script of their own from a folder, file://), and compared with the same page of the clean site:

- window.__pwned is never set and no dialog (alert) opens;
- the page's <script> elements are the clean page's; no element has an on* attribute the clean page lacks;
  no URL attribute is javascript:, vbscript: or data:text; dangerous elements (style, iframe, object,
  embed, base, svg, meta, link, form ...) are as many as on the clean page; no style attribute or style
  sheet holds the injected CSS, and the page's background is the clean page's;
- the site asks the network for nothing (the injected <base>, <img>, <link> and CSS urls point outside);
- and the hostile text is on the page, shown as text (the test would pass vacuously if it were dropped).
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser_support import CHROMIUM, ThreadedChromium, open_recorded_page
from conftest import PLACES_YAML, make_jpeg, run_cli

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

# -- the payloads --------------------------------------------------------------------------------------------

# Into any text: HTML that would run, restyle or redirect if it reached the page unescaped.
PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    "</title><script>window.__pwned=3</script>",
    "</script><script>window.__pwned=4</script>",  # out of the JSON-LD
    '"><svg onload="window.__pwned=5">',
    "'><svg/onload=window.__pwned=6>",  # out of a single-quoted attribute (data-zoom is one)
    "<style>body{background:rgb(255,0,0) !important}/*PWNSTYLE*/</style>",
    "}</style><script>window.__pwned=7</script><style>",
    '<p style="background:url(https://evil.example/css.png)/*PWNSTYLE*/">styled</p>',
    '" style="position:fixed;inset:0;background:red/*PWNSTYLE*/" x="',
    '<iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=9">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<img src=https://evil.example/pixel.png>",
    "--><script>window.__pwned=10</script><!--",
    "]]><script>window.__pwned=11</script>",
    "PWN{{7*7}} PWN{% if true %}JINJA{% endif %}",  # template syntax: shown, never evaluated
    "\u2028\u2029</script>",
    "javascript:window.__pwned=12",
]
HOSTILE = " ".join(PAYLOADS)
# Short ones for subjects and creators: their names become folder names (slugs), limited in length.
SHORT = ["<script>window.__pwned=30</script>", '"><svg onload=window.__pwned=31>', "<style>*{color:red}</style>"]
# Into Markdown (captions, narratives, pages): links and images of every dangerous kind, and the HTML above.
MARKDOWN = f"""Hostile caption: {HOSTILE}

Links: [x](javascript:window.__pwned=13) [x](JaVaScRiPt:window.__pwned=14) [x](&#106;avascript:window.__pwned=15)
<javascript:window.__pwned=16> [x](vbscript:msgbox(1)) [x](data:text/html,<script>window.__pwned=17</script>)
[x](java&#x09;script:window.__pwned=24) [x](<javascript:window.__pwned=25>)
![x](javascript:window.__pwned=18) ![x](x" onerror="window.__pwned=19)
[x](https://example.org "t\\" onmouseover=\\"window.__pwned=20") [x][ref]

<div onclick="window.__pwned=26">raw html block</div>

[ref]: javascript:window.__pwned=21
"""
DANGEROUS_URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc",
                            "background", "ping", "cite", "longdesc", "srcset", "content"]
ITEMS = ["first", "second", "third"]
PLACES_HOSTILE = {"china": HOSTILE, "liuzhou": "Liu " + HOSTILE}


# -- the two archives ----------------------------------------------------------------------------------------

def write_archive(root: Path, hostile: bool) -> Path:
    """The same records in both archives; only their texts differ."""
    def text(plain: str) -> str:
        return f"{plain} {HOSTILE}" if hostile else plain

    def short(n: int) -> str:
        # The clean name has the hostile one's letters, so both make the same folder names (slugs).
        payload = SHORT[n % len(SHORT)]
        return payload if hostile else re.sub(r"\W+", " ", payload).strip()

    def md(plain: str) -> str:
        return f"{plain}\n\n{MARKDOWN}" if hostile else plain

    def write(rel: str, meta: dict[str, Any] | None, body: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10_000) + "---\n" if meta is not None else ""
        path.write_text(head + body + "\n", encoding="utf-8")

    root.mkdir(parents=True)
    config = {"title": text("Site"), "description": text("Description"), "notice": text("Notice"),
              "rights": text("Rights")}
    (root / "albumen.toml").write_text(
        "".join(f"{key} = {json.dumps(value)}\n" for key, value in config.items())
        + 'map_tiles = ""\n[images]\nwidths = [200, 400]\n', encoding="utf-8")
    places = yaml.safe_load(PLACES_YAML)
    for place in places:
        if hostile:
            place["name"] = PLACES_HOSTILE[place["id"]]
            place["other_names"] = [HOSTILE]
    write_places = yaml.safe_dump(places, allow_unicode=True, width=10_000)
    (root / "places.yaml").write_text(write_places, encoding="utf-8")
    for n, item in enumerate(ITEMS):
        meta: dict[str, Any] = {
            "title": text(f"Photo {n}"), "image": f"{item}.jpg", "date": f"194{n}", "places": ["liuzhou"],
            "subjects": [short(n), "rivers"], "topics": ["journey"], "creator": short(n + 1), "alt": text(f"Alt {n}"),
            "rights": text(f"Rights {n}"),
        }
        if n == 0:
            meta["redirect_from"] = ["old/first.html"]
        write(f"items/{item}.md", meta, md(f"Caption {n}, see [the next](item:{ITEMS[(n + 1) % len(ITEMS)]})."))
        make_jpeg(root / "images" / f"{item}.jpg", (480, 320))
    links = [{"title": text("Elsewhere"), "url": 'https://example.org/"><script>window.__pwned=22</script>'
              if hostile else "https://example.org/"},
             {"title": text("Relative"), "url": '"><svg onload=window.__pwned=23>' if hostile else "about/"}]
    write("topics/journey.md", {"title": text("The journey"), "date": "1944", "links": links},
          md("The journey, told [here](item:first)."))
    write("topics/second-topic.md", {"title": text("Second topic"), "items": ["third", "first"]},
          md("Another narrative."))
    write("pages/about.md", {"title": text("About")}, md("About this archive."))
    write("pages/contact.md", None, f"# {text('Contact')}\n\n{md('Write to us.')}")
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    return root / "_site"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(the server's root URL, the clean site, the hostile site), served from one folder."""
    served = tmp_path_factory.mktemp("hostile-served")
    clean, hostile = write_archive(served / "clean", False), write_archive(served / "hostile", True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", clean, hostile
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


class Chromium(ThreadedChromium):
    """`chromium(check, ...)` runs check(browser, ...) in the browser's own thread."""

    __call__ = ThreadedChromium.run


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    browser = Chromium("hostile-chromium")
    yield browser
    browser.close()


# -- looking at a page ---------------------------------------------------------------------------------------

@dataclass
class Recorded:
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


INSPECT = """(urlAttributes) => {
    const scripts = Array.from(document.scripts).map(s =>
        s.hasAttribute('src') ? 'src ' + s.getAttribute('src') : 'inline ' + (s.type || 'text/javascript'));
    const handlers = [], urls = [], styled = [];
    for (const e of document.querySelectorAll('*')) {
        for (const a of Array.from(e.attributes)) {
            const name = a.name.toLowerCase();
            if (name.startsWith('on')) handlers.push(e.tagName.toLowerCase() + '[' + name + ']');
            const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
            const script = /(^|[,;=]|url\\()(javascript|vbscript|livescript|data:text)/;
            const url = urlAttributes.includes(name) && (name !== 'content' || e.hasAttribute('http-equiv'));
            if (url && script.test(value))
                urls.push(e.tagName.toLowerCase() + '[' + name + ']=' + a.value.slice(0, 80));
            if (name === 'style' && /PWNSTYLE|evil\\.example/.test(a.value)) styled.push(e.tagName.toLowerCase());
        }
    }
    const rules = [];
    for (const sheet of Array.from(document.styleSheets)) {
        let list = [];
        try { list = Array.from(sheet.cssRules); } catch (e) { continue; }  // another origin: not ours to read
        for (const rule of list)
            if (/PWNSTYLE|evil\\.example/.test(rule.cssText)) rules.push(rule.cssText.slice(0, 80));
    }
    const count = selector => document.querySelectorAll(selector).length;
    const tags = {};
    for (const selector of ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'base', 'svg', 'math',
                            'meta', 'link', 'form', 'template', 'noscript', 'meta[http-equiv]'])
        tags[selector] = count(selector);
    return {
        pwned: typeof window.__pwned, scripts: scripts, handlers: handlers, urls: urls, styled: styled,
        rules: rules, tags: tags, title: document.title, text: document.body ? document.body.innerText : '',
        background: getComputedStyle(document.body).backgroundColor + ' ' +
                    getComputedStyle(document.documentElement).backgroundColor,
    };
}"""


def open_page(browser: Browser) -> tuple[Page, Recorded]:
    recorded = Recorded()
    page = open_recorded_page(browser, recorded)

    def on_dialog(dialog: Any) -> None:
        recorded.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, recorded


def settle(page: Page) -> None:
    """Scroll to the end (lazy images, maps) and let the page's own script finish."""
    page.wait_for_load_state("load")
    page.evaluate("""async () => {
        for (let y = 0; y <= document.documentElement.scrollHeight; y += 400) {
            window.scrollTo(0, y);
            await new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)));
        }
    }""")
    if page.locator("[data-places]").count():
        page.wait_for_function("() => Array.from(document.querySelectorAll('[data-places]'))"
                               ".every(e => e.hasAttribute('data-ready') || !e.offsetParent)", timeout=5_000)
        page.wait_for_load_state("networkidle")  # the scripts a map loads when it comes into view, too


def inspect(page: Page) -> dict[str, Any]:
    return page.evaluate(INSPECT, DANGEROUS_URL_ATTRIBUTES)


def visit(browser: Browser, url: str) -> tuple[dict[str, Any], Recorded]:
    """What the page at `url` holds once its script has run; a redirect page is followed to where it leads
    (and 'landed' says where that is)."""
    page, recorded = open_page(browser)
    try:
        page.goto(url)
        if url.endswith(".html") and "/old/" in url:  # an old address: a redirect page
            page.wait_for_url(lambda now: "/old/" not in now)
        settle(page)
        view = inspect(page)
        view["landed"] = page.url.split("/_site/", 1)[-1]
        return view, recorded
    finally:
        page.context.close()


def page_urls(site: Path) -> list[str]:
    """Every page of the site, as a path from the site's root ('items/first/', 'old/first.html')."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        urls.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return urls


def assert_safe(path: str, hostile: dict[str, Any], clean: dict[str, Any], recorded: Recorded) -> None:
    where = f"on {path or 'the home page'}"
    assert hostile["pwned"] == "undefined", f"script from the archive ran {where}"
    assert hostile["landed"] == clean["landed"], f"the page led elsewhere {where}"
    assert recorded.dialogs == [], f"a dialog opened {where}: {recorded.dialogs}"
    # In any order: a map loads its outlines' scripts when it comes into view.
    assert sorted(hostile["scripts"]) == sorted(clean["scripts"]), f"the scripts differ from the clean page's {where}"
    extra_handlers = sorted(set(hostile["handlers"]) - set(clean["handlers"]))
    assert extra_handlers == [], f"event handler attributes {where}"
    # (Pagefind's own search form has action="javascript:void(0);": the clean page has it too.)
    assert sorted(set(hostile["urls"]) - set(clean["urls"])) == [], f"script URLs {where}"
    assert hostile["styled"] == [] and hostile["rules"] == [], f"injected CSS {where}"
    assert hostile["tags"] == clean["tags"], f"dangerous elements {where}"
    assert hostile["background"] == clean["background"], f"the page's background changed {where}"
    assert recorded.blocked == [], f"the page asked the network {where}: {recorded.blocked}"
    assert "PWN49" not in hostile["text"] and "PWNJINJA" not in hostile["text"], f"template syntax ran {where}"


# -- the tests -----------------------------------------------------------------------------------------------

def test_both_sites_have_the_same_pages(sites: tuple[str, Path, Path]) -> None:
    _, clean, hostile = sites
    assert page_urls(hostile) == page_urls(clean)
    assert len(page_urls(hostile)) >= 20


def test_every_page_over_http(chromium: Chromium, sites: tuple[str, Path, Path]) -> None:
    chromium(every_page_over_http, sites)


def every_page_over_http(browser: Browser, sites: tuple[str, Path, Path]) -> None:
    server, clean, hostile = sites
    failures = []
    for path in page_urls(hostile):
        clean_view, _ = visit(browser, f"{server}clean/_site/{path}")
        hostile_view, recorded = visit(browser, f"{server}hostile/_site/{path}")
        try:
            assert_safe(path, hostile_view, clean_view, recorded)
            # The hostile text is there, as text: in the title or on the page (the site's title is on every
            # page; redirect pages show the photograph's title).
            shown = hostile_view["title"] + hostile_view["text"]
            assert "</title><script>window.__pwned=3</script>" in shown, f"the hostile text is missing on {path}"
        except AssertionError as error:
            failures.append(f"{path}: {error}".splitlines()[0] + f"\n    {json.dumps(hostile_view)[:600]}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", ["items/first/", "topics/journey/", "places/liuzhou/", "map/", "search/", "about/"])
def test_pages_from_a_folder(chromium: Chromium, sites: tuple[str, Path, Path], path: str) -> None:
    """From a folder (file://) the site's script takes other paths (the search falls back to its own index)."""
    chromium(page_from_a_folder, sites, path)


def page_from_a_folder(browser: Browser, sites: tuple[str, Path, Path], path: str) -> None:
    _, clean, hostile = sites

    def file_url(site: Path) -> str:
        return (site / path / "index.html").as_uri()

    clean_view, _ = visit(browser, file_url(clean))
    hostile_view, recorded = visit(browser, file_url(hostile))
    assert_safe(path, hostile_view, clean_view, recorded)


def test_caption_is_shown_as_written(chromium: Chromium, sites: tuple[str, Path, Path]) -> None:
    chromium(caption_is_shown_as_written, sites)


def caption_is_shown_as_written(browser: Browser, sites: tuple[str, Path, Path]) -> None:
    server, _, _ = sites
    page, recorded = open_page(browser)
    try:
        page.goto(f"{server}hostile/_site/items/first/")
        caption = page.locator("figcaption.caption")
        expect(caption).to_contain_text("<script>window.__pwned=1;alert(1)</script>")
        expect(caption).to_contain_text("raw html block")
        expect(page.locator("h1")).to_contain_text("</title><script>window.__pwned=3</script>")
        expect(page.locator("figure.photo img").first).to_have_attribute("alt", f"Alt 0 {HOSTILE}")
        # What is left of the caption's links leads to the web or the site, never to script.
        hrefs = page.locator("figcaption.caption a").evaluate_all("links => links.map(a => [a.protocol, a.href])")
        assert hrefs and all(protocol in ("http:", "https:") for protocol, _ in hrefs), hrefs
        # Pointing at and focusing every element of the caption (onmouseover, onfocus ...) runs nothing.
        parts = page.locator("figcaption.caption *")
        for index in range(parts.count()):
            part = parts.nth(index)
            if part.is_visible():
                part.hover()
                part.dispatch_event("focus")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert recorded.dialogs == []
    finally:
        page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_results_show_hostile_titles_as_text(chromium: Chromium, sites: tuple[str, Path, Path],
                                                     where: str) -> None:
    """Pagefind (over HTTP) and the folder fallback both put titles and excerpts on the page: as text."""
    chromium(search_results_show_hostile_titles_as_text, sites, where)


def search_results_show_hostile_titles_as_text(browser: Browser, sites: tuple[str, Path, Path], where: str) -> None:
    server, _, hostile = sites
    page, recorded = open_page(browser)
    try:
        page.goto(f"{server}hostile/_site/search/" if where == "http" else (hostile / "search" / "index.html").as_uri())
        box = page.locator(".pagefind-ui__search-input, #fallback-query").first
        expect(box).to_be_visible()
        box.fill("pwned")
        result = page.locator(".pagefind-ui__result-link, .search-result-link").first
        expect(result).to_be_visible()
        expect(result).to_contain_text("<script>")
        settle(page)
        view = inspect(page)
        assert view["pwned"] == "undefined" and recorded.dialogs == []
        assert [u for u in view["urls"] if "pwned" in u] == [] and view["styled"] == [] and view["rules"] == []
        assert not [h for h in view["handlers"] if "pwned" in h]
        assert view["tags"]["iframe"] == view["tags"]["object"] == view["tags"]["base"] == 0
        assert recorded.blocked == []
        if where == "http":
            # Pagefind's filter panel shows a hostile subject as text, and filtering by it still finds its photos.
            subjects = page.locator(".pagefind-ui__filter-block", has=page.locator("summary", has_text="Subject"))
            subjects.locator("summary").click()
            label = subjects.locator(".pagefind-ui__filter-label", has_text="<script>window.__pwned=30").first
            expect(label).to_be_visible()
            label.click()
            expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
            expect(result).to_contain_text("<script>")
            settle(page)
            assert page.evaluate("typeof window.__pwned") == "undefined" and recorded.dialogs == []
    finally:
        page.context.close()
