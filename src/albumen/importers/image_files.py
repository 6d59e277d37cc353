"""The image files in a folder (and its subfolders), found by the names a spreadsheet or a person gives them.

Names are matched ignoring case, with or without the extension ("IMG_001" finds "img_001.JPG"), and a path
("box 2/img_001.tif", "C:\\Scans\\box 2\\img_001.tif") by as much of its end as the folder has.
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from pathlib import Path

# What libvips reads here (HEIC only where its libheif can decode HEVC: photos.py checks each file).
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".tif", ".tiff", ".png", ".webp", ".gif", ".heic",
                            ".heif", ".avif"})


def image_files(folder: Path, skip: Path | None = None) -> dict[str, Path]:
    """Every image under `folder`, by its path inside it (forward slashes), sorted; hidden files and folders, and
    the `skip` folder (an archive being written inside the folder), left out."""
    found: dict[str, Path] = {}
    skipped = skip.resolve() if skip is not None else None
    for current, folders, files in os.walk(folder):
        here = Path(current)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skipped)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.casefold() in IMAGE_SUFFIXES:
                found[(here / name).relative_to(folder).as_posix()] = here / name
    return found


class ImageIndex:
    """The images of a folder, to find by the names a spreadsheet gives."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files
        self.by_path: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        for rel in files:
            name = posixpath.basename(rel)
            self.by_path[rel.casefold()].append(rel)
            self.by_name[name.casefold()].append(rel)
            self.by_stem[posixpath.splitext(name)[0].casefold()].append(rel)

    def find(self, given: str) -> list[str]:
        """The images (paths inside the folder) a name means: one, several (a person must choose), or none."""
        parts = [p for p in given.strip().replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts:
            return []
        for start in range(len(parts) - 1):  # 'C:/Scans/box 2/a.tif' -> 'Scans/box 2/a.tif' -> 'box 2/a.tif'
            found = self.by_path.get("/".join(parts[start:]).casefold())
            if found:
                return found
        name = parts[-1].casefold()
        return self.by_name.get(name) or self.by_stem.get(name) or []
