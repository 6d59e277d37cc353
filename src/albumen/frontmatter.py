"""Markdown files with YAML front matter, read with the line of every key kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's parser when PyYAML has it (ten times faster on a big archive), else the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates as text: `date: 1944-10-05` must stay the EDTF string a person wrote."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    lines: dict[str, int]  # front-matter key -> line in the file (1-based)
    body: str
    body_line: int  # the line of the file where the body starts
    # Each field's text as written (a scalar, or a list of scalars): `title: 0x10` is the text "0x10",
    # not the number 16 YAML reads it as.
    written: dict[str, str | list[str]] = field(default_factory=dict)
    # For a key whose value is a list: the line of each entry (an item's `images:`, for located errors).
    entry_lines: dict[str, list[int]] = field(default_factory=dict)


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or a FrontMatterError that says how to fix it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Say which encoding it probably is, and show the line, so that a person can find the character.
        # Found by tests/test_bad_names.py.
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FrontMatterError(1, "this file is UTF-16 text (what Windows Notepad calls 'Unicode'); open it in "
                                   "an editor and save it as UTF-8") from exc
        line = raw[: exc.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        end = raw.find(b"\n", exc.start)
        near = " ".join(raw[start: end if end >= 0 else len(raw)].decode("cp1252", "replace").split())
        raise FrontMatterError(line, "this file is not UTF-8 text (maybe Windows-1252 or Latin-1, where this "
                               f"line reads '{near[:80]}'); open it in an editor and save it as UTF-8") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """Parse YAML, keeping the node tree for line numbers. first_line: where the text starts in its file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()  # parsed once: the nodes give line numbers, then the values
        _refuse_aliases(node, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opens
        line = first_line + mark.line if mark is not None else None
        what = exc.problem or "invalid YAML"
        raise FrontMatterError(line, f"invalid YAML: {what}; check the indentation, colons and quotes "
                               "on this line") from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
    return data, node


def _refuse_aliases(node: yaml.Node | None, first_line: int) -> None:
    """Anchors and aliases (&a, *a) can make a few lines expand to gigabytes: none in an archive's files."""
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise FrontMatterError(first_line + current.start_mark.line, "anchors and aliases (&name, *name) are "
                                   "not allowed here; write the value out in full")
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in current.value for n in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def key_lines(node: yaml.Node | None, first_line: int = 1) -> dict[str, int]:
    """For a mapping node: each key's line in the file."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(k.value): first_line + k.start_mark.line
        for k, _ in node.value
        if isinstance(k, yaml.ScalarNode)
    }


def entry_lines(node: yaml.Node | None, first_line: int = 1) -> dict[str, list[int]]:
    """For a mapping node: for each key whose value is a list, the line of each of its entries."""
    found: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode):
                found[str(key.value)] = [first_line + entry.start_mark.line for entry in value.value]
    return found


def written_scalars(node: yaml.Node | None) -> dict[str, str | list[str]]:
    """For a mapping node: each key's value as the text written in the file."""
    written: dict[str, str | list[str]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                written[str(key.value)] = value.value
            elif isinstance(value, yaml.SequenceNode) and all(isinstance(v, yaml.ScalarNode) for v in value.value):
                written[str(key.value)] = [v.value for v in value.value]
    return written


def read_document(text: str, *, require_front_matter: bool) -> Document:
    """Split `---` front matter from the Markdown body and parse it."""
    lines = text.split("\n")
    # Only a '---' at the start of a line opens or closes front matter: an indented one is YAML text.
    if not lines or lines[0].rstrip() != "---":
        if require_front_matter:
            raise FrontMatterError(1, "the file must start with a '---' line, then the fields "
                                   "(title: ..., image: ...), then another '---' line")
        return Document({}, {}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "the front matter starts with '---' but no closing '---' line follows")
    yaml_text = "\n".join(lines[1:index])
    data, node = parse_yaml(yaml_text, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "the front matter must be 'field: value' lines")
    body_lines = lines[index + 1:]
    blank = next((n for n, line in enumerate(body_lines) if line.strip()), len(body_lines))
    body = "\n".join(body_lines[blank:]).rstrip("\n")
    return Document(data, key_lines(node, first_line=2), body, index + 2 + blank, written_scalars(node),
                    entry_lines(node, first_line=2))
