"""What an import did and what a person should look at: printed as a summary, kept as import-report.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from albumen.importers.writer import Action, WriteResult
from albumen.problems import Level, Problem

REPORT_FILE = "import-report.md"


@dataclass(frozen=True)
class Look:
    """A place in the old site that needs a person's look."""

    path: str  # inside the old site
    line: int | None
    message: str
    level: Level = "warning"  # "error": something could not be imported at all


@dataclass
class ImportReport:
    source: str  # the old site's folder, as the user named it
    pages_read: list[tuple[str, str]] = field(default_factory=list)  # (old page, how it was decoded)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (old page, topic id)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (old page, page id)
    items: list[tuple[str, str]] = field(default_factory=list)  # (old image, item id)
    photo_pages: list[tuple[str, str]] = field(default_factory=list)  # (old page, item id)
    item_links: list[tuple[str, str, str]] = field(default_factory=list)  # (old page, link text, item id)
    chrome_images: list[tuple[str, int]] = field(default_factory=list)  # (old image, pages it is on)
    small_images: list[str] = field(default_factory=list)  # spacers, icons and banners left out
    chrome_texts: list[tuple[str, int]] = field(default_factory=list)  # (text, pages it is on)
    settings: dict[str, str] = field(default_factory=dict)  # offered for albumen.toml
    looks: list[Look] = field(default_factory=list)
    write: WriteResult | None = None

    def look(self, path: str, line: int | None, message: str, level: Level = "warning") -> None:
        entry = Look(path, line, message, level)
        if entry not in self.looks:
            self.looks.append(entry)

    @property
    def images_copied(self) -> int:
        """Images copied into images/ by this import (or that a dry run would copy)."""
        if self.write is None:
            return 0
        return sum(1 for p in self.write.plan if p.path.startswith("images/") and p.action in _WRITES)

    def problems(self) -> list[Problem]:
        """Each place to look at as a located warning; each refused overwrite as an error."""
        found = [Problem(_joined(self.source, look.path), look.line, look.level, look.message) for look in self.looks]
        for planned in self.write.conflicts if self.write else []:
            found.append(Problem(planned.path, None, "error", "changed since the last import (or not written by "
                                 "one); not replaced. Run again with --force to replace it (the old file is kept "
                                 "in .albumen/backups/)"))
        return found

    def summary(self, dry_run: bool = False) -> str:
        lines = [
            f"read {_n(len(self.pages_read), 'page')} from {self.source}: {_n(len(self.topics), 'topic')}, "
            f"{_n(len(self.pages), 'free page')}, {_n(len(self.items), 'item')}",
            f"{_n(len(self.item_links), 'link')} became item links; left out as site chrome: "
            f"{_n(len(self.chrome_images), 'image')}, "
            f"{_n(len(self.small_images), 'spacer, icon or banner', 'spacers, icons or banners')}, "
            f"{_n(len(self.chrome_texts), 'line')} of text",
        ]
        if self.write is not None:
            counts = [(action, len(self.write.with_action(action))) for action in _WRITES]
            files = ", ".join(f"{n} {_ACTION_WORDS[action]}" for action, n in counts if n) or "nothing new"
            copy, write = ("would copy", "would write") if dry_run or not self.write.written else ("copied", "wrote")
            backups = f" (the files replaced are kept in {self.write.backup_dir}/)" if self.write.backup_dir else ""
            lines.insert(1, f"{copy} {_n(self.images_copied, 'image')} into images/; {write} files: {files}{backups}")
        if self.looks:
            lines.append(f"{_n(len(self.looks), 'place needs', 'places need')} a person's look: see {REPORT_FILE}")
        return "\n".join(lines)

    def markdown(self) -> str:
        """The report as a Markdown document (import-report.md)."""
        out = [f"# Import report: {self.source}", "", self.summary(), ""]
        out += _section("Needs a person's look", [
            f"`{look.path}{f':{look.line}' if look.line else ''}`: {look.message}" for look in self.looks])
        out += _section("Topics (one per gallery page)", [f"`{old}` → topics/{new}.md" for old, new in self.topics])
        out += _section("Free pages", [f"`{old}` → pages/{new}.md" for old, new in self.pages])
        out += _section("Items", [f"`{old}` → items/{new}.md" for old, new in self.items])
        out += _section("Photo pages (now the item's page)", [f"`{old}` → items/{new}.md"
                                                               for old, new in self.photo_pages])
        out += _section("Links that became item links", [f"`{page}`: “{text}” → item:{item}"
                                                          for page, text, item in self.item_links])
        out += _section("Left out as site chrome: images", [f"`{path}` (on {_n(count, 'page')})"
                                                             for path, count in self.chrome_images])
        out += _section("Left out: spacers, icons and banners", [f"`{path}`" for path in self.small_images])
        out += _section("Left out as site chrome: text", [f"“{text}” (on {_n(count, 'page')})"
                                                           for text, count in self.chrome_texts])
        out += _section("Offered for albumen.toml", [f"{key} = “{value}”" for key, value in self.settings.items()])
        out += _section("Pages read", [f"`{page}` ({how})" for page, how in self.pages_read])
        if self.write is not None:
            out += _section("Files", [f"{_ACTION_WORDS[p.action]}: {p.path}" for p in self.write.plan
                                      if p.action != "unchanged"])
        return "\n".join(out).rstrip() + "\n"


_WRITES: tuple[Action, ...] = ("create", "update", "replace")
_ACTION_WORDS = {"create": "new", "update": "updated", "replace": "replaced (backed up)", "unchanged": "unchanged",
                 "conflict": "not replaced (changed by a person)", "keep": "kept as it is"}


def _section(title: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    return [f"## {title}", "", *[f"- {entry}" for entry in entries], ""]


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _joined(source: str, path: str) -> str:
    return f"{source.rstrip('/')}/{path}" if path else source
