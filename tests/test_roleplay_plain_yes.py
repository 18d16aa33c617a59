"""The recruiter call hears a yes in everyday words, and its voice never falls back to the
line it just said: "sounds good", "works for me", "I can live with that" accept an offer on
the table (not a reply before any offer, not one taken back, hedged or asked as a question);
once every variant of a line was heard, the recruiter says the one heard longest ago."""

from __future__ import annotations

import itertools
import random

import pytest

from coach.roleplay import PracticeCall, load_scenario, parse_moves
from coach.roleplay.moves import MoveKind
from coach.roleplay.policy import Act, Beat, RecruiterMove
from coach.roleplay.scenario import SCENARIOS_DIR
from coach.roleplay.voice import _fresh, template_text

STANDARD = SCENARIOS_DIR / "senior-ml-engineer-scaleup.yaml"

YES = [
    "Sounds good.",
    "ok sounds good",
    "That sounds great, thanks!",
    "Works for me.",
    "Yeah, that works for me.",
    "I can live with that.",
    "Fine by me.",
    "Honestly I was hoping for more, but I can live with that.",
]
NOT_YES = [
    "Sounds good, but I was hoping for more.",
    "Sounds good, let me think about it.",
    "Sounds good. I need a few days to decide.",
    "That doesn't sound good.",
    "Does that work for you?",
    "Would 150k work for you?",
    "If you add 5k, that works for me.",
    "I can't live with that.",
    "Sounds good in principle.",
    "Works for me if the sign-on goes to 20k.",
]


@pytest.mark.parametrize("text", YES)
def test_a_yes_in_everyday_words_is_a_yes(text: str) -> None:
    assert parse_moves(text).has(MoveKind.ACCEPTS), text


@pytest.mark.parametrize("text", NOT_YES)
def test_a_yes_taken_back_hedged_conditioned_or_asked_is_not(text: str) -> None:
    assert not parse_moves(text).has(MoveKind.ACCEPTS), text


def _offered_call() -> PracticeCall:
    call = PracticeCall(load_scenario(STANDARD))
    call.start()
    for line in ("Happy to hear the offer first.", "What's the offer?"):
        if call.state.phase.value != "pre_offer":
            break
        call.turn(line)
    return call


@pytest.mark.parametrize("text", YES[:6])
def test_with_an_offer_on_the_table_the_everyday_yes_closes_the_call(text: str) -> None:
    call = _offered_call()
    assert call.state.phase.value != "pre_offer"
    result = call.turn(text)
    assert result.ended and call.state.outcome is not None
    assert call.state.outcome.value == "accepted"


def test_before_any_offer_sounds_good_is_not_a_yes_to_one() -> None:
    call = PracticeCall(load_scenario(STANDARD))
    call.start()
    assert call.state.phase.value == "pre_offer"
    result = call.turn("Sounds good.")
    assert not result.ended


def test_once_every_variant_was_heard_the_one_heard_longest_ago_is_said() -> None:
    options = ["A.", "B.", "C."]
    for seed in range(12):
        lines = ["C.", "x", "A.", "y", "B."]
        assert _fresh(options, random.Random(seed), lines) == "C."
        # Unheard ones first, whichever the seed starts from.
        assert _fresh(options, random.Random(seed), ["A.", "B."]) == "C."


def test_the_recruiter_never_repeats_the_line_just_said_while_another_exists() -> None:
    scenario = load_scenario(STANDARD)
    move = RecruiterMove(beats=[Beat(act=Act.DEFLECT_PROBE)])
    said: list[str] = []
    for turn in range(1, 10):  # three variants, said nine times over many turns
        said.append(template_text(scenario, move, turn, said))
    assert all(a != b for a, b in itertools.pairwise(said)), said
    # Past the first round, each is the one heard longest ago: the order repeats.
    assert said[3:6] == said[:3] and said[6:9] == said[:3]
