"""render: the site's files that are not pages — sitemap.xml, feed.xml, the search fallback index and the map's
provinces.

The first three are made from the records, in a fixed order and with no clock time in them, so the same archive
always gives the same bytes.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from itertools import chain
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from albumen import outlines
from albumen.citation import caption_words
from albumen.discovery import decades_of
from albumen.markup import render_markdown
from albumen.records import Item
from albumen.site import Site
from albumen.stages.outputs import Out
from albumen.urls import FEED, PROVINCES, SEARCH_DATA, SITEMAP, media_url, url_for, web_path

SEARCH_GLOBAL = "albumenSearchData"
FEED_ENTRIES = 100
CAPTION_CHARACTERS = 2000  # of each caption in the fallback index: enough to find it, bounded in size


def write_sitemap(site: Site, out: Out, urls: list[str]) -> bool:
    """sitemap.xml with every page's absolute URL (and robots.txt naming it, for a site at a host's root).
    A sitemap needs absolute URLs: without base_url there is none (the README says so)."""
    base = site.public_url
    if base is None:
        return False
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    lines = (f"  <url><loc>{escape(base + web_path(url))}</loc></url>\n" for url in urls)
    out.stream(SITEMAP, chain([head], lines, ["</urlset>\n"]))  # a line at a time: 100,000 URLs at 100,000 items
    if urlsplit(base).path in ("", "/"):  # crawlers read robots.txt only at a host's root
        out.text("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}{SITEMAP}\n")
    return True


def feed_items(site: Site) -> list[Item]:
    """The photographs the feed lists: the recent additions, newest first, by their `added:` day.

    A file's time differs from one copy of the archive to the next, so only the written day counts: the
    same archive always gives the same feed. An archive that records no `added:` days gets its
    latest-dated photographs instead, undated ones last.
    """
    added = sorted((i for i in site.items.values() if i.added), key=lambda i: (i.added, i.id), reverse=True)
    if added:
        return added[:FEED_ENTRIES]
    dated = sorted((i for i in site.items.values() if i.date and i.date.upper),
                   key=lambda i: (i.date.upper if i.date else "", i.id), reverse=True)
    undated = [i for i in site.items.values() if not (i.date and i.date.upper)]
    return (dated + undated)[:FEED_ENTRIES]


def _entry_day(item: Item) -> str | None:
    """Atom's <updated>: the day the photo was added, or else the latest day its own date allows."""
    return item.added or (item.date.upper if item.date else None)


def _atom_time(iso_day: str | None) -> str | None:
    if not iso_day or iso_day.startswith("-") or iso_day[:4] == "0000":
        return None
    return f"{iso_day}T00:00:00Z"


def write_feed(site: Site, out: Out) -> bool:
    """feed.xml: an Atom feed of the photographs. Atom ids must be absolute, so it needs base_url too."""
    base = site.public_url
    if base is None:
        return False
    items = feed_items(site)
    times = [t for i in items if (t := _atom_time(_entry_day(i)))]
    updated = max(times, default="1970-01-01T00:00:00Z")
    language = site.config.language or "en"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>',
             f"  <title>{escape(site.config.title)}</title>"]
    if site.config.description:
        lines.append(f"  <subtitle>{escape(site.config.description)}</subtitle>")
    lines += [f"  <id>{escape(base)}</id>",
              f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED)}/>',
              f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
              f"  <updated>{updated}</updated>",
              f"  <author><name>{escape(site.config.title)}</name></author>",
              "  <generator>albumen</generator>"]
    if site.config.rights:
        lines.append(f"  <rights>{escape(site.config.rights)}</rights>")
    for item in items:
        page = base + web_path(url_for(item))
        lines += ["  <entry>",
                  f"    <title>{escape(item.title)}</title>",
                  f"    <id>{escape(page)}</id>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
                  f"    <updated>{_atom_time(_entry_day(item)) or updated}</updated>"]
        if item.creator:
            lines.append(f"    <author><name>{escape(item.creator)}</name></author>")
        lines += [f"    <category term={quoteattr(subject)}/>" for subject in item.subjects]
        summary = caption_words(item.caption)
        if summary:
            lines.append(f"    <summary>{escape(summary)}</summary>")
        lines.append(f'    <content type="html">{escape(_entry_html(site, item, base))}</content>')
        lines.append("  </entry>")
    lines.append("</feed>")
    out.text(FEED, "\n".join(lines) + "\n")
    return True


