"""Where each old address leads now, and links rewritten: step 6 of html_site.py's list.

Every record gets its id (from its old file name or its title), every old path a target (item:ID, topic:ID, a
page's address), kept as a redirect so old links keep working; links in the text are rewritten to the targets.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from albumen.ids import RESERVED_PAGE_IDS
from albumen.importers.drafts import Draft, DraftItem, DraftPage, DraftTopic
from albumen.importers.html_model import SiteModel, file_stem, is_home, reading_order
from albumen.importers.html_page import normalise_space
from albumen.importers.html_saved_parts import owner_of, shown_by_owner
from albumen.importers.html_text import Line, LinkFn, lines_markdown
from albumen.importers.html_titles import (
    home_body,
    page_stem,
    page_title,
    show_title,
    topic_title,
)
from albumen.importers.oldsite import FOLDER_PAGE_STEMS, INDEX_NAMES
from albumen.importers.report import ImportReport
from albumen.markup import plain_text
from albumen.urls import redirect_file, relative_url, taken_by_the_site


def assign_ids(m: SiteModel) -> None:
    # The build compares old paths to pages' ids ignoring case: Andrew/ and pages/andrew.md would clash.
    old_folders = {rel.split("/", 1)[0].casefold() for rel in m.site.files if "/" in rel}
    for photo in m.photos.values():
        photo.id = m.ids.new("items", file_stem(photo.best))
        for path in (photo.best, *photo.photo_pages, *(u.src.path for u in photo.uses if u.src.is_file)):
            m.targets.setdefault(path, f"item:{photo.id}")
    for rel in reading_order(m.texts):
        role = m.roles[rel]
        if rel in m.continued:
            continue  # it leads to its gallery's topic, once that has its id (below)
        if role == "gallery":
            m.targets[rel] = f"topic:{m.ids.new('topics', page_stem(m, rel, topic_title(m, rel)))}"
        elif role == "free" or (role == "home" and home_body(m)):
            name = "welcome" if role == "home" else page_stem(m, rel, page_title(m, rel))
            page_id = m.ids.new("pages", name, avoid=RESERVED_PAGE_IDS | old_folders)
            m.targets[rel] = f"page:{page_id}"
    for name, chain in m.slide_shows.items():
        title = show_title(m, name, chain)
        m.targets[name] = f"topic:{m.ids.new('topics', title)}"
    for rel, first in m.continued.items():
        m.targets[rel] = m.targets[first]
        why = "the same album again, of some of its photos" if rel in m.copies else "a later page"
        m.report.led_elsewhere.append((rel, m.targets[rel], f"{why} of {first}"))


def map_the_other_pages(m: SiteModel) -> None:
    """Every old page leads somewhere: a frameset to what its frames show, a page with nothing of its own
    (a menu, a page left empty, an orphan) to the page that links to it, else to the site's first record."""
    pages = reading_order(m.texts)
    first = next((m.targets[rel] for rel in pages if rel in m.targets), None)
    first = next((t for t in m.targets.values() if t.startswith("topic:")), first)
    _map_copies(m, final=False)  # before framesets: a frame may be a copy
    for _ in range(3):  # framesets inside framesets
        for rel in pages:
            frames = [m.targets[f] for f in m.pages[rel].frames if f in m.targets]
            if rel not in m.targets and frames:
                m.targets[rel] = next((t for t in frames if t.startswith("topic:")), frames[0])
    for part, whole in m.parts.items():
        if whole in m.targets:
            m.targets[part] = m.targets[whole]
            m.report.led_elsewhere.append((part, m.targets[whole], f"a part of {whole}"))
    # a page with nothing of its own whose NAME_files/ holds a part of it: the part (the one it shows first)
    for rel in sorted(pages, key=lambda rel: shown_by_owner(m, rel) is None):
        owner = (owner_of(m, rel) or (None, ""))[0]
        if owner is not None and owner not in m.targets and rel in m.targets:
            m.targets[owner] = m.targets[rel]
            m.report.led_elsewhere.append((owner, m.targets[rel], f"a part of it, saved in its folder: {rel}"))
    for rel in pages:
        if rel in m.targets:
            continue
        parent = next((m.targets[other] for other in pages if other in m.targets and rel in (
            *m.pages[other].links, *m.pages[other].frames, m.pages[other].refresh)), None)
        folder = None if parent else _folder_page(m, rel)
        target = parent or (m.targets[folder] if folder else first)
        if target is None:
            m.report.unmapped.append((rel, "the old site has no page that became a topic, photo or page"))
            continue
        m.targets[rel] = target
        why = "links to it" if parent else _folder_why(rel, folder) if folder else "no page links to it"
        m.report.led_elsewhere.append((rel, target, why))
    _map_copies(m, final=True)


def _folder_page(m: SiteModel, rel: str) -> str | None:
    """The page of the folder `rel` is in (index.htm, default.htm, home.htm), or of its nearest ancestor, once it
    leads somewhere: a FrontPage web's _borders/top.htm or a page of nothing but its nav bar belongs to its own
    sub-site, never to another folder's gallery that happens to be the site's first topic."""
    folder = posixpath.dirname(rel)
    while True:
        pages = [other for other in m.targets if other in m.pages and other != rel
                 and posixpath.dirname(other) == folder and file_stem(other).casefold() in FOLDER_PAGE_STEMS]
        if pages:
            return min(pages, key=lambda other: (posixpath.basename(other) not in INDEX_NAMES, other))
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def _folder_why(rel: str, folder: str) -> str:
    same = posixpath.dirname(rel) == posixpath.dirname(folder)
    return f"the page of {'its folder' if same else 'a folder above it'}: {folder}"


