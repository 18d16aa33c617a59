"""Follow-ups on the offers already given in a thread (issue 16, item 3): two offers
compared again in other words, the difference said first; a share price added later
re-prices the options; a weak "compare" reading with one offer is answered as asked."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.embedded.brain import (
    ASKS_COMPARISON,
    ON_THE_LAST_WHAT_IF,
    _haircut_said,
    _offer_meant,
    _rival,
    asks_later_years,
    corrects,
    split_offers,
)
from coach.offers import compare_offers
from coach.offers.parse import parse_offer, read_offer
from coach.offers.what_if import moved_the_stock, part_named, stock_named
from coach.session import CoachReply, CoachSession, ToolStep
from coach.understanding import offer_with_change

TWO_OFFERS = (
    "two offers for a data engineer in chicago. first one: 170k base, 10% bonus, $200k "
    "rsus over 4 years. second one: 185k base, no bonus, no equity. thoughts?"
)


def _called(turn: CoachReply, tool: str) -> list[ToolStep]:
    """The turn's calls of ``tool``, in order."""
    return [step for step in turn.tool_steps if step.name == tool]


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
    compared = _called(second, "compare_offers")
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
    compared = _called(turn, "compare_offers")
    assert compared and len(compared[0].args["offers"]) == 2
    assert "0.1%" in compared[0].args["offers"][1]


@pytest.mark.parametrize(
    "text",
    [
        "more base or more equity, which is better?",
        "is a 10% bonus good",
        "what should I ask for",
        "should I tell the first company about the other one?",
        "how do I use both offers as leverage?",
        "how does the second one compare to the market for my level?",
        "ok what should I counter with for each one?",
        "is it normal that the first one has no sign-on? which is typical for big tech",
    ],
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


@pytest.mark.parametrize(
    "text", ["which is typical for big tech", "use both as leverage", "from each one, what?"]
)
def test_words_that_compare_nothing(text: str) -> None:
    assert not ASKS_COMPARISON.search(text)


def test_an_offer_corrected_is_not_a_second_offer(session: CoachSession) -> None:
    thread = "corrected"
    session.ask(thread, "offer: ml engineer nyc, 150k base, 10% bonus, 100k rsus over 4 yrs")
    session.ask(thread, "sorry typo, it's 160k base, 10% bonus, 100k rsus over 4 yrs")
    turn = session.ask(thread, "which one is better for me?")
    assert not any(s.name == "compare_offers" for s in turn.tool_steps)


def test_the_grant_is_worth_in_the_offers_own_money(session: CoachSession) -> None:
    thread = "grant-euros"
    session.ask(
        thread,
        "ml engineer in berlin: €95k base, 20,000 options, strike €0.50, preferred €2.10",
    )
    turn = session.ask(thread, "and what are the options worth?")
    lead = turn.text.split("\n\n")[0]
    assert "€32,000" in lead and "$" not in lead, lead


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


BANK_AND_STARTUP = (
    "data analyst in denver. regional bank offer: 102k base, 8% bonus, 300 RSUs at $40, "
    "4-year vest. vs a seed startup: 110k base, 15k options, $1.00 strike, 409A $2.50. "
    "which is better"
)


def test_a_what_if_on_one_of_two_offers_compares_them_again_with_it(
    session: CoachSession,
) -> None:
    thread = "what-if-one-of-two"
    session.ask(thread, BANK_AND_STARTUP)
    turn = session.ask(thread, "what if the startup bumped base to 125k, would that flip it?")
    compared = _called(turn, "compare_offers")
    assert compared, turn.text
    bank, startup = compared[0].args["offers"]
    assert "102k" in bank and "125k" in startup and "110k" not in startup
    assert "base: 110k → 125k" in turn.text and "**The difference:**" in turn.text


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("what should i counter the bank with so it beats the startup", "102k", "110k"),
        ("how do i counter the startup", "110k", "102k"),
    ],
)
def test_a_counter_for_one_of_two_offers_is_for_the_one_named(
    session: CoachSession, question: str, kept: str, dropped: str
) -> None:
    thread = f"counter-named-{hash(question)}"
    session.ask(thread, BANK_AND_STARTUP)
    turn = session.ask(thread, question)
    drafted = _called(turn, "draft_counter")
    assert drafted, turn.text
    assert kept in drafted[0].args["offer_text"] and dropped not in drafted[0].args["offer_text"]


def test_a_question_on_one_part_after_two_offers_never_reads_the_two_as_one(
    session: CoachSession,
) -> None:
    thread = "part-after-two"
    session.ask(thread, BANK_AND_STARTUP)
    turn = session.ask(thread, "the bank is public, so are its rsus really worth that?")
    assert "is that the price of one share" not in turn.text
    for step in turn.tool_steps:
        text = str(step.args.get("offer_text", ""))
        assert not ("102k" in text and "110k" in text), step


def test_a_what_if_asked_at_length_still_changes_the_offer(session: CoachSession) -> None:
    thread = "what-if-long"
    session.ask(
        thread, "mid swe austin, startup offer 165k base, 20,000 options strike .45, 409a 1.10"
    )
    turn = session.ask(
        thread,
        "what if they bumped base to 180k instead, how much more is that per year and over 4 yrs",
    )
    assert "base: 165k → 180k" in turn.text
    assert "raise" not in turn.text.lower().split("**what i read**")[0]


@pytest.mark.parametrize("told", ["oh forgot, stock trades around $142 rn", "share price $142"])
def test_a_share_price_told_later_prices_the_rsus(session: CoachSession, told: str) -> None:
    thread = f"rsu-price-later-{hash(told)}"
    session.ask(thread, "swe in austin, offer 152k base, 10% bonus, 1,200 rsus vesting 25% a year")
    turn = session.ask(thread, told)
    assert "share price: not given → $142 per share" in turn.text
    assert "170,400" in turn.text  # 1,200 x $142
    assert "couldn't find a base salary" not in turn.text


def test_a_share_price_said_as_the_stock_is_read_in_the_offer() -> None:
    from coach.offers.parse import read_offer

    reading = read_offer("195k base, 15% bonus, 2400 RSUs over 4 yrs, stock is around $85")
    assert reading.field("equity.value").value == 204_000  # type: ignore[union-attr]
    total = read_offer("195k base, 2400 RSUs, stock is $85,000 total")
    assert total.field("equity.price_per_share") is None


def test_a_correction_changes_its_own_field_and_holds_for_later_turns(
    session: CoachSession,
) -> None:
    thread = "correction-holds"
    session.ask(
        thread,
        "data scientist, remote, series a startup: 145k base, 0.25% at a $60M post-money "
        "valuation, 4 years with 1 year cliff",
    )
    fixed = session.ask(thread, "i typed it wrong, the valuation was 80M not 60M")
    assert "valuation: $60M → 80M" in fixed.text and "200,000" in fixed.text  # 0.25% x 80M
    again = session.ask(thread, "its 0.25% like i said. valuation 80M")
    assert "base: 145k" not in again.text  # never the base set to 80M
    later = session.ask(thread, "what if they bumped base to 160k")
    assert "base: 145k → 160k" in later.text and "80,000,000" in later.text


