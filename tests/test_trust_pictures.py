"""Trust in pictures: a damaged photo is never published as a grey picture, HEIC photos build like any
other, and a replaced original never keeps its old derivatives.

Every image is made here, in tmp_path; the corpus's real damaged JPEGs and HEIC are read when
../shared/corpus is there (skipped when it is not).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pillow_heif
import pytest
import pyvips
from PIL import Image

import albumen.images
from albumen.executors import InlineExecutor
from albumen.pipeline import BuildResult, build
from albumen.reporter import BufferReporter
from conftest import REPO, item_md, page_of, problem_lines, run_cli

CORPUS = REPO.parent / "shared" / "corpus"
DAMAGED_JPEGS = CORPUS / "photos" / "damaged-jpeg"
SIGAL_HEIC = CORPUS / "photos" / "sigal-sample" / "dir1" / "test1" / "outdoor.heic"

TOML = 'title = "Pictures"\nrights = "Site rights."\n' \
       '[images]\nwidths = [200, 400, 800]\nformats = ["webp"]\nformats_up_to = 400\nzoom_above = 1000\n'


def archive_of(tmp_path: Path, images: dict[str, bytes]) -> Path:
    """An archive with these files under images/, an item each named after its file."""
    root = tmp_path / "archive"
    for folder in ("items", "images"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "albumen.toml").write_text(TOML, encoding="utf-8")
    for name, data in images.items():
        (root / "images" / name).write_bytes(data)
        (root / "items" / f"{Path(name).stem}.md").write_text(
            item_md(f"The photo {name}.", title=f"Photo {name}", image=name), encoding="utf-8")
    return root


def run_build(root: Path) -> BuildResult:
    return build(root, BufferReporter(), InlineExecutor())


def photo_like(width: int, height: int) -> pyvips.Image:
    """Gradients under blurred noise: its JPEG is as dense as a scanned photograph's."""
    xy = pyvips.Image.xyz(width, height)
    colour = (xy[0] * 200 / width + 20).bandjoin([xy[1] * 150 / height + 50,
                                                  (xy[0] + xy[1]) * 100 / (width + height) + 60])
    return (colour + pyvips.Image.gaussnoise(width, height, sigma=40).gaussblur(1.5)).cast("uchar").copy(
        interpretation="srgb")


def sound_jpeg(size: tuple[int, int] = (1200, 800), **options: object) -> bytes:
    return bytes(photo_like(*size).jpegsave_buffer(Q=90, **options))


