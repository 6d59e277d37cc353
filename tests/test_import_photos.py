"""`albumen import photos`: a folder of real photos with embedded metadata (EXIF written with Pillow; XMP and IPTC
written with pyvips, as cameras and Lightroom leave them; a TIFF scan with its own tags) is made in tmp_path,
imported, built, and read back from the built pages: captions verbatim, dates as EDTF, places from GPS and from
named cities, keywords, creators and rights; images copied byte for byte; subfolders as topics; unreadable files
reported; importing twice is safe.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest
import pyvips
import yaml
from click.testing import Result
from PIL import Image, TiffImagePlugin
from PIL.ExifTags import GPS, IFD, Base

from albumen.caption_title import title_from_caption
from albumen.enrich.gazetteer import load_gazetteer
from albumen.importers.camera_text import camera_caption, camera_rights
from albumen.importers.photo_metadata import metadata_edtf
from albumen.importers.place_lookup import PlaceLookup
from albumen.metadata.exif import read_exif
from albumen.metadata.iptc import read_iptc
from albumen.metadata.xmp import read_xmp
from albumen.records import Place
from conftest import Node, make_jpeg, parse_html, problem_lines, run_cli, squash

SMALL_WIDTHS = 'title = "Imported"\n[images]\nwidths = [200]\nformats = []\n'
LIUZHOU = (24.3264, 109.4281)


# -- photos with metadata, as cameras and programs write them -------------------------------------------------

def dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4))


def exif_jpeg(path: Path, *, description: str = "", artist: str = "", copyright: str = "", taken: str = "",
              gps: tuple[float, float] | None = None, keywords: str = "", size: tuple[int, int] = (320, 240)) -> Path:
    """A JPEG with EXIF as a camera (or Windows Explorer, for the keywords) writes it; text fields in UTF-8."""
    exif = Image.Exif()
    if description:
        exif[Base.ImageDescription] = description.encode("utf-8")
    if artist:
        exif[Base.Artist] = artist.encode("utf-8")
    if copyright:
        exif[Base.Copyright] = copyright.encode("utf-8")
    if keywords:
        exif[Base.XPKeywords] = keywords.encode("utf-16-le") + b"\x00\x00"
    if taken:
        exif.get_ifd(IFD.Exif)[0x9003] = taken
    if gps is not None:
        info = exif.get_ifd(IFD.GPSInfo)
        info[GPS.GPSLatitudeRef], info[GPS.GPSLatitude] = ("N" if gps[0] >= 0 else "S"), dms(gps[0])
        info[GPS.GPSLongitudeRef], info[GPS.GPSLongitude] = ("E" if gps[1] >= 0 else "W"), dms(gps[1])
    return make_jpeg(path, size, exif=exif)


def xmp_packet(*, title: str = "", description: str = "", subjects: tuple[str, ...] = (),
               creators: tuple[str, ...] = (), rights: str = "", attributes: dict[str, str] | None = None,
               other_language: str = "") -> bytes:
    """An XMP packet as Adobe's XMP toolkit writes it: simple values as attributes, the rest as elements."""
    def alt(text: str) -> str:
        other = f'<rdf:li xml:lang="de">{other_language}</rdf:li>' if other_language else ""
        return f'<rdf:Alt>{other}<rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    def items(kind: str, values: tuple[str, ...]) -> str:
        return f"<rdf:{kind}>" + "".join(f"<rdf:li>{escape(v)}</rdf:li>" for v in values) + f"</rdf:{kind}>"

    elements = ""
    elements += f"<dc:title>{alt(title)}</dc:title>" if title else ""
    elements += f"<dc:description>{alt(description)}</dc:description>" if description else ""
    elements += f"<dc:subject>{items('Bag', subjects)}</dc:subject>" if subjects else ""
    elements += f"<dc:creator>{items('Seq', creators)}</dc:creator>" if creators else ""
    elements += f"<dc:rights>{alt(rights)}</dc:rights>" if rights else ""
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in (attributes or {}).items())
    return (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"'
            f'{attrs}>{elements}</rdf:Description></rdf:RDF></x:xmpmeta>\n'
            + " " * 200 + '\n<?xpacket end="w"?>').encode("utf-8")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def iim(*datasets: tuple[int, int, bytes]) -> bytes:
    """IPTC-IIM datasets; a value of 32 KB or more gets an extended length, as the standard says."""
    out = b""
    for record, dataset, value in datasets:
        if len(value) < 0x8000:
            out += struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value
        else:
            out += struct.pack(">BBBHI", 0x1C, record, dataset, 0x8004, len(value)) + value
    return out


