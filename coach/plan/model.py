"""The one-page plan as data: built from the tools' typed results, never from prose.

Every amount is a ``Sourced``: the figure and the tool that returned it (a
``coach.contracts.ToolName`` value), so a renderer can show the source beside it and a
test can check that each figure shown is one a tool returned. Every piece of advice
carries its playbook citation ("doc-id § Heading").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from coach.contracts import ToolName


class Sourced(BaseModel):
    """An amount, the tool that returned it, and its currency (an offer's own: "GBP";
    the market's figures are in US dollars)."""

    value: int
    source: ToolName
    currency: str = "USD"


class Cited(BaseModel):
    """A line of advice and the playbook section it comes from."""

    text: str
    citation: str


class MarketPart(BaseModel):
    role: str | None = None
    level: str | None = None
    location: str | None = None
    median: Sourced | None = None
    p25: Sourced | None = None
    p75: Sourced | None = None
    n: int | None = None
    basis: str = ""
    sources: list[str] = Field(default_factory=list)
    unknown: str | None = None  # why there is no median, in the lookup's words


class RangePart(BaseModel):
    bottom: Sourced | None = None
    top_low: Sourced | None = None
    top_high: Sourced | None = None
    arithmetic: list[str] = Field(default_factory=list)
    unknown: str | None = None
    citations: list[str] = Field(default_factory=list)


class WalkAwayPart(BaseModel):
    value: Sourced | None = None  # None: neither the current base nor a floor was given
    arithmetic: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class OfferPart(BaseModel):
    name: str
    base: Sourced
    four_year_total: Sourced
    total_by_year: list[Sourced] = Field(default_factory=list)
    score: int | None = None
    verdict: str | None = None
    verdict_citation: str | None = None
    deadline: dt.date | None = None


class CounterPart(BaseModel):
    anchor: Sourced | None = None
    range_low: Sourced | None = None
    range_high: Sourced | None = None
    base_ask: Sourced | None = None
    anchor_basis: str = ""
    citation: str = ""


class LeverPart(BaseModel):
    key: str
    name: str
    ask: str
    value: Sourced | None = None
    basis: str = ""
    citation: str


class ScriptPart(BaseModel):
    """The words to say: every blank filled, or the facts still missing named."""

    text: str
    missing: list[str] = Field(default_factory=list)
    evidence_filled: bool = False  # the evidence lines are the pack's bullets
    citations: list[str] = Field(default_factory=list)


class ObjectionPart(BaseModel):
    says: str  # the recruiter's line, as the playbook's section names it
    answer: str
    citation: str


class ComparisonPart(BaseModel):
    negotiating: str
    others: list[str]
    leader: str
    citation: str


class AskPart(BaseModel):
    """The raise or promotion ask: a number (or a band) and a date, from the market."""

    low: Sourced | None = None  # the number to say; None: no market figure to ask from
    high: Sourced | None = None  # the band's top, when the ask is a band
    market: Sourced | None = None  # the market figure the ask is toward, exact
    staged: bool = False  # the market figure is more than one step away: a first step now
    basis: str = ""  # which market figure the ask is, in words
    date: str | None = None  # when it takes effect (the review), None: the date is missing
    arithmetic: list[str] = Field(default_factory=list)
    script: str = ""
    missing: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class TalkPart(BaseModel):
    """The raise or promotion talk with one's own manager: the person's base against the
    market, the ask, and what to ask for when base is frozen."""

    current_base: int  # the person's own figure, as they gave it
    # After a practice talk that agreed a higher base: that base (the gap and the ask are
    # worked from it) and the line saying what was agreed, when, and what is in writing.
    agreed_base: int | None = None
    agreed_line: str = ""
    gap: Sourced | None = None  # the median (salary_lookup) minus current base
    gap_pct: float | None = None  # of the median: "14% under the median"
    gap_line: str = ""
    next_level: str | None = None  # a promotion: the level asked for
    next_market: MarketPart | None = None  # that level's market (salary_lookup)
    ask: AskPart
    fallbacks: list[Cited] = Field(default_factory=list)
    review_date: dt.date | None = None


class Plan(BaseModel):
    """Everything the person takes into the call, in the order the page shows it.

    ``kind``: "offer" (the call with a recruiter about an offer, or before one), or
    "raise" / "promotion" (the talk with one's own manager: ``talk`` holds its parts,
    and the offer's range, walk-away and script are not shown)."""

    kind: Literal["offer", "raise", "promotion"] = "offer"
    talk: TalkPart | None = None
    role: str | None = None
    level: str | None = None
    city: str | None = None
    has_offer: bool = False
    market: MarketPart
    range: RangePart
    walk_away: WalkAwayPart
    offers: list[OfferPart] = Field(default_factory=list)
    comparison: ComparisonPart | None = None
    counter: CounterPart | None = None
    script: ScriptPart
    # The scripts a person with no offer yet says (the range, the current-pay question).
    before_offer_scripts: list[Cited] = Field(default_factory=list)
    levers: list[LeverPart] = Field(default_factory=list)
    objections: list[ObjectionPart] = Field(default_factory=list)
    mistakes: list[Cited] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    timeline: list[Cited] = Field(default_factory=list)
    lessons: list[Cited] = Field(default_factory=list)  # a practice call's lessons, up to three

    def figures(self) -> list[Sourced]:
        """Every amount the plan holds, each with its tool."""
        found: list[Sourced] = []
        for part in (self.market, self.range, self.walk_away, self.counter, *self.offers):
            if part is None:
                continue
            for value in part.__dict__.values():
                if isinstance(value, Sourced):
                    found.append(value)
                elif isinstance(value, list):
                    found += [v for v in value if isinstance(v, Sourced)]
        found += [lever.value for lever in self.levers if lever.value is not None]
        if self.talk is not None:
            talk = self.talk
            found += [talk.gap] if talk.gap is not None else []
            for extra in (talk.next_market, talk.ask):
                if extra is not None:
                    found += [v for v in extra.__dict__.values() if isinstance(v, Sourced)]
        return found
