"""XMP read from its bytes (a photo's `xmp-data`, or a sidecar .xmp file): the RDF properties we use.

A property may be written as an attribute of rdf:Description (photoshop:City="Liuzhou") or as an element, whose
value is text, a list (rdf:Bag, rdf:Seq) or alternatives by language (rdf:Alt: the x-default one is taken).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
EXIF = "http://ns.adobe.com/exif/1.0/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
# XMP never needs a DTD; one in a photo's metadata could only be an entity-expansion attack on the parser.
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# exif:GPSLatitude is "DDD,MM,SSk" or "DDD,MM.mmk" (k: N, S, E or W).
XMP_COORDINATE = re.compile(r"^\s*(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?\s*([NSEW])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class XmpFields:
    title: str = ""
    description: str = ""
    subjects: tuple[str, ...] = ()
    creators: tuple[str, ...] = ()
    rights: str = ""
    headline: str = ""
    date_created: str = ""  # photoshop:DateCreated, ISO 8601 as written ("1944", "1944-10-05T14:30:00")
    date_time_original: str = ""  # exif:DateTimeOriginal
    city: str = ""
    state: str = ""
    country: str = ""
    location: str = ""  # Iptc4xmpCore:Location, the sublocation
    lat: float | None = None
    lon: float | None = None


def read_xmp(blob: bytes) -> XmpFields:
    """The properties we use; empty when the bytes are not XMP (or not well-formed XML)."""
    data = blob.rstrip(b"\x00 \t\r\n")
    if not data or DTD.search(data):
        return XmpFields()
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return XmpFields()
    found = _Properties(root)
    return XmpFields(
        title=found.text(DC, "title"), description=found.text(DC, "description", keep_lines=True),
        subjects=found.items(DC, "subject"), creators=found.items(DC, "creator"), rights=found.text(DC, "rights"),
        headline=found.text(PHOTOSHOP, "Headline"), date_created=found.text(PHOTOSHOP, "DateCreated"),
        date_time_original=found.text(EXIF, "DateTimeOriginal"), city=found.text(PHOTOSHOP, "City"),
        state=found.text(PHOTOSHOP, "State"), country=found.text(PHOTOSHOP, "Country"),
        location=found.text(IPTC_CORE, "Location"),
        lat=_coordinate(found.text(EXIF, "GPSLatitude"), 90), lon=_coordinate(found.text(EXIF, "GPSLongitude"), 180),
    )


class _Properties:
    """The properties of every rdf:Description in an XMP packet."""

    def __init__(self, root: ET.Element) -> None:
        self.descriptions = list(root.iter(f"{{{RDF}}}Description"))

    def values(self, namespace: str, name: str) -> list[str]:
        """The property's values: one for text, one per language alternative or list item."""
        qualified = f"{{{namespace}}}{name}"
        for description in self.descriptions:
            if qualified in description.attrib:
                return [description.attrib[qualified]]
            element = description.find(qualified)
            if element is None:
                continue
            container = next((child for child in element if child.tag in (f"{{{RDF}}}Alt", f"{{{RDF}}}Bag",
                                                                           f"{{{RDF}}}Seq")), None)
            if container is None:
                return [element.text or ""]
            items = [li for li in container if li.tag == f"{{{RDF}}}li"]
            if container.tag == f"{{{RDF}}}Alt":  # the default language first
                items.sort(key=lambda li: li.get(XML_LANG, "") != "x-default")
            return [li.text or "" for li in items]
        return []

    def text(self, namespace: str, name: str, keep_lines: bool = False) -> str:
        values = self.values(namespace, name)
        text = values[0] if values else ""
        return text.strip() if keep_lines else " ".join(text.split())

    def items(self, namespace: str, name: str) -> tuple[str, ...]:
        return tuple(" ".join(value.split()) for value in self.values(namespace, name) if value.strip())


def _coordinate(text: str, limit: float) -> float | None:
    m = XMP_COORDINATE.match(text)
    if m is None:
        return None
    value = float(m[1]) + float(m[2]) / 60 + float(m[3] or 0) / 3600
    if value > limit:
        return None
    return -value if m[4].upper() in ("S", "W") else value
