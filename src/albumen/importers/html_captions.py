"""Which text is a photo's caption: the text nearest the image within its container.

The container of a photo is found by climbing from its <img> through the elements around it, stopping
before one that also holds another photo or a heading: the first of them with text in it (a table cell,
a <figure>, a <dd>, a paragraph with a <br> caption), or else the outermost one (a cell or paragraph with
the image alone). That container's text is the caption. When it has none, the caption is looked for
beside it: in the cell of the same column in the next (or previous) row of a table, or among the
container's siblings: the text between this photo and the next one (captions below) or the previous one
(captions above). Which way a page writes its captions is read from the page itself: containers that hold
a photo and its text vote; else text after the last photo means captions below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from selectolax.lexbor import LexborNode

from albumen.importers.html_patterns import LABEL_WORDS
from albumen.importers.html_sections import SECTION_PHOTOS, is_heading_like
from albumen.importers.html_text import HEADINGS, Event, Line, PhotoMark, Run

Below, Above = "below", "above"
INSTRUCTION = re.compile(r"\W*(?:click|klicken|cliquez|haga clic)\b.{0,60}", re.IGNORECASE)  # "(click to enlarge)"
INTRODUCTION_WORDS = 40
WORD = re.compile(r"\w")
WIDE_GAP = re.compile(r"[ \t\n\r]*(?:\xa0[ \t\n\r]*){3,}")  # captions of photos side by side, spaced apart
PLACED = re.compile(r"position\s*:\s*absolute", re.IGNORECASE)
SPLIT = -1  # the owner of a line whose parts are the captions of several photos
LABEL_WORDS_PLACED = 40  # a placed text box this long or shorter can be a photo's label; longer, a story
LABEL_AREA = 4  # a text box holding a photo is its label when no bigger than this many times the photo
NEAR_CORNER = 10_000.0  # a box off the photo's column ranks behind every box in it
PLACE = {side: re.compile(rf"(?<![-\w]){side}\s*:\s*(-?\d+(?:\.\d+)?)px", re.IGNORECASE)
         for side in ("left", "top", "width", "height")}  # style="left: 237px; top: 129px; width: 225px; ..."


@dataclass(frozen=True)
class Group:
    """A photo's caption container."""

    image: int  # ImageUse.number
    element: int  # the container's element id
    parent: int | None  # the element around it that holds other photos too
    has_text: bool
    cell: tuple[int, int, int] | None = None  # (table section id, row, column) when it is a table cell
    placed: bool = False  # the container is a box placed at its own spot (iWeb's layers): its caption is one box


@dataclass(frozen=True)
class Box:
    """Where a placed element sits on the page, in pixels."""

    left: float
    top: float
    width: float
    height: float

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + self.width and self.top <= y <= self.top + self.height


@dataclass
class Layout:
    """The caption containers of a page's photos, and where table cells are."""

    groups: dict[int, Group] = field(default_factory=dict)  # by image number
    cells: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (section, row, column) -> cell id
    photo_rows: set[tuple[int, int]] = field(default_factory=set)  # (section, row) holding a photo
    boxes: dict[int, Box] = field(default_factory=dict)  # element id -> where it is placed (style left/top/...)
    settled: set[int] = field(default_factory=set)  # photos whose caption was sought by place: no other way
    sizes: dict[int, tuple[float, float]] = field(default_factory=dict)  # image number -> its own width, height

    @property
    def boundaries(self) -> set[int]:
        """Elements whose edges break lines, so no line runs into or out of a caption container."""
        return {group.element for group in self.groups.values()}


@dataclass
class Captions:
    lines: dict[int, list[Line]] = field(default_factory=dict)  # image number -> caption lines in order
    loose: list[Line] = field(default_factory=list)  # text that belongs to no photo
    doubts: list[tuple[int, str]] = field(default_factory=list)  # (image number, what a person should check)


