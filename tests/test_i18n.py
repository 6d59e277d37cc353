"""The site in its language: catalogs complete and in step with the templates, dates in words per language, and
built sites in Hebrew (right to left) and Chinese. The browser half (axe-core on Hebrew pages, screenshots) is in
test_i18n_browser.py."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from albumen import i18n
from albumen.dates import describe, describe_in

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "ichigo"
LANGUAGES = [c for c in i18n.SHIPPED]


# ---------------------------------------------------------------- the catalogs


def extracted_ids() -> set[str]:
    """What `make extract` finds in the templates and scripts today (babel.cfg), singular msgids."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        found.add(message[0] if isinstance(message, tuple | list) else message)
    return found


def catalog(language: str):  # noqa: ANN201 - babel's Catalog
    with i18n.catalog_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=i18n.DOMAIN)


def forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    """A msgstr's texts: one, or one per plural form."""
    return tuple(string) if isinstance(string, tuple | list) else (string,)


def singular(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else message_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_and_script_string_is_in_the_catalog(language: str) -> None:
    """A string added to a template without `make extract` (or left in a catalog after it went) fails here."""
    extracted = extracted_ids()
    assert len(extracted) > 150
    ids = {singular(m.id) for m in catalog(language) if m.id}
    assert sorted(extracted - ids) == [], "run `make extract` and translate the new messages"
    assert sorted(ids - extracted) == [], "messages no template uses any more: run `make extract`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_shipped_language_is_completely_translated(language: str) -> None:
    """No empty msgstr, none fuzzy, no placeholder the English lacks, the same HTML tags as the English."""
    messages = [m for m in catalog(language) if m.id]
    untranslated = [m.id for m in messages if not all(forms(m.string))]
    assert untranslated == []
    assert [m.id for m in messages if m.fuzzy] == []
    for m in messages:
        source = " ".join(m.id) if isinstance(m.id, tuple) else m.id
        for text in forms(m.string):
            assert set(re.findall(r"%\((\w+)\)", text)) <= set(re.findall(r"%\((\w+)\)", source)), (m.id, text)
            assert set(re.findall(r"\[[A-Z_]+\]", text)) <= set(re.findall(r"\[[A-Z_]+\]", source)), (m.id, text)
            assert Counter(re.findall(r"</?\w+", text)) == Counter(re.findall(r"</?\w+", singular(m.id))), (m.id, text)


def studio_python_messages() -> set[str]:
    """The messages of the studio's Python (labels, hints, headings, refusals, the review list's words)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO / "src" / "albumen" / "studio"), [("**.py", "python")]):
        found.add(singular(message))
    return found


def test_the_studio_s_python_words_are_marked_for_translation() -> None:
    """Every label and hint of the studio's forms and every review message goes through `_` (i18n.lazy_gettext):
    a plain string there would stay English on a Hebrew archive."""
    from albumen.studio import forms, preview

    fields = forms.ITEM_FIELDS + forms.TOPIC_FIELDS + forms.SITE_FIELDS + forms.PLACE_FIELDS
    shown = [f.label for f in fields] + [f.hint for f in fields if f.hint] + list(preview.EDIT_LABELS.values())
    assert all(isinstance(text, i18n.LazyText) for text in shown), [t for t in shown if isinstance(t, str)]
    messages = studio_python_messages()
    assert {text.message for text in shown if isinstance(text, i18n.LazyText)} <= messages
    assert {"No date: set its date (a year is enough; “about” and “perhaps” can be written too).",
            "Edit photo: %(title)s", "bigger than %(size)s MB"} <= messages
    assert len(messages) > 60


@pytest.mark.parametrize("language", [c for c in LANGUAGES if c != "en"])
def test_the_studio_s_python_words_are_translated(language: str) -> None:
    """In the catalog and in the language: a few words may be spelled as in English ("Links", "Name"), most not."""
    messages = studio_python_messages()
    translated = {singular(m.id): forms(m.string)[0] for m in catalog(language) if m.id}
    assert sorted(messages - set(translated)) == []
    same = [m for m in messages if translated[m] == m]
    assert all(translated[m] for m in messages)
    assert len(same) <= 6, same


def test_the_english_catalog_is_the_source_words() -> None:
    for m in catalog("en"):
        if m.id:
            assert m.string == (tuple(m.id) if isinstance(m.id, tuple) else m.id)


@pytest.mark.parametrize(("tag", "catalog_name", "direction"), [
    ("en", "en", "ltr"), ("de-AT", "de", "ltr"), ("fr", "fr", "ltr"), ("es-419", "es", "ltr"),
    ("zh-Hans", "zh_Hans", "ltr"), ("zh-CN", "zh_Hans", "ltr"), ("zh", "zh_Hans", "ltr"), ("zh-Hant", "en", "ltr"),
    ("ja", "ja", "ltr"), ("he", "he", "rtl"), ("he-IL", "he", "rtl"), ("iw", "he", "rtl"), ("ar", "en", "rtl"),
    ("x-private", "en", "ltr"), ("", "en", "ltr"),
])
def test_a_language_tag_finds_its_catalog_and_direction(tag: str, catalog_name: str, direction: str) -> None:
    language = i18n.language(tag)
    assert (language.catalog, language.direction) == (catalog_name, direction)


# ---------------------------------------------------------------- dates in words

DATES = {
    "1944-23": {"de": "Herbst 1944", "fr": "automne 1944", "es": "otoño de 1944", "zh_Hans": "1944年秋",
                "ja": "1944年秋", "he": "סתיו 1944"},
    "1944": {"de": "1944", "fr": "1944", "es": "1944", "zh_Hans": "1944年", "ja": "1944年", "he": "1944"},
    "1944?": {"de": "1944 (unsicher)", "fr": "1944 (incertain)", "es": "1944 (incierto)",
              "zh_Hans": "1944年（存疑）", "ja": "1944年（不確か）", "he": "1944 (לא ודאי)"},
    "1944~": {"de": "um 1944", "fr": "vers 1944", "es": "hacia 1944", "zh_Hans": "约1944年", "ja": "1944年頃",
              "he": "בסביבות 1944"},
    "1944-23%": {"de": "um Herbst 1944 (unsicher)", "fr": "vers automne 1944 (incertain)",
                 "es": "hacia otoño de 1944 (incierto)", "zh_Hans": "约1944年秋（存疑）", "ja": "1944年秋頃（不確か）",
                 "he": "בסביבות סתיו 1944 (לא ודאי)"},
    "1944-10-05": {"de": "5. Oktober 1944", "fr": "5 octobre 1944", "es": "5 de octubre de 1944",
                   "zh_Hans": "1944年10月5日", "ja": "1944年10月5日", "he": "5 באוקטובר 1944"},
    "1944-10": {"de": "Oktober 1944", "fr": "octobre 1944", "es": "octubre de 1944", "zh_Hans": "1944年10月",
                "ja": "1944年10月", "he": "אוקטובר 1944"},
    "1944-22/1944-23": {"de": "Sommer–Herbst 1944", "fr": "été–automne 1944", "es": "verano–otoño de 1944",
                        "zh_Hans": "1944年夏至秋", "ja": "1944年夏～秋", "he": "קיץ–סתיו 1944"},
    "1944-06/1944-11": {"de": "Juni–November 1944", "es": "junio–noviembre de 1944", "ja": "1944年6月～11月",
                        "he": "יוני–נובמבר 1944"},
    "1944/1946": {"de": "1944–1946", "he": "1944–1946"},
    "194X": {"de": "1940er-Jahre", "fr": "années 1940", "es": "años 1940", "zh_Hans": "1940年代", "ja": "1940年代",
             "he": "שנות ה־1940"},
    "19XX": {"de": "20. Jahrhundert", "fr": "XXe siècle", "es": "siglo XX", "zh_Hans": "20世纪", "ja": "20世紀",
             "he": "המאה ה־20"},
    "../1944": {"de": "bis 1944", "fr": "jusqu’en 1944", "zh_Hans": "1944年以前", "ja": "1944年まで", "he": "עד 1944"},
    "1944-10/..": {"de": "ab Oktober 1944", "fr": "depuis octobre 1944", "he": "אוקטובר 1944 ואילך"},
    "[1944,1945]": {"de": "1944 oder 1945", "fr": "1944 ou 1945", "zh_Hans": "1944年或1945年", "he": "1944 או 1945"},
    "{1944,1945}": {"es": "1944 y 1945", "ja": "1944年と1945年", "he": "1944 ו־1945"},
    "-0100": {"de": "100 v. Chr.", "fr": "100 av. J.-C.", "zh_Hans": "公元前100年", "he": "100 לפנה״ס"},
    "1944-33": {"de": "erstes Quartal 1944", "zh_Hans": "1944年第一季度", "he": "רבעון ראשון 1944"},
}
DATE_CASES = [(edtf, language, words) for edtf, by_language in DATES.items() for language, words in by_language.items()]


@pytest.mark.parametrize(("edtf", "language", "words"), DATE_CASES)
def test_dates_in_words_in_each_language(edtf: str, language: str, words: str) -> None:
    assert describe_in(edtf, language) == words


@pytest.mark.parametrize("edtf", [*DATES, "1944-06-01/1944-06-15", "..", "1944-41", "nonsense"])
def test_english_and_unshipped_languages_are_describe_itself(edtf: str) -> None:
    """English words stay exactly describe()'s (the golden site depends on them); a language albumen has no
    words for reads English."""
    assert describe_in(edtf, "en") == describe(edtf)
    assert describe_in(edtf, "ko") == describe(edtf)


# ---------------------------------------------------------------- built sites


def build_example(dest: Path, language: str) -> Path:
    """The example archive, its language changed, built; its _site/."""
    import shutil

    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("_site", "_site.*", ".albumen"))
    settings = dest / "albumen.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r'(?m)^language = ".*"$', f'language = "{language}"', text), encoding="utf-8")
    assert f'language = "{language}"' in settings.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "albumen", "build", "-C", str(dest), "--executor", "inline", "-q"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return dest / "_site"


@pytest.fixture(scope="module")
def hebrew_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("he") / "ichigo", "he")


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("zh") / "ichigo", "zh-Hans")


def page(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path).read_text(encoding="utf-8"))


def nav_words(tree: HTMLParser) -> list[str]:
    return [a.text() for a in tree.css(".site-header nav a")]


def test_a_hebrew_site_is_right_to_left_in_hebrew(hebrew_site: Path) -> None:
    for path in ["index.html", "items/liuzhou-mother-baby/index.html", "timeline/index.html", "map/index.html",
                 "search/index.html", "topics/ichigo-campaign/index.html"]:
        html = page(hebrew_site, path).css_first("html")
        assert html is not None and (html.attributes["lang"], html.attributes["dir"]) == ("he", "rtl"), path
    home = page(hebrew_site, "index.html")
    assert nav_words(home)[:6] == ["נושאים", "תצלומים", "מקומות", "תגיות", "ציר זמן", "מפה"]
    assert home.css_first(".skip").text() == "דילוג לתוכן"
    item = page(hebrew_site, "items/liuzhou-mother-baby/index.html")
    assert item.css_first(".facts time").text() == "סתיו 1944"
    assert item.css_first("#cite-heading").text() == "ציטוט התצלום"
    # the scripts' words come with the page: Pagefind's, the map's, the copy buttons'
    strings = item.css_first("script#albumen-strings")
    assert strings is not None and "העתקת" not in strings.text() and "הועתק." in strings.text()


def test_on_a_right_to_left_site_what_a_person_wrote_takes_its_own_direction(hebrew_site: Path,
                                                                               chinese_site: Path) -> None:
    """An English caption on a Hebrew site is dir="auto" (its full stop at its end, on the right of nothing): the
    browser reads its direction from its first letters. Left-to-right sites carry no dir="auto" (the English
    golden site is byte-identical)."""
    item = page(hebrew_site, "items/liuzhou-mother-baby/index.html")
    assert [n.tag for n in item.css('[dir="auto"]')][:2] == ["h1", "figcaption"]
    topic = page(hebrew_site, "topics/ichigo-campaign/index.html")
    assert topic.css_first("h1").attributes.get("dir") == "auto"
    assert topic.css_first(".narrative").attributes.get("dir") == "auto"
    assert all(a.attributes.get("dir") == "auto" for a in topic.css(".gallery .card-title"))
    places = page(hebrew_site, "places/index.html")
    assert places.css('main li > a[dir="auto"]')
    for path in ["items/liuzhou-mother-baby/index.html", "topics/ichigo-campaign/index.html", "places/index.html"]:
        assert 'dir="auto"' not in (chinese_site / path).read_text(encoding="utf-8"), path


def test_a_chinese_site_shows_chinese_menus_and_dates(chinese_site: Path) -> None:
    home = page(chinese_site, "index.html")
    assert home.css_first("html").attributes == {"lang": "zh-Hans"}  # no dir: left to right
    assert nav_words(home)[:6] == ["专题", "照片", "地点", "主题", "时间线", "地图"]
    assert re.fullmatch(r"\d+ 张照片 · \d+ 个专题 · \d+ 个地点", home.css_first(".stats").text())
    item = page(chinese_site, "items/liuzhou-mother-baby/index.html")
    assert item.css_first(".facts time").text() == "1944年秋"
    timeline = page(chinese_site, "timeline/index.html")
    assert [h.text(deep=False).strip() for h in timeline.css(".period h4")][:1] == ["1944年内"]
    assert "1940年代" in timeline.css_first("h2.timeline-decade").text()
    assert [s.text() for s in timeline.css(".months span")] == ["1月", "4月", "7月", "10月"]


def test_an_english_site_carries_no_translations(tmp_path: Path) -> None:
    """English pages are what they were before languages (the golden site checks every byte)."""
    site = build_example(tmp_path / "ichigo", "en")
    home = page(site, "index.html")
    assert home.css_first("html").attributes == {"lang": "en"}
    assert home.css_first("script#albumen-strings") is None
    assert nav_words(home)[:6] == ["Topics", "Photos", "Places", "Subjects", "Timeline", "Map"]
