"""albumen.metadata: one reader and one writer of a photo's EXIF (Pillow; BigTIFF included), IPTC and XMP, for the
importers and the image workers alike."""

from __future__ import annotations

import struct
from pathlib import Path

import pyvips
from PIL import Image, TiffImagePlugin

from albumen.importers.photo_metadata import read_photo_metadata
from albumen.metadata.exif import read_exif, read_tiff_file
from albumen.metadata.rights import Rights, rights_exif
from test_images import archive_with, run_build

# Formats AVIF too, up to 400 px; deep zoom above 1000 px: a 900 px photo gets a full-size copy, no tiles.
TOML = 'title = "Rights"\nbase_url = "https://example.org/"\n' \
       '[images]\nwidths = [200, 400, 800]\nformats = ["webp", "avif"]\nformats_up_to = 400\nzoom_above = 1000\n'
COPYRIGHT, ARTIST = "© 1952 Café Müller, Zürich", "Jürgen Ölçek"


def exif_texts(path: Path) -> tuple[str, str, str]:
    """(copyright, artist, description) of a file's EXIF as Pillow reads the bytes (Latin-1), taken as UTF-8."""
    image = pyvips.Image.new_from_file(str(path))
    if not image.get_typeof("exif-data"):
        return ("", "", "")
    tags = Image.Exif()
    tags.load(image.get("exif-data"))
    return tuple(str(tags.get(tag, "")).encode("latin-1").decode("utf-8")  # type: ignore[return-value]
                 for tag in (0x8298, 0x013B, 0x010E))


def made_from(site: Path, item: str) -> list[Path]:
    """Every image file the site made of an item's original: derivatives and the full-size copy."""
    media = sorted((site / "media" / item).rglob("*.*"))
    full = sorted((site / "iiif" / "items" / item / "image").rglob("*.jpg"))
    return media + full


def test_a_photos_non_ascii_rights_are_the_same_words_in_every_derivative_and_the_full_size_copy(
        tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"cafe.jpg": None}, toml=TOML)
    exif = Image.Exif()
    exif[0x8298] = COPYRIGHT.encode("utf-8")  # bytes: Pillow writes text as ASCII
    exif[0x013B] = ARTIST.encode("utf-8")
    exif[0x010E] = "Grand-mère au café, été 1952".encode()  # a caption: the derivatives leave it out
    exif[0x010F] = "Leica"
    Image.new("RGB", (900, 600), (140, 110, 90)).save(root / "images" / "cafe.jpg", exif=exif, quality=90)
    assert not run_build(root).problems.errors
    files = made_from(root / "_site", "cafe")
    suffixes = {path.suffix for path in files}
    assert suffixes == {".jpg", ".webp", ".avif"}, files
    assert any("full" in path.parts for path in files)  # the full-size copy (its own bytes, spliced EXIF)
    for path in files:
        assert exif_texts(path) == (COPYRIGHT, ARTIST, ""), path
        assert read_exif(pyvips.Image.new_from_file(str(path)).get("exif-data")).copyright == COPYRIGHT


def test_a_tiffs_copyright_tag_reaches_the_derivatives(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"scan.tif": None}, toml=TOML)
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[0x8298] = COPYRIGHT.encode("utf-8")
    info[0x013B] = ARTIST.encode("utf-8")
    Image.new("RGB", (900, 600), (90, 100, 120)).save(root / "images" / "scan.tif", tiffinfo=info)
    assert not pyvips.Image.new_from_file(str(root / "images" / "scan.tif")).get_typeof("exif-data")
    assert not run_build(root).problems.errors
    files = made_from(root / "_site", "scan")
    assert len(files) >= 5
    for path in files:
        assert exif_texts(path)[:2] == (COPYRIGHT, ARTIST), path


def test_a_bigtiffs_description_is_read(tmp_path: Path) -> None:
    scan = tmp_path / "scan.tif"
    image = pyvips.Image.black(64, 48).copy()
    image.set_type(pyvips.GValue.gstr_type, "image-description", "Grand-mère à Liuzhou, automne 1944")
    image.tiffsave(str(scan), bigtiff=True)
    assert scan.read_bytes()[:4] == b"II+\x00"  # BigTIFF
    assert read_tiff_file(scan).description == "Grand-mère à Liuzhou, automne 1944"
    assert read_photo_metadata(scan).caption == "Grand-mère à Liuzhou, automne 1944"


def test_a_bigtiffs_rights_reach_the_derivatives(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"big.tif": None}, toml=TOML)
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[0x8298] = COPYRIGHT.encode("utf-8")
    info[0x010E] = b"Un grand scan"
    Image.new("RGB", (900, 600), (60, 80, 100)).save(root / "images" / "big.tif", tiffinfo=info, big_tiff=True)
    assert (root / "images" / "big.tif").read_bytes()[:4] == b"II+\x00"
    assert read_tiff_file(root / "images" / "big.tif").description == "Un grand scan"
    assert not run_build(root).problems.errors
    for path in made_from(root / "_site", "big"):
        assert exif_texts(path)[0] == COPYRIGHT, path


def test_damaged_bigtiff_tags_give_what_can_be_read_never_an_exception(tmp_path: Path) -> None:
    scan = tmp_path / "scan.tif"
    image = pyvips.Image.black(16, 16).copy()
    image.set_type(pyvips.GValue.gstr_type, "image-description", "Cut short")
    image.tiffsave(str(scan), bigtiff=True)
    whole = scan.read_bytes()
    for cut in range(0, len(whole), 5):
        read_exif(whole[:cut])
    # An IFD offset into picture data: an absurd count of entries is no IFD, not a walk through the whole file.
    absurd = whole[:8] + struct.pack("<Q", 16) + struct.pack("<Q", 2**40) + whole[24:]
    assert read_exif(absurd).description == ""
    assert read_exif(b"II+\x00\x08\x00") == read_exif(b"")


def test_the_rights_block_is_one_segment_and_cut_between_letters() -> None:
    long = "Müller " * 10_000
    block = rights_exif(Rights(copyright=long, artist="Ölçek"))
    assert len(block) < 0xFFFF - 2
    read = read_exif(block)
    assert long.startswith(read.copyright) and read.artist == "Ölçek"
    assert rights_exif(Rights()) == b""
