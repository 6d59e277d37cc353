"""Rules several parts of the HTML importer share, each written once: how many words a label has, and the
patterns of dates, times and counters.

A label is a line that names what follows or what it is part of ("Map:", "References", "Day 2 - Cortina") and says
nothing more; a longer line says something (a caption, the start of a story).
"""

from __future__ import annotations

import re

# A label over photos ("Map:", "Photos of the day:"), a heading over a section ("References"), a part of a link bar
# ("Home | Photo albums | Contact"); the base limit.
LABEL_WORDS = 4
# A name given to a gallery or a photo: a gallery's line before its photos ("February 21 Next Day"), a photo's Title
# over its Caption (Lightroom, iPhoto). A name runs longer than a label, still no sentence.
TITLE_WORDS = 6
# A part of a banner beside the photo's name ("Our trip to the Grand Canyon / IMG_0012"): an album's whole title.
BANNER_LABEL_WORDS = 8

# The patterns of dates, times and counters the importer's modules look for, each written once. Each comment gives a
# text it matches (fullmatch unless it says search) and one it must not.

# Parts: a date as digits (2017-03-07, 07/11/06, 14.3.2008) and a time of day (11:31, 23:22:25).
_DIGIT_DATE = r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"

# A file's date and time as gallery makers print it under a photo: "07/11/06 11:31", "3/14/08, 6:42:10 PM",
# "6/7/15, 11:57:20 AM PDT" (Aperture's, with the time zone); not "07/11/06" (a date alone may be a caption's date)
# nor "Taken 07/11/06 11:31" (words around it).
_ZONE = r"(?-i:[A-Z]{1,3}[SD]T|UTC|GMT|[CEW]E?T)"
TIME_STAMP = re.compile(rf"\W*{_DIGIT_DATE},?\s+{_TIME}\s*(?:[ap]\.?m\.?)?(?:\s*{_ZONE})?\W*", re.IGNORECASE)
# A time stamp's date, year first (search): "2008-03-14" in "2008-03-14 18:42:10"; not "14-03-2008".
ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
# A camera's date, month and day in either order, then the year (search): "3/14/08", "14.03.2008"; not "2008-03-14"
# (year first: ISO_DATE).
CAMERA_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")
# A date or a time anywhere (search; masked to tell a footer's line changed only by them): "2017-03-07",
# "23:22:25"; not "March 7" (words are the line's own).
DATE_OR_TIME = re.compile(rf"{_DIGIT_DATE}|{_TIME}")
# A line that is only a date or an e-mail address, beside a banner: "(2017-03-07)", "ann@example.org"; not
# "Taken 2017-03-07".
LABEL_ONLY = re.compile(rf"\W*(?:{_DIGIT_DATE}|[^\s@]+@[^\s@]+\.\w+)\W*")

# A photo's counter under it, a number alone or of a count: "3", "3/12", "Slide 3 of 12", "Bild 3 von 12"; not
# "Page 3" (a page word: PAGE_COUNTER) nor "3 Kids". Unlike PAGE_COUNTER a lone number counts: under one photo
# nothing else is a bare number.
COUNTER = re.compile(r"\W*(?:(?:slide|image|photo|picture|bild|foto|photo|image|imagen|immagine)\s*)?\d+"
                     r"(?:\s*(?:/|of|von|de|sur|di)\s*\d+)?\W*", re.IGNORECASE)
# A paged gallery's counter, in any language: a page or photo word or none, a page number, '/' or an "of" word,
# the count: "page 2 of 12", "2 / 12", "Página 2 de 12", "(2/12)", "Bild 3 von 12"; not "June 6 to 10", "Ages 5 to
# 12". Groups: the number, the count.
COUNTER_WORDS = (r"page|pages|seite|bild|p[áa]gina|blad|sida|slide|photo|foto|image|imagen|picture|pic|img|"
                 r"no|nr|n[ºo°]|#")
OF_WORDS = r"of|de|von|sur|di|van|af|av|z|из"
PAGE_COUNTER = re.compile(rf"[\W_]*(?:(?:{COUNTER_WORDS})\.?\s*)?(\d{{1,3}})\s*(?:/|(?:{OF_WORDS})\b)\s*"
                          r"(\d{1,3})[\W_]*", re.IGNORECASE)
# The words of a counter around its numbers, in any of the languages above (search, each word): "current page: #",
# "aktuelle Seite #", "Foto # von #"; not "Day #" nor "Class of #" (a word of the photo's own).
COUNTER_LINE_WORDS = re.compile(rf"(?:{COUNTER_WORDS}|{OF_WORDS}|current|aktuelle|actuelle|huidige|corrente|actual"
                                r"|nuvarande|aktuell|nummer|number|num)", re.IGNORECASE)
# A pagination link's whole text: "2", "Next", "» ", "page 3", "zurück"; not "Next day" nor "1944".
PAGE_WORDS = re.compile(r"[\W_]*(?:\d{1,3}|next|previous|prev|more|back|forward|page\s*\d{1,3}|weiter|zur[üu]ck|"
                        r"suivante?|pr[ée]c[ée]dente?|siguiente|anterior|[<>«»‹›←→]+)[\W_]*", re.IGNORECASE)
# A button's whole alt text, the place it leads to ("Home", "Next", "Last", "Back to top", "Startseite", "Accueil",
# "Volver"): a genealogy program's images/home.jpg, next.jpg, end.jpg; not "Home sweet home" nor "Mary's home".
NAVIGATION_WORDS = re.compile(
    r"[\W_]*(?:(?:go|back|return|to|the|page|of|zur|zum|la|al)\s+)*(?:home|homepage|index|contents|toc|top|up|"
    r"first|last|end|start|begin|beginning|main|menu|next|previous|prev|back|forward|return|"
    r"startseite|hauptseite|inhalt|[üu]bersicht|weiter|zur[üu]ck|vor|oben|anfang|ende|"
    r"accueil|sommaire|retour|suivante?|pr[ée]c[ée]dente?|haut|premi[èe]re?|derni[èe]re?|"
    r"inicio|[íi]ndice|volver|arriba|siguiente|anterior|primera?|[úu]ltima?|"
    r"volgende|vorige|terug|indietro|avanti|successiva|precedente|n[äa]sta|f[öo]reg[åa]ende|tillbaka|hem)"
    r"(?:\s+(?:page|to\s+top|to\s+index|to\s+home|generation|seite))?[\W_]*", re.IGNORECASE)
# Words, then a number of one to three digits: a file's name counted ("Boxholm 1", "Boxholm #12"); not "Paris 1985"
# nor "1 Boxholm".
COUNTED = re.compile(r"\D*?\W*#?\d{1,3}\W*")
