"""Where things live in the built site. These paths are a contract: they stay stable across builds."""

from __future__ import annotations

from typing import Protocol

from albumen.images import EXTENSIONS
from albumen.records import Item, Topic


class Rendition(Protocol):
    """What a media URL needs of a derivative (stages.derive.Derivative): its width and format. A protocol, so
    that this module, which the stages use, needs no stage."""

    @property
    def width(self) -> int: ...

    @property
    def format(self) -> str: ...


def media_url(item: Item, derivative: Rendition) -> str:
    return f"media/{item.id}/w{derivative.width}.{EXTENSIONS[derivative.format]}"


def original_url(item: Item, suffix: str) -> str:
    """The original file offered for download (when the download setting is on), named for its format
    (render.original_suffix), never for its file name."""
    return f"media/{item.id}/original{suffix}"


def manifest_url(item: Item) -> str:
    return f"iiif/items/{item.id}/manifest.json"


def image_service_url(item: Item) -> str:
    return f"iiif/items/{item.id}/image"


def full_size_url(item: Item) -> str:
    """The full-size JPEG of an original between the largest width and tiles (IIIF's canonical 'max')."""
    return f"{image_service_url(item)}/full/max/0/default.jpg"


def collection_url(topic: Topic | None) -> str:
    return f"iiif/topics/{topic.id}/collection.json" if topic else "iiif/collection.json"


def relative_url(here: str, target: str) -> str:
    """A link from the page at `here` (a folder URL like 'items/x/') to `target`, both from the site root.

    Up to the root, then down: '../../items/y/'. Not the shortest path, but the same for every link on
    a page, and a page has hundreds of links (os.path.relpath was a third of a rebuild's time).
    """
    depth = here.count("/")
    if depth == 0:
        return target or "./"
    return "../" * depth + target


def redirect_file(old_path: str) -> str:
    """The file an old site path becomes: 'a/' and 'a' (no extension) are folders with an index.html."""
    if old_path.endswith("/"):
        return old_path + "index.html"
    if "." not in old_path.rsplit("/", 1)[-1]:
        return old_path + "/index.html"
    return old_path
