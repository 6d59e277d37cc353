"""The spreadsheet reader: a CSV or XLSX sheet of photos (a row each) and a folder of their images -> draft items.

Each row names its image file; the other columns (mapped by `columns.py`) fill the item's fields: the caption
kept exactly (as Markdown that shows the text as written), the date as EDTF (the words as written are kept in
`source.date_text` when they are more than the EDTF), places as ids of places.yaml (new ones added, from the
gazetteer), subjects and topics as lists. A row that can't become an item is reported with its row number and
left out; the other rows are still imported. Nothing here writes a file: the result is a Draft and a report.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from typing import Any

from albumen.config import load_config
from albumen.importers.columns import ColumnMap, fold_header
from albumen.importers.destination import Destination, TopicNames, site_title
from albumen.importers.drafts import Draft, DraftItem, DraftPlace, ImageCopy, SiteSettings
from albumen.importers.fields import (
    UniqueIds,
    caption_markdown,
    coordinate,
    edtf_from_text,
    id_slug,
    numeric_day_first,
    rights_text,
    says_unknown,
    split_values,
)
from albumen.importers.image_files import ImageIndex, folder_files, not_image_kind, odd_names
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.records_report import RecordsImport, RecordsReport
from albumen.importers.tables import Cell, Row, Table
from albumen.problems import AlbumenError, Level, Problems
from albumen.records import ItemImage

REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)  # https://..., ftp://..., www.example.org/...
AXES = {"lat": ("latitude", "46.7256 or 46° 43' 32\" N"), "lon": ("longitude", "-117.0096 or 117° 0' 35\" W")}
EDTF_HINT = "write it as EDTF (1944, 1944-10, 1944-10-05, 1944-23 for autumn 1944, 1944~ for about 1944)"


def read_spreadsheet(table: Table, columns: ColumnMap, sheet: Path, images_dir: Path, archive_root: Path,
                     label: str | None = None) -> RecordsImport:
    """Read the rows of `table` (read from `sheet`) into items whose images are in `images_dir`."""
    return _SheetReader(table, columns, sheet, images_dir, Destination.at(archive_root), label or str(sheet)).read()


class _SheetReader:
    """One import of one sheet; `_item` turns one row into an item, or reports why it can't."""

    def __init__(self, table: Table, columns: ColumnMap, sheet: Path, images_dir: Path, archive: Destination,
                 label: str) -> None:
        self.table, self.columns, self.archive = table, columns, archive
        self.report = RecordsReport(label, "row", how=table.how, columns=columns.describe())
        self.images = ImageIndex(*folder_files(images_dir, skip=archive.root), odd_names(images_dir, archive.root))
        self.images_dir = images_dir
        self.image_folder = id_slug(sheet.stem) or "spreadsheet"
        self.sheet_name, self.sheet_stem = sheet.name, sheet.stem
        self.topics = TopicNames(archive.topic_ids)
        self.ids = UniqueIds()
        self.places = LazyPlaceLookup(archive.places)
        self.located: dict[str, tuple[float, float]] = {}  # a new place's id -> the coordinates its row gave
        self.id_rows: dict[str, int] = {}  # the id each row's file name asked for -> that row
        self.image_rows: dict[str, int] = {}  # image -> the row that took it
        self.day_first = numeric_day_first([self._text(row, "date") for row in table.rows])
        # albumen.toml's language (its problems are `albumen check`'s): the date cells' month names are in it
        self.language = load_config(archive.root, Problems()).language
        # CollectionBuilder's compound objects: a row whose `parentid` names another row's `objectid` is a part of
        # that object (a postcard's side, a letter's page), not an item of its own.
        self.object_column = _column(table.header, "objectid")
        self.parts = self._parts()

    def read(self) -> RecordsImport:
        if not self.table.rows:
            raise AlbumenError(f"{self.report.source} has a header (row {self.table.header_row}) but no rows below it")
        items: list[DraftItem] = []
        copies: list[ImageCopy] = []
        part_rows = {part.number for parts in self.parts.values() for part in parts}
        for number in self.table.controls:  # Found by tests/test_trust_imports.py: NUL written as "\0"
            self.report.look("", number, "control characters (NUL, ESC, DEL ...) taken out of its cells; check its "
                             "text in the item")
        for row in self.table.rows:
            self.report.read += 1
            if row.number in part_rows:
                continue  # read with its object's row
            parts = self.parts.get(self._object_id(row), [])
            made = self._item(row, parts)
            if made is not None:
                item, made_copies = made
                items.append(item)
                copies += made_copies
                rows = f"rows {row.number}–{parts[-1].number}" if parts else f"row {row.number}"
                self.report.items.append((f"{rows} (`{self._text(row, 'file') or self._object_id(row)}`)", item.id))
        new_places = tuple(self._located(place) for place in self.places.drafts())
        self.report.places = new_places
        self.report.topics = [(topic.title, topic.id) for topic in self.topics.drafts]
        draft = Draft(items=tuple(items), topics=tuple(self.topics.drafts), places=new_places,
                      images=tuple(copies), settings=SiteSettings(title=site_title(self.sheet_stem)))
        return RecordsImport(draft, self.report)

    def _parts(self) -> dict[str, list[Row]]:
        """A compound object's id -> its part rows, in row order (CollectionBuilder's `parentid` column)."""
        parent_column = _column(self.table.header, "parentid")
        if parent_column is None or self.object_column is None:
            return {}
        ids = {self._object_id(row) for row in self.table.rows} - {""}
        parts: dict[str, list[Row]] = {}
        for row in self.table.rows:
            parent = row.cells[parent_column].text.strip() if parent_column < len(row.cells) else ""
            if parent and parent in ids and parent != self._object_id(row):
                parts.setdefault(parent, []).append(row)
            elif parent:
                self._look(row, f"its parentid '{parent}' is no row's objectid; imported as an item of its own")
        return parts

    def _object_id(self, row: Row) -> str:
        column = self.object_column
        return row.cells[column].text.strip() if column is not None and column < len(row.cells) else ""

    # -- one row ---------------------------------------------------------------------------------------------

    def _item(self, row: Row, parts: list[Row]) -> tuple[DraftItem, list[ImageCopy]] | None:
        """The row's item: its own image (or Wax's folder of pages), then its parts' images, each labelled with
        its part's title; the object's fields are its own row's."""
        if row.empty:
            self._look(row, "an empty row; skipped")
            return None
        if len(row.cells) > len(self.table.header):
            extra = len(row.cells) - len(self.table.header)
            self._look(row, f"{extra} more cell(s) than the header has columns; kept in source as 'extra' (a "
                       "delimiter inside a cell that is not in quotes?)")
        found = self._images(row, required=not parts)
        if found is None:
            return None
        own = [(image, "") for image in found]
        labelled = own + [(image, " ".join(self._text(part, "title").split())) for part in parts
                          for image in self._images(part) or []]
        if not labelled:
            numbers = ", ".join(str(part.number) for part in parts)
            self._look(row, f"a compound object whose parts (rows {numbers}) have no image here (see those rows); "
                       "the row was not imported", "error")
            return None
        targets: list[ItemImage] = []
        copies: list[ImageCopy] = []
        for image, label in labelled:
            target, copied = self.archive.image_target(self.images.files[image], self.image_folder, image)
            targets.append(ItemImage(target, label))
            copies += [ImageCopy(self.images.files[image], target)] if copied else []
        named = self._object_id(row) or self._text(row, "file") if parts or len(own) > 1 else labelled[0][0]
        item_id = self._id(row, named, targets[0].path)
        source = self._source(row)
        if parts:
            source["parts"] = [{"row": part.number, "file": self._text(part, "file")} for part in parts]
        alt = self._text(row, "alt") or next((self._text(part, "alt") for part in parts if self._text(part, "alt")),
                                             "")
        item = DraftItem(
            id=item_id, image=targets[0].path, caption=caption_markdown(self._text(row, "caption")),
            title=" ".join(self._text(row, "title").split()), date=self._date(row, source),
            places=self._places(row, source), subjects=tuple(self._subjects(row)),
            topics=tuple(self.topics.id_for(name) for name in split_values(self._text(row, "topic"), ";|")),
            creator=" ".join(self._text(row, "creator").split()),
            rights=rights_text(self._text(row, "rights"), self._text(row, "rights_uri")),
            alt=" ".join(alt.split()), source=source, images=tuple(targets) if len(targets) > 1 else (),
        )
        return item, copies

    def _images(self, row: Row, required: bool = True) -> list[str] | None:
        """The images the row names (paths inside images_dir): its file, or a folder of pages named by it (Wax);
        None, reported, when there is none to use ([] for an object's row that names no file of its own)."""
        column = self.table.header[self.columns.fields["file"]]
        given = self._text(row, "file")
        if not given:
            if not required:
                return []
            self._look(row, f"no image file named in column '{column}'; the row was not imported", "error")
            return None
        if REMOTE.match(given):
            self._look(row, f"the file is on another server ({given}); albumen does not download: save it into "
                       f"{self.images_dir} (or the folder given with --images) and name the file in column "
                       f"'{column}'; the row was not imported", "error")
            return None
        found = self.images.find(given)
        if not found:
            pages = self.images.find_folder(given)
            if pages:
                return self._not_taken(row, pages)
            self._no_image(row, given, column)
            return None
        if len(found) > 1:
            self._look(row, f"'{given}' could be any of {', '.join(found)}; {found[0]} was used: give the path "
                       f"(e.g. {found[0]}) in column '{column}' to choose")
        return self._not_taken(row, found[:1])

    def _not_taken(self, row: Row, images: list[str]) -> list[str] | None:
        """The images, unless another row took one of them already (reported)."""
        for image in images:
            if image in self.image_rows:
                self._look(row, f"the same image as row {self.image_rows[image]} ({image}); the row was not "
                           "imported: merge the two rows", "error")
                return None
        for image in images:
            self.image_rows[image] = row.number
        return images

    def _no_image(self, row: Row, given: str, column: str) -> None:
        """Why a row's file can't be its image: the file is no image (a PDF, a recording), or it is not there."""
        odd = self.images.find_odd(given)
        if odd:  # said "no image ... is the file there?" of a FIFO or a link loop (Found by tests/test_trust_fs_mix.py)
            rel, why = odd[0]
            self._look(row, f"'{given}' names {rel}, which can't be read: {why}; the row was not imported", "error")
            return
        other = self.images.find_other(given)
        kind = not_image_kind(other[0] if other else given)
        if kind:
            where = f"{other[0]} is" if other else f"'{given}' names"
            self._look(row, f"not an image: {where} {kind}; albumen publishes photographs and scans (JPEG, TIFF, "
                       f"PNG, WebP, HEIC): name an image of it (a scan, a page, a cover) in column '{column}', or "
                       "leave the row out; the row was not imported", "error")
            return
        self._look(row, f"no image '{given}' in {self.images_dir} or its subfolders; the row was not imported "
                   "(is the file there? give the folder with --images DIR)", "error")

    def _id(self, row: Row, image: str, target: str) -> str:
        """The id from the image's file name (an object's id for an object of several images; the title when the
        name gives none), unique in the import and not another photo's in the archive."""
        stem = posixpath.splitext(posixpath.basename(image))[0]
        wanted = id_slug(stem) or id_slug(self._text(row, "title"))
        item_id = self.ids.new(stem, self._text(row, "title"),
                               usable=lambda candidate: self.archive.may_use_item_id(candidate, target))
        if wanted and item_id != wanted and wanted in self.id_rows:
            self._look(row, f"the id '{wanted}' is taken by row {self.id_rows[wanted]} (two images named alike); "
                       f"this row's item is '{item_id}'")
        self.id_rows.setdefault(wanted, row.number)
        return item_id

    def _date(self, row: Row, source: dict[str, Any]) -> str:
        cell = self._cell(row, "date")
        if cell.day is not None:  # an Excel date: as much of it as its format shows ("mmm-yy": the month)
            return {"day": cell.day.isoformat(), "month": cell.day.isoformat()[:7], "year": str(cell.day.year)}[
                cell.shows]
        if not cell.text:
            return ""
        if says_unknown(cell.text):
            source["date_text"] = cell.text
            return ""
        reading = edtf_from_text(cell.text, self.day_first, self.language)
        if not reading.exact:
            source["date_text"] = cell.text
        if not reading.edtf:
            self._look(row, f"can't read the date '{cell.text}'; it is kept in source.date_text: {EDTF_HINT}")
        elif not reading.whole:
            self._look(row, f"only part of the date '{cell.text}' could be read: {reading.edtf}; the words are kept "
                       f"in source.date_text: check the date, or {EDTF_HINT}")
        return reading.edtf

    def _places(self, row: Row, source: dict[str, Any]) -> tuple[str, ...]:
        """The places the row names; with no name, the place at its latitude and longitude (the town within 25 km,
        else a new place at that point), which also locate a new place the name gives."""
        text = self._text(row, "place")
        point = self._point(row, source)
        if not text or says_unknown(text):
            if text:
                source["place_text"] = text
            return (self.places.at(*point),) if point else ()
        named = self.places.named(text)
        if not named.exact:
            source["place_text"] = text
        if point and len(named.unknown) == 1 and len(named.ids) == 1:
            self.located.setdefault(named.ids[0], point)
            return named.ids
        for name in named.unknown:
            self._look(row, f"the place '{name}' is not in places.yaml or the gazetteer (or names several places); "
                       "it was added to places.yaml without coordinates: add its lat and lon there")
        return named.ids

    def _point(self, row: Row, source: dict[str, Any]) -> tuple[float, float] | None:
        """The row's latitude and longitude (kept in source.gps), or None, reported when they can't be read."""
        if "lat" not in self.columns.fields:
            return None
        texts = {axis: self._text(row, axis) for axis in ("lat", "lon")}
        if not any(texts.values()):
            return None
        values = {axis: coordinate(text, axis) for axis, text in texts.items()}
        for axis, other in (("lat", "lon"), ("lon", "lat")):
            column = self.table.header[self.columns.fields[axis]]
            if not texts[axis]:
                self._look(row, f"a {AXES[other][0]} without a {AXES[axis][0]} (column '{column}' is empty); no place "
                           "was taken from it")
                return None
            if values[axis] is None:
                self._look(row, f"can't read the {AXES[axis][0]} '{texts[axis]}' in column '{column}' (decimal "
                           f"degrees, e.g. {AXES[axis][1]}); no place was taken from it")
                return None
        lat, lon = values["lat"], values["lon"]
        assert lat is not None and lon is not None
        if lat == 0 and lon == 0:
            return None  # 0°, 0° is a blank filled with zeros, not a photo taken in the Gulf of Guinea
        source["gps"] = [round(lat, 6), round(lon, 6)]
        return lat, lon

    def _located(self, place: DraftPlace) -> DraftPlace:
        """A new place with the coordinates its row gave, when the gazetteer gave it none."""
        point = self.located.get(place.id)
        if point is None or place.lat is not None:
            return place
        return dataclasses.replace(place, lat=round(point[0], 6), lon=round(point[1], 6))

    def _subjects(self, row: Row) -> list[str]:
        """'rivers; boats' or 'rivers, boats': semicolons (or |) when the cell has them, else commas."""
        text = self._text(row, "subjects")
        return split_values(text, ";|" if re.search(r"[;|]", text) else ",")

    def _source(self, row: Row) -> dict[str, Any]:
        """Where the item came from, with the cells of the columns that are no field (nothing is lost)."""
        kept = {self.table.header[index]: row.cells[index].text for index in self.columns.kept
                if index < len(row.cells) and row.cells[index].text}
        extra = [cell.text for cell in row.cells[len(self.table.header):] if cell.text]
        source: dict[str, Any] = {"spreadsheet": self.sheet_name, "row": row.number, "file": self._text(row, "file")}
        if kept:
            source["columns"] = kept
        if extra:
            source["extra"] = extra
        return source

    # -- cells -----------------------------------------------------------------------------------------------

    def _cell(self, row: Row, name: str) -> Cell:
        index = self.columns.fields.get(name)
        return row.cells[index] if index is not None and index < len(row.cells) else Cell("")

    def _text(self, row: Row, name: str) -> str:
        return self._cell(row, name).text

    def _look(self, row: Row, message: str, level: Level = "warning") -> None:
        self.report.look("", row.number, message, level)


def _column(header: tuple[str, ...], folded: str) -> int | None:
    """The first column whose name folds to `folded` ('parentid' finds 'parentid' and 'Parent ID')."""
    return next((index for index, name in enumerate(header) if fold_header(name) == folded), None)
