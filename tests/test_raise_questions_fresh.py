"""Questions about a raise or a promotion at one's own employer, answered by the real
offline coach (issue 21, item 3): the topic it answers with (the raise, the promotion,
the productivity reframe, a frozen base; an offer from elsewhere is none of them), the
market gap worked out when the role, the place and the base today are all given (on the
side of the median public figures put it), one line asking for the one fact missing, and
the words a good answer mentions.

The corpus (tests/corpora/fresh/raise_questions.yaml) was written blind from the user's
side; its judge is tests/raise_corpus.py (``python -m tests.raise_corpus -v``).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from coach.config import Settings
from coach.session import CoachSession
from tests.raise_corpus import CASES, judge

# Cases the coach does not pass yet, each with what it does instead (open work, reported).
OPEN = {
    "partial-em-sf-promo-no-base": "'EM' is not read as engineering manager (the vocabulary "
    "keeps two-letter aliases out of whole messages: 'tell em'), so it asks for the role too",
    "partial-mle-remote-no-city": "'fully remote' is read as the place: the gap is worked out "
    "against the remote median (n=437) instead of asking for a city",
    "frame-what-to-bring": "no word of a raise in it ('what do i bring to the meeting'): "
    "answered from the evidence-pack section, not as the raise talk",
}


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_raise_question_gets_the_raise_answer(
    session: CoachSession, case: dict[str, Any]
) -> None:
    turn = session.ask(f"raise-{uuid.uuid4().hex}", case["text"])
    wrong = judge(turn, case)
    if case["id"] in OPEN:
        if not wrong:
            pytest.fail(f"{case['id']} passes now: take it off OPEN")
        pytest.xfail(OPEN[case["id"]])
    assert wrong == [], f"{case['text']}\n\n{turn.text}"


def test_the_open_cases_are_cases_of_the_corpus() -> None:
    assert set(OPEN) <= {c["id"] for c in CASES}
