"""The archive writer that every importer shares: draft records in, archive files out.

Promises:
- every file is written to a temporary name and renamed into place (never half a file);
- nothing is written outside the archive folder (no '..', no absolute paths, no symlinked way out);
- images are copied byte for byte, never re-encoded;
- a file a person has changed since the last import (or that no import wrote) is not replaced unless
  `force=True`; then the old version is kept under `.albumen/backups/` (a person's albumen.toml is never
  replaced);
- `dry_run=True` writes nothing at all and returns the plan;
- new places are added at the end of places.yaml; the places already there (and the rest of its text) are
  kept exactly, so adding places needs no `force` (a copy of the old file is still kept in the backups).

What an import wrote is remembered in `.albumen/import-manifest.json` (path -> sha256), so the next
import can tell its own untouched files from a person's edits.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import yaml

from albumen.atomic import atomic_write
from albumen.config import CONTROLS as CONFIG_CONTROLS
from albumen.config import LANGUAGE_TAG
from albumen.hashing import file_sha256
from albumen.importers.drafts import Draft, DraftItem, DraftPage, DraftPlace, DraftTopic, ImageCopy, SiteSettings
from albumen.problems import AlbumenError

MANIFEST = ".albumen/import-manifest.json"
BACKUPS = ".albumen/backups"
CONFIG_FILE = "albumen.toml"
PLACES_FILE = "places.yaml"

# create: new file; update: replaces a file the last import wrote and nobody changed since;
# unchanged: already exactly this; conflict: a person's file, refused; replace: a person's file, forced;
# keep: a person's albumen.toml, left alone (its suggestions go to the report instead);
# append: new entries added at the end of a person's places.yaml, its own text kept.
Action = Literal["create", "update", "unchanged", "conflict", "replace", "keep", "append"]


@dataclass(frozen=True)
class PlannedFile:
    """One file the writer means to write."""

    path: str  # relative to the archive, forward slashes
    action: Action
    sha256: str  # of the new content
    text: str | None = None  # the new content of a text file ...
    source: Path | None = None  # ... or the file an image is copied from


@dataclass
class WriteResult:
    """What was (or, in a dry run, would be) written."""

    plan: list[PlannedFile]
    written: bool = False  # False for a dry run and when conflicts stopped the import
    backup_dir: str | None = None  # relative to the archive, when something was backed up

    def with_action(self, *actions: Action) -> list[PlannedFile]:
        return [p for p in self.plan if p.action in actions]

    @property
    def conflicts(self) -> list[PlannedFile]:
        return self.with_action("conflict")


@dataclass
class _Manifest:
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of what an import wrote

    @classmethod
    def read(cls, root: Path) -> _Manifest:
        try:
            data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
            files = data.get("files", {})
            if isinstance(files, dict):
                return cls({str(k): str(v) for k, v in files.items()})
        except (OSError, ValueError, AttributeError):
            pass  # a missing or damaged manifest only means every existing file counts as a person's
        return cls()

    def text(self) -> str:
        return json.dumps({"version": 1, "files": dict(sorted(self.files.items()))}, indent=1) + "\n"


def write_draft(root: Path, draft: Draft, *, force: bool = False, dry_run: bool = False,
                origin: str = "an import") -> WriteResult:
    """Write the draft's records and images into the archive at `root` (see the module's promises).

    When any file is a conflict (and not `force`), nothing is written. `origin` names the source in
    the comment at the top of a new albumen.toml.
    """
    manifest = _Manifest.read(root)
    plan = [_plan_image(root, copy, manifest, force) for copy in _unique_images(draft.images)]
    today = datetime.date.today().isoformat()
    texts = [(f"items/{i.id}.md", item_text(i, _added_before(root / "items" / f"{i.id}.md") or today))
             for i in draft.items]
    texts += [(f"topics/{t.id}.md", topic_text(t)) for t in draft.topics]
    texts += [(f"pages/{p.id}.md", page_text(p)) for p in draft.pages]
    plan += [_plan_text(root, path, text, manifest, force) for path, text in texts]
    if draft.places:
        plan.append(_plan_places(root, draft.places))
    if draft.settings.offered():
        plan.append(_plan_config(root, config_text(draft.settings, origin), manifest))
    result = WriteResult(plan)
    if dry_run or result.conflicts:
        return result
    backups: str | None = None  # one new folder for this import's backups, made when the first is needed
    for planned in plan:
        if planned.action in ("update", "replace", "append"):
            backups = backups or new_backup_folder(root)
            result.backup_dir = back_up(root, planned.path, backups)
        if planned.action in ("create", "update", "replace", "append"):
            _write(root, planned)
        # places.yaml is a person's file that imports only add to: whose edit it was never matters.
        if planned.action != "keep" and planned.path != PLACES_FILE:
            manifest.files[planned.path] = planned.sha256
    write_text_atomic(root, MANIFEST, manifest.text())
    result.written = True
    return result


def write_text_atomic(root: Path, rel: str, text: str) -> None:
    """Write one text file inside the archive: a temporary name, then a rename."""
    _atomic(archive_path(root, rel), lambda handle: handle.write(text.encode("utf-8")))


def archive_path(root: Path, rel: str) -> Path:
    """root/rel, or AlbumenError when `rel` would lead outside the archive (also through a symlink)."""
    path = root.joinpath(*_relative(rel).parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise AlbumenError(f"refused to write '{rel}': a link inside the archive leads outside it")
    return path


def _relative(rel: str) -> PurePosixPath:
    """A relative path with no way up or out: no '..', no leading '/', no drive letter, no backslash."""
    pure = PurePosixPath(rel)
    if not rel or "\\" in rel or pure.is_absolute() or ".." in pure.parts or any(":" in p for p in pure.parts):
        raise AlbumenError(f"refused to write '{rel}': it is not a path inside the archive")
    return pure


# -- the files' text -----------------------------------------------------------------------------------------

def item_text(item: DraftItem, added: str = "") -> str:
    """added: the day the photo joined the archive (the feed of recent additions lists it by that day)."""
    images = [_FlowMap({"file": i.path, "label": i.label}) if i.label else i.path for i in item.images]
    several = len(images) > 1 or any(i.label for i in item.images)
    meta: dict[str, Any] = {"title": item.title, "image": "" if several else item.image,
                            "images": images if several else [], "paged": item.paged or None,
                            "date": _Quoted(item.date),
                            "places": _Flow(item.places), "subjects": _Flow(item.subjects),
                            "topics": _Flow(item.topics), "creator": item.creator, "rights": item.rights,
                            "alt": item.alt, "source": _FlowMap(item.source or {}),
                            "redirect_from": _Flow(item.redirect_from), "added": added}
    return _document(meta, item.caption)


ADDED_LINE = re.compile(r"^added:\s*['\"]?(\d{4}-\d{2}-\d{2})['\"]?\s*(#.*)?$", re.MULTILINE)


def _added_before(path: Path) -> str:
    """The `added:` day of an item an earlier import wrote: importing again does not make it new."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""  # not a caption line that looks alike
    match = ADDED_LINE.search(front)
    return match.group(1) if match else ""


