"""Pages rendered by two processes (stages/forked_render.py): the site is byte for byte the one a single process
renders, on a first build and after an edit, and a child that fails leaves its pages to the build."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from albumen.pipeline import BuildResult
from albumen.stages import forked_render
from test_incremental import archive_files, built, make, snapshot

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pages are rendered by a forked child on Linux only")


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Fork for any number of pages; one entry per child: whether its pages came back."""
    ended: list[bool] = []
    real_result = forked_render.result

    def result(child: forked_render.Child[Any]) -> Any:
        done = real_result(child)
        ended.append(done is not None)
        return done

    monkeypatch.setattr(forked_render, "MIN_PAGES", 0)
    monkeypatch.setattr(forked_render, "result", result)
    return ended


def single_process_site(root: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    scratch.mkdir(exist_ok=True)
    copy = scratch / f"single-{len(list(scratch.iterdir()))}"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("_site*", ".albumen"))
    with monkeypatch.context() as patch:
        patch.setattr(forked_render, "MIN_PAGES", sys.maxsize)
        built(copy)
    return snapshot(copy / "_site")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make(tmp_path / "archive", archive_files(30))


def test_a_first_build_in_two_processes_is_the_single_process_site(archive: Path, tmp_path: Path,
                                                                   children: list[bool],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = built(archive)
    assert children and all(children)  # the searched pages and the others, each half rendered by a child
    assert result.pages_rendered == result.pages  # the child's pages are counted too
    assert snapshot(archive / "_site") == single_process_site(archive, tmp_path / "scratch", monkeypatch)


def test_an_edit_after_a_forked_build_renders_what_one_process_would(archive: Path, tmp_path: Path,
                                                                     children: list[bool],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scratch").mkdir()
    built(archive)
    once = _edit_and_build(archive)
    # The same edit on a copy built by one process: the same pages are rendered and written.
    single = tmp_path / "scratch" / "single"
    shutil.copytree(archive, single, ignore=shutil.ignore_patterns("_site*", ".albumen"))
    (single / "items" / "p07.md").write_text(archive_files(30)["items/p07.md"], encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(forked_render, "MIN_PAGES", sys.maxsize)
        built(single)
        alone = _edit_and_build(single)
    assert (once.pages_rendered, sorted(once.changed)) == (alone.pages_rendered, sorted(alone.changed))
    assert snapshot(archive / "_site") == snapshot(single / "_site")
    assert snapshot(archive / "_site") == single_process_site(archive, tmp_path / "scratch", monkeypatch)


def test_a_child_that_fails_leaves_its_pages_to_the_build(archive: Path, tmp_path: Path, children: list[bool],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real_start = forked_render.start

    def failing(work: Any) -> Any:
        return real_start(lambda: 1 / 0)

    monkeypatch.setattr(forked_render, "start", failing)
    result = built(archive)
    assert children and not any(children)
    assert result.pages_rendered == result.pages
    assert snapshot(archive / "_site") == single_process_site(archive, tmp_path / "scratch", monkeypatch)


def _edit_and_build(root: Path) -> BuildResult:
    item = root / "items" / "p07.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Photograph 7", "Photograph seven"), encoding="utf-8")
    return built(root)


def test_only_pages_to_render_count_an_edit_forks_no_child(archive: Path, children: list[bool],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked_render, "MIN_PAGES", 20)
    first = built(archive)
    assert first.pages_rendered > 20 and children == [True]  # the searched pages (the others are fewer)
    edit = _edit_and_build(archive)
    assert 0 < edit.pages_rendered < 20 and children == [True]  # kept pages are not work: no second child


def test_a_stuck_child_is_ended_and_its_pages_rendered_here(archive: Path, tmp_path: Path, children: list[bool],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real_start = forked_render.start
    monkeypatch.setattr(forked_render, "start", lambda work: real_start(lambda: time.sleep(3600)))
    monkeypatch.setattr(forked_render, "WAIT_AT_LEAST", 0.5)
    monkeypatch.setattr(forked_render, "WAIT_FACTOR", 0.0)
    result = built(archive)  # returns: a child that never ends does not hold the build
    assert children and not any(children)
    assert result.pages_rendered == result.pages
    assert snapshot(archive / "_site") == single_process_site(archive, tmp_path / "scratch", monkeypatch)


def test_a_build_in_another_thread_forks_no_child(archive: Path, children: list[bool]) -> None:
    """`albumen serve` and the studio build in a thread of their web server: a child would hold its sockets."""
    results: list[BuildResult] = []
    thread = threading.Thread(target=lambda: results.append(built(archive)))
    thread.start()
    thread.join()
    assert results and results[0].pages_rendered == results[0].pages
    assert children == []
