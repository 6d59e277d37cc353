"""The image files in a folder (and its subfolders), found by the names a spreadsheet or a person gives them.

Names are matched ignoring case, with or without the extension ("IMG_001" finds "img_001.JPG"), and a path
("box 2/img_001.tif", "C:\\Scans\\box 2\\img_001.tif") by as much of its end as the folder has.
"""

from __future__ import annotations

import errno
import os
import posixpath
from collections import defaultdict
from pathlib import Path

from albumen.natural_order import natural_key
from albumen.reading import open_problem, outside_link_problem, readable_file_problem, readable_name, shown_name

# What libvips reads here (HEIC only where its libheif can decode HEVC: photos.py checks each file).
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".jfif", ".tif", ".tiff", ".png", ".webp", ".gif", ".heic",
                            ".heif", ".avif"})


# What a collection's rows name that is no image albumen can show, by suffix: said by name in the report.
NOT_IMAGE_KINDS = {
    ".pdf": "a PDF document", ".mp3": "a sound recording", ".wav": "a sound recording", ".m4a": "a sound recording",
    ".ogg": "a sound recording", ".flac": "a sound recording", ".aac": "a sound recording",
    ".mp4": "a video", ".m4v": "a video", ".mov": "a video", ".avi": "a video", ".webm": "a video",
    ".mkv": "a video", ".mpg": "a video", ".mpeg": "a video", ".wmv": "a video", ".3gp": "a video",
    ".txt": "a text file", ".md": "a text file", ".doc": "a document", ".docx": "a document", ".odt": "a document",
    ".rtf": "a document", ".html": "a web page", ".htm": "a web page", ".xml": "an XML file", ".json": "a JSON file",
    ".csv": "a spreadsheet", ".xlsx": "a spreadsheet", ".xls": "a spreadsheet", ".zip": "a zip archive",
    ".svg": "an SVG drawing", ".psd": "a Photoshop document", ".eps": "a PostScript file",
}


def image_files(folder: Path, skip: Path | None = None) -> dict[str, Path]:
    """Every image under `folder`, by its path inside it (forward slashes), sorted; hidden files and folders, and
    the `skip` folder (an archive being written inside the folder), left out."""
    images, _ = folder_files(folder, skip)
    return images


def folder_files(folder: Path, skip: Path | None = None) -> tuple[dict[str, Path], dict[str, Path]]:
    """The images under `folder` (as `image_files`), and its other files: what a spreadsheet row may name instead
    of an image (a PDF, a sound recording), to say so rather than that nothing is there."""
    images: dict[str, Path] = {}
    others: dict[str, Path] = {}
    skipped = skip.resolve() if skip is not None else None
    for current, folders, files in os.walk(folder):
        here = Path(current)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skipped)
        for name in sorted(files):
            if not name.startswith(".") and folder_file_problem(here / name, folder) is None:
                kind = images if Path(name).suffix.casefold() in IMAGE_SUFFIXES else others
                kind.setdefault(readable_name((here / name).relative_to(folder).as_posix()), here / name)
    return images, others


def odd_files(folder: Path, skip: Path | None = None) -> dict[str, str]:
    """The entries under `folder` that are no regular file (a FIFO, a link in a loop or to nothing), by their path
    inside it, with what is wrong: `folder_files` leaves them out. A FIFO named photo.jpg hung an import and a link
    loop crashed it; a name in Latin-1 bytes crashed the writer (Found by tests/test_trust_imports.py)."""
    return {shown_name(rel): problem for rel, problem in _odd_entries(folder, skip)}


def odd_names(folder: Path, skip: Path | None = None) -> dict[str, str]:
    """`odd_files` by the names a spreadsheet gives them (bytes that are not UTF-8 read as Windows-1252)."""
    return {readable_name(rel): problem for rel, problem in _odd_entries(folder, skip)}


