"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from albumen import citation, discovery, outlines
from albumen.config import DEFAULT_MAP_TILES, Config
from albumen.discovery import Creator, Decade, Timeline, TimelinePage, decades_of
from albumen.iiif import zoom_source
from albumen.markup import plain_text, render_markdown
from albumen.records import Archive, Item, Place, Subject, Topic
from albumen.stages.derive import Derivative, ItemImages
from albumen.stages.publish import link_or_copy
from albumen.stages.render_data import write_feed, write_search_data, write_sitemap
from albumen.urls import image_service_url, manifest_url, media_url, original_url, redirect_file, relative_url

THEME = files("albumen") / "theme"
# Photographs on one timeline page: about 0.75 MB of HTML, quick to open on a phone (bench/discovery_bench.py).
TIMELINE_PAGE_SIZE = 1000


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
    decades: dict[str, Decade] = field(default_factory=dict)  # earliest first
    decade_items: dict[str, list[Item]] = field(default_factory=dict)
    creators: dict[str, Creator] = field(default_factory=dict)  # by name
    creator_items: dict[str, list[Item]] = field(default_factory=dict)

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
            for decade in decades_of(item.date):
                self.decades.setdefault(decade.id, decade)
                self.decade_items.setdefault(decade.id, []).append(item)
            if item.creator.strip():
                creator = Creator(slugify(item.creator), " ".join(item.creator.split()))
                self.creators.setdefault(creator.id, creator)
                self.creator_items.setdefault(creator.id, []).append(item)
        self.subjects = dict(sorted(self.subjects.items(), key=lambda s: s[1].name.casefold()))
        self.decades = dict(sorted(self.decades.items(), key=lambda d: d[1].start))
        self.creators = dict(sorted(self.creators.items(), key=lambda c: c[1].name.casefold()))

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

    def cover(self, items: Iterable[Item]) -> Item | None:
        return next((i for i in items if i.id in self.images), None)

    @cached_property
    def timeline(self) -> Timeline:
        return discovery.timeline(self.items.values())

    @cached_property
    def timeline_pages(self) -> list[TimelinePage]:
        return self.timeline.pages(TIMELINE_PAGE_SIZE)

    @cached_property
    def timeline_targets(self) -> tuple[dict[str, str], dict[str, str]]:
        """Where the timeline shows each item, and each year, decade and period (by anchor id):
        'timeline/2/#p1944-autumn' (the first page, when a long period runs over two)."""
        items: dict[str, str] = {}
        anchors: dict[str, str] = {}
        for page in self.timeline_pages:
            for chunk in page.chunks:
                anchor = chunk.period.id if chunk.period else "undated"
                for entry in chunk.entries:
                    items.setdefault(entry.item.id, f"{page.url}#{anchor}")
                for name in (anchor, f"y{chunk.year}" if chunk.year is not None else None,
                             f"d{chunk.decade.id}" if chunk.decade else None):
                    if name:
                        anchors.setdefault(name, f"{page.url}#{name}")
        return items, anchors

    @cached_property
    def province_countries(self) -> list[str]:
        """The countries whose states and provinces the offline map draws: those that hold the places."""
        if not map_installed():
            return []
        return outlines.provinces().countries_of((p.lat, p.lon) for p in self.mapped(self.places.values())
                                                 if p.lat is not None and p.lon is not None)

    def mapped(self, places: Iterable[Place]) -> list[Place]:
        """The places that have coordinates, so a map can show them."""
        return [p for p in places if p.lat is not None and p.lon is not None]

    @cached_property
    def public_url(self) -> str | None:
        """The site's address with a final '/', when base_url gives one (http or https); None otherwise."""
        base = self.config.base_url.strip()
        return base.rstrip("/") + "/" if base.startswith(("http://", "https://")) else None


