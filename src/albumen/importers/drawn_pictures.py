"""Pictures a page-layout program drew, not photographs: text boxes, shapes, empty frames.

iWeb (and page designers like it) saves every styled text box and shape as a PNG beside the photos
(shapeimage_N.png): a name in a green box of a family-tree chart, a red diamond, a paragraph on a tinted
panel, a box with nothing in it. A person tells them from photos at a glance: they are mostly see-through
(text or a shape on nothing), or one flat tinted colour (not paper: white, grey or black) with a few others.
A photo is neither, and neither is a scanned engraving or document (white paper, black ink); a grey or sepia
cut-out photo (a person on nothing) has few colours but many shades of light. A panel of
lines of text on nothing is drawn too, even with a small photo set among its lines (its words are only in
the picture; the report lists it). Only pictures
with an alpha channel are looked at (PNG, GIF): a layout program's, never a camera's or a scanner's; a
JPEG never has one. (A web ring's seal, a flat GIF on every page, is left out as chrome: html_chrome.py.)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from albumen.fingerprint import thumbnail
from albumen.reading import undecodable_name

SIDE = 64  # the picture is looked at this small: its colours, not its detail
LEVELS = 16  # colours are compared at 256/16 levels a channel
SEE_THROUGH = 0.5  # less than this share of it opaque: text or a shape drawn on nothing
FLAT = 0.6  # one tinted colour (give or take a level: a gradient fill) covers this share of what is opaque
FEW_COLOURS = 40  # a drawing has no more colours than this (text's anti-aliasing included); a photo, hundreds
TEXT_EDGES = 0.6  # of a mostly see-through picture, the share of what shows that is partly see-through: letters
PHOTO_SHADES = 48  # a photo, even grey or sepia, shows more shades of light than this (seen 64 px small);
# a drawing's fills, a shape's gradient, fewer
PHOTO_SIDE = 100  # a cut-out photo is no smaller than this either way
TINTED = 48  # a colour whose channels differ by this much is a fill, not paper (white, grey, black)
LOSSLESS = (".png", ".gif")


def is_drawn(path: Path) -> bool:
    """The picture is a drawn text box or shape (see the module's docstring); False when it can't be read."""
    if path.suffix.lower() not in LOSSLESS:
        return False
    pixels = _pixels(path)
    if not pixels or all(alpha == 255 for _, alpha in pixels):
        return False  # no alpha channel, or nothing see-through: not a layout program's drawing
    opaque = [colour for colour, alpha in pixels if alpha > 200]
    if _lines_of_text(pixels, len(opaque)):
        return True  # a panel of text on nothing, whatever picture is set among its lines
    colours = Counter((r // LEVELS, g // LEVELS, b // LEVELS) for r, g, b in opaque)
    if len(colours) > FEW_COLOURS:
        return False
    if len(opaque) < SEE_THROUGH * len(pixels):  # a shape on nothing, or a grey or sepia cut-out photo
        return _shades(opaque) <= PHOTO_SHADES or not _photo_sized(path)
    (r, g, b), _ = colours.most_common(1)[0]
    near = sum(n for (r2, g2, b2), n in colours.items() if max(abs(r - r2), abs(g - g2), abs(b - b2)) <= 1)
    return near >= FLAT * len(opaque) and (max(r, g, b) - min(r, g, b)) * LEVELS >= TINTED


def _photo_sized(path: Path) -> bool:
    """The picture is at least PHOTO_SIDE wide and high: shades counted on a smaller one (clip art, a 50-px
    snowflake, a 109x36 'RSS Subscribe' button) are those its enlargement to SIDE made."""
    import pyvips

    try:
        if undecodable_name(str(path)):
            image = pyvips.Image.new_from_buffer(path.read_bytes(), "")
        else:
            image = pyvips.Image.new_from_file(str(path))
    except (pyvips.Error, OSError):
        return False
    return min(image.width, image.height) >= PHOTO_SIDE


def _shades(opaque: list[tuple[int, int, int]]) -> int:
    """How many levels of light (of 256) the opaque pixels show."""
    return len({(299 * r + 587 * g + 114 * b) // 1000 for r, g, b in opaque})


def _lines_of_text(pixels: list[tuple[tuple[int, int, int], int]], opaque: int) -> bool:
    """Mostly see-through, and most of what shows is partly see-through: the soft edges of lines of letters seen
    small (an iWeb text box saved as a picture). A photo with a see-through margin or a drop shadow shows its
    picture opaque; a shape or a frame's stroke is mostly opaque where it shows."""
    showing = sum(1 for _, alpha in pixels if alpha >= 10)
    return opaque < SEE_THROUGH * len(pixels) and showing > 0 and showing - opaque >= TEXT_EDGES * showing


def _pixels(path: Path) -> list[tuple[tuple[int, int, int], int]]:
    """((r, g, b), alpha) of each pixel of the picture shrunk to SIDE x SIDE (shares of colour survive the
    squeeze); [] when it can't be read."""
    import pyvips

    try:
        image = thumbnail(path, SIDE, SIDE)  # a Latin-1 name too (libvips takes names as UTF-8)
        if image.interpretation not in ("srgb", "b-w"):
            image = image.colourspace("srgb")
        alpha = image[image.bands - 1] if image.hasalpha() else None
        colour = image.extract_band(0, n=3) if image.bands >= 3 else image[0].bandjoin([image[0], image[0]])
        if alpha is None:
            alpha = colour[0].new_from_image(255)
        data = bytes(colour.bandjoin(alpha).cast("uchar").write_to_memory())
    except (pyvips.Error, OSError):  # a damaged picture, or one that can't be read at all
        return []
    return [((data[i], data[i + 1], data[i + 2]), data[i + 3]) for i in range(0, len(data), 4)]
