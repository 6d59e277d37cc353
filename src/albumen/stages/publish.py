"""publish: the site is written into a fresh folder, then swapped in whole.

An interrupted build never leaves half a site: until the swap, `_site/` is the previous build; a crash
between the two renames of the swap is repaired at the start of the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from albumen import __version__
from albumen.atomic import atomic_write_text
from albumen.problems import AlbumenError

STAGING_SUFFIX = ".building"
PUBLISHED = "published.json"  # in .albumen/: what the current _site/ was built from
OLD_SUFFIX = ".old"


def staging_folder(site_dir: Path) -> Path:
    """A new, empty folder beside `_site/` to build into (same file system, so the swap is a rename)."""
    recover(site_dir)
    staging = site_dir.with_name(site_dir.name + STAGING_SUFFIX)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `_site/` with the finished staging folder."""
    old = site_dir.with_name(site_dir.name + OLD_SUFFIX)
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


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


def site_fingerprint(config: Any, archive: Any, images: dict[str, Any], theme: str) -> str:
    """Everything a built site is made from: records, originals and derivatives, settings, theme, version."""
    digest = hashlib.sha256()
    for part in (__version__, theme, repr(config), repr(archive), repr(sorted(images.items()))):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


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
