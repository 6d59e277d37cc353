"""The title of a photo a person gave none: its caption's first sentence, as plain text.

The caption is Markdown, and an imported caption escapes what Markdown would otherwise read as markup ("1944\\."
would start a numbered list, "\\<Digimax" an HTML tag): the title shows the characters, not the escapes. A full
stop after an abbreviation ("Rev.", "St.", "Gen.") or an initial ("J. Smith") ends no sentence. Regular
expressions, not a Markdown parser: this runs for every untitled item on every load, and a parse costs 100 times
as much.
"""

from __future__ import annotations

import re

MAX_LENGTH = 90
# Markdown's backslash escapes: any ASCII punctuation character.
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# The escaped characters are set aside in the Unicode private use area while the markup is taken out.
SET_ASIDE = 0xF0000
SET_ASIDE_CHARACTER = re.compile("[\U000f0021-\U000f007e]")
LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # [text](url) and ![alt](src): their words
MARKUP = re.compile(r"[*_`#>]|<[^<>\n]*>")  # emphasis, code, headings, quotes, HTML tags
# A full stop after these ends no sentence: "Rev. Smith", "St. Paul's", "Gen. Chennault", "No. 30", "Oct. 1944".
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "messrs", "dr", "rev", "revd", "fr", "st", "ste", "prof", "hon", "sr", "jr", "esq",
    "gen", "lt", "col", "capt", "cpt", "maj", "sgt", "cpl", "pvt", "pfc", "adm", "cmdr", "cdr", "brig", "ens",
    "gov", "pres", "sen", "rep", "co", "corp", "inc", "ltd", "bros", "dept", "univ", "assn", "no", "nos", "nr",
    "vol", "fig", "p", "pp", "ca", "c", "approx", "vs", "mt", "ft", "ave", "rd", "blvd", "bldg", "hwy", "e.g",
    "i.e", "cf", "u.s", "u.k", "u.s.a", "d.c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
})
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


def title_from_caption(caption: str) -> str:
    """A caption's first sentence as plain text, shortened to 90 characters at a word; '' for no words."""
    first_paragraph = caption.strip().split("\n\n")[0][:2000]  # bounded: the patterns below are not linear
    text = ESCAPED.sub(lambda m: chr(SET_ASIDE + ord(m[1])), first_paragraph)
    text = MARKUP.sub("", LINK.sub(r"\1", text))
    text = SET_ASIDE_CHARACTER.sub(lambda m: chr(ord(m[0]) - SET_ASIDE), text)
    sentence = first_sentence(" ".join(text.split()))
    return sentence if len(sentence) <= MAX_LENGTH else sentence[:MAX_LENGTH - 3].rsplit(" ", 1)[0] + "…"


def first_sentence(text: str) -> str:
    """The text up to the first full stop, '!' or '?' that ends a sentence."""
    for m in SENTENCE_END.finditer(text):
        if m[0][0] == "." and _abbreviation_before(text, m.start()):
            continue
        following = text[m.end():].lstrip()
        if following[:1].islower():
            continue  # "at St. Paul's, a. m. service": a sentence starts with a capital, a digit or a quote
        return text[:m.end()]
    return text


def _abbreviation_before(text: str, dot: int) -> bool:
    word = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[:dot])
    if word is None:
        return False
    found = word[1]
    return (len(found) == 1 and found.isupper()) or found.casefold() in ABBREVIATIONS