def photoshop_block(records: bytes, before: bytes = b"") -> bytes:
    """A JPEG's APP13 payload: 'Photoshop 3.0', image resources ('8BIM'), IPTC in resource 0x0404."""
    def resource(number: int, data: bytes, name: bytes = b"") -> bytes:
        pascal = bytes([len(name)]) + name
        pascal += b"\x00" * (len(pascal) % 2)
        return b"8BIM" + struct.pack(">H", number) + pascal + struct.pack(">I", len(data)) + data + b"\x00" * (
            len(data) % 2)

    return b"Photoshop 3.0\x00" + (resource(0x03ED, before, b"res") if before else b"") + resource(0x0404, records)


def with_blobs(source: Path, target: Path, *, xmp: bytes | None = None, iptc: bytes | None = None) -> Path:
    """The photo saved again (by libvips, in target's format) with XMP and IPTC blocks added."""
    image = pyvips.Image.new_from_file(str(source)).copy()
    if xmp is not None:
        image.set_type(pyvips.GValue.blob_type, "xmp-data", xmp)
    if iptc is not None:
        image.set_type(pyvips.GValue.blob_type, "iptc-data", iptc)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.write_to_file(str(target))
    return target


def tiff_scan(path: Path, *, description: str, artist: str, iptc: bytes) -> Path:
    """A TIFF scan as scanning software writes it: its own ImageDescription and Artist tags, raw IIM in tag 33723."""
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[270] = description.encode("utf-8")
    info[315] = artist
    info[33723] = iptc + b"\x00" * (-len(iptc) % 4)
    info.tagtype[33723] = 7  # UNDEFINED: bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (400, 300), (120, 100, 80)).save(path, tiffinfo=info)
    return path


# -- helpers -------------------------------------------------------------------------------------------------

def run_import(folder: Path, archive: Path, *options: object, status: int = 0) -> Result:
    result = run_cli("import", "photos", folder, "-C", archive, *options)
    assert result.exit_code == status, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def new_archive(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "albumen.toml").write_text(SMALL_WIDTHS, encoding="utf-8")
    return path


def catalog(archive: Path) -> dict[str, Any]:
    result = run_cli("export", "json", "-C", archive)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def facts(archive: Path, item_id: str) -> tuple[str, dict[str, Node]]:
    """An item page's caption (as shown) and its facts: 'Date', 'Places', 'Subjects', 'Creator', 'Rights' -> <dd>."""
    page = parse_html(archive / "_site" / "items" / item_id / "index.html")
    captions = page.find_all("figcaption")
    dl = page.find("dl", cls="facts")
    terms = [child for child in dl.children if isinstance(child, Node) and child.tag in ("dt", "dd")]
    found = {squash(dt.text()): dd for dt, dd in zip(terms[::2], terms[1::2], strict=True)}
    return (squash(captions[0].text()) if captions else ""), found


# -- a folder of photos: imported and built --------------------------------------------------------------------

CAPTIONS = {
    "1944/liuzhou-station.jpg": "Refugees at Liuzhou station — “the last train”; café au lait.",
    "1944/bridge.jpg": "Setting explosives *on* the bridge.\nThe results can be seen later.",
    "1945/ship.png": "The ship at anchor, Ulithi 1945",
    "1945/ocean-a.jpg": "Somewhere in the Pacific.",
    "1945/ocean-b.jpg": "Still somewhere in the Pacific.",
    "scan.tif": "Mother at the lake, summer 1952 – grandma’s words",
    "guilin.jpg": "The karst hills at Kweilin.\n\nA second paragraph, with 100% <b>no html</b>.",
    "sidecar.jpg": "The caption a person wrote in Lightroom.",
}


