"""The studio's reads and writes of a person's files: each write whole, after a backup, never over a newer edit."""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

from albumen.atomic import atomic_write
from albumen.reading import read_regular_file

BACKUPS = Path(".albumen") / "backups"


class Conflict(Exception):
    """The file changed on disk since its form was opened (a text editor, a second tab)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_text(root: Path, rel: str) -> tuple[str, str]:
    """The file's text as it is (BOM and line ends kept) and the digest its form carries."""
    raw = read_regular_file(root / rel)
    return raw.decode("utf-8"), digest(raw)


def current_digest(root: Path, rel: str) -> str:
    path = root / rel
    return digest(read_regular_file(path)) if path.exists() else ""


def write_text(root: Path, rel: str, text: str, opened: str) -> Path | None:
    """Write `text` to `rel` if the file is still as it was when the form was opened (digest `opened`).

    The file it replaces is copied first into a new folder under .albumen/backups/ (never over another backup).
    Returns that folder (None for a new file).
    """
    if current_digest(root, rel) != opened:
        raise Conflict(rel)
    path = root / rel
    backup = _back_up(root, rel) if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    atomic_write(path, lambda handle: handle.write(data))
    return backup


def _back_up(root: Path, rel: str) -> Path:
    base = root / BACKUPS
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    number = 1
    while True:
        folder = base / (f"{stamp}-studio" if number == 1 else f"{stamp}-studio-{number}")
        try:
            folder.mkdir(parents=True)  # exclusive: two saves in one second get two folders
            break
        except FileExistsError:
            number += 1
    target = folder / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / rel, target)
    return folder
