"""Dates in the archive's language: captions and photo-page fields of non-English family sites.

Month names come from CLDR (Babel), seasons from albumen's own date words where it has them; the English rules
stay as they were for an English archive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from albumen.enrich.dates import DateOptions, caption_date, find_dates
from albumen.importers.fields import edtf_from_text
from albumen.studio.helpers import date_help
from conftest import BASE_IMAGES, base_files, item_md, run_cli
from importers_support import photo_files, write


def date_in(language: str, text: str) -> str:
    found = caption_date(text, DateOptions(language=language))
    return found.edtf if found is not None else ""


@pytest.mark.parametrize(("language", "text", "edtf"), [
    # day month year
    ("nl", "Opa en oma op het strand, 28 augustus 2015.", "2015-08-28"),
    ("nl", "Bruiloft van Kees, 12 maart 1998", "1998-03-12"),
    ("de", "Die Brücke am 15. März 1944", "1944-03-15"),
    ("de", "Taufe, 3. Okt. 1952", "1952-10-03"),
    ("fr", "La libération, le 5 octobre 1944", "1944-10-05"),
    ("fr", "Le défilé du 1er août 1944", "1944-08-01"),
    ("es", "La boda, 5 de octubre de 1944", "1944-10-05"),
    ("it", "La festa del paese, 2 giugno 1946", "1946-06-02"),
    ("sv", "Midsommar på gården den 21 juni 1952", "1952-06-21"),
    ("pl", "Ślub dziadków, 5 października 1944", "1944-10-05"),
    ("pl", "Wakacje nad morzem, 12 sierpnia 2007", "2007-08-12"),
    ("nl", "Kamp in Ommen, 5-7 augustus 1944", "1944-08-05/1944-08-07"),
    ("de", "Ferien 5.–7. März 1944", "1944-03-05/1944-03-07"),
    # month year
    ("nl", "Vakantie in Zeeland, augustus 2015", "2015-08"),
    ("es", "La cosecha, agosto de 1944", "1944-08"),
    ("de", "Die Schule im März 1944", "1944-03"),
    ("it", "Gita al lago, settembre 1961", "1961-09"),
    ("sv", "Skolavslutning i juni 1939", "1939-06"),
    ("pl", "Sierpień 2007, nad jeziorem", "2007-08"),
    # season year, where albumen has the words
    ("de", "Ernte im Sommer 1944", "1944-22"),
    ("fr", "La ferme, été 1944", "1944-22"),
    ("es", "En el pueblo, verano de 1944", "1944-22"),
    # numeric dates are day first outside English
    ("nl", "Oma's verjaardag 05-10-1944", "1944-10-05"),
    ("de", "Einschulung 05.10.1944", "1944-10-05"),
    ("fr", "Communion 05/10/1944", "1944-10-05"),
    ("it", "Battesimo 12/03/1998", "1998-03-12"),
    # a span of years is digits only
    ("nl", "Zomerkamp 1944-1945", "1944/1945"),
    # a month's CLDR name with its preposition (Catalan), the genitive (Czech), circa
    ("ca", "El casament, 5 d’octubre del 1944", "1944-10-05"),
    ("cs", "Svatba 5. října 1944", "1944-10-05"),
    ("nl", "ca. augustus 1944", "1944-08~"),
])
def test_phrases_in_the_archives_language_become_edtf(language: str, text: str, edtf: str) -> None:
    assert date_in(language, text) == edtf


def test_a_region_subtag_reads_as_its_language() -> None:
    assert date_in("nl-BE", "Kermis, 28 augustus 2015") == "2015-08-28"


@pytest.mark.parametrize(("language", "text"), [
    ("nl", "Het huis werd in 1944 gebouwd"),  # a bare year is not taken outside English
    ("de", "Hausnummer 1944"),
    ("sv", "Sommaren 1944 på landet"),  # CLDR has no seasons, nor has albumen Swedish ones: months only
])
def test_what_is_not_read_outside_english(language: str, text: str) -> None:
    assert date_in(language, text) == ""


def test_english_stays_as_it_was() -> None:
    assert date_in("en", "We may 1944 have gone there") == ""  # "may" the verb is no month
    assert date_in("en", "Taken in May 1944") == "1944-05"
    assert date_in("en", "in the fall of 1944") == "1944-23"
    assert date_in("en", "5/10/1944") == "[1944-05-10, 1944-10-05]"  # both readings, as before
    assert DateOptions().language == "en"
    assert [f.edtf for f in find_dates("Kermis, 28 augustus 2015")] == []  # English reads no Dutch month


def test_an_english_archive_reads_no_dutch_months() -> None:
    assert date_in("en", "Vakantie, augustus 2015") == ""


def test_a_language_babel_does_not_know_reads_numbers_only() -> None:
    assert date_in("xx", "Een foto van 05-10-1944") == "1944-10-05"
    assert date_in("xx", "augustus 2015") == ""


@pytest.mark.parametrize(("language", "text", "edtf"), [
    ("nl", "12 maart 1998", "1998-03-12"),
    ("nl", "maart 1998", "1998-03"),
    ("de", "15. März 1944", "1944-03-15"),
    ("es", "verano de 1944", "1944-22"),
    ("nl", "12-03-1998", "1998-03-12"),
])
def test_a_date_field_in_the_sites_language_is_read_whole(language: str, text: str, edtf: str) -> None:
    reading = edtf_from_text(text, language=language)
    assert (reading.edtf, reading.whole) == (edtf, True)


def test_a_date_field_in_english_is_read_as_before() -> None:
    assert edtf_from_text("12 maart 1998").whole is False
    assert edtf_from_text("fall 1944").edtf == "1944-23"


def test_a_dutch_archives_enrich_suggests_a_captions_date(make_archive: Callable[..., Path]) -> None:
    files = base_files()
    files["albumen.toml"] = 'title = "Familie"\nlanguage = "nl"\n'
    files["items/strand.md"] = item_md("Opa en oma op het strand van Zandvoort, 28 augustus 2015.", title="Strand",
                                       image="first.jpg")
    archive = make_archive(files, BASE_IMAGES)
    result = run_cli("enrich", "-C", archive)
    assert result.exit_code == 0, result.stderr
    assert ('items/strand.md:5: note: date 2015-08-28 from "28 augustus 2015" (28 August 2015)'
            in result.stdout.splitlines())


def test_check_notes_the_same_date_as_enrich(make_archive: Callable[..., Path]) -> None:
    files = base_files()
    files["albumen.toml"] = 'title = "Familie"\nlanguage = "de"\n'
    files["items/ernte.md"] = item_md("Die Ernte im Sommer 1944.", title="Ernte", image="first.jpg")
    archive = make_archive(files, BASE_IMAGES)
    result = run_cli("check", "-C", archive)
    assert 'items/ernte.md:5: note: date 1944-22 from "Sommer 1944" (summer 1944)' in result.stderr, result.stderr


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Los niños al mar 1965"),  # the sea, not March ("mar" abbreviates marzo only)
    ("nl", "Oom Jan 1952 op de fiets"),  # a man, not January ("jan" abbreviates januari)
    ("pl", "Lis 1950 w lesie"),  # a fox, not November ("lis" abbreviates listopad)
])
def test_a_month_and_a_year_with_no_day_need_the_months_whole_name(language: str, text: str) -> None:
    """review 12: an abbreviation is also a word; with a day before it ("5 mar 1965") it is a month."""
    assert date_in(language, text) == ""
    assert date_in("es", "5 mar. 1965") == "1965-03-05"


def test_enrich_in_another_language_still_reads_years_and_decades(make_archive: Callable[..., Path]) -> None:
    """review 12: the English rules read what the language's own do not (a bare year after a place, circa, a
    decade), without their month names ("Oom Jan 1952" is no January)."""
    files = base_files()
    files["albumen.toml"] = 'title = "Familie"\nlanguage = "de"\n'
    files["items/berlin.md"] = item_md("Unter den Linden, Berlin, 1952.", title="Berlin", image="first.jpg")
    files["items/jan.md"] = item_md("Oom Jan 1952 op de fiets.", title="Jan", image="first.jpg")
    archive = make_archive(files, BASE_IMAGES)
    result = run_cli("enrich", "-C", archive)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if ": note: date " in line]
    assert any(line.startswith("items/berlin.md:") and "date 1952 from" in line for line in notes), notes
    assert not any(line.startswith("items/jan.md:") and "1952-01" in line for line in notes), notes


def test_the_studios_date_helper_reads_the_archives_language() -> None:
    assert date_help("28 augustus 2015", language="nl")["suggestion"] == "2015-08-28"
    assert date_help("fall 1944", language="nl")["suggestion"] == "1944-23"  # English words still help


def dutch_photo_page_site(root: Path) -> None:
    """A Dutch family's gallery with a page per photo that lists the photo's fields (Datum, Fotograaf)."""
    photo_files(root, "fotos/bruiloft.jpg", "fotos/klein/bruiloft.jpg")
    photo_files(root, "fotos/molen.jpg", "fotos/klein/molen.jpg")
    shots = [("bruiloft", "De bruiloft van oom Kees en tante Riek in de kerk van ons dorp.", "12 maart 1998"),
             ("molen", "De kermis op het plein, met de draaimolen en de oliebollenkraam.", "augustus 2001")]
    files = {"index.html": """<html lang="nl"><head><title>Onze familiefoto's</title></head><body>
