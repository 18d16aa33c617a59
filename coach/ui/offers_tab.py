"""The Offers tab: score one or more offers, the counter script, charts per offer and side by side.

Plain functions over coach.offers; the Gradio layout only wires them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from coach.errors import CoachError, InputError
from coach.money import format_usd, parse_amount, quote
from coach.offers import Offer, assess_offer, compare_offers, comparison_chart
from coach.offers.compare import offer_chart
from coach.offers.parse import NOT_AN_OFFER, read_offer
from coach.offers.report import comparison_markdown, score_markdown
from coach.offers.stated import Field, with_stated
from coach.offers.written_numbers import writing_in

SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)
MAX_OFFERS = 5
PLACEHOLDER = (
    "Paste one or more offers; separate them with a line of ---\n\n"
    "Acme, senior ML engineer in Seattle: 185k base, 15% bonus, "
    "400k RSUs over 4 years, 20k sign-on\n"
    "---\n"
    "Beta, senior ML engineer in Seattle: 175k base, 0.2% equity at a $500M valuation"
)


# Below this, an equity grant's "value" is a share price or a share count typed into the
# grant's box: no grant of shares is worth under $1,000 over four years.
MIN_GRANT_VALUE = 1_000
# The form's own labels (coach/ui/app.py), so an error names the box to fix.
LABELS = {
    "base": "Base",
    "bonus_pct": "Target bonus %",
    "rsu": "RSU grant value over 4 years",
    "sign_on": "Sign-on",
}


@dataclass
class FormOffer:
    """The form's fields for one offer (all text, as typed)."""

    company: str = ""
    role: str = ""
    level: str = ""
    location: str = ""
    base: str = ""
    bonus_pct: str = ""
    rsu: str = ""
    sign_on: str = ""

    def given(self) -> bool:
        return bool(self.base.strip())

    def to_offer(self) -> Offer | None:
        """The offer the form states, each box read on its own (None: no base typed).

        Read field by field, never as text: a sign or a stray word can't move an amount
        to another field or flip it. A negative, zero or out-of-bounds figure raises
        InputError with one sentence naming the box; nothing is clipped.
        """
        if not self.given():
            return None
        # The base's own bounds (zero, $5, $50M) are the model's, with its sentences.
        parts: dict[str, Any] = {"base": _read(self.base, "base")}
        if self.bonus_pct.strip():
            parts["bonus"] = {"target_percent": _percent(self.bonus_pct, "bonus_pct")}
        if self.rsu.strip():
            grant = _positive(self.rsu, "rsu")
            if grant < MIN_GRANT_VALUE:
                raise InputError(
                    f"{LABELS['rsu']}: {format_usd(grant)} is too little to be a grant's value; "
                    "give the dollar value of the whole grant (shares x price per share), "
                    "e.g. 400k."
                )
            parts["equity"] = {"kind": "rsu", "value": grant}
        if self.sign_on.strip():
            parts["sign_on"] = {"amount": _positive(self.sign_on, "sign_on")}
        offer = Offer.model_validate(parts)  # the model's bounds: a $5 or $50M base, a 300% bonus
        stated: dict[Field, str | None] = {
            "company": self.company,
            "role": self.role,
            "level": self.level,
            "location": self.location,
        }
        offer, _ = with_stated(
            offer, {k: v for k, v in stated.items() if v and v.strip()}, source="the form"
        )
        return offer


def _read(text: str, box: str) -> int:
    """One amount from a form box (never negative), or one sentence naming the box."""
    try:
        return parse_amount(text)
    except InputError as err:
        raise InputError(f"{LABELS[box]}: {err.message}") from None


def _positive(text: str, box: str) -> int:
    """One amount above zero from an optional box: 0 there means the box should be empty."""
    value = _read(text, box)
    if value == 0:
        raise InputError(
            f"{LABELS[box]}: 0 is not an amount to score; leave the box empty if there is none."
        )
    return value


