"""The example files of `albumen new`: an import into a new archive replaces them while nobody has edited them.

`albumen new` keeps the sha256 of each file it wrote in .albumen/skeleton.json. Before an import writes,
the files still byte for byte as `new` wrote them are moved into .albumen/backups/ (so the example photo,
topic, places and about page don't stay in the imported archive, and the importer's own albumen.toml and
pages take their place); a file a person has changed is left where it is, for the writer to refuse or
replace with --force as any other. When the writer then refuses to write, they are put back.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from albumen.hashing import file_sha256

SKELETON_MANIFEST = ".albumen/skeleton.json"
BACKUPS = ".albumen/backups"


@dataclass
class SetAside:
    """Files moved out of the way: (path in the archive, where it is now)."""

    moved: list[tuple[str, Path]] = field(default_factory=list)

    def put_back(self, root: Path) -> None:
        for rel, now in reversed(self.moved):
            os.replace(now, root / rel)
        self.moved.clear()


def remember_skeleton(root: Path, files: list[str]) -> None:
    """Called by `albumen new`: the files it wrote and their hashes."""
    manifest = root / SKELETON_MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({rel: file_sha256(root / rel) for rel in files}, indent=1, sort_keys=True))


def untouched_skeleton_files(root: Path) -> list[str]:
    """The files `albumen new` wrote that are still exactly as it wrote them."""
    try:
        written = json.loads((root / SKELETON_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(written, dict):
        return []
    found = []
    for rel, digest in sorted(written.items()):
        path = root / str(rel)
        if ".." in Path(str(rel)).parts or not path.is_file() or path.is_symlink():
            continue
        if file_sha256(path) == digest:
            found.append(str(rel))
    return found


def set_aside_skeleton(root: Path) -> SetAside:
    """Move the untouched example files into a backup folder of their own."""
    aside = SetAside()
    files = untouched_skeleton_files(root)
    if not files:
        return aside
    folder = root / BACKUPS / f"{time.strftime('%Y%m%d-%H%M%S')}-albumen-new-{os.getpid()}"
    for rel in files:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / rel, target)
        aside.moved.append((rel, target))
    (root / SKELETON_MANIFEST).unlink(missing_ok=True)
    return aside
