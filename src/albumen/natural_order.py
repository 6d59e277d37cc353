"""Names in the order a person counts them: 'photo2' before 'photo10', case ignored.

The site's list of free pages, an image folder's files and the old site's pages all sort this way; the importer's
page order keeps an older variant (page_key) for the one place where the two disagree.
"""

from __future__ import annotations

import re

# Decimal digits of any script (int() reads them); a superscript "²" is a digit to isdigit(), but no number.
_NUMBERS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """'page-2' before 'page-10', 'Photo' beside 'photo'; a number sorts before a word in the same place."""
    return tuple((0, int(part)) if part.isdecimal() else (1, part.casefold()) for part in _NUMBERS.split(text) if part)


def page_key(text: str) -> tuple[tuple[int, str], ...]:
    """natural_key, except where one name starts with a number and the other with a word: the word first, unless
    the number is 0 ('intro.htm' before '1.htm', '0.htm' before 'intro.htm').

    Kept apart because the importer has always ordered an old site's pages (its slides, photo pages and
    presentation parts) this way: one key for both would change which page of such a folder comes first.
    """
    return tuple((int(part), "") if part.isdecimal() else (0, part.casefold()) for part in _NUMBERS.split(text) if part)
