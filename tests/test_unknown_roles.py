"""A pay question about a job the salary data doesn't cover is answered "no data for that
role", never with a role an earlier message named (seen by a newcomer: "What does a UX
designer in Denver make?" after an ML-engineer question got the ML engineer's figures);
a job mentioned in passing ("the hiring manager said…") is not looked up.

The corpus (tests/corpora/fresh/unknown_jobs.yaml) was written blind from the user's side.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.config import Settings
from coach.session import CoachSession
from coach.understanding import read_slots, unknown_job

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "corpora" / "fresh" / "unknown_jobs.yaml").read_text("utf-8")
)
ASKS: list[dict[str, Any]] = CORPUS["asks_pay_of_unknown_job"]
MENTIONS: list[dict[str, Any]] = CORPUS["mentions_without_asking"]


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize("case", ASKS, ids=[c["text"][:40] for c in ASKS])
def test_a_pay_question_about_an_uncovered_job_says_so(
    session: CoachSession, case: dict[str, Any]
) -> None:
    thread = f"unknown-job-{uuid.uuid4().hex}"
    session.ask(thread, "what does a senior ML engineer make in Seattle?")
    turn = session.ask(thread, case["text"])
    assert "Unknown role" in turn.text
    assert "Market base pay" not in turn.text  # no figures of the earlier role
    looked_up = [s.args.get("role") for s in turn.tool_steps if s.name == "salary_lookup"]
    assert looked_up and "machine learning engineer" not in looked_up


@pytest.mark.parametrize("case", MENTIONS, ids=[c["text"][:40] for c in MENTIONS])
def test_a_job_mentioned_in_passing_is_not_looked_up(
    session: CoachSession, case: dict[str, Any]
) -> None:
    assert unknown_job(case["text"]) is None
    turn = session.ask(f"mention-{uuid.uuid4().hex}", case["text"])
    assert "Unknown role" not in turn.text
    if role := case.get("asks_pay_of_listed_role"):
        assert read_slots(case["text"]).role == role


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("how do I talk about my manager's salary?", None),
        ("Should I tell the recruiter my current salary?", None),
        ("what is the pay for a year of experience", None),
        ("what does a senior make in Austin", None),
        ("the recuriter asked what i curently make. what do i say", None),
        ("What does a UX designer in Denver make?", "ux designer"),
        ("what do data analytics engineers make", None),  # a known role, in the plural
    ],
)
def test_what_counts_as_naming_a_job(text: str, job: str | None) -> None:
    assert unknown_job(text) == job
