"""Captions and narratives: Markdown with `item:ID` (and `topic:`, `place:`) links between records.

Raw HTML is never passed through: markdown-it escapes it, and its link validator refuses
`javascript:`, `vbscript:`, `file:` and `data:` URLs, so a caption cannot inject script.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

INTERNAL_SCHEMES = ("item", "topic", "place")

_md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])

Resolver = Callable[[str, str], str | None]  # (scheme, id) -> relative URL, or None when unknown


@dataclass(frozen=True)
class Reference:
    scheme: str
    target: str
    line: int  # 0-based line within the Markdown text


def _references(text: str, tokens: list[Token]) -> list[Reference]:
    """Every `item:`/`topic:`/`place:` link in a Markdown text, with its line."""
    found = []
    lines = text.split("\n")
    for block, token in _links(tokens):
        scheme, target = _internal(token.attrGet("href"))
        if scheme:
            found.append(Reference(scheme, target, _line_of(f"{scheme}:", target, block, lines)))
    return found


def _embedded_images(text: str, tokens: list[Token]) -> list[Reference]:
    """Every image a Markdown text embeds (`![alt](src)`), with its line: none is shown (see render_markdown)."""
    found = []
    lines = text.split("\n")
    for block in tokens:
        for child in block.children or []:
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                found.append(Reference("image", src, _line_of("](", src, block, lines)))
    return found


def render_markdown(text: str, resolve: Resolver) -> Markup:
    """Markdown -> safe HTML; internal links become relative URLs, unknown ones plain text.

    Text embeds no images: `![a tracker](https://other.example/p.png)` made every reader's browser call another
    server, and `![x](item:x)` was a broken image (found by tests/test_trust_hostile.py). An image is shown as
    its words: `![the bridge](item:bridge)` as a link to that photograph, any other as its alt text alone;
    `albumen check` warns where. Photographs are items, shown in galleries and on their own pages."""
    tokens = _md.parse(text)
    _images_as_words(tokens)
    for _, token in _links(tokens):
        scheme, target = _internal(token.attrGet("href"))
        if scheme:
            url = resolve(scheme, target)
            if url is None:
                token.attrs.pop("href", None)
                token.tag = "span"
            else:
                token.attrSet("href", url)
                token.attrSet("class", f"{scheme}-link")
        elif str(token.attrGet("href") or "").startswith(("http://", "https://")):
            token.attrSet("rel", "noopener")
    _close_unlinked_spans(tokens)
    return Markup(_md.renderer.render(tokens, _md.options, {}))


def _images_as_words(tokens: list[Token]) -> None:
    """Each image token -> its alt text, inside a link when it names an item (`item:ID`)."""
    for block in tokens:
        children = block.children or []
        for index in range(len(children) - 1, -1, -1):
            image = children[index]
            if image.type != "image":
                continue
            words = Token("text", "", 0, content=image.content)
            scheme, target = _internal(image.attrGet("src"))
            if scheme == "item":
                opening = Token("link_open", "a", 1, attrs={"href": f"item:{target}"})
                children[index:index + 1] = [opening, words, Token("link_close", "a", -1)]
            else:
                children[index] = words


def _plain_text(tokens: list[Token]) -> str:
    """The words of a Markdown text without its markup, for descriptions and alt text."""
    words: list[str] = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline", "image"):  # an image is shown as its words
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            words.append(" ")
    return " ".join("".join(words).split())


def _links(tokens: list[Token]) -> Iterator[tuple[Token, Token]]:
    for block in tokens:
        for child in block.children or []:
            if child.type == "link_open":
                yield block, child


def _close_unlinked_spans(tokens: list[Token]) -> None:
    """A link_open turned into a span needs its link_close turned too."""
    for block in tokens:
        stack: list[Token] = []
        for child in block.children or []:
            if child.type == "link_open":
                stack.append(child)
            elif child.type == "link_close" and stack:
                child.tag = stack.pop().tag


def _internal(href: str | int | float | None) -> tuple[str, str]:
    if not isinstance(href, str) or ":" not in href:
        return "", ""
    scheme, _, target = href.partition(":")
    if scheme in INTERNAL_SCHEMES and target:
        # Ids are NFC (as load makes them from file names): `item:café` typed with a combining accent (NFD, as
        # macOS writes) is the same id. Found by tests/test_bad_names.py.
        return scheme, unicodedata.normalize("NFC", unquote(target))
    return "", ""


def _line_of(prefix: str, target: str, block: Token, lines: list[str]) -> int:
    start, end = block.map if block.map else (0, len(lines))
    for number in range(start, min(end, len(lines))):
        if prefix + target in unicodedata.normalize("NFC", lines[number]):
            return number
    return start


# -- what a text gives, kept between builds ---------------------------------------------------------------------
# A build asks every caption three things (its links for check, its images for check, its words for the search
# data): 30,000 Markdown parses at 10,000 items, most of an edit's build. They depend on the text alone, so they
# are kept by text (in memory, and between builds in .albumen/: text_memo.py), all three from one parse.

MEMO: dict[str, dict[str, object]] = {"references": {}, "embedded": {}, "plain": {}}
USED: dict[str, set[str]] = {"references": set(), "embedded": set(), "plain": set()}


def _kept(kind: str, text: str) -> object:
    memo = MEMO[kind]
    value = memo.get(text)
    if value is None:  # one parse gives all three: each text is asked for each (check, then render)
        tokens = _md.parse(text)
        MEMO["references"][text] = tuple(_references(text, tokens))
        MEMO["embedded"][text] = tuple(_embedded_images(text, tokens))
        MEMO["plain"][text] = _plain_text(tokens)
        value = memo[text]
    USED[kind].add(text)
    return value


def references(text: str) -> list[Reference]:
    """Every `item:`/`topic:`/`place:` link in a Markdown text, with its line."""
    return list(_kept("references", text))  # type: ignore[call-overload]


def embedded_images(text: str) -> list[Reference]:
    """Every image a Markdown text embeds (`![alt](src)`), with its line: none is shown (see render_markdown)."""
    return list(_kept("embedded", text))  # type: ignore[call-overload]


def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup, for descriptions and alt text."""
    return str(_kept("plain", text))
