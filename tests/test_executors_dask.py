"""DaskExecutor.close(): a build stopped while its images are made (Ctrl-C) stops at once, as it does with local
processes, instead of waiting for every job already sent to the cluster."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from albumen.executors import DaskExecutor

distributed = pytest.importorskip("distributed")

JOBS = 8
JOB_SECONDS = 1.0  # all the jobs on the one worker thread take JOBS * JOB_SECONDS


def slow_job(log: str, n: int) -> int:
    """Notes in the log that it started, then takes a while."""
    with open(log, "a") as f:
        f.write(f"{n}\n")
    time.sleep(JOB_SECONDS)
    return n


def double(n: int) -> int:
    return 2 * n


@pytest.fixture
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as client:
        yield client


class Reader:
    """Reads map_unordered's results of the slow jobs in a thread of its own, as the build's derive thread does."""

    def __init__(self, executor: DaskExecutor, log: Path) -> None:
        self.results: list[int] = []
        self.errors: list[BaseException] = []
        self.first = threading.Event()
        jobs = [(str(log), n) for n in range(JOBS)]
        self.thread = threading.Thread(target=self._read, args=(executor, jobs), daemon=True)
        self.thread.start()

    def _read(self, executor: DaskExecutor, jobs: list[tuple[str, int]]) -> None:
        try:
            for result in executor.map_unordered(slow_job, jobs):
                self.results.append(result)
                self.first.set()
        except BaseException as exc:
            self.errors.append(exc)

    def stopped_by(self, executor: DaskExecutor) -> None:
        """Close the executor after the first result; the reader must end well before the other jobs could run."""
        assert self.first.wait(timeout=60)
        executor.close()
        self.thread.join(timeout=JOBS * JOB_SECONDS / 2)  # a hang, not a speed: the jobs left take 7 s
        assert not self.thread.is_alive(), "map_unordered kept waiting for the jobs after close()"
        assert self.errors == []  # it ends quietly: the build is stopping already
        assert 1 <= len(self.results) < JOBS


def started(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()]


def test_close_cancels_the_jobs_not_done_and_ends_the_reader(client: Any, tmp_path: Path) -> None:
    log = tmp_path / "started"
    executor = DaskExecutor(client=client)
    Reader(executor, log).stopped_by(executor)
    # A job sent now runs once the worker is free, after any job sent before it that is still wanted: so
    # when it is done, the cancelled jobs have had every chance to run, and they must not have.
    assert client.submit(slow_job, str(log), -1, pure=False).result(timeout=60) == -1
    ran = started(log)
    assert ran[-1] == -1
    assert len(ran) - 1 <= 3  # the first job, the one running when close() came, and perhaps one more
    assert client.status == "running"  # the caller's client is the caller's to close


def test_close_twice_then_start_and_map_again(client: Any, tmp_path: Path) -> None:
    executor = DaskExecutor(client=client)
    Reader(executor, tmp_path / "started").stopped_by(executor)
    executor.close()  # a second close does nothing more
    # Until start(), a map does nothing: close() may come before the derive thread begins its map.
    assert list(executor.map_unordered(double, [(1,), (2,)])) == []
    executor.start()
    assert sorted(executor.map_unordered(double, [(1,), (2,), (3,)])) == [2, 4, 6]
    executor.close()


def test_close_closes_the_client_it_made(cluster: Any, client: Any, tmp_path: Path) -> None:
    def clients() -> set[str]:
        return set(client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.clients)))

    before = clients()
    executor = DaskExecutor(address=cluster.scheduler_address)
    Reader(executor, tmp_path / "started").stopped_by(executor)
    deadline = time.monotonic() + 30  # the scheduler hears of the closed connection a moment later
    while clients() != before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert clients() == before
    executor.close()
    executor.start()  # made again when needed
    assert sorted(executor.map_unordered(double, [(1,), (2,)])) == [2, 4]
    executor.close()
