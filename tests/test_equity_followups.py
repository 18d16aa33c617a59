"""A share of a company named as a percent, and a second question on the same part of a
package: the equity answer, then how to check what a grant is "worth" (issue 16, item 3:
a follow-up never gets the last answer again)."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.embedded import composers
from coach.session import CoachSession


@pytest.mark.parametrize(
    "text",
    [
        "what's 0.1% at a series B even worth",
        "they offered 0.25% of the company, is that normal",
        "is a 0.5% stake good for employee #12",
        "0.05% at a seed startup, worth it?",
        "they're offering .3% ownership",
    ],
)
def test_a_percent_of_a_company_names_equity(text: str) -> None:
    assert composers.named_topic(text) == "equity"


@pytest.mark.parametrize(
    "text",
    [
        "is a 15% bonus normal",
        "should I counter 10% above the offer",
        "what's at stake if I push back",
        "a 3% raise at my company this year",
    ],
)
def test_other_percents_name_no_equity(text: str) -> None:
    assert composers.named_topic(text) != "equity"


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize(
    "again",
    [
        "the recruiter says the RSUs are worth 300k. is that real?",
        "they keep telling me the options are 'worth half a million', should I believe them",
    ],
)
def test_equity_named_again_gets_how_to_check_its_worth(session: CoachSession, again: str) -> None:
    thread = f"equity-again-{hash(again)}"
    first = session.ask(thread, "how should I think about the equity in a startup offer")
    second = session.ask(thread, again)
    assert second.text != first.text
    assert "paper value" in second.text.lower()
    assert "strike price" in second.text.lower() and "dilute" in second.text.lower()


def test_another_part_after_equity_is_answered_on_that_part(session: CoachSession) -> None:
    thread = "equity-then-remote"
    session.ask(thread, "one offer is a startup with options, the other has RSUs: the equity?")
    second = session.ask(thread, "how do i put a value on the remote part")
    assert "paper value" not in second.text.lower()
    assert "remote" in second.text.lower()
