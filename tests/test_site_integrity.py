"""The built site holds together: every page is well-formed HTML5, and every reference resolves to a file.

(a) Every page of the built example parses with html5lib in strict mode (a parse error fails, with the file,
    the line and column, and what the parser found).
(b) A 1,000-photograph archive (tiny images, topics, a tree of places, subjects, creators, free pages, links
    between photographs in the captions, old paths) is built once for the module; then every href, src,
    srcset entry and URL-valued data- attribute of every page, every URL in the search data, the sitemap
    and the feed, every reference in the IIIF manifests and collections, and every tile that an info.json
    promises, is a file of the site. Its pages must be well-formed too.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest
from PIL import Image

from conftest import item_md, make_jpeg, parse_html, resolve, run_cli, srcset_urls

BASE_URL = "https://photos.example.org/family/"
COUNT = 1000
TOPICS = [f"topic-{n}" for n in range(8)]
SUBJECTS = ["rivers", "railways", "refugees", "bridges", "soldiers", "children", "markets", "temples", "boats",
            "roads", "farms", "schools", "weddings", "funerals", "harvest"]
CREATORS = ["A. Person", "B. Photographer", "Studio Lee", "Unknown", "C. D. Smith"]
# Attributes whose value is one URL; srcset is a list of them. data-* attributes are found by their value.
URL_ATTRIBUTES = ("href", "src", "poster", "action", "data")
# A data- attribute value that is a relative path in the site (a file, or a folder when it ends with '/').
RELATIVE_PATH = re.compile(r"^(?:\.\./)*(?:[\w.-]+/)*[\w.,-]*(?:\.(?:js|css|json|jpe?g|webp|avif|png|svg|xml|html)|/)$")
JSON_ATTRIBUTES = ("data-zoom", "data-places")


# -- (a) the example: strict HTML5 -------------------------------------------------------------------------------

def parse_error(page: Path) -> str | None:
    """None for a well-formed HTML5 document; else the first parse error, located."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    text = page.read_text(encoding="utf-8")
    try:
        parser.parse(text)
    except html5lib.html5parser.ParseError:
        (line, column), code, details = parser.errors[-1]
        source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        return f"{line}:{column}: {code} {details or ''} near {source.strip()[:120]!r}"
    return None


def malformed(site: Path, pages: list[Path]) -> list[str]:
    return [f"{page.relative_to(site)}:{error}" for page in pages if (error := parse_error(page))]


def test_strict_parser_catches_what_it_should() -> None:
    """The check below would pass vacuously if strict mode did not raise: it does, for a misnested page."""
    parser = html5lib.HTMLParser(strict=True)
    with pytest.raises(html5lib.html5parser.ParseError):
        parser.parse("<!doctype html><title>x</title><p><b>bold<i>both</b></i>")
    html5lib.HTMLParser(strict=True).parse("<!doctype html><html lang=en><title>x</title><p>fine")


def test_every_page_of_the_example_is_well_formed_html5(built_example: Path) -> None:
    site = built_example / "_site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    assert malformed(site, pages) == []


# -- (b) a 1,000-photograph archive ------------------------------------------------------------------------------

def item_id(n: int) -> str:
    return f"photo-{n:04d}"


def date_of(n: int) -> str | None:
    """EDTF of every kind the archive allows, and some photographs undated."""
    year = 1900 + n % 90
    kinds = [f"{year}", f"{year}-{n % 12 + 1:02d}", f"{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
             f"{year}-{21 + n % 4}", f"{year}?", f"{year}~", f"{year}/{year + 2}", f"{year // 10}X", None]
    return kinds[n % len(kinds)]


def places_yaml() -> str:
    """Two countries, each with provinces, each with towns: 2 + 6 + 18 places, all with coordinates."""
    lines = []
    for c in range(2):
        lines += [f"- id: country-{c}", f"  name: Country {c}", f"  lat: {20 + c * 10}", f"  lon: {100 + c * 10}"]
        for p in range(3):
            province = f"province-{c}-{p}"
            lines += [f"- id: {province}", f"  name: Province {c}.{p}", f"  parent: country-{c}",
                      f"  lat: {20 + c * 10 + p}", f"  lon: {100 + c * 10 + p}"]
            for t in range(3):
                lines += [f"- id: town-{c}-{p}-{t}", f"  name: Town {c}.{p}.{t}",
                          f"  other_names: [Old Town {c}{p}{t}]", f"  parent: {province}",
                          f"  lat: {20.5 + c * 10 + p + t / 10}", f"  lon: {100.5 + c * 10 + p + t / 10}"]
    return "\n".join(lines) + "\n"


