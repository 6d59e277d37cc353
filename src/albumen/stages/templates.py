"""The Jinja2 environment of the theme's templates: its loader, compiled-template cache, filters, and the URL
functions of albumen.urls as globals (so templates and Python link alike)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.loaders import split_template_path

from albumen import citation
from albumen.markup import plain_text
from albumen.theme_files import THEME, ArchiveTheme, inside
from albumen.urls import creator_url, decade_anchor, map_anchor, on_map, subject_url, theme_file_url, url_for


@cache
def template_environment(compiled: Path, theme: ArchiveTheme | None = None) -> Environment:
    """One for the process and archive theme: templates are compiled once (Jinja reloads a template whose file
    changed; an override added or removed changes the theme's digest, hence the environment), and kept compiled in
    `compiled` (under .albumen/) for the next build: a tenth of a second saved each time."""
    compiled.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=theme_loader(theme),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # gettext and ngettext come with each page's variables, in its site's language (stages/page_context.py).
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["plain"] = plain_text
    env.filters["excerpt"] = excerpt
    env.filters["pretty_json"] = pretty_json
    # Every URL a template links to comes from urls.py: the same functions as Python's.
    env.globals.update(url_for=url_for, subject_url=subject_url, creator_url=creator_url,
                       decade_anchor=decade_anchor, map_anchor=map_anchor, on_map=on_map,
                       theme_file_url=theme_file_url)
    return env


def theme_loader(theme: ArchiveTheme | None) -> BaseLoader:
    """The archive's theme/templates/ first (as mkdocs' custom_dir), then the package's templates."""
    package = FileSystemLoader(str(THEME / "templates"))
    if theme is None or theme.templates is None:
        return package
    # "albumen/base.html" is always the package's: an override named base.html can extend it, changing a block.
    return ChoiceLoader([_ArchiveTemplates(theme.templates, theme.root), package,
                         PrefixLoader({"albumen": package})])


class _ArchiveTemplates(FileSystemLoader):
    """An archive's own templates: one that is no regular file, or leads out of the archive, is not there."""

    def __init__(self, folder: Path, root: Path) -> None:
        super().__init__(str(folder))
        self.folder, self.root = folder, root

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        path = self.folder.joinpath(*split_template_path(template))  # refuses '..'
        if not (path.is_file() and inside(path, self.root)):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def pretty_json(data: Any) -> str:
    """JSON for people to read and copy (shown as text, so the page escapes it); lists of numbers (CSL's
    date-parts) on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub(r"\[\s+([-\d.,\s]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)


def excerpt(text: str, length: int = 160) -> str:
    words = citation.caption_words(text)
    return words if len(words) <= length else words[: length - 1].rsplit(" ", 1)[0] + "…"
