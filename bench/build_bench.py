"""Benchmark: albumen against sigal on the same photos, in one run, alternating the two.

Prints photos/s for
  - albumen's default full build (400/800/1600 JPEG + WebP 400/800 + the full size for deep zoom, pages,
    search index, IIIF)
  - sigal's default build (800 px + 280x210 thumbnail JPEG, `-n CORES`)
  - albumen doing sigal's own job (its two sizes, JPEG only), to compare the image engines alone
with their ratios, the seconds for a rebuild with nothing changed of a 1,000-item archive, a few big
TIFF scans, and the peak memory of the largest process.

Usage: python bench/build_bench.py [--count 200] [--runs 3] [--items 1000] [--tiffs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import make_archive, make_small_archive, make_tiffs  # noqa: E402

SIGALS_JOB = "\n[images]\nwidths = [280, 800]\nformats = []\nzoom_above = 0\n"
ALBUMEN, SIGAL, ALBUMEN_SIGALS_JOB = "albumen, default build", "sigal, default build", "albumen, sigal's 2 sizes"


def timed(command: list[str]) -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS in MiB of the largest process it started)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def put_aside(trash: Path, *folders: Path) -> None:
    """Move the last run's output into trash, to be deleted when the benchmark ends.

    Not deleted now: ext4 passes over the inodes freed in the last 30 s when it makes new files
    (recently_deleted() in a perf profile), so a run started just after deleting thousands of files
    spends seconds in the kernel (system time 0.6 -> 1.9 s for sigal's job, measured).
    """
    for folder in folders:
        if folder.exists():
            aside = Path(tempfile.mkdtemp(prefix="aside-", dir=trash))
            folder.rename(aside / folder.name)


def albumen(archive: Path, trash: Path, clean: bool = True) -> tuple[float, float]:
    if clean:
        put_aside(trash, archive / ".albumen", archive / "_site")
    return timed([sys.executable, "-m", "albumen", "build", "-q", "-C", str(archive)])


def sigal(executable: str, archive: Path, out: Path, trash: Path) -> tuple[float, float]:
    put_aside(trash, out)
    config = out.parent / "sigal.conf.py"
    if not config.exists():  # sigal's own default settings, as `sigal init` writes them
        subprocess.run([executable, "init", str(config)], check=True, stdout=subprocess.DEVNULL)
    return timed([executable, "build", "-c", str(config), "-n", str(os.cpu_count() or 1),
                  str(archive / "images"), str(out)])


def with_settings(source: Path, target: Path, extra: str) -> Path:
    """A copy of an archive's text files that shares its images folder, with extra settings."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("images", "_site", ".albumen"))
    (target / "images").symlink_to(source / "images", target_is_directory=True)
    with (target / "albumen.toml").open("a", encoding="utf-8") as toml:
        toml.write(extra)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="3000x2000 photos in the corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=1000, help="items in the no-change rebuild archive")
    parser.add_argument("--tiffs", type=int, default=2, help="8000x6000 TIFF scans")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="albumen-bench-"))
    trash = work / "trash"
    trash.mkdir()
    print(f"making the corpus in {work} ...", file=sys.stderr)
    archive = make_archive(work / "photos", args.count)
    sigals_job = with_settings(archive, work / "photos-sigal-job", SIGALS_JOB)
    executable = shutil.which("sigal", path=str(Path(sys.executable).parent)) or shutil.which("sigal")

    rows: dict[str, list[tuple[float, float]]] = {ALBUMEN: [], SIGAL: [], ALBUMEN_SIGALS_JOB: []}
    for _ in range(args.runs):  # alternate, so both see the same machine state
        rows[ALBUMEN].append(albumen(archive, trash))
        if executable:
            rows[SIGAL].append(sigal(executable, archive, work / "sigal-out", trash))
        rows[ALBUMEN_SIGALS_JOB].append(albumen(sigals_job, trash))

    small = make_small_archive(work / "items", args.items)
    albumen(small, trash)
    rebuilds = [albumen(small, trash, clean=False) for _ in range(args.runs)]
    tiffs = make_tiffs(work / "scans", args.tiffs)
    scans = [albumen(tiffs, trash) for _ in range(args.runs)]

    cores = os.cpu_count()
    print(f"\n{args.count} photos of 3000x2000 JPEG q90, {cores} cores, median of {args.runs} runs\n")
    print(f"{'job':<30}{'seconds':>9}{'photos/s':>10}{'peak MiB':>10}")
    medians = {}
    for name, results in rows.items():
        if not results:
            print(f"{name:<30}   (sigal not installed: pip install -e '.[bench]')")
            continue
        seconds = statistics.median(r[0] for r in results)
        medians[name] = args.count / seconds
        print(f"{name:<30}{seconds:>9.2f}{medians[name]:>10.1f}{max(r[1] for r in results):>10.0f}")
    if SIGAL in medians:
        print(f"\nalbumen default / sigal default:    {medians[ALBUMEN] / medians[SIGAL]:.2f}x "
              "(albumen makes 6 files a photo, sigal 2)")
        print(f"albumen on sigal's job / sigal:     {medians[ALBUMEN_SIGALS_JOB] / medians[SIGAL]:.2f}x")
    rebuild = statistics.median(r[0] for r in rebuilds)
    print(f"\nno-change rebuild, {args.items} items:   {rebuild:.2f} s (peak {max(r[1] for r in rebuilds):.0f} MiB)")
    scan = statistics.median(r[0] for r in scans)
    print(f"{args.tiffs} TIFF scans 8000x6000, full build with deep-zoom tiles: {scan:.2f} s "
          f"(peak {max(r[1] for r in scans):.0f} MiB)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
