"""A page's visible text as lines, and lines as Markdown.

Walking a page's body gives, in reading order, its lines of text (broken where a browser breaks them:
block elements, <br>, <hr>) and marks where its photos are. Each line remembers the elements it sits in,
so it can be matched to a photo's caption container, and its runs of text remember emphasis and links,
so it can be written as Markdown once every link's new target is known.

<font>, <b>, <u> and the like are dropped as noise; <i>, <em> and <strong> are kept as Markdown emphasis
when they mark part of a line (a line that is italic from end to end is just italic).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from selectolax.lexbor import LexborNode

from albumen.importers.html_page import SKIPPED_TAGS, is_hidden, normalise_space

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"b", "strong"}
EMPHASIS = {"i": "em", "em": "em", "cite": "em", "dfn": "em", "var": "em", "strong": "strong"}
KINDS = {**{h: h for h in HEADINGS}, "li": "li", "dt": "p", "dd": "p", "blockquote": "quote"}
LINK_ICON_PIXELS = 48  # an image declared no bigger than this both ways, alone in a link after words: a link icon

LOUD_TAGS = {"big"}
LOUD_KEYWORD = re.compile(r"font-size\s*:\s*(?:large|x-large|xx-large|larger)\b", re.IGNORECASE)
LOUD_LENGTH = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)", re.IGNORECASE)

LinkFn = Callable[[str], "str | None"]  # an href as written -> its Markdown target, or None to drop the link


@dataclass(frozen=True)
class Run:
    """A piece of a line's text with one formatting."""

    text: str
    em: bool = False
    strong: bool = False
    href: str | None = None  # as written in the page
    loud: bool = False  # shown in big type (<big>, <font size=5>, font-size: xx-large): a heading's look
    bold: bool = False  # in <b> or <strong> (no emphasis in Markdown: <b> is a 1998 page's noise as often)


@dataclass(eq=False)
class Line:
    """A line of visible text."""

    number: int  # its place among the page's events
    runs: list[Run]
    paragraph: int  # lines with the same number are one paragraph, broken by <br>
    kind: str  # p, h1 ... h6, li or quote
    ancestors: tuple[int, ...]  # the ids of the elements it sits in, outermost first
    plain: str = ""  # the text, whitespace normalised

    def __post_init__(self) -> None:
        self.plain = normalise_space("".join(run.text for run in self.runs))

    @property
    def link_only(self) -> bool:
        """All of the line is link text, but for separators (navigation, "click to enlarge")."""
        return any(run.href is not None for run in self.runs) and all(
            run.href is not None or not re.sub(r"[\W_]+", "", run.text) for run in self.runs)

    @property
    def hrefs(self) -> list[tuple[str, str]]:
        """(href, link text) of each link on the line."""
        found: dict[str, list[str]] = {}
        for run in self.runs:
            if run.href is not None:
                found.setdefault(run.href, []).append(run.text)
        return [(href, normalise_space("".join(texts))) for href, texts in found.items()]


@dataclass(eq=False)
class PhotoMark:
    """Where a photo's <img> is in the reading order."""

    number: int
    image: int  # ImageUse.number
    ancestors: tuple[int, ...]


Event = Line | PhotoMark
K = TypeVar("K")


class Step(NamedTuple):
    """One thing of a page's body in reading order, as page_events reads it: an element opened or closed, a text,
    a line break, a rule or an image."""

    what: str  # open, close, text, br, hr or img
    tag: str = ""
    mem_id: int = 0  # the element's id (an open, close or img)
    text: str = ""
    loud: bool = False  # an open element that shows its text big
    href: str | None = None  # an <a>'s href (open and close)
    node: LexborNode | None = None  # an <img>: its alt and size, read if it is a link's icon