@pytest.fixture(scope="module")
def folder_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result, dict[str, Any]]:
    """(the photo folder, the archive, the import's result, the catalog): imported with topics and built once."""
    base = tmp_path_factory.mktemp("photos")
    folder = base / "Grandpa's photos"
    exif_jpeg(folder / "1944" / "liuzhou-station.jpg", description=CAPTIONS["1944/liuzhou-station.jpg"],
              artist="Sgt. John Miller", copyright="© 1944 the Miller family", taken="1944:10:05 14:30:00",
              gps=(24.3301, 109.4102), keywords="refugees;railways")
    camera = exif_jpeg(base / "camera" / "bridge.jpg", description="OLYMPUS DIGITAL CAMERA",
                       taken="2019:01:01 10:00:00", gps=(24.36, 109.45))  # a scan's date: not the photo's
    with_blobs(camera, folder / "1944" / "bridge.jpg", xmp=xmp_packet(
        title="The bridge", description=CAPTIONS["1944/bridge.jpg"], subjects=("bridges", "war"),
        creators=("John Miller", "Bill Smith"), rights="CC BY 4.0", attributes={"photoshop:DateCreated": "1944-10"},
    ), iptc=photoshop_block(iim((1, 90, b"\x1b%G"), (2, 120, b"An older caption"), (2, 25, b"war"),
                                (2, 25, b"Guangxi")), before=b"other resource"))
    png = Image.new("RGB", (320, 240), (20, 40, 60))
    (folder / "1945").mkdir(parents=True)
    png.save(base / "plain.png")
    with_blobs(base / "plain.png", folder / "1945" / "ship.png", xmp=xmp_packet(
        description=CAPTIONS["1945/ship.png"], other_language="Das Schiff vor Anker",
        attributes={"photoshop:DateCreated": "1945-03-15T08:00:00+09:00", "photoshop:City": "Kunming",
                    "photoshop:Country": "China"}))
    exif_jpeg(folder / "1945" / "ocean-a.jpg", description=CAPTIONS["1945/ocean-a.jpg"], gps=(10.0, -140.0))
    exif_jpeg(folder / "1945" / "ocean-b.jpg", description=CAPTIONS["1945/ocean-b.jpg"], gps=(10.002, -140.001))
    tiff_scan(folder / "scan.tif", description="EPSON scanner", artist="Anna Miller", iptc=iim(
        (2, 120, CAPTIONS["scan.tif"].encode("cp1252")), (2, 55, b"19520700"), (2, 25, b"family"),
        (2, 116, "© Anna Miller".encode("cp1252"))))
    make_jpeg(base / "plain.jpg", (320, 240))
    with_blobs(base / "plain.jpg", folder / "guilin.jpg", iptc=photoshop_block(iim(
        (1, 90, b"\x1b%G"), (2, 5, b"Karst hills"), (2, 120, CAPTIONS["guilin.jpg"].encode()),
        (2, 55, b"19440000"), (2, 90, b"Kweilin"), (2, 101, b"China"), (2, 80, "Zoë Chen".encode()))))
    exif_jpeg(folder / "sidecar.jpg", description="What the camera said.")
    (folder / "sidecar.xmp").write_bytes(xmp_packet(description=CAPTIONS["sidecar.jpg"], subjects=("edited",)))
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    (folder / "phone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic not really one")
    (folder / "notes.txt").write_text("not a photo", encoding="utf-8")
    make_jpeg(folder / ".thumbnails" / "x.jpg", (32, 24))
    archive = new_archive(base / "archive")
    result = run_import(folder, archive, "--topics-from-folders", status=1)  # two files can't be read
    built = run_cli("build", "-q", "--executor", "inline", "-C", archive)
    assert built.exit_code == 0, built.stderr
    return folder, archive, result, catalog(archive)


