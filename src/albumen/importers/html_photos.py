"""Which images are photos, and the largest version of each.

A thumbnail is followed to the big image: through its link to an image file, or to a page of the old
site that shows one photo (its own page), and from there, once more, through a link to an image file.
The largest of the versions found (by pixels) is the photo. The same photo shown on several pages is one
photo, whatever its size or name there: versions whose pixels match (fingerprint.py) are one picture, and
its identity is the sha256 of the largest version's bytes.

A thumbnail whose link runs a script (`javascript:showSlide(3)`) leads to the big picture the page's script names
(Photoshop's slideshow galleries swap one big <img> from an array of file names): an image file named in the page's
scripts that shows the same picture, bigger, is its big version.

Navigation is never a photo: an image that leads to different pages from different places (the Previous
and Next arrows of a photo page, the same GIF on every page) is a button, unless its file is of a camera's size: a
picture of 300 px or more both ways, shown small as its own thumbnail, is a photo wherever it leads.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from albumen.fingerprint import NEAR_DUPLICATE_BITS, SAME_COLOUR, SAME_GREY, SAME_PICTURE_BITS, Fingerprint
from albumen.grouping import Grouping
from albumen.importers.html_page import SCRIPT_FILE, ImageUse, OldPage
from albumen.importers.html_patterns import NAVIGATION_WORDS
from albumen.importers.oldsite import OldSite, is_image, is_page
from albumen.importers.picture_pixels import same_pixels

THEME_COMPONENT = re.compile(r"_cmp_\w+?_(?:[hv]btn|bnr|bul|hr)\w*\.\w+$", re.IGNORECASE)  # FrontPage theme parts
SPACER_PIXELS = 20  # narrower or lower than this: a spacer or a rule, never a photo
ICON_PIXELS = 48  # smaller than this both ways, and not leading to a bigger version: a button or an icon
BANNER_SHAPE = 4  # this many times wider than high (or higher than wide), leading nowhere: a banner or a rule
BUTTON_PIXELS = 64  # a menu button's file is this low (or narrow) or less...
BUTTON_SHAPE = 2.5  # ...or this many times wider than high
CAMERA_PIXELS = 300  # a file this big both ways is a camera's or a scanner's picture, never a button
PANORAMA_PIXELS = 1600  # a side this long is a camera's (a stitched panorama, 3196x548), never a page's banner
ALBUM_COVER_PIXELS = 64  # shown no bigger than this, leading to an album's page: its cover, a way there
CROPPED_SHAPE = 0.1  # a thumbnail cut a little from its photo (975x180 of 3196x548): ratios this near
CLEARLY_BIGGER = 4  # a photo page's photo has at least this many times the area of any other image on it
SQUARE_ISH = (0.75, 1.34)  # the shapes of thumbnails cropped from a photo of another shape (1:1 to 3:4)
BIGGER = 1.5  # a thumbnail's photo page shows it at least this much bigger (by area), or the very same file
TINY_THUMBNAIL = 128  # pixels of its longest side: a thumbnail this small matches its photo by its grey picture
TINY_LEVELS = 1.5  # times SAME_GREY: a tiny thumbnail whose levels were raised (Photoshop CS: 4.1), its hash a copy's
LOGO_PAGES = 4  # a picture shown at its own size on this many pages is the site's, not one page's thumbnail
MENU_PAGES = 3  # an image leading to one page from this many pages or more, at one place on each: a menu button
SAME_SHAPE_TURNED = 0.04  # the width/height ratios of a picture and of it turned a quarter multiply to 1, give or take
FRAMED_BITS = 2 * NEAR_DUPLICATE_BITS  # a framed thumbnail's hash is this near its photo's (Picasa's shadow: 17)


@dataclass(frozen=True)
class ShownImages:
    """Which pictures (by digest) each page shows and where each leads from where, counted once per import:
    photo_page_image asks for every linked <img>, and scanning every page each time was quadratic (review 9)."""

    on_page: dict[str, frozenset[str]]  # page -> the digests of the files it shows
    pages_showing: Counter[str]  # digest -> on how many pages it is shown
    pages_linking: Counter[tuple[str, str]]  # (digest, page it leads to) -> on how many pages it leads there


def shown_images(site: OldSite, pages: dict[str, OldPage]) -> ShownImages:
    on_page = {rel: frozenset(site.digest(u.src.path) for u in page.images if u.src.is_file)
               for rel, page in pages.items()}
    linking: Counter[tuple[str, str]] = Counter()
    for page in pages.values():
        linking.update({(site.digest(u.src.path), u.link.path) for u in page.images
                        if u.src.is_file and u.link is not None})
    return ShownImages(on_page, Counter(key for keys in on_page.values() for key in keys), linking)


@dataclass(frozen=True)
class Versions:
    """What one <img> shows and the largest version it leads to."""

    shown: str | None  # the file the <img> displays, when it exists
    best: str | None  # the largest version found (None: no file at all)
    key: str  # the photo's identity: sha256 of `best`
    size: tuple[int, int] | None  # of `best`, None when it can't be read
    photo_page: str | None = None  # the photo's own page, when the thumbnail leads to one
    leads_to_bigger: bool = False  # the <img> links to another version or to the photo's page
    spacer: bool = False
    decoration: bool = False  # an icon, a button or a banner: not a photo
    missing: str | None = None  # a file the page names that isn't in the folder
    unreadable: str | None = None  # a version that is there but can't be read as an image
    navigation: bool = False  # a button that leads elsewhere from each page (Previous, Next, Home)
    # ...a menu's (never a gallery's Next): it leads to one page, the same from every page; or it is the menu's
    # button for the page it is on, lit (a different GIF on each page, leading to that page itself)
    menu: bool = False

    @property
    def is_photo_candidate(self) -> bool:
        return self.best is not None and not self.spacer and not self.decoration and not self.navigation


def find_versions(site: OldSite, pages: dict[str, OldPage]) -> dict[tuple[str, int], Versions]:
    """(page, image number) -> the versions of every <img> on every page."""
    seen = shown_images(site, pages)
    buttons = navigation_images(site, pages, seen)
    missing_buttons = _missing_images_at_one_place(pages)
    found = {}
    for page in pages.values():
        named: list[str] | None = None  # the images the page's scripts name, found when first needed
        for use in page.images:
            if use.src.is_file and site.digest(use.src.path) in buttons.all:
                found[(page.rel, use.number)] = _button(site, use, site.digest(use.src.path) in buttons.menus)
                continue
            versions = versions_of(site, pages, seen, use, buttons.all)
            if versions.missing and _missing_button(use, missing_buttons):
                versions = replace(versions, navigation=True)
            if versions.shown is not None and not versions.leads_to_bigger and _runs_a_script(use):
                named = script_images(site, page) if named is None else named
                bigger = _same_picture_bigger(site, versions.shown, named)
                if bigger is not None:
                    versions = replace(versions, best=bigger, key=site.digest(bigger), size=site.size(bigger),
                                       leads_to_bigger=True, decoration=False)
            found[(page.rel, use.number)] = versions
    _match_like_their_neighbours(site, pages, seen, found, buttons.all)
    return same_pictures_as_one(site, found)


def _missing_images_at_one_place(pages: dict[str, OldPage]) -> set[str]:
    """The missing files shown at one place on MENU_PAGES pages or more, leading to a different page from each
    (a report's images/next.jpg, never uploaded), and those beside them (its home.jpg, end.jpg: one page from
    every page): the site's buttons. A missing thumbnail of a person, shown on his family's pages, leads to his
    one page from all of them, beside no arrow (Gramps): a picture, said missing by its name."""
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    targets: dict[str, set[str]] = defaultdict(set)
    for page in pages.values():
        for place, use in enumerate(page.images):
            if use.src.kind == "missing" and use.link is not None and _leads_to_a_page(use):
                places[use.src.path].append((place, len(page.images) - 1 - place))
                targets[use.src.path].add(use.link.path)
    repeated = {path for path, found in places.items() if len(found) >= MENU_PAGES and _at_one_place(found)}
    known = {path for path in repeated if len(targets[path]) >= 2}
    while more := {path for page in pages.values() for path in _beside(page, known) if path in repeated - known}:
        known |= more
    return known


def _beside(page: OldPage, known: set[str]) -> set[str]:
    """The files of the images next to one of `known` on the page."""
    row = [use.src.path for use in page.images]
    return {row[near] for place, path in enumerate(row) if path in known
            for near in (place - 1, place + 1) if 0 <= near < len(row)}


def _missing_button(use: ImageUse, at_one_place: set[str]) -> bool:
    """A missing <img> in a link to a page of the site, its alt a place to go ("Home", "Next", "Last") or
    missing at one place on page after page: a navigation button whose file was never uploaded, not a lost photo."""
    return use.src.kind == "missing" and _leads_to_a_page(use) and (
        bool(NAVIGATION_WORDS.fullmatch(use.alt)) or use.src.path in at_one_place)


def _leads_to_a_page(use: ImageUse) -> bool:
    """The image's link opens a page of the site (the last page's "Last" button leads to that page itself)."""
    return use.link is not None and use.link.is_file and is_page(use.link.path)


def _match_like_their_neighbours(site: OldSite, pages: dict[str, OldPage], seen: ShownImages,
                                 found: dict[tuple[str, int], Versions], buttons: set[str]) -> None:
    """A gallery's thumbnail that leads to a page no other thumbnail claims, while two or more of its neighbours
    lead to their photos' own pages: its page is its photo's own page too, the picture of the same shape even when
    its fingerprint is a little off (Picasa frames each thumbnail with a shadow: 17 bits off, the limit is 16), not
    when it is as far as another picture's (FRAMED_BITS)."""
    claimed = {v.photo_page for v in found.values() if v.photo_page is not None}
    for page in pages.values():
        uses = [u for u in page.images if (page.rel, u.number) in found]
        matched = sum(1 for u in uses if found[(page.rel, u.number)].photo_page is not None)
        if matched < 2:
            continue
        for use in uses:
            versions = found[(page.rel, use.number)]
            link = use.link
            if (versions.photo_page is None and versions.is_photo_candidate and link is not None and link.is_file
                    and is_page(link.path) and link.path != page.rel and link.path not in claimed):
                again = versions_of(site, pages, seen, use, buttons, lenient=True)
                if again.photo_page is not None:
                    found[(page.rel, use.number)] = again
                    claimed.add(again.photo_page)


