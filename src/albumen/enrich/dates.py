"""Dates read from caption text: "in the summer or fall of 1944" -> EDTF "1944-22/1944-23", with the phrase.

Our own phrase rules, because the libraries get historical captions wrong: `edtf.text_to_edtf` turns "summer or
fall 1944" into 1944-22 (the fall is lost) and "spring of '44" into 2044; dateparser has no seasons and fills a
missing month or day with today's. Every result is checked with the `edtf` package (albumen.dates.parse_date),
which also gives its bounds.

How a caption is read:
1. Rules, most specific first, find date phrases; a later rule never re-reads words an earlier one took, so
   "5 October 1944" is one full date, not also a month and a year.
2. A bare year counts only where the words around it make it a date ("in 1944", "Main Street, 1952."), so
   "Company 1944 of the 14th" and "1944 feet" are not dates. A two-digit year needs an apostrophe ('44).
3. Each phrase gets a role: what the photo shows ("photo"), a named event's span ("the Ichigo campaign
   (April to December 1944)": "context"), or something else's date ("built in 1890", "before 1944": "other").
4. The caption's date is chosen by `caption_date`; the rule is written there.

Wars by name ("during WWII", "World War II") are not dates: their span depends on the country and the theatre
(1937-1945 in China, 1939-1945 in Europe, 1941-1945 for an American serviceman), so a suggestion would look
like knowledge the caption does not hold. A photo whose caption says only "WWII" gets no date suggestion.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from albumen.dates import Date, InvalidDate, parse_date
from albumen.enrich.date_names import ENGLISH, DateNames, date_names, primary_language

Role = Literal["photo", "context", "other"]

SEASON_CODES = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
CJK_SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}
MONTH_NUMBERS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# Parts of a year and of a decade: (first month, last month) and (first year, last year) in it.
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "middle": (3, 6), "late": (6, 9)}

# -- the words the rules are made of --------------------------------------------------------------------------

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![\w])")
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:early|mid|middle|late)"
# A four-digit year, not inside a longer number or word ("c1944" is allowed: circa); or '44 with an apostrophe.
YEAR4 = r"(?<!\d[.,])(?<![\d/])(?<![^\W\dcC_])(?:1[0-9]{3}|20[0-9]{2})(?![\d]|[.,]\d|[^\W\d_])"
YEAR2 = r"(?<![\w'’‘])['’‘][0-9]{2}(?![\w'’])"
YEAR = rf"(?:{YEAR4}|{YEAR2})"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
TO = r"\s*(?:-|–|—|to|until|till|through|thru|into)\s*"
OF = r"(?:,?\s+of)?,?\s+"  # "fall of 1944", "October, 1944", "October 1944"

APPROXIMATE_BEFORE = re.compile(r"(?:\b(?:circa|about|around|approximately|approx\.?|roughly|ca\.?)|(?<![\w])c\.?)"
                                r"\s*(?:the\s+)?$", re.IGNORECASE)
UNCERTAIN_BEFORE = re.compile(r"\b(?:probably|possibly|perhaps|maybe|likely)\s+(?:in\s+|from\s+)?(?:the\s+)?$",
                              re.IGNORECASE)
UNCERTAIN_AFTER = re.compile(r"^\s?\?")
APPROXIMATE_AFTER = re.compile(r"^,?\s+or\s+so\b", re.IGNORECASE)  # "1972 or so"
# Words that make a bare year a date: "in 1944", "Class of 1944", "dated 1944".
YEAR_CUES = {"in", "of", "during", "from", "to", "through", "circa", "c", "ca", "about", "around", "approximately",
             "approx", "roughly", "year", "dated", "taken", "photographed", "since", "before", "after", "until",
             "till", "by", "probably", "possibly", "perhaps", "maybe", "and", "or", "summer", "winter", "spring",
             "fall", "autumn", "christmas", "easter"}
# Words after a number that make it a quantity, not a year: "1944 feet", "1500 men".
UNITS = re.compile(r"^\s*(?:feet|foot|ft|miles?|yards?|meters?|metres?|km|kilometers?|kilometres?|m|tons?|lbs?|"
                   r"pounds?|dollars?|men|women|people|soldiers|troops|refugees|persons|prisoners|casualties|"
                   r"killed|dead|horses|planes|aircraft|sorties|rounds|votes|acres|hectares)\b", re.IGNORECASE)
# A date about something else than the photo: the words just before it ("before 1944") or in its clause ("built").
OTHER_JUST_BEFORE = re.compile(r"\b(?:since|before|after|prior\s+to|until|till|by)\s+(?:the\s+)?(?:year\s+)?$",
                               re.IGNORECASE)
# "before it was widened in 1900": the date of a later or earlier event, not of the photo.
OTHER_EARLIER_IN_CLAUSE = re.compile(r"\b(?:since|before|after|prior\s+to|until)\s+(?:it|he|she|they|we|the\s+\w+)\s+"
                                     r"(?:was|were|had|has|is|came|went|left|moved)\b", re.IGNORECASE)
OTHER_IN_CLAUSE = re.compile(r"\b(?:born|died|dies|death|built|founded|established|erected|constructed|opened|"
                             r"demolished|torn\s+down|destroyed|burn(?:ed|t)|emigrated|immigrated|moved\s+to|"
                             r"renamed|incorporated|settled|donated|given|acquired|purchased|bought|sold|scanned|"
                             r"catalogued|cataloged|accessioned)\b", re.IGNORECASE)
# A named event's span: "the Ichigo campaign (April to December 1944)", "the flood of 1936", "which lasted ...".
EVENT = (r"(?:campaign|war|battle|offensive|operation|siege|occupation|invasion|revolution|uprising|rebellion|"
         r"expedition|crisis|flood|earthquake|fire|blizzard|hurricane|strike|reign|dynasty|era|depression)")
CONTEXT_BEFORE = re.compile(rf"(?:\b{EVENT}\s*(?:\(|,\s*|\s+of\s+|\s+from\s+|\s+between\s+|:\s*)\s*(?:the\s+)?$"
                            r"|\b(?:which|that)\s+(?:lasted|began|started|ended|ran|raged)\b[^.;]*$)",
                            re.IGNORECASE)
PHOTO_CUE = re.compile(r"\b(?:taken|photographed|snapped|pictured|photo(?:graph)?\s+(?:was\s+)?(?:taken|made))\b",
                       re.IGNORECASE)
# Words before a phrase that belong to it when it is shown: "in the fall of 1944".
LEAD_IN = re.compile(r"(?:\b(?:in|on|during|from|between|circa|about|around|approximately|roughly|probably|possibly|"
                     r"perhaps|maybe|ca\.?|c\.?)\s*)?(?:the\s+)?$", re.IGNORECASE)
CONTEXT_WINDOW = 300  # characters before a phrase that can change what it means
CLAUSE_END = re.compile(r"[.;!?\n]|,(?=\s)|\s[–—-]\s")
# A full stop after these ends no clause: "c. 1943", "Oct. 1944", "Gen. Chennault".
ABBREVIATIONS = {"c", "ca", "approx", "no", "nr", "st", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt",
                 "pvt", "cpl", "maj", "adm", "jr", "sr", "vs", "mt", "ft", "co", "bros", *MONTH_NUMBERS}


@dataclass(frozen=True)
class DateOptions:
    """How to read a caption's dates.

    window_start: a two-digit year 'yy is read as the one year from window_start to window_start + 99 that ends
    in yy ('44 -> 1944 with the default). `for_archive` centres the window on the dates an archive already has.
    latest_year: no date after this year is suggested (a photo cannot come from the future).
    language: the archive's language (BCP 47): its month names and seasons are read, and numeric dates day
    first; "en" reads as the English rules always did.
    """

    window_start: int = 1900
    latest_year: int = field(default_factory=lambda: datetime.date.today().year)
    language: str = ENGLISH
    # English month names read: False when the English rules read another language's caption after its own
    # (suggest.py), where "Jan" is a man ("Oom Jan 1952") and "Mar" the sea ("al Mar 1965")
    month_names: bool = True

    @classmethod
    def for_archive(cls, years: Iterable[int], language: str = ENGLISH) -> DateOptions:
        known = sorted(years)
        if not known:
            return cls(language=language)
        return cls(window_start=int(statistics.median(known)) - 50, language=language)

    @property
    def english(self) -> bool:
        return primary_language(self.language) == ENGLISH

    @property
    def names(self) -> DateNames:
        return date_names(primary_language(self.language))

    def full_year(self, text: str) -> int | None:
        """'1944' -> 1944; "'44" -> 1944 (in the window); None for a year after latest_year."""
        digits = text.lstrip("'’‘")
        year = int(digits)
        if len(digits) == 2:
            year = self.window_start + (year - self.window_start) % 100
            if year > self.latest_year:
                year -= 100
        return year if 1000 <= year <= self.latest_year else None


@dataclass(frozen=True)
class FoundDate:
    """A date phrase in a caption, as EDTF, with where it is and what it is about."""

    edtf: str
    phrase: str  # the caption's own words, e.g. "in the fall of 1944"
    start: int  # where the phrase is in the text
    end: int
    role: Role
    photo_cue: bool  # "taken in ...", "photographed ..."
    date: Date  # the EDTF parsed, with bounds


# -- the rules -------------------------------------------------------------------------------------------------

Builder = Callable[[re.Match[str], DateOptions], str | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder  # the match -> an EDTF string, or None when the words are not a date after all


def _month(word: str | None, options: DateOptions) -> int | None:
    """A month name, as a number. In English only when written with a capital ('may' the verb is not May); the
    other languages write months in lower case ("28 augustus 2015"), and their rules match no verb."""
    if not word:
        return None
    if not options.english:
        return options.names.month(word)
    if not word[0].isupper() or not options.month_names:
        return None
    return MONTH_NUMBERS.get(word.rstrip(".").casefold())


def _season(word: str, options: DateOptions) -> int | None:
    return SEASON_CODES.get(word.casefold()) if options.english else options.names.season(word)


def _year(m: re.Match[str], group: str, options: DateOptions) -> int | None:
    text = m.group(group)
    return options.full_year(text) if text else None


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _full_date(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None or not _valid_day(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _iso_date(m: re.Match[str], options: DateOptions) -> str | None:
    return _full_date(options.full_year(m["y"]), int(m["mo"]), int(m["d"]))


def _numeric_date(m: re.Match[str], options: DateOptions) -> str | None:
    """5/10/1944 is 10 May in Britain and 5 October in America: both, as an EDTF one-of set, unless a part > 12."""
    year, a, b = options.full_year(m["y"]), int(m["a"]), int(m["b"])
    if year is None:
        return None
    month_first, day_first = _full_date(year, a, b), _full_date(year, b, a)
    if month_first and day_first and month_first != day_first:
        return f"[{min(month_first, day_first)}, {max(month_first, day_first)}]"
    return month_first or day_first


def _numeric_month(m: re.Match[str], options: DateOptions) -> str | None:
    year = options.full_year(m["y"])
    return f"{year:04d}-{int(m['mo']):02d}" if year is not None else None


def _day_month_year(m: re.Match[str], options: DateOptions) -> str | None:
    return _full_date(_year(m, "y", options), _month(m["month"], options), _day(m["day"]))


def _day_range(m: re.Match[str], options: DateOptions) -> str | None:
    year, month = _year(m, "y", options), _month(m["month"], options)
    first, last = _full_date(year, month, _day(m["d1"])), _full_date(year, month, _day(m["d2"]))
    return f"{first}/{last}" if first and last and first < last else None


def _month_year_range(m: re.Match[str], options: DateOptions) -> str | None:
    y1, y2 = _year(m, "y1", options), _year(m, "y2", options)
    m1, m2 = _month(m["m1"], options), _month(m["m2"], options)
    if None in (y1, y2, m1, m2):
        return None
    first, last = f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}"
    return f"{first}/{last}" if first < last else None


def _month_range(m: re.Match[str], options: DateOptions) -> str | None:
    """April to December 1944; between April and June 1944; October or November 1944."""
    year, m1, m2 = _year(m, "y", options), _month(m["m1"], options), _month(m["m2"], options)
    if year is None or m1 is None or m2 is None or m1 == m2:
        return None
    if m1 > m2:  # November 1944 to February: the second month is in the next year
        return f"{year:04d}-{m1:02d}/{year + 1:04d}-{m2:02d}"
    return f"{year:04d}-{m1:02d}/{year:04d}-{m2:02d}"


def _season_range(m: re.Match[str], options: DateOptions) -> str | None:
    """Summer or fall of 1944 -> 1944-22/1944-23; winter and spring of 1945 -> 1944-24/1945-21."""
    year = _year(m, "y", options)
    if year is None:
        return None
    s1, s2 = _season(m["s1"], options), _season(m["s2"], options)
    if s1 is None or s2 is None:
        return None
    if s1 == s2:
        return f"{year:04d}-{s1}"
    if s1 > s2:
        return f"{year - 1:04d}-{s1}/{year:04d}-{s2}"
    return f"{year:04d}-{s1}/{year:04d}-{s2}"


def _winter_across(m: re.Match[str], options: DateOptions) -> str | None:
    """The winter of 1944-45 is EDTF winter 1944."""
    first = options.full_year(m["y1"])
    second = m["y2"]
    if first is None:
        return None
    following = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return f"{first:04d}-24" if following == first + 1 else None


def _season_year(m: re.Match[str], options: DateOptions) -> str | None:
    year, season = _year(m, "y", options), _season(m["s"], options)
    return f"{year:04d}-{season}" if year is not None and season is not None else None


def _month_year(m: re.Match[str], options: DateOptions) -> str | None:
    year, month = _year(m, "y", options), _month(m["month"], options)
    return f"{year:04d}-{month:02d}" if year is not None and month is not None else None


def _holiday(m: re.Match[str], options: DateOptions) -> str | None:
    year = _year(m, "y", options)
    if year is None:
        return None
    name = " ".join(m["holiday"].casefold().replace("’", "'").split())
    if name in ("christmas day", "xmas day"):
        return f"{year:04d}-12-25"
    if name in ("christmas eve", "xmas eve"):
        return f"{year:04d}-12-24"
    if name.startswith("new year's eve"):
        return f"{year:04d}-12-31"
    if name.startswith("new year"):
        return f"{year:04d}-01-01"
    if name in ("fourth of july", "independence day"):
        return f"{year:04d}-07-04"
    if name == "easter":
        return f"{year:04d}-03/{year:04d}-04"  # Easter falls between 22 March and 25 April
    if name == "thanksgiving":
        return f"{year:04d}-11"
    return f"{year:04d}-12"  # Christmas, Xmas, the Christmas season


def _decade_start(text: str, options: DateOptions) -> int | None:
    """'1940s' -> 1940; "'40s" -> 1940 (in the window)."""
    digits = text.lstrip("'’‘").rstrip("sS")
    year = options.full_year(digits if len(digits) == 4 else "'" + digits)
    return year if year is not None and year % 10 == 0 else None


def _decade(m: re.Match[str], options: DateOptions) -> str | None:
    start = _decade_start(m["decade"], options)
    if start is None:
        return None
    part = (m["part"] or "").casefold()
    if start % 100 == 0 and not m["decade"].startswith(("'", "’", "‘")):
        century = f"{start // 100:02d}XX"  # "the 1900s" is the century more often than the decade
        if part:
            first, last = DECADE_PARTS[part]
            return f"{start + first * 10:04d}~/{start + last * 10 + 9:04d}~"
        return century
    if part:
        first, last = DECADE_PARTS[part]
        return f"{start + first:04d}~/{start + last:04d}~"
    return f"{start // 10:03d}X"


def _century(m: re.Match[str], options: DateOptions) -> str | None:
    number = int(m["n"])
    if not 11 <= number <= 21:
        return None
    start = (number - 1) * 100
    part = (m["part"] or "").casefold()
    if part:
        first, last = DECADE_PARTS[part]
        return f"{start + first * 10:04d}~/{start + last * 10 + 9:04d}~"
    return f"{number - 1:02d}XX"


def _year_range(m: re.Match[str], options: DateOptions) -> str | None:
    first = options.full_year(m["y1"])
    second_text = m["y2"].lstrip("'’‘")
    if first is None:
        return None
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if second < first and len(second_text) == 2:
        second += 100  # 1999-01 -> 2001
    if not first < second <= options.latest_year or second - first > 100:
        return None
    if m["link"] and m["link"].strip().casefold() == "and" and not m["between"]:
        return None  # "1944 and 1945" without "between" is two dates, not a span
    return f"{first:04d}/{second:04d}"


def _one_of_two_years(m: re.Match[str], options: DateOptions) -> str | None:
    """'1949 or 1950': one of the two, an EDTF one-of set."""
    first, second = options.full_year(m["y1"]), options.full_year(m["y2"])
    if first is None or second is None or not 0 < second - first <= 10:
        return None
    return f"[{first:04d}, {second:04d}]" if second - first > 1 else f"{first:04d}/{second:04d}"


def _cjk_date(m: re.Match[str], options: DateOptions) -> str | None:
    """1944年10月5日, 1944年10月, 1944年秋 (autumn), 1944年."""
    year = options.full_year(m["y"])
    if year is None:
        return None
    if m["s"]:
        return f"{year:04d}-{CJK_SEASONS[m['s']]}"
    if m["d"]:
        return _full_date(year, int(m["mo"]), int(m["d"]))
    if m["mo"]:
        return f"{year:04d}-{int(m['mo']):02d}"
    return f"{year:04d}"


def _year_part(m: re.Match[str], options: DateOptions) -> str | None:
    year = _year(m, "y", options)
    if year is None:
        return None
    first, last = YEAR_PARTS[m["part"].casefold()]
    return f"{year:04d}-{first:02d}~/{year:04d}-{last:02d}~"


def _bare_year(m: re.Match[str], options: DateOptions) -> str | None:
    """A year standing alone counts only where the words around it make it a date."""
    year = _year(m, "y", options)
    if year is None:
        return None
    text, start, end = m.string, m.start(), m.end()
    if UNITS.match(text[end:]):
        return None
    before = _before(text, start).rstrip()
    previous_word = re.search(r"([^\W\d]+)\.?$", before)
    if previous_word and previous_word.group(1).casefold() in YEAR_CUES:
        return f"{year:04d}"
    if m["y"].startswith(("'", "’", "‘")):
        return None  # '44 needs a word before it: "in '44", "Class of '44"
    opens = not text[:start].strip() or before[-1] in ",(:;–—-\n[" or before.endswith(" -")
    after = text[end:]
    closes = re.match(r"^\s*(?:$|[.,;:)\]?!\n]|[–—-]\s)", after) is not None or bool(APPROXIMATE_AFTER.match(after))
    return f"{year:04d}" if opens and closes else None


Y4 = r"(?:1[0-9]{3}|20[0-9]{2})"  # a four-digit year inside a numeric date, whose own rule guards its edges
NUMERIC_END = r"(?![\d/]|\.\d)"  # "3/15/1961." ends there; "3/15/1961/2" does not
PARTS = rf"(?:{PART}[- ]?)?"  # "early ", "mid-", or nothing
FROM = r"(?:from\s+|between\s+)?"

RULES: tuple[Rule, ...] = tuple(Rule(name, re.compile(pattern, re.IGNORECASE), build) for name, pattern, build in [
    ("chinese or japanese date",  # 1944年10月5日, 1944年10月, 1944年秋
     rf"(?P<y>{Y4})\s*年\s*(?:(?P<mo>1[0-2]|0?[1-9])\s*月\s*(?:(?P<d>[12][0-9]|3[01]|0?[1-9])\s*[日号])?"
     r"|(?P<s>[春夏秋冬])(?:[天季])?)?", _cjk_date),
    ("iso date", rf"(?<![\d-])(?P<y>{Y4})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])(?![\d-])", _iso_date),
    ("numeric date", rf"(?<![\d/.])(?P<a>[0-3]?[0-9])[/.](?P<b>[0-3]?[0-9])[/.](?P<y>{Y4}){NUMERIC_END}",
     _numeric_date),
    ("numeric month", rf"(?<![\d/.])(?P<mo>1[0-2]|0?[1-9])/(?P<y>{Y4}){NUMERIC_END}", _numeric_month),
    ("day range", rf"(?P<month>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|—|to)\s*(?P<d2>{DAY}),?\s+(?P<y>{YEAR})", _day_range),
    ("day month year", rf"(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<y>{YEAR})", _day_month_year),
    ("month day year", rf"(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<y>{YEAR})", _day_month_year),
    ("month year range",  # April 1944 to January 1945
     rf"{FROM}{PARTS}(?P<m1>{MONTH}),?\s+(?P<y1>{YEAR})(?:{TO}|\s+and\s+){PARTS}(?P<m2>{MONTH}),?\s+(?P<y2>{YEAR})",
     _month_year_range),
    ("month range",  # from April to December 1944, October or November 1944
     rf"{FROM}{PARTS}(?P<m1>{MONTH})(?:{TO}|\s+(?:and|or)\s+){PARTS}(?P<m2>{MONTH}){OF}(?P<y>{YEAR})", _month_range),
    ("season range",  # the summer or fall of 1944
     rf"{FROM}(?:the\s+)?{PARTS}(?P<s1>{SEASON})(?:{TO}|\s+(?:and|or|and/or)\s+)(?:the\s+)?{PARTS}"
     rf"(?P<s2>{SEASON}){OF}(?P<y>{YEAR})", _season_range),
    ("winter across years", rf"winter{OF}(?P<y1>{Y4})\s*(?:-|–|/)\s*(?P<y2>[0-9]{{2}}|[0-9]{{4}})(?![\d])",
     _winter_across),
    ("season", rf"(?:the\s+)?{PARTS}(?P<s>{SEASON}){OF}(?P<y>{YEAR})", _season_year),
    ("holiday",  # Christmas 1952, Easter Sunday 1955, Fourth of July 1976
     r"(?P<holiday>christmas(?:\s+(?:day|eve))?|xmas(?:\s+(?:day|eve))?|new\s+year['’]?s(?:\s+(?:day|eve))?"
     rf"|easter|thanksgiving|fourth\s+of\s+july|independence\s+day)(?:\s+(?:sunday|day))?{OF}(?P<y>{YEAR})",
     _holiday),
    ("month year", rf"{PARTS}(?P<month>{MONTH}){OF}(?P<y>{YEAR})", _month_year),
    ("decade",  # the 1940s, the late '30s
     rf"(?:(?:the\s+)?(?P<part>{PART})[- ]?)?(?:the\s+)?(?P<decade>(?<![\d])1[0-9]{{2}}0s|['’‘][0-9]0s)(?![\w])",
     _decade),
    ("century", rf"(?:(?:the\s+)?(?P<part>{PART})[- ]?)?(?:the\s+)?(?P<n>1[1-9]|2[01])(?:st|nd|rd|th)\s+century",
     _century),
    ("one of two years", rf"(?P<y1>{YEAR4})\s+or\s+(?P<y2>{YEAR4})", _one_of_two_years),
    ("year range",  # 1944-1945, 1944-45, between 1943 and 1945
     rf"(?:(?P<between>between)\s+|from\s+)?(?P<y1>{YEAR4})(?P<link>{TO}|/|\s+and\s+)"
     rf"(?P<y2>{YEAR4}|(?<=[-–/])[0-9]{{2}}(?![\d]))", _year_range),
    ("part of a year", rf"(?P<part>{PART})[- ]?(?:in\s+)?(?P<y>{YEAR})", _year_part),
    ("year", rf"(?P<y>{YEAR})", _bare_year),
])


# -- the rules of other languages ------------------------------------------------------------------------------
# Built from the language's CLDR month names and albumen's season words (date_names.py), once per language. They
# read a day month year ("28 augustus 2015", "15. März 1944", "1er août 1944", "5 de octubre de 1944"), a month
# year, a season year where albumen has the words, numeric dates day first and spans of years ("1944-1945"). No
# bare year ("in 1944" needs English words to be told from a house number) and no English word at all.



def _day_elsewhere(group: str) -> str:
    """A day of the month as the other languages write it: '15.' (German), '1er' (French), '1°' (Italian)."""
    return rf"(?<![\d.])(?P<{group}>[12][0-9]|3[01]|0?[1-9])(?:\.|er|°|º)?(?!\w)"


def _day_first_date(m: re.Match[str], options: DateOptions) -> str | None:
    """05-10-1944, 05.10.1944, 05/10/1944: the day first, as everywhere but in English."""
    return _full_date(options.full_year(m["y"]), int(m["mo"]), int(m["d"]))


def _words(words: Iterable[str]) -> str:
    """An alternation of the words, longest first, each a whole word; one that matches nothing when none."""
    ordered = sorted(words, key=len, reverse=True)
    return rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)" if ordered else r"(?!)"


def _language_rules(names: DateNames) -> tuple[Rule, ...]:
    month = rf"{_words(names.months)}\.?"
    full_month = _words(names.full_months)  # with no day, the month in full (DateNames.full_months)
    season = _words(names.seasons)
    joiner = rf"(?:{_words(names.joiners)}\s+)?" if names.joiners else ""  # "5 de octubre de 1944"
    english = {rule.name: rule for rule in RULES}
    return (english["chinese or japanese date"], english["iso date"], *(
        Rule(name, re.compile(pattern, re.IGNORECASE), build) for name, pattern, build in [
            ("numeric date, day first",
             rf"(?<![\d/.-])(?P<d>3[01]|[12][0-9]|0?[1-9])(?P<sep>[-/.])(?P<mo>1[0-2]|0?[1-9])(?P=sep)(?P<y>{Y4})"
             rf"(?![\d/-]|\.\d)", _day_first_date),
            ("numeric month", rf"(?<![\d/.])(?P<mo>1[0-2]|0?[1-9])/(?P<y>{Y4}){NUMERIC_END}", _numeric_month),
            ("day range",  # 5-7 augustus 1944, 5.–7. März 1944
             rf"{_day_elsewhere('d1')}\s*[-–—]\s*{_day_elsewhere('d2')}\s*{joiner}(?P<month>{month}),?\s+{joiner}"
             rf"(?P<y>{YEAR})", _day_range),
            ("day month year", rf"{_day_elsewhere('day')}\s*{joiner}(?P<month>{month}),?\s+{joiner}(?P<y>{YEAR})",
             _day_month_year),
            ("season", rf"(?P<s>{season}),?\s+{joiner}(?P<y>{YEAR})", _season_year),
            ("month year", rf"(?P<month>{full_month}),?\s+{joiner}(?P<y>{YEAR})", _month_year),
            ("year range",  # 1944-1945, 1944/45: digits only, no English word
             rf"(?P<between>(?!))?(?P<y1>{YEAR4})(?P<link>\s*[-–—/]\s*)(?P<y2>{YEAR4}|(?<=[-–/])[0-9]{{2}}(?![\d]))",
             _year_range),
        ]))


@cache
def rules_for(language: str) -> tuple[Rule, ...]:
    """The rules for a primary language subtag: English's own, or those built from the language's words."""
    return RULES if language == ENGLISH else _language_rules(date_names(language))


# -- reading a caption -----------------------------------------------------------------------------------------

def find_dates(text: str, options: DateOptions | None = None) -> list[FoundDate]:
    """Every date phrase in `text`, in reading order, each checked by the edtf package."""
    options = options or DateOptions()
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for rule in rules_for(primary_language(options.language)):
        for m in rule.pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            edtf = rule.build(m, options)
            if edtf is None:
                continue
            date = _qualified(edtf, text, m.start(), m.end())
            if date is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(_found(date, text, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def _qualified(edtf: str, text: str, start: int, end: int) -> Date | None:
    """The EDTF with "circa"/"about" (~) or "probably"/"1944?" (?) applied, parsed; None if it is not valid."""
    before = _before(text, start)
    qualifier = ""
    if APPROXIMATE_BEFORE.search(before) or APPROXIMATE_AFTER.match(text[end:]):
        qualifier = "~"
    elif UNCERTAIN_BEFORE.search(before) or UNCERTAIN_AFTER.match(text[end:]):
        qualifier = "?"
    if qualifier and not edtf.startswith("[") and not edtf.rstrip("/").endswith(("~", "?")):
        qualified = "/".join(part + qualifier for part in edtf.split("/"))
        try:
            return parse_date(qualified)
        except InvalidDate:
            pass  # edtf refuses some (a single season with a qualifier): keep the plain date
    try:
        return parse_date(edtf)
    except InvalidDate:
        return None


def _found(date: Date, text: str, start: int, end: int) -> FoundDate:
    clause_start = _clause_start(text, start)
    lead = LEAD_IN.search(text[clause_start:start])
    phrase_start = clause_start + lead.start() if lead and lead.group().strip() else start
    if UNCERTAIN_AFTER.match(text[end:]):
        end = text.index("?", end) + 1
    elif (or_so := APPROXIMATE_AFTER.match(text[end:])) is not None:
        end += or_so.end()
    before = _before(text, start)
    clause = text[clause_start:start]
    role: Role = "photo"
    if OTHER_JUST_BEFORE.search(before) or any(p.search(clause) for p in (OTHER_IN_CLAUSE, OTHER_EARLIER_IN_CLAUSE)):
        role = "other"
    elif CONTEXT_BEFORE.search(text[max(0, clause_start - 1):start]) or CONTEXT_BEFORE.search(clause):
        role = "context"
    return FoundDate(edtf=date.edtf, phrase=" ".join(text[phrase_start:end].split()), start=phrase_start, end=end,
                     role=role, photo_cue=bool(PHOTO_CUE.search(clause)), date=date)


def _before(text: str, start: int) -> str:
    """The words just before a phrase, enough to judge it (a long caption is not searched from its start)."""
    return text[max(0, start - CONTEXT_WINDOW):start]


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding text[start] begins: after the last '.', ';', ', ' or ' – ' before it."""
    last = max(0, start - CONTEXT_WINDOW)
    for m in CLAUSE_END.finditer(text, last, start):
        if m.group() == "." and _abbreviation_before(text, m.start()):
            continue
        last = m.end()
    return last


def _abbreviation_before(text: str, dot: int) -> bool:
    word = re.search(r"(\w+)$", text[:dot])
    return word is not None and (len(word.group(1)) == 1 or word.group(1).casefold() in ABBREVIATIONS)


def caption_date(text: str, options: DateOptions | None = None) -> FoundDate | None:
    """The date of the photograph, when the caption says it; None when it does not, or is unclear.

    The rule, when a caption has several dates:
    - dates of something else ("built in 1890", "born 1920", "before 1944") never count;
    - the span of a named event ("the Ichigo campaign (April to December 1944)") does not count either: it
      bounds the photo only if the photo is of that event, which the words do not say;
    - of the dates that count, the one that lies inside all the others wins ("during 1944, in the fall of 1944":
      the fall); failing that, the one the caption says the photo was taken at ("taken in 1952"); failing that,
      none: two different dates ("in 1952 and again in 1960") are for a person to choose between.
    """
    photo = [f for f in find_dates(text, options) if f.role == "photo"]
    if not photo:
        return None
    inside_all = [f for f in photo if all(_within(f.date, other.date) for other in photo)]
    if inside_all:
        return inside_all[0]
    cued = [f for f in photo if f.photo_cue]
    return cued[0] if len(cued) == 1 else None


def _within(inner: Date, outer: Date) -> bool:
    if None in (inner.lower, inner.upper, outer.lower, outer.upper):
        return False
    return str(outer.lower) <= str(inner.lower) and str(inner.upper) <= str(outer.upper)
