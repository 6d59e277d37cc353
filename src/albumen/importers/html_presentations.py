"""A presentation saved as web pages (PowerPoint's "Save as Web Page": NAME.htm and, in NAME_files/ or a translated
NAME-filer/, a frame, an outline and slide0001.htm ...): one topic, its slides' photos in slide order.

Office writes into every part `<link rel=Main-File href="../NAME.htm">`, the page the parts belong to: what makes a
presentation is that link, not the generator's name or the folder's. Read page by page, each slide with several
photos became a topic and each slide with one a slide show of one page (ahnlund: 178 topics from 27 presentations,
100 of them of one photo). A slide of one photo stays that photo's own page (its words are the photo's); a slide of
several is a later page of the presentation's topic; the topic tells the words of the others.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from albumen.importers.html_model import Presentation, SiteModel, file_stem, first_heading
from albumen.importers.html_page import normalise_space
from albumen.importers.html_patterns import BANNER_LABEL_WORDS
from albumen.importers.html_text import HEADINGS, Line
from albumen.natural_order import page_key

MAIN_FILE = "main-file"  # the rel of the <link> naming the page a saved part belongs to
PRESENTATION_PROG_ID = "powerpoint."  # Office's <meta name=ProgId>: PowerPoint.Slide (Excel.Sheet, Word.Document)
SLIDE_SCRIPT = "GoToSld("  # how a presentation's outline moves to a slide
NOT_SLIDES = ("frameset", "menu", "empty", "lost")  # a presentation's frame, outline and masters
TITLE_CLASSES = ("T", "CT")  # PowerPoint's title placeholders: a slide's title, a title slide's (centred)
SLIDE_HEADING = "h2"  # a slide's title in its topic's story (the topic's own title is the page's h1)


def join_presentations(m: SiteModel) -> None:
    """Each presentation's slides with photos become one slide show (m.slide_shows, m.gathered): a slide of one
    photo is that photo's page within it; a slide of several, a later page of it (m.continued)."""
    for main, parts in _parts_by_main_page(m).items():
        if not _slides_shown(m, main, parts):
            continue  # a workbook's sheets (Excel writes Main-File too): each a page of its own
        slides = _slides_in_order(m, parts)
        with_photos = tuple(rel for rel in slides if m.texts[rel].photos)
        if len(with_photos) < 2:
            continue
        presentation = Presentation(main, tuple(parts), slides, with_photos, _title(m, main, slides))
        _leave_out_design(m, presentation)
        m.presentations[presentation.name] = presentation
        m.slide_shows[presentation.name] = list(with_photos)
        m.gathered[presentation.name] = list(dict.fromkeys(
            m.key(use) for rel in with_photos for use in m.texts[rel].photos))
        for rel in with_photos:
            if m.roles[rel] == "gallery":
                m.continued[rel] = presentation.name
        for rel in slides:
            if not m.texts[rel].photos and m.roles[rel] == "free":
                m.roles[rel] = "empty"  # a slide of words: the topic tells them (told_by_slides)


def told_by_slides(m: SiteModel, presentation: Presentation) -> list[tuple[str, list[Line]]]:
    """What a presentation's topic tells, slide by slide: the words of its slides of words alone and those beside
    the photos of its slides of several (a slide of one photo says it of its photo), its title once."""
    told = []
    for rel in presentation.slides:
        if m.roles[rel] in ("gallery", "empty"):
            lines = [line for line in m.texts[rel].captions.loose if line.plain != presentation.title]
            if lines:
                told.append((rel, _title_as_heading(lines, _slide_title(m, rel))))
    return told


def _slide_title(m: SiteModel, rel: str) -> str:
    """The words of the slide's title placeholder (PowerPoint writes it as <div class=T>, a title slide's as
    class=CT), casefolded; "" when the slide has none (a slide of a list or a picture alone)."""
    node = next((div for div in m.pages[rel].tree.css("div[class]")
                 if (div.attributes.get("class") or "").strip() in TITLE_CLASSES), None)
    return normalise_space(node.text(deep=True)).casefold() if node is not None else ""


def _title_as_heading(lines: list[Line], title: str) -> list[Line]:
    """A slide's title (its first line, the words of its title placeholder, with words under it) is a heading of
    the topic's story, so that the slides read as its sections, not as one run of paragraphs."""
    first, rest = lines[0], lines[1:]
    if not title or first.kind in HEADINGS or not rest or normalise_space(first.plain).casefold() != title:
        return lines
    return [replace(first, kind=SLIDE_HEADING), *rest]


