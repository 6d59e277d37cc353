"""Places from words and from GPS, scored on a labelled set of 240 place texts and points (tests/data/place_texts.yaml):
US "City, State", the UK, Europe, China in old romanisations, towns that share a name, words that are no place.

Only confident places count as found: a guess (a place only its size chose) is never written, so it is scored
as no answer. Precision and recall must both be at least 0.95.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from albumen.enrich.gazetteer import GazetteerPlace, load_gazetteer
from albumen.enrich.places import PlaceFinder
from albumen.importers.place_lookup import PlaceLookup

LABELLED = Path(__file__).parent / "data" / "place_texts.yaml"


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    def add(self, what: str, expected: str | None, got: set[str]) -> None:
        if expected is not None and expected in got:
            self.true_positive += 1
        elif expected is not None:
            self.false_negative += 1
        wrong = got - {expected}
        self.false_positive += len(wrong)
        if wrong or (expected is not None and expected not in got):
            self.misses.append(f"{what}: expected {expected}, got {sorted(got)}")


def _labelled() -> dict[str, Any]:
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))


def _label(place: GazetteerPlace) -> str:
    return f"{place.name} | {place.parent or place.key}"


def _placed_text(text: str) -> set[str]:
    """The places a text names with confidence (what an import or `enrich --accept` would write)."""
    finder = PlaceFinder([], load_gazetteer())
    return {_label(p.gazetteer) for p in finder.find(text) if p.confident and p.gazetteer is not None}


def _placed_point(lat: float, lon: float) -> set[str]:
    gazetteer = load_gazetteer()
    lookup = PlaceLookup([], gazetteer)
    place_id = lookup.at(lat, lon)
    key = {v: k for k, v in lookup.new_by_key.items()}.get(place_id)
    return {_label(gazetteer.places[key])} if key is not None else set()


def score() -> Score:
    data, result = _labelled(), Score()
    for entry in data["texts"]:
        result.add(repr(entry["text"]), entry["expect"], _placed_text(entry["text"]))
    for entry in data["gps"]:
        result.add(f"GPS {entry['at']}", entry["expect"], _placed_point(*entry["at"]))
    return result


def test_the_labelled_set_is_big_varied_and_well_formed():
    data = _labelled()
    texts, points = data["texts"], data["gps"]
    assert len(texts) + len(points) >= 150
    assert len({e["text"] for e in texts}) == len(texts), "each text once"
    assert sum(1 for e in texts if e["expect"] and e["expect"].split(" | ")[1].startswith("US.")) >= 40
    assert sum(1 for e in texts if e["expect"] and e["expect"].endswith(("GB.ENG", "GB.SCT", "GB.WLS", "GB.NIR")))\
        >= 15
    assert sum(1 for e in texts if e["expect"] and e["expect"].split(" | ")[1].split(".")[0] == "CN") >= 40
    assert sum(1 for e in texts if e["expect"] is None) >= 30, "names shared by several places, words no place"
    assert len(points) >= 15
    gazetteer = load_gazetteer()
    known = {_label(p) for p in gazetteer.places.values()}
    for entry in [*texts, *points]:
        assert entry["expect"] is None or entry["expect"] in known, entry


def test_precision_and_recall_on_the_labelled_place_texts_are_at_least_0_95():
    result = score()
    print(f"\nplaces: precision {result.precision:.3f}  recall {result.recall:.3f}  "
          f"({result.true_positive} right, {result.false_positive} wrong, {result.false_negative} missed)")
    print("\n".join(result.misses))
    assert result.precision >= 0.95, result.misses
    assert result.recall >= 0.95, result.misses


@pytest.mark.parametrize(("text", "expected"), [
    ("Spokane, Washington", {"Spokane | US.WA"}),  # not also Washington, D.C.
    ("Portland, Oregon", {"Portland | US.OR"}),  # not Oregon, Ohio
    ("Springfield, Illinois", {"Springfield | US.IL"}),  # not Springfield, Missouri
    ("México", {"Mexico | MX"}),  # the country, not a town in the Philippines
    ("Pearl Harbor, 1944", {"Pearl Harbor | US.HI"}),  # not Pearl, Mississippi
    ("The barracks", set()),
    ("Paris, Kentucky", {"Kentucky | US"}),  # no Paris the gazetteer knows is in Kentucky: not Paris, France
])
def test_the_places_the_issue_named(text: str, expected: set[str]):
    assert _placed_text(text) == expected


def test_a_gps_point_in_central_paris_is_paris_not_an_arrondissement():
    assert _placed_point(48.8601, 2.3507) == {"Paris | FR.11"}  # where "Paris 04 Hôtel-de-Ville" has its point