@dataclass(frozen=True)
class Buttons:
    """The site's navigation images, by digest."""

    all: set[str]  # every button: arrows (Previous, Next, Home) and a menu's buttons
    menus: set[str]  # of them, a menu's: each leads to one page (menu_buttons, buttons_in_their_row)


def navigation_images(site: OldSite, pages: dict[str, OldPage], seen: ShownImages) -> Buttons:
    """The images (by digest) that lead to two or more different pages: navigation buttons, not thumbnails; and
    with them a menu's buttons, each leading to one page.

    A thumbnail leads to its own photo wherever it is shown; an arrow leads to the next page from each page.
    A camera-sized file is no button (paquita: the big painting copied to be its own thumbnail leads to its photo
    page from the gallery, and home from that photo page).
    """
    targets: dict[str, set[str]] = defaultdict(set)
    shown_on: dict[str, set[str]] = defaultdict(set)  # image -> the pages it leads from
    for page in pages.values():
        for use in page.images:
            if use.src.is_file and use.link is not None and use.link.is_file and is_page(use.link.path) and \
                    _button_sized(site.size(use.src.path), menu=False):
                targets[site.digest(use.src.path)].add(use.link.path)
                shown_on[site.digest(use.src.path)].add(page.rel)
    arrows = {key for key, leads_to in targets.items()
              if len(leads_to) >= 2 and not _copies_of_one_photo_page(site, pages, seen, leads_to, shown_on[key])}
    known = arrows | menu_buttons(site, pages, seen)
    while more := buttons_in_their_row(site, pages, seen, known):  # a row of them: each found tells its neighbour
        known |= more
    return Buttons(all=known, menus=known - arrows)


