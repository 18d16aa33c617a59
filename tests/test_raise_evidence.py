"""A raise talk's question about the person's own work ("I automated half our reporting,
does that help my case?"), a new hire paid more, and a follow-up that would lead to the
last answer again (issue 16, items 2 and 3; found by a newcomer trying the app)."""

from __future__ import annotations

import uuid

import pytest
from langchain_core.messages import HumanMessage

from coach import citations as cite
from coach.config import Settings
from coach.contracts import Passage, PlaybookPassages, ToolName
from coach.embedded import writer
from coach.embedded.brain import _another_topic_first, own_work, raise_cues, understand
from coach.embedded.composers import CUED_TOPICS, load_topics, topic_for
from coach.embedded.offline_coach import classifier_for
from coach.resources import KNOWLEDGE_DIR
from coach.session import CoachSession


def _classifier():  # type: ignore[no-untyped-def]
    return classifier_for(KNOWLEDGE_DIR / "embedded" / "intents.yaml")


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize(
    ("text", "work"),
    [
        (
            "I automated half our reporting this year, does that help my case?",
            "I automated half our reporting this year",
        ),
        ("i cut our cloud bill by 30% - does that count?", "I cut our cloud bill by 30%"),
        (
            "We shipped the new billing system two months early. is that worth mentioning?",
            "We shipped the new billing system two months early",
        ),
        (
            "I've mentored three juniors and led the on-call rotation, thoughts?",
            "I've mentored three juniors and led the on-call rotation",
        ),
        ("I led the migration, would my manager care?", "I led the migration"),
        (
            "my churn model flagged at-risk accounts, does that help?",
            "My churn model flagged at-risk accounts",
        ),
        # Not the person's own work, nor an achievement.
        ("they say 'we won't pay you more because ChatGPT can make charts'", ""),
        ("I made a mistake in my last review, does that hurt my case?", ""),
        ("my manager ran the numbers and said no, is that final?", ""),
        ("I run the risk of looking greedy, should I still ask", ""),
        ("my manager says no raise this year", ""),
        ("I led", ""),  # too short to be a piece of work
    ],
)
def test_the_persons_own_work_is_read_as_they_told_it(text: str, work: str) -> None:
    assert own_work(text) == work


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("I automated half our reporting this year, does that help my case?", True),
        ("what counts as evidence for a raise?", True),
        ("is it worth mentioning that I run the on-call rotation?", True),
        ("I rebuilt our onboarding flow, thoughts?", True),
        # A question for the number with the work: the number is what is asked.
        ("I built the data platform, how much should I ask for?", False),
        ("my boss says AI makes us all faster so no raise", False),
        # The number, or the AI argument, has its own answer.
        ("how do I know if I'm underpaid?", False),
        ("my boss says AI makes everyone faster, how do I frame my value?", False),
        ("we made the decision to wait until Q3, does that matter?", False),
        ("when is the best time to ask for a raise?", False),
    ],
)
def test_the_evidence_cue_is_a_question_about_whether_work_counts(text: str, counts: bool) -> None:
    assert raise_cues(text).evidence is counts


@pytest.mark.parametrize(
    ("text", "paid_more"),
    [
        ("I'm furious the new hire makes more than me", True),
        ("just found out a junior on my team earns way more than i do", True),
        ("they hired someone above me at a higher salary", False),
        ("the new hire was hired in above me", True),
        ("they're paying the new hire 20k more than me", True),
        ("the new hire got 20k more than me", True),
        ("I make more than the market median, can I still ask?", False),
        ("I'd be paid more than I do now at the new place", False),
    ],
)
def test_someone_paid_more_is_read(text: str, paid_more: bool) -> None:
    assert raise_cues(text).paid_more is paid_more


def test_an_evidence_question_gets_its_topic_and_cites_its_sections_found_or_not() -> None:
    hit = Passage(
        citation="market-bands § Overview", text="", doc_id="market-bands", section="Overview"
    )
    cues = raise_cues("I automated half our reporting this year, does that help my case?")
    topic = topic_for(PlaybookPassages(passages=[hit]), None, cues)
    assert topic is not None and topic.id == CUED_TOPICS["evidence"]
    # The sections a cued topic cites are real ones (it may be chosen with none found).
    for topic in load_topics():
        assert set(topic.cites) <= set(cite._files()[1]), topic.id


def test_the_work_is_said_back_and_the_answer_is_the_raise_evidence(
    session: CoachSession,
) -> None:
    thread = f"ev-{uuid.uuid4().hex}"
    session.ask(thread, "I'm a data engineer in Denver making 140k, how do I ask for a raise?")
    work = "I migrated our pipelines to dbt and cut runtime in half"
    turn = session.ask(thread, f"{work}, does that count?")
    assert work in turn.text
    assert "number" in turn.text
    assert "Quantify your experience" in turn.text  # cited, though the search may not find it
    assert "$X" not in turn.text and "[your" not in turn.text