def by_file(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["source"]["file"]: item for item in document["items"]}


def test_each_photo_becomes_an_item_with_its_caption_verbatim(folder_import: tuple) -> None:
    folder, archive, _, document = folder_import
    items = by_file(document)
    assert sorted(items) == sorted(CAPTIONS)  # not the hidden folder's, the text file, or the unreadable two
    for rel, caption in CAPTIONS.items():
        shown, _ = facts(archive, items[rel]["id"])
        assert shown == squash(caption), rel
        copied = archive / "images" / items[rel]["image"]["path"]
        assert copied.read_bytes() == (folder / rel).read_bytes()
        assert items[rel]["image"]["path"] == f"grandpa-s-photos/{rel}"
    assert items["1944/bridge.jpg"]["title"] == "The bridge"  # XMP over IPTC
    assert items["guilin.jpg"]["title"] == "Karst hills"  # IPTC's object name
    assert items["1944/liuzhou-station.jpg"]["id"] == "liuzhou-station"


def test_dates_come_from_exif_or_from_the_date_a_person_set(folder_import: tuple) -> None:
    _, archive, _, document = folder_import
    items = by_file(document)
    dates = {rel: (item["date"] or {}).get("edtf") for rel, item in items.items()}
    assert dates == {"1944/liuzhou-station.jpg": "1944-10-05", "1944/bridge.jpg": "1944-10",
                     "1945/ship.png": "1945-03-15", "1945/ocean-a.jpg": None, "1945/ocean-b.jpg": None,
                     "scan.tif": "1952-07", "guilin.jpg": "1944", "sidecar.jpg": None}
    assert items["1944/liuzhou-station.jpg"]["source"]["date_text"] == "1944:10:05 14:30:00"  # the time is kept
    _, station = facts(archive, items["1944/liuzhou-station.jpg"]["id"])
    assert station["Date"].find("time").get("data-edtf") == "1944-10-05"
    assert squash(station["Date"].text()) == "5 October 1944"


def test_places_come_from_gps_or_from_the_city_named(folder_import: tuple) -> None:
    _, archive, _, document = folder_import
    items = by_file(document)
    places = {rel: item["places"] for rel, item in items.items()}
    assert places["1944/liuzhou-station.jpg"] == places["1944/bridge.jpg"] == ["liuzhou"]  # both within 25 km
    assert places["1945/ship.png"] == ["kunming"] and places["guilin.jpg"] == ["guilin"]
    assert places["1945/ocean-a.jpg"] == places["1945/ocean-b.jpg"] == ["10.0000n-140.0000w"]  # 250 m apart: one spot
    assert places["scan.tif"] == [] and places["sidecar.jpg"] == []
    assert items["1944/bridge.jpg"]["source"]["gps"] == [24.36, 109.45]
    written = {p["id"]: p for p in yaml.safe_load((archive / "places.yaml").read_text(encoding="utf-8"))}
    assert written["10.0000n-140.0000w"] == {"id": "10.0000n-140.0000w", "name": "10.0000° N, 140.0000° W",
                                             "lat": 10.0, "lon": -140.0}
    assert written["liuzhou"]["parent"] == "guangxi" and written["kunming"]["parent"] == "yunnan"
    _, station = facts(archive, items["1944/liuzhou-station.jpg"]["id"])
    assert "Liuzhou" in squash(station["Places"].text())
    assert (archive / "_site" / "places" / "10.0000n-140.0000w" / "index.html").is_file()


