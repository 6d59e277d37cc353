"""The studio's reads and writes of a person's files: each write whole, after a backup, never over a newer edit."""

from __future__ import annotations

import hashlib
from pathlib import Path

from albumen.atomic import atomic_write
from albumen.importers.writer import back_up, new_backup_folder
from albumen.reading import read_regular_file


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
    backup = root / back_up(root, rel, new_backup_folder(root)) if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    atomic_write(path, lambda handle: handle.write(data))
    return backup
