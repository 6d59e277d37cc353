"""The old-site import's speed as the site grows: is it linear in pages?

    python bench/import_speed.py [--pages 250 500 1000] [--keep DIR] [--site OLD_SITE_DIR]

For each size, bench/big_site.py writes a Legacy-shaped genealogy site of that many pages and the bench times
`albumen import html SITE -C ARCHIVE` on it, the whole command in its own process (reading, writing the archive
and its report). The last column is CPU seconds per 100 pages: about constant when the import grows linearly,
rising with the size when it grows faster (CPU seconds: a shared machine's load changes the clock's more).
--site times a site of your own instead (e.g. a real one) once. --keep DIR keeps the sites and the archives
(DIR/site-N, DIR/archive-N), e.g. to compare two versions' archives with `diff -r`.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from big_site import write_site  # noqa: E402


def time_import(site: Path, archive: Path) -> tuple[float, float]:
    """Seconds for one `albumen import html` run in a fresh process: on the clock, and of CPU (user + system),
    which other work on a shared machine changes less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "albumen", "import", "html", str(site), "-C", str(archive), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--site", type=Path, default=None)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="import-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.site:
            wall, cpu = time_import(args.site, work / "archive")
            print(f"{args.site}: {wall:.1f} s ({cpu:.1f} s of CPU)")
            return 0
        print("| pages | seconds | CPU seconds | CPU s per 100 pages |")
        print("|---|---|---|---|")
        for size in args.pages:
            site, archive = work / f"site-{size}", work / f"archive-{size}"
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(archive, ignore_errors=True)
            pages = write_site(site, size)
            wall, cpu = time_import(site, archive)
            print(f"| {pages} | {wall:.1f} | {cpu:.1f} | {100 * cpu / pages:.2f} |", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