def test_keywords_creators_and_rights_reach_the_page(folder_import: tuple) -> None:
    _, archive, _, document = folder_import
    items = by_file(document)
    expected = {
        "1944/liuzhou-station.jpg": (["refugees", "railways"], "Sgt. John Miller", "© 1944 the Miller family"),
        "1944/bridge.jpg": (["bridges", "war", "Guangxi"], "John Miller; Bill Smith", "CC BY 4.0"),
        "scan.tif": (["family"], "Anna Miller", "© Anna Miller"),
        "guilin.jpg": ([], "Zoë Chen", ""),
        "sidecar.jpg": (["edited"], "", ""),
    }
    for rel, (subjects, creator, rights) in expected.items():
        item = items[rel]
        assert (item["subjects"], item["creator"], item["rights"]) == (subjects, creator, rights), rel
        _, shown = facts(archive, item["id"])
        page = {name: squash(shown[name].text()) for name in ("Creator", "Rights") if name in shown}
        page["Subjects"] = [squash(li.text()) for li in shown["Subjects"].find_all("li")] if subjects else []
        assert page == {"Subjects": subjects, **({"Creator": creator} if creator else {}),
                        **({"Rights": rights} if rights else {})}, rel


def test_subfolders_become_topics(folder_import: tuple) -> None:
    _, archive, _, document = folder_import
    items = by_file(document)
    topics = {topic["id"]: topic for topic in document["topics"]}
    assert {topic_id: topic["title"] for topic_id, topic in topics.items()} == {"1944": "1944", "1945": "1945"}
    assert items["1944/bridge.jpg"]["topics"] == ["1944"] and items["scan.tif"]["topics"] == []
    page = parse_html(archive / "_site" / "topics" / "1945" / "index.html")
    linked = {a.get("href") for a in page.find_all("a")}
    assert {f"../../items/{items[rel]['id']}/" for rel in CAPTIONS if rel.startswith("1945/")} <= linked


def test_files_that_cant_be_read_are_reported(folder_import: tuple) -> None:
    folder, archive, result, _ = folder_import
    found = [(m["path"], m["level"], m["message"]) for m in problem_lines(result.stderr)]
    assert [(path, level) for path, level, _ in found] == [(f"{folder}/broken.jpg", "error"),
                                                           (f"{folder}/phone.heic", "error")]
    assert found[0][2].startswith("can't be read as an image (") and found[0][2].endswith("); not imported")
    assert "HEVC" in found[1][2]
    assert "read 10 photos from" in result.stdout and "8 items, 2 topics" in result.stdout
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert f"`{folder}/broken.jpg`: error: can't be read" in report
    assert "10.0000n-140.0000w: 10.0000° N, 140.0000° W (10.0, -140.0)" in report


# -- importing again -------------------------------------------------------------------------------------------

