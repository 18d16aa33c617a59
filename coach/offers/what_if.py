"""An offer with one figure changed: "what if it were 190k?", "and with a 30k sign-on?".

The follow-up names a figure and, perhaps, the part it is for; the offer is re-read with
that figure written where the old one was, so the one reading of an offer (parse.py)
prices the changed offer exactly as it priced the first. Nothing is guessed: a change
whose part can't be placed in the offer's text gives None, and the coach says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.errors import InputError
from coach.money import find_amounts
from coach.offers.parse import SIGN_ON_WORDS, read_offer
from coach.offers.reading import OfferReading, ReadField
from coach.offers.share_grants import share_price_said

# "sign-on", "signing bonus", "signign bonus", "sign on": before the bonus's own word
_SIGN_ON_WORDS = re.compile(
    rf"(?i){SIGN_ON_WORDS}|\bsig?n\w{{0,3}}\s*-?\s*(?:on|bonus)\b"
    # "a 20k sign", "upped the sign to 40k": the noun beside its figure, never the verb
    # ("sign the offer") nor an omen ("is that a sign they'd go higher?")
    r"|(?:(?<=\d )|(?<=\d[kK] ))sign\b(?!\s+(?:it|the|this|that|off|up)\b)"
    r"|(?<=\bthe )sign(?=\s+(?:to|at|from|of|by|was|is|goes|went|were)\s+\$?\d)"
)
# Which part of the offer a follow-up's figure is for; base when it names none.
PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("equity.valuation", re.compile(r"(?i)\bvaluation\b|\bvalued\b")),
    ("sign_on.amount", _SIGN_ON_WORDS),
    ("bonus.amount", re.compile(r"(?i)\bbonus\b")),
    (
        "equity.value",
        re.compile(r"(?i)\brsus?\b|\bequity\b|\bstock\b|\bgrant\b|\bshares\b|\boptions?\b"),
    ),
    ("base", re.compile(r"(?i)\bbase\b|\bsalary\b")),
)
PART_NAMES = {
    "sign_on.amount": "sign-on",
    "bonus.amount": "bonus",
    "bonus.target_percent": "bonus",
    "equity.value": "equity",
    "equity.valuation": "valuation",
    "equity.percent": "equity",
    "equity.count": "options",
    "equity.shares": "shares",
    "base": "base",
}
# "80M not 60M", "80M instead of 60M": the figure before these words is the new one.
_NOT_THE_OLD = re.compile(r"(?i)\b(?:not|instead of|rather than|vs\.?)\b")
# A base this large is a valuation or a grant misplaced, never a what-if of the base; one
# this small is another part's figure ("5k for relo").
MAX_BASE_CHANGE = 2_000_000
MIN_BASE_CHANGE = 20_000
_PERCENT = re.compile(r"(\d{1,2}(?:\.\d+)?)\s*%")
ADDED = "none"  # a ChangedOffer's ``before`` when the follow-up adds a part


@dataclass(frozen=True)
class ChangedOffer:
    text: str  # the offer's text with the new figure in place of the old
    part: str  # "base", "sign-on", "bonus", "equity"
    before: str  # the words the old figure was written in (ADDED: a part the offer lacked)
    after: str  # the words the new one is
    # Each change when one follow-up makes several ("base 190k and sign-on 25k").
    steps: tuple[ChangedOffer, ...] = ()

    @property
    def said(self) -> str:
        """What changed, for the answer: "base: 175k → 190k; sign-on: 15k → 25k"."""
        steps = self.steps or (self,)
        return "; ".join(
            f"{s.part}: added {s.after}"
            if s.before == ADDED
            else f"{s.part}: {s.before} → {s.after}"
            for s in steps
        )


# Where one change of a follow-up ends and the next begins, a sentence's end too ("put the
# sign on back to 60k. what if the share price climbs 20%"). A comma inside a figure ("30,000
# options") splits nothing, nor does a decimal point ("1.85").
# A sentence's end splits only before a what-if ("…back to 60k. what if the share price…"):
# a sentence of another kind ("i'd still lose 20k", "I make 170k now") is no change, and
# "approx." or "vs." ends no sentence.
_CLAUSE = re.compile(
    r"(?i);|,(?!\d{3}(?!\d))|[.?!]\s+(?=(?:\w+\s+){0,2}?(?:what if|if)\b)|\band\b"
    r"|\bplus\b|\bwith\b|\bbut\b"
)
# The words that open a what-if, left out of a part added to the offer's text.
_CUE = re.compile(
    r"(?i)^\W*(?:(?:so|ok|okay|and|but|hmm+|then|plus|same but)\W+)*"
    r"(?:what if|and if|if|say|suppose)?\s*"
    r"(?:they\s+)?(?:also\s+)?(?:threw in|throw in|added|add|gave me|give me|offered|included)?\s*"
)


# Words that place a change on top of the last one ("on top of that", "too"): no part's words.
_ON_THE_LAST = re.compile(r"(?i)\s*\b(?:on top of (?:that|this|it|those|these)|as well|too)\b")


def changed_in_parts(offer_text: str, change: str) -> ChangedOffer | None:
    """``offer_text`` with every figure ``change`` names put in, one clause at a time
    ("what if the base was 190k and sign on 25k?"), or None unless each is placed."""
    one = changed_offer(offer_text, change)
    if one is not None:
        return one
    # "…200k, is that 20k more than now?": a comparison asked about, no second change
    clauses = [
        c
        for c in _CLAUSE.split(change)
        if (find_amounts(c) or _PERCENT.search(c) or _OPTIONS_COUNT.search(c) or times_said(c))
        and not _COMPARED.search(c)
    ]
    if len(clauses) == 1 and clauses[0].strip() != change.strip():
        return changed_offer(offer_text, clauses[0])  # the change, beside what it asks
    if len(clauses) < 2:
        return None
    text, steps = offer_text, list[ChangedOffer]()
    for clause in clauses:
        step = changed_offer(text, clause)
        if step is None and _restated(text, clause):
            continue  # "put the sign on back to 60k" when it is 60k: nothing to change
        if step is None or any(s.part == step.part for s in steps):
            return None  # not placed, or one part changed twice: not a change to price
        text = step.text
        steps.append(step)
    if not steps:
        return None
    return ChangedOffer(text, steps[0].part, steps[0].before, steps[0].after, tuple(steps))


def _restated(offer_text: str, clause: str) -> bool:
    """Whether ``clause`` gives one part the one figure it already has in ``offer_text``."""
    amounts = [a for a in find_amounts(clause) if a.explicit]
    if len(amounts) != 1 or _PERCENT.search(clause):
        return False
    field = read_offer(offer_text).field(part_named(clause))
    return field is not None and _same_figure(amounts[0].text, field.value)


_COMPARED = re.compile(r"(?i)\bthan\b|\b(?:is|would|does|will) (?:that|it|this)\b")


def part_named(change: str) -> str:
    return next((path for path, words in PARTS if words.search(change)), "base")


def changed_offer(offer_text: str, change: str) -> ChangedOffer | None:
    """``offer_text`` with the figure ``change`` names put in, or None when the change has
    no single figure or its part has no single place in the offer's text."""
    moved = offer_with_price_moved(offer_text, change)
    if moved is not None:
        return moved  # "what if the stock drops 30%": the share price, not a part's percent
    path = part_named(change)
    every = find_amounts(change)
    amounts = [a for a in every if a.explicit]
    if not amounts and len(every) == 1 and _NAMES_A_PART.search(change):
        amounts = every  # "a 205,000 base": no "$" or "k", yet the part it is for is named
    if len(amounts) == 2 and _NOT_THE_OLD.search(change[amounts[0].end : amounts[1].start]):
        amounts = amounts[:1]  # "the valuation was 80M not 60M": the first is the new one
    percents = _PERCENT.findall(change)
    if len(percents) == 2 and _NOT_THE_OLD.search(change):
        percents = percents[:1]  # "1.5% not 1%": the first is the new one
    if amounts and percents and not _NOT_THE_OLD.search(change):
        return None  # "goes to 165k and 15% bonus": two changes, each placed in its clause
    reading = read_offer(offer_text)
    count = _OPTIONS_COUNT.search(change)
    # any other figure, "$"/"k" or not ("…and a 205,000 base"), is another change
    others = [a for a in every if not count or not count.start() <= a.start < count.end()]
    if count and (others or percents):
        return None  # "30,000 options and 200k base": two changes, each in its clause
    if path == "equity.value" and count and reading.field("equity.count") is not None:
        # "counter asking for 60k options": the number of options, not a dollar grant
        return _recounted(offer_text, reading, count.group(1))
    times = times_said(change) if not amounts and not percents else None
    if times is not None:
        named = {p for p, words in PARTS if words.search(change)}
        if len(named) != 1:
            # "what if they doubled it": which part is not said; "doubled the rsus but
            # halved the sign-on": each clause is placed on its own
            return None
        return _multiplied(offer_text, reading, named.pop(), times)
    if path == "bonus.amount" and percents and not amounts:
        path, new = "bonus.target_percent", f"{percents[0]}%"
    elif path in {"base", "equity.value"} and len(percents) == 1 and not amounts:
        if reading.field("equity.percent") is None or PARTS[-1][1].search(change):
            return None  # a percent of no part the offer has, or of the base ("5% higher")
        path, new = "equity.percent", f"{percents[0]}%"  # "the startup offered 1.5%"
    elif len(amounts) == 1:
        new = amounts[0].text
    else:
        return None
    step = 1 if _MORE.search(change) else -1 if _LESS.search(change) else 0
    if step and (percents or not amounts):
        return None  # "bonus went up 5%", "0.25% more equity": a step not priced here
    if path == "base" and amounts and amounts[0].value > MAX_BASE_CHANGE:
        return None  # "valuation 80M" with no part word matched: never a base of 80M
    if path == "base" and amounts and not step and amounts[0].value < MIN_BASE_CHANGE:
        return None  # "the startup said 5k for relo": no base of 5k
    base_now = reading.value("base")
    unnamed = not PARTS[-1][1].search(change)  # no "base" or "salary" said
    plain = path == "base" and unnamed and amounts and not step
    if (
        plain
        and isinstance(base_now, int | float)
        and not base_now / 2 <= amounts[0].value <= base_now * 2
    ):
        return None  # "exercise cost for all 26k?": a figure of no part said, no base
    field = reading.field(path)
    if field is None and path == "bonus.amount":
        field = reading.field("bonus.target_percent")
    if field is None and any(words.search(change) for _, words in PARTS[:-1]):
        return _added(offer_text, change, path, new)  # "and if they threw in 100k rsus"
    if field is None or not field.source or offer_text.count(field.source) != 1:
        return None  # the part isn't in the offer, or its words appear twice: can't place it
    if step:
        # "30k more to the sign-on", "base went up 15k", "cut by 10k": from what it has, when
        # that is a plain amount (not "10%", not "14k/month")
        written = find_amounts(field.source)
        if not isinstance(field.value, int | float) or _NOT_AN_AMOUNT.search(field.source):
            return None
        if not written or written[0].value != field.value:
            return None  # "14k/month" read as 168,000 a year: a step of 1k is of which?
        total = int(field.value) + step * amounts[0].value
        if total <= 0:
            return None  # more taken off than there is: not a figure to price
        new = _short(total)
    if _same_figure(new, field.value):
        return None  # "is google's 15% bonus normal?": the figure it has, no change
    text = offer_text.replace(field.source, _written_like(field.source, new), 1)
    return ChangedOffer(text, PART_NAMES[path], field.source, new)