def test_a_what_if_is_a_question_not_a_change_to_the_offer(session: CoachSession) -> None:
    thread = "what-if-not-kept"
    session.ask(thread, "swe offer in denver: 150k base, 10% bonus, $100k rsus over 4 years")
    session.ask(thread, "what if they bumped base to 160k")
    later = session.ask(thread, "and what if the bonus were 15%")
    scored = next(s for s in later.tool_steps if "offer_text" in s.args)
    assert "150k" in scored.args["offer_text"] and "15%" in scored.args["offer_text"]


LETTERED = (
    "Offer A: 180k base, 20k sign-on, $200k RSUs over 4 years. "
    "Offer B from a startup: 165k base, 0.2% equity at a $500M valuation."
)


def _base_row(turn: CoachReply) -> str:
    return next(line for line in turn.text.splitlines() if line.startswith("| Base (a year)"))


@pytest.mark.parametrize(
    "fix",
    ["sorry, B's base is actually 170k not 165k", "oops i meant the base is 170k not 165k"],
)
def test_a_correction_of_one_of_two_offers_holds_for_later_turns(
    session: CoachSession, fix: str
) -> None:
    """Named by its letter or found by the figure it replaces; never read as a third offer,
    and the next comparison still has it."""
    thread = f"fix-one-of-two-{hash(fix)}"
    session.ask(thread, LETTERED)
    fixed = session.ask(thread, fix)
    assert "base: 165k → 170k" in fixed.text
    assert "$170,000" in _base_row(fixed) and "$180,000" in _base_row(fixed)
    later = session.ask(thread, "what if A's sign-on went to 40k?")
    assert "$170,000" in _base_row(later)
    again = session.ask(thread, "which one is better overall?")
    assert "$170,000" in _base_row(again) and "$165,000" not in again.text
    # "now", after the what-if: the offers as it left them, still with the correction
    now = session.ask(thread, "what if A's sign-on went to 40k? which one is better now?")
    assert any("170k base" in o for o in _compared_offers(now)), now.text[:300]


def test_a_what_if_changing_both_offers_changes_each(session: CoachSession) -> None:
    thread = "what-if-both"
    first = session.ask(thread, "offer 1: 150k base 10% bonus. offer 2: 160k base no bonus")
    assert _called(first, "compare_offers"), "two offers and no question: compared"
    turn = session.ask(thread, "what if offer 1 was 170k and offer 2 was 155k?")
    assert "offer 1 base: 150k → 170k" in turn.text and "offer 2 base: 160k → 155k" in turn.text
    assert "$170,000" in _base_row(turn) and "$155,000" in _base_row(turn)


@pytest.mark.parametrize(
    ("ask", "countered"),
    [
        ("how do i counter the startup to match A?", "startup"),
        ("how do I get B to match A?", "startup"),
        ("ok and how would I counter A to beat the startup?", "google"),
    ],
)
def test_a_counter_to_match_the_other_offer_says_what_closes_the_gap(
    session: CoachSession, ask: str, countered: str
) -> None:
    thread = f"match-{hash(ask)}"
    session.ask(
        thread,
        "I have two offers. A is 200k base at Google, B is 170k base plus 10% bonus and "
        "0.2% at a seed startup valued at 20M",
    )
    turn = session.ask(thread, ask)
    counter = _called(turn, "draft_counter")
    assert counter and countered in counter[0].args["offer_text"].lower()
    compared = _called(turn, "compare_offers")
    assert compared and compared[0].args["offers"][0] == counter[0].args["offer_text"]
    if countered == "startup":
        # 4 x 200k = 800k against 4 x (170k + 17k) + 40k = 788k: 12k, 3k a year
        assert turn.text.startswith("**To match Google:** this offer pays $12,000 less")
        assert "A base of $173,000" in turn.text
    else:
        assert turn.text.startswith("**Against the other offer:** this offer already pays")


def test_a_what_if_with_two_figures_changes_both_parts(session: CoachSession) -> None:
    thread = "what-if-two-parts"
    session.ask(
        thread, "offer for senior data scientist in NYC: 175k base, 10% bonus, 15k sign on. good?"
    )
    turn = session.ask(thread, "what if the base was 190k and sign on 25k?")
    assert "base: 175k → 190k; sign-on: 15k → 25k" in turn.text
    scored = _called(turn, "score_offer")
    assert (
        scored and "190k" in scored[0].args["offer_text"] and "25k" in scored[0].args["offer_text"]
    )


def test_a_what_if_adding_a_part_the_offer_lacked_prices_it(session: CoachSession) -> None:
    thread = "what-if-added-part"
    session.ask(
        thread, "offer for senior data scientist in NYC: 175k base, 10% bonus, 15k sign on. good?"
    )
    turn = session.ask(thread, "and if they also threw in 100k rsus over 4 yrs")
    assert "equity: added 100k" in turn.text
    assert "| Equity grant value | 100,000 USD |" in turn.text


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "got 2 offers!! the startup (series B) is 170k + 0.1% at a 200M valuation, no "
            "bonus. the bank is 185k base, 25% bonus, 20k signing bonus. how do they stack up",
            "170k",
            "185k",
        ),
        (
            "A is 140k at a seed startup with 0.8% (valued at 25M). B is 150k at a bank with "
            "15% bonus and 10k sign-on",
            "140k",
            "150k",
        ),
        (
            "two offers: A = 155k base, 10% bonus, 10k signon. B = seed startup, 150k base, "
            "1% equity, company valued at 15M, no bonus",
            "155k",
            "seed startup",
        ),
    ],
)
def test_two_offers_typed_as_people_type_them_are_two(text: str, first: str, second: str) -> None:
    offers = split_offers(text)
    assert len(offers) == 2 and first in offers[0] and second in offers[1]


def test_the_person_s_own_pay_beside_an_offer_is_not_a_second_offer() -> None:
    assert len(split_offers("I make 150k base now and they offered 170k base")) == 1


@pytest.mark.parametrize(
    ("follow_up", "changed"),
    [
        ("what if the 2nd one went up to 160k base?", "$160,000"),
        ("the startup's valuation is actually 25M, my bad", "$250,000"),
        ("and the startup offered 1.5% not 1%, i mixed them up", "$225,000"),
    ],
)
def test_one_of_two_offers_named_any_way_is_changed(
    session: CoachSession, follow_up: str, changed: str
) -> None:
    thread = f"named-any-way-{hash(follow_up)}"
    session.ask(
        thread,
        "1st offer: 145k base, 10% bonus, 5k signon (state university). 2nd: 140k base, 1% "
        "of a seed startup valued at 15M",
    )
    turn = session.ask(thread, follow_up)
    assert _called(turn, "compare_offers") and changed in turn.text


