"""Typed records that flow between the pipeline stages: what a person wrote, nothing derived."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from albumen.dates import Date


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class ItemImage:
    """One image of an item, in the order written: a path inside images/ and what it shows ("front", "page 2"),
    when the person said."""

    path: str  # relative to images/, forward slashes
    label: str = ""


def image_key(item_id: str, number: int) -> str:
    """The key of an item's image number `number` (1-based) in the stages' dicts: the item's id for its first image
    (so code that knows one image per item keeps working), 'ID/N' for the others (an id holds no '/')."""
    return item_id if number == 1 else f"{item_id}/{number}"


@dataclass(frozen=True)
class Item:
    """One photograph, or an object of several images (a postcard's sides, a letter's pages): `items/ID.md`."""

    id: str
    file: str  # the item file, relative to the archive
    image: str  # the first image, relative to images/, forward slashes: what shows one picture shows this
    title: str
    caption: str  # Markdown, exactly as written
    date: Date | None = None
    places: tuple[str, ...] = ()  # place ids (names are resolved to ids by check)
    subjects: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    creator: str = ""
    rights: str = ""
    alt: str = ""
    source: Any = None  # where the photo came from (an import records the old site's page and files)
    redirect_from: tuple[str, ...] = ()  # old paths (an imported site's URLs) that should land here
    added: str = ""  # the day the photo joined the archive (YYYY-MM-DD): the feed lists recent additions
    # Every image, in order, the first (`image`) included; made from `image` when not given.
    images: tuple[ItemImage, ...] = ()
    paged: bool = False  # a book or letter: IIIF viewers show its images as facing pages
    # Where each front-matter key was written, so later stages can point at the line; 'images.N' is the line
    # of the images list's entry N (0-based).
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # `image` and `images` always agree, however the item was made (a reader, an importer, a test).
        if not self.images and self.image:
            object.__setattr__(self, "images", (ItemImage(self.image),))
        elif self.images and self.image != self.images[0].path:
            object.__setattr__(self, "image", self.images[0].path)

    def image_line(self, index: int) -> int | None:
        """The line that names image `index` (0-based): its entry in `images:`, or the `image:` line."""
        return self.lines.get(f"images.{index}") or self.lines.get("images") or self.lines.get("image")


@dataclass(frozen=True)
class Topic:
    """A topic page: `topics/ID.md`, a narrative and an ordered gallery."""

    id: str
    file: str
    title: str
    narrative: str
    date: Date | None = None
    links: tuple[Link, ...] = ()
    items: tuple[str, ...] | None = None  # None: the items that name this topic, in date order
    redirect_from: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Place:
    """A place from places.yaml."""

    id: str
    name: str
    other_names: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Page:
    """A free page: `pages/ID.md` (about, contact)."""

    id: str
    file: str
    title: str
    body: str
    redirect_from: tuple[str, ...] = ()
    menu: bool = False  # shown in the site's menu even when there are too many pages to show them all
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Subject:
    """A subject is named by items; its id is a slug of its name."""

    id: str
    name: str


@dataclass(frozen=True)
class Archive:
    """Everything a person wrote in an archive folder, read and typed."""

    items: tuple[Item, ...]
    topics: tuple[Topic, ...]
    places: tuple[Place, ...]
    pages: tuple[Page, ...]
