"""What a page is made from, as one digest: a page whose digest did not change is not rendered again.

A page's bytes depend on its template's variables and on what the templates read from the site model. The
digest covers the first exactly (each record by its full repr, each photograph with its derivatives and the
topics that list it) and the second broadly: every place with its photograph count, every topic's title and
date, the ids of every record a caption may link to, the free pages, the settings and the theme, so that an edit
of one of those renders every page again. Only the pages that are many (a photograph's page, and the pages of
galleries) are digested; the site's few index pages are always rendered.

Too broad a digest costs time; too narrow a one would publish a stale page. tests/test_incremental.py compares
random sequences of edits against a clean build, byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from typing import Any

from albumen.discovery import Creator, Decade, Period, TimelinePage
from albumen.records import Item, Page, Place, Subject, Topic
from albumen.site import Site

# The site model's records that many pages show (a topic on each of its photographs' pages; a timeline period on
# each timeline page that shows a part of it, with all its entries): each is digested once a build and stands in
# every page's digest as that digest. A period's text written out on each of its pages was quadratic: at 20,000 items
# dated in one year, 20 timeline pages each wrote the year's 20,000 entries (6 of an edit's 7 s of digests).
# Not the values made for one page (its neighbours, its paging): kept, they would be held to the end.
_SHARED_RECORDS = (Topic, Place, Page, Subject, Creator, Decade, Period, TimelinePage)

DIGESTED_TEMPLATES = {"item.html", "topic.html", "items.html", "place.html", "subject.html", "decade.html",
                      "creator.html", "timeline.html"}


class PageDigests:
    def __init__(self, site: Site, setting: str) -> None:
        self.site, self.setting = site, setting
        self._items: dict[str, str] = {}
        self._records: dict[int, tuple[object, str]] = {}  # id() -> (the record, kept so its id is not reused; digest)
        self._timeline = site.timeline_targets[0]
        self._timeline_digest: str | None = None
        self.base = digest_of(
            setting,
            repr(sorted(site.items)), repr([t.id for t in site.topics]), repr(sorted(site.subjects)),
            repr(sorted(site.creators)), repr(list(site.decades)),
            repr([(p, len(site.place_items.get(p.id, []))) for p in site.places.values()]),
            repr([(t.id, t.title, t.date, len(site.topic_items.get(t.id, []))) for t in site.topics]),
            repr([p.id for p in site.archive.pages]), repr([(p.id, p.title) for p in site.menu_pages]),
            repr(site.province_countries), repr(site.public_url),
        )

    def of(self, url: str, template: str, context: Mapping[str, Any]) -> str | None:
        """The page's digest; None for a page that is always rendered."""
        if template not in DIGESTED_TEMPLATES:
            return None
        parts = [self.base, url, template]
        if template == "timeline.html":  # each page shows the whole timeline's years, counts and pages too
            parts.append(self._whole_timeline())
        for key in sorted(context):
            value = context[key]
            if key == "members":  # a gallery's pages show how many photographs it has, not which
                parts.append(f"members={len(value)}")
            else:
                parts.append(f"{key}={self._value(value)}")
        return digest_of(*parts)

    def _whole_timeline(self) -> str:
        if self._timeline_digest is None:
            site = self.site
            self._timeline_digest = digest_of(self._value(site.timeline),
                                              repr(sorted(site.timeline_targets[1].items())),
                                              repr([(page.number, page.label) for page in site.timeline_pages]))
        return self._timeline_digest

    def item_document(self, item: Item) -> str:
        """What an item's IIIF documents are made from."""
        return digest_of(self.base, "iiif", self.item(item))

    def fingerprint(self) -> str:
        """Everything the site is made from (settings, theme and albumen in the setting; every record, whole; every
        photograph's derivatives): a build whose fingerprint is the published site's publishes nothing."""
        archive = self.site.archive
        return digest_of(self.base, "site", *(self.item(item) for item in self.site.items.values()),
                     repr(archive.topics), repr(archive.places), repr(archive.pages))

    def search_data(self) -> str:
        """What the fallback search's records are made from: every item, topic (its text too) and page."""
        site = self.site
        covers = [getattr(site.cover(site.topic_items[t.id]), "id", None) for t in site.topics]
        return digest_of(self.base, "search-data", *(self.item(item) for item in site.items.values()),
                     repr(site.topics), repr(covers), repr(site.archive.pages))

    def item(self, item: Item) -> str:
        digest = self._items.get(item.id)
        if digest is None:
            site = self.site
            digest = self._items[item.id] = digest_of(
                repr(item), repr(site.images.get(item.id)), repr([t.id for t in site.item_topics.get(item.id, [])]),
                repr(self._timeline.get(item.id)))
        return digest

    def _value(self, value: Any) -> str:
        if isinstance(value, Item):
            return "item:" + self.item(value)
        if isinstance(value, _SHARED_RECORDS):
            known = self._records.get(id(value))
            if known is None:
                known = self._records[id(value)] = (value, f"{type(value).__name__}#{digest_of(self._fields(value))}")
            return known[1]
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._value(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ",".join(f"{k!r}:{self._value(v)}" for k, v in sorted(value.items())) + "}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._fields(value)
        if isinstance(value, Site):
            raise TypeError("the site model is in every page's variables already; pass what the page shows")
        return repr(value)

    def _fields(self, value: Any) -> str:
        fields = ",".join(f"{f.name}={self._value(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"


def digest_of(*parts: str) -> str:
    """A short digest of texts (each ended by a NUL, so that ('ab', 'c') and ('a', 'bc') differ)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()
