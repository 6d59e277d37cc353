"""`albumen import html` on the kinds of old site the third round of real sites showed misread (issue 13,
/work/notes/realsites3_report.md): a club site whose album pages list their photos as text links under a logo on
every page, a journal whose captions start with the photo's name, Gramps' media pages, iWeb's rendered text.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from test_import_real_photos import import_site, item_of, messages, photo, words, write

# -- album pages that list their photos as text links, a logo on every page ----------------------------------

LOGO = "<img align='center' src='{up}images/softball.jpg'>"


def club_site(old: Path) -> Path:
    """club-iowafastpitch: a 200-px logo at the top of every page; OtherHOF/Boxholm/index.html lists its photos as
    `<a href="Boxholm (1).jpg">Boxholm 1</a>` with no <img>; a class page shows one photo under a list of names."""
    write(old, {
        "index.html": "<html><title>Fast Pitch Hall of Fame</title><body><h1>Fast Pitch Hall of Fame</h1>"
                      + LOGO.format(up="") + "<hr><p>The hall was established in 1972.</p><ol>"
                      "<li><a href='inductees2005.htm'>2005 Inductees</a></li>"
                      "<li><a href='OtherHOF/Boxholm/index.html'>Boxholm Fast Pitch</a></li>"
                      "<li><a href='OtherHOF/Vigortone/index.html'>Vigortone</a></li></ol></body></html>",
        "inductees2005.htm": "<html><title>Class of 2005</title><body><h1>Class of 2005</h1>" + LOGO.format(up="")
                             + "<ol><li>Mike Tranel</li><li>Andy Yates</li></ol>"
                             "<img align='center' src='images/class2005.jpg'><br>"
                             "<a href='.'>Back to Hall of Fame Homepage</a></body></html>",
        "OtherHOF/Boxholm/index.html": "<html><title>Boxholm Iowa Men's Fast Pitch</title><body><center><h1>Boxholm "
                                       "Iowa Men's Fast Pitch</h1></center>" + LOGO.format(up="../../") + "<hr><ol>"
                                       + "".join(f"<li><a href='Boxholm ({n}).jpg'>Boxholm {n}</a></li>"
                                                 for n in (1, 2, 3))
                                       + "</ol><a href='../../'>Hall of Fame</a></body></html>",
        "OtherHOF/Vigortone/index.html": "<html><title>Vigortone</title><body><h1>Vigortone Fast Pitch</h1>"
                                         + LOGO.format(up="../../") + "<ul><li><a href='team1975.jpg'>The 1975 team "
                                         "at the state tournament</a></li><li><a href='field.jpg'>Vigortone field"
                                         "</a></li></ul><a href='../../'>Hall of Fame</a></body></html>",
    })
    photo(old, "images/softball.jpg", size=(200, 150))
    photo(old, "images/class2005.jpg", size=(640, 480))
    for n in (1, 2, 3):
        photo(old, f"OtherHOF/Boxholm/Boxholm ({n}).jpg")
    photo(old, "OtherHOF/Vigortone/team1975.jpg")
    photo(old, "OtherHOF/Vigortone/field.jpg")
    return old


def test_photos_listed_as_text_links_are_items_of_their_pages_topic(tmp_path: Path) -> None:
    found = import_site(club_site(tmp_path / "old"), tmp_path)
    topics = {topic.title: topic for topic in found.draft.topics}
    boxholm = topics["Boxholm Iowa Men's Fast Pitch"]
    assert [item_of(found, f"Boxholm ({n}).jpg").id for n in (1, 2, 3)] == list(boxholm.items)
    assert "OtherHOF/Boxholm/index.html" in boxholm.redirect_from
    vigortone = topics["Vigortone Fast Pitch"]
    assert [item_of(found, name).id for name in ("team1975.jpg", "field.jpg")] == list(vigortone.items)


def test_a_text_links_words_are_its_photos_caption_and_a_counter_label_is_none(tmp_path: Path) -> None:
    found = import_site(club_site(tmp_path / "old"), tmp_path)
    assert words(item_of(found, "team1975.jpg").caption) == "The 1975 team at the state tournament"
    assert words(item_of(found, "field.jpg").caption) == "Vigortone field"
    for n in (1, 2, 3):
        assert item_of(found, f"Boxholm ({n}).jpg").caption == ""


def test_a_logo_at_the_top_of_every_page_is_no_item_and_no_photo_page(tmp_path: Path) -> None:
    found = import_site(club_site(tmp_path / "old"), tmp_path)
    assert not [item for item in found.draft.items if item.image.endswith("softball.jpg")]
    assert found.report.photo_pages == []
    assert "1972" not in item_of(found, "class2005.jpg").caption
    assert found.draft.settings.description == "The hall was established in 1972."  # the home page's first line
    assert "Class of 2005" in {topic.title for topic in found.draft.topics}


def test_a_class_photo_under_a_logo_has_no_navigation_link_for_caption(tmp_path: Path) -> None:
    found = import_site(club_site(tmp_path / "old"), tmp_path)
    assert "Back to Hall of Fame" not in item_of(found, "class2005.jpg").caption


# -- a caption that starts with the photo's file name is a caption, not the gallery maker's label ---------------

def journal_days(old: Path) -> Path:
    """handmade-alaska1999 0520.html: "Hoodoos - These geologic things ..." in the cell beside Hoodoos.jpg."""
    row = "<tr><td>{caption}</td><td><img src='{name}' width='400' height='300'></td></tr>"
    day = ("<html><head><title>Our Trip to Alaska - 1999</title></head><body><p align='center'><font size='6'>{day}"
           "</font></p><table border='2'>{rows}</table><p><a href='index.html'>Calendar</a></p></body></html>")
    write(old, {
        "index.html": "<html><title>Our Trip to Alaska - 1999</title><body><p>Alaska 1999</p><table><tr>"
                      "<td><a href='0520.html'>20</a></td><td><a href='0521.html'>21</a></td></tr></table>"
                      "</body></html>",
        "0520.html": day.format(day="May 20, 2439 miles", rows=row.format(
            caption="Just outside Calgary we passed the ski jump.", name="SkiJump.jpg") + row.format(
            caption="Hoodoos - These geologic things appear occasionaly around here. Kind of a sandstone pillar.",
            name="Hoodoos.jpg")),
        "0521.html": day.format(day="May 21, 2560 miles", rows=row.format(
            caption="Elk - we saw our first elk today.", name="Elk.jpg") + row.format(
            caption="Lake Louise in the morning.", name="Louise.jpg")),
    })
    for name in ("SkiJump.jpg", "Hoodoos.jpg", "Elk.jpg", "Louise.jpg"):
        photo(old, name, size=(400, 300))
    return old


def test_a_caption_that_starts_with_the_photos_name_is_kept_verbatim(tmp_path: Path) -> None:
    found = import_site(journal_days(tmp_path / "old"), tmp_path)
    assert words(item_of(found, "Hoodoos.jpg").caption) == ("Hoodoos - These geologic things appear occasionaly "
                                                            "around here. Kind of a sandstone pillar.")
    assert words(item_of(found, "Elk.jpg").caption) == "Elk - we saw our first elk today."
    assert not [message for message in messages(found) if "label" in message or "only a file name" in message]


# -- Gramps' media pages: a Previous / N of M / Next bar, a Gramps ID field, a footer dated per page ------------

GRAMPS_FOOTER = ("<div id='footer'><p id='createdate'>Generated by <a href='http://gramps-project.org/'>Gramps</a>"
                 " 4.2.5<br>Last change was the {when}</p><p id='copyright'>&copy; 2017 R. S.</p></div>")
GRAMPS_HANDLES = ["a/a/aa1", "b/b/bb2", "c/c/cc3", "d/d/dd4"]
GRAMPS_TITLES = ["Helen Byers", "Helen holding son Walter, 2.5 months", "Helen and Harold’s grave", "1920CensusKansas"]


def gramps_page(title: str, up: str, body: str, when: str) -> str:
    return (f"<html><head><meta name='generator' content='Gramps 4.2.5 http://gramps-project.org/'><title>My Family "
            f"Tree - {title}</title></head><body><div id='header'><h1 id='SiteTitle'>My Family Tree</h1></div>"
            f"<div class='wrapper' id='nav'><ul class='menu'><li><a href='{up}individuals.html'>Individuals</a></li>"
            f"<li><a href='{up}thumbnails.html'>Media</a></li></ul></div><div class='content'>{body}</div>"
            + GRAMPS_FOOTER.format(when=when) + "</body></html>")


def gramps_media(n: int) -> str:
    """One media page at Gramps' depth (img/a/a/aa1.html): the navigation bar over the photo, its title in the
    <h3> under it, a table of the Gramps ID and file type, the people it shows, the footer."""
    total, handle, title = len(GRAMPS_HANDLES), GRAMPS_HANDLES[n], GRAMPS_TITLES[n]
    previous, following = GRAMPS_HANDLES[n - 1], GRAMPS_HANDLES[(n + 1) % total]
    return gramps_page("Media", "../../../", "<div id='GalleryNav'>"
                       f"<a href='../../../img/{previous}.html' id='Previous'>Previous</a><span id='GalleryPages'>"
                       f"<strong>{n + 1}</strong> of <strong>{total}</strong></span>"
                       f"<a href='../../../img/{following}.html' id='Next'>Next</a></div><div id='summaryarea'>"
                       f"<div id='GalleryDisplay'><a href='../../../images/{handle}.jpg'><img alt='{title}' "
                       f"height='300' src='../../../images/{handle}.jpg' width='400'></a></div><h3>{title}</h3>"
                       "<table class='infolist gallery'><tr><td class='ColumnAttribute'>Gramps&nbsp;ID</td>"
                       f"<td class='ColumnValue'>O00{15 + n}</td></tr><tr><td class='ColumnAttribute'>File Type</td>"
                       "<td class='ColumnValue'>image/jpeg</td></tr></table></div><div id='references'><h4>References"
                       "</h4><ol><li><a href='../../../ppl/h/h/hh1.html'>Byers, Helen <span class='grampsid'>[I0009]"
                       "</span></a></li></ol></div>", f"2017-03-{7 + n:02} 23:22:25")


def gramps_site(old: Path) -> Path:
    """gramps-narweb-schmidt: a Narrated Web Site; the thumbnails page links each media page by its thumbnail only,
    the media page lists the titles as text."""
    files = {
        "thumbnails.html": gramps_page("Thumbnails", "", "<h2>Thumbnails</h2><ul>" + "".join(
            f"<li><a href='img/{handle}.html'><img src='thumb/{handle}.png' alt='{title}' width='100' height='75'></a>"
            "</li>" for handle, title in zip(GRAMPS_HANDLES, GRAMPS_TITLES, strict=True)) + "</ul>",
            "2017-03-16 18:31:20"),
        "media.html": gramps_page("Media", "", "<h2>Media</h2><table>" + "".join(  # titles as text: still theirs
            f"<tr><td><a href='#{n}'>{n}</a></td><td>{title}</td></tr>" for n, title in enumerate(GRAMPS_TITLES))
            + "</table>", "2017-03-16 18:31:22"),
        "individuals.html": gramps_page("Individuals", "", "<h2>Individuals</h2><p><a href='ppl/h/h/hh1.html'>Byers, "
                                        "Helen</a></p>", "2017-03-16 18:31:21"),
        "ppl/h/h/hh1.html": gramps_page("Byers, Helen", "../../../", "<h3>Byers, Helen<sup><small> <a href='#sref1a'>"
                                        "1a</a> <a href='#sref2a'>2a</a></small></sup></h3><p>Helen Lucille Byers was "
                                        "born in Kansas in 1905 and married Harold Schmidt in 1926.</p>",
                                        "2017-03-12 10:02:55"),
        **{f"img/{handle}.html": gramps_media(n) for n, handle in enumerate(GRAMPS_HANDLES)},
    }
    write(old, files)
    for handle in GRAMPS_HANDLES:
        photo(old, f"images/{handle}.jpg", f"thumb/{handle}.png", size=(400, 300))
    return old


def test_gramps_media_pages_give_the_heading_under_the_photo_as_its_title_and_no_chrome_caption(
        tmp_path: Path) -> None:
    found = import_site(gramps_site(tmp_path / "old"), tmp_path)
    for handle, title in zip(GRAMPS_HANDLES, GRAMPS_TITLES, strict=True):
        item = item_of(found, f"{handle.rsplit('/', 1)[1]}.jpg")
        assert item.title == title, item
        assert item.caption == "", item
        assert f"img/{handle}.html" in item.redirect_from
    assert [len(topic.items) for topic in found.draft.topics] == [4]


def test_a_footer_that_differs_only_by_its_date_is_chrome_on_every_page(tmp_path: Path) -> None:
    found = import_site(gramps_site(tmp_path / "old"), tmp_path)
    person = next(page for page in found.draft.pages if "ppl/h/h/hh1.html" in page.redirect_from)
    assert "Last change" not in person.body and "Kansas in 1905" in person.body
    assert [(text, pages) for text, pages in found.report.chrome_texts if text.startswith("Last change")] == [
        ("Last change was the … …", 8)]


# -- iWeb: styled text and shapes saved as PNGs beside the photos, the theme's backdrop on every page -------------

IWEB_PAGE = ("<html><head><meta name='Generator' content='iWeb 3.0.4'><title>{title}</title></head><body>"
             "<div style='position: relative; width: 700px;' id='nav_layer'><div style='height: 700px; left: 0px; "
             "position: absolute; top: -80px; width: 700px; z-index: 1;'><img src='{folder}_files/Darkroom_spotlight"
             ".jpg' style='height: 700px; width: 700px;'></div></div>{body}</body></html>")


def name_box(path: Path, fill: tuple[int, int, int, int], text: str = "") -> None:
    """An iWeb chart box: a filled rectangle on a transparent canvas, a name written in it (or nothing)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (107, 36), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((3, 3, 103, 32), fill=fill, outline=(40, 90, 40, 255))
    if text:
        draw.text((8, 10), text, fill=(0, 0, 0, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def framed_photo(path: Path, seed: str) -> None:
    """A photo iWeb framed and saved as PNG (shapeimage_N.png): the picture, a white border, a see-through margin."""
    from PIL import Image

    from conftest import make_jpeg

    make_jpeg(path.with_suffix(".jpg"), (380, 280), seed=seed)
    with Image.open(path.with_suffix(".jpg")) as picture:
        image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
        image.paste((255, 255, 255, 255), (4, 4, 396, 296))
        image.paste(picture, (10, 10))
    path.with_suffix(".jpg").unlink()
    image.save(path)


def iweb_site(old: Path) -> Path:
    """iweb-margs-genealogy: a framed photo on the welcome page, a family-tree chart of name boxes (one empty)
    that link to the people's pages, a paragraph of styled text saved as a picture; the theme's 700x700 backdrop
    copied beside every page."""
    people = {"Richard": "Richard Stait (1811-1857)", "Wright": "Wright Thompson (1807-1868)",
              "Hannah": "Hannah Cudbold (1801-1894)"}
    chart = "".join(f"<a href='{name}.html'><img src='Family_Tree_files/shapeimage_{n}.png' style='height: 36px; "
                    f"width: 107px;' alt='{label}'></a>" for n, (name, label) in enumerate(people.items(), start=2))
    files = {
        "Welcome.html": IWEB_PAGE.format(title="Welcome", folder="Welcome", body="<p>Our family history.</p>"
                                         "<a href='Family_Tree.html'>Family Tree</a><img src='Welcome_files/"
                                         "shapeimage_1.png' style='height: 300px; width: 400px;'><p>Grandma in 1916."
                                         "</p>"),
        "Family_Tree.html": IWEB_PAGE.format(title="Family Tree", folder="Family_Tree", body="<p>The Stait line.</p>"
                                             + chart + "<img src='Family_Tree_files/shapeimage_5.png' style='height:"
                                             " 36px; width: 107px;'><img src='Family_Tree_files/shapeimage_6.png' "
                                             "style='height: 300px; width: 300px;'>"),
        **{f"{name}.html": IWEB_PAGE.format(title=label, folder=name, body=f"<p>{label} was born in England.</p>")
           for name, label in people.items()},
    }
    write(old, files)
    photo(old, "Welcome_files/Darkroom_spotlight.jpg", size=(700, 700))
    for name in ("Family_Tree", *people):
        (old / f"{name}_files").mkdir(parents=True, exist_ok=True)
        shutil.copy(old / "Welcome_files" / "Darkroom_spotlight.jpg", old / f"{name}_files" / "Darkroom_spotlight.jpg")
    framed_photo(old / "Welcome_files" / "shapeimage_1.png", "grandma")
    for n, label in enumerate(people.values(), start=2):
        name_box(old / "Family_Tree_files" / f"shapeimage_{n}.png", (150, 230, 150, 255), label)
    name_box(old / "Family_Tree_files" / "shapeimage_5.png", (150, 230, 150, 255))
    from PIL import Image, ImageDraw

    text = Image.new("RGBA", (300, 300), (0, 0, 0, 0))  # a paragraph of styled text, saved as a picture
    draw = ImageDraw.Draw(text)
    for line in range(12):
        draw.text((10, 10 + 22 * line), "Richard Stait was transported to New South Wales", fill=(20, 20, 20, 255))
    text.save(old / "Family_Tree_files" / "shapeimage_6.png")
    return old


def test_iweb_text_boxes_shapes_and_backdrop_are_no_photos(tmp_path: Path) -> None:
    found = import_site(iweb_site(tmp_path / "old"), tmp_path)
    assert [item.image.rsplit("/", 1)[1] for item in found.draft.items] == ["shapeimage_1.png"]
    assert words(found.draft.items[0].caption) == "Grandma in 1916."
    assert found.report.photo_pages == []
    titles = {page.title for page in found.draft.pages}
    assert "Family Tree" in titles and "Richard Stait (1811-1857)" in titles


def test_a_headings_citation_marks_are_no_part_of_its_title(tmp_path: Path) -> None:
    """gramps-narweb-schmidt: `<h3>Toenges, Mamie<sup><small> <a href="#sref1a">1a</a> ...</small></sup></h3>`
    made the title "Toenges, Mamie 1a 2a 3a"."""
    found = import_site(gramps_site(tmp_path / "old"), tmp_path)
    person = next(page for page in found.draft.pages if "ppl/h/h/hh1.html" in page.redirect_from)
    assert person.title == "Byers, Helen"


def text_panel(path: Path, inset_seed: str) -> None:
    """iWeb's text box with a picture set among its lines, saved as one PNG: lines of text on nothing (a near-white
    see-through ground) and a small photo among them (John_Oscar_and_Jane_Stait_files/shapeimage_1.png)."""
    from PIL import Image, ImageDraw

    from conftest import make_jpeg

    image = Image.new("RGBA", (414, 360), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for line in range(22):
        draw.text((6, 4 + 16 * line), "John Oscar Stait was variously a miner, farmer and teamster.",
                  fill=(250, 250, 250, 255))
    make_jpeg(path.with_suffix(".jpg"), (90, 110), seed=inset_seed)
    with Image.open(path.with_suffix(".jpg")) as inset:
        image.paste(inset.convert("RGBA"), (318, 10))
    path.with_suffix(".jpg").unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def test_an_iweb_text_panel_with_a_picture_among_its_lines_is_no_photo_and_the_report_says_why(
        tmp_path: Path) -> None:
    old = iweb_site(tmp_path / "old")
    text_panel(old / "Hannah_files" / "shapeimage_1.png", "headstone")
    (old / "Hannah.html").write_text(IWEB_PAGE.format(
        title="Hannah Cudbold", folder="Hannah", body="<p>Hannah Cudbold was born in England.</p><div style='height: "
        "360px; left: 30px; position: absolute; top: 20px; width: 414px;'><img src='Hannah_files/shapeimage_1.png' "
        "style='height: 360px; width: 414px;'></div>"), encoding="utf-8")
    found = import_site(old, tmp_path)
    assert [item.image.rsplit("/", 1)[1] for item in found.draft.items] == ["shapeimage_1.png"]
    assert found.draft.items[0].image.endswith("Welcome_files/shapeimage_1.png")
    report = found.report.markdown()
    drawn = report.split("## Left out: drawn pictures", 1)[1].split("\n## ", 1)[0]
    assert "`Hannah_files/shapeimage_1.png`" in drawn and "`Family_Tree_files/shapeimage_2.png`" in drawn
    assert report.count("`Hannah_files/shapeimage_1.png`") == 1


def test_clip_art_with_words_on_a_see_through_gif_is_left_out_once_as_a_drawn_picture(tmp_path: Path) -> None:
    """herbertland: 'Seasons Greetings' and 'Andrew's First Easter' are transparent GIFs of clip art and words over
    a family's photos: no photos, listed once under the drawn pictures with the reason, not among spacers."""
    from PIL import Image, ImageDraw

    old = tmp_path / "old"
    write(old, {"xmas.html": "<html><title>Christmas 2000</title><body><img src='xmasbanner.gif' width='400' "
                             "height='170'><p><img src='tree.jpg'><br>The tree, the night before.</p>"
                             "<p><img src='cousins.jpg'><br>All the cousins on the stairs.</p></body></html>"})
    photo(old, "tree.jpg")
    photo(old, "cousins.jpg")
    banner = Image.new("RGBA", (400, 170), (0, 0, 0, 0))
    draw = ImageDraw.Draw(banner)
    draw.ellipse((10, 20, 130, 150), fill=(200, 30, 30, 255))  # a bauble
    draw.text((150, 70), "Seasons Greetings", fill=(20, 120, 20, 255))
    banner.save(old / "xmasbanner.gif", transparency=0)
    found = import_site(old, tmp_path)
    assert sorted(item.image.rsplit("/", 1)[1] for item in found.draft.items) == ["cousins.jpg", "tree.jpg"]
    report = found.report.markdown()
    assert report.count("`xmasbanner.gif`") == 1
    drawn = report.split("## Left out: drawn pictures", 1)[1].split("\n## ", 1)[0]
    assert "`xmasbanner.gif`" in drawn and "text or shapes" in report.split("## Left out: drawn pictures", 1)[1]


def test_a_class_page_is_its_photos_page_and_a_title_written_in_its_body_is_never_shown(tmp_path: Path) -> None:
    """club-iowafastpitch inductees2005.htm: `<body><title>Inductees<br> Class of 2005</title>` (a <title> in the
    body: a browser never shows it), the heading, the list of names, one class photo. The home page's menu links it
    ('2005 Inductees'); the page is that photo's page: its address leads to the item, the names are its caption."""
    old = tmp_path / "old"
    write(old, {
        "index.html": "<html><title>Fast Pitch Hall of Fame</title><body><h1>Fast Pitch Hall of Fame</h1><ol>"
                      "<li><a href='inductees2005.htm'>2005 Inductees</a></li><li><a href='inductees2007.htm'>2007 "
                      "Inductees</a></li><li><a href='inductees2009.htm'>2009 Inductees</a></li></ol>"
                      "<p><img src='images/field.jpg'><br>The state tournament field.</p>"
                      "<p><img src='images/dugout.jpg'><br>The dugout in 1981.</p></body></html>",
        **{f"inductees{year}.htm": f"<html><body bgcolor=#ffffff><title>\nFast Pitch Inductees<br>\n Class of {year}"
           f"\n</title><center><h1>Fast Pitch Inductees<br> Class of {year}</h1></center><ol><li>{first}</li>"
           f"<li>{second}</li></ol><img align='center' src='images/class{year}.jpg'><br>"
           "<a href='index.html'>Back to Hall of Fame Homepage</a></body></html>"
           for year, first, second in ((2005, "Mike Tranel", "Andy Yates"), (2007, "Dale Sears", "Jim Kuhl"),
                                       (2009, "Rod Rohde", "Tom Klein"))},
    })
    for name in ("field", "dugout", "class2005", "class2007", "class2009"):
        photo(old, f"images/{name}.jpg")
    found = import_site(old, tmp_path)
    item = item_of(found, "class2005.jpg")
    assert "inductees2005.htm" in item.redirect_from
    assert words(item.caption) == "Mike Tranel Andy Yates", item.caption
    assert item.title == "Class of 2005"
