"""`albumen import csv|xlsx`: real spreadsheets (CSV in several encodings and delimiters, an XLSX made with openpyxl)
and real image files are made in tmp_path, imported, built, and read back from the built pages: captions verbatim,
dates as EDTF, places, subjects, creators and rights; images copied byte for byte; every bad row reported with its
row number; the column mapping guessed and given; importing twice, --force and --dry-run.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import Result
from PIL import Image

from albumen.importers.columns import guess_columns
from albumen.importers.fields import edtf_from_text, numeric_day_first
from albumen.importers.tables import choose_delimiter
from albumen.markup import plain_text
from conftest import Node, make_jpeg, parse_html, problem_lines, run_cli, snapshot, squash

SMALL_WIDTHS = 'title = "Imported"\n[images]\nwidths = [200]\nformats = []\n'


# -- helpers -------------------------------------------------------------------------------------------------

def run_import(kind: str, sheet: Path, archive: Path, *options: object, status: int = 0) -> Result:
    result = run_cli("import", kind, sheet, "-C", archive, *options)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def new_archive(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "albumen.toml").write_text(SMALL_WIDTHS, encoding="utf-8")
    return path


def build(archive: Path) -> None:
    result = run_cli("build", "-q", "--executor", "inline", "-C", archive)
    assert result.exit_code == 0, result.stderr


def catalog(archive: Path) -> dict[str, Any]:
    result = run_cli("export", "json", "-C", archive)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def items_by_row(document: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["source"]["row"]: item for item in document["items"]}


def item_page(archive: Path, item_id: str) -> Node:
    return parse_html(archive / "_site" / "items" / item_id / "index.html")


def facts(page: Node) -> dict[str, Node]:
    """The item page's facts list: 'Date', 'Places', 'Subjects', 'Creator', 'Rights' -> its <dd>."""
    dl = page.find("dl", cls="facts")
    terms = [child for child in dl.children if isinstance(child, Node) and child.tag in ("dt", "dd")]
    return {squash(dt.text()): dd for dt, dd in zip(terms[::2], terms[1::2], strict=True)}


