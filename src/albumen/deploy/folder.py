"""A folder target: a USB stick, a mounted share, another disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from albumen.atomic import atomic_write
from albumen.cli_support import disk_problem
from albumen.deploy.target import DeployError, FileTarget


class FolderTarget(FileTarget):
    def __init__(self, folder: Path, site: Path) -> None:
        self.folder = folder.expanduser().absolute()
        self.label = str(self.folder)
        self._refuse_overlap(site.resolve())

    def _refuse_overlap(self, site: Path) -> None:
        folder = self.folder.resolve()
        if folder == site or site in folder.parents or folder in site.parents:
            raise DeployError(f"{self.label}: that folder holds the site or lies inside it; deploy to a "
                              "folder outside the archive (a USB stick, a share)")

    def connect(self) -> None:
        # The folder itself may be new, but not its parent: a USB stick that is not mounted must not become a
        # folder of that name on the computer's own disk.
        if not self.folder.is_dir():
            if not self.folder.parent.is_dir():
                raise DeployError(f"{self.label}: there is no folder {self.folder.parent}; is the disk plugged "
                                  "in and mounted? (the target folder itself is made if its parent exists)")
            self.folder.mkdir()

    def close(self) -> None:
        pass

    def read(self, path: str) -> bytes | None:
        try:
            return (self.folder / path).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, path: str, data: bytes) -> None:
        atomic_write(self.folder / path, lambda file: file.write(data))

    def delete(self, path: str) -> None:
        (self.folder / path).unlink(missing_ok=True)

    def remove_folders(self, folders: Iterable[str]) -> None:
        for folder in folders:
            try:
                (self.folder / folder).rmdir()
            except OSError:
                pass  # not empty (a file albumen did not put there), or already gone

    def explain(self, exc: Exception) -> str | None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                                                     errno.EPERM, errno.EIO, errno.ENAMETOOLONG, errno.ENOTDIR,
                                                     errno.EISDIR, errno.EEXIST, errno.ENOENT):
            if exc.errno in (errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
                return (f"{exc.filename or ''}: a file and a folder of the same name are in the way "
                        f"({os.strerror(exc.errno)}); move it aside, then deploy again")
            return disk_problem(exc).replace("the archive", "the target")
        return None
