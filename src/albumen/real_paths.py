"""Where files really are (links followed), for many files in few folders.

A file that is not itself a link is where its folder really is, so each folder is resolved once: checking that
10,000 records and 10,000 photos stay inside the archive costs an lstat each and a realpath a folder, where a
realpath each (an lstat per part of the path) was a second of every build.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

WINDOWS_IGNORED = (21, 123, 1921)


class RealPaths:
    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, path: Path) -> Path:
        """os.path.realpath(path), as a Path."""
        return Path(self.of_name(str(path)))

    def of_name(self, path: str) -> str:
        """os.path.realpath(path)."""
        try:
            linked = stat.S_ISLNK(os.lstat(path).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            linked = False
        except OSError as exc:
            # A name the system refuses (too long): realpath says what it can. Path.is_symlink's very rule, Windows'
            # errors included (21 not ready, 123 a bad name, 1921 a link that can't be followed).
            ignored = exc.errno in (errno.EBADF, errno.ELOOP) or getattr(exc, "winerror", None) in WINDOWS_IGNORED
            linked = not ignored
        if linked:
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)
