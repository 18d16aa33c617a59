"""Reading a trade-off question: the two alternatives it weighs, and what it says around them.

"Would you take a one-time $30k sign-on or $10k more base?" is not an offer to score: it
weighs two alternatives. This module finds the clause that sets them against each other
("X or Y", "X vs Y", "swap X for Y", "give up X if Y", "is X worth losing Y", "would X
beat Y"), reads the parts of pay on each side (base, bonus, sign-on, relocation, equity, a
later start) with the words they came from, and reads the rest of the message as context
("I have 180k base, 15% bonus", "the valuation is $60M", "raises of 3% a year").

It reads only what is written. A bare "150" labelled as base or sign-on is read as
thousands and says so; anything it cannot read is left for the comparison to ask about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from coach.errors import InputError
from coach.money import find_amounts, quote


class Kind(StrEnum):
    BASE = "base"
    BONUS = "bonus"
    SIGN_ON = "sign_on"
    RELOCATION = "relocation"
    EQUITY = "equity"
    START = "start"  # a later start date: time, not cash

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Kind.BASE: "base",
    Kind.BONUS: "bonus",
    Kind.SIGN_ON: "sign-on",
    Kind.RELOCATION: "relocation",
    Kind.EQUITY: "equity",
    Kind.START: "later start",
}


@dataclass(frozen=True)
class Component:
    """One part of pay as a side or the context states it."""

    kind: Kind
    amount: int | None = None  # money: the whole figure, or the change when ``delta``
    percent: float | None = None  # bonus % of base, base % change, or % of the company
    shares: float | None = None  # an equity grant as a share count
    months: float | None = None  # a later start: how much later
    delta: bool = False  # a change against the rest: "+12k base", "$20k less base"
    words: str = ""  # the words it was read from
    guessed: str = ""  # what the reading added beyond the words ("'160' read as $160,000")

    @property
    def stated(self) -> bool:
        """A figure of its own, not a bare mention ("the sign-on", "a later start")."""
        return any(v is not None for v in (self.amount, self.percent, self.shares, self.months))


@dataclass(frozen=True)
class Side:
    words: str
    parts: tuple[Component, ...]

    def of(self, kind: Kind) -> Component | None:
        return next((p for p in self.parts if p.kind is kind), None)

    @property
    def kinds(self) -> set[Kind]:
        return {p.kind for p in self.parts}


@dataclass(frozen=True)
class TradeoffQuestion:
    """Two alternatives and the context they are weighed in."""

    text: str
    sides: tuple[Side, Side]
    context: tuple[Component, ...] = ()
    # "swap the sign-on for +12k base", "give up X if Y": the side that takes one thing
    # gives up the other, even when the context says the offer has it.
    exchange: bool = False
    price_per_share: float | None = None
    valuation: int | None = None
    raise_percent: float | None = None
    clawback_months: int | None = None
    private: bool = False
    currency: str = "USD"
    read: tuple[str, ...] = field(default=())  # what was read, and from which words

    def context_of(self, kind: Kind) -> Component | None:
        return next((p for p in self.context if p.kind is kind), None)

    @property
    def priced(self) -> bool:
        """Whether a side carries a figure of its own ("a $30k sign-on or $10k more base?"),
        not parts named bare ("should i push for more options or base?" after an offer),
        which asks what to push on: that offer is stated, the question asked beside it."""
        return any(
            part.amount is not None
            or part.percent is not None
            or part.shares is not None
            or part.months is not None
            for side in self.sides
            for part in side.parts
        )


# ---- words -----------------------------------------------------------------------------
_KEYWORDS: tuple[tuple[Kind, str], ...] = (
    # Sign-on and relocation first: "signing bonus" is not the yearly bonus.
    (Kind.SIGN_ON, r"sign[- ]?on(?:\s+bonus)?|signing(?:\s+bonus)?|golden hello|joining bonus"),
    (Kind.RELOCATION, r"relocation(?:\s+(?:package|bonus|allowance|assistance))?|relo\b"),
    (
        Kind.START,
        r"start(?:ing)?(?:\s+date)?(?:\s+\w+){0,2}\s+later|later start(?:\s+date)?"
        r"|(?:push|delay|move)\w*\s+(?:my\s+|the\s+)?start(?:\s+date)?",
    ),
    (Kind.BONUS, r"(?:target\s+|annual\s+|yearly\s+)?bonus(?:es)?"),
    (Kind.BASE, r"base(?:\s+(?:salary|pay))?|salary"),
    (Kind.EQUITY, r"rsus?|restricted stock(?:\s+units)?|equity|stock|shares|options|stake"),
)
_KEYWORD_RE = [(kind, re.compile(rf"(?i)\b(?:{pattern})")) for kind, pattern in _KEYWORDS]
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.I)
_COUNT = re.compile(
    r"(?<![\w.$£€])(\d{1,3}(?:,\d{3})+|\d+)\s*(?:(more|extra|additional|fewer|less)\s+)?"
    r"(?=(?:rsus?|shares|stock options|options|units)\b)",
    re.I,
)
_BARE = re.compile(
    r"(?<![\w.,$£€])(\d{1,3})(?![\d,.]|\s*(?:%|percent|k\b|m\b|months?|weeks?|years?|yrs?|days?"
    r"|rsus?|shares|options|units|x\b))",
    re.I,
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1}
_LATER = re.compile(
    r"(?i)\b(\d+|one|two|three|four|five|six|a|an)\s+(months?|weeks?)\s+later\b"
    r"|\bby\s+(\d+|one|two|three|four|five|six|a|an)\s+(months?|weeks?)\b"
)
_MORE = re.compile(
    r"(?i)\b(?:more|extra|higher|bump(?:ed)?|raise|increase|additional|bigger)\b"
    r"|\b(?:of|on)\s+(?:the\s+)?(?:base|salary)\b"
)
_LESS = re.compile(r"(?i)\b(?:less|lower|cut|smaller|fewer|minus)\b")
_UNCHANGED = re.compile(r"(?i)\b(?:full|same|current|unchanged)\s+(?:base|salary)")
_VALUATION = re.compile(r"(?i)valu(?:ation|ed)\b")
_PRICE = re.compile(r"(?i)^\W{0,3}(?:(?:per|a|each)\s+share|/\s*share|each\b)")
_PRICE_BEFORE = re.compile(r"(?i)(?:rsus?|shares|options|units)\s+at\s*$|share price (?:of|is)\s*$")
_RAISE = re.compile(
    r"(?i)(\d+(?:\.\d+)?)\s*%\s*(?:a\s+year\s+|annual\s+|yearly\s+)?raises?"
    r"|raises?\s+(?:(?:are|is|of|at|around|about|usually|typically|normally)\s+)+"
    r"(\d+(?:\.\d+)?)\s*%"
)
_CLAWBACK = re.compile(
    r"(?i)(?:claw\s?back|repay|pay\s+(?:it\s+)?back)[^.?!]*?(\d+)\s*(?:-\s*)?months?"
    r"|(?:leave|quit)\s+within\s+(\d+)\s*months?"
)
_PRIVATE = re.compile(r"(?i)\b(?:series\s+[a-e]|seed|start-?up|pre-?ipo|private)\b")

# ---- the clause that sets two alternatives against each other ---------------------------
# A sentence ends at . ? ! ; or a line break (not the point in "0.3%" or "$142.50"); a
# clause also at ":" and a spaced dash ("London role - would you rather...").
_SENTENCE = re.compile(r"\.(?!\d)|[?!;\n]")
_CLAUSE = re.compile(r":|\s[-–—]\s|—|–")
# (opening words, the words between the sides, exchange). "swap X for Y" has both; "X or Y"
# only the second (side A is the clause up to it). Exchange markers say one side gives up
# what the other names. Each is a plain search, then a slice: no pattern spans a side, so
# a long message costs linear time.
_MARKERS: tuple[tuple[re.Pattern[str] | None, re.Pattern[str], bool], ...] = (
    (re.compile(r"(?i)\b(?:swap|trade|exchange)\b"), re.compile(r"(?i)\bfor\b"), True),
    (
        re.compile(r"(?i)\bgive up\b"),
        re.compile(r"(?i)\b(?:if|for|to get|and get|in exchange for)\b"),
        True,
    ),
    (
        None,
        re.compile(r"(?i)\bworth\s+(?:giving up|losing|sacrificing|trading|dropping)\b"),
        True,
    ),
    (None, re.compile(r"(?i)\binstead of\b"), True),
    (None, re.compile(r"(?i)\b(?:beat|outweigh|be better than|better than)\b"), False),
    (None, re.compile(r"(?i)\s(?:vs\.?|versus)\s"), False),
    (None, re.compile(r"(?i),?\s\bor\b"), False),
)
# Markers tried per clause and kind: "base or bonus or ..." a thousand times is not a question.
_MAX_TRIES = 3
# Two offers side by side are a comparison of offers, not a trade-off inside one.
_SEVERAL_OFFERS = re.compile(
    r"(?i)\b(?:two|2|three|3|both|these|those|competing|other)\s+(?:job\s+)?offers\b"
    r"|\boffer\s+(?:[a-e1-5]|one|two|three)\b|\bwhich\s+(?:job\s+)?offer\b"
    r"|\b(?:better|best)\s+(?:job\s+)?offer\b"
)
_ASKS = re.compile(
    r"(?i)\?|\b(?:which|should|worth|better|rather|choose|pick|thoughts|prefer|beat)\b"
)
_PRONOUN = re.compile(r"(?i)^\W*(?:\w+\s+){0,2}(?:it|that|this|them|one)\W*$")


@dataclass(frozen=True)
class _Found:
    """A quantity in the text: money, a percent, a share count, or a bare small number."""

    kind: str  # "money" | "percent" | "count" | "bare"
    value: float
    start: int
    end: int
    words: str
    currency: str = "USD"
    change: str = ""  # "more" / "less" written with a share count


def _quantities(text: str) -> list[_Found]:
    found: list[_Found] = []
    for a in find_amounts(text):
        if a.explicit:
            found.append(_Found("money", a.value, a.start, a.end, a.text, a.currency))
    taken = [(f.start, f.end) for f in found]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _PERCENT.finditer(text):
        if free(m.start(), m.end()):
            found.append(_Found("percent", float(m.group(1)), m.start(), m.end(), m.group(0)))
    for m in _COUNT.finditer(text):
        if free(m.start(), m.end()):
            count = float(m.group(1).replace(",", ""))
            change = (m.group(2) or "").lower()
            found.append(
                _Found(
                    "count",
                    count,
                    m.start(),
                    m.end(),
                    m.group(0).strip(),
                    "USD",
                    "less" if change in {"fewer", "less"} else change and "more",
                )
            )
    taken = [(f.start, f.end) for f in found]
    for m in _BARE.finditer(text):
        if free(m.start(), m.end()):
            found.append(_Found("bare", float(m.group(1)), m.start(), m.end(), m.group(1)))
    return sorted(found, key=lambda f: f.start)


def _keywords(text: str) -> list[tuple[Kind, int, int]]:
    found: list[tuple[Kind, int, int]] = []
    for kind, pattern in _KEYWORD_RE:
        for m in pattern.finditer(text):
            if all(m.end() <= s or m.start() >= e for _k, s, e in found):
                found.append((kind, m.start(), m.end()))
    return sorted(found, key=lambda k: k[1])


# Which quantities a part of pay takes. A share count is an equity grant on its own.
_TAKES = {
    Kind.BASE: {"money", "bare", "percent"},
    Kind.BONUS: {"percent", "money"},
    Kind.SIGN_ON: {"money", "bare"},
    Kind.RELOCATION: {"money", "bare"},
    Kind.EQUITY: {"percent", "money"},
    Kind.START: set(),
}
_WINDOW = 24  # characters between a part's name and its figure, at most


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _pair(
    text: str, keys: list[tuple[Kind, int, int]], qty: list[_Found]
) -> list[tuple[tuple[Kind, int, int], _Found | None]]:
    """Each part's name with its nearest figure (each figure used once, closest first)."""
    pairs = []
    for key in keys:
        for q in qty:
            if q.kind in _TAKES[key[0]] and q.kind != "count":
                gap = _gap((key[1], key[2]), (q.start, q.end))
                between = text[min(key[2], q.end) : max(key[1], q.start)]
                span = text[max(0, min(key[1], q.start) - 14) : max(key[2], q.end) + 16]
                if (
                    key[0] is Kind.BASE
                    and q.kind == "percent"
                    and not (_MORE.search(span) or _LESS.search(span))
                ):
                    continue  # "0.2% with the full base": a percent of base is a change
                if gap <= _WINDOW and not re.search(r"[,+&]|\band\b|\bw/", between):
                    pairs.append((gap, key, q))
    chosen: dict[tuple[Kind, int, int], _Found] = {}
    used: set[int] = set()
    for _gap_size, key, q in sorted(pairs, key=lambda p: p[0]):
        if key not in chosen and id(q) not in used:
            chosen[key] = q
            used.add(id(q))
    return [(key, chosen.get(key)) for key in keys]


