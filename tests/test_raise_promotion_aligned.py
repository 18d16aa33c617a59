"""One promotion ask for the same facts: the offline coach's promotion answer asks for the
figure the promotion plan asks for (the next level's market, one step at a time by
``targets.raise_ask``), and says it came from the salary lookup with its source."""

from __future__ import annotations

import re
import uuid

import pytest

from coach.config import Settings
from coach.market.normalize import next_level_code
from coach.plan.raise_build import RaiseRequest, build_raise_plan
from coach.session import CoachSession

# (what the person says, the plan's facts): levels, places and bases on both sides of the
# one-step cap, and a base already past the next level's median.
FACTS = [
    ("senior data engineer", "senior", "Austin", 140_000),
    ("mid-level data analyst", "mid", "Chicago", 70_000),
    ("mid-level machine learning engineer", "mid", "Seattle", 165_000),
    ("entry-level data scientist", "entry", "Denver", 95_000),
    ("senior machine learning engineer", "senior", "New York", 205_000),
]


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize(("said", "level", "city", "base"), FACTS)
def test_the_chat_asks_for_the_promotion_plans_figure(
    session: CoachSession, said: str, level: str, city: str, base: int
) -> None:
    role = re.sub(r"^(?:senior|mid-level|entry-level) ", "", said)
    plan = build_raise_plan(
        RaiseRequest(current_base=base, role=role, level=level, city=city, promotion=True),
        None,
    )
    assert plan.talk is not None
    ask = plan.talk.ask
    turn = session.ask(
        f"promo-{uuid.uuid4().hex}",
        f"I'm a {said} in {city} making {base // 1000}k. I want to ask my manager for a "
        "promotion. What number should I ask for?",
    )
    if ask.low is None:  # past the next level's upper quartile: no figure on base either
        assert not re.search(r"base moved to \$\d", turn.text), turn.text
        return
    figure = f"${ask.low.value:,}"
    assert f"base moved to {figure}" in turn.text, (figure, turn.text)
    # The figure is the lookup's, for the next level, with its source named.
    assert ask.market is not None and f"${ask.market.value:,}" in turn.text
    assert "aijobs.net" in turn.text
    assert next_level_code(level) is not None


@pytest.mark.parametrize(
    ("level", "up"),
    [("entry", "MI"), ("mid", "SE"), ("senior", "EX"), ("L5", "EX"), ("staff", None), ("", None)],
)
def test_the_next_level_is_one_rule(level: str, up: str | None) -> None:
    assert next_level_code(level) == up
