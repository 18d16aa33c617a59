"""The shared understanding layer: one reading of a message for the offline coach and
the remembered facts, with the same names the salary lookup knows."""

from __future__ import annotations

import pytest

from coach.errors import InputError
from coach.market import load_tables, lookup
from coach.market.normalize import normalize_place
from coach.offers.model import employer_type_from
from coach.understanding import read_slots, states_an_offer
from coach.vocabulary import normalise


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zürich", "zurich"),
        ("São Paulo", "sao paulo"),
        ("Kraków", "krakow"),
        ("Düsseldorf", "dusseldorf"),
        ("AT&T", "at and t"),
        ("R&D  Engineer.", "r and d engineer"),
        ("AI/ML Eng.", "ai ml eng"),
    ],
)
def test_the_normaliser_folds_accents_and_reads_ampersands(text: str, folded: str) -> None:
    assert normalise(text) == folded


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Zürich", "Switzerland"),
        ("São Paulo", "Brazil"),
        ("Kraków", "Poland"),
        ("Düsseldorf", "Germany"),
    ],
)
def test_a_message_naming_an_accented_city_finds_the_place_the_lookup_finds(
    city: str, country: str
) -> None:
    slots = read_slots(f"senior ML engineer in {city}")
    assert slots.role is not None and slots.level == "senior"
    assert slots.location is not None
    tables = load_tables()
    from_message = normalize_place(slots.location, tables)
    from_lookup = normalize_place(city, tables)
    assert from_message.name == from_lookup.name == country


def test_the_zurich_message_gets_swiss_figures_end_to_end() -> None:
    slots = read_slots("senior ML engineer in Zürich")
    estimate = lookup(slots.role or "", level=slots.level, location=slots.location)
    assert estimate.location == "Switzerland"


def test_an_ampersand_in_a_message_reads_as_and() -> None:
    assert read_slots("I work in R&D on self driving cars").domain == "autonomous systems"
    assert read_slots("AI & ML engineer").role is not None


@pytest.mark.parametrize(
    ("text", "is_offer"),
    [
        ("my target is 200k base", False),
        ("they offered 185k base, 15% bonus", True),
        ("185k base, 15% bonus, 20k sign-on", True),
        ("I currently make 150k base and my floor is 170k base", False),
        ("is 150k base a lowball for a senior data scientist?", True),
        ("what is a good base for a staff engineer?", False),
    ],
)
def test_one_rule_says_whether_a_message_states_an_offer(text: str, is_offer: bool) -> None:
    assert states_an_offer(text, read_slots(text)) is is_offer


def test_the_offline_coach_and_the_remembered_facts_agree_on_offers() -> None:
    """Both read offers through coach.understanding; neither keeps a rule of its own."""
    from langchain_core.messages import AIMessage, HumanMessage

    from coach.embedded import brain
    from coach.memory import remembered

    assert not hasattr(brain, "_offer_like")
    target = [HumanMessage("my target is 200k base"), AIMessage("ok"), HumanMessage("and?")]
    offer = [
        HumanMessage("they offered 185k base, 15% bonus"),
        AIMessage("ok"),
        HumanMessage("and?"),
    ]
    assert "latest offer" not in remembered(target)
    assert "latest offer" in remembered(offer)


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        ("senior MLE at an AI lab", "AI lab"),
        ("joining a big tech company", "big-tech AI org"),
        ("an AI startup offered me 180k base", "AI-native scale-up"),
        ("a public company with good health insurance", "AI-forward public company"),
    ],
)
def test_employer_types_come_from_the_vocabulary(text: str, employer: str) -> None:
    assert read_slots(text).employer_type == employer


def test_everyday_words_inside_a_sentence_are_not_domains() -> None:
    assert read_slots("the package includes health insurance").domain is None
    assert read_slots("I build models for a healthcare company").domain == "healthcare"


def test_skills_are_read_as_the_premium_they_earn() -> None:
    slots = read_slots("ML engineer with RAG and RLHF experience")
    assert slots.skills == ("production rag", "fine-tuning and rlhf")
    estimate = lookup("ml engineer", skills=list(slots.skills))
    assert {a.what for a in estimate.adjustments} >= {
        "Production RAG systems experience",
        "Fine-tuning and RLHF expertise",
    }


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("senior data scientist in Los Angeles", "los angeles"),
        ("ML engineer jobs in Texas", "texas"),
        ("what do AI engineers make in Paris?", "paris"),
    ],
)
def test_place_names_ending_in_s_are_found(text: str, place: str) -> None:
    location = read_slots(text).location
    assert location is not None and normalise(location).startswith(place), location


def test_everyday_words_are_not_a_domain_or_an_offer_field() -> None:
    assert read_slots("I'm banking on a raise this year").domain is None
    with pytest.raises(InputError):
        employer_type_from("startup")
