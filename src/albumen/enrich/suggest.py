"""Suggestions for the items of an archive: dates and places read from their captions.

A suggestion never replaces what a person wrote: an item with a date gets no date suggestion, an item with places
gets no place suggestions (the person chose its places; the caption's other names are usually context, like the
province of a city already given). A suggestion a person rejected (`albumen enrich --reject`, remembered in the
archive's enrich-rejected.yaml) is not made again. A place that only its size chose among places of that name
(Portland alone: Oregon, not Maine) is a *guess*: shown, but written only when a person accepts it by name.

Reference-style Markdown links are link syntax too: in "[The barracks][kunming]" and "[kunming]: kunming.html" only
"The barracks" is the caption's words, and it names no place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from albumen.enrich.dates import DateOptions, caption_date
from albumen.enrich.gazetteer import Gazetteer, GazetteerPlace, load_gazetteer
from albumen.enrich.places import NewPlace, PlaceFinder
from albumen.records import Archive, Item

Field = Literal["date", "places"]

# Parts of Markdown that are not the caption's words: link targets (inline and by reference), link definitions,
# autolinks, bare web addresses, code, HTML tags.
NOT_WORDS = re.compile(r"(?<=\])\([^)\n]*\)|(?<=\])\[[^\]\n]*\]|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*|<[^>\n]*>|https?://\S+"
                       r"|`[^`\n]*`", re.MULTILINE)
Rejected = frozenset[tuple[str, str, str]]  # (item, field, value) a person said no to


@dataclass(frozen=True)
class Suggestion:
    """A value read from an item's caption, for a field the person left empty."""

    item: str  # the item's id
    file: str  # the item file, relative to the archive (items/x.md)
    line: int  # the line of the file where the phrase is
    field: Field
    value: str  # date: the EDTF; places: one place id
    phrase: str  # the caption's words it came from
    label: str  # for people: "autumn 1944", "Guilin (Guangxi, China)"
    new_places: tuple[NewPlace, ...] = ()  # places.yaml lacks these (outermost first): accepting adds them
    confident: bool = True  # False for a guess: written only when a person accepts it by name
    rival: str = ""  # for a guess: the other place the words may mean, "Portland (Maine, United States)"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.item, self.field, self.value)

    @property
    def message(self) -> str:
        """'date 1944-23 from "in the fall of 1944"', as `albumen enrich` and `albumen check` print it."""
        text = f'{self.field} {self.value} from "{self.phrase}"'
        if self.field == "date" and self.label.casefold() not in (self.value.casefold(), self.phrase.casefold()):
            text += f" ({self.label})"  # "autumn 1944" says what 1944-23 means
        if self.new_places:
            text += f" (new place: {self.label}, from GeoNames)"
        if not self.confident:
            text += f" (a guess: it may be {self.rival}; written only with --accept {self.item}:{self.field})"
        return text


def suggest(archive: Archive, gazetteer: Gazetteer | None = None, rejected: Rejected = frozenset(),
            language: str = "en") -> list[Suggestion]:
    """Suggestions for every item of `archive`, in item order, dates before places, without the rejected ones.

    gazetteer: None for the one albumen ships; pass `Gazetteer([])` to use places.yaml only.
    language: the archive's (albumen.toml `language`): the captions' dates are read in it ("28 augustus 2015").
    Item places may be ids or names (before or after `check` resolves them): only whether they are empty counts.
    """
    if gazetteer is None:
        # Reading the gazetteer takes most of a second: only when some item still needs places.
        gazetteer = load_gazetteer() if any(not item.places for item in archive.items) else Gazetteer([])
    options = DateOptions.for_archive((int(i.date.lower[:4]) for i in archive.items
                                       if i.date is not None and i.date.lower and i.date.lower[:4].isdigit()),
                                      language)
    finder = PlaceFinder(archive.places, gazetteer)
    suggestions: list[Suggestion] = []
    for item in archive.items:
        suggestions += suggest_for_item(item, finder, options)
    return [s for s in suggestions if s.key not in rejected]


def suggest_for_item(item: Item, finder: PlaceFinder, options: DateOptions) -> list[Suggestion]:
    text = caption_text(item.caption)
    found: list[Suggestion] = []
    if item.date is None:
        # In the archive's language, then by the English rules without their month names: a German caption's
        # "Berlin, 1952", "ca. 1950" or "1940s" (the other languages' rules take no bare year).
        date = caption_date(text, options) or (None if options.english else caption_date(
            text, replace(options, language="en", month_names=False)))
        if date is not None:
            found.append(Suggestion(item.id, item.file, _line(item, text, date.start), "date", date.edtf,
                                    _phrase(item.caption, date.start, date.end), date.date.label))
    if not item.places:
        for place in finder.find(text):
            found.append(Suggestion(item.id, item.file, _line(item, text, place.start), "places", place.id,
                                    _phrase(item.caption, place.start, place.end), _place_label(place.name, place.new,
                                                                                                 finder),
                                    place.new, place.confident, _rival_label(place.rival, finder)))
    return found


def caption_text(caption: str) -> str:
    """The caption with link targets, web addresses, code and HTML blanked out (same length, same lines)."""
    return NOT_WORDS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), caption)


def _phrase(caption: str, start: int, end: int) -> str:
    return " ".join(caption[start:end].split())


def _line(item: Item, text: str, offset: int) -> int:
    return item.lines.get("body", 1) + text.count("\n", 0, offset)


def _rival_label(rival: GazetteerPlace | None, finder: PlaceFinder) -> str:
    if rival is None or finder.gazetteer is None:
        return ""
    parents = [p.name for p in finder.gazetteer.parents(rival)]
    return f"{rival.name} ({', '.join(parents)})" if parents else rival.name


def _place_label(name: str, new: tuple[NewPlace, ...], finder: PlaceFinder) -> str:
    """'Guilin (Guangxi, China)': the place and the regions it lies in."""
    if not new or finder.gazetteer is None:
        return name
    parents = [p.name for p in finder.gazetteer.parents(new[-1].place)]
    return f"{name} ({', '.join(parents)})" if parents else name
