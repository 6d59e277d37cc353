"""Enrichment: dates and places read from captions, suggested, and written into empty fields on request.

The labelled set (tests/data/captions.yaml) measures precision and recall; the rest pins the phrase rules, the
gazetteer, `suggest()` and `albumen enrich [--accept]` on real archives in tmp_path.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from albumen.enrich.dates import DateOptions, caption_date, find_dates
from albumen.enrich.gazetteer import GAZETTEER_FILE, Gazetteer, load_gazetteer
from albumen.enrich.places import PlaceFinder
from albumen.enrich.suggest import Suggestion, suggest
from albumen.problems import Problems
from albumen.records import Archive, Item, Place
from albumen.stages.load import load_archive
from conftest import BASE_IMAGES, REPO, base_files, item_md, problem_lines, run_cli, snapshot

CAPTIONS = Path(__file__).parent / "data" / "captions.yaml"
ICHIGO_PLACES = [
    Place("china", "China", (), 35.0, 103.0),
    Place("guangxi", "Guangxi province", ("Kwangsi", "广西"), 23.8, 108.8, "china"),
    Place("liuzhou", "Liuzhou", ("Liuchow", "柳州"), 24.3264, 109.4281, "guangxi"),
]
ICHIGO_PLACES_YAML = """\
- id: china
  name: China
  lat: 35.0
  lon: 103.0

- id: guangxi
  name: Guangxi province
  other_names: [Kwangsi, 广西]
  lat: 23.8
  lon: 108.8
  parent: china

- id: liuzhou
  name: Liuzhou
  other_names: [Liuchow, 柳州]
  lat: 24.3264
  lon: 109.4281
  parent: guangxi
"""


# -- the labelled set: precision and recall ----------------------------------------------------------------------

@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0


def _labelled() -> dict[str, Any]:
    return yaml.safe_load(CAPTIONS.read_text(encoding="utf-8"))


def _archive_of(places: list[dict[str, Any]], captions: list[dict[str, Any]]) -> Archive:
    records = tuple(Place(p["id"], p["name"], tuple(p.get("other_names", ())), p.get("lat"), p.get("lon"),
                          p.get("parent")) for p in places)
    items = tuple(Item(id=f"c{n}", file=f"items/c{n}.md", image="x.jpg", title="", caption=c["text"],
                       lines={"body": 1}) for n, c in enumerate(captions))
    return Archive(items=items, topics=(), places=records, pages=())


def _score_labelled(held_out: bool | None = None) -> tuple[Score, Score, list[str]]:
    """Dates and places suggested for the labelled captions, scored; and the misses, for the report."""
    data = _labelled()
    dates, places, misses = Score(), Score(), []
    for archive_name, archive_places in data["archives"].items():
        captions = [c for c in data["captions"] if c["archive"] == archive_name
                    and (held_out is None or bool(c.get("held_out")) == held_out)]
        suggestions = suggest(_archive_of(archive_places, captions))
        for n, caption in enumerate(captions):
            mine = [s for s in suggestions if s.item == f"c{n}"]
            got_date = next((s.value for s in mine if s.field == "date"), None)
            _score_date(dates, got_date, caption["date"], caption["text"], misses)
            got_places = {(s.value, _country(s)) for s in mine if s.field == "places"}
            _score_places(places, got_places, caption["places"], caption["text"], misses)
    return dates, places, misses


def _country(suggestion: Suggestion) -> str | None:
    """The country of a gazetteer place; None for the archive's own place (its id says which it is)."""
    return suggestion.new_places[-1].place.country if suggestion.new_places else None


def _score_date(score: Score, got: str | None, expected: str | None, text: str, misses: list[str]) -> None:
    if got is not None and got == expected:
        score.true_positive += 1
        return
    if got is not None:
        score.false_positive += 1
    if expected is not None:
        score.false_negative += 1
    if got != expected:
        misses.append(f"date {got!r}, expected {expected!r}: {text[:70]}")


def _score_places(score: Score, got: set[tuple[str, str | None]], expected: list[str], text: str,
                  misses: list[str]) -> None:
    wanted = [e.partition("@") for e in expected]
    for place_id, _, country in wanted:
        if any(g == place_id and (not country or c == country) for g, c in got):
            score.true_positive += 1
        else:
            score.false_negative += 1
            misses.append(f"place {place_id}{'@' + country if country else ''} missed: {text[:70]}")
    for place_id, country in got:
        if not any(place_id == w for w, _, _ in wanted):
            score.false_positive += 1
            misses.append(f"place {place_id} ({country}) not expected: {text[:70]}")


def test_the_labelled_set_is_big_and_well_formed():
    data = _labelled()
    captions = data["captions"]
    assert len(captions) >= 60
    assert sum(1 for c in captions if c["date"] is None) >= 8, "decoys without a date"
    assert sum(1 for c in captions if c["places"]) >= 30
    for caption in captions:
        assert caption["archive"] in data["archives"]
        assert set(caption) <= {"archive", "text", "date", "places", "held_out"}