def buttons_in_their_row(site: OldSite, pages: dict[str, OldPage], seen: ShownImages, known: set[str]) -> set[str]:
    """The images (by digest) beside a known button of their very size, that are not known yet: the menu's button
    for the page it is on, lit (NetObjects Fusion's Produkte_Hbuttonover.gif, FrontPage's navigation bar, a
    Dreamweaver rollover: a different GIF on each page, leading to that page itself), or a button few pages have
    (a sitemap's Home, a section's sub-menu). It leads to its own page or to one that is no photo's own page."""
    found: set[str] = set()
    for page in pages.values():
        row = [use for use in page.images if use.src.is_file and not _is_spacer(use, site.size(use.src.path))]
        for place, use in enumerate(row):
            key, size, link = site.digest(use.src.path), site.size(use.src.path), use.link
            if key in known or link is None or not link.is_file or not is_page(link.path) or not _button_sized(
                    size, menu=True):
                continue
            beside = [row[near] for near in (place - 1, place + 1) if 0 <= near < len(row)]
            if any(site.digest(other.src.path) in known and site.size(other.src.path) == size for other in beside) \
                    and (link.path == page.rel or photo_page_image(site, pages, seen, use, link.path, known) is None):
                found.add(key)
    return found


def menu_buttons(site: OldSite, pages: dict[str, OldPage], seen: ShownImages) -> set[str]:
    """The images (by digest) that lead to one page of the site from every page, at one place on each: a menu's
    buttons (kindergarten: six 110x29 PNGs, <img onclick="window.location.href='history.html'">), not thumbnails.
    A thumbnail repeated on many pages leads to its photo's own page, which shows it bigger; a menu's button is
    shaped like one (_button_sized)."""
    found: dict[str, list[tuple[ImageUse, tuple[int, int]]]] = defaultdict(list)
    for page in pages.values():
        for place, use in enumerate(page.images):
            if use.src.is_file and use.link is not None and use.link.is_file and is_page(use.link.path) and \
                    _button_sized(site.size(use.src.path), menu=True):
                found[site.digest(use.src.path)].append((use, (place, len(page.images) - 1 - place)))
    buttons = set()
    for key, uses in found.items():
        targets = {use.link.path for use, _ in uses if use.link is not None}
        pages_shown = {use.page for use, _ in uses}
        if len(targets) != 1 or len(pages_shown) < MENU_PAGES or not _at_one_place([p for _, p in uses]):
            continue
        use = uses[0][0]
        if photo_page_image(site, pages, seen, use, next(iter(targets)), set()) is None:
            buttons.add(key)
    return buttons


