"""Trade-off questions: read as questions, not offers, and priced side by side.

The fresh corpus's trade-off questions (written blind, tests/corpora/fresh/offers.yaml)
must each be recognised as not-an-offer and answered by compare_tradeoff through the
offline coach; none of its offers may be taken for a trade-off question.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from coach import citations as cite
from coach.config import Settings
from coach.contracts import ToolName, TradeoffResult, parse_result
from coach.errors import InputError
from coach.offers.tradeoff import (
    Kind,
    compare_tradeoff,
    question_from_options,
    tradeoff_question,
)
from coach.offers.tradeoff_read import Component, Side, TradeoffQuestion, completes
from coach.session import CoachSession
from coach.tools import compare_tradeoff_tool
from coach.understanding import read_slots, states_an_offer
from tests.conftest import REPO

CORPUS = yaml.safe_load(
    (REPO / "tests" / "corpora" / "fresh" / "offers.yaml").read_text(encoding="utf-8")
)
TRADEOFFS = [c for c in CORPUS if c["category"] == "tradeoff_question"]
OFFERS = [c for c in CORPUS if c["expect"].get("is_offer")]


def _case_id(case: dict[str, Any]) -> str:
    return str(case["id"])


def test_the_corpus_has_its_trade_off_questions() -> None:
    assert len(TRADEOFFS) == 11 and len(OFFERS) >= 80


# -- recognised: a question, not an offer --------------------------------------------------
@pytest.mark.parametrize("case", TRADEOFFS, ids=_case_id)
def test_a_trade_off_question_is_not_an_offer(case: dict[str, Any]) -> None:
    text = case["text"]
    assert tradeoff_question(text) is not None
    assert not states_an_offer(text, read_slots(text))


@pytest.mark.parametrize("case", OFFERS, ids=_case_id)
def test_no_offer_is_taken_for_a_trade_off_question(case: dict[str, Any]) -> None:
    assert tradeoff_question(case["text"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "I got two offers. Offer A: 180k base, 200k RSUs. Offer B: 165k base, 25k sign-on. "
        "Which is better?",
        "which offer is better, A at 180k base or B at 170k base with more equity",
        "Can I negotiate a later start date or more vacation?",
        "Should I negotiate now or wait for it in writing?",
        "What's better, more equity or a higher base?",  # no figure: advice, not arithmetic
        # Two packages, each with a base and a grant of its own: two offers to compare.
        "Which pays better overall: 165k base with 400k in RSUs over 4 years and a 25k "
        "sign-on, or 180k base with 200k in RSUs over 4 years?",
        "Offer: 150k base, 10% bonus, 20k sign-on. Is that good or should I push?",
    ],
)
def test_what_is_not_a_trade_off(text: str) -> None:
    assert tradeoff_question(text) is None


# -- the comparison, case by case ----------------------------------------------------------
def _compared(text: str, **kwargs: Any) -> Any:
    question = tradeoff_question(text)
    assert question is not None
    return compare_tradeoff(question, **kwargs)


def test_the_stated_offer_is_used_and_the_extra_base_raises_the_bonus() -> None:
    t = _compared(
        "I have 180k base, 15% bonus, $25k sign-on in Seattle. The recruiter says I can "
        "swap the sign-on for +12k base instead. Which should I pick?"
    )
    keep, swap = t.sides
    assert t.basis == "the whole package"
    assert [line.by_year[0] for line in keep.lines] == [180_000, 27_000, 25_000]
    assert [line.by_year[0] for line in swap.lines] == [192_000, 28_800]  # no sign-on
    assert (keep.first_year, keep.four_year_total) == (232_000, 853_000)
    assert (swap.first_year, swap.four_year_total) == (220_800, 883_200)
    assert (t.leader_first_year, t.leader_four_years) == ("A", "B")
    assert t.lead_four_years == 30_200
    assert any("month 22" in f for f in t.findings)  # 25,000 / (13,800 / 12) = 21.7
    assert "15% bonus" in t.compounding and "clawback" in t.clawback
    assert cite.SIGN_ON_CLAWBACK in t.citations and cite.DECISION_RULE in t.citations


def test_a_hypothetical_uses_the_stated_base_and_reads_it_aloud() -> None:
    t = _compared(
        "Would a 20% target bonus beat a base that's 5% higher? Base would be around 150 "
        "either way."
    )
    bonus, higher = t.sides
    assert (bonus.first_year, higher.first_year) == (180_000, 157_500)
    assert any("25% of target" in f for f in t.findings)  # 7,500 / 30,000
    assert any("'150' base read as 150,000" in r for r in t.read)
    assert not t.asks


def test_what_is_missing_is_asked_for_with_the_figure_at_which_the_sides_tie() -> None:
    t = _compared("They said they can do a 10% bonus OR bump base by 8k. Which one's better?")
    bonus, base = t.sides
    assert bonus.first_year is None and bonus.four_year_total is None
    assert base.four_year_total == 32_000
    assert any("base salary" in ask for ask in t.asks)
    assert t.leader_four_years is None
    assert any("$80,000" in f for f in t.findings)  # 8,000 / 10%
    shares = _compared("Is 2,000 more RSUs worth giving up $15,000 of base salary?")
    assert shares.asks == ["the price per share of the RSUs"]
    assert any("$30 a share" in f for f in shares.findings)  # 60,000 / 2,000


def test_equity_at_a_valuation_vests_over_four_years_with_the_private_haircut_said() -> None:
    t = _compared(
        "Series B startup asked me to choose: 0.3% equity with $20k less base, or 0.2% "
        "with the full base. The valuation is $60M. Thoughts?"
    )
    more, full = t.sides
    assert more.four_year_total == 180_000 - 80_000 and full.four_year_total == 120_000
    assert more.by_year == [25_000] * 4
    assert any("haircut" in n for n in t.notes) and cite.EQUITY in t.citations


def test_a_package_comparison_in_shorthand_ties_over_four_years() -> None:
    t = _compared(
        "base 160 + 0 sign on vs base 150 + 40 sign on — which is the better deal over 4 yrs?"
    )
    assert [s.four_year_total for s in t.sides] == [640_000, 640_000]
    assert t.leader_four_years == "tie" and t.leader_first_year == "B"


def test_the_users_raise_compounds_the_base_side() -> None:
    flat = _compared("Would you take a one-time $30k sign-on or $10k more base?")
    assert flat.sides[1].by_year == [10_000] * 4 and flat.raise_percent == 0
    assert "No yearly raise is assumed" in flat.raise_basis
    grown = _compared("Would you take a one-time $30k sign-on or $10k more base? I get 5% raises.")
    assert grown.sides[1].by_year == [10_000, 10_500, 11_025, 11_576]
    assert "as you gave them" in grown.raise_basis


def test_a_later_start_is_time_priced_in_weeks_of_pay_when_the_base_is_known() -> None:
    t = _compared(
        "Should I give up the $15,000 relocation package if they let me start two months later?"
    )
    assert t.sides[1].four_year_total == 0 and cite.START_AND_PTO in t.citations
    assert any("base salary" in ask for ask in t.asks)
    known = _compared(
        "Should I give up the $15,000 relocation package if they let me start two months later?",
        base=156_000,
    )
    assert any("5.0 weeks of your base pay" in f for f in known.findings)  # 15,000 / 3,000
    assert any("$26,000 of base" in f for f in known.findings)  # 156,000 * 2 / 12


def test_pounds_stay_pounds() -> None:
    t = _compared(
        "London role - would you rather have a £10k golden hello or £5k more on the salary?"
    )
    assert t.currency == "GBP"
    assert [s.four_year_total for s in t.sides] == [10_000, 20_000]


def test_a_bad_override_is_one_sentence_naming_the_field() -> None:
    question = tradeoff_question("Would you take a one-time $30k sign-on or $10k more base?")
    assert question is not None
    for kwargs, field in (
        ({"base": 5}, "base"),
        ({"raise_percent": 80.0}, "raise_percent"),
        ({"bonus_percent": -1.0}, "bonus_percent"),
        ({"clawback_months": 99}, "clawback_months"),
    ):
        with pytest.raises(InputError) as err:
            compare_tradeoff(question, **kwargs)
        assert err.value.message.startswith(field) and "\n" not in err.value.message


def test_the_sides_can_be_given_apart() -> None:
    q = question_from_options("$25k sign-on", "+12k base")
    t = compare_tradeoff(q, base=180_000, bonus_percent=15)
    assert [s.four_year_total for s in t.sides] == [853_000, 883_200]
    with pytest.raises(InputError, match="option_a"):
        question_from_options("a nice team", "+12k base")


@pytest.mark.parametrize(
    ("reply", "answers"),
    [
        ("my base is 140k", True),
        ("raises are usually 3%", True),
        ("I get 4% raises", True),
        ("thanks!", False),
        ("What does a senior ML engineer in Seattle make?", False),
    ],
)
def test_a_reply_completes_a_trade_off_only_with_a_figure_it_lacked(
    reply: str, answers: bool
) -> None:
    question = "They said they can do a 10% bonus OR bump base by 8k. Which one's better?"
    assert completes(question, reply) is answers


def test_a_price_given_later_values_the_shares() -> None:
    t = _compared("Is 2,000 more RSUs worth giving up $15,000 of base salary? They're $40 a share.")
    shares, base = t.sides
    assert shares.four_year_total == 80_000 and base.four_year_total == 60_000
    assert shares.by_year == [20_000] * 4 and not t.asks


# -- the property: each side is the sum of its parts -------------------------------------
_amount = st.integers(min_value=0, max_value=500_000)
_component = st.one_of(
    st.builds(Component, kind=st.just(Kind.SIGN_ON), amount=_amount),
    st.builds(Component, kind=st.just(Kind.RELOCATION), amount=_amount),
    st.builds(
        Component,
        kind=st.just(Kind.BASE),
        amount=st.integers(min_value=-100_000, max_value=100_000),
        delta=st.just(True),
    ),
    st.builds(Component, kind=st.just(Kind.BASE), percent=st.floats(-30, 30), delta=st.just(True)),
    st.builds(Component, kind=st.just(Kind.BASE), amount=st.integers(20_000, 900_000)),
    st.builds(Component, kind=st.just(Kind.BONUS), percent=st.floats(0, 100)),
    st.builds(Component, kind=st.just(Kind.BONUS), amount=_amount),
    st.builds(Component, kind=st.just(Kind.EQUITY), amount=st.integers(0, 5_000_000)),
    st.builds(Component, kind=st.just(Kind.EQUITY), shares=st.floats(1, 100_000)),
    st.builds(Component, kind=st.just(Kind.EQUITY), percent=st.floats(0.01, 5)),
    st.builds(Component, kind=st.just(Kind.START), months=st.one_of(st.none(), st.floats(0, 6))),
)


def _side(parts: list[Component]) -> Side:
    unique = {p.kind: p for p in parts}
    return Side("side", tuple(unique.values()))


@given(
    a=st.lists(_component, min_size=1, max_size=4),
    b=st.lists(_component, min_size=1, max_size=4),
    context=st.lists(_component, max_size=3),
    base=st.one_of(st.none(), st.integers(20_000, 900_000)),
    raise_percent=st.one_of(st.none(), st.floats(0, 20)),
    price=st.one_of(st.none(), st.floats(0.01, 1_000)),
    valuation=st.one_of(st.none(), st.integers(1_000_000, 10_000_000_000)),
    exchange=st.booleans(),
)
def test_each_side_sums_to_its_parts(
    a: list[Component],
    b: list[Component],
    context: list[Component],
    base: int | None,
    raise_percent: float | None,
    price: float | None,
    valuation: int | None,
    exchange: bool,
) -> None:
    question = TradeoffQuestion(
        text="",
        sides=(_side(a), _side(b)),
        context=tuple({c.kind: c for c in context}.values()),
        exchange=exchange,
        price_per_share=price,
        valuation=valuation,
    )
    t = compare_tradeoff(question, base=base, raise_percent=raise_percent)
    for side in t.sides:
        assert all(len(line.by_year) == 4 for line in side.lines)
        assert side.by_year == [sum(line.by_year[y] for line in side.lines) for y in range(4)]
        if side.unpriced:
            assert side.first_year is None and side.four_year_total is None
        else:
            assert side.first_year == sum(line.by_year[0] for line in side.lines)
            assert side.four_year_total == sum(line.total for line in side.lines)
        for line in side.lines:
            if line.one_time:
                assert line.by_year[1:] == [0, 0, 0]
    a_total, b_total = (s.four_year_total for s in t.sides)
    if a_total is not None and b_total is not None:
        assert t.lead_four_years == abs(a_total - b_total)


# -- the tool and the offline coach --------------------------------------------------------
def test_the_tool_declares_every_figure_its_answer_states() -> None:
    tool = compare_tradeoff_tool()
    text = TRADEOFFS[4]["text"]
    message = tool.invoke(
        {"type": "tool_call", "id": "1", "name": tool.name, "args": {"question": text}}
    )
    result = parse_result(ToolName.COMPARE_TRADEOFF, message.artifact)
    assert isinstance(result, TradeoffResult)
    from coach.money import find_amounts

    # As the numbers guard checks it: declared by the tool, or typed by the user.
    stated = {a.value for a in find_amounts(result.markdown()) if a.explicit}
    typed = {a.value for a in find_amounts(text)}
    assert stated - typed <= result.figures()
    assert 13_800 in result.figures()  # the first year's extra base and bonus
    assert result.summary() == "trade-off: B leads over 4 years"


def test_the_tool_says_in_one_sentence_when_there_is_no_trade_off() -> None:
    tool = compare_tradeoff_tool()
    message = tool.invoke(
        {"type": "tool_call", "id": "1", "name": tool.name, "args": {"question": "hello"}}
    )
    result = parse_result(ToolName.COMPARE_TRADEOFF, message.artifact)
    assert result is not None and result.error and result.error.startswith("question:")


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


@pytest.mark.parametrize("case", TRADEOFFS, ids=_case_id)
def test_the_offline_coach_answers_with_the_trade_off_tool(
    session: CoachSession, case: dict[str, Any]
) -> None:
    turn = session.ask(f"tradeoff-{case['id']}", case["text"])
    names = [step.name for step in turn.tool_steps]
    assert ToolName.COMPARE_TRADEOFF in names, turn.text
    assert ToolName.SCORE_OFFER not in names and ToolName.DRAFT_COUNTER not in names
    assert "trade-off question, not an offer" in turn.answer
    assert not turn.unverified, turn.text


def test_an_answer_to_what_the_trade_off_asked_completes_it(session: CoachSession) -> None:
    thread = "tradeoff-follow-up"
    first = session.ask(
        thread,
        "They said they can do a 10% bonus OR bump base by 8k. Which one's better long term?",
    )
    assert "base salary" in first.answer
    second = session.ask(thread, "my base is 140k")
    names = [step.name for step in second.tool_steps]
    assert ToolName.COMPARE_TRADEOFF in names, second.text
    assert "$14,000" in second.answer and not second.unverified  # 10% of 140,000
