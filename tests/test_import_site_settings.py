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
