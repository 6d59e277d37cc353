"""An executor is closed at the end of every build and may be used again: the next build (a watch loop, a
caller building twice) starts it again. And close() from another thread stops a run between two jobs.

Functions given to LocalProcessExecutor are module-level: its workers are spawned and get them pickled.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from albumen.executors import InlineExecutor, LocalProcessExecutor
from albumen.pipeline import build
from albumen.reporter import Reporter
from conftest import BASE_IMAGES, DEFAULT_TOML, base_files, page_of, srcset_urls


def _double(number: int) -> int:
    return number * 2


EXECUTORS: dict[str, Callable[[], Any]] = {
    "inline": InlineExecutor,
    "local-2": lambda: LocalProcessExecutor(2),  # a real pool of spawned processes for more than one job
    "local-1": lambda: LocalProcessExecutor(1),  # one worker: jobs run in this process, as inline
}


# -- two builds, one executor -------------------------------------------------------------------------------

def test_one_process_executor_makes_a_new_width_in_a_second_build(make_archive: Callable[..., Path]) -> None:
    # Build 2 finds no new original (the catalog exists, nothing changed), only a new width: nothing starts
    # the executor early, and the one build 1 closed refused all work (found by review: the second build
    # of a watch loop published pages naming files that were never made).
    root = make_archive(base_files(), BASE_IMAGES)
    executor = LocalProcessExecutor(2)
    first = build(root, Reporter(), executor)
    assert first.published and not first.problems.errors
    assert first.images_made == 2
    assert not list((root / "_site" / "media").glob("*/w300.*"))

    (root / "albumen.toml").write_text(DEFAULT_TOML.replace("[200, 400, 800]", "[200, 300, 400, 800]"),
                                       encoding="utf-8")
    second = build(root, Reporter(), executor)
    assert second.published and not second.problems.errors, second.problems.summary()
    assert second.images_made == 2
    assert second.files_written == 4  # a 300 px JPEG and WebP of each photo, nothing else
    site = root / "_site"
    for item, (width, height) in (("first", BASE_IMAGES["first.jpg"]), ("second", BASE_IMAGES["second.jpg"])):
        for name in ("w300.jpg", "w300.webp"):
            with Image.open(site / "media" / item / name) as made:
                assert made.size == (300, round(height * 300 / width)), (item, name)
        img = page_of(site, f"items/{item}/").find("figure", cls="photo").find("img")
        urls = dict(srcset_urls(img.get("srcset")))
        assert urls.get(f"../../media/{item}/w300.jpg") == "300w", img.get("srcset")
        for url in urls:  # every file the page names is in the site
            assert (site / "items" / item / url).resolve().is_file(), url


# -- close() and start() ------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", EXECUTORS.values(), ids=EXECUTORS.keys())
def test_a_closed_executor_runs_jobs_again_once_started(make: Callable[[], Any]) -> None:
    executor = make()
    jobs = [(n,) for n in range(6)]
    try:
        assert sorted(executor.map_unordered(_double, jobs)) == [0, 2, 4, 6, 8, 10]
        executor.close()
        executor.start()
        assert sorted(executor.map_unordered(_double, jobs)) == [0, 2, 4, 6, 8, 10]
        executor.close()
        executor.start()
        executor.start()  # twice is harmless: one pool, the work done once
        assert sorted(executor.map_unordered(_double, jobs)) == [0, 2, 4, 6, 8, 10]
    finally:
        executor.close()


@pytest.mark.parametrize("make", EXECUTORS.values(), ids=EXECUTORS.keys())
@pytest.mark.parametrize("used", [False, True], ids=["fresh", "used"])
def test_a_closed_executor_not_started_again_runs_nothing(make: Callable[[], Any], used: bool) -> None:
    executor = make()
    if used:
        assert sorted(executor.map_unordered(_double, [(1,), (2,)])) == [2, 4]
    executor.close()
    assert list(executor.map_unordered(_double, [(n,) for n in range(6)])) == []
    assert list(executor.map_unordered(_double, [(7,)])) == []  # one job alone too: it would run in here


# -- close() from another thread -----------------------------------------------------------------------------

RAN: list[int] = []
AT_WORK = threading.Event()  # job 3 has started
CLOSED = threading.Event()  # close() has returned


def _slow_record(number: int) -> int:
    RAN.append(number)
    if number == 3:
        AT_WORK.set()
        CLOSED.wait(timeout=30)  # close() comes while this job is at work (a bound for a hang, not a timing)
    time.sleep(0.05)
    return number


@pytest.mark.parametrize("make", [InlineExecutor, lambda: LocalProcessExecutor(1)], ids=["inline", "local-1"])
def test_close_from_another_thread_ends_an_in_process_run_after_the_job_at_work(
        make: Callable[[], Any]) -> None:
    # A Ctrl-C while the images are made closes the executor from the main thread while the derive thread
    # reads the results: the run must end there, not make every photo first.
    RAN.clear()
    AT_WORK.clear()
    CLOSED.clear()
    executor = make()

    def close_when_at_work() -> None:
        AT_WORK.wait(timeout=30)
        executor.close()
        CLOSED.set()

    closer = threading.Thread(target=close_when_at_work)
    closer.start()
    try:
        results = list(executor.map_unordered(_slow_record, [(n,) for n in range(50)]))
    finally:
        AT_WORK.set()  # the closer ends whatever happened
        closer.join()
    assert results == [0, 1, 2, 3]  # the job at work finishes; none after it starts
    assert RAN == [0, 1, 2, 3]

    executor.start()  # and the executor is good for the next build
    assert list(executor.map_unordered(_double, [(5,)])) == [10]


def test_an_image_run_cut_short_by_close_is_an_error_never_a_site_without_its_photos(
        make_archive: Callable[..., Path]) -> None:
    # A closed executor yields nothing more: run_plan must not take that for "every photo done", or a build
    # stopping in another thread could publish pages naming files that were never made.
    from albumen.pipeline import check
    from albumen.problems import AlbumenError, Problems
    from albumen.renditions import Original
    from albumen.stages.derive import plan_derivatives, run_plan

    root = make_archive(base_files(), BASE_IMAGES)
    config, checked, _ = check(root, Reporter())
    items = checked.archive.items
    originals = {item.id: Original(str(item.image), f"{n:064x}", 900, 600) for n, item in enumerate(items)}
    plan = plan_derivatives(config, items, originals)
    assert len(plan.jobs) == 2
    executor = InlineExecutor()
    executor.close()
    with pytest.raises(AlbumenError, match="stopped after 0 of 2 photos"):
        run_plan(plan, executor, Problems())
