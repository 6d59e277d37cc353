"""A source's values as archive fields: text captions as Markdown, free-text dates as EDTF, unique ids.

Shared by the spreadsheet and photo-folder importers, whose values are plain text (a cell, an EXIF field), unlike
the HTML importer's, which are already markup.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from albumen.dates import InvalidDate, parse_date
from albumen.enrich.date_names import ENGLISH, primary_language
from albumen.enrich.dates import DateOptions, caption_date
from albumen.ids import slug
from albumen.importers.html_text import escape_markdown


def caption_markdown(text: str) -> str:
    """Plain text -> Markdown that shows exactly that text: nothing in it becomes emphasis, a link or a heading.

    Line breaks are kept (a blank line still starts a new paragraph); spaces at a line's start are dropped, as
    four of them would make a code block.
    """
    lines = [escape_markdown(line.strip(), line_start=True) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# The names editors and gallery makers give files and pages by default (FrontPage's new_page_21, Photoshop's
# ThumbnailFrame, Dreamweaver's Untitled-1, a folder of pages called html): a hint that the name says nothing.
DEFAULT_NAME = re.compile(r"(?:new|new[ _-]?page|page|untitled(?:[ _-]?(?:document|page))?|thumbnail[ _-]?frame|"
                          r"index|default|home|main|html?|pages|document|frame(?:set)?|no[ _-]?name|temp|copy"
                          r"(?:[ _-]?of[ _-].*)?)(?:[ _-]?\d+)*", re.IGNORECASE)


def is_default_name(name: str) -> bool:
    """A file or page name an editor gave by default ("new_page_21", "New Page 1", "ThumbnailFrame-2")."""
    return DEFAULT_NAME.fullmatch(name.strip()) is not None


def id_slug(text: str) -> str:
    """Lower-case words joined by '-', letters of any script kept: a valid record id, or '' when none can be made
    (ids.slug, '_' folded as in file names; a long name is cut, as a topic named by a folder 200 levels deep
    stopped an import with 'File name too long': found by tests/test_trust_fs_mix.py)."""
    return slug(text, words_only=True)


class UniqueIds:
    """New ids, unique ignoring case (two files whose ids differ only in case would be one on some disks)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken = {name.casefold() for name in taken or ()}

    def new(self, *names: str, fallback: str = "photo", usable: Callable[[str], bool] = lambda _: True) -> str:
        """The slug of the first name that gives one (else `fallback`), with -2, -3 ... when it is taken here or
        not `usable` (taken in the archive)."""
        base = next((slug for slug in map(id_slug, names) if slug), fallback)
        candidate, number = base, 1
        while candidate.casefold() in self.taken or not usable(candidate):
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate.casefold())
        return candidate


@dataclass(frozen=True)
class DateReading:
    """A date value read as EDTF ('' when it could not be), and how much of the text that took in."""

    edtf: str
    exact: bool  # the text was the EDTF itself ("1944-10"): keeping only the EDTF loses nothing
    whole: bool  # every word of the text went into the EDTF ("fall 1944"); False: only part was understood


# 5/10/1944, 5.10.44, 1944/10/5 is ISO and is read as EDTF before this.
NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})$")
ISO_LIKE = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?$")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


def edtf_from_text(text: str, day_first: bool | None = None, language: str = ENGLISH) -> DateReading:
    """A date as people write it in a spreadsheet -> EDTF: '1944-23', 'fall 1944', 'c. 1944', '5 October 1944'.

    Already EDTF is taken as it is; a numeric date (5/10/1944) is read day first or month first as `day_first`
    says (None: both, as an EDTF one-of set, unless a part is over 12; day first in any language but English);
    otherwise the caption rules of `albumen.enrich.dates` read the words in `language` (the source's: "12 maart
    1998"), then in English, which date fields of every language use ("ca. 1944", "1940s"); they know seasons,
    circa, ranges and decades, which dateparser and edtf's own text_to_edtf get wrong. Failing those, a text
    with one year in it ("Herbst 1944") gives that year, marked as not whole.
    """
    text = " ".join(text.split())
    if not text:
        return DateReading("", exact=True, whole=True)
    if day_first is None and primary_language(language) != ENGLISH:
        day_first = True
    try:
        return DateReading(parse_date(text).edtf, exact=True, whole=True)
    except InvalidDate:
        pass
    numeric = _numeric_date(text, day_first)
    if numeric:
        return DateReading(numeric, exact=False, whole=True)
    if ISO_LIKE.match(text):
        return DateReading("", exact=False, whole=False)  # 1944-02-30: a day that never was, not a range of years
    span = _year_span(text)
    if span:
        return DateReading(span, exact=False, whole=True)
    for options in (DateOptions(language=language), DateOptions()):
        for candidate in (text, f"in {text}"):  # a bare year counts after "in"
            found = caption_date(candidate, options)
            if found is not None:
                rest = candidate[:found.start] + candidate[found.end:]
                return DateReading(found.edtf, exact=False, whole=not re.search(r"\w", rest.replace("in ", "", 1)))
    years = set(YEAR_IN_TEXT.findall(text))
    if len(years) == 1:
        return DateReading(years.pop(), exact=False, whole=False)
    return DateReading("", exact=False, whole=False)


