"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterable, Set
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from albumen import citation, outlines
from albumen.config import DEFAULT_MAP_TILES
from albumen.discovery import decades_of
from albumen.iiif import link_image_service, zoom_source
from albumen.markup import plain_text, render_markdown
from albumen.records import Item, Place
from albumen.site import Site, paged
from albumen.stages.derive import Derivative, ItemImages
from albumen.stages.publish import link_or_copy
from albumen.stages.render_data import write_feed, write_search_data, write_sitemap
from albumen.stages.theme import THEME, copy_static, map_installed, viewer_installed
from albumen.urls import (
    CREATORS,
    DECADES,
    ITEMS,
    MAP,
    PLACES,
    SEARCH,
    SUBJECTS,
    TOPICS,
    creator_url,
    decade_anchor,
    folder_of,
    full_size_url,
    image_service_url,
    manifest_url,
    map_anchor,
    media_url,
    on_map,
    original_url,
    page_file,
    redirect_file,
    relative_url,
    subject_url,
    url_for,
    vendor_url,
)


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
        target = out / page_file(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8", newline="\n")
        if progress:
            progress(number, len(pages))
    copy_static(out / "assets")
    write_provinces(site, out)
    write_search_data(site, out)
    write_sitemap(site, out, [url for url, _, _ in pages if url not in UNLISTED])
    write_feed(site, out)
    return len(pages)


UNLISTED = {SEARCH}  # pages a search engine has no use for


PROVINCES_URL = vendor_url(outlines.PROVINCES.name, "provinces.js")


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
        (url_for(i), i.title, i.redirect_from, i) for i in site.items.values()]
    records += [(url_for(t), t.title, t.redirect_from, None) for t in site.topics]
    records += [(url_for(p), p.title, p.redirect_from, None) for p in site.archive.pages]
    for url, title, old_paths, item in records:
        for old in old_paths:
            is_image = PurePosixPath(old).suffix.lower() in IMAGE_SUFFIXES
            if is_image and item is None:  # an old image path leads to a photograph's image only
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
            html = template.render(config=site.config, title=title, target=relative_url(folder_of(page), url))
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
    yield TOPICS, "topics.html", {}
    for topic in site.topics:
        yield from _gallery(url_for(topic), "topic.html", site.topic_items[topic.id], site, topic=topic)
    yield from _gallery(ITEMS, "items.html", everything, site)
    for item in site.items.values():
        yield url_for(item), "item.html", {"item": item, "neighbours": site.neighbours(item), "cover": item}
    yield PLACES, "places.html", {}
    for place in site.places.values():
        yield from _gallery(url_for(place), "place.html", site.place_items.get(place.id, []), site,
                            place=place)
    yield SUBJECTS, "subjects.html", {}
    for subject in site.subjects.values():
        yield from _gallery(url_for(subject), "subject.html", site.subject_items[subject.id], site,
                            subject=subject)
    yield DECADES, "decades.html", {}
    for decade in site.decades.values():
        yield from _gallery(url_for(decade), "decade.html", site.decade_items[decade.id], site,
                            decade=decade)
    yield CREATORS, "creators.html", {}
    for creator in site.creators.values():
        yield from _gallery(url_for(creator), "creator.html", site.creator_items[creator.id], site,
                            creator=creator)
    for timeline_page in site.timeline_pages:
        yield url_for(timeline_page), "timeline.html", {"page": timeline_page}
    yield MAP, "map.html", {}
    for page in site.archive.pages:
        yield url_for(page), "page.html", {"page": page}
    yield SEARCH, "search.html", {}


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
    # Every URL a template links to comes from urls.py: the same functions as Python's.
    env.globals.update(url_for=url_for, subject_url=subject_url, creator_url=creator_url,
                       decade_anchor=decade_anchor, map_anchor=map_anchor, on_map=on_map)
    return env


def _page_context(site: Site, url: str, cards: Cards | None = None) -> dict[str, Any]:
    here = folder_of(url)
    link = partial(relative_url, here)

    def render(text: str) -> Markup:
        return render_markdown(text, lambda scheme, target: _linked(link, site.record_url(scheme, target)))

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
            item=item, site_title=site.config.title, page_url=public(url_for(item)),
            image_url=public(media_url(item, images.largest)) if images else None,
            image_size=(images.largest.width, images.largest.height) if images else None,
            thumbnail_url=public(media_url(item, images.jpeg[0])) if images else None,
            places=places,
            place_urls={p.id: public(url_for(p)) for chain in places for p in chain},
            topics=[(t.title, public(url_for(t))) for t in site.item_topics.get(item.id, [])],
            rights=item.rights or site.config.rights, language=site.config.language or "en",
        )

    def map_data(places: Iterable[Place]) -> list[dict[str, Any]]:
        """What a map needs of each place: name, link, position and how many photographs it has."""
        return [{"id": p.id, "name": p.name, "url": link(url_for(p)), "lat": p.lat, "lon": p.lon,
                 "count": len(site.place_items.get(p.id, []))} for p in site.mapped(places)]

    return {
        "site": site, "config": site.config, "url": url, "link": link, "markdown": markdown,
        "image": image, "media": media, "nav_pages": site.archive.pages,
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


def _linked(link: Callable[[str], str], url: str | None) -> str | None:
    return link(url) if url is not None else None


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
