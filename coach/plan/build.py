"""Build the plan: run the coach's tools, read the evidence pack, choose the advice.

The market estimate, the range and the walk-away number come from the tools themselves
(salary_lookup, anchor_range, walk_away: their typed results, or their one-sentence
error). An offer is assessed by ``assess_offer``, the function behind the score_offer
and draft_counter tools, on the offer as read (a letter, the form, a file): its totals,
counter, levers and script are those tools' figures. Nothing here computes a figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from coach import citations as cite
from coach.config import Settings
from coach.contracts import (
    AnchorRangeResult,
    SalaryEstimateResult,
    ToolError,
    ToolName,
    WalkAwayResult,
    parse_result,
)
from coach.errors import InputError
from coach.evidence import saved_bullets
from coach.market import load_tables
from coach.money import format_usd
from coach.offers import Assessment, Offer, assess_offer, compare_offers
from coach.offers.written_numbers import writing_in
from coach.plan import advice
from coach.plan.model import (
    Cited,
    ComparisonPart,
    CounterPart,
    LeverPart,
    MarketPart,
    OfferPart,
    Plan,
    RangePart,
    ScriptPart,
    Sourced,
    WalkAwayPart,
)
from coach.plan.script import as_clause, blanks
from coach.prompts import render
from coach.roleplay.scorecard import Scorecard
from coach.tools import anchor_range_spec, salary_lookup_spec, walk_away_spec

MAX_OFFERS = 5
EVIDENCE_BLANK = "[a workflow you built and its measured result]"


@dataclass(frozen=True)
class PlanRequest:
    """What the plan is for: the offers read (the first is the one negotiated), the
    user's own figures, where the role and place come from when there is no offer, and a
    practice call's scorecard."""

    offers: Sequence[tuple[str, Offer]] = ()
    current_base: int | None = None
    floor: int | None = None
    role: str | None = None
    level: str | None = None
    city: str | None = None
    scorecard: Scorecard | None = None
    today: dt.date = field(default_factory=dt.date.today)


def _run(spec_run: object, name: ToolName, **args: str) -> object:
    """A tool's typed result (or its ToolError), exactly as the agent would get it."""
    _content, artifact = spec_run(**args)  # type: ignore[operator]
    return parse_result(name, artifact)


def _sourced(value: int | None, tool: ToolName, currency: str = "USD") -> Sourced | None:
    return Sourced(value=value, source=tool, currency=currency) if value is not None else None


def market_part(role: str, level: str, city: str, settings: Settings | None) -> MarketPart:
    result = _run(
        salary_lookup_spec(settings).run,
        ToolName.SALARY_LOOKUP,
        role=role,
        level=level,
        location=city,
    )
    if isinstance(result, ToolError):
        return MarketPart(
            role=role, level=level or None, location=city or None, unknown=result.message
        )
    assert isinstance(result, SalaryEstimateResult)
    tool = ToolName.SALARY_LOOKUP
    return MarketPart(
        role=result.role,
        level=result.level_label,
        location=result.location,
        median=_sourced(result.p50, tool),
        p25=_sourced(result.p25, tool),
        p75=_sourced(result.p75, tool),
        n=result.n,
        basis=result.basis or "",
        sources=result.sources(),
        unknown=None if result.p50 is not None else (result.unknown_reason or result.withheld),
    )


def _range(role: str, level: str, city: str, settings: Settings | None) -> RangePart:
    result = _run(
        anchor_range_spec(settings).run,
        ToolName.ANCHOR_RANGE,
        role=role,
        level=level,
        location=city,
    )
    if isinstance(result, ToolError):
        return RangePart(unknown=result.message, citations=[cite.NOT_KNOWING_THE_MEDIAN])
    assert isinstance(result, AnchorRangeResult)
    tool = ToolName.ANCHOR_RANGE
    return RangePart(
        bottom=_sourced(result.low_end, tool),
        top_low=_sourced(result.top_low, tool),
        top_high=_sourced(result.top_high, tool),
        arithmetic=result.arithmetic,
        citations=result.citations(),
    )


