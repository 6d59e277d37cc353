"""A gallery page divided by headings: a trip's days, each a heading and then its thumbnails.

A hand-made trip album puts each day on one page as a heading in big type ("2007 03 11 - Cortina - Tondi i
Cristallo") followed by a table of that day's thumbnails, day after day. A person reading it sees several
galleries, one under each heading: each becomes a topic of its own, titled by its heading verbatim, holding
the photos shown under it; the page's topic leads to them. A heading is an <h1>-<h6>, or a short line all in
big type that ends no sentence; it heads the photos that follow it (its day's story may come between).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from albumen.importers.html_text import HEADINGS, Event, Line, PhotoMark

HEADING_WORDS = 12  # a line in bold type this short can be a heading; longer, it is a bold sentence
SECTION_PHOTOS = 2  # each heading heads this many photos at least (one photo under a heading is a post's title)
SENTENCE_END = re.compile(r"\w[.!?:;,]+[\"')\]]*$")


@dataclass(frozen=True)
class Section:
    heading: Line
    images: tuple[int, ...]  # the ImageUse numbers of the pictures under it, in order


def is_heading_like(line: Line) -> bool:
    """An <hN>, or a short line whose words are all in big type and end no sentence (a day's title), not a link;
    bold alone is a caption's look as often as a heading's ('<b>Mom and Dad</b>' under their photo)."""
    if line.kind in HEADINGS:
        return True
    worded = [run for run in line.runs if re.search(r"\w", run.text)]
    return bool(worded) and all(run.loud and run.href is None for run in worded) and \
        len(line.plain.split()) <= HEADING_WORDS and not SENTENCE_END.search(line.plain)


def sections_of(events: list[Event], own_texts: set[str]) -> list[Section]:
    """The page's headings among its own text (`own_texts`: the plain text of its lines that are no photo's
    caption, its topic's title aside), each with the pictures that follow it up to the next; pictures before the
    first heading are in none."""
    sections: list[tuple[Line, list[int]]] = []
    for event in events:
        if isinstance(event, PhotoMark):
            if sections:
                sections[-1][1].append(event.image)
        elif event.plain in own_texts and is_heading_like(event):
            if sections and not sections[-1][1]:
                sections.pop()  # two headings in a row: the nearer one heads the photos
            sections.append((event, []))
    return [Section(heading, tuple(images)) for heading, images in sections]


def divides(photos: list[list[str]]) -> bool:
    """Sections (their photos' keys) divide a gallery when there are two or more, each of SECTION_PHOTOS
    photos at least (one photo under each heading is a post's title over its photo)."""
    return len(photos) >= 2 and all(len(keys) >= SECTION_PHOTOS for keys in photos)
