"""Spreadsheets -> a header and numbered rows of cells: CSV (any encoding Excel writes, `,` `;` or tab) and XLSX.

Row numbers are the spreadsheet's own (1-based, counting the header and empty rows), so a problem reported for
row 7 is on the row a person sees as 7 in Excel or LibreOffice. A CSV row is a record: a caption with line breaks
in it is still one row.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError

from albumen.archive_reader import CONTROLS
from albumen.importers.decoding import decode_page
from albumen.problems import AlbumenError, UsageError
from albumen.reading import UnreadableFile, read_regular_file

DELIMITERS = (",", ";", "\t")
# What openpyxl raises for a workbook that is not one, is damaged, cut short or hostile (defusedxml's refusals are
# ValueErrors; its own InvalidFileException is added where openpyxl is imported): a file's fault, said as one.
UNREADABLE_WORKBOOK: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, ElementTree.ParseError, ExpatError, KeyError, OSError, ValueError,
    TypeError, AttributeError, IndexError)
SNIFF_ROWS = 50  # rows looked at to choose the delimiter
MAX_WORKBOOK_BYTES = 256 * 2**20  # unpacked; 100,000 rows of captions are ~50 MB of sheet XML
MAX_SHEET_FILE_BYTES = 1024 * 2**20  # a CSV or a workbook as it is on disk


@dataclass(frozen=True)
class Cell:
    """A cell's text, and for an Excel date cell, the date and how much of it its format shows."""

    text: str
    day: datetime.date | None = None
    shows: str = "day"  # "day", "month" or "year": a date cell formatted "mmm-yy" means the month


@dataclass(frozen=True)
class Row:
    number: int  # the spreadsheet's row number, 1-based
    cells: tuple[Cell, ...]

    @property
    def empty(self) -> bool:
        return not any(cell.text for cell in self.cells)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # column names; an unnamed column is called by its letter ("column C")
    header_row: int
    rows: tuple[Row, ...]  # the rows below the header, empty ones included
    how: str  # how it was read, for the report: "UTF-8, ';'", "sheet 'Photos'"
    controls: tuple[int, ...] = ()  # rows whose control characters (NUL, ESC ...) were taken out


def read_csv(path: Path, encoding: str | None = None) -> Table:
    """A CSV file's rows; the encoding as the HTML importer decodes (BOM, UTF-8, `encoding`, cp1252)."""
    decoded = decode_page(sheet_bytes(path), encoding)
    # A caption of 1 MB is text a person pasted, not a damaged file (Found by tests/test_trust_imports.py): a cell
    # may be as long as the file, where csv's own limit (128 kB) refused it.
    csv.field_size_limit(max(csv.field_size_limit(), len(decoded.text) + 1))
    delimiter = choose_delimiter(decoded.text)
    records = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for number, record in enumerate(records, 1):
            rows.append(Row(number, tuple(Cell(text.strip()) for text in record)))
    except csv.Error as exc:
        raise AlbumenError(f"{path}:{len(rows) + 1}: can't read this row as CSV ({exc}); is it a text file of "
                           "rows and columns?") from exc
    name = {"\t": "tab", ",": "','", ";": "';'"}[delimiter]
    return _table(rows, f"{decoded.encoding}, {decoded.how}; separated by {name}", path)


def sheet_bytes(path: Path) -> bytes:
    """The bytes of a sheet's file. A FIFO named photos.csv or photos.xlsx hung the import forever (Found by
    tests/test_trust_fs_mix.py): the file is checked to be an ordinary one as it is opened, and read once."""
    try:
        return read_regular_file(path, MAX_SHEET_FILE_BYTES)
    except UnreadableFile as why:
        raise AlbumenError(f"can't read {path}: {why}") from why


