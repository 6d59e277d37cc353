"""catalog: checked records -> `.albumen/catalog.sqlite`, with the content hash of every original.

The catalog is derived data: deleting it costs time, never content. Later stages read from it,
never from the archive's files. Migrations are ordered and recorded in `schema_version`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields, is_dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from albumen.dates import Date
from albumen.hashing import file_sha256
from albumen.images import ImageInfo
from albumen.records import Archive, Item, ItemImage, Link, Page, Place, Topic, image_key
from albumen.renditions import Original
from albumen.stages.check import CheckedArchive, image_path

CATALOG_FILE = "catalog.sqlite"

MIGRATIONS = [
    # 1: records as JSON, originals with their stat signature and hash.
    """
    CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
                          PRIMARY KEY (kind, id));
    CREATE TABLE originals (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                            sha256 TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);
    """,
    # 2: inode and ctime join the stat key (a restore from backup keeps size and mtime, not those); the
    # verdict of each original's strict decode, by content hash ('' when it decodes cleanly).
    """
    ALTER TABLE originals ADD COLUMN ino INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE originals ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE verdicts (sha256 TEXT PRIMARY KEY, damage TEXT NOT NULL);
    """,
    # 3: the full-text table of items (written by migration 1 until 2026-12) goes: nothing read it; search
    # is Pagefind's, over the pages.
    """
    DROP TABLE IF EXISTS items_fts;
    """,
]


@dataclass(frozen=True)
class StatKey:
    """What says a file is unchanged without reading it. Size and mtime alone miss a photo replaced by
    another of the same size whose mtime was set back (a restore from backup, os.utime): the inode or the
    ctime changes then, and ctime can't be set back."""

    size: int
    mtime_ns: int
    ino: int
    ctime_ns: int

    @classmethod
    def of(cls, stat: os.stat_result) -> StatKey:
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


class Catalog:
    """The SQLite catalog of one archive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = _open(path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.db:
            yield self.db

    # -- writing ---------------------------------------------------------------------------------
    def store(self, archive: Archive) -> None:
        """Make the records these (one transaction: readers never see half a catalog). Only the rows that differ
        are written: after one edit, one row, not the 10,000 of a big archive."""
        # A record at a time, the stored rows by a digest of their text: every record's JSON at once, and the stored
        # ones beside it, were two copies of the archive's text (9 MB at 20,000 items, ~50 bytes more a string).
        records: Iterable[tuple[str, str, Item | Topic | Place | Page]] = chain(
            (("item", i.id, i) for i in archive.items), (("topic", t.id, t) for t in archive.topics),
            (("place", p.id, p) for p in archive.places), (("page", p.id, p) for p in archive.pages))

        def changed(stored: dict[tuple[str, str], bytes]) -> Iterator[tuple[str, str, str]]:
            """The rows that differ; `stored` is left with those of records gone."""
            for kind, key, record in records:
                data = _dump(record)
                if stored.pop((kind, key), None) != _row_digest(data):
                    yield kind, key, data

        with self.transaction() as db:
            stored = {(kind, key): _row_digest(data)
                      for kind, key, data in db.execute("SELECT kind, id, data FROM records")}
            db.executemany("INSERT OR REPLACE INTO records (kind, id, data) VALUES (?, ?, ?)", changed(stored))
            db.executemany("DELETE FROM records WHERE kind = ? AND id = ?", sorted(stored))

    def known_original(self, path: str, key: StatKey) -> Original | None:
        """The original at path as last hashed, if its stat key is still the same, with its verdict."""
        row = self.db.execute(
            "SELECT o.sha256, o.width, o.height, v.damage FROM originals o "
            "LEFT JOIN verdicts v ON v.sha256 = o.sha256 "
            "WHERE o.path = ? AND o.size = ? AND o.mtime_ns = ? AND o.ino = ? AND o.ctime_ns = ?",
            (path, key.size, key.mtime_ns, key.ino, key.ctime_ns),
        ).fetchone()
        return _with_verdict(Original(path, row[0], row[1], row[2]), row[3]) if row else None

    def with_verdict(self, original: Original) -> Original:
        """The original with the verdict known for its bytes (under any path, in any earlier build)."""
        row = self.db.execute("SELECT damage FROM verdicts WHERE sha256 = ?", (original.sha256,)).fetchone()
        return _with_verdict(original, row[0] if row else None)

    def store_verdicts(self, verdicts: dict[str, str]) -> None:
        """Record what strict decodes found, by content hash ('' when the data is sound)."""
        if verdicts:
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO verdicts (sha256, damage) VALUES (?, ?)",
                               sorted(verdicts.items()))

    def store_originals(self, changed: list[tuple[Original, StatKey]], in_use: set[str]) -> None:
        """Record newly hashed originals (with their stat key) and forget those no item uses."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO originals (path, size, mtime_ns, ino, ctime_ns, sha256, width, height) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(o.path, k.size, k.mtime_ns, k.ino, k.ctime_ns, o.sha256, o.width, o.height) for o, k in changed],
            )
            stale = [(p,) for (p,) in db.execute("SELECT path FROM originals") if p not in in_use]
            db.executemany("DELETE FROM originals WHERE path = ?", stale)
            db.execute("DELETE FROM verdicts WHERE sha256 NOT IN (SELECT sha256 FROM originals)")

    # -- reading ---------------------------------------------------------------------------------
    def archive(self) -> Archive:
        return Archive(
            items=tuple(_load_item(d) for d in self._records("item")),
            topics=tuple(_load_topic(d) for d in self._records("topic")),
            places=tuple(Place(**{**d, "other_names": tuple(d["other_names"])}) for d in self._records("place")),
            pages=tuple(Page(**{**d, "redirect_from": tuple(d["redirect_from"])}) for d in self._records("page")),
        )

    def _records(self, kind: str) -> Iterator[dict[str, Any]]:
        """A row at a time: every record's parsed JSON at once (dicts of dicts) was several times their text."""
        for (data,) in self.db.execute("SELECT data FROM records WHERE kind = ? ORDER BY id", (kind,)):
            yield json.loads(data)


