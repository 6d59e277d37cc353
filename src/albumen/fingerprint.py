"""What a picture looks like, as a number: the same photo saved at another size or JPEG quality matches.

Old sites hold each photo two or three times (a thumbnail, a page-sized copy, sometimes the scan), under
other names and re-saved; a sha256 of the bytes tells none of them apart. A difference hash (dHash) does:
the picture shrunk to 9x8 grey pixels, one bit per pair of neighbours (is the left one brighter?).
Re-saving or resizing flips a bit or two of the 64; another photo differs in about half of them; two frames
of the same scene (the photographer pressed twice) in a few more than a re-save does.

imagehash computes the same hash, but brings numpy, scipy and PyWavelets (60 MB) for 64 comparisons;
libvips shrinks the picture while it decodes, which is where the time goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAME_PICTURE_BITS = 10  # at most this many of 64 bits differ: the same picture, resized or re-saved
NEAR_DUPLICATE_BITS = 16  # at most this many: two frames of one scene, for a person to decide
SAME_SHAPE = 0.04  # the same picture has the same width/height ratio, give or take a pixel of rounding
SAME_COLOUR = 6  # re-saving or shrinking moves a band's mean by 0-4 levels (measured); another photo's, more
NEAR_COLOUR = 24
SAME_GREY = 4.0  # mean difference of the blurred 32x32 grey pictures: 0.5-2.4 for a copy (measured), 6.7 for a
# photo of the same bridge before and after (the dHash alone takes them for one)
GREY_SIDE = 32


@dataclass(frozen=True)
class Fingerprint:
    bits: int  # the 64-bit difference hash (of brightness: it is blind to colour and overall tone)
    ratio: float  # width / height
    colour: tuple[int, ...]  # the mean of each band (0-255): tells a red sunset from a blue one of one shape
    grey: bytes = b""  # the picture as 32x32 grey pixels, slightly blurred: tells two frames of one scene apart

    def distance(self, other: Fingerprint) -> int:
        return (self.bits ^ other.bits).bit_count()

    def same_shape(self, other: Fingerprint) -> bool:
        return abs(self.ratio - other.ratio) <= SAME_SHAPE * max(self.ratio, other.ratio)

    def colour_difference(self, other: Fingerprint) -> int:
        if len(self.colour) != len(other.colour):
            return 0 if abs(sum(self.colour) / len(self.colour) - sum(other.colour) / len(other.colour)) < 2 else 255
        return max(abs(a - b) for a, b in zip(self.colour, other.colour, strict=True))

    def grey_difference(self, other: Fingerprint) -> float:
        """The mean difference of the 32x32 grey pixels (0-255)."""
        if not self.grey or len(self.grey) != len(other.grey):
            return 0.0
        return sum(abs(a - b) for a, b in zip(self.grey, other.grey, strict=True)) / len(self.grey)

    def same_picture(self, other: Fingerprint) -> bool:
        """The same photo at another size or quality (a thumbnail of it, a re-saved copy)."""
        return (self.same_shape(other) and self.distance(other) <= SAME_PICTURE_BITS
                and self.colour_difference(other) <= SAME_COLOUR and self.grey_difference(other) <= SAME_GREY)

    def near_duplicate(self, other: Fingerprint) -> bool:
        """Not the same file's picture, but so alike that a person should look (two frames of one scene)."""
        return (self.same_shape(other) and self.distance(other) <= NEAR_DUPLICATE_BITS
                and self.colour_difference(other) <= NEAR_COLOUR)


def fingerprint_of(path: Path, size: tuple[int, int]) -> Fingerprint | None:
    """The picture's fingerprint; `size` is its width and height as shown (OldSite.size: orientation applied,
    as thumbnail() applies it). None when it can't be decoded."""
    import pyvips

    try:
        image = _opaque_srgb(pyvips.Image.thumbnail(str(path), 9, height=8, size="force").copy_memory())
        pixels = _grey_band(image).cast("uchar").write_to_memory()
        colour = tuple(round(image[band].avg()) for band in range(image.bands))
        small = _opaque_srgb(pyvips.Image.thumbnail(str(path), GREY_SIDE, height=GREY_SIDE, size="force"))
        grey_pixels = bytes(_grey_band(small).gaussblur(0.8).cast("uchar").write_to_memory())  # resampling noise
    except pyvips.Error:
        return None
    bits = 0
    for row in range(8):
        for column in range(8):
            bits = (bits << 1) | (pixels[row * 9 + column] > pixels[row * 9 + column + 1])
    width, height = size
    return Fingerprint(bits, width / height if height else 1.0, colour, grey_pixels)


def _opaque_srgb(image: Any) -> Any:
    """Transparency over white, and sRGB or grey bands, so that every file's picture compares alike."""
    if image.hasalpha():
        image = image.flatten(background=[255] * (image.bands - 1))
    if image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    return image


def _grey_band(image: Any) -> Any:
    return image.colourspace("b-w")[0] if image.bands > 1 else image
