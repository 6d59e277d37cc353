"""A photo's own words: its title, caption, date and place, and its alt text, as its pages give them.

Part of step 5 of html_site.py's list: each page that shows a photo (its galleries first, its own pages after)
adds its caption lines, but not what is only page furniture (Previous | Next, a counter, a time stamp), a file
name a gallery maker printed, a database's record id, or a caption another page already said.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import Any

from albumen.file_names import CAMERA_NAME, FILE_NAME, FILE_SIZE, SIZE_LABEL, TRUNCATED
from albumen.importers.camera_text import camera_caption
from albumen.importers.fields import caption_markdown, edtf_from_text, numeric_day_first
from albumen.importers.html_captions import INSTRUCTION
from albumen.importers.html_chrome import banner_lines
from albumen.importers.html_fields import LabelledFields, labelled_fields
from albumen.importers.html_frontpage import slide_show_captions
from albumen.importers.html_model import Photo, SiteModel, first_heading, is_home
from albumen.importers.html_page import normalise_space
from albumen.importers.html_patterns import (
    CAMERA_DATE,
    COUNTED,
    COUNTER,
    ISO_DATE,
    LABEL_WORDS,
    TIME_STAMP,
    TITLE_WORDS,
)
from albumen.importers.html_scripts import captions_by_file
from albumen.importers.html_text import HEADINGS, Line
from albumen.importers.oldsite import IMAGE_EXTENSIONS, is_page

# An alt that names nothing in the picture: a generic word or a counted one ("photo", "Photo Number 3", "logo").
GENERIC_ALT = re.compile(r"\W*(?:(?:a|the|my|our)\s+)?(?:photo|picture|pic|image|img|thumbnail|thumb|foto|bild|"
                         r"snapshot|logo|banner|button|spacer|icon)s?(?:\s*(?:number|no\.?|nr\.?|#)?\s*\d+)?\W*",
                         re.IGNORECASE)
# An alt that is only a rights line, maybe counted: "©Denise Cottin (12)" (jAlbum's, for a photo without a title):
# the mark, a year, a holder's name of at most three capitalised words, a year, a count. "© 1998 Grandma at the
# lake" says more: a caption.
_YEAR = r"(?:1[89]|20)\d\d"
_HOLDER = r"(?:by\s+)?[A-ZÀ-ÖØ-Þ][\w'’.&-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.&-]*){0,2}"
RIGHTS_ALT = re.compile(rf"\W*(?:(?i:©|\(c\)|copyright\b)\s*)+(?:{_YEAR}\s*[,.]?\s*)?{_HOLDER}"
                        rf"(?:\s*[,.]?\s*{_YEAR})?(?:\s*\(\d+\))?(?:\W+(?i:all rights reserved))?\W*")
# FrontPage's alt of a file's size alone, in the language of its Windows: "(11988 個位元組)", "(2219 bytes)", "(12 KB)":
# a number and a unit or the word for bytes. "(1920s)" and "(3 sisters)" are captions.
SIZE_UNIT = (r"[kmg]i?b|[kmg]o|k|bytes?|octets?|bajt\w*|bájt\w*|tavu\w*|bayt|байт\w*|[kм]б|個?位元組|个?字节|個?字節"
             r"|バイト|바이트")
SIZE_ALT = re.compile(rf"\W*\(\s*\d[\d\s,.]*?\s*(?:{SIZE_UNIT})\s*\)\W*", re.IGNORECASE)
SHARED_ALT = 3  # an alt on more of a gallery's photos than this and on half of them is the gallery's name
RECORD_ID = re.compile(r"\W*([A-Z]{1,3})\d{3,}\W*")  # a database's record id alone (Gramps' "O0015")...
RECORD_ID_LINES = 3  # ...is no caption when the site shows ids with its letters on this many lines
# Lightroom's HTML gallery prints the capture time after the caption: "Living Room, Before. -- 5/18/2007 10:40:40 AM"
STAMP_AFTER_CAPTION = re.compile(rf"\s+--\s+({TIME_STAMP.pattern})$", re.IGNORECASE)
TWO_DIGIT_PIVOT = 70  # a time stamp's two-digit year below this is 20xx (digital cameras), else 19xx


@dataclass(frozen=True)
class SiteWords:
    """What the whole site's captions tell about any one of them, found once for all photos."""

    record_prefixes: frozenset[str]  # the letters of record ids the site repeats (Gramps' "O" of "O0015")
    counted_lists: dict[str, frozenset[str]]  # a page -> the words its captions join to a counter


