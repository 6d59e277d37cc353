"""The gazetteer albumen ships: countries, their regions (provinces, states) and cities of 15,000 people or more.

`gazetteer.tsv.gz` (next to this file) is built once by scripts/build_gazetteer.py from GeoNames-derived package
data (GeoNames, CC BY 4.0, https://www.geonames.org/; see README.md here). One row a place:

    key  kind  name  country  parent  lat  lon  population  names  common  feature
    CN.16  region  Guangxi  CN  CN  23.116  109.595  17654699  Guangxi Zhuangzu Zizhiqu|Kwangsi|广西|...

`key` is the ISO country code (CN), the GeoNames admin1 key (CN.16) or the GeoNames id of a city; `parent` is the
key of the region or country it lies in; `names` are other names ('|'-separated); `common` lists those of its
names that are also ordinary lower-case English words (Reading, Bath), which need more than a capital to count;
`feature` is a city's GeoNames feature code: PPL, PPLA..., PPLC for towns, PPLX for a section of one (a quarter,
an arrondissement), which a GPS point never gives.

`aliases.tsv` (next to it, written by hand) adds what GeoNames lacks or gets wrong for old photographs: the
Wade-Giles and postal romanisations of Chinese towns (Hankow, Chengtu, Chihkiang), and places that are no town
(Pearl Harbor). An alias is *curated*: it beats GeoNames' own odd variants of a name, never the caption's context.
"""

from __future__ import annotations

import functools
import gzip
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from albumen import ids

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.tsv.gz")
ALIASES_FILE = Path(__file__).with_name("aliases.tsv")
Kind = Literal["country", "region", "city"]
KINDS: dict[str, Kind] = {"country": "country", "region": "region", "city": "city"}


def fold(name: str) -> str:
    """The form under which two spellings of a name are the same: case, accents and spacing ignored."""
    text = name.casefold().replace("’", "'")
    if not text.isascii():  # most names are plain ASCII: the quick path keeps loading the gazetteer fast
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.split())


@dataclass(frozen=True)
class GazetteerPlace:
    key: str  # CN, CN.16 or a GeoNames id
    kind: Kind
    name: str
    country: str  # ISO 3166 code
    parent: str | None  # the key of the region or country it is in
    lat: float | None
    lon: float | None
    population: int
    other_names: tuple[str, ...]
    common: frozenset[str]  # folded names of this place that are also ordinary English words
    feature: str = ""  # a city's GeoNames feature code: PPL, PPLA, PPLC...; PPLX for a section of a town

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)

    @property
    def is_area(self) -> bool:
        """A country or a region (state, province): an area, which a map must not draw as a point at its middle."""
        return self.kind != "city"

    @property
    def is_section(self) -> bool:
        """A quarter or district of a town ("Paris 04 Hôtel-de-Ville"), not a town itself."""
        return self.feature == "PPLX"


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer place named by some text, and whether the text is its main name (Liuzhou) or another (Liuchow)."""

    place: GazetteerPlace
    main: bool
    curated: bool = False  # from albumen's aliases.tsv: the name's known meaning (Chihkiang is Zhijiang, Hunan)


class Gazetteer:
    """Places by key, and every name (folded) -> the places it may mean."""

    def __init__(self, places: list[GazetteerPlace]) -> None:
        self.places = {p.key: p for p in places}
        self._by_name: dict[str, list[NameMatch]] = defaultdict(list)
        self.common_words: set[str] = set()
        for place in places:
            seen = set()
            for index, name in enumerate(place.names):
                folded = fold(name)
                if folded not in seen:
                    seen.add(folded)
                    self._by_name[folded].append(NameMatch(place, main=index == 0))
            self.common_words |= place.common
        self.longest_name = max((len(n.split()) for n in self._by_name), default=1)

    def lookup(self, name: str) -> list[NameMatch]:
        return list(self._by_name.get(fold(name), ()))

    def add_alias(self, name: str, place: GazetteerPlace) -> None:
        """`name` means `place` (curated): it replaces a match of the same place found by GeoNames' names."""
        matches = self._by_name[fold(name)]
        main = any(m.main for m in matches if m.place.key == place.key) or fold(name) == fold(place.name)
        matches[:] = [m for m in matches if m.place.key != place.key]
        matches.append(NameMatch(place, main=main, curated=True))
        self.longest_name = max(self.longest_name, len(fold(name).split()))

    def add_place(self, place: GazetteerPlace) -> None:
        self.places[place.key] = place
        for name in place.names:
            self.add_alias(name, place)

    def parents(self, place: GazetteerPlace) -> list[GazetteerPlace]:
        """The regions and country a place lies in, nearest first: Liuzhou -> [Guangxi, China]."""
        chain: list[GazetteerPlace] = []
        current = place.parent
        while current and current in self.places and len(chain) < 3:
            chain.append(self.places[current])
            current = self.places[current].parent
        return chain

    @classmethod
    def from_text(cls, text: str) -> Gazetteer:
        places = []
        for line in text.splitlines():
            if not line or line.startswith("#") or line.startswith("key\t"):
                continue
            places.append(_place_from_row(line.split("\t")))
        return cls(places)


