"""The saved copy of an old website: its files, and where its links lead.

A link is only ever followed to a file inside the old site's folder: '..' that climbs out, absolute
file paths (`file:`, `C:\\`, `\\\\server`) and symlinks that lead elsewhere are refused, never read.
Names are matched as the old web server would have: `%20` and spaces alike, and ignoring case when the
exact name is missing (sites made on Windows often link `Photo.JPG` as `photo.jpg`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from PIL import Image

from albumen.fingerprint import Fingerprint, fingerprint_of
from albumen.hashing import file_sha256
from albumen.images import ImageProblem, probe
from albumen.importers.drawn_pictures import is_drawn
from albumen.importers.image_files import unlisted_why
from albumen.reading import readable_file_problem, readable_name, shown_name

PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"}
# The same, as a regex alternation without the dots (longest first), for the patterns that find image names in text.
IMAGE_EXTENSIONS = "|".join(sorted((suffix[1:] for suffix in IMAGE_SUFFIXES), key=lambda ext: (-len(ext), ext)))
INDEX_NAMES = ("index.html", "index.htm", "default.htm", "default.html", "index.shtml")  # a folder's page, served
# A folder's own page by its name's stem: the page a server serves for it, or the one its author named so
FOLDER_PAGE_STEMS = frozenset({*(posixpath.splitext(name)[0] for name in INDEX_NAMES), "home", "main"})
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
FILE_PATH = re.compile(r"^(file:|[a-z]:[\\/]|\\\\)", re.IGNORECASE)
IGNORED_SCHEMES = ("javascript:", "data:", "about:", "vbscript:", "blob:")
# FrontPage's own folders in a web copied from the author's disk: its server never served _vti_* (metadata
# files named like the pages they describe: vti_author:SR|...), and the others hold its parts, never pages.
METADATA_FOLDER = re.compile(r"^_vti_\w*$", re.IGNORECASE)
NO_PAGES_FOLDER = re.compile(r"^_(?:vti_\w*|private|derived|fpclass|overlay|themes)$", re.IGNORECASE)

TargetKind = Literal["file", "missing", "external", "outside", "none"]


@dataclass(frozen=True)
class Target:
    """Where a link (href or src) leads."""

    kind: TargetKind  # file: a file of the old site; missing: should be one but isn't; external: the web;
    # outside: leaves the old site's folder (refused); none: nothing to follow (#top, javascript:, empty)
    path: str = ""  # the file's path inside the old site (file, missing), or the URL (external)
    asked: str = ""  # the path as the link spelled it, when a file was found under another case

    @property
    def spellings(self) -> list[str]:
        """The file's path, and the link's spelling of it when that differs (an old server ignored case)."""
        return [self.path, self.asked] if self.asked and self.asked != self.path else [self.path]

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


class OldSite:
    """The files of an old site's folder, read once; sizes and hashes of images on demand."""

    def __init__(self, root: Path, skip: Path | None = None) -> None:
        self.root = root.resolve()
        self.files: dict[str, Path] = {}
        self.folders: set[str] = {""}
        self.odd: dict[str, str] = {}  # files that are no regular file (FIFOs, link loops ...) -> what is wrong
        self.renamed: dict[str, str] = {}  # names that were not UTF-8, as read (cp1252) -> as the disk has them
        self.unlisted: dict[str, str] = {}  # folders that can't be listed ('photos/') -> why
        self.metadata: list[str] = []  # folders of a site-making program's own files ('_vti_cnf/'), left out
        for folder, dirs, names in os.walk(self.root, onerror=self._unlisted):
            here = Path(folder)
            # Hidden folders (.git, .svn) are not the site; nor is the archive, if it sits inside.
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or here / d != skip))
            self.metadata += [readable_name((here / d).relative_to(self.root).as_posix()) + "/"
                              for d in dirs if METADATA_FOLDER.match(d)]
            dirs[:] = [d for d in dirs if not METADATA_FOLDER.match(d)]
            for name in dirs:
                self.folders.add(readable_name((here / name).relative_to(self.root).as_posix()))
            for name in sorted(names):
                self._add(here / name)
        self._folded = {rel.casefold(): rel for rel in sorted(self.files, reverse=True)}
        self._sizes: dict[str, tuple[int, int] | None] = {}
        self._digests: dict[str, str] = {}
        self._fingerprints: dict[str, Fingerprint | None] = {}
        self._drawn: dict[str, bool] = {}
        self._palette: dict[str, bool] = {}
        self._windows_pages: dict[str, bool] = {}  # page -> it writes '..\\' (made on Windows)
        self._page_above = False  # a page links a page above the folder (a gallery saved out of a site)
        # Where the site lived: host ("" for /root-relative links) -> the path its folder was served under.
        self.served_at: dict[str, str] = {}
        self._resolved: dict[tuple[str, str | None], Target] = {}  # (page, href) -> where it leads
        self._xml_files: dict[str, list[str]] | None = None  # folder -> its XML files, by name (xml_files_in)

    def _unlisted(self, exc: OSError) -> None:
        """A folder of the site that can't be listed was left out without a word (Found by
        tests/test_trust_fs_mix.py): kept, to be reported."""
        if exc.filename is not None and Path(exc.filename) != self.root:
            rel = shown_name(Path(exc.filename).relative_to(self.root).as_posix()) + "/"
            self.unlisted[rel] = unlisted_why(exc)

    def _add(self, path: Path) -> None:
        """One file of the folder: a page or image of the site, or an odd one to report."""
        rel = readable_name(disk_rel := path.relative_to(self.root).as_posix())
        # A FIFO named page.html hung the import, a link loop crashed it and a name in Latin-1 bytes was
        # written into the archive as it was (Found by tests/test_trust_imports.py): only regular files are
        # the site's, said once, and a name that is not UTF-8 is read as the Windows pages that link it wrote it.
        # One photo without read permission stopped the whole import (Found by tests/test_trust_fs_mix.py).
        if (problem := readable_file_problem(path)) is not None:
            self.odd[rel] = problem
            return
        if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(self.root):
            return  # a link to a file elsewhere on the disk is not part of the site
        if rel in self.files:
            self.odd[shown_name(disk_rel)] = (
                f"its name is not UTF-8 and, read as Windows-1252, is the name of {rel}: rename one of them")
            return
        if rel != disk_rel:
            self.renamed[rel] = shown_name(disk_rel)
        self.files[rel] = path

    @property
    def name(self) -> str:
        return self.root.name

    def pages(self) -> list[str]:
        """The site's pages: never a file in a folder where the program that made the site keeps its parts."""
        return [rel for rel in self.files if is_page(rel) and not any(
            NO_PAGES_FOLDER.match(folder) for folder in rel.split("/")[:-1])]

    def resolve(self, page: str, href: str | None) -> Target:
        """Where `href`, written on `page`, leads. Asked again for each step of the import that reads the link
        (a genealogy's index page links 1,000 pages): the answer is kept until the site learns its addresses or its
        links above its folder."""
        key = (page, href)
        if (found := self._resolved.get(key)) is None:
            found = self._resolved[key] = self._resolve(page, href)
        return found

    def _resolve(self, page: str, href: str | None) -> Target:
        text = re.sub(r"[\t\n\r]", "", href or "").strip()  # browsers drop these inside URLs
        lower = text.lower()
        if not text or text.startswith(("#", "?")) or lower.startswith(IGNORED_SCHEMES):
            return Target("none")
        if FILE_PATH.match(text):
            return Target("outside", text)
        host, served = _host_and_path(text)
        if (host is None and SCHEME.match(text)) or (host is not None and host not in self.served_at):
            return Target("external", text)
        found = self._resolve_path(page, host, text, unquote(re.split(r"[?#]", served, maxsplit=1)[0]))
        if found.kind == "missing" and "%" in served and self.renamed:  # caf%E9.html: a Windows-1252 name
            found = self._resolve_path(page, host, text, unquote(re.split(r"[?#]", served, maxsplit=1)[0],
                                                                 encoding="cp1252", errors="replace"))
        return found

    def _resolve_path(self, page: str, host: str | None, text: str, path: str) -> Target:
        path = path.replace("\\", "/")
        if not path or "\x00" in path:
            return Target("none")
        if host is not None or path.startswith("/"):  # from the site's root (the host is the site itself)
            prefix = self.served_at.get(host or "", "")
            joined = path.lstrip("/")
            joined = joined[len(prefix) + 1:] if prefix and joined.startswith(prefix + "/") else joined
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        rel = posixpath.normpath(joined) if joined else "."
        if rel == ".." or rel.startswith("../") or rel.startswith("/"):
            rest = re.sub(r"^(?:\.\./)+|^/+", "", rel)
            if "\\" not in text and not self._written_on_windows(page) and not self._served_at_a_root() and (
                    not is_image(rest) or self._page_above):
                return Target("outside", text)  # a gallery saved out of a bigger site: '../index.html' is its home
            # a page written on Windows (`..\0001/7.htm` and `../ansedel.gif` on a root page: ahnlund), or any page
            # of a folder that was a web server's root (village-barva-se: ../midsommar2023.jpg), or a picture on a
            # page of a folder whose pages link no page above it (the whole site), was browsed from that root, where
            # a browser stops '..': when the file is there, it is meant; else the link leads above
            clamped = self._lookup(rest) if rest not in ("", "..") else Target("missing", rest)
            return clamped if clamped.kind == "file" else Target("outside", text)
        return self._lookup("" if rel == "." else rel)

    def learn_addresses(self, urls: list[str]) -> None:
        """Learn from the pages' absolute links where the site was served (http://www.our-family.com/~tom/),
        so that they lead to the saved files: a host counts when its links name two of them, or an image."""
        votes: dict[str, dict[str, set[str]]] = {}
        for url in urls:
            host, path = _host_and_path(url)
            if host is None and not url.startswith("/"):
                continue
            parts = [p for p in unquote(re.split(r"[?#]", path, maxsplit=1)[0]).split("/") if p]
            for start in range(len(parts)):
                found = self._lookup("/".join(parts[start:]))
                if found.is_file:
                    votes.setdefault(host or "", {}).setdefault("/".join(parts[:start]), set()).add(found.path)
                    break
        for host, prefixes in votes.items():
            prefix, files = max(prefixes.items(), key=lambda pair: len(pair[1]))
            if host == "" or len(files) >= 2 or any(is_image(f) for f in files):
                self.served_at[host] = prefix
        self._resolved.clear()  # where links lead changes with the site's address

    def _served_at_a_root(self) -> bool:
        """The pages' links to the site's own address name its files at the folder's top (learn_addresses)."""
        return any(host and not prefix for host, prefix in self.served_at.items())

    def learn_links_above(self, links: Iterable[tuple[str, str]]) -> None:
        """Learn from the pages' links that climb ((page, '../index.html'), as parsed) whether some page links a page
        above the folder: the bigger site a gallery was saved out of. When none does, the folder was the whole site:
        a picture '../photos/x.jpg' on a top page showed, since a browser stops '..' at the site's root, and it is
        the folder's photos/x.jpg."""
        self._page_above = any(_leads_above(page, href) for page, href in links)
        self._resolved.clear()  # where a climbing link leads depends on it

    def _written_on_windows(self, page: str) -> bool:
        """The page writes links with backslashes ('..\\0001/7.htm'): its author's program ran on Windows."""
        if page not in self._windows_pages:
            try:
                self._windows_pages[page] = page in self.files and b"..\\" in self.files[page].read_bytes()
            except OSError:
                self._windows_pages[page] = False
        return self._windows_pages[page]

    def xml_files_in(self, folder: str) -> list[str]:
        """The XML files in one folder of the site, by name: asked for each page, listed once (the site's every
        file for each of 1,700 pages of a Gramps site was 3.6 million looks, most of its import's minutes)."""
        if self._xml_files is None:
            self._xml_files = {}
            for rel in sorted(self.files):
                if rel.casefold().endswith(".xml"):
                    self._xml_files.setdefault(posixpath.dirname(rel), []).append(rel)
        return self._xml_files.get(folder, [])

    def file_named(self, rel: str) -> str | None:
        """The site's file at `rel`, its case ignored when the exact name is missing (as the old server did)."""
        found = self._lookup(rel)
        return found.path if found.is_file else None

    def _lookup(self, rel: str) -> Target:
        if rel in self.files:
            return Target("file", rel)
        folder = rel if rel in self.folders else None
        if folder is not None:
            for name in INDEX_NAMES:
                index = posixpath.join(folder, name) if folder else name
                if index in self.files:
                    return Target("file", index)
        if rel.casefold() in self._folded:
            return Target("file", self._folded[rel.casefold()], asked=rel)
        return Target("missing", rel)

    def size(self, rel: str) -> tuple[int, int] | None:
        """An image's width and height in pixels; None when it can't be read."""
        if rel not in self._sizes:
            self._sizes[rel] = _image_size(self.files[rel]) if rel in self.files else None
        return self._sizes[rel]

    def digest(self, rel: str) -> str:
        """The sha256 of a file's bytes: the same photo saved in two folders has one digest."""
        if rel not in self._digests:
            self._digests[rel] = file_sha256(self.files[rel]) if rel in self.files else f"missing:{rel}"
        return self._digests[rel]


    def fingerprint(self, rel: str) -> Fingerprint | None:
        """What the picture looks like, whatever its size or JPEG quality (None when it can't be read)."""
        if rel not in self._fingerprints:
            size = self.size(rel)
            self._fingerprints[rel] = fingerprint_of(self.files[rel], size) if size is not None else None
        return self._fingerprints[rel]


    def drawn(self, rel: str) -> bool:
        """The picture is a drawn text box or shape, not a photo (drawn_pictures.py)."""
        if rel not in self._drawn:
            self._drawn[rel] = rel in self.files and is_drawn(self.files[rel])
        return self._drawn[rel]

    def palette(self, rel: str) -> bool:
        """The picture's file is a GIF or a PNG of a palette: 256 colours at most, a drawn or web-saved picture
        (a logo, an emblem), never a camera's JPEG. False when it can't be read."""
        if rel not in self._palette:
            self._palette[rel] = rel in self.files and _palette_file(self.files[rel])
        return self._palette[rel]


def _palette_file(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            return image.format == "GIF" or (image.format == "PNG" and image.mode in ("P", "1"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def _leads_above(page: str, href: str) -> bool:
    """The link leads to a file above the folder that is no picture ('../index.html', '../../news.htm')."""
    path = re.split(r"[?#]", href.replace("\\", "/"), maxsplit=1)[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return (joined == ".." or joined.startswith("../")) and not is_image(joined)


def _host_and_path(url: str) -> tuple[str | None, str]:
    """('www.example.org' without 'www.', '/path') for http(s) and // URLs; (None, url) for the rest."""
    match = re.match(r"(?i)^(?:https?:)?//([^/?#]*)(.*)$", url)
    if not match:
        return None, url
    host = match.group(1).lower().split("@")[-1].split(":")[0]
    return host.removeprefix("www."), match.group(2) or "/"


def is_page(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in PAGE_SUFFIXES


def is_image(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in IMAGE_SUFFIXES


def _image_size(path: Path) -> tuple[int, int] | None:
    try:
        info = probe(path)
    except ImageProblem:
        return None
    return info.width, info.height