def site_words(m: SiteModel) -> SiteWords:
    return SiteWords(_repeated_record_prefixes(m), _counted_lists(m))


@dataclass(frozen=True)
class LeftOut:
    """A line left out of a photo's caption as a file name or a gallery maker's label: told in the report only
    when the photo has a caption after all (a photo with none is told once, as one without a caption)."""

    page: str
    line: int | None
    text: str  # the words left out
    what: str  # why: "only a file name"
    kind: str

    @property
    def message(self) -> str:
        return f"“{self.text}” is {self.what}: not kept as a caption"


def caption_parts(m: SiteModel, photo: Photo, words: SiteWords,
                  ) -> tuple[str, list[tuple[list[Line], str]], list[LeftOut]]:
    """The photo's title (its own page's heading), its caption lines on each page that shows it, and the lines
    left out as file names.

    A caption that repeats another (the gallery's, again on the photo's own page) is kept once.
    """
    headings = [m.headings[(u.page, u.number)].plain for u in photo.uses if (u.page, u.number) in m.headings]
    own = own_files(photo)
    title, parts, left_out = "", list[tuple[list[Line], str, str]](), list[LeftOut]()
    linked = m.linked_from
    for where, number, at in _sightings(m, photo):
        if m.roles[where] not in ("gallery", "photo"):
            continue  # a picture that illustrates a page of text: the text is the page's, not a caption
        if parts and where not in linked and not is_home(where):
            m.report.look(where, at, f"a page no other page links to shows {photo.best} too; its "
                          "text was not added to the caption: add it by hand if it belongs there",
                          kind="orphan pages about a photo that has a caption elsewhere: their text was not "
                          "added to the caption")
            continue
        text = m.texts[where]
        lines = [line for line in text.captions.lines.get(number, []) if not _leads_away(m, where, line, own.pages)]
        if m.roles[where] == "photo":  # all the text on a photo's own page is about it
            rows = found.rows if (found := fields_of(m, where)) else set()
            every = _in_order(lines + text.captions.loose)
            ids = _record_ids(m, where, at, every, words.record_prefixes)
            lines = [line for line in every
                     if not _is_page_furniture(m, where, line) and not rows & set(line.ancestors)
                     and line not in ids]
            lines = _without_emptied_sections(every, lines)
            heading = first_heading(lines) or _title_line(lines)
            if heading is not None and FILE_EXTENSION.search(heading.plain) and _names_a_file(
                    heading, own.names, m.site_names):  # a heading 'Mother' over mother.jpg is still its title
                heading = None  # 'Album/NAME.jpg': the gallery maker's label, left out below as a file name
            if heading is not None and banner_lines([heading], own.names):
                heading = None  # Photoshop 5.5's <H2>'Trip / stem': the gallery's name and a file name, no title
            title = title or (heading.plain if heading else "")
            lines = [line for line in lines if line is not heading]
        counted = words.counted_lists.get(where, frozenset())
        named = [line for line in lines if _names_a_file(line, own.names, m.site_names, counted)]
        banner = banner_lines(lines, own.names)
        if banner:
            left_out.append(LeftOut(where, at, banner[0].plain, "the gallery maker's label (a title and the file "
                                    "name)", "labels a gallery maker printed over photos (a title and the file "
                                    "name, a date): not kept as captions"))
        left_out += [LeftOut(where, at, line.plain, "only a file name", "captions or alt texts that were only a "
                             "file name: left out") for line in named if line not in banner]
        named += [line for line in banner if line not in named]
        ids = _record_ids(m, where, at, lines, words.record_prefixes)
        lines = [_without_stamp(line) for line in lines if line not in named and not COUNTER.fullmatch(line.plain)
                 and not TIME_STAMP.fullmatch(line.plain) and line not in ids]
        plain = _said(m, lines, where, photo)
        if not lines or any(plain in kept_said for _, _, kept_said in parts):
            continue
        parts = [(k, p, kept_said) for k, p, kept_said in parts if kept_said not in plain]
        parts.append((lines, where, plain))  # what it says, read once: a photo on 300 pages was 300 x 300 reads
    title = title or next(iter(headings), "")
    said = [(k, p) for k, p, _ in parts if " ".join(line.plain for line in k).casefold() != title.casefold()]
    return title, said, left_out


