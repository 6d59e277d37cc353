"""The site's language: which shipped catalog speaks it, its writing direction, and gettext for templates.

Catalogs are shipped as .po files (src/albumen/locale/LANG/LC_MESSAGES/albumen.po) and compiled in memory
with Babel when first used (a few milliseconds): a fresh clone, an editable install and a wheel all work with
no compile step, and no generated .mo file can drift from the .po a person edited.
English is the source language: its strings are the msgids, so an English site never depends on a catalog.
"""

from __future__ import annotations

import datetime
import functools
import gettext as gettext_module
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from albumen.date_words import WORDS

LOCALE_DIR = files("albumen") / "locale"
DOMAIN = "albumen"
SOURCE = "en"
# The catalogs shipped with albumen, by their folder name (Babel's locale identifiers).
SHIPPED = ("en", "de", "fr", "es", "zh_Hans", "ja", "he")
# Chinese written in traditional characters has no catalog of its own yet: it reads English, not simplified.
_TRADITIONAL = {"Hant", "TW", "HK", "MO"}


@dataclass(frozen=True)
class Language:
    """A site's language: its BCP 47 tag (as albumen.toml writes it), the catalog that speaks it, and the
    Babel locale that names its months and says its writing direction."""

    tag: str
    catalog: str
    locale: Locale

    @property
    def is_source(self) -> bool:
        return self.catalog == SOURCE

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr' (Hebrew, Arabic, Persian ... are written right to left)."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


@functools.cache
def language(tag: str | None) -> Language:
    """The language of a BCP 47 tag: 'zh-Hans', 'zh-CN' and 'zh' read the zh_Hans catalog, 'de-AT' the de one;
    a language albumen has no catalog for reads English (its dates too), keeping its own direction."""
    tag = (tag or SOURCE).strip() or SOURCE
    try:
        locale = Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        try:
            locale = Locale.parse(tag.replace("_", "-").split("-")[0], sep="-")
        except (ValueError, UnknownLocaleError):
            locale = Locale("en")
    return Language(tag, _catalog_for(locale), locale)


def _catalog_for(locale: Locale) -> str:
    code = locale.language
    if code == "iw":  # the old code of Hebrew
        code = "he"
    if code == "zh":
        traditional = locale.script == "Hant" or (locale.script is None and locale.territory in _TRADITIONAL)
        return SOURCE if traditional else "zh_Hans"
    return code if code in SHIPPED else SOURCE


def catalog_path(catalog: str) -> Any:
    return LOCALE_DIR / catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(catalog: str) -> gettext_module.NullTranslations:
    """The catalog's translations (the .po compiled in memory); the source language's are its msgids."""
    if catalog == SOURCE:
        return gettext_module.NullTranslations()
    with catalog_path(catalog).open("rb") as po:
        messages = read_po(po, locale=catalog, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, messages, use_fuzzy=False)
    mo.seek(0)
    return gettext_module.GNUTranslations(mo)


@functools.cache
def script_strings(catalog: str) -> dict[str, str]:
    """The translations of the theme's JavaScript strings (the messages found in .js files), English -> this
    language: a page passes them to its scripts. Empty for English: the scripts' own words are English."""
    if catalog == SOURCE:
        return {}
    with catalog_path(catalog).open("rb") as po:
        messages = read_po(po, locale=catalog, domain=DOMAIN)
    return {m.id: m.string for m in messages
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
            and any(path.endswith(".js") for path, _ in m.locations)}


def template_functions(lang: Language) -> dict[str, Callable[..., Any]]:
    """gettext, ngettext and _ for a page's templates, in Jinja's 'newstyle' (variables by name, escaped)."""
    return _functions(lang.catalog)


@functools.cache
def _functions(catalog: str) -> dict[str, Callable[..., Any]]:
    found = translations(catalog)

    @pass_context
    def gettext(context: Context, message: str, /, **variables: Any) -> str:
        text = found.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables  # as Jinja's own: a literal % in a message is written %%

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, n: int, /, **variables: Any) -> str:
        variables.setdefault("num", n)
        text = found.ngettext(singular, plural, n)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return {"gettext": gettext, "ngettext": ngettext, "_": gettext}


