"""The offline coach asks the two target tools and carries a place change (issue 15)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from coach.config import Settings
from coach.contracts import SalaryEstimateResult, ToolName
from coach.embedded.brain import Understanding, plan, previous_estimate
from coach.embedded.intents import Classification
from coach.session import CoachSession
from coach.understanding import read_slots

TOOLS = [name.value for name in ToolName]


def _understood(text: str, intent: str = "targets") -> Understanding:
    return Understanding(intent, read_slots(text), text, Classification("targets", 0.8, text))  # type: ignore[arg-type]


def _names(calls: list[dict[str, object]]) -> list[object]:
    return [call["name"] for call in calls]


def test_anchor_question_calls_anchor_range_with_the_market_slots() -> None:
    calls = plan(_understood("What should I anchor at as a senior AI engineer in Austin?"), TOOLS)
    assert _names(calls) == ["anchor_range", "search_playbook"]
    assert calls[0]["args"] == {
        "role": "ai engineer",
        "level": "senior",
        "location": "Austin-Round Rock-San Marcos, TX",
    }


def test_walk_away_question_calls_walk_away_with_current_pay_not_a_floor() -> None:
    calls = plan(_understood("I make 150k, what's my walk-away number?"), TOOLS)
    assert _names(calls) == ["walk_away", "search_playbook"]
    assert calls[0]["args"] == {"current_base": "150000"}
    assert "walk-away" in str(calls[1]["args"]["query"])  # type: ignore[index]


def test_a_targets_question_without_its_inputs_calls_no_target_tool() -> None:
    assert _names(plan(_understood("what's my walk-away number?"), TOOLS)) == ["search_playbook"]


def test_previous_estimate_is_the_last_turns_salary_result() -> None:
    earlier = SalaryEstimateResult(role="data scientist", location="Boston-Cambridge-Newton, MA-NH")
    messages = [
        HumanMessage("median for a data scientist in Boston"),
        AIMessage("", tool_calls=[{"name": "salary_lookup", "args": {}, "id": "c1"}]),
        ToolMessage("{}", tool_call_id="c1", name="salary_lookup", artifact=earlier.dump()),
        AIMessage("answer"),
        HumanMessage("and in Raleigh?"),
    ]
    found = previous_estimate(messages)
    assert found is not None and found.location == earlier.location
    assert previous_estimate(messages[:1]) is None


@pytest.mark.slow
def test_a_place_follow_up_reruns_the_estimate_and_says_what_changed(
    ingested_settings: Settings,
) -> None:
    session = CoachSession(ingested_settings)
    first = session.ask("move", "What does a senior ML engineer in Boston make?")
    second = session.ask("move", "and in Raleigh?")
    assert second.tool_steps[0].args["location"] == "Raleigh-Cary, NC"
    assert "Moving from Boston-Cambridge-Newton, MA-NH to Raleigh-Cary, NC" in second.text
    assert "multiplies every figure by 0.799" in second.text and first.text != second.text
    assert second.unverified == []
    anchor = session.ask("move", "so what should I anchor at?")
    assert anchor.tool_steps[0].name == "anchor_range"
    assert anchor.tool_steps[0].args["location"] == "Raleigh-Cary, NC"
    assert "Your anchor range" in anchor.text and anchor.unverified == []
    # Nothing to compute with: the playbook on setting a walk-away number, no figures made up.
    bare = session.ask("bare", "what's my walk-away number?")
    assert [step.name for step in bare.tool_steps] == ["search_playbook"]
    assert "walk-away §" in bare.text and bare.unverified == []
