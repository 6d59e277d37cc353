"""derive: web derivatives and deep-zoom tiles, cached under .albumen/ by content hash and settings.

A rebuild with nothing changed does no image work; a changed image redoes that image only; a new
width or format makes only what is new. Jobs go to an executor (local processes, or Dask). What no item of a
build uses (another original, setting or version of the image code) is pruned from the cache after it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from albumen.config import MODERN_QUALITY, Config
from albumen.executors import Executor, JobCrashed
from albumen.images import (
    EXTENSIONS,
    IN_MEMORY_PIXELS,
    ImageJob,
    JobResult,
    Output,
    derivative_widths,
    run_job,
)
from albumen.problems import AlbumenError, Problems
from albumen.records import Item, image_key
from albumen.renditions import Derivative, ItemImages, Original

# Part of every cache key: bump it when images.py writes other bytes for the same original and settings, so
# that no build serves files made by the code before (its cache folders are then pruned).
IMAGE_CODE_VERSION = 2  # 2: the rights as one UTF-8 EXIF block (metadata.rights), a TIFF's own tags read


@dataclass(frozen=True)
class Derived:
    images: dict[str, ItemImages]  # item id -> its images, for items whose original could be used
    originals_processed: int  # originals decoded in this build (0 when nothing changed)
    files_written: int
    # content hash -> what this build's strict decode found ('' when sound), for the catalog to keep
    verdicts: dict[str, str] = field(default_factory=dict)


DERIVED = "derived"  # the derivative cache, in .albumen/


def cache_folder(config: Config, sha256: str) -> Path:
    return config.cache_dir / DERIVED / sha256[:2] / f"{sha256}-v{IMAGE_CODE_VERSION}"


def prune_cache(config: Config, used: Iterable[ItemImages]) -> int:
    """Remove from the derivative cache every file and folder that none of `used` names (originals gone or
    changed, old widths, formats or qualities, an older image code, what stopped jobs left); returns how many
    entries went. Run once a build's image work is done, under its lock."""
    keep: dict[str, set[str]] = {}  # folder -> the names in it to keep (strings: 10,000 photos' Paths cost 0.3 s)
    for images in (page for item_images in used for page in item_images.pages):
        paths = [d.path for d in images.derivatives] + [p for p in (images.tiles, images.full) if p is not None]
        for path in paths:
            parent, name = os.path.split(path)
            keep.setdefault(parent, set()).add(name)
    unused: list[os.DirEntry[str]] = []
    root = config.cache_dir / DERIVED
    for shard in _entries(root):  # derived/ab/
        for folder in _entries(shard) if _is_folder(shard) else [shard]:  # derived/ab/<sha256>-v1/
            names = keep.get(folder.path)
            if names is None:
                unused.append(folder)
            else:
                unused += [entry for entry in _entries(folder) if entry.name not in names]
    for entry in unused:
        if _is_folder(entry):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    for shard in _entries(root):
        if _is_folder(shard) and not _entries(shard):
            os.rmdir(shard.path)
    return len(unused)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    return entry.is_dir(follow_symlinks=False)


def _entries(folder: Path | os.DirEntry[str]) -> list[os.DirEntry[str]]:
    """What a folder holds (os.scandir: a cache of 10,000 photos is read in a fraction of a second)."""
    try:
        with os.scandir(folder) as found:
            return list(found)
    except (FileNotFoundError, NotADirectoryError):
        return []


def plan_images(config: Config, original: Original, number: int = 1, label: str = "") -> ItemImages:
    """Which derivatives (and tiles) an original gets under the current settings, shown as its item's image
    `number`."""
    settings = config.images
    folder = cache_folder(config, original.sha256)
    derivatives = []
    for width in derivative_widths(original.width, settings.widths):
        height = max(1, round(original.height * width / original.width))
        formats = ["jpeg", *(f for f in settings.formats if width <= settings.formats_up_to)]
        for format in formats:
            quality = settings.quality if format == "jpeg" else MODERN_QUALITY[format]
            path = folder / f"w{width}-q{quality}.{EXTENSIONS[format]}"
            derivatives.append(Derivative(width, height, format, path, number))
    tiles = full = None
    if settings.zoom_above and (max(original.width, original.height) > settings.zoom_above
                                or _needs_tiles(original)):
        tiles = folder / f"iiif-t512-q{settings.quality}"
    elif settings.zoom_above and original.width > max(settings.widths):
        # Tiles would cost more than all the widths together (80 ms a 3000x2000 photo, measured): one
        # full-size JPEG, mostly the original's own bytes, gives the viewer every pixel for 8 ms.
        full = folder / f"full-q{settings.quality}.jpg"
    return ItemImages(original, config.root / "images" / original.path, tuple(derivatives), tiles, full, number,
                      label)


def _needs_tiles(original: Original) -> bool:
    """Too big for one full-size JPEG whatever zoom_above says: it would be decoded whole in memory, or be
    past JPEG's 65535 px."""
    return original.width * original.height > IN_MEMORY_PIXELS or max(original.width, original.height) > 65535


@dataclass(frozen=True)
class DerivePlan:
    images: dict[str, ItemImages]  # item id -> what the site shows of it, if its jobs succeed
    jobs: dict[str, ImageJob]  # by content hash: the same photo used twice is made once
    users: dict[str, list[Item]]  # content hash -> the items showing that original


