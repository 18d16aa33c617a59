"""The scorecard after a practice call: what moved, what was left, what to do differently.

Outcome per component against the first offer and the hidden budget (money left
on the table = budget max - final), the first-year and 4-year value gained, the
five costly mistakes (plus accepting on the spot) made or avoided, and what went
well, each with its playbook citation. Values come from ``coach.offers.compute_totals``:
first-year value = base + sign-on + the grant's first year of vesting; 4-year value
= four years of base + sign-on + the grant at face value (PTO is shown, not summed).
"""

from __future__ import annotations

from functools import partial
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.money import format_usd
from coach.offers.model import Offer, RSUGrant, SignOn
from coach.offers.totals import Totals, compute_totals
from coach.roleplay.moves import Component, MoveKind
from coach.roleplay.policy import NegotiationState, Outcome
from coach.roleplay.scenario import Scenario, Terms

Status = Literal["made", "avoided", "not tested"]
Unit = Literal["usd", "days", "weeks", "title"]
_LEVERS = {c.value for c in Component} - {Component.BASE.value}


class ComponentResult(BaseModel):
    component: str
    label: str
    unit: Unit
    first_offer: int | str
    final: int | str
    budget_max: int | str
    gained: int | None = None
    left_on_table: int | None = None


class MistakeResult(BaseModel):
    key: str
    title: str
    status: Status
    detail: str
    turn: int | None = None
    citation: str


class Praise(BaseModel):
    text: str
    citation: str
    turn: int


class ReplayPoint(BaseModel):
    """``PracticeCall.replay_from(index)`` restarts the call just before this turn.

    ``turn`` counts candidate messages from 1, like every ``turn`` in the scorecard;
    ``index`` is the same turn counted from 0.
    """

    index: int
    turn: int
    candidate: str


class Scorecard(BaseModel):
    scenario_id: str
    outcome: Outcome
    deal: bool
    turns: int
    first_offer: Terms
    final: Terms
    budget_revealed: dict[str, int | str | None]
    components: list[ComponentResult]
    first_year_first: int
    first_year_final: int
    first_year_gain: int
    first_year_gain_pct: float
    four_year_first: int
    four_year_final: int
    four_year_gain: int
    four_year_max: int
    four_year_left_on_table: int
    anchoring_cost: int
    mistakes: list[MistakeResult]
    went_well: list[Praise]
    replay: list[ReplayPoint]
    assumptions: list[str]


def totals(scenario: Scenario, terms: Terms) -> Totals:
    offer = Offer(
        company=scenario.company,
        role=terms.title,
        base=terms.base,
        equity=RSUGrant(value=terms.equity, private=scenario.private_equity)
        if terms.equity
        else None,
        sign_on=SignOn(amount=terms.sign_on) if terms.sign_on else None,
        pto_days=terms.pto_days,
    )
    return compute_totals(offer)


def _most(scenario: Scenario, offered: Terms) -> Terms:
    budget = scenario.budget
    return offered.model_copy(update={**budget.limits, "title": budget.next_title or offered.title})


def _components(first: Terms, final: Terms, most: Terms) -> list[ComponentResult]:
    rows: list[ComponentResult] = []
    spec: tuple[tuple[str, str, Unit], ...] = (
        ("base", "Base salary", "usd"),
        ("sign_on", "Sign-on bonus", "usd"),
        ("equity", "Equity grant (4 years)", "usd"),
        ("pto_days", "Paid time off", "days"),
        ("start_weeks", "Weeks to start date", "weeks"),
    )
    for key, label, unit in spec:
        a, b, m = getattr(first, key), getattr(final, key), getattr(most, key)
        rows.append(
            ComponentResult(
                component=key,
                label=label,
                unit=unit,
                first_offer=a,
                final=b,
                budget_max=m,
                gained=b - a,
                left_on_table=m - b,
            )
        )
    rows.append(
        ComponentResult(
            component="title",
            label="Title",
            unit="title",
            first_offer=first.title,
            final=final.title,
            budget_max=most.title,
        )
    )
    return rows


