"""Everything a photo file carries about itself, read raw: its EXIF (a TIFF's own tags), IPTC and XMP, and a
sidecar .xmp beside it. Merging them into one photo's fields is the importers' business (photo_metadata.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.metadata.exif import ExifFields, read_exif, read_tiff_file
from albumen.metadata.iptc import IptcFields, read_iptc
from albumen.metadata.xmp import XmpFields, read_xmp
from albumen.portable import READ_NONBLOCKING
from albumen.reading import undecodable_name

TIFF_SUFFIXES = (".tif", ".tiff")


class UnreadablePhoto(Exception):
    """libvips can't open the file; the message says why."""


@dataclass(frozen=True)
class Embedded:
    """A photo's three kinds of metadata; xmp is its own XMP with a sidecar's fields over it."""

    exif: ExifFields
    iptc: IptcFields
    xmp: XmpFields


def read_embedded(path: Path) -> Embedded:
    """The photo's EXIF, IPTC and XMP (a sidecar's over the file's own); UnreadablePhoto when libvips can't open
    it."""
    import pyvips

    try:
        image = _header(path)
    except pyvips.Error as exc:
        raise UnreadablePhoto(_first_line(exc)) from exc
    return embedded_in(image, path)


def embedded_in(header: Any, path: Path, sidecar: bool = True) -> Embedded:
    """The metadata of a photo libvips has opened (its header), read from its blobs or, for a TIFF, its file."""
    exif = read_exif(blob(header, "exif-data")) if header.get_typeof("exif-data") else _tiff_exif(path)
    # A TIFF's IPTC is read from the file itself: libvips 8.18 mixes up the tag's count of 4-byte values with
    # a count of bytes (a 90-byte block it wrote came back as 23 bytes).
    iptc = read_iptc(exif.iptc or blob(header, "iptc-data"))
    xmp = read_xmp(exif.xmp or blob(header, "xmp-data"))
    beside = _sidecar(path) if sidecar else None
    return Embedded(exif, iptc, _over(beside, xmp) if beside is not None else xmp)


def _header(path: Path) -> Any:
    """The photo opened by libvips, the header only (no pixels decoded). libvips takes a name as UTF-8: a name in
    Latin-1 bytes crashed the import (Found by tests/test_trust_imports.py), so such a file is opened here and given
    to libvips as a descriptor (which it duplicates)."""
    import pyvips

    if not undecodable_name(str(path)):
        return pyvips.Image.new_from_file(str(path), access="sequential")
    descriptor = os.open(path, READ_NONBLOCKING)
    try:
        return pyvips.Image.new_from_source(pyvips.Source.new_from_descriptor(descriptor), "", access="sequential")
    finally:
        os.close(descriptor)


def _tiff_exif(path: Path) -> ExifFields:
    """A TIFF file's own tags (classic or BigTIFF): libvips does not hand them over as exif-data."""
    if path.suffix.casefold() not in TIFF_SUFFIXES:
        return ExifFields()
    return read_tiff_file(path)


def _sidecar(path: Path) -> XmpFields | None:
    """A sidecar beside the photo (photo.xmp or photo.jpg.xmp, as Lightroom and darktable write), if any."""
    for candidate in (path.with_suffix(".xmp"), path.with_name(path.name + ".xmp")):
        try:
            return read_xmp(candidate.read_bytes())
        except OSError:
            continue
    return None


def _over(first: XmpFields, then: XmpFields) -> XmpFields:
    """The fields of `first`, and those it lacks from `then`: a sidecar's edits over the file's own XMP."""
    values = {name: getattr(first, name) or getattr(then, name) for name in XmpFields.__dataclass_fields__}
    located = first if first.lat is not None and first.lon is not None else then
    values["lat"], values["lon"] = located.lat, located.lon  # 0.0 is a latitude, not a missing one
    return XmpFields(**values)


def blob(image: Any, name: str) -> bytes:
    """A libvips header's binary field (exif-data, iptc-data, xmp-data) as bytes; b'' when it has none."""
    if not image.get_typeof(name):
        return b""
    value = image.get(name)
    return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else b""


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__
