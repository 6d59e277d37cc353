"""`albumen import html` on the kinds of old site research round 12 showed misread (issue 13,
/work/notes/research12.md #1, #7): a genealogy program's text pages (Ancestral Quest / PAF / Family Tree Heritage
"Web page" descendant reports) whose button images were never uploaded, and FrontPage sub-sites whose pages of
nothing but chrome (a nav bar, a _borders page) must lead to their own folder's page.
Each old site is written here by code; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, messages, photo, words, write
from test_import_real_sites8 import by_old_page, text_of

PEOPLE = {1: ("Ann SMITH", "2 Mar 1901", "Leeds", "John BROWN"),
          2: ("Mary BROWN", "14 Jun 1926", "York", "Peter GREEN"),
          3: ("Alice GREEN", "9 Jan 1950", "Hull", "Tom WHITE"),
          4: ("Rose WHITE", "1 May 1975", "Selby", "Sam BLACK")}
GENERATIONS = {1: "First Generation", 2: "Second Generation", 3: "Third Generation", 4: "Fourth Generation"}


def generation_page(n: int, last: int = 3, alt: bool = True) -> str:
    """One page of a descendant report: its heading, a person's paragraphs, and the program's buttons
    (images/home.jpg, prev.jpg, next.jpg, end.jpg), whose files were never uploaded. alt: their ALT texts."""
    name, born, place, spouse = PEOPLE[n]

    def button(href: str, image: str, word: str) -> str:
        return f'<a href="{href}"><img src="images/{image}.jpg" border=0 ALT="{word if alt else ""}"></a>\n'

    buttons = button("index.htm#TOC", "home", "Home")
    if n > 1:
        buttons += button(f"gen{n - 1:02d}.htm", "prev", "Previous")
    if n < last:
        buttons += button(f"gen{n + 1:02d}.htm", "next", "Next")
    buttons += button(f"gen{last:02d}.htm", "end", "Last")
    return (f"<html><head><title>Ancestors of Ann SMITH</title></head><body>\n<h3>Ancestors of Ann SMITH</h3>\n"
            f"<h2>{GENERATIONS[n]}</h2>\n<p>{n}. <b>{name}</b> was born on {born} in {place}. She married "
            f"{spouse} in 1925 in the parish church of {place}, where her father had been sexton.</p>\n"
            "<p>They had the following children.</p>\n"
            '<p><a href="surnames.htm">Surname List</a> | <a href="names.htm">Name Index</a></p>\n'
            f"{buttons}</body></html>")


def genealogy_report(old: Path, last: int = 3, alt: bool = True) -> Path:
    links = "".join(f'<li><a href="gen{n:02d}.htm">{GENERATIONS[n]}</a></li>' for n in range(1, last + 1))
    return write(old, {
        **{f"gen{n:02d}.htm": generation_page(n, last, alt) for n in range(1, last + 1)},
        "index.htm": f'<html><head><title>Smith Family Tree</title></head><body><h1>Smith Family Tree</h1>'
                     f'<a name="TOC"></a><p>The descendants of Ann Smith of Leeds.</p><ul>{links}</ul></body></html>',
        "surnames.htm": "<html><body><h2>Surname List</h2><p>BROWN, GREEN, SMITH, WHITE</p></body></html>",
        "names.htm": "<html><body><h2>Name Index</h2><p>BROWN John, BROWN Mary, GREEN Alice</p></body></html>"})


def test_a_text_page_whose_missing_images_are_buttons_keeps_its_text(tmp_path: Path) -> None:
    found = import_site(genealogy_report(tmp_path / "old"), tmp_path)
    led = by_old_page(found)
    for n in (1, 2, 3):
        name, born, place, _ = PEOPLE[n]
        record = led[f"gen{n:02d}.htm"]
        assert f"{name} was born on {born} in {place}" in text_of(record), (n, record.id)
        assert record is not led["index.htm"]  # never led to the home page
    assert not found.draft.items


def test_missing_navigation_buttons_are_reported_once_not_as_lost_photo_pages(tmp_path: Path) -> None:
    found = import_site(genealogy_report(tmp_path / "old"), tmp_path)
    said = messages(found)
    assert not [m for m in said if "photo page" in m], said
    assert not [m for m in said if "is not in the old site's folder" in m], said
    buttons = [m for m in said if "navigation buttons are missing" in m]
    assert buttons == ["4 navigation buttons are missing (images/end.jpg, images/home.jpg, images/next.jpg, "
                       "images/prev.jpg): the pages are read without them"], said


def test_missing_buttons_without_alt_at_one_place_on_every_page_are_navigation(tmp_path: Path) -> None:
    """No ALT text: the same missing files at one place on page after page, leading on from each, are buttons."""
    found = import_site(genealogy_report(tmp_path / "old", last=4, alt=False), tmp_path)
    led = by_old_page(found)
    assert "Rose WHITE was born on 1 May 1975 in Selby" in text_of(led["gen04.htm"])
    assert "Mary BROWN was born on 14 Jun 1926 in York" in text_of(led["gen02.htm"])
    said = messages(found)
    assert not [m for m in said if "photo page" in m], said
    assert [m for m in said if "navigation buttons are missing" in m] == [
        "4 navigation buttons are missing (images/end.jpg, images/home.jpg, images/next.jpg, images/prev.jpg): the "
        "pages are read without them"], said


def test_a_missing_portrait_leading_to_its_persons_page_from_many_pages_is_no_button(tmp_path: Path) -> None:
    """Gramps: a person's missing thumbnail on his family's pages, at one place, leads to his one page: a picture."""
    old = genealogy_report(tmp_path / "old")
    portrait = '<p><a href="names.htm"><img src="thumb/a1.png" alt="Image: Gardenier, Experience"></a></p>'
    for n in (1, 2, 3):
        (old / f"gen{n:02d}.htm").write_text(generation_page(n).replace("<p>They had", portrait + "<p>They had"),
                                              encoding="utf-8")
    said = messages(import_site(old, tmp_path))
    assert [m for m in said if "'thumb/a1.png' is not in the old site's folder" in m], said


def test_a_missing_photo_on_a_text_page_is_still_reported(tmp_path: Path) -> None:
    """A missing picture that is no button (leading nowhere, its alt a description) is still said, by name."""
    old = genealogy_report(tmp_path / "old")
    (old / "gen02.htm").write_text(generation_page(2).replace(
        "<p>They had", '<p><img src="images/mary.jpg" alt="Mary at her wedding"></p><p>They had'), encoding="utf-8")
    found = import_site(old, tmp_path)
    assert [m for m in messages(found) if "'images/mary.jpg' is not in the old site's folder" in m]
    assert words("Mary BROWN was born") in text_of(by_old_page(found)["gen02.htm"])


# -- a FrontPage web of sub-sites: pages of nothing but chrome lead to their own folder's page (finding 7) -------

NAV_BAR = ('<p><a href="index.htm">Home</a> | <a href="photo.htm">Photos</a> | '
           '<a href="interest.htm">Interests</a></p>')


def sub_sites(old: Path) -> Path:
    """b/ a gallery (sorted first: its topic is the site's first), a/ a FrontPage web: a home page with text, two
    pages the nav bar leads to, a page of nothing but the nav bar no page links to, and _borders/ pages."""
    for n in (1, 2, 3):
        photo(old, f"b/images/p{n}.jpg", f"b/thumbnails/p{n}.jpg")
    cells = "".join(f'<td><a href="images/p{n}.jpg"><img src="thumbnails/p{n}.jpg"></a><br>Boat {n} on the lake'
                    "</td>" for n in (1, 2, 3))
    text = ("<p>Welcome to my corner of the web. I write here about the music I like, the books I read and the "
            "places I have been to with my friends from school.</p>")
    return write(old, {
        "b/gallery.htm": f"<html><head><title>Boats</title></head><body><h1>Boats</h1><table><tr>{cells}</tr>"
                         "</table></body></html>",
        "a/index.htm": f"<html><head><title>My web</title></head><body><h1>My web</h1>{NAV_BAR}{text}</body></html>",
        "a/photo.htm": f"<html><head><title>Photos</title></head><body>{NAV_BAR}<p>Photos of my cat and my "
                       "garden will come here soon, once I have a scanner.</p></body></html>",
        "a/interest.htm": f"<html><head><title>Interests</title></head><body>{NAV_BAR}<p>Music, books, travel "
                          "and old cars, in that order.</p></body></html>",
        "a/new_page_1.htm": f"<html><head><title>New Page 1</title></head><body>{NAV_BAR}</body></html>",
        "a/_borders/left.htm": f"<html><head><title>Left</title></head><body>{NAV_BAR}</body></html>",
        "a/_borders/top.htm": "<html><head><title>Top</title></head><body><p><a href=\"../index.htm\">Home</a> | "
                              '<a href="../photo.htm">Photos</a></p></body></html>'})


def test_a_page_of_nothing_but_chrome_leads_to_its_own_folders_page(tmp_path: Path) -> None:
    found = import_site(sub_sites(tmp_path / "old"), tmp_path)
    led = by_old_page(found)
    home = led["a/index.htm"]
    assert "Welcome to my corner of the web" in text_of(home)
    for rel in ("a/new_page_1.htm", "a/_borders/left.htm", "a/_borders/top.htm"):
        assert led[rel] is home, (rel, led[rel].id)
    assert led["b/gallery.htm"] is not home and len(found.draft.items) == 3
