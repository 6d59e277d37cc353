"""`albumen import html` on the kinds of old site the third round of real sites showed misread (issue 13,
/work/notes/realsites3_report.md): a club site whose album pages list their photos as text links under a logo on
every page, a journal whose captions start with the photo's name, Gramps' media pages, iWeb's rendered text.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

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
    assert words(item_of(found, "class2005.jpg").caption) != "The hall was established in 1972."
    assert "Class of 2005" in {topic.title for topic in found.draft.topics}


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
