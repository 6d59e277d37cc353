"""`albumen export json`: the whole catalog as one JSON document with stable, sorted keys."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import copy_example, item_md, problem_lines

DATE_KEYS = {"edtf", "label", "lower", "upper"}


def export(run, root: Path) -> tuple[dict, str]:
    result = run("export", "json", "-C", root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # nothing but the document, so scripts can pipe it
    return json.loads(result.stdout), result.stdout


@pytest.fixture
def exported(run, example_copy) -> tuple[Path, dict, str]:
    document, text = export(run, example_copy)
    return example_copy, document, text


def test_top_level_keys(exported):
    _, document, _ = exported
    assert set(document) == {"site", "items", "topics", "places", "pages"}
    assert document["site"]["title"] == "China in WWII: a family's photographs"


def test_items_with_dates_and_images(exported):
    root, document, _ = exported
    items = {i["id"]: i for i in document["items"]}
    assert sorted(items) == sorted(p.stem for p in (root / "items").glob("*.md"))
    assert len(items) == 10
    for item_id, item in items.items():
        assert set(item["date"]) == DATE_KEYS, item_id
        text = (root / "items" / f"{item_id}.md").read_text(encoding="utf-8")
        _, meta_text, body = text.split("---\n", 2)
        meta = yaml.safe_load(meta_text)
        assert item["caption"] == body.strip("\n")  # the Markdown exactly as written
        assert item["title"] == meta["title"]
        assert item["file"] == f"items/{item_id}.md"
        assert item["date"]["edtf"] == meta["date"]
        original = root / "images" / meta["image"]
        assert item["image"]["path"] == meta["image"]
        assert item["image"]["sha256"] == hashlib.sha256(original.read_bytes()).hexdigest()
        with Image.open(original) as image:
            assert (item["image"]["width"], item["image"]["height"]) == image.size
    assert items["bunker-guangxi"]["date"] == {"edtf": "1944-22/1944-23", "label": "summer–autumn 1944",
                                               "lower": "1944-06-01", "upper": "1944-11-30"}
    assert items["liuzhou-mother-baby"]["date"] == {"edtf": "1944-23", "label": "autumn 1944",
                                                    "lower": "1944-09-01", "upper": "1944-11-30"}
    assert items["liuzhou-mother-baby"]["places"] == ["liuzhou"]
    assert items["bridge-result"]["subjects"] == ["bridges", "demolition", "retreat"]


def test_topics_places_and_pages(exported):
    _, document, _ = exported
    [topic] = document["topics"]
    assert topic["id"] == "ichigo-campaign"
    assert topic["items"][:3] == ["bunker-guangxi", "bridge-result", "bridge-setting"]
    assert len(topic["items"]) == 10
    assert topic["date"]["lower"] == "1944-04-01" and topic["date"]["upper"] == "1944-12-31"
    assert {"title": "Operation Ichi-Go on Wikipedia",
            "url": "https://en.wikipedia.org/wiki/Operation_Ichi-Go"} in topic["links"]
    places = {p["id"]: p for p in document["places"]}
    assert set(places) == {"china", "guangxi", "liuzhou"}
    assert places["liuzhou"]["parent"] == "guangxi"
    assert places["liuzhou"]["lat"] == pytest.approx(24.3264)
    assert places["liuzhou"]["lon"] == pytest.approx(109.4281)
    assert "柳州" in places["liuzhou"]["other_names"]
    assert [p["id"] for p in document["pages"]] == ["about"]


def test_keys_sorted_and_output_stable(run, exported, tmp_path):
    root, document, text = exported
    assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "柳州" in text  # written as text, not \u escapes
    _, again = export(run, root)
    assert again == text
    # Without its cache, and from another folder, the document is the same.
    shutil.rmtree(root / ".albumen")
    assert export(run, root)[1] == text
    elsewhere = copy_example(tmp_path / "elsewhere" / "copy")
    assert export(run, elsewhere)[1] == text


def test_export_writes_no_site(exported):
    root, _, _ = exported
    assert not (root / "_site").exists()


def test_export_of_a_broken_archive_prints_problems_not_json(run, example_copy):
    (example_copy / "items" / "broken.md").write_text(
        item_md("Caption.", title="Broken", image="ichigo/boy-furniture.jpg", date="someday"),
        encoding="utf-8")
    result = run("export", "json", "-C", example_copy)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert [(m["path"], m["line"]) for m in problem_lines(result.stderr)] == [("items/broken.md", "4")]


def test_unquoted_dates_stay_edtf_text_and_untitled_items_get_a_title(run, make_archive):
    from conftest import BASE_IMAGES, base_files

    files = base_files()
    files["items/first.md"] = item_md("See [the other](item:second) here. A second sentence.",
                                      image="first.jpg", raw_date="1944-10-05")
    files["items/second.md"] = item_md("Caption.", title="Second", image="second.jpg", raw_date="1944-06/1944-11")
    document, _ = export(run, make_archive(files, BASE_IMAGES))
    items = {i["id"]: i for i in document["items"]}
    assert items["first"]["date"] == {"edtf": "1944-10-05", "label": "5 October 1944",
                                      "lower": "1944-10-05", "upper": "1944-10-05"}
    assert items["second"]["date"]["label"] == "June–November 1944"
    assert items["first"]["title"] == "See the other here."
