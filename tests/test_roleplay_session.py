"""PracticeCall end to end: hints apart from the recruiter, scorecard, replay, save/restore."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.citations import ALL as ALL_CITATIONS
from coach.errors import InputError
from coach.roleplay import Outcome, PracticeCall, load_scenario
from coach.roleplay.hints import PRESS_TIP, TIPS
from coach.roleplay.judgement import MISTAKES
from coach.roleplay.scenario import SCENARIOS_DIR, Scenario
from tests.test_roleplay_policy import play, playbook_candidate

PLAYBOOK = Path(__file__).resolve().parents[1] / "coach" / "knowledge" / "playbook"
STANDARD = SCENARIOS_DIR / "senior-ml-engineer-scaleup.yaml"


def playbook_sections() -> set[str]:
    found: set[str] = set()
    for path in PLAYBOOK.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        doc = re.search(r"^id:\s*(\S+)", text, re.MULTILINE)
        assert doc is not None
        found |= {f"{doc.group(1)} § {h.strip()}" for h in re.findall(r"^## (.+)$", text, re.M)}
    return found


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario(STANDARD)


def test_every_citation_names_a_real_playbook_section() -> None:
    sections = playbook_sections()
    cited = (
        set(ALL_CITATIONS)
        | {citation for _, _, citation, _ in (*TIPS, PRESS_TIP)}
        | {kind.citation for kind in MISTAKES.values()}
    )
    assert cited and cited <= sections, cited - sections


def test_a_playbook_call_scores_well_and_names_what_went_well(scenario: Scenario) -> None:
    call = PracticeCall(scenario)
    play(call, playbook_candidate(call))
    card = call.end()
    assert card.deal and 10 <= card.first_year_gain_pct <= 20
    assert {m.key: m.status for m in card.mistakes} == {
        "current_pay": "avoided",
        "anchoring": "avoided",
        "ask_far_above": "avoided",
        "ask_below": "avoided",
        "buzzwords": "avoided",
        "median": "avoided",
        "first_offer": "avoided",
        "base_only": "avoided",
        "on_the_spot": "avoided",
    }
    assert len(card.went_well) >= 5
    assert card.four_year_gain > 0
    rows = {row.component: row for row in card.components}
    assert rows["base"].left_on_table == scenario.budget.base_max - card.final.base
    assert card.four_year_left_on_table == card.four_year_max - card.four_year_final


def test_anchoring_on_current_pay_is_flagged_live_and_in_the_scorecard(
    scenario: Scenario,
) -> None:
    call = PracticeCall(scenario)
    call.start()
    result = call.turn("I currently make $150,000, so I'd want a 15% raise.")
    assert result.hint is not None
    assert result.hint.key == "current_pay_revealed"
    assert result.hint.citation == "mistakes § Mistake one: anchoring on your current pay"
    assert "150" not in result.recruiter_text  # the coach comments; the recruiter doesn't
    play(call, ["Okay.", "I accept."])
    card = call.end()
    anchoring = next(m for m in card.mistakes if m.key == "anchoring")
    assert anchoring.status == "made" and anchoring.turn == 1
    assert card.anchoring_cost > 0


def test_accepting_at_once_is_flagged(scenario: Scenario) -> None:
    call = play(PracticeCall(scenario), ["Sounds great, I accept the offer."])
    card = call.end()
    statuses = {m.key: m.status for m in card.mistakes}
    assert statuses["first_offer"] == "made" and statuses["on_the_spot"] == "made"
    assert card.first_year_gain == 0


def test_hints_are_kept_apart_from_the_recruiter(scenario: Scenario) -> None:
    call = PracticeCall(scenario)
    play(call, playbook_candidate(call))
    lines = call.transcript()
    coach = [line for line in lines if line["role"] == "coach"]
    assert coach and all("citation" in line for line in coach)
    recruiter = " ".join(line["text"] for line in lines if line["role"] == "recruiter")
    assert "§" not in recruiter and "coach" not in recruiter.lower()


def test_hints_can_be_switched_off(scenario: Scenario) -> None:
    call = PracticeCall(scenario, hints=False)
    call.start()
    assert call.turn("I currently make $150,000.").hint is None


def test_the_call_survives_a_restart(scenario: Scenario) -> None:
    call = PracticeCall(scenario)
    play(call, ["My target range is $205k to $240k, based on market data.", "I'd rather not say."])
    restored = PracticeCall.from_json(call.to_json())
    assert restored.state == call.state
    assert restored.transcript() == call.transcript()
    follow = "I built the ranking pipeline and measured it with evals. I'm targeting $225,000."
    assert restored.turn(follow) == call.turn(follow)


def test_replay_from_a_turn_restarts_just_before_it(scenario: Scenario) -> None:
    call = PracticeCall(scenario)
    play(call, ["I currently make $150,000.", "Okay.", "I accept."])
    assert call.state.outcome == Outcome.ACCEPTED
    again = call.replay_from(0)
    assert again.state.turn == 0 and not again.ended
    again.turn("I'd rather not share that; my range is $205k to $240k based on market data.")
    again.turn("I'd prefer to focus on the market.")
    assert again.state.offered == scenario.first_offer
    assert call.state.outcome == Outcome.ACCEPTED  # the original call is untouched
    with pytest.raises(InputError, match="no turn 9"):
        call.replay_from(9)


@pytest.mark.parametrize("text", ["", "   ", "x" * 2_001])
def test_bad_messages_are_one_sentence(scenario: Scenario, text: str) -> None:
    call = PracticeCall(scenario)
    with pytest.raises(InputError):
        call.turn(text)


def test_no_turns_after_the_end(scenario: Scenario) -> None:
    call = PracticeCall(scenario)
    call.end()
    with pytest.raises(InputError, match="ended"):
        call.turn("Hello?")


def test_a_corrupt_save_is_one_sentence() -> None:
    with pytest.raises(InputError, match="can't be read"):
        PracticeCall.from_json("{not json")
