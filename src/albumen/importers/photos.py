"""The photo-folder reader: a folder of photos with embedded metadata -> draft items (and topics, and places).

Each photo becomes an item: its caption, title, keywords, creator and rights from its metadata (photo_metadata.py),
its date as EDTF, its place from its GPS position (the nearest town within 25 km, else a place at those
coordinates) or from the city, state and country its IPTC/XMP names. With `topics_from_folders`, each subfolder is
a topic of the photos in it. A file that can't be read is reported and left out; the others are still imported.
Nothing here writes a file: the result is a Draft and a report.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.importers.destination import Destination, TopicNames, site_title
from albumen.importers.drafts import Draft, DraftItem, ImageCopy, SiteSettings
from albumen.importers.fields import UniqueIds, caption_markdown, id_slug
from albumen.importers.image_files import image_files, odd_files
from albumen.importers.photo_metadata import PhotoMetadata, UnreadablePhoto, read_photo_metadata
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.records_report import RecordsImport, RecordsReport
from albumen.problems import AlbumenError, UsageError
from albumen.records import ItemImage
from albumen.reporter import Reporter

HEIF_SUFFIXES = (".heic", ".heif")


def read_photo_folder(folder: Path, archive_root: Path, *, topics_from_folders: bool = False,
                      reporter: Reporter | None = None, label: str | None = None, group: bool = True) -> RecordsImport:
    """Read the photos under `folder` into a Draft for the archive at `archive_root`.

    group: the photos of one object, named alike in one folder (x_front and x_back, x-001 and x-002), become one
    item with their images in order (see `object_groups`)."""
    root = archive_root.resolve()
    if folder.resolve() == root:
        raise UsageError("the photo folder can't be the archive folder itself (its _site/ holds the website's "
                         "copies); name the folder with the photos, e.g. `albumen import photos images`")
    return _FolderReader(folder, Destination.at(root), topics_from_folders, reporter or Reporter(),
                         label or str(folder), group).read()


class _FolderReader:
    """One import of one folder; `_item` turns one photo into an item, or reports why it can't."""

    def __init__(self, folder: Path, archive: Destination, topics_from_folders: bool, reporter: Reporter,
                 label: str, group: bool = True) -> None:
        self.folder, self.archive, self.reporter, self.group = folder, archive, reporter, group
        self.topics_from_folders = topics_from_folders
        self.report = RecordsReport(label, "photo")
        self.image_folder = id_slug(folder.resolve().name) or "photos"
        self.topics = TopicNames(archive.topic_ids)
        self.ids = UniqueIds()
        self.places = LazyPlaceLookup(archive.places)

    def read(self) -> RecordsImport:
        files = image_files(self.folder, skip=self.archive.root)
        for rel, why in odd_files(self.folder, skip=self.archive.root).items():
            self.report.look(rel, None, f"not imported: {why}")
        if not files:
            raise AlbumenError(f"no photos (JPEG, TIFF, PNG, WebP, HEIC ...) in {self.report.source} or its "
                               "subfolders")
        items: list[DraftItem] = []
        copies: list[ImageCopy] = []
        groups = object_groups(list(files)) if self.group else [PhotoGroup("", ((rel, ""),)) for rel in files]
        done = 0
        with self.reporter.progress("read", "photos") as advance:
            for group in groups:
                self.report.read += len(group.members)
                made = self._object(group, files)
                if made is not None:
                    item, made_copies = made
                    items.append(item)
                    copies += made_copies
                    self.report.items.append((", ".join(f"`{rel}`" for rel, _ in group.members), item.id))
                done += len(group.members)
                advance(done, len(files))
        new_places = self.places.drafts()
        self.report.places = new_places
        self.report.topics = [(topic.title, topic.id) for topic in self.topics.drafts]
        draft = Draft(items=tuple(items), topics=tuple(self.topics.drafts), places=new_places,
                      images=tuple(copies), settings=SiteSettings(title=site_title(self.folder.resolve().name)))
        return RecordsImport(draft, self.report)

    def _object(self, group: PhotoGroup, files: dict[str, Path]) -> tuple[DraftItem, list[ImageCopy]] | None:
        """One photo's item, or one object's: the first readable photo's fields (an empty caption, title or date
        taken from the next that has one) and every readable photo's image, in order."""
        read: list[tuple[str, str, PhotoMetadata]] = []
        for rel, label in group.members:
            try:
                read.append((rel, label, read_photo_metadata(files[rel])))
            except UnreadablePhoto as why:
                self.report.look(rel, None, _unreadable(files[rel], why), level="error")
        if not read:
            return None
        copies: list[ImageCopy] = []
        images: list[ItemImage] = []
        for rel, label, _ in read:
            target, copied = self.archive.image_target(files[rel], self.image_folder, rel)
            images.append(ItemImage(target, label))
            copies += [ImageCopy(files[rel], target)] if copied else []
        first_rel, _, metadata = read[0]
        for _, _, other in read[1:]:
            metadata = dataclasses.replace(
                metadata, caption=metadata.caption or other.caption, title=metadata.title or other.title,
                date=metadata.date or other.date, date_text=metadata.date_text or other.date_text)
        name = group.name or posixpath.splitext(posixpath.basename(first_rel))[0]
        item = self._item(first_rel, metadata, images[0].path, name)
        if len(images) > 1:
            item = dataclasses.replace(item, images=tuple(images))
            if item.source is not None:
                item.source["files"] = [rel for rel, _, _ in read]
        return item, copies

    def _item(self, rel: str, metadata: PhotoMetadata, target: str, name: str) -> DraftItem:
        source: dict[str, Any] = {"folder": self.folder.resolve().name, "file": rel}
        item = DraftItem(
            id=self.ids.new(name, usable=lambda candidate: self.archive.may_use_item_id(candidate, target)),
            image=target,
            caption=caption_markdown(metadata.caption), title=metadata.title, date=self._date(rel, metadata, source),
            places=self._places(rel, metadata, source), subjects=metadata.keywords, topics=self._topics(rel),
            creator=metadata.creator, rights=metadata.rights, source=source,
        )
        return item

    def _date(self, rel: str, metadata: PhotoMetadata, source: dict[str, Any]) -> str:
        if metadata.date_text and metadata.date_text != metadata.date:
            source["date_text"] = metadata.date_text  # the time of day, or words that are no date
        if metadata.date_text and not metadata.date:
            self.report.look(rel, None, f"the date in its metadata, '{metadata.date_text}', can't be read; it is "
                             "kept in the item's source.date_text: set the item's date (EDTF, e.g. 1952-07)")
        return metadata.date

    def _places(self, rel: str, metadata: PhotoMetadata, source: dict[str, Any]) -> tuple[str, ...]:
        """Where it was taken: its GPS position, else the city, state and country its metadata names."""
        if metadata.sublocation:
            source["location"] = metadata.sublocation
        if metadata.lat is not None and metadata.lon is not None:
            source["gps"] = [round(metadata.lat, 6), round(metadata.lon, 6)]
            return (self.places.at(metadata.lat, metadata.lon),)
        if not metadata.location:
            return ()
        text = ", ".join(metadata.location)
        named = self.places.named(text.replace(";", ","))
        if not named.exact:
            source["place_text"] = text
        for name in named.unknown:
            self.report.look(rel, None, f"the place '{name}' in its metadata is not in places.yaml or the "
                             "gazetteer; it was added to places.yaml without coordinates: add its lat and lon there")
        return named.ids

    def _topics(self, rel: str) -> tuple[str, ...]:
        folder = posixpath.dirname(rel)
        if not self.topics_from_folders or not folder:
            return ()
        return (self.topics.id_for(posixpath.basename(folder), key=folder),)


