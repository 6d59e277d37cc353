"""Objects (issue 18): an item with several images, a postcard's two sides or a letter's pages, is one record
with its images in order: each image checked with a located error, derived and cached on its own, shown as a
strip on the item page, a canvas each in its IIIF manifest, and listed by `albumen export json`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from albumen.archive_reader import record_from_text
from albumen.executors import InlineExecutor
from albumen.pipeline import build as albumen_build
from albumen.problems import Problems
from albumen.records import Item, ItemImage
from albumen.reporter import BufferReporter
from conftest import BASE_IMAGES, base_files, item_md, page_of, problem_lines, resolve, run_cli

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "iiif" / "iiif_3_0.json"

LETTER = """\
---
title: A letter home
images:
  - letter/page-1.jpg
  - {file: letter/page-2.jpg, label: page 2}
  - file: letter/envelope.jpg
    label: envelope
paged: true
date: 1944-10
topics: [journey]
places: [liuzhou]
subjects: [letters]
---
Written at Liuzhou, three pages and the envelope.
"""
LETTER_IMAGES = {"letter/page-1.jpg": (600, 800), "letter/page-2.jpg": (600, 800), "letter/envelope.jpg": (900, 500)}


def letter_archive(make_archive, **more_images: tuple[int, int]) -> Path:
    return make_archive({**base_files(), "items/letter.md": LETTER}, {**BASE_IMAGES, **LETTER_IMAGES, **more_images})


def build(root: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 0, result.stderr


# -- the record -----------------------------------------------------------------------------------------------

def test_images_are_read_in_order_with_labels_and_the_first_is_the_image():
    problems = Problems()
    item = record_from_text("items/letter.md", LETTER, problems)
    assert not problems.items
    assert isinstance(item, Item)
    assert item.images == (ItemImage("letter/page-1.jpg"), ItemImage("letter/page-2.jpg", "page 2"),
                           ItemImage("letter/envelope.jpg", "envelope"))
    assert item.image == "letter/page-1.jpg" and item.paged
    assert [item.image_line(n) for n in range(3)] == [4, 5, 6]


def test_a_single_image_is_the_items_one_image():
    item = record_from_text("items/x.md", item_md(image="x.jpg"), Problems())
    assert isinstance(item, Item) and item.images == (ItemImage("x.jpg"),) and not item.paged
    made = Item("y", "items/y.md", "y.jpg", "Y", "")  # as importers and tests make one
    assert made.images == (ItemImage("y.jpg"),)


@pytest.mark.parametrize(("front_matter", "line", "words"), [
    ("image: a.jpg\nimages: [b.jpg]", 2, "either 'image:'"),
    ("images: a.jpg", 2, "must be a list"),
    ("images: []", 2, "must be a list"),
    ("images:\n  - a.jpg\n  - [b.jpg]", 4, "each image must be a path"),
    ("images:\n  - a.jpg\n  - {label: back}", 4, "each image must be a path"),
    ("images:\n  - a.jpg\n  - {file: b.jpg, label: [x]}", 4, "'label' must be text"),
    ("images: [a.jpg]\npaged: sometimes", 3, "'paged' must be true or false"),
])
def test_a_wrong_images_list_is_a_located_error(front_matter, line, words):
    problems = Problems()
    record_from_text("items/x.md", f"---\n{front_matter}\n---\nCaption.\n", problems)
    [error] = problems.errors
    assert (error.path, error.line) == ("items/x.md", line)
    assert words in error.message


def test_an_image_listed_twice_is_a_warning_and_kept_once():
    problems = Problems()
    item = record_from_text("items/x.md", "---\nimages:\n  - a.jpg\n  - b.jpg\n  - a.jpg\n---\n", problems)
    assert isinstance(item, Item) and [i.path for i in item.images] == ["a.jpg", "b.jpg"]
    [warning] = problems.items
    assert (warning.level, warning.line) == ("warning", 5) and "listed twice" in warning.message


# -- check ----------------------------------------------------------------------------------------------------

def test_every_image_is_checked_with_the_line_of_its_entry(make_archive, tmp_path):
    root = letter_archive(make_archive)
    (root / "images" / "letter" / "page-2.jpg").unlink()
    (tmp_path / "outside.jpg").write_bytes((root / "images" / "first.jpg").read_bytes())
    (root / "images" / "letter" / "envelope.jpg").unlink()
    (root / "images" / "letter" / "envelope.jpg").symlink_to(tmp_path / "outside.jpg")
    text = LETTER.replace("  - letter/page-1.jpg\n", "  - letter/page-1.jpg\n  - ../secret.jpg\n")
    (root / "items" / "letter.md").write_text(text, encoding="utf-8")
    result = run_cli("check", "-C", root)
    assert result.exit_code == 1
    found = {(m["path"], m["line"], m["message"].split(":")[0]) for m in problem_lines(result.stderr)}
    assert found == {
        ("items/letter.md", "5", "image '../secret.jpg' must be a path inside images/, written relative to it (e.g. "
                                 "ichigo/mother.jpg), with no '..' or leading '/'"),
        ("items/letter.md", "6", "image not found"),
        ("items/letter.md", "7", "image 'letter/envelope.jpg' is a link that points outside images/; copy the file "
                                 "into images/ instead"),
    }


def test_a_page_that_does_not_open_leaves_the_object_its_other_pages(make_archive):
    root = letter_archive(make_archive)
    (root / "images" / "letter" / "page-2.jpg").write_bytes(b"not a picture at all")
    result = run_cli("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 1  # reported, the site still published
    assert "images/letter/page-2.jpg" in result.stderr and "(used by items/letter.md)" in result.stderr
    strip = page_of(root / "_site", "items/letter/").find("nav", cls="image-strip")
    assert [a.get("href") for a in strip.find_all("a")] == ["#image-1", "#image-3"]
    assert [s.text() for s in strip.find_all("span")] == ["Image 1", "envelope"]
    assert (root / "_site" / "media" / "letter" / "3" / "w800.jpg").is_file()
    assert not (root / "_site" / "media" / "letter" / "2").exists()


# -- the site -------------------------------------------------------------------------------------------------

@pytest.fixture
def built_letter(make_archive) -> Path:
    root = letter_archive(make_archive)
    build(root)
    return root


def test_the_item_page_shows_the_first_image_and_a_strip_of_labelled_links(built_letter):
    site = built_letter / "_site"
    page = page_of(site, "items/letter/")
    shown = page.find("div", cls="object-images").find_all("a", cls="object-image")
    assert [a.get("id") for a in shown] == ["image-1", "image-2", "image-3"]
    # each image's own media, at the anchor a strip link names; the first loads at once, the others when shown
    imgs = [a.find("img") for a in shown]
    html_file = site / "items/letter/index.html"
    assert [resolve(site, html_file, img.get("src") or "").is_file() for img in imgs] == [True] * 3
    assert [img.get("src") for img in imgs] == ["../../media/letter/w400.jpg", "../../media/letter/2/w400.jpg",
                                                "../../media/letter/3/w400.jpg"]
    assert [img.get("loading") for img in imgs] == [None, "lazy", "lazy"]
    strip = page.find("nav", cls="image-strip")
    links = strip.find_all("a")
    assert [a.get("href") for a in links] == ["#image-1", "#image-2", "#image-3"]
    assert [a.find("span").text() for a in links] == ["Image 1", "page 2", "envelope"]
    assert links[0].get("aria-current") == "true"
    # deep zoom pages through the three images
    zoom = json.loads(page.find("div", id="zoom").get("data-zoom") or "")
    assert isinstance(zoom, list) and len(zoom) == 3
    assert zoom[2]["id"] == "../../iiif/items/letter/image-3"  # 900 px: a service of whole sizes
    assert (site / "iiif" / "items" / "letter" / "image-3" / "full" / "max" / "0" / "default.jpg").is_file()
    # one caption, one set of facts: they belong to the object
    assert len(page.find_all("figcaption", cls="caption")) == 1
    assert page.find("dl", cls="facts").text().count("Liuzhou") == 1


def test_a_gallery_card_shows_the_first_image_and_how_many(built_letter):
    page = page_of(built_letter / "_site", "topics/journey/")
    [card] = [c for c in page.find_all("li", cls="card") if c.find("a", cls="card-title").text() == "A letter home"]
    assert (card.find("img").get("src") or "").startswith("../../media/letter/w")
    assert card.find("span", cls="card-count").text() == "3 images"
    single = [c for c in page.find_all("li", cls="card") if c.find("a", cls="card-title").text() == "First photo"]
    assert single and not single[0].find_all("span", cls="card-count")


def test_search_map_timeline_feed_and_citation_see_one_record(built_letter):
    site = built_letter / "_site"
    for gallery in ("topics/journey/", "places/liuzhou/", "subjects/letters/", "decades/1940s/", "items/"):
        hrefs = [a.get("href") for a in page_of(site, gallery).find_all("a", cls="card-title")]
        assert sum((h or "").endswith("items/letter/") for h in hrefs) == 1, gallery
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert timeline.count('href="../items/letter/"') == 1
    search = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert search.count('"items/letter/"') == 1
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8") if (site / "sitemap.xml").exists() else ""
    assert sitemap.count("items/letter/</loc>") <= 1
    assert not list(site.glob("items/letter/*/index.html"))  # no page per image: one record, one page
    cite = page_of(site, "items/letter/").find("section", cls="cite").text()
    assert cite.count("A letter home") >= 1


def test_the_manifest_has_a_labelled_canvas_per_image_and_is_paged(built_letter):
    manifest = json.loads((built_letter / "_site" / "iiif" / "items" / "letter" / "manifest.json").read_text())
    assert manifest["behavior"] == ["paged"]
    canvases = manifest["items"]
    assert [c["label"] for c in canvases] == [{"en": ["Image 1"]}, {"en": ["page 2"]}, {"en": ["envelope"]}]
    assert [c["id"].rsplit("/", 2)[-2:] for c in canvases] == [["canvas", "1"], ["canvas", "2"], ["canvas", "3"]]
    assert [(c["width"], c["height"]) for c in canvases] == [(600, 800), (600, 800), (900, 500)]
    bodies = [c["items"][0]["items"][0]["body"]["id"] for c in canvases]
    assert [b.split("/media/")[1] for b in bodies] == ["letter/w600.jpg", "letter/2/w600.jpg", "letter/3/w800.jpg"]
    for canvas in canvases:
        annotation = canvas["items"][0]["items"][0]
        assert annotation["target"] == canvas["id"]
    assert manifest["thumbnail"][0]["id"].endswith("/media/letter/w200.jpg")
    single = json.loads((built_letter / "_site" / "iiif" / "items" / "first" / "manifest.json").read_text())
    assert "behavior" not in single and "label" not in single["items"][0]


def test_every_manifest_is_valid_presentation_3(built_letter):
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} is absent (the shared corpus is not here)")
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    documents = sorted((built_letter / "_site" / "iiif").rglob("*.json"))
    checked = 0
    for path in documents:
        if path.name in ("manifest.json", "collection.json"):
            errors = [e.message for e in validator.iter_errors(json.loads(path.read_text()))]
            assert not errors, f"{path}: {errors[:3]}"
            checked += 1
    assert checked >= 5
    prezi3 = pytest.importorskip("iiif_prezi3")
    prezi3.Manifest(**json.loads((built_letter / "_site/iiif/items/letter/manifest.json").read_text()))


def test_unpaged_object_has_no_paged_behavior(make_archive):
    root = make_archive({**base_files(), "items/card.md": item_md(
        "A postcard.", title="Postcard", images=[{"file": "card/front.jpg", "label": "front"},
                                                  {"file": "card/back.jpg", "label": "back"}])},
        {**BASE_IMAGES, "card/front.jpg": (700, 450), "card/back.jpg": (700, 450)})
    build(root)
    manifest = json.loads((root / "_site" / "iiif" / "items" / "card" / "manifest.json").read_text())
    assert "behavior" not in manifest and len(manifest["items"]) == 2


# -- the cache ------------------------------------------------------------------------------------------------

def test_adding_a_page_derives_that_page_only(make_archive):
    root = letter_archive(make_archive, **{"letter/page-3.jpg": (600, 800)})
    build(root)
    cached = sorted(p.relative_to(root) for p in (root / ".albumen" / "derived").rglob("*") if p.is_file())
    stamps = {p: (root / p).stat().st_mtime_ns for p in cached}
    text = LETTER.replace("  - file: letter/envelope.jpg", "  - letter/page-3.jpg\n  - file: letter/envelope.jpg")
    (root / "items" / "letter.md").write_text(text, encoding="utf-8")
    result = albumen_build(root, BufferReporter(), InlineExecutor())
    assert result.published and not result.problems.errors
    assert result.images_made == 1  # the new page's original, and no other
    after = sorted(p.relative_to(root) for p in (root / ".albumen" / "derived").rglob("*") if p.is_file())
    made = set(after) - set(cached)
    assert made and all(p.parts[3].startswith(_sha(root / "images" / "letter" / "page-3.jpg")) for p in made)
    assert {p: (root / p).stat().st_mtime_ns for p in cached} == stamps  # nothing else made again
    # the new page is image 3 and the envelope, written after it, moved to 4
    page = page_of(root / "_site", "items/letter/")
    assert [a.find("span").text() for a in page.find("nav", cls="image-strip").find_all("a")] == [
        "Image 1", "page 2", "Image 3", "envelope"]
    assert (root / "_site" / "media" / "letter" / "4" / "w800.jpg").is_file()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- export ---------------------------------------------------------------------------------------------------

def test_export_json_lists_each_objects_images(make_archive):
    root = letter_archive(make_archive)
    result = run_cli("export", "json", "-C", root)
    assert result.exit_code == 0, result.stderr
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    letter = items["letter"]
    assert [(i["path"], i["label"], i["width"], i["height"]) for i in letter["images"]] == [
        ("letter/page-1.jpg", "", 600, 800), ("letter/page-2.jpg", "page 2", 600, 800),
        ("letter/envelope.jpg", "envelope", 900, 500)]
    assert letter["images"][1]["sha256"] == _sha(root / "images" / "letter" / "page-2.jpg")
    assert letter["image"]["path"] == "letter/page-1.jpg" and letter["paged"] is True
    assert [i["path"] for i in items["first"]["images"]] == ["first.jpg"] and items["first"]["paged"] is False


def test_an_image_shared_by_two_objects_is_made_once(make_archive):
    files = {**base_files(), "items/a.md": item_md(title="A", images=["shared.jpg", "a2.jpg"]),
             "items/b.md": item_md(title="B", images=["b1.jpg", "shared.jpg"])}
    root = make_archive(files, {**BASE_IMAGES, "shared.jpg": (500, 400), "a2.jpg": (500, 400), "b1.jpg": (500, 400)})
    build(root)
    with Image.open(root / "_site" / "media" / "b" / "2" / "w400.jpg") as one, \
            Image.open(root / "_site" / "media" / "a" / "w400.jpg") as other:
        assert one.tobytes() == other.tobytes()
    assert (root / "_site" / "media" / "b" / "2" / "w400.jpg").stat().st_ino == (
        root / "_site" / "media" / "a" / "w400.jpg").stat().st_ino  # one file in the cache, linked twice
