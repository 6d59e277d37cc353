"""The golden example site: what is stored in tests/golden/, and how a built site is compared with it.

tests/golden/ holds
  SHA256SUMS  a line `sha256  path` for every file of the built example (sorted by path; `sha256sum -c` reads it
              from inside a built _site/), so every byte of every file, images included, is compared;
  site/       a whole copy of each file albumen writes as text (pages, JSON, XML, our own CSS and JS), so a
              failing comparison shows what changed in it, and a change to the site is a readable diff in git.
Images, Pagefind's own files and the third-party assets copied from packages are compared by their hash only.

Imported by tests/test_golden.py and scripts/update_golden.py (the only writer of tests/golden/).
"""

from __future__ import annotations

import difflib
import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ichigo"
GOLDEN = REPO / "tests" / "golden"
SUMS_FILE = "SHA256SUMS"
SITE_DIR = "site"

TEXT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".css", ".js"}
# Written by other programs (Pagefind) or copied from packages (npm): their hashes are enough.
HASH_ONLY_FOLDERS = ("pagefind/", "assets/vendor/")
# How many lines of a changed text file's diff a failure shows.
DIFF_LINES = 40


def stored_whole(rel: str) -> bool:
    """Whether the golden keeps a full copy of this site file (else only its hash)."""
    return Path(rel).suffix in TEXT_SUFFIXES and not rel.startswith(HASH_ONLY_FOLDERS)


def site_hashes(site: Path) -> dict[str, str]:
    """Every file under `site` (posix path relative to it) -> sha256 of its bytes, sorted by path."""
    files = sorted(path for path in site.rglob("*") if path.is_file())
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def read_sums(text: str) -> dict[str, str]:
    sums = {}
    for line in text.splitlines():
        digest, rel = line.split("  ", 1)
        sums[rel] = digest
    return sums


def format_sums(hashes: dict[str, str]) -> str:
    return "".join(f"{digest}  {rel}\n" for rel, digest in sorted(hashes.items()))


def build_example(dest: Path) -> Path:
    """Copy examples/ichigo (nothing generated) to `dest` and build it; returns the built _site/."""
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    command = [sys.executable, "-m", "albumen", "build", "-q", "--executor", "inline", "-C", str(dest)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"building the example failed (exit {done.returncode}):\n{done.stderr}")
    return dest / "_site"


def write_golden(site: Path, golden: Path = GOLDEN) -> None:
    """Replace tests/golden/ with the hashes of `site` and copies of its text files."""
    if (golden / SITE_DIR).exists():
        shutil.rmtree(golden / SITE_DIR)
    golden.mkdir(parents=True, exist_ok=True)
    hashes = site_hashes(site)
    for rel in hashes:
        if stored_whole(rel):
            target = golden / SITE_DIR / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / rel, target)
    (golden / SUMS_FILE).write_text(format_sums(hashes), encoding="utf-8")


@dataclass
class GoldenDifference:
    added: list[str]
    removed: list[str]
    changed: list[str]
    diffs: dict[str, str]  # changed text file -> the start of its unified diff

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def report(self) -> str:
        """What changed, file by file: the message of a failing golden test."""
        lines = [f"the built example differs from tests/golden/ ({len(self.changed)} changed, "
                 f"{len(self.added)} added, {len(self.removed)} removed):"]
        lines += [f"  changed: {rel}" for rel in self.changed]
        lines += [f"  added:   {rel}" for rel in self.added]
        lines += [f"  removed: {rel}" for rel in self.removed]
        for diff in self.diffs.values():
            lines += ["", diff]
        lines += ["", "If the change is intended, run `make update-golden` and commit tests/golden/ with it."]
        return "\n".join(lines)


def compare_with_golden(site: Path, golden: Path = GOLDEN) -> GoldenDifference:
    """How the built `site` differs from the stored golden site (empty when byte for byte the same)."""
    expected = read_sums((golden / SUMS_FILE).read_text(encoding="utf-8"))
    actual = site_hashes(site)
    changed = [rel for rel in actual if rel in expected and actual[rel] != expected[rel]]
    diffs = {rel: text_diff(golden / SITE_DIR / rel, site / rel, rel)
             for rel in changed if (golden / SITE_DIR / rel).is_file()}
    return GoldenDifference(added=[rel for rel in actual if rel not in expected],
                            removed=[rel for rel in expected if rel not in actual],
                            changed=changed, diffs=diffs)


def text_diff(expected: Path, actual: Path, rel: str) -> str:
    """The first DIFF_LINES lines of a unified diff between the golden copy and the new file."""
    old = expected.read_text(encoding="utf-8", errors="replace").splitlines()
    new = actual.read_text(encoding="utf-8", errors="replace").splitlines()
    diff = list(difflib.unified_diff(old, new, f"golden/{rel}", f"built/{rel}", lineterm="", n=1))
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
    return "\n".join(diff)
