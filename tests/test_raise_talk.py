"""The raise talk with one's own manager in the offline coach (issue 21, item 3): the
market gap worked out by the salary lookup from the person's base today, one line asking
for the one fact it lacks and the answer carried on when it comes, the topic the question's
words name (a freeze, a "not yet", a promotion), and the classifier's raise examples."""

from __future__ import annotations

import re
import uuid

import pytest

from coach import prompts
from coach.config import Settings
from coach.contracts import SalaryEstimateResult
from coach.embedded.brain import raise_cues
from coach.embedded.composers import RaiseCues, load_topics, topic_for
from coach.embedded.intents import _read_examples, example_files
from coach.errors import InputError
from coach.market.estimate import estimate_for
from coach.market.targets import market_gap
from coach.money import format_usd, nearest_thousand
from coach.resources import KNOWLEDGE_DIR
from coach.session import CoachReply, CoachSession
from coach.tools import salary_lookup_spec

PLACEHOLDER = re.compile(r"\$[A-Z]\b|\[(?:your|company|result|day|X|Y)[^\]]*\]", re.IGNORECASE)


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


def _lookup(turn: CoachReply) -> SalaryEstimateResult:
    found = [s.result for s in turn.tool_steps if isinstance(s.result, SalaryEstimateResult)]
    assert found, [s.name for s in turn.tool_steps]
    return found[-1]


# -- the gap, computed by code -------------------------------------------------------------
def test_the_gap_is_the_base_against_the_median_in_whole_percent() -> None:
    est = estimate_for("data engineer", "senior", "Chicago")
    assert est.p50 is not None
    gap = market_gap(120_000, est)
    assert gap is not None
    assert gap.difference == 120_000 - est.p50
    assert gap.percent == round((120_000 - est.p50) / est.p50 * 100) < 0
    assert format_usd(est.p50) in gap.arithmetic and "$120,000" in gap.arithmetic
    assert market_gap(None, est) is None


def test_a_base_that_is_not_a_yearly_salary_is_refused_in_one_sentence() -> None:
    est = estimate_for("data engineer", "senior", "Chicago")
    with pytest.raises(InputError, match="current base"):
        market_gap(9_500, est)  # a monthly figure


def test_the_lookup_declares_the_base_and_the_gap_it_states() -> None:
    tool = salary_lookup_spec().as_tool()
    _, artifact = tool.func(role="software engineer", location="Austin", current_base="150k")
    est = SalaryEstimateResult.model_validate(artifact)
    assert est.current_base == 150_000 and est.gap is not None and est.gap_pct is not None
    assert {150_000, abs(est.gap)} <= est.figures()
    # Over the median, under the 75th percentile by less than one step: the ask is the
    # 75th percentile to the nearest $1,000.
    assert est.p75 is not None and est.gap > 0 and 150_000 < est.p75 <= 150_000 * 1.2
    assert est.ask == nearest_thousand(est.p75) and est.ask_target == "p75"
    assert not est.ask_staged and est.ask in est.figures()
    assert '"gap_pct"' in est.for_model()
    _, plain = tool.func(role="software engineer", location="Austin")
    assert '"gap_pct"' not in SalaryEstimateResult.model_validate(plain).for_model()


# -- through the offline coach ---------------------------------------------------------------
def test_role_place_and_base_give_the_gap_with_its_source_and_a_filled_script(
    session: CoachSession,
) -> None:
    turn = session.ask(
        f"gap-{uuid.uuid4().hex}",
        "I'm a senior data engineer in Chicago making 120k. How do I ask for a raise?",
    )
    est = _lookup(turn)
    assert est.gap_pct is not None and est.gap_pct < 0 and est.p50 is not None
    assert f"**{-est.gap_pct}% under**" in turn.text
    assert format_usd(est.p50) in turn.text
    assert est.basis and est.basis in turn.text  # the group, its size and its data set
    # The script's ask: the median is 42% above 120k, more than one step: the first step
    # (120k + 20%) is asked for, the exact median stays in the line with its source.
    assert est.ask_staged and est.ask == nearest_thousand(120_000 * 1.2) and est.ask_rest
    assert f"my base moved to {format_usd(est.ask)} as a first step" in turn.text
    assert f"for the remaining {format_usd(est.ask_rest)}" in turn.text
    assert "Know your market gap]" in turn.text  # the rule of thumb behind the step, cited
    assert not PLACEHOLDER.search(turn.text)
    assert "**Why:**" in turn.text and turn.unverified == []


def test_one_missing_fact_is_asked_for_and_the_answer_carries_on_when_it_comes(
    session: CoachSession,
) -> None:
    thread = f"carry-{uuid.uuid4().hex}"
    question = "senior software engineer in Austin, how much of a raise should I ask for?"
    first = session.ask(thread, question)
    assert prompts.render("embedded/facts/ask_gap_base") in first.text
    second = session.ask(thread, "140k")
    searched = [s.args.get("query") for s in second.tool_steps if s.name == "search_playbook"]
    assert searched == [question]  # the raise question again, now with its figures
    est = _lookup(second)
    assert est.current_base == 140_000 and est.gap_pct is not None
    assert prompts.render("embedded/facts/ask_gap_base") not in second.text
    assert second.unverified == []


