"""What each tool returns: one typed result per tool, the shape everyone else reads.

A leaf module (pydantic, the standard library and coach.money only). The tools build
these results; the session, the UI, the offline writer, the numbers guard and the
evals call their methods instead of reading dictionaries by key:

- ``summary()``: one line for a tool step;
- ``citations()`` and ``sources()``: playbook sections cited and data sources used;
- ``figures()``: the money the result states, declared field by field (and, for the
  offer tools, the amounts their own sentences state, recorded as the tool wrote them:
  ``stated``). The numbers guard trusts these and nothing scraped from prose;
- ``markdown()``: the result as the offline coach shows it;
- ``for_model()``: the compact JSON the model receives (every token is paid per turn).

A tool message's artifact is the result's JSON dump (``dump()``); ``parse_result``
validates a stored artifact, or the JSON content of a message, back into its model,
so threads saved before these types existed still load.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.money import find_amounts, format_usd


class ToolName(StrEnum):
    SEARCH_PLAYBOOK = "search_playbook"
    SALARY_LOOKUP = "salary_lookup"
    SCORE_OFFER = "score_offer"
    DRAFT_COUNTER = "draft_counter"
    COMPARE_OFFERS = "compare_offers"
    COMPARE_TRADEOFF = "compare_tradeoff"
    ANCHOR_RANGE = "anchor_range"
    WALK_AWAY = "walk_away"


def compact(data: Any) -> str:
    """JSON without spaces or \\u escapes: tool content for the model (tokens are paid)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)


