"""What a message says, read by deterministic parsers: role, level, place, money, skills,
domain, employer type, and whether it states an offer.

One reading shared by the offline coach and by the remembered facts (coach.memory),
so both understand a message the same way. Roles, levels and places are found by
matching word n-grams of the message against the market's own alias tables, and
skills, domains and employer types against the vocabulary, all after the one
normaliser: the offline coach understands exactly the names the salary lookup does
("Zürich" included). Money comes from coach.money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

import frontmatter
from rapidfuzz.distance import DamerauLevenshtein

from coach.market.normalize import (
    LEVEL_LABELS,
    LEVEL_WORDS,
    fuzzy_alias,
    next_level_code,
    place_index,
    role_index,
)
from coach.market.tables import load_tables
from coach.minilm import english_words
from coach.money import Amount, find_amounts
from coach.offers.parse import SIGN_ON_WORDS
from coach.offers.tradeoff_read import completes, tradeoff_question
from coach.offers.what_if import ChangedOffer, changed_in_parts, offer_with_share_price

# For the offline coach, which imports no offers module: "doubled the rsus" is a change,
# and "it" in "and if instead it goes up 25%" is the stock a what-if just moved.
from coach.offers.what_if import moved_the_stock as moved_the_stock
from coach.offers.what_if import says_a_factor as says_a_factor
from coach.offers.what_if import stock_named as stock_named
from coach.resources import KNOWLEDGE_DIR, PROMPTS_DIR, load_yaml
from coach.spelling import Speller
from coach.vocabulary import (
    domain_aliases,
    domain_field_only,
    employer_field_only,
    employer_kinds,
    employer_names,
    levels,
    misspellings,
    names_table,
    normalise,
    places,
    role_abbreviations,
    short_roles_in_messages,
    singular,
    skill_aliases,
    title_heads,
    title_lead_words,
    title_not_words,
    title_owners,
)

MAX_NGRAM = 5
CURRENT_PAY = re.compile(
    r"\b(i (currently )?(make|earn|get paid|am paid|'m paid)|my current (salary|base|pay)|"
    r"currently (make|earn|on|at|earning|making|getting|paid)|(i'm|i’m|im|i am) (on|at)|"
    r"(i'm|i’m|im|i am) (currently )?(making|earning|getting)|"
    r"(making|earning) \S+ (now|right now|currently|today)|my (salary|base|pay|comp) (is|now))\b",
    re.IGNORECASE,
)
FLOOR = re.compile(
    r"\b(floor|walk[- ]?away|minimum|at least|lowest i('d| would) accept|"
    r"(for|take|accept|move|budge|go) (anything )?(less than|below|under))\b",
    re.I,
)
# Words that say the money is an offer, not a target or a wish ("is 150k base a lowball?").
OFFER_WORDS = re.compile(r"(?i)\b(offer(ed|s|ing)?|package|low[- ]?ball(ed|ing)?)\b")
# Words that name a part of an offer.
# The parts of an offer: two named with money make a message an offer. "valuation" is one
# ("145k base, 0.25% at a $60M valuation": a stake priced at it).
OFFER_LABELS = (
    "base",
    "bonus",
    "rsu",
    "equity",
    "sign-on",
    "signing",
    "stock",
    "options",
    "opts",
    "strike",
    "valuation",
)


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


def asks_a_tradeoff(text: str) -> bool:
    """A question weighing two alternatives of pay ("a $30k sign-on or $10k more base?",
    "I have 180k base... swap the sign-on for +12k base?"): a question, not an offer."""
    return tradeoff_question(text) is not None


def weighs_figures(text: str) -> bool:
    """Whether ``text`` weighs a trade-off whose sides carry figures (TradeoffQuestion.priced)."""
    question = tradeoff_question(text)
    return question is not None and question.priced


def completes_a_tradeoff(question: str, reply: str) -> bool:
    """A reply that gives an earlier trade-off question what it lacked ("my base is 140k")."""
    return completes(question, reply)


@cache
def _pay_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word beginnings) from pay_words.yaml ("comp$" is the word alone)."""
    data = load_yaml((KNOWLEDGE_DIR / "embedded" / "pay_words.yaml").read_text("utf-8"))
    entries = [str(w) for w in data["stems"]]
    whole = frozenset(normalise(w[:-1]) for w in entries if w.endswith("$"))
    return whole, tuple(normalise(w) for w in entries if not w.endswith("$"))


