"""Discovery, read from built sites: metadata for sharing and citing, sitemap and feed, decades and creators,
the timeline, the map's data and the search fallback index. (tests/test_browser_discovery.py uses them.)"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from albumen.citation import csl_date, iso_date, script_json
from albumen.dates import parse_date
from albumen.discovery import decades_of, timeline
from albumen.records import Item
from albumen.urls import url_for
from conftest import BASE_IMAGES, EXAMPLE, PLACES_YAML, base_files, item_md, page_of, parse_html, resolve, squash

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URL = "https://example.org/photos/"
LIUZHOU_ITEMS = {"girl-cooking-fire", "liuzhou-mother-baby", "liuzhou-station-wait", "refugee-resting-train",
                 "refugees-cooking-fire", "refugees-meal-engine"}


def build(run, root: Path) -> Path:
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr
    return root / "_site"


def json_ld(page) -> list[dict]:
    return [json.loads(s.text()) for s in page.find_all("script", type="application/ld+json")]


def meta(page, **attrs: str) -> str | None:
    found = page.find_all("meta", **attrs)
    return found[0].get("content") if found else None


def with_base_url(files: dict, base_url: str = BASE_URL) -> dict:
    files["albumen.toml"] = f'title = "Test archive"\nbase_url = "{base_url}"\nrights = "Test rights."\n' \
                            '[images]\nwidths = [200, 400]\n'
    return files


# -- sharing and citing -------------------------------------------------------------------------------------


def test_item_json_ld_says_what_the_page_says(built_example):
    site = built_example / "_site"
    path = site / "items" / "liuzhou-mother-baby" / "index.html"
    [data] = json_ld(parse_html(path))
    assert data["@context"] == "https://schema.org" and data["@type"] == ["Photograph", "ImageObject"]
    assert data["name"] == "Mother washing her baby beside the train, Liuzhou"
    assert data["caption"].startswith("In the midst of calamity, a refugee mother")
    assert data["dateCreated"] == "1944"  # autumn 1944, as precisely as ISO 8601 can say it
    assert data["temporalCoverage"] == "1944-09-01/1944-11-30"
    [place] = data["contentLocation"]
    assert place["name"] == "Liuzhou" and "柳州" in place["alternateName"]
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 24.3264, "longitude": 109.4281}
    assert place["containedInPlace"]["name"] == "Guangxi province"
    assert place["containedInPlace"]["containedInPlace"]["name"] == "China"
    assert data["creator"] == {"@type": "Person", "name": "Unknown American serviceman"}
    assert data["copyrightNotice"] == "Photograph © the family. Shared for education and research."
    assert data["keywords"] == ["refugees", "mothers", "children", "railways"]
    # no base_url: the URLs are relative to the page, and lead to the files
    assert resolve(site, path, data["contentUrl"]).is_file()
    assert resolve(site, path, data["url"]) == path
    # a plain year needs no interval
    [bridge] = json_ld(page_of(site, "items/bridge-result/"))
    assert bridge["dateCreated"] == "1944" and "temporalCoverage" not in bridge
    [home] = json_ld(page_of(site, ""))
    assert home["@type"] == "WebSite" and home["name"] == "China in WWII: a family's photographs"


HOSTILE_TITLE = "</script><script>alert('title')</script><!--"
HOSTILE_CAPTION = "Ends here: </script><script>window.pwned = 1</script> & <!-- ]]> \u2028 done."


def test_json_ld_cannot_be_broken_out_of(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md(HOSTILE_CAPTION, title=HOSTILE_TITLE, image="first.jpg", date="1944",
                                      creator="</SCRIPT >x", places=["liuzhou"])
    site = build(run, make_archive(files, BASE_IMAGES))
    raw = (site / "items" / "first" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S | re.I)
    assert len(blocks) == 1
    assert not re.search(r"[<>&\u2028]", blocks[0]), "markup characters must be escaped inside the script"
    data = json.loads(blocks[0])
    assert data["name"] == HOSTILE_TITLE
    assert data["caption"] == " ".join(HOSTILE_CAPTION.split())
    assert data["creator"]["name"] == "</SCRIPT >x"
    # the HTML parser sees one script in the head, and nothing of the caption outside the page's body text
    page = parse_html(raw)
    assert [s.get("type") for s in page.find_all("script") if not s.get("src")] == ["application/ld+json"]
    assert json.loads(script_json({"a": "</script>"})) == {"a": "</script>"}


def test_open_graph_relative_without_base_url(built_example):
    site = built_example / "_site"
    path = site / "items" / "liuzhou-mother-baby" / "index.html"
    page = parse_html(path)
    assert meta(page, property="og:title") == "Mother washing her baby beside the train, Liuzhou"
    assert meta(page, name="description").startswith("In the midst of calamity")
    assert resolve(site, path, meta(page, property="og:image")).is_file()
    assert meta(page, property="og:url") is None and not page.find_all("link", rel="canonical")
    for url in ("", "topics/ichigo-campaign/", "places/liuzhou/", "timeline/", "map/", "decades/1940s/"):
        described = page_of(site, url)
        assert meta(described, name="description"), url
        assert meta(described, property="og:title"), url


def test_open_graph_absolute_with_base_url_sitemap_and_feed(run, make_archive):
    files = with_base_url(base_files())
    files["items/third.md"] = item_md("Third & last <b>caption</b>.", title="Third <photo>", image="first.jpg",
                                      date="1945-06", subjects=["rivers & roads"])
    files["items/undated.md"] = item_md("No date.", title="Undated", image="second.jpg")
    files["items/名字.md"] = item_md("A name in Chinese.", title="名字", image="second.jpg", date="1944-10-05")
    site = build(run, make_archive(files, BASE_IMAGES))
    page = page_of(site, "items/first/")
    assert meta(page, property="og:image").startswith(BASE_URL + "media/first/w")
    assert meta(page, property="og:url") == BASE_URL + "items/first/"
    assert page.find("link", rel="canonical").get("href") == BASE_URL + "items/first/"
    [data] = json_ld(page)
    assert data["url"] == BASE_URL + "items/first/" and data["contentUrl"].startswith(BASE_URL + "media/first/")
    assert data["contentLocation"][0]["url"] == BASE_URL + "places/liuzhou/"

    # sitemap.xml: every page, absolute, percent-encoded, each one a page of the site
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert all(loc.startswith(BASE_URL) for loc in locs)
    for expected in ("", "items/first/", "timeline/", "map/", "decades/1940s/", "creators/a-person/",
                     "items/%E5%90%8D%E5%AD%97/"):
        assert BASE_URL + expected in locs, expected
    assert BASE_URL + "search/" not in locs
    assert len(locs) == len(set(locs)) == len([p for p in site.rglob("index.html") if "search" not in p.parts])
    assert not (site / "robots.txt").exists()  # under a sub-path, crawlers would not read it

    # feed.xml: Atom, the latest-dated photographs first, undated last, no clock time in it
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}id").text == BASE_URL
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Third <photo>", "Second photo", "名字", "First photo",
                                                              "Undated"]
    assert entries[0].find(f"{ATOM}updated").text == "1945-06-30T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "1945-06-30T00:00:00Z"
    for entry in entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}id").text.startswith(BASE_URL + "items/")
    assert "<p>Third &amp; last &lt;b&gt;caption&lt;/b&gt;.</p>" in entries[0].find(f"{ATOM}content").text
    assert entries[0].find(f"{ATOM}category").get("term") == "rivers & roads"
    assert page_of(site, "").find("link", rel="alternate").get("href") == "feed.xml"


def test_no_sitemap_or_feed_without_base_url(built_example):
    site = built_example / "_site"
    assert not (site / "sitemap.xml").exists() and not (site / "feed.xml").exists()


def test_cite_this_photograph(built_example):
    page = page_of(built_example / "_site", "items/liuzhou-mother-baby/")
    cite = page.find("section", cls="cite")
    assert squash(cite.find("p", cls="citation").text()).startswith(
        "Unknown American serviceman. “Mother washing her baby beside the train, Liuzhou.” Photograph, autumn "
        "1944. China in WWII: a family's photographs. ../../items/liuzhou-mother-baby/")
    [csl] = json.loads(cite.find("pre", id="csl-json").text())
    assert csl["type"] == "graphic" and csl["title"] == "Mother washing her baby beside the train, Liuzhou"
    assert csl["issued"] == {"date-parts": [[1944]], "season": 3}
    assert csl["author"] == [{"literal": "Unknown American serviceman"}]
    bibtex = cite.find("pre", id="bibtex").text()
    assert bibtex.startswith("@misc{liuzhou-mother-baby,\n")
    assert "  date = {1944-23},\n" in bibtex and "  year = {1944},\n" in bibtex
    assert "  author = {{Unknown American serviceman}},\n" in bibtex


def test_citation_formats_keep_text_exact_and_escaped():
    assert iso_date(parse_date("1944-10-05")) == "1944-10-05"
    assert iso_date(parse_date("1944-10")) == "1944-10"
    assert iso_date(parse_date("1944-22/1944-23")) == "1944"
    assert iso_date(parse_date("1944/1946")) is None
    assert csl_date(parse_date("1944-06/1944-11~")) == {"date-parts": [[1944, 6], [1944, 11]], "circa": True}
    assert csl_date(parse_date("194X")) == {"literal": "1940s"}
    from albumen.citation import Cited, bibtex

    item = Item("x_1", "items/x_1.md", "x.jpg", "100% {braces} & $money_", "", date=parse_date("1944~"),
                creator="A & B")
    entry = bibtex(Cited(item, "Site #1", "https://e.org/items/x_1/", None, None, None, [], {}, [], "", "en"))
    assert r"title = {100\% \{braces\} \& \$money\_}," in entry
    assert "author = {{A \\& B}}," in entry and "organization = {Site \\#1}," in entry
    assert "date = {1944~}," in entry


# -- browsing: decades, creators, places with other names -----------------------------------------------------


def test_decade_and_creator_pages(built_example):
    site = built_example / "_site"
    decades = page_of(site, "decades/")
    assert [squash(li.text()) for li in decades.find("ul", cls="list").find_all("li")] == ["The 1940s (10)"]
    ids = {resolve(site, site / "decades" / "1940s" / "index.html", a.get("href")).parent.name
           for a in page_of(site, "decades/1940s/").find_all("a", cls="card-title")}
    assert len(ids) == 10
    creators = page_of(site, "creators/")
    assert [squash(li.text()) for li in creators.find("ul", cls="list").find_all("li")] == [
        "Unknown American serviceman (10)"]
    assert len(page_of(site, "creators/unknown-american-serviceman/").find_all("a", cls="card-title")) == 10
    # the item page links its creator, and names its place's other names (so search finds 柳州)
    page = page_of(site, "items/liuzhou-mother-baby/")
    assert "(Liuchow, 柳州)" in squash(page.find("dl", cls="facts").text())


def test_decades_of_dates():
    assert [d.id for d in decades_of(parse_date("1944-23"))] == ["1940s"]
    assert [d.id for d in decades_of(parse_date("1948/1952"))] == ["1940s", "1950s"]
    assert decades_of(parse_date("19XX")) == [] and decades_of(None) == []
    assert [d.name for d in decades_of(parse_date("1899-12-31"))] == ["1890s"]


# -- the timeline ---------------------------------------------------------------------------------------------


def entries_of(section) -> list[tuple[str, str, dict[str, float], str]]:
    """(item id, date label, bar style numbers, bar classes) of each entry in a timeline section."""
    found = []
    for li in section.find_all("li", cls="entry"):
        href = li.find("a", cls="entry-link").get("href")
        bar = li.find_all("span", cls="bar")
        style = dict(re.findall(r"--(\w+): ([\d.]+)", bar[0].get("style"))) if bar else {}
        found.append((href.rstrip("/").split("/")[-1], squash(li.find("span", cls="entry-date").text()),
                      {k: float(v) for k, v in style.items()}, bar[0].get("class") if bar else ""))
    return found


def test_timeline_lists_the_example_by_date_with_spans(built_example):
    site = built_example / "_site"
    page = page_of(site, "timeline/")
    periods = page.find_all("section", cls="period")
    assert [p.get("id") for p in periods] == ["p1944", "p1944-summer-autumn", "p1944-autumn"]
    assert [squash(p.find("h4").text()) for p in periods] == ["Sometime in 1944 (2)", "Summer–autumn 1944 (1)",
                                                              "Autumn 1944 (7)"]
    autumn = entries_of(periods[2])
    assert {i for i, *_ in autumn} == LIUZHOU_ITEMS | {"boy-furniture"}
    assert all(label == "autumn 1944" for _, label, _, _ in autumn)
    leap = 366
    for _, _, bar, classes in autumn:  # 1 September to 30 November of a leap year
        assert bar == {"start": round(244 / leap, 4), "width": round(91 / leap, 4)} and "range" in classes
    [(item, label, bar, classes)] = entries_of(periods[1])
    assert (item, label) == ("bunker-guangxi", "summer–autumn 1944")
    assert bar == {"start": round(152 / leap, 4), "width": round(183 / leap, 4)} and "range" in classes
    assert [bar["width"] for _, _, bar, _ in entries_of(periods[0])] == [1.0, 1.0]
    # every entry links to its item, and every item is on the timeline once
    links = [a.get("href") for a in page.find_all("a", cls="entry-link")]
    assert len(links) == 10 and all(resolve(site, site / "timeline" / "index.html", h).is_file() for h in links)
    # the item page's date leads to its place on the timeline
    date_link = page_of(site, "items/liuzhou-mother-baby/").find("dl", cls="facts").find("a")
    assert date_link.get("href") == "../../timeline/#p1944-autumn"


def test_timeline_of_every_kind_of_date(run, make_archive):
    dates = {"day": "1944-10-05", "uncertain": "1944-23~", "month": "1944-10", "winter": "1944-24",
             "years": "1944/1946", "decade": "194X", "later": "1950-21", "none": None}
    files = base_files()
    for name, date in dates.items():
        files[f"items/{name}.md"] = item_md(f"Dated {date}.", title=name, image="first.jpg",
                                            **({"date": date} if date else {}))
    site = build(run, make_archive(files, BASE_IMAGES))
    page = page_of(site, "timeline/")
    sections = {s.get("id"): s for s in page.find_all("section")}
    assert [squash(h.text()).rsplit(" (", 1)[0] for h in page.find_all("h2")] == ["The 1940s", "The 1950s",
                                                                                 "Undated"]
    october = dict((i, (bar, cls)) for i, _, bar, cls in entries_of(sections["p1944-10"]))
    assert set(october) == {"day", "month"}
    assert "range" not in october["day"][1] and "range" in october["month"][1]  # a day is a point
    [(_, _, _, classes)] = [e for e in entries_of(sections["p1944-autumn"]) if e[0] == "uncertain"]
    assert "uncertain" in classes
    [(_, label, bar, classes)] = entries_of(sections["p1944-winter"])
    assert label == "winter 1944" and "runs-on" in classes  # December 1944 into February 1945
    assert {i for i, *_ in entries_of(sections["d1940s-several"])} == {"years", "decade"}
    [undated] = page.find_all("section", cls="timeline-undated")
    assert [squash(a.text()) for a in undated.find_all("a")] == ["none"]
    # after the dates spanning several years, each year's periods in date order
    periods = [s.get("id") for s in page.find_all("section", cls="period") if s.get("id")]
    assert periods == ["d1940s-several", "p1944-spring", "p1944-autumn", "p1944-10", "p1944-winter", "p1950-spring"]
    assert [squash(h.text()) for h in page.find_all("h3", cls="timeline-year")] == ["1944", "1950"]


def test_timeline_model_orders_entries_by_bounds():
    items = [Item(f"i{n}", "", "x.jpg", f"t{n}", "", date=parse_date(d))
             for n, d in enumerate(["1944-11", "1944-06/1944-11", "1944-06", "1944-09-02"])]
    line = timeline(items)
    [year] = line.years
    assert [(p.label, [e.item.id for e in p.entries]) for p in year.periods] == [
        ("June–November 1944", ["i1"]), ("June 1944", ["i2"]), ("September 1944", ["i3"]),
        ("November 1944", ["i0"])]
    assert year.periods[0].first == datetime.date(1944, 6, 1)


# -- the map --------------------------------------------------------------------------------------------------


def map_places(page) -> list[dict]:
    return json.loads(page.find("div", cls="map").get("data-places"))


def test_map_page_lists_every_place_with_a_position(built_example):
    site = built_example / "_site"
    path = site / "map" / "index.html"
    page = parse_html(path)
    places = map_places(page)
    assert {p["id"]: p["count"] for p in places} == {"china": 10, "guangxi": 10, "liuzhou": 6}
    for p in places:
        assert resolve(site, path, p["url"]) == site / "places" / p["id"] / "index.html"
    liuzhou = next(p for p in places if p["id"] == "liuzhou")
    assert (liuzhou["lat"], liuzhou["lon"], liuzhou["name"]) == (24.3264, 109.4281, "Liuzhou")
    box = page.find("div", cls="map")
    assert box.get("data-tiles") == "https://tile.openstreetmap.org/{z}/{x}/{y}.png" and "hidden" in box.attrs
    assert resolve(site, path, box.get("data-outlines")).is_file()
    # the same places as a list, for readers without JavaScript
    listed = page.find("ul", cls="map-places").find_all("li")
    assert [li.get("id") for li in listed] == ["place-china", "place-guangxi", "place-liuzhou"]
    # small maps on item and place pages: outlines only, never tiles
    item = page_of(site, "items/liuzhou-mother-baby/")
    assert [p["id"] for p in map_places(item)] == ["liuzhou"]
    assert item.find("div", cls="map").get("data-tiles") == ""
    assert [p["id"] for p in map_places(page_of(site, "places/guangxi/"))] == ["guangxi"]


def test_map_settings(run, make_archive):
    files = base_files()
    files["albumen.toml"] = 'title = "T"\nmap_tiles = ""\nmap_attribution = "<b>Maps</b> & me"\n'
    files["places.yaml"] = PLACES_YAML + "- id: nowhere\n  name: Nowhere\n"
    files["items/second.md"] = item_md("Somewhere unknown.", title="Second photo", image="second.jpg",
                                       places=["nowhere"])
    site = build(run, make_archive(files, BASE_IMAGES))
    box = page_of(site, "map/").find("div", cls="map")
    assert box.get("data-tiles") == "" and box.get("data-attribution") == "<b>Maps</b> & me"
    assert not page_of(site, "items/second/").find_all("div", cls="map")  # no position, no map
    bad = base_files()
    bad["albumen.toml"] = 'title = "T"\nmap_tiles = "https://tiles.example.org/tile.png"\n'
    result = run("check", "-C", make_archive(bad, BASE_IMAGES))
    assert result.exit_code == 1 and "map_tiles must be a tile address with {z}, {x} and {y}" in result.stderr


# -- search ---------------------------------------------------------------------------------------------------


def search_data(site: Path) -> dict:
    text = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    prefix = "window.albumenSearchData = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_search_fallback_index_holds_every_record(built_example):
    site = built_example / "_site"
    documents = search_data(site)["documents"]
    items = {d["u"]: d for d in documents if d["k"] == "item"}
    assert set(items) == {f"items/{p.stem}/" for p in (EXAMPLE / "items").glob("*.md")}
    assert [d["u"] for d in documents if d["k"] != "item"] == ["topics/ichigo-campaign/", "about/"]
    mother = items["items/liuzhou-mother-baby/"]
    assert mother["t"] == "Mother washing her baby beside the train, Liuzhou"
    assert "柳州" in mother["p"] and mother["d"] == "autumn 1944"
    assert mother["f"] == {"Topic": ["Ichigo Campaign"], "Place": ["Liuzhou", "Guangxi province", "China"],
                           "Subject": ["refugees", "mothers", "children", "railways"], "Decade": ["1940s"]}
    assert all((site / d["i"]).is_file() for d in documents if "i" in d)
    liuzhou = {u for u, d in items.items() if "Liuzhou" in d["p"] + d["t"] + d["c"]}
    assert liuzhou == {f"items/{i}/" for i in LIUZHOU_ITEMS}


def test_pages_carry_pagefind_filters_and_thumbnails(built_example):
    site = built_example / "_site"
    page = page_of(site, "items/liuzhou-mother-baby/")
    filters = [(n.get("data-pagefind-filter"), squash(n.text())) for n in page.iter() if n.get("data-pagefind-filter")]
    assert filters == [("Topic", "Ichigo Campaign"), ("Place", "Liuzhou"), ("Place", "Guangxi province"),
                       ("Place", "China"), ("Subject", "refugees"), ("Subject", "mothers"),
                       ("Subject", "children"), ("Subject", "railways"), ("Decade", "1940s")]
    [img] = [n for n in page.iter() if n.get("data-pagefind-meta")]
    path = site / "items" / "liuzhou-mother-baby" / "index.html"
    assert resolve(site, path, img.get("data-thumbnail")).name == "w400.jpg"
    # the search box on every page sends ?q= to the search page
    form = page.find("form", cls="site-search")
    assert form.get("action") == "../../search/" and form.find("input").get("name") == "q"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_search_index_is_the_same_every_build(run, make_archive, language):
    """Pagefind writes filter values in a different order each run; albumen sorts them."""
    from conftest import snapshot

    files = with_base_url(base_files(), "https://photos.example.org/")
    files["albumen.toml"] = files["albumen.toml"].replace('title = ', f'language = "{language}"\ntitle = ')
    for n in range(6):
        files[f"items/extra{n}.md"] = item_md("Extra 广西的战役.", title=f"Extra {n}", image="first.jpg",
                                              subjects=[f"subject {n}", f"other {n % 2}"], places=["liuzhou"])
    root = make_archive(files, BASE_IMAGES)
    site = build(run, root)
    before = snapshot(site)
    assert len([p for p in before if p.startswith("pagefind/filter/")]) == 4  # topic, place, subject, decade
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://photos.example.org/sitemap.xml" in robots
    import shutil

    shutil.rmtree(root / ".albumen")
    assert snapshot(build(run, root)) == before


def test_timeline_pages_cut_between_periods():
    dates = ["1944-21"] * 2 + ["1944-23"] * 5 + ["1950"] * 2
    items = [Item(f"i{n}", "", "x.jpg", f"t{n}", "", date=parse_date(d)) for n, d in enumerate(dates)]
    items.append(Item("undated", "", "x.jpg", "u", ""))
    pages = timeline(items).pages(per_page=3)
    shape = [[(c.period.id if c.period else "undated", len(c.entries), c.continued) for c in p.chunks] for p in pages]
    assert shape == [[("p1944-spring", 2, False)],  # autumn would not fit: it starts the next page
                     [("p1944-autumn", 3, False)], [("p1944-autumn", 2, True)],
                     [("p1950", 2, False), ("undated", 1, False)]]
    assert [url_for(p) for p in pages] == ["timeline/", "timeline/2/", "timeline/3/", "timeline/4/"]
    assert [p.label for p in pages] == ["1944", "1944", "1944", "1950"]


def test_a_long_timeline_is_split_into_pages(run, make_archive, monkeypatch):
    import albumen.site

    monkeypatch.setattr(albumen.site, "TIMELINE_PAGE_SIZE", 3)
    files = base_files()
    for n, date in enumerate(["1944-23", "1944-23", "1944-10-05", "1951", "1952-06", None]):
        files[f"items/n{n}.md"] = item_md("A photo.", title=f"n{n}", image="first.jpg", **({"date": date} if date
                                                                                          else {}))
    site = build(run, make_archive(files, BASE_IMAGES))
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "timeline").rglob("index.html"))
    # spring 1944 (1) | autumn 1944 (3) | October 1944, 1951, June 1952 | undated
    assert pages == ["timeline/2/index.html", "timeline/3/index.html", "timeline/4/index.html",
                     "timeline/index.html"]
    listed = {}
    for rel in pages:
        path = site / rel
        page = parse_html(path)
        for a in page.find_all("a", cls="entry-link"):
            listed[resolve(site, path, a.get("href")).parent.name] = rel
        pager = page.find("nav", cls="timeline-pages")
        assert len(pager.find_all("li")) == 4 and len(pager.find_all("a")) == 3  # the others, and this one
    assert len(listed) == 8  # every photograph once, on one of the pages
    for item, rel in listed.items():  # each photograph's date leads to its entry's page and period
        item_page = site / "items" / item / "index.html"
        dates = parse_html(item_page).find("dl", cls="facts").find_all("a", title="On the timeline")
        if item == "n5":
            assert dates == []  # undated: no date to link
            continue
        href = dates[0].get("href")
        target = resolve(site, item_page, href)
        assert target == site / rel, item
        assert href.split("#")[1] in {n.get("id") for n in parse_html(target).iter()}