def plan_derivatives(config: Config, items: tuple[Item, ...], originals: dict[str, Original],
                     problems: Problems | None = None) -> DerivePlan:
    """What each image of every item gets, and which of those files are missing from the cache.

    originals are keyed by records.image_key. An original whose bytes an earlier build found damaged gets
    nothing: it is reported (to problems) as it was then, without being decoded again, and its item shows its
    other images. One never decoded strictly gets a job even if its files are all in the cache (made before
    albumen checked strictly, or the catalog was deleted)."""
    planned: dict[str, ItemImages] = {}
    jobs: dict[str, ImageJob] = {}
    users: dict[str, list[Item]] = {}
    listed: set[tuple[str, str]] = set()  # (content hash, item id): an original used by many items (it was O(n^2))
    looked_at: set[str] = set()  # originals whose cached files were looked for already
    # One plan per original as an item shows it, shared by the items that show it alike: each plan is a few
    # kilobytes of paths, and an archive may use one photograph for many items.
    shared: dict[tuple[Original, bool, int, str], ItemImages] = {}
    for item in items:
        pages = []
        for number, image in enumerate(item.images, start=1):
            original = originals.get(image_key(item.id, number))
            if original is None:
                continue
            if original.damage:
                if problems is not None:
                    problems.image_error(f"images/{image.path}", f"{original.damage} (used by {item.file})")
                continue
            key = (original, original.verified, number, image.label)
            page = shared.get(key)
            if page is None:
                page = shared[key] = plan_images(config, original, number, image.label)
            pages.append(page)
        if not pages:
            continue
        planned[item.id] = with_pages(pages)
        for page in pages:
            sha256 = page.original.sha256
            if (sha256, item.id) not in listed:
                listed.add((sha256, item.id))
                users.setdefault(sha256, []).append(item)
            if sha256 not in looked_at:
                looked_at.add(sha256)
                job = _missing(page, config.images.quality)
                if job is not None:
                    jobs[sha256] = job
    return DerivePlan(planned, jobs, users)


def with_pages(pages: list[ItemImages]) -> ItemImages:
    """The first of an item's images, carrying the others."""
    if len(pages) == 1 and not pages[0].others:
        return pages[0]  # the very plan, shared with the other items that show this original so
    return replace(pages[0], others=tuple(replace(page, others=()) for page in pages[1:]))


def without_original(images: ItemImages, sha256: str) -> ItemImages | None:
    """The item's images but those of an original whose job failed; None when none is left."""
    pages = [page for page in images.pages if page.original.sha256 != sha256]
    return with_pages(pages) if pages else None


def run_plan(plan: DerivePlan, executor: Executor, problems: Problems,
             progress: Callable[[int, int], None] | None = None,
             on_made: Callable[[str], None] | None = None) -> Derived:
    """Make what the plan lists; an image whose original fails is reported and left out (an item with no image
    left is shown without one).

    on_made(sha256) is called as each original's files are all in the cache."""
    images = dict(plan.images)
    verdicts: dict[str, str] = {}
    done = written = 0
    if progress:
        progress(0, len(plan.jobs))
    for result in executor.map_unordered(run_job, [(sha, job) for sha, job in plan.jobs.items()]):
        if isinstance(result, JobCrashed):  # a dead worker says nothing about the photo's bytes
            result = JobResult(result.job[0], 0, result.message)
        elif plan.jobs[result.key].verify:
            verdicts[result.key] = result.error if result.damaged and result.error else ""
        sha256, files, error = result.key, result.written, result.error
        written += files
        if error is not None:
            for item in plan.users[sha256]:
                for path in dict.fromkeys(page.original.path for page in plan.images[item.id].pages
                                          if page.original.sha256 == sha256):
                    problems.image_error(f"images/{path}", f"{error} (used by {item.file})")
                left = without_original(images[item.id], sha256) if item.id in images else None
                if left is None:
                    images.pop(item.id, None)
                else:
                    images[item.id] = left
        elif on_made:
            on_made(sha256)
        done += 1
        if progress:
            progress(done, len(plan.jobs))
    if done < len(plan.jobs):  # the executor was closed: the build is stopping, never publish this
        raise AlbumenError(f"the image work stopped after {done} of {len(plan.jobs)} photos; build again")
    return Derived(images, len(plan.jobs), written, verdicts)


def _missing(images: ItemImages, quality: int) -> ImageJob | None:
    outputs = tuple(
        Output(d.format, d.width, d.height, str(d.path), quality if d.format == "jpeg" else MODERN_QUALITY[d.format])
        for d in images.derivatives if not d.path.exists()
    )
    tiles = images.tiles if images.tiles and not (images.tiles / "info.json").exists() else None
    full = images.full if images.full and not images.full.exists() else None
    verify = not images.original.verified
    if not outputs and tiles is None and full is None and not verify:
        return None
    sizes = tuple(sorted({(d.width, d.height) for d in images.derivatives}, reverse=True))
    return ImageJob(str(images.source), outputs, sizes, str(tiles) if tiles else None, str(full) if full else None,
                    quality, images.original.width * images.original.height, verify)
