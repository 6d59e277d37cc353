"""`albumen import html` after review 9 (issue 13, /work/notes/review9.md findings 4, 7, 9, 10): a gallery's teaser
of another picture is no thumbnail of its story's photo, `..` above a gallery saved out of a bigger site leads
outside it, an untitled home page is named for its folder only when the folder's name reads like a title, and an
iWeb page's parts written with %20 are still its own.

Each fixture is a small site written here, with real JPEGs made by pyvips.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pyvips

from albumen.importers.html_page import climbing_links, read_page
from albumen.importers.oldsite import OldSite
from test_import_kept import vips_photo
from test_import_real_photos import HtmlImport, import_site, write


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def thumbnail(big: Path, small: Path, width: int = 160) -> None:
    small.parent.mkdir(parents=True, exist_ok=True)
    pyvips.Image.thumbnail(str(big), width).jpegsave(str(small), Q=85)


def images(found: HtmlImport) -> list[str]:
    return sorted(item.image.rsplit("/", 1)[1] for item in found.draft.items)


# -- 4. a teaser thumbnail of another picture, leading to a story page with one photo of the same shape ---------

def gallery_with_a_story_teaser(old: Path) -> Path:
    """Two thumbnails lead to their photos' pages; the third, a teaser of another picture (4:3 too, 35 bits of 64
    from the story's photo), leads to story.html, whose one photo is 4:3."""
    for n in (1, 2):
        vips_photo(old / f"big/p{n}.jpg", seed=n)
        thumbnail(old / f"big/p{n}.jpg", old / f"thumb/p{n}.jpg")
    vips_photo(old / "teaser.jpg", (160, 120), seed=5)
    vips_photo(old / "story.jpg", (640, 480), seed=6)
    return write(old, {
        "index.html": page("Summer", "<h1>Summer 2004</h1><table><tr>"
                                     "<td><a href='p1.html'><img src='thumb/p1.jpg'></a><br>The lake</td>"
                                     "<td><a href='p2.html'><img src='thumb/p2.jpg'></a><br>The boat</td>"
                                     "<td><a href='story.html'><img src='teaser.jpg'></a><br>Our trip story</td>"
                                     "</tr></table>"),
        "p1.html": page("The lake", "<a href='index.html'>Back</a><img src='big/p1.jpg'><p>The lake at dawn</p>"),
        "p2.html": page("The boat", "<a href='index.html'>Back</a><img src='big/p2.jpg'><p>The boat at noon</p>"),
        "story.html": page("Our trip", "<h1>Our trip</h1><p>We drove north for two days and camped by the river.</p>"
                                       "<img src='story.jpg'><p>The tent by the river</p><p>It rained at night.</p>"),
    })


def test_a_teaser_of_another_picture_is_no_smaller_copy_of_its_storys_photo(tmp_path: Path) -> None:
    """Review 9, finding 4: among thumbnails leading to their photos' pages, the same shape alone had matched the
    teaser to the story's photo: the teaser was lost and the story became the photo's page, its text a caption."""
    found = import_site(gallery_with_a_story_teaser(tmp_path / "old"), tmp_path)
    assert images(found) == ["p1.jpg", "p2.jpg", "story.jpg", "teaser.jpg"]
    captions = {item.image.rsplit("/", 1)[1]: item.caption for item in found.draft.items}
    assert captions["teaser.jpg"] == "Our trip story"
    assert "The tent by the river" in captions["story.jpg"] and "Our trip story" not in captions["story.jpg"]


# -- 7. a gallery saved out of a bigger site: its `..` links lead to the parent site, outside the saved folder ----

def gallery_saved_out_of_a_bigger_site(old: Path) -> Path:
    """index.html links '../index.html' (the main site's home) and shows '../images/logo.jpg' (the main site's),
    while the gallery has an index.html and an images/logo.jpg of its own."""
    vips_photo(old / "images/logo.jpg", (640, 480), seed=3)
    vips_photo(old / "beach.jpg", (640, 480), seed=4)
    return write(old, {"index.html": page("Beach 2003", "<p><a href='../index.html'>Our home page</a></p>"
                                                        "<img src='../images/logo.jpg'><h1>Beach 2003</h1>"
                                                        "<p><img src='beach.jpg'><br>Sand castles</p>"
                                                        "<p><img src='images/logo.jpg'><br>The pier at dusk</p>")})


def read_site(old: Path) -> OldSite:
    """The old site as the import knows it once its pages are read: which of their links climb ('../index.html')."""
    site = OldSite(old)
    site.learn_links_above(link for rel in site.pages() for link in climbing_links(read_page(site, rel, None)))
    return site


