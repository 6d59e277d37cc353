"""check: references resolve, images exist inside images/ and open, ids are unique, dates parse.

`albumen check` stops here. The result is the archive with place names resolved to ids.
"""

from __future__ import annotations

import difflib
import functools
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from albumen.ids import RESERVED_PAGE_IDS
from albumen.images import ImageInfo, ImageProblem, probe
from albumen.markup import embedded_images, references
from albumen.problems import Problems
from albumen.reading import regular_file_problem
from albumen.real_paths import RealPaths
from albumen.records import Archive, Item, ItemImage, Page, Place, Topic, image_key
from albumen.urls import redirect_file, taken_by_the_site

# A town in a county in a state in a country in a continent needs five; pages walk the chain up, and a
# 300-level chain crashed the build (RecursionError). Found by tests/test_trust_hostile.py.
MAX_PLACE_DEPTH = 32


@dataclass(frozen=True)
class CheckedArchive:
    archive: Archive
    # records.image_key (the item's id for its first image, 'ID/N' for the others) -> the size of that original,
    # for the images that open
    images: dict[str, ImageInfo]


# What a build knew of an image file the last time (its size, if the file is unchanged): probing 10,000 headers
# was a second of every build. stages/catalog.py answers it from the originals it hashed.
KnownSize = Callable[[str, os.stat_result], ImageInfo | None]


def check_archive(root: Path, archive: Archive, problems: Problems, sizes: KnownSize | None = None
                  ) -> CheckedArchive:
    place_index = _place_index(archive.places)
    _check_place_parents(archive.places, problems)
    topic_ids = {t.id for t in archive.topics}
    item_ids = {i.id for i in archive.items}
    known = {"item": item_ids, "topic": topic_ids, "place": {p.id for p in archive.places}}

    items = []
    for item in archive.items:
        places = _resolve_places(item, place_index, problems)
        for topic_id in item.topics:
            if topic_id not in topic_ids:
                problems.error(item.file, item.lines.get("topics"),
                               f"unknown topic '{topic_id}'{_did_you_mean(topic_id, topic_ids)}; "
                               f"topics are the files in topics/ (add topics/{topic_id}.md)")
        _check_references(item.file, item.caption, item.lines.get("body", 1), known, problems)
        items.append(replace(item, places=places))

    for topic in archive.topics:
        _check_topic_items(topic, item_ids, problems)
        _check_references(topic.file, topic.narrative, topic.lines.get("body", 1), known, problems)
    for page in archive.pages:
        if page.id in RESERVED_PAGE_IDS:
            problems.error(page.file, None, f"'{page.id}' is a name the site uses for its own pages; "
                           "rename this file")
        _check_references(page.file, page.body, page.lines.get("body", 1), known, problems)

    _check_redirects(archive, problems)
    images = {}
    finder = _ImageFinder(root)
    for index, item in enumerate(items):
        item = items[index] = _images_as_on_disk(root, item, finder)
        for number in range(1, len(item.images) + 1):
            info = _check_image(root, item, number, problems, finder, sizes)
            if info is not None:
                images[image_key(item.id, number)] = info
    checked = replace(archive, items=tuple(items))
    return CheckedArchive(checked, images)


def note_settings(base_url: str, problems: Problems) -> None:
    """Notes on the settings for `albumen check`: what the site will lack, and why."""
    if not base_url.strip():
        problems.note("albumen.toml", None, "base_url is empty, so the site gets no feed.xml and no sitemap.xml, "
                      "and its IIIF ids point at the preview address http://127.0.0.1:8000/; set base_url = "
                      "\"https://...\" to the site's address once it has one")


def _place_index(places: tuple[Place, ...]) -> dict[str, str]:
    """Every way to name a place (id, name, other names; ignoring case and Unicode normalisation) -> its id."""
    index: dict[str, str] = {}
    for place in places:
        for name in (place.name, *place.other_names):
            index.setdefault(_folded(name), place.id)
    for place in places:
        index[_folded(place.id)] = place.id
    return index


def _folded(name: str) -> str:
    # NFC too: a name typed on a Mac (NFD) is the same name. Found by tests/test_bad_names.py.
    return unicodedata.normalize("NFC", name.casefold())


def _resolve_places(item: Item, index: dict[str, str], problems: Problems) -> tuple[str, ...]:
    resolved = []
    for name in item.places:
        place_id = index.get(_folded(name))
        if place_id is None:
            problems.error(item.file, item.lines.get("places"),
                           f"unknown place '{name}'{_did_you_mean(name, set(index))}; add it to "
                           "places.yaml (id, name, lat, lon)")
        elif place_id not in resolved:
            resolved.append(place_id)
    return tuple(resolved)