@pytest.mark.parametrize(
    ("change", "becomes"),
    [
        ("and if they added 30k more to the sign-on?", "165k base, 40k sign-on"),
        ("what if they gave me another 20k on the sign-on", "165k base, 30k sign-on"),
        ("what if base went up 15k", "180k base, 10k sign-on"),
        ("what if they raised the base by 10k", "175k base, 10k sign-on"),
        ("what if base was 10k lower", "155k base, 10k sign-on"),
        ("what if they cut the sign-on by 5k", "165k base, 5k sign-on"),
        # the new value, not a step: "more" here asks about the change
        ("what if they bumped base to 180k, how much more is that per year", "180k base, 10k"),
        ("what if the sign-on dropped to 5k", "165k base, 5k sign-on"),
    ],
)
def test_a_figure_said_as_a_step_is_added_to_or_taken_from_the_part(
    change: str, becomes: str
) -> None:
    changed = offer_with_change("165k base, 10k sign-on", change)
    assert changed is not None and changed.text.startswith(becomes)


@pytest.mark.parametrize(
    ("change", "part"),
    [
        ("say the first one adds a 35k signign bonus", "sign_on.amount"),
        ("what if the signing bonus was 30k", "sign_on.amount"),
        ("what if the bonus was 20k", "bonus.amount"),
        ("a significant bonus of 20k", "bonus.amount"),
    ],
)
def test_the_part_a_what_if_names_even_misspelt(change: str, part: str) -> None:
    assert part_named(change) == part


def test_two_offers_named_by_company_and_a_correction_naming_one() -> None:
    offers = split_offers(
        "JPM in nyc, vp data science: 230k base + 25% bonus + 15k sign on vs a remote ai "
        "scaleup: 215k, 10% bonus, 15k sign-on, 0.02% of a $2B valuation"
    )
    assert len(offers) == 2
    # "sign-on" is a part, never a name: "jpm's" names the first, though both have one
    said = "oh wait, jpm's sign-on is actually 50k, not 15k. does that flip it?"
    assert _offer_meant(offers, said) == offers[0]
    assert split_offers(
        "one offer is from a seed-stage robotics co in pittsburgh: 160k, 0.5% on a 40M "
        "valuaton, 10k sign-on, while the other is a big-tech role at 185k, 15% bonus"
    )[1].startswith("is a big-tech role")


def test_a_counter_asked_beside_two_offers_is_for_the_one_it_names(session: CoachSession) -> None:
    turn = session.ask(
        "counter-beside-two",
        "A: 180k base, 20k sign-on at Google. B: 170k base, 0.2% at a 500M startup. how do I "
        "counter google so it beats the startup?",
    )
    counter = _called(turn, "draft_counter")
    assert counter and counter[0].args["offer_text"] == "180k base, 20k sign-on at Google"
    # 740k against 680k + 0.2% of 500M = 1,680,000: Google is 940k behind
    assert turn.text.startswith("**To match the other offer:** this offer pays $940,000 less")
    unnamed = session.ask(
        "counter-beside-two-unnamed",
        "offer 1 is 150k base with 10% bonus, offer 2 is 170k base no bonus. how should i counter?",
    )
    assert _called(unnamed, "compare_offers") and not _called(unnamed, "draft_counter")


# -- from the review of this stop's diff: inputs the first versions of the above misread --
@pytest.mark.parametrize(
    "one_offer",
    [
        "Offer from Stripe: 180k base, and the signing bonus is 45k. Is that good?",
        "New offer from Stripe. base: 180k, bonus: 20k, sign-on: 30k, rsus: 200k over 4 years",
        "Got an offer at Datadog, 185k base and the equity is 120k over 4 years",
        "Offer from Acme: 150k base, 10% bonus, and the other benefits include a 401k match of 4%",
    ],
)
def test_one_offer_with_parts_said_as_is_or_colon_stays_one(one_offer: str) -> None:
    assert len(split_offers(one_offer)) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "My tc is 150k. They offered 20k sign-on and 15% bonus, what base should I ask for?",
        "Market rate is 180k. they offered 20k sign-on, 10% bonus",
    ],
)
def test_the_person_s_pay_or_the_market_is_never_taken_as_the_offer_s_base(text: str) -> None:
    assert read_offer(text).offer is None  # asked about, as before


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("150k base, bonus up to 15% - company valued at 50M, 0.2% equity", 0.2),
        ("150k base, they match 401k at 6% at a company worth 3B, 0.1% equity", 0.1),
    ],
)
def test_a_bonus_or_401k_percent_is_never_the_stake(text: str, percent: float) -> None:
    assert read_offer(text).value("equity.percent") == percent


@pytest.mark.parametrize(
    ("offer", "change"),
    [
        ("165k base, 10% bonus", "what if the bonus went up 5k"),  # a step on a percent
        ("14k/month base", "what if base went up 1k"),  # a step on a monthly figure
        ("165k base, 10% bonus", "bonus went up 5%"),  # a percent step: not priced here
        ("150k base, 0.5% equity at a 50M valuation", "what if the base was 5% higher?"),
        ("165k base, 15% bonus", "is the 15% bonus normal?"),  # no change
        ("165k base", "and the startup said 5k for relo, ok?"),  # no base of 5k
    ],
)
def test_changes_that_can_not_be_priced_as_said_are_not_guessed(offer: str, change: str) -> None:
    assert offer_with_change(offer, change) is None


def test_a_comparison_asked_beside_a_what_if_is_no_second_change() -> None:
    changed = offer_with_change(
        "170k base", "what if the base was 200k, is that 20k more than now?"
    )
    assert changed is not None and changed.said == "base: 170k → 200k"


def test_a_correction_is_never_a_what_if_nor_another_offer() -> None:
    assert corrects("sorry, B's base is actually 170k not 165k")
    assert not corrects("wait, what if the startup bumped base to 185k?")
    assert not corrects("wait, I also got an offer from Meta: 200k base, not 190k like google")


def test_the_offer_to_match_is_the_one_named_of_three() -> None:
    offers = ["Google 200k base", "Meta 190k base", "Stripe 170k base"]
    assert _rival(offers, offers[2], "how do I counter Stripe to match Meta?") == offers[1]
    same = ["180k base, 10% bonus", "180k base, 10% bonus"]
    assert _rival(same, same[0], "how do I counter A to match B?") == same[1]


def test_the_base_to_match_counts_a_bonus_that_grows_with_it() -> None:
    compared = compare_offers(
        [parse_offer("170k base, 20% bonus").offer, parse_offer("200k base, 20% bonus").offer]
    )
    assert compared.gap.base_to_match == 200_000  # not 206,000: the bonus grows with it


# What-ifs built on the last what-if ("on top of that", "also", "with those numbers").
CHAIN_OFFERS = (
    "comparing two: the bank in charlotte, 150k base, 10% bonus, 15k sign-on, 80k rsus over "
    "4 years. the startup in raleigh, 165k base, no bonus, no sign-on, 0.2% at a $100M valuation"
)


def _compared_offers(turn: CoachReply) -> list[str]:
    compared = _called(turn, "compare_offers")
    assert compared, turn.text[:300]
    return [str(offer) for offer in compared[-1].args["offers"]]