# "doubled the rsus", "if they tripled the sign-on", "halved", "cut in half", "2x the grant"
# "only half the sign on" too; and a part taken away ("dropped the sign on completely",
# "without the sign on", "no sign on"): scaled by nothing.
_TIMES = re.compile(
    r"(?i)\b(?P<word>doubl\w*|tripl\w*|halv\w*|cut\s+(?:\w+\s+){0,3}?in\s+half"
    r"|half\s+(?:of\s+)?(?:the|their|that|my|its)|twice\s+the)\b"
    r"|\b(?P<x>[1-9](?:\.\d+)?)\s*x(?:'?d)?\b"
    # ...only in a what-if ("what if there was no sign on"), never in a question of what
    # the offer holds ("is there no bonus?")
    r"|(?<=\bif\b)(?P<none>[^.?!]{0,25}?\b(?:(?:drop\w*|remov\w*|scrap\w*|pull\w*|cut"
    r"|took\s+away|take\s+away)\b(?=.{0,30}\b(?:completely|entirely|altogether|totally)\b)"
    r"|without\s+(?:the|a|any)\b|no\s+(?=sign|s/o|bonus|rsus?\b|stock\b|equity\b|options\b)))"
)
# ...not when it scales nothing of the offer: "double down on the base", "double-check the
# rsus", "a 2x liquidation preference", "rsus vest 2x faster", "double-trigger".
_NOT_TIMES = re.compile(
    r"(?i)\bdouble[- ](?:down|check|checking|checked|trigger|dip\w*|edged)\b|\bpreference\b"
    r"|\bvest\w*\b.{0,20}\b\d(?:\.\d+)?\s*x\b|\b\d(?:\.\d+)?\s*x\s+(?:faster|slower|quicker)\b"
)
_TIMES_WORDS = {"doubl": 2.0, "tripl": 3.0, "halv": 0.5, "cut": 0.5, "half": 0.5, "twice": 2.0}