def test_precision_and_recall_on_labelled_captions_are_at_least_0_9():
    dates, places, misses = _score_labelled()
    held_dates, held_places, _ = _score_labelled(held_out=True)
    print(f"\ndates:  precision {dates.precision:.3f}  recall {dates.recall:.3f}  "
          f"(held out: {held_dates.precision:.3f} / {held_dates.recall:.3f})")
    print(f"places: precision {places.precision:.3f}  recall {places.recall:.3f}  "
          f"(held out: {held_places.precision:.3f} / {held_places.recall:.3f})")
    print("\n".join(misses))
    assert dates.precision >= 0.9 and dates.recall >= 0.9, misses
    assert places.precision >= 0.9 and places.recall >= 0.9, misses


# -- dates: the phrase rules ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "edtf", "phrase"), [
    ("in the summer or fall of 1944 during the push south", "1944-22/1944-23", "in the summer or fall of 1944"),
    ("the campaign in fall 1944.", "1944-23", "in fall 1944"),
    ("at the station in the fall of 1944.", "1944-23", "in the fall of 1944"),
    ("in the autumn of 1944", "1944-23", "in the autumn of 1944"),
    ("Kunming, spring of '45.", "1945-21", "spring of '45"),
    ("Summer '62 at the lake.", "1962-22", "Summer '62"),
    ("winter of 1944-45", "1944-24", "winter of 1944-45"),
    ("winter 1977/78", "1977-24", "winter 1977/78"),
    ("fall and winter of 1944", "1944-23/1944-24", "fall and winter of 1944"),
    ("refugees, October 1944.", "1944-10", "October 1944"),
    ("refugees, Oct. 1944.", "1944-10", "Oct. 1944"),
    ("in October of 1944", "1944-10", "in October of 1944"),
    ("early 1944", "1944-01~/1944-04~", "early 1944"),
    ("mid-1944", "1944-05~/1944-08~", "mid-1944"),
    ("late 1944", "1944-09~/1944-12~", "late 1944"),
    ("on 5 October 1944", "1944-10-05", "on 5 October 1944"),
    ("October 5, 1944", "1944-10-05", "October 5, 1944"),
    ("5th of October, 1944", "1944-10-05", "5th of October, 1944"),
    ("1944-10-05", "1944-10-05", "1944-10-05"),
    ("October 5-7, 1944", "1944-10-05/1944-10-07", "October 5-7, 1944"),
    ("taken in 1944.", "1944", "in 1944"),
    ("Main Street, 1952.", "1952", "1952"),
    ("the 1940s", "194X", "the 1940s"),
    ("in the late '30s", "1936~/1939~", "in the late '30s"),
    ("circa 1944", "1944~", "circa 1944"),
    ("c. 1944", "1944~", "c. 1944"),
    ("c1944", "1944~", "c1944"),
    ("ca. 1944", "1944~", "ca. 1944"),
    ("about 1944", "1944~", "about 1944"),
    ("1972 or so", "1972~", "1972 or so"),
    ("probably 1944", "1944?", "probably 1944"),
    ("Grandpa, 1952?", "1952?", "1952?"),
    ("1944-1945", "1944/1945", "1944-1945"),
    ("1944–45", "1944/1945", "1944–45"),
    ("from 1944 to 1946", "1944/1946", "from 1944 to 1946"),
    ("between 1943 and 1945", "1943/1945", "between 1943 and 1945"),
    ("from April to December 1944", "1944-04/1944-12", "from April to December 1944"),
    ("between April and June 1944", "1944-04/1944-06", "between April and June 1944"),
    ("April 1944 to January 1945", "1944-04/1945-01", "April 1944 to January 1945"),
    ("Christmas 1952", "1952-12", "Christmas 1952"),
    ("Easter Sunday 1955", "1955-03/1955-04", "Easter Sunday 1955"),
    ("the 19th century", "18XX", "the 19th century"),
    ("1944年秋", "1944-23", "1944年秋"),
    ("1944年10月5日", "1944-10-05", "1944年10月5日"),
    ("3/15/1961.", "1961-03-15", "3/15/1961"),
    ("10/5/1944.", "[1944-05-10, 1944-10-05]", "10/5/1944"),  # May or October: both, as an EDTF one-of set
    ("9/1944", "1944-09", "9/1944"),
])
def test_phrases_become_edtf_with_the_words_they_came_from(text, edtf, phrase):
    found = caption_date(text)
    if edtf is None:
        assert found is None
        return
    assert found is not None, text
    assert (found.edtf, found.phrase) == (edtf, phrase)
    assert text[found.start:found.end].split() == phrase.split()


