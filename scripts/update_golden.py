#!/usr/bin/env python3
"""Rebuild examples/ichigo and store the result as the golden site in tests/golden/ (`make update-golden`).

Run it on purpose only, when a change to the site is intended, and commit tests/golden/ with that change:
its diff shows what the change did to the site. tests/test_golden.py compares every build with it.

Usage:
    python scripts/update_golden.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from golden_support import GOLDEN, SUMS_FILE, build_example, compare_with_golden, write_golden  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="albumen-golden-") as scratch:
        site = build_example(Path(scratch) / "ichigo")
        if (GOLDEN / SUMS_FILE).is_file():
            difference = compare_with_golden(site)
            if not difference:
                print("tests/golden/ is up to date")
                return 0
            print(f"tests/golden/: {len(difference.changed)} changed, {len(difference.added)} added, "
                  f"{len(difference.removed)} removed")
            for kind, files in (("changed", difference.changed), ("added", difference.added),
                                ("removed", difference.removed)):
                for rel in files:
                    print(f"  {kind}: {rel}")
        write_golden(site)
    print(f"wrote {GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