def test_a_new_hire_paid_more_is_met_before_the_raise_answer(session: CoachSession) -> None:
    thread = f"peer-{uuid.uuid4().hex}"
    session.ask(thread, "I'm a product manager in Chicago, how do I make the case for a raise?")
    turn = session.ask(thread, "I'm furious the new hire makes more than me")
    assert turn.text.startswith("Finding out that a new hire")
    assert "market" in turn.text


def test_a_question_asked_again_gets_the_next_topic_not_the_last_answer(
    session: CoachSession,
) -> None:
    """However a question lands on the same advice, the answer is not the last one again:
    the next hit with another topic answers."""
    thread = f"rep-{uuid.uuid4().hex}"
    question = "how should I think about refresh grants when comparing offers?"
    first = session.ask(thread, question)
    again = session.ask(thread, question)
    assert writer.advice_of(again.text) != writer.advice_of(first.text)
    assert first.text.split(".", 1)[0] not in again.text


def test_with_no_other_topic_the_answer_says_its_advice_stands() -> None:
    before = "Ask for the schedule in writing. Then compare.\n\n**Say:** ..."
    same = writer.same_answer(before)
    assert "same advice as my last answer" in same
    assert "Ask for the schedule in writing." in same and "Then compare" not in same
    hits = [
        Passage(citation=f"total-package § {s}", text="", doc_id="total-package", section=s)
        for s in ("Vesting schedules and cliffs", "Refresh grants and 4-year total comp")
    ]
    u = understand([HumanMessage("how do vesting cliffs work?")], _classifier())
    typed = {ToolName.SEARCH_PLAYBOOK.value: PlaybookPassages(passages=hits)}
    assert _another_topic_first(u, typed) is None  # both hits are one topic


def test_advice_is_compared_without_its_citations() -> None:
    one = "Ask for the median. **Why:** reasons — [Raises — Know your market gap]."
    two = "Ask for the median. **Why:** reasons — [Timing — Annual reviews]."
    assert writer.advice_of(one) == writer.advice_of(two)
    assert writer.advice_of(one) != writer.advice_of("Ask for more. **Why:** reasons.")


@pytest.mark.parametrize(
    "topic", [t for t in load_topics() if t.template.startswith("reframing")], ids=lambda t: t.id
)
def test_a_reframing_script_claims_only_the_work_the_person_told(topic) -> None:  # type: ignore[no-untyped-def]
    """The script is said by the person: no result is put in their mouth (a newcomer's PM
    script said "the change I pushed for lifted activation"); their own work, when they
    told it, or the results they bring."""
    from coach.embedded.composers import RaiseCues, compose
    from coach.understanding import Slots

    hit = Passage(
        citation="raises § Know your market gap",
        text="",
        doc_id="raises",
        section="Know your market gap",
    )
    passages = PlaybookPassages(passages=[hit])
    work = "I rebuilt the billing service"
    told = compose(topic, passages, {}, Slots(), cues=RaiseCues(ai=True, own_work=work))
    say = next(line for line in told.splitlines() if line.startswith("**Say:**"))
    assert work in say
    untold = compose(topic, passages, {}, Slots(), cues=RaiseCues(ai=True))
    say = next(line for line in untold.splitlines() if line.startswith("**Say:**"))
    assert "this year's results, each with its before-and-after figure" in say


# -- a newcomer's conversation in the browser (data engineer, Denver, 140k) ------------------
def test_money_the_work_moved_is_not_the_pay_today(session: CoachSession) -> None:
    thread = f"dn-{uuid.uuid4().hex}"
    session.ask(thread, "im a data engineer in denver making about 140k base, want a raise")
    turn = session.ask(
        thread,
        "last quarter i rebuilt our nightly etl pipeline and it cut our snowflake bill by like"
        " 30k a year. does that help my case?",
    )
    assert "$140,000" in turn.text and "$30,000 is" not in turn.text
    late = session.ask(thread, "ugh i just found out a new hire on my team is getting 155k")
    assert late.text.startswith("Finding out that a new hire")
    assert "$140,000" in late.text and "$155,000 is" not in late.text


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("data engineer in Denver, we saved $45k in costs with my fix, how do I ask?", None),
        ("I brought in 250k of pipeline this year, how do I ask for a raise?", None),
        ("the new hire is getting 155k, how do i ask for a raise?", None),
        ("I'm a data engineer at 120k, how do I ask for a raise?", 120_000),
    ],
)
def test_a_raise_message_reads_only_pay_as_the_pay_today(text: str, base: int | None) -> None:
    u = understand([HumanMessage(text)], _classifier())
    assert u.slots.current_base == base


def test_a_question_about_one_part_is_answered_not_scored(session: CoachSession) -> None:
    thread = f"rsu-{uuid.uuid4().hex}"
    turn = session.ask(
        thread,
        'the recruiter says the stock grant is "worth" 200k over 4 yrs. should i believe that?',
    )
    assert "What I read" not in turn.text
    assert "valuation" in turn.text or "share price" in turn.text
    bye = session.ask(thread, "thanks!")
    assert bye.text.startswith("Glad it helped")
