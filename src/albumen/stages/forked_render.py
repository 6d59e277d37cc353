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

import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

MIN_PAGES = 1_000  # fewer pages render in under a second: not worth a process

T = TypeVar("T")


def worth_forking(pages: int) -> bool:
    return pages >= MIN_PAGES and sys.platform == "linux" and (os.cpu_count() or 1) > 1


@dataclass
class Child(Generic[T]):
    pid: int
    reader: int  # the pipe the child's result comes through


def start(work: Callable[[], T]) -> Child[T] | None:
    """Run `work` in a forked child; None when no process can be made (the caller does the work itself)."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        with warnings.catch_warnings():
            # Python 3.12 warns on every fork of a process with threads; see the module's docstring for why
            # this one is safe.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:
        _run_child(work, reader, writer)
    os.close(writer)
    return Child(pid, reader)


def _run_child(work: Callable[[], T], reader: int, writer: int) -> None:
    status = 1
    try:
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once: the parent stops the build
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
    """The child's result once it has ended; None when it failed."""
    chunks = []
    try:
        while chunk := os.read(child.reader, 1 << 20):
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
    """End a child whose result is not wanted (the build is stopping)."""
    try:
        os.kill(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.close(child.reader)
    except OSError:
        pass
    os.waitpid(child.pid, 0)
