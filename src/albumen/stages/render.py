"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from albumen import citation, discovery, outlines
from albumen.config import DEFAULT_MAP_TILES, Config
from albumen.discovery import Creator, Decade, Timeline, TimelinePage, decades_of
from albumen.ids import slug
from albumen.iiif import link_image_service, zoom_source
from albumen.markup import plain_text, render_markdown
from albumen.records import Archive, Item, Place, Subject, Topic
from albumen.stages.derive import Derivative, ItemImages
from albumen.stages.publish import link_or_copy
from albumen.stages.render_data import write_feed, write_search_data, write_sitemap
from albumen.urls import (
    full_size_url,
    image_service_url,
    manifest_url,
    media_url,
    original_url,
    redirect_file,
    relative_url,
)

THEME = files("albumen") / "theme"
# Photographs on one timeline page: about 0.75 MB of HTML, quick to open on a phone (bench/discovery_bench.py).
TIMELINE_PAGE_SIZE = 1000
# Photographs on one page of a gallery (a topic, place, subject, decade, creator, all photographs): a gallery
# card is a picture with a title, so 200 of them are about as much HTML as a timeline page.
GALLERY_PAGE_SIZE = 200
SUBJECT_FALLBACK = "subject"  # the slug of a subject or creator name with no letter or digit


