"""Uncertain dates: EDTF strings (Library of Congress) parsed for bounds and written for people.

The `edtf` package decides what is valid and where a date begins and ends; the words a reader sees
("autumn 1944", "summer–autumn 1944 (approximate)") are ours, because the package has no such output.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import functools
import io
import re
import time
from dataclasses import dataclass

from edtf import parse_edtf

from albumen.date_words import WORDS, DateWords

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
# EDTF level 1 seasons (21-24) and the level 2 divisions of a year (25-41).
SEASONS = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    25: "spring (northern hemisphere)", 26: "summer (northern hemisphere)",
    27: "autumn (northern hemisphere)", 28: "winter (northern hemisphere)",
    29: "spring (southern hemisphere)", 30: "summer (southern hemisphere)",
    31: "autumn (southern hemisphere)", 32: "winter (southern hemisphere)",
    33: "first quarter", 34: "second quarter", 35: "third quarter", 36: "fourth quarter",
    37: "first third", 38: "second third", 39: "last third", 40: "first half", 41: "second half",
}
QUALIFIER_WORDS = {"?": "uncertain", "~": "approximate", "%": "uncertain, approximate"}

_PART = re.compile(r"^(?P<q1>[?~%]?)(?P<year>-?[0-9X]{4})(?:-(?P<q2>[?~%]?)(?P<mid>[0-9X]{2})"
                   r"(?:-(?P<q3>[?~%]?)(?P<day>[0-9X]{2}))?)?(?P<q>[?~%]?)$")


HINT = ("write an EDTF date such as 1944, 1944-10, 1944-10-05, 1944-23 (autumn 1944), 1944-06/1944-11, "
        "1944? (uncertain) or 1944~ (approximate)")


class InvalidDate(ValueError):
    """The text is not a valid EDTF date."""


@dataclass(frozen=True)
class Date:
    """An EDTF date with the first and last day it may mean (ISO strings; None when open)."""

    edtf: str
    lower: str | None
    upper: str | None

    @property
    def label(self) -> str:
        return describe(self.edtf)

    def as_json(self) -> dict[str, str | None]:
        return {"edtf": self.edtf, "label": self.label, "lower": self.lower, "upper": self.upper}


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> Date:
    """Parse an EDTF string; raise InvalidDate with a hint when it is not one."""
    text = text.strip()
    simple = _simple_date(text)
    if simple is not None:
        return simple
    try:
        # The edtf package raises more than its own exception on some inputs (1944-1X, [..1944]) and
        # prints to stdout while it tries: both are kept from the user.
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = parse_edtf(text)
            start, end = text.split("/", 1) if "/" in text else (text, text)
            lower = _iso(parsed.lower_strict()) if start not in ("", "..") else None
            upper = _iso(parsed.upper_strict()) if end not in ("", "..") else None
    except Exception as exc:  # noqa: BLE001 - any failure of the parser means: not a date we can use
        raise InvalidDate(f"'{text}' is not a valid EDTF date; {HINT}") from exc
    for bound in (start, end):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", bound.strip("?~%")):
            try:
                datetime.date.fromisoformat(bound.strip("?~%"))
            except ValueError as exc:
                raise InvalidDate(f"'{bound}' is not a day that exists; check the month and day ({HINT})") from exc
    if lower is not None and upper is not None and _sortable(lower) > _sortable(upper):
        raise InvalidDate(f"'{text}' ends before it begins; write the earlier date first")
    return Date(text, lower, upper)


# The forms nearly every archive uses: 1944, 1944-10, 1944-10-05, 1944-23 (a season), each with an optional
# ? ~ % at the end, alone or as an interval. The edtf package's parser takes ~10 ms a date (pyparsing);
# these are read here in microseconds, with the same bounds (a test compares the two).
_SIMPLE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?[?~%]?$")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def _simple_date(text: str) -> Date | None:
    parts = text.split("/")
    if len(parts) > 2:
        return None
    bounds = [_simple_bounds(part) for part in parts]
    if any(b is None for b in bounds):
        return None
    lower, upper = bounds[0][0], bounds[-1][1]  # type: ignore[index]
    if lower > upper:
        raise InvalidDate(f"'{text}' ends before it begins; write the earlier date first")
    return Date(text, lower, upper)


def _simple_bounds(part: str) -> tuple[str, str] | None:
    match = _SIMPLE.match(part)
    if match is None or match.group("y") == "0000":
        return None
    year, month, day = int(match.group("y")), match.group("m"), match.group("d")
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    number = int(month)
    if day is None and number in _SEASON_MONTHS:
        first, last = _SEASON_MONTHS[number]
        end_year = year + 1 if last < first else year  # winter runs into the next year
        return f"{year:04d}-{first:02d}-01", _month_end(end_year, last)
    if not 1 <= number <= 12:
        return None  # level-2 seasons and nonsense: the edtf package decides
    if day is None:
        return f"{year:04d}-{number:02d}-01", _month_end(year, number)
    try:
        exact = datetime.date(year, number, int(day)).isoformat()
    except ValueError as exc:
        raise InvalidDate(f"'{part}' is not a day that exists; check the month and day ({HINT})") from exc
    return exact, exact


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _sortable(iso: str) -> tuple[int, str]:
    """ISO bounds compared correctly across BCE years ('-0100-01-01' < '0044-01-01')."""
    year, _, rest = iso.lstrip("-").partition("-")
    return (-int(year) if iso.startswith("-") else int(year), rest)


def _iso(t: time.struct_time) -> str:
    year = t.tm_year
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"


@functools.lru_cache(maxsize=1 << 14)  # every date label of every page asks again: an archive has few distinct dates
def describe(text: str) -> str:
    """Write an EDTF string the way a person would say it: 1944-23 -> 'autumn 1944'."""
    if text.startswith("{") or text.startswith("["):
        joiner = " and " if text.startswith("{") else " or "
        parts = [describe(p.strip()) for p in text.strip("{}[]").split(",") if p.strip()]
        return joiner.join(parts) if parts else text
    if "/" in text:
        return _describe_interval(*text.split("/", 1))
    parsed = _parse_part(text)
    if parsed is None:
        return text
    words, qualifier = parsed
    return _with_qualifier(" ".join(words), qualifier)


def _describe_interval(start: str, end: str) -> str:
    a, b = _parse_part(start), _parse_part(end)
    if a is None and b is None:
        return f"{start}/{end}"
    if a is None:
        assert b is not None
        return _with_qualifier("until " + " ".join(b[0]), b[1])
    if b is None:
        return _with_qualifier("from " + " ".join(a[0]), a[1])
    (wa, qa), (wb, qb) = a, b
    qualifier = _merge_qualifiers(qa, qb)
    # Share the year when both ends are in it: "summer–autumn 1944", "June–November 1944".
    if len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1]:
        head_a, head_b = " ".join(wa[:-1]), " ".join(wb[:-1])
        return _with_qualifier(f"{head_a}–{head_b} {wa[-1]}", qualifier)
    joiner = "–" if len(wa) == 1 and len(wb) == 1 else " – "
    return _with_qualifier(f"{' '.join(wa)}{joiner}{' '.join(wb)}", qualifier)


def _parse_part(text: str) -> tuple[list[str], str] | None:
    """One EDTF date (no interval) -> words ending in the year, and its strongest qualifier."""
    m = _PART.match(text.strip())
    if not m:
        return None
    qualifier = _merge_qualifiers(*(m.group(g) or "" for g in ("q1", "q2", "q3", "q")))
    year = m.group("year")
    if "X" in year:
        year_words = _unspecified_year(year)
    elif year.startswith("-"):
        year_words = f"{int(year[1:])} BCE"
    else:
        year_words = str(int(year))
    mid, day = m.group("mid"), m.group("day")
    if mid is None or "X" in mid:
        return [year_words], qualifier
    number = int(mid)
    if number > 12:
        return [SEASONS.get(number, mid), year_words], qualifier
    month = MONTHS[number - 1]
    if day is None or "X" in day:
        return [month, year_words], qualifier
    return [str(int(day)), month, year_words], qualifier


def _unspecified_year(year: str) -> str:
    digits = year.rstrip("X")
    missing = len(year) - len(digits)
    if missing == 1:
        return f"{digits}0s"
    if missing == 2:
        return f"{digits}00s"
    return "date unknown"


def _merge_qualifiers(*qualifiers: str) -> str:
    present = {q for q in qualifiers if q}
    if "%" in present or {"?", "~"} <= present:
        return "%"
    return next(iter(present), "")


def _with_qualifier(words: str, qualifier: str) -> str:
    return f"{words} ({QUALIFIER_WORDS[qualifier]})" if qualifier else words


# ---------------------------------------------------------------- in the site's language


def describe_in(text: str, language: str) -> str:
    """Write an EDTF string in a language albumen ships (a catalog name: de, fr, es, zh_Hans, ja, he):
    1944-23 -> 'Herbst 1944', '1944年秋', 'automne 1944', 'סתיו 1944'. Any other language is English, describe()."""
    words = WORDS.get(language)
    if words is None:
        return describe(text)
    return _Speaker(language, words).describe(text)


def decade_in(start: int, language: str) -> str:
    """A decade's name: 1940 -> '1940s', '1940er-Jahre', '1940年代'."""
    words = WORDS.get(language)
    if words is None:
        return f"{start}s" if start >= 0 else f"{-start}s BCE"
    name = words.decade.format(decade=abs(start))
    return words.bce.format(year=name) if start < 0 else name


