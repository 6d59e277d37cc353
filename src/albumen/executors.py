"""Where derive's jobs run: local processes by default (spawned: libvips is not fork-safe), or a Dask
distributed cluster for archives that outgrow one machine (the originals on a path every worker sees)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from albumen.problems import AlbumenError


@dataclass(frozen=True)
class JobCrashed:
    """Yielded instead of a result when the process running a job died (a crash, out of memory)."""

    job: tuple[Any, ...]
    message: str


class Executor(Protocol):
    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        """Run fn(*job) for every job; yield the results (or JobCrashed) as they finish."""
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
        pending = yield from self._run_pool(fn, jobs, self.workers)
        # A worker died and took the pool with it: run what was left one by one, each in its own
        # process, so the job that kills its process is found and the others still get done.
        for job in pending:
            leftover = yield from self._run_pool(fn, [job], 1)
            if leftover:
                yield JobCrashed(job, "the process working on it stopped (out of memory, or a crash in "
                                 "the image library)")

    @staticmethod
    def _run_pool(fn: Callable[..., Any], jobs: list[tuple[Any, ...]], workers: int
                  ) -> Generator[Any, None, list[tuple[Any, ...]]]:
        """Yield results; return the jobs left undone when the pool broke."""
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                 initializer=_start_worker) as pool:
            futures: dict[Future[Any], tuple[Any, ...]] = {pool.submit(fn, *job): job for job in jobs}
            done: set[Future[Any]] = set()
            try:
                for future in as_completed(futures):
                    result = future.result()
                    done.add(future)
                    yield result
            except BrokenProcessPool:
                return [job for future, job in futures.items() if future not in done]
        return []


def _start_worker() -> None:
    """In a worker: Ctrl-C is the main process's to handle (it stops the pool), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskExecutor:
    """Jobs sent to a Dask distributed scheduler: `dask://HOST:PORT`, or a Client made by the caller."""

    def __init__(self, address: str | None = None, client: Any = None) -> None:
        self.address = address
        self.client = client

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        try:
            from distributed import Client
            from distributed import as_completed as dask_completed
        except ImportError as exc:
            raise AlbumenError("the Dask executor needs Dask: pip install 'albumen[dask]'") from exc
        jobs = list(jobs)
        if not jobs:
            return
        client = self.client
        own_client = client is None
        if own_client:
            try:
                client = Client(self.address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise AlbumenError(f"can't reach the Dask scheduler at {self.address}: {exc}") from exc
        try:
            # pure=False: two jobs with equal arguments are still two jobs (Dask would merge them).
            futures = [client.submit(fn, *job, pure=False) for job in jobs]
            for future in dask_completed(futures):
                yield future.result()
        finally:
            if own_client:
                client.close()


def executor_for(spec: str | None) -> Executor:
    """'local' (default), 'local:N' for N processes, 'inline', or 'dask://HOST:PORT'."""
    if spec in (None, "", "local"):
        return LocalProcessExecutor()
    if spec == "inline":
        return InlineExecutor()
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) > 0:
        return LocalProcessExecutor(int(spec[6:]))
    if spec.startswith("dask://") and len(spec) > len("dask://"):
        return DaskExecutor("tcp://" + spec[len("dask://"):])
    raise ValueError(f"unknown executor '{spec}'; use local, local:N, inline or dask://HOST:PORT")
