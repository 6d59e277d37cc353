"""Which spreadsheet column holds which field: guessed from the header's words, or given with --map FIELD=COLUMN.

Headers are compared folded (case, accents, spaces and punctuation ignored: "File name", "FILENAME", "file_name"
are one spelling), against the spellings below in English, German, French, Spanish, Italian and Dutch. Columns
that are no field are kept, each under its own name, in the item's `source`, so nothing in the sheet is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from albumen.problems import UsageError

# The fields a column can fill, in the order they are listed to the user. `topic` and `alt` go beyond the eight
# the issue names because albums (a "Series" or "Album" column) and alt text are common in archive sheets;
# `rights_uri` (a rightsstatements.org or Creative Commons URI, as CollectionBuilder's `rightsstatement` column
# holds) goes into the rights beside their words; `lat` and `lon` (decimal degrees) place the row.
FIELDS = ("file", "title", "caption", "date", "place", "lat", "lon", "subjects", "creator", "rights", "rights_uri",
          "topic", "alt")
PAIRED = ("lat", "lon")  # one without the other places nothing

# Folded spellings of each field's header, the likeliest first (when two columns could be the caption, the one
# named "Caption" wins over the one named "Notes", which is then kept in source).
SPELLINGS: dict[str, tuple[str, ...]] = {
    "file": ("file", "filename", "filenames", "image", "imagefile", "imagefilename", "imagename", "scan", "scanfile",
             "scanfilename", "filepath", "path", "photo", "photofile", "picture", "digitalfile", "bild", "bilddatei",
             "datei", "dateiname", "fichier", "nomdufichier", "nomdefichier", "archivo", "nombredearchivo",
             "immagine", "nomefile", "bestand", "bestandsnaam", "afbeelding", "foto",
             # CollectionBuilder names the file `object_location` and each row `objectid`; Wax names an image by
             # its row's `pid`: a file named like the id ("obj1" finds obj1.jpg). Last: a real file column wins.
             "objectlocation", "objectfile", "mediafile", "filelocation", "objectid", "pid"),
    "title": ("title", "titel", "titre", "titulo", "titolo", "headline", "objectname", "heading", "name",
              "label", "dctitle", "dublincoretitle"),
    "caption": ("caption", "description", "beschreibung", "bildunterschrift", "beschriftung", "legende",
                "descripcion", "descrizione", "didascalia", "bijschrift", "omschrijving",
                "beschrijving", "captiontext", "notes", "note", "remarks", "comment", "comments", "bemerkungen",
                "dcdescription", "dublincoredescription"),
    "date": ("date", "datum", "year", "jahr", "annee", "fecha", "ano", "data", "anno", "jaar", "datetaken",
             "datecreated", "dateofphotograph", "photodate", "aufnahmedatum", "when", "circa"),
    "place": ("place", "location", "ort", "lieu", "lugar", "luogo", "plaats", "locality", "city", "town",
              "aufnahmeort", "where", "places", "locations", "orte", "lieux"),
    "lat": ("latitude", "lat", "gpslatitude", "breitengrad", "breite", "latitud", "latitudine", "breedtegraad"),
    "lon": ("longitude", "lon", "lng", "long", "gpslongitude", "langengrad", "laengengrad", "longitud",
            "longitudine", "lengtegraad"),
    "subjects": ("subjects", "subject", "keywords", "keyword", "tags", "tag", "schlagworte", "schlagworter",
                 "stichworte", "motscles", "sujets", "sujet", "palabrasclave", "temas", "parolechiave", "trefwoorden",
                 "categories", "category"),
    "creator": ("creator", "photographer", "author", "artist", "byline", "fotograf", "urheber", "autor",
                "photographe", "auteur", "fotografo", "autore", "maker", "takenby"),
    "rights": ("rights", "copyright", "license", "licence", "usagerights", "lizenz", "rechte", "droits", "licencia",
               "derechos", "diritti", "licentie", "rechten", "dcrights", "dublincorerights"),
    "rights_uri": ("rightsstatement", "rightsuri", "rightsurl", "rightsstatementuri", "licenseuri", "licenseurl",
                   "licenceuri", "licenceurl", "edmrights", "standardizedrights"),
    "topic": ("topic", "topics", "album", "series", "serie", "thema", "theme", "themes", "gallery"),
    "alt": ("alt", "alttext", "alternativetext", "alternatetext", "imagealttext", "imagealt"),
}


@dataclass(frozen=True)
class ColumnMap:
    """field -> the index of its column; the other columns are kept in source."""

    header: tuple[str, ...]
    fields: dict[str, int]
    given: frozenset[str]  # the fields the user named with --map

    @property
    def kept(self) -> list[int]:
        used = set(self.fields.values())
        return [index for index in range(len(self.header)) if index not in used]

    def describe(self) -> str:
        """'Bild → file, Titel → title, ...; kept in source: Box, Notes' for the summary and the report."""
        mapped = [f"{self.header[index]} → {name}{' (given)' if name in self.given else ''}"
                  for name in FIELDS if (index := self.fields.get(name)) is not None]
        kept = [self.header[index] for index in self.kept]
        return ", ".join(mapped) + (f"; kept in source: {', '.join(kept)}" if kept else "")


def fold_header(text: str) -> str:
    """'File name' / 'FILE_NAME' / 'Fichier' -> 'filename' / 'filename' / 'fichier'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def guess_columns(header: tuple[str, ...]) -> dict[str, int]:
    """Each field's likeliest column, by the spellings above; a column fills one field at most."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank of the spelling, column index)
    for index, name in enumerate(header):
        folded = fold_header(name)
        for field in FIELDS:
            if folded in SPELLINGS[field]:
                rank = (SPELLINGS[field].index(folded), index)
                if field not in best or rank < best[field]:
                    best[field] = rank
                break
    if not all(field in best for field in PAIRED):
        for field in PAIRED:
            best.pop(field, None)  # a "Long" column alone is no longitude: nothing to place with it
    return {field: index for field, (_, index) in best.items()}


def column_map(header: tuple[str, ...], given: list[str], source: str) -> ColumnMap:
    """The guessed mapping with the user's `FIELD=COLUMN` choices over it (`FIELD=` leaves a field out).

    UsageError (exit 2) for an unknown field or column, and when no column names the image files.
    """
    fields = guess_columns(header)
    named: set[str] = set()
    for choice in given:
        field, column = _parse_choice(choice)
        named.add(field)
        fields.pop(field, None)
        if not column:
            continue
        index = _column_index(header, column, source)
        for other, taken in list(fields.items()):
            if taken == index:
                del fields[other]  # the user's choice wins over a guess for the same column
        fields[field] = index
    if sum(field in fields for field in PAIRED) == 1:
        raise UsageError("--map: the latitude and the longitude go together: name both, e.g. --map lat=Latitude "
                         "--map lon=Longitude (or neither: lat= lon=)")
    if "file" not in fields:
        raise UsageError(f"can't tell which column of {source} names the image files (its columns: "
                         f"{_listed_columns(header)}); name it with --map file=COLUMN")
    return ColumnMap(header, fields, frozenset(named))


def _parse_choice(choice: str) -> tuple[str, str]:
    field, sep, column = choice.partition("=")
    field = field.strip().casefold()
    if not sep:
        raise UsageError(f"--map takes FIELD=COLUMN (e.g. --map caption=Description), not '{choice}'")
    if field not in FIELDS:
        raise UsageError(f"--map {choice}: there is no field '{field}'; the fields are {', '.join(FIELDS)}")
    return field, column.strip()


def _column_index(header: tuple[str, ...], column: str, source: str) -> int:
    """The column named `column`: exactly, else ignoring case and spacing."""
    for matches in (lambda name: name == column, lambda name: fold_header(name) == fold_header(column)):
        found = [index for index, name in enumerate(header) if matches(name)]
        if found:
            return found[0]
    raise UsageError(f"--map: {source} has no column '{column}'; its columns: {', '.join(header)}")


def _listed_columns(header: tuple[str, ...], shown: int = 30) -> str:
    """The first columns' names, and how many more: a sheet of 10,000 columns made a message of 90 kB (Found by
    tests/test_trust_imports.py)."""
    more = f" and {len(header) - shown} more" if len(header) > shown else ""
    return ", ".join(header[:shown]) + more