def _walk_away(
    request: PlanRequest, role: str, level: str, city: str, settings: Settings | None
) -> WalkAwayPart:
    if request.current_base is None and request.floor is None:
        return WalkAwayPart(citations=[cite.WALK_AWAY_NUMBER])
    result = _run(
        walk_away_spec(settings).run,
        ToolName.WALK_AWAY,
        current_base=str(request.current_base or ""),
        floor=str(request.floor or ""),
        role=role,
        level=level,
        location=city,
    )
    if isinstance(result, ToolError):  # an implausible figure: its sentence names the field
        raise InputError(result.message)
    assert isinstance(result, WalkAwayResult)
    return WalkAwayPart(
        value=_sourced(result.walk_away, ToolName.WALK_AWAY),
        arithmetic=result.arithmetic,
        notes=result.notes,
        citations=result.citations(),
    )


def _offer_part(name: str, report: Assessment) -> OfferPart:
    tool, money = ToolName.SCORE_OFFER, report.offer.currency
    main = report.score.verdicts[0] if report.score.verdicts else None
    return OfferPart(
        name=name,
        base=Sourced(value=report.offer.base, source=tool, currency=money),
        four_year_total=Sourced(value=report.totals.four_year_total, source=tool, currency=money),
        total_by_year=[
            Sourced(value=v, source=tool, currency=money) for v in report.totals.total_by_year
        ],
        score=report.score.score,
        verdict=main.headline if main else None,
        verdict_citation=main.citation if main else None,
        deadline=report.offer.deadline,
    )


def _counter(report: Assessment) -> tuple[CounterPart, list[LeverPart]]:
    tool, money = ToolName.DRAFT_COUNTER, report.offer.currency
    counter = report.counter
    part = CounterPart(
        anchor=_sourced(counter.anchor, tool, money),
        range_low=_sourced(counter.range_low, tool, money),
        range_high=_sourced(counter.range_high, tool, money),
        base_ask=_sourced(counter.base_ask, tool, money),
        anchor_basis=counter.anchor_basis,
        citation=cite.COUNTER_ONCE,
    )
    levers = [
        LeverPart(
            key=lever.key,
            name=lever.name,
            ask=lever.ask,
            value=_sourced(lever.value, tool, money),
            basis=lever.basis,
            citation=lever.citation,
        )
        for lever in counter.levers
    ]
    return part, levers


def _script(text: str, bullets: list[str], citations: list[str]) -> ScriptPart:
    """The counter script as the offer tools wrote it: with a pack, it already says the
    first bullets (coach.offers.counter); any blank left is named as the fact missing."""
    return ScriptPart(
        text=text,
        missing=blanks(text),
        evidence_filled=bool(text) and any(b.strip() for b in bullets),
        citations=citations,
    )


def _before_offer_scripts(market: MarketPart, range_: RangePart, evidence: str) -> list[Cited]:
    """What a person with no offer yet says: the range, the current-pay question, the
    evidence line. No range (no median): only the evidence line, and the range names
    what is missing."""
    scripts = []
    if range_.bottom and range_.top_low and market.median:
        figures = {
            "role": market.role or "this role",
            "median": format_usd(market.median.value),
            "basis_short": advice.source_words(market.median.source),
            "bottom": format_usd(range_.bottom.value),
            "top_low": format_usd(range_.top_low.value),
        }
        scripts.append(
            Cited(
                text=render("plan/script_range", **figures, citation=cite.STATE_RANGE),
                citation=cite.STATE_RANGE,
            )
        )
        scripts.append(
            Cited(
                text=render("plan/script_current_pay", **figures, citation=cite.DEFLECT_CURRENT),
                citation=cite.DEFLECT_CURRENT,
            )
        )
    scripts.append(
        Cited(
            text=render("plan/script_evidence", evidence=evidence, citation=cite.BUZZWORDS),
            citation=cite.BUZZWORDS,
        )
    )
    return scripts