def gettext_for(lang: Language) -> Callable[..., str]:
    """`_` for albumen's own words written by Python (a citation's, IIIF's labels): the message in `lang`'s
    catalog, its %(name)s placeholders filled with the keywords given. `make extract` finds `_("...")` calls
    in the modules babel.cfg names."""
    return _python_gettext(lang.catalog)


@functools.cache
def _python_gettext(catalog: str) -> Callable[..., str]:
    found = translations(catalog)

    def gettext(message: str, /, **variables: object) -> str:
        text = found.gettext(message)
        return text % variables if variables else text

    return gettext


def words_tag(lang: Language) -> str:
    """The BCP 47 tag of the language albumen's own words are in on a site in `lang`: its tag when a catalog
    speaks it, else English's (an Italian site gets English labels, and must not call them Italian)."""
    return lang.tag if not lang.is_source or lang.locale.language == SOURCE else SOURCE


def archive_language(root: Path) -> str:
    """The language albumen.toml names (English when it names none or can't be read: `check` says why)."""
    from albumen.config import load_config
    from albumen.problems import Problems

    return load_config(root, Problems()).language or SOURCE


# ---------------------------------------------------------------- words made in Python (the studio's)

# The catalog of the page being made: set by `speaking` around a page's rendering, English elsewhere.
_speaking: ContextVar[str] = ContextVar("albumen_catalog", default=SOURCE)


@dataclass(frozen=True)
class LazyText:
    """A message translated when it is shown, into the language `speaking` names then: a form's labels are
    made once, at import, and shown in the archive's language of the moment (albumen.toml may change)."""

    message: str
    variables: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        text = translations(_speaking.get()).gettext(self.message)
        return text % {name: str(value) for name, value in self.variables} if self.variables else text


def lazy_gettext(message: str, /, **variables: object) -> LazyText:
    """A message for later (`_` in the studio's modules, where `make extract` finds it); %(name)s placeholders
    are filled with `variables` once translated."""
    return LazyText(message, tuple(variables.items()))


@contextmanager
def speaking(lang: Language) -> Iterator[None]:
    """Within: every LazyText is shown in `lang`."""
    token = _speaking.set(lang.catalog)
    try:
        yield
    finally:
        _speaking.reset(token)


# ---------------------------------------------------------------- dates on the timeline

_PERIOD = re.compile(r"^p(?P<year>\d+)(?:-(?P<rest>.+))?$")
_ENGLISH_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SEASON_NUMBERS = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}


def period_words(period_id: str, label: str, lang: Language) -> str:
    """A timeline period's heading in the site's language, read from its anchor (discovery._period writes
    p1944, p1944-10, p1944-autumn, p1944-summer-autumn, p1944-06-1945-02); English keeps discovery's label."""
    match = _PERIOD.match(period_id)
    if lang.is_source or match is None:
        return label
    year, rest = int(match.group("year")), (match.group("rest") or "").split("-")
    words = WORDS.get(lang.catalog)
    if words is None:
        return label
    if rest == [""]:
        text = words.sometime.format(year=year)
    elif all(r in _SEASON_NUMBERS for r in rest):
        seasons = [words.seasons[_SEASON_NUMBERS[r]] for r in rest]
        text = (words.season.format(season=seasons[0], year=year) if len(seasons) == 1
                else words.season_range.format(a=seasons[0], b=seasons[-1], year=year))
    elif len(rest) == 1 and rest[0].isdigit():
        text = format_skeleton("yMMMM", datetime.date(year, int(rest[0]), 1), locale=lang.locale)
    elif len(rest) == 3 and all(r.isdigit() for r in rest):
        text = format_interval(datetime.date(year, int(rest[0]), 1), datetime.date(int(rest[1]), int(rest[2]), 1),
                               "yMMMM", locale=lang.locale)
    else:
        return label
    return text[:1].upper() + text[1:]


def month_abbreviations(lang: Language, months: tuple[int, ...] = (1, 4, 7, 10)) -> list[str]:
    """Short month names for the timeline's scale: Jan, Apr, Jul, Oct."""
    if lang.is_source:
        return [_ENGLISH_MONTHS[m - 1] for m in months]  # not calendar's: it follows the process's locale
    names = get_month_names("abbreviated", locale=lang.locale)
    return [names[m] for m in months]