def test_a_what_if_on_top_of_the_last_one_keeps_its_change(session: CoachSession) -> None:
    thread = "chain-on-top"
    session.ask(thread, CHAIN_OFFERS)
    first = session.ask(thread, "what if the bank bumped base to 170k")
    assert any("170k base" in o for o in _compared_offers(first))
    second = session.ask(thread, "and if the startup threw in a 30k sign-on on top of that?")
    offers = _compared_offers(second)
    assert any("170k base" in o for o in offers), offers  # the bank's what-if holds
    assert any("30k sign-on" in o for o in offers), offers
    assert "offer 1 base: 150k → 170k; then offer 2 sign-on: added 30k" in second.text


def test_a_what_if_naming_no_offer_after_one_changes_that_one_again(
    session: CoachSession,
) -> None:
    thread = "chain-also"
    session.ask(thread, CHAIN_OFFERS)
    session.ask(thread, "what if the startup gave me 0.4% instead")
    second = session.ask(thread, "and if they also added 20k to the sign on?")
    startup = [o for o in _compared_offers(second) if "raleigh" in o]
    assert startup and "0.4%" in startup[0], startup
    assert read_offer(startup[0]).field("sign_on.amount").value == 20_000


def test_a_counter_with_those_numbers_is_worked_out_on_the_what_if(
    session: CoachSession,
) -> None:
    thread = "chain-counter"
    session.ask(thread, CHAIN_OFFERS)
    session.ask(thread, "what if the bank went to 175k and the startup to 170k")
    turn = session.ask(thread, "with those numbers, how do i get the startup to match the bank?")
    countered = _called(turn, "draft_counter")
    assert countered and "170k base" in str(countered[0].args), turn.text[:300]
    assert "offer 1 base: 150k → 175k" in turn.text


def test_without_a_word_of_the_last_what_if_the_offers_as_given_are_used(
    session: CoachSession,
) -> None:
    thread = "chain-none"
    session.ask(thread, CHAIN_OFFERS)
    session.ask(thread, "what if the bank bumped base to 170k")
    turn = session.ask(thread, "what if the startup added a 30k sign-on")
    assert not any("170k base" in o for o in _compared_offers(turn))


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("say the bank adds a 25k signign bonus", "sign-on: added 25k"),
        ("what if they threw in a 25k sign on bonus", "sign-on: added 25k"),
        ("and if they added a 25k signing bonus", "sign-on: added 25k"),
    ],
)
def test_a_sign_on_added_beside_a_percent_bonus_is_never_a_second_bonus(
    change: str, said: str
) -> None:
    changed = offer_with_change("the bank: 150k base, 10% bonus, no sign-on", change)
    assert changed is not None and changed.said == said
    assert read_offer(changed.text).field("bonus.target_percent").value == 10


@pytest.mark.parametrize(
    "offer",
    [
        "190k base, 15% bonus, 25k sign",
        "190k base, 25k sign, 15% bonus",
        "190k base, 25k signon bonus",
    ],
)
def test_a_sign_on_word_cut_short_or_misspelt_is_still_the_sign_on(offer: str) -> None:
    assert read_offer(offer).field("sign_on.amount").value == 25_000


def test_sign_as_a_verb_labels_no_figure() -> None:
    reading = read_offer("190k base, 15% bonus. sign by friday to get the 25k")
    assert reading.field("sign_on.amount") is None


# The sign-on that would close the gap to the other offer, asked after its counter.
SIGN_ON_OFFERS = (
    "offer A: 170k base, 10% bonus, 10k sign-on, 100k rsus over 4 years (austin). "
    "offer B: 185k base, 15% bonus, 30k sign-on, 160k rsus over 4 years (seattle)"
)


def _sign_on_thread(session: CoachSession, thread: str) -> None:
    session.ask(thread, SIGN_ON_OFFERS)
    countered = session.ask(thread, "how do i get A to match B?")
    assert "**To match" in countered.text, countered.text[:300]


@pytest.mark.parametrize(
    "asked",
    [
        "could a sign-on make up the difference instead? how much",
        "what signing bonus would close the gap",
        "how big would the sign on need to be",
    ],
)
def test_the_sign_on_that_closes_the_gap_is_worked_out(session: CoachSession, asked: str) -> None:
    thread = f"sign-on-gap-{hash(asked)}"
    _sign_on_thread(session, thread)
    turn = session.ask(thread, asked)
    # B: 4 x 212,750 + 30k + 160k = 1,041,000; A: 4 x 187,000 + 10k + 100k = 858,000
    assert "**A sign-on to close the gap:**" in turn.text, turn.text[:300]
    assert "$183,000 more over four years" in turn.text
    assert "A sign-on of $193,000 in all (the $10,000 it has now plus the gap)" in turn.text


def test_a_base_ceiling_is_priced_before_the_sign_on(session: CoachSession) -> None:
    thread = "sign-on-gap-ceiling"
    _sign_on_thread(session, thread)
    turn = session.ask(thread, "they said 180k base is their max. what sign-on covers the rest?")
    # A at 180k: 4 x 198,000 + 10k + 100k = 902,000: 139,000 behind
    assert "base: 170k → 180k (the most they will pay)" in turn.text
    assert "A sign-on of $149,000 in all" in turn.text
    assert "would close the gap for good" not in turn.text  # no base past their ceiling


def test_a_sign_on_question_with_no_counter_before_it_is_advice(session: CoachSession) -> None:
    thread = "sign-on-gap-none"
    session.ask(thread, SIGN_ON_OFFERS)
    turn = session.ask(thread, "how big a sign-on is normal to ask for?")
    assert "**A sign-on to close the gap:**" not in turn.text


@pytest.mark.parametrize(
    ("offer", "change", "said"),
    [
        (
            "180k base, 120k rsus over 4 years",
            "what if they tripled the rsus",
            "equity: 120k → 360k",
        ),
        ("180k base, 30k sign-on", "and if the sign on got halved?", "sign-on: 30k → 15k"),
        ("180k base, 12% bonus", "what if they doubled the bonus", "bonus: 12% → 24%"),
        (
            "190k base, 20,000 options, strike 2.5, preferred 9",
            "what if i get them to double the options",
            "options: 20,000 options → 40,000 options",
        ),
        (
            "190k base, 40k options, strike 1, preferred 4",
            "2x the options?",
            "options: 40k options → 80k options",
        ),
    ],
)
def test_a_part_scaled_by_a_factor_is_priced(offer: str, change: str, said: str) -> None:
    changed = offer_with_change(offer, change)
    assert changed is not None and changed.said == said


@pytest.mark.parametrize("change", ["what if they doubled it", "what if it were halved"])
def test_a_factor_with_no_part_named_is_not_guessed(change: str) -> None:
    assert offer_with_change("180k base, 30k sign-on, 100k rsus over 4 years", change) is None


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("what if they went to 180k and a 15% bonus", "base: 160k → 180k; bonus: 10% → 15%"),
        (
            "if the base dropped to 150k but the bonus went to 20%",
            "base: 160k → 150k; bonus: 10% → 20%",
        ),
    ],
)
def test_a_figure_and_a_percent_are_two_changes_each_in_its_place(change: str, said: str) -> None:
    changed = offer_with_change("160k base, 10% bonus, 20k sign-on", change)
    assert changed is not None and changed.said == said


