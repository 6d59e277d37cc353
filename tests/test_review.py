"""The "what needs a person" list (review.py): unused images, near-duplicate photos, file names as text, missing
alt text, photos without a date or a place; what `albumen check` and `albumen import` say of them.

The photos are real JPEGs made here: a scene, the same scene shrunk and saved again at a lower quality, and other
scenes. Fingerprints are kept by content hash, so the second run decodes nothing (counted, not timed).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

import albumen.fingerprint_cache as fingerprint_cache
from albumen.file_names import names_a_file, own_names
from albumen.fingerprint import NEAR_DUPLICATE_BITS, Fingerprint, near_duplicate_groups
from albumen.fingerprint_cache import CACHE_FILE, FingerprintCache
from albumen.problems import Problems
from albumen.review import Finding, review
from albumen.stages.check import check_archive
from albumen.stages.load import load_archive
from conftest import DEFAULT_TOML, PLACES_YAML, item_md

NOTE = "note"


# -- real photos -------------------------------------------------------------------------------------------------

def make_photo(path: Path, seed: int, size: tuple[int, int] = (640, 480), moved: int = 0) -> Path:
    """A scene: a sky and ground in gradients with a dozen shapes on them, slightly blurred, as JPEG. `moved`: the
    camera turned by that many pixels (another frame of the same scene)."""
    rng = random.Random(seed)
    width, height = size[0] + 60, size[1] + 40  # a margin to turn the camera in
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = [rng.randrange(40, 220) for _ in range(3)], [rng.randrange(20, 200) for _ in range(3)]
    for y in range(height):
        draw.line((0, y, width, y), fill=tuple(int(a + (b - a) * y / height) for a, b in zip(top, bottom, strict=True)))
    draw.rectangle((0, rng.randrange(height // 3, 2 * height // 3), width, height),
                   fill=tuple(rng.randrange(30, 160) for _ in range(3)))
    for _ in range(12):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(width // 20, width // 5)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - r, y - r // 2, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    frame = image.crop((moved, moved // 2, moved + size[0], moved // 2 + size[1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.filter(ImageFilter.GaussianBlur(1.5)).save(path, "JPEG", quality=90)
    return path


def resaved(source: Path, path: Path) -> Path:
    """The same photo at half the size, saved again at JPEG quality 60 (as an old site's copy of it)."""
    with Image.open(source) as image:
        small = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, "JPEG", quality=60)
    return path