def _button_sized(size: tuple[int, int] | None, menu: bool) -> bool:
    """Whether a file's size lets it be navigation. An arrow (leading on to another page from each page) is any
    picture but a camera's or a scanner's (CAMERA_PIXELS both ways: paquita's painting, its own thumbnail); a menu's
    button (leading to one page from every page) must also look like one: low (a line of text on a face: 110x29) or
    a strip much wider than high, never a portrait linked to its person's page (review 9, finding 2: 240x320).
    A file whose size can't be read may be an arrow, never a menu's button."""
    if size is None:
        return not menu
    if menu:
        return min(size) <= BUTTON_PIXELS or size[0] >= BUTTON_SHAPE * size[1]
    return min(size) < CAMERA_PIXELS


def _at_one_place(places: list[tuple[int, int]]) -> bool:
    """At one place on MENU_PAGES pages or more: the same number of images before it, or after it."""
    from_start = Counter(start for start, _ in places).most_common(1)[0][1]
    from_end = Counter(end for _, end in places).most_common(1)[0][1]
    return max(from_start, from_end) >= MENU_PAGES


def _copies_of_one_photo_page(site: OldSite, pages: dict[str, OldPage], seen: ShownImages, targets: set[str],
                              sources: set[str]) -> bool:
    """The pages an image leads to all show one picture as their biggest, one no page it leads from shows: copies
    of its photo page (an album saved twice), not the different pages an arrow leads to from each page."""
    biggest: set[str] = set()
    for rel in targets:
        shown = pages[rel].images if rel in pages else []
        files = [u.src.path for u in shown if u.src.is_file and site.size(u.src.path)]
        if not files:
            return False
        biggest.add(site.digest(max(files, key=lambda f: _area(site.size(f)))))
    if len(biggest) != 1:
        return False
    picture = next(iter(biggest))
    return not any(picture in seen.on_page[rel] for rel in sources if rel in pages)


