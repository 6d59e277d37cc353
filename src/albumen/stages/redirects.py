"""Redirects: an imported site's old URLs keep working, as redirect pages at old page paths and the photograph
itself at old image paths."""

from __future__ import annotations

from pathlib import PurePosixPath

from albumen.records import Item
from albumen.site import Site
from albumen.stages.outputs import Out
from albumen.stages.page_context import language_context
from albumen.stages.templates import template_environment
from albumen.urls import folder_of, redirect_file, relative_url, url_for

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"}


def write_redirects(site: Site, out: Out) -> int:
    """Old URLs keep working: a redirect page at each old page path, the photo itself at each old image path.

    Runs after everything else is written, and never replaces a file the site itself made.
    """
    template = template_environment(site.config.cache_dir / "templates", site.config.theme).get_template(
        "redirect.html")
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
            if out.has(page):
                continue
            if is_image:
                images = site.images.get(item.id) if item else None
                if images:
                    out.link(page, images.largest.path)
                    written += 1
                continue
            html = template.render(**language_context(site.config.language), config=site.config, title=title,
                                   target=relative_url(folder_of(page), url))
            out.text(page, html)
            written += 1
    return written