# A cell that is a span of years and nothing else: "1000–1500", "1525 - 1535", "c. 1600-1625". A caption's rules
# take no span over a century (a caption's "1900-2000" is rarely one date); a museum's date cell often is one.
YEAR_SPAN = re.compile(r"^(?P<about>(?:c\.|ca\.?|circa|about|around|approx\.?|approximately)\s*)?"
                       r"(?P<y1>\d{3,4})\s*(?:-|–|—|‒|―|to|until)\s*(?:c\.|ca\.?|circa)?\s*(?P<y2>\d{3,4})$",
                       re.IGNORECASE)


def _year_span(text: str) -> str:
    """'1000–1500' -> '1000/1500'; 'c. 1600 - 1625' -> '1600~/1625~'; '' when the text is no span of years."""
    m = YEAR_SPAN.match(text)
    if m is None:
        return ""
    first, last = int(m["y1"]), int(m["y2"])
    if not first < last <= datetime.date.today().year:
        return ""
    about = "~" if m["about"] else ""
    return f"{first:04d}{about}/{last:04d}{about}"


def numeric_day_first(texts: list[str]) -> bool | None:
    """Whether a column's numeric dates put the day first: known when one of them has a day over 12 (31/12/1944
    or 12/31/1944), or when they are written with dots (5.10.1944: day first wherever dots are used)."""
    day_first = month_first = False
    for text in texts:
        m = NUMERIC_DATE.match(" ".join(text.split()))
        if m is None:
            continue
        a, b = int(m["a"]), int(m["b"])
        day_first |= a > 12 or m["sep"] == "."
        month_first |= b > 12
    return day_first if day_first != month_first else None


def _numeric_date(text: str, day_first: bool | None) -> str:
    m = NUMERIC_DATE.match(text)
    if m is None:
        return ""
    year = int(m["y"]) if len(m["y"]) == 4 else DateOptions().full_year("'" + m["y"])
    if year is None:
        return ""
    a, b = int(m["a"]), int(m["b"])
    orders = {True: [(b, a)], False: [(a, b)], None: [(a, b), (b, a)]}[day_first]
    days = sorted({_iso_day(year, month, day) for month, day in orders} - {""})
    if len(days) == 2:
        return f"[{days[0]}, {days[1]}]"  # one of the two: a person can choose
    return days[0] if days else ""


def _iso_day(year: int, month: int, day: int) -> str:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


# What archive sheets write for "we don't know" in a date or place column, in the languages of columns.py.
NO_VALUE = {"?", "??", "-", "--", "n/a", "na", "none", "unknown", "unk", "unk.", "not known", "undated", "no date",
            "n.d.", "nd", "n. d.", "s.d.", "s. d.", "s/f", "o.j.", "o. j.", "unbekannt", "ohne datum", "inconnu",
            "inconnue", "sans date", "desconocido", "sin fecha", "sconosciuto", "senza data", "onbekend",
            "zonder datum"}


def says_unknown(text: str) -> bool:
    """'unknown', 'n.d.', '?', 'unbekannt': a cell that says the value is not known (it is no date, no place)."""
    return " ".join(text.split()).casefold() in NO_VALUE


def split_values(text: str, separators: str) -> list[str]:
    """'rivers; boats | bridges' -> ['rivers', 'boats', 'bridges']: each once (ignoring case), in order."""
    parts = re.split(f"[{re.escape(separators)}]", text) if separators else [text]
    unique: dict[str, str] = {}
    for part in parts:
        value = " ".join(part.split())
        if value:
            unique.setdefault(value.casefold(), value)
    return list(unique.values())


