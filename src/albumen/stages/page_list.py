"""The pages of the site: each one's URL, template and variables, galleries cut into pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from albumen.records import Item
from albumen.site import Site, paged
from albumen.urls import CREATORS, DECADES, ITEMS, MAP, PAGES, PLACES, SEARCH, SUBJECTS, TOPICS, url_for

UNLISTED = {SEARCH}  # pages a search engine has no use for
SEARCHED = {"item.html", "topic.html", "page.html"}  # the templates with a data-pagefind-body: what search indexes


def _gallery(base: str, template: str, members: list[Item], site: Site, **context: Any
             ) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """A gallery's pages: `members` is the whole gallery (for its counts), `shown` the page's photographs."""
    cover = site.cover(members)
    for paging, shown in paged(base, members):
        yield paging.here, template, {**context, "members": members, "shown": shown, "paging": paging,
                                      "cover": cover}


def pages(site: Site) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(url, template, context) for every page of the site. `cover` is the photograph a shared link shows."""
    everything = list(site.items.values())
    yield "", "home.html", {"cover": site.cover(m for t in site.topics for m in site.topic_items[t.id])
                            or site.cover(everything)}
    yield TOPICS, "topics.html", {}
    for topic in site.topics:
        yield from _gallery(url_for(topic), "topic.html", site.topic_items[topic.id], site, topic=topic)
    yield from _gallery(ITEMS, "items.html", everything, site)
    for item in site.items.values():
        yield url_for(item), "item.html", {"item": item, "neighbours": site.neighbours(item), "cover": item}
    yield PLACES, "places.html", {}
    for place in site.places.values():
        yield from _gallery(url_for(place), "place.html", site.place_items.get(place.id, []), site,
                            place=place)
    yield SUBJECTS, "subjects.html", {}
    for subject in site.subjects.values():
        yield from _gallery(url_for(subject), "subject.html", site.subject_items[subject.id], site,
                            subject=subject)
    yield DECADES, "decades.html", {}
    for decade in site.decades.values():
        yield from _gallery(url_for(decade), "decade.html", site.decade_items[decade.id], site,
                            decade=decade)
    yield CREATORS, "creators.html", {}
    for creator in site.creators.values():
        yield from _gallery(url_for(creator), "creator.html", site.creator_items[creator.id], site,
                            creator=creator)
    for timeline_page in site.timeline_pages:
        yield url_for(timeline_page), "timeline.html", {"page": timeline_page}
    yield MAP, "map.html", {}
    if site.pages_listed:
        yield PAGES, "pages.html", {}
    for page in site.archive.pages:
        yield url_for(page), "page.html", {"page": page}
    yield SEARCH, "search.html", {}
