"""Names and encodings that archives really arrive with: copied from a Mac, saved on Windows, edited anywhere.

What a person expects, and what these tests hold albumen to:
- Unicode normalisation is invisible: 'café' with a combining accent (NFD, how macOS writes file names) and
  with one character (NFC, how editors write text) are the same name, for item files, images, ids in
  links and lists, and place names. Two files whose names differ only so are one id twice: an error.
- A file that is not UTF-8 (Windows-1252, UTF-16) is a located error that says which encoding it seems
  to be, shows the line, and says to save it as UTF-8. A UTF-8 byte order mark is fine.
- CRLF (Windows) and CR (old Mac) line endings just work, and problems have the lines an editor shows.
- A file named Photo.MD is not silently left out.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import Result

from conftest import BASE_IMAGES, PLACES_YAML, base_files, item_md, make_jpeg, parse_html, problem_lines, resolve

NFC = "caf\u00e9"  # é as one character
NFD = "cafe\u0301"  # e + combining acute accent, how macOS file systems give the name
assert unicodedata.normalize("NFC", NFD) == NFC and NFD != NFC

Run = Callable[..., Result]


def located(result: Result) -> list[tuple[str, str | None, str, str]]:
    return [(m["path"], m["line"], m["level"], m["message"]) for m in problem_lines(result.stderr)]


def build(run: Run, root: Path) -> Result:
    return run("build", "-q", "--executor", "inline", "-C", root)


def exported(run: Run, root: Path) -> dict:
    result = run("export", "json", "-C", root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def link_targets(site: Path, page: Path) -> set[Path]:
    hrefs = [a.get("href") or "" for a in parse_html(page).find_all("a")]
    return {resolve(site, page, unquote(href)) for href in hrefs if href and not href.startswith(("http", "#"))}


# -- Unicode normalisation -----------------------------------------------------------------------------------------

def test_item_file_named_in_nfd_has_the_nfc_id_that_links_and_lists_use(run: Run, make_archive) -> None:
    files = base_files()
    files[f"items/{NFD}.md"] = item_md("A café by the river.", title="The café", image="first.jpg",
                                       topics=["journey"])
    # Links and lists name it in NFC (typed in an editor) and in NFD (pasted from a Mac file name).
    files["items/second.md"] = item_md(f"See [the café](item:{NFC}) and [again](item:{NFD}).",
                                       title="Second photo", image="second.jpg", topics=["journey"])
    files["topics/journey.md"] = item_md(f"Through [the café](item:{NFD}).", title="The journey",
                                         items=["second", NFC, "first"])
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 0, result.stderr
    assert located(result) == []
    assert NFC in [item["id"] for item in exported(run, root)["items"]]
    assert build(run, root).exit_code == 0
    site = root / "_site"
    page = site / "items" / NFC / "index.html"
    assert page.is_file(), sorted(p.name for p in (site / "items").iterdir())
    # Both links of the second photo's caption lead to the café's page; so does the topic's narrative.
    caption_links = [a for a in parse_html(site / "items" / "second" / "index.html").find_all("a", cls="item-link")]
    assert len(caption_links) == 2
    assert {resolve(site, site / "items/second/index.html", unquote(a.get("href") or "")) for a in caption_links} \
        == {page}
    assert page in link_targets(site, site / "topics" / "journey" / "index.html")


def test_two_files_whose_names_differ_only_in_normalisation_are_one_id_twice(run: Run, make_archive) -> None:
    files = base_files()
    files[f"items/{NFC}.md"] = item_md("One.", title="One", image="first.jpg")
    files[f"items/{NFD}.md"] = item_md("Two.", title="Two", image="second.jpg")
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    [(path, line, level, message)] = located(result)
    assert path in (f"items/{NFC}.md", f"items/{NFD}.md") and level == "error"
    assert "duplicate id" in message


@pytest.mark.parametrize("on_disk, written", [(NFD, NFC), (NFC, NFD)], ids=["nfd-file-nfc-text", "nfc-file-nfd-text"])
def test_image_named_in_the_other_normalisation_is_found(run: Run, make_archive, on_disk: str, written: str) -> None:
    """A Mac copy names the file in NFD; the front matter was typed in NFC (or the other way round)."""
    files = base_files()
    files["items/cafe.md"] = item_md("The café.", title="Café", image=f"{written}.jpg")
    files["items/folder.md"] = item_md("In a folder.", title="Folder", image=f"{written}/inside.jpg")
    root = make_archive(files, BASE_IMAGES)
    make_jpeg(root / "images" / f"{on_disk}.jpg", (300, 200))
    make_jpeg(root / "images" / on_disk / "inside.jpg", (200, 300))
    result = run("check", "-C", root)
    assert result.exit_code == 0, result.stderr
    assert located(result) == []
    assert build(run, root).exit_code == 0
    for item_id in ("cafe", "folder"):
        assert (root / "_site" / "items" / item_id / "index.html").is_file()
        assert sorted(p.name for p in (root / "_site" / "media" / item_id).glob("*.jpg")), item_id


def test_missing_image_with_an_accent_is_still_reported(run: Run, make_archive) -> None:
    """Finding the NFD twin must not hide a name that is simply wrong."""
    files = base_files()
    files["items/cafe.md"] = item_md("The café.", title="Café", image=f"{NFC}-au-lait.jpg")
    root = make_archive(files, BASE_IMAGES)
    make_jpeg(root / "images" / f"{NFD}.jpg", (300, 200))
    result = run("check", "-C", root)
    assert result.exit_code == 1
    assert [(p, line, level) for p, line, level, _ in located(result)] == [("items/cafe.md", "3", "error")]
    assert f"images/{NFC}-au-lait.jpg" in located(result)[0][3]


def test_places_named_in_either_normalisation(run: Run, make_archive) -> None:
    zurich_nfc, zurich_nfd = "Z\u00fcrich", "Zu\u0308rich"
    files = base_files()
    files["places.yaml"] = PLACES_YAML + (f"- id: {zurich_nfd.lower()}\n  name: {zurich_nfd}\n  lat: 47.37\n"
                                          "  lon: 8.54\n  parent: china\n")  # a Mac-typed places.yaml
    files["items/zurich.md"] = item_md("Far from home.", title="Zurich", image="first.jpg",
                                       places=[zurich_nfc, zurich_nfc.lower()])
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    assert result.exit_code == 0, result.stderr
    [item] = [i for i in exported(run, root)["items"] if i["id"] == "zurich"]
    assert item["places"] == [zurich_nfc.lower()]
    assert build(run, root).exit_code == 0
    assert (root / "_site" / "places" / zurich_nfc.lower() / "index.html").is_file()


# -- encodings -----------------------------------------------------------------------------------------------------

def test_windows_1252_item_is_a_located_error_that_says_what_to_do(run: Run, make_archive) -> None:
    files = base_files()
    files["items/windows.md"] = ('---\ntitle: "Saved on Windows"\nimage: first.jpg\n'
                                 'alt: \u201cquoted\u201d caf\u00e9, \u20ac5\n---\nCaption.\n').encode("cp1252")
    root = make_archive(files, BASE_IMAGES)
    for result in (run("check", "-C", root), build(run, root)):
        assert result.exit_code == 1
        [(path, line, level, message)] = located(result)
        assert (path, line, level) == ("items/windows.md", "4", "error")
        assert "not UTF-8" in message and "save it as UTF-8" in message
        assert "Windows-1252" in message
        assert "\u201cquoted\u201d caf\u00e9" in message  # the line as the person sees it in their editor
    assert not (root / "_site").exists()


def test_windows_1252_places_file_is_a_located_error(run: Run, make_archive) -> None:
    files = base_files()
    files["places.yaml"] = (PLACES_YAML + "- id: koln\n  name: K\u00f6ln\n").encode("cp1252")
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    assert ("places.yaml", "12", "error") in [(p, line, level) for p, line, level, _ in located(result)]


def test_utf16_item_says_utf16(run: Run, make_archive) -> None:
    files = base_files()
    files["items/notepad.md"] = item_md("Saved by Notepad as 'Unicode'.", title="Notepad",
                                        image="first.jpg").encode("utf-16")
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    [(path, line, level, message)] = located(result)
    assert (path, line, level) == ("items/notepad.md", "1", "error")
    assert "UTF-16" in message and "save it as UTF-8" in message


BOM = b"\xef\xbb\xbf"


def test_utf8_byte_order_mark_is_fine(run: Run, make_archive) -> None:
    files = base_files()
    files["items/bom.md"] = BOM + item_md("Line one.\nSee [this](item:nowhere).", title="BOM", image="first.jpg",
                                          places=["liuzhou"]).encode()
    files["places.yaml"] = BOM + PLACES_YAML.encode()
    files["pages/about.md"] = BOM + b"# About us\n\nA page with no front matter.\n"
    files["topics/journey.md"] = BOM + item_md("The journey.", title="The journey").encode()
    root = make_archive(files, BASE_IMAGES)
    result = run("check", "-C", root)
    # Only the bad link, on the line an editor shows (the BOM is not a line).
    assert [(p, line, level) for p, line, level, _ in located(result)] == [("items/bom.md", "7", "error")]
    (root / "items" / "bom.md").write_bytes(BOM + item_md("Line one.", title="BOM", image="first.jpg",
                                                          places=["liuzhou"]).encode())
    data = exported(run, root)
    [item] = [i for i in data["items"] if i["id"] == "bom"]
    assert item["title"] == "BOM" and item["places"] == ["liuzhou"]
    assert [p["title"] for p in data["pages"]] == ["About us"]
    assert {p["id"] for p in data["places"]} == {"china", "liuzhou"}


def test_utf8_byte_order_mark_in_albumen_toml(run: Run, make_archive) -> None:
    files = base_files()
    files["albumen.toml"] = BOM + b'title = "Saved by Notepad"\n'
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 0, result.stderr


# -- line endings --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_endings_keep_their_lines(run: Run, make_archive, newline: str) -> None:
    files = base_files()
    text = item_md("Line one.\n\nSee [this](item:nowhere).", title="Ends", image="first.jpg", places=["atlantis"],
                   topics=["journey"])
    files["items/ends.md"] = text.replace("\n", newline).encode()
    files["places.yaml"] = (PLACES_YAML + "- id: far\n  name: Far\n  lat: 95\n").replace("\n", newline).encode()
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 1
    assert sorted((p, line) for p, line, _, _ in located(result)) == [
        ("items/ends.md", "4"),  # places: [atlantis]
        ("items/ends.md", "9"),  # the link, after the blank line
        ("places.yaml", "13"),  # lat: 95
    ], result.stderr


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_line_endings_build_the_same_site(run: Run, make_archive, newline: str) -> None:
    unix = make_archive(base_files(), BASE_IMAGES)
    windows = make_archive({rel: (text.replace("\n", newline) if isinstance(text, str) else text)
                            for rel, text in base_files().items()}, BASE_IMAGES)
    assert exported(run, windows)["items"] == exported(run, unix)["items"]
    for root in (unix, windows):
        assert build(run, root).exit_code == 0
    page = Path("items/second/index.html")
    assert (windows / "_site" / page).read_bytes() == (unix / "_site" / page).read_bytes()


# -- file names ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Photo.MD", "photo.Md", "photo.markdown"])
def test_item_file_with_another_markdown_ending_is_not_left_out_silently(run: Run, make_archive, name: str) -> None:
    files = base_files()
    files[f"items/{name}"] = item_md("Saved with another ending.", title="Ending", image="first.jpg")
    files["items/notes.txt"] = "A person's own notes beside the items: not an item, nothing to say.\n"
    result = run("check", "-C", make_archive(files, BASE_IMAGES))
    assert result.exit_code == 0
    [(path, line, level, message)] = located(result)
    assert (path, line, level) == (f"items/{name}", None, "warning")
    assert "rename it to" in message and ".md" in message
