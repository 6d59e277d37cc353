"""Long galleries come in pages: 450 photographs in one topic (and one place, subject and creator) make three
pages of at most 200, linked with rel=prev/next and a plain pager, each photograph on exactly one page, in
the gallery's order; the sitemap, Pagefind and the link checker see every page."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from albumen.site import GALLERY_PAGE_SIZE, Paging, gallery_page_url, paged
from conftest import item_md, make_jpeg, page_of, resolve, run_cli
from test_links import links_of

COUNT = 450
CHOSEN = 201  # one more than a page: the last page shows one photograph
BASE_URL = "https://example.org/archive/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def item_id(n: int) -> str:
    """Ids in another order than the dates, so that a gallery sorted by id would show up as wrong."""
    return f"photo-{(n * 7919) % COUNT:03d}"


def date_of(n: int) -> str:
    return f"{1900 + n // 12}-{n % 12 + 1:02d}"


# the chosen topic lists its photographs in an order of its own: every other one, from the end
CHOSEN_ORDER = [item_id(n) for n in range(COUNT - 1, -1, -2)][:CHOSEN]
BY_DATE = [item_id(n) for n in range(COUNT)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("paging")
    (root / "albumen.toml").write_text(f'title = "Paging"\nbase_url = "{BASE_URL}"\n'
                                       '[images]\nwidths = [64]\nformats = []\n', encoding="utf-8")
    (root / "places.yaml").write_text("- {id: liuzhou, name: Liuzhou, lat: 24.3264, lon: 109.4281}\n",
                                      encoding="utf-8")
    (root / "topics").mkdir()
    (root / "topics" / "big.md").write_text(item_md("Every photograph, by date.", title="The big topic"),
                                            encoding="utf-8")
    (root / "topics" / "chosen.md").write_text(
        item_md("A choice, in its own order.", title="Chosen", items=CHOSEN_ORDER), encoding="utf-8")
    for n in range(5):
        make_jpeg(root / "images" / f"img-{n}.jpg", (96, 64))
    (root / "items").mkdir()
    for n in range(COUNT):
        (root / "items" / f"{item_id(n)}.md").write_text(item_md(
            f"Caption number {n}.", title=f"Photograph {n}", image=f"img-{n % 5}.jpg", raw_date=date_of(n),
            places=["liuzhou"], subjects=["rivers"], topics=["big"], creator="A. Person"), encoding="utf-8")
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    return root / "_site"


def cards(site: Path, url: str) -> list[str]:
    """The photographs a gallery page shows, in order (their ids, from the card links)."""
    hrefs = [a.get("href") or "" for a in page_of(site, url).find_all("a", cls="card-title")]
    ids = [m.group(1) if (m := re.fullmatch(r"(?:\.\./)+items/([^/]+)/", h)) else h for h in hrefs]
    return ids


def pages_of(site: Path, base: str) -> list[str]:
    """A gallery's page URLs, found by following its rel=next links from the first page."""
    urls, url = [base], base
    while True:
        links = [n for n in page_of(site, url).find_all("link") if n.get("rel") == "next"]
        if not links:
            return urls
        target = resolve(site, site / (url + "index.html" if url.endswith("/") else url), links[0].get("href") or "")
        url = target.relative_to(site).as_posix().removesuffix("index.html")
        assert url not in urls, f"rel=next goes round in a circle at {url}"
        urls.append(url)


