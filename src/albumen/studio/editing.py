"""The edit forms: a photo (items/ID.md), a topic (topics/ID.md), a place (places.yaml), the site (albumen.toml).

Every save goes the same way: the file must be as it was when the form was opened (else a conflict is shown);
only the changed fields are rewritten; the new text is checked as `albumen check` would check it and nothing
invalid is written; the old file is backed up; the site is rebuilt and the page shows the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from albumen.dates import Date
from albumen.i18n import LazyText
from albumen.i18n import lazy_gettext as _
from albumen.ids import id_problem
from albumen.problems import Problem, Problems
from albumen.reading import UnreadableFile
from albumen.stages.load import load_archive
from albumen.studio import forms
from albumen.studio.context import Studio, form_key_ok, refused, see_other
from albumen.studio.files import Conflict, read_text, write_text
from albumen.studio.forms import Field
from albumen.studio.uploads import forget_new
from albumen.studio.yaml_edit import EditError, edit_sequence_entry
from albumen.urls import media_folder, scheme_url

FOLDER_SCHEMES = {"items": "item", "topics": "topic"}  # a Markdown file's folder -> its records' URL scheme

@dataclass
class FormPage:
    """What form.html shows."""

    heading: LazyText
    action: str
    fields: tuple[Field, ...]
    values: Mapping[str, str]
    digest: str
    view: str = ""  # the site page of the record
    problems: dict[str, list[forms.Message]] = field(default_factory=dict)
    conflict: Mapping[str, str] | None = None  # the file's values now, when it changed under the form
    extra: dict[str, Any] = field(default_factory=dict)


def routes(studio: Studio) -> list[Route]:
    return [
        Route("/_studio/items/{record}", _markdown_handler(studio, "items"), methods=["GET", "POST"]),
        Route("/_studio/topics/{record}", _markdown_handler(studio, "topics"), methods=["GET", "POST"]),
        Route("/_studio/site", _site_handler(studio), methods=["GET", "POST"]),
        Route("/_studio/places", _places_list(studio), methods=["GET"]),
        Route("/_studio/places/{record}", _place_handler(studio), methods=["GET", "POST"]),
    ]


# -- photos and topics ----------------------------------------------------------------------------------------

def _markdown_handler(studio: Studio, folder: str) -> Callable[[Request], Any]:
    fields = forms.ITEM_FIELDS if folder == "items" else forms.TOPIC_FIELDS

    async def handle(request: Request) -> Response:
        record = request.path_params["record"]
        rel = f"{folder}/{record}.md"
        if id_problem(record) or not (studio.root / rel).is_file():
            missing = _("There is no photo “%(id)s” in this archive.", id=record) if folder == "items" \
                else _("There is no topic “%(id)s” in this archive.", id=record)
            return studio.page(request, "message.html", 404, heading=_("Not found"), message=missing)
        text, digest = read_text(studio.root, rel)
        values = forms.markdown_values(text, fields)
        title = values.get("title") or record
        heading = _("Edit photo: %(title)s", title=title) if folder == "items" \
            else _("Edit topic: %(title)s", title=title)
        page = FormPage(heading, f"/_studio/{folder}/{record}", fields, values, digest,
                        view="/" + scheme_url(FOLDER_SCHEMES[folder], record))
        if folder == "topics":
            page.extra["order"] = [{**entry, "thumb": thumbnail(studio.site, entry["id"])}
                                   for entry in _topic_order(studio.root, record)]
        else:
            page.extra["photo"] = thumbnail(studio.site, record)
        if request.method == "GET":
            return _form(studio, request, page)
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused(studio)
        submitted = _strings(form, fields)
        changes = forms.changes_from(submitted, values, fields)
        if folder == "topics":
            order = [str(v) for v in form.getlist("order")]
            shown = [entry["id"] for entry in page.extra["order"]]
            if order and order != shown and sorted(order) == sorted(shown):
                changes["items"] = order
                page.extra["order"] = sorted(page.extra["order"], key=lambda e: order.index(e["id"]))
        return await _save(studio, request, page, rel, text, submitted, changes,
                           make=lambda: forms.edited_markdown(text, dict(changes)),
                           check=lambda new: forms.check_record_text(studio.root, rel, new))

    return handle


def _topic_order(root: Path, topic_id: str) -> list[dict[str, str]]:
    """The topic's photos in the order its page shows them: its `items:` list, then the others naming it, by date."""
    archive = load_archive(root, Problems())
    topic = next((t for t in archive.topics if t.id == topic_id), None)
    by_date = sorted(archive.items, key=lambda i: (i.date.lower if i.date and i.date.lower else "9999", i.id))
    listed = [i for i in dict.fromkeys(topic.items or ()) if any(x.id == i for x in by_date)] if topic else []
    ids = listed + [i.id for i in by_date if topic_id in i.topics and i.id not in listed]
    by_id = {i.id: i for i in by_date}
    return [{"id": i, "title": by_id[i].title, "date": _label(by_id[i].date)} for i in ids]


def thumbnail(site: Path, item_id: str) -> str:
    """The smallest JPEG the last build made of a photo, to show beside its form ('' before its first build)."""
    widths = []
    folder = media_folder(item_id)
    for path in (site / folder).glob("w*.jpg"):
        if (match := re.fullmatch(r"w(\d+)\.jpg", path.name)) is not None:
            widths.append((int(match.group(1)), path.name))
    return f"/{folder}{min(widths)[1]}" if widths else ""


