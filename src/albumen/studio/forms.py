"""The studio's forms: which fields each file has, how a form's values become changes to that file.

A form only ever changes the fields whose values differ from the file's: a list written as a block, a title
in single quotes or a comment beside a field all stay as they were unless that field is edited.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import tomlkit
import yaml

from albumen.config import load_config
from albumen.frontmatter import FrontMatterError, read_document
from albumen.i18n import LazyText
from albumen.i18n import lazy_gettext as _
from albumen.problems import Problem, Problems
from albumen.records import Archive, Item, Page, Topic
from albumen.stages.check import check_archive
from albumen.stages.load import load_archive, places_from_text, record_from_text
from albumen.studio.yaml_edit import checked_edit, yaml_value

Message = LazyText | str  # what a form shows next to a field
Kind = Literal["text", "textarea", "list", "date", "number", "url", "markdown", "links"]


@dataclass(frozen=True)
class Field:
    name: str  # the key in the file ("body" for the Markdown under the front matter)
    label: LazyText  # shown in the archive's language
    kind: Kind = "text"
    hint: LazyText | str = ""


ITEM_FIELDS = (
    Field("title", _("Title"), hint=_("Leave empty to use the caption's first sentence.")),
    Field("body", _("Caption"), "markdown", _("Markdown. Link another photo with [words](item:ID), a topic with "
                                              "[words](topic:ID), a place with [words](place:ID).")),
    Field("date", _("Date"), "date", _("EDTF: 1944-10-05, 1944-10, 1944, 1944-23 (autumn), 1944~ (about), 1944? "
                                       "(perhaps), 1944-10/1945-02 (from ... to). Or type words: fall 1944.")),
    Field("places", _("Places"), "list", _("Place ids or names from places.yaml, separated by commas.")),
    Field("subjects", _("Subjects"), "list", _("Words separated by commas: refugees, railways.")),
    Field("topics", _("Topics"), "list", _("Topic ids separated by commas.")),
    Field("creator", _("Creator"), hint=_("Who took the photograph.")),
    Field("rights", _("Rights")),
    Field("alt", _("Alt text"), "textarea", _("What the photo shows, for people who can't see it.")),
)
TOPIC_FIELDS = (
    Field("title", _("Title")),
    Field("date", _("Date"), "date", _("EDTF, or words: 1944, fall 1944.")),
    Field("body", _("Narrative"), "markdown", _("Markdown, shown above the gallery.")),
    Field("links", _("Links"), "links", _("One link per line: Title | https://...")),
)
SITE_FIELDS = (
    Field("title", _("Site title")),
    Field("description", _("Description"), "textarea"),
    Field("notice", _("Notice"), hint=_("A line shown on every page (a banner).")),
    Field("base_url", _("Base URL"), "url", _("The site's address once it is online: https://example.org/photos/")),
    Field("language", _("Language"), hint=_("A language tag: en, de, fr, zh-Hans, he.")),
    Field("rights", _("Rights"), "textarea"),
)
PLACE_FIELDS = (
    Field("name", _("Name")),
    Field("other_names", _("Other names"), "list", _("Other spellings and languages, separated by commas.")),
    Field("parent", _("Inside"), hint=_("The id of the place this one is in (a province, a country).")),
    Field("lat", _("Latitude"), "number",
          _("Pick the place on the map, or type the degrees north (negative: south).")),
    Field("lon", _("Longitude"), "number", _("Degrees east (negative: west).")),
)


@dataclass
class FormResult:
    """What a save produced: the new text (when valid) or the problems, by field."""

    text: str | None = None
    problems: dict[str, list[Message]] = field(default_factory=dict)  # field name ("" for the whole form) -> messages

    def add(self, name: str, message: Message) -> None:
        self.problems.setdefault(name, []).append(message)


# -- reading a file into a form ------------------------------------------------------------------------------

def markdown_values(text: str, fields: tuple[Field, ...]) -> dict[str, str]:
    """A Markdown file's fields as the strings its form shows."""
    document = read_document(text.lstrip("\ufeff").replace("\r\n", "\n"), require_front_matter=False)
    values = {}
    for f in fields:
        if f.name == "body":
            values["body"] = document.body
        elif f.kind == "links":
            values[f.name] = _links_text(document.meta.get(f.name))
        else:
            values[f.name] = shown(document.written.get(f.name, document.meta.get(f.name)))
    return values


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    return str(value)


def _links_text(value: Any) -> str:
    lines = []
    for entry in value if isinstance(value, list) else ([value] if value else []):
        if isinstance(entry, dict):
            title, url = str(entry.get("title") or ""), str(entry.get("url") or "")
            lines.append(f"{title} | {url}" if title and title != url else url)
        else:
            lines.append(str(entry))
    return "\n".join(lines)


# -- a form's values -> changes ------------------------------------------------------------------------------

