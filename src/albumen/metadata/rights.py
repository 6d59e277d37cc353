"""Who made a photo and who holds its rights, as the original says: what every derivative and the full-size copy
keep of its metadata (camera, GPS and dates go), written as one EXIF block so that every file made from one
photo says the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from albumen.metadata.embedded import embedded_in
from albumen.metadata.exif import exif_block


@dataclass(frozen=True)
class Rights:
    copyright: str = ""
    artist: str = ""


def rights_of(header: Any, source: Path) -> Rights:
    """The original's copyright and artist: its EXIF ones (a TIFF's own tags), else those a photo editor wrote
    as IPTC or XMP. header: the original opened by libvips."""
    found = embedded_in(header, source, sidecar=False)
    exif, iptc, xmp = found.exif, found.iptc, found.xmp
    return Rights(copyright=exif.copyright or iptc.copyright or xmp.rights,
                  artist=exif.artist or next(iter(iptc.by_line or xmp.creators), ""))


def rights_exif(rights: Rights) -> bytes:
    """The EXIF block every file made from the original carries; b'' when it names no one."""
    return exif_block(rights.copyright, rights.artist)