@pytest.mark.parametrize(("base", "expected"), [
    ("topics/big/", BY_DATE),
    ("topics/chosen/", CHOSEN_ORDER),
    ("items/", BY_DATE),
    ("places/liuzhou/", BY_DATE),
    ("subjects/rivers/", BY_DATE),
    ("creators/a-person/", BY_DATE),
])
def test_every_photograph_once_in_order_across_the_pages(site: Path, base: str, expected: list[str]) -> None:
    urls = pages_of(site, base)
    pages = -(-len(expected) // GALLERY_PAGE_SIZE)
    assert urls == [base] + [f"{base}page-{n}.html" for n in range(2, pages + 1)]
    shown = [cards(site, url) for url in urls]
    assert [len(s) for s in shown[:-1]] == [GALLERY_PAGE_SIZE] * (pages - 1)
    assert [i for s in shown for i in s] == expected
    assert not (site / f"{base}page-{pages + 1}.html").exists()


def test_pages_link_to_each_other_with_rel_prev_and_next(site: Path) -> None:
    first, second, third = (page_of(site, u) for u in ("topics/big/", "topics/big/page-2.html",
                                                       "topics/big/page-3.html"))

    def rel(page, name: str) -> list[tuple[str, str | None]]:
        return [(n.tag, n.get("href")) for n in page.iter() if n.tag in ("link", "a") and n.get("rel") == name]

    # in the head (for browsers and crawlers) and in the pager (for people), both pagers
    def both(url: str) -> list[tuple[str, str]]:
        return [("link", url), ("a", url), ("a", url)]

    assert rel(first, "prev") == []
    assert rel(first, "next") == both("../../topics/big/page-2.html")
    assert rel(second, "prev") == both("../../topics/big/")
    assert rel(second, "next") == both("../../topics/big/page-3.html")
    assert rel(third, "prev") == both("../../topics/big/page-2.html")
    assert rel(third, "next") == []


def test_the_pager_is_plain_and_accessible(site: Path) -> None:
    page = page_of(site, "topics/big/page-2.html")
    navs = page.find_all("nav", cls="gallery-pager")
    assert [n.get("aria-label") for n in navs] == ["Pages of photographs", "Pages of photographs, at the end"]
    for nav in navs:
        [current] = [n for n in nav.iter() if n.get("aria-current")]
        assert current.get("aria-current") == "page" and current.tag == "span"
        assert " ".join(current.text().split()) == "Page 2"
        numbers = [" ".join(a.text().split()) for a in nav.find_all("a") if not a.get("rel")]
        assert numbers == ["Page 1", "Page 3"]
    assert all("pager" not in (n.get("src") or "") for n in page.find_all("script"))  # links, no script
    assert " ".join(page.find("p", cls="gallery-pager-range").text().split()) == "Photographs 201–400 of 450"
    # the title says which page; the story is on the first page only
    assert page.find("title").text().startswith("The big topic · page 2 of 3 ·")
    assert " ".join(page.find("h1").text().split()) == "The big topic · page 2 of 3"
    assert "Every photograph, by date." not in page.text()
    assert "Every photograph, by date." in page_of(site, "topics/big/").text()
    # the gallery's own count is of all its photographs, on every page
    assert "450 photographs" in page.find("p", cls="meta").text()


def test_a_short_gallery_has_no_pager(site: Path) -> None:
    page = page_of(site, "decades/1900s/")
    assert len(cards(site, "decades/1900s/")) == 120
    assert page.find_all("nav", cls="gallery-pager") == []
    assert [n for n in page.find_all("link") if n.get("rel") in ("prev", "next")] == []
    assert not (site / "decades" / "1900s" / "page-2.html").exists()


def test_a_photograph_links_to_the_page_of_its_topic_that_shows_it(site: Path) -> None:
    for n, page in [(0, "../../topics/big/"), (199, "../../topics/big/"), (200, "../../topics/big/page-2.html"),
                    (449, "../../topics/big/page-3.html")]:
        kicker = page_of(site, f"items/{item_id(n)}/").find("p", cls="kicker")
        assert kicker.find("a").get("href") == page
        assert f"photograph {n + 1} of 450" in kicker.text()


def test_every_link_of_every_page_resolves(site: Path) -> None:
    broken = []
    for page, name, url in links_of(site):
        if url.startswith(("http://", "https://", "data:", "#")):
            continue
        if not resolve(site, page, url).is_file():
            broken.append(f"{page.relative_to(site)}: {name}={url}")
    assert broken == []


def test_sitemap_and_search_index_have_every_page(site: Path) -> None:
    listed = {loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}
    for base in ("topics/big/", "items/", "places/liuzhou/", "subjects/rivers/", "creators/a-person/"):
        assert {BASE_URL + u for u in pages_of(site, base)} <= listed
    # the topic's pages are in Pagefind (its captions are searched as before); galleries of places and the
    # others are not, as before
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.JSONDecoder().raw_decode(data.decode("utf-8"))[0]["url"])
    assert {"/topics/big/", "/topics/big/page-2.html", "/topics/big/page-3.html"} <= urls
    assert {f"/items/{i}/" for i in BY_DATE} <= urls
    assert not any(u.startswith(("/places/", "/subjects/")) for u in urls)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(urls) == COUNT + 3 + 2


# -- the arithmetic ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("total", "pages", "last"), [(0, 1, 0), (1, 1, 1), (200, 1, 200), (201, 2, 1),
                                                       (400, 2, 200), (450, 3, 50)])
def test_paged_cuts_a_gallery_into_pages(total: int, pages: int, last: int) -> None:
    members = list(range(total))
    cut = paged("x/", members, 200)  # type: ignore[arg-type]
    assert len(cut) == pages and len(cut[-1][1]) == last
    assert [m for _, page in cut for m in page] == members
    assert [p.here for p, _ in cut] == ["x/"] + [f"x/page-{n}.html" for n in range(2, pages + 1)]
    assert all(p.total == total and p.count == pages for p, _ in cut)


def test_gallery_page_url_agrees_with_paged() -> None:
    cut = paged("t/", list(range(1000)), 200)  # type: ignore[arg-type]
    for paging, members in cut:
        assert {gallery_page_url("t/", m, 200) for m in members} == {paging.here}


@pytest.mark.parametrize(("number", "count", "shown"), [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (1, 10, [1, 2, 3, None, 10]), (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
    (10, 10, [1, None, 8, 9, 10]), (25, 50, [1, None, 23, 24, 25, 26, 27, None, 50]), (4, 7, [1, 2, 3, 4, 5, 6, 7]),
])
def test_the_pager_names_the_first_last_and_nearby_pages(number: int, count: int, shown: list[int | None]) -> None:
    assert Paging("x/", number, count, 200, count * 200).numbers() == shown