TOWNS = [f"town-{c}-{p}-{t}" for c in range(2) for p in range(3) for t in range(3)]


def image_size(n: int) -> tuple[int, int]:
    """Mostly 120x80; every 50th photograph is big enough for several widths and deep-zoom tiles."""
    if n % 250 == 0:
        return (1100, 700)
    if n % 50 == 0:
        return (480, 320) if n % 100 else (320, 480)
    return (120, 80) if n % 3 else (80, 120)


def item_file(n: int) -> str:
    meta: dict[str, Any] = {"title": f"Photograph {n}", "image": f"set-{n % 10}/img-{n:04d}.jpg"}
    if (date := date_of(n)) is not None:
        meta["raw_date"] = date
    if n % 7:
        meta["places"] = [TOWNS[n % len(TOWNS)]] + (["country-1"] if n % 11 == 0 else [])
    meta["subjects"] = [SUBJECTS[n % len(SUBJECTS)], SUBJECTS[(n * 7) % len(SUBJECTS)]]
    if n % 4:
        meta["topics"] = [TOPICS[n % len(TOPICS)]]
    meta["creator"] = CREATORS[n % len(CREATORS)]
    meta["alt"] = f"A test picture, number {n}"
    if n % 97 == 0:
        meta["redirect_from"] = [f"old/photos/{n}.html"]
    caption = (f"Caption of photograph {n}, taken with [the next one](item:{item_id((n + 1) % COUNT)}) "
               f"and [an earlier one](item:{item_id((n * 31) % COUNT)}).")
    if n % 10 == 0:
        caption += f"\n\nPart of [the topic](topic:{TOPICS[n % len(TOPICS)]}), near [a town](place:{TOWNS[0]})."
    return item_md(caption, **meta)


def write_archive(root: Path) -> None:
    root.mkdir(parents=True)
    (root / "albumen.toml").write_text(
        f'title = "A thousand photographs"\ndescription = "The site integrity test."\nbase_url = "{BASE_URL}"\n'
        'rights = "Test rights."\n\n[images]\nwidths = [200, 400]\nzoom_above = 400\n', encoding="utf-8")
    (root / "places.yaml").write_text(places_yaml(), encoding="utf-8")
    for folder in ("items", "topics", "pages"):
        (root / folder).mkdir()
    for index, topic in enumerate(TOPICS):
        meta: dict[str, Any] = {"title": f"Topic {index}", "date": f"{1900 + index * 10}"}
        if index % 2:  # every other topic chooses its photographs, in an order of its own
            meta["items"] = [item_id(n) for n in range(COUNT - 1 - index, 0, -37)]
        if index == 0:
            meta["links"] = [{"title": "Elsewhere", "url": "https://example.org/elsewhere"}]
        narrative = (f"The story of topic {index}, beginning with [a photograph](item:{item_id(index)}).\n\n"
                     f"It goes on through [another topic](topic:{TOPICS[(index + 1) % len(TOPICS)]}) "
                     f"and [a place](place:province-0-{index % 3}).")
        (root / "topics" / f"{topic}.md").write_text(item_md(narrative, **meta), encoding="utf-8")
    (root / "pages" / "about.md").write_text(item_md(
        "About this archive: [a photograph](item:photo-0001) and [a topic](topic:topic-0).", title="About",
        redirect_from=["old/about.html"]), encoding="utf-8")
    (root / "pages" / "contact.md").write_text("# Contact\n\nWrite to us.\n", encoding="utf-8")
    for n in range(COUNT):
        (root / "items" / f"{item_id(n)}.md").write_text(item_file(n), encoding="utf-8")
        make_jpeg(root / "images" / f"set-{n % 10}" / f"img-{n:04d}.jpg", image_size(n), quality=70)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, float]]:
    """The 1,000-photograph archive, built once: (its _site folder, the build's seconds)."""
    root = tmp_path_factory.mktemp("integrity") / "thousand"
    write_archive(root)
    started = time.perf_counter()
    result = run_cli("build", "-q", "-C", root)
    seconds = time.perf_counter() - started
    assert result.exit_code == 0, result.stderr
    yield root / "_site", seconds


