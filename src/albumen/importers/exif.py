"""EXIF read from its bytes: the TIFF structure of a JPEG's, PNG's or WebP's EXIF block, or of a TIFF file itself.

Why not libvips' `exif-ifd*` fields: libexif renders them as text for people ("24/1 19/1 351/10 (24, 19, 35.1,
Rational, ...)") and turns every non-ASCII byte of a description into '?', so "Café" would come out "Caf?".
Reading the few tags we need from the bytes keeps the words as written (UTF-8, else Windows-1252, as cameras
and Windows write them). Damaged or truncated data gives the tags read up to the damage, never an exception.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Protocol

from albumen.importers.camera_text import camera_caption

# The tags we read: in IFD0 (a TIFF file's own tags), in the EXIF IFD and in the GPS IFD.
IMAGE_DESCRIPTION, ARTIST, COPYRIGHT = 0x010E, 0x013B, 0x8298
XP_TITLE, XP_COMMENT, XP_AUTHOR, XP_KEYWORDS, XP_SUBJECT = 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
XMP_PACKET, IPTC_NAA = 700, 33723  # in a TIFF file's own IFD0
DATE_TIME_ORIGINAL = 0x9003
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4

TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}
RATIONAL, SRATIONAL = 5, 10
MAX_ENTRIES = 1000  # more tags than any real IFD has: the offset points into picture data


class Bytes(Protocol):
    """bytes, or a read-only mmap of a TIFF file (too big to read whole just for its tags)."""

    def __getitem__(self, index: slice, /) -> bytes: ...

    def __len__(self) -> int: ...


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


@dataclass
class _Tiff:
    data: Bytes
    start: int  # where the TIFF header is (after "Exif\0\0")
    order: str  # struct's byte order: "<" (II, Intel) or ">" (MM, Motorola)
    seen: set[int] = field(default_factory=set)  # IFD offsets read: a loop of offsets is read once

    def unpack(self, fmt: str, offset: int) -> tuple[int, ...]:
        return struct.unpack_from(self.order + fmt, self.data[self.start + offset:self.start + offset + 8])

    def ifd(self, offset: int) -> dict[int, tuple[int, int, bytes]]:
        """The tags of the IFD at `offset`: tag -> (type, count, the value's bytes)."""
        if offset in self.seen or offset <= 0:
            return {}
        self.seen.add(offset)
        tags: dict[int, tuple[int, int, bytes]] = {}
        try:
            (count,) = self.unpack("H", offset)
            for index in range(min(count, MAX_ENTRIES)):
                entry = offset + 2 + 12 * index
                tag, kind, number = self.unpack("HHI", entry)
                size = TYPE_SIZES.get(kind, 0) * number
                if size == 0 or size > len(self.data):
                    continue
                where = entry + 8 if size <= 4 else self.unpack("I", entry + 8)[0]
                value = self.data[self.start + where:self.start + where + size]
                if len(value) == size:
                    tags[tag] = (kind, number, value)
        except struct.error:
            pass  # the IFD is cut off: the tags before the cut are good
        return tags

    def pointer(self, tags: dict[int, tuple[int, int, bytes]], tag: int) -> int:
        if tag not in tags:
            return 0
        kind, _, raw = tags[tag]
        fmt = "I" if kind in (4, 13) else "H"
        return int(struct.unpack_from(self.order + fmt, raw)[0]) if len(raw) >= struct.calcsize(fmt) else 0

    def rationals(self, kind: int, count: int, raw: bytes) -> list[float]:
        fmt = "I" if kind == RATIONAL else "i"
        values = struct.unpack_from(f"{self.order}{2 * count}{fmt}", raw)
        return [values[i] / values[i + 1] if values[i + 1] else float("nan") for i in range(0, len(values), 2)]


def read_exif(data: Bytes) -> ExifFields:
    """The tags we use from EXIF bytes ('Exif\\0\\0' first or not) or a whole TIFF file; empty when unreadable."""
    start = 6 if data[:6] == b"Exif\x00\x00" else 0
    header = data[start:start + 8]
    if len(header) < 8 or header[:2] not in (b"II", b"MM"):
        return ExifFields()
    tiff = _Tiff(data, start, "<" if header[:2] == b"II" else ">")
    if tiff.unpack("H", 2)[0] != 42:
        return ExifFields()  # BigTIFF (43) and other variants: no tags read
    ifd0 = tiff.ifd(tiff.unpack("I", 4)[0])
    exif = tiff.ifd(tiff.pointer(ifd0, EXIF_IFD))
    gps = tiff.ifd(tiff.pointer(ifd0, GPS_IFD))
    return ExifFields(
        description=_meaningful(_text(ifd0, IMAGE_DESCRIPTION)), artist=_text(ifd0, ARTIST),
        copyright=" / ".join(p for p in _text(ifd0, COPYRIGHT, keep_nul=True).split("\x00") if p.strip()).strip(),
        date_time_original=_text(exif, DATE_TIME_ORIGINAL), xp_title=_windows_text(ifd0, XP_TITLE),
        xp_comment=_windows_text(ifd0, XP_COMMENT), xp_author=_windows_text(ifd0, XP_AUTHOR),
        xp_keywords=tuple(k.strip() for k in _windows_text(ifd0, XP_KEYWORDS).split(";") if k.strip()),
        xp_subject=_windows_text(ifd0, XP_SUBJECT), xmp=ifd0.get(XMP_PACKET, (0, 0, b""))[2],
        iptc=ifd0.get(IPTC_NAA, (0, 0, b""))[2],
        lat=_coordinate(tiff, gps, GPS_LATITUDE, GPS_LATITUDE_REF, "S", 90),
        lon=_coordinate(tiff, gps, GPS_LONGITUDE, GPS_LONGITUDE_REF, "W", 180),
    )


def decode_text(raw: bytes) -> str:
    """Bytes of text in metadata: UTF-8 when they are, else Windows-1252 (what Windows programs wrote)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _text(tags: dict[int, tuple[int, int, bytes]], tag: int, keep_nul: bool = False) -> str:
    if tag not in tags:
        return ""
    raw = tags[tag][2]
    raw = raw.rstrip(b"\x00") if keep_nul else raw.split(b"\x00", 1)[0]
    return decode_text(raw).strip()


def _windows_text(tags: dict[int, tuple[int, int, bytes]], tag: int) -> str:
    """Windows' XP tags are UTF-16 (little-endian, whatever the file's byte order), ending in a NUL."""
    if tag not in tags:
        return ""
    return tags[tag][2].decode("utf-16-le", errors="replace").split("\x00", 1)[0].strip()


def _meaningful(description: str) -> str:
    """A description a person wrote, not the camera's name ('OLYMPUS DIGITAL CAMERA') or blank padding."""
    return "" if camera_caption(description) else description


def _coordinate(tiff: _Tiff, gps: dict[int, tuple[int, int, bytes]], tag: int, ref_tag: int, negative: str,
                limit: float) -> float | None:
    """Degrees, minutes, seconds -> decimal degrees, south and west negative; None when absent or impossible."""
    if tag not in gps:
        return None
    kind, count, raw = gps[tag]
    if kind not in (RATIONAL, SRATIONAL) or count < 1:
        return None
    parts = (tiff.rationals(kind, min(count, 3), raw) + [0.0, 0.0])[:3]
    value = parts[0] + parts[1] / 60 + parts[2] / 3600
    # Degrees, minutes and seconds are never negative (the reference says S or W): a signed -100° was written as
    # latitude -100 (Found by tests/test_trust_imports.py). NaN: a zero denominator.
    if value != value or value > limit or min(parts) < 0:
        return None
    reference = _text(gps, ref_tag).upper()
    return -value if reference == negative else value
