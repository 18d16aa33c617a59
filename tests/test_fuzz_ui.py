"""Bad-input fuzzing of the Offers and Practice tabs' handlers, without a browser.

What the tab shows on bad input is one "⚠️" sentence; any other exception would reach
Gradio as a generic error box, so it counts as a crash here.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import CoachError
from coach.ui import offers_tab
from coach.ui import practice_tab as pt
from coach.ui.offers_tab import FormOffer
from tests.fuzz import (
    FRAGMENTS,
    HUGE,
    NUMBERS,
    assert_no_leak,
    assert_plain,
    hostile_text,
    profile,
    returns_or_plain_error,
)

field = st.one_of(
    st.just(""),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(NUMBERS),
    hostile_text(max_parts=2),
)
forms = st.builds(
    FormOffer,
    company=field,
    role=st.one_of(field, st.sampled_from(["ML engineer", "data scientist"])),
    level=st.one_of(field, st.sampled_from(["senior", "L5"])),
    location=st.one_of(field, st.sampled_from(["Seattle", "remote"])),
    base=st.one_of(field, st.sampled_from(["185k", "$150,000", "200000"])),
    bonus_pct=st.one_of(field, st.sampled_from(["15", "15%", "nan", "-3"])),
    grant_value=st.one_of(field, st.sampled_from(["400k", "1e9", "400K over 4 years"])),
    sign_on=st.one_of(field, st.sampled_from(["20k", "0"])),
    shares=st.one_of(field, st.sampled_from(["2,000", "1.5k", "-5"])),
    price=st.one_of(field, st.sampled_from(["$87.50", "0.75", "$0"])),
    company_is=st.sampled_from(["public", "private", "", "maybe"]),
    vesting=st.one_of(field, st.sampled_from(["4 years, 1 year cliff, monthly", "5/15/40/40"])),
    cliff=st.one_of(field, st.sampled_from(["12 months", "none", "1 yr"])),
)
pasted = st.one_of(
    st.just(""),
    hostile_text(max_parts=6),
    st.lists(hostile_text(max_parts=4), max_size=7).map("\n---\n".join),
    st.sampled_from(["---", "\n---\n---\n", offers_tab.PLACEHOLDER]),
)


def check_report(check: offers_tab.OfferCheck) -> None:
    if check.markdown.startswith("⚠️"):
        assert_plain(check.markdown.removeprefix("⚠️").strip())
        assert check.charts == [] and check.comparison_chart is None
    else:
        assert_no_leak(check.markdown)


@profile(80)
@given(forms, pasted, field, field)
def test_offers_tab_scores_or_says_why(
    form: FormOffer, text: str, current: str, floor: str
) -> None:
    check_report(offers_tab.safe_check(form, text, current, floor))


@pytest.mark.parametrize("name", list(HUGE))
def test_offers_tab_on_huge_input(name: str) -> None:
    text = HUGE[name]
    check_report(offers_tab.safe_check(FormOffer(base=text), "", "", ""))
    check_report(offers_tab.safe_check(FormOffer(), text, text, text))
    check_report(offers_tab.safe_check(FormOffer(base="185k", company=text, role=text), "", "", ""))


# -- the Practice tab ----------------------------------------------------------------------

seeds = st.one_of(
    st.none(),
    st.integers(-5, 10**6).map(float),
    st.floats(),  # nan and inf as a gr.Number could send them
    st.sampled_from([0.0, 0.5, 7.0, 1e300]),
)
setups = st.builds(
    pt.Setup,
    role=st.one_of(st.just(""), st.sampled_from(["ML engineer", "data scientist"]), field),
    level=st.one_of(st.just(""), st.sampled_from(["senior", "L5"]), field),
    location=st.one_of(st.just(""), st.sampled_from(["Seattle", "remote"]), field),
    employer_type=st.one_of(st.sampled_from(pt.EMPLOYER_TYPES), field),
    toughness=st.one_of(st.sampled_from(pt.TOUGHNESS), field),
    seed=seeds,
    offer_text=st.one_of(st.just(""), field, st.just("185k base, senior ML engineer in Austin")),
)
turn_numbers = st.one_of(st.none(), st.floats(), st.integers(-3, 8).map(float))


@profile(40)
@given(setups, st.lists(hostile_text(max_parts=4), max_size=4), turn_numbers)
def test_practice_tab_handlers(
    tmp_path_factory: pytest.TempPathFactory, setup: pt.Setup, texts: list[str], number: float
) -> None:
    call = returns_or_plain_error(pt.start, setup)
    for text in texts:
        call = returns_or_plain_error(pt.play, call, text) or call
    if call is not None:
        assert_no_leak(pt.brief_markdown(call))
        assert_no_leak(pt.hints_of(call))
        for message in pt.chat_of(call):
            assert isinstance(message["content"], str)
    replayed = returns_or_plain_error(pt.replay, call, number)
    if replayed is not None:
        assert len(replayed.turns) == int(number) - 1
    for handler in (pt.export, pt.end):
        shown = returns_or_plain_error(handler, call)
        if shown is not None:
            assert_no_leak(shown)
    if call is not None:
        store = pt.PracticeStore(tmp_path_factory.mktemp("practice"))
        store.save(texts[0] if texts else "", call)
        assert store.load(texts[0] if texts else "") is not None


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, 1e300, -0.0, 2.5])
def test_replay_with_any_number_from_the_box(number: float) -> None:
    call = pt.start(pt.Setup(role="ML engineer", seed=3))
    call = pt.play(call, "My target range is 190k to 220k, based on market data.")
    returns_or_plain_error(pt.replay, call, number)


@pytest.mark.parametrize("seed", [math.nan, math.inf, -math.inf, 1e300, -1.0])
def test_start_with_any_seed_from_the_box(seed: float) -> None:
    returns_or_plain_error(pt.start, pt.Setup(role="ML engineer", seed=seed))


@pytest.mark.parametrize("name", ["", "garbage", "[" * 5_000, "null", '{"version": 1}'])
def test_a_corrupt_saved_call_is_a_plain_error(tmp_path: Path, name: str) -> None:
    store = pt.PracticeStore(tmp_path)
    store.folder.mkdir(parents=True)
    store._path("t").write_text(name, encoding="utf-8")
    with pytest.raises(CoachError) as err:
        store.load("t")
    assert_plain(err.value.message)
    assert pt.plain(err.value) == err.value.message
