"""The HTML importer's shared patterns (importers/html_patterns.py) match the examples their comments give, and
not the ones they say they must not; the patterns of image names take their suffixes from oldsite.IMAGE_SUFFIXES."""

from __future__ import annotations

import re

import pytest

from albumen.importers.html_page import IMAGE_URL, SCRIPT_FILE
from albumen.importers.html_patterns import (
    CAMERA_DATE,
    COUNTED,
    COUNTER,
    DATE_OR_TIME,
    ISO_DATE,
    LABEL_ONLY,
    PAGE_COUNTER,
    PAGE_WORDS,
    TIME_STAMP,
)
from albumen.importers.html_photo_text import FILE_EXTENSION
from albumen.importers.html_scripts import FILE_NAME
from albumen.importers.oldsite import IMAGE_SUFFIXES, is_image

WHOLE = [  # pattern, a text it matches whole, a text it must not
    (TIME_STAMP, "07/11/06 11:31", "07/11/06"), (TIME_STAMP, "3/14/08, 6:42:10 PM", "Taken 07/11/06 11:31"),
    (LABEL_ONLY, "(2017-03-07)", "Taken 2017-03-07"), (LABEL_ONLY, "ann@example.org", "Write to ann"),
    (COUNTER, "3", "Page 3"), (COUNTER, "Slide 3 of 12", "3 Kids"), (COUNTER, "Bild 3 von 12", "3/12 Kids"),
    (PAGE_COUNTER, "page 2 of 12", "June 6 to 10"), (PAGE_COUNTER, "Página 2 de 12", "Ages 5 to 12"),
    (PAGE_COUNTER, "(2/12)", "Kids 2 and 4"),
    (PAGE_WORDS, "Next", "Next day"), (PAGE_WORDS, "2", "1944"), (PAGE_WORDS, "zurück", "Zurück zum Album"),
    (COUNTED, "Boxholm 1", "Paris 1985"), (COUNTED, "Boxholm #12", "1 Boxholm"),
]
SEARCHED = [
    (ISO_DATE, "2008-03-14 18:42:10", "14-03-2008"), (CAMERA_DATE, "3/14/08 6:42 PM", "2008-03-14"),
    (DATE_OR_TIME, "Last change 23:22:25", "March 7"),
]


@pytest.mark.parametrize(("pattern", "matched", "refused"), WHOLE)
def test_a_pattern_matches_its_example_whole_and_not_its_counter_example(
        pattern: re.Pattern[str], matched: str, refused: str) -> None:
    assert pattern.fullmatch(matched) and not pattern.fullmatch(refused)


@pytest.mark.parametrize(("pattern", "matched", "refused"), SEARCHED)
def test_a_pattern_finds_its_example_and_not_in_its_counter_example(
        pattern: re.Pattern[str], matched: str, refused: str) -> None:
    assert pattern.search(matched) and not pattern.search(refused)


def test_a_page_counter_gives_its_number_and_count() -> None:
    found = PAGE_COUNTER.fullmatch("Bild 3 von 12")
    assert found is not None and found.groups() == ("3", "12")


@pytest.mark.parametrize("suffix", sorted(IMAGE_SUFFIXES))
def test_every_image_suffix_of_the_site_is_one_the_text_patterns_find(suffix: str) -> None:
    """oldsite.IMAGE_SUFFIXES is the one list: a name the site counts as an image is one in a script or a link."""
    name = f"Photo_1{suffix.upper()}"
    assert is_image(name) and IMAGE_URL.match(f"big/{name}?v=2") and FILE_EXTENSION.search(name)
    assert SCRIPT_FILE.findall(f"popup('{name}')") == [name] and FILE_NAME.match(name)
    assert not IMAGE_URL.match(f"big/{name}x") and not FILE_EXTENSION.search(f"{name}.txt")
