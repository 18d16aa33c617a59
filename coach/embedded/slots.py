"""Slots from a message, by deterministic parsers: role, level, place, money, skills, employer.

Roles, levels and places are found by matching word n-grams of the message
against the market data's own alias tables, so the offline coach understands
exactly the names the salary lookup understands. Money comes from coach.money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from coach.money import Amount, find_amounts

MAX_NGRAM = 5
SHORT_PLACES = {"sf", "la", "dc", "uk", "us"}
SKILL_WORDS = {
    "rag": "rag",
    "retrieval augmented generation": "rag",
    "fine tuning": "fine-tuning",
    "fine-tuning": "fine-tuning",
    "finetuning": "fine-tuning",
    "rlhf": "rlhf",
    "mlops": "mlops",
    "ml ops": "mlops",
    "deployment at scale": "mlops",
}
DOMAIN_WORDS = {
    "fintech": "fintech",
    "finance": "fintech",
    "healthcare": "healthcare",
    "health care": "healthcare",
    "autonomous": "autonomous systems",
    "self driving": "autonomous systems",
    "robotics": "autonomous systems",
}
EMPLOYER_WORDS = {
    "ai lab": "AI lab",
    "lab": "AI lab",
    "scale up": "AI-native scale-up",
    "scaleup": "AI-native scale-up",
    "startup": "AI-native scale-up",
    "ai native": "AI-native scale-up",
    "big tech": "big-tech AI org",
    "faang": "big-tech AI org",
    "public company": "AI-forward public company",
}
# Two capital letters read as a place code ("WA", "NY") unless they are tech shorthand:
# "the senior ML role" is not in Mali.
TECH_ACRONYMS = {"ml", "ai", "it", "qa", "ui", "ux", "hr", "pm", "em", "ds", "cv", "bi", "os"}
CURRENT_PAY = re.compile(
    r"\b(i (currently )?(make|earn|get paid|am paid|'m paid)|my current (salary|base|pay)|"
    r"currently (make|earn|on)|i'm on|i am on)\b",
    re.IGNORECASE,
)
FLOOR = re.compile(r"\b(floor|walk[- ]away|minimum|at least|lowest i('d| would) accept)\b", re.I)


@dataclass(frozen=True)
class Slots:
    role: str | None = None
    level: str | None = None
    location: str | None = None
    skills: tuple[str, ...] = ()
    domain: str | None = None
    employer_type: str | None = None
    amounts: tuple[int, ...] = ()
    current_base: int | None = None
    floor: int | None = None
    offer_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def merged_over(self, older: Slots) -> Slots:
        """These slots, with anything they lack carried over from ``older``."""
        values = {}
        for name in (
            "role",
            "level",
            "location",
            "domain",
            "employer_type",
            "current_base",
            "floor",
            "offer_text",
        ):
            values[name] = (
                getattr(self, name) if getattr(self, name) is not None else getattr(older, name)
            )
        values["skills"] = self.skills or older.skills
        return replace(self, **values)

    @property
    def has_market_slot(self) -> bool:
        return any((self.role, self.level, self.location, self.skills, self.domain))


def clean(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", text.lower()).strip()


def _ngrams(words: list[str]) -> list[tuple[int, int, str]]:
    grams = []
    for size in range(MAX_NGRAM, 0, -1):
        for start in range(len(words) - size + 1):
            grams.append((start, start + size, " ".join(words[start : start + size])))
    return grams


def _find(words: list[str], table: dict[str, Any], taken: set[int]) -> tuple[Any, str] | None:
    """The longest n-gram found in ``table`` that does not overlap words already used."""
    for start, end, gram in _ngrams(words):
        if gram in table and not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            return table[gram], gram
    return None


@cache
def _market_vocab() -> tuple[dict[str, str], dict[str, Any], dict[str, Any], dict[str, Any]]:
    from coach.market.normalize import LEVEL_WORDS, place_index, role_index
    from coach.market.tables import load_tables

    tables = load_tables()
    roles = {k: v for k, v in role_index(tables).aliases.items() if len(k) > 2 or k in {"ds", "pm"}}
    # Two-letter place codes ("in", "hi", "me", "or") are everyday words: kept only for
    # the well-known city short forms, or when the user types them in capitals.
    places = {
        k: v for k, v in place_index(tables).places.items() if len(k) > 2 or k in SHORT_PLACES
    }
    short = {k: v for k, v in place_index(tables).places.items() if len(k) == 2}
    return roles, dict(LEVEL_WORDS), places, short


def _keyword(text: str, table: dict[str, str]) -> list[str]:
    padded = f" {clean(text)} "
    return list(dict.fromkeys(v for k, v in table.items() if f" {k} " in padded))


def _singular(word: str) -> str:
    """'engineers' -> 'engineer', so plural questions match the singular aliases."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# "I'm Austin", "my name is Lakisha Washington": a name that is also a place must not
# become the location, or the figures would depend on the user's name.
SELF_NAME = re.compile(
    r"\b(?:[Ii]'m|[Ii] am|[Mm]y name is|[Tt]his is|[Cc]all me)\s+"
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)"
)


def _without_self_names(text: str) -> str:
    roles, levels, _places, _short = _market_vocab()

    def strip(match: re.Match[str]) -> str:
        first = clean(match.group(1)).split()[0]
        if first in levels or any(alias.startswith(first) for alias in roles):
            return match.group(0)  # "I'm Senior ML engineer": a level, not a name
        return match.group(0)[: match.start(1) - match.start(0)]

    return SELF_NAME.sub(strip, text)


def _amount_after(text: str, phrase: re.Pattern[str], found: list[Amount]) -> int | None:
    """The amount that follows the phrase most closely ("my current base is 150k"), or
    else the one just before it ("150k is what I make now"), within one sentence."""
    best: tuple[int, int] | None = None
    for match in phrase.finditer(text):
        for amount in found:
            if amount.start >= match.end():
                gap = amount.start - match.end()
            else:
                gap = (match.start() - amount.end) * 2  # after the phrase is the usual order
            between = text[min(amount.end, match.end()) : max(amount.start, match.start())]
            same_sentence = not re.search(r"[.!?;]\s", between)
            if gap >= 0 and same_sentence and (best is None or gap < best[0]):
                best = (gap, amount.value)
    return best[1] if best else None


def extract(text: str) -> Slots:
    text = _without_self_names(text)
    roles, levels, places, short = _market_vocab()
    words = [_singular(w) for w in clean(text).split()]
    capitals = {clean(w) for w in re.findall(r"\b[A-Z]{2}\b", text)} - TECH_ACRONYMS
    places = places | {k: v for k, v in short.items() if k in capitals}
    taken: set[int] = set()
    role = _find(words, roles, taken)
    level = _find(words, {k: k for k in levels if len(k) > 1}, taken)
    place = _find(words, places, taken)
    found = [a for a in find_amounts(text) if a.explicit]
    amounts = tuple(a.value for a in found)
    current = _amount_after(text, CURRENT_PAY, found)
    floor = _amount_after(text, FLOOR, found)
    employer = _keyword(text, EMPLOYER_WORDS)
    domains = _keyword(text, DOMAIN_WORDS)
    return Slots(
        role=role[1] if role else None,
        level=level[1] if level else None,
        location=place[1] if place else None,
        skills=tuple(_keyword(text, SKILL_WORDS)),
        domain=domains[0] if domains else None,
        employer_type=employer[0] if employer else None,
        amounts=amounts,
        current_base=current,
        floor=floor,
    )
