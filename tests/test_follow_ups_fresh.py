"""Follow-ups as people type them, answered by the real offline coach (issue 16, item 3):
the blind corpus's conversations (tests/corpora/fresh/follow_ups.yaml: a raise talk's
evidence, a new hire paid more, comparing two offers, a question asked again in other
words, a changed fact) and the second blind set's (follow_ups_2.yaml: a percent of a
company, a grant's claimed worth, a switch to another part of the package, two levels in
one message), each turn judged by tests/follow_up_corpus.py."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from coach.config import Settings
from coach.session import CoachSession
from tests.follow_up_corpus import CONVERSATIONS, SECOND_FILE, conversations, run

ALL = CONVERSATIONS + conversations(SECOND_FILE)

# Turns the coach does not pass yet, each with what it does instead (open work, reported).
OPEN = {
    # The second set (written after the fixes for the first; its first reading: 46 of 51).
    ("eq-pct-tiny-grant-no-details", 2): "'how do i figure out if thats a lot or a "
    "little' names no part: it is read as the walk-away question",
}


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize("conversation", ALL, ids=[c["id"] for c in ALL])
def test_each_follow_up_moves_the_conversation_on(
    session: CoachSession, conversation: dict[str, Any]
) -> None:
    judged = run(session, conversation)
    wrong = [
        f"turn {n}: {w}\n{answer[:400]}"
        for n, answer, w in judged
        if w and (conversation["id"], n) not in OPEN
    ]
    healed = [n for n, _, w in judged if not w and (conversation["id"], n) in OPEN]
    assert not healed, f"turns {healed} pass now: take them off OPEN"
    assert wrong == []
    # Whatever a turn's expectations, no answer is the one before it word for word.
    answers = [answer for _, answer, _ in judged]
    assert all(a != b for a, b in itertools.pairwise(answers))


def test_the_open_turns_are_turns_of_the_corpus() -> None:
    turns = {(c["id"], n) for c in ALL for n in range(1, len(c["turns"]) + 1)}
    assert len({c["id"] for c in ALL}) == len(ALL)  # ids name one conversation each
    assert set(OPEN) <= turns
