"""Where derive's jobs run: local processes by default (spawned: libvips is not fork-safe), or a Dask
distributed cluster for archives that outgrow one machine (the originals on a path every worker sees)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from albumen.portable import sigint_blocked, start_resource_tracker, unblock_sigint
from albumen.problems import AlbumenError


@dataclass(frozen=True)
class JobCrashed:
    """Yielded instead of a result when the process running a job died (a crash, out of memory)."""

    job: tuple[Any, ...]
    message: str


class Executor(Protocol):
    def start(self) -> None:
        """Get ready for work that is coming (a build calls it when it finds new or changed originals)."""
        ...

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        """Run fn(*job) for every job; yield the results (or JobCrashed) as they finish."""
        ...

    def close(self) -> None:
        """Let go of workers and connections; the executor may be started again."""
        ...


class InlineExecutor:
    """Runs jobs in this process, one by one: for tiny archives and tests.

    close() (from another thread: a build stopped while its images are made) ends the run after the job
    at work."""

    def __init__(self) -> None:
        self._closed = False

    def start(self) -> None:
        self._closed = False

    def close(self) -> None:
        self._closed = True

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        yield from _one_by_one(fn, jobs, lambda: self._closed)


def _one_by_one(fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], closed: Callable[[], bool]
                ) -> Iterator[Any]:
    for job in jobs:
        if closed():
            return
        yield fn(*job)


class LocalProcessExecutor:
    """A pool of local processes, one per core, started only when there is work.

    close() may come from another thread than the one reading map_unordered's results (a build stopped
    while its images are made): the jobs not started are dropped, and the reader ends within a tenth of a
    second.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self._alone: ProcessPoolExecutor | None = None  # the one-worker pool of a job run alone after a crash
        self._closed = False
        self._lock = threading.Lock()

    def start(self) -> None:
        """Spawn the workers now: they start Python and libvips while the build hashes and plans."""
        with self._lock:  # as close() does: a close() from another thread meanwhile wins, or comes after
            self._closed = False
            if self._pool is None and self.workers > 1:
                self._pool = new_pool(self.workers)

    def close(self) -> None:
        with self._lock:  # with map_unordered's _pool_for: a pool made there is closed here, or not made
            self._closed = True
            pools = [pool for pool in (self._pool, self._alone) if pool is not None]
        for pool in pools:
            _stop_now(pool)
        # Let go of the pools only once they are stopped: a close() cut short by a second Ctrl-C is started
        # again by the build, and must still find them.
        with self._lock:
            if self._pool in pools:
                self._pool = None
            if self._alone in pools:
                self._alone = None

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        jobs = list(jobs)
        if self._closed:
            return
        if self._pool is None and (len(jobs) <= 1 or self.workers == 1):
            yield from _one_by_one(fn, jobs, lambda: self._closed)
            return
        while jobs and (pool := self._pool_for(len(jobs))) is not None:
            left = yield from self._run_in(pool, fn, jobs)
            if not left:
                return
            # A worker died and took the pool with it. The job that killed it is among the first `workers`
            # left (see _run_in; one more is a cheap margin): each of those runs alone, in its own process,
            # to find it; the rest go to a fresh pool (and round again if that one breaks too: each round
            # takes at least one job off, so this ends).
            pool.shutdown(wait=False, cancel_futures=True)
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            suspects, jobs = left[:self.workers + 1], left[self.workers + 1:]
            for job in suspects:
                if (alone := self._alone_pool()) is None:
                    return
                try:
                    crashed = yield from self._run_in(alone, fn, [job])
                finally:
                    self._end_alone_pool(alone)
                if crashed:
                    yield JobCrashed(job, "the process working on it stopped (out of memory, or a crash in "
                                     "the image library)")

    def _pool_for(self, jobs: int) -> ProcessPoolExecutor | None:
        """The started pool, or a new one where close() finds it; None once closed."""
        with self._lock:
            if self._closed:
                return None
            if self._pool is None:
                self._pool = new_pool(min(self.workers, jobs))
            return self._pool

    def _alone_pool(self) -> ProcessPoolExecutor | None:
        """A new one-worker pool where close() finds it; None once closed."""
        with self._lock:
            if self._closed:
                return None
            self._alone = new_pool(1)
            return self._alone

    def _end_alone_pool(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._alone is pool:
                self._alone = None
        _stop_now(pool)

    def _run_in(self, pool: ProcessPoolExecutor, fn: Callable[..., Any], jobs: list[tuple[Any, ...]]
                ) -> Generator[Any, None, list[tuple[Any, ...]]]:
        """Yield results; return the jobs left undone when the pool broke, in the order of jobs. Ends
        quietly once closed.

        The job that broke the pool is among the first `workers` returned. In CPython's
        concurrent/futures/process.py, jobs go in submission order from a FIFO queue into the call queue
        (add_call_item_to_queue), a pipe the workers read one job at a time each; when a worker dies, every
        job not finished fails at once (terminate_broken). So the jobs left, in order, are: those the
        workers held (one each at most, the killer with them), those in the call queue, those not moved."""
        futures: dict[Future[Any], tuple[Any, ...]] = {}
        unsent: list[tuple[Any, ...]] = []
        broken: set[Future[Any]] = set()
        for i, job in enumerate(jobs):
            try:
                futures[pool.submit(fn, *job)] = job
            except BrokenProcessPool:  # a job sent already killed its worker: wait for the others
                unsent = jobs[i:]
                break
            except RuntimeError:  # "cannot schedule new futures after shutdown": closed meanwhile
                return []
        waiting = set(futures)
        while waiting:
            # Not a plain as_completed: once close() has shut the pool down (or been cut short by a second
            # Ctrl-C), the jobs at work may never be told they are done, and the reader must still end.
            done, waiting = wait(waiting, timeout=CLOSE_CHECK_SECONDS, return_when=FIRST_COMPLETED)
            if self._closed:
                return []  # the build is stopping
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.add(future)  # read on: the jobs that finished before the break are done
                    continue
                yield result
        return [job for future, job in futures.items() if future in broken] + unsent


CLOSE_CHECK_SECONDS = 0.1  # how often a reader of map_unordered looks whether close() has come


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """End the workers at their jobs and drop the jobs not started: a stopped build must not wait for the
    photos they hold (minutes, for a big scan). What a worker leaves half-written is under a temporary name
    that the photo's next job clears (images._clear_leftovers).

    The workers are ended first, while the pool still lists them: the pool then takes itself for broken,
    fails the jobs left and cleans up, as after a crash, and shutdown() waits for that. (shutdown() alone
    waits for the jobs at work, and a second Ctrl-C meanwhile left the pool's manager thread waiting for
    workers that never heard the stop, in CPython 3.11-3.12.)"""
    if isinstance(pool, WorkerPool):
        pool.end_workers()
    pool.shutdown(wait=True, cancel_futures=True)


class _RecordingSpawnContext(multiprocessing.context.SpawnContext):
    """The spawn start method, keeping each process it starts: the pool starts its workers with the context it is
    given (mp_context), so these are exactly its workers."""

    def __init__(self) -> None:
        super().__init__()
        self.processes: list[BaseProcess] = []
        self._lock = threading.Lock()

    def Process(self, *args: Any, **kwargs: Any) -> BaseProcess:  # type: ignore[override]  # noqa: N802
        process = multiprocessing.context.SpawnProcess(*args, **kwargs)
        with self._lock:
            self.processes.append(process)
        return process

    def started(self) -> list[BaseProcess]:
        with self._lock:
            return list(self.processes)


class WorkerPool(ProcessPoolExecutor):
    """A process pool (spawn, never fork: libvips deadlocks in a forked child once the parent has used it) that
    can end its workers at their jobs. CPython 3.14 has terminate_workers(); before it, a pool's processes are
    in its private table only, so this pool learns them from the context that starts them."""

    def __init__(self, workers: int) -> None:
        self.spawner = _RecordingSpawnContext()
        super().__init__(max_workers=workers, mp_context=self.spawner, initializer=_start_worker)

    def end_workers(self) -> None:
        """Terminate every worker still running (a job at work ends with it)."""
        for process in self.spawner.started():
            if process.is_alive():
                process.terminate()


# glibc gives each image's buffers (a few MB) back to the system when freed and faults them in again for
# the next photo; keeping them costs little memory and a tenth of the time (measured: 41 -> 37 ms a photo,
# system time 7.7 -> 3.4 ms). Read by glibc when a worker starts; a value the user set is kept.
WORKER_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(64 << 20), "MALLOC_TRIM_THRESHOLD_": str(128 << 20)}


