"""`albumen import html` on the kinds of old site the third round of real sites showed misread (issue 13,
/work/notes/realsites3_report.md): a club site whose album pages list their photos as text links under a logo on
every page, a journal whose captions start with the photo's name, Gramps' media pages, iWeb's rendered text.
Each old site is written here by code, with real JPEGs; no file of the real sites is in the repository.
"""

from __future__ import annotations

from pathlib import Path

from test_import_real_photos import import_site, item_of, messages, photo, words, write

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
