"""What a photo file says about itself: its EXIF, IPTC and XMP (and a sidecar .xmp beside it), merged into one.

When they disagree, XMP wins over IPTC and IPTC over EXIF: XMP is what current programs (Lightroom, digiKam,
Photo Mechanic, Windows) write and keep in step with IPTC, and it is Unicode; EXIF's text fields are the oldest
and the camera's. For the date, a creation date a person set (photoshop:DateCreated, IPTC 2:55) wins over the
moment the shutter fired (EXIF DateTimeOriginal): for a scanned print, a person's date is the photograph's.
"""

from __future__ import annotations

import datetime
import mmap
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.dates import InvalidDate, parse_date
from albumen.importers.camera_text import camera_caption, camera_creator, camera_rights
from albumen.importers.exif import ExifFields, read_exif
from albumen.importers.iptc import IptcFields, read_iptc
from albumen.importers.xmp import XmpFields, read_xmp
from albumen.reading import undecodable_name

TIFF_SUFFIXES = (".tif", ".tiff")
# The "no date" cameras write when their clock was never set.
NO_DATE = re.compile(r"^[0: -]*$")


class UnreadablePhoto(Exception):
    """libvips can't open the file; the message says why."""


@dataclass(frozen=True)
class PhotoMetadata:
    title: str = ""
    caption: str = ""
    keywords: tuple[str, ...] = ()
    creator: str = ""
    rights: str = ""
    date: str = ""  # EDTF
    date_text: str = ""  # the date as the file wrote it ("1952:07:04 14:30:00"); also when it could not be read
    lat: float | None = None
    lon: float | None = None
    location: tuple[str, ...] = ()  # city, state or province, country: as named, most specific first
    sublocation: str = ""


def read_photo_metadata(path: Path) -> PhotoMetadata:
    """The photo's metadata (see the module's order); UnreadablePhoto when libvips can't open it."""
    import pyvips

    try:
        image = _header(path)
    except pyvips.Error as exc:
        raise UnreadablePhoto(_first_line(exc)) from exc
    exif = read_exif(_blob(image, "exif-data")) if image.get_typeof("exif-data") else _tiff_exif(path)
    # A TIFF's IPTC is read from the file itself: libvips 8.18 mixes up the tag's count of 4-byte values with
    # a count of bytes (a 90-byte block it wrote came back as 23 bytes).
    iptc = read_iptc(exif.iptc or _blob(image, "iptc-data"))
    xmp = read_xmp(exif.xmp or _blob(image, "xmp-data"))
    sidecar = _sidecar(path)
    return merged(exif, iptc, _over(sidecar, xmp) if sidecar is not None else xmp)


def _header(path: Path) -> Any:
    """The photo opened by libvips, the header only (no pixels decoded). libvips takes a name as UTF-8: a name in
    Latin-1 bytes crashed the import (Found by tests/test_trust_imports.py), so such a file is opened here and given
    to libvips as a descriptor (which it duplicates)."""
    import pyvips

    if not undecodable_name(str(path)):
        return pyvips.Image.new_from_file(str(path), access="sequential")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return pyvips.Image.new_from_source(pyvips.Source.new_from_descriptor(descriptor), "", access="sequential")
    finally:
        os.close(descriptor)


def merged(exif: ExifFields, iptc: IptcFields, xmp: XmpFields) -> PhotoMetadata:
    """One photo's fields from its three kinds of metadata, by the module's order."""
    # Camera boilerplate ('OLYMPUS DIGITAL CAMERA', '(C) by RDC-5300 User') is no one's words: programs copy the
    # EXIF description into XMP and IPTC too, so it is left out of every source.
    caption = _first(*_people_s(camera_caption, xmp.description, iptc.caption, exif.description, exif.xp_comment,
                                exif.xp_subject))
    title = _first(*_people_s(camera_caption, xmp.title, iptc.object_name, xmp.headline, iptc.headline,
                              exif.xp_title))
    if " ".join(title.split()) == " ".join(caption.split()):
        title = ""  # Windows and some scanners write the description into the title too; the site makes one
    date_text = _first(xmp.date_created, iptc.date_created, xmp.date_time_original, exif.date_time_original)
    lat, lon = (xmp.lat, xmp.lon) if xmp.lat is not None and xmp.lon is not None else (exif.lat, exif.lon)
    if lat == 0 and lon == 0:
        lat = lon = None  # 0°, 0° is a GPS that had no fix, not a photo taken in the Gulf of Guinea
    location = (_first(xmp.city, iptc.city), _first(xmp.state, iptc.province), _first(xmp.country, iptc.country))
    return PhotoMetadata(
        title=title, caption=caption, keywords=_unique(*xmp.subjects, *iptc.keywords, *exif.xp_keywords),
        creator=_first(*_people_s(camera_creator, "; ".join(xmp.creators), "; ".join(iptc.by_line), exif.artist,
                                  exif.xp_author)),
        rights=_first(*_people_s(camera_rights, xmp.rights, iptc.copyright, exif.copyright)),
        date=metadata_edtf(date_text),
        date_text=date_text if not NO_DATE.match(date_text) else "", lat=lat, lon=lon,
        location=tuple(name for name in location if name), sublocation=_first(xmp.location, iptc.sublocation),
    )


def metadata_edtf(text: str) -> str:
    """A metadata date as EDTF: EXIF '1952:07:04 14:30:00', IPTC '19520700', XMP '1952-07-04T14:30:00+08:00'
    -> '1952-07-04', '1952-07', '1952-07-04'; '' for none or one that is no date."""
    text = text.strip()
    if NO_DATE.match(text):
        return ""
    m = re.match(r"^(\d{4})(?:[:-]?(\d{2})(?:[:-]?(\d{2}))?)?(?:[T ]|$)", text)
    if m is None:
        return ""
    parts = [m[1]] + [part for part in (m[2], m[3]) if part]
    while parts[1:] and parts[-1] == "00":  # IPTC writes 00 for an unknown month or day
        parts.pop()
    if "00" in parts[1:] or int(parts[0]) > datetime.date.today().year:
        return ""  # a camera whose clock was wrong: no photo is from the future
    try:
        return parse_date("-".join(parts)).edtf
    except InvalidDate:
        return ""


def _tiff_exif(path: Path) -> ExifFields:
    """A TIFF file's own tags: libvips does not hand them over as exif-data. Mapped, not read: scans are big."""
    if path.suffix.casefold() not in TIFF_SUFFIXES:
        return ExifFields()
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return read_exif(data)
    except (OSError, ValueError):
        return ExifFields()


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


def _blob(image: Any, name: str) -> bytes:
    if not image.get_typeof(name):
        return b""
    value = image.get(name)
    return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else b""


def _people_s(is_boilerplate: Callable[[str], bool], *values: str) -> list[str]:
    """The values a person wrote: those that are no camera's or program's boilerplate."""
    return [value for value in values if value and not is_boilerplate(value)]


def _first(*values: str) -> str:
    return next((value for value in values if value and value.strip()), "")


def _unique(*values: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__
