"""The README's screenshots (docs/images/*.png): the example site and the studio, in Debian's Chromium.

    python scripts/readme_screenshots.py ARCHIVE docs/images

ARCHIVE is a built copy of examples/ichigo (albumen build -C ARCHIVE first). The site is served from its folder;
the studio is `albumen serve` on that copy (it may write nothing: only pages are opened). Every request to another
host is refused, so the shots show what a reader offline sees. Each PNG is reduced to 256 colours (<150 kB).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1100, "height": 700}
PORT = 8765


def offline(route: Route) -> None:
    if route.request.url.startswith(f"http://127.0.0.1:{PORT}/"):
        route.continue_()
    else:
        route.abort()


def shoot(page: Page, url: str, out: Path, *, wait: str | None = None) -> None:
    page.goto(url, wait_until="networkidle")
    if wait:
        page.wait_for_selector(wait, timeout=20_000)
    time.sleep(0.5)  # fonts and images settle
    page.screenshot(path=str(out))
    picture = Image.open(out).convert("RGB")
    for colours, scale in ((256, 1.0), (128, 1.0), (128, 0.8), (64, 0.7)):  # until it is under 150 kB
        small = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.LANCZOS)
        small.quantize(colours, dither=Image.Dither.NONE).save(out, optimize=True)
        if out.stat().st_size < 150_000:
            break
    print(f"{out}: {out.stat().st_size // 1024} kB")


def main(archive: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    serve = subprocess.Popen([sys.executable, "-m", "albumen", "serve", "-C", str(archive), "--port", str(PORT),
                              "--no-watch"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address = ""
        assert serve.stdout is not None
        for line in serve.stdout:
            if match := re.search(r"http://127\.0\.0\.1:\d+/\?key=\S+", line):
                address = match.group()
                break
        assert address, "albumen serve printed no address"
        base = address.split("?")[0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport=VIEWPORT)
            page.route("**/*", offline)
            page.goto(address)  # the key becomes the studio's cookie
            shoot(page, base, out / "site-home.png")
            shoot(page, base + "items/liuzhou-mother-baby/", out / "site-photo.png")
            shoot(page, base + "map/", out / "site-map.png", wait=".leaflet-container")
            shoot(page, base + "_studio/items/liuzhou-mother-baby", out / "studio-photo.png")
            shoot(page, base + "_studio/review", out / "studio-review.png")
            browser.close()
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
