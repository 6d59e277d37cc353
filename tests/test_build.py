"""`albumen build`: real archives with real images become a site; the HTML that comes out is parsed."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from conftest import (
    BASE_IMAGES,
    EXAMPLE,
    base_files,
    item_md,
    make_jpeg,
    page_of,
    parse_html,
    problem_lines,
    resolve,
    snapshot,
    squash,
    srcset_urls,
)

# The ten captions of issue 3, verbatim, by item id; the topic's order is this order.
CAPTIONS = {
    "bunker-guangxi": "Chinese workers and Nationalist soldiers build a fortified bunker at a street corner in a "
    "town in Guangxi province, during WWII, in the summer or fall of 1944 during the Japanese push south in "
    "the Ichigo campaign.",
    "bridge-result": "Result of explosives set on bridge by Americans in 1944 during retreat from Japanese in "
    "Guangxi province, China, during WWII. See GI setting explosives here.",
    "bridge-setting": "Setting explosives on bridge in 1944 during retreat from Japanese in Guangxi province, "
    "China, during WWII. The results of the explosion can be seen here.",
    "liuzhou-mother-baby": "In the midst of calamity, a refugee mother tenderly washes her baby next to the "
    "train at the Liuzhou railway station in the fall of 1944.",
    "boy-furniture": "A young boy sits among discarded furniture, presumably items that had ultimately been "
    "discarded, during their flight in the face of the Japanese Ichigo campaign in fall 1944.",
    "refugees-meal-engine": "Chinese refugees take a meal in front of the train engine in Liuzhou during WWII, "
    "in the fall of 1944, as the Japanese advanced during the Ichigo campaign.",
    "girl-cooking-fire": "Chinese refugee--a young girl in this case--tends a cooking fire to boil water next "
    "to the train tracks in Liuzhou during WWII, in the fall of 1944, as the Japanese advanced during the "
    "Ichigo campaign.",
    "liuzhou-station-wait": "Chinese wait at the train station in Liuzhou during WWII, in the fall of 1944, as "
    "the Japanese advanced during the Ichigo campaign.",
    "refugees-cooking-fire": "Chinese refuges tends a cooking fire to boil water next to the train tracks in "
    "Liuzhou during WWII, in the fall of 1944, as the Japanese advanced during the Ichigo campaign.",
    "refugee-resting-train": "A Chinese refugee resting and hiding from the heat near a train at Liuzhou "
    "during the evacuation in Guangxi during the fall of 1944.",
}
INTRO = ('The "Ichigo Campaign" or "Operation Ichi-Go" (一号作戦 Ichi-gō Sakusen, lit. "Operation Number One") '
         "was a sweep by Japanese forces through southern China April to December 1944, especially directed "
         "to eliminate American air bases.")
WIKIPEDIA = "https://en.wikipedia.org/wiki/Operation_Ichi-Go"
SITE_SCRIPTS = ("assets/site.js", "assets/search.js", "pagefind/pagefind-ui.js", "assets/zoom.js",
                "assets/vendor/openseadragon/openseadragon.min.js", "assets/map.js", "assets/vendor/leaflet/leaflet.js",
                "assets/vendor/leaflet.markercluster/leaflet.markercluster.js")


def front_matter(path: Path) -> tuple[dict, str]:
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body.strip("\n")


def build(run, root: Path, *args: object, status: int = 0):
    result = run("build", "-q", "--executor", "inline", "-C", root, *args)
    assert result.exit_code == status, f"exit {result.exit_code}, wanted {status}\n{result.stderr}"
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream and "internal error" not in stream
    return result


def facts(page) -> dict[str, object]:
    """The item page's <dl class=facts> as {dt text: dd node}."""
    dl = page.find("dl", cls="facts")
    found, term = {}, None
    for child in dl.children:
        if not isinstance(child, str) and child.tag == "dt":
            term = squash(child.text())
        elif not isinstance(child, str) and child.tag == "dd":
            found[term] = child
    return found


def linked_ids(site: Path, page_path: Path, anchors, section: str) -> list[str]:
    """The record ids that anchors point at, e.g. 'items' -> ['bunker-guangxi', ...]."""
    ids = []
    for a in anchors:
        target = resolve(site, page_path, a.get("href")).relative_to(site).parts
        assert target[0] == section and target[-1] == "index.html", a.get("href")
        ids.append(target[1])
    return ids


def slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-")


# -- the example archive ----------------------------------------------------------------------------------

def test_example_has_every_page(built_example):
    site = built_example / "_site"
    item_ids = sorted(p.stem for p in (EXAMPLE / "items").glob("*.md"))
    assert item_ids == sorted(CAPTIONS)
    expected = ["index.html", "topics/index.html", "topics/ichigo-campaign/index.html", "items/index.html",
                "places/index.html", "subjects/index.html", "about/index.html", "search/index.html"]
    expected += [f"items/{i}/index.html" for i in item_ids]
    expected += [f"places/{p}/index.html" for p in ("china", "guangxi", "liuzhou")]
    subjects = {s for i in item_ids for s in front_matter(EXAMPLE / "items" / f"{i}.md")[0]["subjects"]}
    expected += [f"subjects/{slug(s)}/index.html" for s in subjects]
    missing = [rel for rel in expected if not (site / rel).is_file()]
    assert missing == []
    assert sorted(p.name for p in (site / "items").iterdir() if p.is_dir()) == item_ids
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_example_item_files_hold_the_captions_verbatim():
    for item_id, caption in CAPTIONS.items():
        _, body = front_matter(EXAMPLE / "items" / f"{item_id}.md")
        assert re.sub(r"\[([^\]]*)\]\(item:[^)]*\)", r"\1", body) == caption, item_id