@pytest.fixture(scope="module")
def big_pages(big_site: tuple[Path, float]) -> list[Path]:
    return sorted(big_site[0].rglob("*.html"))


def test_the_big_archive_builds_every_item_page(big_site: tuple[Path, float], big_pages: list[Path],
                                               record_property: Any) -> None:
    site, seconds = big_site
    record_property("build_seconds", round(seconds, 1))
    print(f"\nbuilt {COUNT} photographs, {len(big_pages)} pages, in {seconds:.1f} s")
    items = [p for p in big_pages if p.parent.parent.name == "items" and p.parent.parent.parent == site]
    assert len(items) == COUNT  # the time is printed, never asserted: bench/ measures speed


# -- every reference resolves ------------------------------------------------------------------------------------

class Broken:
    """Collects broken references, and counts the good ones (a check that checked nothing must fail)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.found: list[str] = []
        self.checked = 0

    def file(self, where: Path, what: str, target: Path) -> None:
        self.checked += 1
        if not target.is_file():
            self.found.append(f"{where.relative_to(self.site)}: {what} -> {self._rel(target)} (no such file)")

    def folder(self, where: Path, what: str, target: Path) -> None:
        self.checked += 1
        if not target.is_dir():
            self.found.append(f"{where.relative_to(self.site)}: {what} -> {self._rel(target)} (no such folder)")

    def _rel(self, target: Path) -> str:
        try:
            return target.relative_to(self.site).as_posix()
        except ValueError:
            return str(target)


def is_external(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)) or url.startswith("//")


def site_path(site: Path, absolute: str) -> Path | None:
    """The file an absolute URL under base_url names ('.../' is its index.html); None for other URLs."""
    if not absolute.startswith(BASE_URL):
        return None
    rel = absolute[len(BASE_URL):].split("#", 1)[0].split("?", 1)[0]
    normal = posixpath.normpath(rel) if rel else "."
    assert not normal.startswith(".."), f"{absolute} leaves the site"
    path = site if normal == "." else site / normal
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def check_url(broken: Broken, page: Path, what: str, url: str) -> None:
    if url.startswith(("#", "data:", "mailto:")):
        return
    if is_external(url):
        target = site_path(broken.site, url)
        if target is not None:  # the canonical address, og:url, og:image ...: a file of this site
            broken.file(page, f"{what}={url!r}", target)
        return
    broken.file(page, f"{what}={url!r}", resolve(broken.site, page, url))


def check_page(broken: Broken, page: Path, widths: dict[Path, int]) -> None:
    for node in parse_html(page).iter():
        for name, value in node.attrs.items():
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                check_url(broken, page, name, value)
            elif name == "srcset":
                for url, descriptor in srcset_urls(value):
                    target = resolve(broken.site, page, url)
                    broken.file(page, f"srcset {url!r}", target)
                    if target.is_file() and descriptor.endswith("w"):  # the width the browser is told is true
                        if target not in widths:
                            with Image.open(target) as image:
                                widths[target] = image.width
                        if widths[target] != int(descriptor[:-1]):
                            broken.found.append(f"{page.relative_to(broken.site)}: srcset {url} says {descriptor}, "
                                                f"the file is {widths[target]} px wide")
            elif name in JSON_ATTRIBUTES:
                check_json_attribute(broken, page, name, json.loads(value))
            elif name.startswith("data-") and RELATIVE_PATH.match(value):
                target = (page.parent / value).resolve()
                if value.endswith("/"):
                    broken.folder(page, f"{name}={value!r}", target)
                else:
                    broken.file(page, f"{name}={value!r}", target)


def check_json_attribute(broken: Broken, page: Path, name: str, data: Any) -> None:
    if name == "data-places":
        for place in data:
            check_url(broken, page, "data-places url", place["url"])
    elif data.get("type") == "image":  # a photograph small enough to zoom on its largest JPEG
        check_url(broken, page, "data-zoom url", data["url"])
    else:  # an inline info.json: its id is the relative address of the tiles
        service = resolve(broken.site, page, data["id"].rstrip("/") + "/")
        broken.folder(page, f"data-zoom id={data['id']!r}", service.parent)
        check_tiles(broken, page, service.parent, data)


def check_tiles(broken: Broken, where: Path, service: Path, info: dict[str, Any]) -> None:
    """Every tile a level-0 info.json promises: each scale factor's grid of regions, as IIIF Image 3 names them."""
    width, height = info["width"], info["height"]
    for tiles in info["tiles"]:
        tile_w = tiles["width"]
        tile_h = tiles.get("height", tile_w)
        for scale in tiles["scaleFactors"]:
            for x in range(0, width, tile_w * scale):
                for y in range(0, height, tile_h * scale):
                    region_w, region_h = min(tile_w * scale, width - x), min(tile_h * scale, height - y)
                    size = f"{math.ceil(region_w / scale)},{math.ceil(region_h / scale)}"
                    region = "full" if (x, y, region_w, region_h) == (0, 0, width, height) else \
                        f"{x},{y},{region_w},{region_h}"
                    tile = service / region / size / "0" / "default.jpg"
                    if region == "full" and not tile.is_file():  # a viewer may ask either way
                        tile = service / f"0,0,{width},{height}" / size / "0" / "default.jpg"
                    broken.file(where, f"tile {region}/{size}", tile)


