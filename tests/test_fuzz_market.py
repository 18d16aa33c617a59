"""Bad-input fuzzing of the salary lookup: an estimate or one plain sentence, whatever is asked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.market import lookup
from coach.market.estimate import estimate_for
from coach.tools import estimate_summary, salary_lookup_tool
from tests.fuzz import (
    HUGE,
    assert_no_leak,
    assert_plain,
    hostile_text,
    profile,
    returns_or_plain_error,
)

ROLES = ["ML engineer", "data scientist", "senior software engineer", "AI researcher", "ds"]
LEVELS = ["senior", "L5", "E6", "IC3", "staff", "entry", "mid", "principal", "II"]
PLACES = ["Seattle", "SF", "NYC", "remote", "Texas", "WA", "Germany", "Canada", "US"]
SKILLS = ["rag", "fine-tuning", "rlhf", "mlops", "python"]
DOMAINS = ["fintech", "healthcare", "autonomous systems"]
EMPLOYERS = ["ai lab", "big tech", "startup", "other"]


def _mixed(known: list[str]) -> st.SearchStrategy[object]:
    """A real value, a hostile one, a real one wrapped in junk, blank, an int or None."""
    return st.one_of(
        st.none(),
        st.sampled_from(known),
        hostile_text(max_parts=3),
        st.tuples(st.sampled_from(known), hostile_text(max_parts=2)).map(" ".join),
        st.integers(),
        st.sampled_from(["", " ", "\n", "\x00", "\u202e"]),
    )


years = st.one_of(
    st.none(),
    st.integers(),
    st.integers(2018, 2027),
    st.sampled_from(["2024", " 2025 ", "", "next year", "2024.5", "1e3", "٢٠٢٤", "9" * 5_000]),
    st.booleans(),
    hostile_text(max_parts=1),
)
skills = st.one_of(
    st.none(),
    hostile_text(max_parts=3),
    st.lists(st.one_of(st.sampled_from(SKILLS), hostile_text(max_parts=1)), max_size=4),
    st.lists(st.one_of(st.sampled_from(SKILLS), st.integers(), st.none()), max_size=3),
)


@profile(300)
@given(
    st.one_of(_mixed(ROLES), st.lists(st.text(max_size=3), max_size=2)),
    _mixed(LEVELS),
    _mixed(PLACES),
    skills,
    _mixed(DOMAINS),
    _mixed(EMPLOYERS),
    years,
)
def test_lookup_answers_or_says_why(
    role: object,
    level: object,
    location: object,
    skills: object,
    domain: object,
    employer_type: object,
    year: object,
) -> None:
    # Issue 15: the person's estimate (the lookup underneath, the place applied on top).
    estimate = returns_or_plain_error(
        estimate_for,
        role,  # type: ignore[arg-type]
        level=level,  # type: ignore[arg-type]
        location=location,  # type: ignore[arg-type]
        skills=skills if skills is not None else (),  # type: ignore[arg-type]
        domain=domain,  # type: ignore[arg-type]
        employer_type=employer_type,  # type: ignore[arg-type]
        year=year,  # type: ignore[arg-type]
    )
    if estimate is None:
        return
    figures = [v for v in (estimate.p10, estimate.p25, estimate.p50, estimate.p75) if v]
    assert figures == sorted(figures)
    for line in (*estimate.assumptions, *estimate.notes, estimate.unknown_reason or ""):
        assert_no_leak(line)
    estimate_summary(estimate)  # what the agent's tool hands the model


@profile(60)
@given(
    hostile_text(max_parts=3),
    hostile_text(max_parts=2),
    hostile_text(max_parts=2),
    st.lists(hostile_text(max_parts=1), max_size=3),
)
def test_salary_tool_returns_data_or_an_error_sentence(
    role: str, level: str, location: str, skills: list[str]
) -> None:
    # The agent's tool never raises: a bad argument is an {"error": sentence} for the model.
    tool = salary_lookup_tool()
    args = {"role": role, "level": level, "location": location, "skills": skills}
    message = tool.invoke({"type": "tool_call", "id": "1", "name": tool.name, "args": args})
    data = message.artifact
    assert isinstance(data, dict)
    if "error" in data:
        assert_plain(data["error"])


@pytest.mark.parametrize("name", list(HUGE))
def test_lookup_on_huge_text(name: str) -> None:
    text = HUGE[name]
    for kwargs in ({}, {"level": text}, {"location": text}, {"skills": text}, {"domain": text}):
        role = text if not kwargs else "ML engineer"
        returns_or_plain_error(lookup, role, **kwargs)  # type: ignore[arg-type]