def _first_turn(state: NegotiationState, *kinds: MoveKind) -> int | None:
    return next((log.turn for log in state.log if any(m.kind in kinds for m in log.moves)), None)


def _levers_turn(state: NegotiationState) -> int | None:
    return next((a.turn for a in state.asks if a.component in _LEVERS), None)


def _mistakes(state: NegotiationState) -> list[MistakeResult]:
    checks = (
        _anchored_on_current_pay,
        _led_with_buzzwords,
        _missed_the_median,
        _took_the_first_offer,
        _negotiated_base_only,
        _accepted_on_the_spot,
    )
    return [check(state) for check in checks]


def _anchored_on_current_pay(state: NegotiationState) -> MistakeResult:
    turn = _first_turn(state, MoveKind.REVEALS_CURRENT_PAY, MoveKind.ANCHORS_ON_CURRENT)
    result = partial(
        MistakeResult,
        key="anchoring",
        title="Anchoring on your current pay",
        citation=cite.ANCHORING_ON_CURRENT_PAY,
    )
    if turn is not None:
        detail = "You named or built on your current pay."
        if state.anchor_cost:
            detail += (
                f" The offer opened {format_usd(state.anchor_cost)} lower on base because of it."
            )
        return result(
            status="made",
            detail=detail,
            turn=turn,
        )
    asked = "current_pay" in state.questions
    detail = (
        "Asked what you make now, you kept it out of the talk."
        if asked
        else "Your current pay never became the anchor."
    )
    return result(
        status="avoided",
        detail=detail,
    )


def _led_with_buzzwords(state: NegotiationState) -> MistakeResult:
    result = partial(
        MistakeResult,
        key="buzzwords",
        title="Leading with AI buzzwords instead of specific work",
        citation=cite.BUZZWORDS,
    )
    if state.evidence:
        return result(
            status="avoided",
            detail="You cited specific work: " + ", ".join(state.evidence) + ".",
            turn=_first_turn(state, MoveKind.CITES_EVIDENCE),
        )
    turn = _first_turn(state, MoveKind.BUZZWORDS)
    if turn is not None:
        return result(
            status="made",
            turn=turn,
            detail="You described AI skills in general terms, with no "
            "specific workflow, eval or result.",
        )
    return result(
        status="not tested",
        detail="You brought no evidence pack; a workflow, an eval story and a "
        "portability story would have grounded your ask.",
    )


def _missed_the_median(state: NegotiationState) -> MistakeResult:
    result = partial(
        MistakeResult,
        key="median",
        title="Not knowing your function median",
        citation=cite.NOT_KNOWING_THE_MEDIAN,
    )
    if state.market_cited:
        return result(
            status="avoided",
            detail="You cited market data for the role.",
            turn=_first_turn(state, MoveKind.CITES_MARKET),
        )
    return result(
        status="made",
        detail="You never tied your numbers to market data for the role.",
    )


def _took_the_first_offer(state: NegotiationState) -> MistakeResult:
    result = partial(
        MistakeResult,
        key="first_offer",
        title="Accepting the first offer because it is a raise",
        citation=cite.ACCEPTING_THE_FIRST_OFFER,
    )
    if state.countered:
        return result(
            status="avoided",
            detail="You countered before deciding.",
        )
    if state.outcome == Outcome.ACCEPTED:
        return result(
            status="made",
            turn=state.turn,
            detail="You accepted the first offer without a counter.",
        )
    return result(
        status="not tested",
        detail="The call ended before any counter or acceptance.",
    )


def _negotiated_base_only(state: NegotiationState) -> MistakeResult:
    result = partial(
        MistakeResult,
        key="base_only",
        title="Negotiating only base salary",
        citation=cite.BASE_ONLY,
    )
    turn = _levers_turn(state)
    if turn is not None:
        return result(
            status="avoided",
            turn=turn,
            detail="You asked about more than base.",
        )
    if state.countered:
        return result(
            status="made",
            detail="You negotiated base only: sign-on, equity, level, start "
            "date and PTO were never raised.",
        )
    return result(
        status="not tested",
        detail="You did not negotiate any component.",
    )