def layout_of(body: LexborNode, photos: dict[int, LexborNode]) -> Layout:
    """The caption container of each photo (image number -> its <img> node)."""
    layout = Layout()
    photos_under: Counter[int] = Counter()
    for node in photos.values():
        for ancestor in _ancestors(node):
            photos_under[ancestor.mem_id] += 1
    headings_under = _headings_under(body)
    for number, node in photos.items():
        group = _group(number, node, photos_under, headings_under)
        layout.groups[number] = group
        element = _element_by_id(node, group.element)
        if element is not None and element.tag in ("td", "th"):
            cell = _cell_position(element, layout)
            layout.groups[number] = replace(group, cell=cell)
            layout.photo_rows.add(cell[:2])
    if sum(group.placed for group in layout.groups.values()) >= 2:
        layout.boxes = {node.mem_id: box for node in body.css("[style]") if (box := _box(node)) is not None}
        layout.sizes = {number: size for number, node in photos.items() if (size := _size(node)) is not None}
    return layout


def _size(image: LexborNode) -> tuple[float, float] | None:
    """The width and height an <img> declares (attributes, else its style), when it gives both."""
    style = image.attributes.get("style") or ""
    found = []
    for side in ("width", "height"):
        value = (image.attributes.get(side) or "").strip()
        in_style = PLACE[side].findall(style)
        found.append(float(value) if value.isdigit() else float(in_style[-1]) if in_style else None)
    width, height = found
    return (width, height) if width and height else None


def _box(node: LexborNode) -> Box | None:
    """Where an absolutely placed element sits, when its style gives all four of left, top, width, height."""
    style = node.attributes.get("style") or ""
    if not PLACED.search(style):
        return None
    found = [PLACE[side].findall(style) for side in ("left", "top", "width", "height")]
    if not all(found):
        return None
    left, top, width, height = (float(values[-1]) for values in found)
    return Box(left, top, width, height)


def _group(number: int, image: LexborNode, photos_under: Counter[int], headings_under: set[int]) -> Group:
    best = image
    current = image.parent
    while current is not None and current.tag not in ("body", "html"):
        if photos_under[current.mem_id] > 1 or current.mem_id in headings_under:
            break
        if _has_text(current):
            if best.mem_id != image.mem_id and _is_text_column(current, best):
                break  # the photo is one block among a story's paragraphs: its caption is a sibling block
            return Group(number, current.mem_id, None, True)
        best = current
        current = current.parent
    return Group(number, best.mem_id, current.mem_id if current is not None else None, False,
                 placed=bool(PLACED.search(best.attributes.get("style") or "")))


def _is_text_column(container: LexborNode, block: LexborNode) -> bool:
    """The photo's own block stands among paragraphs of a story (a journal's column ending with a scan of the
    notes): on one side of it, two blocks or more with more words than a caption has."""
    sides: tuple[list[int], list[int]] = ([], [])
    side = 0
    for child in container.iter(include_text=False):
        if child.mem_id == block.mem_id:
            side = 1
            continue
        words = len(child.text(deep=True).split())
        if words:
            sides[side].append(words)
    return any(len(blocks) >= 2 and sum(blocks) > INTRODUCTION_WORDS for blocks in sides)


def assign_captions(events: list[Event], layout: Layout, is_chrome: Callable[[Line], bool]) -> Captions:
    """Give each line of a page to the photo it captions, or leave it loose (the page's own text)."""
    lines = [e for e in events if isinstance(e, Line) and not is_chrome(e)]
    marks = {e.image: e for e in events if isinstance(e, PhotoMark)}
    owner: dict[int, int] = {}  # line number -> image number
    votes = _inside_containers(lines, marks, layout, owner)
    direction = _direction(votes)
    captions = Captions()
    _by_place([e for e in events if isinstance(e, Line)], is_chrome, marks, layout, owner, captions)
    for group in layout.groups.values():
        if not group.has_text and group.cell is not None and not _owned_by(owner, group.image) \
                and group.image not in layout.settled:
            _from_table(group, lines, layout, owner, direction, captions)
    for parent in dict.fromkeys(g.parent for g in layout.groups.values() if not g.has_text):
        if parent is not None:
            _from_siblings(parent, events, layout, owner, votes, captions, is_chrome)
    for line in lines:
        if owner.get(line.number) == SPLIT:
            continue  # its parts went to the photos above it
        if line.number in owner:
            captions.lines.setdefault(owner[line.number], []).append(line)
        else:
            captions.loose.append(line)
    return captions


