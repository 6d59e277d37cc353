"""The command line: parse, call the pipeline, map problems to exit status 1 and misuse to 2."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from albumen import __version__
from albumen.cli_support import (
    archive_option,
    archive_root,
    friendly_errors,
    plural,
    quiet_option,
    report,
    stage_times,
)
from albumen.executors import executor_for
from albumen.problems import UsageError
from albumen.reporter import CliReporter


class _Commands(click.Group):
    """albumen's commands; `import`, `enrich` and `deploy` are loaded only when asked for, so that a build does not
    start by reading HTML parsers and the gazetteer's phrase rules."""

    LAZY = {"import": ("albumen.importers.commands", "import_group"),
            "enrich": ("albumen.enrich.command", "enrich_command"),
            "deploy": ("albumen.deploy.command", "deploy_command")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            module, attribute = self.LAZY[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="albumen")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected failures.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """albumen: a folder of historical photographs becomes a durable, searchable website."""
    ctx.obj = {"debug": debug}


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
    from albumen.stages.check import note_settings

    reporter = CliReporter(quiet)
    root = archive_root(archive_dir)
    config, checked, problems = check_archive(root, reporter, suggest=True)
    if not quiet and (root / "albumen.toml").is_file():  # advice on the settings; -q keeps to the problems
        note_settings(config.base_url, problems)
        from albumen.review import note_for_check

        with reporter.progress("alike", "photos") as advance:  # images no item shows, photos that look alike
            note_for_check(root, checked, problems, near_duplicates=config.check.near_duplicates, advance=advance)
    status = report(problems, reporter, strict)
    archive = checked.archive
    if not quiet:
        counts = ", ".join(plural(len(records), kind) for kind, records in (
            ("item", archive.items), ("topic", archive.topics), ("place", archive.places), ("page", archive.pages)))
        click.echo(f"checked {counts}: {problems.summary()}")
    sys.exit(status)


@main.command()
@archive_option
@quiet_option
@click.option("--executor", default=None, metavar="SPEC",
              help="Where image work runs: local (one process per core), local:N, inline, or "
                   "dask://HOST:PORT (a Dask scheduler; its workers must see the archive at the same path).")
@click.option("--timings", is_flag=True,
              help="Say on stderr where the time went, stage by stage (printed with -q too).")
@friendly_errors
def build(archive_dir: Path | None, quiet: bool, executor: str | None, timings: bool) -> None:
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
        reporter.info(f"built {plural(result.pages, 'page')} and {plural(result.photos, 'photo')} "
                      f"({plural(result.images_made, 'image')} processed) into {root / '_site'} in "
                      f"{seconds:.1f} s ({result.problems.summary()})")
    else:
        click.echo(f"not built: {result.problems.summary()}; the previous _site/ is unchanged", err=True)
    if timings and result.seconds:  # none when nothing was built (not an archive)
        click.echo(stage_times(result.seconds), err=True)
    sys.exit(status)


@main.command()
@archive_option
@quiet_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1 (1 to 65535).")
@click.option("--no-watch", is_flag=True, help="Do not rebuild when files change on disk.")
@click.option("--open", "open_browser", is_flag=True, help="Open the studio in the web browser.")
@click.option("--read-only", is_flag=True, help="Preview only: no studio, nothing can be changed from the browser.")
@friendly_errors
def serve(archive_dir: Path | None, quiet: bool, port: int, no_watch: bool, open_browser: bool,
          read_only: bool) -> None:
    """Build, then serve the site and the studio on http://127.0.0.1:PORT, rebuilding on every change."""
    from albumen.serve import serve_archive

    serve_archive(archive_root(archive_dir), CliReporter(quiet), port=port, watch=not no_watch,
                  read_only=read_only, open_browser=open_browser)


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
