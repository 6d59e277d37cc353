"""build(): load -> check -> catalog -> derive -> render -> index -> publish, in one direction."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from albumen import text_memo
from albumen.config import CONFIG_FILE, Config, load_config
from albumen.executors import Executor, LocalProcessExecutor
from albumen.iiif import write_iiif
from albumen.problems import AlbumenError, Problems
from albumen.records import Archive, Item, image_key
from albumen.renditions import Original
from albumen.reporter import Reporter
from albumen.site import Site
from albumen.stages.catalog import CATALOG_FILE, Catalog, catalog_archive, known_sizes, open_catalog
from albumen.stages.check import CheckedArchive, check_archive
from albumen.stages.derive import Derived, DerivePlan, plan_derivatives, prune_cache, run_plan
from albumen.stages.index import clear_left_bundles, index_site
from albumen.stages.load import load_archive
from albumen.stages.media import write_item_media, write_media
from albumen.stages.outputs import SPARE, FolderScan, Out
from albumen.stages.page_digest import PageDigests
from albumen.stages.publish import (
    discard,
    is_current,
    open_staging,
    output_setting,
    recover,
    remember_published,
    swap_in,
)
from albumen.stages.redirects import write_redirects
from albumen.stages.render import SiteRender
from albumen.stages.unchanged import forget_inputs, inputs_stamp, published_problems, remember_inputs
from albumen.theme_files import theme_digest


@dataclass
class BuildResult:
    problems: Problems
    published: bool = False
    pages: int = 0
    photos: int = 0  # items with an image on the site
    images_made: int = 0  # originals processed in this build
    files_written: int = 0  # derivative files and tile sets written in this build
    files_changed: int = 0  # files of the site written, linked or removed (the rest were as they had to be)
    changed: list[str] = field(default_factory=list)  # which
    pages_rendered: int = 0  # the pages rendered; the others were the published pages, made from the same
    up_to_date: bool = False  # nothing had changed: the published site was kept as it was
    seconds: dict[str, float] = field(default_factory=dict)


def check(root: Path, reporter: Reporter, suggest: bool = False) -> tuple[Config, CheckedArchive, Problems]:
    """load and check: every problem in the archive, none fixed.

    suggest: also note the dates and places the captions give for items that have none (`albumen check`
    does; a build doesn't, as reading the gazetteer costs most of a second)."""
    problems = Problems()
    config = load_config(root, problems)
    with reporter.progress("load"):
        archive = load_archive(root, problems)
    with reporter.progress("check", "images") as advance, known_sizes(config.cache_dir) as known:
        checked = check_archive(root, archive, problems, known)
        advance(len(archive.items), len(archive.items))
    if suggest:
        from albumen.enrich.rejections import load_rejections
        from albumen.enrich.suggest import suggest as suggestions

        for suggestion in suggestions(checked.archive, rejected=load_rejections(root, problems),
                                      language=config.language):
            problems.note(suggestion.file, suggestion.line, suggestion.message)
    return config, checked, problems


def build(root: Path, reporter: Reporter, executor: Executor | None = None) -> BuildResult:
    """Build `_site/`. It is replaced only by a complete new site; on blocking errors it is left as it was."""
    started = time.perf_counter()
    if not (root / CONFIG_FILE).is_file():
        return BuildResult(check(root, reporter)[2])  # not an archive: say so, and write nothing here
    # Everything, the repair of an interrupted swap included, happens under the lock: a second build
    # must never touch the first one's folders.
    with build_lock(root / ".albumen"):
        recover(root / "_site")
        clear_left_bundles(root / ".albumen")
        stamp = inputs_stamp(root)
        replayed = published_problems(root / ".albumen", stamp, root / "_site")
        if replayed is not None:  # not one input file changed since the last publish
            return BuildResult(Problems(replayed), published=True, up_to_date=True,
                               seconds={"total": time.perf_counter() - started})
        spare_scan = FolderScan(root / ".albumen" / SPARE)  # while the archive is read: see open_staging
        executor = executor or LocalProcessExecutor()
        try:
            if not (root / ".albumen" / CATALOG_FILE).exists():
                # A first build: every photo needs the workers, so they start Python and libvips now,
                # on the cores that reading and checking the archive leaves idle.
                executor.start()
            text_memo.load(root / ".albumen")
            config, checked, problems = check(root, reporter)
            result = BuildResult(problems, seconds={"check": time.perf_counter() - started})
            if problems.blocking:
                return result
            catalog = open_catalog(config.cache_dir)
            try:
                originals, archive = _catalog(config, checked, catalog, executor, reporter, result)
                # From here the catalog's records are the build's: the checked ones (a second copy of every item,
                # a tenth of a gigabyte at 100,000 items) are let go.
                del checked
                _build_from_catalog(config, archive, originals, catalog, executor, reporter, result, spare_scan)
            finally:
                catalog.close()
            with _Timer(result.seconds)("publish"):
                text_memo.save(config.cache_dir)
                if result.published and not result.problems.errors:
                    remember_inputs(config.cache_dir, stamp, config.site_dir, result.problems.items)
                else:
                    forget_inputs(config.cache_dir)
        finally:
            executor.close()
    result.seconds["total"] = time.perf_counter() - started
    return result


def _catalog(config: Config, checked: CheckedArchive, catalog: Catalog, executor: Executor, reporter: Reporter,
             result: BuildResult) -> tuple[dict[str, Original], Archive]:
    """The checked records into the catalog; the originals and the records as the catalog holds them."""
    with _Timer(result.seconds)("catalog"), reporter.progress("catalog", "photos") as advance:
        total = len(checked.archive.items)
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            advance(done, total)

        originals = catalog_archive(config.root, checked, catalog, step, on_changed=executor.start)
        return originals, catalog.archive()


def _build_from_catalog(config: Config, archive: Archive, originals: dict[str, Original], catalog: Catalog,
                        executor: Executor, reporter: Reporter, result: BuildResult,
                        spare_scan: FolderScan | None = None) -> None:
    timer = _Timer(result.seconds)
    with timer("plan"):
        plan = plan_derivatives(config, archive.items, originals, result.problems)
    if plan.jobs:
        executor.start()  # started already when an original changed; not when only a setting did
    pages: _Pages | None = None
    if not plan.jobs:
        executor.close()  # started early for a first build whose photos were all in the cache: not needed
        derived = Derived(plan.images, 0, 0)
    else:
        derived, pages = _derive_while_writing_pages(config, archive, plan, executor, reporter, timer, result,
                                                     spare_scan)
    with timer("derive"):
        catalog.store_verdicts(derived.verdicts)  # so that no later build decodes these bytes strictly again
        prune_cache(config, plan.images.values())  # what this build names stays: its pages link into it
    result.photos, result.images_made = len(derived.images), derived.originals_processed
    result.files_written = derived.files_written
    with timer("plan"):
        if pages:
            site, digests = pages.site, pages.digests
        else:
            site = Site(config, archive, derived.images)
            digests = PageDigests(site, output_setting(config, theme_digest()))
        fingerprint = digests.fingerprint()  # its item digests are the pages': made once
    if not result.problems.errors and is_current(config, fingerprint):
        if pages:
            discard(pages.out.root)  # only the cache had changed (it was deleted): the site is the same
        result.up_to_date = result.published = True  # nothing changed since the site was published
        return
    if pages is None:
        with timer("staging"):
            out = _open_out(config, spare_scan)
        pages = _write_pages(site, reporter, timer, out, digests)
    try:
        result.pages = pages.count
        with timer("render"):
            write_media(pages.site, pages.out, skip=pages.media_written)
            write_redirects(pages.site, pages.out)  # last: it never replaces a file the site made
            made = pages.out.finish()
        result.files_changed, result.changed = pages.out.written, sorted(pages.out.changed)
        result.pages_rendered = pages.out.rendered
        with timer("publish"):
            swap_in(pages.out.root, config.site_dir, config.cache_dir, made, pages.out.published)
            remember_published(config, fingerprint if not result.problems.errors else "")
        result.published = True
    except BaseException:
        discard(pages.out.root)
        raise


@dataclass(frozen=True)
class _Pages:
    """A staging folder with every page, the search index and IIIF written; the media of the items in
    media_written linked; the rest of the media and the redirects not yet."""

    site: Site
    out: Out
    count: int
    digests: PageDigests  # what the pages were made from: the site's fingerprint reuses its item digests
    media_written: frozenset[str] = frozenset()


def _open_out(config: Config, spare_scan: FolderScan | None = None) -> Out:
    """The staging folder (the spare generation of the site when it can be brought up to date) and its writer."""
    setting = output_setting(config, theme_digest())
    staging, held, published, present = open_staging(config.site_dir, config.cache_dir, setting, spare_scan)
    return Out(staging, held, published, config.site_dir, setting, present)


def _write_pages(site: Site, reporter: Reporter, timer: _Timer, out: Out | None = None,
                 digests: PageDigests | None = None, between_stages: Callable[[], None] | None = None) -> _Pages:
    """Every page, IIIF and the search index into the staging folder. Pagefind starts as soon as the pages it
    reads are written, and runs while this process writes the rest.
    between_stages: called in this thread after each searched page and each part (the searched pages, the rest,
    IIIF)."""
    out = out or _open_out(site.config)
    between = between_stages or (lambda: None)
    try:
        with timer("plan"):
            if digests is None or digests.setting != out.made.setting:
                digests = PageDigests(site, out.made.setting)
            render = SiteRender(site, out, digests)
        with timer("render"), reporter.progress("pages", "pages") as advance:

            def advance_and_look(done: int, total: int) -> None:
                advance(done, total)
                between()  # at each page too: at 20,000 items the workers were the build's peak while it rendered

            render.searched_pages(advance_and_look)
        between()
        count = 0

        def meanwhile() -> None:
            nonlocal count
            with timer("render"):
                count = render.the_rest()
            between()
            with timer("iiif"):
                write_iiif(site, out, digests.item_document, digests.base)
            between()

        with timer("index"), reporter.progress("search"):
            index_site(out, out.indexable, site.config.cache_dir, meanwhile=meanwhile)
    except BaseException:
        discard(out.root)
        raise
    return _Pages(site, out, count, digests)


def _derive_while_writing_pages(config: Config, archive: Archive, plan: DerivePlan, executor: Executor,
                                reporter: Reporter, timer: _Timer, result: BuildResult,
                                spare_scan: FolderScan | None = None) -> tuple[Derived, _Pages]:
    """The image workers run while this process writes the pages, the search index and IIIF.

    Those need only the planned sizes, not the files, so they are written from the plan; the few times an
    original then fails, they are written again without it. The derive loop runs in a thread of its own
    (it mostly waits on the workers) with its own Problems, merged after, and links each original's files
    into the staging folder as soon as they are made, so that little is left to do when the last one is.
    """
    problems = Problems()
    with timer("plan"):
        site = Site(config, archive, plan.images)
    with timer("staging"):
        out = _open_out(config, spare_scan)
    media_written: set[str] = set()  # only the derive thread adds to it; read once that thread has ended

    def link_media(sha256: str) -> None:
        for item in plan.users[sha256]:
            write_item_media(site, item, out)
            media_written.add(item.id)

    def derive() -> Derived:
        with timer("derive"), reporter.progress("images", "photos") as advance:
            return run_plan(plan, executor, problems, advance, on_made=link_media)

    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="albumen-derive")
    images: Future[Derived] | None = None
    workers_ended = False

    def end_workers_once_derived() -> None:
        # Their memory (~75 MiB) is the search indexer's for the rest of the build. Closed here, in the main
        # thread, never from the derive thread: that raced with a Ctrl-C's close here (two shutdowns of one pool).
        # Once: this is asked after every searched page and between stages.
        nonlocal workers_ended
        if not workers_ended and images is not None and images.done():
            executor.close()
            workers_ended = True

    try:
        images = thread.submit(derive)
        pages = _write_pages(site, reporter, timer, out, between_stages=end_workers_once_derived)
        derived = images.result()
    except BaseException:
        try:
            _stop_deriving(executor, thread)
        finally:
            discard(out.root)  # once the thread has ended: it links files into the staging folder
        raise
    thread.shutdown(wait=True)
    result.problems.extend(problems.items)
    if derived.images != plan.images:  # an original failed: its item is shown without an image
        discard(out.root)
        return derived, _write_pages(Site(config, archive, derived.images), reporter, timer)
    return derived, _Pages(pages.site, out, pages.count, pages.digests, frozenset(media_written))


