"""Role-play cases: play each script, grade the call, and sum up across scripts.

Suite metrics: budget breaches, band violations and leaked figures (all must be
zero), objection coverage (every objection the policy knows, raised by some
script), and how reliably the scorecard catches planted mistakes (and how often it
flags one the script avoided).
"""

from __future__ import annotations

from typing import Any

from coach.evals.datasets import RoleplayCase
from coach.evals.graders.roleplay import (
    band_violations,
    expectation_checks,
    invariant_checks,
    leaks,
)
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.suites.context import EvalContext
from coach.evals.suites.script import Played, play
from coach.roleplay.policy import Objection


def run_case(case: RoleplayCase, ctx: EvalContext, sample: int) -> CaseRun:
    played = play(case)
    card = played.card
    checks = invariant_checks(played) + expectation_checks(played, case.expect)
    return CaseRun(
        checks=checks,
        output=_output(played),
        metrics={
            "breach": played.breach is not None,
            "band_violations": len(band_violations(played)),
            "leaks": len(leaks(played)),
            "objections": sorted({o.value for o in played.call.state.objections}),
            "mistakes_expected": case.expect.mistakes,
            "mistakes_got": {m.key: m.status for m in card.mistakes} if card else {},
            "gain_pct": card.first_year_gain_pct if card else None,
        },
    )


def _output(played: Played) -> dict[str, Any]:
    lines = [{"role": "recruiter", "text": played.heard[0]}]
    for said, heard in zip(played.said, played.heard[1:], strict=False):
        lines += [{"role": "candidate", "text": said}, {"role": "recruiter", "text": heard}]
    card = played.card
    return {
        "scenario": played.call.scenario.id,
        "transcript": lines,
        "outcome": card.outcome.value if card else None,
        "first_year_gain_pct": card.first_year_gain_pct if card else None,
        "final": card.final.model_dump() if card else None,
        "mistakes": {m.key: m.status for m in card.mistakes} if card else {},
    }


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None]
    raised = {o for r in runs for o in r.metrics["objections"]}
    planted = caught = alarms = 0
    for run in runs:
        for key, status in run.metrics["mistakes_expected"].items():
            got = run.metrics["mistakes_got"].get(key)
            planted += status == "made"
            caught += status == "made" and got == "made"
            alarms += status == "avoided" and got == "made"
    found |= {
        "budget_breaches": float(sum(r.metrics["breach"] for r in runs)),
        "band_violations": float(sum(r.metrics["band_violations"] for r in runs)),
        "budget_leaks": float(sum(r.metrics["leaks"] for r in runs)),
        "objection_coverage": len(raised & {o.value for o in Objection}) / len(Objection),
        "mistake_catch_rate": caught / planted if planted else None,
        "mistake_false_alarms": float(alarms),
    }
    return found
