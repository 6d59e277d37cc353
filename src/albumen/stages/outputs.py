"""The site's files as one build writes them: only what changed is written, and what no longer belongs is removed.

Two generations of the site take turns (the way a double-buffered screen does). `_site/` is the published one;
the other, kept in `.albumen/site-spare/`, is the site as it was one build earlier. A build moves the spare in
as its staging folder, brings it up to date, file by file, and swaps it with `_site/` in one atomic exchange
(stages/publish.py); the site it replaced becomes the spare. A build therefore writes and deletes only the files
that differ between two builds, not the 100,000 files of a big site, and `_site/` is never half-written.

Each generation's manifest (`.albumen/site-files.pickle`) records every file it holds with its SHA-256, size and
modification time, and for each page the digest of what it was rendered from (stages/page_digest.py). A page
whose digest did not change since the published build is not rendered again: its bytes are the published
page's. A generation made with other settings, another theme or another albumen is not reused.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import struct
import sys
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from albumen.atomic import atomic_write

SPARE = "site-spare"  # in .albumen/
SEARCH_FOLDER = "pagefind/"  # the search index (stages/index.py): its first shard
SEARCH_SHARDS = "pagefind/shards/"  # and the others
MANIFEST = "site-files.pickle"  # in .albumen/: {"site": generation, "spare": generation}
MANIFEST_VERSION = 4  # 3: packed columns (Generation.as_json), entries as bytes (file_entry); 4: in chunks
# Entries packed together in the manifest: written and read a chunk at a time, the whole site's columns are never
# in memory at once (at 100,000 items they and their pickle were ~120 MiB more at the build's peak, when it publishes).
MANIFEST_CHUNK = 10_000


# A file's entry: what its content is (a SHA-256, or the link: or copy: key of a file linked or copied from elsewhere),
# then its size and mtime_ns, packed in one bytes object (a tuple of a 64-digit string and two ints was three times
# the size: 700,000 files at 100,000 items, in each generation held).
FileEntry = bytes
_STAMP = struct.Struct("<qq")


def file_entry(content: str, size: int, mtime_ns: int) -> FileEntry:
    return _content_bytes(content) + _STAMP.pack(size, mtime_ns)


def _content_bytes(content: str) -> bytes:
    if len(content) == 64:
        try:
            return b"h" + bytes.fromhex(content)
        except ValueError:
            pass
    return b"s" + content.encode("utf-8", "surrogatepass")


def entry_content(entry: FileEntry) -> str:
    """What the file's content is: its SHA-256 (hex), or a link: or copy: key."""
    body = entry[1:-_STAMP.size]
    return body.hex() if entry[:1] == b"h" else body.decode("utf-8", "surrogatepass")


def entry_stamp(entry: FileEntry) -> tuple[int, int]:
    """The file's (size, mtime_ns) when it was made."""
    size, mtime_ns = _STAMP.unpack(entry[-_STAMP.size:])
    return size, mtime_ns


def _same_content(entry: FileEntry, content: str) -> bool:
    return content != "" and entry[:-_STAMP.size] == _content_bytes(content)