def page_steps(body: LexborNode) -> list[Step]:
    """The body read once into steps: page_events walks a page two or three times (before chrome is known, after,
    for a gallery's sections), and asking the parsed tree's nodes was most of the import's time on big sites.

    The tree is walked with a stack of its own, not Python's: a page of 600 unclosed <div>s went deeper than the
    recursion limit (Found by tests/test_trust_imports.py)."""
    steps: list[Step] = []
    pending: list[tuple[LexborNode, Step | None]] = [(body, None)]  # (node, its close step once opened)
    while pending:
        node, closing = pending.pop()
        if closing is not None:
            steps.append(closing)
            continue
        tag = node.tag
        if tag == "-text":
            steps.append(Step("text", text=node.text_content or ""))
        elif tag is None or tag.startswith("-") or tag in SKIPPED_TAGS or is_hidden(node):
            continue
        elif tag == "br" or tag == "hr":
            steps.append(Step(tag))
        elif tag == "img":
            steps.append(Step("img", tag, node.mem_id, node=node))
        else:
            href = node.attributes.get("href") if tag == "a" else None
            steps.append(Step("open", tag, node.mem_id, loud=_is_loud(node, tag), href=href))
            pending.append((node, Step("close", tag, node.mem_id, href=href)))
            pending.extend((child, None) for child in reversed(list(node.iter(include_text=True))))
    return steps


def page_events(body: LexborNode, photos: dict[int, int], boundaries: set[int],
                steps: list[Step] | None = None) -> list[Event]:
    """The lines and photo marks of a page's body in reading order.

    photos: element id of each <img> that is a photo -> its ImageUse.number (other images are skipped);
    boundaries: ids of elements that break lines like a block element (each photo's caption container);
    steps: the body's page_steps, when they were read before.
    """
    walker = _Walker(photos, boundaries)
    walker.visit(page_steps(body) if steps is None else steps)
    walker.end_line(paragraph=True)
    return walker.events


@dataclass
class _Walker:
    photos: dict[int, int]
    boundaries: set[int]
    events: list[Event] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    line_ancestors: tuple[int, ...] = ()
    line_kind: str = "p"
    paragraph: int = 0
    stack: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    em: int = 0
    strong: int = 0
    bold: int = 0
    loud: list[bool] = field(default_factory=list)  # per open element: does it make its text big
    links: list[str] = field(default_factory=list)

    def visit(self, steps: list[Step]) -> None:
        for step in steps:
            what = step.what
            if what == "text":
                self.text(step.text)
            elif what == "open":
                self.enter(step)
            elif what == "close":
                self.leave(step)
            elif what == "br":
                self.line_break()
            elif what == "hr":
                self.end_line(paragraph=True)
            else:
                self.image(step)

    def enter(self, step: Step) -> None:
        tag, mem_id = step.tag, step.mem_id
        if tag in BLOCK_TAGS or mem_id in self.boundaries:
            self.end_line(paragraph=True)
        self.stack.append(mem_id)
        self.kinds.append(KINDS.get(tag, ""))
        emphasis = EMPHASIS.get(tag)
        self.em += emphasis == "em"
        self.strong += emphasis == "strong"
        self.bold += tag in BOLD_TAGS
        self.loud.append(step.loud)
        if tag == "a" and step.href is not None:
            self.links.append(step.href)
        if mem_id in self.photos:  # a page or cell that shows a photo as its background
            self.end_line(paragraph=True)
            self.events.append(PhotoMark(len(self.events), self.photos[mem_id], tuple(self.stack)))

    def leave(self, step: Step) -> None:
        tag = step.tag
        if tag == "a" and step.href is not None:
            self.links.pop()
        emphasis = EMPHASIS.get(tag)
        self.em -= emphasis == "em"
        self.strong -= emphasis == "strong"
        self.bold -= tag in BOLD_TAGS
        self.loud.pop()
        self.kinds.pop()
        self.stack.pop()
        if tag in BLOCK_TAGS or step.mem_id in self.boundaries:
            self.end_line(paragraph=True)

    def text(self, text: str) -> None:
        if not self.runs:
            if not text.strip(" \t\n\r\f\v\xa0"):
                return  # whitespace between tags starts no line
            self.line_ancestors = tuple(self.stack)
            self.line_kind = next((k for k in reversed(self.kinds) if k), "p")
        self.runs.append(Run(text, self.em > 0, self.strong > 0, self.links[-1] if self.links else None,
                             any(self.loud), self.bold > 0))

    def image(self, step: Step) -> None:
        if step.mem_id not in self.photos:
            assert step.node is not None
            self.link_icon(step.node)
            return
        self.end_line(paragraph=True)
        self.events.append(PhotoMark(len(self.events), self.photos[step.mem_id], (*self.stack, step.mem_id)))
        self.end_line(paragraph=True)

    def link_icon(self, node: LexborNode) -> None:
        """A small icon that is a link, after words on the line ("f Stig Ahnlund. [icon]": a genealogy's way to
        a relative's sheet): the link stays in the text, the icon's alt its words."""
        alt = normalise_space(node.attributes.get("alt") or "")
        if not (self.links and self.runs and alt and _declared_small(node)):
            return
        self.runs.append(Run(" ", self.em > 0, self.strong > 0))
        self.runs.append(Run(alt, self.em > 0, self.strong > 0, self.links[-1]))

    def line_break(self) -> None:
        if self.runs:
            self.end_line(paragraph=False)
        else:
            self.end_line(paragraph=True)  # <br><br>: a new paragraph

    def end_line(self, paragraph: bool) -> None:
        if self.runs and self.line_kind in HEADINGS:
            self.runs = [run for run in self.runs if not _citation_mark(run)]
        if self.runs:
            line = Line(len(self.events), self.runs, self.paragraph, self.line_kind, self.line_ancestors)
            if line.plain:
                self.events.append(line)
            self.runs = []
        if paragraph:
            self.paragraph += 1


