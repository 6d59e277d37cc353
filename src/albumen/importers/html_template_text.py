"""A publishing program's placeholder text, left in an old site by its owner: no caption and no one's words.

Publisher's Web Wizard (and the templates of FrontPage and iWeb) fill a new page with sample sentences for the owner
to replace. Lorem ipsum is told by its Latin words; the others only when a line is exactly a known phrase.
"""

from __future__ import annotations

import re

from albumen.importers.html_page import normalise_space

LOREM_WORDS = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetuer", "consectetur", "adipiscing", "elit", "sed",
               "diam", "diem", "nonummy", "nibh", "euismod", "tincidunt", "ut", "laoreet", "lacreet", "dolore",
               "magna", "aliquam", "aliguam", "erat", "volutpat", "wisi", "enim", "ad", "minim", "veniam", "quis",
               "nostrud", "exerci", "tation", "ullamcorper", "suscipit", "lobortis", "nisl", "aliquip", "ex", "ea",
               "commodo", "consequat", "duis", "autem", "vel", "eum", "iriure", "in", "hendrerit", "vulputate"}
LOREM_SHARE = 0.6  # this share of a line's words or more are the sample's Latin: a lorem ipsum paragraph
# The sample phrases of Microsoft Publisher 2003's Web Wizard pages as seen on real sites (publisher-mgsco-fa,
# realsites5_report.md #6); each is left out only when a whole line says exactly it (any case).
TEMPLATE_PHRASES = tuple(phrase.casefold() for phrase in (
    "Caption describing picture or graphic",
    "Tell customers about your company or organization",
    "Tell your customers how to contact you",
    "Company or Organization Name",
    "Change the picture to one of your own",
    "Briefly describe the benefits of using this service",
    "List the services your company provides",
    "For more information about this service",
    "Type your street address",
    "E-mail: someone@example.com",
))


def is_template_text(text: str) -> bool:
    """The line is a template's placeholder: lorem ipsum, or a known sample phrase, alone or with the template's
    own words after it ('Tell customers about your company or organization. Include a brief description …')."""
    plain = normalise_space(text).casefold()
    words = re.findall(r"[a-z]+", plain)
    if words and words[0] == "lorem" and sum(word in LOREM_WORDS for word in words) >= LOREM_SHARE * len(words):
        return True
    return any(plain.rstrip(".:") == phrase or (plain.startswith(phrase) and plain[len(phrase):][:1] in ".,:;")
               for phrase in TEMPLATE_PHRASES)
