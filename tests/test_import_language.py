"""`albumen import html` sets the site's language from the family's own words: old pages seldom said it (no
lang=), or said their template's (lang="en" over Swedish captions); the new site then speaks the family's language
where albumen has its words (Hebrew, right to left) and marks its pages with it everywhere else."""

from __future__ import annotations

from pathlib import Path

from albumen.importers.site_language import language_of_prose
from conftest import parse_html, run_cli
from test_import_real_photos import import_site, photo, write


def gallery(old: Path, captions: list[str], *, title: str, lang: str = "", charset: str = "utf-8") -> Path:
    """A hand-made gallery page: a thumbnail and its caption per photo, in whatever language it is given."""
    cells = ""
    for n, caption in enumerate(captions, 1):
        photo(old, f"photos/p{n}.jpg", f"thumbs/p{n}.jpg")
        cells += f"<tr><td><a href='photos/p{n}.jpg'><img src='thumbs/p{n}.jpg' width=100 height=75></a></td>" \
                 f"<td>{caption}</td></tr>"
    lang_attribute = f" lang='{lang}'" if lang else ""
    return write(old, {"index.html": f"<html{lang_attribute}><head><meta charset='{charset}'><title>{title}</title>"
                                     f"</head><body><h1>{title}</h1><table>{cells}</table></body></html>"})


SWEDISH = ["Mormor och morfar framför huset i Dalarna sommaren 1931.",
           "Korna på väg hem från fäboden, fotograferade av farbror Nils.",
           "Midsommarafton vid sjön, hela släkten samlad på bryggan."]
HEBREW = ["סבא וסבתא ליד הבית בירושלים בקיץ של שנת אלף תשע מאות חמישים.",
          "הילדים משחקים בחצר בית הספר ביום הראשון של הלימודים.",
          "חתונת הדודה שרה באולם הגדול של הקיבוץ, כל המשפחה יחד."]
GERMAN = ["Oma und Opa vor dem Haus in Bayern im Sommer neunzehnhundertdreißig.",
          "Die Kühe kommen von der Alm nach Hause, fotografiert von Onkel Franz.",
          "Die ganze Familie am Ufer des Sees an einem warmen Abend im August.",
          "Der Onkel mit seinem neuen Fahrrad vor der Kirche, kurz nach dem Krieg."]


def test_captions_in_swedish_make_a_swedish_site_though_no_page_says_so(tmp_path: Path) -> None:
    found = import_site(gallery(tmp_path / "old", SWEDISH, title="Släktens bilder"), tmp_path)
    assert found.draft.settings.language == "sv"
    assert found.report.settings["language"] == "sv"


def test_the_words_win_over_a_templates_lang(tmp_path: Path) -> None:
    """A gallery maker's skin wrote lang="en" on every page; the family wrote German."""
    found = import_site(gallery(tmp_path / "old", GERMAN, title="Familienbilder", lang="en"), tmp_path)
    assert found.draft.settings.language == "de"


def test_a_declared_language_stays_when_the_words_are_too_few_to_say(tmp_path: Path) -> None:
    found = import_site(gallery(tmp_path / "old", ["1944", "IMG 2", "P3"], title="Album", lang="fr-FR"), tmp_path)
    assert found.draft.settings.language == "fr"


def test_english_captions_make_an_english_site(tmp_path: Path) -> None:
    captions = ["Chinese refugees take a meal in front of the train engine in Liuzhou, in the fall of 1944.",
                "A GI sets explosives under the bridge before the Japanese army arrives.",
                "The airfield at Guilin seen from the control tower, with the hills behind it."]
    found = import_site(gallery(tmp_path / "old", captions, title="Ichigo Campaign"), tmp_path)
    assert found.draft.settings.language == "en"


def test_nothing_to_read_and_nothing_declared_sets_no_language(tmp_path: Path) -> None:
    found = import_site(gallery(tmp_path / "old", ["", "", ""], title="Photos"), tmp_path)
    assert "language" not in found.report.settings


def test_a_hebrew_old_site_becomes_a_hebrew_right_to_left_site(tmp_path: Path) -> None:
    old, archive = gallery(tmp_path / "old", HEBREW, title="אלבום המשפחה"), tmp_path / "archive"
    assert run_cli("import", "html", old, "-C", archive, "-q").exit_code == 0
    assert 'language = "he"' in (archive / "albumen.toml").read_text(encoding="utf-8")
    assert run_cli("build", "-C", archive, "-q").exit_code == 0
    home = parse_html(archive / "_site" / "index.html")
    root = home.find("html")
    assert root.attrs.get("lang") == "he" and root.attrs.get("dir") == "rtl"
    search = home.find("input", type="search")
    assert search.attrs.get("placeholder") and not search.attrs["placeholder"].startswith("Search")


def test_place_names_as_the_signs_read_do_not_overrule_the_pages_language(tmp_path: Path) -> None:
    """An English family's trip: captions that are Italian place names leave the site English (review 11)."""
    captions = ["Venezia, Piazza San Marco", "Lago di Como", "Firenze, Ponte Vecchio", "Roma, Fontana di Trevi",
                "Cinque Terre, Vernazza", "Pisa, Piazza dei Miracoli"]
    found = import_site(gallery(tmp_path / "old", captions, title="Italy 2004", lang="en"), tmp_path)
    assert found.draft.settings.language == "en"


def test_a_pages_list_of_links_is_no_words_of_the_family() -> None:
    """A links page's menu (the template's English) beside the family's German story: the story says the language."""
    menu = "\n".join(f"- [{words}]({n}.md)" for n, words in enumerate([
        "Home page of the family website", "Photo gallery of our summer holidays", "Guestbook for friends and visitors",
        "Links to other interesting websites", "Contact information and email address",
        "Latest news and updates from the family", "Photos of the new house and garden",
        "Christmas photos of the whole family", "Download the screensaver with our photos"]))
    story = " ".join(GERMAN)
    assert language_of_prose([menu + "\n\n" + story]).tag == "de"
    assert language_of_prose([menu]).tag == ""  # nothing but links: nothing to read
