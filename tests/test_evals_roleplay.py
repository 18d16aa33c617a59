"""Role-play scripts: placeholders from what the candidate can see, and the invariants."""

from __future__ import annotations

import pytest

from coach.evals.datasets import RoleplayCase
from coach.evals.graders.roleplay import (
    band_violations,
    expectation_checks,
    invariant_checks,
    leaks,
)
from coach.evals.suites.script import fill, play, visible_figures
from coach.roleplay import PracticeCall, load_scenario
from coach.roleplay.policy import Change
from coach.roleplay.scenario import SCENARIOS_DIR

STANDARD = "senior-ml-engineer-scaleup"


def case(script: list[object], **expect: object) -> RoleplayCase:
    return RoleplayCase.model_validate(
        {"id": "t", "scenario": STANDARD, "script": script, "expect": expect}
    )


def test_placeholders_are_filled_from_the_brief_and_rounded() -> None:
    figures = {"p50": 203135, "first_base": 190000}
    text = fill(
        "median {p50}, range to {p50*1.18}, ask {max(p50*1.18, first_base*1.3)}", figures, {}
    )
    assert text == "median $203,135, range to $240,000, ask $247,000"
    assert fill("Hi, I'm {name}.", {}, {"name": "Priya"}) == "Hi, I'm Priya."


def test_the_hidden_budget_is_not_a_placeholder() -> None:
    call = PracticeCall(load_scenario(SCENARIOS_DIR / f"{STANDARD}.yaml"))
    call.start()
    assert not any("budget" in name for name in visible_figures(call))
    with pytest.raises(ValueError, match="base_max"):
        fill("{base_max}", visible_figures(call), {})


def test_until_offer_repeats_until_the_offer_is_on_the_table() -> None:
    played = play(case([{"until_offer": "I'd rather not say."}, "I accept."]))
    assert played.call.state.offered is not None
    repeats = played.said.count("I'd rather not say.")
    assert repeats > 1 and played.call.state.offer_turn == repeats
    assert played.said[-1] == "I accept."


def test_a_clean_call_passes_every_invariant_and_its_expectations() -> None:
    played = play(case(["That sounds great, I accept the offer!"]))
    assert all(c.passed for c in invariant_checks(played))
    checks = expectation_checks(
        played, case([], outcome="accepted", mistakes={"on_the_spot": "made"}).expect
    )
    assert checks and all(c.passed for c in checks)


def test_wrong_expectations_fail_with_a_reason() -> None:
    played = play(case(["That sounds great, I accept the offer!"]))
    expect = case([], outcome="candidate_walked", gain_pct=[10, 20], acts=["concede"]).expect
    failed = [c for c in expectation_checks(played, expect) if not c.passed]
    assert {c.name for c in failed} == {"outcome", "gain", "act:concede"}


def test_a_concession_past_the_budget_is_a_band_violation() -> None:
    played = play(case([{"until_offer": "I'd rather not say."}]))
    state = played.call.state
    budget = played.call.scenario.budget
    state.conceded.append(
        Change(component="base", before=190000, after=budget.base_max + 1000, turn=9)
    )
    assert band_violations(played) and "outside" in band_violations(played)[0]


def test_a_figure_the_recruiter_should_not_know_is_a_leak() -> None:
    played = play(case([{"until_offer": "I'd rather not say."}]))
    budget = played.call.scenario.budget
    played.heard.append(f"Between us, I could go to ${budget.base_max:,}.")
    assert leaks(played) == [f"${budget.base_max:,}"]
    assert not next(c for c in invariant_checks(played) if c.name == "leak").passed
