"""The theme's files, shared by the site model and the render stage: where they are, what they hash to, which
front-end libraries set-up installed, and their copy into a built site (our own CSS and JS, the libraries
copied from npm into theme/vendor/, and an archive's own theme/static/ over them).

An archive may hold `theme/templates/` and `theme/static/` (as mkdocs' custom_dir): a file there is used
instead of the package's of the same name. Nothing outside the archive is ever read through them: a symlink
that leads out is left out (and `albumen check` names it)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from albumen import outlines
from albumen.problems import AlbumenError

THEME = files("albumen") / "theme"
ARCHIVE_THEME = "theme"  # the archive's folder of overrides, beside albumen.toml
ARCHIVE_FOLDERS = ("templates", "static")
# What the map and deep zoom need of the libraries (make setup or the wheel put them in theme/vendor/).
LIBRARY_FILES = ("leaflet/leaflet.js", "leaflet.markercluster/leaflet.markercluster.js",
                 "openseadragon/openseadragon.min.js", "minisearch/minisearch.js",
                 "topojson-client/topojson-client.min.js", "world-atlas/countries-50m.js")


@dataclass(frozen=True)
class ArchiveTheme:
    """An archive's theme/ folder; `digest` covers every file in it, so an edited override renders every page
    again (it is part of the Config, hence of the output setting)."""

    root: Path  # the archive
    digest: str = ""  # "" when the archive has no theme/ folder

    @property
    def templates(self) -> Path | None:
        return self._folder("templates")

    @property
    def static(self) -> Path | None:
        return self._folder("static")

    def _folder(self, name: str) -> Path | None:
        folder = self.root / ARCHIVE_THEME / name
        return folder if self.digest and folder.is_dir() and inside(folder, self.root) else None


def archive_theme(root: Path) -> ArchiveTheme:
    """The archive's theme/ folder with the digest of its files (no folder: an empty digest)."""
    digest = hashlib.sha256()
    found = False
    for rel, path in archive_theme_files(root):
        found = True
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:  # named by albumen check; the digest still changes when it becomes readable
            digest.update(f"unreadable: {exc.strerror}".encode())
        digest.update(b"\0")
    return ArchiveTheme(root, digest.hexdigest() if found else "")


def archive_theme_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(theme/templates/... or theme/static/..., path) of each regular file of the archive's theme that stays
    inside the archive, in name order."""
    for folder in ARCHIVE_FOLDERS:
        base = root / ARCHIVE_THEME / folder
        if base.is_dir() and inside(base, root):
            for path in _walk(base):
                if path.is_file() and inside(path, root):
                    yield f"{ARCHIVE_THEME}/{folder}/{path.relative_to(base).as_posix()}", path


def escaping_theme_files(root: Path) -> list[str]:
    """The archive theme's entries (theme/ itself, its folders, their files) that lead outside the archive."""
    escaping = []
    theme = root / ARCHIVE_THEME
    for entry in [theme] + [theme / f for f in ARCHIVE_FOLDERS]:
        if os.path.lexists(entry) and not inside(entry, root):
            escaping.append(entry.relative_to(root).as_posix())
    if escaping:
        return escaping
    for folder in ARCHIVE_FOLDERS:
        if (theme / folder).is_dir():
            escaping += [p.relative_to(root).as_posix() for p in _walk(theme / folder) if not inside(p, root)]
    return escaping


def inside(path: Path, root: Path) -> bool:
    """True when `path`, its symlinks followed, is within the archive `root`."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under `folder`, in name order; folders that lead outside (symlinks) are not entered."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # an editor's swap file, .DS_Store: not part of the look
        yield entry
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)


def theme_digest() -> str:
    """A hash of the package theme's files, its translations and its provinces (the map areas on pages come from
    them): a new template, stylesheet, translated word or outline means a site to rebuild."""
    digest = hashlib.sha256()
    stack: list[Traversable] = [THEME, files("albumen") / "locale", outlines.PROVINCES]
    while stack:
        entry = stack.pop()
        if entry.is_dir():
            stack.extend(sorted(entry.iterdir(), key=lambda e: e.name))
        elif entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def missing_libraries() -> list[str]:
    """The files of the front-end libraries this installation lacks (theme/vendor/...)."""
    return [f"theme/vendor/{name}" for name in LIBRARY_FILES if not (THEME / "vendor" / name).is_file()]


def map_installed() -> bool:
    """Leaflet comes from npm at set-up (or with the wheel); a build without it stops (copy_static)."""
    return (THEME / "vendor" / "leaflet" / "leaflet.js").is_file()


def viewer_installed() -> bool:
    """The deep-zoom viewer comes from npm at set-up (or with the wheel); a build without it stops."""
    return (THEME / "vendor" / "openseadragon" / "openseadragon.min.js").is_file()


def copy_static(write: Callable[[str, bytes], object], prefix: str, theme: ArchiveTheme | None = None) -> None:
    """Our own CSS and JS, the front-end libraries set-up copied from npm into theme/vendor/, and the archive's
    theme/static/ (a file there replaces ours of the same name), each file given to `write` (a site path under
    `prefix`, its bytes). Without the libraries the map and deep zoom would be missing: that is an error."""
    missing = missing_libraries()
    if missing:
        raise AlbumenError(
            f"this installation of albumen lacks its front-end libraries (the map, deep zoom and search from a "
            f"folder need them): {', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''} not found in "
            f"{THEME}. Install albumen from its wheel (pip install albumen), or in a source checkout run "
            "`make setup` (npm ci, then python scripts/vendor_assets.py)")
    sources: dict[str, Traversable | Path] = {}
    _gather(THEME / "static", prefix, sources)
    # write_provinces writes the site's own countries' provinces; a vendor/provinces/ left by an older set-up (all
    # of them, 3.7 MB) must not go into every site.
    _gather(THEME / "vendor", f"{prefix}/vendor", sources, skip={outlines.PROVINCES_FOLDER})
    if theme is not None and theme.static is not None:
        for rel, path in archive_theme_files(theme.root):
            if rel.startswith(f"{ARCHIVE_THEME}/static/"):
                sources[f"{prefix}/{rel.removeprefix(f'{ARCHIVE_THEME}/static/')}"] = path
    for site_path, source in sources.items():
        write(site_path, source.read_bytes())


def _gather(source: Traversable, prefix: str, found: dict[str, Traversable | Path],
            skip: frozenset[str] | set[str] = frozenset()) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name in skip:
            continue
        if entry.is_dir():
            _gather(entry, f"{prefix}/{entry.name}", found)
        elif entry.is_file():
            found[f"{prefix}/{entry.name}"] = entry
