"""render: pages from the catalog with Jinja2. No page reads the archive's files.

Every link is relative to the page it is on, so the site works under any sub-path and from a folder. The jobs
are in modules of their own: the page list (page_list), the template environment (templates) and what each page
sees (page_context, cards), the data files (render_data), media (media), redirects (redirects), the theme's files
(albumen.theme_files). Pages go through stages.outputs.Out: a page whose digest (page_digest) is the published
page's is not rendered again, and a page whose bytes did not change is not written again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from albumen import text_memo
from albumen.site import Site
from albumen.stages import forked_render, page_list
from albumen.stages.cards import Cards
from albumen.stages.index import search_shards
from albumen.stages.outputs import Out, Recorded
from albumen.stages.page_context import page_context
from albumen.stages.page_digest import PageDigests
from albumen.stages.render_data import write_feed, write_provinces, write_search_data, write_sitemap
from albumen.stages.templates import template_environment
from albumen.theme_files import copy_static
from albumen.urls import page_file

Page = tuple[str, str, dict[str, Any]]  # url, template, variables (stages/page_list.py)


@dataclass(frozen=True)
class _Job:
    """A page to render: its file, URL, template, variables and the digest it is recorded with."""

    rel: str
    url: str
    template: str
    context: dict[str, Any]
    digest: str | None


class SiteRender:
    """The site's pages in two passes: first the pages the search index reads, so that Pagefind can start on
    them, then (while it runs) the others, the data files (sitemap, feed, search fallback) and the theme's assets.
    The site is the same in any order: no page depends on another's rendering."""

    def __init__(self, site: Site, out: Out, digests: PageDigests) -> None:
        self.site, self.out, self.digests = site, out, digests
        self.env = template_environment(site.config.cache_dir / "templates", site.config.theme)
        self.cards = Cards(self.env, site, page_context)
        self.pages = list(page_list.pages(site))
        out.indexable = [page_file(url) for url, template, _ in self.pages if template in page_list.SEARCHED]
        self._shards = search_shards(out.indexable)
        self._count = len(self.pages)  # the site's pages: searched_pages lets go of its own
        self._listed = [url for url, _, _ in self.pages if url not in page_list.UNLISTED]  # the sitemap's, in order

    def searched_pages(self, progress: Callable[[int, int], None] | None = None) -> None:
        self._render([page for page in self.pages if page[1] in page_list.SEARCHED], progress)
        # Rendered: their variables (every item page's, most of the list) are not held while Pagefind indexes them
        # and the rest is written (the sitemap has their URLs: _listed).
        self.pages = [page for page in self.pages if page[1] not in page_list.SEARCHED]

    def the_rest(self) -> int:
        """Every other page and file (after searched_pages); returns the number of pages."""
        self._render(self.pages)
        site, out = self.site, self.out
        copy_static(out.data, "assets", site.config.theme)
        write_provinces(site, out)
        write_search_data(site, out, self.digests.search_data())
        write_sitemap(site, out, self._listed)
        write_feed(site, out)
        count = self._count
        # Rendering is done: its page list and cards (a tenth of a gigabyte at 100,000 items) are not held while
        # the search index and IIIF are written.
        self.pages, self._listed = [], []
        self.cards.clear()
        return count

    def _render(self, pages: list[Page], progress: Callable[[int, int], None] | None = None) -> None:
        """Every page that is not the published one (see page_digest); half of them in a forked child when there
        are many (stages/forked_render.py)."""
        jobs = [job for job in map(self._job, pages) if job is not None]
        kept = len(pages) - len(jobs)

        def report(done: int) -> None:
            if progress:
                progress(kept + done, len(pages))

        mine, theirs = jobs[0::2], jobs[1::2]  # alternate pages: both halves hold items and galleries alike
        child = forked_render.start(lambda: self._render_in_child(theirs)) \
            if forked_render.worth_forking(len(jobs), self._count) else None
        if child is None:
            self._render_jobs(jobs, report)
            return
        try:
            self._render_jobs(mine, lambda done: report(min(2 * done, len(jobs))))
        except BaseException:
            forked_render.stop(child)
            raise
        done = forked_render.result(child)
        if done is None:  # the child failed: its pages are rendered here (an error is then raised here)
            self._render_jobs(theirs)
            return
        recorded, memo = done
        self.out.take(recorded)
        self.out.rendered += len(theirs)
        text_memo.take(memo)
        report(len(jobs))

    def _job(self, page: Page) -> _Job | None:
        """What rendering the page needs, or None when the published page's bytes are taken as they are."""
        url, template, context = page
        rel = page_file(url)
        if template == "search.html":
            context = {**context, "search_shards": self._shards}
        digest = self.digests.of(url, template, context)
        if digest is not None and self.out.keep_page(rel, digest):
            return None
        return _Job(rel, url, template, context, digest)

    def _render_in_child(self, jobs: list[_Job]) -> tuple[Recorded, dict[str, dict[str, object]]]:
        out = self.out
        out.after_fork()
        known, changed = text_memo.used_texts(), len(out.changed)  # what it sends back is what the build lacks
        self._render_jobs(jobs)
        return out.recorded([job.rel for job in jobs], changed), text_memo.used(besides=known)

    def _render_jobs(self, jobs: list[_Job], report: Callable[[int], None] | None = None) -> None:
        site, out = self.site, self.out
        for number, job in enumerate(jobs, start=1):
            html = self.env.get_template(job.template).render(**page_context(site, job.url, self.cards), **job.context)
            out.text(job.rel, html, job.digest)
            out.rendered += 1
            if report:
                report(number)