@dataclass(frozen=True)
class Paging:
    """One page of a gallery: page 1 at the gallery's own URL ('topics/x/'), the others beside it
    ('topics/x/page-2.html'), so that every page of a gallery links to the rest the same way. (A file, not
    a folder: 'items/2/' could be the page of a photograph whose id is '2'.)"""

    base: str  # the gallery's URL: its first page
    number: int  # 1-based
    count: int  # pages in all
    size: int  # photographs a page
    total: int  # photographs in the gallery

    def url(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page-{number}.html"

    @property
    def here(self) -> str:
        return self.url(self.number)

    @property
    def previous(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def first(self) -> int:
        """The 1-based position of the page's first photograph in the gallery."""
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return min(self.number * self.size, self.total)

    def numbers(self, around: int = 2) -> list[int | None]:
        """The pages the pager names: the first, the last and those near this one; None for a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - (numbers[-1] or 0) > 1:
                numbers.append(n - 1 if n - (numbers[-1] or 0) == 2 else None)  # a gap of one page: name it
            numbers.append(n)
        return numbers


def paged(base: str, members: list[Item], size: int = GALLERY_PAGE_SIZE) -> list[tuple[Paging, list[Item]]]:
    """A gallery cut into pages of `size` photographs, in order; one (empty) page when it has none."""
    count = max(1, -(-len(members) // size))
    return [(Paging(base, n, count, size, len(members)), members[(n - 1) * size: n * size])
            for n in range(1, count + 1)]


def gallery_page_url(base: str, index: int, size: int = GALLERY_PAGE_SIZE) -> str:
    """The page of the gallery at `base` that shows its photograph number `index` (0-based)."""
    return base if index < size else f"{base}page-{index // size + 1}.html"


@dataclass(frozen=True)
class Neighbours:
    """An item's place in one topic's gallery."""

    topic: Topic
    position: int  # 1-based
    count: int
    previous: Item | None
    next: Item | None

    @property
    def gallery_url(self) -> str:
        """The page of the topic's gallery that shows the photograph."""
        return gallery_page_url(f"topics/{self.topic.id}/", self.position - 1)


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
                subject = Subject(slug(name, SUBJECT_FALLBACK), name)
                self.subjects.setdefault(subject.id, subject)
                members = self.subject_items.setdefault(subject.id, [])
                if not members or members[-1] is not item:  # "Trains" and "trains" name one subject
                    members.append(item)
            for decade in decades_of(item.date):
                self.decades.setdefault(decade.id, decade)
                self.decade_items.setdefault(decade.id, []).append(item)
            if item.creator.strip():
                creator = Creator(slug(item.creator, SUBJECT_FALLBACK), " ".join(item.creator.split()))
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


class Cards:
    """The cards of galleries, each photograph's made once for all the pages at one depth ('places/x/',
    'subjects/y/' and 'topics/z/page-2.html' link alike): a photograph is in the galleries of its places,
    subjects, decade and creator, and a card is most of a gallery's rendering time.

    Cards with captions (a topic's) are made each time: a photograph is in few topics; but their captions'
    HTML is kept for the photograph's own page, at the same depth. At most `limit` cards and as many captions
    are kept, so that memory stays bounded however big the archive.
    """

    def __init__(self, env: Environment, site: Site, limit: int = 50_000) -> None:
        self.env, self.site, self.limit = env, site, limit
        self.made: dict[tuple[str, int], str] = {}
        self.macros: dict[int, Any] = {}
        self.captions: dict[tuple[str, int], Markup] = {}

    def markdown(self, here: str, text: str, render: Callable[[str], Markup]) -> Markup:
        """Markdown's HTML for `text` on a page at `here`'s depth (its links are relative), made once."""
        key = (text, here.count("/"))
        html = self.captions.get(key)
        if html is None:
            html = render(text)
            if len(self.captions) < self.limit:
                self.captions[key] = html
        return html

    def __call__(self, here: str, items: Iterable[Item], show_caption: bool = True) -> Markup:
        depth = here.count("/")
        card = self.macros.get(depth)
        if card is None:
            module = self.env.get_template("macros.html").make_module(_page_context(self.site, here, self))
            card = self.macros[depth] = getattr(module, "card")  # noqa: B009 (a macro: mypy can't see it)
        parts = []
        for item in items:
            key = (item.id, depth)
            html = None if show_caption else self.made.get(key)
            if html is None:
                html = str(card(item, show_caption))
                if not show_caption and len(self.made) < self.limit:
                    self.made[key] = html
            parts.append(html)
        return Markup("".join(parts))


def render_site(site: Site, out: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every page, the data files (sitemap, feed, search fallback) and the theme's assets into `out`;
    return the number of pages."""
    env = _environment(site.config.cache_dir / "templates")
    cards = Cards(env, site)
    pages = list(_pages(site))
    for number, (url, template, context) in enumerate(pages, start=1):
        html = env.get_template(template).render(**_page_context(site, url, cards), **context)
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


def write_media(site: Site, out: Path, skip: Set[str] = frozenset()) -> None:
    """Every derivative (and, when offered, the original) linked from the cache into the site, but for the
    items in skip, already written."""
    for item in site.items.values():
        if item.id not in skip:
            write_item_media(site, item, out)


def write_item_media(site: Site, item: Item, out: Path) -> None:
    """One item's derivatives linked from the cache into the site (and its original copied, when offered)."""
    images = site.images.get(item.id)
    if images is None:
        return
    (out / media_url(item, images.largest)).parent.mkdir(parents=True, exist_ok=True)
    for derivative in images.derivatives:
        link_or_copy(derivative.path, out / media_url(item, derivative))
    link_image_service(images, out / image_service_url(item))
    offered = offered_original(site, item)
    if offered is not None:
        # A copy, never a hard link: editing the site's file must not be able to touch the original.
        target = out / offered
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(images.source, target)


# The originals offered for download: only formats albumen decodes as photographs, told by their first bytes and
# named for them, so a web server gives each an image type. An "image" that was an SVG with a script, or a GIF
# with HTML appended named .html, was offered as original.svg or .html and ran script in the site's origin.
# Found by tests/test_trust_hostile.py.
_SIGNATURES = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif"),
               (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"), (b"II+\x00", ".tif"), (b"MM\x00+", ".tif"))
_HEIF_BRANDS = {b"heic": ".heic", b"heix": ".heic", b"heim": ".heic", b"heis": ".heic", b"hevc": ".heic",
                b"hevx": ".heic", b"mif1": ".heif", b"msf1": ".heif", b"avif": ".avif", b"avis": ".avif"}


def original_suffix(path: Path) -> str | None:
    """The file name ending of a photograph's format (.jpg, .png, .gif, .tif, .webp, .heic, .avif) from its first
    bytes; None for anything else (SVG, HTML, PDF ...), which is never offered."""
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError:
        return None
    for signature, suffix in _SIGNATURES:
        if head.startswith(signature):
            return suffix
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head[4:8] == b"ftyp":
        return _HEIF_BRANDS.get(head[8:12])
    return None


def offered_original(site: Site, item: Item) -> str | None:
    """The site path of the item's original offered for download (the download setting on, a photograph's
    format), or None."""
    images = site.images.get(item.id)
    if not site.config.images.download or images is None:
        return None
    suffix = original_suffix(images.source)
    return original_url(item, suffix) if suffix else None


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"}


def write_redirects(site: Site, out: Path) -> int:
    """Old URLs keep working: a redirect page at each old page path, the photo itself at each old image path.

    Runs after everything else is written, and never replaces a file the site itself made.
    """
    template = _environment(site.config.cache_dir / "templates").get_template("redirect.html")
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


def _gallery(base: str, template: str, members: list[Item], site: Site, **context: Any
             ) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """A gallery's pages: `members` is the whole gallery (for its counts), `shown` the page's photographs."""
    cover = site.cover(members)
    for paging, shown in paged(base, members):
        yield paging.here, template, {**context, "members": members, "shown": shown, "paging": paging,
                                      "cover": cover}


def _pages(site: Site) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(url, template, context) for every page of the site. `cover` is the photograph a shared link shows."""
    everything = list(site.items.values())
    yield "", "home.html", {"cover": site.cover(m for t in site.topics for m in site.topic_items[t.id])
                            or site.cover(everything)}
    yield "topics/", "topics.html", {}
    for topic in site.topics:
        yield from _gallery(f"topics/{topic.id}/", "topic.html", site.topic_items[topic.id], site, topic=topic)
    yield from _gallery("items/", "items.html", everything, site)
    for item in site.items.values():
        yield f"items/{item.id}/", "item.html", {"item": item, "neighbours": site.neighbours(item), "cover": item}
    yield "places/", "places.html", {}
    for place in site.places.values():
        yield from _gallery(f"places/{place.id}/", "place.html", site.place_items.get(place.id, []), site,
                            place=place)
    yield "subjects/", "subjects.html", {}
    for subject in site.subjects.values():
        yield from _gallery(f"subjects/{subject.id}/", "subject.html", site.subject_items[subject.id], site,
                            subject=subject)
    yield "decades/", "decades.html", {}
    for decade in site.decades.values():
        yield from _gallery(f"decades/{decade.id}/", "decade.html", site.decade_items[decade.id], site,
                            decade=decade)
    yield "creators/", "creators.html", {}
    for creator in site.creators.values():
        yield from _gallery(f"creators/{creator.id}/", "creator.html", site.creator_items[creator.id], site,
                            creator=creator)
    for timeline_page in site.timeline_pages:
        yield timeline_page.url, "timeline.html", {"page": timeline_page}
    yield "map/", "map.html", {}
    for page in site.archive.pages:
        yield f"{page.id}/", "page.html", {"page": page}
    yield "search/", "search.html", {}


@cache
def _environment(compiled: Path) -> Environment:
    """One for the process: templates are compiled once (Jinja reloads a template whose file changed), and
    kept compiled in `compiled` (under .albumen/) for the next build: a tenth of a second saved each time."""
    compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=FileSystemLoader(str(THEME / "templates")),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)),
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


def _page_context(site: Site, url: str, cards: Cards | None = None) -> dict[str, Any]:
    here = url if url.endswith("/") or url == "" else posixpath.dirname(url) + "/"
    link = partial(relative_url, here)

    def render(text: str) -> Markup:
        return render_markdown(text, lambda scheme, target: _record_url(site, link, scheme, target))

    def markdown(text: str) -> Markup:
        return cards.markdown(here, text, render) if cards else render(text)

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
        "image": image, "media": media, "nav_pages": site.archive.pages,
        "slugify": partial(slug, fallback=SUBJECT_FALLBACK),
        "srcset": srcset, "picture_sets": picture_sets,
        "zoom_source": zoom, "viewer": viewer_installed(), "manifest_url": manifest_url,
        "original_url": partial(offered_original, site),
        "full_size_url": full_size_url,
        "media_url": media_url, "public": public, "share_image": share_image, "cited": cited, "citation": citation,
        "script_json": citation.script_json, "decades_of": decades_of, "map_data": map_data,
        "places_of": lambda item: [site.places[p] for p in item.places if p in site.places],
        "on_timeline": lambda item: link(site.timeline_targets[0][item.id]),
        "timeline_anchor": lambda anchor: link(site.timeline_targets[1][anchor]),
        "map_ready": map_installed(), "osm_tiles": site.config.map_tiles == DEFAULT_MAP_TILES,
        "provinces_url": link(PROVINCES_URL) if site.province_countries else "",
        "cards": partial(cards, here) if cards else None,
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

