"""What needs a person: the findings `albumen check`, `albumen import` and the studio's review page list.

None of them is an error: the archive builds as it is. They are what a family would fix if it knew: images in
images/ that no item shows, photos that look nearly the same, captions, titles or alt texts that are only a
file name, and photos without alt text, a date or a place. `albumen check` notes the first two (see
note_findings); the studio lists them all.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from albumen.file_names import names_a_file, own_names
from albumen.fingerprint import Fingerprint, near_duplicate_groups
from albumen.fingerprint_cache import FingerprintCache, Picture
from albumen.markup import plain_text
from albumen.problems import Problems
from albumen.records import Archive, Item
from albumen.stages.check import CheckedArchive

Kind = Literal["unused-image", "near-duplicate", "file-name-text", "missing-alt", "no-date", "no-place"]
CHECK_KINDS: frozenset[Kind] = frozenset({"unused-image", "near-duplicate"})  # what `albumen check` notes
# The files images/ may hold that are pictures (what an item can show); a README or .DS_Store there is no photo.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp", ".heic",
                    ".heif", ".avif", ".jp2"}
TURN_OFF = "set `near_duplicates = false` under [check] in albumen.toml to stop this note"


@dataclass(frozen=True)
class Finding:
    """One thing for a person to look at, located in the file where it is fixed."""

    kind: Kind
    file: str  # the item file (items/x.md), or the image under images/ that no item shows
    line: int | None  # the line of the field it is about, when the field is there
    message: str  # in words a family understands, saying what to do
    item: str = ""  # the item's id ('' for an unused image)
    others: tuple[str, ...] = ()  # near duplicates: the ids of the other items that look like this one


def review(root: Path, checked: CheckedArchive, *, cache: FingerprintCache | None = None,
           near_duplicates: bool = True, advance: Callable[[int, int], None] | None = None) -> list[Finding]:
    """Every finding of the archive: unused images, near-duplicate photos (unless turned off), then, item by item,
    file names as text, missing alt text, date and place. `cache` keeps the fingerprints (None: made and forgotten)."""
    found = unused_images(root, checked.archive)
    if near_duplicates:
        found += near_duplicate_photos(root, checked, cache, advance)
    for item in checked.archive.items:
        found += item_findings(item)
    return found


def note_findings(findings: list[Finding], problems: Problems) -> None:
    """The findings `albumen check` prints, as notes: unused images and near-duplicate photos."""
    for finding in findings:
        if finding.kind in CHECK_KINDS:
            message = f"{finding.message}; {TURN_OFF}" if finding.kind == "near-duplicate" else finding.message
            problems.note(finding.file, finding.line, message)


def note_for_check(root: Path, checked: CheckedArchive, problems: Problems, *, near_duplicates: bool,
                   advance: Callable[[int, int], None] | None = None) -> None:
    """`albumen check`'s notes, with the fingerprints kept in the archive's .albumen folder once a build or an
    import has made it (check itself makes nothing in an archive: test_check.py::test_check_writes_nothing)."""
    cache_dir = root / ".albumen"
    cache = FingerprintCache(cache_dir if cache_dir.is_dir() and not cache_dir.is_symlink() else None)
    try:
        findings = unused_images(root, checked.archive)
        if near_duplicates:
            findings += near_duplicate_photos(root, checked, cache, advance)
    finally:
        cache.close()
    note_findings(findings, problems)


# -- images no item shows ------------------------------------------------------------------------------------

def unused_images(root: Path, archive: Archive) -> list[Finding]:
    """The pictures under images/ that no item names, in path order."""
    # NFC: an item names 'café.jpg' as typed, the Mac wrote the file's name decomposed (check finds it so too).
    used = {_folded(item.image) for item in archive.items if item.image}
    return [Finding("unused-image", f"images/{path}", None,
                    f"no item shows this image: make one for it (items/ID.md with `image: {path}`, or `albumen "
                    "import photos` for a folder of them), or move it out of images/ if it is not for the site")
            for path in sorted(_pictures_under(root / "images")) if _folded(path) not in used]


def _pictures_under(base: Path) -> Iterator[str]:
    """Paths (relative, forward slashes) of the picture files under `base`; hidden files and folders skipped."""
    for folder, folders, files in os.walk(base):  # links to folders are not followed: a loop ends
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if not name.startswith(".") and PurePosixPath(name).suffix.casefold() in PICTURE_SUFFIXES:
                yield (Path(folder) / name).relative_to(base).as_posix()


def _folded(path: str) -> str:
    return unicodedata.normalize("NFC", path.replace("\\", "/"))


# -- photos that look nearly the same --------------------------------------------------------------------------

def near_duplicate_photos(root: Path, checked: CheckedArchive, cache: FingerprintCache | None = None,
                          advance: Callable[[int, int], None] | None = None) -> list[Finding]:
    """A finding per group of items whose pictures look nearly the same (Fingerprint.near_duplicate), at the
    first item's `image:` line, naming the others. Only the items whose image opened in check take part."""
    items = [item for item in checked.archive.items if item.id in checked.images]
    pictures = [Picture(f"images/{item.image}", root / "images" / item.image,
                        (checked.images[item.id].width, checked.images[item.id].height)) for item in items]
    prints = (cache or FingerprintCache(None)).fingerprints(pictures, advance)
    found = []
    for group in near_duplicate_groups(prints):
        first, others = items[group[0]], [items[index] for index in group[1:]]
        same = all(_same_picture(prints[group[0]], prints[index]) for index in group[1:])
        found.append(Finding("near-duplicate", first.file, first.lines.get("image"),
                             _near_duplicate_message(first, others, same), first.id,
                             tuple(other.id for other in others)))
    return found


