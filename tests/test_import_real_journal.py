"""`albumen import html` on a trip journal whose author copied a paragraph from one day's page to the next
(handmade-alaska1999, a FrontPage Express journal of 1999: the day's first paragraph repeated on May 17 and 18).
A story told twice is content of both days, not the site's chrome, and not the site's notice: chrome is what
repeats like a banner or a footer. Written here by code, with real JPEGs; no file of the real site is here.
"""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, photo, words, write

BANNER = "Welcome to our trip pages, thanks for visiting!"
COPIED = ("We started the day a little later, pulling out of camp at about 9:15. It was a little overcast and we "
          "slept in a little. Tomorrow will be a sight seeing day, with little travel involved.")
DAYS = {
    "0516": "We drove north all day through the plains, and the wind never stopped blowing.",
    "0517": COPIED,
    "0518": COPIED,
    "0519": "We reached the mountains at noon and took the long road over the pass to the lakes.",
}


def journal(old: Path) -> Path:
    pages = {"index.html": "<html><title>Our Trip</title><body><h1>Our Trip</h1><p>" + BANNER + "</p><ul>"
             + "".join(f"<li><a href='{day}.html'>Day {day}</a></li>" for day in DAYS) + "</ul></body></html>"}
    for day, story in DAYS.items():
        pages[f"{day}.html"] = (
            f"<html><title>Our Trip</title><body><p>{BANNER}</p><h2>May {day[2:]}</h2><p>{story}</p>"
            f"<p><img src='{day}a.jpg' width=400 height=300><br>The road on May {day[2:]}.</p>"
            f"<p><img src='{day}b.jpg' width=400 height=300><br>Camp on May {day[2:]}.</p>"
            "<p><a href='index.html'>Home</a></p></body></html>")
        photo(old, f"{day}a.jpg")
        photo(old, f"{day}b.jpg")
    pages["0520.html"] = ("<html><title>Our Trip</title><body><p>" + BANNER + "</p><p><font size=6>May 20, 2,439 "
                          "miles</font></p><p>Our last day on the road: back home by noon.</p></body></html>")
    pages["index.html"] = pages["index.html"].replace("</ul>", "<li><a href='0520.html'>Day 0520</a></li></ul>")
    return write(old, pages)


def test_a_paragraph_an_author_copied_to_a_second_page_stays_on_both(tmp_path: Path) -> None:
    found = import_site(journal(tmp_path / "old"), tmp_path)
    telling = {topic.id: topic for topic in found.draft.topics if words(COPIED) in words(topic.narrative)}
    assert sorted(redirect for topic in telling.values() for redirect in topic.redirect_from) == ["0517.html",
                                                                                                  "0518.html"]


def test_a_paragraph_on_two_pages_is_not_the_sites_notice(tmp_path: Path) -> None:
    found = import_site(journal(tmp_path / "old"), tmp_path)
    assert found.draft.settings.notice == BANNER


def test_a_page_under_the_sites_shared_title_is_named_by_its_first_line(tmp_path: Path) -> None:
    found = import_site(journal(tmp_path / "old"), tmp_path)
    last_day = next(page for page in found.draft.pages if "0520.html" in page.redirect_from)
    assert last_day.title == "May 20, 2,439 miles"  # not "Our Trip", as every page of the site is
