"""Follow-ups as people type them, answered by the real offline coach (issue 16, item 3):
the blind corpus's conversations (tests/corpora/fresh/follow_ups.yaml: a raise talk's
evidence, a new hire paid more, comparing two offers, a question asked again in other
words, a changed fact) and the second blind set's (follow_ups_2.yaml: a percent of a
company, a grant's claimed worth, a switch to another part of the package, two levels in
one message), and the third's (follow_ups_3.yaml: an offer's own equity asked about, its
strike written without "$", two offers compared again, one part followed up), and the
fourth's to eighth's (follow_ups_4.yaml to follow_ups_8.yaml: two offers, one
corrected, changed in a what-if, a what-if on the last, or countered to match the other,
with the sign-on that closes the gap; parts scaled or moved with the stock, a year's own
total, the cost to exercise), each turn judged by
tests/follow_up_corpus.py."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from coach.config import Settings
from coach.session import CoachSession
from tests.follow_up_corpus import (
    CONVERSATIONS,
    EIGHTH_FILE,
    FIFTH_FILE,
    FOURTH_FILE,
    NINTH_FILE,
    SECOND_FILE,
    SEVENTH_FILE,
    SIXTH_FILE,
    THIRD_FILE,
    conversations,
    run,
)

ALL = (
    CONVERSATIONS
    + conversations(SECOND_FILE)
    + conversations(THIRD_FILE)
    + conversations(FOURTH_FILE)
    + conversations(FIFTH_FILE)
    + conversations(SIXTH_FILE)
    + conversations(SEVENTH_FILE)
    + conversations(EIGHTH_FILE)
    + conversations(NINTH_FILE)
)

# Turns the coach does not pass yet, each with what it does instead (open work, reported).
OPEN = {
    # The second set passes in full (written after the fixes for the first; its first
    # reading: 46 of 51; its last open turn passes since the eleventh stop).
    # The third set (its first reading, blind: 35 of 54; after the seventh stop's fixes: 45;
    # after the tenth's: 53).
    ("grant-worth-pct-seriesb", 3): "whether 0.15% is normal for a senior: no benchmark "
    "of grant sizes by level is in the data; the start-date answer comes instead",
    # The fifth and sixth sets pass in full (their first readings, blind: 4 of 45, then 36
    # after the eighth stop's fixes; 30 of 47).
    # The seventh and eighth sets pass in full (their first readings, blind: 19 of 48 and 27
    # of 47; after the tenth stop's fixes 47 and 45; after the eleventh's 48 and 47), and the
    # ninth (its first reading, blind: 23 of 38; after the eleventh stop's fixes: 38).
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