def _inside_containers(lines: list[Line], marks: dict[int, PhotoMark], layout: Layout,
                       owner: dict[int, int]) -> Counter[str]:
    """Lines inside a photo's container are its caption; each container with text votes below or above."""
    by_element = {group.element: group.image for group in layout.groups.values()}
    votes: Counter[str] = Counter()
    for line in lines:
        image = next((by_element[a] for a in line.ancestors if a in by_element), None)
        if image is not None and WORD.search(line.plain):  # a stray '.' by the thumbnail is neither caption nor vote
            owner[line.number] = image
    for image, mark in marks.items():
        numbers = [n for n, o in owner.items() if o == image]
        if numbers:
            votes[Below if max(numbers) > mark.number else Above] += 1
    return votes


def _by_place(lines: list[Line], is_chrome: Callable[[Line], bool], marks: dict[int, PhotoMark], layout: Layout,
              owner: dict[int, int], captions: Captions) -> None:
    """A page laid out in placed boxes (iWeb, Publisher, Visio: left/top in pixels) shows a photo's caption in
    the text box it sits in, or right under or over it in the same column, wherever the source has it (iWeb
    writes all the labels first, then the photos). Each placed photo takes the nearest such box; a box two
    photos are as near to, or two boxes as near to one photo, is told as a doubt, never guessed by source order.
    Only boxes of a label's length count (a box of the story beside the photos is no caption): a photo with no
    such box near it is left to the other ways.
    A box of the site's chrome (a label repeated on another page) is still the nearest box: the photo then has
    none, not the next box's words."""
    photos = {image: _shrunk(layout.boxes[outer], layout.sizes.get(image)) for image, mark in marks.items()
              if (outer := _outermost(mark.ancestors, layout)) is not None}
    if len(photos) < 2:
        return
    holding_photos = {_outermost(mark.ancestors, layout) for mark in marks.values()}
    texts: dict[int, list[Line]] = {}
    for line in lines:
        outer = _outermost(line.ancestors, layout)
        if line.number not in owner and outer is not None and outer not in holding_photos:
            texts.setdefault(outer, []).append(line)
    texts = {element: found for element, found in texts.items()
             if sum(len(line.plain.split()) for line in found) <= LABEL_WORDS_PLACED}  # a story's box is no label
    claims: dict[int, list[tuple[float, int]]] = {}  # text box -> (how far, photo)
    for image, box in photos.items():
        ranked = sorted((far, element) for element in texts
                        if (far := _how_far(box, layout.boxes[element])) is not None)
        if len(ranked) >= 2 and ranked[0][0] == ranked[1][0]:
            layout.settled.add(image)
            captions.doubts.append((image, "two text boxes are as near to this photo; check which is its caption"))
        elif ranked:
            layout.settled.add(image)  # found by place: no other way
            claims.setdefault(ranked[0][1], []).append((ranked[0][0], image))
    for element, claimants in claims.items():
        claimants.sort()
        if len(claimants) >= 2 and claimants[0][0] == claimants[1][0]:
            captions.doubts += [(image, "a text box is as near to this photo as to another; check which photo "
                                 "it captions") for _, image in claimants]
            continue
        for line in texts[element]:
            if not is_chrome(line):
                owner[line.number] = claimants[0][1]


def _shrunk(box: Box, size: tuple[float, float] | None) -> Box:
    """Where the picture itself is: its box's corner, its own size when smaller than the box (Publisher's
    frames are taller than their pictures)."""
    if size is None:
        return box
    return Box(box.left, box.top, min(box.width, size[0]), min(box.height, size[1]))


