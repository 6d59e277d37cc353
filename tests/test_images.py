"""Images: derivatives of every kind of original (made here), deep-zoom tiles, IIIF, the cache, executors.

Every image is made by the test: EXIF orientation, CMYK, 16-bit and grey TIFF, alpha, an embedded
colour profile, a truncated file, a decompression bomb and a 300-megapixel scan.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import pyvips
from PIL import Image, ImageStat

from albumen.config import load_config
from albumen.executors import DaskExecutor, InlineExecutor, LocalProcessExecutor
from albumen.metadata.exif import read_exif
from albumen.pipeline import BuildResult, build
from albumen.problems import Problems
from albumen.reporter import BufferReporter
from conftest import item_md, make_jpeg, page_of, problem_lines, snapshot, srcset_urls

TOML = 'title = "Images"\nrights = "Site rights."\nbase_url = "https://example.org/photos/"\n' \
       '[images]\nwidths = [200, 400, 800]\nformats = ["webp"]\nformats_up_to = 400\nzoom_above = 1000\n'


def archive_with(tmp_path: Path, images: dict[str, Path | None], toml: str = TOML) -> Path:
    """An archive whose items are named after the images put in it (made by the caller under images/)."""
    root = tmp_path / "archive"
    (root / "items").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "albumen.toml").write_text(toml, encoding="utf-8")
    (root / "topics").mkdir(exist_ok=True)
    ids = [Path(name).stem for name in images]
    (root / "topics" / "all.md").write_text(item_md("All of them.", title="All", items=ids), encoding="utf-8")
    for name in images:
        (root / "items" / f"{Path(name).stem}.md").write_text(
            item_md(f"The photo {name}.", title=f"Photo {name}", image=name, topics=["all"]), encoding="utf-8")
    return root


def run_build(root: Path, executor: object = None) -> BuildResult:
    return build(root, BufferReporter(), executor or InlineExecutor())  # type: ignore[arg-type]


def gradient(width: int, height: int) -> pyvips.Image:
    ramp = pyvips.Image.grey(width, height)
    return (ramp * 200 + 20).bandjoin([ramp * 100 + 50, 235 - ramp * 200]).cast("uchar").copy(
        interpretation="srgb")


def band_means(path: Path) -> list[float]:
    with Image.open(path) as image:
        return ImageStat.Stat(image.convert("RGB")).mean


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- every kind of original ----------------------------------------------------------------------------------

def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    root = archive_with(tmp_path, {"turned.jpg": None})
    make_jpeg(root / "images" / "turned.jpg", (600, 400), exif=exif)
    assert not run_build(root).problems.errors
    with Image.open(root / "_site" / "media" / "turned" / "w400.jpg") as image:
        assert image.size == (400, 600)
    manifest = json.loads((root / "_site" / "iiif" / "items" / "turned" / "manifest.json").read_text())
    assert (manifest["items"][0]["width"], manifest["items"][0]["height"]) == (400, 600)


def test_cmyk_jpeg_becomes_rgb_with_its_colours(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"cmyk.jpg": None})
    Image.new("CMYK", (500, 300), (0, 255, 255, 0)).save(root / "images" / "cmyk.jpg", quality=95)  # red
    assert not run_build(root).problems.errors
    with Image.open(root / "_site" / "media" / "cmyk" / "w400.jpg") as image:
        assert image.mode == "RGB"
    red, green, blue = band_means(root / "_site" / "media" / "cmyk" / "w400.jpg")
    assert red > 180 and green < 90 and blue < 90


def test_sixteen_bit_colour_and_grey_tiffs(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"deep.tif": None, "grey.tif": None})
    colour = gradient(600, 400)
    (colour.cast("ushort") * 257).cast("ushort").copy(interpretation="rgb16").tiffsave(
        str(root / "images" / "deep.tif"))
    (pyvips.Image.grey(600, 400) * 65535).cast("ushort").copy(interpretation="grey16").tiffsave(
        str(root / "images" / "grey.tif"))
    assert not run_build(root).problems.errors
    expected = [colour.extract_band(b).avg() for b in range(3)]
    for got, want in zip(band_means(root / "_site" / "media" / "deep" / "w400.jpg"), expected, strict=True):
        assert abs(got - want) < 6
    with Image.open(root / "_site" / "media" / "grey" / "w400.jpg") as image:
        assert image.mode == "L"
        assert 100 < ImageStat.Stat(image).mean[0] < 155


def test_png_with_alpha_is_flattened_on_white_for_jpeg_and_kept_in_webp(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"clear.png": None})
    Image.new("RGBA", (500, 300), (0, 0, 0, 0)).save(root / "images" / "clear.png")  # fully transparent
    assert not run_build(root).problems.errors
    assert band_means(root / "_site" / "media" / "clear" / "w400.jpg") == [255.0, 255.0, 255.0]
    with Image.open(root / "_site" / "media" / "clear" / "w400.webp") as image:
        assert image.mode == "RGBA" and image.getchannel("A").getextrema() == (0, 0)


def test_embedded_colour_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"p3.jpg": None})
    srgb = gradient(500, 300)
    srgb.icc_transform("p3", input_profile="srgb").jpegsave(str(root / "images" / "p3.jpg"), Q=95, keep="icc")
    assert pyvips.Image.new_from_file(str(root / "images" / "p3.jpg")).get_typeof("icc-profile-data")
    assert not run_build(root).problems.errors
    expected = [srgb.extract_band(b).avg() for b in range(3)]
    for got, want in zip(band_means(root / "_site" / "media" / "p3" / "w400.jpg"), expected, strict=True):
        assert abs(got - want) < 6  # read as sRGB, the P3 numbers would be visibly off


def test_derivatives_keep_copyright_and_drop_camera_and_gps(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8298] = "Copyright 1944 The Family"
    exif[0x013B] = "A. Photographer"
    exif[0x010F] = "Canon"
    exif[0x8825] = {1: "N", 2: (24.0, 19.0, 35.0), 3: "E", 4: (109.0, 25.0, 41.0)}
    root = archive_with(tmp_path, {"gps.jpg": None})
    make_jpeg(root / "images" / "gps.jpg", (600, 400), exif=exif)
    assert not run_build(root).problems.errors
    for name in ("w400.jpg", "w400.webp", "w200.jpg"):
        with Image.open(root / "_site" / "media" / "gps" / name) as image:
            tags = image.getexif()
            assert tags.get(0x8298, "").strip() == "Copyright 1944 The Family", name
            assert tags.get(0x013B, "").strip() == "A. Photographer", name
            assert 0x010F not in tags and not tags.get_ifd(0x8825), name


@pytest.mark.parametrize("metadata", ["iptc", "xmp"])
def test_copyright_written_as_iptc_or_xmp_is_kept_as_exif(tmp_path: Path, metadata: str) -> None:
    # Photo editors (Lightroom, Photo Mechanic) often write the rights only as IPTC or XMP, with no EXIF.
    from test_import_photos import iim, photoshop_block, with_blobs, xmp_packet

    root = archive_with(tmp_path, {"rights.jpg": None})
    plain = make_jpeg(tmp_path / "plain.jpg", (600, 400))
    if metadata == "iptc":
        blob = photoshop_block(iim((2, 116, "© 1944 The Family".encode()), (2, 80, b"A. Photographer"),
                                   (1, 90, b"\x1b%G")))
        with_blobs(plain, root / "images" / "rights.jpg", iptc=blob)
    else:
        with_blobs(plain, root / "images" / "rights.jpg",
                   xmp=xmp_packet(rights="© 1944 The Family", creators=("A. Photographer",)))
    assert not run_build(root).problems.errors
    for name in ("w400.jpg", "w400.webp", "w200.jpg"):
        derivative = pyvips.Image.new_from_file(str(root / "_site" / "media" / "rights" / name))
        written = read_exif(derivative.get("exif-data"))  # UTF-8, as in the full-size copy: the sign stays ©
        assert (written.copyright, written.artist) == ("© 1944 The Family", "A. Photographer"), name
        assert not derivative.get_typeof("xmp-data") and not derivative.get_typeof("iptc-data"), name


def test_every_file_has_exactly_the_size_its_page_gives(tmp_path: Path) -> None:
    # 1600x389 at 800 wide is 194.5 px high: libvips and Python round it differently. The pages are written
    # from the plan (while the images are still being made), so each file is made at the planned size.
    sizes = {"half.jpg": (1600, 389), "odd.jpg": (999, 667), "thin.jpg": (1001, 333), "tall.jpg": (389, 1601)}
    root = archive_with(tmp_path, dict.fromkeys(sizes), toml='title = "T"\n[images]\nwidths = [200, 400, 800]\n')
    for name, size in sizes.items():
        make_jpeg(root / "images" / name, size)
    assert not run_build(root).problems.errors
    checked = 0
    for name in sizes:
        page = page_of(root / "_site", f"items/{Path(name).stem}/")
        for img in page.find_all("img") + page.find_all("source"):
            for url, descriptor in srcset_urls(img.get("srcset") or img.get("src") or ""):
                if "/media/" not in f"/{url.lstrip('./')}":
                    continue
                file = (root / "_site" / "items" / Path(name).stem / url).resolve()
                real = pyvips.Image.new_from_file(str(file))
                if descriptor:
                    assert descriptor == f"{real.width}w", url
                if img.get("width") and url == img.get("src"):
                    assert (int(img.get("width")), int(img.get("height"))) == (real.width, real.height), url
                checked += 1
    assert checked >= 16
    for name, (width, height) in sizes.items():
        for file in (root / "_site" / "media" / Path(name).stem).glob("w*.*"):
            real = pyvips.Image.new_from_file(str(file))
            assert real.height == max(1, round(height * real.width / width)), file.name


def photo_like(width: int, height: int) -> pyvips.Image:
    """Gradients under blurred noise: detail at every scale, as in a scanned photograph."""
    xy = pyvips.Image.xyz(width, height)
    colour = (xy[0] * 200 / width + 20).bandjoin([xy[1] * 150 / height + 50,
                                                  (xy[0] + xy[1]) * 100 / (width + height) + 60])
    return (colour + pyvips.Image.gaussnoise(width, height, sigma=40).gaussblur(1.5)).cast("uchar").copy(
        interpretation="srgb")


def psnr(a: pyvips.Image, b: pyvips.Image) -> float:
    difference = a.cast("float") - b.cast("float")
    return 10 * math.log10(255 * 255 / (difference * difference).avg())


def test_a_big_jpeg_shrunk_while_decoding_is_as_faithful_as_a_whole_decode(tmp_path: Path) -> None:
    # 3200 px wide made 800 px: decoded at 1/4 size, then resized. The file must be as close to a whole
    # decode resized (lanczos3) as the JPEG save of that reference itself is: the shrink adds nothing visible.
    root = archive_with(tmp_path, {"big.jpg": None})
    photo_like(3200, 2000).jpegsave(str(root / "images" / "big.jpg"), Q=90)
    assert not run_build(root).problems.errors
    reference = pyvips.Image.new_from_file(str(root / "images" / "big.jpg")).resize(800 / 3200)
    saved_reference = pyvips.Image.new_from_buffer(reference.cast("uchar").jpegsave_buffer(Q=85), "")
    made = pyvips.Image.new_from_file(str(root / "_site" / "media" / "big" / "w800.jpg"))
    assert (made.width, made.height) == (800, 500)
    assert psnr(reference, made) > psnr(reference, saved_reference) - 0.5


def test_big_jpegs_shrunk_while_decoding_keep_orientation_and_colours(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"turned.jpg": None, "cmyk.jpg": None, "p3.jpg": None})
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait: turned a quarter clockwise
    stored = Image.new("RGB", (3300, 2200), (20, 20, 20))
    stored.paste((250, 20, 20), (0, 0, 800, 500))  # red in the stored top-left: shown top-right
    stored.save(root / "images" / "turned.jpg", quality=90, exif=exif)
    Image.new("CMYK", (3300, 2200), (0, 255, 255, 0)).save(root / "images" / "cmyk.jpg", quality=90)
    srgb = gradient(3300, 2200)
    srgb.icc_transform("p3", input_profile="srgb").jpegsave(str(root / "images" / "p3.jpg"), Q=95, keep="icc")
    assert not run_build(root).problems.errors
    media = root / "_site" / "media"
    with Image.open(media / "turned" / "w800.jpg") as turned:
        assert turned.size == (800, 1200)
        assert turned.getpixel((760, 40))[0] > 200 and turned.getpixel((40, 40))[0] < 60
    red, green, blue = band_means(media / "cmyk" / "w800.jpg")
    assert red > 180 and green < 90 and blue < 90
    expected = [srgb.extract_band(b).avg() for b in range(3)]
    for got, want in zip(band_means(media / "p3" / "w800.jpg"), expected, strict=True):
        assert abs(got - want) < 6


def test_small_originals_are_never_upscaled(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"tiny.jpg": None, "small.jpg": None})
    make_jpeg(root / "images" / "tiny.jpg", (150, 100))
    make_jpeg(root / "images" / "small.jpg", (480, 330))
    result = run_build(root)
    assert not result.problems.errors
    assert sorted(p.name for p in (root / "_site" / "media" / "tiny").iterdir()) == ["w150.jpg", "w150.webp"]
    img = page_of(root / "_site", "items/small/").find("figure", cls="photo").find("img")
    assert [w for _, w in srcset_urls(img.get("srcset"))] == ["200w", "400w", "480w"]
    with Image.open(root / "_site" / "media" / "small" / "w480.jpg") as image:
        assert image.size == (480, 330)


def test_pages_offer_webp_only_where_it_has_every_width(tmp_path: Path) -> None:
    toml = TOML.replace("[200, 400, 800]", "[200, 400, 800, 1600]").replace("formats_up_to = 400",
                                                                            "formats_up_to = 800")
    root = archive_with(tmp_path, {"photo.jpg": None}, toml)
    make_jpeg(root / "images" / "photo.jpg", (1800, 1200))
    run_build(root)
    site = root / "_site"
    gallery = page_of(site, "topics/all/").find("ul", cls="gallery")  # shown at most 800 px wide
    source = gallery.find("source")
    assert source.get("type") == "image/webp"
    assert [w for _, w in srcset_urls(source.get("srcset"))] == ["200w", "400w", "800w"]
    assert [w for _, w in srcset_urls(gallery.find("img").get("srcset"))] == ["200w", "400w", "800w"]
    photo = page_of(site, "items/photo/").find("figure", cls="photo")
    assert not photo.find_all("source")  # the big view has 1600 px, which only the JPEG offers
    assert [w for _, w in srcset_urls(photo.find("img").get("srcset"))] == ["200w", "400w", "800w", "1600w"]


# -- bad images ---------------------------------------------------------------------------------------------

def test_truncated_image_is_reported_and_the_rest_published(tmp_path: Path, run) -> None:
    root = archive_with(tmp_path, {"good.jpg": None, "cut.jpg": None})
    make_jpeg(root / "images" / "good.jpg", (600, 400))
    whole = make_jpeg(tmp_path / "whole.jpg", (600, 400)).read_bytes()
    (root / "images" / "cut.jpg").write_bytes(whole[: len(whole) * 2 // 5])
    result = run("build", "-q", "--executor", "inline", "-C", root)
    assert result.exit_code == 1
    problems = [(m["path"], m["level"]) for m in problem_lines(result.stderr)]
    assert problems == [("images/cut.jpg", "error")], result.stderr
    assert (root / "_site" / "items" / "good" / "index.html").is_file()
    assert not (root / "_site" / "media" / "cut").exists()


def test_decompression_bomb_is_refused_without_decoding(tmp_path: Path, run) -> None:
    root = archive_with(tmp_path, {"bomb.png": None})
    (root / "images" / "bomb.png").write_bytes(_png_header_only(60_000, 60_000))  # 3.6 gigapixels
    result = run("check", "-C", root)
    assert result.exit_code == 1
    [problem] = problem_lines(result.stderr)
    assert problem["path"] == "images/bomb.png" and "megapixels" in problem["message"]


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def test_a_crashed_worker_is_reported_and_the_other_jobs_done() -> None:
    results = list(LocalProcessExecutor(2).map_unordered(_crash_on_three, [(n,) for n in range(1, 6)]))
    crashed = [r for r in results if not isinstance(r, int)]
    assert sorted(r for r in results if isinstance(r, int)) == [1, 2, 4, 5]
    assert [c.job for c in crashed] == [(3,)]


def _crash_on_three(number: int) -> int:
    if number == 3:
        os._exit(9)  # what a segfault or the OOM killer looks like from outside
    return number


# -- big scans and deep zoom --------------------------------------------------------------------------------

def test_tiles_and_info_json_for_originals_above_zoom_above(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"big.jpg": None, "small.jpg": None})
    make_jpeg(root / "images" / "big.jpg", (2200, 1300))
    make_jpeg(root / "images" / "small.jpg", (900, 600))
    assert not run_build(root).problems.errors
    service = root / "_site" / "iiif" / "items" / "big" / "image"
    info = json.loads((service / "info.json").read_text())
    assert info["id"] == "https://example.org/photos/iiif/items/big/image"
    assert (info["type"], info["profile"], info["width"], info["height"]) == ("ImageService3", "level0", 2200, 1300)
    [tiles] = info["tiles"]
    for scale in tiles["scaleFactors"]:  # every tile a level-0 client asks for exists
        size = tiles["width"] * scale
        for x in range(0, info["width"], size):
            for y in range(0, info["height"], size):
                w, h = min(size, info["width"] - x), min(size, info["height"] - y)
                # canonical form: a region that is the whole image is written "full"
                region = "full" if (w, h) == (info["width"], info["height"]) else f"{x},{y},{w},{h}"
                tile = service / region / f"{-(-w // scale)},{-(-h // scale)}" / "0" / "default.jpg"
                assert tile.is_file(), tile
    assert not (service / "full" / "max").exists()  # tiles only: no whole sizes beside them
    zoom = page_of(root / "_site", "items/big/").find("div", cls="zoomable").get("data-zoom")
    inline = json.loads(zoom)
    assert inline["id"] == "../../iiif/items/big/image" and inline["tiles"] == info["tiles"]
    small_zoom = json.loads(page_of(root / "_site", "items/small/").find("div", cls="zoomable").get("data-zoom"))
    assert "tiles" not in small_zoom and small_zoom["sizes"][-1] == {"width": 900, "height": 600}


@pytest.mark.parametrize("size", [(513, 300), (1024, 1000), (1025, 700), (1026, 1026), (2049, 100),
                                  (3000, 2000), (100, 5000), (8000, 6000)])
def test_the_tiles_info_json_written_from_the_plan_is_dzsaves(tmp_path: Path, size: tuple[int, int]) -> None:
    # The pages and info.json are written while the tiles are still being made: from the plan, so the
    # plan's levels must be the ones dzsave makes, at every boundary of halving.
    from albumen.iiif import tile_scale_factors
    from albumen.images import TILE_SIZE

    pyvips.Image.black(*size).dzsave(str(tmp_path / "t"), layout="iiif3", tile_size=TILE_SIZE, overlap=0,
                                     id="https://example.org/t")
    [tiles] = json.loads((tmp_path / "t" / "info.json").read_text())["tiles"]
    assert tiles == {"scaleFactors": tile_scale_factors(*size), "width": TILE_SIZE}


def test_an_original_bigger_than_the_largest_width_gets_deep_zoom_at_full_size(tmp_path: Path) -> None:
    # Between the largest width (800 here) and zoom_above (1000), a photo is too small to be worth tiles:
    # its image service offers whole sizes, the widths and its own full size, and the viewer zooms to
    # every pixel of it. At or below the largest width the largest JPEG is already all of it.
    exif = Image.Exif()
    exif[0x8298] = "Copyright 1944 The Family"
    exif[0x010F] = "Canon"
    exif[0x8825] = {1: "N", 2: (24.0, 19.0, 35.0), 3: "E", 4: (109.0, 25.0, 41.0)}
    root = archive_with(tmp_path, {"mid.jpg": None, "small.jpg": None})
    make_jpeg(root / "images" / "mid.jpg", (900, 600), exif=exif)
    make_jpeg(root / "images" / "small.jpg", (800, 500))
    assert not run_build(root).problems.errors
    service = root / "_site" / "iiif" / "items" / "mid" / "image"
    info = json.loads((service / "info.json").read_text())
    assert info == {"@context": "http://iiif.io/api/image/3/context.json",
                    "id": "https://example.org/photos/iiif/items/mid/image", "type": "ImageService3",
                    "protocol": "http://iiif.io/api/image", "profile": "level0", "width": 900, "height": 600,
                    "sizes": [{"width": 200, "height": 133}, {"width": 400, "height": 267},
                              {"width": 800, "height": 533}, {"width": 900, "height": 600}]}
    for size in info["sizes"]:  # each size a level-0 client asks for is there, at that size
        with Image.open(service / "full" / f"{size['width']},{size['height']}" / "0" / "default.jpg") as image:
            assert (image.width, image.height) == (size["width"], size["height"])
    full = service / "full" / "max" / "0" / "default.jpg"
    assert full.read_bytes() == (service / "full" / "900,600" / "0" / "default.jpg").read_bytes()
    # The original's own pixels, with its copyright and without its camera and GPS.
    original = pyvips.Image.new_from_file(str(root / "images" / "mid.jpg"))
    assert (pyvips.Image.new_from_file(str(full)) - original).abs().max() == 0
    with Image.open(full) as image:
        tags = image.getexif()
        assert tags.get(0x8298, "").strip() == "Copyright 1944 The Family"
        # nothing else: no camera, no GPS, and no stated size or resolution for a browser to size it by
        assert set(tags) == {0x8298}
    assert not (root / "_site" / "iiif" / "items" / "small" / "image").exists()
    small_zoom = json.loads(page_of(root / "_site", "items/small/").find("div", cls="zoomable").get("data-zoom"))
    assert small_zoom == {"type": "image", "url": "../../media/small/w800.jpg"}
    mid_zoom = json.loads(page_of(root / "_site", "items/mid/").find("div", cls="zoomable").get("data-zoom"))
    assert mid_zoom == {**info, "id": "../../iiif/items/mid/image"}
    [full_link] = [a for a in page_of(root / "_site", "items/mid/").find("p", cls="image-actions").find_all("a")
                   if a.text().startswith("Full size")]
    assert (full_link.get("href"), full_link.text()) == ("../../iiif/items/mid/image/full/max/0/default.jpg",
                                                       "Full size (900×600)")


def test_the_full_size_of_a_turned_cmyk_or_alpha_original_is_upright_srgb(tmp_path: Path) -> None:
    # Only a plain upright JPEG keeps its own bytes; the rest are decoded and encoded as the widths are.
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    root = archive_with(tmp_path, {"turned.jpg": None, "cmyk.jpg": None, "clear.png": None, "p3.jpg": None})
    make_jpeg(root / "images" / "turned.jpg", (600, 900), exif=exif)
    Image.new("CMYK", (900, 600), (0, 255, 255, 0)).save(root / "images" / "cmyk.jpg", quality=95)  # red
    Image.new("RGBA", (900, 600), (0, 0, 0, 0)).save(root / "images" / "clear.png")
    srgb = gradient(900, 600)
    srgb.icc_transform("p3", input_profile="srgb").jpegsave(str(root / "images" / "p3.jpg"), Q=95, keep="icc")
    assert not run_build(root).problems.errors

    def full(item: str) -> Path:
        return root / "_site" / "iiif" / "items" / item / "image" / "full" / "max" / "0" / "default.jpg"

    with Image.open(full("turned")) as image:
        assert image.size == (900, 600) and not image.getexif().get(0x0112)
    with Image.open(full("cmyk")) as image:
        assert image.mode == "RGB"
    red, green, blue = band_means(full("cmyk"))
    assert red > 180 and green < 90 and blue < 90
    assert band_means(full("clear")) == [255.0, 255.0, 255.0]
    assert not pyvips.Image.new_from_file(str(full("p3"))).get_typeof("icc-profile-data")
    for got, want in zip(band_means(full("p3")), [srgb.extract_band(b).avg() for b in range(3)], strict=True):
        assert abs(got - want) < 6


def test_a_jpegs_metadata_is_left_out_and_its_picture_kept(tmp_path: Path) -> None:
    from albumen.images import jpeg_without_metadata

    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x8825] = {1: "N", 2: (24.0, 19.0, 35.0), 3: "E", 4: (109.0, 25.0, 41.0)}
    photo = make_jpeg(tmp_path / "gps.jpg", (700, 500), exif=exif)
    progressive = tmp_path / "progressive.jpg"
    with Image.open(photo) as image:
        image.save(progressive, "JPEG", progressive=True, quality=90, exif=exif, comment=b"Where we were")
    for source in (photo, progressive):
        data = source.read_bytes()
        # a phone's second picture after the end, and an IPTC block, with the place in them
        data = data[:2] + b"\xff\xed\x00\x10Photoshop 3.0\x00" + data[2:] + b"\xff\xd8GPS of a depth map"
        stripped = jpeg_without_metadata(data)
        assert stripped is not None, source.name
        for secret in (b"Canon", b"Photoshop", b"Where we were", b"depth map", b"Exif"):
            assert secret not in stripped, (source.name, secret)
        clean = tmp_path / f"clean-{source.name}"
        clean.write_bytes(stripped)
        assert (pyvips.Image.new_from_file(str(clean)) - pyvips.Image.new_from_file(str(source))).abs().max() == 0
    whole = photo.read_bytes()
    assert jpeg_without_metadata(whole[: len(whole) // 2]) is None  # truncated: encoded anew by the caller
    assert jpeg_without_metadata(b"GIF89a" + whole) is None


def test_a_300_megapixel_scan_builds_in_bounded_memory(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"scan.tif": None}, TOML.replace("zoom_above = 1000", "zoom_above = 3600"))
    ramp = pyvips.Image.grey(20_000, 15_000, uchar=True)
    ramp.bandjoin([ramp, ramp]).copy(interpretation="srgb").tiffsave(str(root / "images" / "scan.tif"),
                                                                     compression="deflate")
    # The scan is decoded by an image worker, a child of the build: its peak is RUSAGE_CHILDREN's (the workers
    # are ended and waited for before the build returns), the build's own RUSAGE_SELF's.
    command = [sys.executable, "-c", "import resource, sys; from albumen.cli import main\n"
               "try:\n    main(['build', '-q', '-C', sys.argv[1]])\nexcept SystemExit as e:\n"
               "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,\n"
               "          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, e.code)", str(root)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    build_kib, worker_kib, status = int(output[0]), int(output[1]), output[2]
    assert status == "0"
    assert worker_kib > 40 * 1024, "no worker ran: the scan was decoded elsewhere"  # Python and libvips, at least
    assert build_kib < 1024 * 1024, f"the build's peak memory {build_kib // 1024} MiB"
    assert worker_kib < 1024 * 1024, f"the worker's peak memory {worker_kib // 1024} MiB"
    info = json.loads((root / "_site" / "iiif" / "items" / "scan" / "image" / "info.json").read_text())
    assert (info["width"], info["height"]) == (20_000, 15_000)
    with Image.open(root / "_site" / "media" / "scan" / "w800.jpg") as image:
        assert image.size == (800, 600)


# -- IIIF Presentation 3 -------------------------------------------------------------------------------------

def test_manifests_and_collections_are_valid_presentation_3(tmp_path: Path) -> None:
    iiif_prezi3 = pytest.importorskip("iiif_prezi3")
    root = archive_with(tmp_path, {"big.jpg": None, "small.jpg": None})
    make_jpeg(root / "images" / "big.jpg", (2200, 1300))
    make_jpeg(root / "images" / "small.jpg", (900, 600))
    (root / "items" / "small.md").write_text(item_md(
        "A <b>bold</b> caption with [a link](item:big).", title="Small one", image="small.jpg", topics=["all"],
        date="1944-23", subjects=["trains"], creator="A. Person"), encoding="utf-8")
    run_build(root)
    iiif = root / "_site" / "iiif"
    manifest = json.loads((iiif / "items" / "small" / "manifest.json").read_text())
    iiif_prezi3.Manifest(**manifest)  # the models made from the Presentation 3 JSON schema
    # ...and the MUSTs those models let through:
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["type"] == "Manifest" and manifest["id"].startswith("https://example.org/photos/")
    assert manifest["label"] == {"en": ["Small one"]}
    assert manifest["summary"] == {"en": ["A <b>bold</b> caption with a link."]}
    metadata = {m["label"]["en"][0]: m["value"]["en"] for m in manifest["metadata"]}
    assert metadata == {"Date": ["autumn 1944"], "Subjects": ["trains"], "Creator": ["A. Person"],
                        "Rights": ["Site rights."]}
    assert manifest["requiredStatement"]["value"] == {"en": ["Site rights."]}
    [canvas] = manifest["items"]
    assert (canvas["type"], canvas["width"], canvas["height"]) == ("Canvas", 900, 600)
    [page] = canvas["items"]
    [annotation] = page["items"]
    assert (page["type"], annotation["type"], annotation["motivation"]) == ("AnnotationPage", "Annotation",
                                                                             "painting")
    assert annotation["target"] == canvas["id"]
    assert annotation["body"]["id"] == "https://example.org/photos/media/small/w800.jpg"
    assert (root / "_site" / "media" / "small" / "w800.jpg").is_file()
    # 900 px is bigger than the largest width: its full size is in a level-0 service of whole sizes
    assert annotation["body"]["service"] == [{"id": "https://example.org/photos/iiif/items/small/image",
                                              "type": "ImageService3", "profile": "level0"}]
    big = json.loads((iiif / "items" / "big" / "manifest.json").read_text())
    iiif_prezi3.Manifest(**big)
    [service] = big["items"][0]["items"][0]["items"][0]["body"]["service"]
    assert service == {"id": "https://example.org/photos/iiif/items/big/image", "type": "ImageService3",
                       "profile": "level0"}
    topic = json.loads((iiif / "topics" / "all" / "collection.json").read_text())
    iiif_prezi3.Collection(**topic)
    assert [m["id"] for m in topic["items"]] == [big["id"], manifest["id"]]
    site = json.loads((iiif / "collection.json").read_text())
    iiif_prezi3.Collection(**site)
    assert [(i["type"], i["id"]) for i in site["items"]][0] == ("Collection", topic["id"])
    links = page_of(root / "_site", "items/small/").find("p", cls="image-actions").find_all("a")
    assert "../../iiif/items/small/manifest.json" in [a.get("href") for a in links]


# -- the cache: what is redone, and what is not -------------------------------------------------------------

def test_the_cache_redoes_only_what_changed(tmp_path: Path) -> None:
    root = archive_with(tmp_path, {"one.jpg": None, "two.jpg": None, "big.jpg": None})
    for name, size in (("one.jpg", (600, 400)), ("two.jpg", (600, 400)), ("big.jpg", (1500, 1000))):
        make_jpeg(root / "images" / name, size)
    first = run_build(root)
    assert (first.images_made, first.photos) == (3, 3)

    assert run_build(root).images_made == 0  # nothing changed

    caption = root / "items" / "big.md"
    caption.write_text(caption.read_text().replace("The photo big.jpg.", "A new caption."), encoding="utf-8")
    tiles_before = tree_hash(root / ".albumen" / "derived")
    again = run_build(root)
    assert again.images_made == 0  # a caption edit never re-tiles an image
    assert tree_hash(root / ".albumen" / "derived") == tiles_before
    manifest = json.loads((root / "_site" / "iiif" / "items" / "big" / "manifest.json").read_text())
    assert manifest["summary"] == {"en": ["A new caption."]}

    make_jpeg(root / "images" / "one.jpg", (600, 400), seed="a different photo")
    changed = run_build(root)
    assert changed.images_made == 1

    (root / "albumen.toml").write_text(TOML.replace("[200, 400, 800]", "[200, 300, 400, 800]"), encoding="utf-8")
    widened = run_build(root, LocalProcessExecutor(2))
    assert widened.images_made == 3
    assert widened.files_written == 6  # a 300 px JPEG and WebP per photo, nothing else


def test_the_stat_check_avoids_hashing_unchanged_originals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = archive_with(tmp_path, {"one.jpg": None})
    make_jpeg(root / "images" / "one.jpg", (600, 400))
    run_build(root)
    import albumen.stages.catalog as catalog

    hashed: list[Path] = []
    real = catalog.file_sha256
    monkeypatch.setattr(catalog, "file_sha256", lambda path: hashed.append(path) or real(path))
    run_build(root)
    assert hashed == []
    os.utime(root / "images" / "one.jpg", ns=(1, 1))
    run_build(root)
    assert hashed == [root / "images" / "one.jpg"]


def test_originals_are_never_changed_and_download_is_a_copy(tmp_path: Path) -> None:
    toml = TOML + "download = true\n"
    root = archive_with(tmp_path, {"one.jpg": None, "two.png": None}, toml)
    make_jpeg(root / "images" / "one.jpg", (600, 400))
    Image.new("RGB", (300, 200), (10, 20, 30)).save(root / "images" / "two.png")
    before = tree_hash(root / "images")
    run_build(root)
    assert tree_hash(root / "images") == before
    original = root / "_site" / "media" / "one" / "original.jpg"
    assert original.read_bytes() == (root / "images" / "one.jpg").read_bytes()
    assert original.stat().st_ino != (root / "images" / "one.jpg").stat().st_ino  # never a hard link
    downloads = [a for a in page_of(root / "_site", "items/two/").find_all("a") if "download" in a.attrs]
    assert [a.get("href") for a in downloads] == ["../../media/two/original.png"]


# -- executors ----------------------------------------------------------------------------------------------

def test_dask_local_cluster_builds_the_same_site(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    sites = {}
    for name in ("local", "dask"):
        root = archive_with(tmp_path / name, {"one.jpg": None, "two.jpg": None, "big.jpg": None})
        for image, size in (("one.jpg", (600, 400)), ("two.jpg", (400, 600)), ("big.jpg", (1500, 1000))):
            make_jpeg(root / "images" / image, size)
        if name == "dask":
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster, distributed.Client(cluster) as client:
                result = run_build(root, DaskExecutor(client=client))
        else:
            result = run_build(root, LocalProcessExecutor(2))
        assert result.images_made == 3 and not result.problems.errors
        sites[name] = snapshot(root / "_site")
    assert sites["dask"] == sites["local"]


def test_config_rejects_unknown_formats(tmp_path: Path) -> None:
    root = tmp_path
    (root / "albumen.toml").write_text('[images]\nformats = ["gif"]\nzoom_above = -1\n', encoding="utf-8")
    problems = Problems()
    load_config(root, problems)
    assert [p.message.split(" ")[0] for p in problems.errors] == ["images.formats", "images.zoom_above"]



def test_what_an_ended_job_left_is_cleared_when_its_photo_is_made_again(tmp_path: Path) -> None:
    # A stopped build ends its workers at once, and a killed one ends with them: a half-written file under
    # its temporary name, or a half-written tile folder, stays in the photo's cache folder. A 300-megapixel
    # scan's tiles are gigabytes: the photo's next job clears them.
    root = archive_with(tmp_path, {"scan.jpg": None})
    make_jpeg(root / "images" / "scan.jpg", (1500, 1000))
    run_build(root)
    folder = next((root / ".albumen" / "derived").glob("*/*"))
    made = sorted(path.name for path in folder.iterdir())
    size = next(name for name in made if name.startswith("w"))
    (folder / size).unlink()  # the ended job never renamed this size into place
    (folder / f".{size}.4242.tmp{Path(size).suffix}").write_bytes(b"half a file")
    tiles = next(folder.glob("iiif-*"))
    shutil.rmtree(tiles)
    (folder / f".{tiles.name}.4242.tmp" / "t" / "0,0,512,512").mkdir(parents=True)
    result = run_build(root)
    assert result.images_made == 1 and not result.problems.errors
    assert sorted(path.name for path in folder.iterdir()) == made



def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def test_a_jpeg_browsers_cant_show_is_encoded_anew_and_a_jfif_thumbnail_dropped(tmp_path: Path) -> None:
    from albumen.images import jpeg_without_metadata

    photo = make_jpeg(tmp_path / "plain.jpg", (300, 200)).read_bytes()
    start_of_frame = photo.index(b"\xff\xc0")
    # Arithmetic coding (SOF9) and 12-bit samples: libvips decodes them, browsers don't.
    arithmetic = photo[:start_of_frame + 1] + b"\xc9" + photo[start_of_frame + 2:]
    twelve_bit = photo[:start_of_frame + 4] + b"\x0c" + photo[start_of_frame + 5:]
    assert jpeg_without_metadata(arithmetic) is None and jpeg_without_metadata(twelve_bit) is None
    # A JFIF header carrying a 2x1 thumbnail of the picture (perhaps before it was cropped).
    assert photo[2:4] == b"\xff\xe0"
    app0_end = 4 + struct.unpack(">H", photo[4:6])[0]
    jfif = b"JFIF\0\x01\x01\x00\x00\x01\x00\x01"
    with_thumbnail = photo[:2] + _segment(0xE0, jfif + b"\x02\x01" + b"\xaa\xbb\xcc" * 2) + photo[app0_end:]
    stripped = jpeg_without_metadata(with_thumbnail)
    assert stripped is not None and b"\xaa\xbb\xcc" not in stripped
    assert stripped[2:20] == _segment(0xE0, jfif + b"\0\0")
    clean = tmp_path / "clean.jpg"
    clean.write_bytes(stripped)
    assert (pyvips.Image.new_from_file(str(clean)) - pyvips.Image.new_from_file(str(tmp_path / "plain.jpg"))
            ).abs().max() == 0


def test_an_original_too_big_for_one_jpeg_gets_tiles_whatever_zoom_above_says(tmp_path: Path) -> None:
    from albumen.config import Config, ImageSettings
    from albumen.renditions import Original
    from albumen.stages.derive import plan_images

    config = Config(root=tmp_path, images=ImageSettings(zoom_above=20_000))
    mid = plan_images(config, Original("mid.jpg", "a" * 64, 6000, 4000))
    assert mid.full is not None and mid.tiles is None
    big = plan_images(config, Original("big.tif", "b" * 64, 9000, 6000))  # 54 MP: decoded whole, per worker
    assert big.tiles is not None and big.full is None
    off = plan_images(Config(root=tmp_path, images=ImageSettings(zoom_above=0)), Original("big.tif", "b" * 64,
                                                                                         9000, 6000))
    assert off.tiles is None and off.full is None


def test_a_jpeg_with_an_srgb_profile_keeps_its_own_pixels_at_full_size(tmp_path: Path) -> None:
    # Cameras and scanners embed sRGB's profile: such a photo needs no conversion, so its full size is its
    # own bytes (without the profile, which says what a browser assumes anyway). Another profile is
    # converted (see test_the_full_size_of_a_turned_cmyk_or_alpha_original_is_upright_srgb).
    from albumen.images import is_srgb_profile

    root = archive_with(tmp_path, {"tagged.jpg": None})
    tagged = gradient(900, 600).icc_transform("srgb", input_profile="srgb")
    tagged.jpegsave(str(root / "images" / "tagged.jpg"), Q=90, keep="icc")
    assert is_srgb_profile(tagged.get("icc-profile-data"))
    assert not is_srgb_profile(gradient(9, 6).icc_transform("p3", input_profile="srgb").get("icc-profile-data"))
    assert not is_srgb_profile(tagged.get("icc-profile-data")[:140])  # cut short
    assert not run_build(root).problems.errors
    full = root / "_site" / "iiif" / "items" / "tagged" / "image" / "full" / "max" / "0" / "default.jpg"
    copy = pyvips.Image.new_from_file(str(full))
    assert not copy.get_typeof("icc-profile-data")
    assert (copy - pyvips.Image.new_from_file(str(root / "images" / "tagged.jpg"))).abs().max() == 0


def test_the_full_sizes_rights_fit_in_one_segment_however_long() -> None:
    from albumen.images import _jpeg_segments, jpeg_exif_segment
    from albumen.metadata.rights import Rights, rights_exif

    long = "© The Family " * 5000  # 70,000 bytes each
    segment = jpeg_exif_segment(rights_exif(Rights(copyright=long, artist=long)))
    assert segment is not None and len(segment) <= 0xFFFF + 2
    written = read_exif(segment[4:])
    assert long.startswith(written.copyright) and len(written.copyright.encode()) > 29_000  # cut between letters
    [(marker, whole)] = list(_jpeg_segments(b"\xff\xd8" + segment))
    assert marker == 0xE1 and whole == segment
