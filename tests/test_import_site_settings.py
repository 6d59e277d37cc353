"""What `albumen import html` offers for albumen.toml: the notice is the banner the old pages repeat, never their
navigation bar; the description is the home page's own words, never its menu (FrontPage's shared borders put both
on every page: a bar whose entry for the page itself is no link, a column of links left of the text)."""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, photo, write

PAGES = {"index.htm": "Home", "interest.htm": "Interests", "photo.htm": "Photo Album"}
BANNER = "Thank you for your patience as we rebuild our website! 2020-2024"


def bar(own: str) -> str:
    """FrontPage's navigation bar: every page's entry a link, but the page's own."""
    return " ".join(f"<nobr>[&nbsp;{label}&nbsp;]</nobr>" if name == own else
                    f"<nobr>[&nbsp;<a href='{name}'>{label}</a>&nbsp;]</nobr>" for name, label in PAGES.items())


def frontpage_web(old: Path) -> Path:
    # The left border lists the pages under the home, on the home alone.
    left = "<nobr><a href='interest.htm'>Interests</a></nobr><br><nobr><a href='photo.htm'>Photo Album</a></nobr>"
    bodies = {"index.htm": "<p>Cast aside your fears and enter a strange and wonderful world.</p>"
                           "<h1>The Story of The Molecule</h1><p>The fall of 1994 was a quixotic time for me.</p>",
              "interest.htm": "<h1>Interests</h1><p>Music, lyrics and the friends who make them.</p>",
              "photo.htm": "<h1>Photo Album</h1><p><img src='images/band.jpg' width=400 height=300></p>"
                           "<p>The band on stage in Atlanta, 1995.</p>"}
    photo(old, "images/band.jpg")
    return write(old, {name: f"<html><head><meta name='GENERATOR' content='Microsoft FrontPage 4.0'>"
                             f"<title>{PAGES[name]}</title></head><body><p>{BANNER}</p><p>{bar(name)}</p>"
                             f"<table><tr><td>{left if name == 'index.htm' else ''}</td><td>{body}</td></tr></table>"
                             "</body></html>"
                       for name, body in bodies.items()})


def test_the_banner_is_the_notice_and_the_navigation_bar_is_not(tmp_path: Path) -> None:
    found = import_site(frontpage_web(tmp_path / "old"), tmp_path)
    assert found.draft.settings.notice == BANNER


def test_the_description_is_the_home_pages_words_not_its_menu(tmp_path: Path) -> None:
    found = import_site(frontpage_web(tmp_path / "old"), tmp_path)
    assert found.draft.settings.description == "Cast aside your fears and enter a strange and wonderful world."
    assert "Interests" not in found.draft.settings.description


def test_a_copyright_footer_with_links_is_the_sites_rights(tmp_path: Path) -> None:
    """A footer's links (Home, a mail link) make it no notice, but it still says whose the photographs are."""
    old = tmp_path / "old"
    footer = ("<p>&copy; 2003 The Lindqvist family &ndash; <a href='index.html'>Home</a> | "
              "<a href='mailto:anna@example.org'>mail us</a></p>")
    captions = ["Grandma at the lake in Dalarna", "The boat house in summer", "Uncle Bo fishing at dawn"]
    pages = {"index.html": "<html><head><title>Our family</title></head><body><h1>Our family</h1>"
                           "<p>Photos of our family from 1950 to today.</p><p>"
                           + " ".join(f"<a href='album{n}.html'>Album {n}</a>" for n in (1, 2, 3))
                           + f"</p>{footer}</body></html>"}
    for n, caption in enumerate(captions, 1):
        photo(old, f"p{n}.jpg", f"t{n}.jpg")
        pages[f"album{n}.html"] = (f"<html><head><title>Album {n}</title></head><body><h1>Album {n}</h1>"
                                   f"<p><a href='p{n}.jpg'><img src='t{n}.jpg'></a></p><p>{caption}</p>"
                                   f"{footer}</body></html>")
    found = import_site(write(old, pages), tmp_path)
    assert found.draft.settings.rights.startswith("© 2003 The Lindqvist family")
    assert found.draft.settings.notice == ""


def test_a_repeated_label_is_no_notice(tmp_path: Path) -> None:
    """NetObjects Fusion's side box headed 'Solarstadl- Home' on every page was offered as the site's banner."""
    old = tmp_path / "old"
    pages = {}
    for n in range(1, 4):
        photo(old, f"p{n}.jpg")
        pages[f"page{n}.html"] = (f"<html><head><title>Page {n}</title></head><body><p><b>Solarstadl- Home</b></p>"
                                  f"<h1>Page {n}</h1><p><img src='p{n}.jpg' width=400 height=300></p>"
                                  f"<p>A roof in village {n} with its new panels.</p></body></html>")
    found = import_site(write(old, pages), tmp_path)
    assert found.draft.settings.notice == ""