def topic_text(topic: DraftTopic) -> str:
    links = [_FlowMap({"title": link.title, "url": link.url}) for link in topic.links]
    meta: dict[str, Any] = {"title": topic.title, "date": _Quoted(topic.date), "links": links,
                            "items": _Flow(topic.items), "redirect_from": _Flow(topic.redirect_from)}
    return _document(meta, topic.narrative)


def page_text(page: DraftPage) -> str:
    return _document({"title": page.title, "menu": True if page.menu else None,
                      "redirect_from": _Flow(page.redirect_from)}, page.body)


def place_text(place: DraftPlace, flow: bool = False) -> str:
    """One places.yaml entry: '- id: ...' and its fields, the empty ones left out ('[{id: ...}]' with flow)."""
    entry: dict[str, Any] = {"id": place.id, "name": place.name, "other_names": _Flow(place.other_names),
                             "lat": place.lat, "lon": place.lon, "parent": place.parent}
    present = {key: value for key, value in entry.items() if value not in ("", None, [])}
    return yaml.dump([_FlowMap(present) if flow else present], Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=2**31, default_flow_style=True if flow else False)


def config_text(settings: SiteSettings, origin: str) -> str:
    lines = [f"# Made by {origin}. Every setting is optional; README.md lists them all."]
    for key, value in settings.offered().items():
        if key == "language" and not LANGUAGE_TAG.fullmatch(value):
            continue  # an old page's lang="../../images/x" is no language: albumen's default is kept
        value = CONFIG_CONTROLS.sub("", value.encode("utf-8", "replace").decode("utf-8")).strip()
        if value:
            lines.append(f"{key} = {toml_string(value)}")
    return "\n".join(lines) + "\n"