def _same_picture(first: Fingerprint | None, second: Fingerprint | None) -> bool:
    return first is not None and second is not None and first.same_picture(second)


def _near_duplicate_message(first: Item, others: list[Item], same: bool) -> str:
    if all(other.image == first.image for other in others):
        return (f"shows the same image file (images/{first.image}) as {_listed([other.file for other in others])}: "
                "if they are one photograph, keep one of the item files")
    names = _listed([f"{other.file} (images/{other.image})" for other in others])
    if same:
        return (f"the same picture as {names}, perhaps at another size or saved again: if it is one photograph, "
                "keep one of the item files")
    return (f"looks nearly the same as {names}: one photograph saved twice, or two frames of one scene? Keep both "
            "if they differ, else one of the item files")


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# -- what each item lacks ----------------------------------------------------------------------------------------

def item_findings(item: Item) -> list[Finding]:
    """The item's captions, titles or alt texts that are only a file name; missing alt text, date and place."""
    found = []
    names = own_names([item.image]) if item.image else set()
    texts = (("title", "title", item.title if "title" in item.lines else ""),
             ("caption", "body", plain_text(item.caption)), ("alt text", "alt", item.alt))
    for what, field, text in texts:
        if text.strip() and names_a_file(text, names):
            found.append(Finding("file-name-text", item.file, item.lines.get(field),
                                 f"the {what} “{text.strip()[:80]}” is only a file name: write what the photo "
                                 f"shows{'' if what == 'title' else ', or leave it out'}", item.id))
    if not item.alt.strip():
        found.append(Finding("missing-alt", item.file, item.lines.get("alt"), "no alt text: add `alt:` with a "
                             "sentence saying what the photo shows, for readers who can't see it (screen readers "
                             "read it aloud)", item.id))
    if item.date is None:
        found.append(Finding("no-date", item.file, item.lines.get("date"), "no date: add `date:` (1944; 1944-10 "
                             "for October 1944; 1944-23 for autumn 1944; 1944? when unsure; 194X for the 1940s)",
                             item.id))
    if not item.places:
        found.append(Finding("no-place", item.file, item.lines.get("places"), "no place: add `places:` with where "
                             "the photo was taken (a place of places.yaml, or a town's name)", item.id))
    return found