def fields_of(m: SiteModel, page: str) -> LabelledFields | None:
    """The labelled fields a photo's own page lists (iView MediaPro's annotations), read once."""
    if page not in m.fields:
        m.fields[page] = labelled_fields(m.pages[page].body) if page in m.pages else None
    return m.fields[page]


def field_date(m: SiteModel, fields: LabelledFields, photo: Photo, source: dict[str, Any], language: str,
               day_first: bool | None = None) -> str:
    """The date a photo page's fields give, as EDTF, read in the site's `language`; one that can't be read whole
    is kept in source. A time stamp (Aperture's 'Date: 6/7/15, 11:57:20 AM PDT') is read as the camera's clock,
    day and month in the order the site's stamps show (stamps_day_first)."""
    text = fields.first("date")
    if not text:
        return _time_stamp_date(m, photo, day_first)
    if TIME_STAMP.fullmatch(text):
        return _stamp_edtf(text, day_first)
    reading = edtf_from_text(text, language=language)
    if text and not reading.whole:
        source["date_text"] = text
        m.report.look(photo.photo_pages[0], None, f"the date '{text}' could not be read; kept in the "
                      "item's source", kind="dates of photo pages that could not be read: kept in the items' "
                      "source")
        return ""
    return reading.edtf


def field_places(m: SiteModel, fields: LabelledFields, photo: Photo, source: dict[str, Any]) -> tuple[str, ...]:
    """The places a photo page's Location / City / Country fields name, as ids of places.yaml (new ones
    drafted, at the Latitude and Longitude the fields give if they do); the words are kept in source when the ids
    alone would lose some ("Salthill, Galway"), the coordinates as a photo file's GPS is (photos.py). Coordinates
    without a name are the place they fall in."""
    text, position = fields.place_text(), fields.position()
    if position is not None:
        source["gps"] = [round(position[0], 6), round(position[1], 6)]
    if not text:
        return (m.places.at(*position),) if position is not None else ()
    named = m.places.named(text.replace(";", ","), at=position)
    if not named.exact:
        source["place_text"] = text
    for name in named.unknown if position is None else ():
        m.report.look(photo.photo_pages[0], None, f"the place '{name}' is not in places.yaml or the gazetteer; "
                      "it was added to places.yaml without coordinates: add its lat and lon there",
                      kind="places of photo pages that are not in places.yaml or the gazetteer: added without "
                      "coordinates; add their lat and lon there")
    return named.ids


def script_caption(m: SiteModel, photo: Photo) -> str:
    """The caption only a script of the old site gives the photo (Photoshop's frames gallery), by file name, or
    only the picture itself shows (words FrontPage drew onto a copy of it)."""
    if m.script_captions is None:
        scripts = [node.text(deep=True) for page in m.pages.values() for node in page.tree.css("script")]
        m.script_captions = {**slide_show_captions(m.site, m.pages), **captions_by_file(scripts)}
    names = [photo.best, *(use.src.path for use in photo.uses if use.src.path)]
    found = next((m.script_captions[key] for name in names
                  if (key := posixpath.basename(name).casefold()) in m.script_captions), "")
    drawn = next((use.drawn_words for use in photo.uses if use.drawn_words), "")  # FrontPage's Text on GIF
    return caption_markdown(found or drawn)


def box_caption(photo: Photo) -> str | None:
    """The caption a lightbox script showed under the big photo: its link's title ('' for a title that is only
    punctuation, a file name, an instruction or a generic word: the maker's way of giving none). None when no
    lightbox shows the photo."""
    titles = [use.box_title for use in photo.uses if use.box_title is not None]
    if not titles:
        return None
    return next((title for title in titles if re.search(r"\w", title) and not _is_file_name(title, own_files(photo))
                 and not GENERIC_ALT.fullmatch(title)
                 and not INSTRUCTION.fullmatch(title)), "")


def _sightings(m: SiteModel, photo: Photo) -> list[tuple[str, int, int | None]]:
    """(page, image number, line) where the photo is shown, galleries first, orphan pages last; then its own
    pages that can't show it (their big image is missing: image number -1)."""
    linked = m.linked_from
    shown = [(u.page, u.number, u.line) for u in sorted(
        photo.uses, key=lambda u: (m.roles[u.page] == "photo", u.page not in linked))]
    pages = {u.page for u in photo.uses}
    return shown + [(page, -1, None) for page in photo.photo_pages if page not in pages]


