"""The archive reader: the archive's files -> typed records. Every problem carries its place (`items/x.md:3: ...`).

The load stage (stages/load.py) is this reader; importers, enrich and the studio read an archive with it too, without
loading any stage."""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

from albumen.caption_title import title_from_caption
from albumen.dates import InvalidDate, parse_date
from albumen.frontmatter import Document, FrontMatterError, decode_text, key_lines, parse_yaml, read_document
from albumen.ids import ID_PATTERN, id_problem
from albumen.problems import Problems
from albumen.reading import UnreadableFile, read_regular_file, undecodable_name, walk_file_names
from albumen.real_paths import RealPaths
from albumen.record_cache import RecordCache, stat_key
from albumen.records import Archive, Date, Item, ItemImage, Link, Page, Place, Topic

ITEM_FIELDS = ("title", "image", "images", "paged", "date", "places", "subjects", "topics", "creator", "rights",
               "alt", "source", "redirect_from", "added")
IMAGE_ENTRY_FIELDS = ("file", "label")
TOPIC_FIELDS = ("title", "date", "links", "items", "redirect_from")
PAGE_FIELDS = ("title", "redirect_from", "menu")
PLACE_FIELDS = ("id", "name", "other_names", "lat", "lon", "parent")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters that make a page invalid HTML5 or an XML feed unparseable, and that no one types on purpose:
# C0 controls but tab and newline (a word processor's form feed, NUL, ESC), DEL and the C1 controls.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A place id and each part of an old path become one file or folder name in the site; file systems allow 255
# bytes for one name, and past that the build failed with an internal error (found by tests/test_properties.py).
MAX_NAME_BYTES = 255
# Links a reader may follow: the web, mail, or a path in the site; never javascript: or data:.
SAFE_URL = re.compile(r"^(https?://|mailto:|[^:]*$)", re.IGNORECASE)

T = TypeVar("T")


def load_archive(root: Path, problems: Problems) -> Archive:
    """Read items/, topics/, pages/ and places.yaml; what cannot be read is reported and left out."""
    cache = RecordCache.open(root)
    archive = Archive(
        items=tuple(_load_folder(root, "items", problems, _item_from, cache)),
        topics=tuple(_load_folder(root, "topics", problems, _topic_from, cache)),
        places=tuple(load_places(root, problems)),
        pages=tuple(_load_folder(root, "pages", problems, _page_from, cache)),
    )
    cache.save()
    return archive


def _load_folder(
    root: Path, folder: str, problems: Problems,
    make: Callable[[str, str, Document, Problems], T | None], cache: RecordCache | None = None,
) -> list[T]:
    records: list[T] = []
    seen: dict[str, str] = {}  # casefolded id -> file, so Bridge.md and bridge.md clash on any disk
    real, inside = RealPaths(), _inside(os.path.realpath(root))
    # Paths as strings, not Paths: at 100,000 records pathlib's parsing was most of reading unchanged ones.
    top = str(root / folder)
    # Never following links to folders: a link to '.' inside items/ would lead round forever. In the order of
    # their parts (as Paths sort: without case on Windows), not of their text ("a-b/x.md" comes after "a/y.md").
    listed = sorted(walk_file_names(top), key=lambda found: os.path.normcase(found[0]).split(os.sep)) \
        if os.path.isdir(top) else []
    for path, problem in listed:
        rel = folder + path[len(top):].replace(os.sep, "/")
        if rel.startswith(".") or "/." in rel:
            continue  # editors' and file managers' hidden files (._photo.md from a Mac, .draft.md)
        if problem is not None:
            problems.error(_printable_name(rel), None, f"this folder can't be read: {problem}")
            continue
        name = _FileName(rel.rpartition("/")[2])
        if undecodable_name(rel):
            # Found by tests/test_trust_hostile.py: Latin-1 names from an old disk or zip file.
            if name.suffix.casefold() in (".md", ".markdown"):
                problems.error(_printable_name(rel), None, "this file's name is not UTF-8 text (perhaps Latin-1 "
                               "from an old disk or zip file), so it can't be an id in web addresses: rename "
                               f"it (e.g. {_suggest_id(_printable_name(name.stem))}.md)")
            continue
        if name.suffix != ".md":
            # Photo.MD or photo.markdown (Windows, other tools) were left out without a word: say so.
            # Found by tests/test_bad_names.py.
            if name.suffix.casefold() in (".md", ".markdown") and os.path.isfile(path):
                problems.warning(rel, None, f"not read: albumen reads the files in {folder}/ whose names end in "
                                 f"'.md' (lower case); rename it to {name.stem}.md")
            continue
        # realpath, not resolve(): on Python 3.11 resolve() raises RuntimeError for a link that loops.
        if not inside(real.of_name(path)):
            problems.error(rel, None, "this file is a link to a file outside the archive; albumen publishes what "
                           "it reads, so copy the file in instead")
            continue
        record_id = unicodedata.normalize("NFC", name.stem)
        why = id_problem(record_id)
        if why:
            problems.error(rel, None, f"'{name.name}' can't be used as an id in web addresses: {why}; "
                           f"rename the file (e.g. {_suggest_id(record_id)}.md)")
            continue
        if record_id.casefold() in seen:
            problems.error(rel, None, f"duplicate id '{record_id}': {seen[record_id.casefold()]} has the "
                           "same name; ids are file names and must be unique (ignoring case)")
            continue
        seen[record_id.casefold()] = rel
        record = _cached_read(path, rel, record_id, folder, make, problems, cache)
        if record is not None:
            records.append(record)
    return records


