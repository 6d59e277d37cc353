#!/usr/bin/env python3
"""Write the placeholder photographs used by the example archive.

The real photographs of the example archive are not distributed with the
repository, so this script draws stand-ins: soft, grainy, sepia or grey
pictures with a few simple shapes (a horizon, a train, a bridge, figures)
and a label that says "placeholder" and the item's short name.

The output is deterministic: every random number comes from a generator
seeded with the image's name, and no timestamps or other metadata are
written, so running the script twice gives byte-identical files.

Usage:
    python scripts/make_example_images.py [OUT_DIR]

OUT_DIR defaults to examples/ichigo/images/ichigo (relative to the
repository root, wherever the script is run from).
"""

from __future__ import annotations

import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "examples" / "ichigo" / "images" / "ichigo"

JPEG_QUALITY = 82

# Tones: (shadow colour, highlight colour) used to colourise the grey image.
SEPIA = ("#2a1c10", "#f1e4cc")
WARM_GREY = ("#232120", "#e9e5de")
FADED = ("#4a3a2a", "#f4ead8")


@dataclass(frozen=True)
class Spec:
    name: str  # file stem, also the item id in the example archive
    size: tuple[int, int]
    scene: str  # which drawing routine to use
    tone: tuple[str, str]


SPECS = [
    Spec("bunker-guangxi", (4000, 2750), "bunker", SEPIA),  # big enough for deep-zoom tiles
    Spec("bridge-result", (1600, 1100), "bridge-broken", WARM_GREY),
    Spec("bridge-setting", (1600, 1100), "bridge", WARM_GREY),
    Spec("liuzhou-mother-baby", (1600, 1100), "train-figures", SEPIA),
    Spec("boy-furniture", (900, 1200), "furniture", FADED),
    Spec("refugees-meal-engine", (2400, 1650), "engine", SEPIA),  # past the largest width: zoom at full size
    Spec("girl-cooking-fire", (1600, 1100), "fire", WARM_GREY),
    Spec("liuzhou-station-wait", (640, 440), "station", SEPIA),
    Spec("refugees-cooking-fire", (1600, 1100), "fire-group", FADED),
    Spec("refugee-resting-train", (480, 330), "resting", WARM_GREY),
]


