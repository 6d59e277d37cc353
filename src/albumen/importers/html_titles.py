"""The titles of what the import makes: a gallery's topic, a slide show, a free page, the home page's own text;
and the name an id is made from (part of step 5 of html_site.py's list)."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from albumen.importers.fields import id_slug, is_default_name
from albumen.importers.html_captions import INSTRUCTION
from albumen.importers.html_chrome import line_key
from albumen.importers.html_model import PageText, SiteModel, file_stem, first_heading, is_home, reading_order
from albumen.importers.html_page import normalise_space
from albumen.importers.html_paging import is_page_counter
from albumen.importers.html_patterns import PAGE_WORDS, TITLE_WORDS
from albumen.importers.html_saved_parts import part_title
from albumen.importers.html_stories import story_heading
from albumen.importers.html_text import Line, PhotoMark
from albumen.importers.oldsite import FOLDER_PAGE_STEMS

# A folder named for where the site was kept, not for what it shows: a server's folder (www, public_html, htdocs),
# a download or a backup ('site-backup-2019', 'Downloads', 'old_site copy', 'mysite (1)': a second copy's number)
SAVED_AS = re.compile(r"www|site|html|htdocs|backup|copy|download|mirror|\(\d+\)\s*$", re.IGNORECASE)
SERVER_NAMES = {"web", "public", "docs", "old", "new", "home", "files", "archive", "export", "temp", "tmp", "test",
                "untitled", "untitled folder", "new folder"}  # ...these as the whole name ('Old photos' is a title)
LETTERS = re.compile(r"[^\W\d_]{3,}")  # a word of 3 letters or more: numbers alone (2019-03-10) name no site
TITLE_SEPARATORS = re.compile(r"\s*[:|»]\s+|\s+[-·—–]+\s+")


def topic_title(m: SiteModel, rel: str) -> str:
    """A gallery's title: its heading before the first photo, else its frameset's or its own <title>."""
    title_line = topic_title_line(m, rel)
    return saved_part_title(m, rel) or (title_line.plain if title_line else _gallery_title(m, rel))


def saved_part_title(m: SiteModel, rel: str) -> str:
    """The title of a page saved in NAME_files/ without a <title> of its own: NAME's (html_saved_parts.py)."""
    return part_title(m, rel, lambda title: _only_site_title_in(m, title))


def topic_title_line(m: SiteModel, rel: str) -> Line | None:
    """The heading a topic's title comes from (None for a saved part: its title is its page's, its heading stays)."""
    if saved_part_title(m, rel):
        return None
    over_photos = {id(line) for (page, _), line in m.headings.items() if page == rel}
    return first_heading([line for line in _before_first_photo(m.texts[rel]) if id(line) not in over_photos]) \
        or story_heading(m, rel)  # a news page's own big heading, its <title> its section's (html_stories.py)


def distinct_titles(m: SiteModel) -> dict[str, str]:
    """Galleries that would share one title (the days of one trip: 'Bass to Havasupai' each) take the short line
    each shows before its photos, besides its links ('February 21'), after it, when no other says the same."""
    if m.titles is None:
        m.titles = {}
        groups: dict[str, list[str]] = {}
        for rel in reading_order(m.texts):
            if m.roles[rel] == "gallery" and rel not in m.continued:
                groups.setdefault(normalise_space(topic_title(m, rel)).casefold(), []).append(rel)
        for title, rels in groups.items():
            labels = {rel: _label(m, rel) for rel in rels if not saved_part_title(m, rel)} if title and len(
                rels) >= 2 else {}
            told = Counter(label.casefold() for label in labels.values())
            m.titles.update({rel: f"{topic_title(m, rel)}: {label}" for rel, label in labels.items()
                             if label and told[label.casefold()] == 1})
    return m.titles


def show_title(m: SiteModel, name: str, chain: list[str]) -> str:
    """A slide show's title: a presentation's own, else what its pages all say, else the name of leftovers."""
    if name in m.presentations:
        return m.presentations[name].title
    return slide_show_title(m, chain) or leftovers_title(m, name, chain)


def slide_show_title(m: SiteModel, chain: list[str]) -> str:
    """What a slide show's pages all say (the gallery's title they repeat), else what their titles share. A line on
    many more pages than the slide show's (and any line of a page alone) is the site's, a footer, never its title."""
    keys = [k for k, count in m.chrome.texts.items() if len(chain) >= 2 and min(3, len(chain)) <= count
            <= 2 * len(chain) + 1 and not k[1]
            and not INSTRUCTION.fullmatch(m.chrome.shown_texts[k])  # 'click on images ...' is no title
            and not m.chrome.shown_texts[k].rstrip().endswith(":")]  # nor a label over photos ('Map:')
    for key in keys:
        if all(any(line_key(line) == key for line in m.texts[rel].lines) for rel in chain):
            return m.chrome.shown_texts[key]
    common = _common_title_parts([m.pages[rel].title for rel in chain])
    titles = [p for p in TITLE_SEPARATORS.split(m.pages[chain[0]].title) if p.casefold() in common]
    return titles[0] if titles else ""


