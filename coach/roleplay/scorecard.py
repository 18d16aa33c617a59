"""The scorecard after a practice call: what moved, what was left, what to do differently.

The outcome told as it is: a deal shows what was gained against the first offer and
what the hidden budget still allowed (left on the table = budget max - final); a call
the recruiter ended, or the candidate walked from, shows the offer lost and its 4-year
value forgone; an open call shows the offer that stands. Then the mistakes made or
avoided and what went well, from the call's one judgement (``judgement.judge``, which
the live hints use too), each with its playbook citation, and an overall grade
(``grade``). Values come from ``coach.offers.compute_totals``:
first-year value = base + sign-on + the grant's first year of vesting; 4-year value
= four years of base + sign-on + the grant at face value (PTO is shown, not summed).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from coach.money import format_usd
from coach.offers.totals import Totals, compute_totals
from coach.roleplay.grade import Grade, grade_call
from coach.roleplay.judgement import MistakeResult, Praise, judge
from coach.roleplay.moves import MoveKind
from coach.roleplay.policy import NegotiationState, Outcome
from coach.roleplay.scenario import Scenario, Terms

Unit = Literal["usd", "days", "weeks", "title"]
LOST = (Outcome.RECRUITER_WALKED, Outcome.CANDIDATE_WALKED)


class ComponentResult(BaseModel):
    component: str
    label: str
    unit: Unit
    first_offer: int | str
    final: int | str
    budget_max: int | str
    gained: int | None = None
    left_on_table: int | None = None


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
    offer_lost: bool = False
    verdict: str = ""  # the outcome in one or two plain sentences
    four_year_forgone: int = 0  # a lost offer's 4-year value
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
    grade: Grade
    replay: list[ReplayPoint]
    assumptions: list[str]


def totals(scenario: Scenario, terms: Terms) -> Totals:
    return compute_totals(scenario.offer_of(terms))


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


def _verdict(state: NegotiationState, card: dict[str, int | float], floor: int | None) -> str:
    usd = format_usd
    table = state.table
    if state.outcome == Outcome.ACCEPTED:
        if card["gain"] <= 0:
            moved = f"the first offer as it was (first-year value {usd(int(card['year_first']))})"
        else:
            moved = (
                f"first-year value {usd(int(card['year_first']))} → "
                f"{usd(int(card['year_final']))} ({card['pct']:+.1f}%), "
                f"{usd(int(card['gain']))} more over 4 years than the first offer"
            )
        return (
            f"Deal at {usd(table.base)} base: {moved}. Their budget allowed "
            f"{usd(int(card['left']))} more over 4 years."
        )
    if state.outcome == Outcome.RECRUITER_WALKED:
        return (
            "No deal: the recruiter ended the call, and the offer is lost: "
            f"{usd(int(card['forgone']))} over 4 years forgone."
        )
    if state.outcome == Outcome.CANDIDATE_WALKED:
        if state.offered is None:
            return "No deal: you ended the call before an offer was made."
        text = (
            f"No deal: you walked away from an offer worth {usd(int(card['forgone']))} "
            "over 4 years."
        )
        if floor and table.base < floor:
            text += (
                f" Its base was under the walk-away number you named ({usd(floor)}), as planned."
            )
        return text
    if state.offered is None:
        return "The call ended before an offer was made: nothing was won or lost."
    text = f"No decision yet: the offer stands at {usd(table.base)} base"
    if card["gain"] > 0:
        text += f", {usd(int(card['gain']))} more over 4 years than the first offer"
    days = state.deadline_days
    return text + f". You have {days} day{'s' if days != 1 else ''} to decide, with it in writing."


def build_scorecard(
    scenario: Scenario, state: NegotiationState, candidate_turns: list[str]
) -> Scorecard:
    first = state.offered or scenario.first_offer
    final = state.table
    most = _most(scenario, first)
    t_first, t_final, t_most = (totals(scenario, t) for t in (first, final, most))
    year_first, year_final = t_first.total_by_year[0], t_final.total_by_year[0]
    four_first, four_final, four_most = (
        t_first.four_year_total,
        t_final.four_year_total,
        t_most.four_year_total,
    )
    lost = state.outcome in LOST and state.offered is not None
    forgone = four_final if lost else 0
    if lost:  # nothing was taken: no gain, everything the budget allowed left behind
        year_final, four_final = 0, 0
        year_gain, four_gain, pct = 0, 0, 0.0
    else:
        year_gain, four_gain = year_final - year_first, four_final - four_first
        pct = round(100 * year_gain / year_first, 2)
    components = _components(first, final, most)
    if lost:
        components = [
            row.model_copy(update={"gained": None, "left_on_table": None}) for row in components
        ]
    judgement = judge(scenario, state)
    floors = [
        m.amount
        for log in state.log
        for m in log.moves
        if m.kind == MoveKind.STATES_FLOOR and m.amount
    ]
    figures = {
        "year_first": year_first,
        "year_final": year_final,
        "pct": pct,
        "gain": four_gain,
        "left": four_most - four_final,
        "forgone": forgone,
    }
    captured = None
    if not lost and state.offered is not None:
        room = four_most - four_first
        captured = min(1.0, max(0.0, four_gain / room)) if room > 0 else 1.0
    return Scorecard(
        scenario_id=scenario.id,
        outcome=state.outcome,
        deal=state.outcome == Outcome.ACCEPTED,
        offer_lost=lost,
        verdict=_verdict(state, figures, floors[0] if floors else None),
        four_year_forgone=forgone,
        turns=state.turn,
        first_offer=first,
        final=final,
        budget_revealed=scenario.budget.model_dump(),
        components=components,
        first_year_first=year_first,
        first_year_final=year_final,
        first_year_gain=year_gain,
        first_year_gain_pct=pct,
        four_year_first=four_first,
        four_year_final=four_final,
        four_year_gain=four_gain,
        four_year_max=four_most,
        four_year_left_on_table=four_most - four_final,
        anchoring_cost=state.anchor_cost,
        mistakes=judgement.mistakes,
        went_well=judgement.went_well,
        grade=grade_call(state, judgement, captured, lost, four_gain),
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
