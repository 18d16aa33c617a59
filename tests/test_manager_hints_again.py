"""A coach hint is never said twice word for word in one talk: a tip already shown comes
back once in its short form ("Still missing: ..."), then not at all."""

from __future__ import annotations

import itertools
import re

import pytest

from coach.prompts import PROMPTS_DIR
from coach.roleplay.manager_judgement import _again_lines
from coach.roleplay.manager_session import ManagerCall
from tests.test_manager_talk import EMOTIONAL, PREPARED, UNPREPARED, play, talk

NUDGES = [
    "Could I get a bit more money?",
    "I'd really like a raise.",
    "I want 150k.",
    "ok",
    "I closed 140 tickets this year.",
    "Levels says people make more.",
    "What's the budget?",
]


def _texts(call: ManagerCall) -> list[str]:
    return [t.hint.text for t in call.turns if t.hint is not None]


@pytest.mark.parametrize(
    ("seed", "toughness"), list(itertools.product((1, 7, 23), ("soft", "standard", "tough")))
)
def test_no_hint_repeats_word_for_word(seed: int, toughness: str) -> None:
    for turns in (UNPREPARED, EMOTIONAL, PREPARED, NUDGES, NUDGES[::-1], NUDGES * 2):
        call = play(talk(seed=seed, toughness=toughness), turns)
        texts = _texts(call)
        assert len(texts) == len(set(texts)), texts


def test_the_second_time_a_tip_is_short_and_says_what_is_still_missing() -> None:
    call = play(talk(), UNPREPARED)
    first, later = call.turns[0].hint, call.turns[2].hint
    assert first is not None and later is not None
    assert first.key == later.key == "no_results_yet"
    assert later.text.startswith("Still missing:") and len(later.text) < len(first.text)
    assert later.citation == first.citation and later.citation in later.text


def test_every_short_form_names_a_tip_and_fills() -> None:
    names = {p.stem for p in (PROMPTS_DIR / "roleplay" / "manager" / "hints").glob("*.md")}
    for key, line in _again_lines().items():
        assert key in names, key
        text = line.substitute(citation="X")
        assert "$" not in text and text.endswith("(see X).")


def test_a_tip_shown_in_both_forms_is_not_shown_a_third_time() -> None:
    call = play(talk(), ["Could I get a bit more money?"] * 5)
    texts = _texts(call)
    results = [t for t in texts if re.search(r"business result", t)]
    assert len(results) <= 2 and len(texts) == len(set(texts))