def test_a_question_about_framing_is_not_asked_for_figures(session: CoachSession) -> None:
    turn = session.ask(
        f"frame-{uuid.uuid4().hex}",
        "I'm a data engineer. How do I argue for a raise when AI can write pipelines?",
    )
    assert not re.search(r"(?m)^Tell me your", turn.text)
    assert "data quality" in turn.text


def test_a_new_offer_is_not_the_raise_talk(session: CoachSession) -> None:
    turn = session.ask(
        f"offer-{uuid.uuid4().hex}",
        "got an offer for senior ML engineer at 185k base, should I counter?",
    )
    assert "salary_lookup" not in [s.name for s in turn.tool_steps] or not any(
        isinstance(s.result, SalaryEstimateResult) and s.result.gap_pct is not None
        for s in turn.tool_steps
    )
    assert "% under**" not in turn.text


# -- the topic the words name ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("our salaries are frozen this year, what can I ask for instead?", "raise-frozen"),
        ("my manager said let's revisit it at the next review", "raise-not-yet"),
        ("I got promoted but my pay barely moved", "promotion"),
        ("salary freeze, but I'm up for promotion: anything to ask for?", "raise-frozen"),
    ],
)
def test_the_questions_words_choose_the_raise_topic(text: str, topic: str) -> None:
    from coach.contracts import Passage, PlaybookPassages

    hit = Passage(
        citation="timing § Annual reviews", text="", doc_id="timing", section="Annual reviews"
    )
    found = topic_for(PlaybookPassages(passages=[hit]), None, raise_cues(text))
    assert found is not None and found.id == topic


def test_without_cues_the_first_raise_hit_or_the_raise_answers() -> None:
    from coach.contracts import Passage, PlaybookPassages

    other = Passage(
        citation="anchoring § Overview", text="", doc_id="anchoring", section="Overview"
    )
    found = topic_for(PlaybookPassages(passages=[other]), None, RaiseCues())
    assert found is not None and found.id == "raise-at-work"


@pytest.mark.parametrize(
    ("text", "role", "topic"),
    [
        # No word of AI: a hit on the reframing document's "keep it factual" is advice on
        # tone, not the AI-productivity argument.
        ("I'm furious the new hire earns more than me, how do I raise it", None, "raise-at-work"),
        (
            "as a data engineer, how do I ask my boss for a raise calmly",
            "data engineer",
            "raise-at-work",
        ),
        # The argument named: its reframe answers, the role's own where there is one.
        ("my boss says AI makes us all faster so no raise", None, "reframing-productivity"),
        (
            "they say copilot does half my job, how do I ask for a raise",
            "data engineer",
            "reframing-data",
        ),
    ],
)
def test_a_reframe_answers_a_raise_talk_only_when_it_brings_up_ai(
    text: str, role: str | None, topic: str
) -> None:
    from coach.contracts import Passage, PlaybookPassages

    section = "Keep it factual and bring data"
    hit = Passage(
        citation=f"reframing-productivity § {section}",
        text="",
        doc_id="reframing-productivity",
        section=section,
    )
    found = topic_for(PlaybookPassages(passages=[hit]), role, raise_cues(text))
    assert found is not None and found.id == topic


def test_every_raise_topic_has_a_template_using_the_gap() -> None:
    for topic in load_topics():
        if topic.raise_talk:
            template = prompts.load(f"embedded/topics/{topic.template}").template
            assert "$gap_line" in template and "$gap_ask" in template, topic.id


def test_the_raise_intent_has_its_paraphrases() -> None:
    labels, texts = _read_examples(example_files(KNOWLEDGE_DIR / "embedded" / "intents.yaml"))
    raise_examples = [t for label, t in zip(labels, texts, strict=True) if label == "raise"]
    assert len(raise_examples) >= 30


@pytest.mark.parametrize(
    ("text", "names_ai"),
    [
        ("my boss says AI makes us all faster so no raise", True),
        ("they say copilot does half my job", True),
        ("my boss says A.I. does half my job", True),
        ("leadership thinks artificial intelligence replaces analysts", True),
        ("the tools make everyone so productive they won't pay more", True),
        ("everyone is more productive now so raises are smaller", True),
        # How people describe their own good work: not the AI-productivity argument.
        ("I have been really productive this year, how do I ask for more?", False),
        ("I automated our deployment pipeline and want a raise", False),
        ("I ship faster than anyone on the team", False),
        ("I built internal tools for the team, is that worth a raise?", False),
        ("my manager Claude said no", False),
        ("is the cost of living raise automatic?", False),
    ],
)
def test_the_ai_cue_is_the_argument_not_a_word_for_good_work(text: str, names_ai: bool) -> None:
    assert raise_cues(text).ai is names_ai