def _said(m: SiteModel, lines: list[Line], page: str, photo: Photo) -> str:
    """What lines say, to compare captions: without the words of links to the photo itself ("(more)") and
    without the dots of a caption cut short ("A young boy sits among discarded furnitu...")."""
    own = {photo.best, *photo.photo_pages}
    words = " ".join(line.plain for line in lines)
    for line in lines:
        for href, text in line.hrefs:
            if text and m.site.resolve(page, href).path in own:
                words = words.replace(text, " ")
    return normalise_space(words).rstrip(".… ").casefold()


def _leads_away(m: SiteModel, page: str, line: Line, own: set[str]) -> bool:
    """A line that is only links to pages that neither show the photo nor are its own page (`own`: "Back to
    Hall of Fame Homepage" under a class photo): navigation, on any page, never the photo's caption."""
    targets = [m.site.resolve(page, href) for href, _ in line.hrefs]
    return line.link_only and bool(targets) and all(
        t.is_file and is_page(t.path) and t.path not in own for t in targets)


def _is_page_furniture(m: SiteModel, page: str, line: Line) -> bool:
    """What a photo page says besides the caption: its links to other pages (Previous | Index | Next),
    its counter ("3/12", "Slide 3 of 12"), a file's time stamp, "click for the next photo"."""
    if line.link_only and all(m.site.resolve(page, href).is_file for href, _ in line.hrefs):
        return True
    unlinked = normalise_space("".join(run.text for run in line.runs if run.href is None))
    if line.hrefs and COUNTER.fullmatch(unlinked) and all(
            m.site.resolve(page, href).is_file for href, _ in line.hrefs):
        return True  # "Previous 23 of 207 Next": links to pages of the site around a counter
    return bool(COUNTER.fullmatch(line.plain) or TIME_STAMP.fullmatch(line.plain)
                or INSTRUCTION.fullmatch(line.plain))


def _record_ids(m: SiteModel, where: str, at: int | None, lines: list[Line], prefixes: frozenset[str]) -> list[Line]:
    """The lines that are a database's record id alone (Gramps' "O0015"), each reported: an id whose letters
    the site repeats (RECORD_ID_LINES lines or more) or that the page's own file name holds. "F104" under a
    plane is its caption."""
    stem = posixpath.splitext(posixpath.basename(where))[0].casefold()
    found = [line for line in lines if (record := RECORD_ID.fullmatch(line.plain)) and (
        record.group(1) in prefixes or record.group(0).strip("[]() ").casefold() in stem)]
    for line in found:
        m.report.look(where, at, f"“{line.plain}” is a record id: not kept as a caption",
                      kind="record ids (a database's, repeated across the site): not kept as captions")
    return found


def _repeated_record_prefixes(m: SiteModel) -> frozenset[str]:
    """The letters of the record ids the site shows on RECORD_ID_LINES lines or more (page and text apart)."""
    shown = {(rel, line.plain) for rel, text in m.texts.items()
             for line in [*text.captions.loose, *(one for lines in text.captions.lines.values() for one in lines)]}
    ids = [RECORD_ID.fullmatch(plain) for _, plain in shown]
    seen = Counter(found.group(1) for found in ids if found)
    return frozenset(prefix for prefix, n in seen.items() if n >= RECORD_ID_LINES)


def _counted_lists(m: SiteModel) -> dict[str, frozenset[str]]:
    """Each page's words that several of its captions join to a counter ('Boxholm 1', 'Boxholm 2' ...)."""
    return {rel: frozenset(counted_lists([line for lines in text.captions.lines.values() for line in lines]))
            for rel, text in m.texts.items()}


def _time_stamp_date(m: SiteModel, photo: Photo, day_first: bool | None = None) -> str:
    """The date of the one time stamp the photo's own pages print under it (Aperture's '3/14/08 6:42:10 PM', the
    camera's clock), as EDTF; '' when they print none, several, or one that can't be read whole."""
    stamps = _printed_stamps(m, photo.photo_pages)
    return _stamp_edtf(next(iter(stamps)), day_first) if len(stamps) == 1 else ""