def _odd_entries(folder: Path, skip: Path | None) -> list[tuple[str, str]]:
    found = []
    skipped = skip.resolve() if skip is not None else None

    def unlisted(exc: OSError) -> None:  # a folder without permission was passed over unsaid (test_trust_fs_mix.py)
        if exc.filename is not None and Path(exc.filename) != folder:
            found.append((Path(exc.filename).relative_to(folder).as_posix() + "/", unlisted_why(exc)))

    for current, folders, files in os.walk(folder, onerror=unlisted):
        here = Path(current)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skipped)
        for name in sorted(files):
            if not name.startswith(".") and (problem := folder_file_problem(here / name, folder)) is not None:
                found.append(((here / name).relative_to(folder).as_posix(), problem))
    return found


def unlisted_why(exc: OSError) -> str:
    """Why a folder could not be listed."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "a folder albumen may not look into (permission denied); make it readable (chmod a+rx)"
    return f"a folder that can't be listed: {open_problem(exc)}"


def folder_file_problem(path: Path, folder: Path) -> str | None:
    """None for a regular file of the folder that albumen may read, else what is wrong. A link to a photo elsewhere
    on the disk was copied into the archive (Found by tests/test_trust_fs_mix.py): what lies outside the folder is
    never opened."""
    return outside_link_problem(path, folder) or readable_file_problem(path)


def not_image_kind(name: str) -> str:
    """'a PDF document' for 'x.pdf', ...; 'not a kind of image albumen reads' for any other suffix that is no
    image's; '' for an image's suffix or none."""
    suffix = posixpath.splitext(name.replace("\\", "/"))[1].casefold()
    if not suffix or suffix in IMAGE_SUFFIXES:
        return ""
    return NOT_IMAGE_KINDS.get(suffix, f"a '{suffix}' file")


class ImageIndex:
    """The images of a folder, to find by the names a spreadsheet gives (and its other files, to tell a name that
    means one of them)."""

    def __init__(self, files: dict[str, Path], others: dict[str, Path] | None = None,
                 odd: dict[str, str] | None = None) -> None:
        self.files = files
        self.images = _NameIndex(files)
        self.others = _NameIndex(others or {})
        self.odd = odd or {}
        self.odd_names = _NameIndex(dict.fromkeys(self.odd, Path()))

    def find(self, given: str) -> list[str]:
        """The images (paths inside the folder) a name means: one, several (a person must choose), or none."""
        return self.images.find(given)

    def find_folder(self, given: str) -> list[str]:
        """The images directly inside the folder a name means (Wax keeps a multi-page object's pages in a folder
        named by its pid), in the order of their names (page-2 before page-10); [] when there is none."""
        parts = [p for p in given.strip().replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts:
            return []
        wanted = "/".join(parts).casefold()
        inside: dict[str, list[str]] = defaultdict(list)
        for rel in self.files:
            folder = posixpath.dirname(rel)
            if folder and (folder.casefold() == wanted or folder.casefold().endswith("/" + wanted)
                           or posixpath.basename(folder).casefold() == parts[-1].casefold()):
                inside[folder].append(rel)
        if len(inside) != 1:
            return []  # none, or several folders of that name: not for a guess
        [pages] = inside.values()
        return sorted(pages, key=natural_key)

    def find_other(self, given: str) -> list[str]:
        """The files that are no image (paths inside the folder) a name means."""
        return self.others.find(given)

    def find_odd(self, given: str) -> list[tuple[str, str]]:
        """The entries that are no regular file (a FIFO, a link in a loop, to nothing or out of the folder) a name
        means, each with what is wrong with it."""
        return [(rel, self.odd[rel]) for rel in self.odd_names.find(given)]


class _NameIndex:
    """Files by path, by name and by name without the extension, each ignoring case."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.by_path: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        for rel in files:
            name = posixpath.basename(rel)
            self.by_path[rel.casefold()].append(rel)
            self.by_name[name.casefold()].append(rel)
            self.by_stem[posixpath.splitext(name)[0].casefold()].append(rel)

    def find(self, given: str) -> list[str]:
        parts = [p for p in given.strip().replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts:
            return []
        for start in range(len(parts) - 1):  # 'C:/Scans/box 2/a.tif' -> 'Scans/box 2/a.tif' -> 'box 2/a.tif'
            found = self.by_path.get("/".join(parts[start:]).casefold())
            if found:
                return found
        name = parts[-1].casefold()
        return self.by_name.get(name) or self.by_stem.get(name) or []
