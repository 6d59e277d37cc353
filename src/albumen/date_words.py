"""Words for dates in the languages albumen ships (dates.describe_in writes them): seasons and the other
divisions of a year (EDTF 21-41), qualifiers, open ends, lists, decades. Month names come from Babel (CLDR).

Each pattern takes {x}, {year}, {season}, {a}/{b} as named; English is dates.describe() itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateWords:
    seasons: dict[int, str]
    season: str  # a season of a year: "{season} {year}"
    season_range: str  # two seasons of one year: "{a}–{b} {year}"
    year: str  # a year alone
    sometime: str  # a date known only to its year, as a timeline heading
    decade: str  # {decade}: 1940
    century: str  # {n}: 20 (19XX); {roman}: XX
    bce: str
    unknown: str
    until: str
    since: str
    both: str  # {a, b}: all of them
    either: str  # [a, b]: one of them
    approximate: str
    uncertain: str


def _divisions(north: str, south: str, seasons: list[str], rest: list[str]) -> dict[int, str]:
    """21-24 the seasons; 25-32 the seasons of each hemisphere; 33-41 quarters, thirds and halves."""
    table = dict(zip(range(21, 25), seasons, strict=True))
    table.update({25 + i: north.format(season=s) for i, s in enumerate(seasons)})
    table.update({29 + i: south.format(season=s) for i, s in enumerate(seasons)})
    table.update(dict(zip(range(33, 42), rest, strict=True)))
    return table


WORDS: dict[str, DateWords] = {
    "de": DateWords(
        seasons=_divisions("{season} (Nordhalbkugel)", "{season} (Südhalbkugel)",
                           ["Frühling", "Sommer", "Herbst", "Winter"],
                           ["erstes Quartal", "zweites Quartal", "drittes Quartal", "viertes Quartal",
                            "erstes Drittel", "zweites Drittel", "letztes Drittel", "erste Hälfte",
                            "zweite Hälfte"]),
        season="{season} {year}", season_range="{a}–{b} {year}", year="{year}", sometime="Im Jahr {year}",
        decade="{decade}er-Jahre", century="{n}. Jahrhundert", bce="{year} v. Chr.", unknown="Datum unbekannt",
        until="bis {x}", since="ab {x}", both="{a} und {b}", either="{a} oder {b}",
        approximate="um {x}", uncertain="{x} (unsicher)",
    ),
    "fr": DateWords(
        seasons=_divisions("{season} (hémisphère nord)", "{season} (hémisphère sud)",
                           ["printemps", "été", "automne", "hiver"],
                           ["premier trimestre", "deuxième trimestre", "troisième trimestre", "quatrième trimestre",
                            "premier tiers", "deuxième tiers", "dernier tiers", "premier semestre",
                            "second semestre"]),
        season="{season} {year}", season_range="{a}–{b} {year}", year="{year}", sometime="Courant {year}",
        decade="années {decade}", century="{roman}e siècle", bce="{year} av. J.-C.", unknown="date inconnue",
        until="jusqu’en {x}", since="depuis {x}", both="{a} et {b}", either="{a} ou {b}",
        approximate="vers {x}", uncertain="{x} (incertain)",
    ),
    "es": DateWords(
        seasons=_divisions("{season} (hemisferio norte)", "{season} (hemisferio sur)",
                           ["primavera", "verano", "otoño", "invierno"],
                           ["primer trimestre", "segundo trimestre", "tercer trimestre", "cuarto trimestre",
                            "primer tercio", "segundo tercio", "último tercio", "primer semestre",
                            "segundo semestre"]),
        season="{season} de {year}", season_range="{a}–{b} de {year}", year="{year}", sometime="Durante {year}",
        decade="años {decade}", century="siglo {roman}", bce="{year} a. C.", unknown="fecha desconocida",
        until="hasta {x}", since="desde {x}", both="{a} y {b}", either="{a} o {b}",
        approximate="hacia {x}", uncertain="{x} (incierto)",
    ),
    "zh_Hans": DateWords(
        seasons=_divisions("{season}（北半球）", "{season}（南半球）", ["春", "夏", "秋", "冬"],
                           ["第一季度", "第二季度", "第三季度", "第四季度", "前三分之一", "中间三分之一",
                            "后三分之一", "上半年", "下半年"]),
        season="{year}年{season}", season_range="{year}年{a}至{b}", year="{year}年", sometime="{year}年内",
        decade="{decade}年代", century="{n}世纪", bce="公元前{year}年", unknown="日期不详",
        until="{x}以前", since="{x}起", both="{a}和{b}", either="{a}或{b}",
        approximate="约{x}", uncertain="{x}（存疑）",
    ),
    "ja": DateWords(
        seasons=_divisions("{season}（北半球）", "{season}（南半球）", ["春", "夏", "秋", "冬"],
                           ["第1四半期", "第2四半期", "第3四半期", "第4四半期", "最初の3分の1", "中間の3分の1",
                            "最後の3分の1", "上半期", "下半期"]),
        season="{year}年{season}", season_range="{year}年{a}～{b}", year="{year}年", sometime="{year}年中",
        decade="{decade}年代", century="{n}世紀", bce="紀元前{year}年", unknown="日付不明",
        until="{x}まで", since="{x}から", both="{a}と{b}", either="{a}または{b}",
        approximate="{x}頃", uncertain="{x}（不確か）",
    ),
    "he": DateWords(
        seasons=_divisions("{season} (חצי הכדור הצפוני)", "{season} (חצי הכדור הדרומי)",
                           ["אביב", "קיץ", "סתיו", "חורף"],
                           ["רבעון ראשון", "רבעון שני", "רבעון שלישי", "רבעון רביעי", "שליש ראשון", "שליש שני",
                            "שליש אחרון", "מחצית ראשונה", "מחצית שנייה"]),
        season="{season} {year}", season_range="{a}–{b} {year}", year="{year}", sometime="במהלך {year}",
        decade="שנות ה־{decade}", century="המאה ה־{n}", bce="{year} לפנה״ס", unknown="תאריך לא ידוע",
        until="עד {x}", since="{x} ואילך", both="{a} ו־{b}", either="{a} או {b}",
        approximate="בסביבות {x}", uncertain="{x} (לא ודאי)",
    ),
}
