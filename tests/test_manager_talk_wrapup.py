"""Issue 21 follow-ups: a yes closes on the table, thanks wrap the talk up, the card
weighs what was won and says a later date plainly, the export cites each hint once."""

from __future__ import annotations

from datetime import date

import pytest

from coach.roleplay.manager_policy import MAct
from coach.roleplay.manager_scorecard import manager_scorecard_markdown
from coach.roleplay.report import transcript_markdown
from tests.test_manager_talk import PREPARED, UNPREPARED, play, talk

ROOMY = {"raise_max": 165_000, "band_top": 170_000}


@pytest.mark.parametrize(
    "yes",
    [
        "OK, I accept that raise",
        "OK, I accept that raise of 15k more",
        "Yes, I accept 160k",
        "Deal, I accept.",
        "I'll take the raise to 156k, thank you",
    ],
)
def test_a_yes_closes_on_exactly_the_terms_on_the_table(yes: str) -> None:
    call = play(talk(**ROOMY), PREPARED[:3])
    table = call.state.base
    assert table > 140_000  # a counter is on the table
    result = call.turn(yes)
    assert result.ended and call.state.base == table
    assert MAct.COUNTER.value not in result.moves


@pytest.mark.parametrize("thanks", ["Thank you.", "Thanks!", "Great, thanks a lot."])
def test_thanks_after_a_written_plan_closes_the_talk_on_it(thanks: str) -> None:
    call = play(talk(), [*PREPARED[:4]])
    assert call.state.plan is not None and not call.ended
    result = call.turn(thanks)
    assert result.ended and result.moves == [MAct.CLOSE_AGREED.value]
    assert "What did you want to raise" not in result.recruiter_text
    assert "$147k" in result.recruiter_text


@pytest.mark.parametrize("thanks", ["Thanks, that's fine.", "Thanks.", "OK thanks"])
def test_thanks_with_nothing_offered_wraps_up_with_the_next_review(thanks: str) -> None:
    call = play(talk(), UNPREPARED[:1])
    result = call.turn(thanks)
    assert result.ended
    assert "What did you want to raise" not in result.recruiter_text
    assert "June 1, 2027" in result.recruiter_text and "$140k" in result.recruiter_text


def test_a_raise_without_the_promotion_and_a_later_date_is_not_graded_as_everything_won() -> None:
    call = play(
        talk(kind="promotion"),
        [
            PREPARED[0],
            PREPARED[1],
            "Levels.fyi puts the median here at 162k, so I'm asking for 150k effective March 1.",
            "Could you put that in writing with the review date?",
            "That works for me, I accept.",
        ],
    )
    card = call.end()
    assert card.title_after == card.title_before  # no promotion won
    assert card.grade.score < 100
    assert any("no promotion" in r for r in card.grade.reasons)
    assert any("room a promotion could pay" in r for r in card.grade.reasons)
    text = manager_scorecard_markdown(card)
    assert "later than the March 1, 2027 you asked for" in text
    assert "Every check met" not in text


def test_the_next_review_is_said_in_the_tense_of_its_date() -> None:
    card = play(talk(), UNPREPARED).end()
    ahead = manager_scorecard_markdown(card, today=date(2026, 12, 2))
    assert "(the next review is June 1, 2027)" in ahead
    past = manager_scorecard_markdown(card, today=date(2027, 7, 1))
    assert "(the next review was June 1, 2027)" in past


def test_the_export_cites_each_coach_line_once() -> None:
    call = play(talk(), UNPREPARED)
    text = transcript_markdown(call)
    coach = [line for line in text.splitlines() if line.startswith("**Coach:**")]
    assert coach
    for line in coach:
        hint = next(t.hint for t in call.turns if t.hint and t.hint.text in line)
        assert line.count(hint.citation) == 1, line


def test_a_result_told_again_is_not_a_new_example() -> None:
    call = play(
        talk(),
        [
            PREPARED[0],
            "As I said, the billing retry pipeline cut failed payments by 18%, which recovered "
            "about $400k a quarter.",
            "I'm asking for 150k effective April 1.",
        ],
    )
    assert call.state.results == 2
    card = call.end()
    check = next(m for m in card.mistakes if m.key == "no_business_results")
    assert check.detail.startswith("2 examples")


def test_a_sentence_going_on_about_a_result_is_the_same_result() -> None:
    call = play(
        talk(),
        [
            "I built the data-quality checks that caught the revenue double-count in Q2; "
            "it would have overstated ARR by 6%. I'm asking for 150k effective April 1."
        ],
    )
    assert call.state.results == 1


def test_one_example_is_dated_at_the_turn_that_told_it() -> None:
    call = play(talk(), ["I'd like a raise to 150k.", "I cut cloud spend by 22% this year."])
    check = next(m for m in call.end().mistakes if m.key == "no_business_results")
    assert check.status == "made" and check.turn == 2


@pytest.mark.parametrize(
    "turns",
    [
        [
            "Hi, I wanted to ask about a raise.",
            "I closed 140 tickets this year.",
            "Could I get a bit more money?",
            "ok",
        ],
        [
            *PREPARED[:3],
            "I agree the tools help, but the numbers finance reports are mine.",
            "Could you send me an email with what we agreed and the review date?",
            "Hmm, what about the timeline for the next level?",
        ],
    ],
)
def test_every_turn_of_an_open_talk_gets_a_hint(turns: list[str]) -> None:
    call = play(talk(), turns)
    assert not call.ended
    assert all(t.hint is not None for t in call.turns), [t.hint for t in call.turns]
    texts = [t.hint.text for t in call.turns if t.hint]
    assert len(texts) == len(set(texts))
