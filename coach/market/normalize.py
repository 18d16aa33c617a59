"""Turn what people type into canonical roles, levels and places.

Exact aliases first, then a strict fuzzy match (rapidfuzz) for typos; anything
else is an InputError naming the closest matches. Every reading that is not
literal (a ladder level, a nickname for a metro, a typo) comes back with the
assumption stated, so the answer can say how the input was read. The names
themselves are the vocabulary's (knowledge/vocabulary, read by coach.vocabulary),
matched after its one normaliser; the tables say which roles and places exist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from coach.errors import InputError
from coach.market.tables import NATIONAL_AREA, MarketTables
from coach.money import quote
from coach.vocabulary import levels, normalise, places, role_abbreviations, role_aliases

# A fuzzy hit must be a typo of an alias, word by word: the same words, each within
# one edit (two for words of 8+ letters, none for words of 3 or fewer). Whole-string
# ratios are not enough: "qa engineer" scores 91 against "ai engineer".
CANDIDATE_CUTOFF = 70
SUGGEST_CUTOFF = 70


def _edits_allowed(word: str) -> int:
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def _typo_of(query: str, alias: str) -> bool:
    words, alias_words = query.split(), alias.split()
    if len(words) != len(alias_words):  # "datascientist" is still "data scientist"
        joined, alias_joined = query.replace(" ", ""), alias.replace(" ", "")
        return DamerauLevenshtein.distance(joined, alias_joined) <= min(
            1, _edits_allowed(alias_joined)
        )
    return all(
        DamerauLevenshtein.distance(w, a) <= _edits_allowed(a)
        for w, a in zip(words, alias_words, strict=True)
    )


def _fuzzy(query: str, choices: Sequence[str]) -> str | None:
    """The closest choice that ``query`` is a typo of, or None."""
    hits = process.extract(
        query, choices, scorer=fuzz.ratio, limit=10, score_cutoff=CANDIDATE_CUTOFF
    )
    return next((alias for alias, _score, _i in hits if _typo_of(query, alias)), None)


def _suggest(query: str, choices: dict[str, str], limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct display names whose aliases look most like ``query``."""
    # Codes of 2-3 letters look like anything under partial matching: leave them out.
    keys = [k for k in choices if len(k) > 3]
    found: list[str] = []
    hits = process.extract(query, keys, scorer=fuzz.WRatio, limit=30, score_cutoff=SUGGEST_CUTOFF)
    for alias, _score, _index in hits:
        name = choices[alias]
        if name not in found:
            found.append(name)
        if len(found) == limit:
            break
    return found


def _did_you_mean(kind: str, text: str, suggestions: list[str], examples: str) -> InputError:
    if suggestions:
        options = ", ".join(f"'{s}'" for s in suggestions)
        return InputError(f"Unknown {kind} '{quote(text)}'; did you mean {options}?")
    return InputError(f"Unknown {kind} '{quote(text)}'; try for example {examples}.")


# ------------------------------------------------------------------ levels

LEVEL_LABELS = levels().labels
_ROMAN = levels().roman


def level_code(level: str) -> str:
    """A level as its code: the market's own label ("staff and above", as a practice
    scenario names it) or any word the vocabulary reads ("L5", "senior")."""
    for code, label in LEVEL_LABELS.items():
        if level.strip().lower() == label:
            return code
    return normalize_level(level).code


def next_level_code(level: str | None) -> str | None:
    """The level one up as its code ("EX" from "senior"), or None when the level is not
    given, not read, or the highest the market data prices. The one rule for what a
    promotion is priced at: the plan, the offline coach and the practice talk use it."""
    if not level:
        return None
    try:
        code = level_code(level)
    except InputError:
        return None
    order = tuple(LEVEL_LABELS)  # entry, mid, senior, staff and above: in order
    index = order.index(code) if code in order else len(order)
    return order[index + 1] if index + 1 < len(order) else None


@dataclass(frozen=True, slots=True)
class Level:
    code: str  # EN | MI | SE | EX
    assumption: str | None = None

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.code]


def _level_words() -> dict[str, Level]:
    vocab = levels()
    words: dict[str, Level] = {}
    for code, names in vocab.words.items():
        for name in names:
            words[name] = Level(code)
    for name in vocab.above_senior:
        words[name] = Level("EX", vocab.above_senior_note.format(text=name))
    for prefix, ladder in vocab.ladders.items():
        for step, code in ladder.steps.items():
            words[f"{prefix}{step}"] = Level(
                code,
                f"'{prefix.upper()}{step}' read on a {ladder.note}; ladders differ by company.",
            )
    for numeral, code in vocab.roman.items():
        words[numeral] = Level(
            code, f"'{numeral.upper()}' read as {LEVEL_LABELS[code]}: {vocab.roman_note}."
        )
    return words


