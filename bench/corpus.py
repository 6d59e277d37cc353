"""A deterministic corpus of photo-like JPEGs (about 3000x2000, 2-3 MB at q90) for the benchmarks.

Photo-like means expensive to encode: smooth gradients, shapes and fine grain, not flat colour.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def make_photo(path: Path, seed: int, size: tuple[int, int] = (3000, 2000)) -> None:
    rng = random.Random(seed)
    width, height = size
    base = Image.linear_gradient("L").resize(size).rotate(rng.uniform(-30, 30), expand=False)
    draw = ImageDraw.Draw(base)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(20, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(256))
    base = base.filter(ImageFilter.GaussianBlur(3))
    grain = Image.effect_noise(size, 60)
    grey = Image.blend(base, grain, 0.3)
    tint = (rng.randrange(180, 256), rng.randrange(150, 230), rng.randrange(110, 200))
    photo = Image.merge("RGB", [grey.point(lambda v, t=t: v * t // 255) for t in tint])
    path.parent.mkdir(parents=True, exist_ok=True)
    photo.save(path, "JPEG", quality=90)


def make_archive(root: Path, count: int, size: tuple[int, int] = (3000, 2000)) -> Path:
    """An albumen archive with `count` photos, one topic and one place; returns its root."""
    (root / "items").mkdir(parents=True, exist_ok=True)
    (root / "topics").mkdir(exist_ok=True)
    (root / "albumen.toml").write_text('title = "Benchmark"\n', encoding="utf-8")
    (root / "places.yaml").write_text("- {id: liuzhou, name: Liuzhou, lat: 24.33, lon: 109.43}\n",
                                      encoding="utf-8")
    (root / "topics" / "all.md").write_text("---\ntitle: All\n---\nEvery photo.\n", encoding="utf-8")
    for n in range(count):
        image = root / "images" / f"photo-{n:05d}.jpg"
        if not image.exists():
            make_photo(image, seed=n, size=size)
        (root / "items" / f"photo-{n:05d}.md").write_text(
            f"---\ntitle: Photo {n}\nimage: photo-{n:05d}.jpg\ndate: \"1944-23\"\nplaces: [liuzhou]\n"
            f"topics: [all]\nsubjects: [benchmark]\n---\nA caption for photo {n}, taken in Liuzhou in the "
            "fall of 1944.\n", encoding="utf-8")
    return root


def make_small_archive(root: Path, count: int) -> Path:
    """`count` items with small photos (640x427, as gathered from old websites), for rebuild timings."""
    archive = make_archive(root, 0)
    seeds = 20  # a few distinct photos, each used by many items: the rebuild, not the corpus, is measured
    for n in range(seeds):
        make_photo(archive / "images" / f"small-{n:02d}.jpg", seed=1000 + n, size=(640, 427))
    for n in range(count):
        (archive / "items" / f"item-{n:05d}.md").write_text(
            f"---\ntitle: Item {n}\nimage: small-{n % seeds:02d}.jpg\ndate: \"1944-23\"\nplaces: [liuzhou]\n"
            f"topics: [all]\nsubjects: [s{n % 50}]\n---\nCaption {n}: refugees at Liuzhou station, fall 1944.\n",
            encoding="utf-8")
    return archive


def make_tiffs(root: Path, count: int) -> Path:
    """`count` 8000x6000 RGB TIFF scans (48 MP, uncompressed, as scanners write them)."""
    archive = make_archive(root, 0)
    for n in range(count):
        path = archive / "images" / f"scan-{n}.tif"
        make_photo(path.with_suffix(".jpg"), seed=2000 + n, size=(8000, 6000))
        with Image.open(path.with_suffix(".jpg")) as photo:
            photo.save(path, "TIFF")
        path.with_suffix(".jpg").unlink()
        (archive / "items" / f"scan-{n}.md").write_text(
            f"---\ntitle: Scan {n}\nimage: scan-{n}.tif\ntopics: [all]\n---\nA scan.\n", encoding="utf-8")
    return archive


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    make_archive(args.root, args.count)
