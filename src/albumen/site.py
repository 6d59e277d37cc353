"""The site model: the archive cross-linked for rendering (who belongs where, in which order), its galleries cut
into pages, and a photograph's neighbours in each topic. Pages, IIIF documents, the data files and export all read
the archive through it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from albumen import discovery, map_areas, outlines
from albumen.config import Config
from albumen.discovery import Creator, Decade, Timeline, TimelinePage, decades_of
from albumen.natural_order import natural_key
from albumen.records import Archive, Item, Page, Place, Subject, Topic
from albumen.renditions import ItemImages
from albumen.theme_files import map_installed
from albumen.urls import decade_anchor, name_id, paged_url, scheme_url, url_for, with_anchor

# Photographs on one timeline page: about 0.75 MB of HTML, quick to open on a phone (bench/discovery_bench.py).
TIMELINE_PAGE_SIZE = 1000
# Photographs on one page of a gallery (a topic, place, subject, decade, creator, all photographs): a gallery
# card is a picture with a title, so 200 of them are about as much HTML as a timeline page.
GALLERY_PAGE_SIZE = 200
# The free pages the menu shows, at most: more (an old genealogy site's 1,500 person pages) are listed on a page of
# their own (PAGES), and the menu shows only those that ask to be in it (`menu: true`).
MENU_PAGES = 6


@dataclass(frozen=True)
class Paging:
    """One page of a gallery: page 1 at the gallery's own URL ('topics/x/'), the others beside it
    ('topics/x/page-2.html': urls.paged_url), so that every page of a gallery links to the rest the
    same way."""

    base: str  # the gallery's URL: its first page
    number: int  # 1-based
    count: int  # pages in all
    size: int  # photographs a page
    total: int  # photographs in the gallery

    def url(self, number: int) -> str:
        return paged_url(self.base, number)

    @property
    def here(self) -> str:
        return self.url(self.number)

    @property
    def previous(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def first(self) -> int:
        """The 1-based position of the page's first photograph in the gallery."""
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return min(self.number * self.size, self.total)

    def numbers(self, around: int = 2) -> list[int | None]:
        """The pages the pager names: the first, the last and those near this one; None for a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - (numbers[-1] or 0) > 1:
                numbers.append(n - 1 if n - (numbers[-1] or 0) == 2 else None)  # a gap of one page: name it
            numbers.append(n)
        return numbers


def paged(base: str, members: list[Item], size: int = GALLERY_PAGE_SIZE) -> list[tuple[Paging, list[Item]]]:
    """A gallery cut into pages of `size` photographs, in order; one (empty) page when it has none."""
    count = max(1, -(-len(members) // size))
    return [(Paging(base, n, count, size, len(members)), members[(n - 1) * size: n * size])
            for n in range(1, count + 1)]


def gallery_page_url(base: str, index: int, size: int = GALLERY_PAGE_SIZE) -> str:
    """The page of the gallery at `base` that shows its photograph number `index` (0-based)."""
    return paged_url(base, index // size + 1)


@dataclass(frozen=True)
class Neighbours:
    """An item's place in one topic's gallery."""

    topic: Topic
    position: int  # 1-based
    count: int
    previous: Item | None
    next: Item | None

    @property
    def gallery_url(self) -> str:
        """The page of the topic's gallery that shows the photograph."""
        return gallery_page_url(url_for(self.topic), self.position - 1)


