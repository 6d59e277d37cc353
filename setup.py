"""The wheel carries albumen's front-end libraries (Leaflet, OpenSeadragon, MiniSearch, the map outlines), so that
`pip install albumen` gives sites with their map and deep zoom. Everything else is in pyproject.toml.

build_py (run for every wheel) copies the libraries from npm's node_modules/ into src/albumen/theme/vendor/ with
scripts/vendor_assets.py when node_modules/ is there, and refuses to build a wheel without them: a wheel without
the map would build sites without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
VENDOR = ROOT / "src" / "albumen" / "theme" / "vendor"
NODE_MODULES = ROOT / "node_modules"
VENDOR_SCRIPT = ROOT / "scripts" / "vendor_assets.py"
# One file of each library (albumen.theme_files.LIBRARY_FILES lists what a build checks; setup.py can't import it).
REQUIRED = ("leaflet/leaflet.js", "leaflet.markercluster/leaflet.markercluster.js",
            "openseadragon/openseadragon.min.js", "minisearch/minisearch.js",
            "topojson-client/topojson-client.min.js", "world-atlas/countries-50m.js")


def copy_libraries() -> None:
    """node_modules/ -> theme/vendor/ when npm installed them; then every library must be there."""
    if NODE_MODULES.is_dir() and VENDOR_SCRIPT.is_file():
        done = subprocess.run([sys.executable, str(VENDOR_SCRIPT)], cwd=ROOT)
        if done.returncode:
            raise SystemExit("error: scripts/vendor_assets.py could not copy the front-end libraries from "
                             "node_modules/ (see above); run `npm ci --ignore-scripts`, then build the wheel again")
    missing = [name for name in REQUIRED if not (VENDOR / name).is_file()]
    if missing:
        raise SystemExit(
            "error: albumen's wheel must carry its front-end libraries, and src/albumen/theme/vendor/ lacks "
            f"{', '.join(missing)}; node_modules/ is not there to copy them from. Run `npm ci --ignore-scripts` "
            "(or `make setup`) in the repository, then build the wheel again (`make wheel`).")


class BuildWithLibraries(build_py):
    def run(self) -> None:
        # An editable install (pip install -e, as make setup does before npm) reads the source folder itself.
        if not getattr(self, "editable_mode", False):
            copy_libraries()
        super().run()


setup(cmdclass={"build_py": BuildWithLibraries})
