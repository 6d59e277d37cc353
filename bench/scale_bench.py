"""Scale: albumen at 10,000 items (or --items N) against Hugo building the same captions, in one run.

    python bench/scale_bench.py [--items 10000] [--runs 1] [--keep DIR]

The archive is bench/corpus.py's small archive (20 small photos shared by every item, so the images are not
what is measured). The Hugo site has the same items as content pages with the same titles, dates and captions,
and a minimal theme: a page per item, paginated lists (the home page, each section) and two taxonomies
(subjects and places), as Hugo's own docs make a blog. Hugo is used when `hugo` is on PATH (Debian: apt-get
install hugo); the bench installs nothing, and without Hugo it prints albumen's figures alone.

Hugo's full build is timed right before and right after each albumen job, and each ratio is against the mean of
the two: a machine shared with other work changes its load during a run. Each job is one whole process, timed
from start to exit; its peak memory is the most that the process and all
of its children held at once (sampled every 50 ms with psutil), the figure the Scale issue asks for: their
proportional set sizes summed, so that memory a forked child shares with the build is counted once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from corpus import make_small_archive  # noqa: E402

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["RSS", "robotsTXT", "sitemap"]
[taxonomies]
  subject = "subjects"
  place = "places"
paginate = 60
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
                            "{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006\" }}</p>"
                            "{{ .Content }}{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">prev</a>"
                            "{{ end }}{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">next</a>{{ end }}"
                            "{{ range .GetTerms \"subjects\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>"
                            "{{ end }}{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li>"
                          "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>"
                          "{{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    "_default/terms.html": "{{ define \"main\" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\""
                           "{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>"
                           "{{ end }}\n",
    "index.html": "{{ define \"main\" }}<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">"
                  "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
}


PROCESS_KINDS = ("build", "forked renderer", "pagefind", "image workers")


@dataclass
class Timing:
    seconds: float
    peak_mib: float
    at_peak: dict[str, float] = field(default_factory=dict)  # MiB by kind of process at the moment of the peak
    peaks: dict[str, float] = field(default_factory=dict)  # each kind's own peak (at whatever moment), MiB
    stages: str = ""  # albumen's own `--timings` line: where the build spent its time


def _kind(proc: psutil.Process, build: psutil.Process) -> str:
    """Which part of a build a process is: the build itself, its forked renderer (a fork: the build's own command
    line), a Pagefind, an image worker (multiprocessing's), or another command by name."""
    if proc.pid == build.pid:
        return "build"
    command = proc.cmdline()
    text = " ".join(command)
    if "pagefind" in text:
        return "pagefind"
    if "multiprocessing" in text:
        return "image workers"
    if command == build.cmdline():
        return "forked renderer"
    return Path(command[0]).name if command else "other"


def _memory(proc: psutil.Process) -> tuple[int, tuple[int, ...]]:
    """A process's proportional set size: a page shared with others (the forked renderer's copy of the site model,
    libraries) counted once over all of them, where the resident size counts it in each. RSS where PSS is not
    available (outside Linux). Then the figures that tell its address space (see _same_memory)."""
    try:
        full = proc.memory_full_info()
        return int(full.pss), (full.rss, full.pss, full.uss)
    except (AttributeError, psutil.AccessDenied):
        rss = int(proc.memory_info().rss)
        return rss, (rss,)


def _same_memory(child: tuple[int, ...], parent: tuple[int, ...]) -> bool:
    """A child started by subprocess shares its parent's address space (vfork) until it runs its program: the
    kernel reports the parent's very figures for it, and counting them would count the build twice (seen: a
    100,000-item build read as 1,868 MiB for a moment each time a Pagefind started, against ~1,050 MiB)."""
    return child == parent


def run(command: list[str], cwd: Path | None = None) -> Timing:
    """One process, timed to its exit; the peak of the summed memory of it and its children. The disk is synced
    first, untimed: a job that writes 70,000 files leaves the kernel writing them back for seconds after it ends,
    and the next job (Hugo's, beside it) was timed with that writeback (2.1 to 9.5 s for one Hugo build)."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    at_peak: dict[str, int] = {}
    peaks: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        try:
            parent = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            kinds: dict[str, int] = {}
            try:
                parent_figures: tuple[int, ...] = ()
                for proc in [parent, *parent.children(recursive=True)]:
                    try:
                        kind = _kind(proc, parent)
                        memory, figures = _memory(proc)
                        if _kind(proc, parent) != kind:
                            # It ran its program between the two looks: its memory was read while it still shared
                            # the build's (vfork), and counted as a Pagefind it was the build's twice (seen at
                            # 100,000 items: build 728 + "pagefind" 728 MiB at the first build's peak).
                            continue
                    except psutil.NoSuchProcess:
                        continue
                    if proc.pid == parent.pid:
                        parent_figures = figures
                    elif _same_memory(figures, parent_figures):
                        continue
                    total += memory
                    kinds[kind] = kinds.get(kind, 0) + memory
            except psutil.NoSuchProcess:
                break
            for kind, memory in kinds.items():
                peaks[kind] = max(peaks.get(kind, 0), memory)
            if total > peak[0]:
                peak[0] = total
                at_peak.clear()
                at_peak.update(kinds)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, error = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error.decode(errors='replace')}")
    timings = [line for line in error.decode(errors="replace").splitlines() if line.startswith("timings: ")]
    return Timing(seconds, peak[0] / 2**20, {kind: memory / 2**20 for kind, memory in at_peak.items()},
                  {kind: memory / 2**20 for kind, memory in peaks.items()}, timings[-1][9:] if timings else "")


def albumen_build(archive: Path) -> Timing:
    return run([sys.executable, "-m", "albumen", "build", "-q", "--timings", "-C", str(archive)])


def edit_caption(archive: Path, number: int) -> None:
    path = archive / "items" / "item-00042.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n").split(" [edit")[0] + f" [edit {number}]\n", encoding="utf-8")


def make_hugo_site(archive: Path, site: Path) -> None:
    """The archive's items as Hugo content, with the same titles, dates, subjects, places and captions."""
    (site / "content" / "items").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for item in sorted((archive / "items").glob("*.md")):
        head, _, caption = item.read_text(encoding="utf-8").partition("\n---\n")
        fields = dict(line.split(": ", 1) for line in head.splitlines()[1:] if ": " in line)
        (site / "content" / "items" / item.name).write_text(
            f"---\ntitle: \"{fields['title']}\"\ndate: 1944-09-22\nsubjects: {fields['subjects']}\n"
            f"places: {fields['places']}\n---\n{caption}", encoding="utf-8")


def hugo_build(site: Path) -> Timing:
    shutil.rmtree(site / "public", ignore_errors=True)
    return run(["hugo", "--quiet", "--source", str(site)])


def row(job: str, timing: Timing, hugo: float | None) -> str:
    ratio = f"{timing.seconds / hugo:.1f}x" if hugo else "-"
    beside = f"{hugo:.1f} s" if hugo else "-"
    return f"| {job} | {timing.seconds:.1f} s | {beside} | {ratio} | {timing.peak_mib:.0f} MiB |"


class Beside:
    """Hugo's full build timed right before and right after each albumen job: on a machine that other work shares,
    the load moves during a run, and a ratio against one Hugo build made minutes earlier says more about the load
    than about albumen. Each job's ratio is against the mean of its two neighbours."""

    def __init__(self, site: Path | None) -> None:
        self.site = site
        self.builds: list[Timing] = []

    def time(self, job: Callable[[], Timing]) -> tuple[Timing, float | None]:
        if self.site is None:
            return job(), None
        before = hugo_build(self.site)
        timing = job()
        after = hugo_build(self.site)
        self.builds += [before, after]
        return timing, (before.seconds + after.seconds) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1, help="edits timed (the median is printed)")
    parser.add_argument("--keep", type=Path, help="make the archive here and keep it (reused when present)")
    parser.add_argument("--no-hugo", action="store_true", help="albumen's figures alone (memory, not ratios)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="albumen-scale-"))
    try:
        base = args.keep or scratch / "archive"
        if not (base / "items").is_dir():
            make_small_archive(base, args.items)
        archive = scratch / "run"
        shutil.copytree(base, archive, ignore=shutil.ignore_patterns("_site*", ".albumen"))
        site = None
        if shutil.which("hugo") and not args.no_hugo:
            site = scratch / "hugo"
            make_hugo_site(archive, site)
            hugo_build(site)  # warm the disk cache as albumen's first build does for it
        beside = Beside(site)
        first = beside.time(lambda: albumen_build(archive))
        unchanged = beside.time(lambda: albumen_build(archive))
        edits = []
        for number in range(args.runs):
            edit_caption(archive, number)
            edits.append(beside.time(lambda: albumen_build(archive)))
        edit = sorted(edits, key=lambda pair: pair[0].seconds)[len(edits) // 2]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.items:,} items (20 small photos shared), Python {sys.version.split()[0]}, "
          f"{psutil.cpu_count()} cores")
    print("| job | time | Hugo's full build beside it | against Hugo | peak memory (all processes) |")
    print("|---|---|---|---|---|")
    if beside.builds:
        fastest = min(beside.builds, key=lambda t: t.seconds)
        slowest = max(beside.builds, key=lambda t: t.seconds)
        print(f"| Hugo full build of the same captions ({len(beside.builds)} runs) | {fastest.seconds:.1f}-"
              f"{slowest.seconds:.1f} s | - | 1.0x | {slowest.peak_mib:.0f} MiB |")
    print(row("albumen first build (pages, search, IIIF)", *first))
    print(row("albumen rebuild, nothing changed", *unchanged))
    print(row(f"albumen rebuild after one caption edit (median of {len(edits)})", *edit))
    if len(edits) > 1:
        print("each edit: " + ", ".join(f"{t.seconds:.1f} s (Hugo beside it {h:.1f} s)" if h else f"{t.seconds:.1f} s"
                                        for t, h in edits))
    if site is None:
        print("(hugo is not installed: no ratios)")
    print()
    print("Where each albumen job's peak memory is (PSS, MiB: at the moment of the peak; in brackets each kind's "
          "own peak)")
    print("| job | total | " + " | ".join(PROCESS_KINDS) + " |")
    print("|---|---|" + "---|" * len(PROCESS_KINDS))
    for job, (timing, _) in (("first build", first), ("nothing changed", unchanged), ("one caption edit", edit)):
        print(f"| {job} | {timing.peak_mib:.0f} | " + " | ".join(
            f"{timing.at_peak.get(kind, 0):.0f} ({timing.peaks.get(kind, 0):.0f})" for kind in PROCESS_KINDS) + " |")
    print()
    print("Where each albumen job's time went (its stages' clocks overlap: the image workers run beside the rest, the "
          "search index is made while the other pages and IIIF are written)")
    for job, (timing, _) in (("first build", first), ("nothing changed", unchanged),
                             *((f"edit {number + 1}", pair) for number, pair in enumerate(edits))):
        print(f"- {job}: {timing.stages}")


if __name__ == "__main__":
    main()
