"""A photo page of an old site that shows a card's two sides: one item, its front and back as its images.

Old sites often show a postcard or a print with its handwritten back on one page: two pictures, one thing. When the
only two photos of a page say which side they are (their file names, alt texts or captions: front and back, recto
and verso), the two items the import made of them become one, with the page's heading as its title, the page's text
and the sides' captions as its caption, and every old address of the two and of the page leading to it. The page's
topic, made for these two alone, goes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import replace

from albumen.importers.drafts import Draft, DraftItem, DraftTopic
from albumen.records import ItemImage

SIDES = {"front": "front", "recto": "front", "back": "back", "verso": "back"}
# The side a name or text says: 'card_front', 'Front', 'Back: written by Anna', 'the bridge (verso)'.
_NAME_SIDE = re.compile(r"(?:^|[\W_])(front|back|recto|verso)$", re.IGNORECASE)
_TEXT_SIDE = re.compile(r"^\W*(front|back|recto|verso)\b|\((front|back|recto|verso)\)|\b(front|back|recto|verso)\W*$",
                        re.IGNORECASE)
# A caption that says nothing but the side: it becomes the image's label, not caption text.
_ONLY_SIDE = re.compile(r"^\W*(front|back|recto|verso)\W*$", re.IGNORECASE)


def sides_as_one(draft: Draft) -> tuple[Draft, dict[str, str]]:
    """The draft with each page's front and back as one item; and the ids that went -> the object's id."""
    merged: dict[str, str] = {}
    objects: list[DraftItem] = []
    gone_topics: set[str] = set()
    for pair, topic in _pairs(draft):
        if any(item.id in merged for item in pair):
            continue
        front, back = sorted(pair, key=lambda item: side_of(item) != "front")
        obj = _object(front, back, topic)
        objects.append(obj)
        merged.update({front.id: obj.id, back.id: obj.id})
        if topic is not None:
            gone_topics.add(topic.id)
    if not merged:
        return draft, {}
    items: list[DraftItem] = []
    for item in draft.items:
        if item.id not in merged:
            items.append(item)
        elif merged[item.id] not in {i.id for i in items}:
            items.append(next(o for o in objects if o.id == merged[item.id]))
    topics = tuple(replace(t, items=tuple(dict.fromkeys(merged.get(i, i) for i in t.items)))
                   for t in draft.topics if t.id not in gone_topics)
    items = [replace(i, topics=tuple(t for t in i.topics if t not in gone_topics)) for i in items]
    return replace(draft, items=tuple(items), topics=topics), merged


def side_of(item: DraftItem) -> str:
    """'front', 'back' or '' from the item's old file name, else its alt text, else its caption's first line."""
    image = str((item.source or {}).get("image") or item.image)
    stem = posixpath.splitext(posixpath.basename(image))[0]
    found = _NAME_SIDE.search(stem)
    if found:
        return SIDES[found.group(1).casefold()]
    for text in (item.alt, item.caption.strip().split("\n", 1)[0]):
        found = _TEXT_SIDE.search(text.strip())
        if found:
            return SIDES[next(g for g in found.groups() if g).casefold()]
    return ""


def _pages_of(item: DraftItem) -> set[str]:
    source = item.source or {}
    also = source.get("also_on") or []
    return {p for p in (source.get("page"), source.get("photo_page"), *also) if isinstance(p, str)}


def _pairs(draft: Draft) -> Iterable[tuple[tuple[DraftItem, DraftItem], DraftTopic | None]]:
    """Two items that are the only photos of a page and say they are its front and back; with the page's topic
    when the import made one of the page (a topic of these two alone)."""
    on_page: dict[str, list[DraftItem]] = {}
    for item in draft.items:
        for page in _pages_of(item):
            on_page.setdefault(page, []).append(item)
    for page, items in on_page.items():
        if len(items) != 2 or {side_of(i) for i in items} != {"front", "back"}:
            continue
        ids = {i.id for i in items}
        topic = next((t for t in draft.topics if set(t.items) == ids and page in t.redirect_from), None)
        yield (items[0], items[1]), topic


def _object(front: DraftItem, back: DraftItem, topic: DraftTopic | None) -> DraftItem:
    captions = [c for c in (topic.narrative if topic else "", _caption(front), _caption(back)) if c]
    source = {**(front.source or {}), "sides": [front.source, back.source]}
    return replace(
        front, id=topic.id if topic else front.id, title=(topic.title if topic else "") or front.title or back.title,
        caption="\n\n".join(captions), images=(ItemImage(front.image, "front"), ItemImage(back.image, "back")),
        topics=tuple(dict.fromkeys((*front.topics, *back.topics))), alt=front.alt or back.alt,
        date=front.date or back.date, places=tuple(dict.fromkeys((*front.places, *back.places))),
        subjects=tuple(dict.fromkeys((*front.subjects, *back.subjects))), source=source,
        redirect_from=tuple(dict.fromkeys((*front.redirect_from, *back.redirect_from,
                                           *(topic.redirect_from if topic else ())))),
    )


def _caption(item: DraftItem) -> str:
    """The caption without a first line that only names the side (that is the image's label)."""
    first, _, rest = item.caption.strip().partition("\n")
    return rest.strip() if _ONLY_SIDE.match(first) else item.caption.strip()
