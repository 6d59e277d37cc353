"""The old site's pages, images, photos and texts, and its chrome: steps 1-4 of html_site.py's list.

Every page is read (decoded, parsed), each <img>'s largest version found (html_photos.py), each photo's caption
found first knowing nothing of chrome (html_captions.py), so that what repeats across pages, and is not a caption,
is known as chrome (html_chrome.py); then the captions again with chrome left out, now final.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PIL import Image

from albumen.file_names import names_a_file, own_names
from albumen.importers.html_captions import Captions, assign_captions, layout_of
from albumen.importers.html_chrome import (
    EVERY_PAGE_MIN,
    GALLERY_PHOTOS,
    PALETTE_LOGO_PIXELS,
    Chrome,
    ImageSightings,
    find_chrome_images,
    find_chrome_text,
    find_credit_badges,
    sightings_of,
)
from albumen.importers.html_copies import copies_of_pages
from albumen.importers.html_feeds import FeedPhoto, photos_of_feed, with_feed_photos
from albumen.importers.html_frontpage import included_parts
from albumen.importers.html_maps import with_map_labels
from albumen.importers.html_model import PageText, Photo, SiteModel, is_home, leads_to, reading_order
from albumen.importers.html_page import (
    ImageUse,
    OldPage,
    add_linked_images,
    climbing_links,
    find_images,
    read_page,
    site_addresses,
)
from albumen.importers.html_patterns import LABEL_WORDS
from albumen.importers.html_photos import find_versions
from albumen.importers.html_sidecars import photos_of_sidecar
from albumen.importers.html_text import Line, PhotoMark, page_events
from albumen.importers.oldsite import OldSite
from albumen.problems import AlbumenError
from albumen.reading import UnreadableFile

# A page's title drawn as a picture (GoLive's 520x203 GIF of words over an essay): a palette picture of few colours
# (a photo saved as a GIF keeps a hundred or more), at least twice as wide as high, with at most a label's words above
# it and a page of text below. Few colours alone are not enough: a family panorama dithered to a 32-colour GIF to
# keep it small has them too. A drawn title lies on a flat ground: one colour covers HEADING_GROUND of it or more
# (GoLive's banners 0.36-0.94), where a photo's commonest colour covers a few hundredths (0.02-0.17 seen).
HEADING_COLOURS = 64
HEADING_GROUND = 0.3
HEADING_SHAPE = 2
HEADING_TEXT_WORDS = 100
SMALL_CHROME_PIXELS = 150  # an image shown on many pages, no longer than this, leading nowhere bigger: chrome


def collect(m: SiteModel) -> None:
    """Read the pages and find their photos, chrome and final texts (m.texts), and the photos (m.photos)."""
    _read_pages(m)
    m.parts = included_parts(m.site, m.pages)
    for part in m.parts:  # shown inside the page that includes it: never read a second time
        del m.pages[part]
    m.page_copies = copies_of_pages(m.site, m.pages)
    for copy in m.page_copies:  # one page to a reader: counted twice, all its text would repeat (chrome)
        del m.pages[copy]
    for page in m.pages.values():
        for other in dict.fromkeys(leads_to(page)):
            m.linked_from.setdefault(other, []).append(page)
    m.versions = find_versions(m.site, m.pages)
    m.photo_pages = _find_photo_pages(m)
    candidates = {rel: [u for u in page.images if m.versions[(rel, u.number)].is_photo_candidate]
                  for rel, page in m.pages.items()}
    m.one_photo = _one_photo_pages(m, candidates)
    m.lost_big = _pages_of_missing_photos(m, candidates)
    first = {rel: _page_text(m, page, candidates[rel], _never) for rel, page in m.pages.items()}
    _find_second_views(m, first)
    m.chrome = _find_chrome(m, first)
    _leave_out_drawn_headings(m, first)
    for rel, page in m.pages.items():
        photos = [u for u in candidates[rel] if m.key(u) not in m.chrome.images
                  and (rel, u.number) not in m.hidden_views]
        m.texts[rel] = _page_text(m, page, photos, m.chrome.is_chrome_line)
    _leave_out_unreadable(m)
    _collect_photos(m)


def _read_pages(m: SiteModel) -> None:
    for rel, why in m.site.odd.items():  # Found by tests/test_trust_imports.py: FIFOs, link loops
        m.report.look(rel, None, f"not imported: {why}", kind="files of the old site that are no ordinary "
                      "file (a FIFO, a link in a loop or to nothing): not imported; each is in the report")
    for rel, why in m.site.unlisted.items():  # Found by tests/test_trust_fs_mix.py: left out unsaid
        m.report.look(rel, None, f"not imported: {why}; the pages and photos in it were left out")
    for rel in m.site.metadata:
        m.report.look(rel, None, "not imported: the program that made the site (FrontPage) keeps its own "
                      "records here; no page or photo of the site is in it", kind="folders of the program "
                      "that made the site (FrontPage's _vti_cnf/, _vti_pvt/): not imported")
    for rel, on_disk in m.site.renamed.items():
        m.report.look(rel, None, f"its name on the disk ('{on_disk}') is not UTF-8; read as Windows-1252, "
                      f"'{rel}', the name the archive uses", kind="file names that are not UTF-8, read as "
                      "Windows-1252 (the archive uses those names); each is in the report")
    rels = m.site.pages()
    if not rels:
        raise AlbumenError(f"no .html or .htm pages in {m.report.source}: is it the folder of a saved "
                           "website?")
    with m.reporter.progress("read", "pages") as advance:
        for number, rel in enumerate(rels, start=1):
            try:
                page = read_page(m.site, rel, m.encoding)
            except UnreadableFile as why:
                m.report.look(rel, None, f"can't read this page: {why}", level="error")
                continue
            m.pages[rel] = page
            m.report.pages_read.append((rel, f"{page.decoded.encoding}, {page.decoded.how}"))
            if page.decoded.doubtful:
                m.report.look(rel, None, f"some characters could not be read as {page.decoded.encoding}; "
                              "if letters look wrong, import again with --encoding (e.g. cp1252, shift_jis)")
            advance(number, len(rels))
    m.site.learn_addresses([url for page in m.pages.values() for url in site_addresses(page)])
    m.site.learn_links_above(link for page in m.pages.values() for link in climbing_links(page))
    for page in m.pages.values():
        with_map_labels(page)
        find_images(m.site, page)
        _show_players_list(m, page, photos_of_feed(m.site, page))
    elsewhere = {target.path for page in m.pages.values() for use in page.images
                 for target in (use.src, use.link) if target is not None and target.is_file}
    for page in m.pages.values():
        _show_players_list(m, page, photos_of_sidecar(m.site, page, elsewhere, lambda path, why: m.report.look(
            path, None, f"can't read this XML list of a gallery's photos: {why}; the photos it lists are not "
            "imported (import them with `albumen import photos`)", kind="XML lists of photos that can't be read")))
    for rel, page in m.pages.items():
        for href, line in page.refused:
            m.report.look(rel, line, f"link '{href}' leads outside the old site's folder; not followed",
                          kind="links that lead outside the old site's folder: not followed")
    add_linked_images(m.site, list(m.pages.values()))


def _show_players_list(m: SiteModel, page: OldPage, photos: list[FeedPhoto]) -> None:
    """An album its script lays out from a list (a feed, a player's XML): its photos are the list's."""
    shown = {use.src.path for use in page.images}
    if photos and not any(photo.picture in shown for photo in photos):
        with_feed_photos(page, photos)
        for found in (page.images, page.links, page.frames, page.refused):
            found.clear()
        find_images(m.site, page)


def _find_photo_pages(m: SiteModel) -> dict[str, str]:
    """Pages that thumbnails lead to and that show that one photo."""
    keys: dict[str, set[str]] = {}
    for versions in m.versions.values():
        if versions.photo_page is not None:
            keys.setdefault(versions.photo_page, set()).add(versions.key)
    return {page: next(iter(found)) for page, found in keys.items() if len(found) == 1}


def _pages_of_missing_photos(m: SiteModel, candidates: dict[str, list[ImageUse]]) -> dict[str, str]:
    """Pages a thumbnail leads to that show no photo because their big image is missing (an album whose
    images/ folder was lost): each is the own page of the one picture whose thumbnails lead there."""
    keys: dict[str, set[str]] = {}
    for (rel, number), versions in m.versions.items():
        link = m.pages[rel].images[number].link
        if (versions.is_photo_candidate and link is not None and link.is_file and link.path != rel
                and link.path in m.pages and not candidates[link.path]
                and any(use.src.kind == "missing" for use in m.pages[link.path].images)):
            keys.setdefault(link.path, set()).add(versions.key)
    return {page: next(iter(found)) for page, found in keys.items() if len(found) == 1}


def _page_text(m: SiteModel, page: OldPage, photos: list[ImageUse], is_chrome: Callable[[Line], bool]) -> PageText:
    if page.body is None:
        return PageText(page, [], [], Captions())
    layout = layout_of(page.body, {u.number: u.node for u in photos})
    events = page_events(page.body, {u.node_id: u.number for u in photos}, layout.boundaries, m.steps_of(page))
    return PageText(page, photos, events, assign_captions(events, layout, is_chrome))


def _find_chrome(m: SiteModel, first: dict[str, PageText]) -> Chrome:
    images: dict[str, ImageSightings] = {}
    for rel, text in first.items():
        for place, use in enumerate(text.photos):
            sighting = images.setdefault(m.key(use), ImageSightings())
            sighting.pages.add(rel)
            sighting.files.add(use.src.path)
            versions = m.versions[(rel, use.number)]
            sighting.leads_to_bigger |= versions.leads_to_bigger
            sighting.small = versions.size is not None and max(versions.size) < SMALL_CHROME_PIXELS
            sighting.logo_sized = versions.size is not None and max(versions.size) <= PALETTE_LOGO_PIXELS
            sighting.places.append((place, len(text.photos) - 1 - place))
    for sighting in images.values():
        sighting.palette = len(sighting.pages) >= EVERY_PAGE_MIN and _palette_picture(m.site, sighting.files)
        sighting.drawn = sighting.palette and any(m.site.drawn(rel) for rel in sighting.files)
    seen: list[tuple[str, Line, str | None, bool]] = []
    for rel, text in first.items():
        owners = {u.number: m.key(u) for u in text.photos if not images[m.key(u)].suspect}
        listed = {u.number for u in text.photos if u.text_link}  # its words are the link to it: its label
        names = {u.number: own_names([u.src.path, *([u.link.path] if u.link else [])]) for u in text.photos}
        for image, lines in text.captions.lines.items():
            # a link under each thumbnail that is its own file's name, cut short ("long_front_face_..." under two
            # photos of a Photoshop 5.5 gallery) is that photo's label, not navigation
            seen += [(rel, line, owners.get(image), image in listed or names_a_file(line.plain, names.get(image, ())))
                     for line in lines]
        seen += [(rel, line, m.photo_pages.get(rel) or m.one_photo.get(rel), False)
                 for line in text.captions.loose]
    chrome = find_chrome_text(*sightings_of(seen), photo_pages=frozenset(m.one_photo),
                              shown_on={key: sighting.pages for key, sighting in images.items()})
    for text in first.values():
        for use in text.photos:
            captioned = any(not chrome.is_chrome_line(line) for line in text.captions.lines.get(use.number, []))
            images[m.key(use)].captioned |= captioned
            if len(text.photos) >= GALLERY_PHOTOS:
                images[m.key(use)].galleries += 1
                images[m.key(use)].captioned_galleries += captioned
    find_chrome_images(chrome, images, sum(1 for text in first.values() if text.photos))
    find_credit_badges(chrome, [(m.key(use), text.captions.lines.get(use.number, []))
                                for text in first.values() for use in text.photos
                                if not images[m.key(use)].leads_to_bigger])
    return chrome


def _leave_out_drawn_headings(m: SiteModel, first: dict[str, PageText]) -> None:
    """A picture shown only as the drawn heading of pages of text (see HEADING_COLOURS) is their chrome, never a
    photo: the page stays a page with its text (not a one-photo slide show with its essay as the caption), and the
    same banner over one section's pages is left out however few of the site's pages show it."""
    headings: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    for rel, text in first.items():
        for use in text.photos:
            if _heading_of_text(m, text, use):
                headings.setdefault(m.key(use), set()).add(rel)
            else:
                elsewhere.add(m.key(use))
    for key, pages in headings.items():
        if key not in elsewhere:
            m.chrome.images.setdefault(key, len(pages))


def _heading_of_text(m: SiteModel, text: PageText, use: ImageUse) -> bool:
    versions = m.versions[(text.page.rel, use.number)]
    if versions.leads_to_bigger or versions.size is None or versions.best is None:
        return False
    width, height = versions.size
    if width < HEADING_SHAPE * height or not _few_colours(m.site, versions.best):
        return False
    if not (m.site.drawn(versions.best) or _on_flat_ground(m.site, versions.best)):
        return False  # a photo saved with few colours, not a drawing
    above, below, seen = 0, 0, False
    for event in text.events:
        if isinstance(event, PhotoMark):
            seen |= event.image == use.number
        elif not seen:
            above += len(event.plain.split())
        else:
            below += len(event.plain.split())
    return above <= LABEL_WORDS and below >= HEADING_TEXT_WORDS


def _few_colours(site: OldSite, rel: str) -> bool:
    """A GIF or palette PNG of no more than HEADING_COLOURS colours: drawn, not photographed."""
    path = site.files.get(rel)
    if path is None or path.suffix.casefold() not in (".gif", ".png"):
        return False
    try:
        with Image.open(path) as image:
            return image.mode in ("P", "1", "L") and image.convert("RGB").getcolors(HEADING_COLOURS) is not None
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def _on_flat_ground(site: OldSite, rel: str) -> bool:
    """One colour covers HEADING_GROUND of the picture or more: the ground its words are drawn on."""
    path = site.files.get(rel)
    if path is None:
        return False
    try:
        with Image.open(path) as image:
            colours = image.convert("RGB").getcolors(HEADING_COLOURS)
            area = image.width * image.height
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    return colours is not None and area > 0 and max(count for count, _ in colours) >= HEADING_GROUND * area


def _palette_picture(site: OldSite, files: set[str]) -> bool:
    """Its file is a GIF or a PNG of a palette: 256 colours at most, a drawn or web-saved picture (a logo)."""
    return site.palette(min(files))


def _leave_out_unreadable(m: SiteModel) -> None:
    """A photo whose every version is damaged (or in a format albumen can't open) makes no item: the build
    would stop on it. The report names the file and keeps the caption the old page gave it."""
    for rel, text in m.texts.items():
        damaged = [u for u in text.photos if m.versions[(rel, u.number)].size is None]
        for use in damaged:
            said = " ".join(line.plain for line in text.captions.lines.get(use.number, []))
            caption = f" (its caption: “{said}”)" if said else ""
            m.report.look(rel, use.line, f"{m.versions[(rel, use.number)].best} can't be read as an "
                          f"image (damaged, or a format albumen can't open): left out{caption}; put a good "
                          "copy in images/ and add an item for it", kind="images that can't be read "
                          "(damaged, or a format albumen can't open): left out; each is in the report")
        text.photos = [u for u in text.photos if u not in damaged]


def _find_second_views(m: SiteModel, first: dict[str, PageText]) -> None:
    """A photo's own page (a thumbnail of that photo leads to it) that shows it and, right beside it with no
    words between, one picture no gallery shows (a print's written back, the other half of a card): one
    photograph seen two ways, one item with two images; a leftover page of the second alone leads to it."""
    thumbnails: dict[str, set[str]] = {}  # a page -> the pictures whose thumbnails (elsewhere) lead to it
    for (page, number), versions in m.versions.items():
        link = m.pages[page].images[number].link
        if link is not None and link.is_file and link.path != page and versions.is_photo_candidate:
            thumbnails.setdefault(link.path, set()).add(versions.key)
    for rel, text in first.items():
        keys = [m.versions[(rel, u.number)].key for u in text.photos]
        mains = thumbnails.get(rel, set()) & set(keys)
        if len(keys) != 2 or len(set(keys)) != 2 or len(mains) != 1 or not _side_by_side(text):
            continue
        main = next(iter(mains))
        other = next(u for u in text.photos if m.versions[(rel, u.number)].key != main)
        versions = m.versions[(rel, other.number)]
        if versions.key in m.same_as or versions.key in thumbnails.get(rel, set()) or any(
                v.key == versions.key and (v.leads_to_bigger or len(first[page].photos) > 1)
                for (page, _), v in m.versions.items() if page != rel):
            continue
        m.second_views[main] = versions
        m.same_as[versions.key] = main
        m.hidden_views.add((rel, other.number))


def _side_by_side(text: PageText) -> bool:
    marks = [index for index, event in enumerate(text.events) if isinstance(event, PhotoMark)]
    return len(marks) == 2 and not any(isinstance(e, Line) for e in text.events[marks[0]:marks[1]])


def _collect_photos(m: SiteModel) -> None:
    for rel in reading_order(m.texts):
        for use in m.texts[rel].photos:
            key = m.key(use)
            photo = m.photos.setdefault(key, Photo(key, m.versions[(rel, use.number)]))
            photo.uses.append(use)


def _one_photo_pages(m: SiteModel, candidates: dict[str, list[ImageUse]]) -> dict[str, str]:
    """Pages that show one picture besides the images every page repeats (a logo, a banner)."""
    on_pages: Counter[str] = Counter()
    for uses in candidates.values():
        on_pages.update({m.key(u) for u in uses})
    found = {}
    for rel, uses in candidates.items():
        keys = {m.key(u) for u in uses if on_pages[m.key(u)] < 3}
        if len(keys) == 1 and not is_home(rel):
            found[rel] = next(iter(keys))
    return found



def _never(_: Line) -> bool:
    return False