def _thousands(q: _Found, what: str) -> tuple[int, str]:
    """A bare "160" named as base or sign-on: pay is never $160, so it is $160,000 (said)."""
    value = int(q.value) * 1000
    note = f"'{q.words}' {what} read as {value:,} (thousands)" if q.value else ""
    return value, note


def _change(text: str, start: int, end: int, figure: int) -> int:
    """+1 for "more / extra / higher / +12k", -1 for "less / lower / -12k", 0 when none."""
    sign = text[max(0, figure - 2) : figure].strip()
    if sign in {"+", "-", "−"}:
        return 1 if sign == "+" else -1
    near = text[max(0, start - 14) : end + 16]
    if _LESS.search(near):
        return -1
    return 1 if _MORE.search(near) else 0


def _component(text: str, key: tuple[Kind, int, int], q: _Found | None) -> Component:
    kind, start, end = key
    span = (min(start, q.start), max(end, q.end)) if q else (start, end)
    words = text[span[0] : span[1]].strip()
    if kind is Kind.START:
        later = _LATER.search(text)
        months = None
        if later:
            count = later.group(1) or later.group(3)
            unit = later.group(2) or later.group(4)
            n = float(count) if count.isdigit() else float(_WORD_NUMBERS[count.lower()])
            months = n if unit.lower().startswith("month") else n * 12 / 52
            words = later.group(0) if later.start() > end else words
        return Component(kind, months=months, words=words)
    if q is None:
        if kind is Kind.BASE and _UNCHANGED.search(text[max(0, start - 12) : end]):
            return Component(kind, amount=0, delta=True, words=text[max(0, start - 9) : end])
        return Component(kind, words=words)
    sign = _change(text, *span, q.start)
    if q.kind == "percent":
        if kind is Kind.BASE:
            return Component(kind, percent=q.value * (sign or 1), delta=True, words=words)
        return Component(kind, percent=q.value, words=words)
    if q.kind == "bare":
        amount, guessed = _thousands(q, kind.label)
    else:
        amount, guessed = int(q.value), ""
    delta = kind is Kind.BASE and (sign != 0 or amount < 10_000)
    return Component(
        kind,
        amount=amount * (sign or 1) if delta else amount,
        delta=delta,
        words=words,
        guessed=guessed,
    )


