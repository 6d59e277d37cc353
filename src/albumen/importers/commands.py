"""`albumen import ...`: bring photos and captions in from elsewhere.

Exit status: 0 done (places to look at are warnings), 1 problems (refused overwrites, nothing to import),
2 the command was used wrongly. Problems go to stderr as `path:line: level: message`, never a traceback
(unless `albumen --debug`).
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable
from pathlib import Path

import click

from albumen.problems import AlbumenError, Problem
from albumen.reporter import CliReporter


@click.group("import")
def import_group() -> None:
    """Make archive files from an old website (and, later, spreadsheets and photo folders)."""


@import_group.command("html")
@click.argument("old_site", metavar="OLD_SITE_DIR", type=click.Path(path_type=Path))
@click.option("-C", "--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The archive folder to write into (default: the current folder; made if missing).")
@click.option("--encoding", default=None, metavar="ENC",
              help="The old pages' encoding when they don't say and aren't UTF-8 (e.g. cp1252, shift_jis).")
@click.option("--force", is_flag=True, help="Replace files a person has changed (backups in .albumen/backups/).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, no progress or summary.")
def import_html(old_site: Path, archive_dir: Path | None, encoding: str | None, force: bool, dry_run: bool,
                quiet: bool) -> None:
    """Read a saved copy of an old photo website (OLD_SITE_DIR) into the archive: topics, items, pages."""
    if not old_site.is_dir():
        raise click.BadParameter(f"no such folder: {old_site}", param_hint="OLD_SITE_DIR")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding '{encoding}' (try cp1252, shift_jis, gb18030, utf-8)",
                                     param_hint="--encoding") from None
    root = (archive_dir or Path.cwd()).resolve()
    if root == old_site.resolve():
        raise click.UsageError("the archive folder (-C) can't be the old site's folder itself; name a new folder, "
                               "e.g. -C my-archive")
    _run(lambda: _import_html(old_site, root, encoding, force, dry_run, quiet))


def _import_html(old_site: Path, root: Path, encoding: str | None, force: bool, dry_run: bool, quiet: bool) -> int:
    from albumen.importers.html_site import read_html_site
    from albumen.importers.report import REPORT_FILE
    from albumen.importers.writer import write_draft, write_text_atomic

    reporter = CliReporter(quiet)
    found = read_html_site(old_site, root, encoding=encoding, reporter=reporter, label=str(old_site))
    report = found.report
    report.write = write_draft(root, found.draft, force=force, dry_run=dry_run,
                               origin=f"`albumen import html {old_site}`")
    if report.write.written:
        write_text_atomic(root, REPORT_FILE, report.markdown())
    _print_problems(report.problems(), reporter)
    if not quiet:
        if dry_run:
            for planned in report.write.plan:
                if planned.action != "unchanged":
                    click.echo(f"would {'write' if planned.action != 'keep' else 'keep'} ({planned.action}): "
                               f"{planned.path}")
        click.echo(report.summary(dry_run=dry_run))
        if report.write.written:
            click.echo(f"the full report: {root / REPORT_FILE}\nnext: albumen build -C {root}")
    if report.write.conflicts:
        click.echo(f"nothing was written: {len(report.write.conflicts)} file(s) changed by a person would be "
                   "replaced; run again with --force to replace them (backups go to .albumen/backups/)", err=True)
        return 1
    return 1 if any(look.level == "error" for look in report.looks) else 0


def _print_problems(problems: list[Problem], reporter: CliReporter) -> None:
    for problem in sorted(problems, key=lambda p: (p.level != "error", p.path, p.line or 0)):
        reporter.problem(problem)


def _run(action: Callable[[], int]) -> None:
    """Run the import; AlbumenError -> 'error: ...' and exit 1; no traceback without --debug."""
    try:
        status = action()
    except click.ClickException:
        raise
    except AlbumenError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted; files already written stay written (each one whole)", err=True)
        sys.exit(130)
    except Exception as exc:
        root = click.get_current_context().find_root()
        if isinstance(root.obj, dict) and root.obj.get("debug"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n(run `albumen --debug import ...` for details, "
                   "and please report it)", err=True)
        sys.exit(3)
    sys.exit(status)