@dataclass
class Generation:
    """What one generation of the site holds: every file (sha256, size, mtime_ns), each page's digest."""

    setting: str = ""  # the digest of what every page depends on (settings, theme, version): must match to reuse
    files: dict[str, FileEntry] = field(default_factory=dict)  # see file_entry
    digests: dict[str, str] = field(default_factory=dict)  # page file -> the digest it was rendered from
    shards: dict[str, str] = field(default_factory=dict)  # search shard folder -> digest of its pages
    identity: tuple[int, int] = (0, 0)  # (st_dev, st_ino) of the generation's folder

    def parts(self) -> Iterator[Any]:
        """What the manifest holds of this generation, one part at a time: a head (setting, shards, identity), the
        files packed in chunks (paths joined, entries' lengths as an array, entries joined), None, the page digests
        in chunks, None. Packed: pickled as a dict of 700,000 tuples at 100,000 items, its memo held every object
        once more; in chunks: the packed columns of the whole site were ~60 MiB at once, and their pickle as much."""
        yield {"setting": self.setting, "shards": self.shards, "identity": self.identity}
        files = iter(self.files.items())
        while chunk := list(islice(files, MANIFEST_CHUNK)):
            yield _packed_files(chunk)
        yield None
        digests = iter(self.digests.items())
        while chunk_digests := list(islice(digests, MANIFEST_CHUNK)):
            yield _packed(chunk_digests)
        yield None

    @classmethod
    def from_parts(cls, parts: Iterator[Any], like: Generation | None = None) -> Generation:
        """From what parts() gave (pickled by albumen itself: only the shape is checked); raises ValueError when it
        is not that. An entry equal to `like`'s (the other generation, which holds mostly the same files) is the
        same object as its."""
        try:
            head = next(parts)
            generation = cls(head["setting"], {}, {}, head["shards"], tuple(head["identity"]))
            while (chunk := next(parts)) is not None:
                generation.files.update(_unpacked_files(chunk))
            while (chunk := next(parts)) is not None:
                generation.digests.update(_unpacked(chunk))
        except (KeyError, TypeError, StopIteration) as error:
            raise ValueError(f"not a generation: {error}") from None
        shapes = ((generation.setting, str), (generation.shards, dict), (generation.identity, tuple))
        if not all(isinstance(value, kind) for value, kind in shapes) or len(generation.identity) != 2:
            raise ValueError("not a generation")
        if like is not None:
            _share_entries(generation.files, like.files)
            _share_entries(generation.digests, like.digests)
        return generation


