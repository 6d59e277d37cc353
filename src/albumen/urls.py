"""Where things live in the built site. Every URL of the site is made here and nowhere else: pages, media, IIIF,
redirects. These paths are a contract (DESIGN.md): they stay stable across builds.

A URL here is a path from the site's root ('items/x/'); a page links to it with `relative_url` (every link is
relative), a shared link or a IIIF id puts the site's address before it (`web_path` percent-encodes it then).
Templates get the same functions (`url_for`, `subject_url`, `creator_url` ...) as Jinja globals.
"""

from __future__ import annotations

import functools
import posixpath
from importlib import resources
from typing import Protocol
from urllib.parse import quote

from albumen import outlines
from albumen.discovery import Creator, Decade, TimelinePage
from albumen.ids import slug
from albumen.images import EXTENSIONS
from albumen.records import Item, Page, Place, Subject, Topic

HOME = ""
ITEMS = "items/"
TOPICS = "topics/"
PLACES = "places/"
SUBJECTS = "subjects/"
CREATORS = "creators/"
DECADES = "decades/"
TIMELINE = "timeline/"
MAP = "map/"
SEARCH = "search/"
PAGES = "all-pages/"  # the list of the free pages, when the menu has no room for them all (not pages/:
# Photoshop's Web Photo Gallery keeps its photo pages there, and an imported gallery's old addresses stay theirs)
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
SEARCH_DATA = "assets/search-data.js"  # loaded with a plain <script>, so it works from a folder too
INDEX_FILE = "index.html"  # what a folder URL is written as
NAME_FALLBACK = "subject"  # the id of a subject or creator whose name has no letter or digit

Record = Item | Topic | Place | Subject | Creator | Decade | Page | TimelinePage

# The folder of each kind of record; a free page (about, contact) is at the root.
_SECTIONS: dict[type, str] = {Item: ITEMS, Topic: TOPICS, Place: PLACES, Subject: SUBJECTS, Creator: CREATORS,
                              Decade: DECADES, Page: HOME}
# Markdown's links between records, `[text](item:ID)`: the folder each scheme's records are in.
SCHEMES = {"item": ITEMS, "topic": TOPICS, "place": PLACES}


class Rendition(Protocol):
    """What a media URL needs of a derivative (renditions.Derivative): its width and format. A protocol, so
    that this module, which the stages use, needs no stage."""

    @property
    def width(self) -> int: ...

    @property
    def format(self) -> str: ...

    @property
    def number(self) -> int: ...  # which of the item's images (1-based)


# -- pages ----------------------------------------------------------------------------------------------------


def url_for(record: Record) -> str:
    """The page of a record: 'items/ID/', 'topics/ID/', 'places/ID/', 'subjects/ID/', 'creators/ID/',
    'decades/ID/', 'ID/' (a free page), 'timeline/' or 'timeline/N/'."""
    if isinstance(record, TimelinePage):
        return timeline_url(record.number)
    return f"{_SECTIONS[type(record)]}{record.id}/"


def item_url(item_id: str) -> str:
    return f"{ITEMS}{item_id}/"


def scheme_url(scheme: str, target: str) -> str:
    """The page a Markdown link `scheme:target` (item:, topic:, place:) leads to."""
    return f"{SCHEMES[scheme]}{target}/"


def name_id(name: str) -> str:
    """The id (and URL name) of the subject or creator page of a name as a person wrote it."""
    return slug(name, NAME_FALLBACK)


def subject_url(name: str) -> str:
    """The page of the subject an item names ('Railway stations' -> 'subjects/railway-stations/')."""
    return f"{SUBJECTS}{name_id(name)}/"


def creator_url(name: str) -> str:
    return f"{CREATORS}{name_id(name)}/"


def timeline_url(number: int = 1) -> str:
    """A timeline page: the first at 'timeline/', the others at 'timeline/N/'."""
    return TIMELINE if number == 1 else f"{TIMELINE}{number}/"


def paged_url(base: str, number: int) -> str:
    """Page `number` of the gallery at `base`: page 1 is the gallery's own URL ('topics/x/'), the others are
    beside it ('topics/x/page-2.html'). A file, not a folder: 'items/2/' could be the page of a photograph
    whose id is '2'."""
    return base if number == 1 else f"{base}page-{number}.html"


def decade_anchor(decade: Decade) -> str:
    """The anchor of a decade's heading on the timeline."""
    return f"d{decade.id}"


def map_anchor(place: Place) -> str:
    """The anchor of a place in the big map's list."""
    return f"place-{place.id}"


def on_map(place: Place) -> str:
    """The big map, at a place."""
    return with_anchor(MAP, map_anchor(place))


def with_anchor(url: str, anchor: str) -> str:
    return f"{url}#{anchor}"


def page_file(url: str) -> str:
    """The file a page URL is written to: a folder URL ('items/x/', '') is the folder's index.html."""
    return url + INDEX_FILE if url.endswith("/") or url == "" else url


def folder_of(url: str) -> str:
    """The folder a page at `url` is in, which its relative links start from: 'topics/x/page-2.html' ->
    'topics/x/'; a folder URL is its own."""
    if url.endswith("/") or url == "":
        return url
    folder = posixpath.dirname(url)
    return folder + "/" if folder else HOME


# -- media and IIIF -------------------------------------------------------------------------------------------


def media_folder(item_id: str, number: int = 1) -> str:
    """An item's media: its first image's at 'media/ID/', each other image's at 'media/ID/N/'."""
    return f"media/{item_id}/" if number == 1 else f"media/{item_id}/{number}/"