def _leave_out_design(m: SiteModel, presentation: Presentation) -> None:
    """The main page (a browser's warning and a link to the frames) and the parts that are no slides (the outline;
    the masters: the background and logo every slide is drawn on, under "Click to edit Master title style") have
    nothing of their own: they lead to the topic, and the masters' pictures are its design, told, never items."""
    for rel in (presentation.main, *presentation.parts):
        if rel in presentation.slides or rel not in m.texts or m.roles[rel] == "frameset":
            continue
        for use in m.texts[rel].photos:
            photo = m.photos.get(m.key(use))
            if photo is not None and use in photo.uses:
                photo.uses.remove(use)
                if not photo.uses:
                    del m.photos[photo.key]
                    m.report.chrome_images.append((photo.best, len(presentation.slides)))
        m.texts[rel].photos = []
        m.roles[rel] = "empty"


def lead_main_pages_to_presentations(m: SiteModel) -> None:
    """A presentation's main page and its parts of no record of their own (the frame, the outline, the masters,
    a master saved again as another presentation's, read once: m.page_copies) lead to its topic, once that has
    its id."""
    folders = {posixpath.dirname(rel): name for name, presentation in m.presentations.items()
               for rel in presentation.slides}
    copies = [(copy, folders[posixpath.dirname(copy)]) for copy in m.page_copies if posixpath.dirname(copy) in folders]
    for rel, name in [(rel, name) for name, shown in m.presentations.items() for rel in (shown.main, *shown.parts)
                      if rel in m.pages] + copies:
        if rel not in m.targets:
            m.targets[rel] = m.targets[name]
            why = f"a part of the presentation {m.presentations[name].main}"
            m.report.led_elsewhere.append((rel, m.targets[name], why))


def _parts_by_main_page(m: SiteModel) -> dict[str, list[str]]:
    """Each main page -> the pages that name it as theirs, by name in natural order (slide2 before slide10); a
    part saved twice (a master shared by two presentations) is in both, read once (m.page_copies)."""
    parts: dict[str, list[str]] = {}
    for rel, page in m.pages.items():
        for link in page.tree.css("link[rel][href]"):
            if (link.attributes.get("rel") or "").strip().casefold() == MAIN_FILE:
                main = m.site.resolve(rel, link.attributes.get("href"))
                if main.kind in ("file", "missing") and main.path != rel:  # the main page may be missing
                    parts.setdefault(main.path, []).append(rel)
                break
    return {main: sorted(pages, key=page_key) for main, pages in parts.items()}


def _slides_shown(m: SiteModel, main: str, parts: list[str]) -> bool:
    """The parts are a presentation's slides, not a workbook's sheets: a part or the main page says it is a
    presentation's (Office's ProgId, PowerPoint.Slide), or its outline moves between them by GoToSld()."""
    pages = [m.pages[rel] for rel in (main, *parts) if rel in m.pages]
    return any(_prog_id(page.tree).startswith(PRESENTATION_PROG_ID) or SLIDE_SCRIPT in page.decoded.text
               for page in pages)


def _prog_id(tree: LexborHTMLParser) -> str:
    node = next((meta for meta in tree.css("meta[name][content]")
                 if (meta.attributes.get("name") or "").casefold() == "progid"), None)
    return (node.attributes.get("content") or "").strip().casefold() if node is not None else ""


def _slides_in_order(m: SiteModel, parts: list[str]) -> tuple[str, ...]:
    """The slides: the parts named like the one its frameset shows beside the outline (else like the first the
    outline lists) but for their number (slide0003.htm; not the masters, master01.htm, that the outline also
    links), in the outline's order, then those it left out (slides hidden or deleted, their files kept), by name.
    The outline is the part that links to most of the others."""
    own = set(parts)
    outline = max(parts, key=lambda rel: len(set(m.pages[rel].links) & own - {rel}))
    listed = [rel for rel in dict.fromkeys(m.pages[outline].links) if rel in own and rel != outline]
    shown = [frame for rel in parts for frame in m.pages[rel].frames if frame in own and frame != outline
             and not m.pages[frame].frames]
    first = next(iter([*shown, *listed]), None)
    if first is None:
        return ()
    slides = [rel for rel in dict.fromkeys([*listed, *parts]) if _name_pattern(rel) == _name_pattern(first)]
    return tuple(rel for rel in slides if rel in m.texts and m.roles[rel] not in NOT_SLIDES)  # copies read once


def _name_pattern(rel: str) -> str:
    return re.sub(r"\d+", "#", posixpath.basename(rel)).casefold()


def _title(m: SiteModel, main: str, slides: tuple[str, ...]) -> str:
    """The first slide's title (its heading, else its first line; PowerPoint's <title> says only "Slide 1"),
    else the main page's name, words split."""
    lines = m.texts[slides[0]].lines if slides else []
    first_line = next((line for line in lines if not line.link_only), None)
    heading = first_heading(lines) or (first_line if first_line and _title_like(first_line.plain) else None)
    return heading.plain if heading else " ".join(file_stem(main).replace("_", " ").split())


def _title_like(text: str) -> bool:
    """A slide's first line that can be a title: short, no sentence (a paragraph's first line is none)."""
    return len(text.split()) <= BANNER_LABEL_WORDS and not text.rstrip().endswith((".", ":"))