@pytest.mark.parametrize("text", [
    "Company 1944 of the 14th Regiment.",
    "A B-24 over the Hump.",
    "Route 66 near Needles.",
    "Grandpa's 1937 Ford in the driveway.",
    "Locomotive No. 1944 at the depot.",
    "The hill is 1944 feet high.",
    "1,944 men crossed the river.",
    "Photograph by Studio 1944, Main Street.",
    "GIs on the Burma Road during WWII.",  # a war by name is not a date: its span depends on who and where
    "Veterans of World War II at the parade.",
    "Mother may 1944 be remembered",  # 'may' the verb is not May
    "She said '44 was a hard year",  # a two-digit year needs a word before it
    "Portrait of a woman, undated.",
    "In 2999, perhaps.",  # a photo cannot come from the future
])
def test_numbers_that_are_not_dates_are_not_dates(text):
    assert caption_date(text) is None, [f.edtf for f in find_dates(text)]


def test_every_date_found_is_valid_edtf_with_bounds():
    from albumen.dates import parse_date

    for caption in _labelled()["captions"]:
        for found in find_dates(caption["text"]):
            assert parse_date(found.edtf) == found.date
            assert found.date.lower is not None and found.date.upper is not None
            assert found.date.lower <= found.date.upper


def test_the_photo_date_wins_over_a_campaign_a_building_and_a_birth():
    text = ("Refugees fleeing the Ichigo campaign (April to December 1944), photographed near Liuzhou in the fall "
            "of 1944.")
    roles = {f.edtf: f.role for f in find_dates(text)}
    assert roles == {"1944-04/1944-12": "context", "1944-23": "photo"}
    assert caption_date(text).edtf == "1944-23"
    assert caption_date("The church, built in 1890, in the summer of 1952.").edtf == "1952-22"
    assert caption_date("Sgt. Miller in Kweilin, summer 1944; he was born in 1921.").edtf == "1944-22"
    assert caption_date("The old bridge before it was widened in 1900.") is None
    assert caption_date("before 1944") is None


def test_a_narrower_date_inside_a_wider_one_is_the_photo_date():
    assert caption_date("During 1944, in the fall of 1944, the city fell.").edtf == "1944-23"
    assert caption_date("The 1940s; this one in 1944.").edtf == "1944"


def test_two_different_dates_give_none_unless_one_says_taken():
    assert caption_date("In 1952 and again in 1960.") is None
    assert caption_date("Taken in 1952 while the house built in 1890 was painted.").edtf == "1952"
    assert caption_date("Bought in 1950. Photographed in 1952 by Dad.").edtf == "1952"


def test_an_event_span_alone_is_not_the_photo_date():
    assert caption_date("The Ichigo offensive (April–December 1944) drove millions from their homes.") is None
    assert caption_date("Veterans remember the war of 1812.") is None


def test_two_digit_years_take_the_century_of_the_archive():
    assert caption_date("spring of '44").edtf == "1944-21"  # default window 1900-1999
    victorian = DateOptions.for_archive([1885, 1890, 1899, 1902])
    assert caption_date("in '05", victorian).edtf == "1905"
    assert caption_date("in '95", victorian).edtf == "1895"
    recent = DateOptions.for_archive([1990, 2001, 2005])
    assert caption_date("summer '04", recent).edtf == "2004-22"
    assert caption_date("summer '75", recent).edtf == "1975-22"
    # never in the future: with the window at 1950-2049 in 2020, '44 is 1944, not 2044
    assert caption_date("in '44", DateOptions(window_start=1950, latest_year=2020)).edtf == "1944"


def test_a_link_target_is_not_read_as_a_date():
    archive = Archive(items=(Item(id="a", file="items/a.md", image="a.jpg", title="",
                                  caption="See [the bridge](item:bridge-1944) here.", lines={"body": 5}),),
                      topics=(), places=(), pages=())
    assert suggest(archive, Gazetteer([])) == []


# -- places ------------------------------------------------------------------------------------------------------

def _find(text: str, places: list[Place] | None = None) -> list[tuple[str, str]]:
    finder = PlaceFinder(places if places is not None else ICHIGO_PLACES, load_gazetteer())
    return [(p.id, p.phrase) for p in finder.find(text)]


def test_archive_places_are_found_by_name_other_name_and_gazetteer_name():
    assert _find("at the Liuzhou railway station") == [("liuzhou", "Liuzhou")]
    assert _find("the airfield at Liuchow") == [("liuzhou", "Liuchow")]
    assert _find("柳州火车站") == [("liuzhou", "柳州")]
    assert _find("in Kwangsi") == [("guangxi", "Kwangsi")]
    assert _find("in Guangxi province") == [("guangxi", "Guangxi province")]
    assert _find("in Guangxi during the evacuation") == [("guangxi", "Guangxi")]  # the gazetteer's name for it


def test_the_most_specific_place_is_kept():
    assert _find("near Liuzhou, Guangxi province, China") == [("liuzhou", "Liuzhou")]
    assert _find("in Guangxi province, China") == [("guangxi", "Guangxi province")]


