"""Follow-ups on the offers already given in a thread (issue 16, item 3): two offers
compared again in other words, the difference said first; a share price added later
re-prices the options; a weak "compare" reading with one offer is answered as asked."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.embedded.brain import ASKS_COMPARISON
from coach.session import CoachSession

TWO_OFFERS = (
    "two offers for a data engineer in chicago. first one: 170k base, 10% bonus, $200k "
    "rsus over 4 years. second one: 185k base, no bonus, no equity. thoughts?"
)


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize(
    "again",
    [
        "how much more per year does the better one pay",
        "lay it out year by year for both of them",
        "ok which one comes out ahead after four years",
        "whats the gap between them in dollars",
    ],
)
def test_the_thread_offers_compared_again_lead_with_the_difference(
    session: CoachSession, again: str
) -> None:
    thread = f"compare-again-{hash(again)}"
    first = session.ask(thread, TWO_OFFERS)
    assert any(s.name == "compare_offers" for s in first.tool_steps)
    second = session.ask(thread, again)
    compared = [s for s in second.tool_steps if s.name == "compare_offers"]
    assert compared and len(compared[0].args["offers"]) == 2
    assert second.text.startswith("**The difference:**")
    assert "a year on average" in second.text and second.text != first.text


def test_asked_a_third_time_the_difference_is_not_followed_by_the_table_again(
    session: CoachSession,
) -> None:
    thread = "compare-thrice"
    session.ask(thread, TWO_OFFERS)
    second = session.ask(thread, "which one pays more over 4 years")
    third = session.ask(thread, "so which one pays more over 4 years")
    assert third.text != second.text
    assert "table it comes from is in my last answer" in third.text


def test_a_second_offer_given_later_is_compared_with_the_first(session: CoachSession) -> None:
    thread = "compare-later"
    session.ask(thread, "ml engineer in austin: 190k base, 15% bonus, $240k rsus over 4 years")
    turn = session.ask(
        thread,
        "also have a startup offer: 200k base, 0.1% at a $900M valuation. which one is better?",
    )
    compared = [s for s in turn.tool_steps if s.name == "compare_offers"]
    assert compared and len(compared[0].args["offers"]) == 2
    assert "0.1%" in compared[0].args["offers"][1]


@pytest.mark.parametrize(
    "text",
    ["more base or more equity, which is better?", "is a 10% bonus good", "what should I ask for"],
)
def test_questions_that_weigh_no_two_offers_ask_no_comparison_of_the_thread(
    session: CoachSession, text: str
) -> None:
    thread = f"no-compare-{hash(text)}"
    session.ask(thread, TWO_OFFERS)
    turn = session.ask(thread, text)
    assert not any(s.name == "compare_offers" for s in turn.tool_steps)


@pytest.mark.parametrize(
    "text",
    ["put them side by side", "which one pays more", "the difference between them", "A vs B"],
)
def test_comparison_words(text: str) -> None:
    assert ASKS_COMPARISON.search(text)


def test_a_share_price_told_later_reprices_the_options(session: CoachSession) -> None:
    thread = "pref-later"
    session.ask(
        thread,
        "ml engineer offer, remote. 182k base. 50k options, 0.4 strike, 409a is 1.35. "
        "what is this worth per yr",
    )
    turn = session.ask(
        thread, "oh they also said preferred is around 4.80 if that changes anything"
    )
    assert "preferred is around 4.80" in turn.text  # what changed, in the person's words
    assert "$220,000" in turn.text  # (4.80 - 0.40) x 50,000


def test_one_offer_and_a_weak_compare_reading_gets_the_equity_answer(
    session: CoachSession,
) -> None:
    thread = "weak-compare"
    session.ask(
        thread,
        "data scientist, remote. base 155k. 50k options @ 12 cents, preferred 1.45. "
        "what do i counter with?",
    )
    turn = session.ask(thread, "wait so whats the equity worth per year")
    assert not any(s.name == "compare_offers" for s in turn.tool_steps)
    assert turn.text.startswith("**Your grant, as I read it:**")
    assert "$66,500" in turn.text  # (1.45 - 0.12) x 50,000


def test_exercising_options_is_never_off_topic(session: CoachSession) -> None:
    turn = session.ask("exercise", "how much would it cost me to exercise all of them")
    assert "outside what I do" not in turn.text