def says_a_factor(change: str) -> bool:
    """Whether a follow-up scales a part of the offer, one or several ("doubled the rsus
    but halved the sign-on")."""
    return _TIMES.search(change) is not None and not _NOT_TIMES.search(change)


def times_said(change: str) -> float | None:
    """The factor a follow-up scales a part by ("doubled" 2, "halved" 0.5), or None (none,
    or several: "doubled the rsus but halved the sign-on" is read a clause at a time)."""
    if _NOT_TIMES.search(change):
        return None
    every = list(_TIMES.finditer(change))
    if len(every) != 1:
        return None
    found = every[0]
    if found["x"]:
        return float(found["x"])
    if found["none"]:
        return 0.0
    return next(f for stem, f in _TIMES_WORDS.items() if found["word"].lower().startswith(stem))


def _multiplied(
    offer_text: str, reading: OfferReading, path: str, times: float
) -> ChangedOffer | None:
    """The offer with one part scaled ("what if they doubled the rsus"), when that part is
    written as one plain figure or percent the scaled one can stand in for; else None."""
    if path == "equity.value" and reading.field("equity.shares") is not None:
        path = "equity.shares"  # "1,800 rsus (stock ~$125)": the count doubles, not a sum
    field = reading.field(path)
    if field is None and path == "bonus.amount":
        path, field = "bonus.target_percent", reading.field("bonus.target_percent")
    # options, RSUs counted, or a stake: not a dollar value
    for other in ("equity.count", "equity.shares", "equity.percent"):
        if field is None and path in {"equity.value", "equity.count", "equity.shares"}:
            path, field = other, reading.field(other)
    if field is None or not field.source or offer_text.count(field.source) != 1:
        return None
    if not isinstance(field.value, int | float) or not field.value:
        return None
    percent = _PERCENT.search(field.source)
    if path in {"bonus.target_percent", "equity.percent"} and percent:
        new = f"{_plain(float(percent.group(1)) * times)}%"
    elif path in {"equity.count", "equity.shares"}:
        return _with_count(offer_text, field, path, round(field.value * times))
    else:
        written = find_amounts(field.source)
        if _NOT_AN_AMOUNT.search(field.source) or not written or written[0].value != field.value:
            return None  # "14k/month": scaled to what, written how? not priced here
        new = _short(round(field.value * times))
    text = offer_text.replace(field.source, _written_like(field.source, new), 1)
    return ChangedOffer(text, PART_NAMES[path], field.source, new)


