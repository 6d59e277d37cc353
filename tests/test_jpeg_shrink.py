"""A JPEG shrinks by 2, 4 or 8 while it decodes (jpegload(shrink=N)) when it is at least twice the output's
size; other images go through thumbnail(). Both paths must refuse a truncated file and keep EXIF orientation.

Every image is made here, in tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pyvips
from PIL import Image

from albumen.images import ImageJob, ImageProblem, Output, _decode, _jpeg_shrink, make_images, run_job


def photo_like(width: int, height: int) -> pyvips.Image:
    """Gradients under blurred noise: a JPEG of it is as dense as a scanned photograph's, so a cut file
    really misses most of its picture."""
    xy = pyvips.Image.xyz(width, height)
    colour = (xy[0] * 200 / width + 20).bandjoin([xy[1] * 150 / height + 50,
                                                  (xy[0] + xy[1]) * 100 / (width + height) + 60])
    return (colour + pyvips.Image.gaussnoise(width, height, sigma=40).gaussblur(1.5)).cast("uchar").copy(
        interpretation="srgb")


def truncated_jpeg(path: Path, size: tuple[int, int], keep: float = 0.6) -> Path:
    width, height = size
    whole = photo_like(width, height).jpegsave_buffer(Q=90)
    path.write_bytes(whole[: int(len(whole) * keep)])
    return path


def header(path: Path) -> pyvips.Image:
    return pyvips.Image.new_from_file(str(path), access="sequential")


def job_for(source: Path, out: Path, sizes: tuple[tuple[int, int], ...]) -> ImageJob:
    outputs = tuple(Output("jpeg", w, h, str(out / f"w{w}.jpg"), 85) for w, h in sizes)
    return ImageJob(source=str(source), outputs=outputs, sizes=sizes)


# -- a truncated file is an error on both decode paths -------------------------------------------------------

@pytest.mark.parametrize(("size", "sizes", "shrink"), [
    ((3200, 2000), ((800, 500), (400, 250)), 4),  # jpegload(shrink=4): the path a big photo takes
    ((1000, 625), ((800, 500), (400, 250)), 1),  # thumbnail(): less than twice the output
], ids=["jpegload-shrink", "thumbnail"])
def test_a_truncated_jpeg_is_an_error_not_a_grey_filled_picture(
        tmp_path: Path, size: tuple[int, int], sizes: tuple[tuple[int, int], ...], shrink: int) -> None:
    # Without fail_on="truncated", libvips only warns and fills the missing rows with grey: the site would
    # publish a half-grey photo and nobody would be told.
    source = truncated_jpeg(tmp_path / "cut.jpg", size)
    assert _jpeg_shrink(header(source), sizes[0]) == shrink  # the path this case is about
    out = tmp_path / "out"
    with pytest.raises(ImageProblem, match="truncated or damaged"):
        make_images(job_for(source, out, sizes))
    assert not out.exists() or not any(out.iterdir())  # nothing half made is left behind

    key, written, error, damaged = run_job("cut", job_for(source, out, sizes))
    assert (key, written, damaged) == ("cut", 0, True)  # a verdict on its bytes, kept by the catalog
    assert error is not None and "can't decode this image" in error


def test_the_same_big_jpeg_whole_is_made_by_the_shrink_path(tmp_path: Path) -> None:
    # The check above means something only if the untruncated file goes through: the error is the cut.
    source = tmp_path / "whole.jpg"
    photo_like(3200, 2000).jpegsave(str(source), Q=90)
    assert _jpeg_shrink(header(source), (800, 500)) == 4
    sizes = ((800, 500), (400, 250))
    assert make_images(job_for(source, tmp_path / "out", sizes)) == 2
    for width, height in sizes:
        with Image.open(tmp_path / "out" / f"w{width}.jpg") as made:
            assert made.size == (width, height)


# -- how much a JPEG shrinks while it decodes ----------------------------------------------------------------

@pytest.fixture(scope="module")
def big_jpeg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shrink") / "big.jpg"
    photo_like(3200, 2000).jpegsave(str(path), Q=85)
    return path


@pytest.mark.parametrize(("stored_size", "shrink"), [
    ((800, 500), 4),
    ((1600, 1000), 2),
    ((3200, 2000), 1),  # full size: nothing to gain
    ((400, 250), 8),  # libjpeg shrinks by 8 at most
    ((200, 125), 8),
    ((1601, 1000), 1),  # a pixel over half: a 2x shrink would not cover it
    ((1000, 1000), 2),  # the tighter side decides: 2000 / 1000
], ids=str)
def test_jpeg_shrink_is_the_largest_factor_that_still_covers_the_size(
        big_jpeg: Path, stored_size: tuple[int, int], shrink: int) -> None:
    assert _jpeg_shrink(header(big_jpeg), stored_size) == shrink


def test_jpeg_shrink_is_one_for_anything_but_a_jpeg(tmp_path: Path) -> None:
    # jpegload() cannot open a PNG: it must go through thumbnail(), whatever its size.
    png = tmp_path / "big.png"
    photo_like(3200, 2000).pngsave(str(png), compression=1)
    assert header(png).get("vips-loader") == "pngload"
    assert _jpeg_shrink(header(png), (800, 500)) == 1
    assert _jpeg_shrink(header(png), (400, 250)) == 1


# -- EXIF orientation: the shrink is worked out on the stored size --------------------------------------------

def test_a_turned_jpeg_is_decoded_upright_at_the_shown_size(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait: turned a quarter clockwise
    stored = Image.new("RGB", (3200, 2000), (20, 20, 20))
    stored.paste((250, 20, 20), (0, 0, 800, 500))  # red in the stored top-left: shown top-right
    stored.paste((20, 20, 250), (2400, 1500, 3200, 2000))  # blue in the stored bottom-right: shown bottom-left
    source = tmp_path / "turned.jpg"
    stored.save(source, quality=90, exif=exif)

    # 500x800 shown is 800x500 stored: a 4x shrink. Worked out on the shown size (500x800 against 3200x2000)
    # it would be 2, and decoded 1600x1000 for nothing; worked out the other way round it could be too big.
    assert _jpeg_shrink(header(source), (800, 500)) == 4
    decoded = _decode(str(source), (500, 800))
    assert (decoded.width, decoded.height) == (500, 800)
    assert decoded.bands == 3 and decoded.format == "uchar"
    assert not decoded.get_typeof("orientation")  # upright now: a viewer must not turn it again

    def pixel(x: int, y: int) -> list[float]:
        return decoded.getpoint(x, y)

    top_right, top_left = pixel(480, 20), pixel(20, 20)
    bottom_left, bottom_right = pixel(20, 780), pixel(480, 780)
    assert top_right[0] > 200 and top_right[2] < 60, top_right
    assert bottom_left[2] > 200 and bottom_left[0] < 60, bottom_left
    assert max(top_left) < 60 and max(bottom_right) < 60, (top_left, bottom_right)


def test_a_turned_jpeg_uses_the_stored_size_for_its_shrink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A 3200x2000 JPEG stored on its side, asked for at 500x800 upright: shrunk 4 times (its stored size against
    # the size asked, turned); taken upright, 2000/800 would allow only 2.
    exif = Image.Exif()
    exif[0x0112] = 6
    source = tmp_path / "turned.jpg"
    Image.new("RGB", (3200, 2000), (90, 120, 150)).save(source, quality=90, exif=exif)
    loaded: list[int] = []
    real_jpegload = pyvips.Image.jpegload

    def jpegload(*args: object, **kwargs: object) -> pyvips.Image:
        loaded.append(int(kwargs["shrink"]))  # type: ignore[call-overload]
        return real_jpegload(*args, **kwargs)

    monkeypatch.setattr(pyvips.Image, "jpegload", staticmethod(jpegload))
    decoded = _decode(str(source), (500, 800))
    assert loaded == [4]
    assert (decoded.width, decoded.height) == (500, 800)