def linked_images_left_out(site: OldSite, page: OldPage, used: set[str]) -> list[str]:
    """The image files the page's links (<a href>) open that no photo of the import shows: a page that links
    big pictures through something albumen did not see as a thumbnail (a script's gallery, a CSS background)."""
    found: dict[str, None] = {}
    for node in page.tree.css("a[href]"):
        target = site.resolve(page.rel, node.attributes.get("href"))
        if target.is_file and is_image(target.path) and target.path not in used:
            found[target.path] = None
    return list(found)


def script_images(site: OldSite, page: OldPage) -> list[str]:
    """The image files of the site that the page's scripts name (relative to the page, as a browser reads them)."""
    found: dict[str, None] = {}
    for node in page.tree.css("script"):
        for name in SCRIPT_FILE.findall(node.text(deep=True)):
            target = site.resolve(page.rel, name)
            if target.is_file and is_image(target.path):
                found[target.path] = None
    return list(found)


def _runs_a_script(use: ImageUse) -> bool:
    """The thumbnail's link, or its click, runs a script instead of opening a file."""
    anchor = use.node.parent
    while anchor is not None and anchor.tag != "a":
        anchor = anchor.parent if anchor.tag not in ("td", "th", "p", "div", "li", "body") else None
    href = (anchor.attributes.get("href") or "").strip().lower() if anchor is not None else ""
    return href.startswith("javascript:") or bool(use.node.attributes.get("onclick")) or (
        anchor is not None and bool(anchor.attributes.get("onclick")))


def _same_picture_bigger(site: OldSite, shown: str, named: list[str]) -> str | None:
    """Of the files a script names, the biggest that shows the picture of `shown` at a bigger size."""
    mine = site.fingerprint(shown)
    if mine is None:
        return None
    area = _area(site.size(shown))
    same = [f for f in named if f != shown and _area(site.size(f)) > area
            and (other := site.fingerprint(f)) is not None and _same_picture(site, shown, mine, f, other)]
    return max(same, key=lambda f: _area(site.size(f)), default=None)


def _same_picture(site: OldSite, first: str, print_a: Fingerprint, second: str, print_b: Fingerprint) -> bool:
    """The two files show one picture: their fingerprints agree, and so do their pixels (picture_pixels.py:
    different designs printed on one shirt template agree by fingerprint, not by pixels).

    A thumbnail of 128 px or less (Photoshop's 75 px, sharpened and re-saved) flips up to 16 bits of the hash
    and moves its colour by 9 levels, while its grey picture stays within 1: for it the grey picture alone,
    held tighter, tells it from another photo (two frames of one scene differ by 6.7+)."""
    first_size, second_size = site.size(first), site.size(second)
    if first_size is None or second_size is None:
        return False
    tiny = min(max(first_size), max(second_size)) <= TINY_THUMBNAIL
    if tiny and not print_a.same_shape(print_b):
        return _same_picture_turned(site, first, print_a, second, print_b)
    alike = print_a.same_picture(print_b) or (tiny and print_a.same_shape(print_b) and print_a.colour_difference(
        print_b) <= 2 * SAME_COLOUR and _tiny_alike(print_a.distance(print_b), print_a.grey_difference(print_b)))
    return alike and same_pixels(site.files[first], first_size, site.files[second], second_size)


def _tiny_alike(bits: int, grey: float) -> bool:
    """A tiny thumbnail's hash and grey picture still say 'the same picture': the hash near and the grey picture
    tight, or the hash as a copy's and the grey picture off by its levels raised (Photoshop CS: 4.1, beyond SAME_GREY;
    two frames of one scene differ by 6.7 and more)."""
    return (bits <= NEAR_DUPLICATE_BITS and grey <= SAME_GREY / 2) or (
        bits <= SAME_PICTURE_BITS and grey <= TINY_LEVELS * SAME_GREY)


