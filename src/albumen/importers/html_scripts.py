"""Captions an old site keeps only in JavaScript: string literals in simple arrays and objects, never run.

Photoshop's Web Photo Gallery (frames style) writes each photo's row into a script,
`myImagesIndexed[i] = new Array("IMG_0101.jpg", "Aunt May at the dock", "", "", "", "IMG_0101.jpg")`, and fills the
photo page's empty spans from it in the browser; other gallery makers write `["x.jpg", "caption"]` or
`{src: "x.jpg", caption: "..."}`. A group of literals that names one of the photo's files gives its caption: the
first string that is no file name, URL or number.

The tokenizer reads only what it needs (strings with their escapes, comments, brackets, commas); a full JavaScript
parser (calmjs.parse, esprima) refuses the scripts old pages hold (`<!--` in them, statements cut off), and
nothing here needs more than the literals.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from albumen.importers.oldsite import IMAGE_EXTENSIONS

OPENERS = {"(": ")", "[": "]", "{": "}"}
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
FILE_NAME = re.compile(rf"^[^\s/\\]+\.(?:{IMAGE_EXTENSIONS}|s?html?)$", re.IGNORECASE)
NOT_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|\.\.?/|#)|^[\d\s.,:;%/-]*$", re.IGNORECASE)  # URLs, paths, numbers
REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")  # a '/' after one of these starts a regular expression
MAX_SCRIPT = 2 * 2**20  # more script than any gallery's: the rest is not read


@dataclass
class _Group:
    """The direct members of one (...), [...] or {...}: its strings, and whether anything else was in it."""

    closer: str
    strings: list[str] = field(default_factory=list)
    other: bool = False


def literal_groups(script: str) -> list[list[str]]:
    """The strings of each bracket group whose members are only string literals (an object's keys and values
    count), in the order the groups close; a group with anything else in it (a variable, a call) is left out."""
    groups: list[list[str]] = []
    stack: list[_Group] = []
    text = script[:MAX_SCRIPT]
    index, last = 0, ""  # last: the last significant character, to tell a regular expression from a division
    while index < len(text):
        char = text[index]
        if char in "\"'`":
            value, index = _string(text, index)
            if stack and value is not None:
                stack[-1].strings.append(value)
            elif stack:
                stack[-1].other = True  # a template with ${...}, or a string cut off
            last = '"'
            continue
        if text.startswith(("//", "<!--", "-->"), index):
            index = _line_end(text, index)
            continue
        if text.startswith("/*", index):
            end = text.find("*/", index + 2)
            index = len(text) if end < 0 else end + 2
            continue
        if char == "/" and (last in REGEX_BEFORE or not last):
            index = _regex_end(text, index)
            last = '"'
            continue
        if char in OPENERS:
            stack.append(_Group(OPENERS[char]))
        elif stack and char == stack[-1].closer:
            group = stack.pop()
            if group.strings and not group.other:
                groups.append(group.strings)
            if stack:
                stack[-1].other = True  # a group inside a group is no string of it
        elif stack and (char.isalnum() or char in "_$"):
            word = re.match(r"[\w$]+\s*(:)?", text[index:])
            assert word is not None
            stack[-1].other |= word[1] is None  # an object's key (`caption:`) is no member of its own
            index += len(word[0]) - 1
        elif stack and not char.isspace() and char not in ",:;":
            stack[-1].other = True
        if not char.isspace():
            last = char
        index += 1
    return groups


def captions_by_file(scripts: list[str]) -> dict[str, str]:
    """File name (lower case, no folder) -> the caption a script's literals give it, for each group that names
    exactly one file and has a text besides; the first script that captions a file wins."""
    found: dict[str, str] = {}
    for script in scripts:
        for strings in literal_groups(script):
            names = {posixpath.basename(s.replace("\\", "/").replace("%20", " ")).casefold()
                     for s in strings if FILE_NAME.match(posixpath.basename(s.replace("\\", "/")).strip())}
            texts = [" ".join(s.split()) for s in strings if _is_text(s)]
            if len(names) == 1 and texts:
                found.setdefault(names.pop(), texts[0])
    return found


def _is_text(value: str) -> bool:
    words = " ".join(value.split())
    return bool(words) and not NOT_TEXT.match(words) and not FILE_NAME.match(posixpath.basename(words)) \
        and "<" not in words and "(" not in words.split(" ", 1)[0]


def _string(text: str, start: int) -> tuple[str | None, int]:
    """The value of the string literal at `start` and the index after it; None for one that is cut off or a
    template with ${...} in it."""
    quote, index, out = text[start], start + 1, list[str]()
    while index < len(text):
        char = text[index]
        if char == quote:
            return "".join(out), index + 1
        if char == "\n" and quote != "`":
            return None, index  # a quote never closed on its line
        if quote == "`" and text.startswith("${", index):
            end = text.find("`", index)
            return None, len(text) if end < 0 else end + 1
        if char == "\\" and index + 1 < len(text):
            value, index = _escape(text, index + 1)
            out.append(value)
            continue
        out.append(char)
        index += 1
    return None, index


def _escape(text: str, index: int) -> tuple[str, int]:
    """The character an escape stands for (after its backslash at index - 1) and the index after it."""
    char = text[index]
    if char in ESCAPES and not (char == "0" and text[index + 1:index + 2].isdigit()):
        return ESCAPES[char], index + 1
    if char == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[index + 1:index + 3]):
        return chr(int(text[index + 1:index + 3], 16)), index + 3
    if char == "u":
        braced = re.match(r"\{([0-9a-fA-F]{1,6})\}", text[index + 1:index + 9])
        if braced and int(braced[1], 16) <= 0x10FFFF:
            return chr(int(braced[1], 16)), index + 1 + len(braced[0])
        if re.fullmatch(r"[0-9a-fA-F]{4}", text[index + 1:index + 5]):
            return chr(int(text[index + 1:index + 5], 16)), index + 5
    if char == "\r" and text[index + 1:index + 2] == "\n":
        return "", index + 2  # a line continued
    if char in "\r\n\u2028\u2029":
        return "", index + 1
    return char, index + 1  # \' \" \\ and any other character: itself


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _regex_end(text: str, start: int) -> int:
    """The index after a regular expression literal (or after the line, if it never ends): its quotes are no
    strings."""
    index, in_class = start + 1, False
    while index < len(text) and text[index] != "\n":
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            return index + 1
        index += 1
    return index