# The parts a bare figure ("205,000") can be money for: never options or shares, counted.
_NAMES_A_PART = re.compile(r"(?i)\b(?:base|salary|sign\w*[- ]?on|signing|bonus|rsus?|grant)\b")
# A number of options or shares said in a follow-up: "60k options", "20,000 shares".
_OPTIONS_COUNT = re.compile(r"(?i)(\d[\d,]*(?:\.\d+)?\s*k?)\s+(?:more\s+)?(?:options|shares)\b")


def _recounted(offer_text: str, reading: OfferReading, said: str) -> ChangedOffer | None:
    """The options offer with the count a follow-up names, in the offer's own words."""
    field = reading.field("equity.count")
    if field is None or not field.source or offer_text.count(field.source) != 1:
        return None
    number = said.replace(",", "").strip().lower()
    value = float(number[:-1]) * 1000 if number.endswith("k") else float(number)
    if value <= 0 or value == field.value:
        return None  # no options at all, or the count it has: no change to price
    return _with_count(offer_text, field, "equity.count", round(value))


def _with_count(offer_text: str, field: ReadField, path: str, count: int) -> ChangedOffer | None:
    """The offer with its options or shares (``field``, at ``path``) now ``count``."""
    written = _count(field.source or "", count)
    if written is None:
        return None
    text = offer_text.replace(field.source or "", written, 1)
    return ChangedOffer(text, PART_NAMES[path], field.source or "", written)