@dataclass(frozen=True)
class PhotoGroup:
    """Photos that are one object (a postcard's sides, a letter's pages), in order, each with its label; or one
    photo (name '')."""

    name: str  # what the object's id is made from: the name its photos share
    members: tuple[tuple[str, str], ...]  # (path in the folder, label)


# x_front / x-back / x recto / x_verso: the sides of one card or print.
SIDE = re.compile(r"^(?P<base>.*?[^\W_])[ _.-]+(?P<side>front|back|recto|verso)$", re.IGNORECASE)
SIDE_ORDER = {"front": 0, "recto": 0, "back": 1, "verso": 1}
# x-1 / x_01 / x-001: the pages of one letter. Four digits are a camera's or scanner's count (IMG_0001), never
# pages; nor are the numbers after a camera's or scanner's own prefix.
PAGE = re.compile(r"^(?P<base>.*?[^\W_])[ _.-]+(?P<page>\d{1,3})$")
COUNTER_PREFIXES = {"img", "dsc", "dscn", "dscf", "pict", "scan", "image", "photo", "pxl", "cimg", "sam", "p",
                    "dcim", "mvimg", "gopr", "dji", "picture", "foto", "bild"}


def object_groups(files: list[str]) -> list[PhotoGroup]:
    """The photos in `files` (paths in a folder, in order) grouped into objects: in one folder, x_front with x_back
    (front, recto first), or x-001, x-002 ... (numbered from 0 or 1 with no gap: pages, in number order).
    A photo that shares its name with no other is a group of its own. Groups come in the order of their first
    photo."""
    by_key: dict[tuple[str, str, str], list[tuple[str, str | int]]] = {}
    for rel in files:
        folder, stem = posixpath.dirname(rel), posixpath.splitext(posixpath.basename(rel))[0]
        side, page = SIDE.match(stem), PAGE.match(stem)
        if side:
            by_key.setdefault((folder, "side", side["base"].casefold()), []).append((rel, side["side"].casefold()))
        elif page and page["base"].casefold() not in COUNTER_PREFIXES:
            by_key.setdefault((folder, "page", page["base"].casefold()), []).append((rel, int(page["page"])))
    grouped: dict[str, PhotoGroup] = {}
    for (_, kind, _), members in by_key.items():
        if len(members) < 2 or not _one_object(kind, members):
            continue
        if kind == "side":
            ordered = sorted(members, key=lambda m: SIDE_ORDER[str(m[1])])
            labels = [("front" if m[1] == "front" else "back" if m[1] == "back" else str(m[1])) for m in ordered]
        else:
            ordered = sorted(members, key=lambda m: int(m[1]))
            labels = ["" for _ in ordered]
        stem = posixpath.splitext(posixpath.basename(ordered[0][0]))[0]
        match = SIDE.match(stem) if kind == "side" else PAGE.match(stem)
        assert match is not None
        group = PhotoGroup(match["base"], tuple((rel, label) for (rel, _), label in zip(ordered, labels,
                                                                                         strict=True)))
        for rel, _ in members:
            grouped[rel] = group
    groups: list[PhotoGroup] = []
    seen: set[int] = set()
    for rel in files:
        found = grouped.get(rel)
        if found is None:
            groups.append(PhotoGroup("", ((rel, ""),)))
        elif id(found) not in seen:
            seen.add(id(found))
            groups.append(found)
    return groups


def _one_object(kind: str, members: list[tuple[str, str | int]]) -> bool:
    """Sides: no side twice. Pages: numbered 0 or 1, 2, 3 ... with no gap and none twice."""
    marks = [m[1] for m in members]
    if kind == "side":
        sides = [SIDE_ORDER[str(mark)] for mark in marks]
        return len(set(sides)) == len(sides)
    numbers = sorted(int(mark) for mark in marks)
    return numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _unreadable(path: Path, why: UnreadablePhoto) -> str:
    """Why a photo is not imported. An empty file was 'not a known file format' with its path cut at a newline in
    its name (Found by tests/test_trust_fs_mix.py): what a person can act on instead."""
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = False
    if empty:
        return "the file is empty (0 bytes: a copy cut off, or a download that failed); not imported: copy the photo " \
               "again from where it came"
    return f"can't be read as an image ({why}); not imported{_heif_hint(path)}"


def _heif_hint(path: Path) -> str:
    if path.suffix.casefold() in HEIF_SUFFIXES:
        return " (this libvips may lack the HEVC decoder HEIC photos need: convert them to JPEG, e.g. in Photos)"
    return ""
