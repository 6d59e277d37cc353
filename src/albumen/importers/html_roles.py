"""Each old page's role (photo, gallery, free, home, menu, empty, frameset), and topics for loose photos.

Step 5 of html_site.py's list, its first half: a page that shows one photo, reached from a thumbnail, is that
photo's own page; a page with photos is a gallery (a topic); a page without is a free page. Photos shown only on
their own pages join the page that lists them, or the slide show their pages make together.
"""

from __future__ import annotations

import posixpath

from albumen.grouping import Grouping
from albumen.importers.html_captions import Captions
from albumen.importers.html_model import PageText, SiteModel, is_home, leads_to, reading_order
from albumen.importers.html_page import ImageUse, OldPage
from albumen.importers.html_photos import Versions
from albumen.importers.html_text import Line
from albumen.natural_order import page_key

SMALL_PHOTO_PIXELS = 200  # a photo no bigger than this both ways is a thumbnail without a bigger version
SHORT_TEXT_WORDS = 80  # a page with one photo and no more words than this is that photo's page
# A page with more words than this tells its own story (a person's page): its one picture only illustrates it.
# A count of all its words, unlike html_paging.STORY_WORDS (words one page has that another has not), same number.
OWN_STORY_WORDS = 20


def assign_roles(m: SiteModel) -> None:
    """Each page's role (m.roles): photo, gallery, free, home, menu, empty or frameset."""
    _leave_out_neighbour_strips(m)
    showing, framed = _pages_showing(m), _framed_pages(m)  # once: they stay the same while roles are given
    sections = _menus_sections(m)
    for rel, text in m.texts.items():
        keys = {m.key(u) for u in text.photos}
        if m.pages[rel].frames and m.pages[rel].body is None:
            m.roles[rel] = "frameset"
        elif keys and _section_with_small_pictures(m, rel, text, sections):
            m.roles[rel] = "home" if is_home(rel) else "free"
            text.captions = _words_of_the_page(text)
        elif keys and (_only_illustrations(m, text) or _refers_to_its_photo(m, rel, keys, showing)
                       or _smaller_than_where_it_is_linked_from(m, rel, keys)):
            m.roles[rel] = "home" if is_home(rel) else "free"
        elif _is_photo_page(m, rel, keys, sections):
            m.roles[rel] = "photo"
            m.photos[next(iter(keys))].photo_pages.append(rel)
        elif not keys and m.key_of(m.lost_big.get(rel)) in m.photos:
            m.roles[rel] = "photo"
            photo = m.photos[m.key_of(m.lost_big[rel])]
            photo.photo_pages.append(rel)
            m.report.look(rel, None, f"this photo page's big image is missing: it leads to the item of its "
                          f"thumbnail ({photo.best})", kind="photo pages whose big image is missing: they "
                          "lead to the items their thumbnails became")
        elif len(keys) == 1 and _menu_with_a_picture(m, rel, text, framed):
            m.roles[rel] = "menu"
        elif keys:
            m.roles[rel] = "gallery"
        elif is_home(rel):
            m.roles[rel] = "home"
        elif not text.captions.loose:
            m.roles[rel] = "empty"
        elif _only_links_within(m, rel, text.captions.loose):
            m.roles[rel] = "menu"
        else:
            m.roles[rel] = "free"
    _find_photo_pages_lost_whole(m)


def _leave_out_neighbour_strips(m: SiteModel) -> None:
    """A photo page with a strip of its neighbours' thumbnails (Web Album Generator's filmstrip: the photos
    before and after it, each leading to its own page, which leads back): the strip is the way to them, not
    the page's photos; the page keeps its one photo and stays that photo's page, not a gallery."""
    strips = {rel: [use for use in text.photos if _leads_to_a_neighbour(m, rel, use)] for rel, text in m.texts.items()}
    for rel, strip in strips.items():  # found on every page first: each page's strip tells its neighbours'
        own = [use for use in m.texts[rel].photos if use not in strip]
        if strip and len({m.key(use) for use in own}) == 1:
            m.texts[rel].photos = own


def _leads_to_a_neighbour(m: SiteModel, rel: str, use: ImageUse) -> bool:
    """The thumbnail leads to another page whose biggest photo it is, and that page leads back to this one by a
    photo's thumbnail too (a strip on each: a gallery's photo pages lead back to it by words or a button)."""
    other = use.link.path if use.link is not None and use.link.is_file else None
    if other is None or other == rel or other not in m.texts:
        return False
    unlinked = {u.src.path for u in m.pages[rel].images if u.link is None and u.src.is_file}
    if not any(u.link is not None and u.link.path == rel and u.src.path in unlinked for u in m.pages[other].images):
        return False  # its strip (chrome or not) shows the thumbnail this page shows unlinked (its own), leading here
    shown = [u for u in m.texts[other].photos if m.versions[(other, u.number)].size is not None]
    biggest = max(shown, key=lambda u: _pixels(m.site.size(u.src.path)) if u.src.is_file else 0, default=None)
    return biggest is not None and m.key(biggest) == m.key(use) and biggest.src.path != use.src.path