def read_parts(text: str, percent_kind: Kind = Kind.BONUS) -> tuple[Component, ...]:
    """The parts of pay ``text`` names, each with its figure when one is written."""
    # "5% raises", "a 12-month clawback": terms of the question, not parts of pay.
    terms = [m.span() for m in (*_RAISE.finditer(text), *_CLAWBACK.finditer(text))]
    qty = [q for q in _quantities(text) if not any(s <= q.start < e for s, e in terms)]
    keys = _keywords(text)
    parts: list[Component] = []
    used: set[int] = set()
    for key, q in _pair(text, keys, qty):
        if key[0] is Kind.EQUITY and any(
            c.start <= key[1] <= c.end + 12 for c in qty if c.kind == "count"
        ):
            continue  # "2,000 more RSUs": the count carries the grant
        parts.append(_component(text, key, q))
        if q is not None:
            used.add(id(q))
    for q in qty:
        if id(q) in used:
            continue
        if q.kind == "count":
            sign = -1 if q.change == "less" else 1
            parts.append(
                Component(Kind.EQUITY, shares=q.value * sign, delta=bool(q.change), words=q.words)
            )
        elif q.kind == "percent" and not _VALUATION.search(text[max(0, q.start - 20) : q.end]):
            parts.append(Component(percent_kind, percent=q.value, words=q.words))
        elif (
            q.kind == "money"
            and q.value >= 10_000
            and not _VALUATION.search(text)
            and not _is_price(text, q)
        ):
            parts.append(Component(Kind.BASE, amount=int(q.value), words=q.words))
    # One part per kind: the first one named with a figure wins.
    merged: dict[Kind, Component] = {}
    for part in parts:
        if part.kind not in merged or (part.stated and not merged[part.kind].stated):
            merged[part.kind] = part
    return tuple(merged.values())


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    clauses = []
    for s, e in spans:
        inner = s
        for m in _CLAUSE.finditer(text, s, e):
            clauses.append((inner, m.start()))
            inner = m.end()
        clauses.append((inner, e))
    return [(s, e) for s, e in clauses if text[s:e].strip()]


