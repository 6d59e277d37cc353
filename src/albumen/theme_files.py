"""The theme's files, shared by the site model and the render stage: where they are, what they hash to, which
front-end libraries set-up installed, and their copy into a built site (our own CSS and JS, and the libraries
copied from npm into theme/vendor/)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable

from albumen import outlines

THEME = files("albumen") / "theme"


def theme_digest() -> str:
    """A hash of the theme's files: a new template or stylesheet means a site to rebuild."""
    digest = hashlib.sha256()
    stack: list[Traversable] = [THEME]
    while stack:
        entry = stack.pop()
        if entry.is_dir():
            stack.extend(sorted(entry.iterdir(), key=lambda e: e.name))
        elif entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def map_installed() -> bool:
    """Leaflet comes from npm at set-up too; without it the map pages show their list of places only."""
    return (THEME / "vendor" / "leaflet" / "leaflet.js").is_file()


def viewer_installed() -> bool:
    """The deep-zoom viewer comes from npm at set-up (`make setup`); without it pages show plain images."""
    return (THEME / "vendor" / "openseadragon" / "openseadragon.min.js").is_file()


def copy_static(write: Callable[[str, bytes], object], prefix: str) -> None:
    """Our own CSS and JS, and the front-end libraries set-up copied from npm into theme/vendor/, each file
    given to `write` (a site path under `prefix`, its bytes)."""
    _copy_tree(THEME / "static", prefix, write)
    if (THEME / "vendor").is_dir():
        # Every country's provinces are 3.7 MB: write_provinces writes the site's own countries instead.
        _copy_tree(THEME / "vendor", f"{prefix}/vendor", write, skip={outlines.PROVINCES.name})


def _copy_tree(source: Traversable, prefix: str, write: Callable[[str, bytes], object],
               skip: frozenset[str] | set[str] = frozenset()) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name in skip:
            continue
        if entry.is_dir():
            _copy_tree(entry, f"{prefix}/{entry.name}", write)
        elif entry.is_file():
            write(f"{prefix}/{entry.name}", entry.read_bytes())
