"""Draft records: what an importer has found, before it becomes archive files.

Every importer (old HTML site, spreadsheet, photo metadata) yields these and hands them to the one
archive writer (`writer.py`), which turns them into `items/ID.md`, `topics/ID.md`, `pages/ID.md`,
new entries at the end of places.yaml, copied images and albumen.toml. The fields mirror the front
matter that `stages/load.py` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from albumen.records import ItemImage, Link


@dataclass(frozen=True)
class DraftItem:
    """One photograph: becomes `items/ID.md`."""

    id: str
    image: str  # path inside images/, forward slashes
    caption: str = ""  # Markdown
    title: str = ""
    date: str = ""  # EDTF
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    creator: str = ""
    rights: str = ""
    alt: str = ""
    source: dict[str, Any] | None = None  # where it came from: old page, old file names ...
    redirect_from: tuple[str, ...] = ()  # old site paths that should land on this item
    # An object's images in order (a postcard's sides, a letter's pages), the first being `image`; an item of
    # one image leaves it empty and is written with `image:`.
    images: tuple[ItemImage, ...] = ()
    paged: bool = False  # a book or letter: shown as facing pages


@dataclass(frozen=True)
class DraftTopic:
    """A topic page: becomes `topics/ID.md`."""

    id: str
    title: str
    narrative: str = ""  # Markdown
    date: str = ""
    links: tuple[Link, ...] = ()
    items: tuple[str, ...] = ()  # in gallery order
    redirect_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftPage:
    """A free page (about, contact): becomes `pages/ID.md`."""

    id: str
    title: str
    body: str = ""  # Markdown
    redirect_from: tuple[str, ...] = ()
    menu: bool = False  # the old site's menu led to it: it stays in the site's menu, however many pages there are


@dataclass(frozen=True)
class DraftPlace:
    """A place to add to places.yaml (a place the archive has already is never changed)."""

    id: str
    name: str
    other_names: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None  # the id of a place already in places.yaml, or of one added before this one


@dataclass(frozen=True)
class ImageCopy:
    """An image file copied into images/ byte for byte."""

    source: Path
    target: str  # path inside images/, forward slashes


@dataclass(frozen=True)
class SiteSettings:
    """Values offered for albumen.toml; empty means "nothing to offer"."""

    title: str = ""
    description: str = ""
    language: str = ""
    notice: str = ""
    rights: str = ""

    def offered(self) -> dict[str, str]:
        """The settings that have a value, in albumen.toml's order."""
        values = {"title": self.title, "description": self.description, "language": self.language,
                  "notice": self.notice, "rights": self.rights}
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class Draft:
    """Everything one import will write."""

    items: tuple[DraftItem, ...] = ()
    topics: tuple[DraftTopic, ...] = ()
    pages: tuple[DraftPage, ...] = ()
    places: tuple[DraftPlace, ...] = ()  # parents before the places inside them
    images: tuple[ImageCopy, ...] = ()
    settings: SiteSettings = field(default_factory=SiteSettings)
