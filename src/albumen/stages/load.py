"""load: the archive's files -> typed records, with located problems (`items/x.md:3: ...`).

The reader itself is albumen.archive_reader, shared with importers, enrich and the studio (which never import a
stage); this module is the stage's name for it.
"""

from __future__ import annotations

from albumen.archive_reader import (
    ID_PATTERN,
    id_problem,
    load_archive,
    load_places,
    places_from_text,
    record_from_text,
)

__all__ = ["ID_PATTERN", "id_problem", "load_archive", "load_places", "places_from_text", "record_from_text"]
