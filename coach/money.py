"""Money in the forms people type: "$185,000", "185k", "185K", "1.2M", "185 thousand", "$150-170k".

The one parser for amounts, shared by offers, the role-play and the agent, so
"110k" means 110,000 everywhere. It reports what it found with its position in
the text; it never guesses a number that is not written there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from coach.errors import InputError

_SCALE = {
    "k": 1_000,
    "thousand": 1_000,
    "grand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_SCALE_WORDS = "|".join(sorted(_SCALE, key=len, reverse=True))
# A number: 185,000 | 185000 | 1.2 | 185_000; with optional currency and scale. It starts
# only where a run of digits starts and never gives digits back (an atomic group): else a
# long run of digits costs a regex retry at every position, and "9" * 10,000 takes minutes.
_NUMBER = r"(?<!\d)(?>\d{1,3}(?:[,_]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_CURRENCY = r"(?:US\$|USD|\$|£|€|EUR|GBP|CAD|C\$)"
_AMOUNT = (
    rf"(?P<cur>{_CURRENCY})?\s?(?P<num>{_NUMBER})\s?(?P<scale>(?:{_SCALE_WORDS})\b)?"
    rf"(?:\s?(?P<cur2>USD|EUR|GBP|CAD|dollars?))?"
)
_AMOUNT_RE = re.compile(_AMOUNT, re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?P<a>{_AMOUNT})\s*(?:-|–|—|to|and)\s*(?P<b>{_AMOUNT.replace('?P<', '?P<b_')})",
    re.IGNORECASE,
)
_CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "cad": "CAD",
    "c$": "CAD",
}
# Numbers this small with no currency or scale are counts, percentages or years, not pay.
_MIN_BARE = 1_000
# No pay, grant or valuation comes near a quadrillion: a bigger number is a typo or junk,
# and is not read as money (Python can't even print an int of more than 4,300 digits).
MAX_AMOUNT = 10**15
_MAX_DIGITS = len(str(MAX_AMOUNT))


@dataclass(frozen=True)
class Amount:
    """An amount found in text: its value in units of currency, and where it was."""

    value: int
    currency: str
    text: str
    start: int
    end: int
    explicit: bool  # written with a currency sign or a scale word ("$", "k", "thousand")


@dataclass(frozen=True)
class MoneyRange:
    low: Amount
    high: Amount


def _currency(code: str | None) -> str | None:
    return _CURRENCY_CODES.get(code.lower()) if code else None


def _value(num: str, scale: str | None) -> int | None:
    """The number times its scale, or None when it is above MAX_AMOUNT."""
    digits = num.replace(",", "").replace("_", "")
    if len(digits.partition(".")[0].lstrip("0")) > _MAX_DIGITS:
        return None  # checked on the text first: converting 100k digits is itself slow
    try:
        number = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex only admits digits
        raise InputError(f"'{quote(num)}' is not a number.") from exc
    value = int(number * _SCALE.get((scale or "").lower(), 1))
    return value if value <= MAX_AMOUNT else None


def _amount(match: re.Match[str], prefix: str = "") -> Amount | None:
    group = match.groupdict()
    num, scale = group[f"{prefix}num"], group[f"{prefix}scale"]
    cur = _currency(group[f"{prefix}cur"]) or _currency(group[f"{prefix}cur2"])
    explicit = bool(cur or scale)
    value = _value(num, scale)
    if value is None or (not explicit and value < _MIN_BARE):
        return None
    start, end = match.span(f"{prefix}num")
    cur_start = match.start(f"{prefix}cur") if group[f"{prefix}cur"] else start
    text_end = match.end(f"{prefix}scale") if scale else end
    return Amount(
        value, cur or "USD", match.string[cur_start:text_end], cur_start, text_end, explicit
    )


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, left to right.

    A bare number under 1,000 (no "$" and no "k") is not money: "15% bonus",
    "4 years", "2 offers". A year like 2025 written bare is skipped too.
    """
    return list(_amounts_in(text or ""))


@functools.lru_cache(maxsize=1024)
def _amounts_in(text: str) -> tuple[Amount, ...]:
    """Cached: a turn reads the same message for its figures about seven times (the
    understanding, the tools, the numbers guard), and every turn reads the thread again."""
    found: list[Amount] = []
    for match in _AMOUNT_RE.finditer(text or ""):
        amount = _amount(match)
        if amount is None:
            continue
        if not amount.explicit and _looks_like_year_or_count(match, text):
            continue
        if _glued_to_letters(match, text):
            continue
        found.append(amount)
    return tuple(found)


# The letters a currency is written with, glued to its figure ("CHF120000", "Rs50000").
_CODE_BEFORE = re.compile(r"(?:^|[^A-Za-z])(?:[A-Z]{3}|Rs|R|kr|Fr)$")