def test_every_caption_verbatim_on_its_item_page(built_example):
    site = built_example / "_site"
    for item_id, caption in CAPTIONS.items():
        page = page_of(site, f"items/{item_id}/")
        figcaption = page.find("figcaption", cls="caption")
        assert figcaption.text().strip() == caption, item_id
        title, _ = front_matter(EXAMPLE / "items" / f"{item_id}.md")
        assert squash(page.find("h1").text()) == title["title"]
        assert squash(page.find("title").text()).startswith(title["title"])


def test_topic_page_narrative_links_and_gallery_order(built_example):
    site = built_example / "_site"
    path = site / "topics" / "ichigo-campaign" / "index.html"
    page = parse_html(path)
    meta, _ = front_matter(EXAMPLE / "topics" / "ichigo-campaign.md")
    assert squash(page.find("h1").text()) == meta["title"]
    narrative = page.find("div", cls="narrative")
    assert INTRO in squash(narrative.text())
    external = [a.get("href") for a in page.find("section", cls="links").find_all("a")]
    assert external == [WIKIPEDIA]
    gallery = page.find("ul", cls="gallery")
    order = linked_ids(site, path, gallery.find_all("a", cls="card-title"), "items")
    assert order == meta["items"] == list(CAPTIONS)
    # Each card shows its caption verbatim, and its date for people.
    cards = gallery.find_all("li", cls="card")
    for item_id, card in zip(order, cards, strict=True):
        assert card.find("div", cls="caption").text().strip() == CAPTIONS[item_id]
    assert squash(cards[0].find("span", cls="card-date").text()) == "summer–autumn 1944"
    assert "April–December 1944" in squash(page.find("p", cls="meta").text())


@pytest.mark.parametrize(("source", "target"), [("bridge-result", "bridge-setting"),
                                                 ("bridge-setting", "bridge-result")])
def test_item_links_in_captions_resolve(built_example, source, target):
    site = built_example / "_site"
    path = site / "items" / source / "index.html"
    links = parse_html(path).find("figcaption", cls="caption").find_all("a")
    assert [squash(a.text()) for a in links] == ["here"]
    href = links[0].get("href")
    assert not href.startswith(("/", "item:", "http"))
    assert resolve(site, path, href) == site / "items" / target / "index.html"
    # The same link inside the topic's gallery resolves from the topic page too.
    topic = site / "topics" / "ichigo-campaign" / "index.html"
    hrefs = [a.get("href") for a in parse_html(topic).find_all("a", cls="item-link")]
    assert {resolve(site, topic, h) for h in hrefs} == {site / "items" / i / "index.html"
                                                        for i in ("bridge-result", "bridge-setting")}


@pytest.mark.parametrize(("item_id", "label", "edtf"), [
    ("bunker-guangxi", "summer–autumn 1944", "1944-22/1944-23"),
    ("liuzhou-mother-baby", "autumn 1944", "1944-23"),
    ("refugee-resting-train", "autumn 1944", "1944-23"),
    ("bridge-result", "1944", "1944"),
])
def test_dates_written_for_people(built_example, item_id, label, edtf):
    page = page_of(built_example / "_site", f"items/{item_id}/")
    time = facts(page)["Date"].find("time")
    assert squash(time.text()) == label
    assert time.get("data-edtf") == edtf


def test_item_page_facts(built_example):
    site = built_example / "_site"
    path = site / "items" / "liuzhou-mother-baby" / "index.html"
    meta, _ = front_matter(EXAMPLE / "items" / "liuzhou-mother-baby.md")
    found = facts(parse_html(path))
    places = found["Places"].find_all("a")
    assert [squash(a.text()) for a in places] == ["Liuzhou"]
    assert linked_ids(site, path, places, "places") == ["liuzhou"]
    subjects = found["Subjects"].find_all("a")
    assert [squash(a.text()) for a in subjects] == meta["subjects"]
    for a in subjects:
        assert resolve(site, path, a.get("href")).is_file()
    assert squash(found["Creator"].text()) == meta["creator"] == "Unknown American serviceman"
    assert squash(found["Rights"].text()) == meta["rights"]
    assert linked_ids(site, path, found["Topics"].find_all("a"), "topics") == ["ichigo-campaign"]


def test_previous_and_next_follow_the_topic_order(built_example):
    site = built_example / "_site"
    order = list(CAPTIONS)
    for index, item_id in enumerate(order):
        path = site / "items" / item_id / "index.html"
        pager = parse_html(path).find("nav", cls="pager")
        prev, nxt = pager.find_all("a", rel="prev"), pager.find_all("a", rel="next")
        assert linked_ids(site, path, prev, "items") == order[max(index - 1, 0):index]
        assert linked_ids(site, path, nxt, "items") == order[index + 1:index + 2]


def test_place_and_subject_pages_list_their_items(built_example):
    site = built_example / "_site"
    liuzhou = {i for i in CAPTIONS if front_matter(EXAMPLE / "items" / f"{i}.md")[0]["places"] == ["liuzhou"]}
    assert len(liuzhou) == 6
    path = site / "places" / "liuzhou" / "index.html"
    page = parse_html(path)
    assert squash(page.find("h1").text()) == "Liuzhou"
    assert set(linked_ids(site, path, page.find_all("a", cls="card-title"), "items")) == liuzhou
    path = site / "subjects" / "bridges" / "index.html"
    ids = linked_ids(site, path, parse_html(path).find_all("a", cls="card-title"), "items")
    assert sorted(ids) == ["bridge-result", "bridge-setting"]


