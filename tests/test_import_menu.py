"""`albumen import html` keeps the old site's menu: the free pages its navigation led to are marked `menu: true`, so
the new site's menu shows them even when the site has too many pages for a menu of all (site.MENU_PAGES)."""

from __future__ import annotations

from pathlib import Path

from albumen.importers.writer import page_text
from test_import_real_photos import import_site, photo, write

MENU = ("<p><a href='index.html'>Home</a> | <a href='about.html'>About us</a> | "
        "<a href='history.html'>Family history</a></p>")


def family_site(old: Path) -> Path:
    files = {"index.html": f"<html><head><title>The Berg family</title></head><body>{MENU}<h1>The Berg family</h1>"
                           "<p>Welcome to our family's pages.</p>"
                           + "".join(f"<p><a href='person{n}.html'>Person {n}</a></p>" for n in range(1, 8))
                           + "<p><img src='photos/farm.jpg' width=400 height=300></p><p>The farm in 1931.</p>"
                           "</body></html>",
             "about.html": f"<html><head><title>About us</title></head><body>{MENU}<h1>About us</h1>"
                           "<p>We are the Bergs of Dalarna, and these are our stories.</p></body></html>",
             "history.html": f"<html><head><title>Family history</title></head><body>{MENU}<h1>Family history</h1>"
                             "<p>The family came to the farm in 1850 and stayed for four generations.</p>"
                             "</body></html>"}
    for n in range(1, 8):
        files[f"person{n}.html"] = (f"<html><head><title>Person {n}</title></head><body>{MENU}<h1>Person {n}</h1>"
                                    f"<p>Person {n} was born on the farm and worked there all her life.</p>"
                                    "</body></html>")
    for n in range(1, 7):  # a memoir in chapters, each with its own Previous | Contents | Next
        bar = " | ".join([*([f"<a href='chapter{n - 1}.html'>Previous</a>"] if n > 1 else []),
                          "<a href='history.html'>Contents</a>",
                          *([f"<a href='chapter{n + 1}.html'>Next</a>"] if n < 6 else [])])
        files[f"chapter{n}.html"] = (f"<html><head><title>Chapter {n}</title></head><body>{MENU}<h1>Chapter {n}</h1>"
                                     f"<p>In chapter {n} of her memoir, grandmother tells of the farm.</p>"
                                     f"<p>{bar}</p></body></html>")
    photo(old, "photos/farm.jpg")
    return write(old, files)


def test_the_pages_the_old_menu_led_to_are_in_the_new_menu_and_no_others(tmp_path: Path) -> None:
    found = import_site(family_site(tmp_path / "old"), tmp_path)
    menu = {page.title for page in found.draft.pages if page.menu}
    assert menu == {"About us", "Family history"}, [(p.title, p.menu) for p in found.draft.pages]
    about = next(page for page in found.draft.pages if page.title == "About us")
    assert "menu: true" in page_text(about).split("---")[1]
    person = next(page for page in found.draft.pages if page.title == "Person 3")
    assert "menu" not in page_text(person)
