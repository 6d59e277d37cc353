"""`albumen import html` on the kinds of old site the eighth round of real sites showed misread (issue 13,
/work/notes/realsites8_report.md #1, #3, #4): a village's hand-made news pages of 2006-2015, edited with FrontPage,
each story a page, all of them with the <title> of their section ("Village - noticeboard"), the story's heading a
big bold line in the middle column (not an <h1>), arrows from each story to the next, and photos shown by a
lightbox script that keeps each photo's caption in its link's title.
Each old site is written here by code, with real JPEG files; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from albumen.importers.html_site import HtmlImport
from test_import_real_photos import import_site, item_of, photo, words, write
from test_import_real_sites8 import by_old_page

STORY = ("After a rainy first day the weather turned and the children of the village spent the afternoon building "
         "huts from pallets, rope and old sheets in the meadow behind the school. Parents brought lemonade, the fire "
         "brigade came by with its truck and everyone agreed that {name} was the best day of the summer holidays. "
         "In the evening the huts were lit with lanterns and the whole village walked past to see them; the oldest "
         "children told ghost stories to the youngest until it was dark and time to go home to bed.")


HEADINGS = {1: "Campfire", 2: "Ghost town", 3: "Olympic games"}  # each story's own (numbers would be page numbers)


def _thumbs(n: int, names: list[str], lightbox: dict[str, str] | None = None, alt: str = "") -> str:
    """Linked thumbnails pics/NAMEkl.jpg -> pics/NAMEgr.jpg (the village site's kl/gr pairs)."""
    cells = []
    for name in names:
        title = f' rel="lightbox" title="{lightbox[name]}"' if lightbox is not None and name in lightbox else ""
        cells.append(f'<a href="pics/{name}gr.jpg"{title}><img src="pics/{name}kl.jpg" width=350 height=262'
                     + (f' alt="{alt}"' if alt else "") + ' border=0></a>')
    return "\n".join(cells)


def _photos(old: Path, names: list[str]) -> None:
    for name in names:
        photo(old, f"pics/{name}gr.jpg", f"pics/{name}kl.jpg", size=(1000, 750), thumb_width=350)


def news_page(n: int, *, previous: str = "", following: str = "", lightbox: dict[str, str] | None = None,
              columns: bool = False, bold: bool = False) -> str:
    """One story of the noticeboard: the section's chrome (its banner and menu), the story's heading, subtitle and
    date in a centred bold block, its text and its photos. columns: the real site's three columns, a column of
    thumbnails left of the story (so its first photo comes before its heading in the page's source)."""
    names = [f"s{n}p{k}" for k in range(1, 4)]
    arrows = "".join(f'<a href="{href}"><img src="pics/{arrow}.gif" width=24 height=24 border=0></a>'
                     for href, arrow in ((previous, "vorige"), (following, "volgende")) if href)
    heading = (f'<center><b><font size=5 color="green">{HEADINGS[n]}</font><br>Subtitle {n}</b><br>'
               f"<i>28 August 2015</i></center><br>")
    if bold:  # the heading a size bigger than the text and bold, no bigger: still the story's heading
        heading = (f'<font size=4 color="black"><center><b>{HEADINGS[n]}</b></font></center><br>'
                   f'<font size=2>Subtitle {n}<br><i>28 August 2015</i></font><br>')
    story = (f"{heading}<center>{_thumbs(n, names[:1], lightbox)}</center><p>{STORY.format(name=f'story {n}')}</p>"
             f"<center>{_thumbs(n, names[1:2], lightbox)}</center><p>The next morning the huts came down again.</p>"
             f"<center>{_thumbs(n, names[2:], lightbox)}</center>")
    if columns:
        side = [f"s{n}c{k}" for k in range(1, 4)]
        story = (f'<table><tr><td width="30%" valign=top>{_thumbs(n, side)}</td><td width="40%" valign=top>{story}'
                 f'</td><td width="30%" valign=top>{_thumbs(n, [f"s{n}r1", f"s{n}r2"])}</td></tr></table>')
    return ("<html><head><title>Village - noticeboard</title></head><body><table><tr>"
            '<td width=110 valign=top><b>Our village</b><p><a href="index.htm">Home</a><p>'
            f"{arrows}</td><td valign=top>"
            '<font size=5 face="comic sans ms"><b>noticeboard&nbsp;*&nbsp;news</b></font>'
            '<table><tr><td><a href="index.htm">Our village</a></td><td><a href="agenda.htm">Agenda</a></td></tr>'
            f"</table>{story}</td></tr></table></body></html>")


def noticeboard(old: Path, *, arrows: bool = False, columns: bool = False, bold: bool = False) -> Path:
    pages = {f"news{n}.htm": news_page(n, previous=f"news{n - 1}.htm" if arrows and n > 1 else "",
                                        following=f"news{n + 1}.htm" if arrows and n < 3 else "", columns=columns,
                                        bold=bold)
             for n in (1, 2, 3)}
    links = "".join(f'<li><a href="news{n}.htm">Story {n}</a></li>' for n in (1, 2, 3))
    write(old, {**pages, "index.htm": f"<html><head><title>Village</title></head><body><h1>Our village</h1>"
                                      f"<p>News of the village.</p><ul>{links}</ul></body></html>",
                "agenda.htm": "<html><head><title>Village - agenda</title></head><body><p>Nothing planned yet."
                              "</p></body></html>"})
    for n in (1, 2, 3):
        _photos(old, [f"s{n}p{k}" for k in range(1, 4)])
        if columns:
            _photos(old, [f"s{n}c{k}" for k in range(1, 4)] + [f"s{n}r1", f"s{n}r2"])
    for arrow in ("vorige", "volgende"):
        photo(old, f"pics/{arrow}.gif", size=(24, 24))
    return old


def _topic_of(found: HtmlImport, old_page: str) -> tuple[str, str]:
    topic = by_old_page(found)[old_page]
    return topic.title, words(getattr(topic, "narrative", ""))


# -- 4. a lightbox link's title is its photo's caption ------------------------------------------------------------

def test_a_lightbox_links_title_is_its_photos_caption_and_beats_the_thumbnails_alt(tmp_path: Path) -> None:
    old = tmp_path / "old"
    names = ["kv9", "kv10", "kv16", "kv17"]
    titles = {"kv9": "Three fat friends... so to speak!", "kv10": "Pretty women in the village, no?", "kv16": ".",
              "kv17": "kv17gr.jpg"}  # "." and the file's name are no caption
    write(old, {"camp.htm": "<html><head><title>Campfire</title></head><body><h1>Campfire</h1>"
                            f"<p>{STORY.format(name='the campfire')}</p>"
                            + "".join(f"<center>{_thumbs(1, [name], titles, alt='ghost town')}</center><p>&nbsp;</p>"
                                      for name in names) + "</body></html>"})
    _photos(old, names)
    found = import_site(old, tmp_path)
    captions = {name: words(item_of(found, f"pics/{name}gr.jpg").caption) for name in names}
    assert captions == {"kv9": "Three fat friends... so to speak!", "kv10": "Pretty women in the village, no?",
                        "kv16": "", "kv17": ""}


def test_a_thickbox_or_highslide_links_title_is_a_caption_too(tmp_path: Path) -> None:
    old = tmp_path / "old"
    write(old, {"index.htm": "<html><head><title>Fair</title></head><body><h1>The fair</h1><p>"
                             '<a href="pics/f1gr.jpg" class="thickbox" title="The carousel at night">'
                             '<img src="pics/f1kl.jpg" width=350 height=262></a> '
                             '<a href="pics/f2gr.jpg" class="highslide" onclick="return hs.expand(this)" '
                             'title="Candy floss for everyone"><img src="pics/f2kl.jpg" width=350 height=262></a> '
                             # iBox (the village site's berichten1.htm): rel="ibox"
                             '<a href="pics/f3gr.jpg" rel="ibox" title="The brass band plays on">'
                             '<img src="pics/f3kl.jpg" width=350 height=262></a>'
                             "</p></body></html>"})
    _photos(old, ["f1", "f2", "f3"])
    found = import_site(old, tmp_path)
    assert words(item_of(found, "pics/f1gr.jpg").caption) == "The carousel at night"
    assert words(item_of(found, "pics/f2gr.jpg").caption) == "Candy floss for everyone"
    assert words(item_of(found, "pics/f3gr.jpg").caption) == "The brass band plays on"



def test_a_lightbox_link_without_a_title_leaves_the_thumbnails_alt_the_caption(tmp_path: Path) -> None:
    """prettyPhoto and fancybox show the thumbnail's alt when the link has no title (a FrontPage genealogy's
    letters, 'Page 1 of letter from Lucy Allen Kirby ...', lost their captions when the lightbox was read)."""
    old = tmp_path / "old"
    alt = "Page 1 of letter from Lucy Allen Kirby to William Allen, January 1898"
    write(old, {"index.html": "<html><head><title>Correspondence</title></head><body><h1>Correspondence</h1><p>"
                              f'<a href="pics/l1gr.jpg" rel="prettyPhoto[pp_gal]"><img src="pics/l1kl.jpg" alt="{alt}" '
                              'width=75></a></p></body></html>'})
    _photos(old, ["l1"])
    found = import_site(old, tmp_path)
    assert words(item_of(found, "pics/l1gr.jpg").caption) == alt

# -- 1. a <title> every story of a section shares names none of them: the story's own big heading does ---------

def test_each_story_is_titled_by_its_own_big_heading_not_the_sections_title(tmp_path: Path) -> None:
    found = import_site(noticeboard(tmp_path / "old"), tmp_path)
    for n in (1, 2, 3):
        title, narrative = _topic_of(found, f"news{n}.htm")
        assert title == HEADINGS[n]
        assert f"Subtitle {n}" in narrative and "28 August 2015" in narrative  # the topic's, not a caption
        assert words(item_of(found, f"pics/s{n}p1gr.jpg").caption) == ""
    assert not [t for t in found.draft.topics if "noticeboard" in t.title.casefold()]


def test_a_story_heading_after_a_column_of_thumbnails_still_titles_the_story(tmp_path: Path) -> None:
    found = import_site(noticeboard(tmp_path / "old", columns=True), tmp_path)
    for n in (1, 2, 3):
        title, narrative = _topic_of(found, f"news{n}.htm")
        assert title == HEADINGS[n]
        assert f"Subtitle {n}" in narrative
        for name in (f"s{n}p1", f"s{n}c1", f"s{n}c3"):
            assert HEADINGS[n] not in words(item_of(found, f"pics/{name}gr.jpg").caption)
    assert not [look.message for look in found.report.looks if "Subtitle" in look.message]  # nothing to look at


def test_a_story_heading_in_bold_a_size_bigger_titles_the_story(tmp_path: Path) -> None:
    found = import_site(noticeboard(tmp_path / "old", columns=True, bold=True), tmp_path)
    for n in (1, 2, 3):
        title, narrative = _topic_of(found, f"news{n}.htm")
        assert title == HEADINGS[n]
        assert f"Subtitle {n}" in narrative


# -- 3. stories joined by next/previous arrows stay stories of their own -----------------------------------------

def test_stories_with_their_own_heading_and_text_are_no_later_pages_of_one_another(tmp_path: Path) -> None:
    for columns in (False, True):
        found = import_site(noticeboard(tmp_path / f"old{columns}", arrows=True, columns=columns),
                            tmp_path / f"out{columns}")
        pages = by_old_page(found)
        assert len({id(pages[f"news{n}.htm"]) for n in (1, 2, 3)}) == 3, [t.redirect_from for t in found.draft.topics]
        assert [pages[f"news{n}.htm"].title for n in (1, 2, 3)] == list(HEADINGS.values())


def test_a_paged_gallery_under_one_heading_is_still_one_topic(tmp_path: Path) -> None:
    old = tmp_path / "old"
    pages = {}
    for n in (1, 2, 3):
        names = [f"g{n}x{k}" for k in range(4)]
        nav = "".join(f'<a href="{rel}"><img src="pics/{arrow}.gif" width=24 height=24></a>' for rel, arrow in (
            (f"fair{n - 1}.htm", "vorige"), (f"fair{n + 1}.htm", "volgende")) if 1 <= int(rel[4]) <= 3)
        pages[f"fair{n}.htm"] = ("<html><head><title>Village - fair</title></head><body>"
                                 '<center><b><font size=5>The fair of 2009</font></b></center>'
                                 f"<p>{_thumbs(n, names)}</p><p>{nav}</p></body></html>")
        _photos(old, names)
    write(old, pages)
    for arrow in ("vorige", "volgende"):
        photo(old, f"pics/{arrow}.gif", size=(24, 24))
    found = import_site(old, tmp_path)
    assert len(found.draft.topics) == 1  # its heading, on every page, is its pages' chrome: no story's
    assert len(found.draft.topics[0].items) == 12