def _printed_stamps(m: SiteModel, pages: list[str]) -> set[str]:
    """The time stamps pages print alone on a line or after a caption (Lightroom's ' -- 5/18/2007 10:40:40 AM')."""
    stamps = {line.plain for page in pages if page in m.texts
              for line in m.texts[page].lines if TIME_STAMP.fullmatch(line.plain)}
    return stamps | {found.group(1) for page in pages if page in m.texts
                     for line in m.texts[page].lines if (found := STAMP_AFTER_CAPTION.search(line.plain))}


def stamps_day_first(m: SiteModel) -> bool | None:
    """Whether the site's photo pages print their time stamps day first: known when one of them has a day over
    12 (Aperture's '6/20/15, 2:03:11 PM PDT' is month first), as a spreadsheet's column of dates tells."""
    pages = [page for page, role in m.roles.items() if role == "photo"]
    stamps = _printed_stamps(m, pages) | {
        text for page in pages if (listed := fields_of(m, page)) and TIME_STAMP.fullmatch(text := listed.first("date"))}
    return numeric_day_first([found.group(0) for stamp in stamps if (found := CAMERA_DATE.search(stamp))])


def _stamp_edtf(stamp: str, day_first: bool | None) -> str:
    """A time stamp's date as EDTF: year first if so written, else the camera's month and day (in the order
    day_first says, else either: a one-of set), a two-digit year read as a camera's; '' if it can't be read whole."""
    if iso := ISO_DATE.search(stamp):  # '2008-03-14 18:42:10': year first, never month/day
        reading = edtf_from_text(iso.group(0))
        return reading.edtf if reading.whole else ""
    found = CAMERA_DATE.search(stamp)
    if found is None:
        return ""
    first, second, year = found.groups()
    if len(year) == 2:  # a camera's clock: '08' is 2008, '99' 1999
        year = f"{20 if int(year) < TWO_DIGIT_PIVOT else 19}{year}"
    reading = edtf_from_text(f"{first}/{second}/{year}", day_first)
    return reading.edtf if reading.whole else ""


def _without_stamp(line: Line) -> Line:
    """The caption line without the time stamp printed after it (" -- 5/18/2007 10:40:40 AM"): that is the
    photo's date (_time_stamp_date), not its words."""
    raw = "".join(run.text for run in line.runs)
    found = STAMP_AFTER_CAPTION.search(raw.rstrip())
    if found is None or not raw[:found.start()].strip():
        return line
    runs, left = [], found.start()
    for run in line.runs:
        if left <= 0:
            break
        runs.append(replace(run, text=run.text[:left]))
        left -= len(run.text)
    return Line(line.number, runs, line.paragraph, line.kind, line.ancestors)


def alt_text(photo: Photo, alts: Counter[str]) -> str:
    """The longest alt text that describes the photo: not a file name, not used on other photos too; without the
    brackets written for text browsers ("[Ghost Ranch, NM]")."""
    own = Counter(u.alt.casefold() for u in photo.uses if u.alt)
    files = own_files(photo)
    described = [u.alt for u in photo.uses if u.alt and not _is_file_name(u.alt, files)
                 and alts[u.alt.casefold()] <= own[u.alt.casefold()]]
    return unbracketed(max(described, key=len, default=""))


def unbracketed(alt: str) -> str:
    """An alt without the square brackets the 1990s wrote around it for text browsers (Lynx showed "[Magnus]")."""
    text = normalise_space(alt.replace("\ufffc", ""))  # iWeb's alt keeps the mark of an object set in the text
    return text[1:-1].strip() if text.startswith("[") and text.endswith("]") else text


@dataclass
class AltSharing:
    """Which photos bear each alt (case ignored) and on which pages; how many photos each page shows."""

    photos: dict[str, set[str]]
    pages: dict[str, set[str]]
    on_page: Counter[str]


def alt_sharing(m: SiteModel) -> AltSharing:
    sharing = AltSharing({}, {}, Counter())
    for photo in m.photos.values():
        for page in {u.page for u in photo.uses}:
            sharing.on_page[page] += 1
        for use in photo.uses:
            if use.alt.strip():
                sharing.photos.setdefault(unbracketed(use.alt).casefold(), set()).add(photo.key)
                sharing.pages.setdefault(unbracketed(use.alt).casefold(), set()).add(use.page)
    return sharing


