"""The facts of earlier turns, as the line a model gets when those turns are trimmed."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage

from coach.memory import remembered


def test_nothing_said_before_means_nothing_remembered() -> None:
    assert remembered([HumanMessage("What does a senior ML engineer in Seattle make?")]) == ""


def test_later_messages_override_earlier_ones_and_the_current_one_is_left_out() -> None:
    facts = remembered(
        [
            HumanMessage("I'm a senior data scientist in Boston."),
            AIMessage("Boston pays well."),
            HumanMessage("Actually the role is in Austin, and my floor is $170,000."),
            HumanMessage("What about New York?"),  # the current turn: the model reads it anyway
        ]
    )
    assert "location: austin" in facts.lower()
    assert "new york" not in facts.lower()
    assert "data scientist" in facts and "senior" in facts
    assert "walk-away floor: $170,000" in facts


def test_the_latest_offer_is_remembered_short() -> None:
    offer = "They offered 185k base, 10% bonus and 200k RSUs over 4 years. " + "Details. " * 80
    facts = remembered([HumanMessage(offer), HumanMessage("Is it good?")])
    assert facts.startswith("latest offer:") or "latest offer:" in facts
    assert "185k base" in facts
    assert len(facts) < 300
