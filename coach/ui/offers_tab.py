"""The Offers tab: score one or more offers, the counter script, charts per offer and side by side.

Plain functions over coach.offers; the Gradio layout only wires them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach.errors import CoachError, InputError
from coach.money import parse_amount
from coach.offers import assess_offer, compare_offers, comparison_chart, parse_offer
from coach.offers.compare import offer_chart
from coach.offers.report import comparison_markdown, score_markdown

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

    def as_text(self) -> str | None:
        if not self.base.strip():
            return None
        parts = [f"{self.base.strip()} base"]
        if self.bonus_pct.strip():
            parts.append(f"{self.bonus_pct.strip().rstrip('%')}% bonus")
        if self.rsu.strip():
            parts.append(f"{self.rsu.strip()} RSUs over 4 years")
        if self.sign_on.strip():
            parts.append(f"{self.sign_on.strip()} sign-on")
        return ", ".join(parts)


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
    texts = ([t] if (t := form.as_text()) else []) + _blocks(pasted)
    if not texts:
        raise InputError("Enter an offer in the form (base at least) or paste one in the box.")
    if len(texts) > MAX_OFFERS:
        raise InputError(f"Check at most {MAX_OFFERS} offers at a time; you gave {len(texts)}.")
    current = _amount(current_base, "Current base")
    walk_away = _amount(floor, "Walk-away floor")
    reports, sections, charts = [], [], []
    for i, text in enumerate(texts):
        parsed = parse_offer(text)
        offer = parsed.offer
        if i == 0 and form.as_text():
            fields = {
                "company": form.company,
                "role": form.role,
                "level": form.level,
                "location": form.location,
            }
            offer = offer.model_copy(update={k: v.strip() for k, v in fields.items() if v.strip()})
        report = assess_offer(offer, current_base=current, floor=walk_away)
        report = report.model_copy(
            update={"unparsed": parsed.unparsed, "assumptions": parsed.assumptions}
        )
        name = offer.company or f"Offer {i + 1}"
        reports.append(report)
        sections.append(f"### {name}\n\n{score_markdown(report)}")
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