LEVEL_WORDS = _level_words()


def normalize_level(text: str) -> Level:
    """'Senior', 'sr', 'L5', 'E5', 'IC4', 'III' -> Level('SE', ...); unknown -> InputError."""
    key = normalise(text)
    if not key:
        raise InputError("The level is empty; give one like entry, mid, senior or staff.")
    key = key.removeprefix("level ")  # "Level II"
    level = LEVEL_WORDS.get(key) or LEVEL_WORDS.get(key.replace(" ", ""))
    if level:
        return level
    # Typos only for real words: "snior" is senior, but "l9" is not "l5".
    words = [w for w in LEVEL_WORDS if len(w) > 3]
    match = _fuzzy(key, words) if len(key) > 3 else None
    if match:
        found = LEVEL_WORDS[match]
        return Level(
            found.code,
            f"Level '{text}' read as '{match}'." if found.assumption is None else found.assumption,
        )
    suggestions = _suggest(key, {w: w for w in words})
    raise _did_you_mean(
        "level",
        text,
        suggestions,
        "'entry', 'mid', 'senior', 'staff', or a ladder level like L5, E5 or IC4",
    )


# ------------------------------------------------------------------ roles

ROLE_ALIASES = role_aliases()
_ABBREVIATIONS = role_abbreviations()


@dataclass(frozen=True, slots=True)
class RoleMatch:
    role: str
    level: Level | None  # a level named inside the role text ("senior ML engineer")
    assumptions: tuple[str, ...]


def _split_level(words: list[str]) -> tuple[list[str], list[tuple[str, Level]]]:
    """Pull level words out of a role ("machine learning engineer ii" -> ..., [ii])."""
    rest: list[str] = []
    found: list[tuple[str, Level]] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in LEVEL_WORDS and " " in pair:
            found.append((pair, LEVEL_WORDS[pair]))
            i += 2
            continue
        word = words[i]
        is_numeral = word in _ROMAN
        # Roman numerals only at the end ("engineer ii"); the bare aijobs.net codes
        # ("se", "ex", ...) are too ambiguous inside a title to strip.
        if (is_numeral and i == len(words) - 1) or (
            not is_numeral and word in LEVEL_WORDS and word not in _BARE_CODES
        ):
            found.append((word, LEVEL_WORDS[word]))
        else:
            rest.append(word)
        i += 1
    return rest, found


_BARE_CODES = frozenset({"en", "mi", "se", "ex"})


class RoleIndex:
    """Aliases of the canonical roles present in the tables."""

    def __init__(self, roles: Iterable[str]) -> None:
        self.aliases: dict[str, str] = {}
        for role in roles:
            self.aliases[role] = role
            for alias in ROLE_ALIASES.get(role, ()):
                self.aliases.setdefault(normalise(alias), role)
        self._keys = list(self.aliases)

    def _exact(self, key: str) -> str | None:
        if key in self.aliases:
            return self.aliases[key]
        expanded = " ".join(_ABBREVIATIONS.get(w, w) for w in key.split())
        return self.aliases.get(expanded)

    def resolve(self, text: str) -> RoleMatch:
        key = normalise(text)
        if not key:
            raise InputError("The role is empty; give one like 'machine learning engineer'.")
        role = self._exact(key)
        if role:
            return RoleMatch(role, None, ())
        rest, levels = _split_level(key.split())
        core = " ".join(rest)
        # "Senior Software Engineer II": the level word outranks a title numeral.
        levels.sort(key=lambda found: found[0] not in _ROMAN)
        word, level = levels[-1] if levels else ("", None)
        assumptions = [level.assumption] if level and level.assumption else []
        if len(levels) > 1:
            assumptions.append(f"'{text}' names several levels; '{word}' is used.")
        role = self._exact(core) if core else None
        if role is None and core:
            match = _fuzzy(core, self._keys)
            if match:
                role = self.aliases[match]
                assumptions.insert(0, f"Role '{text}' read as {role} (closest spelling).")
        if role is None:
            suggestions = _suggest(core or key, self.aliases)
            if not suggestions:  # a job the data doesn't cover ("UX designer"): say what it does
                covered = ", ".join(sorted(set(self.aliases.values())))
                raise InputError(
                    f"Unknown role '{quote(text)}': the salary data covers only these roles: "
                    f"{covered}."
                )
            raise _did_you_mean("role", text, suggestions, "")
        return RoleMatch(role, level, tuple(assumptions))