def about_pay(text: str) -> bool:
    """Whether a message speaks of pay or its negotiation, typos allowed ("negotating"):
    such a message is never off-topic, however far its wording is from the examples."""
    whole, stems = _pay_words()
    said = normalise(text)
    # A phrase ("cost of living") is matched at a word start; single stems word by word.
    if any(f" {stem}" in f" {said}" for stem in stems if " " in stem):
        return True
    for word in said.split():
        if word in whole or any(word.startswith(stem) for stem in stems):
            return True
        if len(word) >= 6 and any(_misspelt_start(word, stem) for stem in stems if len(stem) >= 5):
            return True
    return False


def _misspelt_start(word: str, stem: str) -> bool:
    """Whether ``word`` begins with ``stem`` give or take one typo (a letter dropped,
    added, swapped or changed)."""
    return any(
        DamerauLevenshtein.distance(word[:size], stem) <= 1
        for size in (len(stem) - 1, len(stem), len(stem) + 1)
    )


def offer_with_change(offer_text: str, change: str) -> ChangedOffer | None:
    """The offer with the one figure a follow-up names ("what if it were 190k?"), or with
    the share price it adds ("they said preferred is around 4.80")."""
    # A share price first: "stock trades around $142" names the stock and a figure, which
    # would otherwise be read as a new grant value.
    return offer_with_share_price(offer_text, change) or changed_in_parts(offer_text, change)


# The sign-on's words, as the offer reader reads them (for what a message asks about it).
SIGN_ON_NAMED = re.compile(rf"(?i){SIGN_ON_WORDS}")


_BARE_FIGURE = re.compile(r"\b\d{2,3}(?:\.\d)?\b(?!\s*%)")  # a percent is no amount


def names_offer_parts(text: str) -> bool:
    """Two or more parts of an offer, each with a figure, even written without "k"
    ("base 140, stock 30/yr, bonus 10%"): the offer reader will read or ask about them."""
    return labels_named(text) >= 2 and bool(_BARE_FIGURE.search(text))


# A sign-on said with its "bonus" ("a 40k signing bonus") is one part, not a sign-on and a bonus.
_SIGN_ON_BONUS = re.compile(r"(?i)\bsign\w*[- ]?(?:on)?\s+bonus\b")


def labels_named(text: str) -> int:
    """How many of an offer's parts ``text`` names."""
    # "a 40k signing bonus", "26k sign on", "s/o": one part, the sign-on
    lowered = SIGN_ON_NAMED.sub("sign-on", _SIGN_ON_BONUS.sub("sign-on", text.lower()))
    return sum(1 for label in OFFER_LABELS if label in lowered)


def states_an_offer(text: str, slots: Slots) -> bool:
    """Money beyond the user's own pay and floor, said as an offer ("they offered...") or
    as several parts of one ("185k base, 15% bonus"): "my target is 200k base" is not, nor
    is a trade-off question pricing its sides, even one that restates the offer first."""
    offered = offered_amounts(text, slots)
    labelled = labels_named(text)
    stated = bool(offered) and (bool(OFFER_WORDS.search(text)) or labelled >= 2)
    # "…should i push for more options or base?" after an offer weighs no figures: that
    # offer is stated, the question asked beside it
    return stated and not weighs_figures(text)


def offered_amounts(text: str, slots: Slots) -> set[int]:
    """The money in ``text`` that is neither the person's pay, nor their floor, nor a gap
    between two figures ("20k more"): what an offer could be made of."""
    return set(slots.amounts) - {slots.current_base, slots.floor} - _differences(text)


# Money said as a gap, not an amount: "20k more", "a bit higher … like 20k", "a 15k bump".
_GAP_BEFORE = re.compile(
    r"(?i)\b(?:more|higher|lower|less|extra|bump|difference|gap|raise|increase|by)\b"
    r"(?:(?!offer)[^.!:;\d]){0,30}$"
)
_GAP_AFTER = re.compile(r"(?i)^\s*(?:more|higher|lower|less|extra|bump)\b")
# "a raise to 135k", "bumped it up to 160k": the figure after "to" is the amount itself.
_NEW_AMOUNT = re.compile(r"(?i)\bto\s*$")


