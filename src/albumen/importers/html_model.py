"""What the old-site reader's stages share: the pages read, their photos and texts, and what each stage found.

One SiteModel per import; each stage (html_collect.py, html_roles.py ...) reads what the earlier ones filled in
and fills in its own part. PageText and Photo are its records of a page's text and of one photograph.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from albumen.importers.fields import id_slug
from albumen.importers.html_captions import Captions
from albumen.importers.html_chrome import Chrome
from albumen.importers.html_fields import LabelledFields
from albumen.importers.html_page import ImageUse, OldPage
from albumen.importers.html_photos import Versions
from albumen.importers.html_text import Event, Line, Step, page_steps
from albumen.importers.oldsite import INDEX_NAMES, OldSite, is_image
from albumen.importers.place_lookup import LazyPlaceLookup
from albumen.importers.report import ImportReport
from albumen.reporter import Reporter


@dataclass(eq=False)
class PageText:
    """A page with its captions found: which photos it shows, and whose text is whose."""

    page: OldPage
    photos: list[ImageUse]
    events: list[Event]
    captions: Captions

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.events if isinstance(e, Line)]


@dataclass(frozen=True)
class StoryHead:
    """A story's heading (the lines of one big line broken by <br>, joined) and its subtitle and date lines."""

    heading: Line
    parts: tuple[Line, ...]  # the page's lines the heading joins
    under: tuple[Line, ...]


@dataclass(eq=False)
class Photo:
    """One photograph, however many pages show it."""

    key: str
    versions: Versions
    uses: list[ImageUse] = field(default_factory=list)
    photo_pages: list[str] = field(default_factory=list)  # its own pages (a gallery's, a slide show's ...)
    id: str = ""

    @property
    def photo_page(self) -> str | None:
        return self.photo_pages[0] if self.photo_pages else None

    @property
    def best(self) -> str:
        assert self.versions.best is not None
        return self.versions.best


@dataclass(frozen=True)
class Presentation:
    """A presentation saved as web pages (html_presentations.py): its main page (it may be missing), its parts,
    its slides in order and those of them that show photos, and its title."""

    main: str
    parts: tuple[str, ...]
    slides: tuple[str, ...]
    with_photos: tuple[str, ...]
    title: str

    @property
    def name(self) -> str:
        """Its topic's key among the slide shows (html_model.SiteModel.slide_shows)."""
        return f"presentation:{self.main}"


class Ids:
    """Ids for new records: slugs of old names, unique (ignoring case) within their kind."""

    def __init__(self) -> None:
        self.taken: dict[str, set[str]] = {}

    def new(self, kind: str, name: str, avoid: set[str] | frozenset[str] = frozenset()) -> str:
        base = id_slug(name) or {"items": "photo", "topics": "topic"}.get(kind, "page")
        taken = self.taken.setdefault(kind, set())
        candidate, number = base, 1
        while candidate.casefold() in taken or candidate.casefold() in avoid:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate.casefold())
        return candidate