def leftovers_title(m: SiteModel, name: str, chain: list[str]) -> str:
    """Pages without a <title> of their own are named for the folder of their pictures, never a file name."""
    if m.pages[chain[0]].title:
        return title_of(m, m.texts[chain[0]])
    folders = {posixpath.basename(posixpath.dirname(m.photos[key].best)) for key in m.gathered[name]}
    folder = folders.pop() if len(folders) == 1 else posixpath.basename(posixpath.dirname(chain[0]))
    return folder.replace("-", " ").replace("_", " ").strip().capitalize() or title_of(m, m.texts[chain[0]])


def page_title(m: SiteModel, rel: str) -> str:
    """A free page's heading; else, when its <title> is only the one every page shares (the site's name), its
    first short line ('June 23, 11,358 miles' in a big font); else its <title>."""
    text = m.texts[rel]
    title_line = first_heading(text.captions.loose)
    if saved_part_title(m, rel):
        return saved_part_title(m, rel)
    if title_line:
        return title_line.plain
    if m.roles[rel] != "home" and _only_site_title(m, text):
        return own_button_name(m, rel) or _label(m, rel) or title_of(m, text)
    return title_of(m, text)


def own_button_name(m: SiteModel, rel: str) -> str:
    """The words on the page's button in the site's menu: the page's name, where every <title> is the site's. Its
    own button, shown lit on it and leading to itself (NetObjects Fusion's Produkte_Hbuttonover.gif, alt
    'Produkte'), else the one most pages' menus lead to it by (FrontPage's theme buttons leave out the page's own:
    viaggi.htm is 'Equipaggio' on the buttons of the other pages)."""
    if m.menu_names is None:
        m.menu_names = _menu_names(m)
    return m.menu_names.get(rel, "")


def _menu_names(m: SiteModel) -> dict[str, str]:
    """Each page the menu's buttons lead to -> its name on them (worked out once: a page is named by all others)."""
    own: dict[str, str] = {}
    elsewhere: dict[str, Counter[str]] = {}
    for use in m.menu_buttons():
        assert use.link is not None
        name = normalise_space(use.node.attributes.get("alt") or use.node.attributes.get("title") or "")
        if name and use.link.path == use.page:
            own.setdefault(use.page, name)
        elif name:
            elsewhere.setdefault(use.link.path, Counter())[name] += 1
    return {**{rel: names.most_common(1)[0][0] for rel, names in elsewhere.items()}, **own}


def page_stem(m: SiteModel, rel: str, title: str) -> str:
    """The name a topic's or page's id is made from: its file name, unless an editor gave that by default
    (new_page_21, ThumbnailFrame): then its title, when it has one that says more."""
    stem = file_stem(rel)
    if saved_part_title(m, rel):
        return title
    if stem.casefold() in FOLDER_PAGE_STEMS:
        folder = posixpath.basename(posixpath.dirname(rel))
        return folder or site_heading(m, rel) or title_of(m, m.texts[rel]) or "home"
    if is_default_name(stem) and id_slug(title) and not is_default_name(title):
        return title
    return stem


def home_body(m: SiteModel) -> list[Line]:
    """The home page's text that is more than the site's description (its first paragraph)."""
    home = next((rel for rel in m.texts if is_home(rel)), None)
    if home is None:
        return []
    text = m.texts[home]
    title_line = first_heading(text.captions.loose)
    body = [line for line in text.captions.loose if line is not title_line]
    return [line for line in body if line not in first_paragraph(body)]


def title_of(m: SiteModel, text: PageText, strip_common: bool = True) -> str:
    title = text.page.title
    if strip_common:
        parts = [p for p in TITLE_SEPARATORS.split(title) if p.casefold() not in site_title_parts(m)]
        title = " - ".join(parts) if parts else title
    return title or _untitled_name(m, text.page.rel)


