"""derive: image derivatives at several widths, cached under .albumen/ by content hash and settings.

A rebuild with nothing changed does no image work; a changed image redoes that image only, and a
new width setting makes only that width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from albumen.config import Config
from albumen.executors import Executor
from albumen.images import ImageProblem, derivative_widths, make_derivatives
from albumen.problems import Problems
from albumen.records import Item
from albumen.stages.catalog import Original


@dataclass(frozen=True)
class Derivative:
    width: int
    height: int
    path: Path  # in the cache


@dataclass(frozen=True)
class Derived:
    derivatives: dict[str, list[Derivative]]  # item id -> its derivatives, smallest first
    made: int  # originals decoded in this build (0 when nothing changed)


@dataclass(frozen=True)
class Job:
    item_id: str
    source: str
    targets: dict[int, str]  # width -> cache path
    quality: int


def cache_path(config: Config, sha256: str, width: int) -> Path:
    return config.cache_dir / "derived" / sha256[:2] / sha256 / f"w{width}-q{config.images.quality}.jpg"


def derive_images(
    config: Config, items: tuple[Item, ...], originals: dict[str, Original], executor: Executor,
    problems: Problems, progress: Callable[[int, int], None] | None = None,
) -> Derived:
    """Make the missing derivatives of every item's original."""
    plan: dict[str, list[Derivative]] = {}
    jobs: list[Job] = []
    for item in items:
        original = originals.get(item.id)
        if original is None:
            continue
        derivatives = [
            Derivative(w, round(original.height * w / original.width) or 1, cache_path(config, original.sha256, w))
            for w in derivative_widths(original.width, config.images.widths)
        ]
        plan[item.id] = derivatives
        missing = {d.width: str(d.path) for d in derivatives if not d.path.exists()}
        if missing:
            jobs.append(Job(item.id, str(config.root / "images" / original.path), missing,
                            config.images.quality))

    done = 0
    if progress:
        progress(0, len(jobs))
    by_id = {item.id: item for item in items}
    for item_id, error in executor.map_unordered(_run_job, [(job,) for job in jobs]):
        if error is not None:
            problems.image_error(f"images/{by_id[item_id].image}", f"{error} (used by {by_id[item_id].file})")
            plan.pop(item_id, None)
        done += 1
        if progress:
            progress(done, len(jobs))
    return Derived(plan, len(jobs))


def _run_job(job: Job) -> tuple[str, str | None]:
    """In a worker: make one original's missing widths. Errors come back as text, never raised."""
    try:
        make_derivatives(job.source, job.targets, job.quality)
    except ImageProblem as exc:
        return job.item_id, str(exc)
    return job.item_id, None