def _differences(text: str) -> set[int]:
    """The amounts ``text`` gives as a difference between two others."""
    found = set()
    for amount in find_amounts(text):
        before = text[: amount.start]
        gap = _GAP_BEFORE.search(before) and not _NEW_AMOUNT.search(before)
        if amount.explicit and (gap or _GAP_AFTER.match(text[amount.end :])):
            found.add(amount.value)
    return found


def _ngrams(words: list[str]) -> list[tuple[int, int, str]]:
    grams = []
    for size in range(MAX_NGRAM, 0, -1):
        for start in range(len(words) - size + 1):
            grams.append((start, start + size, " ".join(words[start : start + size])))
    return grams


# Before a place: "in seatle", "based out of chicgo". A typo'd word is read as a place
# only after one of these, so "parts" or "dallas-style" never become a city by accident.
PLACE_CUES = frozenset(
    {"in", "at", "near", "around", "from", "to", "for", "of", "based", "working", "work", "fully"}
)
# After a typo'd level word: the role, or "level" itself ("staf level", "senoir data ...").
LEVEL_CUES = frozenset({"level", "lvl", "role", "position", "engineer", "scientist"})
# Fuzzy candidates are only words a name could be made of: not these.
NOT_NAME_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "in",
        "at",
        "on",
        "to",
        "of",
        "for",
        "with",
        "what",
        "how",
        "much",
        "does",
        "do",
        "is",
        "are",
        "i",
        "me",
        "my",
        "we",
        "you",
        "your",
        "they",
        "them",
        "it",
        "this",
        "that",
        "make",
        "makes",
        "making",
        "paid",
        "pay",
        "get",
        "gets",
        "earn",
        "earns",
        "salary",
        "salaries",
        "about",
        "like",
        "should",
        "would",
        "could",
        "can",
    }
)


def _find(words: list[str], table: dict[str, Any], taken: set[int]) -> tuple[Any, str] | None:
    """The longest n-gram found in ``table`` that does not overlap words already used."""
    for start, end, gram in _ngrams(words):
        if gram in table and not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            return table[gram], gram
    return None


def _fuzzy_find(
    words: list[str],
    table: dict[str, Any],
    kind: str,
    taken: set[int],
    *,
    sizes: tuple[int, ...],
    cue: Any,
) -> tuple[Any, str] | None:
    """The longest n-gram of ``sizes`` words that is a typo of a key of ``table`` (the
    message table named ``kind``: see _typo_keys) ("machine lerning enginers", "seatle"),
    where ``cue(start, end)`` allows it.

    Typos are read only where a name is expected (the cue), and only word by word
    within a small edit distance (coach.market.normalize): a guess elsewhere would put
    figures on a role or a city the person never named."""
    keys = _typo_keys(kind)
    for size in sorted(sizes, reverse=True):
        for start in range(len(words) - size + 1):
            end = start + size
            gram_words = words[start:end]
            if taken.intersection(range(start, end)) or any(
                w in NOT_NAME_WORDS for w in gram_words
            ):
                continue
            if not cue(start, end) or all(w in _known_words() for w in gram_words):
                continue
            alias = fuzzy_alias(" ".join(gram_words), keys.get(size, ()))
            if alias is not None:
                taken.update(range(start, end))
                return table[alias], alias
    return None


@cache
def _prose_words() -> tuple[str, ...]:
    """Every word of the playbook's prose and of the coach's prompts, as often as used.
    Not the playbook's front matter: its questions keep users' typos ("enginer")."""
    words: list[str] = []
    for folder in (KNOWLEDGE_DIR / "playbook", PROMPTS_DIR):
        for path in sorted(folder.rglob("*.md")):
            text = frontmatter.loads(path.read_text(encoding="utf-8")).content
            words += normalise(text).split()
    return tuple(words)


