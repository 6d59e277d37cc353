"""The report of a spreadsheet or photo-folder import: printed as a summary, kept as import-report.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from albumen.importers.drafts import Draft, DraftPlace
from albumen.importers.report import (
    REPORT_FILE,
    CollectsLooks,
    Look,
    files_section,
    files_summary,
    markdown_section,
    plural,
    refused_overwrites,
)
from albumen.importers.writer import WriteResult
from albumen.problems import Problem


@dataclass
class RecordsReport(CollectsLooks):
    """What was read, what became of it, and every row or photo a person should look at."""

    source: str  # the spreadsheet or the photo folder, as the user named it
    unit: str  # what a record of the source is: "row" or "photo"
    how: str = ""  # how the source was read: "cp1252 (...), separated by ';'", "sheet 'Photos'"
    columns: str = ""  # a spreadsheet's columns and the fields they went to
    read: int = 0  # rows or photos read
    items: list[tuple[str, str]] = field(default_factory=list)  # (the row or file, item id)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (its name, topic id)
    places: tuple[DraftPlace, ...] = ()  # places added to places.yaml
    looks: list[Look] = field(default_factory=list)
    write: WriteResult | None = None

    def problems(self) -> list[Problem]:
        """Each look as a located problem (`photos.csv:7: error: ...`); each refused overwrite as an error."""
        found = [Problem(self._where(look.path), look.line, look.level, look.message) for look in self.looks]
        return found + refused_overwrites(self.write)

    def summary(self, dry_run: bool = False) -> str:
        how = f" ({self.how})" if self.how else ""
        made = [plural(len(self.items), "item")]
        if self.topics:
            made.append(plural(len(self.topics), "topic"))
        if self.places:
            made.append(plural(len(self.places), "new place"))
        lines = [f"read {plural(self.read, self.unit)} from {self.source}{how}: {', '.join(made)}"]
        if self.columns:
            lines.append(f"columns: {self.columns}")
        if self.write is not None:
            lines.append(files_summary(self.write, dry_run))
        if self.looks:
            errors = sum(1 for look in self.looks if look.level == "error")
            lines.append(f"{plural(errors, 'error')} and {plural(len(self.looks) - errors, 'warning')} to look at "
                         f"(see {REPORT_FILE})")
        return "\n".join(lines)

    def markdown(self) -> str:
        """The report as a Markdown document (import-report.md)."""
        out = [f"# Import report: {self.source}", "", self.summary(), ""]
        out += markdown_section("Needs a person's look", [
            f"`{self._where(look.path)}{f':{look.line}' if look.line else ''}`: {look.level}: {look.message}"
            for look in sorted(self.looks, key=lambda look: (look.path, look.line or 0))])
        out += markdown_section("Items", [f"{where} → items/{item}.md" for where, item in self.items])
        out += markdown_section("Topics", [f"{name} → topics/{topic}.md" for name, topic in self.topics])
        out += markdown_section("Places added to places.yaml", [_place_line(place) for place in self.places])
        out += files_section(self.write)
        return "\n".join(out).rstrip() + "\n"

    def _where(self, path: str) -> str:
        return f"{self.source.rstrip('/')}/{path}" if path else self.source


def _place_line(place: DraftPlace) -> str:
    where = f" ({place.lat}, {place.lon})" if place.lat is not None and place.lon is not None else (
        " (no coordinates: add lat and lon)")
    inside = f", in {place.parent}" if place.parent else ""
    return f"{place.id}: {place.name}{where}{inside}"


@dataclass
class RecordsImport:
    """What a spreadsheet or photo-folder reader found: the records to write and the report so far."""

    draft: Draft
    report: RecordsReport
