"""The Jinja2 environment of the theme's templates: its loader, compiled-template cache, filters, and the URL
functions of albumen.urls as globals (so templates and Python link alike)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from albumen import citation
from albumen.markup import plain_text
from albumen.theme_files import THEME
from albumen.urls import creator_url, decade_anchor, map_anchor, on_map, subject_url, url_for


@cache
def template_environment(compiled: Path) -> Environment:
    """One for the process: templates are compiled once (Jinja reloads a template whose file changed), and
    kept compiled in `compiled` (under .albumen/) for the next build: a tenth of a second saved each time."""
    compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=FileSystemLoader(str(THEME / "templates")),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain_text
    env.filters["excerpt"] = excerpt
    env.filters["pretty_json"] = pretty_json
    # Every URL a template links to comes from urls.py: the same functions as Python's.
    env.globals.update(url_for=url_for, subject_url=subject_url, creator_url=creator_url,
                       decade_anchor=decade_anchor, map_anchor=map_anchor, on_map=on_map)
    return env


def pretty_json(data: Any) -> str:
    """JSON for people to read and copy (shown as text, so the page escapes it); lists of numbers (CSL's
    date-parts) on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub(r"\[\s+([-\d.,\s]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)


def excerpt(text: str, length: int = 160) -> str:
    words = citation.caption_words(text)
    return words if len(words) <= length else words[: length - 1].rsplit(" ", 1)[0] + "…"