def check_iiif(broken: Broken, document: Path) -> None:
    data = json.loads(document.read_text(encoding="utf-8"))

    def walk(node: Any, key: str | None, parent: dict[str, Any] | None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k, node)
        elif isinstance(node, list):
            for v in node:
                walk(v, key, parent)
        elif isinstance(node, str) and key in ("id", "@id") and parent is not None:
            kind = parent.get("type", "")
            if kind in ("Canvas", "AnnotationPage", "Annotation"):
                return  # names, not documents: IIIF does not require them to be dereferenceable
            target = site_path(broken.site, node)
            if target is None:
                if node.startswith(("http://", "https://")) and "iiif.io" not in node:
                    broken.found.append(f"{document.relative_to(broken.site)}: {node} is not under base_url")
                return
            if kind.startswith("ImageService"):
                broken.file(document, f"service {node}", target / "info.json")
            else:
                broken.file(document, f"{kind or key} {node}", target)

    walk(data, None, None)
    if document.name == "info.json":
        check_tiles(broken, document, document.parent, data)


def check_search_data(broken: Broken, script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    data = json.loads(text[text.index("{"): text.rindex("}") + 1])
    for document in data["documents"]:
        broken.file(script, f"search document {document['u']!r}", broken.site / document["u"] / "index.html")
        if document.get("i"):
            broken.file(script, f"search image {document['i']!r}", broken.site / document["i"])


def check_xml(broken: Broken, document: Path) -> None:
    for element in ET.parse(document).iter():
        for value in [element.text or "", element.get("href") or ""]:
            target = site_path(broken.site, value.strip())
            if target is not None:
                broken.file(document, value.strip(), target)


def test_every_reference_of_the_big_site_resolves(big_site: tuple[Path, float], big_pages: list[Path]) -> None:
    site, _ = big_site
    broken = Broken(site)
    widths: dict[Path, int] = {}
    for page in big_pages:
        check_page(broken, page, widths)
    iiif = sorted((site / "iiif").rglob("*.json"))
    for document in iiif:
        check_iiif(broken, document)
    check_search_data(broken, site / "assets" / "search-data.js")
    for name in ("sitemap.xml", "feed.xml"):
        if (site / name).is_file():
            check_xml(broken, site / name)
    assert broken.found[:50] == [], f"{len(broken.found)} broken references"
    # Every photograph has a manifest; the big ones have tiles; and a lot was checked.
    assert len([d for d in iiif if d.name == "manifest.json"]) == COUNT
    assert len([d for d in iiif if d.name == "info.json"]) >= COUNT // 250
    assert broken.checked > 50 * COUNT
    assert len(widths) >= COUNT


def test_old_paths_of_the_big_site_redirect_to_pages_that_exist(big_site: tuple[Path, float]) -> None:
    site, _ = big_site
    redirects = [site / "old" / "photos" / f"{n}.html" for n in range(0, COUNT, 97)] + [site / "old" / "about.html"]
    for page in redirects:
        assert page.is_file(), page
        refresh = [n for n in parse_html(page).find_all("meta") if (n.get("http-equiv") or "").lower() == "refresh"]
        assert refresh, f"{page.relative_to(site)} is not a redirect"
        url = (refresh[0].get("content") or "").split("url=", 1)[-1].strip()
        assert resolve(site, page, url).is_file(), f"{page.relative_to(site)} -> {url}"


def test_every_page_of_the_big_site_is_well_formed_html5(big_site: tuple[Path, float], big_pages: list[Path]) -> None:
    site, _ = big_site
    assert malformed(site, big_pages) == []
