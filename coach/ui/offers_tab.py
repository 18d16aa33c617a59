"""The Offers tab: score one or more offers, the counter script, charts per offer and side by side.

Plain functions over coach.offers; the Gradio layout (coach/ui/offers_layout.py) only wires
them. A bad box is refused with one sentence beside it (``OfferCheck.field_errors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach import citations as cite
from coach.errors import CoachError, InputError
from coach.money import parse_amount
from coach.offers import Offer, assess_offer, compare_offers, comparison_chart
from coach.offers.compare import offer_chart
from coach.offers.parse import NOT_AN_OFFER, read_offer
from coach.offers.report import comparison_markdown, score_markdown
from coach.offers.written_numbers import writing_in
from coach.ui.offer_form import (
    COMPANY_KINDS,
    LABELS,
    MIN_GRANT_VALUE,
    FormError,
    FormOffer,
    FormReading,
)

__all__ = [
    "COMPANY_KINDS",
    "LABELS",
    "MAX_OFFERS",
    "MIN_GRANT_VALUE",
    "PLACEHOLDER",
    "FormOffer",
    "OfferCheck",
    "check_offers",
    "safe_check",
]

SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)
MAX_OFFERS = 5
PLACEHOLDER = (
    "Paste one or more offers; separate them with a line of ---\n\n"
    "Acme, senior ML engineer in Seattle: 185k base, 15% bonus, "
    "400k RSUs over 4 years, 20k sign-on\n"
    "---\n"
    "Beta, senior ML engineer in Seattle: 175k base, 0.2% equity at a $500M valuation"
)


@dataclass
class OfferCheck:
    markdown: str
    charts: list[Any] = field(default_factory=list)  # one matplotlib Figure per offer
    comparison_chart: Any = None
    # Box -> the sentence shown beside it (the form's boxes, "pasted", "current", "floor").
    field_errors: dict[str, str] = field(default_factory=dict)
    offers: list[Offer] = field(default_factory=list)  # the offers scored, in report order


# The boxes beside the form, named as the layout labels them.
OTHER_LABELS = {
    "pasted": "…or paste offers",
    "current": "Current base",
    "floor": "Walk-away base",
}


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in SEPARATOR.split(text or "") if block.strip()]


def _amount(text: str, box: str, errors: dict[str, str]) -> int | None:
    if not (text or "").strip():
        return None
    try:
        return parse_amount(text)
    except InputError as err:
        errors[box] = f"{OTHER_LABELS[box]}: {err.message}"
        return None


def _form(form: FormOffer, errors: dict[str, str]) -> FormReading | None:
    try:
        reading = form.read()
    except FormError as err:
        errors.update(err.fields)
        return None
    if reading is None and form.figures_typed():
        # Figures typed with no base would be dropped without a word: say so at the base.
        errors["base"] = (
            f"{LABELS['base']}: the form has figures but no base salary; give the base, "
            "or clear the form to score only the pasted offers."
        )
    return reading


def check_offers(
    form: FormOffer, pasted: str, current_base: str = "", floor: str = ""
) -> OfferCheck:
    """Score every offer given (form first, then pasted blocks); compare when there are 2-5.

    Raises FormError (a sentence per bad box) or InputError (one sentence for the whole).
    """
    blocks = _blocks(pasted)
    errors: dict[str, str] = {}
    from_form = _form(form, errors)
    current = _amount(current_base, "current", errors)
    walk_away = _amount(floor, "floor", errors)
    if errors:
        raise FormError(errors)
    count = int(form.given()) + len(blocks)
    if not count:
        raise FormError(
            {"base": "Enter an offer in the form (base at least) or paste one in the box."}
        )
    if count > MAX_OFFERS:
        raise InputError(f"Check at most {MAX_OFFERS} offers at a time; you gave {count}.")
    # (offer, what couldn't be read, what was assumed, what was read): the form's boxes
    # leave nothing unread; a pasted text shows what was read from its words first.
    read: list[tuple[Offer, list[str], list[str], str]] = (
        [(from_form.offer, [], from_form.assumptions, from_form.markdown())] if from_form else []
    )
    asked: list[str] = []
    for block in blocks:
        try:
            reading = read_offer(block)
        except InputError as err:
            raise FormError({"pasted": err.message}) from None
        if not reading.is_offer:
            raise FormError({"pasted": NOT_AN_OFFER})
        if reading.offer is None and not any(not f.guessed for f in reading.fields):
            # Nothing read at all: one sentence, not an empty table.
            raise FormError({"pasted": " ".join(q.text for q in reading.questions)})
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
            # What was read (the pasted words' table, the form's worked figures) comes
            # before the score, so the score is read knowing what it is of.
            body = f"{shown}\n\n{score_markdown(report)}" if shown else score_markdown(report)
            sections.append(f"### {name}\n\n{body}")
            charts.append(offer_chart(name, report.totals))
    comparison = None
    if len(reports) >= 2:
        compared = compare_offers([r.offer for r in reports])
        sections.append("### Side by side\n\n" + comparison_markdown(compared))
        comparison = comparison_chart(compared)
    return OfferCheck(
        cite.for_reader("\n\n---\n\n".join(sections)),
        charts,
        comparison,
        offers=[r.offer for r in reports],
    )


def safe_check(form: FormOffer, pasted: str, current_base: str, floor: str) -> OfferCheck:
    """Like check_offers, but a bad input becomes one sentence in the report and, for a
    bad box, the same sentence beside it."""
    try:
        return check_offers(form, pasted, current_base, floor)
    except FormError as err:
        return OfferCheck(f"⚠️ {err.message}", field_errors=dict(err.fields))
    except CoachError as err:
        return OfferCheck(f"⚠️ {err.message}")