def _money(values: Any) -> set[int]:
    """The amounts among ``values`` (numbers, or lists/tuples of them); None is skipped."""
    found: set[int] = set()
    for value in values:
        if isinstance(value, list | tuple):
            found |= _money(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found.add(round(value))
    return found


class _Part(BaseModel):
    """A nested part of a result: old artifacts may carry fields we no longer keep."""

    # defer_build: a model's validator is built on its first use, not at import; a
    # one-shot `coach ask` uses two or three of these results, not all twenty.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)


class ToolResult(_Part):
    """What every tool result can say about itself."""

    def summary(self) -> str:
        raise NotImplementedError

    def citations(self) -> list[str]:
        return []

    def sources(self) -> list[str]:
        return []

    def figures(self) -> set[int]:
        return set()

    def markdown(self) -> str:
        return ""

    def for_model(self) -> str:
        return compact(self.dump())

    def dump(self) -> dict[str, Any]:
        """The artifact stored with the tool message (plain JSON: any checkpointer keeps it)."""
        return self.model_dump(mode="json", by_alias=True)

    @property
    def error(self) -> str | None:
        return None


class ToolError(ToolResult):
    """A bad argument or unreadable data: the sentence is the model's to act on."""

    message: str = Field(alias="error")

    def summary(self) -> str:
        return f"error: {self.message}"

    def figures(self) -> set[int]:
        # The sentence is shown as the tool wrote it: an amount it quotes back ("'500k
        # base' is above…") or gives as the form to use is the tool's, not invented.
        return {a.value for a in find_amounts(self.message) if a.explicit}

    @property
    def error(self) -> str | None:
        return self.message


# -- search_playbook ---------------------------------------------------------------------
class Passage(_Part):
    citation: str
    text: str
    doc_id: str = ""
    section: str = ""
    score: float | None = None
    quoted_from: list[str] = Field(default_factory=list, alias="sources")

    def quote(self) -> str:
        return f"> {self.text.strip()}\n>\n> — [{self.citation}]"


class PlaybookPassages(ToolResult):
    passages: list[Passage] = Field(default_factory=list)

    def summary(self) -> str:
        return "; ".join(p.citation for p in self.passages)

    def citations(self) -> list[str]:
        return [p.citation for p in self.passages]

    def sources(self) -> list[str]:
        return list(dict.fromkeys(s for p in self.passages for s in p.quoted_from))

    def figures(self) -> set[int]:
        # A passage is quoted text with no fields of its own: the amounts it quotes (the
        # playbook's worked examples) are what it states, read by the one money parser.
        return {a.value for p in self.passages for a in find_amounts(p.text) if a.explicit}

    def markdown(self, limit: int = 3) -> str:
        return "\n\n".join(p.quote() for p in self.passages[:limit])

    def for_model(self) -> str:
        # What to say and what to cite; ids and scores stay in the artifact.
        return compact(
            {
                "passages": [
                    {"citation": p.citation, "text": p.text, "sources": p.quoted_from}
                    for p in self.passages
                ]
            }
        )


# -- salary_lookup -----------------------------------------------------------------------
PERCENTILES = ("p10", "p25", "p50", "p75", "p90")
# What a reader calls each percentile: the short names stay in the fields and the JSON.
PERCENTILE_WORDS = {
    "p10": "10th percentile",
    "p25": "25th percentile",
    "p50": "median",
    "p75": "75th percentile",
    "p90": "90th percentile",
}


class Premium(_Part):
    what: str
    kind: str = ""
    low_pct: float
    high_pct: float
    on_p50: tuple[int, int] | None = None
    source: str = ""


class ReferenceFigure(_Part):
    what: str
    low: int | None = None
    high: int | None = None
    source: str = ""


_PLACE_FIELDS = ("unadjusted", "location_ratio", "oews_place_median", "oews_national_median")
_GAP_FIELDS = (
    "current_base",
    "gap",
    "gap_pct",
    "gap_arithmetic",
    "ask",
    "ask_target",
    "ask_staged",
    "ask_target_pct",
    "ask_rest",
    "ask_arithmetic",
)


class SalaryEstimateResult(ToolResult):
    role: str | None = None
    level_label: str | None = None
    location: str | None = None
    period: str | None = None
    p10: int | None = None
    p25: int | None = None
    p50: int | None = None
    p75: int | None = None
    p90: int | None = None
    at_least: dict[str, int] = Field(default_factory=dict)
    # The headline cell's percentiles as published, before the place was applied.
    unadjusted: dict[str, int | None] = Field(default_factory=dict)
    # The place's OEWS median over the national one for the occupation (None: not applied).
    location_ratio: float | None = None
    # The place asked for, when the figures are national and no source prices it.
    unadjusted_for: str | None = None
    oews_place_median: int | None = None
    oews_national_median: int | None = None
    method: str | None = None  # how the figures were made, ratio and both OEWS figures
    # The BLS occupation the role is compared with, and its SOC code (the model reads it;
    # the answer names the occupation only).
    occupation: str | None = None
    occupation_code: str | None = None
    n: int | None = None
    employment: int | None = None
    basis: str | None = None
    assumptions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    withheld: str | None = None
    unknown_reason: str | None = None
    # Skill and domain premiums: ranges in dollars on the adjusted median (on_p50), with
    # their source; never multiplied into the percentiles.
    adjustments: list[Premium] = Field(default_factory=list)
    references: list[ReferenceFigure] = Field(default_factory=list)
    data_sources: list[str] = Field(default_factory=list, alias="sources")
    # The person's base today against the median (a raise talk's market gap), when given:
    # the difference in dollars and in whole percent (negative: under), with its sum.
    current_base: int | None = None
    gap: int | None = None
    gap_pct: int | None = None
    gap_arithmetic: str | None = None
    # The base to ask one's manager for (raises § Know your market gap): toward the median
    # when under it, else the 75th percentile; that figure to the nearest $1,000, or a
    # first step of 20% when it is further (``ask_staged``, the rest in ``ask_rest``).
    ask: int | None = None
    ask_target: str | None = None  # "p50" or "p75": the figure the ask is toward
    ask_staged: bool | None = None
    ask_target_pct: float | None = None  # the figure aimed at over the base, in percent
    ask_rest: int | None = None
    ask_arithmetic: list[str] | None = None

    def percentile(self, name: str) -> int | None:
        return getattr(self, name)

    def dump(self) -> dict[str, Any]:
        """The artifact; the gap's fields only when a base was given (most lookups have none)."""
        data = super().dump()
        for key in _GAP_FIELDS:
            if data.get(key) is None:
                data.pop(key, None)
        return data

    @property
    def known(self) -> bool:
        """A median, exact or top-coded, to quote."""
        return self.p50 is not None or "p50" in self.at_least

    def summary(self) -> str:
        median = format_usd(self.p50) if self.p50 else "unknown"
        return f"median {median} — {self.basis or self.unknown_reason or ''}"

    def sources(self) -> list[str]:
        return list(self.data_sources)

    def figures(self) -> set[int]:
        return _money(
            [
                *(self.percentile(p) for p in PERCENTILES),
                *self.at_least.values(),
                *self.unadjusted.values(),
                self.oews_place_median,
                self.oews_national_median,
                *(a.on_p50 for a in self.adjustments),
                *((r.low, r.high) for r in self.references),
                self.current_base,
                abs(self.gap) if self.gap is not None else None,
                self.ask,
                self.ask_rest,
            ]
        )

    def _row(self, values: dict[str, int | None], at_least: dict[str, int]) -> list[str]:
        cells = []
        for p in PERCENTILES:
            value = values.get(p)
            if value is not None:
                cells.append(format_usd(value))
            elif p in at_least:
                cells.append(f"≥ {format_usd(at_least[p])}")
            else:
                cells.append("—")
        return cells

    def markdown(self) -> str:
        adjusted = self._row({p: self.percentile(p) for p in PERCENTILES}, self.at_least)
        head = " | ".join(PERCENTILE_WORDS[p] for p in PERCENTILES)
        if self.location_ratio is None:
            row = "| " + " | ".join(adjusted) + " |"
            return "\n".join((f"| {head} |", "|---|---|---|---|---|", row))
        published = self._row(self.unadjusted, {})
        return "\n".join(
            (
                f"| | {head} |",
                "|---|---|---|---|---|---|",
                f"| {self.location} (national × {self.location_ratio:.3f}) | "
                + " | ".join(adjusted)
                + " |",
                "| National figures, as published | " + " | ".join(published) + " |",
            )
        )

    def for_model(self) -> str:
        data = self.dump()
        if self.location_ratio is None:  # nothing applied: the cell's figures are the figures
            for key in _PLACE_FIELDS:
                data.pop(key, None)
        if self.method is None:
            data.pop("method", None)
        # Not named: nothing compared; the place was priced (or none was asked).
        for key in ("occupation", "occupation_code", "unadjusted_for"):
            if data.get(key) is None:
                data.pop(key, None)
        return compact(data)

    def change_from(self, before: SalaryEstimateResult) -> str | None:
        """What a follow-up changed ("Boston" then "Raleigh"), said from the two results'
        own fields; None when neither the place nor the level moved."""
        moved = [
            (what, old, new)
            for what, old, new in (
                ("location", before.location, self.location),
                ("level", before.level_label or "all levels", self.level_label or "all levels"),
            )
            if old != new and old is not None and new is not None
        ]
        if not moved or before.role != self.role:
            return None
        what, old, new = moved[0]
        said = f"Moving from {old} to {new}"
        same_cell = before.unadjusted == self.unadjusted and before.basis == self.basis
        if what == "location" and same_cell and before.known and self.known:
            old_ratio = before.location_ratio or 1.0
            new_ratio = self.location_ratio or 1.0
            return (
                f"{said} multiplies every figure by {new_ratio / old_ratio:.3f} "
                f"({new_ratio:.3f} for {new} over {old_ratio:.3f} for {old}: each place's "
                "median against the national one, per the BLS wage survey); the national "
                "figures they start from are the same."
            )
        if self.p50 and before.p50:
            return (
                f"{said} multiplies the median by {self.p50 / before.p50:.3f}, to "
                f"{format_usd(self.p50)} ({self.basis})."
            )
        return f"{said}: {self.unknown_reason or self.withheld or 'no figures for it'}"


# -- score_offer, draft_counter, compare_offers, compare_tradeoff -------------------------
class _OfferResult(ToolResult):
    """The offer tools write sentences with figures in them (a verdict, a script); the
    amounts those sentences state are recorded as the tool formats them (``stated``)."""

    cited: list[str] = Field(default_factory=list, alias="citations")
    rendered: str = Field("", alias="markdown")
    stated: list[int] = Field(default_factory=list)
    # What was read from the offer text, field by field with its words ("Base salary:
    # 185,000 USD from “185k”"), the figures those lines show, and what must be asked.
    what_i_read: list[str] = Field(default_factory=list)
    read_figures: list[float] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)

    def citations(self) -> list[str]:
        return list(self.cited)

    def markdown(self) -> str:
        return self.rendered

    def _declared(self) -> list[Any]:
        raise NotImplementedError

    def figures(self) -> set[int]:
        return _money([*self._declared(), *self.stated, *self.read_figures])

    def _reading_for_model(self) -> dict[str, Any]:
        """The reading, when there is one (a result from a file or an old thread has none)."""
        shown: dict[str, Any] = {}
        if self.what_i_read:
            shown["read"] = self.what_i_read
        if self.questions:
            shown["ask_first"] = self.questions
        return shown

    def _for_model(self) -> dict[str, Any]:
        raise NotImplementedError

    def for_model(self) -> str:
        return compact(self._for_model())