def test_gazetteer_places_come_with_coordinates_parents_and_other_names():
    finder = PlaceFinder(ICHIGO_PLACES, load_gazetteer())
    [kweilin] = finder.find("Refugees at Kweilin station.")
    assert (kweilin.id, kweilin.name, kweilin.phrase) == ("guilin", "Guilin", "Kweilin")
    [new] = kweilin.new
    assert new.parent_id == "guangxi"  # the archive's own Guangxi, not a second one
    assert 25 < new.place.lat < 26 and 110 < new.place.lon < 111
    assert "桂林" in new.place.other_names

    bare = PlaceFinder([], load_gazetteer())
    [liuzhou] = bare.find("Liuzhou, 1944.")
    assert [(n.id, n.place.name, n.parent_id) for n in liuzhou.new] == [
        ("china", "China", None), ("guangxi", "Guangxi", "china"), ("liuzhou", "Liuzhou", "guangxi")]
    assert "柳州" in liuzhou.new[-1].place.other_names
    assert {"Kwangsi", "广西", "Guangxi Zhuangzu Zizhiqu"} <= set(liuzhou.new[1].place.other_names)


@pytest.mark.parametrize(("text", "expected"), [
    ("Reading the Sunday paper on the porch.", []),
    ("Bath time for the twins.", []),
    ("Nice weather for the fete.", []),
    ("Tea set of fine China plates.", []),
    ("Aunt Florence and Uncle Bill.", []),
    ("George Washington at the parade.", []),
    ("Mary and Joan with Mary's dog.", []),
    ("In March 1944 we moved.", []),
    ("GIs on the Burma Road.", []),
    ("Mr. Reading and his son.", []),
    ("The bridge at Bradford on Avon.", []),
    ("Troops embarking for France.", []),
    ("Our house on Penn Street, Reading, PA.", ["reading"]),  # PA: Pennsylvania, not Pa in Burkina Faso
])
def test_words_and_people_are_not_places(text, expected):
    finder = PlaceFinder([], load_gazetteer())
    found = finder.find(text)
    assert [p.id for p in found] == expected
    for place in found:
        assert place.gazetteer is not None and place.gazetteer.parent == "US.PA"


def test_a_name_is_a_place_where_the_words_around_make_it_one():
    assert _find("Later we drove to Bath.", []) == [("bath", "Bath")]
    assert _find("A trip to China.", []) == [("china", "China")]
    assert _find("China, 1945.", []) == [("china", "China")]
    assert _find("Bath Abbey from the south.", []) == [("bath", "Bath")]
    assert _find("Refugees at Kweilin Airfield.") == [("guilin", "Kweilin")]


def test_ambiguous_names_follow_the_caption_and_the_archive():
    finder = PlaceFinder([], load_gazetteer())
    [reading] = finder.find("in Reading, Pennsylvania")
    assert reading.gazetteer is not None and (reading.gazetteer.country, reading.gazetteer.parent) == ("US", "US.PA")
    english = PlaceFinder([Place("bath", "Bath", (), 51.3751, -2.3617)], load_gazetteer())
    [reading] = english.find("The station at Reading, 1921.")
    assert reading.gazetteer is not None and reading.gazetteer.country == "GB"
    american = PlaceFinder([Place("reading-pa", "Reading, Pennsylvania", ("Reading",), 40.3357, -75.9269)],
                           load_gazetteer())
    [lancaster] = american.find("A farm near Lancaster.")
    assert lancaster.gazetteer is not None and lancaster.gazetteer.parent == "US.PA"
    [paris] = american.find("Our trip to Paris.")  # still France: Paris, Texas is far smaller
    assert paris.gazetteer is not None and paris.gazetteer.country == "FR"
    [canton] = finder.find("Missionaries in Canton, 1938.")  # the old name of Guangzhou, far bigger than Ohio's
    assert canton.gazetteer is not None and canton.gazetteer.name == "Guangzhou"
    [calcutta] = finder.find("Docks at Calcutta.")
    assert calcutta.gazetteer is not None and calcutta.gazetteer.name == "Kolkata"


def test_one_place_gets_one_id_and_two_places_never_share_one():
    finder = PlaceFinder([], load_gazetteer())
    first = finder.find("in Reading, Pennsylvania")[0]
    second = finder.find("at Reading, England")[0]
    again = finder.find("in Reading, Pennsylvania")[0]
    assert first.id == again.id
    assert first.id != second.id
    city = finder.find("in Chongqing")[0]
    assert city.id == "chongqing" and city.gazetteer is not None and city.gazetteer.kind == "city"


# -- the gazetteer file ------------------------------------------------------------------------------------------

