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

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from albumen.grouping import Grouping
from albumen.reading import undecodable_name

SAME_PICTURE_BITS = 10  # at most this many of 64 bits differ: the same picture, resized or re-saved
NEAR_DUPLICATE_BITS = 16  # at most this many: two frames of one scene, for a person to decide
SAME_SHAPE = 0.04  # the same picture has the same width/height ratio, give or take a pixel of rounding
SAME_COLOUR = 6  # re-saving or shrinking moves a band's mean by 0-4 levels (measured); another photo's, more
NEAR_COLOUR = 24
SAME_GREY = 4.0  # mean difference of the blurred 32x32 grey pictures: 0.5-2.4 for a copy (measured), 6.7 for a
# photo of the same bridge before and after (the dHash alone takes them for one)
GREY_SIDE = 32
NEAR_GREY = 18.0  # two frames of one scene differ by 6.7-15.8 (the example's bridge and cooking-fire pairs, pages
# of one letter: 9-12); other photos of one archive within NEAR_DUPLICATE_BITS by 21-27 (measured on the example
# and the corpus): without it, four of the example's photos were one group of "near duplicates"
# Finding near duplicates among many pictures: the 64 bits in BANDS bands of 16 (see _band), and two pictures are
# compared when one of their bands differs in at most PROBE_BITS bits. Any two hashes at most 11 bits apart are
# compared (four bands each 3 or more bits apart make 12), so the same picture (SAME_PICTURE_BITS) is never
# missed; of two frames 12-16 bits apart most are (planted in bench/near_duplicates.py: 100% at 12 bits, 60% at 16).
BANDS = 4
BAND_BITS = 16
PROBE_BITS = 2


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
                and self.colour_difference(other) <= NEAR_COLOUR and self.grey_difference(other) <= NEAR_GREY)


def fingerprint_of(path: Path, size: tuple[int, int]) -> Fingerprint | None:
    """The picture's fingerprint; `size` is its width and height as shown (OldSite.size: orientation applied,
    as thumbnail() applies it). None when it can't be decoded."""
    import pyvips

    try:
        image = opaque_srgb(thumbnail(path, 9, 8).copy_memory())
        pixels = _grey_band(image).cast("uchar").write_to_memory()
        colour = tuple(round(image[band].avg()) for band in range(image.bands))
        small = opaque_srgb(thumbnail(path, GREY_SIDE, GREY_SIDE))
        grey_pixels = bytes(_grey_band(small).gaussblur(0.8).cast("uchar").write_to_memory())  # resampling noise
    except (pyvips.Error, OSError):
        return None
    bits = 0
    for row in range(8):
        for column in range(8):
            bits = (bits << 1) | (pixels[row * 9 + column] > pixels[row * 9 + column + 1])
    width, height = size
    return Fingerprint(bits, width / height if height else 1.0, colour, grey_pixels)


def thumbnail(path: Path, width: int, height: int) -> Any:
    """The picture at exactly width x height (its orientation applied); pyvips.Error when it can't be decoded."""
    import pyvips

    if not undecodable_name(str(path)):
        return pyvips.Image.thumbnail(str(path), width, height=height, size="force")
    # libvips takes a name as UTF-8: a Latin-1 name crashed import html (Found by tests/test_trust_fs_mix.py)
    return pyvips.Image.thumbnail_buffer(path.read_bytes(), width, height=height, size="force")


def opaque_srgb(image: Any) -> Any:
    """Transparency over white, and sRGB or grey bands, so that every file's picture compares alike."""
    if image.hasalpha():
        image = image.flatten(background=[255] * (image.bands - 1))
    if image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    return image


def _grey_band(image: Any) -> Any:
    return image.colourspace("b-w")[0] if image.bands > 1 else image


def near_duplicate_groups(prints: Sequence[Fingerprint | None]) -> list[tuple[int, ...]]:
    """The pictures that look alike (Fingerprint.near_duplicate), as groups of two or more indexes into `prints`
    (None: a picture that could not be read), each in ascending order, the groups ordered by their first index.

    Not every pair is compared: the hashes are put in buckets by bands of their bits (see BANDS), so 10,000
    pictures cost a few hundred thousand comparisons, not fifty million."""
    grouping = Grouping(range(len(prints)))
    for first, second in _near_pairs(prints):
        grouping.join(first, second)
    groups = ([index for index in group if prints[index] is not None] for group in grouping.groups())
    return sorted((tuple(members) for members in groups if len(members) > 1), key=lambda g: g[0])


def _near_pairs(prints: Sequence[Fingerprint | None]) -> set[tuple[int, int]]:
    """Every pair (i < j) of near duplicates that shares a band within PROBE_BITS bits."""
    found: set[tuple[int, int]] = set()
    bits = [fingerprint.bits if fingerprint is not None else -1 for fingerprint in prints]
    for band in range(BANDS):
        buckets: dict[int, list[int]] = defaultdict(list)
        for index, value in enumerate(bits):
            if value >= 0:
                buckets[_band(value, band)].append(index)
        for key, members in buckets.items():
            for probe in _PROBES:
                neighbours = buckets.get(key ^ probe) if probe else members
                if neighbours is None or key ^ probe < key:
                    continue  # each pair of buckets once
                pairs = combinations(members, 2) if not probe else (
                    (a, b) if a < b else (b, a) for a in members for b in neighbours)
                for a, b in pairs:
                    # The bits first: most pairs of a bucket are other pictures, and this is the cheap test.
                    if (bits[a] ^ bits[b]).bit_count() <= NEAR_DUPLICATE_BITS and (a, b) not in found:
                        first, second = prints[a], prints[b]
                        if first is not None and second is not None and first.near_duplicate(second):
                            found.add((a, b))
    return found


def _band(bits: int, band: int) -> int:
    """The band's 16 bits: every fourth bit of the hash, from each of its 8 rows. Bands of whole rows put every
    photo with a plain sky in one bucket (its top rows' bits are all 0): 718 of 10,000 in one, measured."""
    spread = _SPREAD[band]
    return sum(spread[(bits >> (8 * row)) & 0xFF] << (2 * row) for row in range(8))


def _probes(bits: int, most: int) -> list[int]:
    """Every mask of `bits` bits with at most `most` of them set: 0 first."""
    return [sum(1 << bit for bit in chosen) for count in range(most + 1) for chosen in combinations(range(bits), count)]


_PROBES = _probes(BAND_BITS, PROBE_BITS)
# For each band and byte of the hash, the byte's two bits of that band (bits band and band + 4).
_SPREAD = [[((byte >> band) & 1) | ((byte >> (band + 4)) & 1) << 1 for byte in range(256)] for band in range(BANDS)]