def _percent(text: str, box: str) -> float:
    """A percentage above zero from a form box: "15" or "15%"."""
    label = LABELS[box]
    typed = text.strip()
    number = typed.removesuffix("%").strip()
    if number.startswith("-"):
        raise InputError(f"{label}: '{quote(typed)}' is negative; a bonus target is 0% or more.")
    try:
        value = float(number)
    except ValueError:
        raise InputError(
            f"{label}: '{quote(typed)}' is not a percentage; give a number like 15."
        ) from None
    if not math.isfinite(value):
        raise InputError(f"{label}: '{quote(typed)}' is not a percentage; give a number like 15.")
    if value == 0:
        raise InputError(f"{label}: 0% is not a bonus; leave the box empty if there is none.")
    return value


@dataclass
class OfferCheck:
    markdown: str
    charts: list[Any] = field(default_factory=list)  # one matplotlib Figure per offer
    comparison_chart: Any = None


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in SEPARATOR.split(text or "") if block.strip()]


def _amount(text: str, what: str) -> int | None:
    if not (text or "").strip():
        return None
    try:
        return parse_amount(text)
    except InputError as err:
        raise InputError(f"{what}: {err.message}") from None


def check_offers(
    form: FormOffer, pasted: str, current_base: str = "", floor: str = ""
) -> OfferCheck:
    """Score every offer given (form first, then pasted blocks); compare when there are 2-5."""
    blocks = _blocks(pasted)
    count = int(form.given()) + len(blocks)
    if not count:
        raise InputError("Enter an offer in the form (base at least) or paste one in the box.")
    if count > MAX_OFFERS:
        raise InputError(f"Check at most {MAX_OFFERS} offers at a time; you gave {count}.")
    current = _amount(current_base, "Current base")
    walk_away = _amount(floor, "Walk-away floor")
    from_form = form.to_offer()
    # (offer, what couldn't be read, what was assumed, what was read): the form's boxes
    # leave nothing unread; a pasted text shows what was read from its words first.
    read: list[tuple[Offer, list[str], list[str], str]] = (
        [(from_form, [], [], "")] if from_form else []
    )
    asked: list[str] = []
    for block in blocks:
        reading = read_offer(block)
        if not reading.is_offer:
            raise InputError(NOT_AN_OFFER)
        if reading.offer is None and not any(not f.guessed for f in reading.fields):
            # Nothing read at all: one sentence, not an empty table.
            raise InputError(" ".join(q.text for q in reading.questions))
        if reading.offer is None:  # something to ask: shown, and not scored on a guess
            asked.append(f"### Offer {len(read) + len(asked) + 1}\n\n{reading.what_i_read()}")
            continue
        read.append((reading.offer, reading.unparsed, reading.assumptions, reading.what_i_read()))
    reports, sections, charts = [], list(asked), []
    for i, (offer, unparsed, assumptions, shown) in enumerate(read):
        # Every amount in the offer's own currency ("£95,000"), never as dollars.
        with writing_in(offer.currency):
            report = assess_offer(offer, current_base=current, floor=walk_away)
            report = report.model_copy(update={"unparsed": unparsed, "assumptions": assumptions})
            name = offer.company or f"Offer {i + 1}"
            reports.append(report)
            body = f"{shown}\n\n{score_markdown(report)}" if shown else score_markdown(report)
            sections.append(f"### {name}\n\n{body}")
            charts.append(offer_chart(name, report.totals))
    comparison = None
    if len(reports) >= 2:
        compared = compare_offers([r.offer for r in reports])
        sections.append("### Side by side\n\n" + comparison_markdown(compared))
        comparison = comparison_chart(compared)
    return OfferCheck("\n\n---\n\n".join(sections), charts, comparison)


def safe_check(form: FormOffer, pasted: str, current_base: str, floor: str) -> OfferCheck:
    """Like check_offers, but a bad input becomes one sentence in the report."""
    try:
        return check_offers(form, pasted, current_base, floor)
    except CoachError as err:
        return OfferCheck(f"⚠️ {err.message}")
