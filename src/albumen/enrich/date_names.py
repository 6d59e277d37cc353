"""The words of dates in an archive's language, for reading captions and date fields (enrich/dates.py).

Month names come from CLDR through Babel: wide and abbreviated, in the 'format' and the 'stand-alone' context
(Polish, Czech and Russian write the genitive in a date: "5 października 1944", but "październik 1944"). The
words that join a date's parts ("5 de octubre de 1944") are the quoted words of CLDR's long date pattern.
Seasons are albumen's own words (date_words.py) for the languages it has them in; CLDR has no seasons, so the
other languages read months only ("sommaren 1944" is not read in Swedish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from albumen.date_words import WORDS

if TYPE_CHECKING:
    from babel import Locale

ENGLISH = "en"
# Abbreviations shorter than this are too easily other words ("mä", Finnish "tammi" is fine).
SHORTEST_NAME = 3
# A quoted word of a CLDR date pattern: 'de', 'del', 'г'.
PATTERN_WORD = re.compile(r"'([^'\s]+)'")


@dataclass(frozen=True)
class DateNames:
    """One language's words for the parts of a date, folded to lower case (without a closing '.')."""

    language: str  # the primary language subtag: "nl", "pl"
    months: dict[str, int]  # "augustus" -> 8, "okt" -> 10, "października" -> 10
    # The whole names alone ("augustus", "marzo"): a month and a year with no day must name the month in full; an
    # abbreviation there is too often a word ("al mar 1965", the sea; "Oom Jan 1952", a man; Polish "lis", a fox)
    full_months: dict[str, int]
    seasons: dict[str, int]  # EDTF season codes: "sommer" -> 22; empty where albumen has no words
    joiners: tuple[str, ...]  # words between day, month and year: ("de",) in Spanish

    def month(self, word: str) -> int | None:
        return self.months.get(word.rstrip(".").casefold())

    def season(self, word: str) -> int | None:
        return self.seasons.get(word.casefold())


def primary_language(tag: str) -> str:
    """'nl-BE' -> 'nl', 'zh_Hans' -> 'zh', '' -> 'en' (an archive that names no language is read in English)."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].casefold() or ENGLISH


@cache
def date_names(tag: str) -> DateNames:
    """The date words of the language `tag` names (BCP 47); none but numbers for a language CLDR lacks."""
    # Babel is loaded here, for an archive in another language than English: an English one never needs it.
    from babel import Locale, UnknownLocaleError

    language = primary_language(tag)
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return DateNames(language, {}, {}, {}, ())
    return DateNames(language, _months(locale), _months(locale, ("wide",)), _seasons(language), _joiners(locale))


def _months(locale: Locale, widths: tuple[Literal["wide", "abbreviated"], ...] = ("wide", "abbreviated")
            ) -> dict[str, int]:
    """Every CLDR name of each month in these widths; a name two months share (none should) is left out."""
    from babel.dates import get_month_names

    found: dict[str, set[int]] = {}
    for width in widths:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                word = name.rstrip(".").casefold()
                if len(word) >= SHORTEST_NAME and not word.isdigit():
                    found.setdefault(word, set()).add(number)
    return {word: next(iter(numbers)) for word, numbers in found.items() if len(numbers) == 1}


def _seasons(language: str) -> dict[str, int]:
    words = next((words for key, words in WORDS.items() if primary_language(key) == language), None)
    if words is None:
        return {}  # CLDR has no seasons: months only
    return {words.seasons[code].casefold(): code for code in range(21, 25)}


def _joiners(locale: Locale) -> tuple[str, ...]:
    """The words CLDR's long date pattern puts between a date's parts, letters only: Spanish 'de', Catalan 'del'."""
    from babel.dates import get_date_format

    pattern = get_date_format("long", locale).pattern
    return tuple(dict.fromkeys(word for word in PATTERN_WORD.findall(pattern) if word.isalpha()))
