"""The media of the built site: each item's derivatives and image service linked from the cache, and its original
copied when the download setting offers it (only a photograph's format, named by its first bytes)."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from albumen.iiif import link_image_service
from albumen.records import Item
from albumen.renditions import ItemImages
from albumen.site import Site
from albumen.stages.outputs import Out
from albumen.stages.page_digest import digest_of
from albumen.urls import image_service_url, item_media_folders, media_url, original_url


def write_media(site: Site, out: Out, skip: Set[str] = frozenset()) -> None:
    """Every derivative (and, when offered, the original) linked from the cache into the site, but for the
    items in skip, already written."""
    for item in site.items.values():
        if item.id not in skip:
            write_item_media(site, item, out)


def write_item_media(site: Site, item: Item, out: Out) -> None:
    """One item's derivatives, for each of its images, linked from the cache into the site (and its originals
    copied, when offered). An item whose media are those the staging folder holds already is left as it is.

    While the image work runs, a build calls this as each original's files are made: an object's images whose
    files are not all made yet are left for the call that follows their own job; those linked are not again."""
    images = site.images.get(item.id)
    if images is None:
        return
    # Hashed: the repr is a kilobyte an item, kept in the manifest of each generation (300 MB at 100,000 items).
    digest = digest_of(repr([(page, _offered(site, item, page)) for page in images.pages]))
    if out.keep_tree(f"media:{item.id}", digest, item_media_folders(item)):
        return
    done = True
    for page in images.pages:
        if not out.has(media_url(item, page.largest)):
            if _made(page):
                _write_image_media(site, item, page, out)
            else:
                done = False
    if done:
        out.made.digests[f"media:{item.id}"] = digest


def _made(images: ItemImages) -> bool:
    return all(d.path.exists() for d in images.derivatives) and (
        images.tiles is None or (images.tiles / "info.json").exists()) and (
        images.full is None or images.full.exists())


def _write_image_media(site: Site, item: Item, images: ItemImages, out: Out) -> None:
    # the largest last: that it is there says this image's media are all linked (write_item_media)
    for derivative in sorted(images.derivatives, key=lambda d: d == images.largest):
        out.link(media_url(item, derivative), derivative.path)
    link_image_service(images, image_service_url(item, images.number), out.link)
    offered = _offered(site, item, images)
    if offered is not None:
        # A copy, never a hard link: editing the site's file must not be able to touch the original.
        out.copy(offered, images.source)


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
    """The site path of the item's (first) original offered for download (the download setting on, a
    photograph's format), or None."""
    images = site.images.get(item.id)
    return _offered(site, item, images) if images is not None else None


def _offered(site: Site, item: Item, images: ItemImages) -> str | None:
    if not site.config.images.download:
        return None
    suffix = original_suffix(images.source)
    return original_url(item, suffix, images.number) if suffix else None
