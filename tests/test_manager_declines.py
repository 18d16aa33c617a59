"""A no to one part of what is on the table keeps the raise talk going; a no to the whole
of it ends the talk; neither is a threat unless the words say the person would leave."""

from __future__ import annotations

import pytest

from coach.roleplay.manager_reading import read_turn
from coach.roleplay.moves import MoveKind, parse_moves
from tests.test_manager_talk import PREPARED, _acts, play, talk

BONUS_LINE = "Instead of base, I could get you a one-off bonus of $8k."

PART_NOS = [
    "I'll pass on the bonus, I need it in base",
    "I'll pass on the bonus.",
    "No thanks to the bonus, I'd rather have it in base.",
    "I don't want the one-off, I want base.",
    "I'd decline the bonus; base is what matters to me.",
    "The bonus doesn't really help me, I need it in base.",
    "Thanks, but I'd rather have base instead of a bonus.",
    "I'm going to turn down the bonus, can we look at base?",
]
WHOLE_NOS = [
    "I'll pass.",
    "No thanks.",
    "That doesn't work for me.",
    "I'm going to decline.",
    "I'm done here.",
]


@pytest.mark.parametrize("text", PART_NOS)
def test_a_no_to_one_part_is_read_as_that_and_is_no_threat(text: str) -> None:
    turn = read_turn(text, BONUS_LINE)
    assert turn.declines_part == "bonus"
    assert not turn.declines and not turn.threat and not turn.accepts and not turn.quits


@pytest.mark.parametrize("text", WHOLE_NOS)
def test_a_no_to_the_whole_is_a_decline_not_a_threat(text: str) -> None:
    turn = read_turn(text, BONUS_LINE)
    assert turn.declines and not turn.threat and turn.declines_part is None


@pytest.mark.parametrize(
    "text",
    [
        "I'll pass on the bonus, and if base doesn't move I'll start looking elsewhere.",
        "No to the bonus. Pay me in base or I walk.",
        "I'm prepared to walk away over this.",
    ],
)
def test_words_of_leaving_are_still_a_threat(text: str) -> None:
    assert read_turn(text, BONUS_LINE).threat


@pytest.mark.parametrize("text", PART_NOS)
def test_passing_on_the_bonus_keeps_the_talk_and_the_manager_answers_on_base(
    text: str,
) -> None:
    call = play(talk(raise_max=140_000, band_top=140_000), [*PREPARED[:3]])
    assert "bonus_instead" in _acts(call) and call.state.bonus > 0
    result = call.turn(text)
    assert not result.ended
    assert result.moves[0] == "part_declined"
    assert call.state.bonus == 0  # taken back, so the card will not show it agreed
    # Base is at the band's top: said so, with the date it can be looked at again.
    assert {"top_of_band", "revisit_at_review"} <= set(result.moves)
    assert "$8k" in result.recruiter_text and "June 1, 2027" in result.recruiter_text
    call.turn("That works for me, I accept.")
    assert call.ended and call.state.outcome.value == "agreed" and call.state.bonus == 0


def test_passing_on_the_bonus_with_room_left_moves_base_instead() -> None:
    call = play(talk(toughness="soft"), [*PREPARED[:3], "I'd still like 160k."])
    state = call.state
    if not state.bonus:
        pytest.skip("this pool's talk offered no bonus")
    before = state.base
    acts = set(call.turn("I'll pass on the bonus, I need it in base.").moves)
    assert "part_declined" in acts
    assert not call.ended and call.state.bonus == 0
    assert call.state.base > before or {"hold", "top_of_band"} & acts


@pytest.mark.parametrize("text", WHOLE_NOS[:3])
def test_a_no_to_the_whole_ends_the_talk_as_declined(text: str) -> None:
    call = play(talk(raise_max=140_000, band_top=140_000), [*PREPARED[:3]])
    call.turn(text)
    assert call.ended and call.state.outcome.value == "declined"
    assert not call.state.bluffed


@pytest.mark.parametrize(
    ("text", "walks"),
    [
        ("I'll pass on the signing bonus, I'd rather have it in base.", False),
        ("I'll decline the relocation package but I need 10k more base.", False),
        ("I'm going to pass on the equity.", False),
        ("I'll pass.", True),
        ("I'll pass on this offer.", True),
        ("I will decline the offer and the bonus.", True),
    ],
)
def test_the_recruiter_reader_tells_a_part_passed_on_from_a_walk(text: str, walks: bool) -> None:
    assert parse_moves(text).has(MoveKind.WALKS, MoveKind.THREATENS_WALK) is walks


@pytest.mark.parametrize(
    "text",
    [
        "I don't want the title, I need it in base.",
        "I'll pass on the promotion; base matters more.",
    ],
)
def test_a_no_to_the_title_is_read_as_that_and_the_manager_answers_on_base(text: str) -> None:
    assert read_turn(text, "I can put you forward for Staff Data Engineer.").declines_part == (
        "title"
    )
    promotable = {"next_title": "Staff Data Engineer", "promotion_max": 158_000}
    call = play(
        talk(kind="promotion", toughness="soft", **promotable),  # type: ignore[arg-type]
        [
            PREPARED[0],
            PREPARED[1],
            "Levels.fyi puts the median at 162k. I'd like the promotion to Staff at 158k from "
            "the next cycle.",
        ],
    )
    result = call.turn(text)
    assert not result.ended and result.moves[0] == "part_declined"
    assert {"counter", "hold", "top_of_band", "revisit_at_review"} & set(result.moves)