def _packed(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    return "\0".join(key for key, _ in pairs), "\0".join(value for _, value in pairs)  # no path or digest has a NUL


def _unpacked(packed: tuple[str, str]) -> dict[str, str]:
    keys, values = packed
    if not keys:
        return {}
    return dict(zip(map(sys.intern, keys.split("\0")), values.split("\0"), strict=True))


def _packed_files(pairs: list[tuple[str, FileEntry]]) -> tuple[str, bytes, bytes]:
    return ("\0".join(rel for rel, _ in pairs), array("H", [len(entry) for _, entry in pairs]).tobytes(),
            b"".join(entry for _, entry in pairs))


def _unpacked_files(packed: tuple[str, bytes, bytes]) -> dict[str, FileEntry]:
    keys, lengths, entries = packed
    if not keys:
        return {}
    sizes = array("H")
    sizes.frombytes(lengths)
    ends = list(accumulate(sizes))
    if not ends or ends[-1] != len(entries):
        raise ValueError("the entries do not add up")
    return dict(zip(map(sys.intern, keys.split("\0")),
                    (entries[end - size:end] for end, size in zip(ends, sizes, strict=True)), strict=True))


def _share_entries(mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Make each entry of `mine` that equals `theirs`'s the same object: the spare and the published generation
    differ only in what one build changed, and at 100,000 items each copy was a quarter of a gigabyte."""
    for rel, entry in mine.items():
        other = theirs.get(rel)
        if other is not None and other is not entry and other == entry:
            mine[rel] = other


def on_disk(generation: Generation, found: dict[str, tuple[int, int]]) -> Generation:
    """The generation as far as its folder (`found`: FolderScan.files) still holds it: a file changed or deleted
    by hand (in _site/, before it became the spare) is dropped from it, so that a build writes it again rather
    than trust the manifest."""
    files = {rel: entry for rel, entry in generation.files.items() if found.get(rel) == entry_stamp(entry)}
    if len(files) == len(generation.files):
        return generation
    # Rare (a hand in _site/), so simply: no item's media and no search shard is taken as whole any more.
    pages = {rel: digest for rel, digest in generation.digests.items() if ":" not in rel}
    return Generation(generation.setting, files, pages, {}, generation.identity)


class FolderScan:
    """Every file under a folder with its size and modification time, listed in a thread of its own (the listing
    waits on the disk, not on Python: at 70,000 files it is most of a second) while the build reads the archive."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._found: dict[str, tuple[int, int]] = {}
        self._folders: set[str] = set()
        self.complete = True  # False when a folder or file could not be listed: then none of it is trusted
        self._thread = threading.Thread(target=self._scan, name="albumen-scan", daemon=True)
        self._thread.start()

    def files(self) -> dict[str, tuple[int, int]]:
        """Every file's (size, mtime); see `complete`."""
        self._thread.join()
        return self._found

    def present(self) -> set[str]:
        """Every path under the folder, files and folders."""
        self._thread.join()
        return self._found.keys() | self._folders

    def forget(self) -> None:
        """Let go of the listing once read (the build held it to its end: ~700,000 paths and stamps at 100,000
        items). A scan forgotten is not complete: read again, it trusts nothing."""
        self._thread.join()
        self._found, self._folders, self.complete = {}, set(), False

    def _scan(self) -> None:
        stack = [(str(self.folder), "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as scan:
                    for entry in scan:
                        # interned: the same string as the path in the manifest's generations (see Out.data)
                        rel = sys.intern(prefix + entry.name)
                        if entry.is_dir(follow_symlinks=False):
                            stack.append((entry.path, f"{rel}/"))
                            self._folders.add(rel)
                        else:
                            info = entry.stat(follow_symlinks=False)
                            self._found[rel] = (info.st_size, info.st_mtime_ns)
            except OSError:
                self.complete = False


def read_manifest(cache_dir: Path) -> tuple[Generation, Generation]:
    """(the published site's generation, the spare's); empty ones when there is no usable manifest."""
    try:
        with (cache_dir / MANIFEST).open("rb") as handle:
            parts = _pickled_parts(handle)
            head = next(parts)
            if not isinstance(head, dict) or head.get("version") != MANIFEST_VERSION:
                return Generation(), Generation()
            site = Generation.from_parts(parts)
            return site, Generation.from_parts(parts, like=site)
    except (OSError, pickle.PickleError, EOFError, StopIteration, ValueError, KeyError, AttributeError, TypeError):
        return Generation(), Generation()


def write_manifest(cache_dir: Path, site: Generation, spare: Generation) -> None:
    """The two generations as a stream of pickles, written part by part (see Generation.parts)."""
    # pickle, not JSON: 100,000 files' entries read in a tenth of the time, and only albumen reads it

    def write(handle: BinaryIO) -> None:
        for part in chain([{"version": MANIFEST_VERSION}], site.parts(), spare.parts()):
            pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)  # a pickler each: no memo kept across

    atomic_write(cache_dir / MANIFEST, write)


def _pickled_parts(handle: BinaryIO) -> Iterator[Any]:
    while True:
        yield pickle.load(handle)  # noqa: S301 - albumen's own file in the archive's own .albumen/


def forget_manifest(cache_dir: Path) -> None:
    (cache_dir / MANIFEST).unlink(missing_ok=True)


@dataclass
class Recorded:
    """What an Out recorded for some pages: their files and digests, and which were written anew."""

    files: dict[str, FileEntry]
    digests: dict[str, str]
    changed: list[str]


def identity(folder: Path) -> tuple[int, int]:
    stat = folder.stat()
    return (stat.st_dev, stat.st_ino)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Out:
    """Writes one build's files into its staging folder, which holds an older generation (or nothing).

    Every file of the new site goes through here: `data` and `text` write bytes unless the folder holds them
    already; `link` hard-links a cached file (an image) unless that very file is there; `keep_page` takes a page
    whose digest is unchanged from the published site. `finish` removes what this build did not make.
    """

    def __init__(self, root: Path, held: Generation, published: Generation, site_dir: Path, setting: str,
                 present: set[str] | None = None) -> None:
        self.root, self.held, self.published, self.site_dir = root, held, published, site_dir
        # What the staging folder holds (files and folders), when known: a path not in it needs no unlink
        # before it is written (a first build made 40,000 unlinks that failed).
        self.present = present
        self.made = Generation(setting)
        self.written = 0  # files written, linked anew or removed (for the tests and the bench)
        self.changed: list[str] = []  # which
        self.rendered = 0  # pages rendered (the others were taken from the published site)
        self.indexable: list[str] = []  # the pages the search index reads (those with data-pagefind-body)
        self._folders: set[str] = set()
        self._index: list[str] | None = None  # the held files' paths, sorted (keep_tree)
        self._shard_indexes: dict[int, dict[str, list[str]]] = {}  # by id() of held and published
        self._lock = threading.Lock()  # the image thread links media while this one writes pages

    # -- writing ------------------------------------------------------------------------------------------

    def data(self, rel: str, data: bytes, digest: str | None = None) -> bool:
        """The file `rel` holds `data`. Returns True when it had to be written."""
        rel = sys.intern(rel)  # one string for the path in every generation held (see _share_entries)
        sha = sha256(data)
        if digest is not None:
            self.made.digests[rel] = digest
        if self._holds(rel, sha):
            self.made.files[rel] = self.held.files[rel]
            return False
        target = self._replaceable(rel)
        target.write_bytes(data)
        self._record(rel, sha, target)
        return True

    def text(self, rel: str, text: str, digest: str | None = None) -> bool:
        return self.data(rel, text.encode("utf-8"), digest)

    def stream(self, rel: str, parts: Iterable[str], digest: str | None = None) -> bool:
        """The file `rel` holds the parts, joined, as UTF-8: written and hashed a part at a time, for a file the size
        of the site (the search data, the site's IIIF collection: its text, the list of its parts and their bytes
        were three copies at once at the build's peak, ~80 MB at 100,000 items). Beside the target first, then
        renamed onto it, or removed when the folder held those bytes already. Returns True when it was written."""
        rel = sys.intern(rel)
        if digest is not None:
            self.made.digests[rel] = digest
        target = self.root / rel
        self._make_folder(target.parent)
        beside = target.with_name(f".{target.name}.streaming")
        hasher = hashlib.sha256()
        try:
            with beside.open("wb") as handle:
                for part in parts:
                    data = part.encode("utf-8")
                    hasher.update(data)
                    handle.write(data)
            sha = hasher.hexdigest()
            if self._holds(rel, sha):
                beside.unlink()
                self.made.files[rel] = self.held.files[rel]
                return False
            os.replace(beside, self._replaceable(rel))  # a link is replaced by the rename, never written through
        except BaseException:
            beside.unlink(missing_ok=True)
            raise
        self._record(rel, sha, target)
        return True

    def link(self, rel: str, source: Path) -> bool:
        """The file `rel` is a hard link to `source` (a copy where links can't be made)."""
        rel = sys.intern(rel)
        source_stat = source.stat()
        target = self.root / rel
        if self._may_hold(rel):
            try:
                if os.path.samestat(target.stat(), source_stat):
                    self.made.files[rel] = file_entry(f"link:{source_stat.st_ino}", source_stat.st_size,
                                                      source_stat.st_mtime_ns)
                    return False
            except OSError:
                pass
        self._link_or_copy(rel, source, source_stat, f"link:{source_stat.st_ino}")  # its content: the cache file's
        return True

    def copy(self, rel: str, source: Path) -> bool:
        """The file `rel` is a copy of `source` (an original offered for download: never a link to it)."""
        rel = sys.intern(rel)
        stat = source.stat()
        key = f"copy:{stat.st_size}:{stat.st_mtime_ns}"
        if self._holds(rel, key):
            self.made.files[rel] = self.held.files[rel]
            return False
        target = self._replaceable(rel)
        shutil.copyfile(source, target)
        self._record(rel, key, target)
        return True

    def keep_tree(self, key: str, digest: str, prefixes: Sequence[str]) -> bool:
        """Keep every held file under `prefixes` (an item's media) when the staging folder's were made from the
        same `digest`: nothing under them is looked at again."""
        if self.held.digests.get(key) != digest:
            return False
        index = self._held_index()
        for prefix in prefixes:
            for rel in _starting_with(index, prefix):
                self.made.files[rel] = self.held.files[rel]
        self.made.digests[sys.intern(key)] = self.held.digests[key]
        return True

    def keep_shard(self, folder: str, digest: str) -> bool:
        """Keep a search shard's files as the staging folder or the published site holds them, when they index
        the same pages."""
        if self.held.shards.get(folder) == digest:
            for rel in self._shards_of(self.held).get(folder, ()):
                self.made.files[rel] = self.held.files[rel]
        elif self.published.shards.get(folder) == digest:  # a staging folder that holds nothing (a first edit)
            shard = [(rel, self.published.files[rel]) for rel in self._shards_of(self.published).get(folder, ())]
            for rel, entry in shard:
                if self._holds(rel, entry_content(entry)):  # the staging folder has it (a file no build changes)
                    self.made.files[rel] = self.held.files[rel]
                elif not self._share_published(rel, entry):
                    return False  # changed by hand in _site/: indexed again
        else:
            return False
        self.made.shards[folder] = digest
        return True

    def keep_page(self, rel: str, digest: str) -> bool:
        """A page whose digest is the published page's: True when the bytes could be taken without rendering."""
        entry = self.published.files.get(rel)
        if entry is None or self.published.digests.get(rel) != digest:
            return False
        rel = sys.intern(rel)
        self.made.digests[rel] = self.published.digests[rel]  # the same string: held once for both generations
        if self._holds(rel, entry_content(entry)):
            self.made.files[rel] = self.held.files[rel]
            return True
        return self._share_published(rel, entry)

    def after_fork(self) -> None:
        """In a forked child (stages/forked_render.py): the lock may have been held by a thread the child has not."""
        self._lock = threading.Lock()

    def recorded(self, rels: Sequence[str], changed_since: int) -> Recorded:
        """What this Out recorded for `rels` (a forked child's pages), to be taken into the build's Out."""
        return Recorded({rel: self.made.files[rel] for rel in rels if rel in self.made.files},
                        {rel: self.made.digests[rel] for rel in rels if rel in self.made.digests},
                        self.changed[changed_since:])

    def take(self, recorded: Recorded) -> None:
        """The files another process wrote into this staging folder, as it recorded them."""
        with self._lock:
            self.made.files.update((sys.intern(rel), entry) for rel, entry in recorded.files.items())
            self.made.digests.update((sys.intern(rel), digest) for rel, digest in recorded.digests.items())
            self.changed.extend(recorded.changed)
            self.written += len(recorded.changed)

    def has(self, rel: str) -> bool:
        return rel in self.made.files

    def adopt(self, rel: str) -> None:
        """A file a tool wrote into the staging folder directly (the search index): recorded as it is."""
        target = self.root / rel
        data = target.read_bytes()
        self._record(rel, sha256(data), target, written=False)

    # -- finishing ----------------------------------------------------------------------------------------

    def finish(self) -> Generation:
        """Remove the files of the older generation that this build did not make, and the folders left empty."""
        emptied: set[Path] = set()
        for rel in self.held.files.keys() - self.made.files.keys():
            path = self.root / rel
            try:
                path.unlink()
                self.written += 1
                self.changed.append(rel)
            except FileNotFoundError:
                pass
            emptied.add(path.parent)
        for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
            while folder != self.root and folder.is_relative_to(self.root):
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent
        self.made.identity = identity(self.root)
        # What only the older generation held, and what writing needed, is not needed any more: freed before
        # publishing.
        self.held, self._index, self._shard_indexes = Generation(), None, {}
        self.present, self._folders = None, set()
        return self.made

    # -- helpers -------------------------------------------------------------------------------------------

    def _share_published(self, rel: str, entry: FileEntry) -> bool:
        """Hard-link the published site's file into the staging folder, unless it was changed by hand since it was
        published. A link is safe: no build writes through one (see _replaceable), and a file changed by hand
        through the other name is found by its time, here or by on_disk when that generation is built into."""
        source = self.site_dir / rel
        try:
            stat = source.stat()
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != entry_stamp(entry):
            return False
        self._link_or_copy(rel, source, stat, entry_content(entry))
        return True

    def _link_or_copy(self, rel: str, source: Path, source_stat: os.stat_result, content: str) -> None:
        """`rel` a hard link to `source` (a copy where links can't be made), recorded with `content`. A link is
        the source's inode: its size and time are the source's, not looked up again (the first edit after a
        first build links every file of the site, 700,000 at 100,000 items)."""
        target = self._replaceable(rel)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
            self._record(rel, content, target)
            return
        self._record(rel, content, target, stat=source_stat)

    def _shards_of(self, generation: Generation) -> dict[str, list[str]]:
        """The generation's search files by shard, made once (each shard looked through all 70,000 files of a
        10,000-item site for its own)."""
        index = self._shard_indexes.get(id(generation))
        if index is None:
            index = self._shard_indexes[id(generation)] = _shard_index(generation)
        return index

    def _held_index(self) -> list[str]:
        """The held files' paths in order, made once: those under a prefix (keep_tree's) are side by side. A list
        of the paths held already, 8 bytes a file: by folder, in lists, it was ~11 MiB at 20,000 items (tracemalloc;
        ~55 MiB at 100,000), made in an edit's last minute while the rest of the build was held."""
        if self._index is None:
            self._index = sorted(self.held.files)
        return self._index

    def _holds(self, rel: str, sha: str) -> bool:
        entry = self.held.files.get(rel)
        return entry is not None and _same_content(entry, sha)

    def _replaceable(self, rel: str) -> Path:
        """The target path, its folder made and the old file unlinked: a hard link (an image from the cache,
        a page shared with the published site) is replaced, never written through."""
        target = self.root / rel
        self._make_folder(target.parent)
        if not self._may_hold(rel):
            return target  # nothing there (nor written by this build: it may be a link, never to write through)
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(target)
        return target

    def _may_hold(self, rel: str) -> bool:
        """False when the staging folder surely has nothing at `rel`: not there when it was listed, nor written
        since."""
        return self.present is None or rel in self.present or rel in self.made.files

    def _make_folder(self, folder: Path) -> None:
        key = str(folder)
        if key not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(key)

    def _record(self, rel: str, sha: str, target: Path, written: bool = True, stat: os.stat_result | None = None
                ) -> None:
        stat = stat or target.stat()
        with self._lock:
            self.made.files[rel] = file_entry(sha, stat.st_size, stat.st_mtime_ns)
            if written:
                self.written += 1
                self.changed.append(rel)


def _shard_index(generation: Generation) -> dict[str, list[str]]:
    """The generation's search files by shard folder (pagefind/ or pagefind/shards/N/)."""
    index: dict[str, list[str]] = {}
    for rel in generation.files:
        if rel.startswith(SEARCH_SHARDS):
            end = rel.find("/", len(SEARCH_SHARDS))
            if end < 0:
                continue
            folder = rel[:end + 1]
        elif rel.startswith(SEARCH_FOLDER):
            folder = SEARCH_FOLDER
        else:
            continue
        index.setdefault(folder, []).append(rel)
    return index


def _starting_with(paths: list[str], prefix: str) -> Iterator[str]:
    """The paths that start with `prefix`, from `paths` in order (they are side by side there)."""
    at = bisect_left(paths, prefix)
    while at < len(paths) and paths[at].startswith(prefix):
        yield paths[at]
        at += 1
