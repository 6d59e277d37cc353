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
from pathlib import Path
from typing import Any

import cbor2

from albumen.problems import AlbumenError
from albumen.stages.outputs import Out

SIGNATURE = b"pagefind_dcd"  # what every decompressed Pagefind index file starts with
PAGEFIND_FORMAT = "1.5"  # the index format read here (pyproject pins the Pagefind that writes it)


# A big site's index is cut into shards of about this many pages, each its own Pagefind bundle, which the search
# page merges (Pagefind's mergeIndex): an edit re-indexes the shard of the pages it changed, not every page.
SHARD_PAGES = 1000
# What a shard's bundle needs; the search page loads Pagefind's UI from the first bundle only.
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


def index_site(out: Out, pages: list[str], scratch: Path) -> int:
    """Write the search index of `pages` (the site paths of the pages that have a data-pagefind-body) into the
    site; returns how many shards had to be indexed again (the others were as the staging folder held them).
    An empty shard has no folder."""
    shards = shards_of(pages)
    count = len(shards)
    indexed = 0
    for number, members in enumerate(shards):
        if not members:
            continue
        folder = shard_folder(number)
        digest = hashlib.sha256(repr((count, sorted((rel, out.made.files[rel][0]) for rel in members)))
                                .encode("utf-8", "surrogatepass")).hexdigest()
        if out.keep_shard(folder, digest):
            continue
        bundle = _index(out.root, members, scratch)
        try:
            for path in sorted(bundle.rglob("*")):
                if path.is_file() and not (number and path.name.startswith(UI_FILES)):
                    out.data(folder + path.relative_to(bundle).as_posix(), path.read_bytes())
        finally:
            shutil.rmtree(bundle.parent, ignore_errors=True)
        out.made.shards[folder] = digest
        indexed += 1
    return indexed


def _index(site_dir: Path, pages: list[str], scratch: Path) -> Path:
    """Pagefind over `pages` (hard-linked into a folder of this build's own under scratch, so that a Pagefind
    left running by a killed build writes into nothing a later build uses); returns the finished bundle."""
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pagefind-", dir=scratch))
    pages_dir, bundle = work / "site", work / "bundle"
    for rel in pages:
        target = pages_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / rel, target)
        except OSError:
            shutil.copyfile(site_dir / rel, target)
    pages_dir.mkdir(exist_ok=True)
    command = [*_pagefind(), "--site", str(pages_dir), "--output-path", str(bundle), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise AlbumenError(f"the search indexer (pagefind) could not run: {exc}") from exc
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
        raise AlbumenError(f"the search indexer (pagefind) failed: {detail[0]}; reinstall albumen "
                           "with `pip install albumen` to repair it")
    try:
        _steady_filters(bundle)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    shutil.rmtree(pages_dir, ignore_errors=True)
    return bundle


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
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _unreadable(path: Path, why: str) -> AlbumenError:
    return AlbumenError(f"{path.parent.name}/{path.name}: the search index is not in the format of the Pagefind "
                        f"{PAGEFIND_FORMAT} that albumen rewrites ({why}); reinstall albumen (`pip install "
                        "albumen`) so that its pinned Pagefind runs, or unset PAGEFIND_BINARY_PATH")
