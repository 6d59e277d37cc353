"""Rebuild in one background thread, and tell every open page when a build is published or fails.

Requests to rebuild (a save in the studio, a file changed on disk) are coalesced: while a build runs, any
number of requests make one more build after it. Pages listen with server-sent events (`/_studio/events`);
each event carries the build's number and its errors, and a page reloads itself only if its own file changed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from albumen.pipeline import BuildResult, build
from albumen.problems import AlbumenError, Problem
from albumen.reporter import Reporter


@dataclass(frozen=True)
class BuildState:
    """What the pages are told: the number of the last build and the errors that stopped it, if any."""

    number: int = 0
    errors: tuple[Problem, ...] = ()
    message: str = ""  # an error that is not about one file (the build lock, an internal error)


@dataclass
class Rebuilder:
    """One thread that builds the archive when asked; `wait_for` lets a save return once its build is done."""

    root: Path
    reporter: Reporter
    on_state: Callable[[BuildState], None] = lambda state: None
    state: BuildState = field(default_factory=BuildState)
    _wanted: threading.Condition = field(default_factory=threading.Condition)
    _asked: int = 0  # requests made
    _done: int = 0  # requests that a finished build has covered
    _stopping: bool = False

    def build_now(self) -> BuildState:
        """Build in the calling thread (the first build, before the server starts)."""
        self._publish(self._build_once())
        return self.state

    def start(self) -> None:
        threading.Thread(target=self._run, name="albumen-rebuild", daemon=True).start()

    def request(self) -> int:
        """Ask for a build; returns a ticket that `wait_for` accepts."""
        with self._wanted:
            self._asked += 1
            self._wanted.notify_all()
            return self._asked

    def wait_for(self, ticket: int, timeout: float = 60.0) -> bool:
        with self._wanted:
            return self._wanted.wait_for(lambda: self._done >= ticket, timeout=timeout)

    def stop(self) -> None:
        with self._wanted:
            self._stopping = True
            self._wanted.notify_all()

    def _run(self) -> None:
        while True:
            with self._wanted:
                self._wanted.wait_for(lambda: self._asked > self._done or self._stopping)
                if self._stopping:
                    return
                covering = self._asked
            self._publish(self._build_once())
            with self._wanted:
                self._done = covering
                self._wanted.notify_all()

    def _build_once(self) -> BuildState:
        number = self.state.number + 1
        try:
            result = build(self.root, self.reporter)
        except AlbumenError as exc:
            return BuildState(number, message=str(exc))
        except Exception as exc:  # noqa: BLE001 - a preview server outlives one bad rebuild
            return BuildState(number, message=f"internal error: {type(exc).__name__}: {exc}")
        self._report(result)
        errors = tuple(p for p in result.problems.sorted() if p.level == "error" and p.blocks_build)
        return BuildState(number, errors=errors if not result.published and not result.up_to_date else ())

    def _report(self, result: BuildResult) -> None:
        for problem in result.problems.sorted():
            self.reporter.problem(problem)
        if result.up_to_date:
            self.reporter.info("nothing changed")
        elif result.published:
            self.reporter.info(f"built {result.pages} pages ({result.problems.summary()})")
        else:
            self.reporter.info(f"not built: {result.problems.summary()}; serving the previous site")

    def _publish(self, state: BuildState) -> None:
        self.state = state
        self.on_state(state)


class Listeners:
    """The open pages' event streams, woken from the build thread, and ended when the server stops (else the
    server waits for them, then cancels them with a traceback on the terminal)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Condition | None = None
        self.closing = False

    def close(self) -> None:
        """From any thread: end every stream."""
        self.closing = True
        self.notify(BuildState())

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._changed = asyncio.Condition()

    def notify(self, _state: BuildState) -> None:
        """From any thread: wake every stream."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._wake()))

    async def _wake(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()

    async def wait(self, timeout: float) -> None:
        assert self._changed is not None
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait(), timeout)
            except TimeoutError:
                pass