def choose_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the same number of cells, and the most of them."""
    def score(delimiter: str) -> tuple[float, int]:
        records = [r for r in _first_records(text, delimiter) if any(cell.strip() for cell in r)]
        if not records:
            return (0.0, 0)
        width = len(records[0])
        same = sum(1 for r in records if len(r) == width) / len(records)
        return (same if width > 1 else 0.0, width)

    return max(DELIMITERS, key=score)


def _first_records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= SNIFF_ROWS:
                break
    except csv.Error:
        pass  # a quote the delimiter tried can't close: this delimiter scores on what it read
    return records


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    """The rows of the workbook's first sheet, or of the sheet named `sheet` (UsageError if it has none).

    A damaged or cut-short workbook, or one that declares XML entities (refused by defusedxml, which openpyxl
    uses when it is installed), is an AlbumenError naming the file, never a traceback: openpyxl reads a read-only
    sheet as it is iterated, so its errors come from the rows as well as from opening it.
    """
    from openpyxl import load_workbook
    from openpyxl.reader.excel import SUPPORTED_FORMATS
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (*UNREADABLE_WORKBOOK, InvalidFileException)
    if path.suffix.casefold() not in SUPPORTED_FORMATS:  # openpyxl asks this of a name, not of the bytes read
        kind = "an old .xls" if path.suffix.casefold() == ".xls" else f"a '{path.suffix}' file"
        raise AlbumenError(f"can't read {path} as an Excel workbook (.xlsx, .xlsm, .xltx or .xltm): its name says "
                           f"it is {kind}; open it in a spreadsheet program and save it as .xlsx or CSV")
    raw = sheet_bytes(path)
    _refuse_a_zip_bomb(path, raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except unreadable as exc:
        raise AlbumenError(_unreadable_workbook(path, exc)) from exc
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise UsageError(f"{path} has no sheet '{sheet}'; its sheets: {', '.join(names)}")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        worksheet.reset_dimensions()  # some programs write a wrong size; read every row there is
        rows = [Row(number, tuple(_xlsx_cell(cell) for cell in cells))
                for number, cells in enumerate(worksheet.iter_rows(), 1)]
        return _table(rows, f"sheet '{worksheet.title}'", path)
    except unreadable as exc:
        raise AlbumenError(_unreadable_workbook(path, exc)) from exc
    finally:
        workbook.close()


def _refuse_a_zip_bomb(path: Path, raw: bytes) -> None:
    """An AlbumenError when the workbook's parts unpack to more than MAX_WORKBOOK_BYTES.

    A 500 KB workbook whose sheet unpacked to 520 MB kept an import busy for a minute (Found by
    tests/test_trust_imports.py). The zip's directory says each part's size before anything is unpacked, and
    zipfile never unpacks more than that size (a part that lies about it fails its CRC), so the directory is enough.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(max(info.file_size, 0) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: openpyxl says so, in its words
    if unpacked > MAX_WORKBOOK_BYTES:
        raise AlbumenError(f"can't read {path}: its parts unpack to {unpacked // 2**20} MB, more than a sheet of "
                           f"photos can need (at most {MAX_WORKBOOK_BYTES // 2**20} MB); the file is damaged or made "
                           "to fill the memory: open it in a spreadsheet program and save it as CSV")


def _unreadable_workbook(path: Path, exc: BaseException) -> str:
    """What is wrong with a workbook openpyxl can't read, and what to do, on one line."""
    cause = _root_cause(exc)
    lines = str(cause).strip().splitlines()
    detail = f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__
    if _declares_entities(cause):
        return (f"can't read {path}: it declares XML entities (a DTD), which no spreadsheet program writes and "
                f"albumen does not read ({detail}); open it in a spreadsheet program and save it again as .xlsx")
    if isinstance(cause, zipfile.BadZipFile | zlib.error | EOFError | ElementTree.ParseError | ExpatError):
        return (f"can't read {path}: the workbook is damaged or cut short ({detail}); copy it again from where it "
                "came, or open it in a spreadsheet program and save it again")
    return f"can't read {path} as an Excel workbook ({detail}); an old .xls must first be saved as .xlsx or CSV"


def _root_cause(exc: BaseException) -> BaseException:
    """openpyxl wraps what went wrong ('Unable to read workbook ... see the exception'): the exception it wraps."""
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    return exc


def _declares_entities(exc: BaseException) -> bool:
    """defusedxml's refusal, or expat's own (its entity expansion limit, an entity it does not resolve)."""
    if type(exc).__module__.startswith("defusedxml"):
        return True
    said = str(exc)
    return isinstance(exc, ElementTree.ParseError | ExpatError) and ("amplification" in said or "entity" in said)


def _xlsx_cell(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return Cell("")
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        shows = _date_format_shows(getattr(cell, "number_format", "") or "")
        return Cell(day.isoformat(), day, shows)
    if isinstance(value, float) and value.is_integer():
        return Cell(str(int(value)))  # 1944.0: a year typed into a number cell
    if isinstance(value, bool):
        return Cell("yes" if value else "no")
    return Cell(str(value).strip())


def _date_format_shows(number_format: str) -> str:
    """How much of a date an Excel number format shows: 'mmm-yy' -> month, 'yyyy' -> year, 'dd/mm/yyyy' -> day."""
    codes = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format).casefold()  # quoted text, colours, escapes
    if "d" in codes:
        return "day"
    return "month" if "m" in codes else "year" if "y" in codes else "day"


def _table(rows: list[Row], how: str, path: Path) -> Table:
    """The header is the first row that names two columns or more (a title line above it is skipped), or the
    first that names any; the rows after it are the data."""
    rows, controls = _without_controls(rows)
    named = [row for row in rows if not row.empty]
    first = next((row for row in named if sum(1 for cell in row.cells if cell.text) >= 2), named[0] if named else None)
    if first is None:
        raise AlbumenError(f"{path} is empty: its first row should name the columns (Title, Caption, File ...)")
    header = tuple(cell.text or f"column {_letters(index)}" for index, cell in enumerate(first.cells))
    below = [row for row in rows if row.number > first.number]
    how += f"; the header is row {first.number}" if first.number > 1 else ""
    return Table(header, first.number, tuple(_without_trailing_empty(below)), how, controls)


def _without_controls(rows: list[Row]) -> tuple[list[Row], tuple[int, ...]]:
    """The rows with NUL, ESC, DEL and C1 characters taken out (no one's text; they made the archive's YAML hold
    "\\0"), and the numbers of the rows that had some (Found by tests/test_trust_imports.py)."""
    cleaned, numbers = [], []
    for row in rows:
        if any(CONTROLS.search(cell.text) for cell in row.cells):
            numbers.append(row.number)
            row = Row(row.number, tuple(dataclasses.replace(cell, text=CONTROLS.sub("", cell.text).strip())
                                        for cell in row.cells))
        cleaned.append(row)
    return cleaned, tuple(numbers)


def _without_trailing_empty(rows: Iterable[Row]) -> list[Row]:
    """Empty rows at the end are the sheet's formatting, not rows a person left empty."""
    kept = list(rows)
    while kept and kept[-1].empty:
        kept.pop()
    return kept


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column's name in a spreadsheet program."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
