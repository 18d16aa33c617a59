"""The practice gold corpus: calls written blind, played against the real recruiter.

Each case is a candidate's lines and what a fair judge would say of the call, in the
writer's own vocabulary (``datasets/practice_calls.yaml``). The lines are played in
order against the policy with templates for the recruiter's words, with live hints on;
a line after the call has ended is not delivered. Checked on every call: the budget
invariants (never exceeded, never revealed), that the hints and the scorecard never
contradict each other, that no mistake the case says was avoided is called made, the
outcome (unless the case says it depends on the recruiter) and the phrases the card
must not say. Reported besides: how many of the listed mistakes and strengths the
scorecard names (the writer's vocabulary is wider than the scorecard's: keys with no
counterpart are left out), and the grade by candidate type.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from statistics import median
from typing import Any

from coach.errors import InputError
from coach.evals.datasets import PracticeCase
from coach.evals.graders.check import Check
from coach.evals.graders.roleplay import invariant_checks
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.suites.context import EvalContext
from coach.evals.suites.script import Played
from coach.money import find_amounts
from coach.roleplay import BudgetBreachError, PracticeCall, Scenario, assert_within_budget
from coach.roleplay.hints import Hint, contradictions
from coach.roleplay.judgement import Judgement
from coach.roleplay.report import scorecard_markdown
from coach.roleplay.scenario import MarketAnchor, OfferedTerms, generate

# The writer's vocabulary -> the scorecard's keys (mistakes, then strengths). A writer's
# mistake is named when any of its keys is made, and wrongly made when one is made
# while the writer says it was avoided.
MISTAKE_KEYS: dict[str, tuple[str, ...]] = {
    "shared_current_pay": ("current_pay",),
    "anchored_on_current_pay": ("anchoring",),
    "asked_far_above_market_without_evidence": ("ask_far_above",),
    "asked_below_market": ("ask_below",),
    "no_evidence": ("buzzwords",),
    "did_not_negotiate": ("first_offer", "no_counter"),
    "negotiated_base_only": ("base_only",),
    "accepted_on_the_call": ("on_the_spot",),
    "hostile": ("hostile",),
    "prompt_injection": ("injection",),
}
STRENGTH_KEYS = {
    "anchored_at_market": "anchored_at_market",
    "deflected_current_pay": "deflected",
    "gave_evidence": "evidence",
    "asked_for_whole_package": "levers",
    "asked_for_time_in_writing": "asked_time",
    "stated_walk_away": "floor",
}
OUTCOMES = {
    "deal": "accepted",
    "offer_lost": "recruiter_walked",
    "walked_away": "candidate_walked",
    "open": "open",
}


def scenario_for(case: PracticeCase) -> Scenario:
    """The case's offer and market median, with a hidden budget priced as usual."""
    brief, offer = case.scenario, case.scenario.offer
    equity = offer.equity
    if isinstance(equity, str):
        found = find_amounts(equity)
        equity = found[0].value if found else 0
    given = OfferedTerms(base=offer.base, sign_on=offer.sign_on or 0, equity=int(equity or 0))
    seed = int(hashlib.sha256(case.id.encode()).hexdigest()[:8], 16)
    try:
        scenario = generate(
            seed,
            toughness=case.toughness,
            role=brief.role,
            level=brief.level,
            location=brief.city,
            first_offer=given,
        )
    except InputError:  # a role the market data can't price: the offer still can be
        scenario = generate(
            seed, toughness=case.toughness, role="software engineer", first_offer=given
        )
    # The writer judged against this median: the scorecard must too. The spread around
    # it keeps the estimate's shape.
    market = scenario.market
    p50 = brief.market_median_base
    ratio = (lambda q: round(p50 * q / market.p50)) if market else (lambda q: p50)
    anchor = MarketAnchor(
        p25=ratio(market.p25) if market else round(p50 * 0.85),
        p50=p50,
        p75=ratio(market.p75) if market else round(p50 * 1.15),
        basis="the case's market median",
    )
    return scenario.model_copy(update={"market": anchor})


def play(case: PracticeCase) -> tuple[Played, list[tuple[int, Hint]]]:
    call = PracticeCall(scenario_for(case), hints=True)
    played = Played(call, heard=[call.start()])
    hints: list[tuple[int, Hint]] = []
    for line in case.candidate:
        if call.ended:
            break
        try:
            result = call.turn(line)
            assert_within_budget(call.scenario, call.state)
        except BudgetBreachError as err:
            played.breach = str(err)
            return played, hints
        played.said.append(line)
        played.heard.append(result.recruiter_text)
        if result.hint is not None:
            hints.append((call.state.turn, result.hint))
    played.card = call.end()
    return played, hints