def _where(request: PlanRequest) -> tuple[str, str, str]:
    """The role, level and city: the request's, else the negotiated offer's."""
    first = request.offers[0][1] if request.offers else None
    role = request.role or (first.role if first else None) or ""
    level = request.level or (first.level if first else None) or ""
    city = request.city or (first.location if first else None) or ""
    if not role and not request.offers:
        raise InputError(
            "role: a plan without an offer needs the role to price, e.g. --role 'ML engineer'."
        )
    return role.strip(), level.strip(), city.strip()


def build_plan(request: PlanRequest, settings: Settings | None = None) -> Plan:
    """The plan for ``request``; InputError (one sentence naming the field) for bad input."""
    if len(request.offers) > MAX_OFFERS:
        raise InputError(f"offers: give at most {MAX_OFFERS}; you gave {len(request.offers)}.")
    role, level, city = _where(request)
    market = (
        market_part(role, level, city, settings)
        if role
        else MarketPart(unknown="the offer names no role; give it (--role) to price the market.")
    )
    range_ = (
        _range(role, level, city, settings)
        if role
        else RangePart(unknown=market.unknown, citations=[cite.NOT_KNOWING_THE_MEDIAN])
    )
    walk = _walk_away(request, role, level, city, settings)
    bullets = saved_bullets(settings.home) if settings is not None else []
    evidence = as_clause(bullets[0]) if bullets else EVIDENCE_BLANK
    plan = Plan(
        role=market.role or role or None,
        level=market.level or level or None,
        city=market.location or city or None,
        market=market,
        range=range_,
        walk_away=walk,
        evidence=bullets,
        script=ScriptPart(text=""),
        mistakes=advice.mistakes(),
    )
    if request.scorecard is not None:
        plan.lessons = advice.lessons(request.scorecard)
    if not request.offers:  # range and scripts only
        if market.median is None and range_.bottom is None:
            # Nothing to price and no offer: the lookup's sentence (it names the role or
            # the place it could not read) instead of a plan of blanks.
            raise InputError(market.unknown or range_.unknown or "role: no market figures.")
        plan.before_offer_scripts = _before_offer_scripts(market, range_, evidence)
        plan.script = _script("", bullets, [])
        plan.script.missing = blanks(" ".join(s.text for s in plan.before_offer_scripts))
        plan.mistakes = []
        return plan
    tables = load_tables(settings)
    negotiated = request.offers[0][1]
    reports: list[tuple[str, Assessment]] = []
    # Every amount in the negotiated offer's own currency, as the offer tools write it.
    with writing_in(negotiated.currency):
        for name, offer in request.offers:
            known = {"role": role, "level": level, "location": city}
            update = {k: v for k, v in known.items() if v and getattr(offer, k) is None}
            offer = offer.model_copy(update=update) if update else offer
            reports.append(
                (
                    name,
                    assess_offer(
                        offer,
                        current_base=request.current_base,
                        floor=request.floor,
                        tables=tables,
                        evidence=bullets,
                    ),
                )
            )
        plan.has_offer = True
        plan.offers = [_offer_part(name, report) for name, report in reports]
        plan.counter, plan.levers = _counter(reports[0][1])
        main = reports[0][1]
        plan.script = _script(main.counter.script, bullets, [cite.COUNTER_ONCE, cite.STATE_RANGE])
        if len(reports) > 1:
            compared = compare_offers([r.offer for _, r in reports])
            # The comparison names offers its own way (the company, else "Offer 2"): its
            # leader is said with the plan's name for the same offer.
            leader = reports[compared.names.index(compared.leader)][0]
            plan.comparison = ComparisonPart(
                negotiating=reports[0][0],
                others=[n for n, _ in reports[1:]],
                leader=leader,
                citation=compared.citation,
            )
        plan.objections = advice.objections(
            main.offer, main.counter.focus, plan.levers, plan.offers[1:], evidence
        )
    deadline = main.offer.deadline
    plan.timeline = advice.timeline(  # the walk-away is the tool's figure, in its dollars
        f"{deadline:%d %B %Y}" if deadline else None,
        format_usd(walk.value.value) if walk.value else None,
    )
    return plan
