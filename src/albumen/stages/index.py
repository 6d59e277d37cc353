"""index: the Pagefind search index over the rendered pages (the `pagefind` binary from PyPI).

Pagefind (1.5) writes each filter's values in hash-map order, which changes from run to run, so the same
site would get a different index every build. `_steady_filters` rewrites the filter files with their values
sorted, and the index's metadata to match: the same pages always give the same bytes.

It also escapes the values: Pagefind keeps a filter's text decoded (a topic titled `<img onerror=...>` is
stored as that tag) and its UI shows filter values as HTML, so a title could run script on the search
page. Escaped, the label shows the text, and the checkbox still sends the stored value back.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from albumen.problems import AlbumenError

SIGNATURE = b"pagefind_dcd"  # what every decompressed Pagefind index file starts with


def index_site(site_dir: Path, scratch: Path) -> None:
    """Write `pagefind/` into the site. Only elements marked data-pagefind-body are indexed.

    Pagefind writes into a folder of this build's own under scratch, moved into the site when whole: a
    Pagefind left running by a killed build would otherwise write into the next build's site.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    bundle = Path(tempfile.mkdtemp(prefix="pagefind-", dir=scratch))
    bundle.chmod(0o755)  # mkdtemp's folder is its owner's alone; this one is served
    command = [*_pagefind(), "--site", str(site_dir), "--output-path", str(bundle), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AlbumenError(f"the search indexer (pagefind) could not run: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
        raise AlbumenError(f"the search indexer (pagefind) failed: {detail[0]}; reinstall albumen "
                           "with `pip install albumen` to repair it")
    _steady_filters(bundle)
    _move(bundle, site_dir / "pagefind")


def clear_left_bundles(scratch: Path) -> None:
    """Remove what the Pagefinds of killed builds wrote (late, perhaps: see the interrupt tests). Called by
    every build under its archive's lock, so never while another build's Pagefind writes."""
    for left in scratch.glob("pagefind-*"):
        shutil.rmtree(left, ignore_errors=True)


def _move(folder: Path, destination: Path) -> None:
    """Rename when scratch and site share a file system (they do unless .albumen/ is a link), else copy."""
    try:
        os.rename(folder, destination)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.move(folder, destination)


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

    A file this does not understand (another Pagefind version) is left as Pagefind wrote it: search works
    the same either way, only the bytes would differ between builds.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        try:
            meta = _read(meta_path)
            renamed = {}
            for old in sorted(bundle.glob(f"filter/{language}_*.pf_filter")):
                name, values = _read(old)
                safe = [[html.escape(value, quote=False), pages] for value, pages in values]
                data = _compress([name, sorted(safe, key=lambda pair: pair[0].encode("utf-8"))])
                new = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
                old.unlink()
                (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
                renamed[old.stem] = new
            meta = _renamed(meta, renamed)
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            continue
        data = _compress(meta)
        meta_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(data)
        info["hash"] = meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name} has data after its end")
    return value


def _compress(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


# A minimal CBOR (RFC 8949) reader and writer for what Pagefind's index files hold: unsigned and negative
# integers, byte and text strings, arrays and maps, all of definite length.

def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR item {data[at - 1]:#x}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise TypeError("unsupported value in a Pagefind index")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"unsupported value in a Pagefind index: {type(value).__name__}")
