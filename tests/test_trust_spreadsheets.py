"""Spreadsheets as real collections write them (CollectionBuilder, Wax): their column names, latitude and longitude,
rights statements by URI, rows whose file is no image or is on another server, spans of years; and workbooks that
are cut short, damaged or declare XML entities. Each test failed before the change it guards (issue 15, parts 3
and 5). The corpus tests read ../shared/corpus/spreadsheets/ and skip when it is absent.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from albumen.importers.columns import guess_columns
from albumen.importers.fields import coordinate, edtf_from_text, rights_text
from conftest import make_jpeg, run_cli
from test_import_spreadsheet import (
    build,
    catalog,
    facts,
    item_page,
    items_by_row,
    new_archive,
    run_import,
    squash,
    warnings_and_errors,
    write_csv,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spreadsheets"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")


# -- the columns real collections use ---------------------------------------------------------------------------

COLLECTIONBUILDER = ("objectid", "parentid", "title", "creator", "date", "description", "subject", "location",
                     "latitude", "longitude", "source", "identifier", "type", "format", "language", "rights",
                     "rightsstatement", "display_template", "object_location", "image_small", "image_thumb",
                     "image_alt_text", "object_transcript")
WAX = ("pid", "artist", "location", "label", "_date", "object_type", "current_location", "source", "order",
       "layout", "collection", "thumbnail", "full", "manifest")


@pytest.mark.parametrize(("header", "expected"), [
    (COLLECTIONBUILDER, {"file": "object_location", "title": "title", "caption": "description", "date": "date",
                         "place": "location", "lat": "latitude", "lon": "longitude", "subjects": "subject",
                         "creator": "creator", "rights": "rights", "rights_uri": "rightsstatement",
                         "alt": "image_alt_text"}),
    (WAX, {"file": "pid", "title": "label", "date": "_date", "place": "location", "creator": "artist"}),
    (("objectid", "title", "lat", "lng"), {"file": "objectid", "title": "title", "lat": "lat", "lon": "lng"}),
    (("filename", "Label", "Lat", "Long"), {"file": "filename", "title": "Label", "lat": "Lat", "lon": "Long"}),
    (("File", "Long"), {"file": "File"}),  # a "Long" column alone is no longitude
    (("Dublin Core:Title", "Dublin Core:Description", "Dublin Core:Rights", "file"),
     {"title": "Dublin Core:Title", "caption": "Dublin Core:Description", "rights": "Dublin Core:Rights",
      "file": "file"}),
])
def test_the_columns_of_real_collections_are_guessed(header: tuple[str, ...], expected: dict[str, str]) -> None:
    assert {field: header[index] for field, index in guess_columns(header).items()} == expected


# -- latitude and longitude ------------------------------------------------------------------------------------

def test_latitude_and_longitude_columns_place_the_rows(tmp_path: Path) -> None:
    folder = tmp_path / "sheet"
    for name in "abcdef":
        make_jpeg(folder / f"{name}.jpg", (200, 150), seed=name)
    sheet = write_csv(folder / "list.csv", [
        ["File", "Caption", "Place", "Latitude", "Longitude"],
        ["a.jpg", "At the station.", "", "24.3264", "109.4281"],              # 2: Liuzhou, by its coordinates
        ["b.jpg", "At the farm.", "Grandma's farm", "47° 22' 0\" N", "8.5417"],  # 3: a new place, located
        ["c.jpg", "At sea.", "", "-40.5", "-30.25"],                           # 4: nowhere named: a point
        ["d.jpg", "Half a position.", "", "24.3", ""],                         # 5: a latitude alone
        ["e.jpg", "Not a number.", "", "north", "109.4"],                      # 6
        ["f.jpg", "Named and placed.", "Liuzhou", "24.33", "109.41"],          # 7: the name wins
    ])
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, archive)
    assert "Latitude → lat, Longitude → lon" in result.stdout
    rows = items_by_row(catalog(archive))
    assert rows[2]["places"] == ["liuzhou"] and rows[2]["source"]["gps"] == [24.3264, 109.4281]
    assert rows[3]["places"] == ["grandma-s-farm"] and rows[4]["places"] == ["40.5000s-30.2500w"]
    assert rows[5]["places"] == rows[6]["places"] == [] and rows[7]["places"] == ["liuzhou"]
    places = {p["id"]: p for p in yaml.safe_load((archive / "places.yaml").read_text(encoding="utf-8"))}
    assert (places["grandma-s-farm"]["lat"], places["grandma-s-farm"]["lon"]) == (47.366667, 8.5417)
    assert (places["40.5000s-30.2500w"]["lat"], places["40.5000s-30.2500w"]["lon"]) == (-40.5, -30.25)
    found = {line: message for _, line, level, message in warnings_and_errors(result) if level == "warning"}
    assert sorted(found) == [5, 6]  # the farm needs no "add its lat and lon": the row gave them
    assert found[5].startswith("a latitude without a longitude (column 'Longitude' is empty)")
    assert found[6].startswith("can't read the latitude 'north' in column 'Latitude' (decimal degrees")


def test_latitude_without_longitude_is_refused_in_map(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    sheet = write_csv(tmp_path / "list.csv", [["File", "Y", "X"], ["a.jpg", "24.3", "109.4"]])
    refused = run_import("csv", sheet, tmp_path / "archive", "--map", "lat=Y", status=2)
    assert "the latitude and the longitude go together" in refused.stderr
    archive = new_archive(tmp_path / "archive")
    run_import("csv", sheet, archive, "--map", "lat=Y", "--map", "lon=X", "-q")
    assert catalog(archive)["items"][0]["places"] == ["liuzhou"]


@pytest.mark.parametrize(("text", "axis", "degrees"), [
    ("46.725562", "lat", 46.725562), ("-117.009633", "lon", -117.009633), ("46,7255", "lat", 46.7255),
    ("46° 43' 30\" N", "lat", 46.725), ("117° 0' 36\" W", "lon", -117.01), ("S 33.5", "lat", -33.5),
    ("95", "lat", None), ("46.7 E", "lat", None), ("1,2,3", "lat", None), ("north", "lat", None), ("", "lon", None),
])
def test_coordinates_are_read_as_sheets_write_them(text: str, axis: str, degrees: float | None) -> None:
    found = coordinate(text, axis)
    assert (found is None and degrees is None) or (found is not None and degrees is not None
                                                   and abs(found - degrees) < 1e-9)


# -- rights by URI ---------------------------------------------------------------------------------------------

def test_a_rights_statement_uri_becomes_the_rights_with_its_name(tmp_path: Path) -> None:
    for name in "abc":
        make_jpeg(tmp_path / f"{name}.jpg", (200, 150), seed=name)
    sheet = write_csv(tmp_path / "list.csv", [
        ["objectid", "title", "rights", "rightsstatement"],
        ["a", "Only the URI", "", "http://rightsstatements.org/vocab/NoC-US/1.0/"],
        ["b", "Words and URI", "Public Domain", "https://creativecommons.org/publicdomain/mark/1.0/"],
        ["c", "Words in the URI column", "", "© the Doe family"],
    ])
    archive = new_archive(tmp_path / "archive")
    run_import("csv", sheet, archive, "-q")
    build(archive)
    rows = items_by_row(catalog(archive))
    assert rows[2]["rights"] == "No Copyright - United States (http://rightsstatements.org/vocab/NoC-US/1.0/)"
    assert rows[3]["rights"] == "Public Domain (https://creativecommons.org/publicdomain/mark/1.0/)"
    assert rows[4]["rights"] == "© the Doe family"
    shown = squash(facts(item_page(archive, rows[2]["id"]))["Rights"].text())
    assert shown == "No Copyright - United States (http://rightsstatements.org/vocab/NoC-US/1.0/)"


def test_rights_words_are_named_for_each_standard_statement() -> None:
    assert rights_text("", "http://rightsstatements.org/vocab/InC-EDU/1.0/") == (
        "In Copyright - Educational Use Permitted (http://rightsstatements.org/vocab/InC-EDU/1.0/)")
    assert rights_text("", "https://creativecommons.org/licenses/by-nc-sa/4.0/") == (
        "CC BY-NC-SA 4.0 (https://creativecommons.org/licenses/by-nc-sa/4.0/)")
    assert rights_text("", "https://example.org/our-terms") == "https://example.org/our-terms"
    assert rights_text("See https://example.org/t", "https://example.org/t") == "See https://example.org/t"


# -- rows whose file is no image here --------------------------------------------------------------------------

def test_a_pdf_a_recording_and_a_remote_file_are_each_said_for_what_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "collection"
    make_jpeg(folder / "objects" / "demo_001.jpg", (200, 150))
    (folder / "objects" / "demo_002.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "objects" / "demo_003.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00")
    sheet = write_csv(folder / "_data" / "metadata.csv", [
        ["objectid", "title", "object_location"],
        ["demo_001", "A photograph", "/objects/demo_001.jpg"],
        ["demo_002", "A postcard as a PDF", "/objects/demo_002.pdf"],
        ["demo_003", "A radio programme", "/objects/demo_003.mp3"],
        ["demo_004", "A film", "https://youtu.be/CVXQ3X6Q8oU"],
        ["demo_005", "A photograph elsewhere", "https://objects.example.org/postcards/pg_9_16_01a.jpg"],
        ["demo_006", "A video not here", "/objects/demo_006.mp4"],
    ])
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, archive, "--images", folder, status=1)
    errors = {line: message for _, line, level, message in warnings_and_errors(result) if level == "error"}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert errors[3].startswith("not an image: objects/demo_002.pdf is a PDF document;")
    assert errors[4].startswith("not an image: objects/demo_003.mp3 is a sound recording;")
    assert errors[7].startswith("not an image: '/objects/demo_006.mp4' names a video;")
    assert errors[5].startswith("the file is on another server (https://youtu.be/CVXQ3X6Q8oU); albumen does not "
                                "download")
    assert "(https://objects.example.org/postcards/pg_9_16_01a.jpg); albumen does not download" in errors[6]
    assert not any("no image" in message for message in errors.values())
    assert [item["title"] for item in catalog(archive)["items"]] == ["A photograph"]


# -- dates -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "edtf"), [
    ("1000–1500", "1000/1500"), ("1000-1500", "1000/1500"), ("1000 – 1500", "1000/1500"), ("1000 - 1500", "1000/1500"),
    ("1000—1500", "1000/1500"), ("c. 1600–1625", "1600~/1625~"), ("1525 - 1535", "1525/1535"),
    ("800-900", "0800/0900"), ("1910-12", "1910-12"),  # EDTF's December 1910 stays a month
])
def test_a_span_of_years_stays_a_range(text: str, edtf: str) -> None:
    reading = edtf_from_text(text)
    assert (reading.edtf, reading.whole) == (edtf, True)


def test_a_span_of_years_in_a_sheet_reaches_the_item(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "obj1.jpg", (200, 150))
    sheet = write_csv(tmp_path / "qatar.csv", [["pid", "label", "_date"], ["obj1", "A map of the world", "1000–1500"]])
    archive = new_archive(tmp_path / "archive")
    result = run_import("csv", sheet, archive)
    assert result.stderr == ""
    [item] = catalog(archive)["items"]
    assert item["date"]["edtf"] == "1000/1500" and item["source"]["date_text"] == "1000–1500"
    assert item["title"] == "A map of the world"


# -- workbooks that are cut short, damaged or hostile ----------------------------------------------------------

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>")
EXTERNAL = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _rewritten(source: Path, target: Path, member: str, change: object) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in original.namelist():
            data = original.read(name)
            out.writestr(name, change(data.decode("utf-8")).encode("utf-8") if name == member else data)  # type: ignore[operator]
    return target


def _broken_workbooks(folder: Path) -> dict[str, Path]:
    book = openpyxl.Workbook()
    book.active.append(["File", "Caption"])
    book.active.append(["a.jpg", "Hello"])
    good = folder / "good.xlsx"
    book.save(good)
    data = good.read_bytes()
    sheet = "xl/worksheets/sheet1.xml"
    cut = {"cut in half": data[: len(data) // 2], "its end cut off": data[:-40]}
    made = {}
    for name, content in cut.items():
        made[name] = folder / f"{name}.xlsx"
        made[name].write_bytes(content)
    made["its sheet cut short"] = _rewritten(good, folder / "sheet.xlsx", sheet, lambda s: s[: len(s) // 2])
    made["its workbook part cut short"] = _rewritten(good, folder / "wb.xlsx", "xl/workbook.xml",
                                                     lambda s: s[: len(s) // 2])
    made["billion laughs in its sheet"] = _rewritten(
        good, folder / "laughs.xlsx", sheet, lambda s: LAUGHS + s.replace("<t>Hello</t>", "<t>&lol9;</t>"))
    made["an external entity in its sheet"] = _rewritten(
        good, folder / "xxe.xlsx", sheet, lambda s: EXTERNAL + s.replace("<t>Hello</t>", "<t>&e;</t>"))
    made["a DTD in its content types"] = _rewritten(good, folder / "types.xlsx", "[Content_Types].xml",
                                                    lambda s: LAUGHS + s)
    damaged = bytearray(data)
    with zipfile.ZipFile(good) as z:
        info = z.getinfo(sheet)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for index in range(start + 10, start + 40):
        damaged[index] ^= 0x55
    made["its compressed sheet damaged"] = folder / "damaged.xlsx"
    made["its compressed sheet damaged"].write_bytes(bytes(damaged))
    return made


@pytest.mark.parametrize("without_defusedxml", [False, True])
def test_a_cut_short_damaged_or_entity_declaring_workbook_is_a_located_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, without_defusedxml: bool) -> None:
    if without_defusedxml:  # expat's own limits must be enough too (openpyxl reads with it when defusedxml is absent)
        from xml.etree.ElementTree import fromstring, iterparse

        import openpyxl.xml.functions as functions

        monkeypatch.setattr(functions, "fromstring", fromstring)
        monkeypatch.setattr(functions, "iterparse", iterparse)
        for module in ("openpyxl.worksheet._reader", "openpyxl.reader.workbook", "openpyxl.packaging.manifest",
                       "openpyxl.packaging.relationship"):
            imported = __import__(module, fromlist=["_"])
            for name, replacement in (("fromstring", fromstring), ("iterparse", iterparse)):
                if hasattr(imported, name):
                    monkeypatch.setattr(imported, name, replacement)
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    archive = tmp_path / "archive"
    for what, workbook in _broken_workbooks(tmp_path).items():
        result = run_import("xlsx", workbook, archive, status=1)
        assert result.stderr.startswith(f"error: can't read {workbook}"), (what, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, (what, result.stderr)
        if "entit" in what or "DTD" in what or "laughs" in what:
            assert "it declares XML entities (a DTD)" in result.stderr, (what, result.stderr)
        else:
            assert "the workbook is damaged or cut short" in result.stderr, (what, result.stderr)
        assert not (archive / "items").exists()


def test_a_dtd_without_entities_is_harmless_and_read(tmp_path: Path) -> None:
    make_jpeg(tmp_path / "a.jpg", (200, 150))
    book = openpyxl.Workbook()
    book.active.append(["File", "Caption"])
    book.active.append(["a.jpg", "Hello"])
    book.save(tmp_path / "good.xlsx")
    workbook = _rewritten(tmp_path / "good.xlsx", tmp_path / "doctype.xlsx", "xl/worksheets/sheet1.xml",
                          lambda s: "<!DOCTYPE worksheet>" + s)
    archive = new_archive(tmp_path / "archive")
    run_import("xlsx", workbook, archive, "-q")
    assert [item["caption"] for item in catalog(archive)["items"]] == ["Hello"]


# -- the real collections ---------------------------------------------------------------------------------------

def _import_corpus(tmp_path: Path, sheet: Path, images: Path) -> tuple[list[tuple[int | None, str]], dict]:
    archive = new_archive(tmp_path / "archive")
    result = run_cli("import", "csv", sheet, "-C", archive, "--images", images)
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    problems = [(line, message) for _, line, level, message in warnings_and_errors(result) if level == "error"]
    return problems, catalog(archive)


@needs_corpus
def test_the_collectionbuilder_demo_imports_its_photograph_and_says_why_not_the_rest(tmp_path: Path) -> None:
    folder = CORPUS / "collectionbuilder-csv"
    errors, document = _import_corpus(tmp_path, folder / "_data" / "demo-metadata.csv", folder)
    [item] = document["items"]
    assert item["title"] == "Administration Building, University of Idaho, No. 30"
    assert item["rights"] == "No Copyright - United States (http://rightsstatements.org/vocab/NoC-US/1.0/)"
    assert item["alt"].startswith("historic sepia photograph") and item["source"]["gps"] == [46.725562, -117.009633]
    assert item["places"] and item["date"]["edtf"] == "1910"
    said = {line: message.split(";")[0] for line, message in errors}
    assert said == {3: "not an image: objects/demo_002.pdf is a PDF document",
                    4: "not an image: objects/demo_003.mp3 is a sound recording",
                    5: "the file is on another server (https://youtu.be/CVXQ3X6Q8oU)",
                    6: "the file is on another server (https://vimeo.com/464555587)",
                    7: "the file is on another server "
                       "(https://www.lib.uidaho.edu/collectionbuilder/demo-objects/demo_006.jpg)",
                    8: "the file is on another server (https://www.doi.org/10.1577/M02-113)"}


@needs_corpus
def test_the_wax_demo_imports_by_pid_with_labels_and_spans_of_years(tmp_path: Path) -> None:
    folder = CORPUS / "wax-qatar"
    errors, document = _import_corpus(tmp_path, folder / "qatar-original.csv", folder / "raw_images")
    items = {item["id"]: item for item in document["items"]}
    # obj2-8 are absent from the source; obj12 is a folder of six pages: one object (issue 18)
    assert sorted(items) == ["obj1", "obj10", "obj11", "obj12", "obj5", "obj9"]
    assert len(items["obj12"]["images"]) == 6
    assert items["obj5"]["title"] == "Panel from Iran" and items["obj5"]["date"]["edtf"] == "1600/1625"
    assert items["obj10"]["date"]["edtf"] == "1800/1850" and items["obj1"]["creator"].startswith("Al-Hajj")
    assert len(errors) == 6 and all("no image 'obj" in message for _, message in errors)