def _pixels(size: tuple[int, int] | None) -> int:
    return size[0] * size[1] if size else 0


def _find_photo_pages_lost_whole(m: SiteModel) -> None:
    """Pages that a gallery's missing thumbnails lead to, two or more, and that show only a missing image
    themselves: photo pages whose pictures were never uploaded (picasa-pingjiang: 221 of them). No page is made
    of each; their addresses lead to the gallery (html_addresses.map_the_other_pages)."""
    for rel, page in m.pages.items():
        lost = [use.link.path for use in page.images if _missing_picture(m, use) and use.link is not None
                and use.link.is_file and use.link.path != rel and _shows_only_missing(m, use.link.path)]
        if len(set(lost)) >= 2:
            m.roles.update({other: "lost" for other in lost})


def _shows_only_missing(m: SiteModel, rel: str) -> bool:
    return m.roles.get(rel) in ("free", "empty") and not m.texts[rel].photos and any(
        _missing_picture(m, use) for use in m.pages[rel].images)


def _missing_picture(m: SiteModel, use: ImageUse) -> bool:
    """A missing image that is no navigation button (Ancestral Quest's images/next.jpg, never uploaded, leads
    from one text page to the next: those pages are no lost photo pages)."""
    return use.src.kind == "missing" and not m.versions[(use.page, use.number)].navigation


def give_loose_photos_a_topic(m: SiteModel) -> None:
    """Photos shown only on their own pages join the page that links to their pages (an index of photo
    pages becomes a gallery), or else the slide show their pages make together: one topic, never one each."""
    in_gallery = {m.key(u) for rel, role in m.roles.items() if role == "gallery"
                  for u in m.texts[rel].photos}
    in_shows = {rel for chain in m.slide_shows.values() for rel in chain}  # a presentation's slides
    loose = {rel: photos[0] for rel, role in m.roles.items() if role == "photo" and rel not in in_shows
             and (photos := m.texts[rel].photos) and m.key(photos[0]) not in in_gallery}
    taken: set[str] = set()
    for rel in reading_order(m.texts):
        if m.roles[rel] in ("photo", "frameset"):
            continue
        linked = [page for page in dict.fromkeys(m.pages[rel].links) if page in loose and page not in taken]
        if linked and (m.roles[rel] == "gallery" or len(linked) >= 2):
            m.gathered[rel] = list(dict.fromkeys(m.key(loose[page]) for page in linked))
            taken.update(linked)
            if m.roles[rel] != "gallery":
                m.roles[rel] = "gallery"
    placed = {key for keys in m.gathered.values() for key in keys}
    for chain in _leftovers_together(m, _chains([page for page in loose if page not in taken], m.pages)):
        keys = [key for key in dict.fromkeys(m.key(loose[page]) for page in chain) if key not in placed]
        if not keys:
            continue  # another own page of photos a topic already holds (a copy of a page): it leads to them
        name = f"slides:{chain[0]}"
        m.slide_shows[name] = chain
        m.gathered[name] = keys
        placed.update(keys)


def _is_photo_page(m: SiteModel, rel: str, keys: set[str], sections: set[str]) -> bool:
    """A page for one photo: a thumbnail leads to it, or it is one of a chain of such pages (a slide show),
    or, with no more text than a caption, it is one of several that a page lists or its photo is shown
    elsewhere too. A page that tells a story around one picture stays a page of its own, and so does a page the
    site's menu leads to (a section's page, its photo illustrating it), unless a thumbnail leads there too."""
    if len(keys) != 1 or is_home(rel) or _maps_photo_pages(m, rel) or any(
            use.text_link for use in m.texts[rel].photos):
        return False  # a page listing a picture as a link shows a list, not the picture
    key = next(iter(keys))
    if m.photo_pages.get(rel) == key:
        return True
    if rel in sections:
        return False
    page = m.pages[rel]
    linked_from = m.linked_from.get(rel, [])
    if any(other in m.one_photo for other in leads_to(page)) or any(
            other.rel in m.one_photo for other in linked_from):
        return True
    words = _own_words(m, rel)
    if not linked_from and words == 0:
        return True  # a page no page links to, a picture and not a word: a leftover photo page
    listed = any(sum(1 for p in dict.fromkeys(other.links) if p in m.one_photo) >= 2 for other in linked_from)
    shown_elsewhere = any(u.page != rel for u in m.photos[key].uses)
    return words <= SHORT_TEXT_WORDS and (listed or shown_elsewhere)


