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
        "is that real money or just paper",
        "feels like paper money to me",
    ],
)
def test_a_share_of_a_company_or_its_paper_worth_names_equity(text: str) -> None:
    assert composers.named_topic(text) == "equity"


@pytest.mark.parametrize(
    "text",
    [
        "is a 15% bonus normal",
        "should I counter 10% above the offer",
        "what's at stake if I push back",
        "a 3% raise at my company this year",
        "raises are capped at 3% at my company",
        "layoffs hit 10% of the company",
        "401k match is 4% at my company",
        "only 5% of the company got promoted",
        "is 5% really worth fighting for",
        "they said pay is set by internal equity",  # fairness between peers, not stock
        "is there pay equity between men and women here",
    ],
)
def test_other_percents_name_no_equity(text: str) -> None:
    assert composers.named_topic(text) != "equity"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("how do i put a value on the remote part", "remote-learning"),
        ("can I get 2 remote days instead", "remote-learning"),
        ("I'm a data scientist working remotely", None),  # a place, not the benefit
        ("will they cut my pay if I switch to remote work?", None),
        ("it's a remote part-time role", None),
    ],
)
def test_remote_names_the_benefit_only_with_what_it_is(text: str, named: str | None) -> None:
    assert composers.named_topic(text) == named


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
    said = second.text.lower()
    assert "worked out" in said and "outstanding" in said and "price" in said


def test_another_part_after_equity_is_answered_on_that_part(session: CoachSession) -> None:
    thread = "equity-then-remote"
    session.ask(thread, "one offer is a startup with options, the other has RSUs: the equity?")
    second = session.ask(thread, "how do i put a value on the remote part")
    assert "worked out" not in second.text.lower()
    assert "remote" in second.text.lower()


@pytest.mark.parametrize(
    "push",
    ["what if they refuse?", "what if they push back?", "and if they say the grant is fixed?"],
)
def test_pushing_back_after_equity_is_not_the_worth_check(session: CoachSession, push: str) -> None:
    """The worth check answers the grant named again, not a push on the equity answer."""
    thread = f"equity-push-{hash(push)}"
    session.ask(thread, "how should I think about the equity in a startup offer")
    assert "worked out" not in session.ask(thread, push).text.lower()


@pytest.mark.parametrize(
    "claim",
    [
        "the startup recruiter says my options are worth 400k, should I believe that?",
        "recruiter says the grant is worth 240k. do i trust it",
    ],
)
def test_a_claimed_worth_asked_first_gets_how_to_check_it(
    session: CoachSession, claim: str
) -> None:
    said = session.ask(f"worth-first-{hash(claim)}", claim).text.lower()
    assert "worked out" in said and "outstanding" in said


def test_equity_asked_plainly_gets_the_equity_answer(session: CoachSession) -> None:
    said = session.ask("equity-plain", "is the equity in a startup offer worth it?").text
    assert "worked out" not in said.lower() and "bigger grant" in said


@pytest.mark.parametrize(
    "question",
    [
        "what % above the offer is normal to counter with",
        "how much should I counter above their offer",
        "is 10% above the offer a reasonable counter?",
        "whats a normal percent to counter above the first offer",
    ],
)
def test_how_much_to_counter_is_sized_from_the_market(session: CoachSession, question: str) -> None:
    """The size of a counter, asked with no offer pasted: from the market (the range's top,
    15-20% above the median), not a percent of their offer; the counter's section cited."""
    turn = session.ask(f"counter-size-{hash(question)}", question)
    assert "not as a percent of their offer" in turn.text and "15–20%" in turn.text
    # With no figure known, the script's ask reads as words, in the person's own voice.
    assert "a base of one specific base" not in turn.text
    assert "sequence § Step five: counter once, with specifics" in turn.citations


def test_the_counter_script_with_no_figure_reads_in_the_persons_voice(
    session: CoachSession,
) -> None:
    turn = session.ask("counter-words", "how much should I counter above their offer")
    assert "I'd like a base of the figure at the top of my range." in turn.text


@pytest.mark.parametrize("question", ["how do I counter?", "should I counter at all?"])
def test_other_counter_questions_keep_the_counter_answer(
    session: CoachSession, question: str
) -> None:
    assert "not as a percent" not in session.ask(f"counter-{hash(question)}", question).text


@pytest.mark.parametrize(
    ("offer", "question", "sum_shown", "yearly"),
    [
        (
            "got an offer: 150k base, 0.2% equity at a startup valued at 500M, 4 year vest",
            "is the equity part any good?",
            "0.2% of the company at a $500,000,000 valuation = $1,000,000",
            "$250,000 a year",
        ),
        (
            "offer: ml engineer in boston, 140k base, 20,000 options at a 0.50 strike, "
            "preferred price is $2.10",
            "and the options, what are they worth?",
            "(preferred price $2.10 - strike $0.50) x 20,000 = $32,000",
            "$8,000 a year",
        ),
    ],
)
def test_asking_about_the_offers_equity_gets_its_worth_first(
    session: CoachSession, offer: str, question: str, sum_shown: str, yearly: str
) -> None:
    """The person asking what their grant is worth gets that figure, its sum shown, before
    the advice on valuing grants; a private company's is also shown after the haircut."""
    thread = f"grant-worth-{hash(offer)}"
    session.ask(thread, offer)
    answer = session.ask(thread, question).text
    lead = answer.split("\n\n")[0]
    assert lead.startswith("**Your grant, as I read it:**"), lead
    assert sum_shown in lead and yearly in lead and "haircut" in lead
    assert "bigger grant" in lead  # the equity answer follows, in the same paragraph


def test_equity_advice_with_no_offer_shows_no_grant(session: CoachSession) -> None:
    said = session.ask("grant-none", "how should I think about the equity in a startup offer")
    assert "Your grant" not in said.text


def test_asking_to_put_two_offers_side_by_side_gets_the_comparison(
    session: CoachSession,
) -> None:
    thread = "side-by-side"
    session.ask(thread, "offer A: startup with options, offer B: public co with RSUs, the equity?")
    session.ask(thread, "the recruiter says the options are 'worth 400k', is that real")
    answer = session.ask(thread, "ok so how do i put them side by side")
    assert "competing-offers § Compare offers on 4-year total comp" in answer.citations[:1]


def test_a_part_named_in_a_follow_up_is_answered_on_that_part(session: CoachSession) -> None:
    thread = "equity-paper"
    session.ask(thread, "series a offer in denver: 160k base, 0.3% of a $90M valuation")
    turn = session.ask(thread, "but is any of that actual money or just paper? what are the risks")
    assert "[total-package § Equity]" in turn.text, turn.text[:400]
