"""The evidence-pack interview in the chat: asked for explicitly ("help me build my
evidence pack"), the coach asks the CLI's questions one at a time on that thread, checks
each answer against the bar (one suggestion, then 'answer again, or keep'), lets workflow 2
be skipped, and at the end shows the bullets and saves the pack in COACH_HOME, the same
file the CLI and the tab use. 'stop' leaves with nothing saved; the interview survives a
restart; a question about evidence does not start it. No model: the offline coach's session,
and once through the agent graph (the embedded model) to show the turn is kept there too."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from coach.config import Settings
from coach.evidence import load_pack
from coach.evidence.interview import asks_to_build
from coach.evidence.store import interview_path
from coach.llm import embedded_model
from coach.session import CoachSession

START = "help me build my evidence pack"
ANSWERS = [
    ("A triage bot that routes support tickets for our B2B customers", "Meets the bar."),
    ("AI", "Name the tools and models by name"),  # buzzword: corrected next
    ("GPT-4o with LangChain and a Postgres queue", "Meets the bar."),
    ("cut first reply time from 6 hours to 20 minutes", "Meets the bar."),
    ("it made stuff better", "not what changed because of it"),  # output: kept next
    ("keep", "Kept as you wrote it."),
    ("skip", "One workflow, then."),
    ("routing accuracy on 500 labelled tickets", "Meets the bar."),
    ("71%", "Meets the bar."),
    ("93%", "Meets the bar."),
]
PORTABILITY = (
    "Built on standard tools (OpenAI API, LangChain) and a repeatable eval method "
    "any support team can use"
)


@pytest.fixture
def fresh(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


def test_a_whole_interview_saves_the_pack(fresh: Settings) -> None:
    session = CoachSession(fresh)
    first = session.ask("ev", START)
    assert "Workflow 1: What does the workflow do, and for whom?" in first.answer
    for answer, said in ANSWERS:
        turn = session.ask("ev", answer)
        assert said in turn.answer, (answer, turn.answer)
    assert load_pack(fresh.home) is None  # nothing saved before the end
    last = session.ask("ev", PORTABILITY)
    pack = load_pack(fresh.home)
    assert pack is not None and 3 <= len(pack.bullets) <= 5
    assert len(pack.workflows) == 1  # the second was skipped
    assert pack.workflows[0].tools == "GPT-4o with LangChain and a Postgres queue"  # corrected
    assert pack.workflows[0].outcome == "it made stuff better"  # kept below the bar
    assert pack.eval_story.before == "71%" and pack.eval_story.after == "93%"
    assert "Your evidence pack is saved" in last.answer
    assert all(b in last.answer for b in pack.bullets)
    assert "counter script" in last.answer and "1 answer(s) were kept below the bar" in last.answer
    assert last.unverified == []  # the bullets' figures are the person's own answers
    assert not interview_path(fresh.home, "ev").exists()
    # Every turn is in the conversation, as the UI and a reload show it.
    turns = session.turns("ev")
    assert [q for q, _ in turns] == [START, *(a for a, _ in ANSWERS), PORTABILITY]
    assert turns[-1][1].answer == last.answer
    assert session.past_conversations()[0].thread_id == "ev"


def test_stop_leaves_with_nothing_saved(fresh: Settings) -> None:
    session = CoachSession(fresh)
    session.ask("ev", "can you help me put together my evidence?")
    session.ask("ev", ANSWERS[0][0])
    stopped = session.ask("ev", "stop")
    assert "nothing was saved" in stopped.answer
    assert load_pack(fresh.home) is None and not interview_path(fresh.home, "ev").exists()


def test_a_question_mid_interview_is_not_taken_as_an_answer(fresh: Settings) -> None:
    session = CoachSession(fresh)
    session.ask("ev", "let's do the evidence pack")
    turn = session.ask("ev", "what should I counter at with a $180k offer?")
    assert "You're in the evidence-pack interview" in turn.answer and "'stop'" in turn.answer
    assert "Workflow 1: What does the workflow do, and for whom?" in turn.answer
    assert session.ask("ev", ANSWERS[0][0]).answer.startswith("Meets the bar.")


def test_the_interview_survives_a_restart(fresh: Settings) -> None:
    CoachSession(fresh).ask("ev", START)
    CoachSession(fresh).ask("ev", ANSWERS[0][0])
    again = CoachSession(fresh)  # the app restarted mid-interview
    turn = again.ask("ev", "GPT-4o with LangChain")
    assert turn.answer.startswith("Meets the bar.")
    assert "Workflow 1: How much time did it save" in turn.answer
    assert len(again.turns("ev")) == 3
    # Another thread is not in the interview.
    assert not interview_path(fresh.home, "other").exists()


def test_through_the_agent_graph_the_turn_is_kept(fresh: Settings) -> None:
    session = CoachSession(fresh, model=embedded_model(fresh))
    assert session.offline_agent is None
    session.ask("g", START)
    turn = session.ask("g", "AI")  # buzzwords only, named as the mistake they are
    assert "second costliest mistake" in turn.answer
    messages = session.history("g")
    assert [type(m) for m in messages] == [HumanMessage, AIMessage] * 2
    assert messages[-1].content == turn.answer


@pytest.mark.parametrize(
    "message",
    [
        START,
        "Can you help me put together my evidence?",
        "let\u2019s do the evidence pack",
        "I'd like to redo my evidence pack",
        "build my evidence pack",
    ],
)
def test_requests_to_build_start_it(message: str) -> None:
    assert asks_to_build(message)


@pytest.mark.parametrize(
    "message",
    [
        "what evidence should I bring?",
        "what is an evidence pack?",
        "how do I build an evidence pack?",
        "is my evidence strong enough for a counter?",
    ],
)
def test_questions_about_evidence_do_not_start_it(message: str) -> None:
    assert not asks_to_build(message)


def test_a_question_about_evidence_is_answered_not_interviewed(
    own_ingested_settings: Settings,
) -> None:
    session = CoachSession(own_ingested_settings)
    turn = session.ask("ev-question", "what evidence should I bring?")
    assert "Prove it with an evidence pack" in turn.answer
    assert not interview_path(own_ingested_settings.home, "ev-question").exists()


def test_an_interview_file_that_cant_be_read_is_said_not_silently_dropped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coach.config import Settings
    from coach.evidence.store import interview_path
    from coach.session import CoachSession

    session = CoachSession(Settings(home=tmp_path))
    session.ask("t", "help me build my evidence pack")
    interview_path(tmp_path, "t").write_text("{damaged", encoding="utf-8")
    reply = session.ask("t", "A triage bot for our support queue").text
    assert "could not be read back, so it has ended" in reply
    assert not interview_path(tmp_path, "t").exists()