def _split(text: str) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], bool] | None:
    """(clause, side a, side b, exchange) for the first clause that weighs two things."""
    for start, end in _sentences(text):
        for opening, between, exchange in _MARKERS:
            a_start = start
            if opening is not None:
                found = opening.search(text, start, end)
                if found is None:
                    continue
                a_start = found.end()
            for tries, m in enumerate(between.finditer(text, a_start, end)):
                if tries >= _MAX_TRIES:
                    break
                a, b = (a_start, m.start()), (m.end(), end)
                if a[1] > a[0] and (read_parts(text[a[0] : a[1]]) or read_parts(text[b[0] : b[1]])):
                    return (start, end), a, b, exchange
    return None


def _percent_kind(a: str, b: str, text: str) -> Kind:
    """A percent named by nothing ("170k w/ 20%") is a bonus, unless it sits across from a
    share of the company ("0.3% equity ... or 0.2% with the full base")."""
    for side in (a, b):
        for part in read_parts(side):
            if part.kind is Kind.EQUITY and part.percent is not None:
                return Kind.EQUITY
    if re.search(r"(?i)\b(?:equity|stake|of the company|ownership)\b", text) and not re.search(
        r"(?i)\bbonus", text
    ):
        return Kind.EQUITY
    return Kind.BONUS