def _cached_read(path: str, rel: str, record_id: str, folder: str,
                 make: Callable[[str, str, Document, Problems], T | None], problems: Problems,
                 cache: RecordCache | None) -> T | None:
    """The file's record (and what reading it reported), from the cache when the file is unchanged."""
    try:
        key = stat_key(os.stat(path))
    except OSError:
        key = None
    cached = cache.get(rel, key) if cache is not None and key is not None else None
    if cached is not None:
        record, found = cached
        problems.extend(found)
        return record  # type: ignore[no-any-return]
    own = Problems()
    document = _read(Path(path), rel, own, require_front_matter=folder != "pages")
    record = make(record_id, rel, document, own) if document is not None else None
    problems.extend(own.items)
    if cache is not None and key is not None:
        cache.put(rel, key, record, list(own.items))
    return record


class _FileName:
    """A file name's stem and suffix by pathlib's rule ("a.b.md": "a.b" and ".md"; ".md" and "a." have none), without
    a PurePath made for each of 100,000 names."""

    def __init__(self, name: str) -> None:
        self.name = name
        dot = name.rfind(".")
        has_suffix = 0 < dot < len(name) - 1
        self.suffix = name[dot:] if has_suffix else ""
        self.stem = name[:dot] if has_suffix else name


def _inside(real_root: str) -> Callable[[str], bool]:
    """Whether a real path is the folder real_root or inside it (PurePath.is_relative_to, on strings)."""
    prefix = real_root.rstrip(os.sep) + os.sep
    return lambda real: real == real_root or real.startswith(prefix)


def record_from_text(rel: str, text: str, problems: Problems) -> Item | Topic | Page | None:
    """One file's text -> its record, as load_archive would read it (the studio checks an edit before writing)."""
    folder, _, name = rel.partition("/")
    make = {"items": _item_from, "topics": _topic_from, "pages": _page_from}[folder]
    try:
        document = read_document(without_controls(text.lstrip("\ufeff").replace("\r\n", "\n"), rel, problems),
                                 require_front_matter=folder != "pages")
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
        return None
    record: Item | Topic | Page | None = make(unicodedata.normalize("NFC", PurePosixPath(name).stem), rel,
                                               document, problems)
    return record


def _read(path: Path, rel: str, problems: Problems, *, require_front_matter: bool) -> Document | None:
    try:
        raw = read_regular_file(path)  # never a FIFO: reading one would wait forever
    except UnreadableFile as exc:
        problems.error(rel, None, str(exc))
        return None
    if not raw.strip():
        problems.error(rel, None, "the file is empty; write the fields between '---' lines, then the text")
        return None
    try:
        return read_document(without_controls(decode_text(raw), rel, problems),
                             require_front_matter=require_front_matter)
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
        return None


