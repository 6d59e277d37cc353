"""One page of an old site: decoded, parsed the way a browser parses it, its images and their links.

selectolax's lexbor parser builds the tree of a 1998 page (unclosed <TD>, <FONT><B> misnested,
upper-case tags) as a browser does; it is given decoded text, never bytes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from albumen.importers.decoding import DecodedPage, decode_page
from albumen.importers.oldsite import IMAGE_EXTENSIONS, OldSite, Target, is_image, is_page
from albumen.reading import read_regular_file

# Subtrees that are never shown as content.
TEXT_ON_GIF = re.compile(r"""webbot\s+bot\s*=\s*["']?ImageMap["']?\s+startspan\b(?=.*?\btext\s*=\s*"(?P<text>[^"]*)")"""
                         r"""(?=.*?\bu-originalsrc\s*=\s*"(?P<original>[^"]+)")""", re.IGNORECASE | re.DOTALL)
DRAWN_RUN = re.compile(r"\(\s*\d+\s*,\s*\d+\s*\)\s*\(\s*\d+\s*,\s*\d+\s*\)\s*\{([^}]*)\}")  # (x,y) (x,y) {words}
SKIPPED_TAGS = {"head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "map",
                "select", "textarea", "button", "svg", "math"}
LINE_BLOCKS = {"li", "p", "td", "th", "dd", "dt", "div", "center", "body", "h1", "h2", "h3", "h4", "h5", "h6"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A file name in a script: javascript:popup('big/x.jpg') or onclick="window.open('x.html')".
IMAGE_URL = re.compile(rf"[^<>\"']+\.(?:{IMAGE_EXTENSIONS})(?:[?#]\S*)?$", re.IGNORECASE)
SCRIPT_FILE = re.compile(rf"""['"]([^'"\s]+\.(?:{IMAGE_EXTENSIONS}|s?html?))['"]""", re.IGNORECASE)
NOWHERE_HREFS = ("", "#")  # a link to nothing: its click is a script's, or the top of the same page
# The scripts of 2005-2012 that show the big photo over the page (Lightbox, Slimbox, Thickbox, Highslide, ...): they
# show the link's title under it, the photo's caption (rel="lightbox[trip]", class="thickbox", hs.expand(this)).
LIGHTBOX = re.compile(r"lightbox|lytebox|slimbox|thickbox|highslide|hs\.expand|shadowbox|fancybox|colorbox|"
                      r"prettyphoto|greybox|gb_show|milkbox|clearbox|lightview|\bibox\b", re.IGNORECASE)


@dataclass(eq=False)
class ImageUse:
    """One <img> on one page."""

    page: str
    number: int  # its place among the page's images, from 0
    node: LexborNode
    src: Target
    link: Target | None  # where the enclosing <a> (or its script) leads; None when not linked
    alt: str
    declared: tuple[int | None, int | None]  # width= and height= as written, if numbers
    line: int | None  # in the page's source, for messages
    alternatives: tuple[Target, ...] = ()  # other versions the tag names (srcset, data-src ...)
    text_link: bool = False  # not an <img>: a link to the image file, alone on its line (a list of pictures)
    drawn_words: str = ""  # words FrontPage's Text on GIF drew onto this copy of the picture (its caption)
    box_title: str | None = None  # the title of a lightbox's link (its caption); None when no lightbox shows it

    @property
    def node_id(self) -> int:
        return self.node.mem_id


@dataclass(eq=False)
class OldPage:
    """A parsed page and what is on it."""

    rel: str
    decoded: DecodedPage
    tree: LexborHTMLParser
    title: str
    language: str
    images: list[ImageUse] = field(default_factory=list)
    refused: list[tuple[str, int | None]] = field(default_factory=list)  # links leading outside the site
    links: list[str] = field(default_factory=list)  # the old site's pages it links to (<a>, <area>), in order
    frames: list[str] = field(default_factory=list)  # the pages its <frame>s and <iframe>s show
    refresh: str | None = None  # the page a <meta http-equiv="refresh"> moves on to (a slide show's next)

    @property
    def body(self) -> LexborNode | None:
        return self.tree.body

    def line_of(self, value: str, occurrence: int = 0) -> int | None:
        """The line of the page's source where `value` (an attribute as written) appears."""
        return line_of(self.decoded.text, value, occurrence)


def read_page(site: OldSite, rel: str, encoding: str | None) -> OldPage:
    """Decode and parse one page of the old site (its images are found by `find_images`)."""
    decoded = decode_page(read_regular_file(site.files[rel]), encoding)  # UnreadableFile, never a wait
    tree = LexborHTMLParser(decoded.text)
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    page = OldPage(
        rel=rel, decoded=decoded, tree=tree,
        title=normalise_space(unspaced(title_node.text(deep=True))) if title_node else "",
        language=(html_node.attributes.get("lang") or "").strip() if html_node else "",
    )
    return page


def find_images(site: OldSite, page: OldPage) -> None:
    """Find the page's images and where each leads (once the site knows its own addresses)."""
    if page.body is not None:
        seen: dict[str, int] = {}
        for number, node in enumerate(_shown_images(page.body)):
            page.images.append(_image_use(site, page, number, node, seen))
    find_links(site, page)


def add_linked_images(site: OldSite, pages: list[OldPage]) -> None:
    """Image files a page lists as text links, a link alone on its line (`<li><a href="Boxholm (1).jpg">Boxholm
    1</a></li>`, no <img>), that no <img> of the site shows or leads to: the page's photos, as a person clicking
    through its list sees them. (A link to the big version of a thumbnail shown somewhere is not a second use.)"""
    shown = {t.path for page in pages for use in page.images for t in (use.src, use.link, *use.alternatives)
             if t is not None and t.is_file}
    for page in pages:
        if page.body is None:
            continue
        listed: set[str] = set()
        for node in page.body.css("a[href]"):
            href = node.attributes.get("href") or ""
            target = site.resolve(page.rel, href)
            if (not target.is_file or not is_image(target.path) or target.path in shown or target.path in listed
                    or node.css_first("img") is not None or _inside_skipped(node) or not _alone_on_its_line(node)):
                continue
            listed.add(target.path)
            page.images.append(ImageUse(page=page.rel, number=len(page.images), node=node, src=target, link=None,
                                        alt="", declared=(None, None), line=page.line_of(href),
                                        text_link=True))


def _alone_on_its_line(anchor: LexborNode) -> bool:
    """The link's words are all of its list item's, paragraph's or cell's: a list of pictures, not a word in a
    sentence ("see <a href=big.jpg>the big one</a>")."""
    words = normalise_space(anchor.text(deep=True))
    block = anchor.parent
    while block is not None and block.tag not in LINE_BLOCKS:
        block = block.parent
    return bool(words) and block is not None and normalise_space(block.text(deep=True)) == words


def find_links(site: OldSite, page: OldPage) -> None:
    """The pages of the old site this page leads to: its links, its frames and its timed refresh."""
    for node in page.tree.css("a[href], area[href]"):
        for target in _link_targets(site, page, node.attributes.get("href") or ""):
            if target.is_file and is_page(target.path) and target.path != page.rel:
                page.links.append(target.path)
    for node in page.tree.css("frame[src], iframe[src]"):
        target = site.resolve(page.rel, node.attributes.get("src"))
        if target.is_file and is_page(target.path) and target.path != page.rel:
            page.frames.append(target.path)
    for node in page.tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", node.attributes.get("content") or "", re.IGNORECASE)
            moves_to = site.resolve(page.rel, match.group(1).strip()) if match else None
            if moves_to is not None and moves_to.is_file and is_page(moves_to.path) and moves_to.path != page.rel:
                page.refresh = moves_to.path


def site_addresses(page: OldPage) -> list[str]:
    """The page's links and image sources written as absolute addresses (http://..., /...)."""
    found = []
    for node in page.tree.css("a[href], img[src]"):
        value = (node.attributes.get("href") or node.attributes.get("src") or "").strip()
        if value.lower().startswith(("http://", "https://", "//", "/")):
            found.append(value)
    return found


def climbing_links(page: OldPage) -> list[tuple[str, str]]:
    """(the page, a link as written) for each href of the page that climbs ('../index.html'), any element's."""
    return [(page.rel, href) for node in page.tree.css("[href]")
            if (href := node.attributes.get("href") or "").startswith("..")]


def _shown_images(body: LexborNode) -> list[LexborNode]:
    found = []
    for node in body.css("img"):
        if not _inside_skipped(node):
            found.append(node)
    return found + [node for node in [body, *body.css("table[background], td[background], th[background]")]
                    if _background_alone(node)]


def _background_alone(node: LexborNode) -> bool:
    """A page, table or cell whose only content is its background picture (`<body background=x.jpg>&nbsp;`):
    that picture is what it shows, as an <img> would be."""
    return bool((node.attributes.get("background") or "").strip()) and not _inside_skipped(node) \
        and node.css_first("img") is None and not node.text(deep=True).strip(" \t\n\r\f\v\xa0")


def _inside_skipped(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in SKIPPED_TAGS or is_hidden(parent):
            return True
        parent = parent.parent
    return False


def is_hidden(node: LexborNode) -> bool:
    """An element a browser does not show (style="display:none", hidden, Netscape's <layer visibility="hide">):
    what a script shows later (FrontPage's slide show captions) is read where it is needed, never as the page's."""
    attributes = node.attributes
    return "hidden" in attributes or (attributes.get("visibility") or "").strip().lower() in ("hide", "hidden") \
        or bool(HIDDEN_STYLE.search(attributes.get("style") or ""))


def _image_use(site: OldSite, page: OldPage, number: int, node: LexborNode, seen: dict[str, int]) -> ImageUse:
    attributes = node.attributes
    raw_src = (attributes.get("src") or attributes.get("data-src") or attributes.get("data-original")
               or (attributes.get("background") if node.tag != "img" else None) or "")
    occurrence = seen.get(raw_src, 0)
    seen[raw_src] = occurrence + 1
    line = page.line_of(raw_src, occurrence) if raw_src else None
    src = _followed(site, page, raw_src, line)
    alternatives = tuple(_followed(site, page, url, line) for url in [*_srcset_urls(attributes.get("srcset")),
                                                                       *_data_urls(attributes)])
    original, words = _text_on_gif(node)
    if original:  # the picture the words were drawn on is the photo; the page shows a copy of it
        alternatives = (_followed(site, page, original, line), *alternatives)
    return ImageUse(
        page=page.rel, number=number, node=node, src=src, link=_link_of(site, page, node, line),
        alt=normalise_space(attributes.get("alt") or ""), line=line, alternatives=alternatives,
        declared=(_number(attributes.get("width")), _number(attributes.get("height"))), drawn_words=words,
        box_title=_lightbox_title(node),
    )


def _lightbox_title(image: LexborNode) -> str | None:
    """The title of the link a lightbox script opens the photo from (`<a href="big.jpg" rel="lightbox"
    title="Caption">`): what the script shows under the big photo. None when no such script shows it, or its link
    has no title: the script then shows the thumbnail's alt (prettyPhoto, fancybox), which says the caption."""
    anchor = _enclosing_anchor(image)
    if anchor is None:
        return None
    attributes = anchor.attributes
    marks = " ".join(attributes.get(name) or "" for name in ("rel", "class", "onclick", "data-lightbox"))
    if "data-lightbox" not in attributes and not LIGHTBOX.search(marks) or "title" not in attributes:
        return None
    return normalise_space(attributes.get("title") or "")


def _text_on_gif(image: LexborNode) -> tuple[str, str]:
    """FrontPage's Text on GIF: `<!--webbot bot="ImageMap" startspan text=" (256,410) (318, 436) {Lorenzo} {Times
    New Roman} 12 B ..." u-originalsrc="images/Immag020.gif" --><img src="_derived/2008.htm_txt_Immag020.gif">`:
    the picture the words were drawn on and the words (each run's first {...}; the second is the font)."""
    comment = image.prev
    if comment is None or comment.tag != "-comment":
        return "", ""
    found = TEXT_ON_GIF.search(comment.html or "")
    if found is None:
        return "", ""
    words = [normalise_space(run) for run in DRAWN_RUN.findall(found["text"])]
    return found["original"], " ".join(word for word in words if word)


def _link_of(site: OldSite, page: OldPage, image: LexborNode, line: int | None) -> Target | None:
    """Where clicking the image leads: the enclosing <a href>, or a file named in its script."""
    anchor = _enclosing_anchor(image)
    scripts = [image.attributes.get("onclick") or ""]
    if anchor is not None:
        href = anchor.attributes.get("href") or ""
        scripts += [href, anchor.attributes.get("onclick") or ""]
        target = _followed(site, page, href, line)
        if target.kind != "none":
            return target
    for script in scripts:
        for name in SCRIPT_FILE.findall(script):
            target = _followed(site, page, name, line)
            if target.is_file and (is_image(target.path) or is_page(target.path)):
                return target
    # FrontPage's slide show: a thumbnail's script shows the picture its lowsrc names (the big one)
    low = _followed(site, page, image.attributes.get("lowsrc"), line) if anchor is not None else None
    return low if low is not None and low.is_file and is_image(low.path) else None


def _enclosing_anchor(image: LexborNode) -> LexborNode | None:
    anchor = image.parent
    while anchor is not None and anchor.tag != "a":
        anchor = anchor.parent if anchor.tag not in ("td", "th", "p", "div", "li", "body") else None
    return anchor


def link_addresses(href: str) -> list[str]:
    """Where a link (<a>, <area>) leads, as the addresses it names: its href, or the files a script link names
    (PowerPoint's slides lead to the next by `javascript:GoToSld('slide0002.htm')`, a photo page opens by
    `javascript:popup('x.html')`, an image-map menu by `javascript:openWin('photos.html')`). Nothing when it
    leads nowhere: no href, "" or "#", or a script that names no file (a click a script answers in place)."""
    text = href.strip()
    if text.lower().startswith("javascript:"):
        return SCRIPT_FILE.findall(text)
    return [] if text in NOWHERE_HREFS else [text]


def _link_targets(site: OldSite, page: OldPage, href: str) -> list[Target]:
    return [site.resolve(page.rel, address) for address in link_addresses(href)]


def _followed(site: OldSite, page: OldPage, href: str | None, line: int | None) -> Target:
    target = site.resolve(page.rel, href)
    if target.kind == "outside":
        page.refused.append((target.path, line))
    return target


def _srcset_urls(srcset: str | None) -> list[str]:
    """'a.jpg 400w, b.jpg 800w' -> the URLs, the widest first."""
    candidates = []
    for part in (srcset or "").split(","):
        words = part.split()
        if words:
            width = _number(words[1].rstrip("wx")) if len(words) > 1 else 1
            candidates.append((width or 0, words[0]))
    return [url for _, url in sorted(candidates, reverse=True)]


def _data_urls(attributes: dict[str, str | None]) -> list[str]:
    """Image files named in data-* attributes: a lazy thumbnail's data-src, a carousel's big data-href."""
    return [value.strip() for name, value in attributes.items() if name.startswith("data-") and value
            and IMAGE_URL.match(value.strip())]


def _number(text: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", text or "")
    return int(match.group(1)) if match else None


LETTER_SPACED = 0.7  # of a title's parts, this share single letters: "[ c y b e r p u n k ]" (GoLive's look)


def unspaced(title: str) -> str:
    """A title written letter by letter, a space between each ('[ d a n c i n g - m o n g o o s e . n e t : c y b e
    r p u n k ]'), read as its words: 'dancing-mongoose.net: cyberpunk' (words a double space apart stay apart)."""
    parts = title.split()
    if len(parts) < 8 or sum(len(part) == 1 for part in parts) < LETTER_SPACED * len(parts):
        return title
    if any(sum(char.isalnum() for char in part) > 1 for part in parts) or _in_order(parts):
        return title  # a word beside single letters ("Surnames A B C D"), or an index: "A B C ... K", "1 2 ... 9"
    words = [word.replace(" ", "") for word in re.split(r"[ \t\n\r\xa0]{2,}", title.strip())]  # as written
    joined = " ".join(word for word in words if word)
    joined = re.sub(r"([:;,|])(?=\S)", r"\1 ", joined)
    return joined[1:-1].strip() if joined.startswith("[") and joined.endswith("]") else joined


def _in_order(parts: list[str]) -> bool:
    """The title's letters or digits follow one another: an alphabet's or a count's, not a word's."""
    signs = [part for part in parts if part.isalnum()]
    return all(ord(after) == ord(before) + 1 for before, after in itertools.pairwise(signs))


def normalise_space(text: str) -> str:
    """Runs of spaces, tabs, newlines and no-break spaces -> one space; ends trimmed. (U+3000 is kept.)"""
    return re.sub(r"[ \t\n\r\f\v\xa0]+", " ", text).strip()


def line_of(text: str, value: str, occurrence: int = 0) -> int | None:
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(value, position + 1)
        if position < 0:
            return None
    return text.count("\n", 0, position) + 1
