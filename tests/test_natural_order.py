"""The order names are counted in (albumen.natural_order): the site's pages, an image folder, an old site's pages."""

from __future__ import annotations

import random

from albumen.natural_order import natural_key, page_key


def test_numbers_are_compared_as_numbers() -> None:
    names = ["photo10.jpg", "photo2.jpg", "photo1.jpg", "photo9.jpg"]
    assert sorted(names, key=natural_key) == ["photo1.jpg", "photo2.jpg", "photo9.jpg", "photo10.jpg"]
    assert sorted(names, key=page_key) == ["photo1.jpg", "photo2.jpg", "photo9.jpg", "photo10.jpg"]


def test_case_is_ignored() -> None:
    assert natural_key("Photo2") == natural_key("photo2") == natural_key("PHOTO2")
    assert sorted(["b", "A", "a10", "B2"], key=natural_key) == ["A", "a10", "b", "B2"]
    assert page_key("Slide3.htm") == page_key("slide3.HTM")


def test_leading_zeros_count_the_number_only() -> None:
    assert natural_key("page-007") == natural_key("page-7")
    assert sorted(["page-010", "page-9", "page-08"], key=natural_key) == ["page-08", "page-9", "page-010"]
    assert page_key("img01") == page_key("img1")


def test_mixed_text_and_numbers() -> None:
    names = ["Letter, part 10", "Letter, part 2", "Letter", "Letter, part 2b", "Letter, part 2a", "Diary 1944"]
    assert sorted(names, key=natural_key) == [
        "Diary 1944",
        "Letter",
        "Letter, part 2",
        "Letter, part 2a",
        "Letter, part 2b",
        "Letter, part 10",
    ]
    assert sorted(["1999/12/img3.jpg", "1999/2/img10.jpg", "1999/2/img3.jpg"], key=natural_key) == [
        "1999/2/img3.jpg",
        "1999/2/img10.jpg",
        "1999/12/img3.jpg",
    ]


def test_a_number_sorts_before_a_word_in_the_same_place() -> None:
    assert sorted(["intro.htm", "10.htm", "2.htm"], key=natural_key) == ["2.htm", "10.htm", "intro.htm"]
    assert sorted(["album b", "album 3"], key=natural_key) == ["album 3", "album b"]


def test_the_old_page_order_puts_a_word_before_a_leading_number_but_0() -> None:
    """page_key is natural_key but for the one difference the importer has always had: a name that starts with
    a number (other than 0) comes after one that starts with a word."""
    assert sorted(["intro.htm", "10.htm", "2.htm", "0.htm"], key=page_key) == ["0.htm", "intro.htm", "2.htm", "10.htm"]
    assert sorted(["slide b", "slide 3"], key=page_key) == ["slide 3", "slide b"]  # inside a name: as natural_key


def test_the_two_keys_agree_on_names_that_start_alike() -> None:
    letters = "aB1 0-9.x"
    rng = random.Random(13)
    for _ in range(2000):
        a, b = ("p" + "".join(rng.choice(letters) for _ in range(rng.randint(0, 6))) for _ in range(2))
        assert (natural_key(a) < natural_key(b)) == (page_key(a) < page_key(b)), (a, b)


def test_a_superscript_or_other_non_decimal_digit_is_read_as_a_word_not_a_number() -> None:
    """'room 1²' (a page title or file stem can hold any character) sorts, and crashes no import: int('²') fails."""
    names = ["room 1²", "room 10", "room 2", "room ٣"]  # ٣: Arabic-Indic three, a decimal digit
    assert sorted(names, key=natural_key) == ["room 1²", "room 2", "room ٣", "room 10"]
    assert sorted(names, key=page_key) == ["room 1²", "room 2", "room ٣", "room 10"]
