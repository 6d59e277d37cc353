"""load: the archive's files -> typed records. Every problem carries its place (`items/x.md:3: ...`)."""

from __future__ import annotations

import datetime
import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

from albumen.dates import InvalidDate, parse_date
from albumen.frontmatter import Document, FrontMatterError, decode_text, key_lines, parse_yaml, read_document
from albumen.problems import Problems
from albumen.records import Archive, Date, Item, Link, Page, Place, Topic

ITEM_FIELDS = ("title", "image", "date", "places", "subjects", "topics", "creator", "rights", "alt", "source",
               "redirect_from", "added")
TOPIC_FIELDS = ("title", "date", "links", "items", "redirect_from")
PAGE_FIELDS = ("title", "redirect_from")
PLACE_FIELDS = ("id", "name", "other_names", "lat", "lon", "parent")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Ids become URLs and file names: letters and digits of any script, '-', '_' and '.'.
ID_PATTERN = re.compile(r"^[^\W_][\w.-]*$")
# A place id and each part of an old path become one file or folder name in the site; file systems allow 255
# bytes for one name, and past that the build failed with an internal error (found by tests/test_properties.py).
MAX_NAME_BYTES = 255
# Links a reader may follow: the web, mail, or a path in the site; never javascript: or data:.
SAFE_URL = re.compile(r"^(https?://|mailto:|[^:]*$)", re.IGNORECASE)

T = TypeVar("T")


def load_archive(root: Path, problems: Problems) -> Archive:
    """Read items/, topics/, pages/ and places.yaml; what cannot be read is reported and left out."""
    return Archive(
        items=tuple(_load_folder(root, "items", problems, _item_from)),
        topics=tuple(_load_folder(root, "topics", problems, _topic_from)),
        places=tuple(load_places(root, problems)),
        pages=tuple(_load_folder(root, "pages", problems, _page_from)),
    )


def _load_folder(
    root: Path, folder: str, problems: Problems,
    make: Callable[[str, str, Document, Problems], T | None],
) -> list[T]:
    records: list[T] = []
    seen: dict[str, str] = {}  # casefolded id -> file, so Bridge.md and bridge.md clash on any disk
    for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # editors' and file managers' hidden files (._photo.md from a Mac, .draft.md)
        if path.suffix != ".md":
            # Photo.MD or photo.markdown (Windows, other tools) were left out without a word: say so.
            # Found by tests/test_bad_names.py.
            if path.suffix.casefold() in (".md", ".markdown") and path.is_file():
                problems.warning(rel, None, f"not read: albumen reads the files in {folder}/ whose names end in "
                                 f"'.md' (lower case); rename it to {path.stem}.md")
            continue
        if not path.resolve().is_relative_to(root.resolve()):
            problems.error(rel, None, "this file is a link to a file outside the archive; albumen publishes what "
                           "it reads, so copy the file in instead")
            continue
        record_id = unicodedata.normalize("NFC", path.stem)
        if not ID_PATTERN.match(record_id):
            problems.error(rel, None, f"'{path.name}' can't be used as an id in web addresses: rename the "
                           f"file using letters, digits, '-' and '_' only (e.g. {_suggest_id(record_id)}.md)")
            continue
        if record_id.casefold() in seen:
            problems.error(rel, None, f"duplicate id '{record_id}': {seen[record_id.casefold()]} has the "
                           "same name; ids are file names and must be unique (ignoring case)")
            continue
        seen[record_id.casefold()] = rel
        document = _read(path, rel, problems, require_front_matter=folder != "pages")
        if document is not None:
            record = make(record_id, rel, document, problems)
            if record is not None:
                records.append(record)
    return records


def _read(path: Path, rel: str, problems: Problems, *, require_front_matter: bool) -> Document | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(rel, None, f"can't read this file: {exc.strerror}")
        return None
    if not raw.strip():
        problems.error(rel, None, "the file is empty; write the fields between '---' lines, then the text")
        return None
    try:
        return read_document(decode_text(raw), require_front_matter=require_front_matter)
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
        return None