def cut_short_jpeg() -> bytes:
    """Its data stops at 60% but the end-of-image marker is there, as in most of the corpus's damaged JPEGs:
    libjpeg only warns ("premature end of data segment") and fills the rest with grey."""
    whole = sound_jpeg()
    return whole[: len(whole) * 6 // 10] + b"\xff\xd9"


def bad_huffman_jpeg() -> bytes:
    """A progressive JPEG with a run of its data overwritten: libjpeg warns "bad Huffman code", goes on."""
    whole = sound_jpeg(interlace=True)
    middle = len(whole) // 2
    return whole[:middle] + b"\xff\x00" * 100 + whole[middle + 200:]


def lenient_decode_passes(data: bytes) -> bool:
    """Whether libvips decodes it when only a truncated file fails (what albumen did before)."""
    try:
        pyvips.Image.new_from_buffer(data, "", access="sequential", fail_on="truncated").avg()
    except pyvips.Error:
        return False
    return True


def verdicts(root: Path) -> dict[str, str]:
    with sqlite3.connect(root / ".albumen" / "catalog.sqlite") as db:
        return dict(db.execute("SELECT sha256, damage FROM verdicts"))


def error_lines(stderr: str) -> dict[str, str]:
    return {m["path"]: m["message"] for m in problem_lines(stderr) if m["level"] == "error"}


# -- damaged JPEGs ---------------------------------------------------------------------------------------------

def test_damaged_jpegs_are_reported_left_off_the_site_and_exit_1(tmp_path: Path) -> None:
    damaged = {"cut.jpg": cut_short_jpeg(), "huffman.jpg": bad_huffman_jpeg()}
    for data in damaged.values():
        assert lenient_decode_passes(data)  # the case this is about: published as a grey picture before
    root = archive_of(tmp_path, {**damaged, "good.jpg": sound_jpeg()})

    result = run_cli("build", "--executor", "inline", "-C", root)

    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert set(errors) == {"images/cut.jpg", "images/huffman.jpg"}
    assert "premature end of data segment" in errors["images/cut.jpg"]
    assert "bad Huffman code" in errors["images/huffman.jpg"]
    for message in errors.values():
        assert "truncated or damaged" in message and "put an undamaged copy in its place" in message
        assert "Traceback" not in result.stderr
    site = root / "_site"
    assert not (site / "media" / "cut").exists() and not (site / "media" / "huffman").exists()
    assert not page_of(site, "items/cut/").find_all("img")
    assert (site / "media" / "good").is_dir()


def test_the_verdict_is_kept_by_content_hash_and_never_paid_for_again(tmp_path: Path) -> None:
    root = archive_of(tmp_path, {"cut.jpg": cut_short_jpeg(), "good.jpg": sound_jpeg()})
    first = run_build(root)
    assert first.images_made == 2
    first_errors = [str(p) for p in first.problems.errors]
    assert len(first_errors) == 1 and "images/cut.jpg" in first_errors[0]
    assert sorted(verdicts(root).values()) == ["", first.problems.errors[0].message.split(" (used by")[0]]

    again = run_build(root)
    assert again.images_made == 0  # nothing decoded: the catalog remembers
    assert [str(p) for p in again.problems.errors] == first_errors

    # The same bytes under another name are known by their hash.
    shutil.copy(root / "images" / "cut.jpg", root / "images" / "copy.jpg")
    (root / "items" / "copy.md").write_text(item_md("A copy.", image="copy.jpg"), encoding="utf-8")
    third = run_build(root)
    assert third.images_made == 0
    assert sorted(p.path for p in third.problems.errors) == ["images/copy.jpg", "images/cut.jpg"]

    # An undamaged copy put in its place is published.
    (root / "images" / "cut.jpg").write_bytes(sound_jpeg((1000, 700)))
    fixed = run_build(root)
    assert [p.path for p in fixed.problems.errors] == ["images/copy.jpg"]
    with Image.open(root / "_site" / "media" / "cut" / "w800.jpg") as made:
        assert made.size == (800, 560)


def test_photos_cached_before_strict_decoding_are_checked_once(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # An archive built by an albumen that decoded leniently: a grey-filled derivative is in the cache, and the
    # catalog has no verdict. The next build must decode it strictly (once), not trust the cache.
    root = archive_of(tmp_path, {"cut.jpg": cut_short_jpeg(), "good.jpg": sound_jpeg()})
    with monkeypatch.context() as lenient:
        lenient.setattr(albumen.images, "STRICT", "truncated")
        old = run_build(root)
    assert not old.problems.errors and (root / "_site" / "media" / "cut").is_dir()  # the grey picture
    with sqlite3.connect(root / ".albumen" / "catalog.sqlite") as db:
        db.execute("DELETE FROM verdicts")

    checked = run_build(root)
    assert checked.images_made == 2 and checked.files_written == 0  # decoded to judge, nothing made again
    assert [p.path for p in checked.problems.errors] == ["images/cut.jpg"]
    assert not (root / "_site" / "media" / "cut").exists()
    assert run_build(root).images_made == 0


@pytest.mark.skipif(not DAMAGED_JPEGS.is_dir(), reason="../shared/corpus is not here")
def test_every_damaged_jpeg_of_the_corpus_is_reported(tmp_path: Path) -> None:
    files = sorted(DAMAGED_JPEGS.glob("*.jpg"))
    assert len(files) == 16
    root = archive_of(tmp_path, {path.name: path.read_bytes() for path in files})

    result = run_cli("build", "--executor", "inline", "-C", root)

    assert result.exit_code == 1
    assert set(error_lines(result.stderr)) == {f"images/{path.name}" for path in files}
    media = root / "_site" / "media"
    assert not media.exists() or not any(media.iterdir())


# -- HEIC ------------------------------------------------------------------------------------------------------

def heic(path: Path, size: tuple[int, int], orientation: int = 1, xmp: bytes | None = None) -> Path:
    """A HEIC photo: a blue top-left quarter on red, with the rights in EXIF (or XMP), as a phone saves it."""
    width, height = size
    picture = Image.new("RGB", size, (200, 30, 30))
    picture.paste((30, 30, 200), (0, 0, width // 2, height // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    if xmp is None:
        exif[0x8298] = "(C) The Family"
        exif[0x013B] = "Grandfather"
    options: dict[str, object] = {"exif": exif.tobytes(), "quality": 90}
    if xmp is not None:
        options["xmp"] = xmp
    pillow_heif.from_pillow(picture).save(path, **options)
    return path


def colour_at(path: Path, x: float, y: float) -> tuple[int, ...]:
    with Image.open(path) as made:
        pixel = made.convert("RGB").getpixel((int(x * (made.width - 1)), int(y * (made.height - 1))))
    assert isinstance(pixel, tuple)
    return pixel


def is_blue(rgb: tuple[int, ...]) -> bool:
    return rgb[2] > 150 and rgb[0] < 80


def test_heic_photos_build_like_any_photo_turned_with_their_rights(tmp_path: Path) -> None:
    root = archive_of(tmp_path, {})
    heic(root / "images" / "phone.heic", (600, 400))
    heic(root / "images" / "turned.heic", (600, 400), orientation=6)  # held sideways: shown 400x600
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:rights><rdf:Alt>'
           b'<rdf:li xml:lang="x-default">Rights of the society</rdf:li></rdf:Alt></dc:rights></rdf:Description>'
           b'</rdf:RDF></x:xmpmeta>')
    heic(root / "images" / "xmp.heic", (600, 400), xmp=xmp)
    for name in ("phone", "turned", "xmp"):
        (root / "items" / f"{name}.md").write_text(item_md("A phone photo.", image=f"{name}.heic"), encoding="utf-8")

    result = run_cli("build", "--executor", "inline", "-C", root)

    assert result.exit_code == 0, result.stderr
    media = root / "_site" / "media"
    with Image.open(media / "phone" / "w400.jpg") as made:
        assert made.size == (400, 267)
        exif = made.getexif()
        assert (exif.get(0x8298), exif.get(0x013B)) == ("(C) The Family", "Grandfather")
    assert is_blue(colour_at(media / "phone" / "w400.jpg", 0.1, 0.1))
    assert not is_blue(colour_at(media / "phone" / "w400.jpg", 0.9, 0.9))
    # Turned a quarter clockwise: the blue quarter is now top right.
    with Image.open(media / "turned" / "w400.jpg") as made:
        assert made.size == (400, 600)
    assert is_blue(colour_at(media / "turned" / "w400.jpg", 0.9, 0.1))
    assert not is_blue(colour_at(media / "turned" / "w400.jpg", 0.1, 0.1))
    with Image.open(media / "xmp" / "w400.webp") as made:
        assert made.getexif().get(0x8298) == "Rights of the society"
    assert page_of(root / "_site", "items/turned/").find("img") is not None


def test_a_display_p3_heic_is_shown_in_srgb(tmp_path: Path) -> None:
    # Phones write HEIC in Display P3 with its ICC profile: shown as it is, the colours would be off.
    green = pyvips.Image.black(300, 200).new_from_image([0, 200, 0]).copy(interpretation="srgb")
    in_p3 = green.icc_transform("p3").cast("uchar")
    assert in_p3.getpoint(10, 10)[0] > 60  # as P3 numbers, sRGB's pure green has red in it
    picture = Image.frombytes("RGB", (300, 200), in_p3.write_to_memory())
    root = archive_of(tmp_path, {})
    pillow_heif.from_pillow(picture).save(root / "images" / "p3.heic", icc_profile=in_p3.get("icc-profile-data"),
                                          quality=95)
    (root / "items" / "p3.md").write_text(item_md("Green.", image="p3.heic"), encoding="utf-8")
    assert not run_build(root).problems.errors
    red, green_, blue = colour_at(root / "_site" / "media" / "p3" / "w200.jpg", 0.5, 0.5)
    assert red < 25 and abs(green_ - 200) < 10 and blue < 25


def test_big_heic_photos_get_deep_zoom(tmp_path: Path) -> None:
    # 900 px: one full-size JPEG (decoded through libheif, not copied); 1400 px: tiles, as for any photo.
    root = archive_of(tmp_path, {})
    heic(root / "images" / "wide.heic", (900, 600))
    heic(root / "images" / "huge.heic", (1400, 1000), orientation=8)
    for name in ("wide", "huge"):
        (root / "items" / f"{name}.md").write_text(item_md("A photo.", image=f"{name}.heic"), encoding="utf-8")

    result = run_build(root)

    assert not result.problems.errors, [str(p) for p in result.problems.items]
    iiif = root / "_site" / "iiif" / "items"
    with Image.open(iiif / "wide" / "image" / "full" / "max" / "0" / "default.jpg") as full:
        assert full.size == (900, 600) and full.getexif().get(0x8298) == "(C) The Family"
    assert is_blue(colour_at(iiif / "wide" / "image" / "full" / "max" / "0" / "default.jpg", 0.1, 0.1))
    info = json.loads((iiif / "huge" / "image" / "info.json").read_text())
    assert (info["width"], info["height"]) == (1000, 1400)  # turned a quarter anticlockwise
    tile = next((iiif / "huge" / "image").rglob("default.jpg"))
    assert tile.is_file()


def test_a_heic_cut_short_is_an_error_not_a_crash(tmp_path: Path) -> None:
    source = heic(tmp_path / "whole.heic", (600, 400))
    data = source.read_bytes()
    root = archive_of(tmp_path, {"cut.heic": data[: len(data) * 7 // 10], "good.jpg": sound_jpeg()})

    result = run_cli("build", "--executor", "inline", "-C", root)

    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    # libheif finds the cut already in the header (its boxes point past the end): "can't open this image".
    assert list(errors) == ["images/cut.heic"] and "Unexpected end of file" in errors["images/cut.heic"]
    assert not (root / "_site" / "media" / "cut").exists() and (root / "_site" / "media" / "good").is_dir()


@pytest.mark.skipif(not SIGAL_HEIC.is_file(), reason="../shared/corpus is not here")
def test_the_corpus_heic_builds(tmp_path: Path) -> None:
    root = archive_of(tmp_path, {"outdoor.heic": SIGAL_HEIC.read_bytes()})
    result = run_build(root)
    assert not result.problems.errors, [str(p) for p in result.problems.items]
    with Image.open(root / "_site" / "media" / "outdoor" / "w400.jpg") as made:
        assert made.size == (400, 300)
        low, high = made.convert("L").getextrema()
        assert isinstance(low, int) and isinstance(high, int) and high - low > 50  # a photo, not a grey fill


# -- a replaced original -------------------------------------------------------------------------------------

def uncompressed_tiff(path: Path, colour: tuple[int, int, int]) -> Path:
    """A TIFF whose size in bytes depends only on its pixel size: another picture is the same size."""
    Image.new("RGB", (600, 400), colour).save(path, "TIFF")
    return path


@pytest.mark.parametrize("how", ["written-in-place", "renamed-over"])
def test_a_replaced_original_with_the_old_size_and_mtime_is_made_again(tmp_path: Path, how: str) -> None:
    # A restore from backup: other pixels, the same byte size, the modification time set back.
    root = archive_of(tmp_path, {})
    original = uncompressed_tiff(root / "images" / "scan.tif", (200, 30, 30))
    (root / "items" / "scan.md").write_text(item_md("A scan.", image="scan.tif"), encoding="utf-8")
    assert not run_build(root).problems.errors
    derivative = root / "_site" / "media" / "scan" / "w400.jpg"
    assert colour_at(derivative, 0.5, 0.5)[0] > 150  # red
    before = original.stat()

    other = uncompressed_tiff(tmp_path / "restored.tif", (30, 30, 200))
    if how == "written-in-place":
        original.write_bytes(other.read_bytes())
    else:
        os.replace(other, original)
    os.utime(original, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (original.stat().st_size, original.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    rebuilt = run_build(root)

    assert rebuilt.images_made == 1
    assert is_blue(colour_at(derivative, 0.5, 0.5))
