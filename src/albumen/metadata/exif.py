"""EXIF and TIFF tags, read and written with Pillow: a JPEG's, PNG's or WebP's EXIF block, or a TIFF file's own
tags (BigTIFF included: big archival scans are written as BigTIFF).

Why not libvips' `exif-ifd*` fields: libexif renders them as text for people ("24/1 19/1 351/10 (24, 19, 35.1,
Rational, ...)") and turns every non-ASCII byte of a description into '?', so "Café" would come out "Caf?"; and
libvips hands over no exif-data for a TIFF at all. Text is read from the tags' bytes as written (UTF-8, else
Windows-1252, as cameras and Windows write them). Damaged or truncated data gives the tags read up to the damage,
never an exception.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from PIL import Image, TiffImagePlugin

# The tags we read: in IFD0 (a TIFF file's own tags), in the EXIF IFD and in the GPS IFD.
IMAGE_DESCRIPTION, ARTIST, COPYRIGHT = 0x010E, 0x013B, 0x8298
XP_TITLE, XP_COMMENT, XP_AUTHOR, XP_KEYWORDS, XP_SUBJECT = 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
XMP_PACKET, IPTC_NAA = 700, 33723  # in a TIFF file's own IFD0
DATE_TIME_ORIGINAL = 0x9003
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4
ASCII, LONG, SHORT, LONG8 = 2, 4, 3, 16
# More tags than any real IFD has: the offset points into picture data (a BigTIFF's count is 8 bytes, and
# Pillow would read entries up to the end of a 4 GB scan).
MAX_ENTRIES = 1000
EXIF_HEADER = b"Exif\x00\x00"
# A TIFF's first bytes: classic (42) and BigTIFF (43), in either byte order.
TIFF_HEADERS = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
# An EXIF block goes into one JPEG segment (64 KB): each text we write is cut to this many bytes.
MAX_WRITTEN_TEXT = 30_000

Tags = dict[int, Any]


@dataclass(frozen=True)
class ExifFields:
    description: str = ""
    artist: str = ""
    copyright: str = ""
    date_time_original: str = ""  # "1952:07:04 14:30:00", as written
    xp_title: str = ""  # Windows Explorer's Title, Comments, Authors, Tags and Subject
    xp_comment: str = ""
    xp_author: str = ""
    xp_keywords: tuple[str, ...] = ()
    xp_subject: str = ""
    lat: float | None = None
    lon: float | None = None
    xmp: bytes = b""  # a TIFF file's XMP and IPTC blocks (a JPEG's are elsewhere in the file)
    iptc: bytes = b""


def read_exif(data: bytes) -> ExifFields:
    """The tags we use from EXIF bytes ('Exif\\0\\0' first or not) or a whole TIFF file; empty when unreadable."""
    return _fields(io.BytesIO(data[len(EXIF_HEADER):] if data.startswith(EXIF_HEADER) else data))


def read_tiff_file(path: Path) -> ExifFields:
    """A TIFF file's own tags (classic or BigTIFF), read from the file: only the IFDs, never the pixels of a scan
    that may be gigabytes. Empty when it can't be read or is no TIFF."""
    try:
        with path.open("rb") as handle:
            return _fields(handle)
    except OSError:
        return ExifFields()


def exif_block(copyright: str, artist: str) -> bytes:
    """An EXIF block ('Exif\\0\\0' and a TIFF structure) with the copyright and artist only: what every derivative
    and the full-size copy keep of an original. The text is written as UTF-8 (EXIF says ASCII; exiftool, Windows
    and browsers read UTF-8 there), so "Café Müller ©" stays itself in every file made from one photo."""
    tags = Image.Exif()
    for tag, text in ((ARTIST, artist), (COPYRIGHT, copyright)):
        if text:
            # bytes: Pillow writes a str as ASCII, '?' for each other letter. Cut between letters, not inside one.
            tags[tag] = text.encode("utf-8")[:MAX_WRITTEN_TEXT].decode("utf-8", "ignore").encode("utf-8")
    return tags.tobytes() if tags else b""