def season_in(number: int, language: str) -> str:
    words = WORDS.get(language)
    return words.seasons[number] if words else SEASONS[number]


@dataclass(frozen=True)
class _Fields:
    """One EDTF date (no interval) taken apart; year None when some of its digits are unspecified."""

    year: int | None
    digits: str
    month: int | None
    season: int | None
    day: int | None
    qualifier: str


def _fields(text: str) -> _Fields | None:
    m = _PART.match(text.strip())
    if not m:
        return None
    qualifier = _merge_qualifiers(*(m.group(g) or "" for g in ("q1", "q2", "q3", "q")))
    digits, mid, day = m.group("year"), m.group("mid"), m.group("day")
    year = None if "X" in digits else int(digits)
    if mid is None or "X" in mid:
        return _Fields(year, digits, None, None, None, qualifier)
    number = int(mid)
    if number > 12:
        return _Fields(year, digits, None, number, None, qualifier)
    return _Fields(year, digits, number, None, None if day is None or "X" in day else int(day), qualifier)


class _Speaker:
    """describe() in another language: month names and their order from Babel, the rest from date_words."""

    def __init__(self, language: str, words: DateWords) -> None:
        self.language, self.words = language, words

    def describe(self, text: str) -> str:
        if text.startswith("{") or text.startswith("["):
            pattern = self.words.both if text.startswith("{") else self.words.either
            parts = [self.describe(p.strip()) for p in text.strip("{}[]").split(",") if p.strip()]
            if not parts:
                return text
            joined = parts[-1]
            for part in reversed(parts[:-1]):
                joined = pattern.format(a=part, b=joined)
            return joined
        if "/" in text:
            return self._interval(*text.split("/", 1))
        fields = _fields(text)
        return text if fields is None else self._qualified(self._words(fields), fields.qualifier)

    def _interval(self, start: str, end: str) -> str:
        a, b = _fields(start), _fields(end)
        if a is None and b is None:
            return f"{start}/{end}"
        if a is None:
            assert b is not None
            return self._qualified(self.words.until.format(x=self._words(b)), b.qualifier)
        if b is None:
            return self._qualified(self.words.since.format(x=self._words(a)), a.qualifier)
        return self._qualified(self._range(a, b), _merge_qualifiers(a.qualifier, b.qualifier))

    def _range(self, a: _Fields, b: _Fields) -> str:
        from babel.dates import format_interval

        if a.year and b.year and a.year > 0 and b.year > 0:
            if a.season and b.season and a.year == b.year and a.season <= 24 and b.season <= 24:
                return self.words.season_range.format(a=self.words.seasons[a.season],
                                                      b=self.words.seasons[b.season], year=a.year)
            if a.month and b.month and (a.day is None) == (b.day is None):
                skeleton = "yMMMMd" if a.day else "yMMMM"
                return format_interval(datetime.date(a.year, a.month, a.day or 1),
                                       datetime.date(b.year, b.month, b.day or 1), skeleton, locale=self.language)
        joiner = "–" if a.month is a.season is b.month is b.season is None else " – "
        return f"{self._words(a)}{joiner}{self._words(b)}"

    def _words(self, f: _Fields) -> str:
        from babel.dates import format_date, format_skeleton, get_month_names

        if f.year is not None and f.year > 0:
            if f.day is not None and f.month is not None:
                return format_date(datetime.date(f.year, f.month, f.day), "long", locale=self.language)
            if f.month is not None:
                return format_skeleton("yMMMM", datetime.date(f.year, f.month, 1), locale=self.language)
            if f.season is not None:
                return self.words.season.format(season=self.words.seasons.get(f.season, str(f.season)),
                                                year=f.year)
            return self.words.year.format(year=f.year)
        year = self._odd_year(f)
        head = [str(f.day)] if f.day is not None else []
        if f.month is not None:
            head.append(get_month_names("wide", locale=self.language)[f.month])
        elif f.season is not None:
            head.append(self.words.seasons.get(f.season, str(f.season)))
        return " ".join([*head, year])

    def _odd_year(self, f: _Fields) -> str:
        """A year Babel can't write: BCE, or with unspecified digits (194X, 19XX, XXXX)."""
        if f.year is not None:
            return self.words.bce.format(year=-f.year)
        known = f.digits.rstrip("X")
        missing = len(f.digits) - len(known)
        if missing == 1 and known:
            return self.words.decade.format(decade=int(known + "0"))
        if missing == 2 and known:
            return self.words.century.format(n=int(known) + 1, roman=_roman(int(known) + 1))
        return self.words.unknown

    def _qualified(self, words: str, qualifier: str) -> str:
        if qualifier in ("~", "%"):
            words = self.words.approximate.format(x=words)
        if qualifier in ("?", "%"):
            words = self.words.uncertain.format(x=words)
        return words


def _roman(n: int) -> str:
    numerals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out