def test_importing_twice_is_safe(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    exif_jpeg(folder / "trip" / "a.jpg", description="At Liuzhou.", gps=LIUZHOU, taken="1944:10:05 14:30:00")
    exif_jpeg(folder / "trip" / "b.jpg", description="At sea.", gps=(-33.0, -100.0))
    archive = new_archive(tmp_path / "archive")
    run_import(folder, archive, "--topics-from-folders", "-q")
    topic = archive / "topics" / "trip.md"
    topic.write_text(topic.read_text(encoding="utf-8") + "The narrative a person wrote.\n", encoding="utf-8")
    again = run_import(folder, archive, "--topics-from-folders")
    assert "wrote files: nothing new" in again.stdout  # the topic a person wrote on is not redrafted either
    dry = run_import(folder, archive, "--dry-run")
    assert "would write (update): items/a.md" in dry.stdout  # without --topics-from-folders: no topics
    assert "33.0000s-100.0000w" in (archive / "places.yaml").read_text(encoding="utf-8")


def test_another_photos_item_is_never_replaced(tmp_path: Path) -> None:
    archive = new_archive(tmp_path / "archive")
    (archive / "items").mkdir()
    theirs = "---\nimage: old-site/a.jpg\n---\nA photo from the old site.\n"
    (archive / "items" / "a.md").write_text(theirs, encoding="utf-8")
    make_jpeg(archive / "images" / "old-site" / "a.jpg", (200, 150), seed="old")
    exif_jpeg(tmp_path / "camera" / "a.jpg", description="A new photo with the same file name.")
    run_import(tmp_path / "camera", archive, "-q")
    assert (archive / "items" / "a.md").read_text(encoding="utf-8") == theirs
    assert "A new photo" in (archive / "items" / "a-2.md").read_text(encoding="utf-8")
    assert "wrote files: nothing new" in run_import(tmp_path / "camera", archive).stdout  # a-2 is still its id


def test_misuse_and_empty_folders(tmp_path: Path) -> None:
    archive = new_archive(tmp_path / "archive")
    assert run_import(tmp_path / "nowhere", archive, status=2).stderr
    itself = run_import(archive, archive, status=2)
    assert "can't be the archive folder itself" in itself.stderr
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no photos", encoding="utf-8")
    empty = run_import(tmp_path / "empty", archive, status=1)
    assert empty.stderr.startswith("error: no photos")


def test_photos_already_in_the_archive_are_used_where_they_are(tmp_path: Path) -> None:
    archive = new_archive(tmp_path / "archive")
    exif_jpeg(archive / "images" / "2020" / "a.jpg", description="In place.")
    run_import(archive / "images", archive, "-q")
    [item] = catalog(archive)["items"]
    assert item["image"]["path"] == "2020/a.jpg" and item["caption"] == "In place."
    assert [p.name for p in (archive / "images").rglob("*.jpg")] == ["a.jpg"]


# -- the parts -----------------------------------------------------------------------------------------------

def test_exif_is_read_from_its_bytes_in_both_byte_orders(tmp_path: Path) -> None:
    jpeg = exif_jpeg(tmp_path / "a.jpg", description="Café", gps=(-33.8688, 151.2093), taken="1950:01:02 03:04:05")
    blob = pyvips.Image.new_from_file(str(jpeg)).get("exif-data")
    fields = read_exif(blob)
    assert blob[6:8] == b"MM" and fields.description == "Café" and fields.date_time_original == "1950:01:02 03:04:05"
    assert fields.lat is not None and abs(fields.lat + 33.8688) < 1e-4
    assert fields.lon is not None and abs(fields.lon - 151.2093) < 1e-4
    tiff = tiff_scan(tmp_path / "b.tif", description="Scan — Grandpa", artist="Anna", iptc=iim((2, 120, b"x")))
    little = read_exif(tiff.read_bytes())
    assert tiff.read_bytes()[:2] == b"II" and (little.description, little.artist) == ("Scan — Grandpa", "Anna")
    for cut in range(0, len(blob), 7):  # damaged data: what can be read, never an exception
        read_exif(blob[:cut])
    assert read_exif(b"not exif at all") == read_exif(b"")


def test_iptc_charsets_resources_and_long_values() -> None:
    long_caption = "Ä" * 20000  # 40,000 bytes in UTF-8: an extended dataset
    utf8 = read_iptc(photoshop_block(iim((1, 90, b"\x1b%G"), (2, 120, long_caption.encode()), (2, 25, b"a"),
                                         (2, 25, b"b")), before=b"x" * 5))
    assert utf8.caption == long_caption and utf8.keywords == ("a", "b")
    legacy = read_iptc(iim((2, 120, "Grandma’s café".encode("cp1252")), (2, 80, b"Hans M\xfcller")))
    assert legacy.caption == "Grandma’s café" and legacy.by_line == ("Hans Müller",)
    assert read_iptc(iim((2, 120, b"cut off"))[:-3]) == read_iptc(b"")
    assert read_iptc(b"Photoshop 3.0\x008BIM\x04\x04\x00") == read_iptc(b"")


def test_xmp_forms_and_refusals() -> None:
    fields = read_xmp(xmp_packet(title="T", description="D", other_language="Deutsch", subjects=("a", "b"),
                                 attributes={"photoshop:City": "Kunming", "exif:GPSLatitude": "24,19.585N",
                                             "exif:GPSLongitude": "109,25,41.16W"}))
    assert (fields.title, fields.description, fields.subjects, fields.city) == ("T", "D", ("a", "b"), "Kunming")
    assert fields.lat is not None and abs(fields.lat - (24 + 19.585 / 60)) < 1e-6
    assert fields.lon is not None and abs(fields.lon + (109 + 25 / 60 + 41.16 / 3600)) < 1e-6
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    assert read_xmp(bomb) == read_xmp(b"") == read_xmp(b"<not xml")


@pytest.mark.parametrize(("text", "edtf"), [
    ("1944:10:05 14:30:00", "1944-10-05"), ("1944:10:05", "1944-10-05"), ("0000:00:00 00:00:00", ""),
    ("    :  :     :  :  ", ""), ("19440700", "1944-07"), ("19440000", "1944"), ("1944", "1944"),
    ("1944-10-05T14:30:00+08:00", "1944-10-05"), ("1944-13-01", ""), ("yesterday", ""),
    ("2999:01:01 00:00:00", ""),  # a clock set wrong
])
def test_metadata_dates_become_edtf(text: str, edtf: str) -> None:
    assert metadata_edtf(text) == edtf


def test_coordinates_find_the_nearest_place_within_reach() -> None:
    mine = Place("home", "Grandma's house", lat=24.30, lon=109.40)
    lookup = PlaceLookup([mine], load_gazetteer())
    assert lookup.at(24.301, 109.401) == "home"  # the archive's own place, nearer than the city's centre
    assert lookup.at(*LIUZHOU) == "liuzhou"  # nearer the city's centre than home
    assert lookup.at(25.2802, 110.296) == "guilin"
    spot = lookup.at(0.5, -25.0)  # the Atlantic: no town within 25 km
    assert spot == "0.5000n-25.0000w" and lookup.at(0.505, -25.0) == spot  # 550 m: the same spot
    assert lookup.at(0.52, -25.0) == "0.5200n-25.0000w"  # 2 km: another
    assert [p.id for p in lookup.drafts()] == ["china", "guangxi", "liuzhou", "guilin", spot, "0.5200n-25.0000w"]


# -- camera boilerplate, and titles made from captions (issue 15, part 3) -----------------------------------------

@pytest.mark.parametrize("text", [
    "KONICA MINOLTA DIGITAL CAMERA", "OLYMPUS DIGITAL CAMERA", "SONY DSC", "KODAK DIGITAL STILL CAMERA",
    "KODAK EASYSHARE CX7300 ZOOM DIGITAL CAMERA", "MINOLTA DIGITAL CAMERA", "SAMSUNG DIGITAL CAMERA",
    "SAMSUNG CAMERA PICTURES", "<Digimax S500 / Kenox S500 / Digimax Cyber 530>", "<KENOX S630  / Samsung S630>",
    "DIGITAL CAMERA", "EXIF_JPEG_PICTURE", "DSC_0042.JPG", "IMG_1234", "P1010001", "Created with The GIMP",
    "LEAD Technologies Inc. V1.01", "        ", "????????", "Nikon", "default",
])
def test_camera_words_are_no_caption(text: str) -> None:
    assert camera_caption(text)


@pytest.mark.parametrize("text", [
    "Mother at the station, 1944.", "Sony camera shop on the Ginza", "My first digital camera, a gift from Dad",
    "The Leica camera Grandpa carried", "P-51 Mustang at Kunming", "1944.", "Concord", "Kodak moment at the lake",
])
def test_a_persons_words_are_kept_as_a_caption(text: str) -> None:
    assert not camera_caption(text)


@pytest.mark.parametrize(("text", "boilerplate"), [
    ("(C) by RDC-5300 User", True), ("(C) by Caplio R1 User", True), ("Copyright", True), ("(c)", True),
    ("©", True), ("KONICA MINOLTA DIGITAL CAMERA", True), ("© 1944 the Doe family", False),
    ("Copyright 2003 Jane Doe", False), ("ian Britton - FreeFoto.com", False), ("CC BY 4.0", False),
])
def test_camera_copyright_defaults_are_no_rights(text: str, boilerplate: bool) -> None:
    assert camera_rights(text) == boilerplate


def test_camera_boilerplate_is_never_a_caption_a_title_or_rights(tmp_path: Path) -> None:
    folder = tmp_path / "camera"
    exif_jpeg(folder / "konica.jpg", description="KONICA MINOLTA DIGITAL CAMERA", copyright="(C) by RDC-5300 User",
              artist="Camera Owner")
    olympus = exif_jpeg(tmp_path / "olympus.jpg", description="SONY DSC", copyright="Copyright")
    # a program copied the camera's words into XMP and IPTC too
    with_blobs(olympus, folder / "olympus.jpg", xmp=xmp_packet(title="OLYMPUS DIGITAL CAMERA",
                                                               description="OLYMPUS DIGITAL CAMERA"),
               iptc=photoshop_block(iim((2, 120, b"OLYMPUS DIGITAL CAMERA"), (2, 116, b"(C) by Caplio R1 User"))))
    exif_jpeg(folder / "samsung.jpg", description="<Digimax S500 / Kenox S500 / Digimax Cyber 530>")
    exif_jpeg(folder / "person.jpg", description="Mother at the station, 1944.", copyright="© 1944 the Doe family",
              artist="Jane Doe")
    archive = new_archive(tmp_path / "archive")
    run_import(folder, archive, "-q")
    items = {item["id"]: item for item in catalog(archive)["items"]}
    for name in ("konica", "olympus", "samsung"):
        assert (items[name]["caption"], items[name]["rights"], items[name]["creator"]) == ("", "", ""), name
        assert items[name]["title"] == name  # the id: no caption, no title
    assert items["person"]["caption"] == "Mother at the station, 1944."
    assert (items["person"]["rights"], items["person"]["creator"]) == ("© 1944 the Doe family", "Jane Doe")
    written = "".join(path.read_text(encoding="utf-8") for path in (archive / "items").glob("*.md"))
    assert not any(word in written for word in ("CAMERA", "RDC-5300", "Digimax", "SONY DSC", "Caplio", "Owner"))


@pytest.mark.parametrize(("caption", "title"), [
    ("1944\\. The farm, where the river bends.", "1944."),
    ("\\<Digimax\\> is written on the box. The box is gone.", "<Digimax> is written on the box."),
    ("Rev. Smith and Mrs. Jones at St. Paul's church, 1944. Later that day.",
     "Rev. Smith and Mrs. Jones at St. Paul's church, 1944."),
    ("Gen. Chennault meets Lt. Col. Hill and Dr. Lee of Pacific Photo Co. at Kunming. Next.",
     "Gen. Chennault meets Lt. Col. Hill and Dr. Lee of Pacific Photo Co. at Kunming."),
    ("Mr. J. Smith at the U.S. Army camp. Next.", "Mr. J. Smith at the U.S. Army camp."),
    ("100\\% \\*real\\* \\[not a link\\](x) and \\_under\\_ \\#1! Then.",
     "100% *real* [not a link](x) and _under_ #1!"),
    ("*Emphasis* and [a link](item:x) here? Then.", "Emphasis and a link here?"),
])
def test_a_title_made_from_a_caption_shows_its_characters_not_markdown(caption: str, title: str) -> None:
    assert title_from_caption(caption) == title


def test_an_imported_caption_gives_a_title_without_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    exif_jpeg(folder / "farm.jpg", description="1944. The farm, where the river bends.")
    exif_jpeg(folder / "box.jpg", description="<Digimax> is written on the box. The box is gone.")
    exif_jpeg(folder / "church.jpg", description="Rev. Smith at St. Paul's church, 1944. Later that day.")
    archive = new_archive(tmp_path / "archive")
    run_import(folder, archive, "-q")
    assert run_cli("build", "-q", "--executor", "inline", "-C", archive).exit_code == 0
    titles = {item["id"]: item["title"] for item in catalog(archive)["items"]}
    assert titles == {"farm": "1944.", "box": "<Digimax> is written on the box.",
                      "church": "Rev. Smith at St. Paul's church, 1944."}
    page = parse_html(archive / "_site" / "items" / "church" / "index.html")
    assert squash(page.find("h1").text()) == "Rev. Smith at St. Paul's church, 1944."
    assert squash(parse_html(archive / "_site" / "items" / "box" / "index.html").find("h1").text()) == (
        "<Digimax> is written on the box.")
