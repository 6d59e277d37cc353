"""Text that is only a file name, where a caption, a title or an alt text belongs.

Gallery makers wrote the file's name under each thumbnail ("IMG_1563.jpg", "long_right_profi..."), cameras
name their files DSC01234 and P1010023, and FrontPage wrote "lake_small.jpg (2219 bytes)" as alt text. None of
it tells a reader what the photo shows: `albumen import html` drops it, and the review list points at it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

FILE_NAME = re.compile(r"[^\s/\\]{1,80}\.(?:jpe?g|jpe|gif|png|tiff?|bmp|webp|pcd|psd)", re.IGNORECASE)
TRUNCATED = re.compile(r"([^\s/\\]+?)\s*(?:\.{2,}|…)")  # "long_right_profi..." (a name cut to fit a column)
CAMERA_NAME = re.compile(r"(?:img|dsc[nf]?|p|pict|imgp|sdc|cimg|dcp|mvc|_mg|mg|pxl|scan)[_ -]?\d{3,}(?:[_ -]\d+)?",
                         re.IGNORECASE)  # the names cameras and scanners give files: IMG_1563, DSC01234, P1010023
FILE_SIZE = re.compile(r"\s*\(\d[\d,.]*\s*(?:bytes|KB|kB|MB)\)\s*$")  # "lake_small.jpg (2219 bytes)"
# A size alone, in the page's language: "[Size: 35164 bytes]", "[Rozmiar: 35164 bajtów]" (Word's alt text)
SIZE_LABEL = re.compile(r"\[\s*[^\W\d_]+\s*:\s*\d[\d\s,.]*[^\W\d_]*\s*\]")
SHORTEST_CUT = 4  # a name cut shorter than this ("IM...") could start any word


def own_names(paths: Iterable[str]) -> set[str]:
    """The names a photo goes by: each path's file name and its stem, case-folded."""
    names = {posixpath.basename(path.replace("\\", "/")).casefold() for path in paths}
    return names | {posixpath.splitext(name)[0] for name in names}


def names_a_file(text: str, names: Iterable[str] = ()) -> bool:
    """`text` is only a file name: one with an image suffix (IMG_0001.jpg, with or without a size in bytes after
    it), a size alone ("[Size: 35164 bytes]"), a name a camera gives (DSC01234), one of `names` (case-folded: see
    own_names), or one of those cut short by a gallery maker ("long_right_profi...")."""
    if SIZE_LABEL.fullmatch(text.strip()):
        return True  # Word's and FrontPage's alt text for a picture: its size, in the page's language
    text = FILE_SIZE.sub("", text).strip().casefold()
    if not text:
        return False
    known = set(names)
    if text in known or FILE_NAME.fullmatch(text) or CAMERA_NAME.fullmatch(text):
        return True
    cut = TRUNCATED.fullmatch(text)
    return bool(cut and len(cut.group(1)) >= SHORTEST_CUT and any(name.startswith(cut.group(1)) for name in known))
