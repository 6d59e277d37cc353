"""The language an old site's own words are in: most pages of 1996-2012 never said (no lang=), or said what
their maker's template said (a Swedish album in a jAlbum skin written lang="en").

The words a family wrote (captions, titles, a topic's story; no navigation or chrome) are read by py3langid,
langid.py's model of 97 languages. The language it finds becomes albumen.toml's `language`: the theme then
speaks it where albumen has its words (Hebrew, right to left), and the search index stems its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Fewer letters than this say too little ("IMG 1565", "1944"): no guess.
MIN_LETTERS = 40
# How sure the model must be; a mixed or very short text scores lower, and then the pages' own word is kept.
SURE = 0.9
# The words read: enough for a sure guess, few enough to read in a blink on a site of thousands of captions.
MOST_CHARACTERS = 60_000

# A caption or story of this many words is running text; fewer is a name as the sign reads ("Lago di Como").
PROSE_WORDS = 5
# Letters of running text enough to overrule the language the pages declare.
PROSE_LETTERS = 200

# A Markdown link's target ("](item:ship)", "](https://...)"): addresses are no words of the family's.
LINK_TARGET = re.compile(r"\]\([^)]*\)")
# A line that is one link and nothing else (a page's list of links: "- [Home](index.md)"): a menu's words, the
# template's as often as the family's.
LINK_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)?[ \t]*\[[^\]\n]*\]\([^)\n]*\)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class WordsLanguage:
    """The language the words read as (a BCP 47 primary tag, "" when unsure) and how sure the model was."""

    tag: str
    probability: float


def language_of_words(texts: Iterable[str]) -> WordsLanguage:
    """The language most of these texts are written in, or an empty tag when they are too few or mixed."""
    return _classified(_sample(_words(text) for text in texts), MIN_LETTERS)


def language_of_prose(texts: Iterable[str]) -> WordsLanguage:
    """The language of the running text alone, told only on PROSE_LETTERS letters of it: enough to overrule the
    pages' own lang=. Captions that are place names ("Venezia, Piazza San Marco", "Lago di Como") would make an
    English family's trip to Italy an Italian site."""
    words = (_words(text) for text in texts)
    return _classified(_sample(text for text in words if len(text.split()) >= PROSE_WORDS), PROSE_LETTERS)


def _classified(sample: str, min_letters: int) -> WordsLanguage:
    """The model's reading of the sample; none (and the model not loaded) under min_letters letters."""
    if sum(character.isalpha() for character in sample) < min_letters:
        return WordsLanguage("", 0.0)
    tag, probability = _identifier().classify(sample)
    return WordsLanguage(tag if probability >= SURE else "", float(probability))


def _words(text: str) -> str:
    """The text without its lines of links alone and without the links' addresses."""
    return LINK_TARGET.sub("]", LINK_LINE.sub("", text)).strip()


def _sample(texts: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for words in texts:
        if words:
            parts.append(words)
            size += len(words) + 1
        if size >= MOST_CHARACTERS:
            break
    return "\n".join(parts)[:MOST_CHARACTERS]


@cache
def _identifier() -> LanguageIdentifier:
    # Loaded once a process (~1 s: numpy reads the model), and only when an import has to guess.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
