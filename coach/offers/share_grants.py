"""Equity written as a number of shares: "4,000 RSUs at $95 a share", "12,000 shares, $18
each", "Options: 30,000 @ $2.40 strike (preferred $9.90)", "RSUs: 400 units at ₹6,250".

A share count is never money: it is priced only by a price per share written near it
(grant value = shares × price, with the arithmetic kept as the field's note). A count
with no price is asked about, never taken as dollars. Options take a strike and a
preferred or 409A price from anywhere in the text. Read on the plain text (see
``coach.offers.written_numbers``) and quoted from the original at the same positions.
"""

from __future__ import annotations

import re
from typing import Protocol

from coach.offers.written_numbers import quoted
from coach.vocabulary import ticker_of

# Atomic: a count never gives digits back, or a long run of digits costs its square.
_COUNT = r"(?<![\d.,$])((?>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?k\b|\d+))(?![\d.,]*%)"
# A price per share: never followed by a scale ("$30M" is a valuation, not a price).
_NUM = (
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|,\d)"
    r"(?!\s?(?:k|m|mm|b|bn|thousand|million|billion)\b)"
)
_RSU_WORDS = (
    r"(?:new[-\s]hire\s+)?(?:rsus?\b|rsu['’]s|restricted\s+stock\s+units?|"
    r"restricted\s+stock\s+awards?|units\b|st(?:ü|ue)ck\b|shares\b(?:\s+of\s+(?:restricted\s+)?stock)?)"
)
# "4,000 RSUs", "45,000 shares of restricted stock" | "RSU's 3,000", "RSUs | 2,000 shares".
_RSU_COUNT = re.compile(rf"{_COUNT}\s*{_RSU_WORDS}", re.IGNORECASE)
# ...never a vesting's length ("248k in rsus 4yr vest": no grant of 4 RSUs).
_RSU_COUNT_AFTER = re.compile(
    rf"(?:rsus?|rsu['’]s|units)\s*[:|]?\s*{_COUNT}"
    r"(?!\s*(?:k\b|[$]|-?\s*(?:yrs?|years?|y|months?|mos?)\b))",
    re.IGNORECASE,
)
_OPTION_COUNT = re.compile(
    rf"{_COUNT}\s+(?:(?:stock|iso|nso|incentive\s+stock)\s+)?(?:options?|opts|isos|nsos)\b"
    rf"|options?\s*(?:\|\s*|:\s*|\t\s*|\s{{2,}}|to\s+(?:purchase|buy)\s+){_COUNT}",
    re.IGNORECASE,
)
_STOCK_AT = (
    r"\b(?:stock|shares?)(?:'s)?\s*(?:(?:is|are|was|trades?|trading|sits?|at|currently|now|price\s+is|"
    r"around|about|roughly|near|approx\w*)\b|~|@)"  # "stock around $160", "stock ~$170"
    r"[^$\n]{0,20}?~?\$\s?(\d{1,4}(?:\.\d+)?)(?!\d|,\d|\s?(?:k|m|b|bn|mm)\b)"
)
# A price per share written after a count, most specific first.
_PRICES = [
    re.compile(
        rf"\$\s?{_NUM}\s*(?:a|per|/|each)\s*(?:share|sh|shr|unit)?\b|\$\s?{_NUM}\s+each",
        re.I,
    ),
    re.compile(rf"(?:@|\bx\b|×|\bà\b)\s*\$?\s?{_NUM}", re.IGNORECASE),
    re.compile(rf"\bat\s+\$\s?{_NUM}|\bat\s+{_NUM}\s*(cents)\b", re.IGNORECASE),
    re.compile(
        rf"(?:price|priced|valued|value|trading|trades|traded|worth)\b[^$\n]{{0,45}}?~?\$\s?{_NUM}",
        re.IGNORECASE,
    ),
    # "stock is around $85", "shares sit at $142": a figure under $10,000 with no thousands
    # separator (a share's price, never "stock is $85,000 total").
    re.compile(_STOCK_AT, re.IGNORECASE),
]
_WINDOW = 140  # characters after a count in which its price is looked for
# What follows a number that is not a price: a scale ("$30M" is a valuation), a multiple
# ("1.5x" is a preference), a time ("1.5 years", "a 4.5 year vest"), a percent.
_NOT_A_PRICE = (
    r"(?!\d|,\d|\.\d|\s?(?:x\b|×|%|k\b|m\b|mm\b|b\b|bn\b|thousand|million|billion|mil\b|"
    r"years?\b|yrs?\b|months?\b|mos?\b|weeks?\b|days?\b|percent\b|pct\b|times\b|rounds?\b))"
)
# A price per share written with its unit: "$0.50", "50 cents", "12.5c", "1.20 dollars".
_UNITS = (
    r"\$\s?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?<=\d)"
    r"|\d*\.?\d+\s?(?:cents?\b|¢|c\b)"
    r"|(?<![\d.,$])\d*\.?\d+\s?(?:dollars?|usd|bucks)\b"
)
_UNIT_PRICE = rf"({_UNITS}){_NOT_A_PRICE}"
# ...or bare with a decimal point (".85", "0.50"), read only right after its label: a bare
# "2024" or "4" is a year or a count, and a bare decimal further off may be anything.
_SHARE_PRICE = rf"({_UNITS}|(?<![\d.,$])\d*\.\d+){_NOT_A_PRICE}"
# The words between a label and its price: "preferred is around 4.80", "409a which is like
# 1.10", "strike price of .85".
_LABEL_TO_PRICE = (
    r"(?:\s+(?:share\s+|stock\s+)?price)?\s*(?:,?\s*(?:which|that)\s+)?"
    r"(?:is|was|of|at|=|:|sits\s+at|comes\s+to)?\s*(?:around|about|like|roughly|~)?\s*"
)
_STRIKE = re.compile(
    rf"(?:strike|exercise)(?:\s+price)?\s*(?:of|at|is|was|:|\||=)?\s*{_SHARE_PRICE}"
    rf"|{_SHARE_PRICE}\s*(?:per\s+share\s+)?(?:strike|exercise\s+price)",
    re.IGNORECASE,
)
# Within one sentence: "investors in our Series B preferred financing, which closed in
# September 2026, paid $7.40 per share"; "the 409A valuation set the fair market value of
# the Common Stock at $3.10 per share".
_IN_SENTENCE = r"(?:[^$\n.;]|\.(?=\d)){0,80}?"
# A whole number is a price only right after "preferred is" and ending its clause
# ("preferred is 5."), or with "a share" after it; never "preferred is 4 times the 409a".
_WHOLE_PRICE = (
    r"(\d{1,3})(?=\s*(?:$|[,;!?)\n]|\.(?!\d)|and\b|a\s+share|per\s+share|/\s?sh|dollars|bucks))"
)
_PREFERRED = re.compile(
    rf"pref(?:erred)?\b{_LABEL_TO_PRICE}{_SHARE_PRICE}"
    rf"|pref(?:erred)?(?:\s+(?:share\s+|stock\s+)?price)?\s*(?:is|was|of|at|=|:)\s*"
    rf"(?:around\s+|about\s+|~\s*)?{_WHOLE_PRICE}"
    rf"|pref(?:erred)?\b{_IN_SENTENCE}{_UNIT_PRICE}"
    rf"|\$\s?{_NUM}(?:(?!409a|strike|fmv)[^$\n.;)]){{0,20}}?\(?preferred\b",
    re.IGNORECASE,
)
# "40k options @ 12 cents", "10,000 options at $1.50": a price right after the count is
# its strike, unless a word near it names it the preferred or 409A price.
_PRICE_AFTER_COUNT = re.compile(
    rf"\s*(?:@|at\b)\s*(?:a\s+)?{_SHARE_PRICE}"
    r"(?![^,.;\n]{0,30}?(?:preferred|409a|fmv|fair\s+market))",
    re.IGNORECASE,
)
_FMV_LABEL = r"(?:409a|fmv|fair\s+market\s+value)"
# "strike will be set at the current 409A", "strike = FMV", "the strike matches the 409a":
# the strike is the 409A price. Never "strike is below the 409a" or "strike not yet set".
_STRIKE_AT_FMV = re.compile(
    r"(?:strike|exercise\s+price)(?:\s+price)?\s+(?:will\s+(?:be\s+)?|is\s+|gets\s+)?"
    r"(?:(?:set|fixed|pegged)\s+(?:at|to)|at|=|equal(?:s|\s+to)?|match(?:es)?|the\s+same\s+as)"
    rf"\s+(?:the\s+)?(?:current\s+|latest\s+)?{_FMV_LABEL}\b",
    re.IGNORECASE,
)
_FMV = re.compile(
    rf"{_FMV_LABEL}\b{_LABEL_TO_PRICE}{_SHARE_PRICE}|{_FMV_LABEL}\b{_IN_SENTENCE}{_UNIT_PRICE}",
    re.IGNORECASE,
)
# The prices an options grant is read with, each in the field it fills.
_LABELLED_PRICES = (
    (_STRIKE, "equity.strike"),
    (_PREFERRED, "equity.preferred_price"),
    (_FMV, "equity.fmv_409a"),
)