def _entry_html(site: Site, item: Item, base: str) -> str:
    """The entry's content: the photograph and its caption, with absolute links (a feed has no page URL)."""
    images = site.images.get(item.id)
    parts = []
    if images:
        shown = next((d for d in images.jpeg if d.width >= 800), images.largest)
        alt = escape(item.alt or item.title, {'"': "&quot;"})
        parts.append(f'<p><img src="{escape(base + web_path(media_url(item, shown)))}" width="{shown.width}" '
                     f'height="{shown.height}" alt="{alt}"></p>')

    def absolute(scheme: str, target: str) -> str | None:
        url = site.record_url(scheme, target)
        return base + web_path(url) if url is not None else None

    parts.append(str(render_markdown(item.caption, absolute)))
    if item.date:
        parts.append(f"<p>{escape(item.date.label)}</p>")
    return "".join(parts)


def write_provinces(site: Site, out: Out) -> bool:
    """The provinces of the site's countries for its offline map, with their licence (none: no file)."""
    if not site.province_countries:
        return False
    out.text(PROVINCES, outlines.provinces().script(site.province_countries))
    out.data(posixpath.join(posixpath.dirname(PROVINCES), "LICENSE"), outlines.provinces().licence.encode("utf-8"))
    return True


# -- the search fallback --------------------------------------------------------------------------------------


def search_documents(site: Site) -> Iterator[dict[str, Any]]:
    """What the fallback search (MiniSearch, in the browser) indexes: one record a photograph, topic and page.

    Keys are short because a big archive has many records: u url (from the site root), k kind, t title,
    c text, p places (with their other names), s subjects, a creator, d date, i thumbnail, f filters.
    """
    for item in site.items.values():
        images = site.images.get(item.id)
        chains = [site.place_and_ancestors(p) for p in item.places if p in site.places]
        document: dict[str, Any] = {
            "u": url_for(item), "k": "item", "t": item.title,
            "c": caption_words(item.caption)[:CAPTION_CHARACTERS],
            "p": " ".join(" ".join((site.places[c[0]].name, *site.places[c[0]].other_names)) for c in chains),
            "s": " ".join(item.subjects), "a": item.creator, "d": item.date.label if item.date else "",
        }
        if images:
            document["i"] = media_url(item, images.jpeg[0])
        filters = {
            "Topic": [t.title for t in site.item_topics.get(item.id, [])],
            "Place": list(dict.fromkeys(site.places[p].name for chain in chains for p in chain)),
            "Subject": list(dict.fromkeys(item.subjects)),
            "Decade": [d.name for d in decades_of(item.date)],
        }
        document["f"] = {name: values for name, values in filters.items() if values}
        yield document
    for topic in site.topics:
        document = {"u": url_for(topic), "k": "topic", "t": topic.title,
                    "c": caption_words(topic.narrative)[:CAPTION_CHARACTERS],
                    "d": topic.date.label if topic.date else "", "f": {"Topic": [topic.title]}}
        cover = site.cover(site.topic_items[topic.id])
        if cover:
            document["i"] = media_url(cover, site.images[cover.id].jpeg[0])
        yield document
    for page in site.archive.pages:
        yield {"u": url_for(page), "k": "page", "t": page.title, "c": caption_words(page.body)[:CAPTION_CHARACTERS]}


def write_search_data(site: Site, out: Out, digest: str | None = None) -> int:
    """assets/search-data.js: the fallback index's records as a script that sets a global; returns its size
    (0 when it was kept: the published one was made from the same `digest`)."""
    if digest is not None and out.keep_page(SEARCH_DATA, digest):
        return 0
    # The same text as json.dumps({"documents": [...]}) gives, one record encoded and written at a time: all of them
    # as dicts at once were 200 MB at 100,000 items, and the text whole (its parts, itself, its bytes) ~80 MB.
    size = 0

    def parts() -> Iterator[str]:
        nonlocal size
        for number, document in enumerate(search_documents(site)):
            part = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            part = "," + part if number else f'window.{SEARCH_GLOBAL} = {{"documents":[' + part
            size += len(part.encode("utf-8"))
            yield part
        tail = ("" if size else f'window.{SEARCH_GLOBAL} = {{"documents":[') + "]};\n"
        size += len(tail.encode("utf-8"))
        yield tail

    out.stream(SEARCH_DATA, parts(), digest)
    return size
