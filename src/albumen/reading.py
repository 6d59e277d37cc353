"""Reading a person's files without trusting the disk: the file's type is checked before its bytes are read.

A FIFO named like an item blocked a build forever, a symlink loop crashed it, and a file name that is not
UTF-8 could not be printed (found by tests/test_trust_hostile.py). Each is a message here, said once, that
the loader and the checker turn into a located problem.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from albumen.portable import READ_NONBLOCKING

# The most read of any one text file: an item, topic, page or places.yaml larger than this is no one's text.
MAX_TEXT_BYTES = 64 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that can't be read as a person's text; the message says why and what to do."""


def read_regular_file(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file (or a link to one); UnreadableFile for anything else, never a wait.

    Opened without blocking and checked with fstat on the open file, so a FIFO put there is never read from,
    and a file swapped for a FIFO between a check and the open is caught too.
    """
    try:
        fd = os.open(path, READ_NONBLOCKING)
    except OSError as exc:
        raise UnreadableFile(open_problem(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(not_regular(info.st_mode))
        if info.st_size > limit:
            raise UnreadableFile(f"the file is {info.st_size // 2**20} MB, too big for a text file "
                                 f"(at most {limit // 2**20} MB)")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(f"the file is bigger than {limit // 2**20} MB, too big for a text file")
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"can't read this file: {exc.strerror}") from exc
    finally:
        os.close(fd)


def regular_file_problem(path: Path) -> str | None:
    """None when `path` is a regular file (or a link to one), else what it is: missing, a loop, a FIFO..."""
    try:
        info = path.stat()
    except OSError as exc:
        return open_problem(exc)
    return None if stat.S_ISREG(info.st_mode) else not_regular(info.st_mode)


def readable_file_problem(path: Path) -> str | None:
    """As `regular_file_problem`, and the file opened (never read, never waited on) to learn whether albumen may
    read it: one photo without read permission stopped a whole import as it was copied (Found by
    tests/test_trust_fs_mix.py)."""
    try:
        fd = os.open(path, READ_NONBLOCKING)
    except OSError as exc:
        return open_problem(exc)
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    return None if stat.S_ISREG(mode) else not_regular(mode)


def outside_link_problem(path: Path, top: Path) -> str | None:
    """None unless `path` is a link that leads out of the folder `top` (through any links on the way): then what
    to do. realpath, not resolve(): on Python 3.11 resolve() raises RuntimeError for a link that loops."""
    if not path.is_symlink() or Path(os.path.realpath(path)).is_relative_to(os.path.realpath(top)):
        return None
    return "a link to a file outside the folder; albumen reads only the files in the folder it is given: copy " \
           "the file itself into the folder"


def open_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "this is a link that leads round in a loop (to itself, or through other links back to it); " \
               "replace the link with the file it should name"
    if exc.errno == errno.ENOENT:
        return "no such file (or a link to a file that is gone)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "albumen may not read this file (permission denied); make it readable (chmod a+r)"
    return f"can't read this file: {exc.strerror}"


def not_regular(mode: int) -> str:
    kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISBLK(mode) or stat.S_ISCHR(mode)
            else "not a file")
    return f"not a regular file but {kind}; albumen reads only ordinary files here: remove it or put the file " \
           "itself in its place"


def undecodable_name(name: str) -> bool:
    """Whether a file name had bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    return any("\udc80" <= char <= "\udcff" for char in name)


def readable_name(name: str) -> str:
    """A name whose bytes are not UTF-8 read as Windows-1252 (Latin-1 where that has no letter): what an old
    Windows site's pages and a spreadsheet saved by Excel call the file, and text that can be written anywhere."""
    if not undecodable_name(name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def shown_name(name: str) -> str:
    """A name as it can be printed: bytes that are not UTF-8 as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace") if undecodable_name(name) else name


def walk_files(top: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entry under `top` that is not a folder, in sorted order, never following links to folders (a
    link to '.' would lead round forever); (path, None), or (folder, problem) for a folder that can't be
    listed. Links that loop are listed (as entries) so that the reader reports them."""
    for path, problem in walk_file_names(str(top)):
        yield Path(path), problem


def walk_file_names(top: str) -> Iterator[tuple[str, str | None]]:
    """walk_files, with the paths as strings: a Path made for each of 100,000 records was a second of a build."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield folder, open_problem(exc)
            continue
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                subfolders.append(entry.path)
            else:
                yield entry.path, None
        stack.extend(reversed(subfolders))