def _stop_deriving(executor: Executor, thread: ThreadPoolExecutor) -> None:
    """Stop the workers, so that the derive thread ends now rather than after every photo, and wait for it.

    A Ctrl-C pressed again meanwhile starts the stop again instead of cutting it short: cut short, it left
    the thread waiting on the workers and the build hanging until a third Ctrl-C."""
    while True:
        try:
            try:
                executor.close()
            finally:
                thread.shutdown(wait=True)
            return
        except KeyboardInterrupt:
            continue


def export_catalog(root: Path, reporter: Reporter) -> dict[str, Any]:
    """The whole catalog as one JSON-ready document with stable keys (for scripts and import checks)."""
    config, checked, problems = check(root, reporter)
    if problems.blocking:
        raise ProblemsFound(problems)
    with build_lock(config.cache_dir):
        catalog = open_catalog(config.cache_dir)
        try:
            originals = catalog_archive(config.root, checked, catalog)
            archive = catalog.archive()
        finally:
            catalog.close()
    site = Site(config, archive, {})
    return {
        "site": {"title": config.title, "description": config.description, "language": config.language,
                 "base_url": config.base_url, "rights": config.rights, "notice": config.notice},
        "items": [_item_json(i, originals) for i in archive.items],
        "topics": [{"id": t.id, "title": t.title, "date": t.date.as_json() if t.date else None,
                    "links": [{"title": link.title, "url": link.url} for link in t.links],
                    "items": [i.id for i in site.topic_items[t.id]],
                    "narrative": t.narrative, "file": t.file,
                    "redirect_from": list(t.redirect_from)} for t in archive.topics],
        "places": [{"id": p.id, "name": p.name, "other_names": list(p.other_names), "lat": p.lat,
                    "lon": p.lon, "parent": p.parent} for p in archive.places],
        "pages": [{"id": p.id, "title": p.title, "body": p.body, "file": p.file,
                   "redirect_from": list(p.redirect_from)} for p in archive.pages],
    }


