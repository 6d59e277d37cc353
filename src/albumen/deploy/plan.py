"""What to send: the site's files by hash, the manifest of what a target holds, and the plan between them."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from albumen.hashing import file_sha256
from albumen.reporter import Advance

# Kept on the target, beside the site's files, and written last: what the target holds (path -> SHA-256).
MANIFEST_NAME = ".albumen-deploy.json"
MANIFEST_VERSION = 1

# Pages are sent after the files they show (images, scripts, styles, search index), the front page last:
# a visitor during a deploy meets an old page or a new one whose media are already there, never a broken one.
PAGE_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to _site/, with forward slashes
    sha256: str
    size: int


@dataclass(frozen=True)
class Plan:
    uploads: tuple[SiteFile, ...]  # in the order they are sent
    deletes: tuple[str, ...]  # stale files the manifest names, removed after every upload
    unchanged: int

    @property
    def nothing_to_do(self) -> bool:
        return not self.uploads and not self.deletes

    @property
    def upload_bytes(self) -> int:
        return sum(file.size for file in self.uploads)


class ManifestUnreadable(Exception):
    """The target's manifest is not one albumen wrote; everything is sent again."""


def site_files(site: Path, advance: Advance | None = None) -> dict[str, SiteFile]:
    """Every regular file under `site`, by its path relative to it (symbolic links are followed)."""
    paths = [path for path in sorted(site.rglob("*")) if path.is_file()]
    found: dict[str, SiteFile] = {}
    for done, path in enumerate(paths, 1):
        rel = path.relative_to(site).as_posix()
        if rel != MANIFEST_NAME:
            found[rel] = SiteFile(rel, file_sha256(path), path.stat().st_size)
        if advance is not None:
            advance(done, len(paths))
    return found


def plan_deploy(site: Mapping[str, SiteFile], held: Mapping[str, str]) -> Plan:
    """Send what the target lacks or holds in another version; delete what it holds that the site no longer has."""
    uploads = [file for path, file in site.items() if held.get(path) != file.sha256]
    uploads.sort(key=lambda file: upload_order(file.path))
    deletes = sorted((path for path in held if path not in site), key=lambda p: (-p.count("/"), p))
    return Plan(tuple(uploads), tuple(deletes), len(site) - len(uploads))


def upload_order(path: str) -> tuple[int, int, str]:
    """Media, scripts and data first; then pages, deepest first; the front page (index.html) last."""
    if not path.endswith(PAGE_SUFFIXES):
        return (0, 0, path)
    if path == "index.html":
        return (2, 0, path)
    return (1, -path.count("/"), path)


def stale_folders(deleted: list[str], site: Mapping[str, SiteFile]) -> list[str]:
    """Folders of deleted files that the site no longer has any file in, deepest first."""
    kept = {posixpath.dirname(path) for path in site}
    kept |= {parent for folder in list(kept) for parent in _parents(folder)}
    stale = {folder for path in deleted for folder in _parents(posixpath.dirname(path))} - kept
    return sorted(stale, key=lambda folder: (-folder.count("/"), folder))


def _parents(folder: str) -> list[str]:
    """'a/b/c' -> ['a/b/c', 'a/b', 'a']; '' -> []."""
    parents = []
    while folder:
        parents.append(folder)
        folder = posixpath.dirname(folder)
    return parents


def manifest_bytes(held: Mapping[str, str]) -> bytes:
    """The manifest as stored: sorted, one file a line, so that a person (or diff) can read it."""
    document = {"albumen_deploy": MANIFEST_VERSION, "files": dict(sorted(held.items()))}
    return (json.dumps(document, indent=0, ensure_ascii=False) + "\n").encode("utf-8")


def parse_manifest(data: bytes | None) -> dict[str, str]:
    """What the target holds, by the manifest's bytes (None: no manifest, an empty target for albumen).

    Only safe relative paths are kept: a manifest edited by hand (or by someone else) must never make a
    deploy delete a file outside the target's folder.
    """
    if data is None:
        return {}
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestUnreadable(str(exc)) from None
    if not isinstance(document, dict) or document.get("albumen_deploy") != MANIFEST_VERSION:
        raise ManifestUnreadable("not an albumen deploy manifest of a version this albumen knows")
    files = document.get("files")
    if not isinstance(files, dict):
        raise ManifestUnreadable("it has no list of files")
    return {path: sha for path, sha in files.items()
            if isinstance(sha, str) and is_safe_path(path) and path != MANIFEST_NAME}


def is_safe_path(path: object) -> bool:
    """A relative path with forward slashes that stays inside its folder."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))