def without_controls(text: str, rel: str, problems: Problems, first_line: int = 1) -> str:
    """The text without control characters (see CONTROLS), with a located warning for each line that had some.

    A caption pasted from a word processor (a form feed) made feed.xml unparseable, and NUL, ESC, DEL or C1
    characters in a title made pages invalid HTML5. Found by tests/test_trust_hostile.py."""
    if not CONTROLS.search(text):
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        found = sorted(set(CONTROLS.findall(line)))
        if found:
            names = ", ".join(_control_name(char) for char in found)
            problems.warning(rel, first_line + number, f"control character{'s' if len(found) > 1 else ''} "
                             f"{names} removed (pasted from a word processor or another program?); save the "
                             f"file without {'them' if len(found) > 1 else 'it'} to silence this warning")
            lines[number] = CONTROLS.sub("", line)
    return "\n".join(lines)


def _control_name(char: str) -> str:
    names = {"\x00": "NUL", "\x0c": "form feed", "\x1b": "ESC", "\x7f": "DEL", "\x0b": "vertical tab",
             "\x08": "backspace", "\x85": "NEL"}
    return names.get(char, f"U+{ord(char):04X}")


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
        text = (written if isinstance(written, str) and not isinstance(value, str) else str(value)).strip()
        if required and not text:
            self.problems.error(self.rel, self.line(key), f"'{key}' is empty; write what it is after '{key}:'")
        return self._plain(key, text)

    def plain(self, key: str, text: str) -> str:
        return self._plain(key, text)

    def flag(self, key: str) -> bool:
        """true/false (yes/no): a switch; anything else is reported and taken as false."""
        value = self.meta.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problems.error(self.rel, self.line(key), f"'{key}' must be true or false, not '{value}'")
            return False
        return value

    def _plain(self, key: str, text: str) -> str:
        """Text without the control characters a YAML escape ("\\x1b", "\\f") can still give."""
        if CONTROLS.search(text):
            self.problems.warning(self.rel, self.line(key), f"control characters removed from '{key}' (written "
                                  "as escapes such as \\f or \\x1b); remove them to silence this warning")
            return CONTROLS.sub("", text)
        return text

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        written = self.written.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return (self._plain(key, (written if isinstance(written, str) else str(value)).strip()),)
        if isinstance(value, list) and all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
        ):
            texts = written if isinstance(written, list) and len(written) == len(value) else [str(v) for v in value]
            return tuple(self._plain(key, t.strip()) for t in texts if t.strip())
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
    images = _item_images(fields, document)
    caption = document.body
    title = fields.text("title") or title_from_caption(caption) or item_id
    entries = {f"images.{n}": line for n, line in enumerate(document.entry_lines.get("images", []))}
    return Item(
        id=item_id, file=rel, image=images[0].path if images else "", images=images, paged=fields.flag("paged"),
        title=title, caption=caption, date=fields.date(),
        places=fields.ids("places"), subjects=fields.texts("subjects"), topics=fields.ids("topics"),
        creator=fields.text("creator"), rights=fields.text("rights"), alt=fields.text("alt"),
        source=fields.json("source"), redirect_from=fields.paths("redirect_from"), added=fields.day("added"),
        lines={**document.lines, **entries, "body": document.body_line},
    )


def _item_images(fields: _Fields, document: Document) -> tuple[ItemImage, ...]:
    """`image: a.jpg`, or `images:` (a list of paths, or of `{file: a.jpg, label: front}`), in order."""
    if "images" not in fields.meta:
        path = fields.text("image", required=True).replace("\\", "/")  # Windows paths welcome
        return (ItemImage(path),) if path else ()
    if "image" in fields.meta:
        fields.problems.error(fields.rel, fields.line("image"), "write either 'image:' (one image) or 'images:' (a "
                              "list), not both: move this image into the 'images:' list")
    value = fields.meta["images"]
    lines = document.entry_lines.get("images", [])
    if not isinstance(value, list) or not value:
        fields.problems.error(fields.rel, fields.line("images"), "'images' must be a list of image paths, one a "
                              "line: '- letter/page-1.jpg', or '- {file: card/front.jpg, label: front}'")
        return ()
    images: list[ItemImage] = []
    for index, entry in enumerate(value):
        line = lines[index] if index < len(lines) else fields.line("images")
        image = _image_entry(fields, entry, line)
        if image is None:
            continue
        if any(other.path == image.path for other in images):
            fields.problems.warning(fields.rel, line, f"image '{image.path}' is listed twice in 'images'; the "
                                    "second is left out")
            continue
        images.append(image)
    return tuple(images)


