"""Fields a photo's own page lists in a table of labels and values: iView MediaPro's annotations (Caption,
Headline, Event, Location, Date Created, Photographer), and the like of other gallery makers' IPTC tables.

A table is taken as such only when at least two of its rows are a known label ending in ':' and a value; its
rows are then never caption text, and each known label gives the item's field. A label albumen has no field for
stays in the caption's text, as the page showed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

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
}
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


def labelled_fields(body: LexborNode | None) -> LabelledFields | None:
    """The first table of the page whose rows are labelled fields, or None."""
    if body is None:
        return None
    for table in body.css("table"):
        found = LabelledFields()
        for row in table.css("tr"):
            if _table_of(row) != table.mem_id:
                continue  # a row of a table inside this one
            cells = [cell for cell in row.iter(include_text=False) if cell.tag in ("td", "th")]
            if len(cells) != 2:
                continue
            label = normalise_space(cells[0].text(deep=True))
            name = FIELD_OF_LABEL.get(label.rstrip(":").strip().casefold())
            value = normalise_space(cells[1].text(deep=True))
            if not label.endswith(":") or name is None or not value:
                continue
            found.values.setdefault(name, []).append(value)
            found.rows.add(row.mem_id)
        if len(found.rows) >= LEAST_ROWS:
            return found
    return None


def _table_of(row: LexborNode) -> int | None:
    """The mem_id of the table a row belongs to (selectolax makes a new node object at each step)."""
    parent = row.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent.mem_id if parent is not None else None