def _declared_small(node: LexborNode) -> bool:
    sides = [node.attributes.get(name) or "" for name in ("width", "height")]
    return all(side.strip().isdigit() and int(side) <= LINK_ICON_PIXELS for side in sides)


def _is_loud(node: LexborNode, tag: str) -> bool:
    """Does the element show its text big: <big>, <font size="5"> (or "+2"), a style's font-size from 'large' up
    (18px, 14pt). Bold alone is no heading's look: families write captions in bold."""
    if tag in LOUD_TAGS:
        return True
    size = (node.attributes.get("size") or "").strip() if tag == "font" else ""
    if size.lstrip("+").isdigit() and (int(size.lstrip("+")) >= 1 if size.startswith("+") else int(size) >= 5):
        return True
    style = node.attributes.get("style") or ""
    if LOUD_KEYWORD.search(style):
        return True
    found = LOUD_LENGTH.search(style)
    return found is not None and float(found[1]) >= (18 if found[2].lower() == "px" else 14)


def _citation_mark(run: Run) -> bool:
    """A heading's link to a note on the same page ("Toenges, Mamie 1a 2a": genealogy programs' source
    citations, written as superscript links to #sref1a): no part of the heading's words."""
    return run.href is not None and run.href.startswith("#") and CITATION_MARK.fullmatch(run.text.strip()) is not None


CITATION_MARK = re.compile(r"\[?(?:\d{1,3}[a-z]?|[a-z]|[*†‡§])\]?")  # 1, 1a, a, *, [2]


# -- Markdown ------------------------------------------------------------------------------------------------

def lines_markdown(lines: list[Line], link: LinkFn, *, emphasis: bool = True, links: bool = True,
                   structure: bool = True) -> str:
    """Lines as Markdown blocks: a paragraph's lines joined by hard breaks, paragraphs by blank lines.

    structure=False writes every block as a plain paragraph (a caption is no list or heading).
    """
    blocks: list[str] = []
    paragraph: list[Line] = []
    for line in lines:
        if paragraph and (line.paragraph != paragraph[0].paragraph or line.kind != paragraph[0].kind):
            blocks.append(_block(paragraph, link, emphasis, links, structure))
            paragraph = []
        paragraph.append(line)
    if paragraph:
        blocks.append(_block(paragraph, link, emphasis, links, structure))
    return "\n\n".join(block for block in blocks if block)


