"""Figures and currencies as offers abroad write them, made plain for the offer reader.

"85.000 €", "CHF 145'000", "₹38,00,000", "R$ 310.000,00" and "120 000 $" are each one
amount; ``coach.money`` reads "$85,000"-style text. ``plain_figures`` rewrites a text so
every such figure is plain digits and every currency mark before a figure is a "$",
*keeping each character's position*: what the reader finds in the plain text is quoted
back from the original at the same place. The currencies themselves are data
(``knowledge/vocabulary/currencies.yaml``).
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import dataclass

from coach.money import written_in
from coach.vocabulary import currencies


@dataclass(frozen=True, slots=True)
class CurrencyMark:
    code: str | None  # ISO code; None for a bare "$" (dollars of an unstated country)
    text: str
    start: int
    end: int


def currency_marks(text: str) -> list[CurrencyMark]:
    """Every currency mark or currency name in ``text``, left to right."""
    table = currencies()
    found = []
    for match in table.marks.finditer(text):
        key = " ".join(match.group(0).lower().split())
        found.append(CurrencyMark(table.codes.get(key), match.group(0), *match.span()))
    return found


def money_prefix(currency: str) -> str:
    """How amounts in ``currency`` are written: "$", "£", "€", else the code ("CHF ")."""
    return currencies().signs.get(currency, f"{currency} ")


def writing_in(currency: str) -> AbstractContextManager[None]:
    """format_usd writes ``currency`` inside the block: an offer is shown in its own money."""
    return written_in(money_prefix(currency))


def country_currency(country: str) -> str | None:
    """The currency offers in a country (ISO code) are paid in, if the vocabulary knows it."""
    return currencies().by_country.get(country)


# Thousands written the ways of other countries. Each is rewritten as plain digits.
_INDIAN = re.compile(r"(?<![\d.,])\d{1,2}(?:,\d{2})+,\d{3}(?![\d,]\d)")
_APOSTROPHE = re.compile(r"(?<![\d.,])\d{1,3}(?:['’]\d{3})+(?!\d)")
_DOTTED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d]|[.,]\d)")
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d]|[.,]\d)")
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])")
# Currencies that write "85.000" for eighty-five thousand.
_DOT_THOUSANDS = {"EUR", "BRL", "CHF", "PLN", "TRY", "COP", "SEK", "ILS"}


_FIGURE_TAIL = set("0123456789.,'’ \u00a0\u202f")
# Before a figure: a currency mark ("CHF", "R$") or a number written as a word ("one").
_MARK_HEAD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$₹€£¥₪")


def quoted(plain: str, original: str, start: int, end: int) -> str:
    """The original words behind ``plain[start:end]``, widened over what ``plain_figures``
    turned into padding: "98000" is quoted as "98.000 €", "$ 145000" as "CHF 145'000"."""
    while end < len(plain) and plain[end] == " " and original[end] in _FIGURE_TAIL - {" "}:
        end += 1
    while (
        end + 1 < len(plain)
        and plain[end] == " "
        and original[end] == " "
        and plain[end + 1] == " "
        and original[end + 1] in "€£¥₹₪"
    ):
        end += 2  # a sign written after the figure: "85.000 €"
    while start > 0 and plain[start - 1] == " " and original[start - 1] in _MARK_HEAD:
        start -= 1
    return original[start:end]


def _digits(match: re.Match[str]) -> str:
    """The figure as plain digits (cents dropped), padded to the same length."""
    whole = match.group(0).split(",")[0] if "," in match.group(0)[-3:] else match.group(0)
    digits = re.sub(r"\D", "", whole)
    return digits.ljust(len(match.group(0)))


def _next_to_mark(text: str, start: int, end: int, marks: list[CurrencyMark]) -> bool:
    return any(0 <= start - m.end <= 1 or 0 <= m.start - end <= 1 for m in marks)


def plain_figures(text: str, currency: str | None) -> str:
    """``text`` with foreign-style figures as plain digits and currency marks as "$" or blank.

    Same length as ``text``, character for character, so positions carry over.
    """
    marks = currency_marks(text)
    out = _INDIAN.sub(_digits, text)
    out = _APOSTROPHE.sub(_digits, out)

    def dotted(match: re.Match[str]) -> str:
        figure = match.group(0)
        many = figure.count(".") > 1 or "," in figure
        followed = re.match(r" ?([kmb])(?![a-z])", out[match.end() : match.end() + 3], re.I)
        if followed:  # "$1.200M" is a decimal point
            return figure
        if (
            many
            or currency in _DOT_THOUSANDS
            or _next_to_mark(out, match.start(), match.end(), marks)
        ):
            return _digits(match) if (many or currency not in (None, "USD", "GBP")) else figure
        return figure

    out = _DOTTED.sub(dotted, out)
    if currency in _DOT_THOUSANDS:
        # "95,00 €": a decimal comma (two digits after it, never three) is a point.
        out = _DECIMAL_COMMA.sub(lambda m: m.group(0).replace(",", "."), out)
    out = _SPACED.sub(
        lambda m: _digits(m) if _next_to_mark(out, m.start(), m.end(), marks) else m.group(0),
        out,
    )
    chars = list(out)
    for mark in marks:
        after = out[mark.end : mark.end + 2].lstrip()
        before_figure = bool(after[:1].isdigit())
        for i in range(mark.start, mark.end):
            chars[i] = " "
        if before_figure:
            chars[mark.end - 1] = "$"  # right-aligned, so "$" still touches the figure
    return "".join(chars)
