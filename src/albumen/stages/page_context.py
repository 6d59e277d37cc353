"""What every template sees on a page at a URL: its links (relative to the page), the site, and the helpers that
render captions, pictures, citations and maps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial
from typing import Any

from markupsafe import Markup

from albumen import citation, i18n
from albumen.config import DEFAULT_MAP_TILES
from albumen.dates import Date, decade_in, describe_in
from albumen.discovery import Decade, Period, decades_of
from albumen.iiif import image_label, zoom_source
from albumen.markup import render_markdown
from albumen.records import Item, Place
from albumen.renditions import Derivative, ItemImages
from albumen.site import Site
from albumen.stages.cards import Cards
from albumen.stages.media import offered_original
from albumen.theme_files import map_installed, viewer_installed
from albumen.urls import (
    PROVINCES,
    folder_of,
    full_size_url,
    image_anchor,
    image_service_url,
    manifest_url,
    media_url,
    relative_url,
    url_for,
)


def page_context(site: Site, url: str, cards: Cards | None = None) -> dict[str, Any]:
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

    def zoom(item: Item) -> dict[str, Any] | list[dict[str, Any]]:
        """The deep-zoom viewer's source; for an object, one a page, in order (the viewer pages through them)."""
        images = site.images[item.id]
        sources = [zoom_source(page, link(image_service_url(item, page.number)), link(media_url(item, page.largest)))
                   for page in images.pages]
        return sources if images.others else sources[0]

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

    def area_data(places: Iterable[Place]) -> list[dict[str, Any]]:
        """What a map needs of each place it draws as an area: name, link, photographs and the outline's key
        (a country's world-atlas id, or a province's country code and name)."""
        found = []
        for p in site.areas(places):
            area = site.map_areas[p.id]
            found.append({"id": p.id, "name": p.name, "url": link(url_for(p)), "kind": area.kind,
                          "country": area.country, "province": area.name,
                          "count": len(site.place_items.get(p.id, []))})
        return found

    return {
        "site": site, "config": site.config, "url": url, "link": link, "markdown": markdown,
        "image": image, "media": media, "nav_pages": site.menu_pages, "pages_listed": site.pages_listed,
        "image_label": image_label, "image_anchor": image_anchor,
        "srcset": srcset, "picture_sets": picture_sets,
        "zoom_source": zoom, "viewer": viewer_installed(), "manifest_url": manifest_url,
        "original_url": partial(offered_original, site),
        "full_size_url": full_size_url,
        "media_url": media_url, "public": public, "share_image": share_image, "cited": cited, "citation": citation,
        "script_json": citation.script_json, "decades_of": decades_of, "map_data": map_data,
        "area_data": area_data,
        "places_of": lambda item: [site.places[p] for p in item.places if p in site.places],
        "on_timeline": lambda item: link(site.timeline_targets[0][item.id]),
        "timeline_anchor": lambda anchor: link(site.timeline_targets[1][anchor]),
        "map_ready": map_installed(), "osm_tiles": site.config.map_tiles == DEFAULT_MAP_TILES,
        "provinces_url": link(PROVINCES) if site.province_countries else "",
        "cards": partial(cards, here) if cards else None,
        **language_context(site.config.language),
    }


@cache
def language_context(tag: str | None) -> dict[str, Any]:
    """The site's language for its templates: gettext and ngettext, dates and decades in words, the writing
    direction, and the translations its scripts read (none for English: the scripts' own words are English)."""
    lang = i18n.language(tag)

    def date_words(date: Date) -> str:
        return date.label if lang.is_source else describe_in(date.edtf, lang.catalog)

    def decade_words(decade: Decade) -> str:
        return decade.name if lang.is_source else decade_in(decade.start, lang.catalog)

    def period_words(period: Period) -> str:
        return i18n.period_words(period.id, period.label, lang)

    return {
        **i18n.template_functions(lang), "lang": lang, "text_direction": lang.direction,
        "date_words": date_words, "decade_words": decade_words, "period_words": period_words,
        "month_abbreviations": i18n.month_abbreviations(lang), "script_strings": i18n.script_strings(lang.catalog),
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