_COUNT = re.compile(r"(?i)\d[\d,]*(?:\.\d+)?(?:\s*k\b)?")


def _count(source: str, count: int) -> str | None:
    """A number of options or shares written in ``source``'s own way ("40k options" with
    80000 -> "80k options", "10,000 options" with 20000 -> "20,000 options"), or None."""
    found = _COUNT.search(source)
    if found is None:
        return None
    kilo = found.group().lower().rstrip().endswith("k")
    written = f"{_plain(count / 1000)}k" if kilo else f"{count:,}"
    return source[: found.start()] + written + source[found.end() :]


def _same_figure(new: str, value: object) -> bool:
    """Whether the figure ``new`` is the value the part already has."""
    if not isinstance(value, int | float):
        return False
    percent = _PERCENT.search(new)
    if percent:
        return float(percent.group(1)) == float(value)
    found = find_amounts(new)
    return bool(found) and found[0].value == value


# A part's words that say it is no plain yearly amount: a step can't be added to them.
_NOT_AN_AMOUNT = re.compile(
    r"(?i)%|/\s*(?:mo|month|hr|hour|h)\b|\b(?:monthly|hourly|an hour|a month)\b"
)


# A figure said as an increase of the part, not its new value.
# Beside its figure: "30k more", "another 20k", "an extra $10k", "+20k" (not "how much more
# is that per year", which asks about the change).
_MORE = re.compile(
    r"(?i)\d[\d,.]*\s*[km]?\s+(?:more|extra|higher|bump|raise|increase)\b"
    r"|\b(?:another|(?:an?\s+)?extra|additional)\s+\$?\d|\+\s*\$?\d"
    r"|\b(?:up|rais\w*|increas\w*|bump\w*|add\w*)\s+(?:[\w-]+\s+){0,3}?by\s+\$?\d"
    r"|\bwent\s+up\s+(?:by\s+)?\$?\d"
)
# "went down 10k", "cut by 10k", "10k less": taken off what the offer has.
_LESS = re.compile(
    r"(?i)\d[\d,.]*\s*[km]?\s+(?:less|lower)\b"
    r"|\b(?:down|cut\w*|drop\w*|lower\w*|reduc\w*)\s+(?:[\w-]+\s+){0,3}?by\s+\$?\d"
    r"|\bwent\s+down\s+\$?\d"
)


def _short(value: int) -> str:
    """A sum written as people write figures: 40000 -> "40k", 41500 -> "41.5k", 70000000 ->
    "70M"."""
    if value >= 1_000_000:
        return f"{_plain(value / 1_000_000)}M"
    return f"{_plain(value / 1000)}k"


def _plain(number: float) -> str:
    """A number written in full, to six decimals at most, never in an exponent nor rounded
    to six significant digits as ``:g`` does (1234567 / 1e6 -> "1.234567", not "1.23457")."""
    return f"{number:.6f}".rstrip("0").rstrip(".")


def _added(offer_text: str, change: str, path: str, new: str) -> ChangedOffer | None:
    """The offer with a part it lacked, in the follow-up's own words ("100k rsus over 4
    yrs"), when the offer reader reads that part, with that figure, from them."""
    words = _ON_THE_LAST.sub("", _CUE.sub("", change, count=1)).strip(" ,?.!")
    if not words:
        return None
    if path == "sign_on.amount":
        # "a 35k signign bonus": the sign-on in the reader's word, never read as a bonus
        words = _SIGN_ON_WORDS.sub("sign-on", words)
    text = f"{offer_text.rstrip(' .;,')}, {words}"
    try:
        field = read_offer(text).field(path)
    except InputError:
        return None  # the words read as no part the offer can take: not a change to price
    if field is None or field.source is None or new not in field.source:
        return None
    return ChangedOffer(text, PART_NAMES[path], ADDED, new)


def _written_like(old: str, new: str) -> str:
    """The new figure in the old one's words: '$185,000 base' with 190k -> '$190,000 base'
    would need formatting; the figure as the person typed it is as clear and is theirs."""
    found = find_amounts(old)
    if len(found) == 1 and not _PERCENT.search(new):
        a = found[0]
        return old[: a.start] + new + old[a.end :]
    percent = _PERCENT.search(old)
    if percent and _PERCENT.search(new):
        return old[: percent.start()] + new + old[percent.end() :]
    return new


