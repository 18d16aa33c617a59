"""A national figure is never said to be a place's (found by a newcomer: "the market median
for product managers in Chicago, $181,280 (aijobs.net: ... United States ...)").

When the figures are national and no source prices the place asked for (no BLS wage
survey figures for the occupation there), every answer that states them names them as
national figures and says there are none for the place: the salary table's title, the
raise talk's gap line, the range to state. A place that is priced keeps its name.
"""

from __future__ import annotations

import uuid

import pytest

from coach.config import Settings
from coach.market.estimate import estimate_for
from coach.session import CoachSession

NATIONAL = "national figures, none for Chicago-Naperville-Elgin, IL-IN"


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


def test_the_estimate_says_which_place_it_could_not_price() -> None:
    national = estimate_for("product manager", location="Chicago")
    assert national.location_ratio is None and national.unadjusted_for == national.location
    priced = estimate_for("data scientist", location="Chicago")
    assert priced.unadjusted_for is None
    remote = estimate_for("product manager", location="remote")
    assert remote.unadjusted_for is None  # remote has no place to price: said as such


@pytest.mark.parametrize(
    "question",
    [
        "what does a product manager in Chicago make?",
        "I'm a product manager in Chicago making 140k. How do I ask my boss for a raise?",
        "product manager in Chicago, what range should I give the recruiter?",
    ],
)
def test_a_national_figure_is_named_national_in_every_answer(
    session: CoachSession, question: str
) -> None:
    text = session.ask(f"nat-{uuid.uuid4().hex}", question).text
    assert NATIONAL in text, text
    assert "product managers in Chicago" not in text
    assert "product manager, Chicago" not in text


def test_a_priced_place_keeps_its_name(session: CoachSession) -> None:
    text = session.ask(
        f"nat-{uuid.uuid4().hex}",
        "I'm a data scientist in Chicago making 140k. How do I ask my boss for a raise?",
    ).text
    assert "data scientists in Chicago-Naperville-Elgin, IL-IN" in text
    assert "national figures, none for" not in text


def test_a_model_is_told_the_figures_are_national_for_that_place() -> None:
    import json

    from coach.tools import estimate_summary

    sent = json.loads(
        estimate_summary(estimate_for("product manager", location="Chicago")).for_model()
    )
    assert sent["unadjusted_for"] == "Chicago-Naperville-Elgin, IL-IN"
    assert "not adjusted for Chicago-Naperville-Elgin, IL-IN" in sent["method"]
