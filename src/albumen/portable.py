"""What POSIX and Windows do differently, in one place, each with a portable path: opening a file that may be a
FIFO without waiting for a writer, and keeping Ctrl-C from image workers while they start. Nothing POSIX-only is
imported here (or anywhere in albumen at import time: tests/test_packaging.py imports every module without them)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

# A FIFO opened for reading blocks until a writer comes, unless O_NONBLOCK (POSIX); Windows has neither FIFOs in
# the file system nor the flag, and wants O_BINARY.
READ_NONBLOCKING = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Ctrl-C held back in this thread, and in the processes it starts, until the block ends (then it arrives).
    Windows has no signal masks: there the block runs as it is."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def unblock_sigint() -> None:
    """Undo sigint_blocked's mask in a process that inherited it (a worker, once it ignores Ctrl-C)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker now (POSIX only: Windows has none)."""
    if os.name == "posix":
        import multiprocessing.resource_tracker

        multiprocessing.resource_tracker.ensure_running()
