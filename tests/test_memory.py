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


def test_an_offer_letter_keeps_its_figures_not_its_greeting() -> None:
    letter = (
        "Dear Sam, we are delighted to offer you the position at Acme. "
        * 4
        + "Your base salary will be $185,000 per year. You are eligible for a 15% bonus. "
        "We will grant you RSUs worth $400,000 over 4 years. Please reply by Friday."
    )
    facts = remembered([HumanMessage(letter), HumanMessage("Draft me a counter please")])
    assert "$185,000" in facts and "15%" in facts and "$400,000" in facts
    assert "Dear Sam" not in facts


def test_what_the_parser_must_not_invent() -> None:
    ml_role = remembered(
        [HumanMessage("They offered me $185,000 salary for the senior ML role."), HumanMessage("?")]
    )
    assert "location" not in ml_role  # "ML" is not a place code
    assert 'latest offer: "They offered me $185,000' in ml_role
    pay = remembered(
        [HumanMessage("They offered 200k base. My current salary is 150k."), HumanMessage("?")]
    )
    assert "current base: $150,000" in pay
    target = remembered([HumanMessage("my target is 200k base"), HumanMessage("?")])
    assert "latest offer" not in target
