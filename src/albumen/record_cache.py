"""Records read from files that have not changed since the last read are not parsed again.

A 10,000-item archive is 10,000 YAML documents; reading them all was a second or more of every build, and a
build after one edit reads one. Each file's record is kept with what the reading reported about it, by its path
and its stat key (size, mtime, inode, ctime: a file replaced by another, even of the same size and time, has
another inode or ctime). The cache is `.albumen/records.pickle`, written only into an existing `.albumen/`
(`albumen check` on a fresh archive writes nothing), and tied to the source of the modules that make records:
another albumen's code reads every file again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from albumen.atomic import atomic_write
from albumen.problems import Problem

CACHE_FILE = "records.pickle"
StatKey = tuple[int, int, int, int]


def stat_key(stat: os.stat_result) -> StatKey:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def _code_version() -> str:
    """The source of the modules whose output is cached (not albumen's version: importing the package itself
    would make every reader of records depend on the command line)."""
    digest = hashlib.sha256(CACHE_FILE.encode())
    here = Path(__file__).parent
    for name in ("archive_reader.py", "records.py", "frontmatter.py", "dates.py", "caption_title.py", "ids.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


@dataclass
class RecordCache:
    """rel -> (stat key, record or None, the problems reading it reported)."""

    folder: Path | None  # .albumen/, or None: nothing is kept
    entries: dict[str, tuple[StatKey, Any, list[Problem]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def open(cls, root: Path) -> RecordCache:
        folder = root / ".albumen"
        if not folder.is_dir() or folder.is_symlink():
            return cls(None)
        try:
            with (folder / CACHE_FILE).open("rb") as handle:
                data = pickle.load(handle)  # noqa: S301 - albumen's own cache, in the archive's own folder
            if data.get("code") == _code_version():
                return cls(folder, data["entries"])
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, KeyError, TypeError, ValueError):
            pass
        return cls(folder, changed=True)

    def get(self, rel: str, key: StatKey) -> tuple[Any, list[Problem]] | None:
        entry = self.entries.get(rel)
        if entry is None or entry[0] != key:
            return None
        self.used.add(rel)
        return entry[1], entry[2]

    def put(self, rel: str, key: StatKey, record: Any, problems: list[Problem]) -> None:
        self.entries[rel] = (key, record, problems)
        self.used.add(rel)
        self.changed = True

    def save(self) -> None:
        """Keep the entries of the files read this time (a deleted file's goes)."""
        if self.folder is None:
            return
        stale = self.entries.keys() - self.used
        if not (self.changed or stale):
            return
        entries = {rel: entry for rel, entry in self.entries.items() if rel in self.used}
        data = {"code": _code_version(), "entries": entries}
        try:  # pickled into the file, not into bytes first (34 MB of them at 100,000 items)
            atomic_write(self.folder / CACHE_FILE,
                         lambda handle: pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache: a full disk or a read-only folder costs the next build time, nothing else
