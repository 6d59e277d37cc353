"""publish: the site is written into a fresh folder, then swapped in whole.

An interrupted build never leaves half a site: until the swap, `_site/` is the previous build; a crash
between the two renames of the swap is repaired at the start of the next build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING_SUFFIX = ".building"
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
    """Put the previous site back if a build died between the two renames of a swap."""
    old = site_dir.with_name(site_dir.name + OLD_SUFFIX)
    if old.exists() and not site_dir.exists():
        os.replace(old, site_dir)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a cached file into the site (no bytes copied); copy where links are not possible.

    The target's folder must exist (callers make each folder once, not once per file)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
