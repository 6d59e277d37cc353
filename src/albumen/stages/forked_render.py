"""Rendering on two cores: a forked child renders half of the pages while this process renders the other half.

Jinja runs Python, on one core; a first build of 10,000 photographs rendered for 15 s with the other core idle
(the photographs are made by then, and Pagefind starts only once the searched pages are written). A forked child
shares the site model as it is, with nothing sent or rebuilt (a spawned worker would need the whole model
pickled, or made again from the catalog), writes its pages into the staging folder through its own copy of
Out, and sends back what it recorded, which this process takes into its Out: the site is byte for byte the one
a single process renders (tests/test_forked_render.py).

Only on Linux (macOS's system libraries are not safe to use after a fork) and with enough pages to be worth a
process. The build has threads (the photograph loop, the process pool's manager) when it forks: the child runs
none of their code, takes none of their locks (Out's is made anew), and ends with os._exit, so that nothing of
the parent's (its pool, its progress display) is cleaned up or written twice. When the child fails, its pages
are rendered here: an error in a theme's template is then raised where it always was.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

MIN_PAGES = 1_000  # fewer pages render in under a second: not worth a process
# Nor more than this many: the child writes the reference counts of every object of the site model it reads, and
# the kernel copies each page of the model it touches. At 100,000 items the child held 506 MB of its own (its
# private dirty memory, measured), half of the build's memory once more: past this size the build renders alone,
# slower, within the memory it promises (issue 17: under 1 GB at 100,000 items).
MAX_PAGES = 50_000
# How long the child may take beyond the parent's own half, at least: past it (a child stuck on something it took
# from the parent at the fork) the child is ended and its pages are rendered here.
WAIT_AT_LEAST = 30.0
WAIT_FACTOR = 3.0  # ... or this many times as long as the parent's half took

# Python 3.12 warns on every fork of a process with threads; the module's docstring says why this one is safe.
warnings.filterwarnings("ignore", message=r".*use of fork\(\) may lead to deadlocks", category=DeprecationWarning)

T = TypeVar("T")


def worth_forking(pages: int, site_pages: int = 0) -> bool:
    """Many pages to render, in a site of not too many (`site_pages`, its size: see MAX_PAGES; a big site's galleries
    alone are thousands of pages), on Linux, two cores or more for this process, and from the main thread: `albumen
    serve` and the studio build in a thread of a web server, whose sockets a child would hold open while it
    renders."""
    return (MIN_PAGES <= pages and max(pages, site_pages) <= MAX_PAGES and sys.platform == "linux"
            and len(os.sched_getaffinity(0)) > 1
            and threading.current_thread() is threading.main_thread())


@dataclass
class Child(Generic[T]):
    pid: int
    reader: int  # the pipe the child's result comes through
    started: float  # time.monotonic() at the fork


def start(work: Callable[[], T]) -> Child[T] | None:
    """Run `work` in a forked child; None when no process can be made (the caller does the work itself)."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    # The collector, run in the child, would write into every object the two processes share (its header of
    # each), and the kernel would copy each page of the site model into the child: frozen, it looks at none.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:
        _run_child(work, reader, writer)
    gc.unfreeze()
    os.close(writer)
    return Child(pid, reader, time.monotonic())


def _run_child(work: Callable[[], T], reader: int, writer: int) -> None:
    status = 1
    try:
        os.close(reader)
        # Nothing of the child's reaches the terminal: the progress display's wrappers of stdout and stderr may
        # hold a lock that a thread of the parent took, and the parent reports for both.
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - ended by os._exit
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once; the parent stops the build
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view):]
        status = 0
    except BaseException:  # noqa: BLE001, S110 - any failure: the parent does the work itself
        pass
    finally:
        os._exit(status)


def result(child: Child[T]) -> T | None:
    """The child's result once it has ended; None when it failed or took far longer than the parent's own half
    (the time since the fork, when the parent asks): it is then ended."""
    waited = time.monotonic() - child.started
    deadline = time.monotonic() + max(WAIT_AT_LEAST, WAIT_FACTOR * waited)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([child.reader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                stop(child)
                return None
            if not (chunk := os.read(child.reader, 1 << 20)):
                break
            chunks.append(chunk)
    except BaseException:  # a Ctrl-C meanwhile
        stop(child)
        raise
    os.close(child.reader)
    _, status = os.waitpid(child.pid, 0)
    if status != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))  # type: ignore[no-any-return]  # noqa: S301 - our own child's bytes
    except (pickle.PickleError, EOFError, ValueError, AttributeError):
        return None


def stop(child: Child[T]) -> None:
    """End a child whose result is not wanted (the build is stopping, or the child is stuck)."""
    try:
        os.kill(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.close(child.reader)
    except OSError:
        pass
    os.waitpid(child.pid, 0)
