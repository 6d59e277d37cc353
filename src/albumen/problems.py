"""Problems are the user's mistakes: located, collected, reported all at once.

Exceptions are for our own bugs; a Problem is for something a person can fix in their archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning", "note"]  # a note suggests, never fails a command


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the archive folder, with forward slashes
    line: int | None
    level: Level
    message: str
    # False for a problem in one image's content: that item is reported, the rest still publishes.
    blocks_build: bool = field(default=True, compare=False)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        # One problem, one line: a newline in quoted user text must not forge another problem.
        return _visible(f"{where}: {self.level}: {self.message}")


# Besides the C0 controls: the C1 controls (NEL, U+0085, ends a line for str.splitlines and some terminals),
# the Unicode line and paragraph separators (end a line for splitlines and for JavaScript's regexps, so for
# editors' problem matchers), and the bidi embeddings, overrides and isolates, which would reorder the rest of
# the printed line (a path could then read as another). Found by tests/test_properties.py.
# Lone surrogates too: a file name whose bytes are not UTF-8 (Latin-1 from an old disk) reaches us with each
# such byte as U+DC80-U+DCFF, which can't be printed; it is shown as the byte, \xe9 (tests/test_trust_hostile.py).
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(text: str) -> str:
    return _INVISIBLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte that was not UTF-8
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass
class Problems:
    """An ordered collection of problems found while reading and checking an archive."""

    items: list[Problem] = field(default_factory=list)
    # Beside the list, for a membership test in constant time: an archive of 10,000 items can have as many.
    _seen: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.items)

    def add(self, problem: Problem) -> None:
        if problem not in self._seen:  # the same mistake twice on one line is one problem
            self._seen.add(problem)
            self.items.append(problem)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.add(Problem(path, line, "error", message))

    def image_error(self, path: str, message: str) -> None:
        self.add(Problem(path, None, "error", message, blocks_build=False))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.add(Problem(path, line, "warning", message))

    def note(self, path: str, line: int | None, message: str) -> None:
        self.add(Problem(path, line, "note", message))

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.errors if p.blocks_build]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.items if p.level == "note"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.path, p.line or 0, p.level, p.message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def summary(self) -> str:
        errors, warnings, notes = len(self.errors), len(self.warnings), len(self.notes)
        text = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        # Notes first: scripts read the line's end for the errors and warnings that set the exit status.
        return (f"{notes} note{'s' if notes != 1 else ''}, " if notes else "") + text


class AlbumenError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback and exits 1."""


class UsageError(AlbumenError):
    """The command was used wrongly (exit 2)."""
