"""index: the Pagefind search index over the rendered pages (the `pagefind` binary from PyPI).

Pagefind (1.5) writes each filter's values in hash-map order, which changes from run to run, so the same
site would get a different index every build. `_steady_filters` rewrites the filter files with their values
sorted, and the index's metadata to match: the same pages always give the same bytes. The files are gzipped
CBOR, read and written with cbor2; one that does not read stops the build with a message naming it.

It also escapes the values: Pagefind keeps a filter's text decoded (a topic titled `<img onerror=...>` is
stored as that tag) and its UI shows filter values as HTML, so a title could run script on the search
page. Escaped, the label shows the text, and the checkbox still sends the stored value back.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

from albumen.problems import AlbumenError
from albumen.stages.outputs import Out, entry_content

SIGNATURE = b"pagefind_dcd"  # what every decompressed Pagefind index file starts with
PAGEFIND_FORMAT = "1.5"  # the index format read here (pyproject pins the Pagefind that writes it)


# A big site's index is cut into shards of about this many pages, each its own Pagefind bundle, which the search
# page merges (Pagefind's mergeIndex): an edit re-indexes the shard of the pages it changed, not every page.
SHARD_PAGES = 1000
# What a shard's bundle needs; the search page loads Pagefind's UI from the first bundle only.
# Pagefinds run at once: each waits on its files about half of the time, so three keep two cores busy.
PARALLEL_INDEXERS = 3
# Past this many pages to index, two: the build then renders in one process (stages/forked_render.MAX_PAGES), so
# two Pagefinds keep the other core busy, and the third's ~40 MiB counted against the 1 GB a 100,000-item build has.
BIG_SITE_PAGES = 50_000
BIG_SITE_INDEXERS = 2
UI_FILES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


def shard_count(pages: int) -> int:
    return max(1, -(-pages // SHARD_PAGES))


def shard_folder(number: int) -> str:
    """The first shard is the site's `pagefind/` (a small site has only it); the others are inside it."""
    return "pagefind/" if number == 0 else f"pagefind/shards/{number}/"


def shard_of(rel: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(rel.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "big") % count


def shards_of(pages: list[str]) -> list[list[str]]:
    """The pages of each shard. The first shard is never empty: the search page loads Pagefind from it (a site
    with no page to index gets its home page there, so that search still opens)."""
    count = shard_count(len(pages))
    shards: list[list[str]] = [[] for _ in range(count)]
    for rel in pages:
        shards[shard_of(rel, count)].append(rel)
    if not shards[0]:
        first = min(pages) if pages else "index.html"
        for members in shards:
            if first in members:
                members.remove(first)
        shards[0].append(first)
    return shards


def search_shards(pages: list[str]) -> list[str]:
    """The folders of the shards after the first that hold pages: what the search page merges."""
    return [shard_folder(n) for n, members in enumerate(shards_of(pages)) if n and members]


def index_site(out: Out, pages: list[str], scratch: Path, meanwhile: Callable[[], None] | None = None) -> int:
    """Write the search index of `pages` (the site paths of the pages that have a data-pagefind-body) into the
    site; returns how many shards had to be indexed again (the others were as the staging folder held them).
    An empty shard has no folder.

    The shards are indexed side by side, in Pagefind processes of their own, while `meanwhile` (the rest of the
    site's writing) runs here: Pagefind waits on its files more than it computes."""
    shards = shards_of(pages)
    todo = []
    for number, members in enumerate(shards):
        folder = shard_folder(number)
        contents = sorted((rel, entry_content(out.made.files[rel])) for rel in members)
        digest = hashlib.sha256(repr((len(shards), contents)).encode("utf-8", "surrogatepass")).hexdigest()
        if members and not out.keep_shard(folder, digest):
            todo.append((number, folder, members, digest))
    indexers = _Indexers(out.root, scratch)
    pool = ThreadPoolExecutor(max_workers=indexers_at_once(len(pages)), thread_name_prefix="albumen-index")
    try:
        bundles = [pool.submit(indexers.index, members) for _, _, members, _ in todo]
        if meanwhile is not None:
            meanwhile()
        for (number, folder, _, digest), bundle in zip(todo, bundles, strict=True):
            _take_bundle(out, number, folder, bundle.result())
            out.made.shards[folder] = digest
    except BaseException:
        indexers.stop()  # a failure or Ctrl-C: the Pagefinds still running end now, not when they are done
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return len(todo)


def indexers_at_once(pages: int) -> int:
    """How many Pagefinds run side by side for a site with this many pages to index."""
    return BIG_SITE_INDEXERS if pages > BIG_SITE_PAGES else PARALLEL_INDEXERS


def _take_bundle(out: Out, number: int, folder: str, bundle: Path) -> None:
    """A shard's finished bundle into the site (the UI files in the first shard only), then its folder away."""
    try:
        for path in sorted(bundle.rglob("*")):
            if path.is_file() and not (number and path.name.startswith(UI_FILES)):
                out.data(folder + path.relative_to(bundle).as_posix(), path.read_bytes())
    finally:
        shutil.rmtree(bundle.parent, ignore_errors=True)


class _Indexers:
    """The Pagefind processes of one build's index, so that a failure elsewhere can stop them all."""

    def __init__(self, site_dir: Path, scratch: Path) -> None:
        self.site_dir, self.scratch = site_dir, scratch
        self._running: set[subprocess.Popen[str]] = set()
        self._stopped = False
        self._lock = threading.Lock()

    def index(self, pages: list[str]) -> Path:
        """Pagefind over `pages` (hard-linked into a folder of this build's own under scratch, so that a
        Pagefind left running by a killed build writes into nothing a later build uses); returns the finished
        bundle."""
        self.scratch.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="pagefind-", dir=self.scratch))
        pages_dir, bundle = work / "site", work / "bundle"
        try:
            _link_pages(self.site_dir, pages, pages_dir)
            self._run([*_pagefind(), "--site", str(pages_dir), "--output-path", str(bundle), "--silent"])
            _steady_filters(bundle)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        shutil.rmtree(pages_dir, ignore_errors=True)
        return bundle

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()

    def _run(self, command: list[str]) -> None:
        with self._lock:
            if self._stopped:
                raise AlbumenError("the search index was stopped")
            try:
                process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            except OSError as exc:
                raise AlbumenError(f"the search indexer (pagefind) could not run: {exc}") from exc
            self._running.add(process)
        try:
            stdout, stderr = process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.communicate()
            raise AlbumenError(f"the search indexer (pagefind) could not run: {exc}") from exc
        finally:
            with self._lock:
                self._running.discard(process)
        if process.returncode != 0:
            detail = (stderr or stdout).strip().splitlines()[-1:] or ["no message"]
            raise AlbumenError(f"the search indexer (pagefind) failed: {detail[0]}; reinstall albumen "
                               "with `pip install albumen` to repair it")


