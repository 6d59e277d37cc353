"""Objects on import (issue 18): CollectionBuilder's compound objects and Wax's folders of pages become one item with
their images in order; `import photos` groups x_front/x_back and x-001/x-002; `import html` makes one item of a photo
page that shows a front and a back. Small sheets and folders made here; the corpus' own demo collections when there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import make_jpeg, page_of, run_cli

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spreadsheets"
SMALL = 'title = "Imported"\n[images]\nwidths = [200]\nformats = []\n'


def run_import(*args: object, status: int = 0) -> Result:
    result = run_cli("import", *args)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def new_archive(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "albumen.toml").write_text(SMALL, encoding="utf-8")
    return path


def exported(archive: Path) -> dict[str, dict[str, Any]]:
    result = run_cli("export", "json", "-C", archive)
    assert result.exit_code == 0, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)["items"]}


def build(archive: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", archive)
    assert result.exit_code == 0, result.stderr


# -- spreadsheets ---------------------------------------------------------------------------------------------

COMPOUND = """\
objectid,parentid,title,date,description,location,object_location,image_alt_text
card,,A postcard from Spokane,1909,The Davenport's restaurant.,Spokane,,
card-a,card,postcard front,,,,objects/card-a.jpg,the restaurant's front
card-b,card,postcard back,,,,objects/card-b.jpg,
loose,,A loose photo,1910,By itself.,,objects/loose.jpg,a street
orphan,nowhere,An orphan,,,,objects/orphan.jpg,
remote,,Remote parts,,,,,
remote-1,remote,part one,,,,https://example.org/a.jpg,
"""


def test_a_compound_object_is_one_item_with_its_parents_fields_and_its_parts_images(tmp_path):
    sheet = tmp_path / "data.csv"
    sheet.write_text(COMPOUND, encoding="utf-8")
    for name in ("card-a", "card-b", "loose", "orphan"):
        make_jpeg(tmp_path / "objects" / f"{name}.jpg", (300, 200))
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, "-C", archive, "--images", tmp_path / "objects", status=1)
    items = exported(archive)
    assert sorted(items) == ["card", "loose", "orphan"]  # the parts are no items of their own
    card = items["card"]
    assert (card["title"], card["date"]["edtf"], card["caption"]) == ("A postcard from Spokane", "1909",
                                                                       "The Davenport's restaurant.")
    assert [(i["path"].rsplit("/", 1)[-1], i["label"]) for i in card["images"]] == [
        ("card-a.jpg", "postcard front"), ("card-b.jpg", "postcard back")]
    assert card["alt"] == "the restaurant's front"  # the parent has none: its first part's
    assert card["source"]["parts"] == [{"row": 3, "file": "objects/card-a.jpg"},
                                       {"row": 4, "file": "objects/card-b.jpg"}]
    assert [i["path"] for i in items["loose"]["images"]] == [items["loose"]["image"]["path"]]
    # an object none of whose parts has an image here is reported on its own row, and each part on its own
    assert "data.csv:7: error: a compound object whose parts (rows 8) have no image here" in result.stderr
    assert "data.csv:8: error: the file is on another server" in result.stderr
    assert "data.csv:6: warning: its parentid 'nowhere' is no row's objectid" in result.stderr
    build(archive)
    strip = page_of(archive / "_site", "items/card/").find("nav", cls="image-strip")
    assert [span.text() for span in strip.find_all("span")] == ["postcard front", "postcard back"]


def test_a_wax_object_is_the_folder_of_pages_named_by_its_pid(tmp_path):
    sheet = tmp_path / "qatar.csv"
    sheet.write_text("pid,label,_date\nobj1,One picture,1801\nobj12,The Book of Horses,1650\n", encoding="utf-8")
    make_jpeg(tmp_path / "raw" / "obj1.jpg", (300, 200))
    for name in ("page-10", "page-2", "page-1"):
        make_jpeg(tmp_path / "raw" / "obj12" / f"{name}.jpg", (200, 300))
    archive = new_archive(tmp_path / "archive")
    run_import("csv", sheet, "-C", archive, "--images", tmp_path / "raw")
    items = exported(archive)
    assert sorted(items) == ["obj1", "obj12"]
    assert [i["path"].rsplit("/", 1)[-1] for i in items["obj12"]["images"]] == ["page-1.jpg", "page-2.jpg",
                                                                                "page-10.jpg"]
    assert len(items["obj1"]["images"]) == 1


def corpus(*parts: str) -> Path:
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


def test_wax_qatar_obj12_is_one_six_page_object(tmp_path):
    sheet = corpus("wax-qatar", "qatar-original.csv")
    archive = new_archive(tmp_path / "archive")
    run_import("csv", sheet, "-C", archive, "--images", corpus("wax-qatar", "raw_images"), status=1)
    items = exported(archive)
    obj12 = items["obj12"]
    assert [i["path"].rsplit("/", 1)[-1] for i in obj12["images"]] == [f"0{n}.jpg" for n in range(6)]
    assert obj12["title"].startswith("Excerpt from 'The Book of Horses'")
    assert not any(key.startswith("obj12-") or key in {f"0{n}" for n in range(6)} for key in items)
    build(archive)
    manifest = json.loads((archive / "_site" / "iiif" / "items" / "obj12" / "manifest.json").read_text())
    assert len(manifest["items"]) == 6


def test_collectionbuilders_compound_objects_are_whole(tmp_path):
    data = corpus("collectionbuilder-csv", "_data")
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", data / "demo-compoundobjects-metadata.csv", "-C", archive, "--images",
                        corpus("collectionbuilder-csv", "objects"), status=1)
    items = exported(archive)
    # demo_018 (a postcard: the parent's title, date, place and description; its two sides as parts)
    postcard = items["demo-018"]
    assert postcard["title"] == "Spokane's Great Restaurant, Washington" and postcard["date"]["edtf"] == "1909"
    assert postcard["caption"].startswith("Example postcard using display template 'multiple.'")
    assert [(i["path"].rsplit("/", 1)[-1], i["label"]) for i in postcard["images"]] == [
        ("210a.jpg", "postcard front"), ("210b.jpg", "postcard back")]
    assert not {"210a", "210b", "demo-019", "demo-020"} & set(items)  # no loose part
    # the objects whose parts are all elsewhere (other servers, videos) are reported, never split
    for parent_row in (9, 14, 22, 33):
        assert f"demo-compoundobjects-metadata.csv:{parent_row}: error: a compound object whose parts" in (
            result.stderr)
    build(archive)
    page = page_of(archive / "_site", "items/demo-018/")
    assert [s.text() for s in page.find("nav", cls="image-strip").find_all("span")] == ["postcard front",
                                                                                         "postcard back"]


# -- photos ---------------------------------------------------------------------------------------------------

def test_import_photos_groups_sides_and_numbered_pages(tmp_path):
    photos = tmp_path / "photos"
    for name in ("card_back", "card_front", "letter-002", "letter-001", "letter-003", "IMG_0001", "IMG_0002",
                 "alone", "x-1", "x-3"):
        make_jpeg(photos / f"{name}.jpg", (300, 200))
    make_jpeg(photos / "other" / "card_back.jpg", (300, 200))  # another folder: another object
    archive = new_archive(tmp_path / "archive")
    run_import("photos", photos, "-C", archive)
    items = exported(archive)
    assert sorted(items) == ["alone", "card", "card-back", "img-0001", "img-0002", "letter", "x-1", "x-3"]
    assert [(i["path"].rsplit("/", 1)[-1], i["label"]) for i in items["card"]["images"]] == [
        ("card_front.jpg", "front"), ("card_back.jpg", "back")]
    assert [i["path"].rsplit("/", 1)[-1] for i in items["letter"]["images"]] == [
        "letter-001.jpg", "letter-002.jpg", "letter-003.jpg"]
    assert items["letter"]["source"]["files"] == ["letter-001.jpg", "letter-002.jpg", "letter-003.jpg"]
    # a camera's counter (IMG_0001) and numbers with a gap (x-1, x-3) are separate photos
    assert all(len(items[i]["images"]) == 1 for i in ("img-0001", "img-0002", "x-1", "x-3", "alone", "card-back"))
    build(archive)
    assert (archive / "_site" / "media" / "letter" / "3" / "w200.jpg").is_file()


def test_import_photos_no_group_keeps_an_item_each(tmp_path):
    photos = tmp_path / "photos"
    for name in ("card_front", "card_back"):
        make_jpeg(photos / f"{name}.jpg", (300, 200))
    archive = new_archive(tmp_path / "archive")
    run_import("photos", photos, "-C", archive, "--no-group")
    assert sorted(exported(archive)) == ["card-back", "card-front"]


# -- an old site ----------------------------------------------------------------------------------------------

def _old_site(root: Path, back_name: str = "card1-back", back_caption: str = "Back: written by Anna, 1921.") -> None:
    from PIL import Image

    for name, size in (("card1-front", (600, 400)), (back_name, (600, 400)), ("other", (600, 400))):
        make_jpeg(root / "images" / f"{name}.jpg", size)
    for name in ("card1-front", "other"):
        with Image.open(root / "images" / f"{name}.jpg") as big:
            big.resize((150, 100)).save(root / "images" / f"{name}-t.jpg", quality=90)
    (root / "index.html").write_text(
        "<html><head><title>Postcards</title></head><body><h1>Postcards</h1>\n"
        '<p><a href="card1.html"><img src="images/card1-front-t.jpg" width="150" height="100" '
        'alt="Postcard of the bridge"></a> Postcard of the bridge</p>\n'
        '<p><a href="other.html"><img src="images/other-t.jpg" width="150" height="100" alt="A street"></a> '
        "A street</p>\n</body></html>\n", encoding="utf-8")
    (root / "card1.html").write_text(
        "<html><head><title>Postcard of the bridge</title></head><body><h1>Postcard of the bridge</h1>\n"
        '<p><img src="images/card1-front.jpg" width="600" height="400" alt="Front of the postcard"><br>Front</p>\n'
        f'<p><img src="images/{back_name}.jpg" width="600" height="400" alt="The other side"><br>{back_caption}</p>\n'
        '<p>Sent from Basel in 1921.</p>\n<p><a href="index.html">Back to the list</a></p></body></html>\n',
        encoding="utf-8")
    (root / "other.html").write_text(
        "<html><head><title>A street</title></head><body><h1>A street</h1>\n"
        '<p><img src="images/other.jpg" width="600" height="400" alt="A street"></p><p>The main street.</p>\n'
        '<p><a href="index.html">Back to the list</a></p></body></html>\n', encoding="utf-8")


def test_import_html_makes_one_item_of_a_page_with_a_front_and_a_back(tmp_path):
    old = tmp_path / "old"
    _old_site(old)
    archive = tmp_path / "archive"
    run_import("html", old, "-C", archive)
    items = exported(archive)
    assert sorted(items) == ["card1", "other"]
    card = items["card1"]
    assert card["title"] == "Postcard of the bridge"
    assert [(i["path"].rsplit("/", 1)[-1], i["label"]) for i in card["images"]] == [
        ("card1-front.jpg", "front"), ("card1-back.jpg", "back")]
    assert card["caption"] == "Sent from Basel in 1921.\n\nBack: written by Anna, 1921."
    assert "card1.html" in card["redirect_from"] and "images/card1-back.jpg" in card["redirect_from"]
    topics = json.loads(run_cli("export", "json", "-C", archive).stdout)["topics"]
    assert [(t["id"], t["items"]) for t in topics] == [("postcards", ["card1", "other"])]
    build(archive)
    site = archive / "_site"
    assert "items/card1/" in (site / "card1.html").read_text(encoding="utf-8")  # the old page leads to it
    strip = page_of(site, "items/card1/").find("nav", cls="image-strip")
    assert [s.text() for s in strip.find_all("span")] == ["front", "back"]


def test_import_html_keeps_two_photos_apart_when_nothing_says_front_and_back(tmp_path):
    old = tmp_path / "old"
    _old_site(old, back_name="card1-bridge", back_caption="The bridge at night.")
    archive = tmp_path / "archive"
    run_import("html", old, "-C", archive)
    items = exported(archive)
    assert "card1" not in items and all(len(item["images"]) == 1 for item in items.values())