class ScoreComponent(_Part):
    key: str
    label: str
    weight: float
    points: float | None = None
    detail: str = ""


class OfferScoreResult(_OfferResult):
    score: int | None = None
    components: list[ScoreComponent] = Field(default_factory=list)
    verdict: str | None = None
    verdict_reasons: list[str] = Field(default_factory=list)
    market_median_base: int | None = None
    market_basis: str | None = None
    base_position: str | None = None
    total_by_year: list[int] = Field(default_factory=list)
    # ...with private-company stock after the liquidity haircut (empty: none to cut)
    total_by_year_after_haircut: list[int] = Field(default_factory=list)
    haircut_percent: float = 0.0
    four_year_total: int | None = None
    annualised_total: int | None = None
    counter_anchor: int | None = None
    counter_range: list[int | None] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    market_sources: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        if self.questions:
            return "no score yet — first tell me: " + " ".join(self.questions)
        if self.score is not None:
            return f"score {self.score}/100"
        why = next((c.detail for c in self.components if c.points is None and c.detail), "")
        why = why.split(": ", 1)[-1]  # "Left out of the score: the offer names no role"
        return f"no score: {why}" if why else "no score: the offer gave too little to score"

    def sources(self) -> list[str]:
        return list(self.market_sources)

    def _declared(self) -> list[Any]:
        return [
            self.market_median_base,
            self.total_by_year,
            self.total_by_year_after_haircut,
            sum(self.total_by_year_after_haircut) or None,
            self.four_year_total,
            self.annualised_total,
            self.counter_anchor,
            self.counter_range,
        ]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            **self._reading_for_model(),
            "score": self.score,
            "components": [c.model_dump() for c in self.components],
            "verdict": self.verdict,
            "verdict_reasons": self.verdict_reasons,
            "citations": self.cited,
            "market_median_base": self.market_median_base,
            "market_basis": self.market_basis,
            "base_position": self.base_position,
            "total_by_year": self.total_by_year,
            "four_year_total": self.four_year_total,
            "annualised_total": self.annualised_total,
            "counter_anchor": self.counter_anchor,
            "counter_range": self.counter_range,
            "notes": self.notes,
            "market_sources": self.market_sources,
        }