def _map_copies(m: SiteModel, final: bool) -> None:
    """A copy of a page leads where the page kept does (once that is known; `final`: or nowhere)."""
    for copy, kept in m.page_copies.items():
        if copy in m.targets:
            continue
        if kept in m.targets:
            m.targets[copy] = m.targets[kept]
            m.report.led_elsewhere.append((copy, m.targets[kept], f"a copy of {kept}, read once"))
        elif final:
            m.report.unmapped.append((copy, f"a copy of {kept}, which leads nowhere"))


def redirects_to(m: SiteModel, target: str) -> tuple[str, ...]:
    """The old pages that now lead to `target` (the new home needs none: it is at the same address).
    Asked once every target is known, for each record in turn: the pages are sorted out once."""
    if m.old_pages_of is None:
        m.old_pages_of = {}
        for rel in [*reading_order(m.texts), *m.parts, *m.page_copies]:
            if rel in m.targets and rel != "index.html":
                m.old_pages_of.setdefault(m.targets[rel], []).append(rel)
    return tuple(m.old_pages_of.get(target, []))


def markdown_of(m: SiteModel, lines: list[Line], page: str, here: str, structure: bool = True) -> str:
    """Lines as Markdown, links rewritten; emphasis (then links) dropped if they would change the text."""
    link = _link_fn(m, page, here)
    expected = normalise_space(" ".join(line.plain for line in lines))
    for emphasis, links in ((True, True), (False, True), (False, False)):
        markdown = lines_markdown(lines, link, emphasis=emphasis, links=links, structure=structure)
        if normalise_space(plain_text(markdown)) == expected:
            break
    else:
        m.report.look(page, None, f"text may not show exactly as on the old page: “{expected[:60]}…”")
    for line in lines:
        for href, text in line.hrefs:
            target = link(href)
            if target and target.startswith("item:"):
                m.report.item_links.append((page, text, target[5:]))
    return markdown


def _link_fn(m: SiteModel, page: str, here: str) -> LinkFn:
    def link(href: str) -> str | None:
        target = m.site.resolve(page, href)
        if target.kind == "external":
            return href.strip() if re.match(r"(?i)^(https?|mailto|ftp):", href.strip()) else None
        if target.kind == "outside":
            m.report.look(page, m.pages[page].line_of(href), f"link '{href}' leads outside the old "
                          "site's folder; not followed, kept as text only")
        if target.kind not in ("file", "missing"):
            return None
        new = m.targets.get(target.path)
        if new is None:
            if not is_home(target.path):
                why = "that file was not imported" if target.is_file else "the old site's folder has no such file"
                m.report.look(page, m.pages[page].line_of(href),
                              f"the link to '{target.path}' is kept as text only: {why}",
                              kind=f"links kept as text only: {why}")
            return relative_url(here, "") if is_home(target.path) else None
        if new.startswith("page:"):
            return relative_url(here, f"{new[5:]}/")
        if f"{new.replace(':', 's/', 1)}/" == here:
            return None  # a caption's link to its own photo (the big version) is just text now
        return new
    return link


def id_of(m: SiteModel, rel: str) -> str:
    return m.targets[rel].split(":", 1)[1]


def without_clashing_redirects(draft: Draft, report: ImportReport) -> Draft:
    """Old paths the new site can't redirect: its own folders or a free page's folder (ignoring case, as
    `albumen check` does: a Windows or Mac disk would mix them), one file taken twice, or a file that another old
    path needs as a folder. Left out here, the import never writes an archive that its own build refuses.

    The old home page needs none: the new home is at the same address.
    """
    taken = {name.casefold() for name in RESERVED_PAGE_IDS | {p.id for p in draft.pages} | {"index.html"}}
    records: list[DraftItem | DraftTopic | DraftPage] = [*draft.items, *draft.topics, *draft.pages]
    olds = [old for record in records for old in record.redirect_from]
    folders = {"/".join(file.split("/")[:n]) for old in olds
               for file in [redirect_file(old).casefold()] for n in range(1, file.count("/") + 1)}
    seen: dict[str, str] = {}  # the file an old path becomes -> the record that took it

    def keep(paths: tuple[str, ...], record: str) -> tuple[str, ...]:  # record: 'item:ID', 'topic:ID', 'page:ID'
        kept = []
        for path in paths:
            file = redirect_file(path).casefold()
            # Photo.JPG and photo.jpg of one record are one place (the build allows it); of two, the first wins.
            if (path in kept or seen.get(file, record) != record or path == "index.html"
                    or any(part.startswith(".") for part in path.split("/"))):
                continue
            if taken_by_the_site(path, taken):
                report.look(path, None, "this old address can't be kept: the new site uses that name for its "
                            "own pages; links to it from elsewhere will break", kind="old addresses the new site "
                            "uses for its own pages (items/, search/ ...): they can't be kept, links to them from "
                            "elsewhere will break")
                continue
            if file in folders:
                report.look(path, None, "this old address can't be kept: other old addresses need it as a "
                            "folder; links to it from elsewhere will break", kind="old addresses that other old "
                            "addresses need as a folder: they can't be kept, links to them will break")
                continue
            seen[file] = record
            kept.append(path)
        return tuple(kept)

    return replace(
        draft,
        topics=tuple(replace(t, redirect_from=keep(t.redirect_from, f"topic:{t.id}")) for t in draft.topics),
        pages=tuple(replace(p, redirect_from=keep(p.redirect_from, f"page:{p.id}")) for p in draft.pages),
        items=tuple(replace(i, redirect_from=keep(i.redirect_from, f"item:{i.id}")) for i in draft.items),
    )