def test_images_have_alt_size_and_srcset_never_above_the_original(built_example):
    site = built_example / "_site"
    originals = {}
    for item_id in CAPTIONS:
        meta, _ = front_matter(EXAMPLE / "items" / f"{item_id}.md")
        with Image.open(EXAMPLE / "images" / meta["image"]) as original:
            originals[item_id] = original.size
    checked = 0
    for path in sorted(site.rglob("*.html")):
        for img in parse_html(path).find_all("img"):
            assert (img.get("alt") or "").strip(), f"{path}: an <img> without alt"
            width, height = int(img.get("width")), int(img.get("height"))
            src = resolve(site, path, img.get("src"))
            item_id = src.relative_to(site / "media").parts[0]
            with Image.open(src) as fallback:
                assert fallback.size == (width, height), src
            descriptors = []
            for url, descriptor in srcset_urls(img.get("srcset")):
                file = resolve(site, path, url)
                assert file.is_file(), url
                with Image.open(file) as derivative:
                    assert descriptor == f"{derivative.width}w", url
                descriptors.append(int(descriptor[:-1]))
                assert int(descriptor[:-1]) <= originals[item_id][0]
            assert descriptors == sorted(descriptors) and len(set(descriptors)) == len(descriptors)
            checked += 1
    assert checked >= 30
    item = parse_html(site / "items" / "refugee-resting-train" / "index.html").find("figure", cls="photo")
    widths = [d for _, d in srcset_urls(item.find("img").get("srcset"))]
    assert originals["refugee-resting-train"] == (480, 330)
    assert widths == ["400w", "480w"]
    assert not (site / "media" / "refugee-resting-train" / "w800.jpg").exists()
    meta, _ = front_matter(EXAMPLE / "items" / "refugee-resting-train.md")
    assert item.find("img").get("alt") == meta["alt"]


