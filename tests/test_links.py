"""Every link of the built example site: relative, and pointing at a file that exists.

A link ending in '/' means that folder's index.html (as a web server, and site.js for file://, read it).
The only absolute URLs are the external links a person wrote in the archive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import parse_html, resolve, srcset_urls

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "data")
EXTERNAL = re.compile(r"https?://[^\s)\"'<>\]]+")


def archive_urls(archive: Path) -> set[str]:
    """The http(s) URLs written in the archive's own files."""
    found = set()
    for path in [archive / "albumen.toml", archive / "places.yaml", *archive.glob("*/**/*.md")]:
        if path.is_file() and "_site" not in path.parts:
            found.update(EXTERNAL.findall(path.read_text(encoding="utf-8")))
    return found


def links_of(site: Path) -> list[tuple[Path, str, str]]:
    """(page, attribute, url) for every URL in every HTML file of the site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for node in parse_html(page).iter():
            for name in URL_ATTRIBUTES:
                value = node.get(name)
                if value is None:
                    continue
                if name == "srcset":
                    found += [(page, name, url) for url, _ in srcset_urls(value)]
                else:
                    found.append((page, name, value))
    return found


def ids_of(page: Path) -> set[str]:
    return {node.get("id") for node in parse_html(page).iter() if node.get("id")}


@pytest.fixture(scope="module")
def site_links(built_example: Path) -> tuple[Path, list[tuple[Path, str, str]]]:
    site = built_example / "_site"
    return site, links_of(site)


def test_every_relative_link_resolves(site_links):
    site, links = site_links
    broken, checked = [], 0
    for page, name, url in links:
        if url.startswith(("http://", "https://", "data:")) or url.startswith("#"):
            continue
        target = resolve(site, page, url)
        checked += 1
        if not target.is_file():
            broken.append(f"{page.relative_to(site)}: {name}={url!r} -> {target.relative_to(site)}")
        elif "#" in url and url.split("#", 1)[1] not in ids_of(target):
            broken.append(f"{page.relative_to(site)}: {name}={url!r}: no such id in the target")
    assert broken == []
    assert checked > 500  # 37 pages with navigation, galleries and srcsets


def test_fragment_links_point_at_an_id_on_the_page(site_links):
    site, links = site_links
    for page, _, url in links:
        if url.startswith("#"):
            assert url[1:] in ids_of(page), f"{page.relative_to(site)}: {url}"


def test_no_link_is_root_relative(site_links):
    site, links = site_links
    rooted = [f"{p.relative_to(site)}: {n}={u!r}" for p, n, u in links if u.startswith("/")]
    assert rooted == []


def test_only_the_archives_own_external_links(site_links, built_example):
    site, links = site_links
    allowed = archive_urls(built_example)
    assert "https://en.wikipedia.org/wiki/Operation_Ichi-Go" in allowed
    external = {u for _, _, u in links if re.match(r"^[a-z][a-z0-9+.-]*:", u, re.I)}
    data = {u for u in external if u.startswith("data:")}
    assert data <= {"data:,"}  # the empty favicon, so browsers ask for no /favicon.ico
    web = external - data
    assert all(u.startswith(("http://", "https://")) for u in web), web
    assert web <= allowed
    assert "https://en.wikipedia.org/wiki/Operation_Ichi-Go" in web


def test_search_bundle_path_is_relative_and_exists(built_example):
    site = built_example / "_site"
    page = site / "search" / "index.html"
    bundles = [n.get("data-bundle") for n in parse_html(page).iter() if n.get("data-bundle")]
    assert bundles == ["../pagefind/"]
    assert (page.parent / bundles[0] / "pagefind-entry.json").is_file()


def test_every_page_is_reachable_from_the_home_page(built_example):
    site = built_example / "_site"
    pages = set(site.rglob("*.html"))
    seen, todo = set(), [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for node in parse_html(page).find_all("a"):
            href = node.get("href") or ""
            if href and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) and not href.startswith("#"):
                target = resolve(site, page, href)
                if target.suffix == ".html" and target.is_file():
                    todo.append(target)
    assert sorted(p.relative_to(site).as_posix() for p in pages - seen) == []
