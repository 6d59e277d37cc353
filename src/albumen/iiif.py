"""IIIF: Presentation 3 manifests and collections, and the level-0 Image API services of big originals.

Layout in the site:
  iiif/collection.json                    every topic and every photograph
  iiif/topics/ID/collection.json          a topic's photographs, in its order
  iiif/items/ID/manifest.json             one photograph
  iiif/items/ID/image/info.json + files   deep zoom, for originals bigger than the largest width: tiles
                                          (above zoom_above), else whole sizes full/W,H/0/default.jpg

IIIF ids must be absolute http(s) URIs, so they use albumen.toml's base_url (the local preview
address until one is set). The item page's viewer gets info.json inline with a relative id, so deep
zoom also works from a folder and under any sub-path.

Labels and values are language maps (Presentation 3, 4.3.1): what the archive wrote, in its `language`;
albumen's own words (metadata labels, dates in words, 'Image 2') translated by its catalog and tagged with the
language they are in; "none" for a value with no words at all ('1944').
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import quote

from albumen import i18n
from albumen.dates import describe_in
from albumen.images import TILE_SIZE
from albumen.markup import plain_text
from albumen.records import Item, Topic
from albumen.renditions import ItemImages
from albumen.site import Site
from albumen.site_writer import SiteWriter
from albumen.urls import (
    annotation_page_url,
    canvas_url,
    collection_url,
    image_service_url,
    image_size_name,
    image_size_path,
    manifest_url,
    media_url,
    painting_url,
    url_for,
)

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
PREVIEW_BASE = "http://127.0.0.1:8000/"


def base_url(configured: str) -> str:
    return (configured.rstrip("/") + "/") if configured.startswith(("http://", "https://")) else PREVIEW_BASE


def image_service(images: ItemImages, service_id: str) -> dict[str, Any] | None:
    """The original's IIIF Image API level-0 info.json, from the plan alone (its files may not be made yet):
    tiles for a big original; for one bigger than the largest width but not big enough for tiles, whole
    sizes (the widths and the full size), which viewers show as a pyramid of one image a level. None for an
    original no bigger than the largest width: the largest JPEG is the whole of it."""
    width, height = images.original.width, images.original.height
    info: dict[str, Any] = {"@context": IMAGE_CONTEXT, "id": service_id, "type": "ImageService3",
                            "protocol": "http://iiif.io/api/image", "profile": "level0",
                            "width": width, "height": height}
    if images.tiles is not None:
        info["tiles"] = [{"scaleFactors": tile_scale_factors(width, height), "width": TILE_SIZE}]
    elif images.full is not None:
        info["sizes"] = [{"width": w, "height": h} for w, h, _ in _whole_sizes(images)]
    else:
        return None
    return info


def tile_scale_factors(width: int, height: int) -> list[int]:
    """The levels dzsave makes: halved (rounding up) until the whole image fits in one tile."""
    factors = [1]
    while width > TILE_SIZE or height > TILE_SIZE:
        width, height = (width + 1) // 2, (height + 1) // 2
        factors.append(factors[-1] * 2)
    return factors


def _whole_sizes(images: ItemImages) -> list[tuple[int, int, Path]]:
    """(width, height, cached file) of each whole size a sizes-only service offers, smallest first."""
    assert images.full is not None
    sizes = [(d.width, d.height, d.path) for d in images.jpeg]
    return [*sizes, (images.original.width, images.original.height, images.full)]


def link_image_service(images: ItemImages, folder: str, link: Callable[[str, Path], object]) -> None:
    """Link the image service's files (tiles, or whole sizes) from the cache into the site's folder for it
    (`link(site path, cached file)`); its info.json is written with the IIIF documents."""
    if images.tiles is not None:
        for parent, _, files in os.walk(images.tiles):
            relative = Path(parent).relative_to(images.tiles).as_posix()
            destination = folder if relative == "." else f"{folder}/{relative}"
            for name in sorted(files):
                if name != "info.json":  # dzsave's, with a placeholder id
                    link(f"{destination}/{name}", Path(parent) / name)
    elif images.full is not None:
        # each size by its width and height, and the full size also by IIIF's canonical name, "max"
        named = [(image_size_name(width, height), path) for width, height, path in _whole_sizes(images)]
        for name, path in [*named, ("max", images.full)]:
            link(f"{folder}/{image_size_path(name)}", path)


def zoom_source(images: ItemImages, service_link: str, largest_link: str) -> dict[str, Any]:
    """What the item page's deep-zoom viewer opens: the image service's info.json inline, with a relative
    id, so it needs no request that a browser blocks from a folder; or, for smaller originals, the largest
    JPEG."""
    return image_service(images, service_link) or {"type": "image", "url": largest_link}


def write_iiif(site: Site, out: SiteWriter, item_digest: Callable[[Item], str] | None = None,
               setting: str | None = None) -> int:
    """Manifests, collections and tile services for the whole site; returns the files made.

    With `item_digest` (what an item's page is made from, settings included), an item whose documents were
    made from the same digest by the published build is not made again; with `setting` (the digest of
    everything every page depends on), neither is a collection whose members' titles did not change."""
    base = base_url(site.config.base_url)
    language = site.config.language or "en"
    written = 0
    for item in site.items.values():
        images: ItemImages | None = site.images.get(item.id)
        if images is None:
            continue
        written += _write_item_documents(site, item, images, out, base, language,
                                         item_digest(item) if item_digest else None)
    for topic in site.topics:
        members = [i for i in site.topic_items[topic.id] if i.id in site.images]
        _write_collection(out, collection_url(topic), _collection_digest(setting, members, topic.id, topic.title),
                          partial(_topic_collection, base, language, topic, members))
        written += 1
    shown = [i for i in site.items.values() if i.id in site.images]

    def whole_site() -> tuple[dict[str, Any], Iterable[dict[str, Any]]]:
        topics = ({"id": base + collection_url(t), "type": "Collection", "label": _text(language, t.title)}
                  for t in site.topics)
        return (collection(base, language, site.config.title, collection_url(None), []),
                chain(topics, (_manifest_ref(base, language, i) for i in shown)))

    _write_collection(out, collection_url(None), _collection_digest(
        setting, shown, site.config.title, *(f"{t.id}\0{t.title}" for t in site.topics)), whole_site)
    return written + 1


def _topic_collection(base: str, language: str, topic: Topic, members: list[Item]
                      ) -> tuple[dict[str, Any], Iterable[dict[str, Any]]]:
    return (collection(base, language, topic.title, collection_url(topic), []),
            (_manifest_ref(base, language, i) for i in members))


def _collection_digest(setting: str | None, members: list[Item], *parts: str) -> str | None:
    """What a collection is made from: the settings, `parts` and its members' ids and titles (all a manifest's
    reference shows: a caption's edit leaves every collection as it was)."""
    if setting is None:
        return None
    digest = hashlib.blake2b(digest_size=16)
    for part in (setting, *parts, *(f"{item.id}\0{item.title}" for item in members)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _write_collection(out: SiteWriter, rel: str, digest: str | None,
                      make: Callable[[], tuple[dict[str, Any], Iterable[dict[str, Any]]]]) -> None:
    """A collection, made only when the published one was not made from the same digest (the whole site's lists
    every item: 10,000 references to build, encode and hash for each edit of a caption it does not show).

    `make` gives the collection with no items, and its items: each is encoded on its own, into the same text as
    the whole document's (100,000 references held at once as dicts, and again with their ids quoted, were 200 MB)."""
    if digest is not None and out.keep_page(rel, digest):
        return
    document, members = make()
    head = _json(document)
    if not head.endswith('"items":[]}'):
        raise ValueError("a collection's items must be its last field")
    out.stream(rel, _joined(head[:-2], map(_json, members), "]}\n"), digest)


def _joined(head: str, parts: Iterable[str], tail: str) -> Iterator[str]:
    """head + ",".join(parts) + tail, a part at a time."""
    yield head
    for number, part in enumerate(parts):
        yield "," + part if number else part
    yield tail


def _write_item_documents(site: Site, item: Item, images: ItemImages, out: SiteWriter, base: str, language: str,
                          digest: str | None) -> int:
    """An item's manifest and the info.json of each of its image services."""
    documents = [f"{image_service_url(item, page.number)}/info.json" for page in images.pages
                 if page.has_image_service] + [manifest_url(item)]
    if digest is not None and all(out.keep_page(rel, digest) for rel in documents):
        return 0
    for page in images.pages:
        info = image_service(page, base + image_service_url(item, page.number))
        if info is not None:
            _write_json(out, f"{image_service_url(item, page.number)}/info.json", info, digest)
    _write_json(out, manifest_url(item), manifest(site, item, images, base, language), digest)
    return len(documents)


def manifest(site: Site, item: Item, images: ItemImages, base: str, language: str) -> dict[str, Any]:
    """A Presentation 3 manifest: a canvas for each image, the size of its original, painted with its largest
    JPEG; an object the item calls paged (a book, a letter) is shown as facing pages."""
    smallest = images.jpeg[0]
    rights = item.rights or site.config.rights
    document: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": base + manifest_url(item),
        "type": "Manifest",
        "label": _text(language, item.title),
    }
    summary = plain_text(item.caption)
    if summary:
        document["summary"] = _text(language, summary)
    metadata = _metadata(site, item, language)
    if metadata:
        document["metadata"] = metadata
    if rights:
        _ = i18n.gettext_for(i18n.language(language))
        document["requiredStatement"] = {"label": _words(language, _("Rights")), "value": _text(language, rights)}
    if item.paged and images.others:
        document["behavior"] = ["paged"]
    document["homepage"] = [{"id": base + url_for(item), "type": "Text", "format": "text/html",
                             "label": _text(language, item.title)}]
    document["thumbnail"] = [{"id": base + media_url(item, smallest), "type": "Image", "format": "image/jpeg",
                              "width": smallest.width, "height": smallest.height}]
    document["items"] = [_canvas(item, page, base, language, len(images.pages) > 1) for page in images.pages]
    return document


def _canvas(item: Item, images: ItemImages, base: str, language: str, labelled: bool) -> dict[str, Any]:
    """The canvas of one image; labelled ('front', 'page 2', or 'Image 2' when the item names none) when the
    item has several."""
    number, largest = images.number, images.largest
    canvas_id = base + canvas_url(item, number)
    body: dict[str, Any] = {
        "id": base + media_url(item, largest), "type": "Image", "format": "image/jpeg",
        "width": largest.width, "height": largest.height,
    }
    if images.has_image_service:
        body["service"] = [{"id": base + image_service_url(item, number), "type": "ImageService3",
                            "profile": "level0"}]
    canvas: dict[str, Any] = {"id": canvas_id, "type": "Canvas"}
    if labelled:
        _ = i18n.gettext_for(i18n.language(language))
        canvas["label"] = (_text(language, images.label) if images.label
                           else _words(language, _("Image %(number)s", number=images.number)))
    canvas.update({
        "width": images.original.width, "height": images.original.height,
        "items": [{
            "id": base + annotation_page_url(item, number), "type": "AnnotationPage",
            "items": [{"id": base + painting_url(item, number), "type": "Annotation", "motivation": "painting",
                       "body": body, "target": canvas_id}],
        }],
    })
    return canvas


def image_label(images: ItemImages) -> str:
    """What an object's image is called: its label, or 'Image N'."""
    return images.label or f"Image {images.number}"


def collection(base: str, language: str, title: str, path: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": PRESENTATION_CONTEXT, "id": base + path, "type": "Collection",
            "label": _text(language, title), "items": items}


def _metadata(site: Site, item: Item, language: str) -> list[dict[str, Any]]:
    """Date, places, subjects, creator and rights, each labelled in the site's language."""
    lang = i18n.language(language)
    _ = i18n.gettext_for(lang)
    rows: list[tuple[str, dict[str, list[str]]]] = []
    if item.date:  # in words, as the item's page writes it
        rows.append((_("Date"), _values(i18n.words_tag(lang), [describe_in(item.date.edtf, lang.catalog)])))
    places = [site.places[p].name for p in item.places if p in site.places]
    if places:
        rows.append((_("Places"), _values(language, places)))
    if item.subjects:
        rows.append((_("Subjects"), _values(language, list(item.subjects))))
    if item.creator:
        rows.append((_("Creator"), _values(language, [item.creator])))
    if item.rights or site.config.rights:
        rows.append((_("Rights"), _values(language, [item.rights or site.config.rights])))
    return [{"label": _words(language, label), "value": value} for label, value in rows]


def _manifest_ref(base: str, language: str, item: Item) -> dict[str, Any]:
    return {"id": base + manifest_url(item), "type": "Manifest", "label": _text(language, item.title)}


def _text(language: str, value: str) -> dict[str, list[str]]:
    """What the archive wrote, as a language map in its language."""
    return _values(language, [value])


def _values(language: str, values: list[str]) -> dict[str, list[str]]:
    """Texts in `language`, or "none" when none of them has a letter: a year or a number is no language's."""
    return {language if any(char.isalpha() for value in values for char in value) else "none": values}


def _words(language: str, text: str) -> dict[str, list[str]]:
    """One of albumen's own words (translated with i18n.gettext_for), tagged with the language it is in on a site
    in `language`."""
    return {i18n.words_tag(i18n.language(language)): [text]}


def _write_json(out: SiteWriter, rel: str, document: dict[str, Any], digest: str | None = None) -> None:
    out.text(rel, _json(document) + "\n", digest)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(_with_uri_ids(document), ensure_ascii=False, separators=(",", ":"))


# What a URI may hold as it is (RFC 3986's reserved and unreserved characters, and '%' of an escape).
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _with_uri_ids(document: Any) -> Any:
    """The document with every id a valid URI: ids of non-ASCII record ids ('café', '照片') percent-encoded,
    as IIIF (and JSON-LD) need. Found by tests/test_trust_hostile.py."""
    if isinstance(document, dict):
        return {key: quote(value, safe=_URI_SAFE) if key == "id" and isinstance(value, str) else _with_uri_ids(value)
                for key, value in document.items()}
    if isinstance(document, list):
        return [_with_uri_ids(value) for value in document]
    return document