@pytest.mark.parametrize(
    ("change", "price"),
    [
        ("what if the share price fell 20% by the time i start", 80.0),
        ("and if the stock rises 50%?", 150.0),
    ],
)
def test_a_share_price_moved_by_a_percent_reprices_the_rsus(change: str, price: float) -> None:
    changed = offer_with_change("200k base, 1,000 RSUs, stock at $100 a share", change)
    assert changed is not None and changed.part == "share price"
    assert read_offer(changed.text).value("equity.price_per_share") == price


@pytest.mark.parametrize(
    ("offer", "change", "said"),
    [
        ("150k base, 10k sign-on", "what if they raised the sign to 35k", "sign-on: 10k → 35k"),
        ("150k base, 10% bonus", "what if they added a 15k sign", "sign-on: added 15k"),
    ],
)
def test_sign_as_a_noun_in_a_what_if_is_the_sign_on(offer: str, change: str, said: str) -> None:
    changed = offer_with_change(offer, change)
    assert changed is not None and changed.said == said


def test_two_offers_on_one_line_split_at_a_slash() -> None:
    text = (
        "the agency (denver) - 120k, 5% bonus, 10k signing / the retailer (omaha) - 128k, "
        "8% bonus, 20k rsus over 4 yrs"
    )
    offers = split_offers(text)
    assert len(offers) == 2 and "denver" in offers[0] and "omaha" in offers[1]


# Two offers for the follow-ups below: the bank ahead at face value, the startup's stake
# counted after the haircut changing that.
HAIRCUT_OFFERS = (
    "A: a bank in denver, 160k base, 10% bonus, 20k sign-on. "
    "B: a startup in boulder, 150k base, 0.25% of a $120M valuation"
)


def test_a_counter_counting_the_stake_at_half_closes_that_gap(session: CoachSession) -> None:
    thread = "haircut-counter"
    session.ask(thread, HAIRCUT_OFFERS)
    turn = session.ask(thread, "counting B's equity at half, what base would it need to beat A?")
    # A: 4 x 176k + 20k = 724,000. B: 600,000 + 300,000 = 900,000; after the haircut
    # 750,000. Counted as asked, B leads by 26,000: nothing to match.
    assert "already pays $26,000 more" in turn.text, turn.text[:400]
    assert "at face value this offer comes out ahead" in turn.text
    turn = session.ask(thread, "ok and what would A need to match B at half value")
    # A trails by 26,000 (6,500 a year): 160k + 6,500 / 1.1 → 166,000
    assert "this offer pays $26,000 less over four years" in turn.text, turn.text[:400]
    assert "A base of $166,000" in turn.text
    turn = session.ask(thread, "they won't go past 162k on base. what s/o would cover the rest?")
    # A at 162k: 4 x 178,200 + 20k = 732,800: 17,200 behind; sign-on in all 37,200
    assert "A sign-on of $37,200 in all" in turn.text, turn.text[:400]


def test_which_leads_now_after_what_ifs_compares_the_changed_offers(
    session: CoachSession,
) -> None:
    thread = "chain-now"
    session.ask(thread, CHAIN_OFFERS)
    session.ask(thread, "what if the startup went to 180k base")
    session.ask(thread, "plus if they made it 0.3%")
    turn = session.ask(thread, "so who comes out ahead now?")
    startup = [o for o in _compared_offers(turn) if "raleigh" in o]
    assert startup and "180k base" in startup[0] and "0.3%" in startup[0], startup
    back = session.ask(thread, "ok back to the real offers, which one comes out ahead?")
    startup = [o for o in _compared_offers(back) if "raleigh" in o]
    assert startup and "165k base" in startup[0] and "0.2%" in startup[0], startup


def test_the_year_one_total_asked_after_the_score_is_said(session: CoachSession) -> None:
    thread = "year-one-total"
    session.ask(
        thread, "data scientist offer in denver: 150k base, 10% bonus, 40k rsus over 4 years"
    )
    turn = session.ask(thread, "so what would i actually make in year one?")
    # 150,000 + 15,000 + 10,000
    assert "year 1: $175,000" in turn.text, turn.text[:400]


def test_the_cost_to_exercise_options_is_given_with_the_grant(session: CoachSession) -> None:
    thread = "exercise-cost"
    session.ask(
        thread,
        "ml engineer offer in austin, series c. 170k base, 30,000 options, strike $0.80, "
        "preferred $3",
    )
    turn = session.ask(thread, "how much would exercising them all cost me?")
    assert "Exercising all 30,000 options would cost $24,000" in turn.text, turn.text[:600]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("ok if i counter asking for 60k options instead", "options: 40k options → 60k options"),
        (
            "what if they gave me 50k options and a 210k base",
            "options: 40k options → 50k options; base: 192k → 210k",
        ),
    ],
)
def test_a_number_of_options_said_is_the_count_not_a_dollar_grant(change: str, said: str) -> None:
    offer = "192k base, 40k options, strike 1.20, preferred 5"
    changed = offer_with_change(offer, change)
    assert changed is not None and changed.said == said


def test_a_comma_inside_a_figure_splits_no_change() -> None:
    changed = offer_with_change(
        "190k base, 20,000 options, strike 2.5, preferred 9",
        "what if they gave me 30,000 options and a 205,000 base",
    )
    assert changed is not None
    assert changed.said == "options: 20,000 options → 30,000 options; base: 190k → 205,000"


def test_an_offer_asking_what_to_push_on_is_scored_not_a_trade_off() -> None:
    # Parts named bare ("more options or base") ask what to push on; figures on each side
    # ("a $30k sign-on or $10k more base") ask for the two to be priced.
    stated = (
        "pm offer in austin: 170k base, 30k options, strike 2, preferred 6. more options or base?"
    )
    assert read_offer(stated).is_offer
    assert not read_offer("a $30k sign-on or $10k more base, which is better?").is_offer


@pytest.mark.parametrize(
    ("offer", "base"),
    [
        ("fintech in dallas, 172k no bonus, 30k sign-on", 172_000),
        ("175k, no bonus 10k sign on", 175_000),
        ("150k base, without equity, 10k sign-on", 150_000),
    ],
)
def test_a_part_said_absent_labels_no_figure(offer: str, base: int) -> None:
    reading = read_offer(offer)
    assert reading.value("base") == base
    assert reading.field("bonus.target_amount") is None
    assert reading.field("equity.value") is None


@pytest.mark.parametrize(
    "offer",
    [
        "190k base, 900 rsus w/ stock around $140, 20k sign-on",
        "190k base, 900 rsus, stock ~$140",
        "190k base, 900 rsus, shares roughly $140, 20k sign-on",
    ],
)
def test_a_share_price_said_loosely_prices_the_rsus(offer: str) -> None:
    assert read_offer(offer).value("equity.value") == 126_000


@pytest.mark.parametrize(
    "offer",
    [
        "coinbase remote offer: 190k, no bonus, 900 rsus, coin is ~$140, 20k sign on",
        "nvidia: 190k base, 900 rsus, nvda trades around $140",
    ],
)
def test_a_share_price_said_by_the_company_s_ticker_prices_the_rsus(offer: str) -> None:
    assert read_offer(offer).value("equity.value") == 126_000


