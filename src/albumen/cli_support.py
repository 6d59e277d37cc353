"""What every command shares: the -C and -q options, friendly errors, and the exit status problems call for.

A module of its own so that the commands kept in other packages (import, enrich) use the same ones as
albumen.cli without importing it (albumen.cli loads them).
"""

from __future__ import annotations

import errno
import signal
import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from albumen.problems import AlbumenError, Problems, UsageError
from albumen.reporter import CliReporter

F = TypeVar("F", bound=Callable[..., Any])


def archive_option_with(help: str) -> Callable[[F], F]:
    return click.option("-C", "--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help=help)


archive_option = archive_option_with("The archive folder (default: the current folder).")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only problems, no progress.")


def friendly_errors(fn: F | None = None, *, interrupted: str = "interrupted; the previous site is left as it was"
                    ) -> Any:
    """AlbumenError -> 'error: ...' and exit 1 (2 for misuse); no traceback without --debug.

    Use as @friendly_errors, or @friendly_errors(interrupted="...") to say what Ctrl-C leaves behind.
    """

    def decorate(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except click.ClickException:
                raise
            except UsageError as exc:
                raise click.UsageError(str(exc)) from exc
            except AlbumenError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
            except KeyboardInterrupt:
                # The stop is done: a Ctrl-C pressed again now (while Python ends its threads) would kill the
                # process by the signal, exit -2 instead of 130 (found by test_build.py's two presses, one run
                # in three on a busy machine).
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                click.echo(interrupted, err=True)
                sys.exit(130)
            except OSError as exc:
                if exc.errno not in DISK_PROBLEMS:
                    _internal_error(exc)
                click.echo(f"error: {disk_problem(exc)}", err=True)
                sys.exit(1)
            except sqlite3.OperationalError as exc:  # the catalog, on a full or read-only disk
                code = SQLITE_DISK_PROBLEMS.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF)
                if code is None:
                    _internal_error(exc)
                click.echo(f"error: {disk_problem(OSError(code, str(exc), '.albumen/catalog.sqlite'))}", err=True)
                sys.exit(1)
            except Exception as exc:
                _internal_error(exc)

        return wrapper  # type: ignore[return-value]

    return decorate(fn) if fn is not None else decorate


# What the disk, not albumen, refused: a clear message and exit 1, never "internal error ... please report it".
# Found by tests/test_trust_hostile.py (a full disk, a read-only archive).
DISK_PROBLEMS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EFBIG, errno.EIO,
                 errno.ENAMETOOLONG, errno.EMFILE, errno.ENFILE, errno.ELOOP}
# SQLite's primary result codes for the same refusals: FULL, READONLY, IOERR, CANTOPEN, PERM.
SQLITE_DISK_PROBLEMS = {13: errno.ENOSPC, 8: errno.EROFS, 10: errno.EIO, 14: errno.EACCES, 3: errno.EACCES}
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space (or build on another disk), then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run the command again",
    errno.EFBIG: "a file grew larger than this disk or your limits allow",
    errno.EROFS: "the archive is on a read-only disk or share: copy it to a writable place, or mount it writable",
    errno.EACCES: "albumen may not write (or read) there: check the folder's permissions and owner",
    errno.EPERM: "albumen may not change that file: check its permissions and owner",
    errno.EIO: "the disk reported a read or write error: check the disk, then run the command again",
}


def disk_problem(exc: OSError) -> str:
    """What the system refused, where, and what to do."""
    where = f" {exc.filename}" if exc.filename else ""
    advice = _ADVICE.get(exc.errno or 0, "fix that, then run the command again")
    return f"can't write or read{where}: {exc.strerror or exc}; {advice}"


def _internal_error(exc: BaseException) -> NoReturn:
    """Our bug: one line and exit 3, or the traceback with --debug."""
    root = click.get_current_context().find_root()
    if isinstance(root.obj, dict) and root.obj.get("debug"):
        raise exc
    click.echo(f"internal error: {type(exc).__name__}: {exc}\n(run `albumen --debug ...` for "
               "details, and please report it)", err=True)
    sys.exit(3)


def archive_root(archive_dir: Path | None) -> Path:
    root = (archive_dir or Path.cwd()).resolve()
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    return root


def report(problems: Problems, reporter: CliReporter, strict: bool = False) -> int:
    """Print every problem; the exit status they call for."""
    for problem in problems.sorted():
        reporter.problem(problem)
    return 1 if problems.errors or (strict and problems.warnings) else 0


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# The build's stages in the order they start. Their clocks overlap: the image workers (derive) run beside
# everything else, and the search index (index) is made while the rest of the pages and IIIF are written.
# plan: what the photos need made, and the digests of what each page is made from; staging: the folder the new
# site is written into (the spare generation, listed and moved in).
STAGES = ("check", "catalog", "plan", "staging", "derive", "render", "iiif", "index", "publish")


def stage_times(seconds: dict[str, float]) -> str:
    """One line: each stage's seconds, then the whole build's ('timings: check 1.20 s, ..., total 7.41 s')."""
    named = [stage for stage in STAGES if stage in seconds]
    named += sorted(set(seconds) - set(STAGES) - {"total"})
    parts = [f"{stage} {seconds[stage]:.2f} s" for stage in named]
    if "total" in seconds:
        parts.append(f"total {seconds['total']:.2f} s")
    return "timings: " + ", ".join(parts)
