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
class Item:
    """One photograph: `items/ID.md`."""

    id: str
    file: str  # the item file, relative to the archive
    image: str  # relative to images/, forward slashes
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
    # Where each front-matter key was written, so later stages can point at the line.
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


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
