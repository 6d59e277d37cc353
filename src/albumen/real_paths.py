"""Where files really are (links followed), for many files in few folders.

A file that is not itself a link is where its folder really is, so each folder is resolved once: checking that
10,000 records and 10,000 photos stay inside the archive costs an lstat each and a realpath a folder, where a
realpath each (an lstat per part of the path) was a second of every build.
"""

from __future__ import annotations

import os
from pathlib import Path


class RealPaths:
    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, path: Path) -> Path:
        """os.path.realpath(path), as a Path."""
        try:
            linked = path.is_symlink()
        except OSError:
            linked = True  # a name the system refuses (too long): realpath says what it can
        if linked:
            return Path(os.path.realpath(path))
        folder = str(path.parent)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return Path(real, path.name)