def alt_caption(m: SiteModel, photo: Photo, sharing: AltSharing) -> str:
    """The words of a photo's alt (its own or its thumbnail's), for a photo the old site says nothing else about:
    they were all a text browser showed of it. Not a file name, a generic word ("photo", "Picture 3"), an
    instruction, chrome or its page's title; an alt shared by a few photos of one gallery ("Ghost Ranch, NM" on
    two) is each one's, one on most of a gallery's photos is the gallery's name."""
    files = own_files(photo)
    fitting = [text for use in photo.uses if (text := unbracketed(use.alt)) and _describes(m, files, text, sharing)
               and text.casefold() != normalise_space(m.pages[use.page].title).casefold()]
    return max(fitting, key=len, default="")


def _describes(m: SiteModel, files: OwnFiles, text: str, sharing: AltSharing) -> bool:
    folded = text.casefold()
    if (_is_file_name(text, files, same_case=True) or GENERIC_ALT.fullmatch(text) or RIGHTS_ALT.fullmatch(text)
            or SIZE_ALT.fullmatch(text) or INSTRUCTION.fullmatch(text) or camera_caption(text)
            or (folded, False) in m.chrome.texts or (folded, True) in m.chrome.texts):
        return False
    shared = len(sharing.photos.get(folded, ()))
    pages = sharing.pages.get(folded, set())
    return shared <= 1 or (len(pages) == 1 and (shared <= SHARED_ALT
                                                 or 2 * shared < sharing.on_page[next(iter(pages))]))


def _is_file_name(text: str, files: OwnFiles, *, same_case: bool = False) -> bool:
    """same_case: only the stem as the file spells it is a file name (the alt "Magnus" of magnus.jpg was written by a
    person)."""
    fold = (lambda word: word) if same_case else str.casefold
    stems = files.stems if same_case else files.folded_stems
    if SIZE_LABEL.fullmatch(text.strip()):
        return True  # "[Size: 35164 bytes]": only a size
    text = FILE_SIZE.sub("", text)  # FrontPage's alt texts: "lake_small.jpg (2219 bytes)"
    return bool(re.search(r"\.\w{3,4}$", text)) or fold(text) in stems or bool(CAMERA_NAME.fullmatch(text))


def _names_a_file(line: Line, names: set[str], site_files: set[str] | frozenset[str] = frozenset(),
                  counted: frozenset[str] = frozenset()) -> bool:
    """A "caption" that is only a file name (IMG_0001.jpg, one of the photo's own `names`, or one cut short by
    the gallery maker: "long_right_profi..."), as gallery generators wrote them under thumbnails."""
    text = line.plain.strip().casefold()
    if " " not in text:  # a path or URL, broken markup shown as text: <"/nd.com/trip/3x5/nasa6.jpg">
        text = posixpath.basename(text.strip("<>\"'()[]"))
    # A stem of several words is a person's title saved as the name ('Communal Fishing, Island of Lau, Fiji.jpeg')
    own_name = text in names and (" " not in text or bool(FILE_EXTENSION.search(text)))
    if own_name or FILE_NAME.fullmatch(text) or CAMERA_NAME.fullmatch(text):
        return True
    folded = {_folded_name(name) for name in names}
    label = LABEL_PREFIX.sub("", text, count=1).strip()  # 'Album/x.jpg', 'Archivo: x.jpg', 'Filename: x.jpg'
    if label != text and FILE_EXTENSION.search(label) and (FILE_NAME.fullmatch(label) or _folded_name(label) in folded):
        return True
    album = ALBUM_AND_NAME.fullmatch(text)  # Picasa's 'pictures -- img_0552.jpg', '20160204 -- img_1643.jpg'
    if album and _folded_name(album.group(1)) in folded:
        return True
    if FILE_EXTENSION.search(text) and _folded_name(text) in folded:
        return True  # 'x 04.jpg' under the file 'x 04_jpg.jpg' (Dreamweaver writes a name's dots as '_')
    if _counted_name(text, names, counted):
        return True
    cut = TRUNCATED.fullmatch(text)
    if cut and len(cut.group(1)) >= 4:
        stems = names | site_files
        return any(name.startswith(cut.group(1)) for name in stems)
    return False


FILE_EXTENSION = re.compile(rf"\.(?:{IMAGE_EXTENSIONS})$", re.IGNORECASE)
ALBUM_AND_NAME = re.compile(r".{1,60}?\s+--\s+(\S.*)")  # an album's name or a date, ' -- ', the photo's file name
LABEL_PREFIX = re.compile(r"^(?:[^/\\:]{1,40}/|\w[\w .'-]{0,15}:)\s*")  # 'Album/', 'Archivo:' before a name


