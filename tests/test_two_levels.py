"""A message offering two levels ("senior manager or director") is priced at one, and the
answer says which, and how to see the other: never a silent pick (issue 16, item 3)."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.session import CoachSession
from coach.understanding import levels_named, read_slots


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


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("im not staff tho, just senior", "senior"),
        ("I'm not a staff engineer, I'm senior", "senior"),
        ("it isn't senior, it's mid level", "mid"),
        ("staff engineer, not senior", "staff"),
        ("not sure, senior data scientist", "senior"),
    ],
)
def test_a_level_denied_is_not_the_level_read(text: str, level: str) -> None:
    """A correction ("I'm not staff, just senior") gives the level it says, not the one
    it denies (a newcomer's correction was ignored: the figures stayed at staff)."""
    assert read_slots(text).level == level


def test_a_correction_of_the_level_reruns_the_lookup(session: CoachSession) -> None:
    session.ask("corrected", "new guy on my team got 165k, im at 148k, senior swe in denver")
    again = session.ask("corrected", "im not staff tho, just senior")
    looked_up = [s.args for s in again.tool_steps if s.name == "salary_lookup"]
    assert looked_up and all(args["level"] == "senior" for args in looked_up)
    assert "staff and above" not in again.text
