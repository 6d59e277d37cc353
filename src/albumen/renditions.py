"""What the site can show of an item's originals: the catalog's record of an original, its derivatives in the
cache, its tiles. Below the stages: the derive stage makes them, the site model, IIIF and the render stage read
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Original:
    """An item's original image as the catalog knows it."""

    path: str  # relative to images/
    sha256: str
    width: int
    height: int
    # The verdict of a strict decode of these bytes: not part of what the site is built from (repr, ==).
    verified: bool = field(default=False, repr=False, compare=False)  # decoded strictly in some build
    damage: str = field(default="", repr=False, compare=False)  # what is wrong with its data; '' if nothing


@dataclass(frozen=True, slots=True)  # slots: a few of them an item, 100,000 items
class Derivative:
    width: int
    height: int
    format: str  # "jpeg", "webp" or "avif"
    path: Path  # in the cache
    number: int = 1  # which of its item's images it shows (1-based): its URL says so (urls.media_url)


@dataclass(frozen=True)
class ItemImages:
    """What the site can show of one item's original."""

    original: Original
    source: Path  # the original file, under images/
    derivatives: tuple[Derivative, ...]  # every format, smallest first
    tiles: Path | None  # a folder of IIIF level-0 tiles with info.json, for big originals
    # The original at full size, for deep zoom of an original bigger than the largest width but too small
    # to be worth tiles (a IIIF level-0 service of whole sizes: the widths and this).
    full: Path | None = None
    number: int = 1  # its place among the item's images (1-based), kept when an image before it fails
    label: str = ""  # what it shows, as the item says ("front", "page 2"); '' when it says nothing
    # The item's further images that can be shown, in order: an object (a postcard's back, a letter's pages).
    # The first image carries them, so that what shows one picture per item needs to know nothing of them.
    others: tuple[ItemImages, ...] = ()

    @property
    def pages(self) -> tuple[ItemImages, ...]:
        """Every image of the item that can be shown, this one first."""
        return (self, *self.others)

    def of_format(self, format: str) -> list[Derivative]:
        return [d for d in self.derivatives if d.format == format]

    @property
    def has_image_service(self) -> bool:
        """Whether it gets a IIIF image service for deep zoom (tiles or whole sizes)."""
        return self.tiles is not None or self.full is not None

    @property
    def jpeg(self) -> list[Derivative]:
        return self.of_format("jpeg")

    @property
    def largest(self) -> Derivative:
        return self.jpeg[-1]
