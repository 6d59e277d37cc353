"""Rules several parts of the HTML importer share, each written once: how many words a label has.

A label is a line that names what follows or what it is part of ("Map:", "References", "Day 2 - Cortina") and says
nothing more; a longer line says something (a caption, the start of a story).
"""

from __future__ import annotations

# A label over photos ("Map:", "Photos of the day:") or a heading over a section ("References"); the base limit.
LABEL_WORDS = 4
# A gallery's own name before its photos ("February 21 Next Day"): a name runs longer than a label, still no sentence.
GALLERY_LABEL_WORDS = 6
# A part of a banner beside the photo's name ("Our trip to the Grand Canyon / IMG_0012"): an album's whole title.
BANNER_LABEL_WORDS = 8