def decode_text(raw: bytes) -> str:
    """Bytes of text in metadata: UTF-8 when they are, else Windows-1252 (what Windows programs wrote)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _fields(handle: IO[bytes]) -> ExifFields:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns of each damaged tag it skips: damage is expected here
        ifd0 = _ifd_at(handle, None)
        if ifd0 is None:
            return ExifFields()
        exif = _ifd_at(handle, _pointer(ifd0, EXIF_IFD)) or {}
        gps = _ifd_at(handle, _pointer(ifd0, GPS_IFD)) or {}
    return ExifFields(
        description=_text(ifd0, IMAGE_DESCRIPTION), artist=_text(ifd0, ARTIST),
        copyright=" / ".join(p for p in _text(ifd0, COPYRIGHT, keep_nul=True).split("\x00") if p.strip()).strip(),
        date_time_original=_text(exif, DATE_TIME_ORIGINAL), xp_title=_windows_text(ifd0, XP_TITLE),
        xp_comment=_windows_text(ifd0, XP_COMMENT), xp_author=_windows_text(ifd0, XP_AUTHOR),
        xp_keywords=tuple(k.strip() for k in _windows_text(ifd0, XP_KEYWORDS).split(";") if k.strip()),
        xp_subject=_windows_text(ifd0, XP_SUBJECT), xmp=_raw(ifd0, XMP_PACKET), iptc=_raw(ifd0, IPTC_NAA),
        lat=_coordinate(gps, GPS_LATITUDE, GPS_LATITUDE_REF, "S", 90),
        lon=_coordinate(gps, GPS_LONGITUDE, GPS_LONGITUDE_REF, "W", 180),
    )


def _ifd_at(handle: IO[bytes], offset: int | None) -> Any:
    """The IFD at offset (None: the first one, after the header), read by Pillow; None when there is none."""
    handle.seek(0)
    header = handle.read(16)
    big = header[2:4] in (b"+\x00", b"\x00+")
    if header[:4] not in TIFF_HEADERS or len(header) < (16 if big else 8):
        return None
    try:
        tags = TiffImagePlugin.ImageFileDirectory_v2(header if big else header[:8])
        where = tags.next if offset is None else offset
        if where <= 0 or not _plausible_count(handle, where, "<" if header[:2] == b"II" else ">", big):
            return None
        handle.seek(where)
        tags.load(handle)  # stops at the damage, keeping the tags read before it
    except (SyntaxError, ValueError, OSError, struct.error):
        return None
    return tags


def _plausible_count(handle: IO[bytes], offset: int, order: str, big: bool) -> bool:
    """Whether the IFD at offset counts no more entries than a real one (not an offset into picture data)."""
    handle.seek(offset)
    raw = handle.read(8 if big else 2)
    if len(raw) < (8 if big else 2):
        return False
    (count,) = struct.unpack(order + ("Q" if big else "H"), raw)
    return bool(0 < count <= MAX_ENTRIES)


def _pointer(tags: Any, tag: int) -> int:
    value = _value(tags, tag)
    if isinstance(value, tuple):
        value = value[0] if value else 0
    return value if isinstance(value, int) and tags.tagtype.get(tag) in (LONG, SHORT, LONG8, 13, 18) else 0


def _value(tags: Any, tag: int) -> Any:
    """A tag's value as Pillow decodes it; None when absent or undecodable."""
    if tag not in tags:
        return None
    try:
        return tags[tag]
    except (ValueError, struct.error, TypeError, KeyError):
        return None


def _raw(tags: Any, tag: int) -> bytes:
    """A tag's bytes as written: BYTE and UNDEFINED values come as bytes, ASCII as Latin-1 text (one byte a
    character, so nothing is lost) and LONG as numbers (a TIFF's IPTC block is often typed LONG)."""
    value = _value(tags, tag)
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("latin-1", errors="replace")
    if isinstance(value, int):
        value = (value,)
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value) and tags.tagtype.get(tag) == LONG:
        return struct.pack(("<" if tags.prefix == b"II" else ">") + f"{len(value)}I", *value)
    return b""


def _text(tags: Any, tag: int, keep_nul: bool = False) -> str:
    raw = _raw(tags, tag)
    raw = raw.rstrip(b"\x00") if keep_nul else raw.split(b"\x00", 1)[0]
    return decode_text(raw).strip()


def _windows_text(tags: Any, tag: int) -> str:
    """Windows' XP tags are UTF-16 (little-endian, whatever the file's byte order), ending in a NUL."""
    return _raw(tags, tag).decode("utf-16-le", errors="replace").split("\x00", 1)[0].strip()


def _coordinate(gps: Any, tag: int, ref_tag: int, negative: str, limit: float) -> float | None:
    """Degrees, minutes, seconds -> decimal degrees, south and west negative; None when absent or impossible."""
    value = _value(gps, tag) if gps else None
    if value is None:
        return None
    values = value if isinstance(value, tuple) else (value,)
    try:
        parts = ([_number(v) for v in values[:3]] + [0.0, 0.0])[:3]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = parts[0] + parts[1] / 60 + parts[2] / 3600
    # Degrees, minutes and seconds are never negative (the reference says S or W): a signed -100° was written as
    # latitude -100 (Found by tests/test_trust_imports.py). NaN: a zero denominator.
    if degrees != degrees or degrees > limit or min(parts) < 0:
        return None
    reference = _text(gps, ref_tag).upper()
    return -degrees if reference == negative else degrees


def _number(value: Any) -> float:
    """A rational as Pillow reads it (IFDRational; NaN for a zero denominator) as a float; TypeError otherwise."""
    if isinstance(value, TiffImagePlugin.IFDRational | Fraction | int | float):
        return float(value)
    raise TypeError(f"not a number: {value!r}")
