"""Whether two files show the very same picture, told by their pixels, not by a hash.

The fingerprint (fingerprint.py) finds pictures that look alike; it can't tell a thumbnail from another
picture that differs in one small part: 29 T-shirt designs printed on one shirt template, portraits on
one studio backdrop, pages scanned on one scanner lid. Those are different photos, listed for a person to
decide, never merged. Here the two pictures are compared where they can differ: both at the larger common
size (the smaller picture's, at most COMPARE_SIDE), slightly blurred (re-saving, resampling and a thumbnail's
sharpening move single pixels, not areas), in small blocks; one block that differs clearly is another picture.

Measured (mean of the RGB difference of one 5x5 block, the worst block of the picture), 75-px thumbnails
against 350- and 600-px pictures: a thumbnail and its own picture 1.5-10.1 (Photoshop 7 'Simple' and CS
thumbnails, sharpened, quality 60: photoshop7-paged-ojovo, photoshop-frames-gdebord); a thumbnail and another
design on the same shirt 13.8 or more; two of the 350-px designs, compared at 128 px, 20.7 or more.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from pathlib import Path
from typing import Any

from albumen.fingerprint import opaque_srgb, thumbnail

COMPARE_SIDE = 128  # the longest side the two are compared at: a print on a shirt is still 30 px wide
BLUR = 1.5  # pixels (at the compared size): a thumbnail's sharpening and JPEG's 8x8 blocks smoothed out
BLOCK = 5  # pixels: the area that must differ, larger than any single edge moved by resampling
TYPICAL = 0.9  # the block that stands for the whole picture's difference
SAME_BLOCKS = 12.0  # the worst block's mean difference (0-255) below which the two are one picture
SPREAD_OUT = 8.5  # up to 2 * SAME_BLOCKS, when the worst block is within this of the typical one: a fine pattern
# resampled by two programs differs all over (a test card's stripes: worst 13.7, typical 5.7); another design on
# one template differs in one place (worst 13.8-15.4, typical 3.7-5.2: 9.4 apart or more)


def same_pixels(first: Path, first_size: tuple[int, int], second: Path, second_size: tuple[int, int],
                turns: int = 0) -> bool:
    """The two files show one picture (at any size or JPEG quality; the first turned a quarter clockwise `turns`
    times); None-safe: unreadable means no."""
    difference = block_differences(first, first_size, second, second_size, turns)
    if difference is None:
        return False
    worst, typical = difference
    return worst <= SAME_BLOCKS or (worst <= 2 * SAME_BLOCKS and worst - typical <= SPREAD_OUT)


def block_differences(first: Path, first_size: tuple[int, int], second: Path,
                      second_size: tuple[int, int], turns: int = 0) -> tuple[float, float] | None:
    """The mean difference of the most different block of the two pictures at their larger common size, and
    of the block at TYPICAL (how different the picture is all over); None when one can't be read."""
    import pyvips

    if turns % 2:
        first_size = (first_size[1], first_size[0])
    width, height = _common_size(first_size, second_size)
    try:
        a, b = _pixels(first, *((height, width) if turns % 2 else (width, height))), _pixels(second, width, height)
        for _ in range(turns % 4):
            a = a.rot90()
    except (pyvips.Error, OSError):
        return None
    difference = (a - b).abs().bandmean()
    side = min(BLOCK, width, height)
    blocks = difference.crop(0, 0, side * (width // side), side * (height // side))
    values = sorted(array("f", bytes(blocks.shrink(side, side).cast("float").write_to_memory())))
    return values[-1], values[int(len(values) * TYPICAL)]


def _common_size(first: tuple[int, int], second: tuple[int, int]) -> tuple[int, int]:
    """The smaller picture's size (the larger size both have), scaled down to COMPARE_SIDE."""
    width, height = min(first, second, key=lambda size: size[0] * size[1])
    scale = min(1.0, COMPARE_SIDE / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


@lru_cache(maxsize=64)  # a group of look-alikes compares each picture with every other: decode each once
def _pixels(path: Path, width: int, height: int) -> Any:
    image = opaque_srgb(thumbnail(path, width, height))
    if image.bands == 1:
        image = image.bandjoin([image, image])
    return image.gaussblur(BLUR).cast("float").copy_memory()