def _counted_name(text: str, names: set[str], counted_lists: frozenset[str] = frozenset()) -> bool:
    """'Boxholm 1' for 'Boxholm (4).jpg': the words of the file's name and a small number, as a list of links to
    pictures counts them: the number is the file's own, or the page counts COUNTED_LIST photos or more so
    (counted_lists: those words). 'Christmas 99' alone under christmas.jpg is a caption, and so is 'Paris 1985'
    for paris85.jpg (a year)."""
    letters = _letters(text)
    if not letters or not COUNTED.fullmatch(text):
        return False
    number = re.sub(r"\D+", "", text).lstrip("0")
    return any(_letters(posixpath.splitext(name)[0]) == letters and (
        letters in counted_lists or re.sub(r"\D+", "", name).lstrip("0") == number) for name in names)


def _letters(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text)


def counted_lists(lines: list[Line]) -> set[str]:
    """The words that COUNTED_LIST lines or more of one page join to a counter: 'Boxholm 1', 'Boxholm 2' ..."""
    found = Counter(_letters(line.plain.casefold()) for line in lines if COUNTED.fullmatch(line.plain))
    return {letters for letters, n in found.items() if letters and n >= COUNTED_LIST}


COUNTED_LIST = 3  # a page's lines that join the same words to a counter: a list counting pictures


def _folded_name(name: str) -> str:
    """A file name with case, dots, '_', '-' and spaces folded: the forms gallery makers print of one name."""
    return re.sub(r"[\s._-]+", "", name.casefold())


@dataclass(frozen=True)
class OwnFiles:
    """A photo's own file names and pages, read once for all the pages and lines that show it: read again for
    each, a photo on 400 pages of a genealogy was 400 x 400 reads."""

    names: set[str]  # its files' names and their stems, lower case
    stems: set[str]  # its files' stems as spelled
    folded_stems: set[str]  # ... and lower case
    pages: set[str]  # its own pages and the pages that show it


def own_files(photo: Photo) -> OwnFiles:
    paths = dict.fromkeys((photo.best, *(u.src.path for u in photo.uses)))
    names = {posixpath.basename(p).casefold() for p in paths if p}
    stems = {posixpath.splitext(posixpath.basename(p))[0] for p in paths}
    return OwnFiles(names | {posixpath.splitext(name)[0] for name in names}, stems,
                    {stem.casefold() for stem in stems}, {*photo.photo_pages, *(u.page for u in photo.uses)})


def _title_line(lines: list[Line]) -> Line | None:
    """On a photo page, a short first line over a longer one is the photo's title (Lightroom's and iPhoto's
    Title above the Caption): a few words with no sentence's end."""
    if len(lines) < 2:
        return None
    first, rest = lines[0], lines[1:]
    words = first.plain.split()
    if 0 < len(words) <= TITLE_WORDS and not first.plain.rstrip().endswith((".", "!", "?", ":", ";", ",")) and (
            len(" ".join(line.plain for line in rest)) > len(first.plain)):
        return first
    return None


def _without_emptied_sections(every: list[Line], kept: list[Line]) -> list[Line]:
    """A photo page's kept lines without the short headings whose sections were all set aside: a label (Gramps'
    'References' over links to the people's pages, or over nothing at the page's end) is no caption. The first
    heading stays (the photo's title), and so does a heading followed by another (a line in big type: 'New!
    Andrew's first Easter') or one that says something ('A concerned Mrs. Claus greeted ...' over the photo)."""
    kept_ids = {id(line) for line in kept}
    dropped = set()
    for n, line in enumerate(every):
        if n == 0 or line.kind not in HEADINGS or id(line) not in kept_ids or len(
                line.plain.split()) > LABEL_WORDS:
            continue
        section = list(takewhile(lambda after: after.kind not in HEADINGS, every[n + 1:]))
        if (section or n + 1 == len(every)) and not any(id(after) in kept_ids for after in section) and any(
                earlier.kind in HEADINGS for earlier in every[:n]):
            dropped.add(id(line))
    return [line for line in kept if id(line) not in dropped]


def _in_order(lines: list[Line]) -> list[Line]:
    return sorted(dict.fromkeys(lines), key=lambda line: line.number)