# The standard rights statements a collection names by URI (rightsstatements.org, Creative Commons), with the
# words their pages give them: a visitor reads "In Copyright - Educational Use Permitted", not a code.
RIGHTS_STATEMENTS = {
    "InC": "In Copyright", "InC-OW-EU": "In Copyright - EU Orphan Work",
    "InC-EDU": "In Copyright - Educational Use Permitted", "InC-NC": "In Copyright - Non-Commercial Use Permitted",
    "InC-RUU": "In Copyright - Rights-holder(s) Unlocatable or Unidentifiable",
    "NoC-CR": "No Copyright - Contractual Restrictions", "NoC-NC": "No Copyright - Non-Commercial Use Only",
    "NoC-OKLR": "No Copyright - Other Known Legal Restrictions", "NoC-US": "No Copyright - United States",
    "CNE": "Copyright Not Evaluated", "UND": "Copyright Undetermined", "NKC": "No Known Copyright",
}
RIGHTS_STATEMENT_URI = re.compile(r"^https?://(?:www\.)?rightsstatements\.org/(?:vocab|page)/([A-Za-z-]+)/", re.I)
CC_URI = re.compile(r"^https?://(?:www\.)?creativecommons\.org/(?:licenses/(?P<kind>[a-z-]+)|publicdomain/"
                    r"(?P<pd>zero|mark))/(?P<version>\d\.\d)", re.I)
URI = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.I)


def rights_label(uri: str) -> str:
    """The name of a standard rights statement's URI ('In Copyright - Educational Use Permitted', 'CC BY 4.0',
    'Public Domain Mark 1.0'), or '' for another URI."""
    m = RIGHTS_STATEMENT_URI.match(uri)
    if m is not None:
        code = {key.casefold(): key for key in RIGHTS_STATEMENTS}.get(m[1].casefold())
        return RIGHTS_STATEMENTS[code] if code else ""
    m = CC_URI.match(uri)
    if m is None:
        return ""
    if m["pd"]:
        return f"{'CC0' if m['pd'].casefold() == 'zero' else 'Public Domain Mark'} {m['version']}"
    return f"CC {m['kind'].upper()} {m['version']}"


def rights_text(words: str, uri: str) -> str:
    """A rights field from a sheet's rights words and its rights URI column: both kept, the URI named when it is a
    standard statement ('In Copyright - Educational Use Permitted (http://rightsstatements.org/...)'). A URI
    column that holds words is words."""
    words, uri = " ".join(words.split()), " ".join(uri.split())
    if uri and not URI.match(uri):
        words, uri = " ".join(part for part in (words, uri) if part), ""
    if not uri or uri in words:
        return words
    return f"{words or rights_label(uri) or uri} ({uri})" if words or rights_label(uri) else uri


def coordinate(text: str, axis: str) -> float | None:
    """A latitude (axis 'lat') or longitude ('lon') as a sheet writes it -> decimal degrees, south and west negative:
    '46.725562', '-117,0096', '46° 43\' 32" N', 'W 117.01'; None when it is no such coordinate."""
    text = " ".join(text.split()).replace("−", "-")
    m = COORDINATE.match(text)
    if m is None:
        return None
    hemisphere = (m["before"] or m["after"] or "").strip().upper()
    if hemisphere and hemisphere not in ("NS" if axis == "lat" else "EW"):
        return None
    body = m["body"]
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", body)]
    if not 1 <= len(numbers) <= 3 or any(n >= 60 for n in numbers[1:]) or ("," in body and len(numbers) > 1):
        return None
    value = sum(n / 60 ** i for i, n in enumerate(numbers))
    value *= -1 if m["sign"] == "-" or hemisphere in ("S", "W") else 1  # '-117 W' is west, not east
    limit = 90 if axis == "lat" else 180
    return value if -limit <= value <= limit else None


# 'N 46° 43′ 32″', '-117.0096', '117,01 W': a hemisphere letter before or after, degrees [minutes [seconds]]
# (the degree sign, or the ring iPhoto writes for it: '51.494463˚ N').
COORDINATE = re.compile(r"^(?P<before>[NSEW]\s*)?(?P<sign>[-+])?\s*(?P<body>\d[\d.,°º˚'′’\"″\s]*?)\s*"
                        r"(?P<after>[NSEW])?$", re.IGNORECASE)