@dataclass
class Site:
    """The archive cross-linked for rendering: who belongs where, in which order."""

    config: Config
    archive: Archive
    images: dict[str, ItemImages]
    items: dict[str, Item] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    topic_items: dict[str, list[Item]] = field(default_factory=dict)
    item_topics: dict[str, list[Topic]] = field(default_factory=dict)
    positions: dict[str, dict[str, int]] = field(default_factory=dict)  # topic id -> item id -> index
    places: dict[str, Place] = field(default_factory=dict)
    place_items: dict[str, list[Item]] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    subject_items: dict[str, list[Item]] = field(default_factory=dict)
    decades: dict[str, Decade] = field(default_factory=dict)  # earliest first
    decade_items: dict[str, list[Item]] = field(default_factory=dict)
    creators: dict[str, Creator] = field(default_factory=dict)  # by name
    creator_items: dict[str, list[Item]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_date = sorted(self.archive.items, key=_date_key)
        self.items = {i.id: i for i in by_date}
        self.topics = sorted(self.archive.topics, key=lambda t: (_date_key(t), t.title.casefold()))
        for topic in self.topics:
            if topic.items is not None:
                members = [self.items[i] for i in dict.fromkeys(topic.items) if i in self.items]
                listed = set(topic.items)
                members += [i for i in by_date if topic.id in i.topics and i.id not in listed]
            else:
                members = [i for i in by_date if topic.id in i.topics]
            self.topic_items[topic.id] = members
            self.positions[topic.id] = {member.id: n for n, member in enumerate(members)}
            for item in members:
                self.item_topics.setdefault(item.id, []).append(topic)
        self.places = {p.id: p for p in sorted(self.archive.places, key=lambda p: p.name.casefold())}
        for item in by_date:
            for place_id in dict.fromkeys(a for p in item.places for a in self.place_and_ancestors(p)):
                self.place_items.setdefault(place_id, []).append(item)
            for name in item.subjects:
                subject = Subject(name_id(name), name)
                self.subjects.setdefault(subject.id, subject)
                members = self.subject_items.setdefault(subject.id, [])
                if not members or members[-1] is not item:  # "Trains" and "trains" name one subject
                    members.append(item)
            for decade in decades_of(item.date):
                self.decades.setdefault(decade.id, decade)
                self.decade_items.setdefault(decade.id, []).append(item)
            if item.creator.strip():
                creator = Creator(name_id(item.creator), " ".join(item.creator.split()))
                self.creators.setdefault(creator.id, creator)
                self.creator_items.setdefault(creator.id, []).append(item)
        self.subjects = dict(sorted(self.subjects.items(), key=lambda s: s[1].name.casefold()))
        self.decades = dict(sorted(self.decades.items(), key=lambda d: d[1].start))
        self.creators = dict(sorted(self.creators.items(), key=lambda c: c[1].name.casefold()))

    def place_and_ancestors(self, place_id: str) -> list[str]:
        chain, current = [], self.places.get(place_id)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = self.places.get(current.parent) if current.parent else None
        return chain

    def breadcrumb(self, place: Place) -> list[Place]:
        return [self.places[p] for p in reversed(self.place_and_ancestors(place.id))]

    def children(self, place: Place) -> list[Place]:
        return [p for p in self.places.values() if p.parent == place.id]

    def neighbours(self, item: Item) -> list[Neighbours]:
        found = []
        for topic in self.item_topics.get(item.id, []):
            members = self.topic_items[topic.id]
            index = self.positions[topic.id][item.id]
            found.append(Neighbours(
                topic, index + 1, len(members),
                members[index - 1] if index > 0 else None,
                members[index + 1] if index + 1 < len(members) else None,
            ))
        return found

    def record_url(self, scheme: str, target: str) -> str | None:
        """The page a Markdown link `scheme:target` (item:, topic:, place:) leads to, or None when the archive
        has no such record (check reports it; the page shows the link's words)."""
        known = {"item": self.items, "topic": self.topic_ids, "place": self.places}[scheme]
        return scheme_url(scheme, target) if target in known else None

    @cached_property
    def topic_ids(self) -> set[str]:
        return {t.id for t in self.topics}

    @property
    def pages_listed(self) -> bool:
        """Too many free pages for the menu: they have a list of their own (PAGES)."""
        return len(self.archive.pages) > MENU_PAGES

    @cached_property
    def menu_pages(self) -> list[Page]:
        """The free pages in the menu: all of them, or only those that ask to be when there are too many."""
        return [p for p in self.archive.pages if p.menu or not self.pages_listed]

    @cached_property
    def pages_by_title(self) -> list[Page]:
        """The free pages by title, numbers as numbers ("part 2" before "part 10")."""
        return sorted(self.archive.pages, key=lambda page: (natural_key(page.title), page.id))

    def cover(self, items: Iterable[Item]) -> Item | None:
        return next((i for i in items if i.id in self.images), None)

    @cached_property
    def timeline(self) -> Timeline:
        return discovery.timeline(self.items.values())

    @cached_property
    def timeline_pages(self) -> list[TimelinePage]:
        return self.timeline.pages(TIMELINE_PAGE_SIZE)

    @cached_property
    def timeline_targets(self) -> tuple[dict[str, str], dict[str, str]]:
        """Where the timeline shows each item, and each year, decade and period (by anchor id):
        'timeline/2/#p1944-autumn' (the first page, when a long period runs over two)."""
        items: dict[str, str] = {}
        anchors: dict[str, str] = {}
        for page in self.timeline_pages:
            for chunk in page.chunks:
                anchor = chunk.period.id if chunk.period else "undated"
                for entry in chunk.entries:
                    items.setdefault(entry.item.id, with_anchor(url_for(page), anchor))
                for name in (anchor, f"y{chunk.year}" if chunk.year is not None else None,
                             decade_anchor(chunk.decade) if chunk.decade else None):
                    if name:
                        anchors.setdefault(name, with_anchor(url_for(page), name))
        return items, anchors

    @cached_property
    def province_countries(self) -> list[str]:
        """The countries whose states and provinces the offline map draws: those that hold the places."""
        if not map_installed():
            return []
        points = outlines.provinces().countries_of((p.lat, p.lon) for p in self.mapped(self.places.values())
                                                   if p.lat is not None and p.lon is not None)
        areas = {a.country for a in self.map_areas.values() if a.kind == "province"}
        return sorted(set(points) | areas)

    def mapped(self, places: Iterable[Place]) -> list[Place]:
        """The places that have coordinates, so a map can show them."""
        return [p for p in places if p.lat is not None and p.lon is not None]

    @cached_property
    def map_areas(self) -> dict[str, map_areas.Area]:
        """The outline a map draws for each place without coordinates that has one (a country, a province), by
        place id: an area is not a point at its middle."""
        if not map_installed():
            return {}
        found = {}
        for place in self.places.values():
            if place.lat is None or place.lon is None:
                ancestors = [self.places[a] for a in self.place_and_ancestors(place.id)[1:]]
                area = map_areas.area_of(place, ancestors)
                if area is not None:
                    found[place.id] = area
        return found

    def areas(self, places: Iterable[Place]) -> list[Place]:
        """The places a map draws as an area (see map_areas)."""
        return [p for p in places if p.id in self.map_areas and (p.lat is None or p.lon is None)]

    def unmapped(self, places: Iterable[Place]) -> list[Place]:
        """The places a map can show neither as a point nor as an area: listed beside it, so none goes missing."""
        return [p for p in places if (p.lat is None or p.lon is None) and p.id not in self.map_areas]

    @cached_property
    def public_url(self) -> str | None:
        """The site's address with a final '/', when base_url gives one (http or https); None otherwise."""
        base = self.config.base_url.strip()
        return base.rstrip("/") + "/" if base.startswith(("http://", "https://")) else None


def _date_key(record: Item | Topic) -> tuple[str, str]:
    lower = record.date.lower if record.date and record.date.lower else "9999"
    return (lower, record.id)
