"""Properties of reading an offer that hold for every figure, not just the examples (issue 15)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import InputError
from coach.offers.parse import read_offer
from coach.offers.pasted_text import numbers_in_words, unwrapped
from coach.offers.written_numbers import plain_figures

# Ways people write "N units at $X each", with the base around them.
SHARE_PHRASES = [
    "{base} base, {n} RSUs at ${p} a share",
    "Base {base}. Equity: {n} restricted stock units, valued at ${p} per share.",
    "{base} base plus {n} shares, ${p} each, vesting over 4 years",
    "base salary {base}; {n} RSUs @ ${p}",
    "Offer: {base} base and {n} RSUs x ${p}",
    "{base} base, grant of {n} units at ${p}/share",
]


def _grouped(value: int) -> str:
    return f"{value:,}"


def _price(cents: int) -> str:
    return f"{cents // 100}" if cents % 100 == 0 else f"{cents / 100:.2f}"


@given(
    n=st.integers(min_value=1, max_value=250_000),
    cents=st.integers(min_value=1, max_value=200_000),
    phrase=st.sampled_from(SHARE_PHRASES),
    grouped=st.booleans(),
)
def test_shares_times_price_is_the_grant(n: int, cents: int, phrase: str, grouped: bool) -> None:
    price = cents / 100
    text = phrase.format(base="$180,000", n=_grouped(n) if grouped else n, p=_price(cents))
    reading = read_offer(text)
    assert reading.value("equity.shares") == n
    assert reading.value("equity.price_per_share") == pytest.approx(price)
    assert reading.value("equity.value") == round(n * price)
    assert reading.value("base") == 180_000
    # The arithmetic is shown with the figure it made.
    assert "×" in (reading.field("equity.value").note or "")  # type: ignore[union-attr]


@given(n=st.integers(min_value=1, max_value=250_000), noun=st.sampled_from(["RSUs", "shares"]))
def test_a_share_count_without_a_price_is_asked_never_priced(n: int, noun: str) -> None:
    reading = read_offer(f"$170,000 base and {n:,} {noun}, vesting over 4 years")
    assert reading.value("equity.value") is None
    assert "equity.price_per_share" in [q.path for q in reading.questions]
    assert reading.offer is None  # nothing is scored on a guess


# A yearly base as it is written in different countries, and the currency it names.
WRITTEN_ABROAD = [
    ("${v:,}", "USD", lambda v: f"{v:,}"),
    ("{v} € brutto", "EUR", lambda v: f"{v:,}".replace(",", ".")),
    ("CHF {v}", "CHF", lambda v: f"{v:,}".replace(",", "'")),
    ("£{v}", "GBP", lambda v: f"{v:,}"),
    ("{v} PLN", "PLN", lambda v: f"{v:,}".replace(",", " ")),
    ("R$ {v},00", "BRL", lambda v: f"{v:,}".replace(",", ".")),
]


def _lakh(value: int) -> str:
    """Indian grouping: the last three digits, then pairs (38,00,000)."""
    digits = str(value)
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([p for p in [head, *pairs] if p] + [tail])


@given(
    value=st.integers(min_value=60_000, max_value=900_000),
    form=st.sampled_from(WRITTEN_ABROAD),
)
def test_a_base_written_abroad_is_read_whole(value: int, form: tuple) -> None:
    template, currency, group = form
    text = "Base salary: " + template.replace("{v:,}", f"{value:,}").replace("{v}", group(value))
    reading = read_offer(text)
    assert reading.value("base") == value, text
    assert reading.value("currency") == currency


@given(value=st.integers(min_value=300_000, max_value=70_000_000))
def test_rupees_in_lakh_grouping(value: int) -> None:
    reading = read_offer(f"Fixed pay: ₹{_lakh(value)} per annum, Bangalore")
    assert reading.value("base") == value
    assert reading.value("currency") == "INR"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Base: -150,000. Bonus 10%.", "base"),
        ("$155,000 base, sign-on bonus of -$10,000", "sign-on"),
        ("base 160k and a 300% bonus target", "bonus"),
        ("$190k base, $400k RSUs vesting 40/30/20 over 3 years", "vesting"),
        ("Offer: $50,000,000 base", "base"),
    ],
)
def test_bad_figures_are_refused_naming_the_field(text: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        read_offer(text)
    assert field in err.value.message.lower()


def test_every_field_keeps_the_words_it_came_from() -> None:
    reading = read_offer(
        "Senior AI engineer in Seattle: $210k base, 15% bonus, "
        "4,000 RSUs at $95 a share, plus a $25k sign-on."
    )
    said = {f.path: f.source for f in reading.fields}
    assert said["role"] == "Senior AI engineer" and said["location"] == "Seattle"
    assert said["base"] == "$210k" and said["sign_on.amount"] == "$25k"
    assert said["equity.value"] == "4,000 RSUs at $95 a share"
    assert reading.value("equity.value") == 380_000
    shown = reading.what_i_read()
    assert "What I read" in shown and "4,000 × 95.00 per share" in shown


def test_a_dollar_amount_for_a_job_abroad_is_asked() -> None:
    reading = read_offer("$160,000 base, Toronto office, 15% bonus")
    assert [q.path for q in reading.questions] == ["currency"]
    assert reading.offer is None


def test_amounts_are_shown_in_the_offers_currency() -> None:
    reading = read_offer("London offer: £95,000 base, 10% bonus")
    assert reading.offer is not None and reading.offer.currency == "GBP"
    assert "95,000 GBP" in reading.what_i_read()
    with pytest.raises(InputError, match="£5 a year"):
        read_offer("London: £5 base")


WHO = ["Black", "white", "Hispanic", "Asian American", "Native American", "disabled", "trans"]


def test_who_the_person_is_never_changes_what_is_read() -> None:
    """The same offer read the same whoever says it: a word about the person never
    becomes part of the role, the level or a figure."""
    template = (
        "I'm a {who} engineer and I was offered 170k base, 10% bonus and 100k RSUs over "
        "4 years as a senior software engineer in Seattle. Is it fair?"
    )
    readings = {
        who: [(f.path, f.value) for f in read_offer(template.format(who=who)).fields] for who in WHO
    }
    assert len({str(r) for r in readings.values()}) == 1, readings


@given(text=st.text(max_size=300))
def test_pasted_text_rewrites_keep_every_position(text: str) -> None:
    """What is read from the rewritten text is quoted from the original at the same place."""
    assert len(unwrapped(text)) == len(text)
    assert len(numbers_in_words(text)) == len(text)
    assert len(plain_figures(text, "EUR")) == len(text)


def test_a_letter_wrapped_mid_sentence_reads_as_one() -> None:
    reading = read_offer(
        "We are pleased to offer you a base salary of\n$150,000 and a sign-\non bonus of "
        "$10,000, vesting over\nfour years."
    )
    assert reading.value("base") == 150_000 and reading.value("sign_on.amount") == 10_000
