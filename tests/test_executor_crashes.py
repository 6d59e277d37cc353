"""A worker process that dies (a libvips segfault, the OOM killer) breaks the whole process pool: the jobs
left are run again, only the few that can have been running alone (to find the one that kills its process),
the rest in a fresh pool of all the workers."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from typing import Any

import pytest

from albumen import executors
from albumen.executors import JobCrashed, LocalProcessExecutor


def _number_or_death(number: int, deaths: dict[int, str]) -> int:
    """A job: its number back, or its process dies the way deaths says."""
    how = deaths.get(number)
    if how == "exit":
        os._exit(1)  # what a crash looks like from outside
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
    return number


def _slow_number_or_death(number: int, deaths: dict[int, str]) -> int:
    if number not in deaths:
        time.sleep(0.2)  # so that the run is still going when close() comes
    return _number_or_death(number, deaths)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers of each process pool made, in order."""
    made: list[int] = []
    real = executors.new_pool

    def counted(workers: int) -> Any:
        made.append(workers)
        return real(workers)

    monkeypatch.setattr(executors, "new_pool", counted)
    return made


def run(executor: LocalProcessExecutor, count: int, deaths: dict[int, str]) -> tuple[Counter[int], list[Any]]:
    results = list(executor.map_unordered(_number_or_death, [(n, deaths) for n in range(count)]))
    numbers = Counter(r for r in results if isinstance(r, int))
    return numbers, [r.job[0] for r in results if isinstance(r, JobCrashed)]


@pytest.mark.parametrize("started", [False, True], ids=["pool-made-by-map", "pool-made-by-start"])
def test_one_crash_among_many_jobs_every_other_job_done_once(pools: list[int], started: bool) -> None:
    executor = LocalProcessExecutor(2)
    if started:
        executor.start()  # the pool is busy with warm-ups first
    try:
        numbers, crashed = run(executor, 40, {3: "exit"})
    finally:
        executor.close()
    assert numbers == Counter(n for n in range(40) if n != 3)
    assert crashed == [3]


def test_after_a_crash_only_a_few_jobs_run_alone(pools: list[int]) -> None:
    executor = LocalProcessExecutor(2)
    try:
        numbers, crashed = run(executor, 40, {0: "exit"})
    finally:
        executor.close()
    assert crashed == [0] and len(numbers) == 39
    assert pools.count(1) <= 3  # one pool a job left would be 39
    assert pools.count(2) <= 2  # the first pool, and the fresh one for the rest


def test_two_crashes_far_apart_are_both_reported(pools: list[int]) -> None:
    executor = LocalProcessExecutor(2)
    try:
        numbers, crashed = run(executor, 40, {5: "exit", 30: "kill"})
    finally:
        executor.close()
    assert numbers == Counter(n for n in range(40) if n not in (5, 30))
    assert sorted(crashed) == [5, 30]
    # Per crash: the three suspects alone, then the rest in a pool of their size, which is one worker
    # when a single job is left (the second crash can come that late).
    assert pools.count(1) <= 2 * (3 + 1)


def test_close_from_another_thread_after_a_crash_ends_the_run(pools: list[int]) -> None:
    executor = LocalProcessExecutor(2)
    results: list[Any] = []
    ready = threading.Event()

    def read() -> None:
        after_crash = 0
        for result in executor.map_unordered(_slow_number_or_death, [(n, {0: "exit"}) for n in range(60)]):
            results.append(result)
            after_crash += any(isinstance(r, JobCrashed) for r in results[:-1])
            if after_crash == 3:  # at most two jobs ran alone: this one came from the fresh pool
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert ready.wait(60), "no results after the crash"
        assert pools[-1] == 2  # a fresh pool of all the workers is running the rest
        executor.close()
        reader.join(60)  # only to catch a hang: close() must end the reader's iteration
        assert not reader.is_alive(), "map_unordered went on after close()"
    finally:
        executor.close()
        reader.join()
    numbers = Counter(r for r in results if isinstance(r, int))
    assert max(numbers.values()) == 1
    assert len(numbers) < 59  # the jobs not started were dropped
