"""Import every old site under a folder and print one row per site: what the import made of it.

    python bench/old_sites.py [FOLDER]      (default: ../shared/corpus/old-sites/, skipped when absent)

Each subfolder is one old site (its `site/` folder when it has one). The import runs into a fresh archive
in a temporary folder; the old site is only read. Columns: pages read, topics, photos (items), one-photo
topics, photos with a caption, old paths that redirect, old paths that lead nowhere, warnings, seconds.
The real old sites it has been run on, and where to get them again: bench/real_sites.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from albumen.importers.html_site import read_html_site
from albumen.reporter import Reporter

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "old-sites"


@dataclass
class Row:
    site: str
    pages: int
    topics: int
    photos: int
    one_photo_topics: int
    captions: int
    redirects: int
    unmapped: int
    warnings: int
    seconds: float


def measure(old: Path) -> Row:
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        found = read_html_site(old, Path(scratch) / "archive", reporter=Reporter())
        seconds = time.perf_counter() - started
    draft, report = found.draft, found.report
    redirects = sum(len(r.redirect_from) for r in (*draft.items, *draft.topics, *draft.pages))
    return Row(site=old.parent.name if old.name == "site" else old.name, pages=len(report.pages_read),
               topics=len(draft.topics), photos=len(draft.items),
               one_photo_topics=sum(1 for t in draft.topics if len(t.items) == 1),
               captions=sum(1 for i in draft.items if i.caption.strip()), redirects=redirects,
               unmapped=len(report.unmapped), warnings=len(report.looks), seconds=seconds)


def sites_under(folder: Path) -> list[Path]:
    found = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir()):
        found.append(child / "site" if (child / "site").is_dir() else child)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    folder = parser.parse_args().folder
    if not folder.is_dir():
        print(f"skipped: {folder} is not here (the corpus comes with CI, not with a clone)")
        return 0
    columns = ("site", "pages", "topics", "photos", "one-photo topics", "captions", "redirects", "unmapped",
               "warnings", "seconds")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for old in sites_under(folder):
        row = measure(old)
        values = [row.site, row.pages, row.topics, row.photos, row.one_photo_topics, row.captions, row.redirects,
                  row.unmapped, row.warnings, f"{row.seconds:.2f}"]
        print("| " + " | ".join(str(v) for v in values) + " |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