@dataclass(eq=False)
class SiteModel:
    """One import of one old site: what it was asked, and what its stages found, in the order they find it."""

    site: OldSite
    encoding: str | None
    reporter: Reporter
    report: ImportReport
    pages: dict[str, OldPage] = field(default_factory=dict)
    versions: dict[tuple[str, int], Versions] = field(default_factory=dict)
    photo_pages: dict[str, str] = field(default_factory=dict)  # old page -> key of the photo it is the own page of
    lost_big: dict[str, str] = field(default_factory=dict)  # photo page, its big image missing -> its thumbnail's key
    one_photo: dict[str, str] = field(default_factory=dict)  # page -> the one photo it shows (repeated images aside)
    gathered: dict[str, list[str]] = field(default_factory=dict)  # topic (a page or slide show) -> its photo keys
    slide_shows: dict[str, list[str]] = field(default_factory=dict)  # a slide show's topic key -> its pages in order
    presentations: dict[str, Presentation] = field(default_factory=dict)  # its slide show's key -> a presentation
    continued: dict[str, str] = field(default_factory=dict)  # paged gallery's later page -> its first page (one topic)
    copies: set[str] = field(default_factory=set)  # galleries in `continued` copying one of the same title
    linked_from: dict[str, list[OldPage]] = field(default_factory=dict)  # page -> the pages that link or move on to it
    texts: dict[str, PageText] = field(default_factory=dict)
    steps: dict[str, list[Step]] = field(default_factory=dict)  # page -> its body read once (html_text.page_steps)
    fields: dict[str, LabelledFields | None] = field(default_factory=dict)  # photo page -> the labelled fields it lists
    parts: dict[str, str] = field(default_factory=dict)  # page in another (FrontPage's real.htm) -> that page
    page_copies: dict[str, str] = field(default_factory=dict)  # page saved again elsewhere -> the page kept instead
    chrome: Chrome = field(default_factory=Chrome)
    second_views: dict[str, Versions] = field(default_factory=dict)  # photo key -> the other view its own page shows
    same_as: dict[str, str] = field(default_factory=dict)  # a second view's key -> the key of the photo it belongs to
    hidden_views: set[tuple[str, int]] = field(default_factory=set)  # (page, image) of second views beside their photo
    photos: dict[str, Photo] = field(default_factory=dict)  # by key, in the order first seen
    roles: dict[str, str] = field(default_factory=dict)  # old page -> photo, gallery, free, home, menu or empty
    headings: dict[tuple[str, int], Line] = field(default_factory=dict)  # (page, image) -> the heading over its photo
    stories: dict[str, StoryHead] = field(default_factory=dict)  # a news page -> its story's heading (html_stories.py)
    ids: Ids = field(default_factory=Ids)
    targets: dict[str, str] = field(default_factory=dict)  # old path -> link target (item:ID, topic:ID, page URL)
    # place names -> the archive's place ids (new ones drafted)
    places: LazyPlaceLookup = field(default_factory=lambda: LazyPlaceLookup(()))
    # Worked out when first asked, by the function named, once what they are made of is complete; None until then.
    titles: dict[str, str] | None = None  # html_titles.distinct_titles: gallery -> its title, where several share one
    title_parts: set[str] | None = None  # html_titles.site_title_parts: parts of <title> pages share (the site's name)
    old_pages_of: dict[str, list[str]] | None = None  # html_addresses.redirects_to: record -> old pages leading to it
    script_captions: dict[str, str] | None = None  # html_photo_text.script_caption: file name -> a script's caption
    menu_names: dict[str, str] | None = None  # html_titles.own_button_name: page -> its name on the menu's buttons
    site_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.site_names = frozenset(posixpath.basename(rel).casefold() for rel in self.site.files if is_image(rel))

    def steps_of(self, page: OldPage) -> list[Step]:
        """The page's body read into steps, once for all of page_events' walks over it."""
        if page.rel not in self.steps:
            assert page.body is not None
            self.steps[page.rel] = page_steps(page.body)
        return self.steps[page.rel]

    def key(self, use: ImageUse) -> str:
        return self.key_of(self.versions[(use.page, use.number)].key)

    def menu_buttons(self) -> Iterator[ImageUse]:
        """Every <img> that is a button of the site's menu (html_photos: Versions.menu) and leads to a page."""
        for page in self.pages.values():
            for use in page.images:
                versions = self.versions.get((page.rel, use.number))
                if versions is not None and versions.menu and use.link is not None and use.link.is_file:
                    yield use

    def key_of(self, key: str | None) -> str:
        """A picture's key, or that of the photo it is the second view of (a print's back)."""
        return self.same_as.get(key, key) if key is not None else ""


def leads_to(page: OldPage) -> list[str]:
    return [*page.links, *([page.refresh] if page.refresh else [])]


def file_stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def is_home(rel: str) -> bool:
    return rel in INDEX_NAMES


def reading_order(texts: dict[str, PageText]) -> list[str]:
    """The home page first, then the other pages by path: the order records are made in."""
    return sorted(texts, key=lambda rel: (not is_home(rel), rel.count("/"), rel))


def thumbnails(photo: Photo) -> list[str]:
    """The smaller versions the old pages showed (thumbnails)."""
    return list(dict.fromkeys(u.src.path for u in photo.uses if u.src.is_file and u.src.path != photo.best))


def first_heading(lines: list[Line]) -> Line | None:
    return next((line for line in lines if line.kind in ("h1", "h2", "h3")), None)
