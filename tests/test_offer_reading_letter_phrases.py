"""The ways offer letters write a term that the reader once got wrong (issue 20, item 1):
each as a class of wording, in words other than the letter corpus's, so a fix for one
letter is not a fix for the test."""

from __future__ import annotations

import pytest

from coach.money import find_amounts
from coach.offers.parse import read_offer

BASE = "Your base salary will be $180,000 per year. "


@pytest.mark.parametrize(
    "text",
    [
        "Should you quit before your start date, we will withdraw this offer.",
        "If you resign within 6 months of your start date, you will repay the signing bonus.",
        "Benefits begin on your first day of work, subject to enrolment.",
    ],
)
def test_words_of_a_sentence_after_start_date_are_no_date(text: str) -> None:
    reading = read_offer(BASE + text)
    assert reading.value("start_date") is None


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Your start date will be June 2.", "June 2"),
        ("Start date: asap", "asap"),
        ("Start date: the week of June 9.", "the week of June 9"),
        ("Start date: 9/15", "9/15"),
        (
            "If you resign within 6 months of your start date, you repay the bonus.\n"
            "Start date: March 1, 2027",
            "2027-03-01",
        ),
    ],
)
def test_a_start_date_written_as_a_date_is_read(text: str, when: str) -> None:
    assert read_offer(BASE + text).value("start_date") == when


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("If you voluntarily leave within 18 months of joining, you agree to repay it.", 18),
        (
            "Should you resign within 2 years of your start date, you will repay a pro-rated part.",
            24,
        ),
        ("If you quit within 12 months, you must pay back the sign-on bonus in full.", 12),
    ],
)
def test_a_clawback_written_condition_first_is_read(text: str, months: int) -> None:
    reading = read_offer(BASE + "Sign-on bonus: $25,000. " + text)
    assert reading.value("sign_on.clawback_months") == months
    assert reading.value("sign_on.amount") == 25_000


def test_a_relocation_repaid_is_no_sign_on_clawback() -> None:
    text = (
        BASE + "Relocation: $10,000. If you leave within 12 months of your start date, "
        "you must repay the relocation allowance."
    )
    assert read_offer(text).value("sign_on.clawback_months") is None


@pytest.mark.parametrize(
    "text",
    [
        "20% vests on the first anniversary of the grant date and the rest monthly over 4 years",
        "25% vesting on the 1st anniversary, then quarterly over 4 years",
    ],
)
def test_a_cliff_written_as_the_first_anniversary_is_read(text: str) -> None:
    reading = read_offer(BASE + "RSUs worth $200,000. " + text + ".")
    assert reading.value("vesting.cliff_months") == 12


@pytest.mark.parametrize(
    "parts",
    [
        "Sign-on bonus (first instalment): $20,000\nSign-on bonus (second instalment): $15,000\n",
        "First installment of the sign-on bonus: $20,000. Second sign-on installment: $15,000.",
    ],
)
def test_sign_on_instalments_are_added_and_said(parts: str) -> None:
    text = BASE + parts
    reading = read_offer(text)
    assert reading.value("sign_on.amount") == 35_000
    field = reading.field("sign_on.amount")
    assert field is not None and field.note is not None and "20,000 + 15,000" in field.note
    assert "20,000 + 15,000" in reading.what_i_read()
    assert not reading.questions


@pytest.mark.parametrize(
    "text",
    [
        "First installment of the sign-on bonus: $20,000. Second installment: $15,000.",
        "First-year sign-on bonus: $20,000.",
    ],
)
def test_one_named_payment_of_a_sign_on_is_asked_never_kept_as_the_whole(text: str) -> None:
    reading = read_offer(BASE + text)
    assert reading.value("sign_on.amount") is None
    assert reading.questions and reading.offer is None


def test_year_named_sign_on_payments_are_added() -> None:
    text = BASE + "Year 1 signing bonus: $30,000\nYear 2 signing bonus: $20,000\n"
    assert read_offer(text).value("sign_on.amount") == 50_000


def test_two_sign_on_amounts_that_disagree_are_asked_about() -> None:
    text = BASE + "Sign-on bonus: $30,000.\nThe sign-on bonus of $40,000 is paid on day one.\n"
    reading = read_offer(text)
    assert reading.value("sign_on.amount") is None
    assert any(q.path == "sign_on.amount" for q in reading.questions)
    assert reading.offer is None


def test_the_same_sign_on_said_twice_is_one_sign_on() -> None:
    text = BASE + "Sign-on bonus: $30,000.\nYour sign-on bonus of $30,000 is paid on day one.\n"
    reading = read_offer(text)
    assert reading.value("sign_on.amount") == 30_000
    assert not reading.questions


@pytest.mark.parametrize("text", ["London EC2M 7EA", "London W1K 7TN", "Unit B2K, Leeds"])
def test_a_figure_inside_a_word_is_no_money(text: str) -> None:
    assert find_amounts(text) == []
    reading = read_offer(f"Acme Ltd, {text}\n" + BASE)
    assert reading.value("base") == 180_000
    assert not [q for q in reading.questions if q.path.startswith("amount")]


@pytest.mark.parametrize(
    ("text", "value"), [("CHF120000", 120_000), ("USD185k", 185_000), ("$185k", 185_000)]
)
def test_a_currency_glued_to_its_figure_is_still_money(text: str, value: int) -> None:
    assert [a.value for a in find_amounts(text)] == [value]


@pytest.mark.parametrize(
    ("text", "days"),
    [("Holiday: 28 days including bank holidays", 28), ("Annual leave: 30 days", 30)],
)
def test_uk_holiday_written_label_first_is_read(text: str, days: int) -> None:
    assert read_offer(BASE + "\n" + text).value("pto_days") == days


def test_a_grant_value_stated_beside_shares_and_price_is_not_asked() -> None:
    text = (
        BASE + "You will be granted 2,000 RSUs at a price of $50.00 per share; "
        "the grant is worth about $100,000."
    )
    reading = read_offer(text)
    assert reading.value("equity.value") == 100_000
    assert not reading.questions
    assert any("$100,000" in a for a in reading.assumptions)


def test_a_different_bare_figure_beside_a_grant_is_still_asked() -> None:
    text = (
        BASE + "You will be granted 2,000 RSUs at a price of $50.00 per share; "
        "the grant is worth about $120,000."
    )
    reading = read_offer(text)
    assert any("$120,000" in q.text for q in reading.questions)
