"""Fields a photo's own page lists in a table of labels and values: iView MediaPro's annotations (Caption,
Headline, Event, Location, Date Created, Photographer), and the like of other gallery makers' IPTC tables; the
list of 'Label: value' items Aperture's web journal sets beside the photo ("Date: 6/7/15, 11:57:20 AM PDT",
"Aperture: f/13"); iPhoto's table of Latitude / Longitude / Altitude / Location under it.

A table is taken as such when at least two of its rows are a known label ending in ':' and a value, or when
every row that has words is a known label (with or without the ':') and a value, two rows or more (iPhoto's,
a spacer cell between the two); a list when two of its items are such a label and a value, or all of them are.
Its rows are then never caption text, and each known label gives the item's field. A label albumen has no field
for stays in the caption's text, as the page showed it; the camera's settings (CAMERA) are no one's words and are
left out: the photo file's own metadata holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from albumen.importers.fields import coordinate
from albumen.importers.html_page import normalise_space

FIELD_OF_LABEL = {
    "caption": "caption", "description": "caption", "comment": "caption", "comments": "caption",
    "headline": "title", "title": "title", "object name": "title",
    "date": "date", "date created": "date", "date taken": "date", "date/time original": "date",
    # the date and the photographer in the languages of the spreadsheet's headers (columns.py): "Datum:"
    "datum": "date", "fecha": "date", "data": "date", "aufnahmedatum": "date",
    "location": "place", "place": "place", "sublocation": "place", "city": "city",
    "state": "region", "province": "region", "state/province": "region", "province/state": "region",
    "country": "country", "country name": "country",
    "photographer": "creator", "author": "creator", "creator": "creator", "by-line": "creator", "credit": "creator",
    "fotograaf": "creator", "fotograf": "creator", "photographe": "creator", "fotógrafo": "creator",
    "fotografo": "creator",
    "event": "subjects", "keywords": "subjects", "people": "subjects",
    "copyright": "rights", "copyright notice": "rights",
    "latitude": "lat", "longitude": "lon", "altitude": "altitude",
}
CAMERA = "camera"  # the field of the camera's settings: read so that they are no caption, then left out
FIELD_OF_LABEL |= dict.fromkeys((
    "aperture", "f-number", "f-stop", "shutter speed", "exposure", "exposure time", "exposure bias",
    "exposure compensation", "exposure program", "iso", "iso speed", "iso speed rating", "iso speed ratings",
    "focal length", "camera", "camera make", "camera model", "lens", "flash", "metering mode",
    "white balance"), CAMERA)
LEAST_ROWS = 2


@dataclass
class LabelledFields:
    """The fields of one table: field -> its values in the page's order, and the rows they came from."""

    values: dict[str, list[str]] = field(default_factory=dict)
    rows: set[int] = field(default_factory=set)  # the mem_ids of the <tr>s read

    def first(self, name: str) -> str:
        return next(iter(self.values.get(name, [])), "")

    def place_text(self) -> str:
        """Where the photo was taken, from the most precise field to the country ("Salthill, Galway, Ireland"); a
        part that an earlier one already says ("Galway" after "Galway, Ireland") is not said twice."""
        kept: list[str] = []
        for name in ("place", "city", "region", "country"):
            for value in self.values.get(name, []):
                if not any(value.casefold() in part.casefold() for part in kept):
                    kept.append(value)
        return ", ".join(kept)

    def position(self) -> tuple[float, float] | None:
        """The latitude and longitude the fields give (iPhoto's '51.494463˚ N', '0.12381117˚ W'), or None."""
        lat, lon = coordinate(self.first("lat"), "lat"), coordinate(self.first("lon"), "lon")
        return (lat, lon) if lat is not None and lon is not None and (lat, lon) != (0, 0) else None


def labelled_fields(body: LexborNode | None) -> LabelledFields | None:
    """The first table or list of the page whose rows are labelled fields, or None."""
    if body is None:
        return None
    for box in body.css("table, ul, ol"):
        found = _table_fields(box) if box.tag == "table" else _list_fields(box)
        if found is not None:
            return found
    return None


def _table_fields(table: LexborNode) -> LabelledFields | None:
    colon, bare = LabelledFields(), LabelledFields()  # the rows of 'Label:' alone, and of any known label
    worded = 0  # the rows that have words at all
    for row in table.css("tr"):
        if _box_of(row, "table") != table.mem_id:
            continue  # a row of a table inside this one
        cells = [text for cell in row.iter(include_text=False) if cell.tag in ("td", "th")
                 and (text := normalise_space(cell.text(deep=True)))]  # without iPhoto's spacer cell
        worded += bool(cells)
        if len(cells) == 2:
            _add_field(bare, row, cells[0], cells[1])
            if cells[0].endswith(":"):
                _add_field(colon, row, cells[0], cells[1])
    if len(colon.rows) >= LEAST_ROWS:
        return colon
    return bare if len(bare.rows) >= LEAST_ROWS and len(bare.rows) == worded else None


def _list_fields(box: LexborNode) -> LabelledFields | None:
    found = LabelledFields()
    worded = 0
    for item in box.css("li"):
        if _box_of(item, "ul", "ol") != box.mem_id or item.css_first("ul, ol") is not None:
            continue  # an item of a list inside this one, or one holding a list (its words are no one field)
        text = normalise_space(item.text(deep=True))
        worded += bool(text)
        label, colon, value = text.partition(":")
        if colon:
            _add_field(found, item, label, value.strip())
    return found if found.rows and (len(found.rows) >= LEAST_ROWS or len(found.rows) == worded) else None


def _add_field(found: LabelledFields, row: LexborNode, label: str, value: str) -> None:
    name = FIELD_OF_LABEL.get(label.rstrip(":").strip().casefold())
    if name is not None and value:
        found.values.setdefault(name, []).append(value)
        found.rows.add(row.mem_id)


def _box_of(node: LexborNode, *tags: str) -> int | None:
    """The mem_id of the table (or list) a row (or item) belongs to (selectolax makes a new node object at each
    step)."""
    parent = node.parent
    while parent is not None and parent.tag not in tags:
        parent = parent.parent
    return parent.mem_id if parent is not None else None