class CounterLever(_Part):
    key: str
    name: str
    ask: str
    value: int | None = None
    basis: str = ""
    citation: str = ""


class GrantWorth(_Part):
    """The offer's equity grant at the price the offer states, as the totals value it."""

    face: int  # the whole grant, over its whole schedule
    how: str  # the arithmetic, in words ("0.2% of the company at a $500,000,000 valuation = …")
    years: int  # its vesting years
    private: bool  # private-company stock: money only at a sale, an IPO or a tender
    haircut_percent: float = 0.0  # the totals' liquidity haircut on it, when private
    even: bool = True  # the same share vests each year (else "a year" is an average)
    # Options: what buying all of them at the strike costs (count x strike), and the count.
    exercise_cost: int = 0
    options: int = 0

    @property
    def yearly(self) -> int:
        return round(self.face / self.years) if self.years else self.face

    @property
    def yearly_kept(self) -> int:
        return round(self.yearly * (1 - self.haircut_percent / 100))


class CounterResult(_OfferResult):
    anchor: int | None = None
    anchor_basis: str = ""
    range: list[int | None] = Field(default_factory=list)
    base_ask: int | None = None
    levers: list[CounterLever] = Field(default_factory=list)
    script: str = ""
    grant: GrantWorth | None = None  # the equity grant as offered, when there is one
    prefix: str = "$"  # how the offer's money is written ("£", "CHF "): its levers', its grant's

    def summary(self) -> str:
        if self.anchor:
            return f"the base to anchor your counter on: {format_usd(self.anchor)}"
        return self.anchor_basis

    def _declared(self) -> list[Any]:
        grant = self.grant
        worth = (
            [grant.face, grant.yearly, grant.yearly_kept, grant.exercise_cost, grant.options]
            if grant
            else []
        )
        return [self.anchor, self.range, self.base_ask, [lv.value for lv in self.levers], worth]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            **self._reading_for_model(),
            "anchor": self.anchor,
            "anchor_basis": self.anchor_basis,
            "range": self.range,
            "base_ask": self.base_ask,
            "levers": [lever.model_dump() for lever in self.levers],
            "script": self.script,
            "citations": self.cited,
        }