def test_default_process_pool_build_gives_the_same_site(built_example, example_copy):
    """One build through the real command and the default executor (a spawn process pool)."""
    result = subprocess.run([sys.executable, "-m", "albumen", "build", "-C", str(example_copy)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(example_copy / "_site") == snapshot(built_example / "_site")


# -- small archives ------------------------------------------------------------------------------------------

def test_topic_without_items_list_is_in_date_order(run, make_archive):
    files = base_files()
    files["topics/by-date.md"] = item_md("In date order.", title="By date")
    for name in ("items/first.md", "items/second.md"):
        files[name] = files[name].replace('topics: ["journey"]', 'topics: ["journey", "by-date"]')
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    site = root / "_site"
    for topic, order in (("journey", ["second", "first"]), ("by-date", ["first", "second"])):
        path = site / "topics" / topic / "index.html"
        assert linked_ids(site, path, parse_html(path).find_all("a", cls="card-title"), "items") == order


def test_approximate_season_interval_on_the_page(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("A caption.", title="First", image="first.jpg", date="1944-22~/1944-23~")
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    time = facts(page_of(root / "_site", "items/first/"))["Date"].find("time")
    assert squash(time.text()) == "summer–autumn 1944 (approximate)"


def test_derivatives_carry_no_exif_or_gps(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "Secret Software"  # Software
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (24.0, 19.0, 35.0), 3: "E", 4: (109.0, 25.0, 41.0)})
    make_jpeg(root / "images" / "first.jpg", (900, 600), exif=exif)
    with Image.open(root / "images" / "first.jpg") as original:
        assert original.getexif().get_ifd(0x8825)  # the original does carry GPS
    build(run, root)
    derivatives = sorted((root / "_site" / "media" / "first").glob("*.jpg"))
    assert [d.name for d in derivatives] == ["w200.jpg", "w400.jpg", "w800.jpg"]
    for path in derivatives:
        with Image.open(path) as derivative:
            assert "exif" not in derivative.info, path.name
            assert dict(derivative.getexif()) == {}, path.name
            assert not derivative.getexif().get_ifd(0x8825), path.name
        assert b"CameraMaker" not in path.read_bytes() and b"Secret Software" not in path.read_bytes()


def test_exif_orientation_is_applied_to_sizes(run, make_archive):
    root = make_archive(base_files(), BASE_IMAGES)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated: portrait
    make_jpeg(root / "images" / "first.jpg", (600, 400), exif=exif)
    build(run, root)
    site = root / "_site"
    path = site / "items" / "first" / "index.html"
    img = parse_html(path).find("figure", cls="photo").find("img")
    assert int(img.get("width")) < int(img.get("height"))
    for url, descriptor in srcset_urls(img.get("srcset")):
        with Image.open(resolve(site, path, url)) as derivative:
            assert derivative.width < derivative.height
            assert derivative.width <= 400 and descriptor == f"{derivative.width}w"


def test_links_to_items_topics_and_places_from_every_kind_of_page(run, make_archive):
    files = base_files()
    links = "See [the topic](topic:journey), [the place](place:liuzhou) and [a photo](item:first)."
    files["items/second.md"] = item_md(links, title="Second", image="second.jpg", topics=["journey"])
    files["topics/journey.md"] = item_md("The story.\n\n" + links, title="Journey", items=["first", "second"])
    files["pages/about.md"] = item_md(links, title="About")
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    site = root / "_site"
    wanted = {site / "topics/journey/index.html", site / "places/liuzhou/index.html",
              site / "items/first/index.html"}
    for url, container in (("items/second/", ("figcaption", "caption")),
                           ("topics/journey/", ("div", "narrative")), ("about/", ("article", "page"))):
        path = site / url / "index.html"
        anchors = parse_html(path).find(*container).find_all("a")
        assert {resolve(site, path, a.get("href")) for a in anchors} == wanted, url
        assert [squash(a.text()) for a in anchors] == ["the topic", "the place", "a photo"]


def test_non_ascii_ids_and_places_named_by_other_names(run, make_archive):
    files = base_files()
    files["items/柳州-café.md"] = item_md("Back to [the first](item:first).", title="Station café",
                                          image="first.jpg", places=["Liuchow"], topics=["journey"])
    files["items/first.md"] = item_md("On to [the café](item:柳州-café).", title="First", image="first.jpg",
                                      topics=["journey"])
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    site = root / "_site"
    path = site / "items" / "柳州-café" / "index.html"
    page = parse_html(path)
    assert squash(page.find("h1").text()) == "Station café"
    assert linked_ids(site, path, facts(page)["Places"].find_all("a"), "places") == ["liuzhou"]
    first = site / "items" / "first" / "index.html"
    [a] = parse_html(first).find("figcaption", cls="caption").find_all("a")
    assert resolve(site, first, a.get("href")) == path


def test_a_rebuild_shows_changed_text_and_drops_removed_items(run, base_archive):
    build(run, base_archive)
    site = base_archive / "_site"
    (base_archive / "items" / "first.md").write_text(
        item_md("A new caption, written later.", title="First, retitled", image="first.jpg",
                date="1944-10", topics=["journey"]), encoding="utf-8")
    (base_archive / "items" / "second.md").unlink()
    (base_archive / "topics" / "journey.md").write_text(item_md("The story.", title="Journey"), encoding="utf-8")
    build(run, base_archive)
    page = page_of(site, "items/first/")
    assert squash(page.find("h1").text()) == "First, retitled"
    assert page.find("figcaption", cls="caption").text().strip() == "A new caption, written later."
    assert squash(facts(page)["Date"].text()) == "October 1944"
    assert not (site / "items" / "second").exists()
    assert not (site / "media" / "second").exists()
    topic = site / "topics" / "journey" / "index.html"
    assert linked_ids(site, topic, parse_html(topic).find_all("a", cls="card-title"), "items") == ["first"]


def test_timings_say_where_a_build_spent_its_time(run, base_archive):
    first = run("build", "-q", "--timings", "-C", base_archive)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""  # -q: the timings are asked for, on stderr, and nothing else is said
    line = first.stderr.strip().splitlines()[-1]
    stages = dict(re.findall(r"(\w+) (\d+\.\d\d) s", line))
    assert line.startswith("timings: ")
    assert {"check", "catalog", "derive", "render", "index", "publish", "total"} <= set(stages)
    assert all(float(stages[stage]) <= float(stages["total"]) for stage in stages)
    again = run("build", "-q", "--timings", "-C", base_archive)  # nothing changed: only the total is measured
    assert again.stderr.strip().splitlines()[-1].startswith("timings: total ")


def test_new_width_settings_take_effect(run, base_archive):
    build(run, base_archive)
    (base_archive / "albumen.toml").write_text('title = "t"\n[images]\nwidths = [300, 600]\n', encoding="utf-8")
    build(run, base_archive)
    site = base_archive / "_site"
    img = page_of(site, "items/first/").find("figure", cls="photo").find("img")
    assert [d for _, d in srcset_urls(img.get("srcset"))] == ["300w", "600w"]  # first.jpg is 640 wide
    assert sorted(p.name for p in (site / "media" / "first").iterdir()) == [
        "w300.jpg", "w300.webp", "w600.jpg", "w600.webp"]


def test_image_path_written_with_backslashes(run, make_archive):
    """check accepts 'sub\\first.jpg' (as typed on Windows) as images/sub/first.jpg: build must find it too."""
    files = base_files()
    files["items/first.md"] = item_md("Caption.", title="First", image="sub\\first.jpg", topics=["journey"])
    root = make_archive(files, {"sub/first.jpg": (640, 480), "second.jpg": (480, 640)})
    assert run("check", "-C", root).exit_code == 0
    build(run, root)
    site = root / "_site"
    img = page_of(site, "items/first/").find("figure", cls="photo").find("img")
    assert resolve(site, site / "items" / "first" / "index.html", img.get("src")).is_file()


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    "</title><script>alert(4)</script>",
    '<a href="javascript:alert(5)" onclick="alert(6)">a</a>',
    "<javascript:alert(7)>",
    "![y](javascript:alert(8))",
    '<svg onload="alert(9)"></svg>',
    "[z](JaVaScRiPt:alert(10))",
    "<iframe src=\"javascript:alert(11)\"></iframe>",
]


def assert_inert(site: Path) -> int:
    """No script but the site's own, no on* attributes, no script URLs, in any page. Returns pages seen."""
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        where = path.relative_to(site)
        for node in parse_html(path).iter():
            if node.tag == "script" and node.get("type") == "application/ld+json":
                json.loads(node.text())  # data, not code, with no markup character that could end it
                assert not re.search(r"[<>&]", node.text()), where
            elif node.tag == "script":
                src = node.get("src")
                assert src and resolve(site, path, src).relative_to(site).as_posix() in SITE_SCRIPTS, where
                assert node.text().strip() == "", where
            assert node.tag not in ("iframe", "object", "embed", "svg"), where
            for name, value in node.attrs.items():
                assert not name.lower().startswith("on"), f"{where}: <{node.tag} {name}={value!r}>"
                if name in ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"):
                    squashed = re.sub(r"\s+", "", value or "").lower()
                    assert not squashed.startswith(("javascript:", "vbscript:")), f"{where}: {value!r}"
                    assert not squashed.startswith("data:") or (node.tag, value) == ("link", "data:,"), where
    return len(pages)


def test_hostile_text_cannot_inject_script(run, make_archive):
    hostile_title = "</title><script>alert('title')</script>"
    files = base_files()
    files["albumen.toml"] = ('title = "</title><script>alert(\'site\')</script>"\n'
                             'description = "<img src=x onerror=alert(1)>"\n'
                             'notice = "<script>alert(\'notice\')</script>"\n'
                             'rights = "<b onmouseover=alert(1)>r</b>"\n[images]\nwidths = [200, 400]\n')
    files["items/first.md"] = item_md("\n\n".join(HOSTILE), title=hostile_title, image="first.jpg",
                                      date="1944", places=["liuzhou"], subjects=["<script>alert('s')</script>"],
                                      topics=["journey"], creator="<script>alert('c')</script>",
                                      rights="<img src=x onerror=alert('r')>",
                                      alt='" onerror="alert(\'alt\')')
    files["topics/journey.md"] = item_md("\n\n".join(HOSTILE), title="<script>alert('topic')</script>",
                                         items=["second", "first"])
    files["pages/about.md"] = item_md("\n\n".join(HOSTILE), title="<svg onload=alert('page')>")
    files["places.yaml"] = files["places.yaml"].replace("name: Liuzhou", "name: \"<script>alert('p')</script>\"")
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    site = root / "_site"
    assert assert_inert(site) >= 10
    # The text is shown as text, exactly as written.
    page = page_of(site, "items/first/")
    assert squash(page.find("h1").text()) == hostile_title
    assert hostile_title in page.find("title").text()
    assert page.find("figure", cls="photo").find("img").get("alt") == '" onerror="alert(\'alt\')'
    caption = page.find("figcaption", cls="caption").text()
    assert "<script>alert(1)</script>" in caption and "<img src=x onerror=alert(2)>" in caption


def test_topic_link_with_a_script_url_is_refused(run, make_archive):
    files = base_files()
    files["topics/journey.md"] = (
        '---\ntitle: "The journey"\nitems: [second, first]\nlinks:\n'
        '  - {title: "Click me", url: "javascript:alert(1)"}\n'
        '  - {title: "Sneaky", url: " JAVASCRIPT:alert(2)"}\n---\nThe story.\n'
    )
    root = make_archive(files, BASE_IMAGES)
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 1, result.stderr
    problems = [m for m in problem_lines(result.stderr) if m["path"] == "topics/journey.md"]
    assert [(m["line"], m["level"]) for m in problems] == [("4", "error"), ("4", "error")], result.stderr
    assert all("must be a web address" in m["message"] for m in problems)
    assert not (root / "_site").exists()


# -- publishing, caching, locking ------------------------------------------------------------------------

def test_failed_build_leaves_the_previous_site_byte_identical(run, base_archive):
    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    assert "items/first/index.html" in before
    (base_archive / "items" / "first.md").write_text(
        item_md("Changed.", title="Changed", image="first.jpg", places=["atlantis"]), encoding="utf-8")
    result = build(run, base_archive, status=1)
    assert [(m["path"], m["line"]) for m in problem_lines(result.stderr)] == [("items/first.md", "4")]
    assert "previous _site/ is unchanged" in result.stderr
    assert snapshot(base_archive / "_site") == before
    assert sorted(p.name for p in base_archive.iterdir() if p.name.startswith("_site")) == ["_site"]


@pytest.mark.parametrize(("exception", "status", "message"), [
    ("albumen", 1, "simulated"),
    ("interrupt", 130, "interrupted"),
    ("bug", 3, "internal error"),
])
def test_failure_in_a_late_stage_leaves_the_previous_site(run, base_archive, monkeypatch, exception, status,
                                                          message):
    from albumen import pipeline
    from albumen.problems import AlbumenError

    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    (base_archive / "items" / "first.md").write_text(
        item_md("Changed caption.", title="Changed", image="first.jpg"), encoding="utf-8")

    def broken_indexer(out: Any, pages: list[str], scratch: Path, meanwhile: Any = None) -> None:
        assert (out.root / "items" / "first" / "index.html").is_file()  # the new site was being made
        if exception == "albumen":
            raise AlbumenError("the search indexer (pagefind) failed: simulated")
        if exception == "interrupt":
            raise KeyboardInterrupt
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "index_site", broken_indexer)
    result = run("build", "-q", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == status, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(base_archive / "_site") == before
    assert sorted(p.name for p in base_archive.iterdir() if p.name.startswith("_site")) == ["_site"]


STOPPED_WHILE_IMAGES_ARE_MADE = """
import sys
from pathlib import Path
from albumen import pipeline
from albumen.executors import LocalProcessExecutor
from albumen.reporter import Reporter

def stop(*args, **kwargs):
    raise KeyboardInterrupt  # Ctrl-C while the pages are written and the workers make the images

pipeline.index_site = stop
if sys.argv[2] == "twice":  # and Ctrl-C again while the workers are being stopped
    from concurrent.futures import ProcessPoolExecutor

    real_shutdown = ProcessPoolExecutor.shutdown
    pressed = []

    def shutdown(self, wait=True, *, cancel_futures=False):
        if not pressed:
            pressed.append(True)
            real_shutdown(self, wait=False, cancel_futures=cancel_futures)
            raise KeyboardInterrupt
        return real_shutdown(self, wait=wait, cancel_futures=cancel_futures)

    ProcessPoolExecutor.shutdown = shutdown
if __name__ == "__main__":
    try:
        pipeline.build(Path(sys.argv[1]), Reporter(), LocalProcessExecutor(2))
    except KeyboardInterrupt:
        print("stopped")
"""


@pytest.mark.parametrize("presses", ["once", "twice"])
def test_ctrl_c_while_images_are_made_stops_the_build_at_once(make_archive, tmp_path, presses):
    # The workers' jobs not yet started are cancelled: the thread reading their results must be told,
    # or the build waits for ever (found by review: Ctrl-C hung the build; pressed twice, it hung until
    # a third press).
    files = base_files()
    images = {f"p{n}.jpg": (1200, 800) for n in range(24)}
    for n in range(24):
        files[f"items/p{n}.md"] = item_md(f"Photo {n}.", image=f"p{n}.jpg")
    root = make_archive(files, {**BASE_IMAGES, **images})
    script = tmp_path / "stop.py"
    script.write_text(STOPPED_WHILE_IMAGES_ARE_MADE, encoding="utf-8")
    # A bound for a hang, not a timing: the build ends at once, well inside it, or hangs for ever.
    done = subprocess.run([sys.executable, str(script), str(root), presses], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "stopped", done.stderr
    assert not (root / "_site").exists() and not (root / "_site.building").exists()


# Makes every image worker slow to start (sitecustomize runs as Python starts, before the worker's own
# code), and says when one has begun: a Ctrl-C then lands while a worker is still loading Python.
SLOW_WORKER_START = """
import os, sys, time
if "--multiprocessing-fork" in sys.argv:
    open(os.environ["ALBUMEN_TEST_WORKER_LOADING"], "a").close()
    time.sleep(3)
"""


def _ctrl_c_once_started(root: Path, tmp_path: Path, hook: str, marker: str, presses: int = 1
                         ) -> tuple[int, str]:
    """Build with a sitecustomize hook in every process; once the hook has made the file the environment
    variable `marker` names, press Ctrl-C (as a terminal does: to the whole group). (exit status, stderr)"""
    (tmp_path / "site-hook").mkdir()
    (tmp_path / "site-hook" / "sitecustomize.py").write_text(hook, encoding="utf-8")
    started = tmp_path / "hook-started"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site-hook"), *sys.path]),
           marker: str(started)}
    process = subprocess.Popen([sys.executable, "-m", "albumen", "build", "-q", "-C", str(root)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        for _ in range(600):  # a bound for a hang: the hook runs at once, or never
            if started.exists() or process.poll() is not None:
                break
            time.sleep(0.05)
        assert started.exists(), "the hook never ran"
        for _ in range(presses):
            os.killpg(process.pid, signal.SIGINT)
            time.sleep(0.2)
        # A bound for a hang, not a timing: the build ends at once, or waits for minutes.
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, err


def test_ctrl_c_while_the_image_workers_start_prints_no_traceback(make_archive, tmp_path):
    # Found by pressing Ctrl-C at 50 ms steps: a worker still loading Python, before it ignores Ctrl-C,
    # printed its KeyboardInterrupt traceback under the build's "interrupted" message.
    root = make_archive(base_files(), {**BASE_IMAGES, **{f"p{n}.jpg": (1200, 800) for n in range(6)}})
    status, err = _ctrl_c_once_started(root, tmp_path, SLOW_WORKER_START, "ALBUMEN_TEST_WORKER_LOADING")
    assert status == 130
    assert err == "interrupted; the previous site is left as it was\n"
    assert not (root / "_site").exists() and not (root / "_site.building").exists()


# Makes every photo take ten minutes in the image workers (a big scan, in effect), and says when one has
# begun: a Ctrl-C then lands while the workers are at their jobs.
ENDLESS_JOBS = """
import importlib.abc, importlib.util, os, sys, time

class Slowed(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "albumen.images":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            def endless(job):
                open(os.environ["ALBUMEN_TEST_JOB_AT_WORK"], "a").close()
                time.sleep(600)
            module.make_images = endless

        spec.loader.exec_module = exec_module
        return spec

if "--multiprocessing-fork" in sys.argv:
    sys.meta_path.insert(0, Slowed())
"""


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_ends_the_workers_at_their_jobs(make_archive, tmp_path, presses):
    # Found by review: one Ctrl-C waited for the photos the workers held (minutes for big scans), and a
    # second one, pressed meanwhile, hung the build for ever (CPython 3.11-3.12: the interrupted shutdown
    # left the pool's manager waiting for workers that never heard the stop).
    root = make_archive(base_files(), {**BASE_IMAGES, **{f"p{n}.jpg": (1200, 800) for n in range(6)}})
    status, err = _ctrl_c_once_started(root, tmp_path, ENDLESS_JOBS, "ALBUMEN_TEST_JOB_AT_WORK", presses)
    assert status == 130
    assert err.startswith("interrupted; the previous site is left as it was\n"), err
    assert "Traceback" not in err
    assert not (root / "_site").exists() and not (root / "_site.building").exists()


INTERRUPTED_WHILE_LOADING = """
import importlib.abc, sys

class Pressed(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "albumen.cli":
            raise KeyboardInterrupt  # Ctrl-C while Python reads albumen's modules

sys.meta_path.insert(0, Pressed())
import albumen
albumen.run()
"""


def test_ctrl_c_while_albumen_loads_prints_no_traceback(tmp_path):
    script = tmp_path / "loading.py"
    script.write_text(INTERRUPTED_WHILE_LOADING, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), "check"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (130, "interrupted\n")


def test_a_swap_cut_short_is_repaired_by_the_next_build(run, base_archive):
    """A build that died between the swap's two renames left only _site.old: the next build puts it back."""
    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    (base_archive / "_site").rename(base_archive / "_site.old")
    (base_archive / "_site.building").mkdir()
    (base_archive / "_site.building" / "half.html").write_text("<p>half a site</p>")
    build(run, base_archive)
    assert snapshot(base_archive / "_site") == before
    assert sorted(p.name for p in base_archive.iterdir() if p.name.startswith("_site")) == ["_site"]


def test_a_swap_cut_short_is_repaired_even_when_the_next_build_fails(run, base_archive):
    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    (base_archive / "_site").rename(base_archive / "_site.old")
    (base_archive / "items" / "first.md").write_text(
        item_md("Caption.", title="First", image="first.jpg", places=["atlantis"]), encoding="utf-8")
    build(run, base_archive, status=1)
    assert (base_archive / "_site").is_dir(), "the previous site was not put back"
    assert snapshot(base_archive / "_site") == before


def test_warnings_do_not_stop_a_build(run, base_archive):
    (base_archive / "items" / "first.md").write_text(
        item_md("Caption.", titel="Typo", image="first.jpg", topics=["journey"]), encoding="utf-8")
    result = build(run, base_archive)
    assert [(m["path"], m["line"], m["level"]) for m in problem_lines(result.stderr)] == [
        ("items/first.md", "2", "warning")]
    assert (base_archive / "_site" / "items" / "first" / "index.html").is_file()


def derived_files(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted((root / ".albumen" / "derived").rglob("*.jpg"))}  # the cache, not the spare site


def test_second_build_with_nothing_changed_does_no_image_work(run, base_archive):
    build(run, base_archive)
    cache = derived_files(base_archive)
    site = snapshot(base_archive / "_site")
    assert len(cache) == 6  # first.jpg (640 wide): 200, 400, 640; second.jpg (480 wide): 200, 400, 480
    build(run, base_archive)
    assert derived_files(base_archive) == cache
    assert snapshot(base_archive / "_site") == site


def test_a_changed_image_redoes_only_that_image(run, base_archive):
    build(run, base_archive)
    before = derived_files(base_archive)
    make_jpeg(base_archive / "images" / "first.jpg", (640, 480), seed="another picture")
    build(run, base_archive)
    after = derived_files(base_archive)
    kept = {k: v for k, v in after.items() if k in before}
    assert kept == {k: v for k, v in before.items() if k in after}
    assert len(set(after) - set(before)) == 3  # first.jpg's three widths, anew
    assert len(kept) >= 3  # second.jpg's widths untouched


def test_deleting_the_cache_gives_the_same_site(run, base_archive):
    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    shutil.rmtree(base_archive / ".albumen")
    build(run, base_archive)
    assert snapshot(base_archive / "_site") == before


def test_corrupt_catalog_is_rebuilt(run, base_archive):
    import sqlite3

    build(run, base_archive)
    before = snapshot(base_archive / "_site")
    catalog = base_archive / ".albumen" / "catalog.sqlite"
    assert catalog.is_file()
    catalog.write_bytes(b"this is not a database \x00\xff" * 500)
    result = build(run, base_archive)
    assert problem_lines(result.stderr) == []
    assert snapshot(base_archive / "_site") == before
    with sqlite3.connect(catalog) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_folder_where_the_catalog_should_be_is_replaced(run, base_archive):
    run("build", "-q", "--executor", "inline", "-C", base_archive)
    before = snapshot(base_archive / "_site")
    catalog = base_archive / ".albumen" / "catalog.sqlite"
    catalog.unlink()
    (catalog / "inside").mkdir(parents=True)
    (base_archive / "items" / "first.md").write_text(item_md("Changed.", image="first.jpg"), encoding="utf-8")
    result = run("build", "-q", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == 0, result.stderr
    assert catalog.is_file() and snapshot(base_archive / "_site") != before


def test_new_archive_builds_at_once(run, tmp_path):
    target = tmp_path / "my-archive"
    result = run("new", target)
    assert result.exit_code == 0, result.stderr
    for rel in ("albumen.toml", "places.yaml", "pages/about.md"):
        assert (target / rel).is_file(), rel
    assert (target / "images").is_dir() and (target / "items").is_dir() and (target / "topics").is_dir()
    check = run("check", "-C", target)
    assert check.exit_code == 0 and problem_lines(check.stderr) == [], check.stderr
    build(run, target)
    item_ids = [p.stem for p in (target / "items").glob("*.md")]
    assert item_ids
    for item_id in item_ids:
        assert (target / "_site" / "items" / item_id / "index.html").is_file()
    assert (target / "_site" / "about" / "index.html").is_file()


def test_new_refuses_a_folder_with_files(run, tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    result = run("new", target)
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text() == "keep me"


def test_second_build_while_locked_is_refused(run, base_archive):
    cache = base_archive / ".albumen"
    cache.mkdir()
    with (cache / "build.lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = build(run, base_archive, status=1)
        assert "another albumen build is running" in result.stderr
        assert not (base_archive / "_site").exists()
        fcntl.flock(handle, fcntl.LOCK_UN)
    build(run, base_archive)
    assert (base_archive / "_site" / "index.html").is_file()


def test_truncated_image_is_reported_and_the_rest_published(run, base_archive):
    good = make_jpeg(base_archive / "images" / "whole.jpg", (800, 600))
    data = good.read_bytes()
    good.unlink()
    (base_archive / "images" / "broken.jpg").write_bytes(data[: len(data) * 2 // 5])
    (base_archive / "items" / "broken.md").write_text(
        item_md("A damaged scan.", title="Broken", image="broken.jpg", topics=["journey"]), encoding="utf-8")
    result = build(run, base_archive, status=1)
    problems = [(m["path"], m["level"]) for m in problem_lines(result.stderr)]
    assert problems == [("images/broken.jpg", "error")], result.stderr
    site = base_archive / "_site"
    for item_id in ("first", "second"):
        img = page_of(site, f"items/{item_id}/").find("figure", cls="photo").find("img")
        assert resolve(site, site / "items" / item_id / "index.html", img.get("src")).is_file()
    assert not (site / "media" / "broken").exists()
    broken_page = site / "items" / "broken" / "index.html"
    if broken_page.exists():
        assert parse_html(broken_page).find("figure", cls="photo").find_all("img") == []


def test_build_outside_an_archive_is_an_error_not_a_crash(run, tmp_path):
    result = build(run, tmp_path, status=1)
    assert [m["path"] for m in problem_lines(result.stderr)] == ["albumen.toml"]
    assert not (tmp_path / "_site").exists()


def test_build_twice_in_a_row_keeps_no_staging_folders(run, base_archive):
    build(run, base_archive)
    build(run, base_archive)
    assert sorted(p.name for p in base_archive.iterdir()) == sorted(
        ["_site", ".albumen", "albumen.toml", "images", "items", "pages", "places.yaml", "topics"])
    assert os.listdir(base_archive / "_site")


# -- old URLs -----------------------------------------------------------------------------------------------

def test_old_urls_land_on_the_new_pages_and_images(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("The first photograph.", title="First photo", image="first.jpg",
                                      topics=["journey"],
                                      redirect_from=["photos/first.html", "img/big/first%20one.jpg"])
    files["topics/journey.md"] = item_md("The journey.", title="The journey", redirect_from=["journey.htm"])
    root = make_archive(files, BASE_IMAGES)
    build(run, root)
    site = root / "_site"
    for old, new in (("photos/first.html", "items/first/index.html"), ("journey.htm", "topics/journey/index.html")):
        page = parse_html(site / old)
        refresh = page.find("meta", **{"http-equiv": "refresh"}).get("content")
        target = refresh.split("url=", 1)[1]
        assert resolve(site, site / old, target) == site / new
        assert resolve(site, site / old, page.find("a").get("href")) == site / new
    with Image.open(site / "img" / "big" / "first%20one.jpg") as image:
        assert image.size == (640, 480)


def test_old_urls_may_not_replace_the_sites_own_pages(run, make_archive):
    files = base_files()
    files["items/first.md"] = item_md("x", title="First", image="first.jpg", redirect_from=["items/x.html"])
    files["items/second.md"] = item_md("y", title="Second", image="second.jpg",
                                       redirect_from=["../escape.html", "index.html"])
    root = make_archive(files, BASE_IMAGES)
    result = build(run, root, status=1)
    messages = [(m["path"], m["message"]) for m in problem_lines(result.stderr)]
    assert any(path == "items/first.md" and "'items/x.html'" in msg for path, msg in messages), messages
    assert any(path == "items/second.md" and "'../escape.html'" in msg for path, msg in messages), messages
    assert any(path == "items/second.md" and "'index.html'" in msg for path, msg in messages), messages


def test_a_build_with_nothing_changed_keeps_the_published_site(run, base_archive):
    build(run, base_archive)
    site = base_archive / "_site"
    inode = site.stat().st_ino
    result = run("build", "--executor", "inline", "-C", base_archive)
    assert result.exit_code == 0 and "up to date" in result.stderr
    assert site.stat().st_ino == inode  # not rebuilt, not swapped
    (base_archive / "items" / "first.md").write_text(
        item_md("A new caption.", title="First photo", image="first.jpg", topics=["journey"]), encoding="utf-8")
    build(run, base_archive)
    assert site.stat().st_ino != inode
    assert "A new caption." in page_of(site, "items/first/").find("figcaption").text()
    inode = site.stat().st_ino
    shutil.rmtree(site)
    build(run, base_archive)  # a deleted site is built again, though the archive did not change
    assert (site / "items" / "first" / "index.html").is_file()
    (base_archive / "albumen.toml").write_text('title = "Renamed"\n[images]\nwidths = [200, 400, 800]\n',
                                               encoding="utf-8")
    build(run, base_archive)
    assert "Renamed" in (site / "index.html").read_text(encoding="utf-8")


def test_the_pagefind_named_by_pagefind_binary_path_is_the_one_run(run, base_archive, monkeypatch, tmp_path):
    # `python -m pagefind` honours PAGEFIND_BINARY_PATH (a user's own build of Pagefind); albumen runs the
    # binary itself and must honour it too.
    from albumen.stages.index import _pagefind

    real = _pagefind()
    marker = tmp_path / "ran"
    wrapper = tmp_path / "my-pagefind"
    wrapper.write_text(f'#!/bin/sh\necho "$@" > "{marker}"\nexec {" ".join(real)} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    build(run, base_archive)
    assert "--output-path" in marker.read_text(encoding="utf-8")
    assert (base_archive / "_site" / "pagefind" / "pagefind-entry.json").is_file()
    assert oct((base_archive / "_site" / "pagefind").stat().st_mode & 0o777) == oct(0o755)
