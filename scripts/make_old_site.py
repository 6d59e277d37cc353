#!/usr/bin/env python3
"""Write the images of examples/old-site: the Ichigo page as a family might have made it by hand in 2005.

The HTML pages of the old site are written by hand and kept in the repository; this script makes the
pictures they show, from the example archive's placeholder photos (examples/ichigo/images/ichigo):
- photos/ID.jpg          the "big" version, at most 640 pixels wide or high;
- photos/thumbs/ID.jpg   a thumbnail, at most 120 pixels wide or high;
- images/logo.gif        the site's logo, images/spacer.gif a 1x1 transparent spacer.

Deterministic: the same input gives the same bytes (no timestamps, no metadata). `albumen import html
examples/old-site -C NEW_ARCHIVE` rebuilds the example archive from it (tests/test_import_html.py does).

Usage:
    python scripts/make_old_site.py [OUT_DIR]      (default: examples/old-site)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "examples" / "ichigo" / "images" / "ichigo"
DEFAULT_OUT = REPO_ROOT / "examples" / "old-site"
BIG_PIXELS, BIG_QUALITY = 640, 70
THUMB_PIXELS, THUMB_QUALITY = 120, 75


def scaled(source: Path, pixels: int) -> Image.Image:
    with Image.open(source) as image:
        copy = image.convert("RGB")
    copy.thumbnail((pixels, pixels), Image.Resampling.LANCZOS)
    return copy


def logo() -> Image.Image:
    """A 2005 logo: a dark red bar with the site's name in the default bitmap font."""
    image = Image.new("RGB", (360, 48), (96, 24, 16))
    draw = ImageDraw.Draw(image)
    draw.rectangle((3, 3, 356, 44), outline=(230, 200, 140))
    draw.text((16, 17), "CHINA IN WWII - OUR FAMILY'S PHOTOGRAPHS", fill=(250, 236, 200))
    return image


def main(out: Path) -> None:
    (out / "photos" / "thumbs").mkdir(parents=True, exist_ok=True)
    (out / "images").mkdir(parents=True, exist_ok=True)
    for source in sorted(SOURCE.glob("*.jpg")):
        scaled(source, BIG_PIXELS).save(out / "photos" / source.name, "JPEG", quality=BIG_QUALITY, optimize=True)
        scaled(source, THUMB_PIXELS).save(out / "photos" / "thumbs" / source.name, "JPEG", quality=THUMB_QUALITY,
                                          optimize=True)
    logo().save(out / "images" / "logo.gif")
    Image.new("P", (1, 1)).save(out / "images" / "spacer.gif", transparency=0)
    print(f"wrote the old site's images into {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