class _Fields:
    """Typed access to one file's front matter; each wrong value becomes a located problem."""

    def __init__(self, rel: str, document: Document, known: tuple[str, ...], problems: Problems) -> None:
        self.rel, self.meta, self.lines, self.problems = rel, document.meta, document.lines, problems
        self.written = document.written
        for key in self.meta:
            if str(key) not in known:
                guess = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"known fields: {', '.join(known)}"
                problems.warning(rel, self.lines.get(str(key)), f"unknown field '{key}' is ignored; {hint}")

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.meta.get(key)
        if value is None:
            if required:
                self.problems.error(self.rel, None, f"missing required field '{key}'; add a line '{key}: ...' "
                                    "to the front matter")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.error(self.rel, self.line(key), f"'{key}' must be text, not {_kind(value)}")
            return ""
        written = self.written.get(key)
        return (written if isinstance(written, str) and not isinstance(value, str) else str(value)).strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        written = self.written.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return ((written if isinstance(written, str) else str(value)).strip(),)
        if isinstance(value, list) and all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
        ):
            texts = written if isinstance(written, list) and len(written) == len(value) else [str(v) for v in value]
            return tuple(t.strip() for t in texts if t.strip())
        self.problems.error(self.rel, self.line(key), f"'{key}' must be a list like [a, b], not {_kind(value)}")
        return ()

    def ids(self, key: str) -> tuple[str, ...]:
        """Ids of other records, in NFC as the ids made from file names are: a list typed on a Mac (NFD) still
        names them. Found by tests/test_bad_names.py."""
        return tuple(unicodedata.normalize("NFC", text) for text in self.texts(key))

    def json(self, key: str) -> Any:
        """Any plain YAML value (text, numbers, lists, fields), kept as written."""
        value = self.meta.get(key)
        try:
            # Through JSON and back, as the catalog and `albumen export json` will write it: field names become
            # text (YAML allows `5: x`, and names of mixed kinds crashed the catalog's sorted JSON), and .nan and
            # .inf, which JSON has no words for, are refused. Found by tests/test_properties.py.
            return json.loads(json.dumps(value, allow_nan=False))
        except (TypeError, ValueError, RecursionError):
            self.problems.error(self.rel, self.line(key), f"'{key}' must be plain text, numbers, lists or fields "
                                "(and no .nan or .inf)")
            return None

    def paths(self, key: str) -> tuple[str, ...]:
        """Site paths such as old-site/page.html: relative, inside the site, forward slashes."""
        good = []
        for text in self.texts(key):
            path = text.replace("\\", "/").lstrip("/")
            parts = PurePosixPath(path).parts
            if not path or ".." in parts or (parts and ":" in parts[0]) or any(p.startswith(".") for p in parts):
                self.problems.error(self.rel, self.line(key), f"'{text}' in {key} must be a path inside the site, "
                                    "like old/page.html, with no '..'")
                continue
            if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
                self.problems.error(self.rel, self.line(key), f"'{_shortened(text, 80)}' in {key} has a name too "
                                    f"long for a file (more than {MAX_NAME_BYTES} bytes between two '/'): shorten it")
                continue
            good.append(path)
        return tuple(good)

    def day(self, key: str) -> str:
        """A calendar day written YYYY-MM-DD (a record-keeping date, not a photo's uncertain EDTF date)."""
        text = self.text(key)
        if text and not _is_day(text):
            self.problems.error(self.rel, self.line(key), f"'{key}' must be a day written YYYY-MM-DD, like "
                                f"2024-03-01, not '{text}'")
            return ""
        return text

    def date(self, key: str = "date") -> Date | None:
        text = self.text(key)
        if not text:
            return None
        try:
            return parse_date(text)
        except InvalidDate as exc:
            self.problems.error(self.rel, self.line(key), str(exc))
            return None


def _is_day(text: str) -> bool:
    try:
        return bool(DAY.match(text)) and bool(datetime.date.fromisoformat(text))
    except ValueError:  # 2024-02-30
        return False


def _item_from(item_id: str, rel: str, document: Document, problems: Problems) -> Item | None:
    fields = _Fields(rel, document, ITEM_FIELDS, problems)
    image = fields.text("image", required=True).replace("\\", "/")  # Windows paths welcome
    caption = document.body
    title = fields.text("title") or _title_from_caption(caption) or item_id
    return Item(
        id=item_id, file=rel, image=image, title=title, caption=caption, date=fields.date(),
        places=fields.ids("places"), subjects=fields.texts("subjects"), topics=fields.ids("topics"),
        creator=fields.text("creator"), rights=fields.text("rights"), alt=fields.text("alt"),
        source=fields.json("source"), redirect_from=fields.paths("redirect_from"), added=fields.day("added"),
        lines={**document.lines, "body": document.body_line},
    )


def _topic_from(topic_id: str, rel: str, document: Document, problems: Problems) -> Topic | None:
    fields = _Fields(rel, document, TOPIC_FIELDS, problems)
    title = fields.text("title", required=True) or topic_id
    items = fields.ids("items") if "items" in document.meta else None
    return Topic(
        id=topic_id, file=rel, title=title, narrative=document.body, date=fields.date(),
        links=_links(fields), items=items, redirect_from=fields.paths("redirect_from"),
        lines={**document.lines, "body": document.body_line},
    )