# ------------------------------------------------------------------ places

PLACE_KINDS = ("national", "state", "metro", "remote", "country")
# aijobs.net codes US territories as countries of their own.
_TERRITORY_COUNTRY = {"72": "PR", "66": "GU", "78": "VI"}

# Nicknames people use for metros -> (OEWS metro area code, how the nickname was read).
METRO_ALIASES = places().metros
NATIONAL_WORDS = places().national
REMOTE_WORDS = places().remote
COUNTRY_NICKNAMES = places().country_nicknames
# Big non-US tech cities: aijobs.net has countries only, so a city means its country.
COUNTRY_CITIES = places().country_cities


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # one of PLACE_KINDS
    name: str
    area_code: str | None  # OEWS area (national for remote); None outside the US
    country: str  # ISO code for aijobs.net
    assumption: str | None = None

    @property
    def is_us(self) -> bool:
        return self.area_code is not None


NATIONAL = Place("national", "United States", NATIONAL_AREA, "US")


class PlaceIndex:
    """Every name a place can go by: metros, states, countries, nicknames, codes."""

    def __init__(self, tables: MarketTables) -> None:
        self.tables = tables
        self.places: dict[str, Place] = {}
        # Order is precedence: a name already taken keeps its first meaning.
        self._add_nicknames()
        self._add_states()
        self._add_metros()
        self._add_countries()
        self._add_metro_cities()  # last: "Lebanon" is the country, "Lebanon, PA" the metro
        self._keys = list(self.places)
        self._names = {k: p.name for k, p in self.places.items()}

    def _put(self, alias: str, place: Place) -> None:
        self.places.setdefault(normalise(alias), place)

    def _metro(self, code: str, assumption: str | None = None) -> Place:
        area = self.tables.areas[code]
        country = _TERRITORY_COUNTRY.get(area.state_code, "US")
        return Place(area.kind, area.name, code, country, assumption)

    def _add_nicknames(self) -> None:
        for word in NATIONAL_WORDS:
            self._put(word, NATIONAL)
        for word in REMOTE_WORDS:
            self._put(word, Place("remote", "Remote (US)", NATIONAL_AREA, "US"))
        for alias, (code, note) in METRO_ALIASES.items():
            if code in self.tables.areas:
                self._put(alias, self._metro(code, note))

    def _add_states(self) -> None:
        states = [a for a in self.tables.areas.values() if a.kind == "state"]
        abbrevs = _state_abbreviations(self.tables)
        for area in states:
            place = self._metro(area.code)
            self._put(area.name, place)
            self._put(f"{area.name} state", place)
            self._put(f"state of {area.name}", place)
        for abbrev, code in abbrevs.items():
            note = None
            country = self.tables.countries.get(abbrev.upper())
            if country and country != self.tables.areas[code].name:
                note = (
                    f"'{abbrev.upper()}' is read as the US state {self.tables.areas[code].name}; "
                    f"for {country} type the country's name."
                )
            self._put(abbrev, self._metro(code, note))

    def _add_metros(self) -> None:
        metros = sorted(
            (a for a in self.tables.areas.values() if a.kind == "metro"),
            key=lambda a: -(a.employment or 0),
        )
        # "Austin, Texas" as well as "Austin, TX": a letter writes the state's name.
        state_names = {
            USPS[a.state_code].lower(): a.name
            for a in self.tables.areas.values()
            if a.kind == "state" and a.state_code in USPS
        }
        for area in metros:
            self._put(area.name, self._metro(area.code))
            cities, states = _metro_parts(area.name)
            for city in cities:
                for state in states:
                    self._put(f"{city} {state}", self._metro(area.code))
                    if name := state_names.get(state.lower()):
                        self._put(f"{city} {name}", self._metro(area.code))

    def _add_metro_cities(self) -> None:
        metros = sorted(
            (a for a in self.tables.areas.values() if a.kind == "metro"),
            key=lambda a: -(a.employment or 0),
        )
        by_city: dict[str, list[str]] = {}
        for area in metros:
            for city in _metro_parts(area.name)[0]:
                by_city.setdefault(normalise(city), []).append(area.code)
        for city, codes in by_city.items():
            note = None
            if len(codes) > 1:  # largest first: "Portland" is Portland, OR
                note = (
                    f"'{city.title()}' is read as {self.tables.areas[codes[0]].name}, the "
                    "largest metro of that name; add the state for another."
                )
            self._put(city, self._metro(codes[0], note))

    def _add_countries(self) -> None:
        for code, name in self.tables.countries.items():
            if code == "US":
                continue
            place = Place("country", name, None, code)
            self._put(name, place)
            self._put(code, place)  # after the states: "CA" stays California
            for alias in COUNTRY_NICKNAMES.get(code, ()):
                self._put(alias, place)
            for city in COUNTRY_CITIES.get(code, ()):
                note = f"'{city.title()}' is read as {name}: aijobs.net has countries, not cities."
                self._put(city, Place("country", name, None, code, note))

    def resolve(self, text: str) -> Place:
        key = normalise(text)
        if not key:
            raise InputError(
                "The location is empty; give a US metro, a state, a country or 'remote'."
            )
        place = self.places.get(key)
        if place:
            return place
        named = self._city_and_country(text, key)
        if named:
            return named
        match = _fuzzy(key, self._keys)
        if match:
            found = self.places[match]
            note = f"Location '{text}' read as {found.name} (closest spelling)."
            return Place(
                found.kind,
                found.name,
                found.area_code,
                found.country,
                " ".join(n for n in (note, found.assumption) if n),
            )
        raise _did_you_mean(
            "location",
            text,
            _suggest(key, self._names),
            "'Seattle', 'NYC', 'Texas', 'remote' or 'Germany'",
        )

    def _city_and_country(self, text: str, key: str) -> Place | None:
        """'Sao Paulo, Brazil' is Brazil: a place that ends in a country's name is in that
        country, whatever city comes first, so a foreign city never drifts to a US place by
        spelling. 'Austin, USA' is Austin. None when the text ends in no country name."""
        words = key.split()
        for size in range(min(3, len(words) - 1), 0, -1):
            country = self.places.get(" ".join(words[-size:]))
            if country is None or country.kind not in ("country", "national"):
                continue
            if country.kind == "national":  # "Austin, USA": the rest names the US place
                rest = self.places.get(" ".join(words[:-size]))
                return rest if rest is not None and rest.is_us else None
            note = (
                f"'{text.strip()}' is read as {country.name}: aijobs.net has countries, not cities."
            )
            return Place("country", country.name, None, country.country, note)
        return None


