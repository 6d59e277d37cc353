"""Progress and messages. Passed explicitly; the CLI uses rich on stderr, tests a BufferReporter."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from albumen.problems import Problem

Advance = Callable[[int, int], None]  # (done, total)


class Reporter:
    """Base reporter: says nothing."""

    def info(self, message: str) -> None:
        pass

    def problem(self, problem: Problem) -> None:
        pass

    @contextmanager
    def progress(self, description: str, unit: str = "") -> Iterator[Advance]:
        yield lambda done, total: None


class CliReporter(Reporter):
    """Progress bars and messages on stderr; `quiet` keeps only problems."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        # emoji=False: rich would print "items/x.md:100: error" as "items/x.md💯 error" (:100: is an emoji code)
        self.console = Console(stderr=True, highlight=False, emoji=False)
        self._bars: Progress | None = None
        self._lock = threading.Lock()

    def info(self, message: str) -> None:
        if not self.quiet:
            self.console.print(escape(message), soft_wrap=True)

    def problem(self, problem: Problem) -> None:
        style = {"error": "red", "warning": "yellow"}.get(problem.level, "cyan")
        self.console.print(escape(str(problem)), style=style, soft_wrap=True)

    @contextmanager
    def progress(self, description: str, unit: str = "") -> Iterator[Advance]:
        """A bar for one stage; stages that run at once (images while pages are written) share one display."""
        if self.quiet or not self.console.is_terminal:
            yield lambda done, total: None
            return
        with self._lock:
            if self._bars is None:
                self._bars = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                      TaskProgressColumn(), RateColumn(), TimeRemainingColumn(),
                                      console=self.console, transient=True)
                self._bars.start()
            bars = self._bars
            task = bars.add_task(description, total=None, unit=unit)
        try:
            yield lambda done, total: bars.update(task, completed=done, total=total)
        finally:
            with self._lock:
                bars.remove_task(task)
                if not bars.task_ids:
                    bars.stop()
                    self._bars = None


class RateColumn(ProgressColumn):
    """'12.3 photos/s' once rich has measured a speed (for tasks with a unit)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit")
        return Text(f"{task.speed:.1f} {unit}/s" if unit and task.speed else "", style="progress.data.speed")


class BufferReporter(Reporter):
    """Keeps every message and problem, for tests."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.problems: list[Problem] = []

    def info(self, message: str) -> None:
        self.messages.append(message)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)