def _two_offers(a: Sequence[Component], b: Sequence[Component]) -> bool:
    def package(parts: Sequence[Component]) -> bool:
        kinds = {p.kind for p in parts if p.stated and not p.delta}
        return {Kind.BASE, Kind.EQUITY} <= kinds

    return package(a) and package(b)


def _is_price(text: str, q: _Found) -> bool:
    """A price per share: "$95 a share", "$18 each", "RSUs at $40"."""
    return bool(_PRICE.search(text[q.end : q.end + 14]) or _PRICE_BEFORE.search(text[: q.start]))


# Words that open a condition or a preamble inside a side: what follows a condition ("10k
# more base if my base is 160k") or comes before "either" is context, not the alternative.
_CONDITION = re.compile(r"(?i),?\s\b(?:if|assuming|given|since|because|when)\b")
_EITHER = re.compile(r"(?i)\beither\b")


def _trimmed(
    text: str, a: tuple[int, int], b: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    either = _EITHER.search(text, a[0], a[1])
    if either and read_parts(text[either.end() : a[1]]):
        a = (either.end(), a[1])
    spans = []
    for start, end in (a, b):
        cut = _CONDITION.search(text, start, end)
        if cut and cut.start() > start and read_parts(text[start : cut.start()]):
            end = cut.start()
        spans.append((start, end))
    return spans[0], spans[1]


def _number(match: re.Match[str] | None) -> float | None:
    if match is None:
        return None
    value = next(g for g in match.groups() if g is not None)
    return float(value)


def tradeoff_question(text: str) -> TradeoffQuestion | None:
    """The question, when ``text`` weighs two alternatives of pay against each other.

    None for an offer ("185k base, 15% bonus. Good?"), for two offers side by side
    ("Offer A: ... Offer B: ...", the comparison's job) and for advice with no figure.
    """
    if not text or _SEVERAL_OFFERS.search(text) or not _ASKS.search(text):
        return None
    split = _split(text)
    if split is None:
        return None
    _clause, a_span, b_span, exchange = split
    a_span, b_span = _trimmed(text, a_span, b_span)
    a_text, b_text = text[a_span[0] : a_span[1]], text[b_span[0] : b_span[1]]
    percent_kind = _percent_kind(a_text, b_text, text)
    side_a = read_parts(a_text, percent_kind)
    side_b = read_parts(b_text, percent_kind)
    rest = " . ".join((text[: a_span[0]], text[a_span[1] : b_span[0]], text[b_span[1] :]))
    context = [part for part in read_parts(rest) if part.stated or part.kind is Kind.START]
    # "Is a later start worth losing it?": "it" is the other thing the message names.
    if not side_b and _PRONOUN.match(b_text):
        side_b, context = _resolve(side_a, context)
        b_text = side_b[0].words if side_b else b_text
    elif not side_a and _PRONOUN.match(a_text):
        side_a, context = _resolve(side_b, context)
        a_text = side_a[0].words if side_a else a_text
    if not side_a or not side_b:
        return None
    if _two_offers(side_a, side_b):
        return None  # each side a base and a grant of its own: two offers, compared as such
    if not any(_quantities(text)):
        return None  # "more equity or a higher base?" with no figure: advice, not arithmetic
    if {p.kind for p in side_a} == {p.kind for p in side_b} and side_a == side_b:
        return None
    amounts = find_amounts(text)
    currency = next((a.currency for a in amounts if a.explicit), "USD")
    valuation = next(
        (
            int(q.value)
            for q in _quantities(text)
            if q.kind == "money" and _VALUATION.search(text[max(0, q.start - 24) : q.start])
        ),
        None,
    )
    price = next(
        (q.value for q in _quantities(text) if q.kind == "money" and _is_price(text, q)),
        None,
    )
    # "$60M valuation" is no base: drop what the context took from the valuation or price.
    context = [
        c
        for c in context
        if not (c.kind is Kind.BASE and c.amount in {valuation, price} and c.amount is not None)
    ]
    raise_pct = _number(_RAISE.search(text))
    clawback = _number(_CLAWBACK.search(text))
    question = TradeoffQuestion(
        text=text,
        sides=(Side(_plain(a_text), tuple(side_a)), Side(_plain(b_text), tuple(side_b))),
        context=tuple(context),
        exchange=exchange,
        price_per_share=price,
        valuation=valuation,
        raise_percent=raise_pct,
        clawback_months=int(clawback) if clawback is not None else None,
        private=bool(_PRIVATE.search(text)),
        currency=currency,
    )
    return replace(question, read=tuple(_read_lines(question)))


_LEAD_IN = re.compile(
    r"(?i)^\s*(?:would you (?:rather )?(?:take|have|get)?|would|is|are|should i (?:take|get)?"
    r"|they said they can do|they can do|i can (?:get|take)|do i take|take|either)\s+"
)


def _plain(words: str) -> str:
    """A side as the user put it, without the question's lead-in ("Would you take ...")."""
    text = re.sub(r"(?i),?\s*\b(?:which|what)\b[^,]*$", "", words).strip(" ,.?")
    while (m := _LEAD_IN.match(text)) and m.end() < len(text):
        text = text[m.end() :]
    return re.sub(r"(?i)\s+instead$", "", text).strip()


def completes(question: str, reply: str) -> bool:
    """True when ``reply`` gives the trade-off ``question`` a figure it lacked ("my base is
    140k", "raises of 3% a year", "they're $40 a share"), so the two are read as one."""
    before = tradeoff_question(question)
    after = tradeoff_question(f"{question.rstrip()} {reply}")
    if before is None or after is None:
        return False
    terms = ("price_per_share", "valuation", "raise_percent", "clawback_months")
    gained = any(getattr(after, t) != getattr(before, t) for t in terms)
    return gained or len(after.context) > len(before.context)


def _resolve(
    named: tuple[Component, ...] | list[Component], context: list[Component]
) -> tuple[tuple[Component, ...], list[Component]]:
    kinds = {p.kind for p in named}
    other = next((c for c in context if c.kind not in kinds), None)
    if other is None:
        return (), context
    return (other,), [c for c in context if c is not other]


def question_from_options(option_a: str, option_b: str, context: str = "") -> TradeoffQuestion:
    """The question from two sides given apart (a tool's structured arguments)."""
    sides = []
    for name, words in (("option_a", option_a), ("option_b", option_b)):
        parts = read_parts(words)
        if not parts:
            raise InputError(
                f"{name} '{quote(words)}' names no part of pay I can read; write it like "
                "'$30k sign-on', '+10k base', '10% bonus' or '2,000 RSUs'."
            )
        sides.append(Side(words.strip(), parts))
    around = tradeoff_question(context) if context else None
    base = around or TradeoffQuestion(text=context, sides=(sides[0], sides[1]))
    if around is None and context:
        base = replace(base, context=read_parts(context))
    question = replace(base, sides=(sides[0], sides[1]))
    return replace(question, read=tuple(_read_lines(question)))


def _read_lines(q: TradeoffQuestion) -> list[str]:
    """What was read, each with the words it came from (and what was added to them)."""
    lines = []
    for name, parts in (("A", q.sides[0].parts), ("B", q.sides[1].parts), ("context", q.context)):
        for p in parts:
            line = f"{name}: {p.kind.label} from '{p.words}'"
            if p.guessed:
                line += f" ({p.guessed})"
            lines.append(line)
    return lines
