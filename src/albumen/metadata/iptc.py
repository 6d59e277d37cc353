"""IPTC-IIM read from its bytes: the records in a JPEG's Photoshop block (APP13, resource 0x0404) or a TIFF's tag.

Each dataset is 0x1C, record, dataset, a 2-byte length (or, with the top bit set, the number of bytes of a
longer length) and the value. Values are bytes in the charset record 1:90 names (ESC % G is UTF-8); without it,
old programs wrote their system's encoding: UTF-8 when the bytes are, else Windows-1252.
"""

from __future__ import annotations

import struct
from collections import defaultdict
from dataclasses import dataclass

from albumen.metadata.exif import decode_text

PHOTOSHOP = b"Photoshop 3.0\x00"
IPTC_RESOURCE = 0x0404
UTF8_MARK = b"\x1b%G"  # ISO 2022's escape sequence for UTF-8, in record 1:90

CHARSET = (1, 90)
OBJECT_NAME, KEYWORDS, DATE_CREATED, BY_LINE = (2, 5), (2, 25), (2, 55), (2, 80)
SUBLOCATION, CITY, PROVINCE, COUNTRY = (2, 92), (2, 90), (2, 95), (2, 101)
HEADLINE, COPYRIGHT_NOTICE, CAPTION = (2, 105), (2, 116), (2, 120)


@dataclass(frozen=True)
class IptcFields:
    object_name: str = ""
    headline: str = ""
    caption: str = ""
    keywords: tuple[str, ...] = ()
    by_line: tuple[str, ...] = ()
    copyright: str = ""
    date_created: str = ""  # CCYYMMDD, as written (00 for an unknown month or day)
    city: str = ""
    province: str = ""
    country: str = ""
    sublocation: str = ""


def read_iptc(blob: bytes) -> IptcFields:
    """The datasets we use; empty when there are none or the bytes are not IPTC."""
    datasets = _datasets(_iim_bytes(blob))
    utf8 = any(UTF8_MARK in value for value in datasets.get(CHARSET, []))

    def texts(key: tuple[int, int]) -> tuple[str, ...]:
        found = []
        for value in datasets.get(key, []):
            text = (value.decode("utf-8", errors="replace") if utf8 else decode_text(value)).replace("\x00", "")
            text = text.strip() if key == CAPTION else " ".join(text.split())  # a caption keeps its line breaks
            if text:
                found.append(text)
        return tuple(found)

    def text(key: tuple[int, int]) -> str:
        found = texts(key)
        return found[0] if found else ""

    return IptcFields(object_name=text(OBJECT_NAME), headline=text(HEADLINE), caption=text(CAPTION),
                      keywords=texts(KEYWORDS), by_line=texts(BY_LINE), copyright=text(COPYRIGHT_NOTICE),
                      date_created=text(DATE_CREATED), city=text(CITY), province=text(PROVINCE),
                      country=text(COUNTRY), sublocation=text(SUBLOCATION))


def _iim_bytes(blob: bytes) -> bytes:
    """The IIM records in a Photoshop image-resource block (a JPEG's APP13), or the blob when it is IIM itself."""
    if blob.startswith(PHOTOSHOP):
        blob = blob[len(PHOTOSHOP):]
    if not blob.startswith(b"8BIM"):
        return blob
    position = 0
    while blob[position:position + 4] == b"8BIM" and position + 12 <= len(blob):
        (resource,) = struct.unpack_from(">H", blob, position + 4)
        name_length = blob[position + 6] + 1  # a Pascal string, padded to an even length
        size_at = position + 6 + name_length + (name_length % 2)
        if size_at + 4 > len(blob):
            break
        (size,) = struct.unpack_from(">I", blob, size_at)
        if resource == IPTC_RESOURCE:
            return blob[size_at + 4:size_at + 4 + size]
        position = size_at + 4 + size + (size % 2)
    return b""


def _datasets(data: bytes) -> dict[tuple[int, int], list[bytes]]:
    """(record, dataset) -> its values, in order (keywords and by-lines repeat)."""
    found: dict[tuple[int, int], list[bytes]] = defaultdict(list)
    position = 0
    while position + 5 <= len(data) and data[position] == 0x1C:
        record, dataset = data[position + 1], data[position + 2]
        (length,) = struct.unpack_from(">H", data, position + 3)
        start = position + 5
        if length & 0x8000:  # an extended dataset: the length is in the next (length & 0x7FFF) bytes
            size = length & 0x7FFF
            length = int.from_bytes(data[start:start + size], "big")
            start += size
        if start + length > len(data):
            break  # cut off: keep what was read
        found[(record, dataset)].append(data[start:start + length])
        position = start + length
    return found
