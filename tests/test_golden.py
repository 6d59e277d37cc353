"""The example site, built, is byte for byte the golden site stored in tests/golden/ (see golden_support.py).

A failure lists every file that changed, was added or was removed, with the start of each changed page's
diff. When the change is intended, `make update-golden` stores the new site; commit tests/golden/ with it.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from golden_support import GOLDEN, SITE_DIR, SUMS_FILE, compare_with_golden, read_sums, stored_whole


def test_the_built_example_is_the_golden_site(built_example: Path) -> None:
    difference = compare_with_golden(built_example / "_site")
    assert not difference, difference.report()


def test_the_golden_copies_are_the_files_its_hashes_name() -> None:
    """tests/golden/site/ holds exactly the text files of SHA256SUMS, with those bytes (no hand edits)."""
    sums = read_sums((GOLDEN / SUMS_FILE).read_text(encoding="utf-8"))
    copies = {path.relative_to(GOLDEN / SITE_DIR).as_posix(): path
              for path in (GOLDEN / SITE_DIR).rglob("*") if path.is_file()}
    assert set(copies) == {rel for rel in sums if stored_whole(rel)}
    wrong = [rel for rel, path in copies.items() if hashlib.sha256(path.read_bytes()).hexdigest() != sums[rel]]
    assert not wrong, f"golden copies that differ from SHA256SUMS: {wrong}"
    assert any(rel.endswith(".jpg") for rel in sums), "the images are compared by their hashes"


def test_a_changed_page_is_named_with_its_diff(built_example: Path, tmp_path: Path) -> None:
    """The failure message names what changed: a page edited, a file added, a file removed."""
    site = tmp_path / "_site"
    shutil.copytree(built_example / "_site", site)
    page = site / "items" / "bridge-setting" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")
    (site / "extra.txt").write_text("new\n", encoding="utf-8")
    (site / "media" / "bridge-setting" / "w400.jpg").unlink()

    difference = compare_with_golden(site)

    assert difference.changed == ["items/bridge-setting/index.html"]
    assert difference.added == ["extra.txt"]
    assert difference.removed == ["media/bridge-setting/w400.jpg"]
    report = difference.report()
    assert "changed: items/bridge-setting/index.html" in report
    assert "+" in difference.diffs["items/bridge-setting/index.html"]
    assert "(edited)</h1>" in difference.diffs["items/bridge-setting/index.html"]
    assert "make update-golden" in report
