"""Scale (issue 17), memory: what a build holds at once is shared where it is the same, and let go when done.

Memory figures are measured by bench/scale_bench.py, never asserted here: these tests check the structure that
keeps them down (two generations of the site manifest sharing their entries, one derivative plan per original).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from albumen.config import load_config
from albumen.executors import executor_for
from albumen.pipeline import BuildResult, build
from albumen.problems import Problems
from albumen.renditions import Original
from albumen.reporter import Reporter
from albumen.stages import forked_render
from albumen.stages.catalog import open_catalog
from albumen.stages.derive import plan_derivatives
from albumen.stages.outputs import MANIFEST, Generation, entry_stamp, read_manifest
from conftest import PLACES_YAML, item_md, make_jpeg

TOML = 'title = "Memory"\n[images]\nwidths = [200]\nformats = []\nzoom_above = 0\n'


def make(root: Path, count: int = 6) -> Path:
    files = {"albumen.toml": TOML, "places.yaml": PLACES_YAML}
    for n in range(count):
        files[f"items/p{n:02d}.md"] = item_md(f"Photograph {n}.", title=f"Photo {n}", image=f"p{n % 2}.jpg",
                                              date="1944", places=["china"])
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for n in range(2):
        make_jpeg(root / "images" / f"p{n}.jpg", (320, 240), seed=f"p{n}")
    return root


def built(root: Path) -> BuildResult:
    result = build(root, Reporter(), executor_for("inline"))
    assert result.published, [str(p) for p in result.problems.sorted()]
    return result


def edit(root: Path, n: int) -> None:
    path = root / "items" / f"p{n:02d}.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " Edited.\n", encoding="utf-8")


def test_the_spare_generation_shares_the_published_ones_entries(tmp_path):
    root = make(tmp_path)
    built(root)
    edit(root, 1)
    built(root)  # the first build's site is now the spare
    edit(root, 2)
    built(root)
    site, spare = read_manifest(root / ".albumen")
    assert site.files and spare.files
    same = [rel for rel, entry in spare.files.items() if site.files.get(rel) == entry]
    assert same and len(same) < len(spare.files)  # the edited pages differ between the two
    assert all(spare.files[rel] is site.files[rel] for rel in same)
    assert all(sys.intern(rel) is rel for rel in spare.files)  # one string a path, in both generations
    assert any(site.files[rel] != entry for rel, entry in spare.files.items() if rel in site.files)


def test_the_manifest_is_packed_and_reads_back_whole(tmp_path):
    root = make(tmp_path)
    built(root)
    with (root / ".albumen" / MANIFEST).open("rb") as handle:
        data = pickle.load(handle)  # noqa: S301 - the test's own build
    files = data["site"]["files"]
    assert isinstance(files, tuple) and all(isinstance(part, (str, bytes)) for part in files)  # columns, not tuples
    assert all(isinstance(entry, bytes) for entry in read_manifest(root / ".albumen")[0].files.values())
    site, _ = read_manifest(root / ".albumen")
    assert Generation.from_json(site.as_json()) == site
    on_disk = {p.relative_to(root / "_site").as_posix(): p.stat().st_size for p in (root / "_site").rglob("*")
               if p.is_file()}
    assert {rel: entry_stamp(entry)[0] for rel, entry in site.files.items()} == on_disk


def test_items_that_show_one_original_share_its_plan(tmp_path):
    root = make(tmp_path)
    config = load_config(root, Problems())
    built(root)
    catalog = open_catalog(config.cache_dir)
    try:
        archive = catalog.archive()
    finally:
        catalog.close()
    first, second = (Original(f"p{n}.jpg", f"{n:064x}", 320, 240) for n in range(2))
    originals = {item.id: first if item.image == "p0.jpg" else second for item in archive.items}
    plan = plan_derivatives(config, archive.items, originals)
    shown = [plan.images[item.id] for item in archive.items if item.image == "p0.jpg"]
    assert len(shown) == 3 and all(images is shown[0] for images in shown)
    assert plan.images["p01"] is not shown[0] and plan.images["p01"].original == second


def test_a_site_too_big_for_two_copies_of_its_model_is_rendered_by_one_process(monkeypatch):
    monkeypatch.setattr(forked_render.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(forked_render.sys, "platform", "linux")
    assert forked_render.worth_forking(forked_render.MIN_PAGES)
    assert forked_render.worth_forking(forked_render.MAX_PAGES)
    assert not forked_render.worth_forking(forked_render.MAX_PAGES + 1)
    # the galleries of a big site are few pages of many: the site's size decides, not theirs
    assert not forked_render.worth_forking(forked_render.MIN_PAGES, forked_render.MAX_PAGES + 1)
