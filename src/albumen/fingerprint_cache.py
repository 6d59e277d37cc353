"""Fingerprints kept by content hash in `.albumen/fingerprints.sqlite`: each picture is decoded for one once.

A file is known again by its stat key (size, mtime, inode, ctime, as the catalog knows originals), so a second
run reads no picture at all; a file whose stat changed is hashed again, and when its bytes are ones seen before (a
copy, a touched file, the photo an import copied into images/) its fingerprint is found by the hash. The file is
a cache: deleting it costs time, never content, and an archive that can't be written to works without it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.fingerprint import Fingerprint, fingerprint_of
from albumen.hashing import file_sha256

CACHE_FILE = "fingerprints.sqlite"
FINGERPRINT_CODE = 1  # bump when fingerprint_of computes another picture: every kept fingerprint is made again
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                                  ino INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS prints (sha256 TEXT NOT NULL, code INTEGER NOT NULL, readable INTEGER NOT NULL,
                                   bits INTEGER, ratio REAL, colour TEXT, grey BLOB, PRIMARY KEY (sha256, code));
"""
SIGNED = 1 << 63  # SQLite's integers are signed 64-bit: a hash with its top bit set is kept as a negative number

StatKey = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


@dataclass(frozen=True)
class Picture:
    """A picture to fingerprint: its key in the cache (its path as the archive names it), the file, and its width
    and height as shown (orientation applied, as check's probe gives them)."""

    key: str
    path: Path
    size: tuple[int, int]


class FingerprintCache:
    """Fingerprints of pictures, made (in threads: libvips and hashlib let go of the GIL) only for those not kept.

    `decoded` counts the pictures decoded by this cache, `hashed` the files read whole to hash them."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.decoded = 0
        self.hashed = 0
        self._db = _open(cache_dir / CACHE_FILE) if cache_dir is not None else None

    def fingerprints(self, pictures: Sequence[Picture],
                     advance: Callable[[int, int], None] | None = None) -> list[Fingerprint | None]:
        """Each picture's fingerprint, in order (None: it could not be read or decoded). `advance(done, total)` is
        called as the pictures not kept are decoded."""
        stats = [_stat_key(picture.path) for picture in pictures]
        hashes = self._hashes_by_stat(pictures, stats)
        unknown = [index for index, digest in enumerate(hashes) if digest is None and stats[index] is not None]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for index, digest in zip(unknown, pool.map(lambda i: _sha256(pictures[i].path), unknown), strict=True):
                hashes[index] = digest
            self.hashed += len(unknown)
            kept = self._known_prints({digest for digest in hashes if digest})
            missing = {digest: pictures[index] for index, digest in enumerate(hashes) if digest and digest not in kept}
            made: dict[str, Fingerprint | None] = {}
            for digest, fingerprint in zip(missing, pool.map(_decode, missing.values()), strict=True):
                made[digest] = fingerprint
                if advance is not None:
                    advance(len(made), len(missing))
        self.decoded += len(made)
        self._remember([(pictures[i].key, stats[i], hashes[i]) for i in unknown], made)
        kept.update(made)
        return [kept.get(digest) if digest else None for digest in hashes]

    def _hashes_by_stat(self, pictures: Sequence[Picture], stats: list[StatKey | None]) -> list[str | None]:
        """The content hash of each picture whose file is as it was when last hashed (None for the others)."""
        known = self._known_files()
        hashes: list[str | None] = []
        for picture, stat in zip(pictures, stats, strict=True):
            entry = known.get(picture.key)
            hashes.append(entry[1] if entry is not None and stat is not None and entry[0] == stat else None)
        return hashes

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _known_files(self) -> dict[str, tuple[StatKey, str]]:
        if self._db is None:
            return {}
        rows = self._query("SELECT path, size, mtime_ns, ino, ctime_ns, sha256 FROM files")
        return {row[0]: ((row[1], row[2], row[3], row[4]), row[5]) for row in rows}

    def _known_prints(self, hashes: set[str]) -> dict[str, Fingerprint | None]:
        if self._db is None or not hashes:
            return {}
        rows = self._query("SELECT sha256, readable, bits, ratio, colour, grey FROM prints WHERE code = ?",
                           (FINGERPRINT_CODE,))
        return {row[0]: _fingerprint(row[1:]) for row in rows if row[0] in hashes}

    def _remember(self, files: list[tuple[str, StatKey | None, str | None]],
                  made: dict[str, Fingerprint | None]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                                     [(key, *stat, digest) for key, stat, digest in files if stat and digest])
                self._db.executemany("INSERT OR REPLACE INTO prints VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [(digest, FINGERPRINT_CODE, *_row(fingerprint))
                                      for digest, fingerprint in made.items()])
        except sqlite3.Error:
            self.close()  # a full disk or a read-only archive: the fingerprints are only a cache

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        assert self._db is not None
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error:
            self.close()
            return []


def _open(path: Path) -> sqlite3.Connection | None:
    """The cache, made if missing; a damaged one is made anew; None when the folder can't hold one."""
    for _ in range(2):
        db = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
            db.executescript(SCHEMA)
            return db
        except sqlite3.OperationalError:
            _close(db)
            return None  # locked by another run for longer than the timeout, or a read-only folder
        except sqlite3.DatabaseError:
            _close(db)
            try:
                path.unlink(missing_ok=True)  # not a database (damaged, or some other file): it was only a cache
            except OSError:
                return None
        except (OSError, sqlite3.Error):
            _close(db)
            return None
    return None


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        db.close()


def _stat_key(path: Path) -> StatKey | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


def _decode(picture: Picture) -> Fingerprint | None:
    return fingerprint_of(picture.path, picture.size)


def _sha256(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def _row(fingerprint: Fingerprint | None) -> tuple[object, ...]:
    if fingerprint is None:
        return (0, None, None, None, None)
    bits = fingerprint.bits - (1 << 64) if fingerprint.bits >= SIGNED else fingerprint.bits
    return (1, bits, fingerprint.ratio, ",".join(map(str, fingerprint.colour)), fingerprint.grey)


def _fingerprint(row: tuple[object, ...]) -> Fingerprint | None:
    readable, bits, ratio, colour, grey = row
    if not readable or not isinstance(bits, int) or not isinstance(ratio, float):
        return None
    colours = tuple(int(value) for value in colour.split(",")) if isinstance(colour, str) and colour else ()
    return Fingerprint(bits % (1 << 64), ratio, colours, grey if isinstance(grey, bytes) else b"")
