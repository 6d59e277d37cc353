"""The suggestions a person rejected (`albumen enrich --reject ITEM[:FIELD]`), kept in the archive so that they are
never offered again.

They live in `enrich-rejected.yaml` at the archive's root, not in `.albumen/`: `.albumen/` is a cache that is safe to
delete, and a person's "no" is a decision, like a caption; in the archive it is kept in git and in backups with
everything else, and can be read and edited (delete an entry to see its suggestion again). One entry per rejected
value, so that a caption that later gives another value is offered that one:

    - {item: station, field: places, value: guilin, phrase: "Kweilin"}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from albumen.atomic import atomic_write_text
from albumen.enrich.suggest import Rejected, Suggestion
from albumen.frontmatter import FrontMatterError, parse_yaml
from albumen.problems import Problems

REJECTED_FILE = "enrich-rejected.yaml"
HEADER = ("# Suggestions rejected with `albumen enrich --reject`: albumen enrich does not offer them again.\n"
          "# Delete an entry to see its suggestion again.\n")
FIELDS = ("date", "places")


def load_rejections(root: Path, problems: Problems) -> Rejected:
    """Every (item, field, value) rejected; a file that can't be read is a located error, and counts as empty."""
    path = root / REJECTED_FILE
    if not path.is_file():
        return frozenset()
    try:
        data = parse_yaml(path.read_bytes().decode("utf-8"))[0]
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(REJECTED_FILE, None, f"can't read the rejected suggestions: {exc}; fix or delete the file")
        return frozenset()
    except FrontMatterError as exc:
        problems.error(REJECTED_FILE, exc.line, f"{exc.message}; fix the YAML, or delete the file to see every "
                       "suggestion again")
        return frozenset()
    if data is None:
        return frozenset()
    if not isinstance(data, list):
        problems.error(REJECTED_FILE, 1, "should be a list of {item, field, value}; fix it or delete the file")
        return frozenset()
    rejected = set()
    for number, entry in enumerate(data, 1):
        if (not isinstance(entry, dict) or entry.get("field") not in FIELDS
                or not all(isinstance(entry.get(k), str) for k in ("item", "value"))):
            problems.error(REJECTED_FILE, None, f"entry {number} is not {{item, field: date|places, value}}: "
                           "fix or delete it")
            continue
        rejected.add((entry["item"], entry["field"], entry["value"]))
    return frozenset(rejected)


def save_rejections(root: Path, suggestions: Sequence[Suggestion], already: Rejected) -> int:
    """Add the rejected suggestions to the file (appended, so that a person's own lines stay); returns how many."""
    new = list(dict.fromkeys(s for s in suggestions if s.key not in already))
    if not new:
        return 0
    path = root / REJECTED_FILE
    original = path.read_bytes().decode("utf-8") if path.is_file() else HEADER
    if original and not original.endswith("\n"):
        original += "\n"
    lines = [f"- {{item: {json.dumps(s.item, ensure_ascii=False)}, field: {s.field}, "
             f"value: {json.dumps(s.value, ensure_ascii=False)}, phrase: {json.dumps(s.phrase, ensure_ascii=False)}}}"
             for s in new]
    updated = original + "\n".join(lines) + "\n"
    if not _reads_back(updated):
        raise OSError(f"{REJECTED_FILE} would not read back as a list after adding the rejections; fix it first")
    atomic_write_text(path, updated)
    return len(new)


def _reads_back(text: str) -> bool:
    try:
        return isinstance(parse_yaml(text)[0], list)
    except FrontMatterError:
        return False
