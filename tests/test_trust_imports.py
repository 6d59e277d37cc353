"""Issue 15, section 5, for the importers: what a careless user, a real disk and a hostile page can do to
`albumen import html|csv|xlsx|photos`, run as a user runs it.

Each case ends in exit 0, 1 or 2 with located lines and no traceback; nothing outside the old site's folder is read
or copied; nothing is written outside the archive; what is written is an archive that loads. Inputs that hung
(FIFOs) run in a child process with a time limit, so a regression fails instead of hanging.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, TiffImagePlugin

from conftest import make_jpeg, problem_lines, run_cli

LOCATED = re.compile(r"^[^:\n]+(:\d+)?: (error|warning|note): .+$")
SECRET = b"root:x:0:0:a secret of the machine, never to be copied"


def run_child(*args: object, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`albumen ARGS` in a child process: a hang becomes a TimeoutExpired, not a stuck test run."""
    return subprocess.run([sys.executable, "-m", "albumen", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, errors="backslashreplace")


def assert_no_crash(status: int, stderr: str) -> None:
    """Exit 0, 1 or 2, no traceback, no internal error, and every problem line located."""
    assert status in (0, 1, 2), (status, stderr)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for line in stderr.splitlines():
        if ": error: " in line or ": warning: " in line:
            assert LOCATED.match(line), line


def assert_archive_loads(root: Path) -> None:
    """Every file the import wrote is UTF-8 that parses, and `albumen check` reads the archive without a crash."""
    for path in [*root.glob("items/*.md"), *root.glob("topics/*.md"), *root.glob("pages/*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "\x00" not in text and "\\0" not in text, path
        front = text.split("---\n")[1]
        assert isinstance(yaml.safe_load(front), dict), path
    checked = run_cli("check", "-C", root)
    assert_no_crash(checked.exit_code, checked.stderr)


def digests(folder: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


# -- an old site on a real disk ------------------------------------------------------------------------------

def old_site(base: Path) -> Path:
    """A small old site: a home page with a photo linking to its own page."""
    site = base / "old"
    make_jpeg(site / "river.jpg", (640, 480))
    make_jpeg(site / "cafe.jpg", (600, 400))
    (site / "index.html").write_text('<html><head><title>Our photos</title></head><body><h1>Our photos</h1>'
                                     '<p><a href="river.html"><img src="river.jpg" width="160"></a><br>'
                                     'The river at dawn, 1952.</p></body></html>', encoding="utf-8")
    (site / "river.html").write_text('<html><body><img src="river.jpg"><p>The river at dawn, 1952.</p>'
                                      '<a href="index.html">Home</a></body></html>', encoding="utf-8")
    return site


def test_an_old_site_with_fifos_loops_latin1_names_and_empty_files_imports_the_rest(tmp_path):
    site = old_site(tmp_path)
    (site / "again").symlink_to(".", target_is_directory=True)
    (site / "up").symlink_to("..", target_is_directory=True)
    (site / "self.html").symlink_to("self.html")
    os.mkfifo(site / "page.html")
    os.mkfifo(site / "photo.jpg")
    (site / "empty.html").write_bytes(b"")
    (site / "empty.jpg").write_bytes(b"")
    latin1 = site / os.fsdecode(b"caf\xe9.html")  # saved on Windows, copied by a tool that kept the bytes
    latin1.write_bytes('<html><body><img src="cafe.jpg"><p>Le café du port, 1950.</p></body></html>'.encode("cp1252"))
    (site / "links.html").write_text('<a href="caf%E9.html">the café</a> <a href="page.html">a page</a> '
                                     '<img src="photo.jpg"> <img src="empty.jpg"> <a href="again/again/index.html">'
                                     'round</a> <img src="up/old/river.jpg">', encoding="utf-8")
    archive = tmp_path / "archive"
    done = run_child("import", "html", site, "-C", archive)  # a FIFO read would hang here
    assert_no_crash(done.returncode, done.stderr)
    assert done.returncode == 0, done.stderr
    located = {m["path"]: m["message"] for m in problem_lines(done.stderr)}
    assert any(path.endswith("page.html") and "no ordinary file" in message for path, message in located.items())
    assert "not UTF-8" in located[f"{site}/café.html"], done.stderr
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert "photo.jpg" in report and "self.html" in report and "loop" in report
    exported = json.loads(run_cli("export", "json", "-C", archive).stdout)
    captions = {item["caption"] for item in exported["items"]}
    assert "The river at dawn, 1952." in captions and "Le café du port, 1950." in captions
    cafe = next(i for i in exported["items"] if i["caption"].startswith("Le café"))
    assert "café.html" in cafe["redirect_from"]  # the page's old address, as its pages spell it
    assert_archive_loads(archive)


def test_unreadable_files_of_an_old_site_are_located(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    site = old_site(tmp_path)
    (site / "locked.html").write_text("<p>Locked.</p>")
    (site / "locked.html").chmod(0)
    make_jpeg(site / "locked.jpg", (300, 200))
    (site / "locked.jpg").chmod(0)
    (site / "shows-locked.html").write_text('<img src="locked.jpg"><p>A locked photo.</p>')
    done = run_child("import", "html", site, "-C", tmp_path / "archive")
    assert_no_crash(done.returncode, done.stderr)
    assert "locked.html" in done.stderr and "permission" in done.stderr


def test_600_unclosed_tags_and_a_5_mb_page_import(tmp_path):
    site = old_site(tmp_path)
    make_jpeg(site / "deep.jpg", (500, 400))
    (site / "deep.html").write_text("<html><body>" + "<div><table><tr><td>" * 600
                                    + '<img src="deep.jpg"><p>Found at the bottom of 600 tables.</p></body></html>')
    paragraph = "<p>" + "A long letter home, written in pencil over many evenings. " * 18 + "</p>\n"
    (site / "letters.html").write_text("<html><head><title>Letters</title></head><body>"
                                       + paragraph * (5 * 2**20 // len(paragraph)) + "</body></html>")
    (site / "index.html").write_text((site / "index.html").read_text().replace(
        "</body>", '<a href="deep.html">deep</a> <a href="letters.html">letters</a></body>'))
    assert (site / "letters.html").stat().st_size >= 5 * 2**20 - len(paragraph)
    archive = tmp_path / "archive"
    result = run_cli("import", "html", site, "-C", archive, "-q")
    assert_no_crash(result.exit_code, result.stderr)
    assert result.exit_code == 0, result.stderr
    exported = json.loads(run_cli("export", "json", "-C", archive).stdout)
    assert "Found at the bottom of 600 tables." in {item["caption"] for item in exported["items"]}
    letters = (archive / "pages" / "letters.md").read_text(encoding="utf-8")
    assert letters.count("A long letter home") > 80_000
    assert_archive_loads(archive)


HOSTILE_SOURCES = ["../../etc/passwd", "../secret.jpg", "../../secret.jpg", "/etc/hosts", "/secret.jpg",
                   "file:///etc/passwd", "file:///{outside}/secret.jpg", "javascript:alert(1)",
                   "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==", "\\\\server\\share\\x.jpg", "C:\\secret.jpg",
                   "%2e%2e/secret.jpg", "up/secret.jpg", "linked.jpg"]


@pytest.mark.parametrize("src", HOSTILE_SOURCES)
def test_images_named_outside_the_old_site_are_never_read_or_copied(tmp_path, src):
    outside = tmp_path / "outside"
    make_jpeg(outside / "secret.jpg", (640, 480), seed="secret")
    (outside / "passwd").write_bytes(SECRET)
    site = old_site(outside / "inner")
    (site / "up").symlink_to("..", target_is_directory=True)
    (site / "linked.jpg").symlink_to(outside / "secret.jpg")
    src = src.replace("{outside}", str(outside).lstrip("/"))
    (site / "index.html").write_text(
        (site / "index.html").read_text().replace("</body>", f'<p><a href="{src}"><img src="{src}" width="400">'
                                                              f"</a> A photo from elsewhere.</p></body>"))
    archive = tmp_path / "archive"
    result = run_cli("import", "html", site, "-C", archive)
    assert_no_crash(result.exit_code, result.stderr)
    secret = hashlib.sha256((outside / "secret.jpg").read_bytes()).hexdigest()
    written = digests(archive)
    assert secret not in written and hashlib.sha256(SECRET).hexdigest() not in written
    assert not any(SECRET in p.read_bytes() for p in archive.rglob("*") if p.is_file())
    assert sorted(p.name for p in (archive / "images").rglob("*") if p.is_file()) == ["river.jpg"]


# -- spreadsheets --------------------------------------------------------------------------------------------

def sheet_folder(base: Path) -> Path:
    images = base / "scans"
    make_jpeg(images / "a.jpg", (400, 300))
    make_jpeg(images / "b.jpg", (400, 300))
    return images


CSV_CASES = {
    "nul": (b"File,Title\na.jpg,The\x00 river\nb.jpg,The\x00\x00 bridge\n", {"The river", "The bridge"}),
    "mixed_line_ends": (b"File,Title\r\na.jpg,The river\rb.jpg,The bridge\n", {"The river", "The bridge"}),
    "bom": (b"\xef\xbb\xbfFile,Title\r\na.jpg,The river\r\nb.jpg,The bridge\r\n", {"The river", "The bridge"}),
    "bom_utf16": ("File\tTitle\na.jpg\tThe river\nb.jpg\tThe bridge\n".encode("utf-16"), {"The river", "The bridge"}),
    "wide_row": (b"File,Title\na.jpg,The river," + b",".join([b"x"] * 10_000) + b"\nb.jpg,The bridge\n",
                 {"The river", "The bridge"}),
    "big_cell": (b"File,Title,Caption\na.jpg,The river," + b"w" * 2**20 + b"\nb.jpg,The bridge,\n",
                 {"The river", "The bridge"}),
}


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_awkward_csv_files_import(tmp_path, case):
    content, titles = CSV_CASES[case]
    images = sheet_folder(tmp_path)
    sheet = tmp_path / "photos.csv"
    sheet.write_bytes(content)
    archive = tmp_path / "archive"
    result = run_cli("import", "csv", sheet, "--images", images, "-C", archive, "-q")
    assert_no_crash(result.exit_code, result.stderr)
    assert result.exit_code == 0, result.stderr
    exported = json.loads(run_cli("export", "json", "-C", archive).stdout)
    assert {item["title"] for item in exported["items"]} == titles
    if case == "nul":
        assert [m["line"] for m in problem_lines(result.stderr)] == ["2", "3"]
        assert all("control characters" in m["message"] for m in problem_lines(result.stderr))
    if case == "big_cell":
        assert len(next(i for i in exported["items"] if i["title"] == "The river")["caption"]) == 2**20
    assert_archive_loads(archive)


def test_a_sheet_of_10000_columns_without_a_file_column_is_told_briefly(tmp_path):
    images = sheet_folder(tmp_path)
    sheet = tmp_path / "wide.csv"
    sheet.write_text(",".join(f"c{n}" for n in range(10_000)) + "\n" + ",".join(["x"] * 10_000) + "\n")
    result = run_cli("import", "csv", sheet, "--images", images, "-C", tmp_path / "archive")
    assert result.exit_code == 2
    assert "and 9970 more" in result.stderr and len(result.stderr) < 2000 and "--map file=" in result.stderr


def xlsx_bomb(path: Path, unpacked_mb: int = 520) -> Path:
    """A valid workbook whose sheet XML unpacks to `unpacked_mb` MB (an XML comment of spaces): ~0.5 MB on disk."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Photos" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr">'
                        '<is><t>File</t></is></c></row><!--'.encode())
            for _ in range(unpacked_mb):
                sheet.write(b" " * 2**20)
            sheet.write(b"--></sheetData></worksheet>")
    return path


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    images = sheet_folder(tmp_path)
    bomb = xlsx_bomb(tmp_path / "photos.xlsx")
    assert bomb.stat().st_size < 5 * 2**20
    archive = tmp_path / "archive"
    result = run_cli("import", "xlsx", bomb, "--images", images, "-C", archive)
    assert_no_crash(result.exit_code, result.stderr)
    assert result.exit_code == 1
    assert "unpack to 520 MB" in result.stderr and "CSV" in result.stderr, result.stderr
    assert not (archive / "items").exists()


def test_an_xlsx_that_is_no_zip_is_a_clear_error(tmp_path):
    images = sheet_folder(tmp_path)
    sheet = tmp_path / "photos.xlsx"
    sheet.write_text("File,Title\na.jpg,A CSV named .xlsx\n")
    result = run_cli("import", "xlsx", sheet, "--images", images, "-C", tmp_path / "archive")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "photos.xlsx" in result.stderr and "damaged" in result.stderr


# -- photos with hostile metadata ----------------------------------------------------------------------------

ASCII, RATIONAL, SRATIONAL = 2, 5, 10


def exif_bytes(*, gps: Sequence[tuple[int, int, int, bytes]] = (), taken: str | None = None) -> bytes:
    """Little-endian EXIF with an EXIF IFD (DateTimeOriginal) and a GPS IFD of the raw entries given: (tag, type,
    count, value bytes). Values of more than 4 bytes go after the IFDs, as cameras write them."""
    def ifd(entries: list[tuple[int, int, int, bytes]], at: int) -> tuple[bytes, bytes]:
        data_at = at + 2 + 12 * len(entries) + 4
        table, data = struct.pack("<H", len(entries)), b""
        for tag, kind, count, value in sorted(entries):
            if len(value) <= 4:
                table += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
            else:
                table += struct.pack("<HHII", tag, kind, count, data_at + len(data))
                data += value + b"\x00" * (len(value) % 2)
        return table + b"\x00\x00\x00\x00", data

    exif_entries = [(0x9003, ASCII, len(taken) + 1, taken.encode() + b"\x00")] if taken is not None else []
    ifd0_size = 2 + 12 * 2 + 4
    exif_at = 8 + ifd0_size
    exif_table, exif_data = ifd(exif_entries, exif_at)
    gps_at = exif_at + len(exif_table) + len(exif_data)
    gps_table, gps_data = ifd(list(gps), gps_at)
    ifd0 = struct.pack("<H", 2) + struct.pack("<HHII", 0x8769, 4, 1, exif_at) + struct.pack("<HHII", 0x8825, 4, 1,
                                                                                            gps_at) + b"\x00" * 4
    return b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + ifd0 + exif_table + exif_data + gps_table + gps_data


def latitude(ref: bytes, kind: int, *pairs: tuple[int, int]) -> list[tuple[int, int, int, bytes]]:
    fmt = "<" + ("ii" if kind == SRATIONAL else "II") * len(pairs)
    return [(1, ASCII, 2, ref + b"\x00"), (2, kind, len(pairs), struct.pack(fmt, *[n for p in pairs for n in p])),
            (3, ASCII, 2, b"E\x00"), (4, RATIONAL, 3, struct.pack("<6I", 109, 1, 25, 1, 0, 1))]


PHOTO_CASES: dict[str, dict[str, Any]] = {
    "negative_rationals": dict(gps=latitude(b"N", SRATIONAL, (-100, 1), (0, 1), (0, 1))),
    "negative_minutes": dict(gps=latitude(b"N", SRATIONAL, (24, 1), (-30, 1), (0, 1))),
    "zero_denominator": dict(gps=latitude(b"N", RATIONAL, (24, 0), (19, 1), (0, 1))),
    "latitude_200": dict(gps=latitude(b"N", RATIONAL, (200, 1), (0, 1), (0, 1))),
    "minutes_6000": dict(gps=latitude(b"S", RATIONAL, (80, 1), (6000, 1), (0, 1))),
    "zero_date": dict(taken="0000:00:00 00:00:00"),
    "month_13": dict(taken="2024:13:45 10:00:00"),
    "day_45": dict(taken="2024:02:45"),
    "date_words": dict(taken="sometime in the war"),
}


@pytest.mark.parametrize("case", sorted(PHOTO_CASES))
def test_photos_with_impossible_gps_and_dates_import_without_them(tmp_path, case):
    folder = tmp_path / "photos"
    folder.mkdir()
    image = Image.new("RGB", (320, 240), (90, 120, 150))
    image.save(folder / "photo.jpg", exif=exif_bytes(**PHOTO_CASES[case]))
    archive = tmp_path / "archive"
    result = run_cli("import", "photos", folder, "-C", archive)
    assert_no_crash(result.exit_code, result.stderr)
    assert result.exit_code == 0, result.stderr
    text = (archive / "items" / "photo.md").read_text(encoding="utf-8")
    item = yaml.safe_load(text.split("---\n")[1])
    for lat, lon in [item.get("source", {}).get("gps") or (0, 0)]:
        assert -90 <= lat <= 90 and -180 <= lon <= 180, item
    places = yaml.safe_load((archive / "places.yaml").read_text()) if (archive / "places.yaml").exists() else []
    for place in places or []:
        assert place.get("lat") is None or -90 <= place["lat"] <= 90, place
    if "taken" in PHOTO_CASES[case]:
        assert not item.get("date"), item  # an impossible date is no date; the words are kept for a person
    assert_archive_loads(archive)


def test_a_2_mb_xmp_packet_and_latin1_iptc_are_read(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    words = "A long description written by an archivist. " * (2 * 2**20 // 44)
    xmp = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
           f'{words}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>'
           '<?xpacket end="w"?>').encode()
    assert len(xmp) > 2 * 10**6
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[700] = xmp
    info.tagtype[700] = 1  # BYTE, as Photoshop writes it
    Image.new("RGB", (320, 240), (200, 120, 50)).save(folder / "scan.tif", tiffinfo=info)
    caption = "Le café de la gare, Zürich, été 1950"
    iptc = struct.pack(">BBBH", 0x1C, 2, 120, len(caption)) + caption.encode("latin-1")
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    resource += b"\x00" * (len(iptc) % 2)
    app13 = b"Photoshop 3.0\x00" + resource
    make_jpeg(tmp_path / "plain.jpg", (320, 240))
    jpeg = (tmp_path / "plain.jpg").read_bytes()
    (folder / "cafe.jpg").write_bytes(jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(app13) + 2) + app13 + jpeg[2:])
    archive = tmp_path / "archive"
    result = run_cli("import", "photos", folder, "-C", archive)
    assert_no_crash(result.exit_code, result.stderr)
    assert result.exit_code == 0, result.stderr
    exported = json.loads(run_cli("export", "json", "-C", archive).stdout)
    captions = {item["id"]: item["caption"] for item in exported["items"]}
    assert captions["cafe"] == caption
    assert captions["scan"].startswith("A long description written by an archivist.")
    assert_archive_loads(archive)


def test_a_photo_folder_with_fifos_loops_latin1_names_and_empty_files_imports_the_rest(tmp_path):
    folder = tmp_path / "photos"
    make_jpeg(folder / "river.jpg", (400, 300))
    make_jpeg(folder / os.fsdecode(b"gar\xe7on.jpg"), (400, 300), seed="garcon")
    os.mkfifo(folder / "photo.jpg")
    (folder / "again").symlink_to(".", target_is_directory=True)
    (folder / "self.jpg").symlink_to("self.jpg")
    (folder / "empty.jpg").write_bytes(b"")
    archive = tmp_path / "archive"
    done = run_child("import", "photos", folder, "-C", archive)  # a FIFO read would hang here
    assert_no_crash(done.returncode, done.stderr)
    assert done.returncode == 1  # empty.jpg can't be imported
    located = {Path(m["path"]).name: m["message"] for m in problem_lines(done.stderr)}
    assert "FIFO" in located["photo.jpg"] and "loop" in located["self.jpg"] and "empty.jpg" in located
    assert sorted(p.name for p in (archive / "images" / "photos").iterdir()) == ["garçon.jpg", "river.jpg"]
    sheet = tmp_path / "photos.csv"
    sheet.write_bytes(b"File,Title\ngar\xe7on.jpg,The boy\nphoto.jpg,A pipe\nself.jpg,A loop\n")  # as Excel saves it
    done = run_child("import", "csv", sheet, "--images", folder, "-C", tmp_path / "from-sheet")
    assert_no_crash(done.returncode, done.stderr)
    assert {m["line"] for m in problem_lines(done.stderr) if m["level"] == "error"} == {"3", "4"}
    assert (tmp_path / "from-sheet" / "images" / "photos" / "garçon.jpg").is_file()
    assert_archive_loads(archive)


# -- a full disk ---------------------------------------------------------------------------------------------

def test_a_full_disk_during_an_import_leaves_the_archive_as_it_was(tmp_path):
    from test_trust_hostile import small_disk

    folder = tmp_path / "photos"
    for n in range(6):
        make_jpeg(folder / f"p{n}.jpg", (900, 700), seed=f"full{n}", quality=95)
    with small_disk(tmp_path / "disk", "3m") as disk:
        archive = disk / "archive"
        first = run_child("import", "photos", folder, "-C", archive, "-q")
        assert first.returncode == 0, first.stderr
        before = {p.relative_to(archive).as_posix(): p.read_bytes() for p in archive.rglob("*")
                  if p.is_file() and ".albumen" not in p.parts}
        for n in range(6):  # new photos and new captions: every file would be rewritten
            make_jpeg(folder / f"q{n}.jpg", (900, 700), seed=f"more{n}", quality=95)
        with (disk / "filler").open("wb") as handle:
            try:
                handle.write(b"x" * (os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize - 200_000))
            except OSError:
                pass
        done = run_child("import", "photos", folder, "-C", archive, "--force", "-q")
        assert done.returncode == 1, done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert "disk is full" in done.stderr, done.stderr
        after = {p.relative_to(archive).as_posix(): p.read_bytes() for p in archive.rglob("*")
                 if p.is_file() and ".albumen" not in p.parts}
        half = {rel for rel in after if rel not in before}
        assert not {rel for rel in half if rel.startswith("items/")}, half  # no half-written item
        assert {rel: after[rel] for rel in before} == before  # what was there is as it was
        leftovers = [p.name for p in archive.rglob("*") if p.name.startswith(".") and p.suffix == ".tmp"]
        assert not leftovers, leftovers


# -- the property: whatever the pages, rows and images hold, an import ends, located --------------------------

def outside_snapshot(base: Path, archive: Path) -> dict[str, bytes]:
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*")
            if p.is_file() and not p.is_relative_to(archive)}


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(("html", "csv", "photos")), st.lists(st.binary(max_size=3000), min_size=1, max_size=4),
       st.sampled_from((b"", b"<html><body><img src='a.jpg'>", b"File,Title\na.jpg,", b"\xff\xd8\xff\xe0",
                        b"\x89PNG\r\n\x1a\n", b"II*\x00", b"\xef\xbb\xbf")))
def test_random_bytes_never_make_an_import_crash_or_write_outside(tmp_path_factory, kind, blobs, prefix):
    base = tmp_path_factory.mktemp("random")
    source = base / "source"
    make_jpeg(source / "a.jpg", (200, 150))
    for n, blob in enumerate(blobs):
        name = {"html": f"page{n}.html", "csv": f"rows{n}.csv", "photos": f"photo{n}.jpg"}[kind]
        (source / name).write_bytes(prefix + blob)
    archive = base / "archive"
    before = outside_snapshot(base, archive)
    if kind == "csv":
        result = run_cli("import", "csv", source / "rows0.csv", "--images", source, "-C", archive, "-q")
    else:
        result = run_cli("import", kind, source, "-C", archive, "-q")
    assert_no_crash(result.exit_code, result.stderr)
    assert outside_snapshot(base, archive) == before  # nothing written (or changed) outside the archive
    if result.exit_code != 2 and (archive / "items").exists():
        for path in archive.glob("items/*.md"):
            assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]), dict)
