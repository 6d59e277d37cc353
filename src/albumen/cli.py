"""The command line: parse, call the pipeline, map problems to exit status 1 and misuse to 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from albumen import __version__
from albumen.executors import executor_for
from albumen.problems import AlbumenError, Problems, UsageError
from albumen.reporter import CliReporter

F = TypeVar("F", bound=Callable[..., Any])

archive_option = click.option(
    "-C", "--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="The archive folder (default: the current folder).",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only problems, no progress.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="albumen")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected failures.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """albumen: a folder of historical photographs becomes a durable, searchable website."""
    ctx.obj = {"debug": debug}


def friendly_errors(fn: F) -> F:
    """AlbumenError -> 'error: ...' and exit 1 (2 for misuse); no traceback without --debug."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from exc
        except AlbumenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted; the previous site is left as it was", err=True)
            sys.exit(130)
        except Exception as exc:
            if click.get_current_context().find_root().obj.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n(run `albumen --debug ...` for "
                       "details, and please report it)", err=True)
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@quiet_option
@friendly_errors
def new(directory: Path, quiet: bool) -> None:
    """Make a new archive skeleton in DIRECTORY that builds at once."""
    from albumen.skeleton import create_archive

    create_archive(directory)
    if not quiet:
        click.echo(f"made a new archive in {directory}\nnext: albumen build -C {directory}")


@main.command()
@archive_option
@quiet_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@friendly_errors
def check(archive_dir: Path | None, quiet: bool, strict: bool) -> None:
    """Report every problem in the archive, as path:line: error: message."""
    from albumen.pipeline import check as check_archive

    reporter = CliReporter(quiet)
    _, checked, problems = check_archive(archive_root(archive_dir), reporter, suggest=True)
    status = report(problems, reporter, strict)
    archive = checked.archive
    if not quiet:
        counts = ", ".join(_plural(len(records), kind) for kind, records in (
            ("item", archive.items), ("topic", archive.topics), ("place", archive.places), ("page", archive.pages)))
        click.echo(f"checked {counts}: {problems.summary()}")
    sys.exit(status)


@main.command()
@archive_option
@quiet_option
@click.option("--executor", default=None, metavar="SPEC",
              help="Where image work runs: local (one process per core), local:N, inline, or "
                   "dask://HOST:PORT (a Dask scheduler; its workers must see the archive at the same path).")
@friendly_errors
def build(archive_dir: Path | None, quiet: bool, executor: str | None) -> None:
    """Build the website into _site/ (replaced whole, only when the build succeeds)."""
    from albumen.pipeline import build as build_site

    root = archive_root(archive_dir)
    reporter = CliReporter(quiet)
    try:
        chosen = executor_for(executor)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    result = build_site(root, reporter, chosen)
    status = report(result.problems, reporter)
    if result.up_to_date:
        reporter.info(f"nothing changed: {root / '_site'} is up to date ({result.problems.summary()})")
    elif result.published:
        seconds = result.seconds.get("total", 0)
        reporter.info(f"built {_plural(result.pages, 'page')} and {_plural(result.photos, 'photo')} "
                      f"({_plural(result.images_made, 'image')} processed) into {root / '_site'} in "
                      f"{seconds:.1f} s ({result.problems.summary()})")
    else:
        click.echo(f"not built: {result.problems.summary()}; the previous _site/ is unchanged", err=True)
    sys.exit(status)


@main.command()
@archive_option
@quiet_option
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--no-watch", is_flag=True, help="Do not rebuild when files change.")
@friendly_errors
def serve(archive_dir: Path | None, quiet: bool, port: int, no_watch: bool) -> None:
    """Build, serve on http://127.0.0.1:PORT, and rebuild when the archive changes."""
    from albumen.serve import serve_archive

    serve_archive(archive_root(archive_dir), CliReporter(quiet), port=port, watch=not no_watch)


@main.group()
def export() -> None:
    """Export the catalog."""


@export.command("json")
@archive_option
@friendly_errors
def export_json(archive_dir: Path | None) -> None:
    """Print the whole catalog (items, topics, places, pages) as one JSON document."""
    from albumen.pipeline import ProblemsFound, export_catalog

    reporter = CliReporter(quiet=True)
    try:
        document = export_catalog(archive_root(archive_dir), reporter)
    except ProblemsFound as exc:
        sys.exit(report(exc.problems, reporter))
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))


from albumen.enrich.command import enrich_command  # noqa: E402

main.add_command(enrich_command)


from albumen.importers.commands import import_group  # noqa: E402

main.add_command(import_group)