def _item_json(item: Item, originals: dict[str, Original]) -> dict[str, Any]:
    """An item for export: `image` its first image, `images` every image in order with its label."""
    images = [_image_json(image.path, originals.get(image_key(item.id, number)), image.label)
              for number, image in enumerate(item.images, start=1)]
    return {
        "id": item.id, "title": item.title, "caption": item.caption,
        "date": item.date.as_json() if item.date else None,
        "places": list(item.places), "subjects": list(item.subjects), "topics": list(item.topics),
        "creator": item.creator, "rights": item.rights, "alt": item.alt, "file": item.file,
        "source": item.source, "redirect_from": list(item.redirect_from), "added": item.added or None,
        "image": _image_json(item.image, originals.get(item.id)),
        "images": images, "paged": item.paged,
    }


def _image_json(path: str, original: Original | None, label: str | None = None) -> dict[str, Any]:
    found = {"path": path, "sha256": original.sha256 if original else None,
             "width": original.width if original else None, "height": original.height if original else None}
    return found if label is None else {**found, "label": label}


class ProblemsFound(AlbumenError):
    """The archive has errors that stop this command; they are all in `problems`."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.summary())
        self.problems = problems


@contextmanager
def build_lock(cache_dir: Path) -> Iterator[None]:
    """One build at a time per archive: a second one is refused with a clear message, never mixed in. The lock
    (filelock: flock on POSIX, LockFileEx on Windows) goes with its process, however that process ends."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    lock_path = cache_dir / "build.lock"
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise AlbumenError(f"another albumen build is running on this archive ({_lock_holder(lock_path)}); wait "
                           "for it to finish, then try again") from None
    try:
        _write_lock_holder(lock_path)
        yield
    finally:
        lock.release()


def _lock_holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text(encoding="ascii", errors="replace").strip() or "another process"
    except OSError:  # Windows keeps a locked file from other readers
        return "another process"


def _write_lock_holder(lock_path: Path) -> None:
    """Say in the lock file who holds it, for the message a second build prints."""
    try:
        with lock_path.open("r+", encoding="ascii") as handle:
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
    except OSError:  # Windows keeps a locked file from other writers: the message says "another process"
        pass


class _Timer:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started
