"""`albumen enrich [-C DIR] [--accept [ITEM[:FIELD]]]... [--reject ITEM[:FIELD]]... [-q]`: show the dates and
places read from captions; accept or reject them, all at once or item by item and field by field.

`--accept` alone writes every suggestion except the guesses (a place only its size chose: Portland alone); `--accept
ITEM`, `--accept ITEM:date`, `--accept ITEM:places` (or `ITEM:places=ID`, one place) writes those, guesses too: the
person chose them. `--reject` takes the same selections and remembers them in the archive's enrich-rejected.yaml
(see rejections.py), so that they are never offered again.

Accepting edits the files a person owns, so it is careful: only empty fields are filled; each changed file is
backed up under .albumen/backups/<time>/ first and replaced atomically (temp file + os.replace); the front matter
is edited line by line (a key added, or an empty one filled), never re-serialised, and the caption is not touched;
every edited file is read back and must give the same fields plus the new ones, or it is left as it was.
Countries and regions are written to places.yaml without lat/lon: they are areas, not a point at their middle.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from albumen.archive_reader import load_archive
from albumen.atomic import atomic_write_text
from albumen.cli_support import archive_option, archive_root, friendly_errors, plural, report
from albumen.config import load_config
from albumen.enrich.places import NewPlace
from albumen.enrich.rejections import REJECTED_FILE, load_rejections, save_rejections
from albumen.enrich.suggest import Suggestion, suggest
from albumen.frontmatter import FrontMatterError, parse_yaml, read_document
from albumen.problems import AlbumenError, Problems
from albumen.reporter import CliReporter

# Where a front-matter line holds nothing: "date:", 'date: ""', "date: null", "places: []" (a comment may follow).
EMPTY_VALUE = re.compile(r"""^\s*(?:|""|''|~|null|Null|NULL|\[\s*\])\s*(?P<comment>#.*)?$""")
ALL = "*"  # what a bare --accept stands for
SELECTION = re.compile(r"^(?P<item>[^:]+?)(?::(?P<field>date|places)(?:=(?P<value>.+))?)?$")


class AcceptError(AlbumenError):
    """A file could not be changed safely; it is left as it was."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Selection:
    """ITEM, ITEM:FIELD or ITEM:places=ID, as given to --accept or --reject."""

    text: str
    item: str
    field: str | None
    value: str | None

    def matches(self, suggestion: Suggestion) -> bool:
        return (suggestion.item == self.item and self.field in (None, suggestion.field)
                and self.value in (None, suggestion.value))


@click.command("enrich")
@archive_option
@click.option("--accept", "accepted", multiple=True, is_flag=False, flag_value=ALL, default=(),
              metavar="[ITEM[:FIELD]]",
              help="Write suggestions into the empty fields of the item files: all but the guesses (alone), or "
                   "those of ITEM, ITEM:date, ITEM:places or ITEM:places=ID (guesses too). Repeatable.")
@click.option("--reject", "rejected", multiple=True, metavar="ITEM[:FIELD]",
              help=f"Never suggest these again (remembered in {REJECTED_FILE}): ITEM, ITEM:date, ITEM:places or "
                   "ITEM:places=ID. Repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems (and, without --accept, the suggestions).")
@friendly_errors
def enrich_command(archive_dir: Path | None, accepted: tuple[str, ...], rejected: tuple[str, ...],
                   quiet: bool) -> None:
    """Suggest dates and places read from the captions; accept or reject them, all or item by item."""
    accept = [_selection(text, "--accept") for text in accepted if text != ALL]
    reject = [_selection(text, "--reject") for text in rejected]
    _enrich(archive_dir, ALL in accepted, accept, reject, quiet)


def _selection(text: str, option: str) -> Selection:
    m = SELECTION.match(text.strip())
    if m is None:
        raise click.BadParameter(f"'{text}' is not ITEM, ITEM:date, ITEM:places or ITEM:places=ID "
                                 "(the ids and fields albumen enrich prints)", param_hint=option)
    return Selection(text, m.group("item"), m.group("field"), m.group("value"))


def _enrich(archive_dir: Path | None, accept_all: bool, accept: list[Selection], reject: list[Selection],
            quiet: bool) -> None:
    root = archive_root(archive_dir)
    reporter = CliReporter(quiet)
    problems = Problems()
    config = load_config(root, problems)
    archive = load_archive(root, problems)
    remembered = load_rejections(root, problems)
    suggestions = suggest(archive, rejected=remembered, language=config.language)
    _refuse_unknown_selections(suggestions, accept, reject)
    if not (accept_all or accept or reject):
        for suggestion in suggestions:
            click.echo(f"{suggestion.file}:{suggestion.line}: note: {suggestion.message}")
        status = report(problems, reporter)
        if not quiet:
            click.echo(f"{plural(len(suggestions), 'suggestion')} for "
                       f"{plural(len({s.item for s in suggestions}), 'item')}"
                       + ("; write them with albumen enrich --accept, or choose with --accept ITEM:FIELD and "
                          "--reject ITEM:FIELD" if suggestions else ""), err=True)
        sys.exit(status)
    if problems.errors:
        report(problems, reporter)
        click.echo("nothing was written: fix the errors above first, then run albumen enrich again", err=True)
        sys.exit(1)
    refused = [s for s in suggestions if any(sel.matches(s) for sel in reject)]
    if refused:
        try:
            count = save_rejections(root, refused, remembered)
        except OSError as exc:
            problems.error(REJECTED_FILE, None, f"can't remember the rejections: {exc}; nothing was written")
            sys.exit(report(problems, reporter))
        for suggestion in refused:
            if not quiet:
                click.echo(f"{suggestion.file}:{suggestion.line}: rejected: {suggestion.message}")
        if not quiet:
            click.echo(f"rejected {plural(count, 'suggestion')} (remembered in {REJECTED_FILE})", err=True)
    chosen = [s for s in suggestions if s not in refused and (
        any(sel.matches(s) for sel in accept) or (accept_all and s.confident))]
    if not (accept_all or accept):
        sys.exit(report(problems, reporter))
    for guess in (s for s in suggestions if accept_all and not s.confident and s not in chosen and s not in refused):
        click.echo(f"{guess.file}:{guess.line}: note: not written, a guess: {guess.message}", err=True)
    _accept(root, chosen, problems, reporter, quiet)


def _refuse_unknown_selections(suggestions: list[Suggestion], accept: list[Selection],
                               reject: list[Selection]) -> None:
    """A selection that matches no suggestion is a typing mistake (or one already written or rejected): say so."""
    for selection, option in [*((s, "--accept") for s in accept), *((s, "--reject") for s in reject)]:
        if not any(selection.matches(s) for s in suggestions):
            raise click.BadParameter(f"no suggestion for '{selection.text}' (run albumen enrich to see them: an "
                                     "item's id is its file name without .md)", param_hint=option)
    both = [a.text for a in accept for r in reject if any(a.matches(s) and r.matches(s) for s in suggestions)]
    if both:
        raise click.BadParameter(f"'{both[0]}' is both accepted and rejected", param_hint="--accept/--reject")


def _accept(root: Path, chosen: list[Suggestion], problems: Problems, reporter: CliReporter, quiet: bool) -> None:
    result = accept_suggestions(root, chosen)
    for suggestion in result.accepted:
        if not quiet:
            click.echo(f"{suggestion.file}:{suggestion.line}: accepted: {suggestion.message}")
    for failure in result.failed:
        problems.error(failure.path, None, str(failure))
    status = report(problems, reporter)
    if not quiet:
        where = f"; backups in {result.backup.relative_to(root)}" if result.backup else ""
        click.echo(f"accepted {plural(len(result.accepted), 'suggestion')} in {plural(result.files, 'file')}, "
                   f"added {plural(result.places_added, 'place')} to places.yaml{where}", err=True)
    sys.exit(status)


# -- accepting -------------------------------------------------------------------------------------------------

@dataclass
class AcceptResult:
    accepted: list[Suggestion]
    failed: list[AcceptError]
    files: int  # files changed
    places_added: int
    backup: Path | None  # the folder with the files as they were


def accept_suggestions(root: Path, suggestions: list[Suggestion]) -> AcceptResult:
    """Write suggestions into their item files (and new places into places.yaml); see the module's docstring."""
    result = AcceptResult([], [], 0, 0, None)
    backups = _Backups(root)
    new_places = _new_places(suggestions)
    place_failure = None
    if new_places:
        try:
            _write_places(root, new_places, backups)
            result.places_added, result.files = len(new_places), 1
        except (AcceptError, OSError) as exc:
            place_failure = _accept_error("places.yaml", exc)
            result.failed.append(place_failure)
    by_file: dict[str, list[Suggestion]] = defaultdict(list)
    for suggestion in suggestions:
        if place_failure is not None and suggestion.new_places:
            continue  # its place could not be added: the item would name an unknown place
        by_file[suggestion.file].append(suggestion)
    for rel, file_suggestions in by_file.items():
        try:
            _write_item(root, rel, file_suggestions, backups)
        except (AcceptError, OSError) as exc:
            result.failed.append(_accept_error(rel, exc))
            continue
        result.accepted += file_suggestions
        result.files += 1
    result.backup = backups.folder
    return result


def _accept_error(rel: str, exc: AcceptError | OSError) -> AcceptError:
    """A disk that refuses a write (full, read-only) is reported like any file that could not be changed."""
    if isinstance(exc, AcceptError):
        return exc
    return AcceptError(rel, f"can't write this file: {exc.strerror or exc}; it is left as it was")


def _new_places(suggestions: list[Suggestion]) -> list[tuple[NewPlace, list[str]]]:
    """Every place to add, once, parents before the places inside them; with the names captions call it."""
    seen: dict[str, tuple[NewPlace, list[str]]] = {}
    for suggestion in suggestions:
        for place in suggestion.new_places:
            seen.setdefault(place.id, (place, []))
        if suggestion.new_places:
            seen[suggestion.new_places[-1].id][1].append(suggestion.phrase)
    return list(seen.values())


def _write_item(root: Path, rel: str, suggestions: list[Suggestion], backups: _Backups) -> None:
    path = root / rel
    original = _read_text(path, rel)
    newline = "\r\n" if "\r\n" in original else "\n"
    lines = original.split("\n")
    closing = _closing_line(lines, rel)
    values: dict[str, Any] = {}
    date = next((s.value for s in suggestions if s.field == "date"), None)
    places = list(dict.fromkeys(s.value for s in suggestions if s.field == "places"))
    if date is not None:
        values["date"] = date
        closing = _set_key(lines, closing, "date", json.dumps(date), newline, rel)
    if places:
        values["places"] = places
        closing = _set_key(lines, closing, "places", "[" + ", ".join(_yaml_word(p) for p in places) + "]",
                           newline, rel)
    updated = "\n".join(lines)
    _check_same_but(original, updated, values, rel)
    backups.save(rel)
    atomic_write_text(path, updated)


def _read_text(path: Path, rel: str) -> str:
    try:
        # utf-8 (not utf-8-sig): a byte-order mark stays in the text, so it is written back as it was.
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AcceptError(rel, f"can't read this file to change it: {exc}") from exc


def _closing_line(lines: list[str], rel: str) -> int:
    """The index of the front matter's closing '---' line."""
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        raise AcceptError(rel, "no front matter ('---' first line) to add the fields to")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    raise AcceptError(rel, "the front matter has no closing '---' line")


def _set_key(lines: list[str], closing: int, key: str, value: str, newline: str, rel: str) -> int:
    """Fill an empty `key:` line, or add `key: value` as the front matter's last line. Returns the closing index."""
    cr = "\r" if newline == "\r\n" else ""
    for index in range(1, closing):
        m = re.match(rf"^{re.escape(key)}\s*:(?P<rest>.*?)\r?$", lines[index])
        if m is None:
            continue
        following = lines[index + 1] if index + 1 < closing else ""
        empty = EMPTY_VALUE.match(m.group("rest"))
        if empty is None or re.match(r"^[ \t]+\S|^-\s", following):
            raise AcceptError(rel, f"'{key}' already has a value; nothing was changed")
        comment = f" {empty.group('comment')}" if empty.group("comment") else ""  # "date:  # to do" keeps its note
        lines[index] = f"{key}: {value}{comment}{cr}"
        return closing
    lines.insert(closing, f"{key}: {value}{cr}")
    return closing + 1


def _yaml_word(text: str) -> str:
    """An id as YAML reads it back: plain when it stays text (liuzhou), quoted when not (yes, 1944, null)."""
    try:
        plain_ok = yaml.safe_load(f"[{text}]") == [text]
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _check_same_but(original: str, updated: str, values: dict[str, Any], rel: str) -> None:
    """The edited file must read back with the same fields and caption, plus exactly the new values."""
    try:
        before = read_document(_normalised(original), require_front_matter=True)
        after = read_document(_normalised(updated), require_front_matter=True)
    except FrontMatterError as exc:
        raise AcceptError(rel, f"the edited front matter would not read back ({exc.message}); "
                          "nothing was changed") from exc
    expected = {**{k: v for k, v in before.meta.items() if k not in values}, **values}
    if after.meta != expected or after.body != before.body:
        raise AcceptError(rel, "the edit would change more than the empty fields; nothing was changed")


def _normalised(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# -- places.yaml -----------------------------------------------------------------------------------------------

def _write_places(root: Path, places: list[tuple[NewPlace, list[str]]], backups: _Backups) -> None:
    rel = "places.yaml"
    path = root / rel
    original = _read_text(path, rel) if path.exists() else ""
    newline = "\r\n" if "\r\n" in original else "\n"
    entries = "\n\n".join(_place_entry(place, phrases) for place, phrases in places) + "\n"
    if not original.strip():
        separator = ""  # a new or blank places.yaml
    elif original.endswith(("\n\n", "\r\n\r\n")):
        separator = ""
    elif original.endswith("\n"):
        separator = "\n"  # a blank line between the last place and the new ones
    else:
        separator = "\n\n"
    updated = original + (separator + entries).replace("\n", newline)
    _check_places(original, updated, [place for place, _ in places], rel)
    if path.exists():
        backups.save(rel)
    atomic_write_text(path, updated)


def _place_entry(place: NewPlace, phrases: list[str]) -> str:
    record = place.place
    lines = [f"- id: {_yaml_word(place.id)}", f"  name: {json.dumps(record.name, ensure_ascii=False)}"]
    other = _useful_other_names(record.name, phrases, record.other_names, curated=record.kind != "city")
    if other:
        lines.append("  other_names: [" + ", ".join(json.dumps(n, ensure_ascii=False) for n in other) + "]")
    if record.lat is not None and record.lon is not None and not record.is_area:
        lines += [f"  lat: {record.lat}", f"  lon: {record.lon}"]
    if place.parent_id:
        lines.append(f"  parent: {_yaml_word(place.parent_id)}")
    return "\n".join(lines)


def _useful_other_names(name: str, phrases: list[str], names: tuple[str, ...], *, curated: bool) -> list[str]:
    """Other names worth keeping in places.yaml: those the captions use (Kweilin), and the gazetteer's own for
    regions and countries (a few, chosen: Kwangsi, 广西); for cities only the Chinese, Japanese or Korean ones, as
    GeoNames lists dozens of variants of a city, in alphabetical order."""
    cjk = [n for n in names if re.match(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", n)][:3]
    chosen = [*phrases, *(names if curated else cjk)]
    unique = dict.fromkeys(n for n in chosen if n.casefold() != name.casefold())
    return list(unique)


def _check_places(original: str, updated: str, places: list[NewPlace], rel: str) -> None:
    try:
        before = parse_yaml(_normalised(original))[0] if original.strip() else []
        after = parse_yaml(_normalised(updated))[0]
    except FrontMatterError as exc:
        raise AcceptError(rel, f"places.yaml would not read back after adding places ({exc.message}); fix it "
                          "first") from exc
    before = before or []
    if not isinstance(before, list) or not isinstance(after, list):
        raise AcceptError(rel, "places.yaml is not a list of places; nothing was added")
    added = [entry.get("id") for entry in after[len(before):] if isinstance(entry, dict)]
    if after[:len(before)] != before or added != [p.id for p in places]:
        raise AcceptError(rel, "adding the places would change places.yaml's other entries; nothing was added")


# -- files -----------------------------------------------------------------------------------------------------

class _Backups:
    """Copies of files as they were, under .albumen/backups/<time>/, made before a file is first changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder: Path | None = None

    def save(self, rel: str) -> None:
        if self.folder is None:
            self.folder = self._new_folder()
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(self.root / rel, target)

    def _new_folder(self) -> Path:
        base = self.root / ".albumen" / "backups"
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder, number = base / stamp, 1
        while folder.exists():
            number += 1
            folder = base / f"{stamp}-{number}"
        folder.mkdir(parents=True)
        return folder