def _outermost(ancestors: tuple[int, ...], layout: Layout) -> int | None:
    """The outermost placed box around something (an inner box is placed within it, not on the page)."""
    return next((element for element in ancestors if element in layout.boxes), None)


def _how_far(photo: Box, text: Box) -> float | None:
    """0 when the text box holds the photo's centre and is a label's size (a story's box the photo is set into
    is no caption); else the gap to a box right under or over it that shares half its width or more (no
    farther than the photo is high); else, behind those, a box off its corner no farther than half the photo's
    height; None when the box is elsewhere or overlaps the photo."""
    if text.holds(photo.left + photo.width / 2, photo.top + photo.height / 2) and \
            text.width * text.height <= LABEL_AREA * photo.width * photo.height:
        return 0.0
    shared = min(photo.left + photo.width, text.left + text.width) - max(photo.left, text.left)
    gap = max(text.top - (photo.top + photo.height), photo.top - (text.top + text.height))
    if shared > 0 and gap < 0:
        return None  # the text runs beside or behind the photo: a story set around it
    gap = max(gap, 0.0)
    if shared >= min(photo.width, text.width) / 2 and gap <= photo.height:
        return 1.0 + gap
    across = max(text.left - (photo.left + photo.width), photo.left - (text.left + text.width), 0.0)
    apart = (across ** 2 + gap ** 2) ** 0.5
    return NEAR_CORNER + apart if apart <= photo.height / 2 else None


def _direction(votes: Counter[str]) -> str | None:
    if not votes:
        return None
    return Above if votes[Above] > votes[Below] else Below


def _from_table(group: Group, lines: list[Line], layout: Layout, owner: dict[int, int], direction: str | None,
                captions: Captions) -> None:
    """A cell with only the photo: its caption is in the same column of the next row (or the previous)."""
    assert group.cell is not None
    section, row, column = group.cell
    rows = (row - 1, row + 1) if direction == Above else (row + 1, row - 1)
    taken_by_another = False
    for other in rows:
        cell = layout.cells.get((section, other, column))
        if cell is None or (section, other) in layout.photo_rows:
            continue
        inside = [line for line in lines if cell in line.ancestors]
        found = [line for line in inside if line.number not in owner]
        taken_by_another |= len(found) < len(inside)
        if found:
            for line in found:
                owner[line.number] = group.image
            return
    if taken_by_another:
        captions.doubts.append((group.image, "the caption in the row next to this photo could belong to it or to "
                                "the photo on the other side of it; check which photo each caption belongs to"))


@dataclass
class _Slot:
    """A child of a photo container's parent: a photo, text, or something that ends a caption."""

    kind: str  # photo (waiting for a caption), taken (a photo that has one), text, barrier
    image: int | None = None
    lines: list[Line] = field(default_factory=list)
    photos: int = 0  # the photos in it (a table of thumbnails is one barrier of many)


def _from_siblings(parent: int, events: list[Event], layout: Layout, owner: dict[int, int], votes: Counter[str],
                   captions: Captions, is_chrome: Callable[[Line], bool]) -> None:
    """Captions among the siblings: between one photo and the next, below or above them."""
    slots = _slots(parent, events, layout, owner, is_chrome)
    photos = [i for i, slot in enumerate(slots) if slot.kind in ("photo", "taken")]
    if not any(slots[i].kind == "photo" for i in photos):
        return
    any_text = any(slot.kind == "text" for slot in slots)  # no text at all is no doubt, just no captions
    texts_after = _texts(slots, photos[-1] + 1, 1)
    texts_before = _texts(slots, photos[0] - 1, -1)
    intro = _is_introduction([line for slot in texts_before for line in slot.lines])
    direction = _direction(votes) or (Below if texts_after or intro else Above if texts_before else Below)
    if not _direction(votes) and direction == Above and len(photos) > 1 and not any(
            slot.kind == "text" for slot in slots[photos[0]:photos[-1]]):
        return  # words over a row of photos with none between them introduce them all: no one's caption
    if direction == Below:
        _labels_as_barriers(slots)
        _split_under_a_row(slots, owner, captions)
    step = 1 if direction == Below else -1
    ordered = photos if direction == Below else list(reversed(photos))
    taken: list[int] = []
    for position, index in enumerate(ordered):
        if slots[index].kind != "photo":
            continue
        limit = None if position + 1 < len(ordered) else max([*taken, 1])  # the last one: as many as the rest
        image = slots[index].image
        assert image is not None
        if layout.groups[image].placed:
            limit = 1  # a page laid out in placed boxes: the caption is the one box beside the photo, not the story
        found = _texts(slots, index + step, step, limit)
        taken.append(len(found))
        for slot in sorted(found, key=lambda s: s.lines[0].number):
            for line in slot.lines:
                owner[line.number] = image
        if not found and not texts_after and not texts_before and len(photos) > 1 and any_text:
            captions.doubts.append((image, "the text between the photos here could be the caption of the "
                                    "photo before it or after it; check which photo each caption belongs to"))