class ComparisonRow(_Part):
    label: str
    values: list[int]


class ComparisonGap(_Part):
    """What the offer ahead over four years pays more than the next (coach.offers.compare)."""

    ahead: str
    behind: str
    by_year: list[int]  # ahead minus behind, each year; negative where behind pays more
    total: int  # on the gap's basis: at face value unless ``at_haircut``
    after_haircut: int
    face: int = 0  # at face value
    at_haircut: bool = False  # ranked and measured with private equity after the haircut
    base_to_match: int = 0  # the base a year that closes the gap for the offer behind
    sign_on_to_match: int = 0  # the sign-on in all that closes it, paid once

    @property
    def yearly(self) -> int:
        return round(self.total / len(self.by_year)) if self.by_year else self.total


class ComparisonResult(_OfferResult):
    names: list[str] = Field(default_factory=list)
    rows: list[ComparisonRow] = Field(default_factory=list)
    leader: str = ""
    leader_after_haircut: str = ""
    leader_first_year: str = ""
    notes: list[str] = Field(default_factory=list)

    gap: ComparisonGap | None = None
    gap_after_haircut: ComparisonGap | None = None  # private equity counted after the haircut

    def summary(self) -> str:
        return f"most over 4 years: {self.leader}"

    def _declared(self) -> list[Any]:
        gaps = [
            [
                [abs(v) for v in gap.by_year],
                gap.total,
                gap.yearly,
                abs(gap.after_haircut),
                abs(gap.face),
                gap.base_to_match,
                gap.sign_on_to_match,
            ]
            for gap in (self.gap, self.gap_after_haircut)
            if gap
        ]
        return [[row.values for row in self.rows], gaps]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "names": self.names,
            "rows": [row.model_dump() for row in self.rows],
            "leader": self.leader,
            "leader_after_haircut": self.leader_after_haircut,
            "leader_first_year": self.leader_first_year,
            "notes": self.notes,
            "citations": self.cited,
        }


# -- compare_tradeoff ----------------------------------------------------------------------
class TradeoffLine(_Part):
    part: str = ""  # base, bonus, sign_on, relocation or equity
    label: str
    by_year: list[int]
    one_time: bool = False


class TradeoffSide(_Part):
    name: str
    words: str = ""
    lines: list[TradeoffLine] = Field(default_factory=list)
    by_year: list[int] = Field(default_factory=list)
    first_year: int | None = None
    four_year_total: int | None = None
    unpriced: list[str] = Field(default_factory=list)


class TradeoffResult(_OfferResult):
    """Two alternatives of one offer ("a $30k sign-on or +10k base?") over one and four years."""

    currency: str = "USD"
    basis: str = ""
    sides: list[TradeoffSide] = Field(default_factory=list)
    leader_first_year: str | None = None
    lead_first_year: int | None = None
    leader_four_years: str | None = None
    lead_four_years: int | None = None
    findings: list[str] = Field(default_factory=list)
    clawback: str = ""
    compounding: str = ""
    raise_percent: float = 0.0
    raise_basis: str = ""
    asks: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    read: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        if self.leader_four_years is None:
            return "trade-off: needs " + "; ".join(self.asks)
        if self.leader_four_years == "tie":
            return "trade-off: even over 4 years"
        return f"trade-off: {self.leader_four_years} leads over 4 years"

    def _declared(self) -> list[Any]:
        return [
            *([*s.by_year, s.first_year, s.four_year_total] for s in self.sides),
            *(line.by_year for s in self.sides for line in s.lines),
            self.lead_first_year,
            self.lead_four_years,
        ]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "currency": self.currency,
            "basis": self.basis,
            "sides": [s.model_dump(exclude={"by_year"}, exclude_defaults=True) for s in self.sides],
            "findings": self.findings,
            "clawback": self.clawback,
            "compounding": self.compounding,
            "raises": self.raise_basis,
            "asks": self.asks,
            "notes": self.notes,
            "read": self.read,
            "citations": self.cited,
        }