<h1>Onze familiefoto's</h1>
<p>Welkom op de website van onze familie. Hier staan de foto's van feesten en uitstapjes in het dorp.</p>
<table><tr>""" + "".join(f'<td><a href="{name}.html"><img src="fotos/klein/{name}.jpg" width="120" height="90">'
                         f'</a></td>' for name, _, _ in shots) + "</tr></table></body></html>\n"}
    for name, caption, date in shots:
        files[f"{name}.html"] = f"""<html lang="nl"><head><title>{name}</title></head><body>
<p><a href="index.html">Terug naar het overzicht</a></p>
<p><img src="fotos/{name}.jpg" width="480" height="360"></p>
<p>{caption}</p>
<table>
<tr><td>Datum:</td><td>{date}</td></tr>
<tr><td>Fotograaf:</td><td>Jan de Vries</td></tr>
</table></body></html>
"""
    write(root, files)


def test_a_dutch_photo_pages_date_field_becomes_the_items_date(tmp_path: Path) -> None:
    old, archive = tmp_path / "oud", tmp_path / "archief"
    dutch_photo_page_site(old)
    archive.mkdir()
    result = run_cli("import", "html", old, "-C", archive)
    assert result.exit_code == 0, f"{result.stdout}\n{result.stderr}"
    dates = {}
    for path in (archive / "items").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
        dates[front["source"]["image"]] = str(front.get("date") or "")
    assert dates == {"fotos/bruiloft.jpg": "1998-03-12", "fotos/molen.jpg": "2001-08"}
    report = (archive / "import-report.md").read_text(encoding="utf-8")
    assert "could not be read" not in report
