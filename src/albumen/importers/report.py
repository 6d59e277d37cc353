"""What an import did and what a person should look at: printed as a summary, kept as import-report.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from albumen.fingerprint import near_duplicate_groups
from albumen.fingerprint_cache import FingerprintCache, Picture
from albumen.images import ImageProblem, probe
from albumen.importers.drafts import Draft, DraftItem
from albumen.importers.writer import Action, WriteResult
from albumen.problems import Level, Problem
from albumen.reading import undecodable_name

REPORT_FILE = "import-report.md"
NEAR_DUPLICATES = "photos that look nearly the same as another (one saved twice, or two frames of one scene)"


@dataclass(frozen=True)
class Look:
    """A place in the old site that needs a person's look."""

    path: str  # inside the old site
    line: int | None
    message: str
    level: Level = "warning"  # "error": something could not be imported at all
    kind: str = ""  # looks of one kind are told once, with a count ("photos without a caption")
    also: tuple[str, ...] = ()  # the other places it goes with (the photos this one looks like)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class LookGroup:
    """Looks of one kind: told in one line, with their count and places."""

    first: Look
    places: tuple[Look, ...]

    @property
    def message(self) -> str:
        if len(self.places) == 1:
            return self.first.message
        return f"{self.first.kind} ({len(self.places)} places, the first here; all in {REPORT_FILE})"


def grouped(looks: list[Look]) -> list[LookGroup]:
    """One group per kind (a look without a kind is a kind of its own), in the order first seen."""
    groups: dict[object, list[Look]] = {}
    for look in looks:
        groups.setdefault(look.kind or look, []).append(look)
    return [LookGroup(places[0], tuple(places)) for places in groups.values()]


class CollectsLooks:
    """What every importer's report does with its places to look at (ImportReport, RecordsReport)."""

    looks: list[Look]  # a field of each report: this class is no dataclass, so their fields keep their order
    # The looks kept, as a set (40,000 looks compared in a list were 10^8 comparisons: an 801-page genealogy site,
    # 92 s of its import). No field: made by __post_init__, which each report's dataclass calls.
    _seen_looks: set[Look]

    def __post_init__(self) -> None:
        self._seen_looks = set(self.looks)  # a report made with looks does not take them again

    def look(self, path: str, line: int | None, message: str, level: Level = "warning", kind: str = "",
             also: tuple[str, ...] = ()) -> None:
        """A problem at `path` (inside the source; '' for the source itself) and `line`, kept once however often
        it is found; `kind` names what looks like it have in common, to tell them once with a count."""
        entry = Look(path, line, message, level, kind, also)
        if entry not in self._seen_looks:
            self._seen_looks.add(entry)
            self.looks.append(entry)

    @property
    def has_errors(self) -> bool:
        """Something could not be imported at all."""
        return any(look.level == "error" for look in self.looks)