def _same_picture_turned(site: OldSite, first: str, print_a: Fingerprint, second: str, print_b: Fingerprint) -> bool:
    """A tiny thumbnail of a picture turned a quarter since (a portrait thumbnail of a landscape photo): their
    shapes are each other's turned, and the grey pictures and then the pixels agree once one is turned back."""
    first_size, second_size = site.size(first), site.size(second)
    if first_size is None or second_size is None or abs(print_a.ratio * print_b.ratio - 1) > SAME_SHAPE_TURNED:
        return False
    if print_a.colour_difference(print_b) > 2 * SAME_COLOUR:
        return False
    for turns in (1, 3):
        grey = turned_grey(print_a.grey, turns)
        if grey and replace(print_a, grey=grey).grey_difference(print_b) <= TINY_LEVELS * SAME_GREY and same_pixels(
                site.files[first], first_size, site.files[second], second_size, turns=turns):
            return True
    return False


@lru_cache(maxsize=4096)  # each thumbnail is turned once, then compared with every picture of the other shape
def turned_grey(grey: bytes, turns: int) -> bytes:
    """A fingerprint's square grey picture turned a quarter clockwise `turns` times (it is square whatever the
    picture's shape: turning it is the grey picture of the turned picture)."""
    side = math.isqrt(len(grey))
    if side * side != len(grey) or not grey:
        return b""
    rows = [list(grey[row * side:(row + 1) * side]) for row in range(side)]
    for _ in range(turns % 4):
        rows = [list(column) for column in zip(*rows[::-1], strict=True)]
    return bytes(value for row in rows for value in row)


def _button(site: OldSite, use: ImageUse, menu: bool) -> Versions:
    path = use.src.path
    return Versions(path, path, site.digest(path), site.size(path), navigation=True, menu=menu)


def same_pictures_as_one(site: OldSite, found: dict[tuple[str, int], Versions]) -> dict[tuple[str, int], Versions]:
    """Versions whose best files show the same picture (resized, re-saved, renamed) get its largest file."""
    files = sorted({v.best for v in found.values() if v.is_photo_candidate and v.best and site.size(v.best)})
    largest = {path: path for path in files}
    for group in picture_groups(site, files):
        biggest = max(group, key=lambda f: (_area(site.size(f)), site.files[f].stat().st_size, f))
        largest.update({path: biggest for path in group})
    merged = {}
    for where, versions in found.items():
        best = largest.get(versions.best or "", versions.best)
        if best != versions.best and best is not None:
            bigger = _area(site.size(best)) > _area(site.size(versions.shown)) if versions.shown else True
            versions = replace(versions, best=best, key=site.digest(best), size=site.size(best),
                               leads_to_bigger=versions.leads_to_bigger or bigger)
        merged[where] = versions
    return merged


def picture_groups(site: OldSite, files: list[str]) -> list[list[str]]:
    """The files that show one picture, in groups of two or more (the same bytes count as the same picture)."""
    grouping = Grouping(files)
    prints = [(f, site.fingerprint(f)) for f in files]
    for i, (first, print_a) in enumerate(prints):
        for second, print_b in prints[i + 1:]:
            same = site.digest(first) == site.digest(second) or (
                print_a is not None and print_b is not None and _same_picture(site, first, print_a, second, print_b))
            if same:
                grouping.join(first, second)
    return [group for group in grouping.groups() if len(group) > 1]


