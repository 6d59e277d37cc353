"""Progress and messages. Passed explicitly; the CLI uses rich on stderr, tests a BufferReporter."""

from __future__ import annotations

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
        self.console = Console(stderr=True, highlight=False)

    def info(self, message: str) -> None:
        if not self.quiet:
            self.console.print(escape(message), soft_wrap=True)

    def problem(self, problem: Problem) -> None:
        style = {"error": "red", "warning": "yellow"}.get(problem.level, "cyan")
        self.console.print(escape(str(problem)), style=style, soft_wrap=True)

    @contextmanager
    def progress(self, description: str, unit: str = "") -> Iterator[Advance]:
        if self.quiet or not self.console.is_terminal:
            yield lambda done, total: None
            return
        columns = [TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                   TaskProgressColumn()]
        if unit:
            columns.append(RateColumn(unit))
        columns.append(TimeRemainingColumn())
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(description, total=None)

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            yield advance


class RateColumn(ProgressColumn):
    """'12.3 photos/s' once rich has measured a speed."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} {self.unit}/s" if task.speed else "", style="progress.data.speed")


class BufferReporter(Reporter):
    """Keeps every message and problem, for tests."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.problems: list[Problem] = []

    def info(self, message: str) -> None:
        self.messages.append(message)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)
