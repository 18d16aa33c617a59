"""A yes, a no or neither: the employee's reply to their manager, read as the talk reads it.

The corpus is ``tests/corpora/fresh/manager_replies.yaml``, written blind (from the
employee's side, without the reading's code) and copied unchanged: each reply with the
manager's last line it answers, labelled accept (takes what is on the table), decline
(turns it down) or neither (asks, counters, conditions, hedges, thanks without agreeing).
Each is read by ``read_turn`` with that line as ``after``, as ``ManagerCall`` reads a
turn. A case the reading can't yet meet is listed in ``OPEN`` with why, never edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.roleplay.manager_policy import Heard, MAct, ManagerMove, MBeat
from coach.roleplay.manager_reading import EmployeeTurn, on_the_table, read_turn
from coach.roleplay.manager_session import ManagerCall
from coach.roleplay.manager_voice import template_text
from tests.test_manager_talk import TODAY, talk

CORPUS = Path(__file__).parent / "corpora" / "fresh" / "manager_replies.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
OPEN = {
    # Sarcasm: every word of it praises the title ("Wow, great, a title"), and the no is
    # only in what the rent line implies. Read as neither (not a yes: the rest is not
    # assent); telling sarcasm from praise needs more than the words' reading.
    "sarcastic-title-rent": "sarcasm: the decline is implied, not said",
}


def label(read: EmployeeTurn) -> str:
    # A no to one part of the table ("I'll pass on the bonus") turns down what the line
    # offered, as the corpus labels it; the talk reads it apart from a no to the whole
    # (``declines_part``) only so that it goes on about the rest.
    no = read.declines or read.declines_part is not None
    return "accept" if read.accepts else "decline" if no else "neither"


def test_the_corpus_is_whole() -> None:
    assert len(CASES) == 60
    assert {c["expect"] for c in CASES} == {"accept", "decline", "neither"}
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=OPEN[c["id"]]))
        if c["id"] in OPEN
        else c
        for c in CASES
    ],
    ids=[c["id"] for c in CASES],
)
def test_each_blind_reply(case: dict[str, Any]) -> None:
    read = read_turn(case["says"], after=case["manager_last"])
    assert label(read) == case["expect"], (case["manager_last"], case["says"])


# What the manager's own lines put on the table: every variant of an act that offers or
# states terms, and none of an act that asks, objects or stalls.
OFFERS = {
    MAct.COUNTER,
    MAct.BONUS_INSTEAD,
    MAct.PROMOTE,
    MAct.TITLE_ONLY,
    MAct.WRITTEN_PLAN,
    MAct.REVISIT_AT_REVIEW,
    MAct.SUM_UP,
    MAct.HOLD,
    MAct.ALREADY_THERE,
    MAct.CLOSE_AGREED,
}


@pytest.mark.parametrize("act", list(MAct), ids=[a.value for a in MAct])
def test_a_bare_ok_answers_only_a_line_that_puts_something_on_the_table(act: MAct) -> None:
    scenario = talk()
    amount = 147_000 if act in OFFERS else None
    heard = list(Heard) if act == MAct.ACK else [None]
    moves = [
        ManagerMove(beats=[MBeat(act=act, amount=amount, title="Staff", day=TODAY, heard=h)])
        for h in heard
    ]
    lines = {template_text(scenario, move, turn) for move in moves for turn in range(12)}
    for line in lines:
        assert on_the_table(line) == (act in OFFERS), line
        assert read_turn("ok", after=line).accepts == (act in OFFERS), line
        assert read_turn("no", after=line).declines == (act in OFFERS), line


@pytest.mark.parametrize(
    "reply",
    [
        "If you can make it 150k, I'll take it.",
        "ok, but can we do 150k?",
        "Sounds good, can you send it in writing?",
        "I'd accept 155k.",
        "Deal? Let me think.",
        "ok, but I was hoping for more",
        "Thanks, let me sleep on it.",
        "works for me in principle, but what about the title",
    ],
)
def test_conditions_questions_counters_and_buts_are_never_a_yes(reply: str) -> None:
    offer = "I can put forward a raise to $147k, which is $7k more a year."
    assert not read_turn(reply, after=offer).accepts


def _played(turns: list[str], **pool: object) -> ManagerCall:
    call = ManagerCall(talk(**pool))  # type: ignore[arg-type]
    call.start()
    for text in turns:
        call.turn(text)
    return call


PREPARED = [
    "This year I rebuilt the billing retry pipeline, which cut failed payments by 18% and "
    "recovered about $400k in revenue a quarter.",
    "I'm the only one who knows the ledger reconciliation end to end; if I left, month-end "
    "close would stall.",
    "Levels.fyi puts the median for a senior data engineer here at about 162k, so I'm asking "
    "for 160k effective this cycle.",
]


def test_in_the_talk_a_plain_yes_to_a_counter_agrees_it() -> None:
    for yes in ("Thanks, that's fine.", "sounds good", "works for me", "I can live with that"):
        call = _played([*PREPARED, yes])
        assert call.turns[2].moves[-1] == "counter" or "counter" in call.turns[2].moves
        assert call.state.outcome.value == "agreed", (yes, call.turns[-1].moves)
        assert call.state.base > call.scenario.current_base


def test_in_the_talk_ok_to_a_question_is_not_a_yes() -> None:
    call = _played(["Hi, I wanted to talk about my pay.", "ok"])
    assert call.turns[0].moves == ["ask_case"]
    assert not call.ended and call.state.outcome.value == "open"


def test_ok_put_it_in_writing_agrees_and_gets_the_plan() -> None:
    call = _played([*PREPARED, "Ok, fair enough. Let's put that in writing then."])
    assert call.state.outcome.value == "agreed" and call.state.plan is not None
    assert call.turns[-1].moves == ["written_plan", "close_agreed"]
