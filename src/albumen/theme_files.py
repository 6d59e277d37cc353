"""The theme's files, shared by the site model and the render stage: where they are, what they hash to, which
front-end libraries set-up installed, and their copy into a built site (our own CSS and JS, and the libraries
copied from npm into theme/vendor/)."""

from __future__ import annotations

import hashlib
import shutil
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

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


def copy_static(target: Path) -> None:
    """Our own CSS and JS, and the front-end libraries set-up copied from npm into theme/vendor/."""
    _copy_tree(THEME / "static", target)
    if (THEME / "vendor").is_dir():
        # Every country's provinces are 3.7 MB: write_provinces writes the site's own countries instead.
        _copy_tree(THEME / "vendor", target / "vendor", skip={outlines.PROVINCES.name})


def _copy_tree(source: Traversable, target: Path, skip: frozenset[str] | set[str] = frozenset()) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.name in skip:
            continue
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif entry.is_file():
            with entry.open("rb") as src, (target / entry.name).open("wb") as dst:
                shutil.copyfileobj(src, dst)

