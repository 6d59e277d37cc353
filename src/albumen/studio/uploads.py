"""Add photos: files dropped on the page become items, by the same path as `albumen import photos`.

An upload is trusted for nothing: its name is replaced by a safe one, its kind is what libvips finds when it
decodes every pixel (an HTML or SVG file named .jpg is refused), its size is limited, and it is written only
inside images/added/. The new items wait on the review page until a person has looked at each.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from albumen.atomic import atomic_write_text
from albumen.i18n import LazyText
from albumen.i18n import lazy_gettext as _
from albumen.ids import slug
from albumen.importers.photos import read_photo_folder
from albumen.importers.writer import write_draft
from albumen.problems import AlbumenError, Problems
from albumen.stages.load import load_archive
from albumen.studio.context import Studio, form_key_ok, refused, see_other

MAX_FILE_BYTES = 200 * 1024 * 1024  # a 600 dpi TIFF scan of a large print
MAX_FILES = 100
# What libvips calls the decoders of the photo formats albumen publishes; svgload, pdfload, matload... are not.
PHOTO_LOADERS = {"jpegload": "jpg", "pngload": "png", "tiffload": "tif", "webpload": "webp", "heifload": "heic"}
UPLOAD_FOLDER = "added"  # images/added/
NEW_PHOTOS = Path(".albumen") / "studio-new.json"


@dataclass(frozen=True)
class Refused:
    name: LazyText | str
    why: LazyText | str  # str: a message of the importer's, in English


def routes(studio: Studio) -> list[Route]:
    return [Route("/_studio/add", _add(studio), methods=["GET", "POST"])]


def _add(studio: Studio) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        topics = sorted((t.id, t.title) for t in load_archive(studio.root, Problems()).topics)
        if request.method == "GET":
            return studio.page(request, "add.html", topics=topics, refused=[], chosen=request.query_params.get(
                "topic", ""))
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_FILES * MAX_FILE_BYTES:
            return studio.page(request, "add.html", 413, topics=topics, chosen="",
                               refused=[Refused("", _("The upload is too big: add fewer photos at a time."))])
        form = await request.form(max_files=MAX_FILES, max_fields=20)
        if not form_key_ok(studio, form):
            return refused(studio)
        files = [f for f in form.getlist("photos") if isinstance(f, UploadFile)]
        topic = str(form.get("topic", ""))
        if topic not in {t for t, _ in topics}:
            topic = ""
        added, refusals = await _add_photos(studio.root, files, topic)
        if refusals or not added:
            return studio.page(request, "add.html", 422, topics=topics, chosen=topic,
                               refused=refusals or [Refused("", _("Choose one or more photos first."))])
        await studio.rebuilt()
        return see_other("/_studio/review")

    return handle


async def _add_photos(root: Path, files: list[UploadFile], topic: str) -> tuple[list[str], list[Refused]]:
    with tempfile.TemporaryDirectory(dir=root / ".albumen", prefix="upload-") as staging:
        folder = Path(staging) / UPLOAD_FOLDER
        folder.mkdir()
        refusals = []
        for upload in files:
            why = await _stage(upload, folder, root)
            if why is not None:
                refusals.append(Refused(upload.filename or _("(no name)"), why))
        if refusals or not any(folder.iterdir()):
            return [], refusals
        try:
            found = read_photo_folder(folder, root, label="the uploaded photos")
        except AlbumenError as exc:
            return [], [Refused("", str(exc))]
        draft = found.draft
        if topic:
            draft = replace(draft, items=tuple(replace(i, topics=(*i.topics, topic)) for i in draft.items))
        result = write_draft(root, draft, origin="the studio")
        if result.conflicts:
            return [], [Refused(c.path, _("a different file of that name is in the archive")) for c in result.conflicts]
    ids = [item.id for item in draft.items]
    remember_new(root, ids)
    return ids, []


async def _stage(upload: UploadFile, folder: Path, root: Path) -> LazyText | None:
    """Copy one upload into the staging folder under a safe name; None, or why it was refused."""
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        return _too_big()
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
        written = 0
        while chunk := await upload.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_FILE_BYTES:
                handle.close()
                Path(handle.name).unlink()
                return _too_big()
            handle.write(chunk)
    temporary = Path(handle.name)
    kind = photo_kind(temporary)
    if kind is None:
        temporary.unlink()
        return _("not a photo albumen can publish (JPEG, PNG, TIFF, WebP): it did not decode as one")
    temporary.rename(folder / _safe_name(upload.filename or "photo", kind, folder, root))
    return None


def _too_big() -> LazyText:
    return _("bigger than %(size)s MB", size=MAX_FILE_BYTES // (1024 * 1024))


def photo_kind(path: Path) -> str | None:
    """The file's extension if libvips decodes every pixel of it as a photo format, else None."""
    import pyvips

    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential", fail=True)
        loader = str(image.get("vips-loader"))
        if loader not in PHOTO_LOADERS:
            return None
        image.avg()  # decodes every pixel: a file that only starts like a JPEG fails here
    except pyvips.Error:
        return None
    return PHOTO_LOADERS[loader]


def _safe_name(name: str, extension: str, folder: Path, root: Path) -> str:
    """A name of letters, digits and hyphens, with the extension of what the file is; new in images/added/."""
    stem = slug(Path(name.replace("\\", "/")).name.rsplit(".", 1)[0], fallback="photo")[:80] or "photo"
    taken = root / "images" / UPLOAD_FOLDER
    candidate, number = f"{stem}.{extension}", 1
    while (taken / candidate).exists() or (folder / candidate).exists():
        number += 1
        candidate = f"{stem}-{number}.{extension}"
    return candidate


def new_photos(root: Path) -> list[str]:
    """The items added in the studio that nobody has looked at yet."""
    try:
        data = json.loads((root / NEW_PHOTOS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(i) for i in data] if isinstance(data, list) else []


def remember_new(root: Path, ids: list[str]) -> None:
    atomic_write_text(root / NEW_PHOTOS, json.dumps(list(dict.fromkeys(new_photos(root) + ids))))


def forget_new(root: Path, item_id: str) -> None:
    current = new_photos(root)
    if item_id in current:
        atomic_write_text(root / NEW_PHOTOS, json.dumps([i for i in current if i != item_id]))