@cache
def _known_words() -> frozenset[str]:
    """Words spelt right: the embedding model's English word list, and every word of the
    playbook's prose and of the coach's own prompts.

    A word found there ("parts", "developed", "stuff") is a word, not a misspelt city,
    role or level, so it is never read as a typo of one."""
    return frozenset(english_words()) | frozenset(_prose_words())


# Words this short are corrected in a message ("ofer", "stok"): the coach's own words
# outnumber their neighbours by far ("offer" against "over"), which the speller requires.
MESSAGE_MIN_LEN = 4


@cache
def _message_speller() -> Speller:
    """Corrections toward the words the coach itself uses: the playbook's prose, its
    prompts, and the real words of the intent examples (never their typos)."""
    roles, levels, places, _short = _market_vocab()
    names = {
        w
        for table in (roles, levels, places, _message_tables()[0])
        for k in table
        for w in k.split()
    }
    # Names the market knows, and their plurals, are never corrected ("mles" is not
    # "miles"); nor are words corrected towards them: a city's typo is read where a city
    # is expected (_fuzzy_find).
    names |= {f"{w}s" for w in names}
    english = english_words()
    dictionary = english | names
    words = list(_prose_words())
    prose = frozenset(words)
    for path in sorted((KNOWLEDGE_DIR / "embedded").glob("intent*.yaml")):
        said = normalise(path.read_text(encoding="utf-8")).split()
        words += [w for w in said if w in english or w in prose]
    return Speller(words, dictionary, min_len=MESSAGE_MIN_LEN, known=misspellings())


@lru_cache(maxsize=1024)  # every turn hears the thread's earlier messages again
def heard(text: str) -> str:
    """The message with its misspelt words read as the coach's words ("can you evalute my
    ofer" -> "can you evaluate my offer"): what the intent is read from. Figures, names
    and real words are kept as written; slots are read from the message itself."""
    return _message_speller().correct(text)


@cache
def _typo_keys(kind: str) -> dict[int, list[str]]:
    """The keys of 4+ letters of a message table ("roles", "levels", "places", "skills"),
    grouped by word count: what a typo is compared with (typos of short codes are noise)."""
    roles, _levels, found_places, _short = _market_vocab()
    tables = {
        "roles": roles,
        "levels": _level_table(),
        "places": found_places,
        "skills": _message_tables()[0],
        "domains": _message_tables()[1],
    }
    grouped: dict[int, list[str]] = {}
    for key in tables[kind]:
        if len(key) >= 4:
            grouped.setdefault(len(key.split()), []).append(key)
    return grouped


@cache
def _market_vocab() -> tuple[dict[str, str], dict[str, Any], dict[str, Any], dict[str, Any]]:
    tables = load_tables()
    short_roles = short_roles_in_messages()
    roles = {k: v for k, v in role_index(tables).aliases.items() if len(k) > 2 or k in short_roles}
    # A message's words are read in the singular ("engineers"): so are the names, or a name
    # ending in "s" ("analytics engineer") could never match.
    roles |= {" ".join(singular(w) for w in k.split()): v for k, v in list(roles.items())}
    # A message's role words are read with their abbreviations expanded ("eng" -> engineer),
    # so are the names, or a name with one in it ("eng manager") could never match.
    roles |= {
        " ".join(_ROLE_WORD_ABBREVIATIONS.get(w, w) for w in k.split()): v
        for k, v in list(roles.items())
    }
    # Two-letter place codes ("in", "hi", "me", "or") are everyday words: kept only for
    # the well-known city short forms, or when the user types them in capitals.
    short_places = places().short_in_messages
    index = place_index(tables)
    found = {k: v for k, v in index.places.items() if len(k) > 2 or k in short_places}
    short = {k: v for k, v in index.places.items() if len(k) == 2}
    return roles, dict(LEVEL_WORDS), found, short


