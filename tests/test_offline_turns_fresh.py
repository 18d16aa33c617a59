"""The offline coach on turns people really type (issue 16): vague messages, typos in the
pay words, several offers in one message, an offer with a question beside it, what-if and
changed-fact follow-ups. The real agent loop, tools and store; no model server."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.session import CoachSession

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


def tools_of(turn) -> list[str]:  # type: ignore[no-untyped-def]
    return [step.name for step in turn.tool_steps]


@pytest.mark.parametrize("message", ["help with my situation", "numbers?", "ok so what now"])
def test_a_vague_message_gets_one_clarifying_question(session: CoachSession, message: str) -> None:
    turn = session.ask(f"vague-{message}", message)
    assert tools_of(turn) == []
    assert turn.text.count("?") >= 1 and "market pay" in turn.text


def test_a_misspelt_negotiation_question_is_answered_not_called_off_topic(
    session: CoachSession,
) -> None:
    turn = session.ask("typo-mistakes", "what are the bigest mistakes people make when negotating")
    assert "search_playbook" in tools_of(turn)
    assert "outside what I do" not in turn.text
    assert "Why:" in turn.text


def test_three_offers_in_one_message_are_compared(session: CoachSession) -> None:
    turn = session.ask(
        "three-offers",
        "I've got three offers and can't decide. First: 190k base and 100k in RSUs. "
        "Second: 175k base, 300k RSUs, and a 10% bonus. Third: 205k base with a 15k "
        "signing bonus but no equity. Which should I take?",
    )
    compare = next(s for s in turn.tool_steps if s.name == "compare_offers")
    assert len(compare.args["offers"]) == 3
    assert turn.unverified == []


def test_an_offer_with_a_question_beside_it_gets_both(session: CoachSession) -> None:
    question = "Should I tell them about my other interview process?"
    turn = session.ask(
        "offer-and-question",
        f"They offered 185k base + 20k sign-on for a senior MLE in Seattle. {question}",
    )
    assert tools_of(turn)[0] == "score_offer"
    assert f"**{question}**" in turn.text
    assert "[competing-offers §" in turn.text
    assert turn.unverified == []


def test_a_what_if_follow_up_rescores_the_offer_with_the_new_figure(session: CoachSession) -> None:
    thread = "what-if"
    first = session.ask(
        thread,
        "They offered me 185k base, 15% bonus and 200k RSUs over 4 years for a senior ML "
        "engineer role in Seattle. Is that good?",
    )
    second = session.ask(thread, "what if it were 190k?")
    step = second.tool_steps[0]
    assert step.name == "score_offer"
    assert "190k" in step.args["offer_text"] and "185k" not in step.args["offer_text"]
    assert "**What changed:** base: 185k → 190k" in second.text
    assert second.text != first.text
    assert second.unverified == []


def test_a_changed_place_re_runs_the_range_and_says_so(session: CoachSession) -> None:
    thread = "range-remote"
    first = session.ask(
        thread, "What range should I ask for as a senior data scientist in Chicago?"
    )
    second = session.ask(thread, "and remote?")
    assert tools_of(second)[0] == "anchor_range"
    assert second.tool_steps[0].args["location"] == "Remote (US)"
    assert "**What changed:** place: Chicago-Naperville-Elgin, IL-IN → Remote (US)" in second.text
    assert second.text != first.text


def test_a_pay_question_with_typos_in_role_and_city_is_looked_up(session: CoachSession) -> None:
    turn = session.ask("typo-salary", "what do senoir machine lerning enginers make in seatle?")
    step = turn.tool_steps[0]
    assert step.name == "salary_lookup"
    assert (step.args["role"], step.args["level"]) == ("machine learning engineer", "senior")
    assert "Seattle" in step.args["location"]
    assert "Which role should I look up?" not in turn.text
