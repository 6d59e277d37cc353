"""A story's own heading, where the page's <title> is its section's (part of step 5 of html_site.py's list).

A hand-made news section (a village's noticeboard, a club's reports) gives each story a page, but every page the
<title> of the section ("Village - noticeboard" on 120 pages): that names none of them. The story names itself in
a big bold line at the top of its text, a <font size=5> in <center><b> rather than an <h1>, often with a subtitle
and a date under it, and often after a column of thumbnails that comes first in the page's source. That heading
is the topic's title; the lines under it, up to the next photo, are the topic's (its subtitle, its date), never
the caption of the photo below them.
"""

from __future__ import annotations

import re
from collections import Counter

from albumen.importers.html_model import PageText, SiteModel, StoryHead, first_heading
from albumen.importers.html_page import normalise_space
from albumen.importers.html_paging import is_page_counter
from albumen.importers.html_sections import HEADING_WORDS, SENTENCE_END, is_heading_like
from albumen.importers.html_text import Line, PhotoMark, Run

SECTION_PAGES = 3  # a <title> on this many galleries or more is a section's, not a page's
UNDER_HEADING = 3  # lines under a story's heading, before its next photo, that are its subtitle and date...
UNDER_WORDS = 15  # ...each this short at most (a longer line is the story's text)


def lift_story_headings(m: SiteModel, galleries: list[str]) -> None:
    """Each gallery whose <title> its section's pages share and that shows no heading before its photos: its own
    big heading, moved with the lines under it out of any photo's caption into the page's own text."""
    shared = Counter(_title_key(m.texts[rel]) for rel in galleries)
    for rel in galleries:
        text = m.texts[rel]
        if shared[_title_key(text)] < SECTION_PAGES or _heading_before_photos(text) is not None:
            continue
        head = _story_head(text)
        if head is not None:
            m.stories[rel] = head
            _into_own_text(text, head)


def story_heading(m: SiteModel, rel: str) -> Line | None:
    head = m.stories.get(rel)
    return head.heading if head is not None else None


def _title_key(text: PageText) -> str:
    return normalise_space(text.page.title).casefold()


def _heading_before_photos(text: PageText) -> Line | None:
    first = next((e.number for e in text.events if isinstance(e, PhotoMark)), None)
    return first_heading([line for line in text.captions.loose if first is None or line.number < first])


def _story_head(text: PageText) -> StoryHead | None:
    """The page's first own line that looks a heading (big type, short, ending no sentence), the big lines right
    after it in its paragraph (a heading broken by <br>) joined to it, and the short lines under it up to the
    next photo."""
    own = {id(line) for line in _own_lines(text)}
    events = [e for e in text.events if isinstance(e, PhotoMark) or id(e) in own]
    lines = [(n, e) for n, e in enumerate(events) if isinstance(e, Line) and not e.link_only
             and not is_page_counter(e.plain)]
    start = next((n for n, line in lines if is_heading_like(line)), None)
    if start is None:  # no line in big type: a short bold line that starts its paragraph (<font size=4><b>)
        starts = {line.paragraph: n for n, line in reversed(lines)}
        start = next((n for n, line in lines if starts[line.paragraph] == n and _bold_heading(line)), None)
    if start is None:
        return None
    first = events[start]
    assert isinstance(first, Line)
    parts, under = [first], list[Line]()
    same_look = is_heading_like if is_heading_like(first) else _bold_heading  # a bold subtitle under a big heading
    for event in events[start + 1:]:
        if isinstance(event, PhotoMark) or len(under) == UNDER_HEADING or len(event.plain.split()) > UNDER_WORDS:
            break
        if not under and event.paragraph == first.paragraph and same_look(event):
            parts.append(event)
        else:
            under.append(event)
    return StoryHead(_joined(parts), tuple(parts), tuple(under))


def _bold_heading(line: Line) -> bool:
    """A short line all in bold (or big) type, no link, that ends no sentence."""
    worded = [run for run in line.runs if re.search(r"\w", run.text)]
    return bool(worded) and all((run.bold or run.loud) and run.href is None for run in worded) and len(
        line.plain.split()) <= HEADING_WORDS and not SENTENCE_END.search(line.plain)


def _own_lines(text: PageText) -> list[Line]:
    """The page's own text: its loose lines and its photos' captions (the site's chrome is in neither)."""
    return [*text.captions.loose, *(line for lines in text.captions.lines.values() for line in lines)]


def _joined(parts: list[Line]) -> Line:
    if len(parts) == 1:
        return parts[0]
    runs = [run for n, part in enumerate(parts) for run in ([Run(" ", loud=True)] if n else []) + part.runs]
    first = parts[0]
    return Line(first.number, runs, first.paragraph, first.kind, first.ancestors)


def _into_own_text(text: PageText, head: StoryHead) -> None:
    """The heading and its lines are the page's own text, no photo's caption; the lines it joined are gone."""
    moved = {id(line) for line in (*head.parts, *head.under)}
    for number in list(text.captions.lines):
        kept = [line for line in text.captions.lines[number] if id(line) not in moved]
        if kept:
            text.captions.lines[number] = kept
        else:
            del text.captions.lines[number]
    loose = [line for line in text.captions.loose if id(line) not in moved]
    text.captions.loose = sorted([*loose, head.heading, *head.under], key=lambda line: line.number)
