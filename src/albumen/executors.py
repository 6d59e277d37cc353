"""Where derive's jobs run. Local processes by default, started with spawn: libvips is not fork-safe."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Protocol


class Executor(Protocol):
    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        """Run fn(*job) for every job; yield the results as they finish."""
        ...


class InlineExecutor:
    """Runs jobs in this process, one by one: for tiny archives and tests."""

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        for job in jobs:
            yield fn(*job)


class LocalProcessExecutor:
    """A pool of local processes, one per core, started only when there is work."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        jobs = list(jobs)
        if len(jobs) <= 1 or self.workers == 1:
            yield from InlineExecutor().map_unordered(fn, jobs)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=context) as pool:
            futures: list[Future[Any]] = [pool.submit(fn, *job) for job in jobs]
            for future in as_completed(futures):
                yield future.result()


def executor_for(spec: str | None) -> Executor:
    """'local' (default), 'local:N' for N processes, or 'inline'."""
    if spec in (None, "", "local"):
        return LocalProcessExecutor()
    if spec == "inline":
        return InlineExecutor()
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) > 0:
        return LocalProcessExecutor(int(spec[6:]))
    raise ValueError(f"unknown executor '{spec}'; use local, local:N or inline")