def _share_price(text: str) -> float:
    """ "$0.50", "0.50", "50 cents", "50c", "1.20 dollars" -> dollars a share."""
    number = float(re.search(r"\d*\.?\d+", text.replace(",", "")).group())  # type: ignore[union-attr]
    return number / 100 if re.search(r"cents?|¢|\dc$|\d\sc$", text.lower().strip()) else number


def share_price_said(text: str) -> tuple[str, str, float] | None:
    """The one share price a message names on its own ("preferred is around 4.80", "the
    strike is 40 cents", "stock trades around $142"): its field, the words and the price,
    or None (none, or several)."""
    found = [
        (path, match.group(0).strip(), _share_price(_first(match)))
        for pattern, path in (*_LABELLED_PRICES, (_RSU_PRICE_SAID, "equity.price_per_share"))
        if (match := pattern.search(text))
    ]
    return found[0] if len(found) == 1 else None


# A public company's share price told on its own: "stock trades around $142", "share price
# $142", "$85 is the share price", "$85 a share".
_RSU_PRICE_SAID = re.compile(
    rf"{_STOCK_AT}|share\s+price\s*(?:is|of|:)?\s*(?:around|about|~)?\s*\$\s?(\d{{1,4}}(?:\.\d+)?)"
    rf"|\$\s?(\d{{1,4}}(?:\.\d+)?)\s*(?:is\s+the\s+share\s+price|a\s+share|per\s+share|/\s?share)",
    re.IGNORECASE,
)