def toml_string(value: str) -> str:
    """A TOML basic string. A JSON string is one, but for DEL: JSON leaves it as it is and TOML forbids it, so an
    old site's <title> with DEL made an albumen.toml no command could read. Found by tests/test_trust_hostile.py."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


class _Quoted(str):
    """A string written in double quotes (EDTF dates: README asks for quotes)."""


class _Flow(list[Any]):
    """A list written on one line: [a, b]."""


class _FlowMap(dict[str, Any]):
    """Fields written on one line: {site: old, page: a.html}."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style='"'))
_Dumper.add_representer(_Flow, lambda dumper, value: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", list(value), flow_style=True))
_Dumper.add_representer(_FlowMap, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", {k: _Flow(v) if isinstance(v, list) else v for k, v in value.items()},
    flow_style=True))


def _document(meta: dict[str, Any], body: str) -> str:
    """'---', the non-empty fields as YAML (lists in [a, b] form), '---', the Markdown body."""
    present = {key: value for key, value in meta.items() if value not in ("", None, [], {})}
    front = yaml.dump(present, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                      width=2**31) if present else ""
    return f"---\n{front}---\n{body.strip()}\n" if body.strip() else f"---\n{front}---\n"


# -- planning ------------------------------------------------------------------------------------------------

def _unique_images(images: Iterable[ImageCopy]) -> list[ImageCopy]:
    return list({copy.target: copy for copy in images}.values())


def _plan_image(root: Path, copy: ImageCopy, manifest: _Manifest, force: bool) -> PlannedFile:
    rel = f"images/{_relative(copy.target)}"
    digest = file_sha256(copy.source)
    return PlannedFile(rel, _action(root, rel, digest, manifest, force), digest, source=copy.source)


def _plan_text(root: Path, rel: str, text: str, manifest: _Manifest, force: bool) -> PlannedFile:
    digest = _text_sha256(text)
    return PlannedFile(rel, _action(root, rel, digest, manifest, force), digest, text=text)


def _plan_config(root: Path, text: str, manifest: _Manifest) -> PlannedFile:
    """albumen.toml is written only when missing or still as an import left it; a person's is kept, even with
    force (it holds more than an import can offer: image sizes, base_url); the report offers the values."""
    planned = _plan_text(root, CONFIG_FILE, text, manifest, force=False)
    if planned.action == "conflict":
        return PlannedFile(planned.path, "keep", planned.sha256, text=text)
    return planned


def _plan_places(root: Path, places: tuple[DraftPlace, ...]) -> PlannedFile:
    """places.yaml with the draft's places that it lacks added at its end (see the module's promises)."""
    path = archive_path(root, PLACES_FILE)
    original = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = _place_ids(original)
    new = [place for place in places if place.id not in present]
    if not new:
        return PlannedFile(PLACES_FILE, "unchanged", _text_sha256(original), text=original)
    text = _with_places(original, new)
    if _place_ids(text, check_order=True) != [*_place_ids(original, check_order=True), *(p.id for p in new)]:
        raise AlbumenError(f"{PLACES_FILE} is written in a way albumen can't add places to without changing "
                           f"what is there; add these places to it by hand, then import again: "
                           f"{', '.join(p.id for p in new)}")
    return PlannedFile(PLACES_FILE, "append" if path.exists() else "create", _text_sha256(text), text=text)