def _place_from_row(cells: list[str]) -> GazetteerPlace:
    key, kind, name, country, parent, lat, lon, population, names, common = cells[:10]
    feature = cells[10] if len(cells) > 10 else ""
    if kind not in KINDS:
        raise ValueError(f"gazetteer row {key}: unknown kind {kind!r}")
    return GazetteerPlace(
        key=key, kind=KINDS[kind], name=name, country=country, parent=parent or None,
        lat=float(lat) if lat else None, lon=float(lon) if lon else None, population=int(population or 0),
        other_names=tuple(n for n in names.split("|") if n),
        common=frozenset(fold(n) for n in common.split("|") if n), feature=feature,
    )


@functools.cache
def load_gazetteer(path: Path = GAZETTEER_FILE, aliases: Path = ALIASES_FILE) -> Gazetteer:
    """The shipped gazetteer with albumen's aliases, read once per process (about 37,000 places)."""
    gazetteer = Gazetteer.from_text(gzip.decompress(path.read_bytes()).decode("utf-8"))
    add_aliases(gazetteer, aliases.read_text(encoding="utf-8"))
    return gazetteer


def add_aliases(gazetteer: Gazetteer, text: str) -> None:
    """Apply aliases.tsv's rows (see that file): `alias NAME MODERN WITHIN` and `place NAME WITHIN LAT LON NAMES`.

    A row whose modern place or region the gazetteer lacks is an error of ours: a test reads every row."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "alias" and len(cells) >= 4:
            target = _place_within(gazetteer, cells[2], cells[3])
            if target is None:
                raise ValueError(f"aliases.tsv:{number}: no place {cells[2]!r} within {cells[3]!r}")
            gazetteer.add_alias(cells[1], target)
        elif cells[0] == "place" and len(cells) >= 5:
            within = gazetteer.places.get(cells[2])
            if within is None:
                raise ValueError(f"aliases.tsv:{number}: no region or country {cells[2]!r}")
            other = tuple(n for n in (cells[5].split("|") if len(cells) > 5 else ()) if n)
            gazetteer.add_place(GazetteerPlace(
                key=f"albumen:{slug(cells[1])}", kind="city", name=cells[1], country=within.country,
                parent=within.key, lat=float(cells[3]), lon=float(cells[4]), population=0, other_names=other,
                common=frozenset(), feature="ALIAS"))
        else:
            raise ValueError(f"aliases.tsv:{number}: not an alias or place row: {line!r}")


def _place_within(gazetteer: Gazetteer, name: str, within: str) -> GazetteerPlace | None:
    """The biggest place whose main name is `name` in the region or country `within` (CN.12, CN)."""
    found = [m.place for m in gazetteer.lookup(name) if m.main and (
        m.place.key == within or within in {p.key for p in gazetteer.parents(m.place)})]
    return max(found, key=lambda p: (p.kind == "city", p.population), default=None)


def slug(name: str) -> str:
    """An id for a new place from its name: 'Guilin' -> 'guilin', 'Hồ Chí Minh' -> 'ho-chi-minh' (ASCII where the
    name has Latin letters, else its own script: '桂林' -> '桂林')."""
    return ids.slug(name, ascii_only=True) or ids.slug(name) or "place"