def render_site(site: Site, out: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every page, the data files (sitemap, feed, search fallback) and the theme's assets into `out`;
    return the number of pages."""
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
    write_provinces(site, out)
    write_search_data(site, out)
    write_sitemap(site, out, [url for url, _, _ in pages if url not in UNLISTED])
    write_feed(site, out)
    return len(pages)


UNLISTED = {"search/"}  # pages a search engine has no use for


PROVINCES_URL = f"assets/vendor/{outlines.PROVINCES.name}/provinces.js"


def write_provinces(site: Site, out: Path) -> bool:
    """The provinces of the site's countries for its offline map, with their licence (none: no file)."""
    if not site.province_countries:
        return False
    target = out / PROVINCES_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(outlines.provinces().script(site.province_countries), encoding="utf-8", newline="\n")
    (target.parent / "LICENSE").write_bytes((outlines.provinces().folder / "LICENSE").read_bytes())
    return True


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
            page = redirect_file(old)
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
    """(url, template, context) for every page of the site. `cover` is the photograph a shared link shows."""
    everything = list(site.items.values())
    yield "", "home.html", {"cover": site.cover(m for t in site.topics for m in site.topic_items[t.id])
                            or site.cover(everything)}
    yield "topics/", "topics.html", {}
    for topic in site.topics:
        members = site.topic_items[topic.id]
        yield f"topics/{topic.id}/", "topic.html", {"topic": topic, "members": members, "cover": site.cover(members)}
    yield "items/", "items.html", {"cover": site.cover(everything)}
    for item in site.items.values():
        yield f"items/{item.id}/", "item.html", {"item": item, "neighbours": site.neighbours(item), "cover": item}
    yield "places/", "places.html", {}
    for place in site.places.values():
        members = site.place_items.get(place.id, [])
        yield f"places/{place.id}/", "place.html", {"place": place, "members": members, "cover": site.cover(members)}
    yield "subjects/", "subjects.html", {}
    for subject in site.subjects.values():
        members = site.subject_items[subject.id]
        yield (f"subjects/{subject.id}/", "subject.html",
               {"subject": subject, "members": members, "cover": site.cover(members)})
    yield "decades/", "decades.html", {}
    for decade in site.decades.values():
        members = site.decade_items[decade.id]
        yield f"decades/{decade.id}/", "decade.html", {"decade": decade, "members": members,
                                                       "cover": site.cover(members)}
    yield "creators/", "creators.html", {}
    for creator in site.creators.values():
        members = site.creator_items[creator.id]
        yield (f"creators/{creator.id}/", "creator.html",
               {"creator": creator, "members": members, "cover": site.cover(members)})
    for timeline_page in site.timeline_pages:
        yield timeline_page.url, "timeline.html", {"page": timeline_page}
    yield "map/", "map.html", {}
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
    env.filters["pretty_json"] = _pretty_json
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

    def public(target: str) -> str:
        """A URL for sharing and citing: absolute when base_url is set, else relative to this page."""
        return site.public_url + target if site.public_url else link(target)

    def share_image(item: Item | None) -> Derivative | None:
        """The JPEG closest to 1200 px wide (what link previews show), for og:image."""
        images = site.images.get(item.id) if item else None
        if images is None:
            return None
        return min(images.jpeg, key=lambda d: (abs(d.width - 1200), -d.width))

    def cited(item: Item) -> citation.Cited:
        images = site.images.get(item.id)
        places = [[site.places[a] for a in site.place_and_ancestors(p)] for p in item.places if p in site.places]
        return citation.Cited(
            item=item, site_title=site.config.title, page_url=public(f"items/{item.id}/"),
            image_url=public(media_url(item, images.largest)) if images else None,
            image_size=(images.largest.width, images.largest.height) if images else None,
            thumbnail_url=public(media_url(item, images.jpeg[0])) if images else None,
            places=places,
            place_urls={p.id: public(f"places/{p.id}/") for chain in places for p in chain},
            topics=[(t.title, public(f"topics/{t.id}/")) for t in site.item_topics.get(item.id, [])],
            rights=item.rights or site.config.rights, language=site.config.language or "en",
        )

    def map_data(places: Iterable[Place]) -> list[dict[str, Any]]:
        """What a map needs of each place: name, link, position and how many photographs it has."""
        return [{"id": p.id, "name": p.name, "url": link(f"places/{p.id}/"), "lat": p.lat, "lon": p.lon,
                 "count": len(site.place_items.get(p.id, []))} for p in site.mapped(places)]

    return {
        "site": site, "config": site.config, "url": url, "link": link, "markdown": markdown,
        "image": image, "media": media, "nav_pages": site.archive.pages, "slugify": slugify,
        "srcset": srcset, "picture_sets": picture_sets,
        "zoom_source": zoom, "viewer": viewer_installed(), "manifest_url": manifest_url, "original_url": original_url,
        "media_url": media_url, "public": public, "share_image": share_image, "cited": cited, "citation": citation,
        "script_json": citation.script_json, "decades_of": decades_of, "map_data": map_data,
        "places_of": lambda item: [site.places[p] for p in item.places if p in site.places],
        "on_timeline": lambda item: link(site.timeline_targets[0][item.id]),
        "timeline_anchor": lambda anchor: link(site.timeline_targets[1][anchor]),
        "map_ready": map_installed(), "osm_tiles": site.config.map_tiles == DEFAULT_MAP_TILES,
        "provinces_url": link(PROVINCES_URL) if site.province_countries else "",
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


def _pretty_json(data: Any) -> str:
    """JSON for people to read and copy (shown as text, so the page escapes it); lists of numbers (CSL's
    date-parts) on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub(r"\[\s+([-\d.,\s]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)


def excerpt(text: str, length: int = 160) -> str:
    words = citation.caption_words(text)
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


def map_installed() -> bool:
    """Leaflet comes from npm at set-up too; without it the map pages show their list of places only."""
    return (THEME / "vendor" / "leaflet" / "leaflet.js").is_file()


def viewer_installed() -> bool:
    """The deep-zoom viewer comes from npm at set-up (`make setup`); without it pages show plain images."""
    return (THEME / "vendor" / "openseadragon" / "openseadragon.min.js").is_file()


def _copy_static(target: Path) -> None:
    """Our own CSS and JS, and the front-end libraries set-up copied from npm into theme/vendor/."""
    _copy_tree(THEME / "static", target)
    if (THEME / "vendor").is_dir():
        # Every country's provinces are 3.7 MB: write_provinces writes the site's own countries instead.
        _copy_tree(THEME / "vendor", target / "vendor", skip={outlines.PROVINCES.name})


def _copy_tree(source: Traversable, target: Path, skip: frozenset[str] | set[str] = frozenset()) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.name in skip:
            continue
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif entry.is_file():
            with entry.open("rb") as src, (target / entry.name).open("wb") as dst:
                shutil.copyfileobj(src, dst)

