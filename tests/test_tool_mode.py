"""COACH_TOOL_MODE against the scripted OpenAI-compatible server (issue 19, item 4).

``coach``: the offline coach's understanding picks the tool calls, the tools run, and the
model — sent no tools — writes the answer from their results: its words, the tools'
figures. ``auto``: the model's own calls, until a thread has had two replies no one could
use (recorded replies of real small models); then that thread goes on in coach mode, says
so once, and stays so after a restart. The real client, agent, tools and checkpointer run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from coach.config import Settings, ToolMode, load_settings, parse_tool_mode
from coach.errors import InputError
from coach.money import format_usd
from coach.session import CoachReply, CoachSession
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall, recordings

pytestmark = pytest.mark.integration

SEATTLE = "What does a senior ML engineer make in Seattle?"
NOT_USABLE = recordings()[
    "qwen2.5-coder-1.5b-instruct.llama-cpp-python-0.2.62-chatml-function-calling"
]["tools"]  # [0]: "functions.salary_lookup:" (no arguments); [1]: an empty reply


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    srv = ScriptedOpenAI().start()
    yield srv
    srv.stop()


def settings_for(server: ScriptedOpenAI, home: Any, mode: str, **kw: Any) -> Settings:
    return Settings(
        home=home,
        openai_base_url=server.base_url,
        model="scripted-model",
        llm_timeout=5.0,
        llm_retries=0,
        tool_mode=mode,
        **kw,
    )


def thread(request: pytest.FixtureRequest) -> str:
    return request.node.name


def prompt_of(request: dict[str, Any]) -> str:
    (message,) = request["messages"]  # one user message: no system prompt, no tool traffic
    assert message["role"] == "user"
    return str(message["content"])


def writes_from_the_prompt(request: dict[str, Any]) -> Reply:
    """A model that can only write text: it quotes the median and a passage it was given."""
    prompt = prompt_of(request)
    median = re.search(r"median (\$[\d,]+)", prompt)
    mark = re.search(r"^\[([^\]]+)\]", prompt, re.M)
    said = f"The market median is {median.group(1)}. " if median else "No figure was found. "
    return Reply.text(said + (f"Anchor on it [{mark.group(1)}]." if mark else "Anchor on it."))


# -- the setting -------------------------------------------------------------------------
def test_the_mode_is_auto_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACH_TOOL_MODE", raising=False)
    assert Settings().tool_mode is ToolMode.AUTO
    monkeypatch.setenv("COACH_TOOL_MODE", " Coach ")
    assert Settings().tool_mode is ToolMode.COACH
    assert parse_tool_mode("MODEL") is ToolMode.MODEL


def test_a_bad_mode_is_refused_in_one_sentence_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COACH_TOOL_MODE", "tools")
    with pytest.raises(InputError) as err:
        load_settings()
    message = err.value.message
    assert "COACH_TOOL_MODE='tools'" in message and "'auto', 'model' or 'coach'" in message
    assert message.count(". ") == 0 and "\n" not in message
    with pytest.raises(InputError, match=r"^COACH_TOOL_MODE must be one of auto, model, coach"):
        parse_tool_mode("tools")


# -- coach mode ---------------------------------------------------------------------------
def test_coach_mode_runs_the_coachs_calls_and_shows_the_models_words(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    server.handler = writes_from_the_prompt
    session = CoachSession(settings_for(server, own_ingested_settings.home, "coach"))
    tokens: list[str] = []
    turn: CoachReply | None = None
    for event in session.stream(thread(request), SEATTLE):
        if event.kind == "token":
            tokens.append(event.text)
        elif event.kind == "done":
            turn = event.turn
    assert turn is not None
    # The offline coach's understanding chose the calls and their arguments.
    assert [(s.name, s.status) for s in turn.tool_steps] == [
        ("salary_lookup", "done"),
        ("search_playbook", "done"),
    ]
    lookup = turn.tool_steps[0]
    assert lookup.args["role"] == "machine learning engineer"
    assert lookup.args["level"] == "senior" and "Seattle" in lookup.args["location"]
    # One model call, sent no tools: the question, the results and the passages.
    (only,) = server.requests
    assert "tools" not in only
    prompt = prompt_of(only)
    assert f"The question: {SEATTLE}" in prompt
    assert lookup.result is not None and lookup.result.p50 is not None  # type: ignore[attr-defined]
    median = format_usd(lookup.result.p50)  # type: ignore[attr-defined]
    assert median in prompt
    cited = turn.citations[0]
    assert f"[{cited}]" in prompt
    # The model's words are the answer (streamed as they came); the figure is the tool's.
    assert turn.answer == f"The market median is {median}. Anchor on it [{cited}]."
    assert "".join(tokens) == turn.answer
    assert turn.backend == "scripted-model" and turn.notice is None and turn.mode_note is None
    assert turn.unverified == []


def test_coach_mode_still_flags_a_figure_the_model_invents(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    server.push(Reply.text("Ask for $400,000; the data supports it."))
    session = CoachSession(settings_for(server, own_ingested_settings.home, "coach"))
    turn = session.ask(thread(request), SEATTLE)
    assert "tools" not in server.requests[0] and len(turn.tool_steps) == 2
    assert turn.notice is None and turn.answer.startswith("Ask for $400,000")
    assert turn.unverified == ["$400,000"]


def test_coach_mode_advice_gets_the_playbook_and_small_talk_no_tool(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    server.handler = writes_from_the_prompt
    session = CoachSession(settings_for(server, own_ingested_settings.home, "coach"))
    advice = session.ask(thread(request), "They said this is the top of their range.")
    assert advice.tool_steps[0].name == "search_playbook"
    assert any("top of our range" in c for c in advice.citations)
    assert "Playbook passages:\n[objections §" in prompt_of(server.requests[-1])
    hello = session.ask(f"{thread(request)}-hello", "hello!")
    assert hello.tool_steps == [] and hello.notice is None
    assert "What the coach found:\n(nothing)" in prompt_of(server.requests[-1])


@pytest.mark.parametrize(
    "garbage",
    [
        Reply.text('{"answer": {"median": null, "ok": true}}'),  # JSON, no words
        Reply.text('```json\n{"name": "salary_lookup", "arguments": {"role": "ml"}}\n```'),
        Reply.tools(ToolCall("salary_lookup", {"role": "data scientist"})),
        Reply.text(""),
    ],
    ids=["json", "text-call", "structured-call", "empty"],
)
def test_coach_mode_falls_back_to_the_coachs_own_answer(
    server: ScriptedOpenAI,
    own_ingested_settings: Settings,
    request: pytest.FixtureRequest,
    garbage: Reply,
) -> None:
    server.push(garbage)
    session = CoachSession(settings_for(server, own_ingested_settings.home, "coach"))
    turn = session.ask(thread(request), SEATTLE)
    (only,) = server.requests  # the model writes once, sent no tools; its calls never run
    assert "tools" not in only
    assert [s.name for s in turn.tool_steps] == ["salary_lookup", "search_playbook"]
    assert turn.notice is not None and turn.notice.endswith("; the offline coach answered instead.")
    assert turn.backend == "offline coach"
    median = format_usd(turn.tool_steps[0].result.p50)  # type: ignore[union-attr]
    assert median in turn.answer and "{" not in turn.answer
    assert turn.unverified == []


def test_the_async_agent_runs_coach_mode_too(
    server: ScriptedOpenAI, own_ingested_settings: Settings
) -> None:
    import asyncio

    from langchain_core.messages import AIMessage, HumanMessage

    from coach.agent import build_agent
    from coach.tools import make_tools

    server.handler = writes_from_the_prompt
    session = CoachSession(settings_for(server, own_ingested_settings.home, "coach"))
    # The same agent without the checkpointer (SqliteSaver has no async methods).
    agent = build_agent(
        session.settings, make_tools(session.playbook), session.model, session.fallback
    )
    state = asyncio.run(agent.ainvoke({"messages": [HumanMessage(SEATTLE)]}))
    called = [c["name"] for m in state["messages"] for c in getattr(m, "tool_calls", [])]
    assert called == ["salary_lookup", "search_playbook"]
    final = state["messages"][-1]
    assert isinstance(final, AIMessage) and final.content.startswith("The market median is $")
    assert [("tools" in r) for r in server.requests] == [False]


# -- auto mode ------------------------------------------------------------------------------
def unusable_twice(server: ScriptedOpenAI, session: CoachSession, name: str) -> list[CoachReply]:
    turns = []
    for entry in NOT_USABLE[:2]:
        server.push(Reply.recorded(entry))
        turns.append(session.ask(name, entry["q"]))
    return turns


def test_auto_switches_a_thread_after_two_unusable_replies_and_says_so_once(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    settings = settings_for(server, own_ingested_settings.home, "auto")
    session = CoachSession(settings)
    name = thread(request)
    first, second = unusable_twice(server, session, name)
    assert first.notice and second.notice  # each answered by the offline coach, as before
    assert first.mode_note is None
    assert second.mode_note is not None and "\n" not in second.mode_note
    assert second.mode_note.count(". ") == 0  # one plain sentence
    assert second.text.index(second.notice) < second.text.index(second.mode_note)
    assert all("tools" in r for r in server.requests)  # until now, the model's own calls

    server.handler = writes_from_the_prompt
    server.requests.clear()
    third = session.ask(name, SEATTLE)
    assert [s.name for s in third.tool_steps] == ["salary_lookup", "search_playbook"]
    assert "tools" not in server.requests[0] and third.answer.startswith("The market median")
    assert third.notice is None and third.mode_note is None  # said once
    # What a reloaded page shows: the sentence on the turn that switched, and only there.
    notes = [turn.mode_note for _, turn in session.turns(name)]
    assert notes == [None, second.mode_note, None]

    # After a restart the thread is still in coach mode; a new thread starts in auto.
    restarted = CoachSession(settings)
    server.requests.clear()
    again = restarted.ask(name, "and in Austin?")
    assert "tools" not in server.requests[0] and again.mode_note is None
    assert again.answer.startswith("The market median")
    server.handler = None
    server.push(Reply.text("Anchor at the median."))
    fresh = restarted.ask(f"{name}-fresh", SEATTLE)
    assert "tools" in server.requests[-1] and fresh.answer == "Anchor at the median."


def test_auto_does_not_count_a_server_that_failed(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    session = CoachSession(settings_for(server, own_ingested_settings.home, "auto"))
    name = thread(request)
    server.push(Reply.error(503), Reply.error(503))  # the server's trouble, not the model's
    for _ in range(2):
        assert session.ask(name, SEATTLE).notice
    server.push(Reply.text("Anchor at the median."))
    session.ask(name, "and for staff?")
    assert "tools" in server.requests[-1]


def test_model_mode_never_switches(
    server: ScriptedOpenAI, own_ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    session = CoachSession(settings_for(server, own_ingested_settings.home, "model"))
    name = thread(request)
    turns = unusable_twice(server, session, name)
    assert all(t.notice and t.mode_note is None for t in turns)
    server.push(Reply.text("Anchor at the median."))
    session.ask(name, SEATTLE)
    assert "tools" in server.requests[-1]
