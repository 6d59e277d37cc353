"""Scale (issue 17), memory: what a build holds at once is shared where it is the same, and let go when done.

Memory figures are measured by bench/scale_bench.py, never asserted here: these tests check the structure that
keeps them down (two generations of the site manifest sharing their entries, one derivative plan per original).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from albumen import pipeline
from albumen import site as site_module
from albumen.config import load_config
from albumen.discovery import Placed
from albumen.executors import LocalProcessExecutor, executor_for
from albumen.pipeline import BuildResult, build
from albumen.problems import Problems
from albumen.renditions import Original
from albumen.reporter import Reporter
from albumen.site import Site
from albumen.stages import forked_render, index, outputs, page_list
from albumen.stages.catalog import open_catalog
from albumen.stages.derive import plan_derivatives
from albumen.stages.outputs import MANIFEST, Generation, entry_stamp, read_manifest
from albumen.stages.page_digest import PageDigests
from albumen.stages.render import SiteRender
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


def test_the_manifest_is_packed_in_chunks_and_reads_back_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "MANIFEST_CHUNK", 7)  # a small site in many chunks
    root = make(tmp_path)
    built(root)
    edit(root, 1)
    built(root)  # a spare generation too
    parts = []
    with (root / ".albumen" / MANIFEST).open("rb") as handle:
        while handle.peek(1):
            parts.append(pickle.load(handle))  # noqa: S301 - the test's own build
    assert parts[0] == {"version": outputs.MANIFEST_VERSION}
    chunks = [part for part in parts if isinstance(part, tuple)]
    assert len(chunks) > 4 and all(isinstance(piece, (str, bytes)) for chunk in chunks for piece in chunk)
    assert all(chunk[0].count("\0") < 7 for chunk in chunks)  # columns of a chunk each, not tuples of the site
    site, spare = read_manifest(root / ".albumen")
    assert len(site.files) > 7 and len(spare.files) > 7 and len(site.digests) > 7
    assert all(isinstance(entry, bytes) for entry in site.files.values())
    assert Generation.from_parts(site.parts()) == site and Generation.from_parts(spare.parts()) == spare
    on_disk = {p.relative_to(root / "_site").as_posix(): p.stat().st_size for p in (root / "_site").rglob("*")
               if p.is_file()}
    assert {rel: entry_stamp(entry)[0] for rel, entry in site.files.items()} == on_disk


def test_a_manifest_of_another_version_or_cut_short_is_none(tmp_path):
    root = make(tmp_path)
    built(root)
    manifest = root / ".albumen" / MANIFEST
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[: len(whole) // 2])
    assert read_manifest(root / ".albumen") == (Generation(), Generation())
    manifest.write_bytes(pickle.dumps({"version": 3, "site": {}, "spare": {}}))
    assert read_manifest(root / ".albumen") == (Generation(), Generation())
    manifest.write_bytes(whole)
    assert read_manifest(root / ".albumen")[0].files
    # a build after a manifest it can't read is a whole build, and publishes
    manifest.write_bytes(whole[: len(whole) // 2])
    edit(root, 1)
    assert built(root).published


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


class RecordingExecutor(LocalProcessExecutor):
    """Real worker processes; says when it was closed and when its photos were made."""

    def __init__(self, events: list[str]) -> None:
        super().__init__(workers=2)
        self.events = events

    def map_unordered(self, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        yield from super().map_unordered(fn, jobs)
        self.events.append("photos made")

    def close(self) -> None:
        self.events.append("closed")
        super().close()


def test_the_image_workers_end_once_the_photos_are_made_before_the_search_index(tmp_path, monkeypatch):
    root = make(tmp_path)
    events: list[str] = []
    derive_threads: list[concurrent.futures.Future[Any]] = []

    class RecordedThreads(concurrent.futures.ThreadPoolExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
            future = super().submit(fn, *args, **kwargs)
            derive_threads.append(future)
            return future

    searched_pages = SiteRender.searched_pages

    def pages_then_photos(self: SiteRender, *args: Any) -> None:
        searched_pages(self, *args)
        concurrent.futures.wait(derive_threads)  # the photos are made before the pages: the order is fixed

    index_site = pipeline.index_site

    def index_and_look(*args: Any, **kwargs: Any) -> int:
        events.append(f"indexing with {len(multiprocessing.active_children())} workers")
        return index_site(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ThreadPoolExecutor", RecordedThreads)
    monkeypatch.setattr(SiteRender, "searched_pages", pages_then_photos)
    monkeypatch.setattr(pipeline, "index_site", index_and_look)
    executor = RecordingExecutor(events)
    result = build(root, Reporter(), executor)
    assert result.published and result.images_made == 2
    assert events[:3] == ["photos made", "closed", "indexing with 0 workers"]
    # A later build that needs images starts the workers again.
    make_jpeg(root / "images" / "p1.jpg", (320, 240), seed="another p1")
    events.clear()
    again = build(root, Reporter(), executor)
    assert again.published and again.images_made == 1
    assert events[:3] == ["photos made", "closed", "indexing with 0 workers"]


def test_the_spare_folders_listing_is_let_go_once_read(tmp_path):
    root = make(tmp_path)
    built(root)
    edit(root, 1)
    built(root)  # now there is a spare generation
    spare = root / ".albumen" / outputs.SPARE
    scan = outputs.FolderScan(spare)
    listed = scan.files()
    assert listed and scan.complete
    assert all(sys.intern(rel) is rel for rel in listed)  # the manifest's own strings, not copies
    scan.forget()
    assert scan.files() == {} and not scan.complete  # read again, it trusts nothing
    edit(root, 2)
    assert built(root).published


def test_a_big_site_is_indexed_by_two_pagefinds_at_once_a_smaller_one_by_three():
    assert index.indexers_at_once(1) == index.indexers_at_once(index.BIG_SITE_PAGES) == index.PARALLEL_INDEXERS == 3
    assert index.indexers_at_once(index.BIG_SITE_PAGES + 1) == index.BIG_SITE_INDEXERS == 2


def test_rendering_lets_go_of_the_pages_it_has_rendered_and_of_its_cards(tmp_path, monkeypatch):
    root = make(tmp_path)
    seen: dict[str, Any] = {}
    searched_pages, the_rest = SiteRender.searched_pages, SiteRender.the_rest

    def searched_then_look(self: SiteRender, *args: Any) -> None:
        seen["pages before"] = len(self.pages)
        searched_pages(self, *args)
        seen["templates left"] = {template for _, template, _ in self.pages}

    def the_rest_then_look(self: SiteRender) -> int:
        count = the_rest(self)
        seen["cards"] = (self.cards.made, self.cards.captions, self.cards.macros, self.pages)
        return count

    monkeypatch.setattr(SiteRender, "searched_pages", searched_then_look)
    monkeypatch.setattr(SiteRender, "the_rest", the_rest_then_look)
    result = built(root)
    assert "item.html" not in seen["templates left"] and "home.html" in seen["templates left"]
    assert result.pages == seen["pages before"]  # still counted whole
    assert seen["cards"] == ({}, {}, {}, [])
    assert (root / "_site" / "items" / "p00" / "index.html").is_file()


def _streamed_out(root: Path, held: Generation | None = None) -> outputs.Out:
    return outputs.Out(root, held or Generation(), Generation(), root.parent / "_site", "setting")


def test_a_streamed_file_is_written_a_part_at_a_time_and_kept_when_its_bytes_are_the_same(tmp_path):
    staging = tmp_path / "staging"
    out = _streamed_out(staging)
    parts_given: list[str] = []

    def parts() -> Iterator[str]:
        for part in ('{"documents":[', '{"u":"é"}', ",", '{"u":"b"}', "]}\n"):
            parts_given.append(part)
            yield part

    assert out.stream("assets/data.js", parts(), "digest-1") is True
    target = staging / "assets" / "data.js"
    assert target.read_bytes() == "".join(parts_given).encode("utf-8")
    assert out.made.digests["assets/data.js"] == "digest-1"
    assert outputs.entry_content(out.made.files["assets/data.js"]) == outputs.sha256(target.read_bytes())
    # The next build over this generation: the same parts are not written again, nothing is left beside the file.
    before = target.stat()
    again = _streamed_out(staging, out.finish())
    assert again.stream("assets/data.js", iter(parts_given)) is False
    assert target.stat().st_ino == before.st_ino and target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in target.parent.iterdir()) == ["data.js"]


def test_a_streamed_file_replaces_a_hard_link_never_writes_through_it(tmp_path):
    published = tmp_path / "published.js"
    published.write_bytes(b"old")
    staging = tmp_path / "staging"
    (staging / "assets").mkdir(parents=True)
    (staging / "assets" / "data.js").hardlink_to(published)
    out = outputs.Out(staging, Generation(), Generation(), tmp_path / "_site", "setting", {"assets", "assets/data.js"})
    assert out.stream("assets/data.js", iter(["new ", "text"])) is True
    assert (staging / "assets" / "data.js").read_bytes() == b"new text"
    assert published.read_bytes() == b"old"


def test_a_streamed_file_cut_short_leaves_nothing_beside_it(tmp_path):
    out = _streamed_out(tmp_path / "staging")

    def failing() -> Iterator[str]:
        yield "part"
        raise KeyboardInterrupt

    try:
        out.stream("sitemap.xml", failing())
    except KeyboardInterrupt:
        pass
    assert list((tmp_path / "staging").iterdir()) == []


def test_the_catalog_stores_a_record_at_a_time_only_the_rows_that_differ(tmp_path):
    root = make(tmp_path)
    built(root)
    edit(root, 3)
    (root / "items" / "p05.md").unlink()
    config = load_config(root, Problems())
    _, checked, _ = pipeline.check(root, Reporter())
    catalog = open_catalog(config.cache_dir)
    try:
        before = dict(catalog.db.execute("SELECT id, data FROM records WHERE kind = 'item'").fetchall())
        statements: list[str] = []
        catalog.db.set_trace_callback(statements.append)
        catalog.store(checked.archive)
        catalog.db.set_trace_callback(None)
        after = dict(catalog.db.execute("SELECT id, data FROM records WHERE kind = 'item'").fetchall())
        loaded = catalog.archive()
    finally:
        catalog.close()
    assert sorted(after) == sorted(set(before) - {"p05"})
    assert [rel for rel in after if after[rel] != before[rel]] == ["p03"]
    assert sum(s.startswith("INSERT") for s in statements) == 1  # the edited record's row, no other
    assert sum(s.startswith("DELETE") for s in statements) == 1  # the deleted record's
    assert [i.id for i in loaded.items] == sorted(after) and loaded.items == checked.archive.items


def test_an_items_media_are_kept_by_their_prefix_from_the_held_paths_in_order(tmp_path):
    entry = outputs.file_entry("0" * 64, 1, 1)
    held = Generation("setting", {rel: entry for rel in (
        "media/a/w200.jpg", "media/a/w800.jpg", "media/ab/w200.jpg", "media/b/w200.jpg", "iiif/items/a/image/info.json",
        "iiif/items/a/manifest.json", "items/a.html")}, {"media:a": "digest"})
    out = _streamed_out(tmp_path / "staging", held)
    assert out.keep_tree("media:a", "digest", ["media/a/", "iiif/items/a/image"]) is True
    assert sorted(out.made.files) == ["iiif/items/a/image/info.json", "media/a/w200.jpg", "media/a/w800.jpg"]
    assert out._index == sorted(held.files)  # the held paths themselves, in order: no index of new strings
    assert all(rel is held_rel for rel in out._index for held_rel in held.files if rel == held_rel)
    assert out.keep_tree("media:b", "other", ["media/b/"]) is False


def test_the_text_memo_is_saved_from_itself_what_no_build_used_removed_in_place(tmp_path):
    from albumen import markup, text_memo

    cache = tmp_path / ".albumen"
    cache.mkdir()
    text_memo.load(cache)  # a build's start: nothing used yet
    markup.plain_text("Used by this build.")
    markup.MEMO["plain"]["Left from an older build."] = "Left from an older build."
    memo_before = {kind: id(texts) for kind, texts in markup.MEMO.items()}
    text_memo.save(cache)
    assert {kind: id(texts) for kind, texts in markup.MEMO.items()} == memo_before  # the same dicts, no copies
    assert "Left from an older build." not in markup.MEMO["plain"] and "Used by this build." in markup.MEMO["plain"]
    for texts in markup.MEMO.values():
        texts.clear()
    text_memo.load(cache)
    assert markup.MEMO["plain"] == {"Used by this build.": "Used by this build."}


def test_every_timeline_page_digests_a_period_it_shows_once_a_build(tmp_path, monkeypatch):
    # Each timeline page shows a part of a period and the period itself: its digest wrote out the whole period on
    # every page, quadratic in a big year (at 20,000 items dated 1944, 6 of an edit's 7 s of page digests; at
    # 100,000, 100 pages of 100,000 entries each). Each period is digested once, each page's own entries once.
    monkeypatch.setattr(site_module, "TIMELINE_PAGE_SIZE", 1)
    root = make(tmp_path, count=8)  # every photograph dated 1944: one period, eight timeline pages
    built(root)
    config = load_config(root, Problems())
    catalog = open_catalog(config.cache_dir)
    try:
        archive = catalog.archive()
    finally:
        catalog.close()
    site = Site(config, archive, {})
    digests = PageDigests(site, "setting")
    expanded = []
    value = PageDigests._value

    def counted(self: PageDigests, thing: Any) -> str:
        if isinstance(thing, Placed):
            expanded.append(thing.item.id)
        return value(self, thing)

    monkeypatch.setattr(PageDigests, "_value", counted)
    timeline = [(url, context) for url, template, context in page_list.pages(site) if template == "timeline.html"]
    assert len(timeline) == 8
    for url, context in timeline:
        digests.of(url, "timeline.html", context)
    assert len(expanded) <= 2 * 8, sorted(expanded)


def test_the_first_edit_after_a_first_build_links_the_site_without_looking_again_at_each_link(tmp_path, monkeypatch):
    # A first build leaves no spare generation: the first edit links every file of the published site into an
    # empty staging folder (700,000 at 100,000 items). A link is its source's inode: its size and time are known,
    # and a path the empty folder does not hold has nothing to compare. Each was stat'ed twice.
    root = make(tmp_path)
    built(root)
    edit(root, 0)
    looked_at = []
    stat = os.stat

    def counted(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if "_site.building" in str(path):
            looked_at.append(str(path))
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted)
    built(root)
    monkeypatch.undo()
    # The photographs' files and the pages of the photographs not edited were linked, not written.
    assert not [path for path in looked_at if "/media/" in path or "/items/p03/" in path], looked_at
