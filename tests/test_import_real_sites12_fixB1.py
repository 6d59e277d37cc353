"""`albumen import html` on the page counters and pagers of two gallery makers the twelfth round of real sites
showed misread (issue 13, /work/notes/research12.md #2 and "smaller things"): iPhoto's "Export > Web Page" prints
"Current page: N" on each photo's page (before its <body>), and Aperture's web journal shows its pager's current page
as a bare number and names the site in an <h1> on every page, its <title> the export's folder name and a page counter.
Each old site is written here by code, with real JPEG files; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, item_of, photo, words, write
from test_import_real_sites8 import by_old_page


def iphoto_web_page(old: Path, photos: int = 6) -> Path:
    """iPhoto's web page export: index.html with a table of thumbnails, Pages/N.html for each photo with the
    counter "Current page: N" printed before <body>, an empty <h1>, "<--Previous Up Next-->" and the photo."""
    cells = "".join(f'<td align="center"><a href="Pages/{n}.html"><img border="0" alt="" src="Thumbnails/{n}.jpg">'
                    "</a><br><br></td>" for n in range(1, photos + 1))
    files = {"index.html": '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
                           "<title>Summer 2004</title></head><body><h2 align=\"center\">Summer 2004</h2>Page 1"
                           f"<p><br><table><tr>{cells}</tr></table></body></html>"}
    for n in range(1, photos + 1):
        previous = f'<a href="{n - 1}.html">&lt;--Previous</a>&nbsp;&nbsp;' if n > 1 else ""
        following = f'&nbsp;&nbsp;<a href="{n + 1}.html">Next--&gt;</a>' if n < photos else ""
        files[f"Pages/{n}.html"] = (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n <head>\n  <title>\n  \n'
            f"  </title>\n </head>\n Current page: {n}<p>\n <body bgcolor=\"#ffffff\">\n  <h1></h1><br>\n"
            f'  <br><br>{previous}<a href="../index.html">Up</a>{following}<br><br>\n'
            f'  <img alt="" src="../Images/{n}.jpg"><p>\n  <p>\n  <font size=10>\n  </font>\n </body>\n</html>\n')
        photo(old, f"Images/{n}.jpg", f"Thumbnails/{n}.jpg", size=(640, 480), thumb_width=160)
    return write(old, files)


def test_iphotos_current_page_counter_is_no_caption_and_no_title(tmp_path: Path) -> None:
    old = iphoto_web_page(tmp_path / "old")
    found = import_site(old, tmp_path)
    for n in range(1, 7):
        item = item_of(found, f"Images/{n}.jpg")
        assert (item.title, words(item.caption)) == ("", ""), n
    assert [topic.title for topic in found.draft.topics] == ["Summer 2004"]


def test_a_counter_in_other_words_is_no_caption_either(tmp_path: Path) -> None:
    """The same template in another language, and a photo page's "Photo N of M": numbers that change from page to
    page with the words around them the same are a counter, whatever the words."""
    old = iphoto_web_page(tmp_path / "old")
    for n in range(1, 7):
        page = old / "Pages" / f"{n}.html"
        page.write_text(page.read_text(encoding="utf-8").replace(f"Current page: {n}", f"Aktuelle Seite: {n}")
                        .replace("<font size=10>", f"<font size=10>Foto {n} von 6"), encoding="utf-8")
    found = import_site(old, tmp_path)
    for n in range(1, 7):
        item = item_of(found, f"Images/{n}.jpg")
        assert (item.title, words(item.caption)) == ("", ""), n


def test_a_numbered_caption_said_of_one_photo_each_stays(tmp_path: Path) -> None:
    """Captions that differ by more than a number ("Day 2: the ferry to Naxos") are captions, and so are captions
    that differ only by it when their words are the photo's own ("Day 3"), not a counter's ("Current page")."""
    old = iphoto_web_page(tmp_path / "old")
    places = ["Day 1", "Day 2: the ferry to Naxos", "Day 3", "Day 4: the beach", "Day 5", "Day 6: Athens again"]
    for n, place in enumerate(places, start=1):
        page = old / "Pages" / f"{n}.html"
        page.write_text(page.read_text(encoding="utf-8").replace("<font size=10>", f"<font size=10>{place}"),
                        encoding="utf-8")
    found = import_site(old, tmp_path)
    assert [words(item_of(found, f"Images/{n}.jpg").caption) for n in range(1, 7)] == places


def aperture_journal(old: Path, per_page: int = 3, pages: int = 3) -> Path:
    """Aperture's web journal: index.html, index2.html ... each with the site's <h1> (padded with &nbsp;), a pager
    of one <li> per page (the current page's number unlinked), side words, thumbnails; large-N.html photo pages
    with the same <h1> and "N of M". The <title> is the export's folder name and a page counter."""
    indexes = ["index.html", *(f"index{k}.html" for k in range(2, pages + 1))]
    total = per_page * pages

    def head(title: str) -> str:
        return (f'<html><head><title>{title}</title><meta name="description" content="Created by Apple Aperture">'
                '</head><body><div id="header"><h1>' + "&nbsp; " * 12 + "Mom’s Wonderful Life</h1>")

    files = {}
    for k, index in enumerate(indexes):
        pager = "".join(f'<li class="pagnation"><span class="currentPage">{j + 1}</span></li>' if j == k else
                        f'<li class="pagnation"><a href="{other}">{j + 1}</a></li>' for j, other in enumerate(indexes))
        following = f'<a href="{indexes[k + 1]}"><em>Next</em></a>' if k + 1 < pages else ""
        thumbs = "".join(f'<td><dl><dd><a href="large-{n}.html"><img src="thumbnails/thumb-{n}.jpg" height="150" '
                         f'width="113" alt=" "></a></dd><dt></dt><dd><ul id="metadata"></ul></dd></dl></td>'
                         for n in range(k * per_page + 1, (k + 1) * per_page + 1))
        files[index] = (head(f"Moms_Collage_Site - Page {k + 1}")
                        + f'<ul id="nav"><li class="previous"> </li>{pager}<li class="next">{following}</li></ul>'
                        + '</div><table><tr><td class="sideinfo"><h2>LOVE<br>FAMILY<br>FRIENDS</h2></td><td>'
                        + f"<table><tr>{thumbs}</tr></table></td></tr></table></body></html>")
    for n in range(1, total + 1):
        index = indexes[(n - 1) // per_page]
        following = f'<li class="next"><a href="large-{n + 1}.html"><em>Next</em></a></li>' if n < total else ""
        files[f"large-{n}.html"] = (
            head(f"Moms_Collage_Site - picture-{n}")
            + f'<ul id="nav"><li class="index"><a href="{index}">Index</a></li><li class="pageNumber">{n} of {total}'
            f"</li>{following}</ul></div><table><tr><td class=\"sideinfo\"><h2></h2></td><td><div id=\"photo\">"
            f'<img src="pictures/picture-{n}.jpg" width="360" height="480" alt=""></div></td></tr></table>'
            "</body></html>")
        photo(old, f"pictures/picture-{n}.jpg", f"thumbnails/thumb-{n}.jpg", size=(360, 480), thumb_width=113)
    return write(old, files)


def test_an_aperture_journals_current_page_number_is_no_topic_text(tmp_path: Path) -> None:
    found = import_site(aperture_journal(tmp_path / "old"), tmp_path)
    topic = by_old_page(found)["index2.html"]  # the paged gallery's one topic (index.html: the home page's address)
    assert "1" not in words(topic.narrative).split()
    assert topic.title == "Mom’s Wonderful Life"
    assert [words(item_of(found, f"pictures/picture-{n}.jpg").caption) for n in range(1, 10)] == [""] * 9


def test_a_heading_on_every_page_is_the_sites_title_when_the_title_is_a_folders_name(tmp_path: Path) -> None:
    found = import_site(aperture_journal(tmp_path / "old"), tmp_path)
    assert found.draft.settings.title == "Mom’s Wonderful Life"


def test_a_page_number_said_of_a_few_photos_is_theirs(tmp_path: Path) -> None:
    """A census record's "Page: 36" under three scans of a genealogy's ten is the record's page, not a counter:
    a counter is on half the photo pages or more."""
    old = iphoto_web_page(tmp_path / "old", photos=10)
    for n, number in ((2, 36), (5, 247), (8, 207)):
        page = old / "Pages" / f"{n}.html"
        page.write_text(page.read_text(encoding="utf-8").replace(f"Current page: {n}", "")
                        .replace("<font size=10>", f"<font size=10>Page: {number}"), encoding="utf-8")
    found = import_site(old, tmp_path)
    assert [words(item_of(found, f"Images/{n}.jpg").caption) for n in (1, 2, 5, 8)] == [
        "", "Page: 36", "Page: 247", "Page: 207"]