def _link_pages(site_dir: Path, pages: list[str], pages_dir: Path) -> None:
    for rel in pages:
        target = pages_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / rel, target)
        except OSError:
            shutil.copyfile(site_dir / rel, target)
    pages_dir.mkdir(parents=True, exist_ok=True)


def clear_left_bundles(scratch: Path) -> None:
    """Remove what the Pagefinds of killed builds wrote (late, perhaps: see the interrupt tests). Called by
    every build under its archive's lock, so never while another build's Pagefind writes."""
    for left in scratch.glob("pagefind-*"):
        shutil.rmtree(left, ignore_errors=True)


def _pagefind() -> list[str]:
    """The command that runs Pagefind: its binary itself when the wheel that holds it is found (`python -m
    pagefind` only finds and runs it, at the cost of starting Python, 55 ms), else that.

    PAGEFIND_BINARY_PATH, which `python -m pagefind` honours, comes first: a user's own Pagefind build."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen:
        return [chosen]
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        return [sys.executable, "-m", "pagefind"]
    try:
        return [str(get_executable())]
    except FileNotFoundError:
        return [sys.executable, "-m", "pagefind"]


def _steady_filters(bundle: Path) -> None:
    """Sort the values in Pagefind's filter files; rename them (and the metadata file naming them) by content.

    A file this does not understand (another Pagefind version than the one pinned) stops the build: left as
    Pagefind wrote it, its filter values would go unescaped onto the search page.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        renamed = {}
        for old in sorted(bundle.glob(f"filter/{language}_*.pf_filter")):
            name, values = _filter_of(old)
            safe = [[html.escape(value, quote=False), pages] for value, pages in values]
            data = write_index_file([name, sorted(safe, key=lambda pair: pair[0].encode("utf-8"))])
            new = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
            old.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
            renamed[old.stem] = new
        data = write_index_file(_renamed(read_index_file(meta_path), renamed))
        meta_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(data)
        info["hash"] = meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _filter_of(path: Path) -> tuple[str, list[tuple[str, list[Any]]]]:
    """A filter file's name and its [value, pages] pairs, as Pagefind 1.5 writes them."""
    value = read_index_file(path)
    try:
        name, values = value
        pairs = [(text, pages) for text, pages in values]
    except (TypeError, ValueError) as exc:
        raise _unreadable(path, "not a [name, [[value, pages], ...]] filter") from exc
    if not isinstance(name, str) or not all(isinstance(text, str) for text, _ in pairs):
        raise _unreadable(path, "a filter name or value is not text")
    return name, pairs


def _renamed(value: Any, renamed: dict[str, str]) -> Any:
    """The metadata with filter file names replaced, and its [filter name, file] list in name order."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        items = [_renamed(v, renamed) for v in value]
        is_filter_list = items and all(isinstance(i, list) and len(i) == 2 and i[1] in renamed.values()
                                       for i in items)
        return sorted(items, key=lambda pair: pair[0].encode("utf-8")) if is_filter_list else items
    if isinstance(value, dict):
        return {k: _renamed(v, renamed) for k, v in value.items()}
    return value


def read_index_file(path: Path) -> Any:
    """The value in a Pagefind index file (.pf_meta, .pf_filter, .pf_index): gzip, a signature, then CBOR.

    Raises AlbumenError, naming the file, for anything else: these files are rewritten, never skipped."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise _unreadable(path, f"not gzip ({exc})") from exc
    if not data.startswith(SIGNATURE):
        raise _unreadable(path, "no Pagefind signature")
    body = io.BytesIO(data[len(SIGNATURE):])
    try:
        value = cbor2.CBORDecoder(body).decode()
    except (cbor2.CBORError, ValueError, EOFError) as exc:
        raise _unreadable(path, f"not CBOR ({exc})") from exc
    if body.tell() != len(data) - len(SIGNATURE):
        raise _unreadable(path, "data after its end")
    return value


def write_index_file(value: Any) -> bytes:
    """The bytes of a Pagefind index file holding `value`; the same bytes Pagefind writes for it (shortest
    CBOR heads, definite lengths, maps in their given order) but for gzip's, which are made reproducible."""
    packed = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    return packed[:9] + b"\x03" + packed[10:]  # the OS byte: Unix, as before Python 3.13 (it writes 255)


def _unreadable(path: Path, why: str) -> AlbumenError:
    return AlbumenError(f"{path.parent.name}/{path.name}: the search index is not in the format of the Pagefind "
                        f"{PAGEFIND_FORMAT} that albumen rewrites ({why}); reinstall albumen (`pip install "
                        "albumen`) so that its pinned Pagefind runs, or unset PAGEFIND_BINARY_PATH")