def _label(date: Date | None) -> str:
    return date.label if date is not None else ""


# -- the site ------------------------------------------------------------------------------------------------

def _site_handler(studio: Studio) -> Callable[[Request], Any]:
    fields = forms.SITE_FIELDS

    async def handle(request: Request) -> Response:
        rel = "albumen.toml"
        text, digest = read_text(studio.root, rel)
        values = forms.site_values(text)
        page = FormPage(_("Site settings"), "/_studio/site", fields, values, digest, view="/")
        if request.method == "GET":
            return _form(studio, request, page)
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused(studio)
        submitted = _strings(form, fields)
        changes = forms.changes_from(submitted, values, fields)
        return await _save(studio, request, page, rel, text, submitted, changes,
                           make=lambda: forms.edited_config(text, changes), check=forms.check_config_text)

    return handle


# -- places --------------------------------------------------------------------------------------------------

def _places_list(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        places = load_archive(studio.root, Problems()).places
        return studio.page(request, "places.html", places=sorted(places, key=lambda p: p.name.casefold()))

    return handle


def _place_handler(studio: Studio) -> Callable[[Request], Any]:
    fields = forms.PLACE_FIELDS
    id_field = Field("id", _("Id"), hint=_("A short name for web addresses: lowercase letters, digits and hyphens."))

    async def handle(request: Request) -> Response:
        record = request.path_params["record"]
        rel = "places.yaml"
        path = studio.root / rel
        text, digest = read_text(studio.root, rel) if path.exists() else ("", "")
        new = record == "new"
        # A new place may come from the gazetteer search of a photo's form: its name and position filled in.
        values = {f.name: request.query_params.get(f.name, "")[:200] for f in fields} if new \
            else forms.place_values(text, record)
        if values is None or (not new and id_problem(record)):
            return studio.page(request, "message.html", 404, heading=_("Not found"),
                               message=_("There is no place “%(id)s” in places.yaml.", id=record))
        page = FormPage(_("Add a place") if new else _("Edit place: %(name)s", name=values["name"] or record),
                        f"/_studio/places/{record}", ((id_field,) if new else ()) + fields,
                        {"id": "", **values} if new else values, digest,
                        view="" if new else "/" + scheme_url("place", record))
        page.extra["map"] = True
        if request.method == "GET":
            return _form(studio, request, page)
        form = await request.form()
        if not form_key_ok(studio, form):
            return refused(studio)
        submitted = _strings(form, page.fields)
        if new:
            place_id = submitted.get("id", "").strip()
            why = id_problem(place_id) if place_id else _("write an id")
            if why:
                page.values = submitted
                page.problems = {"id": [_("error: %(message)s", message=why)]}
                return _form(studio, request, page, status=422)
            values_to_write = {f.name: forms.parsed(submitted.get(f.name, ""), f) for f in fields}
            page.view = "/" + scheme_url("place", place_id)
            return await _save(studio, request, page, rel, text, submitted, {"new": place_id},
                               make=lambda: forms.new_place_text(text, place_id, values_to_write),
                               check=lambda new_text: forms.check_places_text(studio.root, new_text))
        changes = forms.changes_from(submitted, values, fields)
        return await _save(studio, request, page, rel, text, submitted, changes,
                           make=lambda: edit_sequence_entry(text, {"id": record}, changes),
                           check=lambda new_text: forms.check_places_text(studio.root, new_text))

    return handle


# -- the one way to save -------------------------------------------------------------------------------------

async def _save(studio: Studio, request: Request, page: FormPage, rel: str, text: str, submitted: dict[str, str],
                changes: Mapping[str, Any], *, make: Callable[[], str],
                check: Callable[[str], list[Problem]]) -> Response:
    opened = submitted.get("digest", "")
    if opened != page.digest:
        page.conflict, page.values = page.values, submitted
        # The form now carries the file's new digest: a second Save, after reading what changed, is the
        # person's own choice.
        return _form(studio, request, page, status=409)
    if not changes:
        return see_other(page.view or page.action)
    try:
        new_text = make()
    except EditError as exc:
        page.values, page.problems = submitted, {"": [_("error: %(message)s", message=str(exc))]}
        return _form(studio, request, page, status=422)
    found = [p for p in check(new_text) if p.level == "error"]
    if found:
        page.values = submitted
        page.problems = forms.problems_by_field(found, new_text, page.fields)
        return _form(studio, request, page, status=422)
    try:
        write_text(studio.root, rel, new_text, opened)
    except Conflict:
        page.conflict, page.values = forms.markdown_values(read_text(studio.root, rel)[0], page.fields) \
            if rel.endswith(".md") else page.values, submitted
        return _form(studio, request, page, status=409)
    except (OSError, UnreadableFile) as exc:
        page.values, page.problems = submitted, {"": [_("error: can't write %(file)s: %(why)s", file=rel, why=exc)]}
        return _form(studio, request, page, status=500)
    if rel.startswith("items/"):
        forget_new(studio.root, rel[len("items/"):-len(".md")])  # looked at: it leaves the review list
    await studio.rebuilt()
    return see_other(page.view or page.action)


def _form(studio: Studio, request: Request, page: FormPage, status: int = 200) -> Response:
    return studio.page(request, "form.html", status, form=page)


def _strings(form: FormData, fields: tuple[Field, ...]) -> dict[str, str]:
    wanted = {f.name for f in fields} | {"digest"}
    return {name: value for name, value in form.items() if name in wanted and isinstance(value, str)}
