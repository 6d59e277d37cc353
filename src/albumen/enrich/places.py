"""Places read from caption text: the archive's own places.yaml first, then the shipped gazetteer.

A name counts as a place only where the text treats it as one, because many place names are also words or
people (Reading, Bath, Nice, China plates, Aunt Florence, March 1944):
- Latin-script names must start with a capital letter; Chinese, Japanese and Korean names are found anywhere.
  Gazetteer names of one or two letters never count ("PA" in "Reading, PA" is Pennsylvania, not Pa in Burkina
  Faso), and a city found by one of its other names must have 100,000 people (GeoNames lists odd variants).
- A name that is part of a longer proper noun is not the place: "George Washington", "Burma Road", "Mr. Reading",
  "Bradford on Avon", unless the next word says what kind of place it is ("Kweilin Airfield", "Bath Abbey") or
  the word before leads to a place ("Near", "Downtown") or is a verb starting a sentence ("Approaching Kunming").
- A name after "for" is somewhere else: "embarking for France".
- A name that is also an ordinary English word (the gazetteer flags them) must be named as a place: after "in",
  "at", "to" ... ("in Reading"), before ", Region" or "Province" ("Reading, Pennsylvania"), after "Place, "
  ("Canton, China"), or alone at the caption's start ("China, 1945."); never before a number ("March 1944").
  So "Reading the paper", "Bath time", "China plates" and "with Mary" are not places.
- When a name may mean several places: the archive's own place wins; then one in a region or country the same
  caption names ("Reading, Pennsylvania", "Reading, PA"); then one in the regions, then the countries, of the
  archive's places (unless a place elsewhere whose own name it is has fifty times the people: Paris in an American
  album is still Paris, France); then the place whose main name it is (unless one that has it as another name is
  fifty times bigger: Calcutta is Kolkata, not the town in South Africa); then a city before a region of the same
  name (Tokyo); then the bigger, when it has three times the people of the next one in another country.
  Otherwise the name is left for a person.
- When the archive's places lie in known countries, a name elsewhere that is also an English word ("Mary", a
  city in Turkmenistan) is left out unless the caption names its country.
- A place inside another found place is kept, the outer one dropped: "Liuzhou, Guangxi" -> Liuzhou.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from albumen.enrich.gazetteer import Gazetteer, GazetteerPlace, NameMatch, fold, slug
from albumen.records import Place

# Words after a name that say what kind of place it is, so the name is still the place's.
PLACE_WORDS = {
    "province", "prefecture", "county", "district", "region", "state", "city", "town", "village", "station",
    "railway", "railroad", "airfield", "airport", "air", "airbase", "base", "harbor", "harbour", "port", "docks",
    "area", "valley", "plain", "front", "sector", "municipality", "township", "borough", "suburbs", "outskirts",
    "abbey", "cathedral", "minster", "castle", "hospital", "university", "college", "cemetery", "bay",
}
# Small words inside longer town names: "Bradford on Avon" is not Bradford, "Newcastle upon Tyne" not Newcastle.
NAME_PARTICLES = {"on", "upon", "under", "sur", "am", "an", "der", "le", "la", "les", "de", "del", "di"}
# Words before a name that make it somewhere else than the photo: "embarking for France".
ELSEWHERE = {"for"}
# Capitalised words before a name that do not join it into a longer proper noun.
LEAD_WORDS = {
    "in", "at", "near", "from", "to", "the", "outside", "inside", "around", "downtown", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "of", "on", "by", "along",
    "across", "between", "beyond", "leaving", "entering", "arriving", "returning", "somewhere", "over", "above",
    "below", "into", "through", "toward", "towards", "via", "and", "or", "rural", "old", "greater", "occupied",
    "wartime", "prewar", "postwar", "a", "an", "this", "our", "their", "his", "her", "my",
}
# Words before a name that make it a place: "in Reading", "to Bath".
LOCATIVES = {"in", "at", "near", "from", "to", "outside", "around", "of", "into", "through", "across", "toward",
             "towards", "via", "leaving", "entering", "visiting", "visited", "left", "reached", "over", "downtown",
             "occupied", "bombed", "liberated", "evacuated", "outskirts", "north", "south", "east", "west", "central"}
# Title words before a name that make it a person: "Mr. Reading", "Gen. Stilwell".
TITLES = {"mr", "mrs", "ms", "miss", "dr", "gen", "general", "lt", "col", "colonel", "capt", "captain", "sgt",
          "pvt", "cpl", "maj", "major", "adm", "admiral", "aunt", "uncle", "cousin", "grandma", "grandpa", "sister",
          "brother", "father", "mother", "saint", "st", "lady", "lord", "sir", "king", "queen", "prince", "princess"}
MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                   "saturday", "sunday"}
WORD = re.compile(r"[^\W\d_](?:[\w'’]|[-.](?=[^\W\d_]))*", re.UNICODE)  # a word, with its inner - . and '
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n]\s*|^\s*[\"'“‘(\[]\s*)$")
BIGGER = 3  # how many times the people of the next place of that name elsewhere, to pick the bigger one
# How much bigger than the next place of its name elsewhere a place must be for its size alone to make it certain:
# London (25 times London, Ontario) is; Portland, Oregon (10 times Portland, Maine) is a guess.
CONFIDENT_BIGGER = 20
MUCH_BIGGER = 50  # how much bigger a place known by a name as another name must be to beat the name's own place
# A city matched by one of its other names must have this many people: GeoNames lists odd variants of small
# places ("Ocean City" for a district of Hanoi); the old names captions use are those of big cities (Kweilin).
OTHER_NAME_MIN_POPULATION = 100_000
MIN_GAZETTEER_NAME = 3  # letters: "PA" in "Reading, PA" is not Pa in Burkina Faso
MAX_WORDS = 6
CONTEXT_WINDOW = 200  # characters around a name that can change what it means


@dataclass(frozen=True)
class NewPlace:
    """A gazetteer place to add to places.yaml, with the parents to add before it (outermost first)."""

    id: str
    place: GazetteerPlace
    parent_id: str | None


@dataclass(frozen=True)
class FoundPlace:
    """A place named in a caption."""

    id: str  # the archive's id, or the id it would get in places.yaml
    name: str
    phrase: str  # the caption's own words
    start: int
    end: int
    gazetteer: GazetteerPlace | None  # the gazetteer's record, when the place is (or matches) one
    new: tuple[NewPlace, ...] = ()  # places to add to places.yaml when this suggestion is accepted
    # False when only its size chose it among places of that name (Portland, Oregon over Portland, Maine): a
    # guess, which is offered but never written unless a person accepts it by name.
    confident: bool = True
    rival: GazetteerPlace | None = None  # the next likeliest place of that name, for the person to compare

    @property
    def in_archive(self) -> bool:
        return not self.new


@dataclass(frozen=True)
class _Choice:
    place: GazetteerPlace
    confident: bool
    rival: GazetteerPlace | None = None


@dataclass(frozen=True)
class _Mention:
    """A name found in the text, before we decide which place it means."""

    start: int
    end: int
    phrase: str
    archive_id: str | None
    candidates: tuple[NameMatch, ...]


class PlaceFinder:
    """Finds places in captions, for one archive (its places.yaml) and one gazetteer."""

    def __init__(self, places: Sequence[Place], gazetteer: Gazetteer | None) -> None:
        self.places = {p.id: p for p in places}
        self.gazetteer = gazetteer
        self.linked = self._link_archive_places(places)  # archive id -> its gazetteer record
        self.archive_id_of = {place.key: place_id for place_id, place in self.linked.items()}
        self.archive_names = self._archive_names(places)
        self.home_countries = {p.country for p in self.linked.values()}
        self.home_regions = {p.key for p in self.linked.values() if p.kind == "region"} | {
            p.parent for p in self.linked.values() if p.kind == "city" and p.parent}
        self.common_words = set(MONTHS_AND_DAYS) | (gazetteer.common_words if gazetteer else set())
        longest_archive = max((len(n.split()) for n in self.archive_names), default=1)
        self.max_words = min(MAX_WORDS, max(longest_archive, gazetteer.longest_name if gazetteer else 1))
        # Ids given to gazetteer places, so that one place keeps one id across captions and two never share one.
        self.new_ids: dict[str, str] = {}

    # -- the archive's own places ----------------------------------------------------------------------------

    def _link_archive_places(self, places: Sequence[Place]) -> dict[str, GazetteerPlace]:
        """Each archive place that the gazetteer also knows (by a name, and near its coordinates)."""
        if self.gazetteer is None:
            return {}
        linked = {}
        for place in places:
            matches = [m for name in (place.name, *place.other_names) for m in self.gazetteer.lookup(name)]
            if place.lat is not None and place.lon is not None:
                matches = [m for m in matches if _near(place, m.place)]
            if matches:
                best = max(matches, key=lambda m: (m.main, _kind_rank(m.place), m.place.population))
                linked[place.id] = best.place
        return linked

    def _archive_names(self, places: Sequence[Place]) -> dict[str, str]:
        """Every name of an archive place, folded -> its id; the gazetteer's names for it too (Liuchow)."""
        names: dict[str, str] = {}
        for place in places:
            for name in (place.name, *place.other_names):
                names.setdefault(fold(name), place.id)
        for place_id, record in self.linked.items():
            for name in record.names:
                names.setdefault(fold(name), place_id)
        return names

    # -- reading a caption -----------------------------------------------------------------------------------

    def find(self, text: str) -> list[FoundPlace]:
        """The places a caption names, most specific only, in reading order, each once."""
        mentions = [m for m in self._mentions(text) if self._looks_like_a_place(text, m)]
        resolved = self._resolve(mentions, self._postal_regions(text), text)
        return _most_specific(resolved, self._ancestors)

    def _mentions(self, text: str) -> list[_Mention]:
        mentions = []
        words = list(WORD.finditer(text))
        index = 0
        while index < len(words):
            mention = self._longest_name_at(text, words, index)
            if mention is None:
                index += 1
                continue
            mentions.append(mention)
            while index < len(words) and words[index].start() < mention.end:
                index += 1
        for run in CJK_RUN.finditer(text):
            mentions += self._cjk_names(run)
        return sorted(mentions, key=lambda m: m.start)

    def _longest_name_at(self, text: str, words: list[re.Match[str]], index: int) -> _Mention | None:
        first = words[index]
        if not first.group()[0].isupper():
            return None
        for count in range(min(self.max_words, len(words) - index), 0, -1):
            end = words[index + count - 1].end()
            phrase = text[first.start():end]
            if "\n" in phrase or any(c in phrase for c in ",;:()"):
                continue
            mention = self._mention(first.start(), end, phrase)
            if mention is None and text[end:end + 1] == ".":  # abbreviations: "U.S.A.", "St."
                mention = self._mention(first.start(), end + 1, phrase + ".")
            if mention is not None:
                return mention
        return None

    def _cjk_names(self, run: re.Match[str]) -> list[_Mention]:
        found = []
        text, position = run.group(), 0
        while position < len(text):
            for length in range(min(8, len(text) - position), 1, -1):
                mention = self._mention(run.start() + position, run.start() + position + length,
                                        text[position:position + length])
                if mention is not None:
                    found.append(mention)
                    position += length
                    break
            else:
                position += 1
        return found

    def _mention(self, start: int, end: int, phrase: str) -> _Mention | None:
        archive_id = self.archive_names.get(fold(phrase))
        candidates = tuple(m for m in self.gazetteer.lookup(phrase) if _usable(m, phrase)) if self.gazetteer else ()
        if archive_id is None and not candidates:
            return None
        return _Mention(start, end, phrase, archive_id, candidates)

    def _looks_like_a_place(self, text: str, mention: _Mention) -> bool:
        if CJK_RUN.fullmatch(mention.phrase):
            return True
        # The words around the name decide; a long caption is not searched from its start for each name.
        before = text[max(0, mention.start - CONTEXT_WINDOW):mention.start]
        after = text[mention.end:mention.end + CONTEXT_WINDOW]
        if _joined_to_name_before(before) or _joined_to_name_after(after):
            return False
        previous = re.search(r"([^\W\d_]+)\s+$", before)
        if previous is not None and previous.group(1).casefold() in ELSEWHERE:
            return False
        if fold(mention.phrase) not in self.common_words:
            return True
        return _named_as_a_place(before, after, at_caption_start=not text[:mention.start].strip())

    # -- which place a name means ----------------------------------------------------------------------------

    def _postal_regions(self, text: str) -> set[str]:
        """American states written as postal codes after a town: "Reading, PA" names Pennsylvania (US.PA)."""
        if self.gazetteer is None:
            return set()
        codes = {f"US.{m.group(1)}" for m in re.finditer(r"[a-z],\s*([A-Z]{2})\b(?!\.?\s*[a-z])", text)}
        return {code for code in codes if code in self.gazetteer.places}

    def _resolve(self, mentions: list[_Mention], postal_regions: set[str], text: str) -> list[FoundPlace]:
        """Names -> places: "A, B" first (B's region or country holds A), then the certain ones, whose regions and
        countries then guide the rest."""
        mentions, placed_by_context = self._within(mentions, postal_regions, text)
        certain: dict[int, FoundPlace] = {}
        for i, mention in enumerate(mentions):
            if mention.archive_id is not None:
                certain[i] = self._archive_place(mention, mention.archive_id)
            elif len({m.place.key for m in mention.candidates}) == 1:
                certain[i] = self._gazetteer_place(mention, mention.candidates[0].place)
        named = {key for found in certain.values() for key in self._keys_and_ancestors(found)}
        named |= postal_regions
        named_regions = {key for key in named if "." in key}  # CN.16, US.IL: not the country itself
        named_countries = {f.gazetteer.country for f in certain.values() if f.gazetteer is not None}
        named_countries |= {"US"} if postal_regions else set()
        result = []
        for i, mention in enumerate(mentions):
            if i in certain:
                found: FoundPlace | None = certain[i]
            else:
                choice = self._choose(mention.candidates, named_regions, named_countries)
                found = None
                if choice is not None:
                    found = self._gazetteer_place(mention, choice.place, confident=choice.confident
                                                  or i in placed_by_context, rival=choice.rival)
            if found is not None and self._plausible(found, named_countries):
                result.append(found)
        return result

    def _within(self, mentions: list[_Mention], postal_regions: set[str],
                text: str) -> tuple[list[_Mention], set[int]]:
        """"A, B" (and "A, B, C") means A inside B: "Portland, Oregon" is Portland in Oregon, not Oregon, Ohio, and
        "Spokane, Washington" is Spokane in the state, not also Washington, D.C. Resolved from the right, so that
        "Springfield, Illinois, USA" narrows Illinois by the country, then Springfield by the state.

        Returns the mentions with their candidates narrowed, and the indexes of those placed by their context."""
        narrowed = list(mentions)
        by_context: set[int] = set()
        for i in range(len(narrowed) - 1, -1, -1):
            inner = narrowed[i]
            if inner.archive_id is not None or not inner.candidates:
                continue
            containers = self._container_keys(narrowed[i + 1], text[inner.end:narrowed[i + 1].start]) \
                if i + 1 < len(narrowed) else None
            postal = re.match(r"\s*,\s*([A-Z]{2})\b", text[inner.end:])
            if containers is None and postal is not None and f"US.{postal.group(1)}" in postal_regions:
                containers = {f"US.{postal.group(1)}"}
            if re.match(r"\s*,?\s*D\.?\s?C\b", text[inner.end:]):  # GeoNames has no District: the city is it
                capital = [m for m in inner.candidates if "District of Columbia" in m.place.names]
                if capital:
                    narrowed[i] = replace(inner, candidates=tuple(capital))
                    by_context.add(i)
                continue
            if not containers:
                continue
            inside = [m for m in inner.candidates if containers & self._container_set(m.place)]
            if inside:
                narrowed[i] = replace(inner, candidates=tuple(inside))
                by_context.add(i)
                if i + 1 < len(narrowed) and narrowed[i + 1].archive_id is None:
                    holders = set().union(*(self._container_set(m.place) for m in inside))
                    outer = [m for m in narrowed[i + 1].candidates if m.place.key in holders]
                    narrowed[i + 1] = replace(narrowed[i + 1], candidates=tuple(outer))
                    by_context.add(i + 1)
            elif not self._peers(inner, narrowed[i + 1] if i + 1 < len(narrowed) else None):
                # "Paris, Kentucky": no Paris the gazetteer knows lies in Kentucky, so it is not Paris, France
                narrowed[i] = replace(inner, candidates=())
        return [m for m in narrowed if m.archive_id is not None or m.candidates], by_context

    @staticmethod
    def _peers(inner: _Mention, outer: _Mention | None) -> bool:
        """"Washington, Oregon" and "France, Germany" are lists of areas, not one inside the other."""
        if outer is None:
            return False
        return any(a.place.is_area and a.place.kind == b.place.kind
                   and (a.place.kind == "country" or a.place.country == b.place.country)
                   for a in inner.candidates for b in outer.candidates)

    def _container_keys(self, outer: _Mention, between: str) -> set[str] | None:
        """The regions and countries `outer` may be, when it follows a name after a comma ("Portland, Oregon")."""
        if re.fullmatch(r"\s*,\s*", between) is None:
            return None
        if outer.archive_id is not None:
            record = self.linked.get(outer.archive_id)
            return {record.key} if record is not None and record.is_area else None
        return {m.place.key for m in outer.candidates if m.place.is_area} or None

    def _container_set(self, place: GazetteerPlace) -> set[str]:
        return {p.key for p in self._gazetteer_ancestors(place)}

    def _plausible(self, found: FoundPlace, named_countries: set[str]) -> bool:
        """'Mary' in an archive of Chinese places is a person, not the city in Turkmenistan: a name that is also
        a word counts outside the archive's countries only when the caption names that country or a region in it."""
        if found.in_archive or found.gazetteer is None or not self.home_countries:
            return True
        country = found.gazetteer.country
        return (country in self.home_countries or country in named_countries
                or fold(found.phrase) not in self.common_words)

    def _choose(self, candidates: Sequence[NameMatch], regions: set[str], countries: set[str]) -> _Choice | None:
        """The place a name most likely means (see the module's docstring), or None when that is unclear."""
        if not candidates:
            return None
        biggest_main = max((m.place.population for m in candidates if m.main), default=0)

        def rank(m: NameMatch) -> tuple[bool, bool, bool, bool, bool, bool, int]:
            place = m.place
            around = self._container_set(place)
            # Paris in an American album is still Paris, France: a place at home counts first unless a place
            # whose own name it is elsewhere is far bigger.
            at_home = place.country in self.home_countries and place.population * MUCH_BIGGER >= biggest_main
            # Calcutta is a town in South Africa and the old name of Kolkata: the main name wins unless the
            # place that has it as another name is far bigger.
            main = m.main or m.curated or place.population >= MUCH_BIGGER * biggest_main
            return (bool(regions & around), place.country in countries, m.curated, bool(self.home_regions & around),
                    at_home, main, place.population)

        ranked = sorted(candidates, key=rank, reverse=True)
        best = ranked[0]
        # Among one place's own names, the town before its region (Tokyo), a country before its region of the
        # same name (México); between places elsewhere only the words, the archive and the size decide (México,
        # the country, is three thousand times the town in the Philippines).
        same = [m for m in ranked if rank(m)[:-1] == rank(best)[:-1] and self._related(m.place, best.place)]
        chosen = max(same, key=lambda m: (_kind_rank(m.place), m.place.population))
        rivals = [m for m in ranked if not self._related(m.place, best.place)]
        if not rivals:
            return _Choice(chosen.place, confident=True)
        rival = rivals[0]
        if rank(rival)[:-1] == rank(best)[:-1]:
            if best.place.population < BIGGER * rival.place.population:
                return None  # two places of that name, neither clearly the one meant
            # Only its size chose it: Portland, Oregon is ten times Portland, Maine, but either may be meant.
            confident = best.place.population >= CONFIDENT_BIGGER * rival.place.population
            return _Choice(chosen.place, confident=confident, rival=rival.place)
        return _Choice(chosen.place, confident=True, rival=rival.place)

    def _related(self, one: GazetteerPlace, other: GazetteerPlace) -> bool:
        """The same place, or one inside the other (Tokyo and its prefecture, Mexico and the State of Mexico)."""
        return (one.key == other.key or one.key in self._container_set(other)
                or other.key in self._container_set(one))

    def _archive_place(self, mention: _Mention, place_id: str) -> FoundPlace:
        place = self.places[place_id]
        return FoundPlace(place_id, place.name, mention.phrase, mention.start, mention.end, self.linked.get(place_id))

    def _gazetteer_place(self, mention: _Mention, place: GazetteerPlace, *, confident: bool = True,
                         rival: GazetteerPlace | None = None) -> FoundPlace:
        if place.key in self.archive_id_of:
            found = self._archive_place(mention, self.archive_id_of[place.key])
            return replace(found, confident=confident, rival=rival)
        new = self._new_places(place)
        return FoundPlace(new[-1].id, place.name, mention.phrase, mention.start, mention.end, place, tuple(new),
                          confident, rival)

    def _new_places(self, place: GazetteerPlace) -> list[NewPlace]:
        """The place and those of its parents that places.yaml lacks, outermost first, each with a free id."""
        assert self.gazetteer is not None
        chain = [place, *self.gazetteer.parents(place)]
        new: list[NewPlace] = []
        for record in chain:  # the place itself first, so that Chongqing the city is 'chongqing', not its region
            if record.key not in self.archive_id_of and record.key not in self.new_ids:
                self.new_ids[record.key] = _free_id(record, set(self.places) | set(self.new_ids.values()))
        parent_id: str | None = None
        for record in reversed(chain):
            if record.key in self.archive_id_of:
                parent_id = self.archive_id_of[record.key]
                continue
            place_id = self.new_ids[record.key]
            new.append(NewPlace(place_id, record, parent_id))
            parent_id = place_id
        return new

    # -- places inside places --------------------------------------------------------------------------------

    def _gazetteer_ancestors(self, place: GazetteerPlace) -> list[GazetteerPlace]:
        return self.gazetteer.parents(place) if self.gazetteer else []

    def _keys_and_ancestors(self, found: FoundPlace) -> set[str]:
        if found.gazetteer is None:
            return set()
        return {found.gazetteer.key, *(p.key for p in self._gazetteer_ancestors(found.gazetteer))}

    def _ancestors(self, found: FoundPlace) -> set[str]:
        """Ids of the places a found place lies in: by places.yaml's parents, and by the gazetteer's."""
        ids: set[str] = set()
        current = self.places[found.id].parent if found.id in self.places else None
        while current and current not in ids:
            ids.add(current)
            current = self.places[current].parent if current in self.places else None
        if found.gazetteer is not None:
            for record in self._gazetteer_ancestors(found.gazetteer):
                ids.add(self.archive_id_of.get(record.key, ""))
                ids |= {n.id for n in found.new if n.place.key == record.key}
        ids.discard("")
        return ids