def test_the_gazetteer_is_small_attributed_and_declared_as_package_data():
    assert GAZETTEER_FILE.stat().st_size < 3_000_000
    first_line = gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8").readline()
    assert "GeoNames" in first_line and "CC BY 4.0" in first_line
    assert "enrich/*.gz" in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    gazetteer = load_gazetteer()
    kinds = {kind: sum(1 for p in gazetteer.places.values() if p.kind == kind)
             for kind in ("country", "region", "city")}
    assert kinds["country"] > 200 and kinds["region"] > 2000 and kinds["city"] > 20000
    [liuzhou] = [m.place for m in gazetteer.lookup("Liuzhou") if m.main]
    assert [p.name for p in gazetteer.parents(liuzhou)] == ["Guangxi", "China"]
    assert {m.place.name for m in gazetteer.lookup("Liuchow")} == {"Liuzhou"}
    assert {m.place.name for m in gazetteer.lookup("Kwangsi")} == {"Guangxi"}


# -- suggest() ---------------------------------------------------------------------------------------------------

def _loaded(root: Path) -> Archive:
    problems = Problems()
    archive = load_archive(root, problems)
    assert not problems.errors, [str(p) for p in problems]
    return archive


def test_the_example_captions_give_the_example_dates_and_places(example_copy: Path):
    for path in (example_copy / "items").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(date|places): .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    suggestions = suggest(_loaded(example_copy))
    dates = {s.item: s.value for s in suggestions if s.field == "date"}
    places = {s.item: s.value for s in suggestions if s.field == "places"}
    assert dates == {
        "bunker-guangxi": "1944-22/1944-23",  # "in the summer or fall of 1944": summer–autumn
        "bridge-setting": "1944", "bridge-result": "1944",
        "boy-furniture": "1944-23",  # "in fall 1944"
        **{item: "1944-23" for item in ("girl-cooking-fire", "liuzhou-mother-baby", "liuzhou-station-wait",
                                        "refugee-resting-train", "refugees-cooking-fire", "refugees-meal-engine")},
    }
    assert places["liuzhou-mother-baby"] == "liuzhou"
    assert places["bunker-guangxi"] == places["bridge-setting"] == "guangxi"
    assert "boy-furniture" not in places  # its caption names no place
    # every suggestion matches what the person who made the example wrote
    originals = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "examples/ichigo/items").glob("*.md")}
    for suggestion in suggestions:
        assert suggestion.value in originals[suggestion.item], suggestion


def test_suggestions_point_at_the_line_of_their_phrase(make_archive: Callable[..., Path]):
    caption = "A refugee mother and her baby.\n\nTaken at Liuzhou\nin the fall of 1944."
    root = make_archive({"places.yaml": ICHIGO_PLACES_YAML,
                         "items/a.md": item_md(caption, title="A", image="a.jpg")}, {"a.jpg": (64, 64)})
    suggestions = suggest(_loaded(root))
    assert [(s.field, s.value, s.line, s.phrase) for s in suggestions] == [
        ("date", "1944-23", 8, "in the fall of 1944"), ("places", "liuzhou", 7, "Liuzhou")]
    assert suggestions[0].message == 'date 1944-23 from "in the fall of 1944" (autumn 1944)'


def test_nothing_is_suggested_for_a_field_a_person_set(make_archive: Callable[..., Path]):
    caption = "Refugees at Kweilin in the fall of 1944."
    root = make_archive({"places.yaml": ICHIGO_PLACES_YAML,
                         "items/dated.md": item_md(caption, image="a.jpg", date="1944"),
                         "items/placed.md": item_md(caption, image="a.jpg", places=["liuzhou"]),
                         "items/both.md": item_md(caption, image="a.jpg", date="1945", places=["china"])},
                        {"a.jpg": (64, 64)})
    got = {(s.item, s.field) for s in suggest(_loaded(root))}
    assert got == {("dated", "places"), ("placed", "date")}


# -- albumen enrich ----------------------------------------------------------------------------------------------

CAPTION = "Refugees at the Liuzhou railway station in the fall of 1944, before the evacuation to Kweilin."


@pytest.fixture
def enrich_archive(make_archive: Callable[..., Path]) -> Path:
    files = base_files()
    files["places.yaml"] = ICHIGO_PLACES_YAML
    files["items/station.md"] = item_md(CAPTION, title="Station", image="first.jpg", subjects=["refugees"])
    files["items/empty-fields.md"] = ("---\ntitle: Empty fields\nimage: second.jpg\ndate: \"\"\nplaces: []\n"
                                      "alt: A road\n---\nA convoy on the road to Kunming, October 1944.\n")
    return make_archive(files, BASE_IMAGES)


def test_enrich_prints_each_suggestion_as_a_located_note(enrich_archive: Path):
    before = snapshot(enrich_archive)
    result = run_cli("enrich", "-C", enrich_archive)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        'items/empty-fields.md:8: note: date 1944-10 from "October 1944"',
        'items/empty-fields.md:8: note: places kunming from "Kunming" (new place: Kunming (Yunnan, China), '
        'from GeoNames)',
        'items/station.md:6: note: date 1944-23 from "in the fall of 1944" (autumn 1944)',
        'items/station.md:6: note: places liuzhou from "Liuzhou"',
        'items/station.md:6: note: places guilin from "Kweilin" (new place: Guilin (Guangxi, China), from GeoNames)',
    ]
    assert "5 suggestions for 2 items" in result.stderr
    assert snapshot(enrich_archive) == before  # without --accept nothing is written