def _accepted_on_the_spot(state: NegotiationState) -> MistakeResult:
    result = partial(
        MistakeResult, key="on_the_spot", title="Accepting on the spot", citation=cite.ON_THE_SPOT
    )
    if state.outcome != Outcome.ACCEPTED:
        return result(
            status="not tested",
            detail="You did not accept on this call.",
        )
    quick = state.turn - (state.offer_turn or state.turn) <= 1
    if quick and not state.time_asked:
        return result(
            status="made",
            turn=state.turn,
            detail="You said yes on the call where the offer arrived.",
        )
    return result(
        status="avoided",
        detail="You took time before saying yes.",
    )


def _went_well(scenario: Scenario, state: NegotiationState) -> list[Praise]:
    found: list[Praise] = []

    def add(turn: int | None, text: str, citation: str) -> None:
        if turn is not None:
            found.append(Praise(text=text, citation=citation, turn=turn))

    add(
        _first_turn(state, MoveKind.DEFLECTS_CURRENT),
        "You deflected the current-salary question.",
        cite.DEFLECT_CURRENT,
    )
    market = scenario.market
    if state.expectations and market and state.expectations[0] >= market.p50 * 0.97:
        add(
            _first_turn(state, MoveKind.NAMES_RANGE, MoveKind.NAMES_NUMBER),
            "You stated a number anchored at the market median.",
            cite.STATE_RANGE,
        )
    add(_first_turn(state, MoveKind.CITES_MARKET), "You cited market data.", cite.FUNCTION_MEDIAN)
    add(
        _first_turn(state, MoveKind.CITES_EVIDENCE),
        "You brought specific evidence.",
        cite.EVIDENCE_PACK,
    )
    base_moves = [c.turn for c in state.conceded if c.component == "base"]
    add(
        base_moves[0] if base_moves else None,
        "Your specific, grounded counter moved base.",
        cite.COUNTER_ONCE,
    )
    add(_levers_turn(state), "You negotiated beyond base.", cite.SIGN_ON)
    add(
        _first_turn(state, MoveKind.ASKS_TIME),
        "You asked for time to review.",
        cite.NEVER_ON_THE_SPOT,
    )
    return sorted(found, key=lambda praise: praise.turn)


def build_scorecard(
    scenario: Scenario, state: NegotiationState, candidate_turns: list[str]
) -> Scorecard:
    first = state.offered or scenario.first_offer
    final = state.table
    most = _most(scenario, first)
    t_first, t_final, t_most = (totals(scenario, t) for t in (first, final, most))
    year_first, year_final = t_first.total_by_year[0], t_final.total_by_year[0]
    budget = scenario.budget.model_dump()
    return Scorecard(
        scenario_id=scenario.id,
        outcome=state.outcome,
        deal=state.outcome == Outcome.ACCEPTED,
        turns=state.turn,
        first_offer=first,
        final=final,
        budget_revealed=budget,
        components=_components(first, final, most),
        first_year_first=year_first,
        first_year_final=year_final,
        first_year_gain=year_final - year_first,
        first_year_gain_pct=round(100 * (year_final - year_first) / year_first, 2),
        four_year_first=t_first.four_year_total,
        four_year_final=t_final.four_year_total,
        four_year_gain=t_final.four_year_total - t_first.four_year_total,
        four_year_max=t_most.four_year_total,
        four_year_left_on_table=t_most.four_year_total - t_final.four_year_total,
        anchoring_cost=state.anchor_cost,
        mistakes=_mistakes(state),
        went_well=_went_well(scenario, state),
        replay=[
            ReplayPoint(index=i, turn=i + 1, candidate=text)
            for i, text in enumerate(candidate_turns)
        ],
        assumptions=[
            "First-year value: base + sign-on + the grant's first year of vesting "
            "(4 years, 12-month cliff).",
            "4-year value: four years of base + sign-on + the equity grant at face value; "
            "PTO is shown but not added.",
            "Gains are measured against the first offer as presented on the call.",
        ],
    )