def _image_entry(fields: _Fields, entry: Any, line: int | None) -> ItemImage | None:
    """One entry of `images:`: a path, or `{file: path, label: text}`."""
    if isinstance(entry, str | int | float) and not isinstance(entry, bool):
        path, label = str(entry), ""
    elif isinstance(entry, dict) and isinstance(entry.get("file"), str | int | float) and not isinstance(
            entry.get("file"), bool):
        for key in entry:
            if str(key) not in IMAGE_ENTRY_FIELDS:
                fields.problems.warning(fields.rel, line, f"unknown field '{key}' in an image is ignored; an image "
                                        "has 'file:' and 'label:'")
        label_value = entry.get("label")
        if label_value is not None and not isinstance(label_value, str | int | float):
            fields.problems.error(fields.rel, line, f"an image's 'label' must be text, not {_kind(label_value)}")
            label_value = None
        path, label = str(entry["file"]), "" if label_value is None else str(label_value)
    else:
        fields.problems.error(fields.rel, line, "each image must be a path (- card/front.jpg) or a file with a "
                              "label (- {file: card/front.jpg, label: front})")
        return None
    path = fields.plain("images", path.strip().replace("\\", "/"))
    if not path:
        fields.problems.error(fields.rel, line, "an image in 'images' has no path; write its path inside images/")
        return None
    return ItemImage(path, " ".join(fields.plain("images", label).split()))


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
                menu=fields.flag("menu"), lines={**document.lines, "body": document.body_line})


def load_places(root: Path, problems: Problems) -> list[Place]:
    rel = "places.yaml"
    path = root / rel
    if not os.path.lexists(path):
        return []
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        problems.error(rel, None, "places.yaml is a link to a file outside the archive; copy the file in instead")
        return []
    try:
        raw = read_regular_file(path)
    except UnreadableFile as exc:
        problems.error(rel, None, str(exc))
        return []
    try:
        text = decode_text(raw)
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
        return []
    return places_from_text(text, problems)


def places_from_text(text: str, problems: Problems) -> list[Place]:
    """places.yaml's text -> places (the studio checks an edit with it before writing)."""
    rel = "places.yaml"
    try:
        data, node = parse_yaml(without_controls(text, rel, problems))
    except FrontMatterError as exc:
        problems.error(rel, exc.line, exc.message)
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
    why = id_problem(place_id)
    if why:
        problems.error(rel, lines.get("id", line), f"place id '{_shortened(place_id, 40)}' can't be used: "
                       f"{why}; use another id")
        return None
    if len(place_id.encode("utf-8")) > MAX_NAME_BYTES:
        problems.error(rel, line, f"place id '{_shortened(place_id, 40)}' is too long: it becomes a folder name in "
                       f"the site, at most {MAX_NAME_BYTES} bytes; use a short id and put the full name in 'name:'")
        return None
    name = _plain_name(str(entry.get("name") or place_id), lines.get("name", line), problems)
    other = entry.get("other_names") or []
    other_names = tuple(_plain_name(str(n), lines.get("other_names", line), problems)
                        for n in (other if isinstance(other, list) else [other]))
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


def _plain_name(name: str, line: int, problems: Problems) -> str:
    """A place's name without control characters (written as YAML escapes such as "\\x1b")."""
    if CONTROLS.search(name):
        problems.warning("places.yaml", line, "control characters removed from a place's name (written as "
                         "escapes such as \\x1b); remove them to silence this warning")
        return CONTROLS.sub("", name)
    return name


def _first_heading(body: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _printable_name(name: str) -> str:
    """A file name whose bytes were not UTF-8, with each such byte written \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _suggest_id(name: str) -> str:
    suggestion = re.sub(r"[^\w-]+", "-", name).strip("-_.").lower() or "photo"
    return suggestion if id_problem(suggestion) is None else "photo"


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _kind(value: object) -> str:
    return {dict: "a group of fields", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)
