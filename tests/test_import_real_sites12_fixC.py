"""Research round 12, findings 5 and 6 (frontpage-keithlong): a Photoshop 5.5 Web Photo Gallery of the "Simple" style
(thumbnail rows, each followed by a row of cut file names, photo pages headed "Gallery / file_stem"), and a splash
page whose logo is shown at half size on the home page its "ENTER" leads to."""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, item_of, messages, photo, write

STEMS = ["eye", "long_front_face_01", "long_left_hand_01", "long_left_hand_02"]


def simple_gallery(root: Path) -> Path:
    """Photoshop 5.5's "Simple" gallery: a row of thumbnails, then a row of their names cut to 16 characters
    ("long_front_face_..." ; short ones whole, "eye.jpg"), twice; each photo page headed "Trip / stem"."""
    rows = ""
    for first in (0, 2):
        pair = STEMS[first:first + 2]
        thumbs = "".join(f'<TD><A href="pages/{s}.htm"><IMG src="thumbnails/{s}.jpg" alt="{s}"></A></TD>' for s in pair)
        names = "".join(f'<TD><A href="pages/{s}.htm"><FONT size="2">'
                        f'{s[:16] + "..." if len(s) > 16 else s + ".jpg"}</FONT></A></TD>' for s in pair)
        rows += f"<TR>{thumbs}</TR><TR>{names}</TR>"
    write(root, {"gallery.htm": '<HTML><HEAD><TITLE>Trip</TITLE></HEAD><BODY><TABLE><TR><TD><H1>Trip</H1>'
                 f'Ann &amp; Bob<BR>11/26/2000</TD></TR></TABLE><TABLE>{rows}</TABLE></BODY></HTML>'})
    for i, stem in enumerate(STEMS):
        photo(root, f"images/{stem}.jpg", f"thumbnails/{stem}.jpg", (640, 480), 96)
        back = (f'<A href="{STEMS[i - 1]}.htm"><IMG src="../images/previous.gif" width="30" alt="Previous"</A>'
                if i else "")  # Photoshop 5.5 left the <IMG> tag unclosed
        write(root, {f"pages/{stem}.htm": (
            f'<HTML><HEAD><TITLE>{stem}</TITLE><META name="generator" content="Adobe Photoshop(R) 5.5 Web Photo '
            f'Gallery"></HEAD><BODY><TABLE><TR><TD><H2>Trip / {stem}</H2>Ann &amp; Bob<BR>11/26/2000</TD></TR>'
            f'</TABLE><P><CENTER>{back}<A href="../gallery.htm"><IMG src="../images/home.gif" width="30" '
            f'alt="Home"</A></CENTER></P><P><CENTER><IMG src="../images/{stem}.jpg" alt="{stem}"></CENTER></P>'
            "</BODY></HTML>")})
    for button in ("previous", "home"):
        photo(root, f"images/{button}.gif", None, (30, 30))
    return root


def test_a_simple_photoshop_gallerys_names_are_no_titles_or_captions(tmp_path: Path) -> None:
    found = import_site(simple_gallery(tmp_path / "old"), tmp_path)
    for stem in STEMS:
        item = item_of(found, f"images/{stem}.jpg")
        assert (item.title, item.caption) == ("", ""), stem


def test_a_simple_photoshop_gallerys_captionless_photos_are_reported_once(tmp_path: Path) -> None:
    found = import_site(simple_gallery(tmp_path / "old"), tmp_path)
    told = messages(found)
    print("\n".join(told))
    for stem in STEMS:
        assert sum(f"{stem}.jpg" in line or f"“{stem}" in line for line in told) == 1, (stem, told)


def test_a_row_of_cut_names_under_a_row_of_thumbnails_raises_no_doubt(tmp_path: Path) -> None:
    """Two photos whose names are cut to the same "long_front_face_..." below them: each one's own label (a file
    name, left out), not a link bar repeated under both, so no row's caption is in doubt."""
    found = import_site(simple_gallery(tmp_path / "old"), tmp_path)
    assert not [line for line in messages(found) if "other side" in line]


def splash_and_home(root: Path) -> Path:
    """A splash page: the band's logo big and "ENTER", leading to the home page, which shows a picture of its menu
    (on every page but the splash) and the same logo at half size in a corner (FrontPage 4.0, ~2000)."""
    photo(root, "images/logo.jpg", "images/smlogo.jpg", (449, 232), 225)
    photo(root, "images/nav.jpg", None, (630, 620))
    return write(root, {
        "default.htm": '<html><body><p><img src="images/logo.jpg" width="449" height="232"></p>'
                       '<h1><a href="home.htm">ENTER</a></h1></body></html>',
        "home.htm": '<html><body><p><img src="images/nav.jpg"><span style="position: absolute; left: 337; top: 2">'
                    '<img src="images/smlogo.jpg" width="225" height="116"></span></p><p>&nbsp;</p>'
                    '<p><a href="news.htm">News</a></p></body></html>',
        "news.htm": '<html><body><p><img src="images/nav.jpg"></p><h2>News</h2><p>Our first concert is on Friday '
                    'the 13th of October at the Blue Moon club; tickets at the door.</p></body></html>',
    })


def test_a_home_page_showing_the_splash_logo_small_stays_a_page(tmp_path: Path) -> None:
    found = import_site(splash_and_home(tmp_path / "old"), tmp_path)
    logo = item_of(found, "images/logo.jpg")
    assert "home.htm" not in logo.redirect_from
    assert logo.source.get("photo_page") is None
    home = dict(found.report.pages).get("home.htm")
    assert home is not None, "home.htm became no page"
    splash = next(topic for topic in found.draft.topics if "default.htm" in topic.redirect_from)
    assert "[ENTER](" in splash.narrative and "item:" not in splash.narrative and f"/{home}/)" in splash.narrative
    assert [link for link in found.report.item_links if link[1] == "ENTER"] == []