def catalog_archive(root: Path, checked: CheckedArchive, catalog: Catalog,
                    progress: Callable[[int], None] | None = None,
                    on_changed: Callable[[], None] | None = None) -> dict[str, Original]:
    """Store the records and hash every original whose stat key (size, mtime, inode, ctime) changed since
    the last build. Each original comes with the verdict of its strict decode, if one was made.

    on_changed is called once, before any hashing, when some original is new or changed: a build uses it
    to start its image workers, which then get ready while the originals are hashed.
    """
    catalog.store(checked.archive)
    originals: dict[str, Original] = {}  # by records.image_key: the item's id for its first image
    to_hash: list[tuple[str, str, Path, StatKey]] = []  # new or changed originals: key, image, file, stat key
    for item in checked.archive.items:
        for number, image in enumerate(item.images, start=1):
            key = image_key(item.id, number)
            info = checked.images.get(key)
            path = image_path(root, image.path)
            if info is not None and path is not None:
                stat_key = StatKey.of(path.stat())
                known = catalog.known_original(image.path, stat_key)
                if known is None or (known.width, known.height) != (info.width, info.height):
                    to_hash.append((key, image.path, path, stat_key))
                    continue
                originals[key] = known
        if progress:
            progress(1)
    if to_hash and on_changed:
        on_changed()
    changed: list[tuple[Original, StatKey]] = []
    hashes = _hash_all([path for _, _, path, _ in to_hash])
    for (key, rel, _, stat_key), sha256 in zip(to_hash, hashes, strict=True):
        info = checked.images[key]
        originals[key] = catalog.with_verdict(Original(rel, sha256, info.width, info.height))
        changed.append((originals[key], stat_key))
    catalog.store_originals(changed, {o.path for o in originals.values()})
    return originals


def _with_verdict(original: Original, damage: str | None) -> Original:
    if damage is None:
        return original  # never decoded strictly: the next image job does it
    return Original(original.path, original.sha256, original.width, original.height, True, damage)


def _hash_all(paths: list[Path]) -> Iterator[str]:
    """The sha256 of every file, in order, a thread per core: hashlib lets go of the GIL while it hashes."""
    if len(paths) <= 1:
        yield from map(file_sha256, paths)
        return
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        yield from pool.map(file_sha256, paths)


@contextmanager
def known_sizes(cache_dir: Path) -> Iterator[Callable[[str, os.stat_result], ImageInfo | None] | None]:
    """For check: the size of each image file the catalog knows unchanged (same stat key), without opening it.
    None when there is no catalog yet (check makes none: `albumen check` writes nothing in an archive)."""
    if not (cache_dir / CATALOG_FILE).is_file():
        yield None
        return
    try:
        # A URI made by as_uri: '#', '?' or '%' in the archive's path ('my archive #1') would end the path in
        # f"file:{path}" and open (and make) another database beside it. Found by tests/test_trust_fs_mix.py.
        db = sqlite3.connect((cache_dir / CATALOG_FILE).absolute().as_uri() + "?mode=ro", uri=True)
        rows = db.execute("SELECT path, size, mtime_ns, ino, ctime_ns, width, height FROM originals").fetchall()
        db.close()
    except sqlite3.Error:
        yield None
        return
    sizes = {(path, size, mtime, ino, ctime): ImageInfo(width, height)
             for path, size, mtime, ino, ctime, width, height in rows}

    def known(path: str, stat: os.stat_result) -> ImageInfo | None:
        return sizes.get((path, stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns))

    yield known


def open_catalog(cache_dir: Path) -> Catalog:
    """Open (or create) the catalog; a damaged one is thrown away and made anew, since it is derived."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / CATALOG_FILE
    try:
        return Catalog(path)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            damaged = Path(f"{path}{suffix}")
            if damaged.is_dir() and not damaged.is_symlink():
                shutil.rmtree(damaged)  # a folder in its place: .albumen/ is ours, and all of it derived
            else:
                damaged.unlink(missing_ok=True)
        return Catalog(path)


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("catalog failed its integrity check")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError("catalog was written by a newer albumen")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with db:
                db.executescript(script)
                db.execute(f"PRAGMA user_version = {number}")
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db




def _row_digest(data: str) -> bytes:
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _dump(record: Item | Topic | Place | Page) -> str:
    data = _plain(record)
    data.pop("lines", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    """What dataclasses.asdict gives, without its deep copies (a tenth of a build's time at 10,000 items)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _date(data: dict[str, Any] | None) -> Date | None:
    return Date(**data) if data else None


def _load_item(d: dict[str, Any]) -> Item:
    d["date"] = _date(d["date"])
    for key in ("places", "subjects", "topics", "redirect_from"):
        d[key] = tuple(d[key])
    d["images"] = tuple(ItemImage(**image) for image in d.get("images", ()))
    return Item(**d)


def _load_topic(d: dict[str, Any]) -> Topic:
    d["date"] = _date(d["date"])
    d["links"] = tuple(Link(**link) for link in d["links"])
    d["items"] = tuple(d["items"]) if d["items"] is not None else None
    d["redirect_from"] = tuple(d["redirect_from"])
    return Topic(**d)