@pytest.fixture
def archive(make_archive: Callable[..., Path]) -> Path:
    """Three items: 'bridge' (complete), 'bridge-copy' (its photo shrunk and saved again), 'market' (another photo,
    a file name as caption, no alt, date or place); an image no item uses, and files in images/ that are no
    picture."""
    files: dict[str, str | bytes | None] = {
        "places.yaml": PLACES_YAML,
        "items/bridge.md": item_md("The bridge before the demolition.", title="The bridge", image="bridge.jpg",
                                   date="1944-23", places=["liuzhou"], alt="A steel bridge over a river"),
        "items/bridge-copy.md": item_md("The bridge, a smaller print.", title="The bridge again",
                                        image="prints/bridge-small.jpg", date="1944", places=["china"],
                                        alt="A steel bridge"),
        "items/market.md": item_md("IMG_0412.JPG", image="market.jpg"),
        "images/notes.txt": "scanned at 600 dpi",
        "images/.DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    root = make_archive(files)
    bridge = make_photo(root / "images" / "bridge.jpg", seed=1)
    resaved(bridge, root / "images" / "prints" / "bridge-small.jpg")
    make_photo(root / "images" / "market.jpg", seed=2)
    make_photo(root / "images" / "spare" / "unused.jpg", seed=3)
    return root


def findings_of(root: Path, cache: FingerprintCache | None = None, **options: bool) -> list[Finding]:
    problems = Problems()
    checked = check_archive(root, load_archive(root, problems), problems)
    assert not problems.errors, [str(p) for p in problems]
    return review(root, checked, cache=cache, **options)


def notes(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": note: " in line]


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every picture the fingerprint cache decodes, in any run of this test."""
    decoded: list[Path] = []
    real = fingerprint_cache.fingerprint_of

    def counted(path: Path, size: tuple[int, int]) -> Fingerprint | None:
        decoded.append(path)
        return real(path, size)

    monkeypatch.setattr(fingerprint_cache, "fingerprint_of", counted)
    return decoded


# -- the findings ------------------------------------------------------------------------------------------------

def test_the_findings_of_an_archive(archive: Path) -> None:
    found = {(f.kind, f.file, f.line, f.item, f.others) for f in findings_of(archive)}
    assert found == {
        ("unused-image", "images/spare/unused.jpg", None, "", ()),
        # item_md writes the n-th field on line n+1: image is line 3 of bridge.md
        ("near-duplicate", "items/bridge-copy.md", 3, "bridge-copy", ("bridge",)),
        ("file-name-text", "items/market.md", 4, "market", ()),  # the caption, on the line after '---'
        ("missing-alt", "items/market.md", None, "market", ()),
        ("no-date", "items/market.md", None, "market", ()),
        ("no-place", "items/market.md", None, "market", ()),
    }
    by_kind = {f.kind: f for f in findings_of(archive)}
    assert "the same picture as items/bridge.md (images/bridge.jpg)" in by_kind["near-duplicate"].message
    assert "“IMG_0412.JPG” is only a file name" in by_kind["file-name-text"].message
    assert "add `alt:`" in by_kind["missing-alt"].message and "add `date:`" in by_kind["no-date"].message


def test_titles_and_alt_texts_that_are_file_names_are_found_on_their_lines(make_archive: Callable[..., Path]) -> None:
    root = make_archive({"items/a.md": item_md("A real caption.", title="DSC01234", image="photos/dsc01234.jpg",
                                               date="1950", places=["x"], alt="dsc01234.jpg (2219 bytes)"),
                         "places.yaml": "- id: x\n  name: X\n  lat: 1\n  lon: 2\n"})
    make_photo(root / "images" / "photos" / "dsc01234.jpg", seed=5)
    found = [(f.kind, f.line) for f in findings_of(root)]
    assert found == [("file-name-text", 2), ("file-name-text", 6)]  # the title; the alt text (not missing)


def test_two_different_photos_are_no_near_duplicates(make_archive: Callable[..., Path]) -> None:
    root = make_archive({f"items/p{seed}.md": item_md("A photo.", image=f"p{seed}.jpg", alt="A photo",
                                                      date="1944") for seed in range(10, 22)})
    for seed in range(10, 22):
        make_photo(root / "images" / f"p{seed}.jpg", seed=seed)
    assert [f for f in findings_of(root) if f.kind == "near-duplicate"] == []


def test_items_showing_one_image_file_are_told_so(make_archive: Callable[..., Path]) -> None:
    root = make_archive({"items/a.md": item_md("A.", image="a.jpg"), "items/b.md": item_md("B.", image="a.jpg")})
    make_photo(root / "images" / "a.jpg", seed=7)
    [finding] = [f for f in findings_of(root) if f.kind == "near-duplicate"]
    assert finding.item == "a" and finding.others == ("b",)
    assert finding.message.startswith("shows the same image file (images/a.jpg) as items/b.md")


def test_the_rules_for_file_names() -> None:
    names = own_names(["old/long_right_profile.jpg"])
    assert names_a_file("IMG_1563.jpg") and names_a_file("DSC01234") and names_a_file("P1010023")
    assert names_a_file("lake_small.jpg (2219 bytes)")
    assert names_a_file("long_right_profi...", names) and names_a_file("LONG_RIGHT_PROFILE", names)
    assert not names_a_file("long_right_profi...")  # cut short, but of no name this photo has
    assert not names_a_file("Mother and baby at Liuzhou station, 1944.")
    assert not names_a_file("Img...", names)  # too short a cut to say


# -- albumen check -----------------------------------------------------------------------------------------------

def test_check_notes_unused_images_and_near_duplicates_only(run: Callable, archive: Path) -> None:
    result = run("check", "-C", archive)
    assert result.exit_code == 0, result.stderr
    found = notes(result.stderr)
    assert any(line.startswith("images/spare/unused.jpg: note: no item shows this image") for line in found), found
    assert any(line.startswith("items/bridge-copy.md:3: note: the same picture as items/bridge.md") and
               "near_duplicates = false" in line for line in found), found
    # The other findings are for the studio's review page, not check's output.
    assert not any("alt text" in line or "only a file name" in line or "no date" in line for line in found), found
    assert not any("notes.txt" in line or ".DS_Store" in line for line in found), found


def test_the_setting_turns_the_near_duplicate_note_off(run: Callable, archive: Path) -> None:
    (archive / "albumen.toml").write_text(DEFAULT_TOML + "\n[check]\nnear_duplicates = false\n")
    result = run("check", "-C", archive)
    assert result.exit_code == 0, result.stderr
    found = notes(result.stderr)
    assert not any("bridge" in line for line in found), found
    assert any(line.startswith("images/spare/unused.jpg: note:") for line in found), found


def test_a_wrong_setting_is_a_located_error(run: Callable, archive: Path) -> None:
    (archive / "albumen.toml").write_text(DEFAULT_TOML + "\n[check]\nnear_duplicates = \"no\"\nduplicates = 1\n")
    result = run("check", "-C", archive)
    assert result.exit_code == 1
    assert "albumen.toml: error: check.near_duplicates must be true or false" in result.stderr
    assert "albumen.toml: warning: unknown setting 'check.duplicates'" in result.stderr


def test_the_second_check_decodes_nothing(run: Callable, archive: Path, decodes: list[Path]) -> None:
    (archive / ".albumen").mkdir()  # made by a build or an import; check makes none of its own
    assert run("check", "-C", archive).exit_code == 0
    assert sorted(path.name for path in decodes) == ["bridge-small.jpg", "bridge.jpg", "market.jpg"]
    with sqlite3.connect(archive / ".albumen" / CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM prints").fetchone() == (3,)
    decodes.clear()
    second = run("check", "-C", archive)
    assert decodes == [] and "the same picture as items/bridge.md" in second.stderr


def test_a_file_that_changed_is_decoded_again_and_a_touched_one_is_not(archive: Path) -> None:
    (archive / ".albumen").mkdir()
    cache = FingerprintCache(archive / ".albumen")
    findings_of(archive, cache)
    cache.close()
    make_photo(archive / "images" / "market.jpg", seed=99)  # another photo under the same name
    (archive / "images" / "bridge.jpg").touch()  # the same bytes, a new mtime
    again = FingerprintCache(archive / ".albumen")
    findings_of(archive, again)
    assert (again.decoded, again.hashed) == (1, 2)
    again.close()


def test_check_without_a_cache_folder_writes_nothing_and_a_damaged_cache_is_made_anew(run: Callable, archive: Path,
                                                                                     decodes: list[Path]) -> None:
    assert run("check", "-C", archive).exit_code == 0
    assert not (archive / ".albumen").exists()
    (archive / ".albumen").mkdir()
    (archive / ".albumen" / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    result = run("check", "-C", archive)
    assert result.exit_code == 0 and "internal error" not in result.stderr
    assert "the same picture as items/bridge.md" in result.stderr
    decodes.clear()
    assert run("check", "-C", archive).exit_code == 0
    assert decodes == []


# -- albumen import ----------------------------------------------------------------------------------------------

def test_import_photos_reports_near_duplicates_and_check_then_decodes_nothing(run: Callable, tmp_path: Path,
                                                                              decodes: list[Path]) -> None:
    folder = tmp_path / "scans"
    original = make_photo(folder / "bridge.jpg", seed=1)
    resaved(original, folder / "copies" / "bridge-web.jpg")
    make_photo(folder / "market.jpg", seed=2)
    archive = tmp_path / "archive"
    result = run("import", "photos", folder, "-C", archive)
    assert result.exit_code == 0, result.stderr
    assert "scans/bridge.jpg: note: looks nearly the same as copies/bridge-web.jpg" in result.stderr
    report = (archive / "import-report.md").read_text()
    assert "looks nearly the same as copies/bridge-web.jpg (items/bridge-web.md)" in report
    assert "market" not in report.split("## Items")[0]
    decodes.clear()
    check = run("check", "-C", archive)
    # The copies in images/ have the bytes the import fingerprinted: found by content hash, decoded never.
    assert decodes == [] and "items/bridge-web.md:2: note: the same picture as items/bridge.md" in check.stderr


def test_a_dry_run_import_keeps_no_fingerprints(run: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    resaved(make_photo(folder / "a.jpg", seed=1), folder / "b.jpg")
    archive = tmp_path / "archive"
    result = run("import", "photos", folder, "-C", archive, "--dry-run")
    assert "looks nearly the same as b.jpg" in result.stderr
    assert not (archive / ".albumen" / CACHE_FILE).exists()


def test_an_old_sites_near_duplicates_are_one_grouped_look(run: Callable, tmp_path: Path) -> None:
    """Two frames of one scene are two items (not one picture saved twice): listed for a person to decide."""
    site = tmp_path / "old"
    make_photo(site / "a.jpg", seed=3)
    make_photo(site / "b.jpg", seed=3, moved=16)
    make_photo(site / "c.jpg", seed=4)
    make_photo(site / "d.jpg", seed=4, moved=16)
    make_photo(site / "e.jpg", seed=5)
    cells = "".join(f'<p><img src="{name}" width="640" height="480"><br>Photo {name[0]} of the river.</p>'
                    for name in ("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"))
    (site / "index.html").write_text(f"<html><head><title>River</title></head><body>{cells}</body></html>")
    archive = tmp_path / "archive"
    result = run("import", "html", site, "-C", archive)
    assert result.exit_code == 0, result.stderr
    assert len(list((archive / "items").glob("*.md"))) == 5
    assert "old/a.jpg: note: photos that look nearly the same as another" in result.stderr
    assert "(2 places, the first here; all in import-report.md)" in result.stderr
    report = (archive / "import-report.md").read_text()
    lines = [line for line in report.splitlines() if "look nearly the same" in line]
    assert len(lines) == 1, report
    assert "(2): `a.jpg` (with `b.jpg`), `c.jpg` (with `d.jpg`)" in lines[0], lines


# -- the grouping ------------------------------------------------------------------------------------------------

def test_grouping_finds_every_pair_up_to_11_bits_and_only_near_duplicates() -> None:
    rng = random.Random(3)
    prints: list[Fingerprint | None] = [Fingerprint(rng.getrandbits(64), 1.5, (120, 110, 100))
                                        for _ in range(1500)]
    for distance in range(12):
        for _ in range(5):
            bits = prints[rng.randrange(1500)].bits  # type: ignore[union-attr]
            for bit in rng.sample(range(64), distance):
                bits ^= 1 << bit
            prints.append(Fingerprint(bits, 1.5, (120, 110, 100)))
    prints.append(None)  # a picture that could not be read
    groups = near_duplicate_groups(prints)
    group_of = {index: group for group in groups for index in group}
    every = [(a, b) for a, b in combinations(range(len(prints) - 1), 2)
             if prints[a].distance(prints[b]) <= 11]  # type: ignore[union-attr, arg-type]
    assert every and all(group_of.get(a) is not None and group_of.get(a) == group_of.get(b) for a, b in every)
    for group in groups:  # each member is near one other member: nothing joins a group by chance
        assert all(any(prints[a].near_duplicate(prints[b]) for b in group if b != a)  # type: ignore[union-attr, arg-type]
                   for a in group)
    assert len(prints) - 1 not in group_of
    assert NEAR_DUPLICATE_BITS == 16