def _untitled_name(m: SiteModel, rel: str) -> str:
    """A page without a <title>: named for its file, but a folder's own page for its folder (the family named the
    folder '2007 03 10-17 - Cortina d Ampezzo'; 'Index' says nothing) when that name reads like a title. The home
    page's folder is the one the site was imported from: the report says which title it chose, and from where."""
    stem = file_stem(rel)
    name = stem.replace("-", " ").replace("_", " ").title()
    if stem.casefold() not in FOLDER_PAGE_STEMS:
        return name
    folder = posixpath.basename(posixpath.dirname(rel))
    if folder:
        return folder.replace("_", " ").strip() if reads_like_a_title(folder, numbers_alone=True) else name
    folder = m.site.name
    title = folder.replace("_", " ").strip() if reads_like_a_title(folder) else name
    why = "the name of the folder it was imported from" if title != name else (
        f"its file's name: the folder it was imported from, '{folder}', is named as a download, a backup or a "
        "server's folder are; give the site its title in albumen.toml")
    if is_home(rel):
        m.report.look(rel, None, f"the home page has no <title>: it is named '{title}', {why}", level="note",
                      kind="untitled home")
    return title


def reads_like_a_title(folder: str, numbers_alone: bool = False) -> bool:
    """The folder's name says what the site shows: not where it was kept (a server's folder, a download or a
    backup), nor, unless `numbers_alone` (a folder of the site: '2004'), numbers alone (the date of a backup)."""
    whole = " ".join(re.findall(r"[^\W_]+", folder)).casefold()
    return not (SAVED_AS.search(folder) or whole in SERVER_NAMES) and (numbers_alone or bool(LETTERS.search(folder)))


def site_title_parts(m: SiteModel) -> set[str]:
    """Parts of <title> two or more pages share: the site's name (read once all pages are read)."""
    if m.title_parts is None:
        m.title_parts = _common_title_parts([t.page.title for t in m.texts.values()])
    return m.title_parts


def _label(m: SiteModel, rel: str) -> str:
    """The page's first short line before its photos, its links' words left out ('February 21 Next Day')."""
    for line in _before_first_photo(m.texts[rel]):
        own = normalise_space(" ".join(run.text for run in line.runs if run.href is None))
        if own and not is_page_counter(own):
            return own if len(own.split()) <= TITLE_WORDS else ""
    return ""


def _gallery_title(m: SiteModel, rel: str) -> str:
    """A gallery without a heading: the title of the frameset it is shown in, else its own <title>, unless that
    is only the site's: then the name on its own button in the site's menu, when it shows one."""
    for other, page in m.pages.items():
        if rel in page.frames and page.title:
            return title_of(m, m.texts[other]) if m.texts[other].page.title else page.title
    named = _only_site_title(m, m.texts[rel]) and not is_home(rel) and own_button_name(m, rel)  # home: the site's
    return named or site_heading(m, rel) or title_of(m, m.texts[rel])


def site_heading(m: SiteModel, rel: str) -> str:
    """The heading over half the pages or more (Aperture's <h1> "Mom's Wonderful Life" over every page), when the
    page's <title> is only a folder's name and a page counter ("Moms_Collage_Site - Page 1"): the site's title,
    which the <title> is not. "" otherwise."""
    if not _folder_name_title(m.pages[rel].title):
        return ""
    repeated = (line for line in m.texts[rel].lines if line.kind in ("h1", "h2", "h3")
                and 2 * m.chrome.texts.get(line_key(line), 0) >= m.chrome.pages)
    return next((line.plain for line in repeated), "")


def _folder_name_title(title: str) -> bool:
    """A <title> that is a name as a file system spells it (no spaces: 'Moms_Collage_Site'), maybe with a page
    counter ('Page 1'): the name of the folder a gallery maker exported to, not a title a person gave."""
    parts = [part for part in TITLE_SEPARATORS.split(title.strip()) if part]
    names = [part for part in parts if not (PAGE_WORDS.fullmatch(part) and re.search(r"\d", part))]
    return bool(names) and all(not re.search(r"\s", name) and ("_" in name or not reads_like_a_title(name))
                               for name in names)


def _only_site_title(m: SiteModel, text: PageText) -> bool:
    return _only_site_title_in(m, text.page.title)


def _only_site_title_in(m: SiteModel, title: str) -> bool:
    return all(part.casefold() in site_title_parts(m) for part in TITLE_SEPARATORS.split(title) if part)


def first_paragraph(lines: list[Line]) -> list[Line]:
    """The lines of the first plain paragraph, when the text starts with one."""
    if not lines or lines[0].kind != "p":
        return []
    return [line for line in lines if line.paragraph == lines[0].paragraph]


def _before_first_photo(text: PageText) -> list[Line]:
    first = next((e.number for e in text.events if isinstance(e, PhotoMark)), None)
    return [line for line in text.captions.loose if first is None or line.number < first]


def _common_title_parts(titles: list[str]) -> set[str]:
    """Parts of <title> that two or more pages share (the site's name), ignoring case."""
    counts = Counter(part.casefold() for title in titles for part in set(TITLE_SEPARATORS.split(title)) if part)
    return {part for part, count in counts.items() if count >= 2} if len(titles) > 1 else set()
