"""Ways into an archive besides its topics: decades and the timeline, computed from the records alone.

A date's bounds (EDTF lower/upper, from the catalog) decide everything here: which decade pages list a
photo, and where its bar lies on the timeline. The order is always the same for the same archive.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from albumen.dates import MONTHS, Date
from albumen.records import Item

# A date spanning more than this many decades says too little to list it under any one of them.
MAX_DECADES = 2
# Longer than this and a date is drawn on its decade's track ("spanning several years"), not a year's.
MAX_YEAR_SPAN_DAYS = 366
SEASONS = (  # (name, first month, last month); winter runs into the next year
    ("spring", 3, 5), ("summer", 6, 8), ("autumn", 9, 11), ("winter", 12, 2),
)


@dataclass(frozen=True)
class Creator:
    """A creator page: /creators/ID/ (the id is a slug of the name, like a subject's)."""

    id: str
    name: str


@dataclass(frozen=True)
class Decade:
    """A decade page: /decades/ID/."""

    start: int  # first year, e.g. 1940

    @property
    def id(self) -> str:
        return f"{self.start}s" if self.start >= 0 else f"{-self.start}s-bce"

    @property
    def name(self) -> str:
        return f"{self.start}s" if self.start >= 0 else f"{-self.start}s BCE"


def year_of(iso: str) -> int:
    """The year of an ISO bound as dates.py writes them: '1944-09-01' -> 1944, '-0100-01-01' -> -100."""
    return int(iso[:-6])


def decades_of(date: Date | None) -> list[Decade]:
    """The decades a date falls in: usually one, two for a range across a decade's turn, none when the date
    is open-ended or vaguer than that (e.g. '19XX')."""
    if date is None or not date.lower or not date.upper:
        return []
    first, last = year_of(date.lower) // 10 * 10, year_of(date.upper) // 10 * 10
    if (last - first) // 10 >= MAX_DECADES:
        return []
    return [Decade(start) for start in range(first, last + 1, 10)]


def is_uncertain(date: Date) -> bool:
    """Marked uncertain (?), approximate (~) or both (%) anywhere in the EDTF string."""
    return any(mark in date.edtf for mark in "?~%")


# -- the timeline -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """An item on a timeline track; start and width are fractions (0-1) of the track."""

    item: Item
    start: float
    width: float
    is_range: bool  # the date covers more than a day: drawn as a span, not a point
    uncertain: bool
    runs_on: bool  # the date goes on past the end of the track


@dataclass
class Period:
    """Items whose dates mean the same stretch of time: a month, a season, a whole year, a range."""

    id: str  # the anchor on the timeline page
    label: str  # "Autumn 1944"
    first: datetime.date
    last: datetime.date
    entries: list[Placed] = field(default_factory=list)


@dataclass
class Year:
    year: int
    periods: list[Period]

    @property
    def id(self) -> str:
        return f"y{self.year}"

    @property
    def count(self) -> int:
        return sum(len(p.entries) for p in self.periods)


@dataclass
class DecadeSection:
    decade: Decade
    years: list[Year]
    several: Period | None  # dates spanning more than a year, drawn on the decade's track

    @property
    def count(self) -> int:
        return sum(y.count for y in self.years) + (len(self.several.entries) if self.several else 0)


@dataclass(frozen=True)
class Chunk:
    """A period's entries (or, for a period too long for one page, a run of them) on one timeline page."""

    decade: Decade | None  # None: the undated photographs
    year: int | None  # None: spanning several years, or undated
    period: Period | None  # None: undated
    entries: list[Placed]  # the undated have no bar (start and width 0)
    continued: bool  # the period began on an earlier page


@dataclass(frozen=True)
class TimelinePage:
    number: int  # 1-based
    chunks: list[Chunk]

    @property
    def label(self) -> str:
        """The years it covers: '1900–1911', '1944', 'undated'."""
        years = [c.year if c.year is not None else c.period.first.year for c in self.chunks if c.period]
        if not years:
            return "undated"
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


@dataclass
class Timeline:
    decades: list[DecadeSection]
    undated: list[Item]  # no date, or one the timeline can't place (open-ended, before year 1)

    @property
    def years(self) -> list[Year]:
        return [y for d in self.decades for y in d.years]

    @property
    def dated(self) -> int:
        return sum(d.count for d in self.decades)

    def pages(self, per_page: int) -> list[TimelinePage]:
        """The timeline cut into pages of about `per_page` photographs, between periods where it can be."""
        runs: list[tuple[Decade | None, int | None, Period | None, list[Placed]]] = []
        for section in self.decades:
            if section.several:
                runs.append((section.decade, None, section.several, section.several.entries))
            runs += [(section.decade, year.year, p, p.entries) for year in section.years for p in year.periods]
        if self.undated:
            runs.append((None, None, None, [Placed(i, 0, 0, False, False, False) for i in self.undated]))
        pages: list[list[Chunk]] = [[]]
        room = per_page
        for decade, year, period, entries in runs:
            if len(entries) > room and room < per_page:  # start a new page rather than split a period
                pages.append([])
                room = per_page
            for start in range(0, len(entries), per_page):
                if start:
                    pages.append([])
                    room = per_page
                part = entries[start:start + per_page]
                pages[-1].append(Chunk(decade, year, period, part, continued=start > 0))
                room -= len(part)
        return [TimelinePage(n, chunks) for n, chunks in enumerate(pages, start=1)]


def timeline(items: Iterable[Item]) -> Timeline:
    """Group dated items by decade, year and period, each placed on its year's (or decade's) track."""
    years: dict[int, dict[str, Period]] = {}
    several: dict[int, Period] = {}
    undated: list[Item] = []
    for item in items:
        bounds = _bounds(item.date)
        if bounds is None:
            undated.append(item)
            continue
        lower, upper = bounds
        assert item.date is not None
        if (upper - lower).days >= MAX_YEAR_SPAN_DAYS:
            start = lower.year // 10 * 10
            if start not in several:
                decade = Decade(start)
                several[start] = Period(f"d{decade.id}-several", f"Spanning several years, from the {decade.name}",
                                        datetime.date(max(start, 1), 1, 1), _last_day(start + 9))
            period = several[start]
            track = (period.first, period.last)
        else:
            period_id, label, first, last = _period(lower, upper, _has_seasons(item.date))
            period = years.setdefault(lower.year, {}).setdefault(period_id, Period(period_id, label, first, last))
            track = (datetime.date(lower.year, 1, 1), datetime.date(lower.year, 12, 31))
        period.entries.append(_place(item, item.date, lower, upper, *track))
    sections: dict[int, DecadeSection] = {}
    for year in sorted(years):
        periods = sorted(years[year].values(), key=lambda p: (p.first, -p.last.toordinal()))
        start = year // 10 * 10
        sections.setdefault(start, DecadeSection(Decade(start), [], None)).years.append(Year(year, periods))
    for start, period in several.items():
        sections.setdefault(start, DecadeSection(Decade(start), [], None)).several = period
    for section in sections.values():
        for period in [p for y in section.years for p in y.periods] + ([section.several] if section.several else []):
            period.entries.sort(key=lambda e: (_bounds(e.item.date), e.item.id))
    return Timeline([sections[s] for s in sorted(sections)], undated)


def _bounds(date: Date | None) -> tuple[datetime.date, datetime.date] | None:
    if date is None or not date.lower or not date.upper:
        return None
    try:
        return datetime.date.fromisoformat(date.lower), datetime.date.fromisoformat(date.upper)
    except ValueError:  # BCE, year 0 or beyond 9999: Python's dates stop there
        return None


def _has_seasons(date: Date | None) -> bool:
    return date is not None and re.search(r"\d{4}-[?~%]?2[1-4]\b", date.edtf) is not None


def _last_day(year: int) -> datetime.date:
    return datetime.date(min(max(year, 1), 9999), 12, 31)


@functools.lru_cache(maxsize=4096)  # asked for each dated item's period, 30,000 times at 10,000 items
def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _season_start(day: datetime.date) -> str | None:
    for name, first, _ in SEASONS:
        if day.month == first and day.day == 1:
            return name
    return None


def _season_end(day: datetime.date) -> str | None:
    for name, _, last in SEASONS:
        if day == _month_end(day.year, last):
            return name
    return None


def _period(lower: datetime.date, upper: datetime.date, seasons: bool) -> tuple[str, str, datetime.date,
                                                                              datetime.date]:
    """(anchor id, label, first day, last day) of the period a date (its bounds) belongs to; seasons: the
    date was written with EDTF seasons (1944-23), so a range of them is named by them, not by months."""
    year = lower.year
    if (lower, upper) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
        return f"p{year}", f"Sometime in {year}", lower, upper
    if (lower.year, lower.month) == (upper.year, upper.month):  # a day or a month: the month
        month = lower.month
        return (f"p{year}-{month:02d}", f"{MONTHS[month - 1]} {year}", datetime.date(year, month, 1),
                _month_end(year, month))
    begins, ends = _season_start(lower), _season_end(upper)
    names = [name for name, _, _ in SEASONS]
    if seasons and begins and ends and names.index(begins) <= names.index(ends):
        label = begins.capitalize() if begins == ends else f"{begins.capitalize()}–{ends}"
        slug = begins if begins == ends else f"{begins}-{ends}"
        return f"p{year}-{slug}", f"{label} {year}", lower, upper
    first, last = datetime.date(year, lower.month, 1), _month_end(upper.year, upper.month)
    if upper.year == year:
        label = f"{MONTHS[lower.month - 1]}–{MONTHS[upper.month - 1]} {year}"
    else:
        label = f"{MONTHS[lower.month - 1]} {year} – {MONTHS[upper.month - 1]} {upper.year}"
    return f"p{year}-{lower.month:02d}-{upper.year}-{upper.month:02d}", label, first, last


def _place(item: Item, date: Date, lower: datetime.date, upper: datetime.date,
           track_first: datetime.date, track_last: datetime.date) -> Placed:
    length = (track_last - track_first).days + 1
    start = max(0, (lower - track_first).days)
    end = min(length, (upper - track_first).days + 1)
    return Placed(item, round(start / length, 4), round(max(end - start, 1) / length, 4),
                  is_range=upper > lower, uncertain=is_uncertain(date), runs_on=upper > track_last)