def _smaller_than_where_it_is_linked_from(m: SiteModel, rel: str, keys: set[str]) -> bool:
    """The page's one picture is shown smaller than on a page that links to it (a splash page's logo, "ENTER", and
    the home page with the logo at half size in a corner): the page is no photo's own page (that shows the photo
    bigger than the page leading there: a thumbnail is the small one, leading to the big one) but a page of its
    own, the picture its decoration. A thumbnail leading there makes it the photo's page all the same."""
    if len(keys) != 1 or m.photo_pages.get(rel) is not None:
        return False
    key = next(iter(keys))

    def largest(page: str) -> int:
        return max((_pixels(m.site.size(use.src.path)) for use in m.texts[page].photos
                    if m.key(use) == key and use.src.is_file), default=0)
    own = largest(rel)
    return own > 0 and any(largest(other.rel) > own for other in m.linked_from.get(rel, [])
                           if other.rel in m.texts and other.rel != rel)


def _section_with_small_pictures(m: SiteModel, rel: str, text: PageText, sections: set[str]) -> bool:
    """A page the site's menu leads to whose pictures are all small drawn ones leading nowhere bigger (a contact
    page's 125x75 telephone GIFs beside the firm's address): a text page they decorate, its words never their
    captions. Small photos (JPEGs: a 1997 album's 180x135 scans), or pictures each with a line of its own under
    it (the same scans saved as GIFs), are the section's gallery."""
    if rel not in sections or rel in m.photo_pages:
        return False
    found = [m.versions[(rel, use.number)] for use in text.photos]
    return all(_small_drawn_picture(m, v) for v in found) and not _each_with_its_own_caption(text)


def _small_drawn_picture(m: SiteModel, versions: Versions) -> bool:
    """A small picture that leads nowhere bigger, drawn or saved with a palette (a GIF, never a camera's JPEG)."""
    return (not versions.leads_to_bigger and versions.best is not None and versions.size is not None
            and max(versions.size) <= SMALL_PHOTO_PIXELS
            and (m.site.palette(versions.best) or m.site.drawn(versions.best)))


def _each_with_its_own_caption(text: PageText) -> bool:
    """Every picture on the page has caption lines of its own (an emblem beside an address has none)."""
    return all(text.captions.lines.get(use.number) for use in text.photos)


def _words_of_the_page(text: PageText) -> Captions:
    """The page's captions, all of them its own text, in reading order (the pictures keep none)."""
    kept = {id(line) for line in text.captions.loose} | {
        id(line) for lines in text.captions.lines.values() for line in lines}
    return Captions(loose=[line for line in text.lines if id(line) in kept])


def _menus_sections(m: SiteModel) -> set[str]:
    """The pages the site's menu leads to (html_photos: a button leading to one page, the same from every page),
    and those that show its button lit for themselves (leading to itself). A slide show's Next and Previous lead to
    a different page from each page: they are no menu."""
    return {use.link.path for use in m.menu_buttons() if use.link is not None}


def _refers_to_its_photo(m: SiteModel, rel: str, keys: set[str], showing: dict[str, set[str]]) -> bool:
    """A page of its own story (a person's page in a genealogy) whose one picture is a thumbnail leading to
    that photo's own page: the photo illustrates it; the page is neither the photo's page nor a gallery."""
    return len(keys) == 1 and _own_words(m, rel) > OWN_STORY_WORDS and _illustrated_by_its_own_page(
        m, rel, next(iter(keys)), showing)


def _own_words(m: SiteModel, rel: str) -> int:
    """How many words the page's text has, its chrome (menus, footers) left out."""
    return sum(len(line.plain.split()) for line in m.texts[rel].lines if not m.chrome.is_chrome_line(line))


def _illustrated_by_its_own_page(m: SiteModel, rel: str, key: str, showing: dict[str, set[str]]) -> bool:
    """The page shows the picture only as the thumbnail other pages show too, and the only photo's page it leads
    to is the one that thumbnail links to, showing that same picture (Gramps' person page: the portrait leads to
    its media page): no Previous or Next of a chain, no size of its own."""
    uses = [use for use in m.texts[rel].photos if m.key(use) == key]
    if not uses or any(showing.get(use.src.path, set()) <= {rel} for use in uses):
        return False  # it shows the picture at a size of its own (a medium page before the large one)
    shown = {use.link.path for use in uses if use.link is not None and use.link.is_file}
    # pages of one photo, and those a thumbnail leads to (the latter first)
    leads = {other: m.photo_pages.get(other, m.one_photo.get(other)) for other in leads_to(m.pages[rel])
             if (other in m.photo_pages or other in m.one_photo) and other != rel}
    return bool(leads) and leads.keys() <= shown and all(own == key for own in leads.values())


