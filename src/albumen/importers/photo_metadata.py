"""What a photo file says about itself: its EXIF, IPTC and XMP (and a sidecar .xmp beside it; read by
albumen.metadata), merged into one.

When they disagree, XMP wins over IPTC and IPTC over EXIF: XMP is what current programs (Lightroom, digiKam,
Photo Mechanic, Windows) write and keep in step with IPTC, and it is Unicode; EXIF's text fields are the oldest
and the camera's. For the date, a creation date a person set (photoshop:DateCreated, IPTC 2:55) wins over the
moment the shutter fired (EXIF DateTimeOriginal): for a scanned print, a person's date is the photograph's.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from albumen.dates import InvalidDate, parse_date
from albumen.importers.camera_text import camera_caption, camera_creator, camera_rights
from albumen.metadata.embedded import UnreadablePhoto, read_embedded
from albumen.metadata.exif import ExifFields
from albumen.metadata.iptc import IptcFields
from albumen.metadata.xmp import XmpFields

__all__ = ["PhotoMetadata", "UnreadablePhoto", "merged", "metadata_edtf", "read_photo_metadata"]

# The "no date" cameras write when their clock was never set.
NO_DATE = re.compile(r"^[0: -]*$")


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
    found = read_embedded(path)
    return merged(found.exif, found.iptc, found.xmp)


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

