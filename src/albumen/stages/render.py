"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from albumen.config import Config
from albumen.iiif import zoom_source
from albumen.markup import plain_text, render_markdown
from albumen.records import Archive, Item, Place, Subject, Topic
from albumen.stages.derive import Derivative, ItemImages
from albumen.stages.publish import link_or_copy
from albumen.urls import image_service_url, manifest_url, media_url, original_url, relative_url

THEME = files("albumen") / "theme"


@dataclass(frozen=True)
class Neighbours:
    """An item's place in one topic's gallery."""

    topic: Topic
    position: int  # 1-based
    count: int
    previous: Item | None
    next: Item | None


@dataclass
class Site:
    """The archive cross-linked for rendering: who belongs where, in which order."""

    config: Config
    archive: Archive
    images: dict[str, ItemImages]
    items: dict[str, Item] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    topic_items: dict[str, list[Item]] = field(default_factory=dict)
    item_topics: dict[str, list[Topic]] = field(default_factory=dict)
    positions: dict[str, dict[str, int]] = field(default_factory=dict)  # topic id -> item id -> index
    places: dict[str, Place] = field(default_factory=dict)
    place_items: dict[str, list[Item]] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    subject_items: dict[str, list[Item]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_date = sorted(self.archive.items, key=_date_key)
        self.items = {i.id: i for i in by_date}
        self.topics = sorted(self.archive.topics, key=lambda t: (_date_key(t), t.title.casefold()))
        for topic in self.topics:
            if topic.items is not None:
                members = [self.items[i] for i in dict.fromkeys(topic.items) if i in self.items]
                listed = set(topic.items)
                members += [i for i in by_date if topic.id in i.topics and i.id not in listed]
            else:
                members = [i for i in by_date if topic.id in i.topics]
            self.topic_items[topic.id] = members
            self.positions[topic.id] = {member.id: n for n, member in enumerate(members)}
            for item in members:
                self.item_topics.setdefault(item.id, []).append(topic)
        self.places = {p.id: p for p in sorted(self.archive.places, key=lambda p: p.name.casefold())}
        for item in by_date:
            for place_id in dict.fromkeys(a for p in item.places for a in self.place_and_ancestors(p)):
                self.place_items.setdefault(place_id, []).append(item)
            for name in item.subjects:
                subject = Subject(slugify(name), name)
                self.subjects.setdefault(subject.id, subject)
                members = self.subject_items.setdefault(subject.id, [])
                if not members or members[-1] is not item:  # "Trains" and "trains" name one subject
                    members.append(item)
        self.subjects = dict(sorted(self.subjects.items(), key=lambda s: s[1].name.casefold()))

    def place_and_ancestors(self, place_id: str) -> list[str]:
        chain, current = [], self.places.get(place_id)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = self.places.get(current.parent) if current.parent else None
        return chain

    def breadcrumb(self, place: Place) -> list[Place]:
        return [self.places[p] for p in reversed(self.place_and_ancestors(place.id))]

    def children(self, place: Place) -> list[Place]:
        return [p for p in self.places.values() if p.parent == place.id]

    def neighbours(self, item: Item) -> list[Neighbours]:
        found = []
        for topic in self.item_topics.get(item.id, []):
            members = self.topic_items[topic.id]
            index = self.positions[topic.id][item.id]
            found.append(Neighbours(
                topic, index + 1, len(members),
                members[index - 1] if index > 0 else None,
                members[index + 1] if index + 1 < len(members) else None,
            ))
        return found

    def cover(self, items: list[Item]) -> Item | None:
        return next((i for i in items if i.id in self.images), None)


def render_site(site: Site, out: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every page and the theme's assets into `out`; return the number of pages."""
    env = _environment()
    pages = list(_pages(site))
    for number, (url, template, context) in enumerate(pages, start=1):
        html = env.get_template(template).render(**_page_context(site, url), **context)
        target = out / url / "index.html" if url.endswith("/") or url == "" else out / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8", newline="\n")
        if progress:
            progress(number, len(pages))
    _copy_static(out / "assets")
    return len(pages)


def write_media(site: Site, out: Path) -> None:
    """Every derivative (and, when offered, the original) linked from the cache into the site."""
    for item in site.items.values():
        images = site.images.get(item.id)
        if images is None:
            continue
        (out / media_url(item, images.largest)).parent.mkdir(parents=True, exist_ok=True)
        for derivative in images.derivatives:
            link_or_copy(derivative.path, out / media_url(item, derivative))
        if site.config.images.download:
            # A copy, never a hard link: editing the site's file must not be able to touch the original.
            target = out / original_url(item)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(images.source, target)


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"}


def write_redirects(site: Site, out: Path) -> int:
    """Old URLs keep working: a redirect page at each old page path, the photo itself at each old image path.

    Runs after everything else is written, and never replaces a file the site itself made.
    """
    template = _environment().get_template("redirect.html")
    written = 0
    records: list[tuple[str, str, tuple[str, ...], Item | None]] = [
        (f"items/{i.id}/", i.title, i.redirect_from, i) for i in site.items.values()]
    records += [(f"topics/{t.id}/", t.title, t.redirect_from, None) for t in site.topics]
    records += [(f"{p.id}/", p.title, p.redirect_from, None) for p in site.archive.pages]
    for url, title, old_paths, item in records:
        for old in old_paths:
            is_image = PurePosixPath(old).suffix.lower() in IMAGE_SUFFIXES
            if is_image and not url.startswith("items/"):
                continue
            page = old + "index.html" if old.endswith("/") else old
            target = out / page
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if is_image:
                images = site.images.get(item.id) if item else None
                if images:
                    link_or_copy(images.largest.path, target)
                    written += 1
                continue
            here = posixpath.dirname(page) + "/" if "/" in page else ""
            html = template.render(config=site.config, title=title, target=relative_url(here, url))
            target.write_text(html, encoding="utf-8", newline="\n")
            written += 1
    return written


def _pages(site: Site) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(url, template, context) for every page of the site."""
    yield "", "home.html", {}
    yield "topics/", "topics.html", {}
    for topic in site.topics:
        yield f"topics/{topic.id}/", "topic.html", {"topic": topic, "members": site.topic_items[topic.id]}
    yield "items/", "items.html", {}
    for item in site.items.values():
        yield f"items/{item.id}/", "item.html", {"item": item, "neighbours": site.neighbours(item)}
    yield "places/", "places.html", {}
    for place in site.places.values():
        yield f"places/{place.id}/", "place.html", {"place": place, "members": site.place_items.get(place.id, [])}
    yield "subjects/", "subjects.html", {}
    for subject in site.subjects.values():
        yield (f"subjects/{subject.id}/", "subject.html",
               {"subject": subject, "members": site.subject_items[subject.id]})
    for page in site.archive.pages:
        yield f"{page.id}/", "page.html", {"page": page}
    yield "search/", "search.html", {}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(THEME / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain_text
    env.filters["excerpt"] = excerpt
    return env


def _page_context(site: Site, url: str) -> dict[str, Any]:
    here = url if url.endswith("/") or url == "" else posixpath.dirname(url) + "/"
    link = partial(relative_url, here)

    def markdown(text: str) -> Markup:
        return render_markdown(text, lambda scheme, target: _record_url(site, link, scheme, target))

    def image(item: Item) -> ItemImages | None:
        return site.images.get(item.id)

    def media(item: Item, derivative: Derivative) -> str:
        return link(media_url(item, derivative))

    def zoom(item: Item) -> dict[str, Any]:
        images = site.images[item.id]
        return zoom_source(images, link(image_service_url(item)), link(media_url(item, images.largest)))

    def srcset(item: Item, derivatives: list[Derivative]) -> str:
        return ", ".join(f"{media(item, d)} {d.width}w" for d in derivatives)

    return {
        "site": site, "config": site.config, "url": url, "link": link, "markdown": markdown,
        "image": image, "media": media, "nav_pages": site.archive.pages, "slugify": slugify,
        "srcset": srcset, "picture_sets": picture_sets,
        "zoom_source": zoom, "viewer": viewer_installed(), "manifest_url": manifest_url, "original_url": original_url,
    }


def _record_url(site: Site, link: Callable[[str], str], scheme: str, target: str) -> str | None:
    known = {"item": site.items, "topic": {t.id for t in site.topics}, "place": site.places}[scheme]
    return link(f"{scheme}s/{target}/") if target in known else None


def picture_sets(images: ItemImages, max_width: int | None = None
                 ) -> tuple[list[Derivative], list[tuple[str, list[Derivative]]]]:
    """The JPEGs for <img srcset>, and the modern formats for <source>, best first.

    A modern format is offered only where it has every width the JPEGs offer: a browser takes the
    first <source> it can decode, so one with only small widths would show a big screen a blurry photo.
    """
    jpeg = images.jpeg
    if max_width is not None:
        jpeg = [d for d in jpeg if d.width <= max_width] or jpeg[:1]
    widths = {d.width for d in jpeg}
    modern = []
    for format in ("avif", "webp"):
        derivatives = [d for d in images.of_format(format) if d.width in widths]
        if derivatives and {d.width for d in derivatives} == widths:
            modern.append((format, derivatives))
    return jpeg, modern


def slugify(text: str) -> str:
    """A URL-safe id for a name: letters of any script kept, the rest folded to '-'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "subject"


def excerpt(text: str, length: int = 160) -> str:
    words = plain_text(text)
    return words if len(words) <= length else words[: length - 1].rsplit(" ", 1)[0] + "…"


def _date_key(record: Item | Topic) -> tuple[str, str]:
    lower = record.date.lower if record.date and record.date.lower else "9999"
    return (lower, record.id)


def theme_digest() -> str:
    """A hash of the theme's files: a new template or stylesheet means a site to rebuild."""
    digest = hashlib.sha256()
    stack: list[Traversable] = [THEME]
    while stack:
        entry = stack.pop()
        if entry.is_dir():
            stack.extend(sorted(entry.iterdir(), key=lambda e: e.name))
        elif entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def viewer_installed() -> bool:
    """The deep-zoom viewer comes from npm at set-up (`make setup`); without it pages show plain images."""
    return (THEME / "vendor" / "openseadragon" / "openseadragon.min.js").is_file()


def _copy_static(target: Path) -> None:
    """Our own CSS and JS, and the front-end libraries set-up copied from npm into theme/vendor/."""
    _copy_tree(THEME / "static", target)
    if (THEME / "vendor").is_dir():
        _copy_tree(THEME / "vendor", target / "vendor")


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif entry.is_file():
            with entry.open("rb") as src, (target / entry.name).open("wb") as dst:
                shutil.copyfileobj(src, dst)

