"""The one vocabulary: how people name roles, levels, places, employers, skills and domains.

The words are data (``knowledge/vocabulary/*.yaml``), read once and shared by the
market lookup, slot extraction, offer parsing, premiums, role-play and the UI, so a
name means the same thing everywhere. Every reader matches text after ``normalise``;
matching raw text with a cleaner of its own is how "Zürich" got lost before.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from coach.errors import DataError
from coach.resources import load_yaml, package_path

VOCABULARY_DIR = package_path("knowledge", "vocabulary")


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces, for matching names.

    Accents are folded, not dropped ("Zürich" -> "zurich", "São Paulo" -> "sao paulo"),
    "&" reads as "and", and any other punctuation separates words ("AI/ML Eng." ->
    "ai ml eng").
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("Ł", "l")
    ascii_text = folded.encode("ascii", "ignore").decode().lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


@functools.cache
def singular(word: str) -> str:
    """'engineers' -> 'engineer', 'offers' -> 'offer' ('boss' and 'gas' kept as written):
    plural words match the singular names."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _load(name: str, required: Iterable[str] = ()) -> dict[str, Any]:
    """The vocabulary file ``name``; each key in ``required`` must be there, not empty."""
    path = VOCABULARY_DIR / f"{name}.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"The vocabulary file {path.name} can't be read ({exc}).") from exc
    if not isinstance(data, dict):
        raise DataError(f"The vocabulary file {path.name} is not a mapping.")
    missing = [key for key in required if not data.get(key)]
    if missing:
        raise DataError(f"The vocabulary file {path.name} lacks {', '.join(missing)}.")
    return data


# ------------------------------------------------------------------ roles and levels


@functools.cache
def role_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical role -> the other names people use for it."""
    return {role: tuple(names) for role, names in _load("roles")["roles"].items()}


@functools.cache
def misspellings() -> dict[str, str]:
    """Common misspellings the speller's nearest-word rule reads as another word -> the word
    meant ("wich" -> "which", not "with")."""
    return {
        str(k): str(v) for k, v in _load("misspellings", ["misspellings"])["misspellings"].items()
    }


@functools.cache
def company_short_names() -> dict[str, str]:
    """Short names of employers -> the word their offers name them by ("msft" -> microsoft)."""
    data = _load("companies", ["short_names"])["short_names"]
    return {str(k): str(v) for k, v in data.items()}


@functools.cache
def not_tickers() -> frozenset[str]:
    """Common short words never read as a company's ticker ("the", "pay")."""
    return frozenset(str(w) for w in _load("companies", ["not_tickers"])["not_tickers"])


def ticker_of(short: str, name: str) -> bool:
    """Whether ``short`` reads as the stock ticker of the word ``name`` ("rblx" roblox, "nvda"
    nvidia): a few letters, one vowel at most, in order in the name, the first the same;
    never a common word ("the", "pay")."""
    if not 3 <= len(short) <= 5 or len(re.findall(r"[aeiouy]", short)) > 1:
        return False
    if short in not_tickers() or len(name) <= len(short) or name[0] != short[0]:
        return False
    rest = iter(name)
    return all(letter in rest for letter in short)


@functools.cache
def role_abbreviations() -> dict[str, str]:
    return dict(_load("roles")["abbreviations"])


@functools.cache
def _title_words(key: str) -> frozenset[str]:
    """One of roles.yaml's word lists about job titles, normalised."""
    return frozenset(normalise(w) for w in _load("roles")[key])


def title_heads() -> frozenset[str]:
    """Last words of job titles, known to the market or not ("designer", "nurse")."""
    return _title_words("title_heads")


def title_not_words() -> frozenset[str]:
    """Words never part of a job's name ("someone", "the average", "year")."""
    return _title_words("title_not_words")


def title_lead_words() -> frozenset[str]:
    """Words that may open a title's phrase and are not part of it ("the average")."""
    return _title_words("title_lead_words")


def title_owners() -> frozenset[str]:
    """Words that make a title a person ("my manager"), not a job asked about."""
    return _title_words("title_owners")


@functools.cache
def short_roles_in_messages() -> frozenset[str]:
    return frozenset(_load("roles")["short_in_messages"])


@dataclass(frozen=True, slots=True)
class Ladder:
    note: str
    steps: dict[int, str]  # step number -> level code


