"""Benchmark: a full albumen build, a rebuild with nothing changed, and sigal on the same photos.

Prints photos/s, seconds and peak memory side by side, alternating the tools run by run so that both
see the same machine state. Usage: python bench/build_bench.py [--count 50] [--runs 3]
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
from corpus import make_archive  # noqa: E402


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS in MiB of its largest process)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if process.stderr is not None:
        process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def albumen_build(archive: Path, clean: bool) -> tuple[float, float]:
    if clean:
        shutil.rmtree(archive / ".albumen", ignore_errors=True)
        shutil.rmtree(archive / "_site", ignore_errors=True)
    return timed([sys.executable, "-m", "albumen", "build", "-q", "-C", str(archive)])


def sigal_build(sigal: str, archive: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    config = out.parent / "sigal.conf.py"
    if not config.exists():  # sigal's own default settings, as `sigal init` writes them
        subprocess.run([sigal, "init", str(config)], check=True, stdout=subprocess.DEVNULL)
    return timed([sigal, "build", "-c", str(config), "-n", str(os.cpu_count() or 1),
                  str(archive / "images"), str(out)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=50, help="photos in the corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="albumen-bench-"))
    archive = make_archive(work / "archive", args.count)
    sigal = shutil.which("sigal", path=str(Path(sys.executable).parent)) or shutil.which("sigal")
    rows: dict[str, list[tuple[float, float]]] = {"albumen build": [], "albumen rebuild": [], "sigal": []}
    for _ in range(args.runs):
        rows["albumen build"].append(albumen_build(archive, clean=True))
        rows["albumen rebuild"].append(albumen_build(archive, clean=False))
        if sigal:
            rows["sigal"].append(sigal_build(sigal, archive, work / "sigal-out"))

    print(f"{args.count} photos of 3000x2000 (JPEG q90), {os.cpu_count()} cores, median of {args.runs} runs")
    print("albumen: 400/800/1600/2400 px JPEG q85 + pages + search index; "
          "sigal: its defaults (800 px + 280x210 thumbnail)")
    print(f"{'job':<18}{'seconds':>10}{'photos/s':>11}{'peak RSS MiB':>15}")
    for name, results in rows.items():
        if not results:
            print(f"{name:<18}{'(not installed: pip install sigal)':>36}")
            continue
        seconds = statistics.median(r[0] for r in results)
        memory = max(r[1] for r in results)
        rate = f"{args.count / seconds:.1f}" if name != "albumen rebuild" else "-"
        print(f"{name:<18}{seconds:>10.2f}{rate:>11}{memory:>15.0f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
