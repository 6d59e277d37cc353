"""What the spreadsheet and photo-folder readers need of the archive they import into: its places (to name
places by their ids), its topics (never redrafted), its items (whose ids a new photo must not take) and its
images/ folder (images already there stay there)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from albumen.archive_reader import load_places
from albumen.frontmatter import FrontMatterError, decode_text, read_document
from albumen.importers.drafts import DraftTopic
from albumen.importers.fields import id_slug
from albumen.problems import Problems
from albumen.records import Place


@dataclass(frozen=True)
class Destination:
    root: Path
    places: tuple[Place, ...]
    topic_ids: frozenset[str]
    item_images: dict[str, str | None]  # item id (folded) -> its image; None when the file can't be read

    @classmethod
    def at(cls, root: Path) -> Destination:
        """The archive at `root` (it may not exist yet); places.yaml's problems are `albumen check`'s to report."""
        places = tuple(load_places(root, Problems())) if (root / "places.yaml").is_file() else ()
        topics = root / "topics"
        topic_ids = frozenset(p.stem for p in topics.glob("*.md")) if topics.is_dir() else frozenset()
        items = root / "items"
        item_images = {p.stem.casefold(): _image_of(p) for p in items.glob("*.md")} if items.is_dir() else {}
        return cls(root, places, topic_ids, item_images)

    def may_use_item_id(self, item_id: str, image: str) -> bool:
        """Whether an item with this id and image may be written: no item has the id yet, or the one that has it
        shows the same image (it is this photo, from an earlier import). Another photo's item is never replaced:
        a spreadsheet's 'IMG_001' and an old site's 'img_001' are not the same photograph."""
        key = item_id.casefold()
        return key not in self.item_images or self.item_images[key] == image

    def image_target(self, image: Path, folder: str, inside: str) -> tuple[str, bool]:
        """Where an image goes in images/ ('folder/inside'), and whether it must be copied there: an image that is
        in the archive's images/ already is used where it is (a second copy would double the archive's size)."""
        images = (self.root / "images").resolve()
        resolved = image.resolve()
        if resolved.is_relative_to(images):
            return resolved.relative_to(images).as_posix(), False
        return f"{folder}/{inside}", True


@dataclass
class TopicNames:
    """Topics an import names (a spreadsheet's Album column, a photo's folder): one per name, ignoring case.

    A topic the archive has already is only referred to, never redrafted, so a narrative a person wrote for it
    does not stop the next import.
    """

    existing: frozenset[str]
    ids: dict[str, str] = field(default_factory=dict)  # folded name -> id
    drafts: list[DraftTopic] = field(default_factory=list)

    def id_for(self, name: str, key: str | None = None) -> str:
        """The topic called `name` (told apart by `key`, when names may repeat: two folders called '1944')."""
        title = " ".join(name.split())
        key = (key or title).casefold()
        if key not in self.ids:
            base = id_slug(key) or id_slug(title) or "topic"
            topic_id, number = base, 1
            while topic_id in self.ids.values():
                number += 1
                topic_id = f"{base}-{number}"
            self.ids[key] = topic_id
            if topic_id not in self.existing:
                self.drafts.append(DraftTopic(id=topic_id, title=title))
        return self.ids[key]


def site_title(name: str) -> str:
    """A title for a new archive's albumen.toml from its source's name: 'family_photos' -> 'Family photos'.

    Offered only: an archive that has an albumen.toml keeps it as it is.
    """
    words = " ".join(name.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else ""


def _image_of(item_file: Path) -> str | None:
    try:
        meta = read_document(decode_text(item_file.read_bytes()), require_front_matter=True).meta
    except (OSError, FrontMatterError):
        return None  # unreadable: its id counts as taken by another photo
    image = meta.get("image")
    return str(image).replace("\\", "/") if image is not None else None