def _glued_to_letters(match: re.Match[str], text: str) -> bool:
    """A figure inside a word ("EC2M", a London postcode; "W1K"): a code, not money."""
    if match.group("cur"):
        return False
    start = match.start("num")
    if start == 0 or not text[start - 1].isalpha():
        return False
    return not _CODE_BEFORE.search(text[max(0, start - 4) : start])


def _looks_like_year_or_count(match: re.Match[str], text: str) -> bool:
    num = match.group("num")
    if re.fullmatch(r"(19|20)\d\d", num):
        return True
    after = text[match.end("num") : match.end("num") + 12].lower()
    return bool(re.match(r"\s*(%|percent|shares|options|units|rsus?\b|days|weeks|years)", after))


def find_range(text: str) -> MoneyRange | None:
    """A range like "$150k-$170k", "150 to 170k", "150–170 thousand" (scale shared)."""
    for match in _RANGE_RE.finditer(text or ""):
        high = _amount(match, prefix="b_")
        if high is None:
            continue
        bare = _value(match.group("num"), None)
        low_scale = match.group("scale") or (
            # "150-170k": a scale written once, on the high end, applies to both ends.
            match.group("b_scale") if bare is not None and bare < _MIN_BARE else None
        )
        low_value = _value(match.group("num"), low_scale)
        if low_value is None:
            continue
        start = match.start("cur") if match.group("cur") else match.start("num")
        end = match.end("scale") if match.group("scale") else match.end("num")
        low = Amount(low_value, high.currency, match.string[start:end], start, end, True)
        if high.explicit and 0 < low.value <= high.value:
            return MoneyRange(low, high)
    return None


def parse_amount(text: str) -> int:
    """Exactly one amount, e.g. from a form field: "185k" -> 185000. Else a plain error."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError("Please enter an amount, for example 185000 or 185k.")
    if cleaned.startswith("-"):
        raise InputError(f"'{quote(cleaned)}' is negative; amounts of pay must be zero or more.")
    match = _AMOUNT_RE.fullmatch(cleaned)
    if match is None:
        raise InputError(
            f"'{quote(cleaned)}' is not an amount I can read; "
            "write it like 185000, $185,000, 185k or 1.2M."
        )
    value = _value(match.group("num"), match.group("scale"))
    if value is None:
        raise InputError(f"'{quote(cleaned)}' is too large to be an amount; check the number.")
    return value


# The amounts format_usd writes while a tool runs (see ``recorded``); None: not recording.
_RECORDED: ContextVar[list[int] | None] = ContextVar("coach_recorded_amounts", default=None)


@contextmanager
def recorded() -> Iterator[list[int]]:
    """Every amount ``format_usd`` writes inside the block, in order.

    format_usd is the one way code writes money, so what it wrote while a tool built its
    sentences (a verdict, a script) is the money those sentences state: the tool declares
    it with its result, and the numbers guard never has to read figures back out of prose.
    """
    amounts: list[int] = []
    token = _RECORDED.set(amounts)
    try:
        yield amounts
    finally:
        _RECORDED.reset(token)


# How format_usd writes the currency: "$" unless an offer in another currency is being
# worked on (``written_in``), so an offer in pounds is never shown in dollars.
_PREFIX: ContextVar[str] = ContextVar("coach_money_prefix", default="$")


@contextmanager
def written_in(prefix: str) -> Iterator[None]:
    """Inside the block, format_usd writes amounts with ``prefix`` ("£", "CHF ")."""
    token = _PREFIX.set(prefix)
    try:
        yield
    finally:
        _PREFIX.reset(token)


def nearest_thousand(value: float | int | Decimal) -> int:
    """To the nearest $1,000, a half rounded up as people do ($195,500 -> $196,000), in
    decimal: the anchor, the range and the walk-away number all round this one way."""
    thousands = (Decimal(str(value)) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(thousands) * 1000


def format_usd(value: float | int) -> str:
    """$185,000 — the one way the coach writes money (in the offer's currency, if set)."""
    amounts = _RECORDED.get()
    if amounts is not None:
        amounts.append(round(value))
    prefix = _PREFIX.get()
    if isinstance(value, int):
        return f"{prefix}{value:,}"  # exact: an int too big for a float still prints
    return f"{prefix}{value:,.0f}"


def format_per_share(value: float) -> str:
    """$2.10, $0.50, $140 — a price per share, in cents where it has them (a strike of
    "$2.1" reads as a typo), in the offer's currency like format_usd."""
    prefix = _PREFIX.get()
    return f"{prefix}{value:,.0f}" if value == round(value) else f"{prefix}{value:,.2f}"


def quote(text: object, limit: int = 40) -> str:
    """What the user typed, as quoted inside an error sentence: on one line, cut at ``limit``.

    Line breaks, control and bidi characters are blanked out: an error stays one line,
    and a right-to-left override in the input can't flip the rest of the sentence.
    """
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