def offer_with_share_price(offer_text: str, told: str) -> ChangedOffer | None:
    """An options offer with a share price the person adds later ("oh, they said preferred
    is around 4.80"): the new price in place of the old one's words, or added to the
    offer when it had none. None when ``told`` names no such price or the offer has no
    options to price."""
    found = share_price_said(told)
    if found is None:
        return None
    path, words, price = found
    reading = read_offer(offer_text)
    options = reading.field("equity.count") is not None
    shares = reading.field("equity.shares") is not None
    if path == "equity.price_per_share" and shares:
        # Written as the reader reads a price anywhere in an offer: "$142 per share".
        words = f"${_plain(price)} per share"
    elif path == "equity.price_per_share" or not options:
        return None
    old = reading.field(path)
    if old is not None and price == old.value:
        return None  # "is the 409a of 1.35 normal?": the price given already, no change
    if old is not None and old.source and offer_text.count(old.source) == 1:
        text = offer_text.replace(old.source, words, 1)
    else:
        text = f"{offer_text}\n{words}"
    before = old.source if old is not None and old.source else "not given"
    return ChangedOffer(text, _PRICE_NAMES[path], before, words)


# The words a price moves by, after its subject ("drops", "goes up", "is down", "climbs").
# The words a stock falls or rises by ("tanks", "craters"; "rallies", "pops").
_FALLS = (
    r"drop|fall|fell|tank|crash|dip|lose|lost|decline|sink|sank|slide|slid|plunge|plummet"
    r"|crater|dump|collapse|nosedive"
)
_RISES = r"rise|rose|climb|jump|gain|grow|grew|soar|rall(?:y|ies|ied)|surge|spike|pop|rebound"
# The words a price moves by, after its subject ("drops", "goes up", "is down", "climbs").
_MOVES = rf"(?:{_FALLS}|{_RISES}|goe?s?\s+(?:up|down)|went\s+(?:up|down)|is\s+(?:up|down))"
# "what if the stock drops like 30%", "if the share price fell by 20%", "stock goes up 50%",
# "what if the preferred price drops 40%"
_PRICE_MOVE = re.compile(
    r"(?i)\b(?:stock|shares?|share price|stock price|(?P<valuation>valuation)"
    r"|pref(?:erred)?(?: share| stock)?(?: price)?"
    # "say nvda tanks 30%", "what if duol drops 30%": the company's stock, by its name
    rf"|(?P<named>[a-z]{{3,}})(?='?s?\s+(?:stock\s+|shares\s+)?{_MOVES}))\b.{{0,25}}?"
    rf"\b(?:(?P<down>{_FALLS}|down)|(?P<up>{_RISES}|up))\w*\b"
    r".{0,15}?(?<![\d.])(?P<percent>\d+(?:\.\d+)?)\s*%"
)
# Words that can stand before "drops 30%" and name no company's stock.
_NOT_A_STOCK = frozenset(
    {
        *("that", "this", "they", "what", "then", "and", "but", "everything"),
        *("pay", "comp", "total", "package", "offer", "market", "price", "rate", "median"),
        *("salary", "base", "bonus", "equity", "rsus", "grant"),
        *("startup", "company", "bank", "firm", "employer", "recruiter"),
    }
)
# A move said as a rate ("grows 10% a year"), not a move once: not priced here.
_PER_YEAR = re.compile(r"(?i)%\s*(?:a|per|each|every)\s+(?:year|yr)\b|%\s*annually\b|\byearly\b")
_PRICE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _price(value: float) -> str:
    """A share price as prices are written: "75", "2.58", "4.30" (cents when there are any),
    and a moved price to the fraction of a cent it has, up to four decimals ("5.375": 4.30
    up 25%): rounded to cents, the grant's worth would move by the rounding times the count."""
    if round(value, 2) == int(value):
        return f"{value:g}"
    exact = f"{value:.4f}".rstrip("0")
    return exact if len(exact.partition(".")[2]) > 2 else f"{value:.2f}"


