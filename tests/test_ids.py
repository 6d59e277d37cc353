"""ids.py owns what an id may be, the names the site keeps, and the one slug function (the importers' and the
gazetteer's ids are its variants); the old import paths
(stages.load, stages.check, stages.render) still give the same objects until every importer is switched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from albumen import ids, urls


def test_slug_keeps_letters_of_any_script_and_folds_the_rest() -> None:
    assert ids.slug("Street scenes") == "street-scenes"
    assert ids.slug("  Ｒａｉｌｗａｙｓ & bridges!! ") == "railways-bridges"  # NFKC, case folded
    assert ids.slug("广西的战役") == "广西的战役"
    assert ids.slug("Café Müller") == "café-müller"
    assert ids.slug("_under_score_") == "under_score"
    assert ids.slug("?!", fallback="subject") == "subject"
    assert ids.slug("?!") == ""


def test_a_long_name_is_cut_and_kept_apart_by_a_hash() -> None:
    first, second = ids.slug("word " * 60 + "one"), ids.slug("word " * 60 + "two")
    assert first != second
    assert len(first.encode("utf-8")) <= ids.SLUG_BYTES and first.startswith("word-word-")
    assert ids.ID_PATTERN.match(first)


def test_an_importer_folds_underscores_and_the_gazetteer_keeps_ascii() -> None:
    from albumen.enrich.gazetteer import slug as place_slug
    from albumen.importers.fields import id_slug

    assert ids.slug("new_page_1", words_only=True) == id_slug("new_page_1") == "new-page-1"
    assert ids.slug("new_page_1") == "new_page_1"  # a subject's URL keeps what it always had
    assert ids.slug("Hồ Chí Minh", ascii_only=True) == place_slug("Hồ Chí Minh") == "ho-chi-minh"
    assert ids.slug("桂林", ascii_only=True) == "" and place_slug("桂林") == "桂林"
    assert place_slug("?!") == "place"
    long_name = "a_very_long_file_name " * 20
    assert id_slug(long_name) != id_slug(long_name + "2")  # cut, and kept apart by the hash


@given(st.text(), st.booleans(), st.booleans())
def test_every_slug_is_an_id(text: str, words_only: bool, ascii_only: bool) -> None:
    made = ids.slug(text, words_only=words_only, ascii_only=ascii_only)
    assert made == "" or (ids.ID_PATTERN.match(made) and len(made.encode("utf-8")) <= ids.SLUG_BYTES)
    if words_only:
        assert "_" not in made
    if ascii_only:
        assert made.isascii()


def test_id_problem_names_what_is_wrong() -> None:
    assert ids.id_problem("liuzhou-station") is None
    assert ids.id_problem("-x") == "use letters, digits, '-' and '_' only"
    assert ids.id_problem("x\n") == "use letters, digits, '-' and '_' only"
    assert "(.xml)" in (ids.id_problem("feed.XML") or "")


def test_the_old_names_are_the_same_objects() -> None:
    from albumen.stages.check import RESERVED_PAGE_IDS
    from albumen.stages.load import ID_PATTERN, id_problem

    assert ID_PATTERN is ids.ID_PATTERN and id_problem is ids.id_problem
    assert RESERVED_PAGE_IDS is ids.RESERVED_PAGE_IDS
    assert urls.relative_url("items/x/", "topics/y/") == "../../topics/y/"