def test_accept_fills_only_empty_fields_keeps_a_backup_and_the_caption(enrich_archive: Path):
    station = enrich_archive / "items" / "station.md"
    empty = enrich_archive / "items" / "empty-fields.md"
    originals = {p: p.read_bytes() for p in (station, empty, enrich_archive / "places.yaml")}
    untouched = {k: v for k, v in snapshot(enrich_archive / "items").items() if k not in ("station.md",
                                                                                          "empty-fields.md")}
    result = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert result.exit_code == 0, result.stderr
    assert "accepted 5 suggestions in 3 files, added 3 places to places.yaml" in result.stderr

    lines = station.read_text(encoding="utf-8").split("\n")
    old_lines = originals[station].decode().split("\n")
    assert lines[:4] == old_lines[:4]  # title, image, subjects: as they were
    assert lines[4:6] == ['date: "1944-23"', "places: [liuzhou, guilin]"]
    assert lines[6:] == old_lines[4:]  # the closing '---' and the caption, byte for byte
    assert station.read_bytes().endswith(f"---\n{CAPTION}\n".encode())
    assert empty.read_text(encoding="utf-8") == ('---\ntitle: Empty fields\nimage: second.jpg\ndate: "1944-10"\n'
                                                  'places: [kunming]\nalt: A road\n---\nA convoy on the road to '
                                                  'Kunming, October 1944.\n')
    places = (enrich_archive / "places.yaml").read_text(encoding="utf-8")
    assert places.startswith(ICHIGO_PLACES_YAML)  # the person's places untouched, new ones after them
    added = yaml.safe_load(places)[3:]
    assert [(p["id"], p.get("parent")) for p in added] == [("yunnan", "china"), ("kunming", "yunnan"),
                                                           ("guilin", "guangxi")]
    assert added[2]["name"] == "Guilin" and "Kweilin" in added[2]["other_names"] and 25 < added[2]["lat"] < 26

    [backup] = (enrich_archive / ".albumen" / "backups").iterdir()
    for path, data in originals.items():
        assert (backup / path.relative_to(enrich_archive)).read_bytes() == data
    assert {k: v for k, v in snapshot(enrich_archive / "items").items() if k in untouched} == untouched

    check = run_cli("check", "-C", enrich_archive)
    assert check.exit_code == 0, check.stderr
    assert not [m for m in problem_lines(check.stderr) if m["level"] == "error"]


def owned(root: Path) -> dict[str, str]:
    """The archive's files but the caches albumen keeps in .albumen/ (the records read: record_cache.py)."""
    return {rel: digest for rel, digest in snapshot(root).items() if rel != ".albumen/records.pickle"}


def test_accepting_twice_changes_nothing_the_second_time(enrich_archive: Path):
    assert run_cli("enrich", "-C", enrich_archive, "--accept").exit_code == 0
    after_first = owned(enrich_archive)
    second = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert second.exit_code == 0, second.stderr
    assert "accepted 0 suggestions in 0 files" in second.stderr
    assert owned(enrich_archive) == after_first
    assert run_cli("enrich", "-C", enrich_archive).stdout == ""


HOSTILE = {
    # a caption that looks like front matter, YAML and HTML
    "yaml.md": "---\nimage: first.jpg\n---\n---\ndate: 1999\nplaces: [nowhere]\n---\n<script>alert(1)</script> "
               "Liuzhou in 1944. `date: 1888`\n",
    # Windows line endings and a byte-order mark
    "crlf.md": "\ufeff---\r\nimage: first.jpg\r\ntitle: CRLF\r\n---\r\nLiuzhou station, fall of 1944.\r\n",
    # no newline at the end, a comment after an empty field, tabs, right-to-left text and emoji in the caption
    "odd.md": "---\nimage: second.jpg\ndate:   # to do\n---\n\u202eLiuzhou\u202c 📷\tin the fall of 1944",
    # a very long caption with many numbers and place-like words
    "long.md": "---\nimage: second.jpg\n---\n" + "Company 1944 of the 14th, B-24, Route 66, Reading the paper. " * 300
               + "Liuzhou, October 1944.\n",
}


