"""The Offers tab: form and pasted offers scored, countered, charted and compared."""

from __future__ import annotations

import pytest

from coach.ui.offers_tab import FormOffer, check_offers, safe_check

FORM = FormOffer(
    company="Acme",
    role="ML engineer",
    level="senior",
    location="Seattle",
    base="185k",
    bonus_pct="15",
    grant_value="400k",
    sign_on="20k",
)
PASTED = "Beta, ML engineer in Seattle: 175k base, 10% bonus, 0.2% equity at a $500M valuation"


def test_one_offer_from_the_form() -> None:
    result = check_offers(FORM, "")
    assert "### Acme" in result.markdown
    assert "score" in result.markdown and "**Verdict:**" in result.markdown
    assert "| **Total** | $332,750 |" in result.markdown  # 185k + 27,750 + 20k + 100k (cliff)
    assert "**What to say or send:**" in result.markdown
    assert len(result.charts) == 1 and result.comparison_chart is None


def test_form_and_pasted_offers_are_compared() -> None:
    result = check_offers(FORM, PASTED, current_base="150k")
    assert "### Side by side" in result.markdown
    assert len(result.charts) == 2 and result.comparison_chart is not None
    assert "Most over four years" in result.markdown


def test_several_pasted_offers() -> None:
    text = "A: 180k base, 200k RSUs over 4 years\n---\nB: 170k base, 20k sign-on\n---\nC: 160k base"
    result = check_offers(FormOffer(), text)
    assert len(result.charts) == 3


@pytest.mark.parametrize(
    ("form", "pasted", "current", "message"),
    [
        (FormOffer(), "", "", "Enter an offer"),
        (FormOffer(base="185k"), "", "abc", "Current base:"),
        (FormOffer(base="5"), "", "", "too low"),
        (FormOffer(), "\n---\n".join(["150k base"] * 6), "", "at most 5"),
        (FormOffer(), "a great offer with no numbers", "", "find a base salary"),
    ],
)
def test_bad_input_is_one_sentence(
    form: FormOffer, pasted: str, current: str, message: str
) -> None:
    result = safe_check(form, pasted, current, "")
    assert result.markdown.startswith("⚠️") and message in result.markdown
    assert result.charts == []