class Sink(Protocol):
    """What the reader writes to (coach.offers.parse.Extraction)."""

    def equity(self, kind: str, source: str) -> bool: ...
    def put(self, path: str, value: object, source: str) -> None: ...
    def note(self, path: str, how: str, *, guessed: bool = False) -> None: ...
    def ask(self, path: str, question: str, source: str = "") -> None: ...


def _count(text: str) -> float:
    text = text.replace(",", "").strip().lower()
    return float(text[:-1].strip()) * 1000 if text.endswith("k") else float(text)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _first(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g)


def _price_after(text: str, start: int) -> tuple[float, int, int] | None:
    """The first price per share within the window after ``start``: (price, start, end)."""
    window = text[start : start + _WINDOW]
    cut = re.search(r"\n\s*\n|\n\s*[-*•|\d]", window)  # not into the next bullet or row
    window = window[: cut.start()] if cut else window
    found = [m for pattern in _PRICES if (m := pattern.search(window))]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    groups = [g for g in first.groups() if g]
    price = float(groups[0].replace(",", "")) / (100 if "cents" in groups[1:] else 1)
    # The words quoted run to the end of any reading of the same price ("at $95 a share").
    end = max(m.end() for m in found if m.start() < first.end())
    return price, start + first.start(), start + end


_PER_SHARE_ANYWHERE = re.compile(rf"\$\s?{_NUM}\s*(?:a|per|/)\s*(?:share|unit)\b", re.IGNORECASE)


def _only_price_per_share(text: str) -> tuple[float, int, int] | None:
    """The one price per share written anywhere ("…which was $73.00 per share" a
    paragraph later, "coin is ~$215"), when there is exactly one; two would be a guess."""
    found = list(_PER_SHARE_ANYWHERE.finditer(text))
    if not found:
        found = [m for m in _NAMED_STOCK_AT.finditer(text) if _names_the_company(m[1], text)]
    if len(found) != 1:
        return None
    match = found[0]
    number = next(g for g in match.groups()[1:] if g) if match.re is _NAMED_STOCK_AT else None
    return float((number or _first(match)).replace(",", "")), match.start(), match.end()


# The company's stock by its ticker or the start of its name: "coin is ~$215" in a coinbase
# offer, "nvda trades around $140" in an nvidia one (a price under $10,000, no "k").
_NAMED_STOCK_AT = re.compile(
    r"\b([a-z]{2,5})(?:'s)?\s*(?:(?:is|are|was|trades?|trading|sits?|at|currently|now|around|"
    r"about|roughly|near|approx\w*)\b|~|@)[^$\n]{0,20}?~?\$\s?(\d{1,4}(?:\.\d+)?)"
    r"(?!\d|,\d|\s?(?:k|m|b|bn|mm)\b)",
    re.IGNORECASE,
)


def _names_the_company(short: str, text: str) -> bool:
    """Whether ``short`` is another word of ``text`` shortened: its ticker ("nvda" for
    nvidia) or its first letters ("coin" for coinbase), never a word of an offer's parts."""
    short = short.lower()
    if short in _NOT_A_COMPANY:
        return False
    words = {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w != short}
    return any((w.startswith(short) and len(short) >= 3) or ticker_of(short, w) for w in words)


