"""unchanged: a build whose inputs are, file for file, those of the last published build does nothing.

`make` decides from file times; so does this, with more care. The stamp of a build's inputs covers every entry
of the archive folder (records, photos, settings, theme; not _site/, .albumen/ or other hidden folders at the
top) by its path and stat key (size, mtime, inode, ctime: a file replaced by another, even of the same size and
time, has another inode or ctime), and the albumen that builds (its version, and the stat keys of its own
modules and templates). When the stamp, the published _site/ folder and the caches (the catalog, the derivatives'
folders: a build repairs them) are the ones the last publish left, the build reports again what that one
reported and stops without reading a record: a tenth of a second at 10,000 items where reading and checking
them took three.

A publish that had errors (a damaged photo, say) is never taken as current: they must be seen to be fixed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

from albumen import __version__
from albumen.atomic import atomic_write
from albumen.problems import Problem
from albumen.reading import walk_files
from albumen.stages.catalog import CATALOG_FILE
from albumen.stages.derive import DERIVED

STAMP_FILE = "inputs.pickle"  # in .albumen/
STAMP_VERSION = 2
_OWN = ("_site", ".albumen")  # the site and albumen's own folder are outputs, not inputs
_READ = ("items", "topics", "pages", "images", "theme")  # the folders a build reads
_PACKAGE = Path(__file__).resolve().parent.parent


def inputs_stamp(root: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{STAMP_VERSION}\0{__version__}\0".encode())
    _stamp_tree(digest, _PACKAGE, "", suffixes=(".py", ".html", ".po", ".css", ".js"))
    _stamp_archive(digest, root)
    return digest.hexdigest()


def published_problems(cache_dir: Path, stamp: str, site_dir: Path) -> list[Problem] | None:
    """What the last publish reported, when it was made from inputs with this stamp into the _site/ folder that
    is there now; else None (build)."""
    try:
        with (cache_dir / STAMP_FILE).open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - albumen's own file in the archive's own .albumen/
        if data["version"] != STAMP_VERSION or data["stamp"] != stamp or data["site"] != _identity(site_dir) \
                or data["caches"] != caches_stamp(cache_dir):
            return None
        problems = data["problems"]
    except (OSError, pickle.PickleError, EOFError, ValueError, KeyError, AttributeError, TypeError, IndexError):
        return None
    if not isinstance(problems, list) or not all(isinstance(p, Problem) and p.level != "error" for p in problems):
        return None
    if not (site_dir / "index.html").is_file():
        return None
    return problems


def remember_inputs(cache_dir: Path, stamp: str, site_dir: Path, problems: list[Problem]) -> None:
    """After a publish without errors: the stamp of its inputs, the folder it published and what it reported."""
    data = pickle.dumps({"version": STAMP_VERSION, "stamp": stamp, "site": _identity(site_dir),
                         "caches": caches_stamp(cache_dir), "problems": problems}, protocol=pickle.HIGHEST_PROTOCOL)
    atomic_write(cache_dir / STAMP_FILE, lambda handle: handle.write(data))


def caches_stamp(cache_dir: Path) -> str:
    """The state of the build's caches as the last publish left them: the catalog (its write-ahead log too) and
    each photograph's folder of derivatives (a folder's time changes when a file in it is added, removed or
    renamed). A cache changed since (files of older image code, a job's leftovers, verdicts deleted) is repaired
    by a build, not passed over."""
    digest = hashlib.blake2b(digest_size=20)
    for name in (CATALOG_FILE, CATALOG_FILE + "-wal"):
        digest.update(f"{name}\0{_identity(cache_dir / name)}\0".encode())
    for shard in _sorted_entries(cache_dir / DERIVED):
        digest.update(f"{shard.name}\0{_entry_key(shard)}\0".encode("utf-8", "surrogateescape"))
        if shard.is_dir(follow_symlinks=False):
            for folder in _sorted_entries(Path(shard.path)):
                digest.update(f"{folder.name}\0{_entry_key(folder)}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _sorted_entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda e: e.name)
    except OSError:
        return []


def _entry_key(entry: os.DirEntry[str]) -> str:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return "gone"
    return f"{stat.S_IFMT(info.st_mode)} {info.st_ino} {info.st_mtime_ns}"


def forget_inputs(cache_dir: Path) -> None:
    (cache_dir / STAMP_FILE).unlink(missing_ok=True)


def _identity(path: Path) -> tuple[int, int, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0, 0)
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)


def _stamp_archive(digest: hashlib.blake2b, root: Path) -> None:
    """Every entry of the archive folder but its outputs and hidden folders. A folder albumen reads may be a link
    (images/ on another disk), and albumen reads through it: its files are stamped too. No other link to a folder
    is followed (one to '..' or '/' would walk the disk, and a loop would never end)."""
    for entry in _sorted_entries(root):
        if entry.name in _OWN or entry.name.startswith(("_site.", ".")):
            continue  # outputs, and what no build reads (.git of an archive kept in git, .venv)
        try:
            is_folder = entry.is_dir(follow_symlinks=entry.name in _READ)
        except OSError:
            is_folder = False
        if is_folder:
            _stamp_tree(digest, Path(entry.path), entry.name + "/")
        else:
            _entry(digest, entry.name, Path(entry.path))


def _stamp_tree(digest: hashlib.blake2b, top: Path, prefix: str, suffixes: tuple[str, ...] | None = None) -> None:
    """Every file under `top` (reading.walk_files: sorted, links to folders not followed) by its path and stat
    key; links to files are stamped by what they point to."""
    start = len(str(top)) + 1
    for path, problem in walk_files(top):
        rel = prefix + str(path)[start:]
        if problem is not None:
            digest.update(f"{rel}\0unreadable {problem}\0".encode("utf-8", "surrogateescape"))
        elif suffixes is None or path.name.endswith(suffixes):
            _entry(digest, rel, path)


def _entry(digest: hashlib.blake2b, rel: str, path: Path) -> None:
    try:
        info = path.stat()  # through a link: what it points to is what a build reads
    except OSError as exc:
        try:
            info = path.lstat()
        except OSError:
            digest.update(f"{rel}\0missing {exc.errno}\0".encode("utf-8", "surrogateescape"))
            return
    kind = stat.S_IFMT(info.st_mode)
    digest.update(f"{rel}\0{kind} {info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_ctime_ns}\0"
                  .encode("utf-8", "surrogateescape"))
