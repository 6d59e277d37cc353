"""FrontPage's Photo Gallery component (FrontPage 2002/2003): the files it includes, and its slide show's captions.

The component sits in a page between `<!--webbot bot="PhotoAlbum" U-Include="photogallery/photoNNNNNNNN/real.htm"
... startspan -->` and its endspan comment; its folder keeps the pictures and three files of its own (real.htm, the
gallery as inserted; real_p.htm, its preview; real_x.htm, the wizard's settings, named by `<picture file-href>`).
Those files are parts of the page that includes them, never pages of their own: FrontPage's Include Page
component (`bot="Include" U-Include=...`) writes the same comment.

The slide show layout shows one big picture; its thumbnails' links are `javascript:fp_ShowImg(document['fpphoto_N'],
w, h, 'ID', i)` and the captions and descriptions of all of them sit in hidden divs (`fpGalleryCaptions_ID`,
`fpGalleryDescriptions_ID`, the i-th div for the i-th picture) that sldshow.js copies under the big picture. They
are read here as the page holds them; nothing is run.
"""

from __future__ import annotations

import posixpath
import re

from selectolax.lexbor import LexborNode

from albumen.importers.html_page import OldPage, normalise_space
from albumen.importers.oldsite import OldSite

INCLUDE = re.compile(r"""<!--\s*webbot\b[^>]*?\bU-Include\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
PART_FILE = re.compile(r"""<picture\b[^>]*?\bfile-href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
SHOW_IMAGE = re.compile(r"""fp_ShowImg\(\s*document\[\s*['"]([^'"]+)['"]\s*\]\s*,[^,]*,[^,]*,\s*['"]?(\w+)['"]?\s*,"""
                        r"""\s*(\d+)\s*\)""", re.IGNORECASE)


def included_parts(site: OldSite, pages: dict[str, OldPage]) -> dict[str, str]:
    """Page -> the page that includes it (the first, in the site's order): the files a webbot component names."""
    parts: dict[str, str] = {}
    for rel, page in pages.items():
        for pattern in (INCLUDE, PART_FILE):
            for href in pattern.findall(page.decoded.text):
                target = site.resolve(rel, href)
                if target.is_file and target.path != rel and target.path in pages and target.path not in parts:
                    parts[target.path] = rel
    # A part that includes its includer (real.htm naming itself, or two pages each other) stays a page.
    return {part: whole for part, whole in parts.items() if parts.get(whole) != part}


def slide_show_captions(site: OldSite, pages: dict[str, OldPage]) -> dict[str, str]:
    """File name (lower case, no folder) -> caption (and description, a paragraph after it) of each picture of a
    slide show gallery, by its thumbnail and the big picture its `lowsrc` names."""
    found: dict[str, str] = {}
    for rel, page in pages.items():
        if page.body is None or "fp_showimg" not in page.decoded.text.casefold():
            continue
        for anchor in page.body.css("a[href]"):
            call = SHOW_IMAGE.search(anchor.attributes.get("href") or "")
            if call is None:
                continue
            name, gallery, index = call[1], call[2], int(call[3])
            words = [_nth_text(page, f"fpGalleryCaptions_{gallery}", index),
                     _nth_text(page, f"fpGalleryDescriptions_{gallery}", index)]
            text = "\n\n".join(word for word in words if word)
            image = next((img for img in anchor.css("img") if name in (img.attributes.get("id"),
                                                                        img.attributes.get("name"))), None)
            if not text or image is None:
                continue
            for attribute in ("src", "lowsrc"):
                target = site.resolve(rel, image.attributes.get(attribute))
                if target.is_file:
                    found.setdefault(posixpath.basename(target.path).casefold(), text)
    return found


def _nth_text(page: OldPage, element_id: str, index: int) -> str:
    holder = page.tree.css_first(f"#{element_id}") if re.fullmatch(r"[\w-]+", element_id) else None
    if holder is None:
        return ""
    blocks = [child for child in _children(holder) if child.tag == "div"]
    return normalise_space(blocks[index].text(deep=True)) if index < len(blocks) else ""


def _children(node: LexborNode) -> list[LexborNode]:
    return list(node.iter(include_text=False))
