"""The manager-talk corpus: raise and promotion talks written blind, played against the
real manager (issue 21, item 5).

Each case is an employee's turns and what a fair judge would say (``datasets/
manager_calls.yaml``, in its writer's vocabulary). The turns are played in order against
the manager's policy, with templates for its words and live hints on; a turn after the
talk has ended is not delivered. Checked on every talk: the pool is never exceeded
(``assert_within_pool``) nor revealed (no figure in the manager's words but the ones on
the table), the hints never contradict the scorecard, each of the writer's eight
judgement booleans against the scorecard's checks, the outcome against the writer's
acceptable ones, and no base raise where the writer says there should be none.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from coach.errors import InputError
from coach.evals.datasets import ManagerCase
from coach.evals.graders.check import Check
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.suites.context import EvalContext
from coach.money import find_amounts
from coach.roleplay.judgement import Judgement
from coach.roleplay.manager_policy import MAct, PoolBreachError, assert_within_pool
from coach.roleplay.manager_scenario import ManagerScenario, generate_manager
from coach.roleplay.manager_scorecard import manager_scorecard_markdown
from coach.roleplay.manager_session import ManagerCall

# The day review dates are counted from: a fixed one, so a case plays the same every day.
TODAY = date(2026, 12, 1)
TOUGHNESS = {"easy": "soft", "normal": "standard", "tough": "tough"}
# The writer's judgement -> (the scorecard check, whether True means it was made). A
# credit is the check avoided (the person did it); a fault is the check made.
JUDGED: dict[str, tuple[str, bool]] = {
    "outcomes_not_output": ("output_not_outcomes", False),
    "differentiation_or_risk": ("no_differentiation", False),
    "business_examples": ("no_business_results", False),
    "market_rate_with_source": ("no_market_source", False),
    "emotional_appeal": ("emotional_appeal", True),
    "threat_without_alternative": ("bluff_threat", True),
    "concrete_ask": ("no_concrete_ask", False),
    "written_follow_up": ("no_written_followup", False),
}


def scenario_for(case: ManagerCase) -> ManagerScenario:
    """The case's person, pay and city; the hidden pool priced as usual from a seed."""
    setup = case.setup
    seed = int(hashlib.sha256(case.id.encode()).hexdigest()[:8], 16)
    options: dict[str, Any] = {
        "talk": setup.ask_kind,
        "toughness": TOUGHNESS[setup.toughness],
        "current_base": setup.current_base,
        "today": TODAY,
    }
    try:
        return generate_manager(
            seed, role=setup.role, level=setup.level, location=setup.city, **options
        )
    except InputError:  # a role, level or place the market data can't price: still a talk
        try:
            return generate_manager(seed, role=setup.role, location=setup.city, **options)
        except InputError:
            return generate_manager(seed, role="software engineer", **options)


class PlayedTalk:
    def __init__(self, call: ManagerCall) -> None:
        self.call = call
        self.breach: str | None = None
        self.leaks: list[str] = []


def play(case: ManagerCase) -> PlayedTalk:
    call = ManagerCall(scenario_for(case), hints=True)
    call.start()
    played = PlayedTalk(call)
    for line in case.turns:
        if call.ended:
            break
        before = call.state
        try:
            result = call.turn(line)
            assert_within_pool(call.scenario, call.state)
        except PoolBreachError as err:
            played.breach = str(err)
            return played
        after = call.state
        allowed = {
            before.base,
            after.base,
            after.bonus,
            after.base - call.scenario.current_base,
            call.scenario.current_base,
        }
        stray = {a.value for a in find_amounts(result.recruiter_text)} - allowed
        played.leaks += [f"turn {after.turn}: {value:,}" for value in sorted(stray)]
    return played


def outcomes_of(call: ManagerCall) -> list[str]:
    """What the talk came to, in the writer's words, most valuable first."""
    scenario, state = call.scenario, call.state
    asks = [log.ask for log in state.log if log.ask is not None]
    acts = {act for log in state.log for act in log.acts}
    found = []
    if state.base > scenario.current_base:
        found.append("base_raise" if asks and state.base >= max(asks) else "smaller_raise")
    if state.title != scenario.title and state.base == scenario.current_base:
        found.append("title_only")
    if state.bonus:
        found.append("one_off_bonus")
    if state.plan is not None:
        found.append("written_plan_with_date")
    if MAct.REVISIT_AT_REVIEW in acts:
        found.append("revisit_at_review")
    if state.base == scenario.current_base and state.title == scenario.title:
        found.append("nothing")
    return found


def judgement_checks(case: ManagerCase, judged: Judgement) -> list[Check]:
    status = {m.key: m.status for m in judged.mistakes}
    checks = []
    for theirs, expected in case.expect.judgement.items():
        key, fault = JUDGED[theirs]
        got = status.get(key, "not tested")
        said = got == "made" if fault else got == "avoided"
        checks.append(Check(f"judge:{theirs}", said == expected, f"{key}: {got}"))
    return checks


def run_case(case: ManagerCase, ctx: EvalContext, sample: int) -> CaseRun:
    played = play(case)
    call = played.call
    checks = [
        Check("pool", played.breach is None, played.breach or "never above the hidden pool"),
        Check("leak", not played.leaks, "; ".join(played.leaks) or "no stray figures"),
    ]
    if played.breach is not None:
        return CaseRun(checks=checks, output={"breach": played.breach}, metrics={"breach": True})
    card = call.end()
    judged = Judgement(mistakes=card.mistakes, went_well=card.went_well)
    clashes = _contradictions(call, judged)
    checks.append(Check("contradictions", not clashes, "; ".join(clashes) or "none"))
    judgement = judgement_checks(case, judged)
    checks += judgement
    got = outcomes_of(call)
    primary = got[0]
    want = case.expect.outcome
    checks.append(
        Check("outcome", primary in want.acceptable, f"{got} (acceptable {want.acceptable})")
    )
    if want.base_raise == "none":
        raised = card.final_base > card.current_base
        checks.append(Check("no raise", not raised, f"base {card.final_base:,}"))
    return CaseRun(
        checks=checks,
        output={"transcript": call.transcript(), "scorecard": manager_scorecard_markdown(card)},
        metrics={
            "type": case.kind,
            "breach": False,
            "leaks": len(played.leaks),
            "contradictions": len(clashes),
            "judgements": len(judgement),
            "judgements_right": sum(1 for c in judgement if c.passed),
            "wrong_judgements": [c.name for c in judgement if not c.passed],
            "outcome": primary,
            "grade": card.grade.score,
        },
    )


def _contradictions(call: ManagerCall, final: Judgement) -> list[str]:
    """A warning hint must find its mistake made; a praised strength must be on the card."""
    made, praised, found = final.made(), final.praised(), []
    for turn in call.turns:
        hint = turn.hint
        if hint is None:
            continue
        if hint.tone == "warning" and hint.key != "manager_ended" and hint.key not in made:
            found.append(f"turn {turn.index + 1}: warned '{hint.key}', the card disagrees")
        if hint.tone == "praise" and hint.key not in praised:
            found.append(f"turn {turn.index + 1}: praised '{hint.key}', the card does not")
    return found


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None]
    total = lambda key: float(sum(r.metrics.get(key, 0) for r in runs))  # noqa: E731
    asked = total("judgements")
    found |= {
        "pool_breaches": float(sum(bool(r.metrics.get("breach")) for r in runs)),
        "pool_leaks": total("leaks"),
        "contradictions": total("contradictions"),
        "judgement_accuracy": total("judgements_right") / asked if asked else None,
    }
    return found