def _media_folder(item: Item, number: int) -> str:
    return media_folder(item.id, number)


def item_media_folders(item: Item) -> list[str]:
    """The folders of everything the site keeps for an item's images (its media and image services): what an
    incremental build keeps whole when the item's images did not change."""
    return [f"media/{item.id}/", f"iiif/items/{item.id}/image"]


def media_url(item: Item, derivative: Rendition) -> str:
    return f"{_media_folder(item, derivative.number)}w{derivative.width}.{EXTENSIONS[derivative.format]}"


def original_url(item: Item, suffix: str, number: int = 1) -> str:
    """The original file offered for download (when the download setting is on), named for its format
    (stages.media.original_suffix), never for its file name."""
    return f"{_media_folder(item, number)}original{suffix}"


def image_anchor(number: int) -> str:
    """The anchor of an object's image number `number` on its page: a link to it shows that image, with or
    without JavaScript."""
    return f"image-{number}"


def manifest_url(item: Item) -> str:
    return f"iiif/items/{item.id}/manifest.json"


def canvas_url(item: Item, number: int = 1) -> str:
    """The id of the manifest's canvas of image `number` (an id, not a file)."""
    return f"iiif/items/{item.id}/canvas/{number}"


def annotation_page_url(item: Item, number: int = 1) -> str:
    return f"{canvas_url(item, number)}/page/1"


def painting_url(item: Item, number: int = 1) -> str:
    return f"{annotation_page_url(item, number)}/painting"


def image_service_url(item: Item, number: int = 1) -> str:
    """The level-0 image service of the item's image `number`: 'iiif/items/ID/image' for the first,
    'iiif/items/ID/image-N' for the others."""
    return f"iiif/items/{item.id}/image" if number == 1 else f"iiif/items/{item.id}/image-{number}"


def image_size_path(size: str) -> str:
    """A whole size in a level-0 image service, from the service's folder: 'full/W,H/0/default.jpg', or
    'full/max/0/default.jpg' for the full size by IIIF's canonical name."""
    return f"full/{size}/0/default.jpg"


def image_size_name(width: int, height: int) -> str:
    return f"{width},{height}"


def full_size_url(item: Item, number: int = 1) -> str:
    """The full-size JPEG of an original between the largest width and tiles (IIIF's canonical 'max')."""
    return f"{image_service_url(item, number)}/{image_size_path('max')}"


def collection_url(topic: Topic | None) -> str:
    return f"iiif/topics/{topic.id}/collection.json" if topic else "iiif/collection.json"


def vendor_url(package: str, name: str) -> str:
    """A file of a front-end library copied into the site (theme/vendor/PACKAGE/NAME)."""
    return f"assets/vendor/{package}/{name}"


def theme_file_url(path: str) -> str:
    """A file of the archive's theme/static/ (the `logo` and `extra_css` settings name them so), copied into the
    site's assets/ beside the theme's own."""
    return f"assets/{path.removeprefix('theme/static/')}"


# The provinces of the site's own countries, for its offline map (stages.render_data.write_provinces).
PROVINCES = vendor_url(outlines.PROVINCES_FOLDER, "provinces.js")


# -- links ----------------------------------------------------------------------------------------------------


def relative_url(here: str, target: str) -> str:
    """A link from the page at `here` (a folder URL like 'items/x/') to `target`, both from the site root.

    Up to the root, then down: '../../items/y/'. Not the shortest path, but the same for every link on
    a page, and a page has hundreds of links (os.path.relpath was a third of a rebuild's time).
    """
    depth = here.count("/")
    if depth == 0:
        return target or "./"
    return "../" * depth + target


def web_path(url: str) -> str:
    """A site path as a URL path: non-ASCII ids and spaces percent-encoded (sitemaps and feeds need this)."""
    return quote(url, safe="/")


SITE_ASSETS = "assets"  # the site's own CSS, scripts and libraries: a folder it shares with old sites' pictures


def taken_by_the_site(old_path: str, taken: set[str]) -> bool:
    """The site writes a file of its own where the old path would go: it lies in one of the site's own folders
    (`taken`: items/, search/ ..., casefolded), or it is one of the files the site writes in assets/ (its theme's
    CSS and scripts, the search data, the libraries' vendor/). NetObjects Fusion published every picture in
    assets/images/: those addresses stay the old photos' (a file an archive's own theme/static adds there wins at
    the build, which never replaces a file of the site)."""
    top, _, rest = old_path.casefold().partition("/")
    if top != SITE_ASSETS or not rest:
        return top in taken
    return rest.split("/", 1)[0] == "vendor" or f"{SITE_ASSETS}/{rest}" in _own_assets()


@functools.cache
def _own_assets() -> frozenset[str]:
    """The files the site writes in assets/ besides vendor/ (casefolded site paths)."""
    found = {SEARCH_DATA.casefold()}
    stack = [(resources.files("albumen") / "theme" / "static", SITE_ASSETS)]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.is_dir():
                stack.append((entry, f"{prefix}/{entry.name}"))
            else:
                found.add(f"{prefix}/{entry.name}".casefold())
    return frozenset(found)


def redirect_file(old_path: str) -> str:
    """The file an old site path becomes: 'a/' and 'a' (no extension) are folders with an index.html."""
    if old_path.endswith("/"):
        return old_path + INDEX_FILE
    if "." not in old_path.rsplit("/", 1)[-1]:
        return f"{old_path}/{INDEX_FILE}"
    return old_path