def seed_for(name: str) -> int:
    """A stable seed (Python's hash() is salted per process, so avoid it)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")


# ---------------------------------------------------------------------------
# Background texture


def background(w: int, h: int, horizon: float, rng: random.Random) -> Image.Image:
    """Grey image: light sky fading to a darker ground below the horizon."""
    sky = Image.linear_gradient("L").resize((w, max(1, int(h * horizon))))
    sky = sky.point(lambda v: 200 + v * 35 // 255)  # 200..235, lighter low down
    ground_h = h - sky.height
    ground = Image.linear_gradient("L").resize((w, max(1, ground_h)))
    ground = ground.point(lambda v: 150 - v * 80 // 255)  # 150..70
    img = Image.new("L", (w, h))
    img.paste(sky, (0, 0))
    img.paste(ground, (0, sky.height))

    # Low-frequency mottling: a tiny random image blown up smoothly.
    cw, ch = max(2, w // 80), max(2, h // 80)
    clouds = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
    clouds = clouds.resize((w, h), Image.Resampling.BICUBIC)
    clouds = clouds.filter(ImageFilter.GaussianBlur(radius=max(w, h) / 60))
    img = Image.blend(img, clouds, 0.18)
    return img


def grain(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Soft film grain. Drawn at half resolution to keep JPEGs small."""
    w, h = img.size
    gw, gh = max(1, w // 2), max(1, h // 2)
    noise = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
    noise = noise.resize((w, h), Image.Resampling.BILINEAR)
    noise = noise.filter(ImageFilter.GaussianBlur(radius=0.8))
    return Image.blend(img, noise, amount)


def vignette(img: Image.Image, strength: float) -> Image.Image:
    """Darken the corners, like an old lens."""
    w, h = img.size
    radial = Image.radial_gradient("L").resize((w, h), Image.Resampling.BILINEAR)
    # radial: 0 in the centre, 255 at the edge -> keep 255 in centre.
    mask = radial.point(lambda v: 255 - int(min(255, max(0, v - 90)) * strength))
    black = Image.new("L", (w, h), 0)
    return Image.composite(img, black, mask)


def scratches(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random) -> None:
    """A few hair-line scratches and dust specks."""
    for _ in range(rng.randint(2, 5)):
        x = rng.randint(0, w)
        dx = rng.randint(-w // 30, w // 30)
        y0 = rng.randint(0, h // 2)
        y1 = y0 + rng.randint(h // 4, h)
        draw.line([(x, y0), (x + dx, y1)], fill=rng.choice([40, 225]), width=1)
    for _ in range(rng.randint(15, 40)):
        x, y = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(1, max(1, w // 500))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice([30, 235]))


# ---------------------------------------------------------------------------
# Shapes


def figure(draw, x, base_y, height, shade, *, sitting=False):
    """A person as a pair of ellipses (head and body) standing on base_y."""
    if sitting:
        height = int(height * 0.6)
    head = max(2, height // 6)
    body_w = max(3, height // 3)
    body_top = base_y - height + head * 2
    draw.ellipse(
        [x - body_w // 2, body_top, x + body_w // 2, base_y], fill=shade
    )
    draw.ellipse(
        [x - head, base_y - height, x + head, base_y - height + head * 2],
        fill=shade,
    )


def crowd(draw, rng, x0, x1, base_y, height, count, shades=(45, 60, 75, 90)):
    for _ in range(count):
        x = rng.randint(x0, x1)
        hgt = int(height * rng.uniform(0.75, 1.1))
        y = base_y + rng.randint(-height // 12, height // 12)
        figure(draw, x, y, hgt, rng.choice(shades), sitting=rng.random() < 0.3)


def train(draw, x0, y_base, length, height, shade, *, engine=False):
    """A row of carriages (rectangles with windows) on a pair of rails."""
    rail_y = y_base + height // 12
    draw.line([(0, rail_y), (x0 + length + 400, rail_y)], fill=55, width=max(2, height // 40))
    n = 3 if not engine else 1
    car_len = length // n
    for i in range(n):
        cx = x0 + i * car_len
        draw.rectangle([cx + 6, y_base - height, cx + car_len - 6, y_base], fill=shade)
        # roof
        draw.rectangle(
            [cx + 2, y_base - height - height // 12, cx + car_len - 2, y_base - height],
            fill=max(0, shade - 20),
        )
        if not engine:
            win_w = car_len // 8
            for k in range(5):
                wx = cx + car_len // 12 + k * (car_len // 5.5)
                draw.rectangle(
                    [wx, y_base - height * 0.8, wx + win_w, y_base - height * 0.5],
                    fill=min(255, shade + 60),
                )
        # wheels
        r = height // 8
        for wx in (cx + car_len // 5, cx + car_len * 4 // 5):
            draw.ellipse([wx - r, y_base - r, wx + r, y_base + r], fill=30)
    if engine:
        # boiler, chimney and cab of a steam engine
        bx = x0 + length
        draw.rectangle([x0 + 6, y_base - height, x0 + length // 3, y_base], fill=shade - 15)
        draw.rounded_rectangle(
            [x0 + length // 3, y_base - height * 0.75, bx + length // 3, y_base - height * 0.1],
            radius=height // 6,
            fill=shade,
        )
        cx = bx + length // 6
        draw.rectangle([cx, y_base - height * 1.05, cx + height // 7, y_base - height * 0.7], fill=shade - 25)
        r = height // 5
        for wx in (x0 + length // 2, x0 + length * 3 // 4, bx, bx + length // 4):
            draw.ellipse([wx - r, y_base - r, wx + r, y_base + r], fill=28)


def smoke(draw, rng, x, y, size):
    for i in range(6):
        r = int(size * (0.4 + i * 0.15))
        cx = x + rng.randint(-size // 3, size // 3) + i * size // 3
        cy = y - i * size // 2
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rng.randint(165, 205))


# ---------------------------------------------------------------------------
# Scenes. Each returns the horizon fraction used and draws on `draw`.


def scene_bunker(d, w, h, rng):
    hz = int(h * 0.45)
    # buildings along a street
    x = 0
    while x < w:
        bw = rng.randint(w // 10, w // 5)
        bh = rng.randint(h // 6, h // 3)
        d.rectangle([x, hz - bh, x + bw, hz + h // 20], fill=rng.randint(95, 135))
        x += bw + rng.randint(0, w // 40)
    # sandbag bunker: stacked rounded blocks
    bx0, bx1 = int(w * 0.3), int(w * 0.72)
    top = int(h * 0.55)
    rows = 5
    rh = (h * 0.78 - top) / rows
    for r in range(rows):
        y = top + r * rh
        offset = (r % 2) * rh
        x = bx0 + offset - rh
        while x < bx1:
            d.rounded_rectangle([x, y, x + rh * 2, y + rh], radius=rh / 3, fill=rng.randint(80, 110))
            x += rh * 2 + 3
    d.rectangle([w * 0.46, top + rh * 1.3, w * 0.56, top + rh * 2.1], fill=25)  # firing slit
    crowd(d, rng, int(w * 0.05), int(w * 0.28), int(h * 0.8), h // 4, 4)
    crowd(d, rng, int(w * 0.75), int(w * 0.95), int(h * 0.82), h // 4, 3)


def scene_bridge(d, w, h, rng, broken=False):
    hz = int(h * 0.5)
    # far bank and river
    d.polygon([(0, hz), (w * 0.3, hz - h * 0.08), (w * 0.7, hz - h * 0.04), (w, hz), (w, hz + 10),
               (0, hz + 10)], fill=110)
    d.rectangle([0, hz + 10, w, h], fill=150)
    for i in range(12):
        y = hz + 30 + i * (h - hz) // 12
        d.line([(rng.randint(0, w // 3), y), (rng.randint(w // 2, w), y)], fill=170, width=2)
    deck_y = int(h * 0.42)
    piers = [int(w * f) for f in (0.12, 0.37, 0.62, 0.87)]
    for px in piers:
        d.rectangle([px - w // 60, deck_y, px + w // 60, int(h * 0.85)], fill=70)
    if broken:
        d.rectangle([0, deck_y - 18, piers[1] + 20, deck_y], fill=50)
        d.rectangle([piers[2] - 20, deck_y - 18, w, deck_y], fill=50)
        # collapsed span dipping into the water
        d.polygon(
            [(piers[1] + 30, deck_y + 10), (piers[2] - 30, int(h * 0.8)),
             (piers[2] - 60, int(h * 0.84)), (piers[1] + 10, deck_y + 30)],
            fill=45,
        )
        for _ in range(25):  # debris
            x = rng.randint(piers[1], piers[2])
            y = rng.randint(int(h * 0.6), int(h * 0.9))
            s = rng.randint(5, 25)
            d.rectangle([x, y, x + s, y + s // 2], fill=rng.randint(30, 80))
    else:
        d.rectangle([0, deck_y - 18, w, deck_y], fill=50)
        for px in range(0, w, w // 24):  # railing posts
            d.line([(px, deck_y - 18), (px, deck_y - 45)], fill=60, width=3)
        d.line([(0, deck_y - 45), (w, deck_y - 45)], fill=60, width=3)
        # figures on the deck and a crate of explosives at a pier
        crowd(d, rng, int(w * 0.4), int(w * 0.6), deck_y - 18, h // 6, 3)
        d.rectangle([piers[2] - 30, deck_y + 40, piers[2] + 30, deck_y + 80], fill=35)


def scene_train_figures(d, w, h, rng):
    hz = int(h * 0.4)
    train(d, int(w * 0.05), int(h * 0.62), int(w * 0.9), int(h * 0.3), 85)
    d.rectangle([0, int(h * 0.66), w, h], fill=120)  # platform
    figure(d, int(w * 0.4), int(h * 0.9), int(h * 0.35), 50, sitting=True)
    d.ellipse([w * 0.44, h * 0.8, w * 0.52, h * 0.88], fill=190)  # basin
    d.ellipse([w * 0.46, h * 0.78, w * 0.5, h * 0.83], fill=70)  # baby
    crowd(d, rng, int(w * 0.6), int(w * 0.95), int(h * 0.86), h // 4, 5)
    return hz


def scene_furniture(d, w, h, rng):
    d.rectangle([0, int(h * 0.55), w, h], fill=125)
    for _ in range(9):  # tables, chests and chairs as rectangles
        x = rng.randint(0, w - w // 4)
        y = rng.randint(int(h * 0.5), int(h * 0.85))
        bw, bh = rng.randint(w // 8, w // 3), rng.randint(h // 16, h // 7)
        d.rectangle([x, y, x + bw, y + bh], fill=rng.randint(45, 100))
        if rng.random() < 0.5:  # legs
            d.line([(x + 5, y + bh), (x + 5, y + bh + h // 20)], fill=40, width=5)
            d.line([(x + bw - 5, y + bh), (x + bw - 5, y + bh + h // 20)], fill=40, width=5)
    figure(d, w // 2, int(h * 0.86), int(h * 0.32), 40, sitting=True)


def scene_engine(d, w, h, rng):
    train(d, int(w * 0.15), int(h * 0.6), int(w * 0.45), int(h * 0.32), 70, engine=True)
    smoke(d, rng, int(w * 0.8), int(h * 0.22), h // 10)
    d.rectangle([0, int(h * 0.64), w, h], fill=115)
    crowd(d, rng, int(w * 0.05), int(w * 0.9), int(h * 0.9), h // 4, 9)
    for _ in range(5):  # bowls
        x, y = rng.randint(w // 10, w * 9 // 10), rng.randint(int(h * 0.88), int(h * 0.95))
        d.ellipse([x - 18, y - 8, x + 18, y + 8], fill=200)


def fire(d, rng, x, y, size):
    for i in range(3):  # three stones
        sx = x - size + i * size
        d.ellipse([sx - size // 3, y - size // 4, sx + size // 3, y + size // 4], fill=60)
    d.polygon([(x - size // 2, y), (x, y - size * 1.4), (x + size // 2, y)], fill=225)
    d.polygon([(x - size // 4, y), (x + size // 8, y - size * 0.9), (x + size // 3, y)], fill=245)
    d.rectangle([x - size * 0.6, y - size * 1.9, x + size * 0.6, y - size * 1.2], fill=45)  # pot
    smoke(d, rng, x, y - size * 2, size)


def scene_fire(d, w, h, rng, group=False):
    train(d, int(w * 0.0), int(h * 0.5), int(w * 0.95), int(h * 0.25), 90)
    d.rectangle([0, int(h * 0.55), w, h], fill=125)
    for i in range(7):  # sleepers of the next track
        x = i * w // 7
        d.line([(x, int(h * 0.72)), (x - w // 20, int(h * 0.98))], fill=75, width=8)
    fire(d, rng, int(w * 0.45), int(h * 0.86), h // 16)
    if group:
        crowd(d, rng, int(w * 0.55), int(w * 0.9), int(h * 0.92), h // 4, 4)
        figure(d, int(w * 0.35), int(h * 0.9), int(h * 0.24), 50, sitting=True)
    else:
        figure(d, int(w * 0.36), int(h * 0.9), int(h * 0.18), 45, sitting=True)


def scene_station(d, w, h, rng):
    d.rectangle([w * 0.05, h * 0.15, w * 0.7, h * 0.55], fill=105)  # station building
    d.polygon([(w * 0.02, h * 0.17), (w * 0.375, h * 0.04), (w * 0.73, h * 0.17)], fill=80)
    for i in range(4):
        x = w * 0.1 + i * w * 0.15
        d.rectangle([x, h * 0.3, x + w * 0.07, h * 0.55], fill=45)
    d.rectangle([0, int(h * 0.55), w, h], fill=130)
    crowd(d, rng, int(w * 0.02), int(w * 0.98), int(h * 0.85), h // 4, 14)


def scene_resting(d, w, h, rng):
    train(d, int(w * 0.0), int(h * 0.55), int(w * 1.0), int(h * 0.4), 80)
    d.rectangle([0, int(h * 0.6), w, h], fill=130)
    # shade under the carriage
    d.polygon([(0, h * 0.6), (w, h * 0.6), (w * 0.9, h * 0.75), (0, h * 0.72)], fill=95)
    # reclining figure: a long ellipse with a head
    d.ellipse([w * 0.3, h * 0.72, w * 0.62, h * 0.8], fill=45)
    d.ellipse([w * 0.25, h * 0.7, w * 0.31, h * 0.79], fill=45)


SCENES = {
    "bunker": (0.45, scene_bunker),
    "bridge": (0.5, lambda d, w, h, r: scene_bridge(d, w, h, r, broken=False)),
    "bridge-broken": (0.5, lambda d, w, h, r: scene_bridge(d, w, h, r, broken=True)),
    "train-figures": (0.4, scene_train_figures),
    "furniture": (0.5, scene_furniture),
    "engine": (0.45, scene_engine),
    "fire": (0.45, lambda d, w, h, r: scene_fire(d, w, h, r, group=False)),
    "fire-group": (0.45, lambda d, w, h, r: scene_fire(d, w, h, r, group=True)),
    "station": (0.5, scene_station),
    "resting": (0.45, scene_resting),
}


# ---------------------------------------------------------------------------


def label(img: Image.Image, text: str) -> None:
    """Draw a legible label in the lower-left corner."""
    w, h = img.size
    size = max(12, min(w, h) // 28)
    font = ImageFont.load_default(size=size)
    draw = ImageDraw.Draw(img)
    pad = size // 2
    left, top, right, bottom = draw.multiline_textbbox((0, 0), text, font=font, spacing=size // 4)
    x = pad * 2
    y = h - pad * 2 - (bottom - top) - pad * 2
    draw.rectangle(
        [x, y, x + (right - left) + pad * 2, y + (bottom - top) + pad * 2],
        fill=(246, 240, 228),
        outline=(60, 50, 40),
    )
    draw.multiline_text(
        (x + pad - left, y + pad - top), text, font=font, fill=(35, 28, 20), spacing=size // 4
    )


def make_image(spec: Spec) -> Image.Image:
    rng = random.Random(seed_for(spec.name))
    w, h = spec.size
    horizon, draw_scene = SCENES[spec.scene]
    img = background(w, h, horizon, rng)
    draw = ImageDraw.Draw(img)
    draw_scene(draw, w, h, rng)
    # soften the hard-edged shapes, as if slightly out of focus
    img = img.filter(ImageFilter.GaussianBlur(radius=max(1.0, min(w, h) / 500)))
    img = grain(img, rng, 0.10)
    scratches(ImageDraw.Draw(img), w, h, rng)
    img = vignette(img, 0.55)
    img = ImageOps.autocontrast(img, cutoff=1)
    img = img.point(lambda v: 18 + v * 215 // 255)  # faded blacks and whites
    rgb = ImageOps.colorize(img, black=spec.tone[0], white=spec.tone[1])
    label(rgb, f"placeholder\n{spec.name}")
    return rgb


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    out_dir = Path(argv[1]) if len(argv) == 2 else DEFAULT_OUT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        img = make_image(spec)
        path = out_dir / f"{spec.name}.jpg"
        # No exif, no icc profile, no timestamps: output depends only on pixels.
        img.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)
        print(f"{path}  {img.width}x{img.height}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
