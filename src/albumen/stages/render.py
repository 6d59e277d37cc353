"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder. The jobs
are in modules of their own: the page list (page_list), the template environment (templates) and what each page
sees (page_context, cards), the data files (render_data), media (media), redirects (redirects), the theme's files
(albumen.theme_files). Pages go through stages.outputs.Out: a page whose digest (page_digest) is the published
page's is not rendered again, and a page whose bytes did not change is not written again.
"""

from __future__ import annotations

from collections.abc import Callable

from albumen.site import Site
from albumen.stages import page_list
from albumen.stages.cards import Cards
from albumen.stages.index import search_shards
from albumen.stages.outputs import Out
from albumen.stages.page_context import page_context
from albumen.stages.page_digest import PageDigests
from albumen.stages.render_data import write_feed, write_provinces, write_search_data, write_sitemap
from albumen.stages.templates import template_environment
from albumen.theme_files import copy_static
from albumen.urls import page_file


def render_site(site: Site, out: Out, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every page, the data files (sitemap, feed, search fallback) and the theme's assets into `out`;
    return the number of pages."""
    env = template_environment(site.config.cache_dir / "templates", site.config.theme)
    cards = Cards(env, site, page_context)
    digests = PageDigests(site, out.made.setting)
    pages = list(page_list.pages(site))
    out.indexable = [page_file(url) for url, template, _ in pages if template in page_list.SEARCHED]
    shards = search_shards(out.indexable)
    for number, (url, template, context) in enumerate(pages, start=1):
        rel = page_file(url)
        if template == "search.html":
            context = {**context, "search_shards": shards}
        digest = digests.of(url, template, context)
        if digest is None or not out.keep_page(rel, digest):
            html = env.get_template(template).render(**page_context(site, url, cards), **context)
            out.text(rel, html, digest)
            out.rendered += 1
        if progress:
            progress(number, len(pages))
    copy_static(out.data, "assets", site.config.theme)
    write_provinces(site, out)
    write_search_data(site, out, digests.search_data())
    write_sitemap(site, out, [url for url, _, _ in pages if url not in page_list.UNLISTED])
    write_feed(site, out)
    return len(pages)