def _most_specific(found: list[FoundPlace], ancestors_of: Callable[[FoundPlace], set[str]]) -> list[FoundPlace]:
    """Each place once, without the regions and countries that another found place lies in."""
    unique: dict[str, FoundPlace] = {}
    for place in found:
        unique.setdefault(place.id, place)
    inside = set().union(*(ancestors_of(p) for p in unique.values())) if unique else set()
    return [p for p in unique.values() if p.id not in inside]


def _named_as_a_place(before: str, after: str, *, at_caption_start: bool) -> bool:
    """For names that are also words (Reading, Bath, China, Mary): the words around them must make them a place.

    "in Reading", "to Bath", "Reading, Pennsylvania", "Kwangsi Province", or a caption that starts with the name
    alone ("China, 1945."); never before a number ("March 1944").
    """
    if re.match(r"^\s*\d", after):
        return False
    previous = re.search(r"([^\W\d_]+)\s+$", before)
    if previous is not None and previous.group(1).casefold() in LOCATIVES:
        return True
    if re.search(r"(?:^|\s)[A-Z][\w'’-]*,\s*$", before):
        return True  # the region or country after a place: "Canton, China"
    following = re.match(r"^(,?)\s+([^\W\d_][\w'’-]*)", after)
    if following is not None and following.group(2)[0].isupper():
        return bool(following.group(1)) or following.group(2).casefold() in PLACE_WORDS
    return at_caption_start and re.match(r"^\s*(?:$|[,.:;—–-])", after) is not None


