"""Change a few fields of a person's file and leave every other byte as it was, comments included.

The studio writes the files a person would write. A YAML library that loads and dumps the whole file would
re-indent it, re-quote it and drop comments, so each field is changed in place instead: PyYAML's node marks
give where a value starts and ends in the text, and only that span is rewritten. The result is read back
and compared with what was asked (`checked_edit`), so a mistake here can never write a different archive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from albumen.frontmatter import FrontMatterError, parse_yaml, read_document

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A value the person left empty is removed from the file rather than written as `key: ""`.
EMPTY: tuple[Any, ...] = (None, "", [], ())


class EditError(ValueError):
    """The file can't be changed safely (no front matter, a value written in an unusual way)."""


@dataclass(frozen=True)
class Span:
    """Where one `key: value` pair is in the text: the key's start, the colon, the value's end."""

    key_start: int
    colon: int
    value_end: int


def yaml_value(value: Any) -> str:
    """A value as one line of YAML that reads back as the same text, list or number."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_value(k)}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool) or value is None:
        raise EditError(f"can't write {value!r}")
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _reads_back_plain(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _reads_back_plain(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or re.search(r"[:#,\[\]{}&*!|>'\"%@`]", text):
        return False
    try:
        loaded = yaml.load(f"[{text}]", Loader=_Loader)  # noqa: S506 - the safe loader
        # and as a block value too: `creator: -` is a list entry there, though [-] is the text '-' (found by
        # test_studio_files.py's property, on a CI run)
        block = yaml.load(f"k: {text}", Loader=_Loader)  # noqa: S506 - the safe loader
    except yaml.YAMLError:
        return False
    # Dates stay text in an archive (frontmatter.py), but a plain 1944-10-05 would read back as a date elsewhere.
    return bool(loaded == [text] and block == {"k": text}) and not re.match(r"^\d{4}-\d\d-\d\d", text)


def pair_spans(text: str, mapping: yaml.MappingNode) -> dict[str, Span]:
    """Each key of a mapping node -> its span in `text` (the text the node was composed from)."""
    spans = {}
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        colon = text.index(":", key.end_mark.index)
        end = max(value.end_mark.index, colon + 1)
        while end > colon + 1 and text[end - 1] in "\r\n":  # block scalars and sequences end after a newline
            end -= 1
        spans[str(key.value)] = Span(key.start_mark.index, colon, end)
    return spans


def edit_mapping(text: str, mapping: yaml.MappingNode, changes: Mapping[str, Any], *, newline: str,
                 insert_at: int | None = None) -> str:
    """Set, replace or remove keys of one mapping in `text`; other bytes are kept.

    insert_at: where new keys go (the front matter's closing line); by default after the mapping's last pair.
    """
    spans = pair_spans(text, mapping)
    nodes = {str(k.value): v for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}
    flow = mapping.flow_style
    indent = " " * mapping.start_mark.column
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    for key, value in changes.items():
        span = spans.get(key)
        if span is None:
            if value not in EMPTY:
                added.append(f"{key}: {yaml_value(value)}")
        elif value in EMPTY:
            edits.append(_removal(text, span, flow))
        else:
            edits.append((span.colon + 1, span.value_end, _in_style_of(nodes[key], value, newline)))
    if added:
        edits.append(_insertion(text, mapping, spans, added, flow, indent, newline, insert_at))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _in_style_of(node: yaml.Node, value: Any, newline: str) -> str:
    """The new value, after the colon, written the way the old one was: a block list stays a block list,
    a double- or single-quoted text stays quoted so."""
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and isinstance(value, (list, tuple)) \
            and all(isinstance(v, str) for v in value):
        indent = " " * node.start_mark.column
        return "".join(f"{newline}{indent}- {yaml_value(v)}" for v in value)
    if isinstance(node, yaml.ScalarNode) and isinstance(value, str) and "\n" not in value:
        if node.style == '"':
            return " " + json.dumps(value, ensure_ascii=False)
        if node.style == "'":
            return " '" + value.replace("'", "''") + "'"
    return " " + yaml_value(value)


def _removal(text: str, span: Span, flow: bool) -> tuple[int, int, str]:
    if flow:  # `{id: x, lat: 1}`: the pair and the comma before it
        start = text.rfind(",", 0, span.key_start)
        return (start if start >= 0 else span.key_start, span.value_end, "")
    line_start = text.rfind("\n", 0, span.key_start) + 1
    line_end = text.find("\n", span.value_end)
    return (line_start, len(text) if line_end < 0 else line_end + 1, "")


def _insertion(text: str, mapping: yaml.MappingNode, spans: dict[str, Span], added: list[str], flow: bool,
               indent: str, newline: str, insert_at: int | None) -> tuple[int, int, str]:
    if flow:
        close = text.rfind("}", 0, mapping.end_mark.index)
        return (close, close, (", " if spans else "") + ", ".join(added))
    if insert_at is not None:
        return (insert_at, insert_at, "".join(line + newline for line in added))
    last = max(span.value_end for span in spans.values())
    return (last, last, "".join(newline + indent + line for line in added))


# -- front matter ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parts:
    """A Markdown file with front matter, cut where the YAML and the body are."""

    yaml_start: int  # after the opening '---' line
    yaml_end: int  # where the closing '---' line starts
    body_start: int  # the first character of the body (after the blank lines under '---')
    newline: str


def front_matter_parts(text: str) -> Parts:
    newline = "\r\n" if "\r\n" in text else "\n"
    start = 1 if text.startswith("\ufeff") else 0
    first_end = text.find("\n", start)
    if first_end < 0 or text[start:first_end].rstrip() != "---":
        raise EditError("the file has no front matter (a first line '---')")
    position = first_end + 1
    while position <= len(text):
        end = text.find("\n", position)
        line = text[position: len(text) if end < 0 else end]
        if line.rstrip() in ("---", "..."):
            body = len(text) if end < 0 else end + 1
            while body < len(text) and text[body] in "\r\n":
                body += 1
            return Parts(first_end + 1, position, body, newline)
        if end < 0:
            break
        position = end + 1
    raise EditError("the front matter has no closing '---' line")


def edit_front_matter(text: str, changes: Mapping[str, Any], body: str | None = None) -> str:
    """The file with its front matter's `changes` applied and, when given, its body replaced."""
    parts = front_matter_parts(text)
    yaml_text = text[parts.yaml_start: parts.yaml_end]
    node = _compose(yaml_text)
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        raise EditError("the front matter is not 'field: value' lines")
    new_yaml = edit_mapping(yaml_text, node, changes, newline=parts.newline, insert_at=len(yaml_text))
    head = text[: parts.yaml_start] + new_yaml + text[parts.yaml_end: parts.body_start]
    if body is None:
        return head + text[parts.body_start:]
    written = body.replace("\r\n", "\n").strip("\n")
    if parts.newline == "\r\n":
        written = written.replace("\n", "\r\n")
    if not written:
        return head
    if parts.body_start == len(text) and not head.endswith(parts.newline * 2):
        head += parts.newline  # a body after an empty one: a blank line under '---', as people write it
    return head + written + parts.newline


def checked_edit(text: str, changes: Mapping[str, Any], body: str | None = None) -> str:
    """edit_front_matter, then proof: the new file reads back with exactly the asked values, the rest unchanged."""
    updated = edit_front_matter(text, changes, body)
    before = read_document(_normalised(text), require_front_matter=True)
    try:
        after = read_document(_normalised(updated), require_front_matter=True)
    except FrontMatterError as exc:
        raise EditError(f"the change would make the file unreadable ({exc.message})") from exc
    expected = {k: v for k, v in before.meta.items() if k not in changes}
    expected.update({k: _as_read(v) for k, v in changes.items() if v not in EMPTY})
    if after.meta != expected:
        raise EditError("the change would alter other fields of the file; nothing was written")
    if after.body != (before.body if body is None else body.replace("\r\n", "\n").strip("\n")):
        raise EditError("the change would alter the text of the file; nothing was written")
    return updated


def edit_sequence_entry(text: str, match: Mapping[str, str], changes: Mapping[str, Any]) -> str:
    """In a YAML list of mappings (places.yaml), change the entry whose fields equal `match`."""
    node = _compose(text)
    if not isinstance(node, yaml.SequenceNode):
        raise EditError("the file is not a list")
    newline = "\r\n" if "\r\n" in text else "\n"
    for entry in node.value:
        if isinstance(entry, yaml.MappingNode) and all(
                any(isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode)
                    and v.value == wanted for k, v in entry.value) for key, wanted in match.items()):
            return edit_mapping(text, entry, changes, newline=newline)
    raise EditError(f"no entry with {dict(match)}")


def _compose(text: str) -> yaml.Node | None:
    try:
        return parse_yaml(text)[1]
    except FrontMatterError as exc:
        raise EditError(exc.message) from exc


def _normalised(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n")


def _as_read(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
