"""What cameras, scanners and programs write into a photo's text fields when no person wrote anything there.

"OLYMPUS DIGITAL CAMERA" in the description, "(C) by RDC-5300 User" in the copyright, "<Digimax S500 / Kenox S500>"
from a Samsung, "DSC_0042.JPG", "Created with The GIMP": none of it is a caption, a title, a creator or a rights
statement, and an import that kept it would publish it on every photo's page. Each pattern below is one that
cameras or programs are known to write; a text a person could have meant is never matched by a loose rule.
"""

from __future__ import annotations

import re

# Makers whose cameras write their name (and perhaps a model) followed by "DIGITAL CAMERA", "DSC" or "CAMERA".
BRANDS = (r"olympus|konica minolta|konica|minolta|kodak|eastman kodak(?: company)?|samsung|sony|nikon|canon|"
          r"fujifilm|fuji|pentax|asahi|casio|ricoh|sanyo|panasonic|lumix|leica|sigma|hp|hewlett[- ]packard|polaroid|"
          r"vivitar|concord|benq|toshiba|agfa|agfaphoto|epson|jenoptik|rollei|medion|aiptek|mustek|premier|argus|"
          r"creative|kyocera|contax|yashica|praktica|traveler|genius|jvc|sharp|lg|motorola|nokia|sealife|easypix|"
          r"digimax|kenox|vluu|coolpix|cyber-?shot|powershot|ixus|exilim|finepix|optio|easyshare|camedia")

# The whole text, folded to lower case with its spaces squeezed, is one of these: not a caption or a title.
CAPTION_PATTERNS = [re.compile(pattern) for pattern in (
    # OLYMPUS DIGITAL CAMERA, KONICA MINOLTA DIGITAL CAMERA, KODAK DIGITAL STILL CAMERA, SONY DSC, SAMSUNG
    # CAMERA PICTURES, KODAK EASYSHARE CX7300 ZOOM DIGITAL CAMERA (a maker, up to three model words, the kind)
    rf"^(?:{BRANDS})(?: [\w.+/-]+){{0,3}} (?:digital (?:still )?camera|digital still|dsc|camera(?: pictures?)?|"
    r"digital image|digital photo)$",
    r"^(?:olympus|konica minolta|minolta|kodak|samsung|sony|nikon|canon|fujifilm|pentax|casio|ricoh|sanyo|"
    r"panasonic)$",  # just the maker (of the makers, only those whose name is no town's or word's)
    # A Samsung's model in angle brackets: "<Digimax S500 / Kenox S500 / Digimax Cyber 530>"
    rf"^<[^<>]*(?:{BRANDS})[^<>]*>$",
    # the generic words cameras and phones write
    r"^(?:digital (?:still )?camera|digital camera image|digital image|digital photo|dsc|camera|camera pictures?|"
    r"image|picture|photo|default|exif_jpeg_picture|exif jpeg picture|sdim|dcim|hpim|scanned image|scan|"
    r"untitled|no description|description|image description|imagedescription|no title|title|none|null)$",
    # a camera's file name: DSC_0042, IMG_1234.JPG, DSCN0001, P1010001, SDIM0001, PICT0003, GOPR0042
    r"^(?:img|dsc|dscn|dscf|dsci|pict|sdim|hpim|cimg|dcp|imag|pana|mvc|dji|gopr|pxl|wp|p)[_-]?\d{3,}"
    r"(?:\.(?:jpe?g|tiff?|png|heic|raw|orf|nef|cr2|dng))?$",
    # what programs stamp into a file
    r"^(?:created with (?:the )?gimp|creator: gd-jpeg|lead technologies|intel\(r\) jpeg library|applemark|"
    r"file written by adobe photoshop|optimized by jpegmini|processed by|ulead systems|acd systems)",
    r"^[\W_]*$",  # nothing but spaces, dashes, question marks (a lost encoding) or other punctuation
)]

# The whole copyright field is one of these: a camera's default, or a claim that names no one.
RIGHTS_PATTERNS = [re.compile(pattern) for pattern in (
    r"^\(c\) ?by .*\buser$",  # Ricoh: "(C) by RDC-5300 User", "(C) by Caplio R1 User"
    r"^(?:copyright|copyright notice|\(c\)|©|all rights reserved|none|unknown|n/a|[\s,.:;!?_-])*$",
    rf"^(?:copyright )?(?:\(c\) |© )?(?:{BRANDS})(?: [\w.+/-]+){{0,3}} (?:digital (?:still )?camera|dsc|camera)$",
)]

# The whole artist field is one of these: what cameras and programs put there before an owner is set.
CREATOR_PATTERNS = [re.compile(pattern) for pattern in (
    r"^(?:unknown|owner|camera owner|user|author|artist|photographer|picasa|your name|name|none|[\W_]*)$",
    rf"^(?:{BRANDS})(?: [\w.+/-]+){{0,3}} (?:digital (?:still )?camera|dsc|camera)$",
)]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def camera_caption(text: str) -> bool:
    """Whether a description or title is a camera's or program's words, not a person's."""
    folded = _folded(text)
    return any(pattern.search(folded) for pattern in CAPTION_PATTERNS)


def camera_rights(text: str) -> bool:
    """Whether a copyright field is a camera's default or names no one."""
    folded = _folded(text)
    return any(pattern.search(folded) for pattern in RIGHTS_PATTERNS) or camera_caption(text)


def camera_creator(text: str) -> bool:
    """Whether an artist field is a placeholder, not a person."""
    folded = _folded(text)
    return any(pattern.search(folded) for pattern in CREATOR_PATTERNS)