def _joined_to_name_before(before: str) -> bool:
    """'George Washington', 'Mr. Reading': a capitalised word (or a title) right before the name."""
    m = re.search(r"([^\W\d_][\w'’-]*)(\.?)(\s+)$", before)
    if m is None or "\n" in m.group(3):
        return False
    word = m.group(1)
    if word.casefold() in TITLES:
        return True
    if m.group(2) or not word[0].isupper() or word.casefold() in LEAD_WORDS:
        return False
    # At a sentence start every word has a capital: "Approaching Kunming", "Bombed Liuzhou" are not names.
    at_sentence_start = SENTENCE_END.search(before[:m.start()]) is not None
    return not (at_sentence_start and word.casefold().endswith(("ing", "ed", "ly")))


def _joined_to_name_after(after: str) -> bool:
    """'Burma Road', 'Florence Nightingale', 'Bradford on Avon': the name goes on, unless into a kind of place."""
    if re.match(rf"^[ \t-]+(?:{'|'.join(NAME_PARTICLES)})[ \t-]+[A-Z]", after):
        return True
    m = re.match(r"^[ \t]+([^\W\d_][\w'’-]*)", after)
    return m is not None and m.group(1)[0].isupper() and m.group(1).casefold() not in PLACE_WORDS | LEAD_WORDS


