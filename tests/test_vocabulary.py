"""The vocabulary is defined once (knowledge/vocabulary) and every reader agrees on it."""

from __future__ import annotations

import pytest

from coach.market import lookup
from coach.market import premiums as seeds
from coach.market.tables import PERCENTILES
from coach.offers import EmployerType, parse_offer
from coach.offers.model import employer_type_from
from coach.offers.parse import read_offer
from coach.roleplay.scenario import generate
from coach.ui import practice_tab
from coach.understanding import read_slots
from coach.vocabulary import employer_kinds, employer_labels, private_company_named


def test_the_employer_types_are_the_offer_model_s_types() -> None:
    assert [kind.key for kind in employer_kinds()] == [t.value for t in EmployerType]
    assert [t.label for t in EmployerType] == employer_labels()


def test_the_ui_offers_the_vocabulary_s_employer_types() -> None:
    assert ["any", *employer_labels()] == practice_tab.EMPLOYER_TYPES
    for label in practice_tab.EMPLOYER_TYPES[1:]:
        assert employer_type_from(label).label == label


@pytest.mark.parametrize(
    "kind", [k for k in employer_kinds() if k.key != "other"], ids=lambda k: k.key
)
def test_every_reader_gives_an_alias_the_same_employer_type(kind) -> None:  # type: ignore[no-untyped-def]
    mention = next(m for m in seeds.MENTIONS if m.key == kind.key)
    for alias in kind.aliases:
        assert employer_type_from(alias).value == kind.key, alias
        assert read_slots(f"I'm interviewing at a {alias} next week").employer_type == kind.label
        offer = parse_offer(f"185k base at a {alias}").offer
        assert offer.employer_type is not None and offer.employer_type.value == kind.key, alias
        estimate = lookup("ml engineer", employer_type=alias)
        assert any(r.what == mention.text for r in estimate.references), alias


def test_the_role_play_scenario_reads_the_same_employer_names() -> None:
    assert generate(7, employer_type="FAANG").employer_type is EmployerType.BIG_TECH
    assert generate(7, employer_type="AI startup").employer_type is EmployerType.AI_NATIVE


def test_bare_conversation_words_do_not_decide_an_offer_s_employer_type() -> None:
    """'startup' names a scale-up in conversation, but an offer letter's 'public' or
    'lab' is too loose to set the field."""
    assert read_slots("a startup offered me 180k base").employer_type == "AI-native scale-up"
    reading = read_offer("185k base, public company stock")  # the stock's size is asked
    assert reading.value("employer_type") is None


@pytest.mark.parametrize(
    "stage", ["seed-stage", "Series A", "Series B", "series E", "pre-IPO", "privately held"]
)
def test_a_funding_stage_means_a_private_company(stage: str) -> None:
    assert private_company_named(f"a {stage} company") is not None
    result = parse_offer(f"185k base, 400k RSUs over 4 years, {stage} company")
    assert result.offer.equity is not None and result.offer.equity.private  # type: ignore[union-attr]
    assert any("private company" in a for a in result.assumptions)


def test_without_a_funding_stage_rsus_stay_public_company_stock() -> None:
    result = parse_offer("185k base, 400k RSUs over 4 years at a big tech company")
    assert result.offer.equity is not None and not result.offer.equity.private  # type: ignore[union-attr]
    assert private_company_named("my series of talks on seedless grapes") is None


def test_percentiles_are_named_once() -> None:
    from coach import contracts
    from coach.market import build, cli

    assert build.PERCENTILES is cli.PERCENTILES is contracts.PERCENTILES is PERCENTILES
