"""A message offering two levels ("senior manager or director") is priced at one, and the
answer says which, and how to see the other: never a silent pick (issue 16, item 3)."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.session import CoachSession
from coach.understanding import levels_named


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("and if i went up to senior manager or director", ("senior", "director")),
        ("senior or staff?", ("senior", "staff")),
        ("L5 vs L6 at google, data scientist", ("l5", "l6")),
        ("junior or mid-level data analyst in Austin", ("junior", "mid level")),
    ],
)
def test_levels_offered_as_alternatives(text: str, named: tuple[str, ...]) -> None:
    assert tuple(typed for typed, _code in levels_named(text)) == named


@pytest.mark.parametrize(
    "text",
    [
        "what does a senior staff engineer make",  # one level, of two words
        "sr data scientist in nyc",
        "my ex-colleague makes more than me, senior data scientist in Boston",
        "asking my director for a raise, I'm a senior data engineer",
        "I lead the analytics team as a senior analyst",
        "a graduate of CMU, now a mid-level ML engineer",
        "the principal reason is the staff there are great",
        "I'm a senior software engineer in Seattle and want a promotion to staff",
    ],
)
def test_a_level_word_in_passing_offers_no_alternative(text: str) -> None:
    assert levels_named(text) == ()


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


def test_two_levels_say_which_the_figures_are_for(session: CoachSession) -> None:
    turn = session.ask("two-levels", "what does a senior or staff ML engineer make in Boston?")
    first = turn.text.split("\n\n", 1)[0]
    assert "senior and staff" in first and "for senior" in first and '"and staff?"' in first
    again = session.ask("two-levels", "and staff?")
    assert "**Levels:**" not in again.text and "staff" in again.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "what does a senior ML engineer make in Boston?",
        "I'm a senior software engineer in Seattle at 180k and I want a promotion to staff, "
        "what should I ask for?",
        "my ex-colleague is a senior data scientist in Boston, what do they make?",
    ],
)
def test_no_note_without_levels_offered_as_alternatives(
    session: CoachSession, question: str
) -> None:
    assert "**Levels:**" not in session.ask(f"no-note-{hash(question)}", question).text