def warnings_and_errors(result: Result) -> list[tuple[str, int | None, str, str]]:
    return [(m["path"], int(m["line"]) if m["line"] else None, m["level"], m["message"])
            for m in problem_lines(result.stderr)]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """A CSV as Excel writes it: every cell quoted when it needs to be, CRLF line ends."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# -- a CSV of a historical society: imported and built ---------------------------------------------------------

HEADER = ["Title", "Description", "Filename", "Date", "Location", "Keywords", "Photographer", "Copyright", "Box",
          "Accession no."]
CAPTIONS = {
    2: "Setting explosives on the bridge, 1944 — *not emphasis*, <b>not html</b>, [not](a link)\n"
       "# not a heading, and a second line.",
    3: "Mother & baby at the station: 100% “real”; café au lait.",
    4: "1944. The farm, where the river bends.",
    5: "A photo whose date is only words.",
}


@pytest.fixture(scope="module")
def society(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result, dict[str, Any]]:
    """(the spreadsheet's folder, the archive, the import's result, the catalog), imported and built once."""
    base = tmp_path_factory.mktemp("society")
    folder = base / "society"
    make_jpeg(folder / "box1" / "bridge.jpg", (480, 360))
    make_jpeg(folder / "box1" / "Mother.JPG", (360, 480))
    (folder / "box2").mkdir()
    Image.new("RGB", (400, 300), (90, 60, 30)).save(folder / "box2" / "scan 3.tif")
    Image.new("RGB", (300, 200), (30, 60, 90)).save(folder / "loose.png")
    write_csv(folder / "photos.csv", [
        HEADER,
        ["Bridge at Liuzhou", CAPTIONS[2], "box1/bridge.jpg", "fall 1944", "Liuzhou, Guangxi", "bridges; war",
         "Jane Doe", "© 1944 the Doe family", "1", "1990.1.1"],
        ["Station", CAPTIONS[3], "mother", "5 October 1944", "Kweilin", "railways", "", "", "1", "1990.1.2"],
        ["The farm", CAPTIONS[4], "Scan 3.TIF", "1944-23", "Grandma's farm", "rivers, boats", "", "", "2", ""],
        ["", CAPTIONS[5], "loose.png", "in the war years", "", "", "", "", "", ""],
    ], encoding="utf-8-sig")
    archive = new_archive(base / "archive")
    result = run_import("csv", folder / "photos.csv", archive, status=0)
    build(archive)
    return folder, archive, result, catalog(archive)


def test_each_row_becomes_an_item_with_its_caption_verbatim(society: tuple) -> None:
    _, archive, _, document = society
    rows = items_by_row(document)
    assert sorted(rows) == [2, 3, 4, 5]
    for row, caption in CAPTIONS.items():
        page = item_page(archive, rows[row]["id"])
        assert squash(page.find("figcaption").text()) == squash(caption)
    assert [rows[row]["id"] for row in (2, 3, 4, 5)] == ["bridge", "mother", "scan-3", "loose"]
    assert rows[2]["title"] == "Bridge at Liuzhou"


def test_dates_become_edtf_and_the_words_are_kept(society: tuple) -> None:
    _, archive, _, document = society
    rows = items_by_row(document)
    assert {row: (item["date"] or {}).get("edtf") for row, item in rows.items()} == {
        2: "1944-23", 3: "1944-10-05", 4: "1944-23", 5: None}
    assert rows[2]["source"]["date_text"] == "fall 1944"
    assert rows[3]["source"]["date_text"] == "5 October 1944"
    assert "date_text" not in rows[4]["source"]  # it was EDTF already: nothing more to keep
    assert rows[5]["source"]["date_text"] == "in the war years"
    time = facts(item_page(archive, rows[2]["id"]))["Date"].find("time")
    assert time.get("data-edtf") == "1944-23" and squash(time.text()) == "autumn 1944"


def test_places_subjects_creator_and_rights_reach_the_page(society: tuple) -> None:
    _, archive, _, document = society
    rows = items_by_row(document)
    assert rows[2]["places"] == ["liuzhou"] and rows[3]["places"] == ["guilin"]
    assert rows[4]["places"] == ["grandma-s-farm"]
    places = {place["id"]: place for place in yaml.safe_load((archive / "places.yaml").read_text(encoding="utf-8"))}
    assert places["liuzhou"]["parent"] == "guangxi" and places["guangxi"]["parent"] == "china"
    assert abs(places["liuzhou"]["lat"] - 24.33) < 0.1 and "Kweilin" in places["guilin"]["other_names"]
    assert places["grandma-s-farm"] == {"id": "grandma-s-farm", "name": "Grandma's farm"}  # for a person to locate
    bridge = facts(item_page(archive, rows[2]["id"]))
    assert "Liuzhou" in squash(bridge["Places"].text())
    assert [squash(li.text()) for li in bridge["Subjects"].find_all("li")] == ["bridges", "war"]
    assert squash(bridge["Creator"].text()) == "Jane Doe"
    assert squash(bridge["Rights"].text()) == "© 1944 the Doe family"
    farm = facts(item_page(archive, rows[4]["id"]))
    assert [squash(li.text()) for li in farm["Subjects"].find_all("li")] == ["rivers", "boats"]  # commas split
    assert "Creator" not in farm and "Rights" not in farm  # empty cells are no values


def test_unknown_columns_are_kept_in_source_and_images_copied_unchanged(society: tuple) -> None:
    folder, archive, result, document = society
    rows = items_by_row(document)
    assert rows[2]["source"]["columns"] == {"Box": "1", "Accession no.": "1990.1.1"}
    assert rows[4]["source"]["columns"] == {"Box": "2"}  # empty cells are not kept
    assert rows[2]["source"]["spreadsheet"] == "photos.csv" and rows[3]["source"]["file"] == "mother"
    for row, original in ((2, "box1/bridge.jpg"), (3, "box1/Mother.JPG"), (4, "box2/scan 3.tif"), (5, "loose.png")):
        copied = archive / "images" / rows[row]["image"]["path"]
        assert copied.read_bytes() == (folder / original).read_bytes()
        assert rows[row]["image"]["path"] == f"photos/{original}"
    assert "columns: Filename → file, Title → title, Description → caption, Date → date, Location → place, " \
           "Keywords → subjects, Photographer → creator, Copyright → rights; kept in source: Box, Accession no." \
           in result.stdout
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert "row 2 (`box1/bridge.jpg`) → items/bridge.md" in report and "grandma-s-farm: Grandma's farm" in report


def test_what_is_not_exact_is_reported_as_warnings_with_row_numbers(society: tuple) -> None:
    folder, _, result, _ = society
    where = str(folder / "photos.csv")
    found = warnings_and_errors(result)
    assert [(path, line, level) for path, line, level, _ in found] == [(where, 4, "warning"), (where, 5, "warning")]
    assert "the place 'Grandma's farm' is not in places.yaml or the gazetteer" in found[0][3]
    assert "can't read the date 'in the war years'; it is kept in source.date_text" in found[1][3]


# -- encodings and delimiters --------------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "delimiter", "said"), [
    ("utf-8-sig", ",", "separated by ','"),
    ("cp1252", ";", "cp1252, Windows-1252 (the last resort); separated by ';'"),
    ("utf-8", "\t", "utf-8, UTF-8; separated by tab"),
    ("utf-16", "\t", "byte order mark; separated by tab"),  # Excel's "Unicode text"
])
def test_csv_in_the_encodings_and_delimiters_excel_writes(tmp_path: Path, encoding: str, delimiter: str,
                                                          said: str) -> None:
    caption = "Grandpa’s café, “the last train”; 1944 — Größe ½, naïve, Œuvre"
    make_jpeg(tmp_path / "old" / "a.jpg", (300, 200))
    write_csv(tmp_path / "old" / "list.csv", [["Titel", "Beschreibung", "Bild", "Datum"],
                                              ["Größe", caption, "a.jpg", "Oct. 1944"]], encoding, delimiter)
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", tmp_path / "old" / "list.csv", archive, "-q")
    assert result.stderr == ""
    [item] = catalog(archive)["items"]
    assert plain_text(item["caption"]) == caption and item["title"] == "Größe"
    assert item["date"]["edtf"] == "1944-10"
    assert said in (archive / "import-report.md").read_text(encoding="utf-8")


# -- an Excel workbook ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result, dict[str, Any]]:
    base = tmp_path_factory.mktemp("workbook")
    folder = base / "family"
    for name in ("IMG_001.jpg", "IMG_002.jpg", "IMG_003.jpg", "IMG_004.jpg"):
        make_jpeg(folder / "scans" / name, (320, 240))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Fotos"
    sheet.append(["Fotos der Familie Müller, 1944–1950"])  # a title line above the header
    sheet.append(["Titel", "Beschreibung", "Bild", "Datum", "Ort", "Schlagworte", "Fotograf", "Rechte", "Album",
                  "Inventar"])
    sheet.append(["Die Brücke", "Die Brücke über den Fluss,\nim Herbst.", "IMG_001", datetime.datetime(1944, 10, 1),
                  "Liuzhou", "Brücken", "Hans Müller", "CC BY 4.0", "Krieg", 17])
    sheet.cell(row=3, column=4).number_format = "mmm yyyy"  # Excel made a date of "Oct 1944": the month is meant
    sheet.append(["Am See", "Oma am See.", "IMG_002.JPG", datetime.date(1950, 5, 6), "", "Seen; Sommer", "", "",
                  "Familie", 18])
    sheet.cell(row=4, column=4).number_format = "dd.mm.yyyy"
    sheet.append([])
    sheet.append(["Ohne Datum", "Der Bahnhof.", "scans/img_003.jpg", 1944, "", "", "", "", "krieg", 19])
    sheet.append(["Herbst", "Laub.", "IMG_004.jpg", "Herbst 1944", "", "", "", "", "", None])
    book.create_sheet("Andere").append(["nothing", "here"])
    book.save(folder / "Familie Müller.xlsx")
    archive = new_archive(base / "archive")
    result = run_import("xlsx", folder / "Familie Müller.xlsx", archive, status=0)
    build(archive)
    return folder, archive, result, catalog(archive)


def test_an_xlsx_sheet_becomes_items_with_excel_dates_read_as_they_are_shown(workbook: tuple) -> None:
    folder, archive, result, document = workbook
    rows = items_by_row(document)
    assert sorted(rows) == [3, 4, 6, 7]  # spreadsheet row numbers: a title line, the header, an empty row
    assert {row: item["date"]["edtf"] for row, item in rows.items()} == {
        3: "1944-10", 4: "1950-05-06", 6: "1944", 7: "1944"}
    caption = item_page(archive, rows[3]["id"]).find("figcaption").text()
    assert squash(caption) == "Die Brücke über den Fluss, im Herbst."
    assert rows[3]["places"] == ["liuzhou"] and rows[4]["subjects"] == ["Seen", "Sommer"]
    assert rows[3]["source"]["columns"] == {"Inventar": "17"}
    bridge = facts(item_page(archive, rows[3]["id"]))
    assert squash(bridge["Creator"].text()) == "Hans Müller" and squash(bridge["Rights"].text()) == "CC BY 4.0"
    copied = archive / "images" / rows[6]["image"]["path"]
    assert copied.read_bytes() == (folder / "scans" / "IMG_003.jpg").read_bytes()
    assert "sheet 'Fotos'; the header is row 2" in result.stdout


def test_an_album_column_makes_topics_of_the_rows_that_name_them(workbook: tuple) -> None:
    _, archive, _, document = workbook
    rows = items_by_row(document)
    topics = {topic["id"]: topic for topic in document["topics"]}
    assert {topic["title"] for topic in topics.values()} == {"Krieg", "Familie"}
    assert rows[3]["topics"] == rows[6]["topics"] == ["krieg"]  # "Krieg" and "krieg" are one album
    page = parse_html(archive / "_site" / "topics" / "krieg" / "index.html")
    linked = {a.get("href") for a in page.find_all("a")}
    assert {f"../../items/{rows[3]['id']}/", f"../../items/{rows[6]['id']}/"} <= linked


def test_the_workbook_rows_that_need_a_look(workbook: tuple) -> None:
    folder, _, result, _ = workbook
    where = str(folder / "Familie Müller.xlsx")
    found = warnings_and_errors(result)
    assert [(path, line, level) for path, line, level, _ in found] == [(where, 5, "warning"), (where, 7, "warning")]
    assert found[0][3] == "an empty row; skipped"
    assert "only part of the date 'Herbst 1944' could be read: 1944" in found[1][3]


def test_another_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    book = openpyxl.Workbook()
    book.active.append(["Notes"])
    second = book.create_sheet("Photos")
    second.append(["File", "Caption"])
    second.append(["a.jpg", "From the second sheet."])
    book.save(tmp_path / "book.xlsx")
    archive = new_archive(tmp_path / "archive")
    run_import("xlsx", tmp_path / "book.xlsx", archive, "--sheet", "Photos", "-q")
    assert [item["caption"] for item in catalog(archive)["items"]] == ["From the second sheet."]
    missing = run_import("xlsx", tmp_path / "book.xlsx", archive, "--sheet", "Fotos", status=2)
    assert "has no sheet 'Fotos'; its sheets: Sheet, Photos" in missing.stderr


# -- rows that can't be imported -------------------------------------------------------------------------------

def test_every_bad_row_is_reported_with_its_row_number_and_the_rest_imported(tmp_path: Path) -> None:
    folder = tmp_path / "sheet"
    for name in ("a.jpg", "b.jpg", "c.jpg", "x/same.jpg", "y/same.jpg"):
        make_jpeg(folder / name, (200, 150), seed=name)
    (folder / "z").mkdir()
    Image.new("RGB", (200, 150), (1, 2, 3)).save(folder / "z" / "a.png")
    sheet = write_csv(folder / "list.csv", [
        ["File", "Caption", "Date", "Place"],
        ["a.jpg", "Good.", "1944", ""],                      # 2
        ["", "No file named.", "", ""],                      # 3
        ["missing.jpg", "Not there.", "", ""],               # 4
        ["A.JPG", "The same image again.", "", ""],          # 5
        [],                                                   # 6
        ["b", "A date that is no date.", "sometime", ""],    # 7
        ["same.jpg", "Two files have this name.", "", ""],   # 8
        ["z/a.png", "Its id is taken.", "", ""],             # 9
        ["x/same.jpg", "Too many cells.", "", "", "extra"],  # 10: and the image row 8 took
        ["c.jpg", "Nobody knows when or where.", "n.d.", "unknown"],  # 11: says so: no warning
    ])
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, archive, status=1)
    found = [(line, level, message) for _, line, level, message in warnings_and_errors(result)]
    assert [(line, level) for line, level, _ in found] == [
        (3, "error"), (4, "error"), (5, "error"), (10, "error"),
        (6, "warning"), (7, "warning"), (8, "warning"), (9, "warning"), (10, "warning")]
    messages = dict(((line, level), message) for line, level, message in found)
    assert messages[(3, "error")] == "no image file named in column 'File'; the row was not imported"
    assert messages[(4, "error")].startswith(f"no image 'missing.jpg' in {folder} or its subfolders")
    assert messages[(5, "error")].startswith("the same image as row 2 (a.jpg); the row was not imported")
    assert messages[(10, "error")].startswith("the same image as row 8 (x/same.jpg)")
    assert messages[(7, "warning")].startswith("can't read the date 'sometime'")
    assert messages[(8, "warning")].startswith("'same.jpg' could be any of x/same.jpg, y/same.jpg; x/same.jpg was used")
    assert messages[(9, "warning")] == ("the id 'a' is taken by row 2 (two images named alike); this row's item is "
                                        "'a-2'")
    assert all(str(sheet) == path for path, *_ in warnings_and_errors(result))
    document = catalog(archive)
    rows = items_by_row(document)
    assert sorted(rows) == [2, 7, 8, 9, 11]
    assert rows[7]["source"]["date_text"] == "sometime"
    assert (rows[11]["date"], rows[11]["places"]) == (None, [])
    assert (rows[11]["source"]["date_text"], rows[11]["source"]["place_text"]) == ("n.d.", "unknown")
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert f"`{sheet}:4`: error: no image 'missing.jpg'" in report


# -- the column mapping ----------------------------------------------------------------------------------------

def test_the_mapping_can_be_given_and_is_printed(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "scans" / "0001.jpg", (200, 150))
    sheet = write_csv(tmp_path / "list.csv", [["Scan filename", "Notes", "Caption", "Name", "When"],
                                              ["0001", "What Grandma wrote.", "IMG_0001", "Nobody", "1950"]])
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, archive, "--map", "file=scan filename", "--map", "caption=Notes",
                        "--map", "title=", "--map", "date=When")
    assert ("columns: Scan filename → file (given), Notes → caption (given), When → date (given); kept in source: "
            "Caption, Name") in result.stdout
    [item] = catalog(archive)["items"]
    assert item["caption"] == "What Grandma wrote." and item["title"] == "What Grandma wrote."
    assert item["source"]["columns"] == {"Caption": "IMG_0001", "Name": "Nobody"} and item["date"]["edtf"] == "1950"


@pytest.mark.parametrize(("header", "expected"), [
    (["Title", "Caption", "File", "Date", "Place", "Subjects", "Creator", "Rights"],
     {"title": 0, "caption": 1, "file": 2, "date": 3, "place": 4, "subjects": 5, "creator": 6, "rights": 7}),
    (["Titel", "Beschreibung", "Bild", "Datum", "Ort", "Schlagwörter", "Fotograf", "Lizenz"],
     {"title": 0, "caption": 1, "file": 2, "date": 3, "place": 4, "subjects": 5, "creator": 6, "rights": 7}),
    (["Titre", "Légende", "Nom du fichier", "Année", "Lieu", "Mots-clés", "Auteur", "Droits"],
     {"title": 0, "caption": 1, "file": 2, "date": 3, "place": 4, "subjects": 5, "creator": 6, "rights": 7}),
    (["FILE_NAME", "Notes", "Description", "Year", "Location", "Tags", "Photographer", "Copyright", "Box"],
     {"file": 0, "caption": 2, "date": 3, "place": 4, "subjects": 5, "creator": 6, "rights": 7}),
    (["Image", "Headline", "Keywords", "Album", "Alt text", "Inventory"],
     {"file": 0, "title": 1, "subjects": 2, "topic": 3, "alt": 4}),
])
def test_columns_are_guessed_from_their_names_in_several_languages(header: list[str], expected: dict) -> None:
    assert guess_columns(tuple(header)) == expected


def test_misuse_is_refused_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    sheet = write_csv(tmp_path / "list.csv", [["File", "Caption"], ["a.jpg", "A."]])
    unnamed = write_csv(tmp_path / "unnamed.csv", [["Column one", "Column two"], ["a.jpg", "A."]])
    archive = tmp_path / "archive"
    cases = [
        (("csv", sheet, "--map", "captoin=Caption"), "there is no field 'captoin'"),
        (("csv", sheet, "--map", "caption"), "--map takes FIELD=COLUMN"),
        (("csv", sheet, "--map", "caption=Notes"), "has no column 'Notes'; its columns: File, Caption"),
        (("csv", unnamed), "can't tell which column of"),
        (("csv", tmp_path / "nowhere.csv"), "does not exist"),
        (("csv", sheet, "--encoding", "klingon"), "unknown encoding"),
        (("csv", sheet, "--images", tmp_path / "nowhere"), "does not exist"),
    ]
    for args, words in cases:
        result = run_import(args[0], args[1], archive, *args[2:], status=2)
        assert words in result.stderr, (args, result.stderr)
    assert not archive.exists()
    not_a_workbook = run_import("xlsx", sheet, archive, status=1)
    assert not_a_workbook.stderr.startswith("error: can't read") and "as an Excel workbook" in not_a_workbook.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n\r\n")
    assert "is empty" in run_import("csv", empty, archive, status=1).stderr
    header_only = write_csv(tmp_path / "header.csv", [["File", "Caption"]])
    assert "no rows below it" in run_import("csv", header_only, archive, status=1).stderr


# -- importing again -------------------------------------------------------------------------------------------

def test_importing_twice_is_safe_and_force_and_dry_run_work(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "old" / "a.jpg", (200, 150))
    sheet = write_csv(tmp_path / "old" / "list.csv", [["File", "Caption", "Place"], ["a.jpg", "Liuzhou.", "Liuzhou"]])
    archive = new_archive(tmp_path / "archive")
    dry = run_import("csv", sheet, archive, "--dry-run")
    assert "would write (create): items/a.md" in dry.stdout and "would write (create): places.yaml" in dry.stdout
    assert sorted(p.name for p in archive.iterdir()) == ["albumen.toml"]
    run_import("csv", sheet, archive, "-q")
    again = run_import("csv", sheet, archive)
    assert "wrote files: nothing new" in again.stdout
    item = archive / "items" / "a.md"
    edited = item.read_text(encoding="utf-8").replace("Liuzhou.", "Liuzhou, as Grandma said.")
    item.write_text(edited, encoding="utf-8")
    write_csv(sheet, [["File", "Caption", "Place"], ["a.jpg", "Liuzhou station.", "Liuzhou; Guilin"]])
    before = snapshot(archive)
    refused = run_import("csv", sheet, archive, status=1)
    assert [(m["path"], m["level"]) for m in problem_lines(refused.stderr)] == [("items/a.md", "error")]
    assert snapshot(archive) == before
    forced = run_import("csv", sheet, archive, "--force")
    assert "Liuzhou station." in item.read_text(encoding="utf-8") and "replaced" in forced.stdout
    assert [b.read_text(encoding="utf-8") for b in (archive / ".albumen" / "backups").rglob("a.md")] == [edited]
    places = yaml.safe_load((archive / "places.yaml").read_text(encoding="utf-8"))
    assert [p["id"] for p in places] == ["china", "guangxi", "liuzhou", "guilin"]  # Guilin added at the end


def test_a_persons_places_yaml_is_kept_and_its_places_used(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "old" / "a.jpg", (200, 150))
    make_jpeg(tmp_path / "old" / "b.jpg", (200, 150))
    sheet = write_csv(tmp_path / "old" / "list.csv", [["File", "Place"], ["a.jpg", "Liuchow"], ["b.jpg", "Kunming"]])
    archive = new_archive(tmp_path / "archive")
    mine = "# my places\n- id: lz\n  name: Liuzhou city\n  other_names: [Liuchow]\n  lat: 24.3\n  lon: 109.4\n"
    (archive / "places.yaml").write_text(mine, encoding="utf-8")
    run_import("csv", sheet, archive, "-q")
    text = (archive / "places.yaml").read_text(encoding="utf-8")
    assert text.startswith(mine + "\n- id: china\n")
    assert [item["places"] for item in catalog(archive)["items"]] == [["lz"], ["kunming"]]
    assert run_cli("check", "-C", archive).exit_code == 0


def test_images_already_in_the_archive_are_used_where_they_are(tmp_path: Path) -> None:
    archive = new_archive(tmp_path / "archive")
    make_jpeg(archive / "images" / "scans" / "a.jpg", (200, 150))
    sheet = write_csv(archive / "list.csv", [["File", "Caption"], ["a", "In place."]])
    run_import("csv", sheet, archive, "--images", archive / "images", "-q")
    [item] = catalog(archive)["items"]
    assert item["image"]["path"] == "scans/a.jpg"
    images = archive / "images"
    assert [p.relative_to(images).as_posix() for p in images.rglob("*.jpg")] == ["scans/a.jpg"]  # not copied again


# -- the parts -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day_first", "edtf", "whole"), [
    ("1944", None, "1944", True),
    ("1944-23", None, "1944-23", True),
    ("fall 1944", None, "1944-23", True),
    ("summer or fall of 1944", None, "1944-22/1944-23", True),
    ("c. 1944", None, "1944~", True),
    ("1940s", None, "194X", True),
    ("5 October 1944", None, "1944-10-05", True),
    ("10/5/1944", None, "[1944-05-10, 1944-10-05]", True),  # one of the two, for a person to choose
    ("10/5/1944", True, "1944-05-10", True),
    ("10/5/1944", False, "1944-10-05", True),
    ("13/5/1944", None, "1944-05-13", True),
    ("Herbst 1944", None, "1944", False),
    ("1944-02-30", None, "", False),  # not a range of years 1944-2002
    ("sometime", None, "", False),
])
def test_spreadsheet_dates_become_edtf(text: str, day_first: bool | None, edtf: str, whole: bool) -> None:
    reading = edtf_from_text(text, day_first)
    assert (reading.edtf, reading.whole) == (edtf, whole)


def test_a_columns_numeric_dates_tell_their_order() -> None:
    assert numeric_day_first(["1/2/1944", "25/12/1944"]) is True
    assert numeric_day_first(["1/2/1944", "12/25/1944"]) is False
    assert numeric_day_first(["1/2/1944", "fall 1944"]) is None
    assert numeric_day_first(["1.2.1944"]) is True


@pytest.mark.parametrize(("text", "delimiter"), [
    ("File,Caption\na.jpg,\"One; two, three\"\n", ","),
    ("File;Caption\na.jpg;One, two, three\nb.jpg;Four, five\n", ";"),
    ("File\tCaption\ta\na.jpg\tOne, two; three\tx\n", "\t"),
])
def test_the_delimiter_is_chosen_from_the_rows(text: str, delimiter: str) -> None:
    assert choose_delimiter(text) == delimiter


def test_no_caption_text_is_lost_to_markdown(tmp_path: Path) -> None:
    awkward = ["*stars* and _underscores_", "1. not a list", "- not a list", "> not a quote", "&copy; stays",
               "a \\ backslash", "`code`", "~~not struck~~", "100% | pipes"]
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    write_csv(tmp_path / "list.csv", [["File", "Caption"], ["a.jpg", "\n".join(awkward)]])
    archive = new_archive(tmp_path / "archive")
    run_import("csv", tmp_path / "list.csv", archive, "-q")
    build(archive)
    [item] = catalog(archive)["items"]
    assert squash(item_page(archive, item["id"]).find("figcaption").text()) == squash(" ".join(awkward))
