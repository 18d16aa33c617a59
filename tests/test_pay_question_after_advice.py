"""A pay question of its own after an advice answer is answered as a pay question (seen in
the load benchmark: "What does a data scientist in Seattle make?", asked again after an
objection, got the objection's answer again); a fact given after an advice answer that
asked for it still carries that answer on."""

from __future__ import annotations

import uuid

import pytest

from coach.config import Settings
from coach.session import CoachSession


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


@pytest.mark.parametrize(
    "again",
    [
        "What does a data scientist in Seattle make?",  # the same question, re-asked
        "what do data scientists earn in Seattle",
        "How much does a data scientist make in Seattle?",
    ],
)
def test_a_pay_question_after_an_objection_looks_up_pay(session: CoachSession, again: str) -> None:
    thread = f"pay-again-{uuid.uuid4().hex}"
    session.ask(thread, "What does a data scientist in Seattle make?")
    session.ask(thread, "They said this is the top of their range")
    turn = session.ask(thread, again)
    assert [s.name for s in turn.tool_steps][:1] == ["salary_lookup"]
    assert "Market base pay — data scientist" in turn.text


def test_a_fact_given_after_an_advice_answer_carries_it_on(session: CoachSession) -> None:
    thread = f"fact-after-{uuid.uuid4().hex}"
    session.ask(thread, "How much should I ask for?")
    turn = session.ask(thread, "I'm a data scientist in Chicago")
    assert "data scientist" in turn.text.lower()
    assert "salary_lookup" in [s.name for s in turn.tool_steps] or "$" in turn.text