# Words before "is $85" that are a part of the offer or a plain word, never a company.
_NOT_A_COMPANY = frozenset(
    {
        *("base", "bonus", "salary", "sign", "pay", "comp", "total", "equity", "cash"),
        *("stock", "share", "shares", "rsu", "rsus", "grant", "offer", "price", "value"),
        *("strike", "pref", "fmv", "it", "that", "this", "which"),
    }
)


def read_options(text: str, original: str, out: Sink) -> str:
    """Option count, strike and preferred/409A prices anywhere in the text; blanks them."""
    # "you may select only one option": under ten is a word, never a grant of options.
    count = next((m for m in _OPTION_COUNT.finditer(text) if _count(_first(m)) >= 10), None)
    if count is None:
        return text
    said = quoted(text, original, count.start(), count.end())
    if not out.equity("options", said):
        return text
    out.put("equity.count", _count(_first(count)), said)
    if (after := _PRICE_AFTER_COUNT.match(text, count.end())) and not _STRIKE.search(text):
        strike_said = quoted(text, original, after.start(), after.end()).strip()
        out.put("equity.strike", _share_price(_first(after)), strike_said)
        text = _blank(text, after.start(), after.end())
    text = _blank(text, *count.span())
    for pattern, path in _LABELLED_PRICES:
        if match := pattern.search(text):
            value = _share_price(_first(match))
            out.put(path, value, quoted(text, original, match.start(), match.end()))
            text = _blank(text, *match.span())
    fmv = getattr(out, "data", {}).get("equity", {}).get("fmv_409a")
    at_fmv = _STRIKE_AT_FMV.search(original) if fmv is not None else None
    if "equity.strike" not in _paths(out) and at_fmv is not None:
        out.put("equity.strike", fmv, at_fmv.group(0))
    if "equity.strike" not in _paths(out):
        out.ask("equity.strike", f"“{said.strip()}”: what is the strike (exercise) price?", said)
    if not {"equity.preferred_price", "equity.fmv_409a"} & _paths(out):
        out.ask(
            "equity.price",
            "What is a share worth now: the latest preferred price or the 409A price?",
            said,
        )
    return text


def read_rsu_shares(text: str, original: str, out: Sink) -> str:
    """A count of RSUs or shares and its price per share; blanks what it read.

    A letter names its grant more than once ("New-hire RSU grant: 3,000 RSUs" in a table,
    "3,000 restricted stock units. … closing share price … was $141.20" in a paragraph):
    every mention of the same count is the one grant, priced where a price follows one of
    them, and none of them is read again as dollars."""
    counts = [*_RSU_COUNT.finditer(text), *_RSU_COUNT_AFTER.finditer(text)]
    for count in counts:
        shares = _count(_first(count))
        if shares < 1:
            continue
        same = [c for c in counts if c is not count and _count(_first(c)) == shares]
        priced = [c for c in [count, *same] if _price_after(text, c.end()) is not None]
        if priced and priced[0] is not count:
            same = [count, *(c for c in same if c is not priced[0])]
            count = priced[0]
        said = quoted(text, original, count.start(), count.end())
        price = _price_after(text, count.end())
        if price is None and _first(count).strip().lower().endswith("k"):
            continue  # "100K RSUs/yr" is dollars of stock; "6k RSUs @ $48" is a count
        if price is None:
            price = _only_price_per_share(text)
        if not out.equity("rsu", said):
            return text
        out.put("equity.shares", shares, said)
        for again in same:  # the same grant named again
            text = _blank(text, *again.span())
        if price is None:
            out.ask(
                "equity.price_per_share",
                f"“{said.strip()}”: at what price per share (or what total value)?",
                said,
            )
            return _blank(text, *count.span())
        value, p_start, p_end = price
        price_words = quoted(text, original, p_start, p_end)
        near = p_start <= count.end() + _WINDOW
        words = quoted(text, original, count.start(), p_end) if near else f"{said} … {price_words}"
        out.put("equity.price_per_share", value, price_words)
        grant = round(shares * value)
        out.put("equity.value", grant, words)
        out.note("equity.value", f"{shares:,.0f} × {value:,.2f} per share")
        if near:
            text = _blank(text, count.start(), p_end)
        else:  # the two places it was read from, not the paragraphs between them
            text = _blank(_blank(text, *count.span()), p_start, p_end)
        # "5,000 RSUs x $52 = $260,000": the product written out is the same grant.
        total = re.match(r"\s*=\s*\$?\s?([\d,]+)", text[p_end:])
        if total and abs(float(total.group(1).replace(",", "")) - grant) <= 1:
            text = _blank(text, p_end, p_end + total.end())
        return text
    return text


def _paths(out: Sink) -> set[str]:
    data = getattr(out, "data", {})
    equity = data.get("equity", {})
    return {f"equity.{key}" for key in equity}
