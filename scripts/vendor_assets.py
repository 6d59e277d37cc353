"""Copy the front-end libraries that npm installed (node_modules/) into albumen's theme/vendor/.

Run by `make setup` after `npm ci --ignore-scripts`. The build copies theme/vendor/ into every site, so
the sites work with no network; nothing here is committed. Each library keeps its licence file.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "albumen" / "theme" / "vendor"

# npm package -> (folder under vendor/, {path inside the package: name under the folder})
LIBRARIES: dict[str, tuple[str, dict[str, str]]] = {
    "openseadragon": ("openseadragon", {
        "build/openseadragon/openseadragon.min.js": "openseadragon.min.js",
        "build/openseadragon/images": "images",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "leaflet": ("leaflet", {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "dist/images": "images",
        "LICENSE": "LICENSE",
    }),
    "leaflet.markercluster": ("leaflet.markercluster", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
        "MIT-LICENCE.txt": "MIT-LICENCE.txt",
    }),
    "minisearch": ("minisearch", {
        "dist/umd/index.js": "minisearch.js",
        "LICENSE.txt": "LICENSE.txt",
    }),
    "topojson-client": ("topojson-client", {
        "dist/topojson-client.min.js": "topojson-client.min.js",
        "LICENSE": "LICENSE",
    }),
    # Natural Earth country outlines (public domain, via world-atlas) for maps without tiles. A page opened
    # from a folder can't fetch() a .json file, so the outlines are wrapped in a script that sets a global.
    "world-atlas": ("world-atlas", {
        "countries-50m.json": "countries-50m.js",
        "LICENSE": "LICENSE",
    }),
}
OUTLINES_GLOBAL = "albumenOutlines"

# Set-ups before the provinces were committed (src/albumen/provinces.tsv.gz, scripts/build_provinces.py) wrote
# them here; theme/vendor/ is copied into every site, so that folder goes.
OLD_PROVINCES = "provinces"


def copy_library(package: str, folder: str, paths: dict[str, str]) -> list[str]:
    """Copy one package's files into vendor/FOLDER; return the sources that were missing."""
    target = VENDOR / folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    missing = []
    for relative, name in paths.items():
        source = NODE_MODULES / package / relative
        if not source.exists():
            missing.append(str(source))
        elif source.is_dir():
            shutil.copytree(source, target / name)
        elif source.suffix == ".json" and name.endswith(".js"):
            data = json.loads(source.read_text(encoding="utf-8"))
            script = f"window.{OUTLINES_GLOBAL} = {json.dumps(data, separators=(',', ':'))};\n"
            (target / name).write_text(script, encoding="utf-8")
        else:
            shutil.copy2(source, target / name)
    return missing


def main() -> int:
    missing = []
    for package, (folder, paths) in LIBRARIES.items():
        missing += copy_library(package, folder, paths)
    shutil.rmtree(VENDOR / OLD_PROVINCES, ignore_errors=True)
    if missing:
        print("not found (run `npm ci --ignore-scripts` first):\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