def run_case(case: PracticeCase, ctx: EvalContext, sample: int) -> CaseRun:
    played, hints = play(case)
    card, expected = played.card, case.expected
    checks = invariant_checks(played)
    if card is None:
        return CaseRun(checks=checks, output={"breach": played.breach}, metrics={"breach": True})
    judged = Judgement(mistakes=card.mistakes, went_well=card.went_well)
    made = judged.made()
    status = {m.key: m.status for m in card.mistakes}
    praised = judged.praised()
    clashes = contradictions(hints, judged)
    checks.append(Check("contradictions", not clashes, "; ".join(clashes) or "none"))
    wrong = [
        f"{theirs} ({key})"
        for theirs in expected.mistakes_avoided
        for key in MISTAKE_KEYS.get(theirs, ())
        if key in made
    ]
    checks.append(Check("wrong made", not wrong, ", ".join(wrong) or "none"))
    if expected.outcome != "any":
        want = OUTCOMES[expected.outcome]
        got = card.outcome.value
        checks.append(Check("outcome", got == want, f"{got} (expected {want})"))
    # A mistake listed as avoided or not tested names the mistake without claiming it.
    claims = "\n".join(
        line
        for line in scorecard_markdown(card).lower().splitlines()
        if "**avoided**" not in line and "**not tested**" not in line
    )
    said = [p for p in expected.must_not_say if _asserts(claims, p.lower())]
    checks.append(Check("must not say", not said, ", ".join(said) or "none"))
    listed = [MISTAKE_KEYS[k] for k in expected.mistakes_made if k in MISTAKE_KEYS]
    named = [keys for keys in listed if any(status.get(key) == "made" for key in keys)]
    strengths = [STRENGTH_KEYS[k] for k in expected.went_well if k in STRENGTH_KEYS]
    return CaseRun(
        checks=checks,
        output={
            "transcript": _transcript(played, hints),
            "scorecard": scorecard_markdown(card),
        },
        metrics={
            "type": case.type,
            "breach": played.breach is not None,
            "leaks": sum(1 for c in checks if c.name == "leak" and not c.passed),
            "contradictions": len(clashes),
            "wrong_made": len(wrong),
            "mistakes_listed": len(listed),
            "mistakes_named": len(named),
            "missed_mistakes": ["/".join(keys) for keys in listed if keys not in named],
            "strengths_listed": len(strengths),
            "strengths_named": sum(1 for k in strengths if k in praised),
            "missed_strengths": [k for k in strengths if k not in praised],
            "grade": card.grade.score,
            "letter": card.grade.letter,
            "graded": card.grade.graded,
        },
    )


_NEGATED = re.compile(r"\b(?:no|not|never|without)\W+(?:\w+\W+){0,2}$|n't\W+(?:\w+\W+){0,2}$")


def _asserts(text: str, phrase: str) -> bool:
    """Whether the card says ``phrase`` as a claim: "no deal" does not claim a deal."""
    for match in re.finditer(rf"\b{re.escape(phrase)}\b", text):
        if not _NEGATED.search(text[max(0, match.start() - 30) : match.start()]):
            return True
    return False


def _transcript(played: Played, hints: list[tuple[int, Hint]]) -> list[dict[str, Any]]:
    by_turn = {turn: hint for turn, hint in hints}
    lines = [{"role": "recruiter", "text": played.heard[0]}]
    for turn, (said, heard) in enumerate(zip(played.said, played.heard[1:], strict=False), 1):
        lines += [{"role": "candidate", "text": said}, {"role": "recruiter", "text": heard}]
        if turn in by_turn:
            lines.append({"role": "coach", "text": f"[{by_turn[turn].key}] {by_turn[turn].text}"})
    return lines


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None and "grade" in r.metrics]
    total = lambda key: float(sum(r.metrics[key] for r in runs))  # noqa: E731
    listed, strengths = total("mistakes_listed"), total("strengths_listed")
    found |= {
        "budget_breaches": float(
            sum(r.metrics.get("breach", False) for c in cases for r in c.runs)
        ),
        "budget_leaks": total("leaks"),
        "contradictions": total("contradictions"),
        "wrong_made": total("wrong_made"),
        "mistake_recall": total("mistakes_named") / listed if listed else None,
        "strength_recall": total("strengths_named") / strengths if strengths else None,
    }
    grades: dict[str, list[int]] = defaultdict(list)
    for run in runs:
        if run.metrics.get("graded", True):  # a call ended before any offer has no grade
            grades[run.metrics["type"]].append(run.metrics["grade"])
    for kind, scores in sorted(grades.items()):
        found[f"grade_median_{kind}"] = float(median(scores))
    return found