def _with_places(original: str, new: list[DraftPlace]) -> str:
    """The text of places.yaml with `new` added, the rest kept: in its own style when it is one flow list
    ([{id: a}, ...], where lines added after the ']' broke the file: found by tests/test_trust_hostile.py)."""
    newline = "\r\n" if "\r\n" in original else "\n"
    node = yaml.compose(original.lstrip("\ufeff")) if original.strip() else None
    offset = len(original) - len(original.lstrip("\ufeff"))
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        close = offset + node.end_mark.index - 1  # the ']'
        entries = ", ".join(_flow_place(place) for place in new)
        return original[:close].rstrip() + (", " if node.value else "") + entries + original[close:]
    block = "\n".join(place_text(place) for place in new).replace("\n", newline)
    end = offset + node.end_mark.index if isinstance(node, yaml.SequenceNode) else len(original)
    if original[end:].strip():  # something after the list ('...', the end of the document): add before it
        return original[:end] + block + original[end:]
    if not original.strip() or original.endswith(("\n\n", "\r\n\r\n")):
        separator = ""
    else:  # a blank line between the last place and the new ones
        separator = "\n" if original.endswith("\n") else "\n\n"
    return original + separator.replace("\n", newline) + block


def _flow_place(place: DraftPlace) -> str:
    return place_text(place, flow=True).strip().removeprefix("[").removesuffix("]").strip()


def _place_ids(text: str, check_order: bool = False) -> Any:
    """The ids in places.yaml's text; AlbumenError when it is not a list of places (nothing can be added safely).

    A set, or with check_order the list in the file's order."""
    try:
        entries = yaml.safe_load(text.lstrip("\ufeff")) if text.strip() else []
    except yaml.YAMLError as exc:
        raise AlbumenError(f"{PLACES_FILE} can't be read ({str(exc).splitlines()[0]}), so no places could be added "
                           "to it: fix it (albumen check shows where), then import again") from exc
    if not isinstance(entries, list):
        raise AlbumenError(f"{PLACES_FILE} is not a list of places, so no places could be added to it: fix it "
                           "(albumen check shows where), then import again")
    ids = [str(entry.get("id")) for entry in entries if isinstance(entry, dict) and entry.get("id") is not None]
    return ids if check_order else set(ids)


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _action(root: Path, rel: str, digest: str, manifest: _Manifest, force: bool) -> Action:
    path = archive_path(root, rel)
    if not path.exists():
        return "create"
    current = file_sha256(path) if path.is_file() else ""
    if current == digest:
        return "unchanged"
    if current and manifest.files.get(rel) == current:
        return "update"
    return "replace" if force else "conflict"




# -- writing -------------------------------------------------------------------------------------------------

def _write(root: Path, planned: PlannedFile) -> None:
    target = archive_path(root, planned.path)
    if planned.text is not None:
        text = planned.text
        _atomic(target, lambda handle: handle.write(text.encode("utf-8")))
    elif planned.source is not None:
        source = planned.source
        _atomic(target, lambda handle: _copy_into(source, handle))


def _copy_into(source: Path, handle: Any) -> None:
    with source.open("rb") as original:
        shutil.copyfileobj(original, handle, 1 << 20)


def _atomic(target: Path, fill: Any) -> None:
    if target.is_dir():
        raise AlbumenError(f"can't write {target}: a folder has that name")
    atomic_write(target, fill)


def new_backup_folder(root: Path) -> str:
    """A folder .albumen/backups/STAMP (STAMP-2, -3 ... when that second has one) made for this import alone
    (or this save in the studio).

    Two imports in the same second shared one folder, and the second's backup of a caption replaced the
    first's: the caption a person wrote was lost. Made with mkdir, which fails if it exists, so two imports
    at once can't share one either. Found by tests/test_trust_hostile.py."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    archive_path(root, BACKUPS).mkdir(parents=True, exist_ok=True)
    for number in range(1, 10_000):
        folder = f"{BACKUPS}/{stamp}" if number == 1 else f"{BACKUPS}/{stamp}-{number}"
        try:
            archive_path(root, folder).mkdir()
        except FileExistsError:
            continue
        return folder
    raise AlbumenError(f"can't make a new backup folder in {BACKUPS}: too many in one second")


def back_up(root: Path, rel: str, folder: str) -> str:
    """Copy the file about to be replaced to FOLDER/rel (never over another backup); return the folder."""
    backup = archive_path(root, f"{folder}/{rel}")
    backup.parent.mkdir(parents=True, exist_ok=True)
    if backup.exists():
        raise AlbumenError(f"refused to replace the backup {folder}/{rel}")
    shutil.copy2(archive_path(root, rel), backup)
    return folder
