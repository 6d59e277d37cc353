"""A folder target: a USB stick, a mounted share, another disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

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
        # The folder itself may be new (made by the first upload), but not its parent: a USB stick that is not
        # mounted must not become a folder of that name on the computer's own disk.
        if not self.folder.is_dir() and not self.folder.parent.is_dir():
            raise DeployError(f"{self.label}: there is no folder {self.folder.parent}; is the disk plugged in and "
                              "mounted? (the target folder itself is made if its parent exists)")

    def close(self) -> None:
        pass

    def read(self, path: str) -> bytes | None:
        try:
            return (self.folder / path).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, path: str, data: bytes) -> None:
        # One temporary name per file, not a random one: a deploy killed while writing it leaves a file that
        # the next deploy's upload of the same file overwrites and renames, not litter.
        final = self.folder / path
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.with_name(f".{final.name}.albumen-upload")
        temporary.write_bytes(data)
        os.replace(temporary, final)

    def delete(self, path: str) -> None:
        (self.folder / path).unlink(missing_ok=True)

    def remove_folders(self, folders: Iterable[str]) -> None:
        for folder in folders:
            try:
                (self.folder / folder).rmdir()
            except OSError:
                pass  # not empty (a file albumen did not put there), or already gone

    def explain(self, exc: Exception) -> str | None:
        if not isinstance(exc, OSError) or exc.errno not in _ADVICE:
            return None
        where = f" {exc.filename}" if exc.filename else ""
        return f"can't write{where}: {exc.strerror or exc}; {_ADVICE[exc.errno]}"


_AGAIN = "then deploy again (what was sent is kept)"
_ADVICE = {
    errno.ENOSPC: f"the disk is full: free some space (or use a bigger disk), {_AGAIN}",
    errno.EDQUOT: f"your disk quota is used up: free some space, {_AGAIN}",
    errno.EFBIG: "the file is too big for this disk's file system (FAT32 takes 4 GB at most): use exFAT or NTFS",
    errno.EROFS: f"the disk is read-only (a locked SD card, a share mounted read-only): make it writable, {_AGAIN}",
    errno.EACCES: f"albumen may not write there: check the folder's permissions and owner, {_AGAIN}",
    errno.EPERM: f"albumen may not change that file: check its permissions and owner, {_AGAIN}",
    errno.EIO: f"the disk reported a read or write error: check it is still plugged in, {_AGAIN}",
    errno.ENAMETOOLONG: "a name is too long for this disk's file system: use a disk formatted as exFAT or ext4",
    errno.ENOTDIR: f"a file is in the way where the site needs a folder: move it aside, {_AGAIN}",
    errno.EISDIR: f"a folder is in the way where the site needs a file: move it aside, {_AGAIN}",
    errno.ENOENT: f"the folder went away (was the disk unplugged?): plug it in, {_AGAIN}",
}
