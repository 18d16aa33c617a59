"""The Offers tab's one-offer form on values typed from the user's side (the fresh split).

tests/corpora/fresh/offer_form_fields.yaml: 60 forms written blind (issue 18, item 7), each
with the grant total, vesting years, cliff and year fractions it must come to, or the box a
refusal must name. Driven through ``safe_check``, the function the tab's button calls. The
corpus is never edited to match the code (tests/corpora/fresh/README.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.offers.model import RSUGrant
from coach.ui.offer_form import LABELS
from coach.ui.offers_tab import FormOffer, safe_check

CORPUS = Path(__file__).parent / "corpora" / "fresh" / "offer_form_fields.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
# The corpus's names for the boxes -> the form's.
BOXES = {"bonus": "bonus_pct", "company_type": "company_is"}


def _form(fields: dict[str, str]) -> FormOffer:
    return FormOffer(**{BOXES.get(name, name): str(value) for name, value in fields.items()})


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_form_reads_what_was_typed(case: dict[str, Any]) -> None:
    expect = case["expect"]
    result = safe_check(_form(case["fields"]), "", "", "")
    if not expect["ok"]:
        box = BOXES.get(expect["refused_field"], expect["refused_field"])
        assert result.markdown.startswith("⚠️"), result.markdown[:300]
        assert box in result.field_errors, result.field_errors
        # One sentence beside the box, naming it; nothing scored.
        assert result.field_errors[box].startswith(f"{LABELS[box]}: ")
        assert "\n" not in result.field_errors[box]
        assert result.offers == [] and result.charts == []
        return
    assert not result.field_errors, result.field_errors
    assert not result.markdown.startswith("⚠️"), result.markdown[:300]
    (offer,) = result.offers
    if "equity_grant_total" in expect:
        assert isinstance(offer.equity, RSUGrant)
        assert offer.equity.value == expect["equity_grant_total"]
        assert offer.equity.private == (case["fields"].get("company_type") == "private")
    else:
        assert offer.equity is None
    if "vesting_years" in expect:
        assert offer.vesting.years == expect["vesting_years"]
    if "cliff_months" in expect:
        assert offer.vesting.cliff_months == expect["cliff_months"]
    if "year_fractions" in expect:
        fractions = offer.vesting.year_fractions(horizon=max(4, len(expect["year_fractions"])))
        wanted = expect["year_fractions"] + [0.0] * (len(fractions) - len(expect["year_fractions"]))
        assert fractions == pytest.approx(wanted, abs=1e-5)


def test_the_corpus_is_the_one_written_blind() -> None:
    assert len(CASES) == 60
    refusals = [c for c in CASES if not c["expect"]["ok"]]
    assert len(refusals) >= 15 and {c["expect"]["refused_field"] for c in refusals} >= {
        "vesting",
        "cliff",
        "shares",
        "price",
        "grant_value",
    }