def _check_place_parents(places: tuple[Place, ...], problems: Problems) -> None:
    parents = {p.id: p.parent for p in places}
    for place in places:
        if place.parent is not None and place.parent not in parents:
            problems.error("places.yaml", place.line, f"place '{place.id}' has unknown parent "
                           f"'{place.parent}'{_did_you_mean(place.parent, set(parents))}")
            continue
        seen, current = {place.id}, place.parent
        while current is not None and current in parents:
            if current in seen:
                problems.error("places.yaml", place.line, f"place '{place.id}' is inside itself: its "
                               "parents go round in a circle; fix one 'parent:'")
                break
            if len(seen) > MAX_PLACE_DEPTH:
                problems.error("places.yaml", place.line, f"place '{place.id}' is nested too deep: more than "
                               f"{MAX_PLACE_DEPTH} places above it (parent of parent ...); give it a nearer "
                               "'parent:'")
                break
            seen.add(current)
            current = parents[current]


def _check_redirects(archive: Archive, problems: Problems) -> None:
    """Old paths must not clash with the site's own pages, nor lead to two places."""
    # Case-folded: on a Mac, Windows or FAT disk, Items/x.html would land inside the site's items/.
    taken = {name.casefold() for name in RESERVED_PAGE_IDS | {p.id for p in archive.pages} | {"index.html"}}
    files: dict[str, tuple[str, str]] = {}  # the file each old path becomes (case-folded) -> (path, record)
    folders: dict[str, str] = {}  # every folder those files need -> the old path that needs it
    records: list[Item | Topic | Page] = [*archive.items, *archive.topics, *archive.pages]
    for record in records:
        for old in record.redirect_from:
            file = redirect_file(old).casefold()
            parents = ["/".join(file.split("/")[:n]) for n in range(1, file.count("/") + 1)]
            files.setdefault(file, (old, record.file))
            for parent in parents:
                folders.setdefault(parent, old)
    for record in records:
        line = record.lines.get("redirect_from")
        for old in record.redirect_from:
            file = redirect_file(old).casefold()
            first_old, first_record = files[file]
            if taken_by_the_site(old, taken):
                problems.error(record.file, line, f"old path '{old}' is where the site puts its own pages; "
                               "remove it from redirect_from")
            elif first_record != record.file:  # within one record, Photo.JPG and photo.jpg lead to one place
                problems.error(record.file, line, f"old path '{old}' is the same page as '{first_old}' in "
                               f"{first_record}; keep one of them")
            elif file in folders:
                problems.error(record.file, line, f"old path '{old}' is also a folder of old path "
                               f"'{folders[file]}'; a site can't have both: remove one")


def _check_topic_items(topic: Topic, item_ids: set[str], problems: Problems) -> None:
    seen = set()
    for item_id in topic.items or ():
        if item_id not in item_ids:
            problems.error(topic.file, topic.lines.get("items"),
                           f"unknown item '{item_id}'{_did_you_mean(item_id, item_ids)}; items are the "
                           "files in items/")
        elif item_id in seen:
            problems.warning(topic.file, topic.lines.get("items"), f"item '{item_id}' is listed twice")
        seen.add(item_id)


def _check_references(source: str, text: str, first_line: int, known: dict[str, set[str]],
                      problems: Problems) -> None:
    for image in embedded_images(text):
        if image.target.startswith("item:"):
            advice = f"write [words]({image.target}) to link that photograph"
        else:
            advice = "add the picture as an item (items/ID.md) and link it with [words](item:ID)"
        problems.warning(source, first_line + image.line, f"images in text are not shown (the site shows no "
                         f"picture from elsewhere), only their words: {advice}")
    for ref in references(text):
        if ref.target not in known[ref.scheme]:
            problems.error(source, first_line + ref.line,
                           f"link to unknown {ref.scheme} '{ref.target}'"
                           f"{_did_you_mean(ref.target, known[ref.scheme])}")