def _usable(match: NameMatch, phrase: str) -> bool:
    if len(phrase) < MIN_GAZETTEER_NAME and not CJK_RUN.fullmatch(phrase):
        return False
    return match.main or match.place.kind != "city" or match.place.population >= OTHER_NAME_MIN_POPULATION


def _near(place: Place, record: GazetteerPlace) -> bool:
    """Close enough to be the same place: a city within 0.5°, a region within 3°, a country within 15°."""
    if record.lat is None or record.lon is None or place.lat is None or place.lon is None:
        return True
    limit = {"city": 0.5, "region": 3.0, "country": 15.0}[record.kind]
    return abs(record.lat - place.lat) <= limit and abs(record.lon - place.lon) <= limit


def _kind_rank(place: GazetteerPlace) -> int:
    """Towns first: captions name towns more often than regions of the same name (Tokyo, Hiroshima); a country
    before its own region of that name (México the country, not the State of Mexico)."""
    return {"region": 0, "country": 1, "city": 2}[place.kind]


def _free_id(record: GazetteerPlace, taken: set[str]) -> str:
    base = slug(record.name)
    for candidate in (base, f"{base}-{record.kind}", f"{base}-{record.country.lower()}",
                      f"{base}-{record.key.lower().replace('.', '-')}"):
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
