"""The words of a picture's image map: a chart whose names are only in its <area title>s.

Visio's "Save as Web Page" writes a family tree as one GIF of boxes, and each person's name only as the title
(and alt) of the <area> over that box: a person moving the mouse over the chart reads them, the page has no
other text. Those words are the chart's: each area's title (else its alt) that leads nowhere (no href, "" or
"#", or a script that names no page: html_page.link_addresses, as any link is read) is written, verbatim and in
the map's order, as a list right after the picture, so that it is read as the picture's words like any text under
a picture. An area that links to a page is navigation (an image-map menu, also when a script opens the page:
`javascript:openWin('photos.html')`): its link is followed as any link, and its words are not added.
"""

from __future__ import annotations

import html

from selectolax.lexbor import LexborHTMLParser, LexborNode

from albumen.importers.html_page import OldPage, link_addresses, normalise_space


def with_map_labels(page: OldPage) -> None:
    """Write the labels of each image map the page's pictures use as a list right after the (first) picture
    using it."""
    body = page.body
    if body is None:
        return
    done: set[str] = set()
    for image in body.css("img[usemap]"):
        name = (image.attributes.get("usemap") or "").strip().lstrip("#")
        if not name or name.casefold() in done:
            continue
        done.add(name.casefold())
        labels = map_labels(body, name)
        if labels:
            items = "".join(f"<li>{html.escape(label)}</li>" for label in labels)
            listing = LexborHTMLParser(f'<ul class="albumen-map">{items}</ul>').css_first("ul")
            if listing is not None:
                image.insert_after(listing)


def map_labels(body: LexborNode, name: str) -> list[str]:
    """The titles (else alts) of the map's areas that lead nowhere, in order, each once."""
    found: list[str] = []
    for area_map in body.css("map"):
        if (area_map.attributes.get("name") or area_map.attributes.get("id") or "").casefold() != name.casefold():
            continue
        for area in area_map.css("area"):
            if link_addresses(area.attributes.get("href") or ""):
                continue  # it leads to a page, by its href or its script: a menu's, followed as links are
            label = normalise_space(area.attributes.get("title") or area.attributes.get("alt") or "")
            if label and label not in found:
                found.append(label)
        break
    return found