@dataclass(frozen=True, slots=True)
class LevelVocabulary:
    labels: dict[str, str]  # EN | MI | SE | EX -> label
    words: dict[str, tuple[str, ...]]  # level code -> words that name it
    above_senior: tuple[str, ...]
    above_senior_note: str
    ladders: dict[str, Ladder]
    roman: dict[str, str]
    roman_note: str


@functools.cache
def levels() -> LevelVocabulary:
    data = _load("levels")
    return LevelVocabulary(
        labels=dict(data["labels"]),
        words={code: tuple(words) for code, words in data["words"].items()},
        above_senior=tuple(data["above_senior"]),
        above_senior_note=data["above_senior_note"],
        ladders={
            prefix: Ladder(ladder["note"], {int(k): v for k, v in ladder["steps"].items()})
            for prefix, ladder in data["ladders"].items()
        },
        roman=dict(data["roman"]),
        roman_note=data["roman_note"],
    )


# ------------------------------------------------------------------ places


@dataclass(frozen=True, slots=True)
class PlaceVocabulary:
    metros: dict[str, tuple[str, str | None]]  # nickname -> (OEWS area code, note)
    national: tuple[str, ...]
    remote: tuple[str, ...]
    country_nicknames: dict[str, tuple[str, ...]]  # ISO code -> names
    country_cities: dict[str, tuple[str, ...]]  # ISO code -> big cities
    short_in_messages: frozenset[str]
    not_places: frozenset[str]


@functools.cache
def places() -> PlaceVocabulary:
    data = _load("places")
    notes = data.get("notes", {})
    return PlaceVocabulary(
        metros={
            name: (str(entry["area"]), notes.get(entry.get("note"), entry.get("note")))
            for name, entry in data["metros"].items()
        },
        national=tuple(data["national"]),
        remote=tuple(data["remote"]),
        country_nicknames={k: tuple(v) for k, v in data["country_nicknames"].items()},
        country_cities={k: tuple(v) for k, v in data["country_cities"].items()},
        short_in_messages=frozenset(data["short_in_messages"]),
        not_places=frozenset(data["not_places"]),
    )


# ------------------------------------------------------------------ currencies


@dataclass(frozen=True, slots=True)
class CurrencyVocabulary:
    marks: re.Pattern[str]  # every symbol, code and name, longest first, then a bare "$"
    codes: dict[str, str]  # a mark or name, lower case with single spaces -> ISO code
    by_country: dict[str, str]  # ISO country -> ISO currency
    scale: dict[str, float]  # ISO code -> rough units per US dollar (sanity bounds only)
    signs: dict[str, str]  # ISO code -> how an amount is written ("£"); else the code


@functools.cache
def currencies() -> CurrencyVocabulary:
    data = _load("currencies")
    codes: dict[str, str] = {}
    by_country: dict[str, str] = {}
    for code, entry in data["currencies"].items():
        for mark in (*entry.get("symbols", ()), *entry.get("words", ())):
            codes[" ".join(mark.lower().split())] = code
        for country in entry.get("countries", ()):
            by_country[country] = code
    scale = {code: float(entry.get("scale", 1)) for code, entry in data["currencies"].items()}
    signs = {code: entry["sign"] for code, entry in data["currencies"].items() if "sign" in entry}
    parts = []
    for mark in sorted(codes, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(word) for word in mark.split())
        # Letters must stand alone ("CAD", not the start of "CADENCE"; "Rs." not "years.").
        before = r"(?<![a-z])" if mark[0].isalpha() else ""
        after = r"(?![a-z])" if mark[-1].isalpha() else ""
        parts.append(f"{before}{escaped}{after}")
    parts.append(re.escape(data["dollar_sign"]))
    return CurrencyVocabulary(
        re.compile("|".join(parts), re.IGNORECASE), codes, by_country, scale, signs
    )


# ------------------------------------------------------------------ employers


@dataclass(frozen=True, slots=True)
class EmployerKind:
    key: str  # the value offers and scenarios store ("ai_lab")
    label: str  # how it is shown ("AI lab")
    aliases: tuple[str, ...]  # names that say the type anywhere
    loose: tuple[str, ...]  # bare words that name it in conversation, not in an offer


@functools.cache
def employer_kinds() -> tuple[EmployerKind, ...]:
    return tuple(
        EmployerKind(key, entry["label"], tuple(entry["aliases"]), tuple(entry.get("loose", ())))
        for key, entry in _load("employers")["types"].items()
    )