def versions_of(site: OldSite, pages: dict[str, OldPage], seen: ShownImages, use: ImageUse,
                buttons: set[str] | None = None, lenient: bool = False) -> Versions:
    """What the <img> shows, where its link leads, and the largest version among them (`lenient`: its neighbours
    lead to their photos' pages, so a picture of the same shape on the page it leads to is its photo)."""
    shown = _shown_file(site, use)
    candidates = [shown] if shown else []
    candidates += [t.path for t in use.alternatives if t.is_file and is_image(t.path) and t.path not in candidates]
    photo_page = None
    missing = use.src.path if use.src.kind == "missing" else None
    link = use.link
    if link is not None and link.is_file and is_image(link.path):
        candidates.append(link.path)
    elif link is not None and link.is_file and is_page(link.path) and link.path != use.page:
        main = photo_page_image(site, pages, seen, use, link.path, buttons or set(), lenient)
        if main is not None:
            photo_page = link.path
            candidates += _versions_on_photo_page(main)
    elif link is not None and link.kind == "missing" and is_image(link.path):
        missing = link.path
    # Words drawn on a copy (FrontPage's Text on GIF): the picture they were drawn on is the photo, at equal size
    best = _largest(site, [use.alternatives[0].path, *candidates] if use.drawn_words and use.alternatives
                    and use.alternatives[0].is_file else candidates)
    if best is None:
        return Versions(None, None, f"missing:{use.page}:{use.number}", None, missing=missing)
    if photo_page is None and link is not None and _album_cover(site, pages, use, link.path):
        return Versions(shown, best, site.digest(best), site.size(best), navigation=True)
    size = site.size(best)
    shown_size = site.size(shown) if shown else size
    spacer = _is_spacer(use, shown_size)
    leads = best != shown or photo_page is not None
    decoration = not leads and shown_size is not None and (_is_decoration(shown_size) or site.drawn(shown or best)
                                                            or _theme_graphic(shown or best))
    unreadable = next((f for f in reversed(candidates) if site.size(f) is None), None)
    return Versions(shown, best, site.digest(best), size, photo_page, leads, spacer, decoration, missing, unreadable)


def photo_page_image(site: OldSite, pages: dict[str, OldPage], seen: ShownImages, thumbnail: ImageUse, target: str,
                     buttons: set[str], lenient: bool = False) -> ImageUse | None:
    """The photo on the page a thumbnail leads to, when that page is the photo's own page; else None.

    Images the two pages share (logos, banners, the other thumbnails) are left aside. The rest must be one
    photo, or one clearly bigger than the others (a photo page may show small arrows or neighbours). A
    logo that leads home is not a thumbnail: it is on the home page too, at the same size, and leads there
    from every page.
    """
    page, source = pages.get(target), pages.get(thumbnail.page)
    if page is None or source is None:
        return None
    thumbnail_key = site.digest(thumbnail.src.path) if thumbnail.src.is_file else None
    shared = (seen.on_page[thumbnail.page] - {thumbnail_key}) | buttons
    candidates: dict[str, ImageUse] = {}
    for use in page.images:
        if use.src.is_file and site.digest(use.src.path) not in shared and not _is_spacer(use, site.size(use.src.path)):
            candidates.setdefault(site.digest(use.src.path), use)
    ranked = sorted(candidates.items(), key=lambda pair: -_area(site.size(pair[1].src.path)))
    if not ranked:
        return None
    if len(ranked) > 1 and _area(site.size(ranked[0][1].src.path)) < CLEARLY_BIGGER * _area(
            site.size(ranked[1][1].src.path)):
        return None
    key, main = ranked[0]
    if thumbnail_key in candidates and key != thumbnail_key:
        return None
    if key == thumbnail_key and not _shown_smaller(thumbnail, site.size(main.src.path)) and (
            seen.pages_linking[(key, target)] > 1 or seen.pages_showing[key] >= LOGO_PAGES):
        return None  # the same picture, same size, leading there from page after page, or shown on page after
        # page (a village's logo linked once, to its society's page: village-barva-se): a logo, not a thumbnail
    thumbnail_size = site.size(thumbnail.src.path) if thumbnail.src.is_file else None
    if key != thumbnail_key and _area(site.size(main.src.path)) < BIGGER * _area(thumbnail_size):
        return None  # a photo leading to the next photo's page (a slide show) is not its thumbnail
    if key != thumbnail_key and thumbnail.src.is_file and _other_picture(site, thumbnail.src.path, main.src.path,
                                                                         lenient):
        return None  # a picture leading to another picture's page (an intro photo, the next one) is not its thumbnail
    return main