@cache
def _message_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Skill, domain and employer-type names to look for inside a sentence."""
    skills = names_table(skill_aliases())
    field_only = domain_field_only()
    domains = {k: v for k, v in names_table(domain_aliases()).items() if k not in field_only}
    labels = {kind.key: kind.label for kind in employer_kinds()}
    employers = {
        name: labels[key]
        for name, key in employer_names(loose=True).items()
        if name not in employer_field_only() and key != "other"
    }
    return skills, domains, employers


def _keyword(text: str, table: dict[str, str]) -> list[str]:
    padded = f" {normalise(text)} "
    return list(dict.fromkeys(v for k, v in table.items() if f" {k} " in padded))


def _misspelt_keywords(
    words: list[str], table: dict[str, str], taken: set[int], kind: str = "skills"
) -> list[str]:
    """Skills or domains written with a typo ("fine-tunning", "fintec"): every one."""
    found: list[str] = []
    seen = set(taken)
    while hit := _fuzzy_find(words, table, kind, seen, sizes=(3, 2, 1), cue=lambda _s, _e: True):
        found.append(hit[0])
    return found


# "I'm Austin", "my name is Lakisha Washington": a name that is also a place must not
# become the location, or the figures would depend on the user's name.
SELF_NAME = re.compile(
    r"\b(?:[Ii]'m|[Ii] am|[Mm]y name is|[Tt]his is|[Cc]all me)\s+"
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)"
)


def _without_self_names(text: str) -> str:
    roles, levels, _places, _short = _market_vocab()

    def strip(match: re.Match[str]) -> str:
        first = normalise(match.group(1)).split()[0]
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


@cache
def _level_table() -> dict[str, str]:
    """Level words to look for in a message: "head" only as "head of" ("my head is
    spinning" names no level)."""
    _roles, levels, _places, _short = _market_vocab()
    return {k: k for k in levels if len(k) > 1 and k not in MESSAGE_LEVEL_EXCLUDED}


# "what does a UX designer in Denver make?": the words between the article and the verb
# name the job, whatever it is; elsewhere only a phrase ending in a title word does.
_PAY_OF = re.compile(
    r"(?i)\b(?:what|wat|whats|what's|what is|how much(?: money)?|hw much|how mcuh)\s+"
    r"(?:(?:does|do|did|would|will|can|could|should|might)\s+)?"
    r"(?:an?\s+|the\s+)?(?P<title>[a-z][\w/+&. -]{0,48}?)\s+"
    r"(?:makes?|earns?|get\s+paid|gets\s+paid|be\s+paid|take\s+home|pull\s+in|bring\s+in"
    r"|command)\b"
)
# "UX designer salary in Denver", "pay for a nurse in Ohio": a phrase ending in a title word.
_TITLE_PHRASES = (
    re.compile(
        r"(?i)\b(?P<title>[a-z][\w/+&-]*(?:\s+[a-z][\w/+&-]*){0,3})\s+"
        r"(?:salar(?:y|ies)|pay|wages?)\b"
    ),
    re.compile(
        r"(?i)\b(?:salar(?:y|ies)|pay|wages?|comp|compensation|(?:going\s+)?rate)"
        r"(?:\s+(?:range|like|band))?\s+(?:for|of)\s+(?P<article>an?\s+)?"
        r"(?P<title>[a-z][\w/+&-]*(?:\s+[a-z][\w/+&-]*){0,3})"
    ),
)
# Where a job's name ends and the rest of the question begins.
_TITLE_END = re.compile(
    r"(?i)(?:\s+(?:in|at|on|of|from|with|for|near|around|working|who|that)\b|\s*[,(?]).*"
)


def unknown_title(text: str) -> str | None:
    """A job ``text`` names that no role table knows ("UX designer", "astronaut"), in the
    words typed, level words left out; None when it names none, or only a known role."""
    said = _without_self_names(text)
    found: list[str] = []
    if match := _PAY_OF.search(said):
        found.append(_TITLE_END.sub("", match.group("title")))
    heads, not_titles = title_heads(), title_not_words()
    for match in (m for phrase in _TITLE_PHRASES for m in phrase.finditer(said)):
        words = normalise(_TITLE_END.sub("", match.group("title"))).split()
        # "pay for a scrum master": after "for a", the words name a job whatever they are;
        # elsewhere a title word must end them ("tell the recruiter my current salary").
        named = "article" in match.groupdict() and match.group("article") is not None
        if not words or not (named or singular(words[-1]) in heads):
            continue
        # The title runs back from its last word to the first word that can't be in one.
        start = len(words) - 1
        while start > 0 and words[start - 1] not in not_titles and len(words) - start < 4:
            start -= 1
        if start > 0 and words[start - 1] in title_owners():
            continue  # "my manager's salary": a person, not a job asked about
        found.append(" ".join(words[start:]))
    levels_said = set(LEVEL_WORDS) | LEVEL_CUES
    for phrase in found:
        words = [singular(w) for w in normalise(phrase).split()]
        leads = title_lead_words()
        if any(w in not_titles and w not in leads for w in words):
            continue  # "what i currently make" ("i" is a level word too: "engineer I")
        while words and (words[0] in levels_said or words[0] in leads):
            words.pop(0)  # "senior", "a", "the average": not the job's name
        if not words or any(w in not_titles for w in words) or len(words) > 4:
            continue
        if any(w.isdigit() for w in words):
            continue
        return " ".join(words)
    return None


def unknown_job(text: str) -> str | None:
    """The job ``text`` asks the pay of when the market has no table for it ("UX designer")."""
    role = read_slots(text).role
    known = set(_market_vocab()[0].values())
    return role if role is not None and role not in known else None


_ROLE_WORD_ABBREVIATIONS = {k: v for k, v in role_abbreviations().items() if " " not in v}
# Level words that are everyday words in a sentence.
MESSAGE_LEVEL_EXCLUDED = frozenset({"head"})


def _level_name(found: tuple[Any, str]) -> str:
    """The level understood ("sr" -> "senior", "mid-level" -> "mid"); the words typed for a
    level above senior, whose reading the lookup states ("staff" is read as EX)."""
    level, typed = found
    if level.code == "EX" or level.assumption:
        return typed
    return str(levels().labels.get(level.code, typed))


def _place_name(found: tuple[Any, str]) -> str:
    """The place's own name, so the lookup gets what was understood ("nyc" -> the New York
    metro, "seatle" -> Seattle); the words typed when the reading carries an assumption
    the answer must state ("New York" read as the city's metro)."""
    place, typed = found
    return typed if place.assumption else str(place.name)


# Before a level it denies: "I'm not staff, just senior", "it isn't senior", "not a staff
# engineer" (the word after "not", or after "not a").
_DENIALS = frozenset({"not", "never", "nor", "t"})  # "isn't" is read as "isn t"


def _negated(words: list[str]) -> set[int]:
    """The positions of the words a denial names ("not staff"): never read as the level."""
    out: set[int] = set()
    for i, word in enumerate(words):
        if word in _DENIALS:
            at = i + 2 if i + 1 < len(words) and words[i + 1] in {"a", "an"} else i + 1
            out.add(at)
    return out


def _slot_words(typed: list[str]) -> list[str]:
    """The words roles and levels are looked up in. Plurals matter for roles ("engineers";
    place names keep their "s": Texas, Paris, so places are read from the words typed);
    word abbreviations of roles ("data engr", "backend eng") are read as the words."""
    return [_ROLE_WORD_ABBREVIATIONS.get(w, w) for w in (singular(w) for w in typed)]


@lru_cache(maxsize=1024)
def read_slots(text: str) -> Slots:
    """The role, level, place, money, skills, domain and employer type ``text`` names.

    Cached: a conversation's earlier messages are read again at every turn.
    """
    text = _without_self_names(text)
    roles, _levels, found_places, short = _market_vocab()
    typed = normalise(text).split()
    words = _slot_words(typed)
    capitals = {normalise(w) for w in re.findall(r"\b[A-Z]{2}\b", text)} - places().not_places
    found_places = found_places | {k: v for k, v in short.items() if k in capitals}
    taken: set[int] = set()
    role = _find(words, roles, taken)
    level_table = _level_table()
    level = _find(words, level_table, taken | _negated(words))
    place = _find(typed, found_places, taken)
    if role is None:  # "machine lerning enginers": a role of two words or more, misspelt
        role = _fuzzy_find(words, roles, "roles", taken, sizes=(4, 3, 2), cue=lambda _s, _e: True)
    if level is None:  # "senoir data scientist", "staf level"

        def before_role_or_level(_start: int, end: int) -> bool:
            following = words[end] if end < len(words) else ""
            return following in LEVEL_CUES or (end in taken and role is not None)

        level = _fuzzy_find(
            words, level_table, "levels", taken, sizes=(1,), cue=before_role_or_level
        )
    if place is None:  # "in seatle", "and in chicgo?"

        def after_a_place_cue(start: int, _end: int) -> bool:
            return start > 0 and typed[start - 1] in PLACE_CUES

        place = _fuzzy_find(
            typed, found_places, "places", taken, sizes=(3, 2, 1), cue=after_a_place_cue
        )
    if role is None and (title := unknown_title(text)) is not None:
        # A job the market has no table for: named as typed, so the lookup says it has no
        # data for it and no earlier role stands in for it.
        role = (title, title)
    found = [a for a in find_amounts(text) if a.explicit]
    amounts = tuple(a.value for a in found)
    current = _amount_after(text, CURRENT_PAY, found)
    # One amount is not both: "I make 150k, what's my walk-away?" states pay, not a floor.
    floor = _amount_after(text, FLOOR, [a for a in found if a.value != current])
    skills, domains_table, employers = _message_tables()
    found_skills = _keyword(text, skills) + _misspelt_keywords(typed, skills, taken)
    employer = _keyword(text, employers)
    domains = _keyword(text, domains_table) or _misspelt_keywords(
        typed, domains_table, taken, "domains"
    )
    return Slots(
        role=role[0] if role else None,
        level=_level_name((LEVEL_WORDS[level[1]], level[1])) if level else None,
        location=_place_name(place) if place else None,
        skills=tuple(dict.fromkeys(found_skills)),
        domain=domains[0] if domains else None,
        employer_type=employer[0] if employer else None,
        amounts=amounts,
        current_base=current,
        floor=floor,
    )


# Between two levels offered as alternatives: "senior or staff", "L5 vs L6".
_LEVEL_JOINS = frozenset({"or", "vs", "versus", "and"})
# The market's level codes, which are everyday words in a sentence ("my ex-colleague").
_CODES = frozenset({"en", "mi", "se", "ex"})


def levels_named(text: str) -> tuple[tuple[str, str], ...]:
    """The levels ``text`` offers as alternatives ("senior manager or director", "L5 vs
    L6"), as (words typed, market level code), in the order said, once per code; () when
    it names one level or none. A level word counts only beside another ("X or Y") or
    right before the role: "I lead the team" or "the staff there" name no level."""
    roles, _levels, _places, _short = _market_vocab()
    words = _slot_words(normalise(_without_self_names(text)).split())
    taken: set[int] = set()
    _find(words, roles, taken)  # the role, as read_slots reads it: its words name no level
    role = range(min(taken), max(taken) + 1) if taken else range(0)
    role_at = role.start if taken else None
    table = _level_table()
    found: list[tuple[int, int, str]] = []
    for start, end, gram in _ngrams(words):
        if gram in table and gram not in _CODES and not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            found.append((start, end, gram))
    found.sort()
    heads = title_heads()

    def joined(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
        # "senior manager or director": the role's own words, or a title's ("manager"),
        # may sit between the two.
        between = [
            w for i, w in enumerate(words[a[1] : b[0]], a[1]) if i not in role and w not in heads
        ]
        return 0 < len(between) <= 2 and all(w in _LEVEL_JOINS for w in between)

    counted = [
        f
        for i, f in enumerate(found)
        if f[1] == role_at
        or (i > 0 and joined(found[i - 1], f))
        or (i + 1 < len(found) and joined(f, found[i + 1]))
    ]
    named: dict[str, str] = {}
    for _start, _end, gram in counted:
        named.setdefault(LEVEL_WORDS[table[gram]].code, gram)
    if len(named) < 2:
        return ()
    return tuple((typed, code) for code, typed in named.items())


def promotion_level(level: str | None) -> str | None:
    """The level one up from ``level``, as the word people use ("staff" for a senior),
    which the salary lookup reads back to the same level; None when the level is not
    given or is the highest priced. The offline coach reaches the market's one rule for
    what a promotion is priced at (``next_level_code``) through here."""
    code = next_level_code(level)
    if code is None:
        return None
    word = LEVEL_LABELS[code].split()[0]
    return word if next_level_code(word) == next_level_code(code) else code
