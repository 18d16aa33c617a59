"""No internal jargon where a user reads (issue 18, item 8): a sample of the offline
coach's answers (pay, offers, advice, targets, a practice call's scorecard), as the app
and the CLI show them, holds none of the words listed in tests/data/internal_words.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from coach import citations as cite
from coach.config import Settings
from coach.session import CoachSession
from coach.ui import coach_tab
from coach.ui import practice_tab as pt
from coach.ui.offer_form import FormOffer
from coach.ui.offers_tab import check_offers
from coach.ui.tool_steps import step_details, step_title

WORDS = Path(__file__).parent / "data" / "internal_words.yaml"


@dataclass(frozen=True)
class Banned:
    pattern: re.Pattern[str]
    say: str
    allowed: tuple[str, ...]

    def found(self, text: str) -> list[str]:
        for phrase in self.allowed:
            text = text.replace(phrase, "")
        return [m.group(0) for m in self.pattern.finditer(text)]


def banned() -> list[Banned]:
    entries = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    return [
        Banned(re.compile(e["pattern"], re.IGNORECASE), e["say"], tuple(e.get("except", ())))
        for e in entries
    ]


def jargon(text: str) -> list[str]:
    """Each banned word in ``text`` with a few words around it, and what to say instead."""
    hits = []
    for word in banned():
        for match in word.found(text):
            at = text.find(match)
            around = text[max(0, at - 40) : at + len(match) + 40].replace("\n", " ")
            hits.append(f"{match!r} in …{around}… (say: {word.say})")
    return hits


# (thread, question): a follow-up shares its thread with the question before it.
QUESTIONS = [
    ("pay", "What does a senior ML engineer make in Seattle?"),
    ("pay", "And in Chicago?"),
    ("pay-oews", "What does a software engineer make in Austin?"),
    ("pay-abroad", "What does a data scientist make in Berlin?"),
    ("pay-thin", "What does a senior ML engineer make in Germany?"),
    ("pay-level", "What does a staff machine learning engineer make?"),
    ("pay-skill", "What does a senior ML engineer with RAG skills in fintech make in Boston?"),
    (
        "offer",
        "Score this offer: senior ML engineer in Seattle, base $180,000, 10% bonus, "
        "$200,000 RSUs over 4 years, $20,000 sign-on",
    ),
    ("offer", "What if the base were $200,000?"),
    ("offer-ask", "I got an offer: 185k base. Is it good?"),
    (
        "counter",
        "Draft a counter for: senior data scientist in Chicago, base 150k, bonus 10%, "
        "equity 80k over 4 years",
    ),
    (
        "compare",
        "Compare these offers: A: ML engineer in Austin, base 170k, 10% bonus. "
        "B: ML engineer in Seattle, base 185k, 40k RSUs over 4 years.",
    ),
    ("tradeoff", "Would a $30k sign-on or +$10k base be better?"),
    ("range", "What range should I ask for as a senior ML engineer in Seattle?"),
    ("walk", "My current base is 150k, what is my walk-away number?"),
    ("advice", "How do I answer 'this is the top of our range'?"),
    ("advice-2", "Should I tell the recruiter my current salary?"),
    ("advice-3", "They gave me 24 hours to accept. What do I do?"),
]


@pytest.fixture(scope="module")
def answers(ingested_settings: Settings) -> list[tuple[str, str]]:
    """(where it is shown, text) for each question's answer, tool steps and citations."""
    session = CoachSession(ingested_settings)
    shown: list[tuple[str, str]] = []
    for number, (thread, question) in enumerate(QUESTIONS, start=1):
        turn = session.ask(f"words-{thread}", question)
        where = f"answer to {question!r}"
        linked = coach_tab.linked_answer(turn.text, number, coach_tab.cited(session, turn))
        shown += [(f"{where} (app)", linked), (f"{where} (CLI)", cite.for_reader(turn.text))]
        for step in turn.tool_steps:
            shown += [(f"{where}, step title", step_title(step))]
            shown += [(f"{where}, step opened", step_details(step))]
        titles = "; ".join(cite.reader_title(c) for c in turn.citations)
        shown.append((f"{where}, citations", titles))
    return shown


def test_the_sample_covers_every_kind_of_answer(answers: list[tuple[str, str]]) -> None:
    # The sample is worth scanning only if it reached the tools it means to.
    text = "\n".join(t for _, t in answers)
    for said in (
        "Looked up market pay",
        "Scored the offer",
        "Drafted a counter",
        "Compared the offers",
        "Worked out your range",
        "Worked out your walk-away number",
        "Searched the playbook",
        "posted salaries",
        "BLS wage survey",
    ):
        assert said in text, said


def test_no_answer_shows_an_internal_word(answers: list[tuple[str, str]]) -> None:
    found = [f"{where}: {hit}" for where, text in answers for hit in jargon(text)]
    assert not found, "\n".join(found)


def test_the_offers_tab_shows_no_internal_word() -> None:
    form = FormOffer(
        company="Acme", role="ML engineer", level="senior", location="Seattle", base="185k"
    )
    pasted = "Data scientist in Chicago: base $150,000, 10% bonus, 80k RSUs over 4 years"
    report = check_offers(form, pasted, current_base="140k", floor="")
    assert "score" in report.markdown.lower()
    assert not jargon(report.markdown), jargon(report.markdown)


def test_a_practice_calls_scorecard_shows_no_internal_word() -> None:
    setup = pt.Setup(
        role="machine learning engineer",
        level="senior",
        location="Seattle",
        employer_type="AI-native scale-up",
        toughness="standard",
        seed=7,
    )
    call = pt.start(setup)
    for said in (
        "I'd rather not share my current salary; my range is based on the market.",
        "Based on the market median and the RAG workflow I built, I'm targeting $260,000.",
        "If base is capped, could we close the gap with a sign-on bonus?",
    ):
        call = pt.play(call, said)
    shown = {
        "brief": pt.brief_markdown(call),
        "hints": pt.hints_of(call),
        "scorecard": pt.end(call),
        "export": pt.export(call),
    }
    assert shown["scorecard"].startswith("### Scorecard")
    found = [f"{where}: {hit}" for where, text in shown.items() for hit in jargon(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("From aijobs.net: ML engineer, n=2271.", "n=2"),
        ("×1.003 for Seattle: OEWS median $167,280", "×1"),
        ("compared with Software Developers (15-1252)", "(15-1252)"),
        ("| cell as published |", "cell"),
        ("see [total-package § Sign-on bonus]", " § "),
        ("anchor 162000", "anchor 1"),
        ("score not scored", "not scored"),
        ("status: not_scored", "not_scored"),
        ("| p10 | p25 |", "p10"),
    ],
)
def test_the_list_catches_the_jargon_it_was_written_for(text: str, caught: str) -> None:
    # The scan above could pass by matching nothing: each old line is caught.
    assert any(caught in hit for hit in jargon(text)), (text, jargon(text))


def test_the_sources_full_name_is_not_jargon() -> None:
    assert not jargon("Sources: BLS Occupational Employment and Wage Statistics (OEWS) (May 2025)")