def _other_picture(site: OldSite, first: str, second: str, lenient: bool = False) -> bool:
    """The thumbnail `first` can't be of the photo `second`: both the same shape and clearly two pictures, or
    of another shape that no thumbnail has (a cropped thumbnail is square-ish; a 95x24 button is not). `lenient`:
    its neighbours in the gallery lead to their photos' pages, so a hash as far as a framed thumbnail's still matches;
    the same shape alone does not (most camera photos are 4:3: a teaser of another picture leading to a story)."""
    a, b = site.fingerprint(first), site.fingerprint(second)
    if a is None or b is None:
        return False
    if a.same_shape(b) or abs(a.ratio - b.ratio) <= CROPPED_SHAPE * max(a.ratio, b.ratio):
        # the same shape, or cut a little (a panorama's thumbnail)
        return a.distance(b) > (FRAMED_BITS if lenient else NEAR_DUPLICATE_BITS)
    return not SQUARE_ISH[0] <= a.ratio <= SQUARE_ISH[1]


def _shown_smaller(use: ImageUse, size: tuple[int, int] | None) -> bool:
    """The page shows the image smaller than it is (width= or height=): it is used as a thumbnail."""
    width, height = use.declared
    if size is None:
        return False
    return (width is not None and width < size[0]) or (height is not None and height < size[1])


def _versions_on_photo_page(main: ImageUse) -> list[str]:
    files = [main.src.path]
    if main.link is not None and main.link.is_file and is_image(main.link.path):
        files.append(main.link.path)
    return files


def _shown_file(site: OldSite, use: ImageUse) -> str | None:
    """The file the <img> shows: its src, else (or when the src is a blank placeholder that a script swaps
    for the thumbnail, as lazy-loading galleries do) the first version its srcset or data-* attributes name."""
    files = [t.path for t in (use.src, *use.alternatives) if t.is_file and is_image(t.path)]
    if len(files) > 1 and _is_placeholder(site.size(files[0])):
        return next((f for f in files[1:] if not _is_placeholder(site.size(f))), files[0])
    return files[0] if files else None


def _is_placeholder(size: tuple[int, int] | None) -> bool:
    return size is not None and min(size) < SPACER_PIXELS


def _largest(site: OldSite, files: list[str]) -> str | None:
    """The file with the most pixels; when none can be read, the last one named (the link's target)."""
    readable = [f for f in files if site.size(f) is not None]
    if readable:
        return max(readable, key=lambda f: _area(site.size(f)))
    return files[-1] if files else None


def _is_spacer(use: ImageUse, size: tuple[int, int] | None) -> bool:
    declared = [n for n in use.declared if n is not None]
    if 0 in declared and any(declared):
        declared = [n for n in declared if n]  # HEIGHT=0 WIDTH=94: Netscape scaled by the other side, not hid it
    if any(n < SPACER_PIXELS for n in declared):
        return True
    return size is not None and min(size) < SPACER_PIXELS


def _album_cover(site: OldSite, pages: dict[str, OldPage], use: ImageUse, target: str) -> bool:
    """A picture shown tiny (a folder index's 55x60 cover) leading to another page that shows pictures of its own,
    not this one's page: the album's cover, a way into it (its photo is the album's), not a photo of this page."""
    album = pages.get(target)
    if album is None or target == use.page or len(album.images) < 2:
        return False
    shown = [n for n in use.declared if n] or list(site.size(use.src.path) or () if use.src.is_file else ())
    return bool(shown) and max(shown) <= ALBUM_COVER_PIXELS


def _theme_graphic(path: str) -> bool:
    """A button or banner FrontPage drew from its theme for one page ('_derived/2008.htm_cmp_expeditn010_hbtn_p.gif':
    the page's own button, shown pressed and unlinked on that page): the site's navigation, never a photo."""
    folder, _, name = path.rpartition("/")
    return folder.rpartition("/")[2].casefold() == "_derived" and THEME_COMPONENT.search(name) is not None


def _is_decoration(size: tuple[int, int]) -> bool:
    """An icon, or a banner or rule: a long thin picture of a page's size. A panorama is as thin, but of a
    camera's pixels (a banner is drawn to fit a screen; drawn pictures are told by their colours: site.drawn)."""
    width, height = size
    thin = width >= BANNER_SHAPE * height or height >= BANNER_SHAPE * width
    return max(size) < ICON_PIXELS or (thin and max(size) < PANORAMA_PIXELS)


def _area(size: tuple[int, int] | None) -> int:
    return size[0] * size[1] if size else 0