def _check_image(root: Path, item: Item, number: int, problems: Problems, finder: _ImageFinder,
                 sizes: KnownSize | None = None) -> ImageInfo | None:
    """Image `number` (1-based) of the item: inside images/, there, a file, and it opens; else a located error."""
    image = item.images[number - 1].path
    if not image:
        return None  # reported by load as a missing field
    line = item.image_line(number - 1)
    path = image_path(root, image)
    if path is None:
        problems.error(item.file, line, f"image '{image}' must be a path inside images/, written "
                       "relative to it (e.g. ichigo/mother.jpg), with no '..' or leading '/'")
        return None
    try:
        found = path.is_file()
    except OSError as exc:
        # Path.is_file() raises (on Python < 3.14) for a name longer than the file system allows
        # (ENAMETOOLONG) or a folder it may not enter: a located problem, not an internal error.
        # Found by tests/test_properties.py.
        problems.error(item.file, line, f"can't look for image '{image[:80]}': {exc.strerror}; use a "
                       "shorter name (and folders that can be opened) under images/")
        return None
    if not found:
        # A FIFO (opening it would wait forever), a link that loops or a folder is there but is no image.
        odd = regular_file_problem(path) if os.path.lexists(path) else None
        if odd is not None:
            problems.error(item.file, line, f"image images/{image}: {odd}")
        else:
            problems.error(item.file, line, f"image not found: images/{image}{finder.suggest(image)}")
        return None
    if not finder.real.of(path).is_relative_to(finder.images_dir):
        problems.error(item.file, line, f"image '{image}' is a link that points outside images/; "
                       "copy the file into images/ instead")
        return None
    size = sizes(image, path.stat()) if sizes is not None else None
    if size is not None:
        return size
    try:
        return probe(path)
    except ImageProblem as exc:
        problems.image_error(f"images/{image}", f"{exc} (used by {item.file})")
        return None


def _images_as_on_disk(root: Path, item: Item, finder: _ImageFinder) -> Item:
    """The item with each image named as the file is on disk, when the two differ only in Unicode normalisation.

    A Mac writes 'café.jpg' as c-a-f-e + combining accent (NFD), while an editor writes the é as one character
    (NFC): the same name to a person (and to macOS), but not to Linux, where the copied archive then failed with
    "image not found: images/café.jpg (did you mean 'café.jpg'?)". Found by tests/test_bad_names.py.
    """
    images = tuple(ItemImage(_as_on_disk(root, image.path, finder), image.label) for image in item.images)
    return item if images == item.images else replace(item, image=images[0].path, images=images)


def _as_on_disk(root: Path, image: str, finder: _ImageFinder) -> str:
    path = image_path(root, image)
    try:
        if path is None or path.is_file():
            return image
    except OSError:
        return image  # reported by _check_image
    return finder.same_name(image) or image


@functools.lru_cache(maxsize=1 << 17)  # check looks each image up twice and catalog once: 30,000 paths made at 10,000
def image_path(root: Path, image: str) -> Path | None:
    """images/<image>, or None when the text tries to leave images/ (absolute, '..', a drive letter)."""
    text = image.replace("\\", "/")
    pure = PurePosixPath(text)
    # "." and "./" have no parts at all: they name images/ itself (and crashed the check). Found by
    # tests/test_trust_hostile.py.
    if not text or not pure.parts or pure.is_absolute() or ".." in pure.parts or ":" in pure.parts[0]:
        return None
    return root / "images" / pure


class _ImageFinder:
    """Suggestions for a missing image: images/ is listed once, however many images are missing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images_dir = Path(os.path.realpath(root / "images"))  # once, not once per image
        self.real = RealPaths()
        self.files: list[str] | None = None
        self.by_stem: dict[str, str] = {}
        self.by_nfc: dict[str, str] = {}

    def _list(self) -> list[str]:
        if self.files is None:
            self.files = sorted(_files_under(self.root / "images"))
            for name in self.files:  # Photo.JPG for photo.jpg, photo.tif for photo.jpg
                self.by_stem.setdefault(PurePosixPath(name.casefold()).stem, name)
                self.by_nfc.setdefault(unicodedata.normalize("NFC", name), name)
        return self.files

    def same_name(self, image: str) -> str | None:
        """The file under images/ whose name is `image` in another Unicode normalisation (NFC/NFD), if any."""
        if image.isascii():
            return None  # the common case: no listing of images/ needed
        self._list()
        return self.by_nfc.get(unicodedata.normalize("NFC", image))

    def suggest(self, image: str) -> str:
        files = self._list()
        same_name = self.by_stem.get(PurePosixPath(image.casefold()).stem)
        if same_name:
            return f" (did you mean '{same_name}'?)"
        # difflib compares with every file: only worth it (and fast enough) for a modest folder.
        return _did_you_mean(image, set(files)) if len(files) <= 2000 else ""


def _files_under(base: Path) -> set[str]:
    found = set()
    for folder, _, files in os.walk(base):
        for name in files:
            found.add((Path(folder) / name).relative_to(base).as_posix())
    return found


def _did_you_mean(word: str, choices: set[str]) -> str:
    guess = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{guess[0]}'?)" if guess else ""
