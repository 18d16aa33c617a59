"""Bad-input fuzzing of the money parser and the offer math: no crash, only plain errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import InputError
from coach.money import find_amounts, find_range, format_usd, parse_amount
from coach.offers import (
    Offer,
    assess_offer,
    compare_offers,
    compute_totals,
    load_offer,
    offer_from_data,
    parse_offer,
)
from coach.offers.compare import comparison_chart, offer_chart
from coach.offers.report import comparison_markdown, score_markdown
from tests.fuzz import (
    HUGE,
    NUMBERS,
    assert_no_leak,
    assert_plain,
    hostile_text,
    profile,
    returns_or_plain_error,
)

# -- coach.money -----------------------------------------------------------------------


@profile(300)
@given(hostile_text())
def test_find_amounts_and_ranges_never_fail(text: str) -> None:
    for amount in find_amounts(text):
        # What is reported is what is written there, and it prints.
        assert text[amount.start : amount.end] == amount.text
        assert amount.value >= 0
        assert format_usd(amount.value).startswith("$")
    found = find_range(text)
    if found is not None:
        assert 0 < found.low.value <= found.high.value


@profile(300)
@given(st.one_of(hostile_text(max_parts=2), st.sampled_from(NUMBERS)))
def test_parse_amount_is_a_number_or_a_plain_error(text: str) -> None:
    value = returns_or_plain_error(parse_amount, text)
    if value is not None:
        assert value >= 0
        assert format_usd(value).startswith("$")


@pytest.mark.parametrize("name", list(HUGE))
def test_money_on_huge_text(name: str) -> None:
    text = HUGE[name]
    find_amounts(text)
    find_range(text)
    returns_or_plain_error(parse_amount, text)


def test_a_number_too_large_to_be_pay_is_not_money() -> None:
    # Found by fuzzing: "9" * 500 + "k" became a 503-digit int that crashed formatting
    # (OverflowError) and, past 4,300 digits, even str() (ValueError).
    assert find_amounts("9" * 500 + "k base, 20k sign-on")[0].value == 20_000
    assert find_range("9" * 30 + "-" + "9" * 31 + "k") is None
    with pytest.raises(InputError, match="too large"):
        parse_amount("9" * 500 + "k")
    assert parse_amount("1,000,000,000,000,000") == 10**15
    assert format_usd(10**400) == "$10" + ",000" * 133  # exact, where a float overflows


def test_quoted_input_in_an_error_stays_one_short_line() -> None:
    with pytest.raises(InputError) as err:
        parse_amount("12\n\u202eabc" + "x" * 500)
    assert_plain(err.value.message)
    assert len(err.value.message) < 150


# -- parse_offer -----------------------------------------------------------------------


def _check_result(result: object) -> None:
    if result is None:
        return
    offer = result.offer  # type: ignore[attr-defined]
    assert isinstance(offer, Offer)
    totals = compute_totals(offer)
    assert totals.four_year_total >= 0
    assert_no_leak(score_markdown(assess_offer(offer)))
    for line in (*result.unparsed, *result.assumptions):  # type: ignore[attr-defined]
        assert_no_leak(line)


@profile(300)
@given(hostile_text(max_parts=8))
def test_parse_offer_reads_or_says_why(text: str) -> None:
    _check_result(returns_or_plain_error(parse_offer, text))


@pytest.mark.parametrize("name", list(HUGE))
def test_parse_offer_on_huge_text(name: str) -> None:
    _check_result(returns_or_plain_error(parse_offer, HUGE[name]))


# -- offer_from_data: random mappings, the shapes JSON and YAML can hold -----------------

FIELDS = [
    *Offer.model_fields,
    "base_salary",
    "salary",
    "sign_on_bonus",
    "signing_bonus",
    "refreshers",
    "pto",
    "title",
    "employer",
    "Base Salary",
    "sign-on",
    "",
    "💰",
    "kind",
]
PART_FIELDS = [
    "kind",
    "value",
    "private",
    "count",
    "strike",
    "preferred_price",
    "fmv_409a",
    "percent",
    "valuation",
    "target_percent",
    "target_amount",
    "payout_percent",
    "years",
    "cliff_months",
    "frequency",
    "percents",
    "annual_value",
    "first_year",
    "amount",
    "clawback_months",
]
KINDS = ["rsu", "options", "percent", "standard", "back_loaded", "custom", "monthly", "x"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),  # NaN, inf and -0.0 included
    st.floats(min_value=1, max_value=1e7),
    st.sampled_from(KINDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(["185k", "15%", "$20,000", "2026-07-01", "July 1", "25/25/25/25", "ai lab"]),
    hostile_text(max_parts=2),
)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    # A named function: hypothesis can't always read a multi-line lambda's source.
    keys = st.one_of(st.sampled_from(PART_FIELDS), st.text(max_size=5))
    return st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner))


junk = st.recursive(scalars, _nested, max_leaves=12)
part = st.dictionaries(st.sampled_from(PART_FIELDS), junk, max_size=5)
offer_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=8), st.integers(), st.booleans()),
    st.one_of(junk, part),
    max_size=8,
)
with_base = st.tuples(offer_data, st.one_of(scalars, st.integers(10_000, 5_000_000))).map(
    lambda pair: {**pair[0], "base": pair[1]}
)


@profile(400)
@given(st.one_of(offer_data, with_base, junk))
def test_offer_from_data_reads_or_says_why(data: object) -> None:
    _check_result(returns_or_plain_error(offer_from_data, data))  # type: ignore[arg-type]


# -- load_offer: files with random contents ---------------------------------------------


def _dump(data: object, suffix: str) -> str:
    try:
        if suffix == ".json":
            return json.dumps(data)
        return yaml.safe_dump(data, allow_unicode=True)
    except (TypeError, ValueError, yaml.YAMLError):
        return str(data)


file_contents = st.one_of(
    hostile_text(max_parts=6),
    st.tuples(st.one_of(offer_data, with_base), st.just(True)),
    st.sampled_from(
        [
            "- " * 5_000,
            '{"base": ' + "9" * 5_000 + "}",
            "base: " + "9" * 5_000,
            "base: 185000\nstart_date: 2026-13-45",
            "base: 185000\nstart_date: 2026-02-30",
            "a: &a [*a, *a]\nbase: *a",
            "base: !!float nope",
            "base: !!int 0xZZ",
            "base: !!binary '%%%'",
            "base: !!timestamp nonsense",
            "!!python/object/apply:os.system ['true']",
            "base: 185000\n\tbad: indent",
            '{"base": NaN, "bonus": Infinity}',
            '{"base": 1e400}',
            "\ufeffbase: 185000",
            "base: 185000\nvesting: {kind: custom, percents: [.nan, .nan, .nan, .nan]}\n"
            "equity: 100000",
        ]
    ),
)


@profile(250)
@given(file_contents, st.sampled_from([".json", ".yaml", ".yml", ".txt"]))
def test_load_offer_reads_any_file_or_says_why(
    tmp_path_factory: pytest.TempPathFactory, content: object, suffix: str
) -> None:
    if isinstance(content, tuple):
        content = _dump(content[0], suffix)
    path = tmp_path_factory.mktemp("offer") / f"offer{suffix}"
    path.write_text(str(content), encoding="utf-8")
    _check_result(returns_or_plain_error(load_offer, path))
    _check_result(returns_or_plain_error(load_offer, str(path)))


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("opening", ["[", "{", "a: "])
def test_load_offer_on_deep_nesting(tmp_path: Path, opening: str, suffix: str) -> None:
    # Nesting deeper than Python's recursion limit: once each, as PyYAML takes ~1 s on it.
    path = tmp_path / f"offer{suffix}"
    path.write_text(opening * 5_000, encoding="utf-8")
    returns_or_plain_error(load_offer, path)


def test_load_offer_on_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "offer.yaml"
    binary.write_bytes(b"\xff\xfe\x00base: 1")
    returns_or_plain_error(load_offer, binary)
    for source in ("missing.json", "dir/../../x.yaml", "\x00.json", "a" * 5_000 + ".txt"):
        returns_or_plain_error(load_offer, source)
    returns_or_plain_error(load_offer, tmp_path)  # a directory


# -- assess, totals, compare on valid-ish offers -----------------------------------------

ROLES = [
    None,
    "machine learning engineer",
    "ML engineer",
    "data scientist",
    "software engineer",
    "senior ML engineer",
    "chief vibes officer",
    "",
    "\u202eengineer",
    "👩‍💻",
]
LEVELS = [None, "senior", "L5", "E6", "staff", "entry", "L99", "🙂", "\x00"]
PLACES = [None, "Seattle", "SF", "New York", "remote", "Germany", "Atlantis", "", "\u202dNYC"]
EMPLOYERS = [None, "ai lab", "big tech", "ai-native scale-up", "other"]
money = st.one_of(st.integers(0, 60_000_000), st.sampled_from(["185k", "$20,000", "1.2M"]))
percent = st.floats(0, 250, allow_nan=False)
equity = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"kind": st.just("rsu"), "value": money}, optional={"private": st.booleans()}
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("options"),
            "count": st.floats(1, 1e9),
            "strike": st.floats(0, 1000),
        },
        optional={"preferred_price": st.floats(0, 1000), "fmv_409a": st.floats(0, 1000)},
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("percent"),
            "percent": st.floats(0, 101),
            "valuation": st.integers(0, 10**14),
        }
    ),
)
vesting = st.one_of(
    st.none(),
    st.sampled_from(["standard", "back_loaded", "25/25/25/25", "10/20/30/40", "33/33/34"]),
    st.fixed_dictionaries(
        {},
        optional={
            "years": st.integers(0, 11),
            "cliff_months": st.integers(-1, 130),
            "frequency": st.sampled_from(["monthly", "quarterly", "annual"]),
        },
    ),
)
validish = st.fixed_dictionaries(
    {"base": st.one_of(st.integers(5_000, 6_000_000), st.sampled_from(["185k", "$150,000"]))},
    optional={
        "company": st.one_of(st.text(max_size=12), st.sampled_from(["Acme $5", "a$\\frac$b"])),
        "role": st.sampled_from(ROLES),
        "level": st.sampled_from(LEVELS),
        "location": st.sampled_from(PLACES),
        "employer_type": st.sampled_from(EMPLOYERS),
        "bonus": st.one_of(
            percent,
            st.fixed_dictionaries({"target_amount": money}, optional={"payout_percent": percent}),
        ),
        "equity": equity,
        "vesting": vesting,
        "refresher": st.one_of(
            money, st.fixed_dictionaries({"annual_value": money, "first_year": st.integers(0, 5)})
        ),
        "sign_on": st.one_of(
            money,
            st.fixed_dictionaries({"amount": money, "clawback_months": st.integers(-1, 61)}),
        ),
        "relocation": money,
        "pto_days": st.one_of(st.floats(0, 400, allow_nan=False), st.just("nan")),
        "remote": st.sampled_from(["remote", "hybrid", "onsite"]),
        "start_date": st.dates().map(str),
    },
)


def _offer(data: dict) -> Offer | None:
    result = returns_or_plain_error(
        offer_from_data, {k: v for k, v in data.items() if v is not None}
    )
    return result.offer if result is not None else None


@profile(200)
@given(
    validish,
    st.one_of(st.none(), st.integers(0, 10**7)),
    st.one_of(st.none(), st.integers(0, 10**7)),
    st.floats(-0.5, 1.5, allow_nan=False),
)
def test_assess_offer_on_random_offers(
    data: dict, current: int | None, floor: int | None, haircut: float
) -> None:
    offer = _offer(data)
    if offer is None:
        return
    report = returns_or_plain_error(
        assess_offer, offer, current_base=current, floor=floor, haircut=haircut
    )
    if report is None:
        return
    assert report.score.score is None or 0 <= report.score.score <= 100
    assert report.totals.four_year_total == sum(report.totals.total_by_year)
    assert_no_leak(score_markdown(report))


@profile(60)
@given(st.lists(validish, min_size=0, max_size=6), st.floats(0, 1))
def test_compare_offers_on_random_offers(datas: list[dict], haircut: float) -> None:
    offers = [o for o in map(_offer, datas) if o is not None]
    comparison = returns_or_plain_error(compare_offers, offers, haircut=haircut)
    if comparison is None:
        return
    assert comparison.leader in comparison.names
    assert_no_leak(comparison_markdown(comparison))


@profile(10)
@given(st.lists(validish, min_size=2, max_size=3))
def test_charts_render_whatever_the_company_name(datas: list[dict]) -> None:
    # Names reach matplotlib titles and legends, where "$...$" is math markup: drawing
    # must still work (the UI draws every chart it is given).
    offers = [o for o in map(_offer, datas) if o is not None]
    if len(offers) < 2:
        return
    comparison = compare_offers(offers)
    comparison_chart(comparison).canvas.draw()  # type: ignore[attr-defined]
    name = comparison.names[0]
    offer_chart(name, comparison.totals[0]).canvas.draw()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["a$\\frac$b", "Acme $5 and $6", "$$", "$\\alpha^$", "50% $"])
def test_offer_chart_draws_any_company_name(name: str) -> None:
    offer = offer_from_data({"base": 185_000, "company": name}).offer
    other = offer_from_data({"base": 175_000, "company": "Beta"}).offer
    assert offer is not None and other is not None
    offer_chart(name, compute_totals(offer)).canvas.draw()  # type: ignore[attr-defined]
    comparison_chart(compare_offers([offer, other])).canvas.draw()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [math.nan, math.inf, -math.inf, 10**400, -(10**400), 10**5_000, "nan", "inf", "-0"],
    ids=["nan", "inf", "-inf", "1e400", "-1e400", "1e5000", "'nan'", "'inf'", "'-0'"],
)
@pytest.mark.parametrize(
    "path",
    [
        "base",
        "bonus",
        "bonus.target_percent",
        "bonus.payout_percent",
        "equity",
        "equity.count",
        "equity.strike",
        "equity.percent",
        "vesting.percents",
        "refresher",
        "sign_on",
        "relocation",
        "pto_days",
    ],
)
def test_non_finite_and_huge_numbers_in_every_field(path: str, value: object) -> None:
    data: dict = {"base": 185_000}
    if path.startswith("equity."):
        data["equity"] = {"kind": "options", "count": 1000, "strike": 1, "fmv_409a": 3}
        if path == "equity.percent":
            data["equity"] = {"kind": "percent", "percent": 1, "valuation": 10**8}
    if path == "vesting.percents":
        data["equity"] = 100_000
        data["vesting"] = {"kind": "custom", "percents": [value] * 4}
    elif "." in path:
        head, leaf = path.split(".")
        data.setdefault(head, {})[leaf] = value
    else:
        data[path] = value
    if path.startswith("bonus.payout"):
        data["bonus"]["target_percent"] = 10
    _check_result(returns_or_plain_error(offer_from_data, data))
    with pytest.raises(InputError):
        # and a plain error when nothing is an offer at all
        offer_from_data([value])  # type: ignore[arg-type]