@pytest.mark.parametrize(
    "offer",
    [
        "acme: 190k base, 900 rsus, bonus is ~$140",  # a part's word, never a company
        "acme: 190k base, 900 rsus, zeta is ~$140",  # no word of the offer it shortens
    ],
)
def test_a_price_said_of_no_company_prices_nothing(offer: str) -> None:
    assert read_offer(offer).field("equity.price_per_share") is None


def test_a_vesting_s_length_after_the_rsus_is_no_count_of_them() -> None:
    reading = read_offer("base 178k, bonus 12%, 248k in rsus 4yr vest w/ 1yr cliff, 20k sign-on")
    assert reading.value("equity.value") == 248_000
    assert reading.field("equity.shares") is None


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("what if they only gave half the sign on", "sign-on: 40k → 20k"),
        ("what if they dropped the sign on completely", "sign-on: 40k → 0k"),
        ("what if there was no sign on", "sign-on: 40k → 0k"),
        ("what if they gave twice the rsus", "equity: $320k → 640k"),
        ("is there no bonus?", None),  # a question of what the offer holds
        ("what if the stock dropped", None),  # by how much, not said
    ],
)
def test_a_part_halved_doubled_or_taken_away_in_words(change: str, said: str | None) -> None:
    offer = "linkedin sunnyvale: 210k base, 15% bonus, $320k rsus over 4 years, 40k sign on"
    changed = offer_with_change(offer, change)
    assert (changed.said if changed else None) == said


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("what if the preferred price drops 40%", "preferred price: $8 → $4.80 (40% lower)"),
        ("what if the pref goes up 25%", "preferred price: $8 → $10 (25% higher)"),
        ("what if the stock craters 50%", "preferred price: $8 → $4 (50% lower)"),
    ],
)
def test_a_preferred_price_moves_in_a_market_s_words(change: str, said: str) -> None:
    offer = "denver startup: 152k base, 36,000 options @ $2.40 strike, preferred $8.00"
    changed = offer_with_change(offer, change)
    assert changed is not None and changed.said == said


def test_an_offer_opened_by_a_place_in_brackets_is_cut_there() -> None:
    text = (
        "torn between intel (hillsboro) 170k + 10% bonus + 80k rsus, and a series a startup "
        "in portland: 160k, 0.5% of a $50M valuation"
    )
    offers = split_offers(text)
    assert len(offers) == 2 and "hillsboro" in offers[0] and "portland" in offers[1]
    assert read_offer(offers[0]).value("base") == 170_000


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("what would msft need to match it", 0),  # a short name from the vocabulary
        ("what if jpm went to 200k", 1),  # a ticker-like beginning
        ("and if googles stock went up 10%", 2),  # a possessive without the apostrophe
    ],
)
def test_an_offer_named_by_a_short_or_run_on_name(said: str, meant: int) -> None:
    offers = ["microsoft 183k base", "jpmorgan 184k base", "google 192k base"]
    assert _offer_meant(offers, said) == offers[meant]


def test_no_vowel_words_alone_are_short_names() -> None:
    offers = ["there in boston, 150k base", "the other in nyc, 160k base"]
    assert _offer_meant(offers, "what if the base went to 170k") == ""


@pytest.mark.parametrize(
    ("offer", "change", "said"),
    [
        (
            "214k base, $340k rsus over 4 yrs",
            "what if the share price goes up 25%",
            "equity: $340k → 425k (25% higher)",
        ),
        (
            "150k base, 0.6% of a $35M valuation",
            "and if the valuation drops 20%?",
            "valuation: $35M → 28M (20% lower)",
        ),
        (
            "150k base, 2,000 options, strike 1.85, preferred $4.30",
            "what if the stock falls 40%",
            "preferred price: $4.30 → $2.58 (40% lower)",
        ),
    ],
)
def test_a_stock_move_moves_a_grant_without_a_share_price(
    offer: str, change: str, said: str
) -> None:
    changed = offer_with_change(offer, change)
    assert changed is not None and changed.said == said


def test_the_offer_countered_is_the_one_not_named_after_the_match_words(
    session: CoachSession,
) -> None:
    thread = "countered-by-match-words"
    session.ask(
        thread,
        "stripe sf: 210k base, $280k rsus over 4 yrs. vs a biotech startup in boston: 180k, "
        "1% of a $40M valuation",
    )
    turn = session.ask(
        thread, "counting the startup equity at half, what base would they need to beat stripe"
    )
    countered = _called(turn, "draft_counter")
    assert countered and "boston" in str(countered[0].args), turn.text[:300]
    # Stripe: 840,000 + 280,000 = 1,120,000. The startup: 720,000 + 400,000, after the
    # haircut 920,000: 200,000 behind, 50,000 a year: 180k + 50k = 230,000.
    assert "A base of $230,000" in turn.text, turn.text[:500]


def test_a_what_if_after_an_answer_on_one_part_changes_the_offer(session: CoachSession) -> None:
    thread = "what-if-after-part"
    session.ask(
        thread, "pm offer in denver, series b: 165k base, 20,000 options, strike $1, preferred $5"
    )
    session.ask(thread, "how much would exercising all of them cost")
    turn = session.ask(thread, "what if they doubled the options")
    assert "options: 20,000 options → 40,000 options" in turn.text, turn.text[:300]
    assert _called(turn, "score_offer")


def test_a_year_asked_in_a_what_if_says_what_changed(session: CoachSession) -> None:
    thread = "year-one-what-if"
    session.ask(thread, "swe offer in austin: 160k base, 10% bonus, 1,000 rsus at $100 a share")
    turn = session.ask(thread, "what if the stock drops 50% before i vest, whats yr 1 then")
    # 160,000 + 16,000 + 1,000 x $50 / 4 = 188,500
    assert "share price: $100 → $50 (50% lower)" in turn.text, turn.text[:300]
    assert "year 1: $188,500" in turn.text


@pytest.mark.parametrize(
    "one_offer",
    [
        "Offer from Acme, senior ML engineer:\n- 180k base\n- 40k sign-on\n- 200k RSUs / 4 yrs",
        "185k base; 10% bonus; 160k rsus over 4 years",
        "160k base / 50k bonus",
    ],
)
def test_the_lines_of_one_package_stay_one_offer(one_offer: str) -> None:
    assert len(split_offers(one_offer)) < 2


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("doubled the rsus but halved the sign-on", "equity: 100k → 200k; sign-on: 20k → 10k"),
        ("doubled the base instead of the sign-on", None),  # two parts for one factor
        ("what if i double down on the base", None),
        ("double check the rsus please", None),
        ("what about a 2x liquidation preference on the stock", None),
        ("what if the rsus vest 2x faster", None),
    ],
)
def test_a_factor_scales_only_the_part_it_is_said_of(change: str, said: str | None) -> None:
    changed = offer_with_change("170k base, 15% bonus, 20k sign-on, 100k rsus over 4 years", change)
    assert (changed.said if changed else None) == said


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("the shares are up 150%", "share price: $100 → $250 (150% higher)"),
        ("what if the stock goes down 100%", None),  # nothing left to price
        ("what if the stock grows 10% a year", None),  # a rate, not one move
        (
            "the stock falls 5% and the base goes to 180k",
            "share price: $100 → $95 (5% lower); base: 170k → 180k",
        ),
    ],
)
def test_a_stock_move_is_read_whole_and_beside_other_changes(change: str, said: str | None) -> None:
    changed = offer_with_change("170k base, 1,000 rsus, stock at $100 a share", change)
    assert (changed.said if changed else None) == said