@dataclass
class ImportReport(CollectsLooks):
    source: str  # the old site's folder, as the user named it
    pages_read: list[tuple[str, str]] = field(default_factory=list)  # (old page, how it was decoded)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (old page, topic id)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (old page, page id)
    items: list[tuple[str, str]] = field(default_factory=list)  # (old image, item id)
    photo_pages: list[tuple[str, str]] = field(default_factory=list)  # (old page, item id)
    led_elsewhere: list[tuple[str, str, str]] = field(default_factory=list)  # (old page, new record, why)
    unmapped: list[tuple[str, str]] = field(default_factory=list)  # (old path, why it leads nowhere)
    item_links: list[tuple[str, str, str]] = field(default_factory=list)  # (old page, link text, item id)
    chrome_images: list[tuple[str, int]] = field(default_factory=list)  # (old image, pages it is on)
    small_images: list[str] = field(default_factory=list)  # spacers, icons and banners left out
    drawn_images: list[str] = field(default_factory=list)  # text or shapes saved as pictures, left out
    navigation_images: list[str] = field(default_factory=list)  # Previous / Next / Home buttons left out
    unused_images: list[str] = field(default_factory=list)  # images of the old site no page shows as a photo
    chrome_texts: list[tuple[str, int]] = field(default_factory=list)  # (text, pages it is on)
    settings: dict[str, str] = field(default_factory=dict)  # offered for albumen.toml
    looks: list[Look] = field(default_factory=list)
    write: WriteResult | None = None

    @property
    def images_copied(self) -> int:
        """Images copied into images/ by this import (or that a dry run would copy)."""
        return images_copied(self.write)

    def problems(self) -> list[Problem]:
        """Each place to look at as a located warning; each refused overwrite as an error."""
        found = [Problem(_joined(self.source, group.first.path), group.first.line, group.first.level, group.message)
                 for group in grouped(self.looks)]
        return found + refused_overwrites(self.write)

    def summary(self, dry_run: bool = False) -> str:
        lines = [
            f"read {plural(len(self.pages_read), 'page')} from {self.source}: {plural(len(self.topics), 'topic')}, "
            f"{plural(len(self.pages), 'free page')}, {plural(len(self.items), 'item')}",
            f"{plural(len(self.item_links), 'link')} became item links; left out as site chrome: "
            f"{plural(len(self.chrome_images), 'image')}, "
            f"{plural(len(self.small_images), 'spacer, icon or banner', 'spacers, icons or banners')}, "
            f"{plural(len(self.drawn_images), 'drawn picture')}, "
            f"{plural(len(self.chrome_texts), 'line')} of text",
        ]
        if self.write is not None:
            lines.insert(1, files_summary(self.write, dry_run))
        if self.unmapped:
            lines.append(f"{plural(len(self.unmapped), 'old address leads', 'old addresses lead')} nowhere: see "
                         f"{REPORT_FILE}")
        if self.looks:
            lines.append(f"{plural(len(self.looks), 'place needs', 'places need')} a person's look "
                         f"({plural(len(grouped(self.looks)), 'kind')}): see {REPORT_FILE}")
        return "\n".join(lines)

    def markdown(self) -> str:
        """The report as a Markdown document (import-report.md)."""
        out = [f"# Import report: {self.source}", "", self.summary(), ""]
        out += markdown_section("Needs a person's look", [_told(group) for group in grouped(self.looks)])
        out += markdown_section("Old addresses that lead nowhere", [f"`{old}`: {why}" for old, why in self.unmapped])
        out += markdown_section("Topics (one per gallery page)", [
            f"`{old}` → topics/{new}.md" for old, new in self.topics])
        out += markdown_section("Free pages", [f"`{old}` → pages/{new}.md" for old, new in self.pages])
        out += markdown_section("Items", [f"`{old}` → items/{new}.md" for old, new in self.items])
        out += markdown_section("Photo pages (now the item's page)", [
            f"`{old}` → items/{new}.md" for old, new in self.photo_pages])
        out += markdown_section("Old pages with nothing of their own, led to the page that holds them", [
            f"`{old}` → {new} ({why})" for old, new, why in self.led_elsewhere])
        out += markdown_section("Links that became item links", [
            f"`{page}`: “{text}” → item:{item}" for page, text, item in self.item_links])
        out += markdown_section("Left out as site chrome: images", [
            f"`{path}` (on {plural(count, 'page')})" for path, count in self.chrome_images])
        out += markdown_section("Left out: spacers, icons and banners", [f"`{path}`" for path in self.small_images])
        out += markdown_section("Left out: drawn pictures (text or shapes a layout program or clip art saved as a "
                                "picture, not photographs; their words are only in the picture: copy one by hand "
                                "if you want it)", [f"`{path}`" for path in self.drawn_images])
        out += markdown_section("Left out: navigation buttons (Previous, Next, Home)", [
            f"`{path}`" for path in self.navigation_images])
        out += markdown_section("Left out: images in the old site's folder that no page shows (unlinked folders "
                                "of bigger scans among them: import those with `albumen import photos`)",
                                _by_folder(self.unused_images))
        out += markdown_section("Left out as site chrome: text", [
            f"“{text}” (on {plural(count, 'page')})" for text, count in self.chrome_texts])
        out += markdown_section("Offered for albumen.toml", [
            f"{key} = “{value}”" for key, value in self.settings.items()])
        out += markdown_section("Pages read", [f"`{page}` ({how})" for page, how in self.pages_read])
        out += files_section(self.write)
        return "\n".join(out).rstrip() + "\n"


# -- what every importer's report says about the files (the spreadsheet and photo reports use these too) -----

WRITES: tuple[Action, ...] = ("create", "update", "replace", "append")
ACTION_WORDS = {"create": "new", "update": "updated", "replace": "replaced (backed up)", "unchanged": "unchanged",
                "conflict": "not replaced (changed by a person)", "keep": "kept as it is",
                "append": "added to (backed up)"}


def images_copied(write: WriteResult | None) -> int:
    """Images copied into images/ by an import (or that a dry run would copy)."""
    if write is None:
        return 0
    return sum(1 for p in write.plan if p.path.startswith("images/") and p.action in WRITES)


