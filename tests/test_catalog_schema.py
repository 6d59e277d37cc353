"""The catalog's schema: no full-text table (nothing read it; search is Pagefind's), and a catalog written
by an earlier albumen loses it on its next open, its records kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from albumen.stages.catalog import MIGRATIONS, Catalog

# What migrations 1 and 2 made before the full-text table went.
OLD_SCHEMA = """
CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE originals (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                        sha256 TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);
CREATE VIRTUAL TABLE items_fts USING fts5(id UNINDEXED, title, caption, places, subjects);
ALTER TABLE originals ADD COLUMN ino INTEGER NOT NULL DEFAULT 0;
ALTER TABLE originals ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0;
CREATE TABLE verdicts (sha256 TEXT PRIMARY KEY, damage TEXT NOT NULL);
INSERT INTO records VALUES ('page', 'about', '{"id": "about"}');
INSERT INTO items_fts VALUES ('x', 'A title', 'A caption', '', '');
PRAGMA user_version = 2;
"""


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_catalog_has_no_full_text_table(tmp_path: Path) -> None:
    Catalog(tmp_path / "catalog.sqlite").close()
    assert tables(tmp_path / "catalog.sqlite") == {"records", "originals", "verdicts"}


def test_an_old_catalog_loses_its_full_text_table_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    catalog = Catalog(path)
    try:
        assert catalog.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert catalog.db.execute("SELECT id FROM records").fetchall() == [("about",)]
    finally:
        catalog.close()
    assert not any(name.startswith("items_fts") for name in tables(path))