@pytest.mark.parametrize(
    ("change", "part"),
    [
        ("what if they come back at 175k, is that a sign they'd go higher?", "base"),
        ("what if the s/o went to 40k?", "sign-on"),
    ],
)
def test_the_sign_on_is_named_by_its_words_only(change: str, part: str) -> None:
    changed = offer_with_change("170k base, 20k sign-on", change)
    assert changed is not None and changed.part == part


@pytest.mark.parametrize(
    ("said", "haircut"),
    [
        ("if i count the startup equity with a 30% haircut, whats the gap", 30.0),
        ("count the equity at 70%, which one wins", 30.0),
        ("counting the options at 50%, what base would they need", 50.0),
        ("what if they cut the sign-on by half", None),  # a part halved, no stock counted
    ],
)
def test_the_haircut_said_is_the_one_used(said: str, haircut: float | None) -> None:
    assert _haircut_said(said) == haircut


def test_a_haircut_of_another_size_is_worked_out_at_that_size(session: CoachSession) -> None:
    thread = "haircut-30"
    session.ask(thread, HAIRCUT_OFFERS)
    turn = session.ask(
        thread, "with a 30% haircut on the startup equity, what base would B need to beat A?"
    )
    # A: 724,000. B: 600,000 + 300,000 x 0.7 = 810,000: ahead by 86,000
    assert "already pays $86,000 more" in turn.text, turn.text[:300]


def test_counting_public_stock_at_half_says_nothing_is_cut(session: CoachSession) -> None:
    thread = "haircut-public"
    session.ask(
        thread,
        "A: google 200k base, 300k rsus over 4 years. "
        "B: meta 190k base, 15% bonus, 200k rsus over 4 years",
    )
    turn = session.ask(thread, "counting the rsus at half, which one pays more over 4 years?")
    assert "Neither offer has private-company stock" in turn.text, turn.text[:400]


@pytest.mark.parametrize(
    "question",
    ["how does the vesting cliff work in year one?", "when does my pay start?"],
)
def test_questions_about_year_one_that_ask_no_amount_get_no_totals(
    session: CoachSession, question: str
) -> None:
    thread = f"year-one-not-totals-{hash(question)}"
    session.ask(
        thread, "data scientist offer in denver: 150k base, 10% bonus, 40k rsus over 4 years"
    )
    turn = session.ask(thread, question)
    assert "**Your total pay under this offer" not in turn.text


@pytest.mark.parametrize(
    "text",
    ["ok now how should I counter the bank?", "right now I make 140k", "keep it short"],
)
def test_words_that_build_on_no_what_if(text: str) -> None:
    assert not ON_THE_LAST_WHAT_IF.search(text)


@pytest.mark.parametrize(
    ("said", "meant"),
    [("what if rblx goes up 20%", 0), ("what if blk drops 10%", 1)],
)
def test_a_ticker_names_its_company_s_offer(said: str, meant: int) -> None:
    offers = ["roblox (san mateo): 220k base", "block (oakland): 205k base"]
    assert _offer_meant(offers, said) == offers[meant]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            "ok keeping that, say nvda tanks 30% by my first vest",
            "share price: $100 → $70 (30% lower)",
        ),
        ("what if the startup dropped me to 0.1%", None),  # a new figure, not a move of 0.1%
        ("what if it goes up 10%", None),  # "it" names no stock
    ],
)
def test_a_stock_move_said_of_the_company(change: str, said: str | None) -> None:
    changed = offer_with_change("nvidia: 200k base, 1,200 rsus, stock at $100 a share", change)
    assert (changed.said if changed else None) == said


def test_a_figure_of_no_part_far_from_the_base_is_not_the_base() -> None:
    offer = "172k base, 20k sign-on, 26k options, strike 1, preferred 4.4"
    assert offer_with_change(offer, "exercise cost for all 26k?") is None
    changed = offer_with_change(offer, "and 190k?")
    assert changed is not None and changed.said == "base: 172k → 190k"


def test_a_base_ceiling_beside_a_sign_on_question_is_no_sign_on_what_if(
    session: CoachSession,
) -> None:
    thread = "ceiling-not-what-if"
    _sign_on_thread(session, thread)
    turn = session.ask(thread, "A caps base at 180k. what sign on covers the rest")
    assert "base: 170k → 180k (the most they will pay)" in turn.text, turn.text[:300]
    assert "A sign-on of $149,000 in all" in turn.text


def test_an_offer_after_a_sentence_naming_it_takes_the_figure_as_its_base() -> None:
    reading = read_offer(
        "got an offer from a series b climate startup in portland. 164k, no bonus, 16k signing"
    )
    assert reading.value("base") == 164_000


def test_a_figure_far_into_its_own_sentence_is_still_asked_about() -> None:
    # The offer's word in the same long sentence, no sentence before it: asked, not assumed
    reading = read_offer(
        "Offer for Product Manager at Kopi Pay (fintech, Singapore office): $12,500 + 15% bonus."
    )
    assert reading.field("base") is None


@pytest.mark.parametrize(
    ("offer", "change"),
    [
        ("150k base, 0.5% equity at a series a startup", "what if the valuation drops 30%"),
        ("150k base, 2,000 options, strike $1, 409a $3", "what if the stock drops 30%"),
    ],
)
def test_a_stock_move_with_no_price_to_move_changes_no_count(offer: str, change: str) -> None:
    # No valuation, no share or preferred price: nothing a move prices, and the stake or
    # the count is never scaled in its place
    assert offer_with_change(offer, change) is None


def test_it_in_a_move_after_a_stock_move_is_the_stock(session: CoachSession) -> None:
    thread = "pronoun-move"
    session.ask(thread, "startup: 171k base, 40,000 options, strike 1.85, preferred price $4.30")
    session.ask(thread, "what if the share price drops 40% before my first vest")
    turn = session.ask(thread, "and if instead it goes up 25%")
    # Instead: on the offer as given, not on the fall; 4.30 x 1.25 = 5.375, never rounded
    # to 5.38 (40,000 x (5.375 - 1.85) = 141,000)
    assert "preferred price: $4.30 → $5.375 (25% higher)" in turn.text, turn.text[:300]
    assert "$141,000" in turn.text


def test_it_in_a_move_after_no_stock_move_names_no_stock(session: CoachSession) -> None:
    thread = "pronoun-no-move"
    session.ask(thread, "startup: 171k base, 40,000 options, strike 1.85, preferred price $4.30")
    session.ask(thread, "what if the base were 180k")
    turn = session.ask(thread, "and if instead it goes up 25%")
    # "it" after a base change is not the stock: nothing priced at a moved preferred price
    assert "$5.375" not in turn.text and "25% higher" not in turn.text


