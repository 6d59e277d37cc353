"""Copy the front-end libraries that npm installed (node_modules/) into albumen's theme/vendor/.

Run by `make setup` after `npm ci --ignore-scripts`. The build copies theme/vendor/ into every site, so
the sites work with no network; nothing here is committed. Each library keeps its licence file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "albumen" / "theme" / "vendor"

# library -> (files and folders inside its package, folder under vendor/)
LIBRARIES = {
    "openseadragon": (["build/openseadragon/openseadragon.min.js", "build/openseadragon/images", "LICENSE.txt"],
                      "openseadragon"),
}


def main() -> int:
    missing = []
    for package, (paths, folder) in LIBRARIES.items():
        target = VENDOR / folder
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for relative in paths:
            source = NODE_MODULES / package / relative
            if not source.exists():
                missing.append(str(source))
                continue
            if source.is_dir():
                shutil.copytree(source, target / source.name)
            else:
                shutil.copy2(source, target / source.name)
    if missing:
        print("not found (run `npm ci --ignore-scripts` first):\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