def _pages_showing(m: SiteModel) -> dict[str, set[str]]:
    """Each image file -> the pages that show it (the pages' photos are found before roles are given)."""
    found: dict[str, set[str]] = {}
    for page, text in m.texts.items():
        for use in text.photos:
            found.setdefault(use.src.path, set()).add(page)
    return found


def _maps_photo_pages(m: SiteModel, rel: str) -> bool:
    """The page's picture is a collage whose image map (<area href>) leads to two or more photos' own pages:
    the page is their gallery, however few pictures it shows itself."""
    body = m.pages[rel].body
    if body is None:
        return False
    areas = {m.site.resolve(rel, area.attributes.get("href")).path for area in body.css("area[href]")}
    return sum(1 for page in areas if page != rel and page in m.one_photo) >= 2


def _only_illustrations(m: SiteModel, text: PageText) -> bool:
    """Pictures set into a page's text (floated left or right) that a gallery shows too: the page is a
    text page that they illustrate, and its words are not their captions."""
    galleries = {u.page for u in text.photos}
    if text.page.rel in m.photo_pages:
        return False  # a thumbnail leads here: the page is its photo's own page, however the photo is set
    return len({m.key(u) for u in text.photos}) <= 2 and all(
        _floated(u) and any(other.page not in galleries for other in m.photos[m.key(u)].uses)
        for u in text.photos)


def _leftovers_together(m: SiteModel, chains: list[list[str]]) -> list[list[str]]:
    """Photo pages that no page links to, nor each other, in one folder (a version of an album left on the
    disk): one slide show, never a topic each."""
    kept, by_folder = [], dict[str, list[str]]()
    for chain in chains:
        if len(chain) == 1 and not m.linked_from.get(chain[0]):
            by_folder.setdefault(posixpath.dirname(chain[0]), []).append(chain[0])
        else:
            kept.append(chain)
    return kept + [sorted(pages, key=page_key) for pages in by_folder.values()]


def _menu_with_a_picture(m: SiteModel, rel: str, text: PageText, framed: set[str]) -> bool:
    """A frame of a frameset that is the site's menu (nothing but links to its pages) under one small picture
    leading nowhere (a portrait, a logo): the menu, not a topic of that picture (the picture stays an item)."""
    versions = m.versions[(rel, text.photos[0].number)]
    lines = text.lines  # its menu may be taken for the picture's caption
    in_a_frameset = rel in framed
    return (in_a_frameset and bool(lines) and not versions.leads_to_bigger
            and versions.size is not None and max(versions.size) <= SMALL_PHOTO_PIXELS
            and _only_links_within(m, rel, lines))


def _framed_pages(m: SiteModel) -> set[str]:
    """The pages a frameset shows in its frames."""
    return {frame for page in m.pages.values() for frame in page.frames}


def _only_links_within(m: SiteModel, rel: str, lines: list[Line]) -> bool:
    """A page of nothing but links to the site's own pages: a menu (a frame's navigation, a site map)."""
    return all(line.link_only and all(m.site.resolve(rel, href).is_file for href, _ in line.hrefs)
               for line in lines)


def _chains(photo_pages: list[str], pages: dict[str, OldPage]) -> list[list[str]]:
    """Photo pages that link to one another (Previous / Next, a timed refresh) as slide shows, each in order:
    from the page no other one moves on to, following refreshes and forward links, else by name."""
    grouping, photo_page_set = Grouping(photo_pages), set(photo_pages)  # pages linked either way: one show
    for rel in photo_pages:
        for other in set(leads_to(pages[rel])) & photo_page_set - {rel}:
            grouping.join(rel, other)
    by_name = {rel: n for n, rel in enumerate(sorted(photo_pages, key=page_key))}
    groups = sorted(grouping.groups(), key=lambda group: min(by_name[rel] for rel in group))  # the first by name first
    return [_in_slide_order(set(group), pages) for group in groups]


def _in_slide_order(group: set[str], pages: dict[str, OldPage]) -> list[str]:
    refreshes = {rel: pages[rel].refresh for rel in group if pages[rel].refresh in group}
    if not refreshes:
        return sorted(group, key=page_key)
    arrived = set(refreshes.values())
    order = []
    starts = [rel for rel in group if rel not in arrived] or list(group)
    current: str | None = min(starts, key=page_key)
    while current is not None and current not in order:
        order.append(current)
        current = refreshes.get(current)
    return order + sorted(group - set(order), key=page_key)


def _floated(use: ImageUse) -> bool:
    align = (use.node.attributes.get("align") or "").strip().lower()
    style = (use.node.attributes.get("style") or "").replace(" ", "").lower()
    return align in ("left", "right") or "float:left" in style or "float:right" in style
