"""Metadata for sharing and citing: schema.org JSON-LD, CSL-JSON and BibTeX for a photograph.

Every function takes what a page already knows (the item, its places, its URLs) and returns plain data or
text; the templates escape it. JSON for an inline <script> goes through `script_json`, which no text from
the archive can break out of.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from albumen import i18n
from albumen.dates import Date, describe_in
from albumen.discovery import is_uncertain, year_of
from albumen.markup import plain_text
from albumen.records import Item, Place

# A caption's words are wanted by the page's description, JSON-LD, CSL-JSON, the feed and the search index:
# Markdown is parsed once per text.
caption_words = functools.lru_cache(maxsize=16384)(plain_text)
SCHEMA_CONTEXT = "https://schema.org"
SEASON_NUMBERS = {21: 1, 22: 2, 23: 3, 24: 4}  # EDTF season -> CSL season (spring 1 ... winter 4)
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]")


@dataclass(frozen=True)
class Cited:
    """What a citation of one photograph says; the URLs are absolute when the site's base_url is set."""

    item: Item
    site_title: str
    page_url: str  # the photograph's page (stable: /items/ID/)
    image_url: str | None  # the largest JPEG
    image_size: tuple[int, int] | None
    thumbnail_url: str | None
    places: list[list[Place]]  # each place the item names, as a chain from the place itself up to its root
    place_urls: dict[str, str]
    topics: list[tuple[str, str]]  # (title, url)
    rights: str
    language: str


def script_json(data: Any) -> Markup:
    """JSON that is safe inside <script type="application/ld+json">: no '<', '>' or '&' survive literally,
    so no caption can close the script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def iso_date(date: Date) -> str | None:
    """The date as precisely as ISO 8601 can state it without claiming more: '1944-10-05', '1944-10',
    '1944' for anything within one year (autumn 1944 -> '1944'); None for dates spanning years."""
    if not date.lower or not date.upper:
        return None
    lower, upper = date.lower, date.upper
    if lower == upper:
        return lower
    if lower[:7] == upper[:7] and lower.endswith("-01") and _is_month_end(upper):
        return lower[:7]
    if year_of(lower) == year_of(upper) and year_of(lower) > 0:
        return lower[:-6]
    return None


def iso_interval(date: Date) -> str | None:
    """'1944-09-01/1944-11-30': the date's bounds as an ISO 8601 interval (schema.org temporalCoverage)."""
    if not date.lower or not date.upper:
        return None
    return date.lower if date.lower == date.upper else f"{date.lower}/{date.upper}"


def _is_month_end(iso: str) -> bool:
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return (day + datetime.timedelta(days=1)).day == 1


def licence_url(rights: str) -> str | None:
    """The first web address in a rights statement (e.g. a Creative Commons licence), if any."""
    match = _URL.search(rights)
    return match.group(0) if match else None


def item_json_ld(cited: Cited) -> dict[str, Any]:
    """schema.org Photograph + ImageObject for a photograph's page."""
    item = cited.item
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": ["Photograph", "ImageObject"],
        "@id": cited.page_url,
        "url": cited.page_url,
        "name": item.title,
        "identifier": item.id,
    }
    caption = caption_words(item.caption)
    if caption:
        data["description"] = data["caption"] = caption
    if item.alt:
        data["alternativeHeadline"] = item.alt
    if cited.image_url:
        data["contentUrl"] = cited.image_url
        if cited.image_size:
            data["width"], data["height"] = cited.image_size
    if cited.thumbnail_url:
        data["thumbnailUrl"] = cited.thumbnail_url
    if item.date:
        created = iso_date(item.date)
        if created:
            data["dateCreated"] = created
        interval = iso_interval(item.date)
        if interval and item.date.edtf != created:  # a season, a range, a qualifier: say what it spans
            data["temporalCoverage"] = interval
    if cited.places:
        data["contentLocation"] = [_place_json(chain, cited.place_urls) for chain in cited.places]
    if item.creator:
        data["creator"] = {"@type": "Person", "name": item.creator}
        data["creditText"] = item.creator
    if cited.rights:
        data["copyrightNotice"] = cited.rights
        licence = licence_url(cited.rights)
        if licence:
            data["license"] = licence
    if item.subjects:
        data["keywords"] = list(item.subjects)
    if cited.topics:
        data["isPartOf"] = [{"@type": "CreativeWork", "name": title, "url": url} for title, url in cited.topics]
    data["inLanguage"] = cited.language
    data["publisher"] = {"@type": "Organization", "name": cited.site_title}
    return data


def _place_json(chain: list[Place], urls: dict[str, str]) -> dict[str, Any]:
    place, parents = chain[0], chain[1:]
    data: dict[str, Any] = {"@type": "Place", "name": place.name}
    if place.id in urls:
        data["url"] = urls[place.id]
    if place.other_names:
        data["alternateName"] = list(place.other_names)
    if place.lat is not None and place.lon is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    if parents:
        data["containedInPlace"] = _place_json(parents, urls)
    return data


