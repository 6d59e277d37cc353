"""The pyvips work: read an image's header, and make resized copies from it.

Functions here run in worker processes (started with spawn, never fork: libvips deadlocks in a
forked child), so they take and return plain picklable values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Originals bigger than this are refused as likely decompression bombs (a 300 MP scan still passes).
MAX_PIXELS = 1_000_000_000


@dataclass(frozen=True)
class ImageInfo:
    width: int  # as shown, after EXIF orientation
    height: int


class ImageProblem(Exception):
    """An image that cannot be used; the message says what to do."""


def probe(path: Path) -> ImageInfo:
    """Open an image's header (no pixels decoded) and return its displayed size."""
    import pyvips

    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential")
    except pyvips.Error as exc:
        raise ImageProblem(f"can't open this image ({_first_line(exc)}); is it a JPEG, TIFF, PNG or WebP "
                           "file that opens in an image viewer?") from exc
    width, height = image.width, image.height
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"the image is {width}x{height} pixels, more than {MAX_PIXELS // 1_000_000} "
                           "megapixels; scale it down before adding it")
    orientation = image.get("orientation") if image.get_typeof("orientation") else 1
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return ImageInfo(width, height)


def derivative_widths(original_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to make for an original: never upscaled; a small original is kept at its own width."""
    smaller = {w for w in widths if w < original_width}
    if original_width <= max(widths):
        smaller.add(original_width)
    return tuple(sorted(smaller))


def make_derivatives(source: str, targets: dict[int, str], quality: int) -> dict[int, str]:
    """Write a JPEG for each width in `targets` (width -> output path). Decodes the original once.

    Returns the paths written; raises ImageProblem when the original cannot be decoded.
    """
    import pyvips

    widest = max(targets)
    try:
        # thumbnail() shrinks on load and applies EXIF orientation; one decode for all widths.
        # fail_on: a truncated file is an error, not a picture half filled with grey.
        largest = pyvips.Image.thumbnail(source, widest, height=10_000_000, size="down",
                                         fail_on="truncated").copy_memory()
        for width in sorted(targets, reverse=True):
            image = largest if width == widest else largest.thumbnail_image(width, height=10_000_000)
            if image.hasalpha():
                image = image.flatten(background=[255, 255, 255])
            _save_jpeg(image, targets[width], quality)
    except pyvips.Error as exc:
        raise ImageProblem(f"can't decode this image ({_first_line(exc)}); it may be truncated or "
                           "damaged: open it in an image viewer, or scan or export it again") from exc
    return targets


def _save_jpeg(image: object, path: str, quality: int) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp.jpg"
    # keep="none": no camera or GPS metadata leaves the archive in a derivative.
    image.jpegsave(temporary, Q=quality, keep="none")  # type: ignore[attr-defined]
    os.replace(temporary, path)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[-1].strip() if text else type(exc).__name__