def _split_under_a_row(slots: list[_Slot], owner: dict[int, int], captions: Captions) -> None:
    """Photos side by side with one line of captions under them, spaced out with no-break spaces ("Huang and Kuo
    &nbsp;&nbsp;&nbsp;&nbsp; Chen and Kuo"), line after line: as many parts as photos give each its own, in order.
    Lines whose parts don't match the photos go to the last photo as before, and the others are told as doubts."""
    index = 0
    while index < len(slots):
        row = []
        while index < len(slots) and slots[index].kind == "photo":
            row.append(slots[index])
            index += 1
        if len(row) < 2 or index >= len(slots) or slots[index].kind != "text":
            index += 1 if not row else 0
            continue
        text = slots[index]
        while text.lines and len(parts := split_at_gaps(text.lines[0])) == len(row):
            for photo, part in zip(row, parts, strict=True):
                assert photo.image is not None
                captions.lines.setdefault(photo.image, []).append(part)
                photo.kind = "taken"
            owner[text.lines[0].number] = SPLIT
            text.lines = text.lines[1:]
        if not text.lines:
            text.kind = "barrier"
        elif row[0].kind == "photo":
            for photo in row[:-1]:
                assert photo.image is not None
                captions.doubts.append((photo.image, "the lines under these photos side by side could hold the "
                                        "captions of several of them; check which photo each caption belongs to"))


def split_at_gaps(line: Line) -> list[Line]:
    """A line cut where it is spaced out with three or more no-break spaces, each part a line of its own."""
    pieces: list[list[Run]] = [[]]
    for run in line.runs:
        for number, text in enumerate(WIDE_GAP.split(run.text)):
            if number:
                pieces.append([])
            if text:
                pieces[-1].append(replace(run, text=text))
    parts = [Line(line.number, runs, line.paragraph, line.kind, line.ancestors) for runs in pieces]
    parts = [part for part in parts if part.plain]
    return parts if len(parts) > 1 else [line]


def _slots(parent: int, events: list[Event], layout: Layout, owner: dict[int, int],
           is_chrome: Callable[[Line], bool]) -> list[_Slot]:
    waiting = {g.element: g.image for g in layout.groups.values() if g.parent == parent and not g.has_text
               and not _owned_by(owner, g.image) and g.image not in layout.settled}
    placed = {g.element for g in layout.groups.values() if g.parent == parent}
    slots: dict[object, _Slot] = {}
    for event in events:
        if parent not in event.ancestors:
            continue
        depth = event.ancestors.index(parent)
        child = event.ancestors[depth + 1] if depth + 1 < len(event.ancestors) else None
        key: object = child if child is not None else ("inline", getattr(event, "paragraph", event.number))
        if isinstance(event, PhotoMark):
            slot = slots.setdefault(key, _Slot("photo" if child in waiting else "taken" if child in placed
                                               else "barrier", waiting.get(child) if child is not None else None))
            if slot.kind == "text":
                slot.kind = "barrier"
            slot.photos += 1
            continue
        if event.number in owner or is_chrome(event) or not WORD.search(event.plain):
            continue
        slot = slots.setdefault(key, _Slot("text"))
        if event.kind in HEADINGS and slot.kind == "text":
            slot.kind = "barrier"
        slot.lines.append(event)
    return list(slots.values())


