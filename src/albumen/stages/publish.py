"""publish: the site is written into a fresh folder, then swapped in whole.

An interrupted build never leaves half a site: until the swap, `_site/` is the previous build. On Linux
the swap is one atomic exchange of the two folders, so there is never a moment without `_site/`; elsewhere
it is two renames, and a crash between them is repaired at the start of the next build.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from albumen import __version__
from albumen.atomic import atomic_write_text
from albumen.problems import AlbumenError
from albumen.stages.outputs import (
    SPARE,
    FolderScan,
    Generation,
    identity,
    on_disk,
    read_manifest,
    write_manifest,
)

STAGING_SUFFIX = ".building"
PUBLISHED = "published.json"  # in .albumen/: what the current _site/ was built from
OLD_SUFFIX = ".old"


def output_setting(config: Any, theme: str) -> str:
    """What every file of the site depends on: a generation made with another is not brought up to date."""
    digest = hashlib.sha256()
    for part in (__version__, theme, repr(config)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def open_staging(site_dir: Path, cache_dir: Path, setting: str, spare_scan: FolderScan | None = None
                 ) -> tuple[Path, Generation, Generation, set[str]]:
    """The folder to build into, beside `_site/` (same file system, so the swap is a rename): the spare
    generation of the site when its manifest says what it holds, else a new empty folder. Returns it, what it
    holds, what the published `_site/` holds (empty when it is not the folder the manifest names), and every path
    that is in the folder.
    spare_scan: the spare's files as they are on disk, listed meanwhile (else listed here)."""
    recover(site_dir)
    staging = site_dir.with_name(site_dir.name + STAGING_SUFFIX)
    shutil.rmtree(staging, ignore_errors=True)
    published, spare_held = read_manifest(cache_dir)
    if not (site_dir.is_dir() and identity(site_dir) == published.identity and published.setting == setting):
        published = Generation()
    spare = cache_dir / SPARE
    if spare.is_dir() and not spare.is_symlink() and spare_held.setting == setting and \
            identity(spare) == spare_held.identity:
        # Listed before it moves: a listing still running when the folder was renamed lost the folders it had
        # not reached yet, and a file there was then neither trusted nor unlinked (found by bench/scale_bench.py).
        scan = spare_scan or FolderScan(spare)
        found, present, complete = scan.files(), scan.present(), scan.complete
        scan.forget()  # the build holds the scan: its listing is let go once read
        if complete:
            try:
                os.rename(spare, staging)
                return staging, on_disk(spare_held, found), published, present
            except OSError:
                pass
    if spare.exists() or spare.is_symlink():
        _remove(spare)
    staging.mkdir(parents=True)
    return staging, Generation(), published, set()


def swap_in(staging: Path, site_dir: Path, cache_dir: Path, made: Generation,
            published: Generation | None = None) -> None:
    """Replace `_site/` with the finished staging folder; the site it replaces is kept as the spare generation,
    which the next build brings up to date instead of writing every file again.
    published: what `_site/` holds, as open_staging read it (else read here again: at 100,000 items reading
    it again held two more generations, half a gigabyte, at the build's peak)."""
    if published is None:
        published, _ = read_manifest(cache_dir)
    replaced = published if site_dir.is_dir() and identity(site_dir) == published.identity else Generation()
    # A build killed between the two renames below left no _site/ at all until the next build (found by
    # tests/test_interrupt.py): where the system can, exchange the folders in one step instead. The
    # staging folder then holds the previous site.
    if site_dir.is_dir() and _exchange(staging, site_dir):
        old = staging
    else:
        old = site_dir.with_name(site_dir.name + OLD_SUFFIX)
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            os.replace(site_dir, old)
        os.replace(staging, site_dir)
    made.identity = identity(site_dir)
    spare = Generation()
    if old.exists() and replaced.files:
        try:
            os.rename(old, cache_dir / SPARE)
            spare = replaced
            spare.identity = identity(cache_dir / SPARE)
        except OSError:  # .albumen/ on another file system: no spare
            pass
    write_manifest(cache_dir, made, spare)
    if old.exists():
        _remove(old)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE). False where the system or the
    file system can't (not Linux, an old kernel or C library, some network file systems)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2  # from <fcntl.h> and <linux/fs.h>
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Put the previous site back if a build died between the two renames of a swap; clear half-built ones.

    Runs under the build lock only: a staging folder then belongs to no running build."""
    for folder in (site_dir, site_dir.with_name(site_dir.name + OLD_SUFFIX)):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise AlbumenError(f"{folder.name} is a link or a file; albumen replaces {site_dir.name}/ as a whole "
                               f"folder after each build: remove {folder.name}, and copy {site_dir.name}/ to where "
                               "the site is served (e.g. rsync -a --delete _site/ /var/www/photos/)")
    shutil.rmtree(site_dir.with_name(site_dir.name + STAGING_SUFFIX), ignore_errors=True)
    old = site_dir.with_name(site_dir.name + OLD_SUFFIX)
    if old.exists() and not site_dir.exists():
        os.replace(old, site_dir)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)


def is_current(config: Any, fingerprint: str) -> bool:
    """True when `_site/` is the very folder the last build published from the same inputs."""
    try:
        published = json.loads((config.cache_dir / PUBLISHED).read_text(encoding="utf-8"))
        return bool(fingerprint) and (config.site_dir / "index.html").is_file() and published == {
            "fingerprint": fingerprint, "site": _identity(config.site_dir)}
    except (OSError, ValueError):
        return False


def remember_published(config: Any, fingerprint: str) -> None:
    atomic_write_text(config.cache_dir / PUBLISHED,
                      json.dumps({"fingerprint": fingerprint, "site": _identity(config.site_dir)}))


def _identity(folder: Path) -> list[int]:
    # Every publish swaps in a new folder, so a deleted or replaced _site/ has another inode.
    stat = folder.stat()
    return [stat.st_dev, stat.st_ino, stat.st_mtime_ns]


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a cached file into the site (no bytes copied); copy where links are not possible.

    The target's folder must exist (callers make each folder once, not once per file)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