def _links(fields: _Fields) -> tuple[Link, ...]:
    value = fields.meta.get("links")
    if value is None:
        return ()
    links = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, str):
            title, url = entry, entry
        elif isinstance(entry, dict) and isinstance(entry.get("url"), str):
            title, url = str(entry.get("title") or entry["url"]), entry["url"]
        else:
            fields.problems.error(fields.rel, fields.line("links"),
                                  "each link needs a url: write '- {title: Wikipedia, url: https://...}'")
            continue
        if not SAFE_URL.match(url.strip()):
            fields.problems.error(fields.rel, fields.line("links"), f"link '{url}' must be a web address "
                                  "(https://...), a mailto: address or a relative path")
            continue
        links.append(Link(title=title.strip(), url=url.strip()))
    return tuple(links)


def _page_from(page_id: str, rel: str, document: Document, problems: Problems) -> Page | None:
    fields = _Fields(rel, document, PAGE_FIELDS, problems)
    title = fields.text("title") or _first_heading(document.body) or page_id.replace("-", " ").title()
    return Page(id=page_id, file=rel, title=title, body=document.body, redirect_from=fields.paths("redirect_from"),
                lines={**document.lines, "body": document.body_line})


def load_places(root: Path, problems: Problems) -> list[Place]:
    rel = "places.yaml"
    path = root / rel
    if not path.is_file():
        return []
    if not path.resolve().is_relative_to(root.resolve()):
        problems.error(rel, None, "places.yaml is a link to a file outside the archive; copy the file in instead")
        return []
    try:
        data, node = parse_yaml(decode_text(path.read_bytes()))
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
        return []
    except OSError as exc:
        problems.error(rel, None, f"can't read this file: {exc.strerror}")
        return []
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        problems.error(rel, 1, "places.yaml must be a list of places: '- id: liuzhou' then 'name:', 'lat:', "
                       "'lon:' and 'parent:' lines")
        return []
    places: list[Place] = []
    seen: dict[str, int] = {}
    for entry, entry_node in zip(data, node.value, strict=True):
        line = entry_node.start_mark.line + 1
        place = _place_from(entry, key_lines(entry_node), line, problems)
        if place is None:
            continue
        if place.id.casefold() in seen:  # ids are matched ignoring case, so they must differ by more
            problems.error(rel, line, f"duplicate place id '{place.id}' (first on line {seen[place.id.casefold()]})")
            continue
        seen[place.id.casefold()] = line
        places.append(place)
    return places


def _place_from(entry: Any, lines: dict[str, int], line: int, problems: Problems) -> Place | None:
    rel = "places.yaml"
    if not isinstance(entry, dict):
        problems.error(rel, line, "each place must be fields like 'id: liuzhou', 'name: Liuzhou'")
        return None
    for key in entry:
        if key not in PLACE_FIELDS:
            guess = difflib.get_close_matches(str(key), PLACE_FIELDS, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            problems.warning(rel, lines.get(str(key), line), f"unknown field '{key}' is ignored{hint}")
    place_id = unicodedata.normalize("NFC", str(entry.get("id") or "").strip())  # NFC, as every id
    if not place_id or not ID_PATTERN.match(place_id):
        problems.error(rel, line, "each place needs an 'id:' of letters, digits, '-' and '_' (e.g. liuzhou)")
        return None
    if len(place_id.encode("utf-8")) > MAX_NAME_BYTES:
        problems.error(rel, line, f"place id '{_shortened(place_id, 40)}' is too long: it becomes a folder name in "
                       f"the site, at most {MAX_NAME_BYTES} bytes; use a short id and put the full name in 'name:'")
        return None
    name = str(entry.get("name") or place_id)
    other = entry.get("other_names") or []
    other_names = tuple(str(n) for n in (other if isinstance(other, list) else [other]))
    coords: dict[str, float | None] = {}
    for key, limit in (("lat", 90), ("lon", 180)):
        value = entry.get(key)
        if value is None:
            coords[key] = None
        elif isinstance(value, int | float) and not isinstance(value, bool) and -limit <= value <= limit:
            coords[key] = float(value)
        else:
            problems.error(rel, lines.get(key, line), f"'{key}' must be a number from -{limit} to {limit} "
                           "(decimal degrees, e.g. 24.33)")
            coords[key] = None
    parent = entry.get("parent")
    return Place(id=place_id, name=name, other_names=other_names, lat=coords["lat"], lon=coords["lon"],
                 parent=unicodedata.normalize("NFC", str(parent)) if parent is not None else None, line=line)


def _title_from_caption(caption: str) -> str:
    """A caption's first sentence, as plain text, for items a person gave no title."""
    first_paragraph = caption.strip().split("\n\n")[0][:2000]  # bounded: the regex below is not linear
    text = re.sub(r"\[([^\]\n]*)\]\([^)\n]*\)", r"\1", first_paragraph)
    text = re.sub(r"[*_`#>]", "", text).replace("\n", " ").strip()
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence if len(sentence) <= 90 else sentence[:87].rsplit(" ", 1)[0] + "…"


def _first_heading(body: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _suggest_id(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name).strip("-_.").lower() or "photo"


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _kind(value: object) -> str:
    return {dict: "a group of fields", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)