def offer_with_price_moved(offer_text: str, change: str) -> ChangedOffer | None:
    """The offer at a share price moved by the percent a follow-up says ("what if the stock
    drops 30% after I join"): the RSUs' share price, else the options' preferred price,
    scaled. None when the change says no such move or the offer has no price to move."""
    found = _PRICE_MOVE.search(change)
    if found is None or _PER_YEAR.search(change):
        return None
    if re.search(r"(?i)\bto\s+$", change[: found.start("percent")]):
        return None  # "dropped me to 0.1%": a new figure, not a move by a percent
    if found["named"] and (
        found["named"].lower() in _NOT_A_STOCK
        or any(words.search(change) for path, words in PARTS if path != "equity.value")
    ):
        return None  # "what if the bonus drops 5%", "what if it goes up 10%": no stock named
    if find_amounts(change) or len(_PERCENT.findall(change)) > 1:
        return None  # "…falls 5% and the base is up 10%": each change in its own clause
    moved = float(found["percent"]) / 100
    if found["down"] and moved >= 1:
        return None  # a fall of all of it or more: nothing left to price
    factor = 1 - moved if found["down"] else 1 + moved
    way = f"{found['percent']}% {'lower' if found['down'] else 'higher'}"  # as _MOVED reads
    reading = read_offer(offer_text)
    if found["valuation"] or not any(
        reading.field(p) is not None for p in ("equity.price_per_share", "equity.preferred_price")
    ):
        # no price to move: a stake's valuation ("the valuation drops 40%"), or a grant
        # given in dollars ("$340k rsus"), moves with the stock
        path = "equity.valuation" if reading.field("equity.valuation") else "equity.value"
        if reading.field(path) is None:
            return None  # never the count or the stake in its place: a move prices stock
        scaled = _multiplied(offer_text, reading, path, factor)
        if scaled is None:
            return None
        return ChangedOffer(scaled.text, scaled.part, scaled.before, f"{scaled.after} ({way})")
    for path in ("equity.price_per_share", "equity.preferred_price"):
        old = reading.field(path)
        if old is None or not old.source or offer_text.count(old.source) != 1:
            continue
        number = _PRICE.search(old.source)
        if not isinstance(old.value, int | float) or number is None:
            continue
        new = _price(old.value * factor)
        words = old.source[: number.start()] + new + old.source[number.end() :]
        text = offer_text.replace(old.source, words, 1)
        return ChangedOffer(text, _PRICE_NAMES[path], f"${_price(old.value)}", f"${new} ({way})")
    return None


# A change line of a stock move ("preferred price: $4.30 → $2.58 (40% lower)").
_MOVED = re.compile(r"\(\d+(?:\.\d+)?% (?:lower|higher)\)$")
# "and if instead it goes up 25%", "what if that tanks 50%": a move whose subject is a
# pronoun, which is the stock only when the what-if before it moved the stock.
# ...said after "if" ("and if instead it…"), never in a question of a change's effect
# ("would that drop my total by 5%?").
_PRONOUN_MOVES = re.compile(
    rf"(?i)\bif\s+(?:instead\s+)?(?P<it>it|that|this)(?=\s+(?:\w+ly\s+)?{_MOVES})"
)


def moved_the_stock(said: str) -> bool:
    """Whether a what-if's change line (``ChangedOffer.said``) moved the stock's price."""
    return any(_MOVED.search(step.strip()) for step in said.split(";"))


def stock_named(change: str, moved_before: bool) -> str | None:
    """``change`` with the pronoun it moves read as the stock ("and if instead it goes up
    25%" -> "…the stock goes up 25%"), when the what-if before moved the stock or the words
    are a market's ("what if it tanks 50%"); else None."""
    found = _PRONOUN_MOVES.search(change)
    if not _PERCENT.search(change) or found is None:
        return None
    if not moved_before and not _MARKET_MOVES.match(change, found.end("it")):
        return None  # "what if it goes up 10%" after no stock move: of what, is not said
    return change[: found.start("it")] + "the stock" + change[found.end("it") :]


# Moves only a market makes: "it" moved so is the stock, whatever came before.
_MARKET_MOVES = re.compile(
    r"(?i)\s+(?:\w+ly\s+)?(?:tank|crash|crater|plummet|plunge|nosedive|rall(?:y|ies|ied)|soar)"
)


_PRICE_NAMES = {
    "equity.price_per_share": "share price",
    "equity.strike": "strike price",
    "equity.preferred_price": "preferred price",
    "equity.fmv_409a": "409A price",
}
