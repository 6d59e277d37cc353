"""The photo-folder reader: a folder of photos with embedded metadata -> draft items (and topics, and places).

Each photo becomes an item: its caption, title, keywords, creator and rights from its metadata (photo_metadata.py),
its date as EDTF, its place from its GPS position (the nearest town within 25 km, else a place at those
coordinates) or from the city, state and country its IPTC/XMP names. With `topics_from_folders`, each subfolder is
a topic of the photos in it. A file that can't be read is reported and left out; the others are still imported.
Nothing here writes a file: the result is a Draft and a report.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from albumen.importers.destination import Destination, TopicNames, site_title
from albumen.importers.drafts import Draft, DraftItem, ImageCopy, SiteSettings
from albumen.importers.fields import UniqueIds, caption_markdown, id_slug
from albumen.importers.image_files import image_files
from albumen.importers.photo_metadata import PhotoMetadata, UnreadablePhoto, read_photo_metadata
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.records_report import RecordsImport, RecordsReport
from albumen.problems import AlbumenError, UsageError
from albumen.reporter import Reporter

HEIF_SUFFIXES = (".heic", ".heif")


def read_photo_folder(folder: Path, archive_root: Path, *, topics_from_folders: bool = False,
                      reporter: Reporter | None = None, label: str | None = None) -> RecordsImport:
    """Read the photos under `folder` into a Draft for the archive at `archive_root`."""
    root = archive_root.resolve()
    if folder.resolve() == root:
        raise UsageError("the photo folder can't be the archive folder itself (its _site/ holds the website's "
                         "copies); name the folder with the photos, e.g. `albumen import photos images`")
    return _FolderReader(folder, Destination.at(root), topics_from_folders, reporter or Reporter(),
                         label or str(folder)).read()


class _FolderReader:
    """One import of one folder; `_item` turns one photo into an item, or reports why it can't."""

    def __init__(self, folder: Path, archive: Destination, topics_from_folders: bool, reporter: Reporter,
                 label: str) -> None:
        self.folder, self.archive, self.reporter = folder, archive, reporter
        self.topics_from_folders = topics_from_folders
        self.report = RecordsReport(label, "photo")
        self.image_folder = id_slug(folder.resolve().name) or "photos"
        self.topics = TopicNames(archive.topic_ids)
        self.ids = UniqueIds()
        self.places = LazyPlaceLookup(archive.places)

    def read(self) -> RecordsImport:
        files = image_files(self.folder, skip=self.archive.root)
        if not files:
            raise AlbumenError(f"no photos (JPEG, TIFF, PNG, WebP, HEIC ...) in {self.report.source} or its "
                               "subfolders")
        items: list[DraftItem] = []
        copies: list[ImageCopy] = []
        with self.reporter.progress("read", "photos") as advance:
            for number, (rel, path) in enumerate(files.items(), start=1):
                self.report.read += 1
                made = self._item(rel, path)
                if made is not None:
                    item, copy = made
                    items.append(item)
                    copies += [copy] if copy is not None else []
                    self.report.items.append((f"`{rel}`", item.id))
                advance(number, len(files))
        new_places = self.places.drafts()
        self.report.places = new_places
        self.report.topics = [(topic.title, topic.id) for topic in self.topics.drafts]
        draft = Draft(items=tuple(items), topics=tuple(self.topics.drafts), places=new_places,
                      images=tuple(copies), settings=SiteSettings(title=site_title(self.folder.resolve().name)))
        return RecordsImport(draft, self.report)

    def _item(self, rel: str, path: Path) -> tuple[DraftItem, ImageCopy | None] | None:
        try:
            metadata = read_photo_metadata(path)
        except UnreadablePhoto as why:
            self.report.look(rel, None, f"can't be read as an image ({why}); not imported{_heif_hint(path)}",
                             level="error")
            return None
        source: dict[str, Any] = {"folder": self.folder.resolve().name, "file": rel}
        target, copied = self.archive.image_target(path, self.image_folder, rel)
        item = DraftItem(
            id=self.ids.new(posixpath.splitext(posixpath.basename(rel))[0],
                            usable=lambda candidate: self.archive.may_use_item_id(candidate, target)), image=target,
            caption=caption_markdown(metadata.caption), title=metadata.title, date=self._date(rel, metadata, source),
            places=self._places(rel, metadata, source), subjects=metadata.keywords, topics=self._topics(rel),
            creator=metadata.creator, rights=metadata.rights, source=source,
        )
        return item, ImageCopy(path, target) if copied else None

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


def _heif_hint(path: Path) -> str:
    if path.suffix.casefold() in HEIF_SUFFIXES:
        return " (this libvips may lack the HEVC decoder HEIC photos need: convert them to JPEG, e.g. in Photos)"
    return ""