def _block(lines: list[Line], link: LinkFn, emphasis: bool, links: bool, structure: bool) -> str:
    texts = [inline_markdown(line.runs, link, emphasis=emphasis, links=links) for line in lines]
    kind = lines[0].kind if structure else "p"
    if kind in HEADINGS:
        return "#" * max(2, int(kind[1])) + " " + " ".join(texts)
    if kind == "li":
        return "- " + "\\\n  ".join(texts)
    if kind == "quote":
        return "> " + "\\\n> ".join(texts)
    return "\\\n".join(texts)


def inline_markdown(runs: list[Run], link: LinkFn, *, emphasis: bool = True, links: bool = True) -> str:
    """One line's runs as inline Markdown: text escaped, emphasis and links kept (or not)."""
    runs = _collapsed(runs)
    if not runs:
        return ""
    whole_em = all(run.em for run in runs if run.text.strip())
    whole_strong = all(run.strong for run in runs if run.text.strip())
    styled = [Run(run.text, run.em and not whole_em and emphasis, run.strong and not whole_strong and emphasis,
                  (link(run.href) if run.href is not None else None) if links else None) for run in runs]
    pieces: list[str] = []
    for target, group in _grouped(styled, lambda run: run.href):
        inner = "".join(_styled_text(style, members, first=not pieces)
                        for style, members in _grouped(group, lambda run: (run.em, run.strong)))
        pieces.append(_linked(inner, target) if target else inner)
    return "".join(pieces)


def _collapsed(runs: list[Run]) -> list[Run]:
    """Whitespace collapsed across runs; the line's ends trimmed; empty runs gone."""
    result: list[Run] = []
    space_before = True
    for run in runs:
        text = re.sub(r"[ \t\n\r\f\v\xa0]+", " ", run.text)
        if space_before:
            text = text.lstrip(" ")
        if text:
            result.append(Run(text, run.em, run.strong, run.href))
            space_before = text.endswith(" ")
    while result and not result[-1].text.rstrip(" "):
        result.pop()
    if result:
        last = result[-1]
        result[-1] = Run(last.text.rstrip(" "), last.em, last.strong, last.href)
    return result


def _grouped(runs: list[Run], key: Callable[[Run], K]) -> list[tuple[K, list[Run]]]:
    groups: list[tuple[K, list[Run]]] = []
    for run in runs:
        if groups and groups[-1][0] == key(run):
            groups[-1][1].append(run)
        else:
            groups.append((key(run), [run]))
    return groups


def _styled_text(style: tuple[bool, bool], runs: list[Run], first: bool) -> str:
    text = "".join(run.text for run in runs)
    escaped = escape_markdown(text, line_start=first)
    marker = {(True, False): "*", (False, True): "**", (True, True): "***"}.get(style, "")
    if not marker or not text.strip():
        return escaped
    # Emphasis can't open or close on a space: keep the spaces outside the markers.
    core = escaped.strip(" ")
    lead, trail = escaped[: len(escaped) - len(escaped.lstrip(" "))], escaped[len(escaped.rstrip(" ")):]
    return f"{lead}{marker}{core}{marker}{trail}"


def _linked(inner: str, target: str) -> str:
    core = inner.strip(" ")
    if not core:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip(" "))], inner[len(inner.rstrip(" ")):]
    if re.search(r"[\s()<>]", target):
        target = "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"{lead}[{core}]({target}){trail}"


# Characters that mean something in Markdown anywhere in a line, and at its start.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^([#>+=|-]|\d{1,9}(?=[.)]))")


def escape_markdown(text: str, line_start: bool = False) -> str:
    """Text that Markdown shows exactly as written (no emphasis, links, lists or headings made of it)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)  # &copy; written in a caption stays the 6 characters
    text = re.sub(r"~(?=~)|(?<=~)~", r"\\~", text)  # ~~ would strike through
    if line_start:
        if text.startswith("~"):
            text = "\\" + text
        match = _LINE_START.match(text)
        if match:
            end = match.end()
            if match.group(1)[0].isdigit():
                text = text[:end] + "\\" + text[end:]  # "1944. In" would start a numbered list
            else:
                text = "\\" + text
    return text
