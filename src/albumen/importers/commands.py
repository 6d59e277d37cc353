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
from typing import TYPE_CHECKING, Protocol

import click

from albumen.cli_support import F, archive_option_with, friendly_errors, quiet_option
from albumen.problems import Problem
from albumen.reporter import CliReporter

if TYPE_CHECKING:
    from albumen.importers.drafts import Draft
    from albumen.importers.tables import Table
    from albumen.importers.writer import WriteResult


class _Report(Protocol):
    """What every importer's report offers (report.ImportReport, records_report.RecordsReport)."""

    write: WriteResult | None

    def problems(self) -> list[Problem]: ...

    def summary(self, dry_run: bool = False) -> str: ...

    def markdown(self) -> str: ...


archive_option = archive_option_with("The archive folder to write into (default: the current folder; made if missing).")
force_option = click.option("--force", is_flag=True,
                            help="Replace files a person has changed (backups in .albumen/backups/).")
dry_run_option = click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
images_option = click.option(
    "--images", "images_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="The folder with the images the rows name (default: the spreadsheet's folder).")
map_option = click.option(
    "--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
    help="Which column fills a field, e.g. --map caption=Description (repeatable; FIELD= for none). Fields: file, "
         "title, caption, date, place, lat, lon, subjects, creator, rights, rights_uri, topic, alt.")


def write_options(command: F) -> F:
    """--force, --dry-run and --quiet: how every import writes what it read, last in its options."""
    return force_option(dry_run_option(quiet_option(command)))


@click.group("import")
def import_group() -> None:
    """Make archive files from an old website, a spreadsheet or a folder of photos."""


@import_group.command("html")
@click.argument("old_site", metavar="OLD_SITE_DIR", type=click.Path(path_type=Path))
@archive_option
@click.option("--encoding", default=None, metavar="ENC",
              help="The old pages' encoding when they don't say and aren't UTF-8 (e.g. cp1252, shift_jis).")
@write_options
def import_html(old_site: Path, archive_dir: Path | None, encoding: str | None, force: bool, dry_run: bool,
                quiet: bool) -> None:
    """Read a saved copy of an old photo website (OLD_SITE_DIR) into the archive: topics, items, pages."""
    if not old_site.is_dir():
        raise click.BadParameter(f"no such folder: {old_site}", param_hint="OLD_SITE_DIR")
    _check_encoding(encoding)
    root = (archive_dir or Path.cwd()).resolve()
    if root == old_site.resolve():
        raise click.UsageError("the archive folder (-C) can't be the old site's folder itself; name a new folder, "
                               "e.g. -C my-archive")
    _run(lambda: _import_html(old_site, root, encoding, force, dry_run, quiet))


def _import_html(old_site: Path, root: Path, encoding: str | None, force: bool, dry_run: bool, quiet: bool) -> int:
    from albumen.importers.html_site import read_html_site

    reporter = CliReporter(quiet)
    found = read_html_site(old_site, root, encoding=encoding, reporter=reporter, label=str(old_site))
    return _write(root, found.draft, found.report, found.report.has_errors, reporter, force=force, dry_run=dry_run,
                  origin=f"`albumen import html {old_site}`")


@import_group.command("csv")
@click.argument("sheet", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@archive_option
@images_option
@map_option
@click.option("--encoding", default=None, metavar="ENC",
              help="The file's encoding when it is not UTF-8 or Windows-1252 (e.g. cp1250, shift_jis).")
@write_options
def import_csv(sheet: Path, archive_dir: Path | None, images_dir: Path | None, mapping: tuple[str, ...],
               encoding: str | None, force: bool, dry_run: bool, quiet: bool) -> None:
    """Make an item of each row of a CSV spreadsheet (FILE), with the image file it names."""
    _check_encoding(encoding)
    root = (archive_dir or Path.cwd()).resolve()

    def read() -> Table:
        from albumen.importers.tables import read_csv

        return read_csv(sheet, encoding)

    _run(lambda: _import_sheet(read, sheet, images_dir, list(mapping), root, force, dry_run, quiet, "csv"))


@import_group.command("xlsx")
@click.argument("sheet", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@archive_option
@images_option
@map_option
@click.option("--sheet", "sheet_name", default=None, metavar="NAME", help="The sheet to read (default: the first).")
@write_options
def import_xlsx(sheet: Path, archive_dir: Path | None, images_dir: Path | None, mapping: tuple[str, ...],
                sheet_name: str | None, force: bool, dry_run: bool, quiet: bool) -> None:
    """Make an item of each row of an Excel workbook's sheet (FILE, .xlsx), with the image file it names."""
    root = (archive_dir or Path.cwd()).resolve()

    def read() -> Table:
        from albumen.importers.tables import read_xlsx

        return read_xlsx(sheet, sheet_name)

    _run(lambda: _import_sheet(read, sheet, images_dir, list(mapping), root, force, dry_run, quiet, "xlsx"))


def _import_sheet(read: Callable[[], Table], sheet: Path, images_dir: Path | None, mapping: list[str], root: Path,
                  force: bool, dry_run: bool, quiet: bool, kind: str) -> int:
    from albumen.importers.columns import column_map
    from albumen.importers.spreadsheet import read_spreadsheet

    table = read()
    columns = column_map(table.header, mapping, str(sheet))
    found = read_spreadsheet(table, columns, sheet, images_dir or sheet.parent, root, label=str(sheet))
    return _write(root, found.draft, found.report, found.report.has_errors, CliReporter(quiet), force=force,
                  dry_run=dry_run, origin=f"`albumen import {kind} {sheet}`")


@import_group.command("photos")
@click.argument("photos_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@archive_option
@click.option("--topics-from-folders", is_flag=True,
              help="Make a topic of each subfolder, with the photos in it.")
@click.option("--group/--no-group", default=True, show_default=True,
              help="Make one item of the photos of one object named alike in a folder: x_front and x_back, "
                   "x-001, x-002 ... (a postcard's sides, a letter's pages).")
@write_options
def import_photos(photos_dir: Path, archive_dir: Path | None, topics_from_folders: bool, group: bool, force: bool,
                  dry_run: bool, quiet: bool) -> None:
    """Make an item of each photo in DIR from its embedded metadata (EXIF, IPTC, XMP)."""
    root = (archive_dir or Path.cwd()).resolve()
    _run(lambda: _import_photos(photos_dir, root, topics_from_folders, force, dry_run, quiet, group))


def _import_photos(photos_dir: Path, root: Path, topics_from_folders: bool, force: bool, dry_run: bool,
                   quiet: bool, group: bool = True) -> int:
    from albumen.importers.photos import read_photo_folder

    reporter = CliReporter(quiet)
    found = read_photo_folder(photos_dir, root, topics_from_folders=topics_from_folders, reporter=reporter,
                              label=str(photos_dir), group=group)
    return _write(root, found.draft, found.report, found.report.has_errors, reporter, force=force, dry_run=dry_run,
                  origin=f"`albumen import photos {photos_dir}`")


# -- what every import does at the end -------------------------------------------------------------------------

def _write(root: Path, draft: Draft, report: _Report, has_errors: bool, reporter: CliReporter, *, force: bool,
           dry_run: bool, origin: str) -> int:
    """Write the draft (or, in a dry run, list what would be written), print the problems and the summary, keep
    the report as import-report.md; the exit status: 1 when something was refused or could not be imported."""
    from albumen.importers.report import REPORT_FILE, CollectsLooks, look_for_near_duplicates
    from albumen.importers.skeleton_files import set_aside_skeleton
    from albumen.importers.writer import write_draft, write_text_atomic

    if isinstance(report, CollectsLooks):  # every importer's report: photos that look nearly the same
        look_for_near_duplicates(report, root, draft, keep_fingerprints=not dry_run)
    aside = set_aside_skeleton(root) if not dry_run else None  # an archive just made by `albumen new`
    report.write = write = write_draft(root, draft, force=force, dry_run=dry_run, origin=origin)
    if aside is not None and (write.conflicts or not write.written):
        aside.put_back(root)
    if write.written:
        write_text_atomic(root, REPORT_FILE, report.markdown())
    _print_problems(report.problems(), reporter)
    if not reporter.quiet:
        if dry_run:
            for planned in write.plan:
                if planned.action != "unchanged":
                    click.echo(f"would {'write' if planned.action != 'keep' else 'keep'} ({planned.action}): "
                               f"{planned.path}")
        click.echo(report.summary(dry_run=dry_run))
        if write.written:
            click.echo(f"the full report: {root / REPORT_FILE}\n"
                       f"next: albumen check -C {root}   (notes the dates and places the captions give)\n"
                       f"      albumen enrich --accept -C {root}   (writes them into the empty fields)\n"
                       f"      albumen build -C {root}")
    if write.conflicts:
        click.echo(f"nothing was written: {len(write.conflicts)} file(s) changed by a person would be "
                   "replaced; run again with --force to replace them (backups go to .albumen/backups/)", err=True)
        return 1
    return 1 if has_errors else 0


def _check_encoding(encoding: str | None) -> None:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding '{encoding}' (try cp1252, shift_jis, gb18030, utf-8)",
                                     param_hint="--encoding") from None


def _print_problems(problems: list[Problem], reporter: CliReporter) -> None:
    for problem in sorted(problems, key=lambda p: (p.level != "error", p.path, p.line or 0)):
        reporter.problem(problem)


@friendly_errors(interrupted="interrupted; files already written stay written (each one whole)")
def _run(action: Callable[[], int]) -> None:
    """Run the import; exit with its status."""
    sys.exit(action())