def _metro_parts(name: str) -> tuple[list[str], list[str]]:
    """'Portland-Vancouver-Hillsboro, OR-WA' -> (['Portland', ...], ['OR', 'WA'])."""
    if ", " not in name:
        return [], []  # "... nonmetropolitan area": no principal city to name
    cities, states = name.rsplit(", ", 1)
    return (
        [c.strip() for c in re.split(r"[-/]+", cities) if c.strip()],
        [s.strip() for s in states.split("-") if s.strip()],
    )


# USPS codes by state FIPS code (the OEWS state_code).
USPS = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
    "66": "GU",
    "72": "PR",
    "78": "VI",
}


def _state_abbreviations(tables: MarketTables) -> dict[str, str]:
    """Postal code (lowercase) -> OEWS state area code."""
    return {
        USPS[a.state_code].lower(): a.code
        for a in tables.areas.values()
        if a.kind == "state" and a.state_code in USPS
    }


# ------------------------------------------------------------------ cached indexes


@functools.lru_cache(maxsize=8)
def role_index(tables: MarketTables) -> RoleIndex:
    return RoleIndex(tables.roles)


@functools.lru_cache(maxsize=8)
def place_index(tables: MarketTables) -> PlaceIndex:
    return PlaceIndex(tables)


def normalize_role(text: str, tables: MarketTables) -> RoleMatch:
    return role_index(tables).resolve(text)


def normalize_place(text: str, tables: MarketTables) -> Place:
    return place_index(tables).resolve(text)


# ------------------------------------------------------------------ premiums and mentions


def match_alias(text: str, aliases: dict[str, str]) -> str | None:
    """The key whose alias ``text`` names exactly or by a near-exact spelling."""
    key = normalise(text)
    if not key:
        return None
    if key in aliases:
        return aliases[key]
    match = _fuzzy(key, list(aliases)) if len(key) > 3 else None
    return aliases[match] if match else None


def fuzzy_alias(query: str, aliases: Sequence[str]) -> str | None:
    """The alias ``query`` is a typo of ("sofware enginer" -> "software engineer"), or None."""
    return _fuzzy(query, aliases)