@pytest.mark.parametrize(
    ("said", "moved"),
    [
        ("preferred price: $4.30 → $2.58 (40% lower)", True),
        ("equity: $400k → 480k (20% higher)", True),
        ("sign-on: 60k → 30k", False),
        ("base: 171k → 180k; share price: $100 → $50 (50% lower)", True),
    ],
)
def test_a_change_line_says_whether_the_stock_moved(said: str, moved: bool) -> None:
    assert moved_the_stock(said) is moved


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("and if instead it goes up 25%", "and if instead the stock goes up 25%"),
        ("what if that tanks 50%", "what if the stock tanks 50%"),
        ("what if it were 190k", None),  # no move by a percent
        ("is it up to me", None),
    ],
)
def test_the_pronoun_a_move_is_said_of(change: str, named: str | None) -> None:
    assert stock_named(change, moved_before=True) == named


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("what if it tanks 50%, crypto be crypto", "what if the stock tanks 50%, crypto be crypto"),
        ("hm and if it rallies 30% instead", "hm and if the stock rallies 30% instead"),
        ("what if it goes up 10%", None),  # of the base? the bonus? not said
    ],
)
def test_a_market_s_move_is_the_stock_s_with_no_move_before(change: str, named: str | None) -> None:
    assert stock_named(change, moved_before=False) == named


def test_an_undo_and_a_move_in_two_sentences_change_what_they_change() -> None:
    offer = "meta menlo park: 230k base, 15% bonus, $400k rsus over 4 yrs, 60k sign on"
    changed = offer_with_change(
        offer, "nah put the sign on back to 60k. what if the share price climbs 20% instead"
    )
    # The sign-on is 60k in the offer as given: that sentence changes nothing; the move does
    assert changed is not None and changed.said == "equity: $400k → 480k (20% higher)"
    # Two sentences, two real changes: both placed
    both = offer_with_change(offer, "put base at 240k. and the sign on at 70k")
    assert both is not None and both.said == "base: 230k → 240k; sign-on: 60k → 70k"
    # A sentence that only restates the offer is no what-if
    assert offer_with_change(offer, "sign on is 60k. base is 230k.") is None


@pytest.mark.parametrize(
    ("asked", "later"),
    [
        ("and every yr after that?", True),
        ("what about years 2-4?", True),
        ("and after year one?", True),
        ("rest of the years?", True),
        ("how do i negotiate the years after that?", False),  # how to negotiate: advice
        ("what does the vesting look like after year one, and should i push on refreshers", False),
    ],
)
def test_the_years_after_the_first_asked_after_the_year_one_total(asked: str, later: bool) -> None:
    assert asks_later_years(asked, "yr1 tc?") is later
    assert not asks_later_years(asked, "how do refreshers work?")  # no total asked before


def test_the_later_years_lead_the_answer_after_the_year_one_total(session: CoachSession) -> None:
    thread = "later-years"
    session.ask(
        thread, "apple cupertino - 212k base, 10% bonus, $320k rsus over 4 yrs, 45k signing"
    )
    first = session.ask(thread, "yr1 tc?")
    turn = session.ask(thread, "and every yr after that?")
    # 212,000 + 21,200 + 80,000 = 313,200 in years 2-4; year one adds the 45k sign-on
    assert "$313,200 a year in years 2–4" in turn.text and "year one: $358,200" in turn.text
    assert turn.text != first.text


def test_a_changed_figure_of_seven_digits_is_written_in_full() -> None:
    # ":g" wrote 2,469,134 as "2.46913M", off by 4 once read back
    offer = "bigco: 250k base, $1,234,567 rsus over 4 years"
    changed = offer_with_change(offer, "what if they doubled the rsus")
    assert changed is not None
    assert read_offer(changed.text).field("equity.value").value == 2_469_134


def test_a_year_one_total_asked_pre_tax_is_the_offer_s_total_not_a_tax_question(
    session: CoachSession,
) -> None:
    thread = "pre-tax-year-one"
    session.ask(
        thread, "apple cupertino - 212k base, 10% bonus, $320k rsus over 4 yrs, 45k signing"
    )
    turn = session.ask(thread, "what do i actually make first year? pre tax is fine")
    assert "year 1: $358,200" in turn.text, turn.text[:300]
    later = session.ask(thread, "rest of the years?")
    assert "$313,200 a year in years 2–4" in later.text, later.text[:300]
    total = session.ask(thread, "so all 4 yrs together is what")
    assert "$1,297,800" in total.text, total.text[:300]


def test_an_undo_after_two_sentences_is_still_a_what_if(session: CoachSession) -> None:
    thread = "two-sentences-then-what-if"
    session.ask(
        thread,
        "seattle startup: 165k base, 20k sign on, 30,000 options, strike $1.10, preferred $5.50",
    )
    session.ask(thread, "what if they doubled the sign on")
    turn = session.ask(
        thread, "lol theyre not gonna. back to 20k sign on. what if the preferred goes up 20%"
    )
    # the offer as given with the preferred price at 6.60: no new offer with no base
    assert "preferred price: $5.50 → $6.60 (20% higher)" in turn.text, turn.text[:300]


@pytest.mark.parametrize(
    "asked", ["how can i tell whether thats generous", "is that a normal amount or too low?"]
)
def test_a_question_weighing_the_last_answer_s_part_gets_its_next_step(
    session: CoachSession, asked: str
) -> None:
    thread = f"weighs-{asked[:12]}"
    first = session.ask(thread, "the recruiter said my equity is 0.1% of the company, series b")
    turn = session.ask(thread, asked)
    # never off-topic, never the same answer again: how to value the grant
    assert "outside what I do" not in turn.text and turn.text != first.text
    assert "outstanding" in turn.text, turn.text[:300]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        # a later sentence of no what-if is no change (a reviewer's reproductions)
        ("what if the base was 190k? i'd still lose 20k in unvested rsus", "base: 180k → 190k"),
        ("what if the sign on was 30k. I make 170k now", "sign-on: 60k → 30k"),
        # "approx." ends no sentence
        (
            "what if rsus were approx. 250k and sign on 30k",
            "equity: 200k → 250k; sign-on: 60k → 30k",
        ),
    ],
)
def test_a_sentence_that_is_no_what_if_changes_nothing(change: str, said: str | None) -> None:
    offer = "I got an offer: base 180k, 15% bonus, 60k sign on, 200k rsus over 4 years"
    changed = offer_with_change(offer, change)
    assert changed is None or changed.said == said


@pytest.mark.parametrize(
    "asked",
    [
        "is the sign on clawed back after year 1?",
        "what if I quit after year 1?",
        "do i get refreshers in years 2-4?",
    ],
)
def test_a_question_of_what_happens_later_is_no_later_years_total(asked: str) -> None:
    assert not asks_later_years(asked, "yr1 tc?", "offer_score")


def test_a_change_s_effect_asked_is_no_stock_move() -> None:
    assert stock_named("what if base was 170k? would that drop my total by 5%?", True) is None