def employer_labels() -> list[str]:
    """The employer types as people see them, in the playbook's order (UI choices)."""
    return [kind.label for kind in employer_kinds()]


@functools.cache
def employer_names(*, loose: bool) -> dict[str, str]:
    """Normalised name -> employer type key: the aliases, plus the loose words if asked."""
    table: dict[str, str] = {}
    for kind in employer_kinds():
        for name in (kind.key.replace("_", " "), kind.label, *kind.aliases):
            table.setdefault(normalise(name), kind.key)
        if loose:
            for name in kind.loose:
                table.setdefault(normalise(name), kind.key)
    return table


@functools.cache
def employer_field_only() -> frozenset[str]:
    return frozenset(normalise(w) for w in _load("employers").get("field_only", ()))


@functools.cache
def private_company_words() -> tuple[str, ...]:
    """Funding stages and the like (seed, Series A-E, pre-IPO): a private company."""
    return tuple(_load("employers")["private_company"])


def private_company_named(text: str) -> str | None:
    """The funding stage or ownership phrase in ``text`` that means a private company."""
    return _named(text, private_company_words())


def public_company_named(text: str) -> str | None:
    """The phrase in ``text`` that says the company is listed ("NASDAQ", "public co")."""
    return _named(text, tuple(_load("employers")["public_company"]))


def _named(text: str, words: tuple[str, ...]) -> str | None:
    padded = f" {normalise(text)} "
    for word, folded in _longest_first(words):
        if f" {folded} " in padded:
            return word
    return None


@functools.cache
def _longest_first(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((w, normalise(w)) for w in sorted(words, key=len, reverse=True))


# ------------------------------------------------------------------ skills and domains


@functools.cache
def skill_aliases() -> dict[str, tuple[str, ...]]:
    return {key: tuple(names) for key, names in _load("domains")["skills"].items()}


@functools.cache
def domain_aliases() -> dict[str, tuple[str, ...]]:
    return {key: tuple(names) for key, names in _load("domains")["domains"].items()}


@functools.cache
def domain_field_only() -> frozenset[str]:
    return frozenset(normalise(w) for w in _load("domains").get("field_only", ()))


def names_table(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised name (the key itself included) -> key, first meaning kept."""
    table: dict[str, str] = {}
    for key, names in aliases.items():
        for name in (key, *names):
            table.setdefault(normalise(name), key)
    return table


# ------------------------------------------------------------------ the evidence pack


@dataclass(frozen=True, slots=True)
class EvidenceVocabulary:
    """The words the evidence-pack checks read (knowledge/vocabulary/evidence.yaml),
    each normalised; phrases of several words are kept as they are."""

    buzzwords: frozenset[str]
    filler: frozenset[str]
    generic_tools: frozenset[str]
    tools: frozenset[str]
    outcome_words: frozenset[str]
    output_words: frozenset[str]
    metrics: frozenset[str]
    portability_reasons: frozenset[str]
    placeholders: frozenset[str]
    lock_in: frozenset[str]
    negations: frozenset[str]
    empty_answers: frozenset[str]
    skill_claims: frozenset[str]


@functools.cache
def evidence_words() -> EvidenceVocabulary:
    fields = EvidenceVocabulary.__dataclass_fields__
    data = _load("evidence", required=fields)
    return EvidenceVocabulary(
        **{name: frozenset(normalise(str(w)) for w in data[name]) for name in fields}
    )


@dataclass(frozen=True, slots=True)
class InterviewVocabulary:
    """The chat's evidence-pack interview (knowledge/vocabulary/evidence_interview.yaml):
    the requests that start it, and the words, said alone, that stop it, keep an answer
    below the bar, or skip the optional second workflow (normalised)."""

    start: tuple[re.Pattern[str], ...]
    stop: frozenset[str]
    keep: frozenset[str]
    skip: frozenset[str]


@functools.cache
def interview_words() -> InterviewVocabulary:
    data = _load("evidence_interview", required=("start", "stop", "keep", "skip"))
    try:
        start = tuple(re.compile(str(p), re.IGNORECASE) for p in data["start"])
    except re.error as exc:
        raise DataError(f"evidence_interview.yaml: a start pattern is not valid ({exc}).") from exc
    return InterviewVocabulary(
        start=start,
        **{k: frozenset(normalise(str(w)) for w in data[k]) for k in ("stop", "keep", "skip")},
    )