def parsed(value: str, f: Field) -> Any:
    """A form field's text as the value to write: a list for list fields, a number for numbers."""
    text = value.replace("\r\n", "\n")
    if f.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if f.kind == "links":
        links = []
        for line in text.split("\n"):
            if not line.strip():
                continue
            title, bar, url = line.rpartition("|")
            links.append({"title": title.strip(), "url": url.strip()} if bar else {"url": url.strip()})
        return links
    if f.kind == "number":
        text = text.strip()
        try:
            return float(text) if text else None
        except ValueError:
            return text  # the validation says what is wrong, next to the field
    if f.kind in ("markdown", "textarea"):
        return text.strip()
    return " ".join(text.split())  # one line: no stray newlines from a paste


def changes_from(form: Mapping[str, str], before: Mapping[str, str], fields: tuple[Field, ...]) -> dict[str, Any]:
    """The fields whose submitted value differs from what the form showed (`before`)."""
    changes = {}
    for f in fields:
        if f.name not in form:
            continue
        new, old = parsed(form[f.name], f), parsed(before.get(f.name, ""), f)
        if new != old:
            changes[f.name] = new
    return changes


def edited_markdown(text: str, changes: dict[str, Any]) -> str:
    body = changes.pop("body", None)
    return checked_edit(text, changes, body=body if body is not None else None)


# -- checks before writing -----------------------------------------------------------------------------------

def check_record_text(root: Path, rel: str, text: str) -> list[Problem]:
    """The problems `albumen check` would report for this file if it held `text`."""
    problems = Problems()
    record = record_from_text(rel, text, problems)
    if record is None:
        return [p for p in problems.sorted() if p.level != "note"]
    archive = _with_record(load_archive(root, Problems()), record)
    check_archive(root, archive, problems)
    return [p for p in problems.sorted() if p.path == rel and p.level != "note"]


def _with_record(archive: Archive, record: Item | Topic | Page) -> Archive:
    def swapped(records: tuple[Any, ...]) -> tuple[Any, ...]:
        others = tuple(r for r in records if r.id != record.id)
        return (*others, record)
    if isinstance(record, Item):
        return replace(archive, items=swapped(archive.items))
    if isinstance(record, Topic):
        return replace(archive, topics=swapped(archive.topics))
    return replace(archive, pages=swapped(archive.pages))


def check_places_text(root: Path, text: str) -> list[Problem]:
    problems = Problems()
    places = places_from_text(text, problems)
    archive = replace(load_archive(root, Problems()), places=tuple(places))
    check_archive(root, archive, problems)
    return [p for p in problems.sorted() if p.path == "places.yaml" and p.level != "note"]


def check_config_text(text: str) -> list[Problem]:
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="albumen-studio-") as folder:
        (Path(folder) / "albumen.toml").write_text(text, encoding="utf-8")
        load_config(Path(folder), problems)
    return [p for p in problems.sorted() if p.level != "note"]


def problems_by_field(problems: list[Problem], text: str, fields: tuple[Field, ...]) -> dict[str, list[Message]]:
    """Each problem next to the field on whose line it was found; the rest for the whole form."""
    try:
        document = read_document(text.lstrip("\ufeff").replace("\r\n", "\n"), require_front_matter=False)
        line_of = {line: key for key, line in document.lines.items()}
        body_line = document.body_line
    except FrontMatterError:
        line_of, body_line = {}, 0
    names = {f.name for f in fields}
    result: dict[str, list[Message]] = {}
    for problem in problems:
        name = line_of.get(problem.line or -1, "")
        if problem.line is not None and body_line and problem.line >= body_line:
            name = "body"
        name = name if name in names else ""
        result.setdefault(name, []).append(level_message(problem.level, problem.message))
    return result


def level_message(level: str, message: str) -> Message:
    """'error: ...' as the form shows it (the message itself is `albumen check`'s, in English)."""
    if level == "error":
        return _("error: %(message)s", message=message)
    if level == "warning":
        return _("warning: %(message)s", message=message)
    return f"{level}: {message}"


# -- albumen.toml and places.yaml ----------------------------------------------------------------------------

def site_values(text: str) -> dict[str, str]:
    data = tomlkit.parse(text)
    return {f.name: shown(data.get(f.name, "")) for f in SITE_FIELDS}


def edited_config(text: str, changes: Mapping[str, Any]) -> str:
    """albumen.toml with `changes` set (tomlkit keeps every comment and the layout of the rest)."""
    document = tomlkit.parse(text)
    for key, value in changes.items():
        if value in ("", None):
            document.pop(key, None)
        else:
            document[key] = value
    return tomlkit.dumps(document)


def place_values(text: str, place_id: str) -> dict[str, str] | None:
    data = yaml.safe_load(text) or []
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict) and str(entry.get("id")) == place_id:
            return {f.name: shown(entry.get(f.name)) for f in PLACE_FIELDS}
    return None


def new_place_text(text: str, place_id: str, values: Mapping[str, Any]) -> str:
    """places.yaml with a new entry at its end, in the block style the importers write."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [f"- id: {yaml_value(place_id)}"]
    lines += [f"  {key}: {yaml_value(value)}" for key, value in values.items() if value not in (None, "", [])]
    separator = "" if not text.strip() else (newline if text.endswith(newline * 2) else newline * 2
                                               if text.endswith(newline) else newline * 3)
    return text + separator + newline.join(lines) + newline