def _labels_as_barriers(slots: list[_Slot]) -> None:
    """Where captions are below their photos, a short label just before a photo ("Map:", "Photos:") introduces
    the photos after it: it ends the caption of the photo above it and is no caption itself. (Where captions
    are above, "A nice sunset:" is the caption of the photo below it.) So is a heading (bold, short) just before
    a block of several photos: the next day's title, not the caption of the last photo of the day before."""
    for slot, after in zip(slots, slots[1:], strict=False):
        if slot.kind == "text" and after.kind in ("photo", "taken") and all(_is_label(line) for line in slot.lines):
            slot.kind = "barrier"
        elif slot.kind == "text" and after.photos >= SECTION_PHOTOS and all(is_heading_like(line)
                                                                            for line in slot.lines):
            slot.kind = "barrier"  # a day's heading over its table of thumbnails (html_sections.py)


def _is_label(line: Line) -> bool:
    text = line.plain.strip()
    return text.endswith(":") and len(text.split()) <= LABEL_WORDS


def _is_introduction(lines: list[Line]) -> bool:
    """Text before a gallery's first photo that introduces the page, not that photo: it tells how to use the
    gallery ("Click on a picture to see it bigger") or it is longer than a caption."""
    return any(INSTRUCTION.fullmatch(line.plain) or INSTRUCTION.search(line.plain) for line in lines) or sum(
        len(line.plain.split()) for line in lines) > INTRODUCTION_WORDS


def _texts(slots: list[_Slot], start: int, step: int, limit: int | None = None) -> list[_Slot]:
    """The text slots from `start` on in direction `step`, up to a photo or a barrier (at most `limit`)."""
    found: list[_Slot] = []
    index = start
    while 0 <= index < len(slots) and slots[index].kind == "text" and (limit is None or len(found) < limit):
        found.append(slots[index])
        index += step
    return found


def _owned_by(owner: dict[int, int], image: int) -> bool:
    return image in owner.values()


# -- the tree ------------------------------------------------------------------------------------------------

def _ancestors(node: LexborNode) -> list[LexborNode]:
    found = []
    current = node.parent
    while current is not None:
        found.append(current)
        current = current.parent
    return found


def _headings_under(body: LexborNode) -> set[int]:
    """Ids of the elements that have a heading inside them."""
    found: set[int] = set()
    for heading in body.css(",".join(sorted(HEADINGS))):
        found.update(a.mem_id for a in _ancestors(heading))
    return found


def _has_text(node: LexborNode) -> bool:
    """Words, not a stray '.' typed beside a thumbnail inside its link (which then voted "captions above")."""
    return WORD.search(node.text(deep=True)) is not None


def _element_by_id(start: LexborNode, element: int) -> LexborNode | None:
    current: LexborNode | None = start
    while current is not None:
        if current.mem_id == element:
            return current
        current = current.parent
    return None


def _cell_position(cell: LexborNode, layout: Layout) -> tuple[int, int, int]:
    """(section id, row, column) of a table cell; records every cell of its section in the layout."""
    row = cell.parent
    section = row.parent if row is not None else None
    if row is None or section is None:
        return (cell.mem_id, 0, 0)
    position = (section.mem_id, 0, 0)
    rows = [child for child in section.iter() if child.tag == "tr"]
    for row_number, tr in enumerate(rows):
        column = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            layout.cells[(section.mem_id, row_number, column)] = td.mem_id
            if td.mem_id == cell.mem_id:
                position = (section.mem_id, row_number, column)
            column += _span(td)
    return position


def _span(cell: LexborNode) -> int:
    text = (cell.attributes.get("colspan") or "1").strip()
    return int(text) if text.isdigit() and int(text) > 0 else 1