def test_links_above_a_saved_gallery_lead_outside_it(tmp_path: Path) -> None:
    """Review 9, finding 7: '..' above the root had been clamped for every link: the parent site's home became the
    gallery's own index.html, and the parent's images/logo.jpg the gallery's file of that name."""
    old = gallery_saved_out_of_a_bigger_site(tmp_path / "old")
    site = read_site(old)
    assert site.resolve("index.html", "../index.html").kind == "outside"
    assert site.resolve("index.html", "../images/logo.jpg").kind == "outside"
    assert site.resolve("index.html", "..\\images\\logo.jpg").path == "images/logo.jpg"  # Windows paths: as before
    write(old, {"person.htm": page("Per", "<a href=..\\0001/7.htm>Far</a> <img src='../images/logo.jpg'>")})
    assert read_site(old).resolve("person.htm", "../images/logo.jpg").path == "images/logo.jpg"  # a page made on
    # Windows (it writes '..\\' too: ahnlund's person pages copied to the root) was browsed from its site's root
    served = read_site(old)
    served.learn_addresses(["http://www.beach.se/beach.jpg", "http://www.beach.se/index.html"])
    assert served.resolve("index.html", "../images/logo.jpg").path == "images/logo.jpg"  # the folder is the root
    # of www.beach.se (its own links say so): a browser stops '..' there (village-barva-se)
    found = import_site(old, tmp_path)
    told = [look.message for look in found.report.looks if "outside the old site" in look.message]
    assert any("../index.html" in message for message in told), told
    assert any("../images/logo.jpg" in message for message in told), told


def test_a_picture_above_the_top_of_a_whole_site_is_its_own(tmp_path: Path) -> None:
    """Review 10, finding 4: a whole site (no page links a page above its folder) whose top page shows
    '../photos/grandma.jpg' showed it (a browser stops '..' at the root): the photo is the folder's photos/grandma.jpg,
    not a link outside; a gallery saved out of a bigger site (it links '../index.html') still leads outside."""
    old = tmp_path / "old"
    vips_photo(old / "photos/grandma.jpg", (640, 480), seed=5)
    write(old, {"index.html": page("The Bergs", "<h1>The Bergs</h1><p><img src='../photos/grandma.jpg'><br>"
                                                "Grandma Berg on the porch, 1931</p>")})
    assert read_site(old).resolve("index.html", "../photos/grandma.jpg").path == "photos/grandma.jpg"
    found = import_site(old, tmp_path)
    assert any(item.image.endswith("grandma.jpg") for item in found.draft.items)
    write(old, {"more.html": page("More", "<a href='../index.html'>Our main site</a>")})
    assert read_site(old).resolve("index.html", "../photos/grandma.jpg").kind == "outside"


# -- 9. an untitled home page: named for the import folder only when that name reads like a title --------------

def untitled_gallery(root: Path) -> Path:
    for n in (1, 2):
        vips_photo(root / f"photo{n}.jpg", (640, 480), seed=n)
    return write(root, {"index.html": "<html><body><p><img src='photo1.jpg'><br>The pier</p>"
                                      "<p><img src='photo2.jpg'><br>The dunes</p></body></html>"})


@pytest.mark.parametrize("folder", ["site-backup-2019", "mysite (1)", "Downloads", "2019-03-10", "www.berg.net",
                                    "old_site copy"])
def test_a_folder_named_by_a_download_or_a_backup_names_nothing(tmp_path: Path, folder: str) -> None:
    """Review 9, finding 9: the folder a site was saved into ('site-backup-2019', 'mysite (1)') had become its title."""
    found = import_site(untitled_gallery(tmp_path / folder), tmp_path)
    assert found.draft.settings.title == "Index"
    told = [look.message for look in found.report.looks if look.path == "index.html" and "<title>" in look.message]
    assert told and "'Index'" in told[0] and folder in told[0], told


@pytest.mark.parametrize("folder", ["Summer at the lake 2004", "2007 03 10-17 - Cortina d Ampezzo", "Berg_family"])
def test_a_folder_named_like_a_title_names_the_site_and_the_report_says_so(tmp_path: Path, folder: str) -> None:
    found = import_site(untitled_gallery(tmp_path / folder), tmp_path)
    title = folder.replace("_", " ")
    assert found.draft.settings.title == title
    told = [look.message for look in found.report.looks if look.path == "index.html" and "<title>" in look.message]
    assert told and f"'{title}'" in told[0] and "folder" in told[0], told


# -- 10. an iWeb page naming its part with %20: the part is still what the page shows ---------------------------

def test_a_part_named_with_percent_escapes_is_shown_by_its_page(tmp_path: Path) -> None:
    """Review 9, finding 10: 'My Page.html' names 'My%20Page_files/widget1_markup.html'; the raw path had been
    compared with the page's text, so the part it shows was not told from the one it no longer shows (an older
    widget's, first by name), and the page led to that one."""
    old = tmp_path / "old"
    cells = []
    for seed, name in enumerate(("dune.jpg", "pier.jpg"), 20):
        vips_photo(old / "My Page_files" / name, (400, 400), seed=seed)
        cells.append(f"<p><img src='{name}' width='200' height='200'><br>The {name[:-4]} at noon</p>")
    write(old, {
        "index.html": page("Beach", "<h1>Beach</h1><p><a href='My%20Page.html'>Photos</a></p>"),
        "My Page.html": page("Photos", "<script>var widget1_htmlMarkupURL = './/My%20Page_files/widget1_markup.html';"
                                       "</script><div id='widget1-htmlRegion'></div>"),
        "My Page_files/widget0_markup.html": "<html><head><title></title></head><body><h2>Recorded July 2012</h2>"
                                             "<p>Available on BandCamp.</p></body></html>",
        "My Page_files/widget1_markup.html": "<html><head><title></title></head><body>" + "".join(cells) + "</body>"
                                             "</html>",
    })
    found = import_site(old, tmp_path)
    topic = next(t for t in found.draft.topics if "My Page_files/widget1_markup.html" in t.redirect_from)
    assert "My Page.html" in topic.redirect_from  # the page leads to what it showed
