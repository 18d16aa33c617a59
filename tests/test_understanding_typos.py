"""Slots read through typos where a name is expected, and nowhere else (issue 16)."""

from __future__ import annotations

import pytest

from coach.understanding import about_pay, heard, offer_with_change, read_slots, states_an_offer


@pytest.mark.parametrize(
    ("text", "role", "level", "place"),
    [
        (
            "what do senoir machine lerning enginers make in seatle?",
            "machine learning engineer",
            "senior",
            "Seattle",
        ),
        (
            "what does a senoir ML engieer in seatle make",
            "machine learning engineer",
            "senior",
            "Seattle",
        ),
        (
            "medain pay for senior AI enginere in san fransisco?",
            "ai engineer",
            "senior",
            "San Francisco",
        ),
        ("data scientst in austn", "data scientist", None, "Austin"),
        # The playbook's own questions keep users' typos ("enginers"): they are not words.
        ("whats normal base pay for a mid-levle data enginer", "data engineer", "mid", None),
        ("and in chicgo?", None, None, "Chicago"),
        ("waht about staf level", None, "staff", None),
        (
            "If I work remotely as a staff-level software engineer",
            "software engineer",
            "staff",
            "Remote",
        ),
    ],
)
def test_typos_in_names_are_read(
    text: str, role: str | None, level: str | None, place: str | None
) -> None:
    slots = read_slots(text)
    assert slots.role == role
    assert slots.level == level
    if place is None:
        assert slots.location is None
    else:
        assert slots.location is not None and place in slots.location


@pytest.mark.parametrize(
    "text",
    [
        "What stuff should I say to the recruiter in parts?",  # "parts" is a word, not Paris
        "I developed a data pipline at work",
        "what is the best thing to say first",
    ],
)
def test_real_words_are_never_read_as_misspelt_names(text: str) -> None:
    slots = read_slots(text)
    assert (slots.role, slots.level, slots.location) == (None, None, None)


def test_the_lookup_gets_the_place_understood_not_the_abbreviation() -> None:
    assert read_slots("mid-level AI engineers in NYC").location == (
        "New York-Newark-Jersey City, NY-NJ"
    )
    # A reading with an assumption keeps the words typed, so the answer can state it.
    assert read_slots("ML engineer in New York").location == "new york"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what are the bigest mistakes people make when negotating", True),
        ("my comp is low", True),
        ("tell me a joke", False),
        ("write me a computer program", False),
        ("recipe for compote", False),
        ("how should cost of living change my number after moving", True),
        ("what do they get payed", True),
    ],
)
def test_a_message_about_pay_is_recognised_with_typos(text: str, expected: bool) -> None:
    assert about_pay(text) is expected


OFFER = (
    "Offer for a senior ML engineer in Seattle: $185,000 base, 15% bonus, "
    "200k RSUs over 4 years, 20k sign-on."
)


@pytest.mark.parametrize(
    ("change", "part", "before", "after", "written"),
    [
        ("what if it were 190k?", "base", "$185,000", "190k", ": 190k base"),
        ("and with a 30k sign-on?", "sign-on", "20k", "30k", "30k sign-on"),
        ("what if the bonus was 20%?", "bonus", "15%", "20%", "20% bonus"),
        ("what if the RSUs were 300k", "equity", "200k", "300k", "300k RSUs"),
    ],
)
def test_a_what_if_changes_one_figure_of_the_offer(
    change: str, part: str, before: str, after: str, written: str
) -> None:
    changed = offer_with_change(OFFER, change)
    assert changed is not None
    assert (changed.part, changed.before, changed.after) == (part, before, after)
    assert written in changed.text
    assert changed.text.count(after) == 1


@pytest.mark.parametrize("change", ["hmm, not sure", "what if it were 190k or 200k?"])
def test_a_what_if_without_one_figure_changes_nothing(change: str) -> None:
    assert offer_with_change(OFFER, change) is None


def test_a_what_if_whose_figure_appears_twice_is_not_guessed() -> None:
    offer = "200k base and 200k RSUs over 4 years, senior ML engineer in Seattle"
    assert offer_with_change(offer, "what if the RSUs were 300k") is None


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("can you evalute my ofer?", "can you evaluate my offer?"),
        ("Evalute my ofer please", "Evaluate my offer please"),
        ("how do i negotate the stok part", "how do i negotiate the stock part"),
        (
            "is it ok to talk salery in my 1st techincal interview?",
            "is it ok to talk salary in my 1st technical interview?",
        ),
        # common misspellings the nearest-word rule reads as another word ("with", "match")
        ("wich one pays more per year", "which one pays more per year"),
        ("Wich is better, is it mutch more?", "Which is better, is it much more?"),
    ],
)
def test_a_message_is_heard_as_meant(text: str, meant: str) -> None:
    assert heard(text) == meant


@pytest.mark.parametrize(
    "text",
    [
        "what do MLEs get paid in London",  # an acronym: not "miles"
        "what do mles get paid",  # the plural of a name the market knows
        "offer: $185,000 base, 15% bonus, 20k sign-on",  # figures as written
        "I dont want to move, I wont",  # contractions keep their sense
        "a senior data scientist in Seattle",
        "got an offer from Lyft, is it good",  # a name inside a sentence
    ],
)
def test_what_is_not_a_typo_is_kept(text: str) -> None:
    assert heard(text) == text


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("how much extra do fintec AI roles pay", "fintech"),
        ("AI jobs in helthcare, do they pay more", "healthcare"),
        ("my head is spinning", None),
    ],
)
def test_a_domain_is_read_through_a_typo(text: str, domain: str | None) -> None:
    assert read_slots(text).domain == domain


@pytest.mark.parametrize(
    ("text", "states"),
    [
        # Money said as a gap between two figures is not an offer to score.
        (
            "would it be that bad to say my other offer is a bit higher than it really is? "
            "like 20k",
            False,
        ),
        ("Another company offered me 20k more than these guys", False),
        ("pay is lower than I hoped: 150k base, 10% bonus offered", True),
        ("they offered 150k over the phone, senior software engineer in Austin. fair?", True),
        ("they offered 120k over 12 months, data analyst in Chicago", True),
        ("they came back 10k higher: 160k base offered", True),
    ],
)
def test_a_gap_is_not_an_offer(text: str, states: bool) -> None:
    assert states_an_offer(text, read_slots(text)) is states


def test_im_on_is_current_pay() -> None:
    slots = read_slots("im on 210k as a senior MLE and need a floor for this negotiation")
    assert slots.current_base == 210_000 and slots.floor is None
