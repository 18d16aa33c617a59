"""Bad offers get one specific sentence each; nothing crashes."""

from __future__ import annotations

import pytest

from coach.errors import InputError
from coach.offers import EmployerType, Offer, Vesting, offer_from_data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"base": 5}, r"base salary of \$5 a year is too low"),
        ({"base": "50M"}, r"base salary of \$50,000,000 is above"),
        ({"base": -185_000}, r"base salary can't be negative \(-\$185,000\)"),
        ({"base": "-185k"}, "negative"),
        ({}, "no base salary"),
        ({"base": None}, "no base salary"),
        ({"base": "lots"}, "not an amount I can read"),
        ({"base": 185_000, "vesting": {"cliff_months": 60}}, "60-month cliff is longer than"),
        (
            {"base": 185_000, "equity": {"kind": "percent", "percent": 150, "valuation": 1e9}},
            "more than the whole company",
        ),
        (
            {"base": 185_000, "vesting": {"kind": "custom", "percents": [10, 20, 30, 30]}},
            "add up to 90%, not 100%",
        ),
        (
            {"base": 185_000, "vesting": {"kind": "custom", "percents": [50, 50], "years": 4}},
            "2 yearly percentages for 4 years",
        ),
        ({"base": 185_000, "vesting": {"years": 0}}, "vesting period of 0 years"),
        ({"base": 185_000, "sign_on": {"amount": -20_000}}, "sign-on bonus can't be negative"),
        ({"base": 185_000, "bonus": {"target_percent": 500}}, "bonus target of 500%"),
        ({"base": 185_000, "bonus": {}}, "bonus needs a target"),
        ({"base": 185_000, "equity": {"kind": "rsu", "value": 5e12}}, "equity grant of"),
        (
            {"base": 185_000, "equity": {"kind": "options", "count": 1000, "strike": 1}},
            "preferred price or the 409A",
        ),
        ({"base": 185_000, "pto_days": 400}, "paid time off of 400 days"),
        ({"base": 185_000, "employer_type": "bakery"}, "not an employer type I know"),
        ({"base": 185_000, "remote": "sometimes"}, "'remote' is not valid"),
        ({"base": 185_000, "start_date": "soon"}, "'start_date' is not a date I can read"),
    ],
)
def test_bad_values_get_a_specific_sentence(data: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        offer_from_data(data)


def test_money_fields_take_typed_forms() -> None:
    offer = Offer.model_validate(
        {
            "base": "$185,000",
            "sign_on": {"amount": "20k"},
            "equity": {"kind": "rsu", "value": "1.2M"},
        }
    )
    assert offer.base == 185_000
    assert offer.sign_on is not None and offer.sign_on.amount == 20_000
    assert offer.equity is not None and offer.equity.value == 1_200_000  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AI lab", EmployerType.AI_LAB),
        ("ai-native scale-up", EmployerType.AI_NATIVE),
        ("big tech", EmployerType.BIG_TECH),
        ("AI-forward public company", EmployerType.AI_FORWARD),
        ("other", EmployerType.OTHER),
        ("ai_lab", EmployerType.AI_LAB),
    ],
)
def test_employer_types_by_name(text: str, expected: EmployerType) -> None:
    assert Offer(base=150_000, employer_type=text).employer_type is expected


def test_only_other_employers_lack_the_premium() -> None:
    assert [t for t in EmployerType if not t.pays_premium] == [EmployerType.OTHER]


def test_back_loaded_defaults_to_5_15_40_40() -> None:
    assert Vesting(kind="back_loaded").percents == (5, 15, 40, 40)
    assert Vesting(kind="back_loaded").describe() == "5/15/40/40 over 4 years (back-loaded)"


@pytest.mark.parametrize("name", ["bigtech.yaml", "scaleup.yaml", "lab.json"])
def test_an_offer_survives_a_json_round_trip(name: str) -> None:
    from pathlib import Path

    from coach.offers import load_offer

    path = Path(__file__).resolve().parents[1] / "examples" / "offers" / name
    offer = load_offer(path).offer
    assert offer is not None
    assert Offer.model_validate_json(offer.model_dump_json()) == offer