def test_hostile_captions_do_not_break_accept(make_archive: Callable[..., Path]):
    files = base_files()
    files["places.yaml"] = ICHIGO_PLACES_YAML
    files.update({f"items/{name}": text for name, text in HOSTILE.items()})
    root = make_archive(files, BASE_IMAGES)
    originals = {name: (root / "items" / name).read_bytes() for name in HOSTILE}
    result = run_cli("enrich", "-C", root, "--accept")
    assert result.exit_code == 0, result.stderr
    for name, before in originals.items():
        after = (root / "items" / name).read_bytes()
        body_before = before.split(b"---", 2)[2]
        assert after.endswith(body_before), name  # everything after the front matter, byte for byte
    assert (root / "items" / "yaml.md").read_text(encoding="utf-8").startswith(
        "---\nimage: first.jpg\nplaces: [liuzhou]\n---\n---\ndate: 1999")  # two dates in the caption: none
    crlf = (root / "items" / "crlf.md").read_bytes()
    assert crlf.startswith("\ufeff---\r\nimage: first.jpg\r\ntitle: CRLF\r\n".encode())
    assert b'date: "1944-23"\r\nplaces: [liuzhou]\r\n---\r\n' in crlf
    assert (root / "items" / "odd.md").read_text(encoding="utf-8").startswith(
        '---\nimage: second.jpg\ndate: "1944-23" # to do\nplaces: [liuzhou]\n---\n')
    check = run_cli("check", "-C", root)
    assert check.exit_code == 0, check.stderr


def test_accept_writes_nothing_when_the_archive_has_errors(enrich_archive: Path):
    (enrich_archive / "items" / "broken.md").write_text("---\ntitle: [unclosed\n---\nLiuzhou, 1944.\n")
    before = snapshot(enrich_archive)
    result = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert result.exit_code == 1
    assert [m["path"] for m in problem_lines(result.stderr) if m["level"] == "error"] == ["items/broken.md"]
    assert "nothing was written" in result.stderr
    assert snapshot(enrich_archive) == before


def test_enrich_without_an_archive_or_with_a_bad_folder(tmp_path: Path):
    result = run_cli("enrich", "-C", tmp_path)
    assert result.exit_code == 1
    assert "albumen.toml" in result.stderr and "Traceback" not in result.stderr
    missing = run_cli("enrich", "-C", tmp_path / "nowhere")
    assert missing.exit_code == 2
    assert "Traceback" not in missing.stderr


def test_accept_creates_places_yaml_when_there_is_none(make_archive: Callable[..., Path]):
    files = base_files()
    files["places.yaml"] = None
    for name in ("first", "second"):
        files[f"items/{name}.md"] = item_md("Refugees in Liuzhou, 1944.", image=f"{name}.jpg")
    files["topics/journey.md"] = item_md("A journey.", title="The journey")
    root = make_archive(files, BASE_IMAGES)
    result = run_cli("enrich", "-C", root, "--accept")
    assert result.exit_code == 0, result.stderr
    places = yaml.safe_load((root / "places.yaml").read_text(encoding="utf-8"))
    assert [(p["id"], p.get("parent")) for p in places] == [("china", None), ("guangxi", "china"),
                                                            ("liuzhou", "guangxi")]
    assert run_cli("check", "-C", root).exit_code == 0