def new_pool(workers: int) -> WorkerPool:
    """A pool with its workers started (they load libvips at once: the first photo does not wait for it).

    They start with Ctrl-C blocked, as CPython's own resource tracker does: pressed while a worker was
    still loading Python, before _start_worker could ignore it, it printed that worker's traceback."""
    for name, value in WORKER_MALLOC.items():
        os.environ.setdefault(name, value)  # spawned workers inherit the environment
    # Started first: starting it unblocks SIGINT in this thread (CPython 3.11), which would undo what follows.
    start_resource_tracker()
    with sigint_blocked():  # a thread's mask passes to its children; a Ctrl-C pressed meanwhile arrives after
        pool = WorkerPool(workers)
        for _ in range(workers):
            pool.submit(_warm_up)  # each submit starts a worker while fewer than `workers` are idle
    return pool


def _warm_up() -> None:
    """In a worker, before the first job: load libvips, so the first photo does not wait for it."""
    import pyvips  # noqa: F401

    import albumen.images  # noqa: F401


def _start_worker() -> None:
    """In a worker: Ctrl-C is the main process's to handle (it stops the pool), not each worker's; and when
    the build itself is killed (SIGKILL, out of memory) the worker ends too, instead of waiting for jobs
    forever (it holds both ends of the job queue's pipe, so it would never see it close)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    unblock_sigint()  # blocked by new_pool; ignored from now
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), name="albumen-parent-watch", daemon=True).start()


def _end_with(parent: Any) -> None:
    parent.join()  # returns when the build's process has ended, however it ended
    os._exit(1)


class DaskExecutor:
    """Jobs sent to a Dask distributed scheduler: `dask://HOST:PORT`, or a Client made by the caller.

    As with LocalProcessExecutor, close() may come from another thread than the one reading map_unordered's
    results: the jobs not done are cancelled on the cluster, and the reader ends at once.
    """

    def __init__(self, address: str | None = None, client: Any = None) -> None:
        self.address = address
        self.client = client  # the caller's: used, never closed here
        self._own_client: Any = None  # made from the address when first needed, closed by close()
        self._closed = False
        self._futures: set[Any] = set()  # sent and not yet read: what close() cancels
        self._lock = threading.Lock()

    def start(self) -> None:
        self._closed = False

    def close(self) -> None:
        with self._lock:
            self._closed = True
            futures, self._futures = list(self._futures), set()
            own, self._own_client = self._own_client, None
        if futures:
            # The scheduler drops the jobs not started, and each future is marked cancelled, which wakes
            # as_completed in map_unordered (else it waits for every job sent, and a Ctrl-C with it).
            (own or self.client).cancel(futures)
        if own is not None:
            own.close()

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        try:
            from distributed import as_completed as dask_completed
        except ImportError as exc:
            raise AlbumenError("the Dask executor needs Dask: pip install 'albumen[dask]'") from exc
        jobs = list(jobs)
        if not jobs or self._closed:
            return
        client = self._client()
        # pure=False: two jobs with equal arguments are still two jobs (Dask would merge them).
        futures = [client.submit(fn, *job, pure=False) for job in jobs]
        with self._lock:
            self._futures.update(futures)
            closed = self._closed
        if closed:  # close() came while these were sent (or the client made), too soon to see them
            self.close()
            return
        try:
            for future in dask_completed(futures):
                if self._closed:
                    return  # close() cancelled the rest: the build is stopping
                yield future.result()
        finally:
            with self._lock:
                self._futures.difference_update(futures)

    def _client(self) -> Any:
        """The caller's client, or the one made here (kept until close(), for the next map too)."""
        if self.client is not None:
            return self.client
        if self._own_client is None:
            from distributed import Client

            try:
                self._own_client = Client(self.address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise AlbumenError(f"can't reach the Dask scheduler at {self.address}: {exc}") from exc
        return self._own_client


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