def website_json_ld(title: str, description: str, url: str | None, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "WebSite", "name": title}
    if description:
        data["description"] = description
    if url:
        data["url"] = url
    data["inLanguage"] = language
    return data


# -- citations ---------------------------------------------------------------------------------------------


def citation_text(cited: Cited) -> str:
    """A plain citation a person can paste, in the site's language: 'Creator. “Title.” Photograph, autumn 1944.
    Site.' ('Créateur. « Titre. » Photographie, automne 1944. Site.' on a French site)."""
    item = cited.item
    lang = i18n.language(cited.language)
    _ = i18n.gettext_for(lang)
    title, site = item.title.rstrip("."), cited.site_title.rstrip(".")
    if item.date:
        text = _("“%(title)s.” Photograph, %(date)s. %(site)s.", title=title, site=site,
                 date=describe_in(item.date.edtf, lang.catalog))
    else:
        text = _("“%(title)s.” Photograph, undated. %(site)s.", title=title, site=site)
    if item.creator:
        text = _("%(creator)s. %(citation)s", creator=item.creator.rstrip("."), citation=text)
    return text


def _medium(cited: Cited) -> str:
    """What the photograph is, for CSL-JSON's medium and BibTeX's howpublished, in the site's language."""
    _ = i18n.gettext_for(i18n.language(cited.language))
    return _("Photograph")


def csl_json(cited: Cited) -> dict[str, Any]:
    """CSL-JSON (the format of Zotero, Pandoc and citeproc) for the photograph."""
    item = cited.item
    data: dict[str, Any] = {"id": item.id, "type": "graphic", "title": item.title, "medium": _medium(cited)}
    if item.creator:
        data["author"] = [{"literal": item.creator}]
    if item.date:
        issued = csl_date(item.date, i18n.language(cited.language).catalog)
        if issued:
            data["issued"] = issued
    caption = caption_words(item.caption)
    if caption:
        data["abstract"] = caption
    data["archive"] = cited.site_title
    data["URL"] = cited.page_url
    if cited.places:
        data["event-place"] = cited.places[0][0].name
    if cited.rights:
        data["rights"] = cited.rights  # CSL 1.0.2 has no rights variable; Zotero reads this one
    return data


def csl_date(date: Date, catalog: str = i18n.SOURCE) -> dict[str, Any] | None:
    """CSL's date: date-parts to the precision the EDTF gives, a season, circa, or a range; else the date in words
    in the language of `catalog`."""
    if not date.lower or not date.upper:
        return {"literal": describe_in(date.edtf, catalog)}
    parts = _edtf_parts(date.edtf)
    if parts is None:
        return {"literal": describe_in(date.edtf, catalog)}
    result: dict[str, Any] = {"date-parts": [p for p, _ in parts]}
    seasons = {season for _, season in parts if season}
    if len(parts) == 1 and seasons:
        result["season"] = seasons.pop()
    if is_uncertain(date):
        result["circa"] = True
    return result


def _edtf_parts(edtf: str) -> list[tuple[list[int], int | None]] | None:
    """'1944-23' -> [([1944], 3)]; '1944-06/1944-11' -> [([1944, 6], None), ([1944, 11], None)]."""
    found = []
    for part in edtf.split("/"):
        match = re.fullmatch(r"[?~%]?(\d{4})(?:-[?~%]?(\d{2})(?:-[?~%]?(\d{2}))?)?[?~%]?", part)
        if not match:
            return None
        year, middle, day = match.groups()
        numbers, season = [int(year)], None
        if middle and int(middle) in SEASON_NUMBERS:
            season = SEASON_NUMBERS[int(middle)]
        elif middle:
            numbers.append(int(middle))
            if day:
                numbers.append(int(day))
        found.append((numbers, season))
    return found


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(text.split()))


def bibtex(cited: Cited) -> str:
    """A BibTeX @misc entry; `date` carries the EDTF for biblatex, `year` the year for plain BibTeX."""
    item = cited.item
    key = re.sub(r"[^A-Za-z0-9:_-]+", "-", item.id).strip("-") or "photograph"
    fields: list[tuple[str, str]] = [("title", item.title)]
    if item.creator:
        fields.append(("author", "{" + bibtex_escape(item.creator) + "}"))  # a name, not "Last, First"
    if item.date:
        if item.date.lower and item.date.upper and year_of(item.date.lower) == year_of(item.date.upper):
            fields.append(("year", str(year_of(item.date.lower))))
        fields.append(("date", item.date.edtf))
    fields += [("howpublished", _medium(cited)), ("organization", cited.site_title), ("url", cited.page_url)]
    if cited.rights:
        fields.append(("note", cited.rights))
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        if name in ("url", "date"):  # read as they are (biber parses the EDTF); only braces would break them
            escaped = value.replace("{", "%7B").replace("}", "%7D")
        elif name == "author":
            escaped = value
        else:
            escaped = bibtex_escape(value)
        lines.append(f"  {name} = {{{escaped}}},")
    lines.append("}")
    return "\n".join(lines)