def files_summary(write: WriteResult, dry_run: bool) -> str:
    """'copied 3 images into images/; wrote files: 5 new, 1 updated' (or 'would ...')."""
    counts = [(action, len(write.with_action(action))) for action in WRITES]
    files = ", ".join(f"{n} {ACTION_WORDS[action]}" for action, n in counts if n) or "nothing new"
    copy, written = ("would copy", "would write") if dry_run or not write.written else ("copied", "wrote")
    backups = f" (the files replaced are kept in {write.backup_dir}/)" if write.backup_dir else ""
    return f"{copy} {plural(images_copied(write), 'image')} into images/; {written} files: {files}{backups}"


def files_section(write: WriteResult | None) -> list[str]:
    """The '## Files' section of a report: every file written, and how."""
    if write is None:
        return []
    return markdown_section("Files", [f"{ACTION_WORDS[p.action]}: {p.path}" for p in write.plan
                                      if p.action != "unchanged"])


def refused_overwrites(write: WriteResult | None) -> list[Problem]:
    """Each file the writer refused to replace, as an error that says how to replace it."""
    return [Problem(planned.path, None, "error", "changed since the last import (or not written by one); not "
                    "replaced. Run again with --force to replace it (the old file is kept in .albumen/backups/)")
            for planned in (write.conflicts if write else [])]


def _by_folder(paths: list[str]) -> list[str]:
    """A line per folder with its count, then a line per file."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folders.setdefault(path.rsplit("/", 1)[0] + "/" if "/" in path else "./", []).append(path)
    lines = []
    for folder, files in folders.items():
        lines.append(f"{folder}: {plural(len(files), 'image')}")
        lines += [f"  `{path}`" for path in files]
    return lines


def _told(group: LookGroup) -> str:
    """One line of the report: a look, or a kind of look with its count and every place."""
    if len(group.places) == 1:
        return f"`{group.first.where}`: {group.first.message}"
    places = ", ".join(f"`{look.where}`" + (f" (with {', '.join(f'`{a}`' for a in look.also)})" if look.also else "")
                       for look in group.places)
    return f"{group.first.kind} ({len(group.places)}): {places}"


# -- photos that look nearly the same ---------------------------------------------------------------------------

def look_for_near_duplicates(report: CollectsLooks, root: Path, draft: Draft, *, keep_fingerprints: bool) -> None:
    """A note (kind NEAR_DUPLICATES: for a person to decide, nothing is wrong) for each group of imported items
    whose photos look nearly the same, at the first one's place in the source. keep_fingerprints: keep them in the
    archive's .albumen/fingerprints.sqlite, where `albumen check` finds them by content hash (a dry run keeps
    nothing)."""
    copied = {copy.target: copy.source for copy in draft.images}
    items: list[DraftItem] = []
    pictures: list[Picture] = []
    for item in draft.items:
        path = copied.get(item.image, root / "images" / item.image)
        if undecodable_name(str(path)):
            continue  # libvips opens names as UTF-8 (Found by tests/test_trust_imports.py); `check` compares the copy
        try:
            info = probe(path)
        except (ImageProblem, OSError):
            continue  # the reader has said so already
        items.append(item)
        pictures.append(Picture(str(path.resolve()), path, (info.width, info.height)))
    if len(pictures) < 2:
        return
    cache = FingerprintCache(root / ".albumen" if keep_fingerprints else None)
    try:
        groups = near_duplicate_groups(cache.fingerprints(pictures))
    finally:
        cache.close()
    for group in groups:
        first, others = items[group[0]], [items[index] for index in group[1:]]
        where, line = _source_place(first)
        names = _listed([f"{_source_name(other)} (items/{other.id}.md)" for other in others])
        report.look(where, line, f"looks nearly the same as {names}: one photo saved twice, or two frames of one "
                    f"scene? Keep both if they differ, else remove one of the item files (items/{first.id}.md)",
                    level="note", kind=NEAR_DUPLICATES, also=tuple(_source_name(other) for other in others))


def _source_place(item: DraftItem) -> tuple[str, int | None]:
    """Where the item came from in the source: a spreadsheet's row, an old site's image, a folder's photo."""
    source = item.source or {}
    if isinstance(source.get("row"), int):
        return "", source["row"]
    for key in ("image", "file"):
        if isinstance(source.get(key), str):
            return source[key], None
    return "", None


def _source_name(item: DraftItem) -> str:
    where, line = _source_place(item)
    return f"row {line}" if line is not None else where or f"images/{item.image}"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def markdown_section(title: str, entries: list[str]) -> list[str]:
    """'## Title', then one '- entry' line each; nothing at all when there are no entries."""
    if not entries:
        return []
    return [f"## {title}", "", *[f"- {entry}" for entry in entries], ""]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"



def _joined(source: str, path: str) -> str:
    return f"{source.rstrip('/')}/{path}" if path else source