def test_a_file_that_cannot_be_written_is_reported_and_the_rest_accepted(enrich_archive: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    import albumen.enrich.command as command

    real_write = command.atomic_write_text

    def refuse_station(path: Path, text: str) -> None:
        if path.name == "station.md":
            raise OSError(28, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(command, "atomic_write_text", refuse_station)
    station = (enrich_archive / "items" / "station.md").read_bytes()
    result = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert result.exit_code == 1
    [error] = [m for m in problem_lines(result.stderr) if m["level"] == "error"]
    assert error["path"] == "items/station.md" and "No space left on device" in error["message"]
    assert (enrich_archive / "items" / "station.md").read_bytes() == station
    assert 'date: "1944-10"' in (enrich_archive / "items" / "empty-fields.md").read_text(encoding="utf-8")


# -- accepting and rejecting one by one ------------------------------------------------------------------------

def test_accept_and_reject_per_item_and_field_and_rejections_are_remembered(enrich_archive: Path):
    station = enrich_archive / "items" / "station.md"
    empty = enrich_archive / "items" / "empty-fields.md"
    rejected = run_cli("enrich", "-C", enrich_archive, "--reject", "station:places=guilin", "--reject",
                       "empty-fields:date")
    assert rejected.exit_code == 0, rejected.stderr
    assert "rejected 2 suggestions (remembered in enrich-rejected.yaml)" in rejected.stderr
    entries = yaml.safe_load((enrich_archive / "enrich-rejected.yaml").read_text(encoding="utf-8"))
    assert [(e["item"], e["field"], e["value"]) for e in entries] == [("empty-fields", "date", "1944-10"),
                                                                      ("station", "places", "guilin")]
    listed = run_cli("enrich", "-C", enrich_archive).stdout
    assert "guilin" not in listed and "1944-10" not in listed and "liuzhou" in listed  # never offered again

    one = run_cli("enrich", "-C", enrich_archive, "--accept", "station:date")
    assert one.exit_code == 0, one.stderr
    assert 'date: "1944-23"' in station.read_text(encoding="utf-8")
    assert "places:" not in station.read_text(encoding="utf-8")  # only the field accepted
    everything = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert everything.exit_code == 0, everything.stderr
    assert "places: [liuzhou]\n" in station.read_text(encoding="utf-8")  # not guilin: rejected
    assert 'date: ""' in empty.read_text(encoding="utf-8") and "places: [kunming]" in empty.read_text(encoding="utf-8")


def test_a_selection_that_matches_nothing_is_a_usage_error(enrich_archive: Path):
    before = snapshot(enrich_archive)
    for args in (["--accept", "nosuch:places"], ["--reject", "station:title"], ["--reject", "station:places=paris"],
                 ["--accept", "station:date", "--reject", "station"]):
        result = run_cli("enrich", "-C", enrich_archive, *args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert snapshot(enrich_archive) == before


def test_a_broken_rejections_file_is_a_located_error(enrich_archive: Path):
    (enrich_archive / "enrich-rejected.yaml").write_text("- {item: [unclosed\n", encoding="utf-8")
    before = snapshot(enrich_archive)
    result = run_cli("enrich", "-C", enrich_archive, "--accept")
    assert result.exit_code == 1
    assert [m["path"] for m in problem_lines(result.stderr) if m["level"] == "error"] == ["enrich-rejected.yaml"]
    assert snapshot(enrich_archive) == before


def test_a_guess_is_shown_but_written_only_when_accepted_by_name(make_archive: Callable[..., Path]):
    files = base_files()
    files["places.yaml"] = None
    files["items/harbour.md"] = item_md("The harbour at Portland.", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    listed = run_cli("enrich", "-C", root)
    assert "a guess: it may be Portland (Maine, United States)" in listed.stdout
    everything = run_cli("enrich", "-C", root, "--accept")
    assert everything.exit_code == 0, everything.stderr
    assert "not written, a guess" in everything.stderr
    assert "places:" not in (root / "items" / "harbour.md").read_text(encoding="utf-8")
    assert not (root / "places.yaml").exists()
    chosen = run_cli("enrich", "-C", root, "--accept", "harbour:places")
    assert chosen.exit_code == 0, chosen.stderr
    assert "places: [portland]" in (root / "items" / "harbour.md").read_text(encoding="utf-8")


def test_countries_and_regions_are_written_as_areas_without_a_point(make_archive: Callable[..., Path]):
    files = base_files()
    files["places.yaml"] = None
    files["items/first.md"] = item_md("Refugees in Liuzhou, 1944.", image="first.jpg")
    root = make_archive(files, BASE_IMAGES)
    assert run_cli("enrich", "-C", root, "--accept").exit_code == 0
    places = {p["id"]: p for p in yaml.safe_load((root / "places.yaml").read_text(encoding="utf-8"))}
    assert "lat" not in places["china"] and "lat" not in places["guangxi"]  # China is not a point in Gansu
    assert 24 < places["liuzhou"]["lat"] < 25


def test_link_text_and_link_targets_name_no_place():
    finder = PlaceFinder([], load_gazetteer())
    for caption in ("[The barracks](item:kunming-barracks)", "[The barracks][Kunming]\n\n[Kunming]: kunming.html",
                    '<a href="Kunming.html">The barracks</a>', "[The barracks](<Kunming barracks.html>)"):
        archive = Archive(items=(Item(id="x", file="items/x.md", image="x.jpg", title="", caption=caption,
                                      lines={"body": 1}),), topics=(), places=(), pages=())
        assert [s for s in suggest(archive) if s.field == "places"] == [], caption
    assert finder.find("The barracks") == []


def test_every_alias_row_names_a_place_the_gazetteer_has():
    from albumen.enrich.gazetteer import ALIASES_FILE, add_aliases

    gazetteer = load_gazetteer()  # reading aliases.tsv raises on a row whose modern place is missing
    add_aliases(Gazetteer(list(gazetteer.places.values())), ALIASES_FILE.read_text(encoding="utf-8"))
    assert "enrich/*.tsv" in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for old, modern in (("Hankow", "Wuhan"), ("Chengtu", "Chengdu"), ("Peiping", "Beijing"), ("Amoy", "Xiamen")):
        assert [m.place.name for m in gazetteer.lookup(old) if m.curated] == [modern]
    [chihkiang] = [m.place for m in gazetteer.lookup("Chihkiang") if m.curated]
    assert chihkiang.parent == "CN.11"  # Zhijiang in Hunan, the airfield; not Zhicheng in Hubei


def test_check_does_not_note_a_rejected_suggestion(enrich_archive: Path):
    assert run_cli("enrich", "-C", enrich_archive, "--reject", "station:places=guilin").exit_code == 0
    output = run_cli("check", "-C", enrich_archive)
    notes = [line for line in (output.stdout + output.stderr).splitlines() if ": note: " in line]
    assert any("liuzhou" in n for n in notes) and not any("guilin" in n for n in notes), notes