# -- anchor_range, walk_away ------------------------------------------------------------
class AnchorRangeResult(_OfferResult):
    """The range to state: the market median up to 15-20% above it, with its arithmetic."""

    role: str | None = None
    level_label: str | None = None
    location: str | None = None
    unadjusted_for: str | None = None  # as SalaryEstimateResult's
    median: int | None = None
    bottom: int | None = None  # the median to the nearest $1,000: the range's low end
    top_low: int | None = None
    top_high: int | None = None
    p75: int | None = None
    p90: int | None = None
    arithmetic: list[str] = Field(default_factory=list)
    method: str = ""
    premiums: list[Premium] = Field(default_factory=list)
    n: int | None = None
    data_sources: list[str] = Field(default_factory=list, alias="sources")

    def summary(self) -> str:
        if self.median is None:
            return "no range: the market median is unknown"
        return f"the range to state: {format_usd(self.low_end)}–{format_usd(self.top_low or 0)}"

    @property
    def low_end(self) -> int:
        """The range's low end: the rounded median (a result stored before it had one: the
        median itself)."""
        return self.bottom or self.median or 0

    def sources(self) -> list[str]:
        return list(self.data_sources)

    def _declared(self) -> list[Any]:
        return [
            self.median,
            self.bottom,
            self.top_low,
            self.top_high,
            self.p75,
            self.p90,
            [p.on_p50 for p in self.premiums],
        ]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "median": self.median,
            "range": [self.low_end, self.top_low],
            "stretch_top": self.top_high,
            "arithmetic": self.arithmetic,
            "method": self.method,
            "n": self.n,
            "citations": self.cited,
            "sources": self.data_sources,
        }


class WalkAwayResult(_OfferResult):
    """The lowest base to accept: current base +15-20%, never below a stated floor."""

    walk_away: int | None = None
    current_base: int | None = None
    raise_low: int | None = None
    raise_high: int | None = None
    floor: int | None = None
    market_median: int | None = None
    arithmetic: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        if self.walk_away:
            return f"walk-away number {format_usd(self.walk_away)}"
        return "no walk-away number: it needs your current base or your floor"

    def _declared(self) -> list[Any]:
        return [
            self.walk_away,
            self.current_base,
            self.raise_low,
            self.raise_high,
            self.floor,
            self.market_median,
        ]

    def _for_model(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "walk_away": self.walk_away,
            "arithmetic": self.arithmetic,
            "notes": self.notes,
            "citations": self.cited,
        }


TOOL_NAMES = frozenset(ToolName)
RESULT_TYPES: dict[ToolName, type[ToolResult]] = {
    ToolName.SEARCH_PLAYBOOK: PlaybookPassages,
    ToolName.SALARY_LOOKUP: SalaryEstimateResult,
    ToolName.SCORE_OFFER: OfferScoreResult,
    ToolName.DRAFT_COUNTER: CounterResult,
    ToolName.COMPARE_OFFERS: ComparisonResult,
    ToolName.COMPARE_TRADEOFF: TradeoffResult,
    ToolName.ANCHOR_RANGE: AnchorRangeResult,
    ToolName.WALK_AWAY: WalkAwayResult,
}


def _loads(data: Any) -> Any:
    if isinstance(data, str):
        try:
            return json.loads(data)
        except ValueError:
            # Not one of our results: the agent loop's own sentence (a failed call), kept
            # on one line like every error the user sees.
            return {"error": " ".join(data.split())}
    return data


def parse_result(name: str, data: Any) -> ToolResult | None:
    """The typed result of tool ``name`` from a stored artifact, a dump or JSON content.

    Validated on read, so tool messages checkpointed as plain dicts (before these types)
    load the same. None for a tool we don't know or data that doesn't fit its type.
    """
    if isinstance(data, ToolResult):
        return data
    data = _loads(data)
    if not isinstance(data, dict):
        return None
    try:
        if "error" in data:
            return ToolError.model_validate(data)
        kind = RESULT_TYPES.get(ToolName(name)) if name in TOOL_NAMES else None
        return kind.model_validate(data) if kind else None
    except ValidationError:
        return None
