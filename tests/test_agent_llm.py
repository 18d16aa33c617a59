"""The whole agent loop over HTTP against our scripted OpenAI-compatible server.

The server is the only thing scripted: the real ChatOpenAI client, the real agent
graph, the real tools and the real checkpointer run. Faults end in one plain
sentence, the offline coach answers instead, and the conversation is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings
from coach.contracts import ToolName
from coach.session import CoachSession
from tests.conftest import free_port
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall

pytestmark = pytest.mark.integration


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    srv = ScriptedOpenAI().start()
    yield srv
    srv.stop()


@pytest.fixture
def llm_settings(server: ScriptedOpenAI, ingested_settings: Settings, tmp_path: Path) -> Settings:
    # The ingested playbook store, a fresh conversation database per test.
    return Settings(
        home=ingested_settings.home,
        openai_base_url=server.base_url,
        openai_api_key="sk-test-secret",
        model="scripted-model",
        llm_timeout=2.0,
        llm_retries=1,
    ).model_copy(update={"home": ingested_settings.home})


@pytest.fixture
def session(
    llm_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> CoachSession:
    coach = CoachSession(llm_settings)
    return coach


def _thread(request: pytest.FixtureRequest) -> str:
    return request.node.name


def lookup_call() -> ToolCall:
    return ToolCall(
        "salary_lookup",
        {"role": "machine learning engineer", "level": "senior", "location": "Seattle"},
    )


def test_tool_call_then_answer_over_sse(
    server: ScriptedOpenAI, session: CoachSession, request: pytest.FixtureRequest
) -> None:
    server.push(
        Reply.tools(ToolCall("search_playbook", {"query": "top of our range"})),
        Reply.text('Ask for a sign-on bonus [objections § "This is the top of our range"].'),
    )
    turn = session.ask(_thread(request), "They said this is the top of their range.")
    assert "sign-on bonus" in turn.answer
    assert turn.backend == "scripted-model"
    assert turn.notice is None
    assert [s.name for s in turn.tool_steps] == ["search_playbook"]
    assert any(c.startswith("objections §") for c in turn.citations)
    first, second = server.requests
    assert first["stream"] is True
    assert {t["function"]["name"] for t in first["tools"]} >= {"search_playbook", "salary_lookup"}
    assert first["messages"][0]["role"] == "system"
    # The tool result went back to the model.
    assert any(m["role"] == "tool" and "objections" in m["content"] for m in second["messages"])
    # The key is sent as a header, never echoed into the conversation.
    assert first["_headers"]["authorization"] == "Bearer sk-test-secret"
    assert "sk-test-secret" not in str(turn.to_dict())


def test_plain_json_path_without_streaming(
    server: ScriptedOpenAI, ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    settings = Settings(
        home=ingested_settings.home,
        openai_base_url=server.base_url,
        model="scripted-model",
        stream=False,
        llm_retries=0,
    )
    server.push(
        Reply.tools(ToolCall("salary_lookup", {"role": "data scientist", "location": "Austin"})),
        Reply.text("Look at the median in the table."),
    )
    turn = CoachSession(settings).ask(_thread(request), "Data scientist pay in Austin?")
    assert all(not r.get("stream") for r in server.requests)
    assert turn.notice is None and turn.tool_steps[0].name == "salary_lookup"
    assert turn.answer == "Look at the median in the table."


def test_numbers_guard_flags_a_figure_no_tool_produced(
    server: ScriptedOpenAI, session: CoachSession, request: pytest.FixtureRequest
) -> None:
    server.push(Reply.tools(lookup_call()))
    server.handler = None

    def answer(req: dict) -> Reply:
        tool = next(m for m in req["messages"] if m["role"] == "tool")
        import json

        p50 = json.loads(tool["content"])["p50"]
        return Reply.text(f"The median is ${p50:,}. Ask for $400,000 to be safe.")

    server.handler = answer
    turn = session.ask(_thread(request), "What does a senior MLE in Seattle make?")
    assert turn.unverified == ["$400,000"]
    assert "Unverified figure(s): $400,000" in turn.text


def test_memory_survives_a_restart(
    server: ScriptedOpenAI, llm_settings: Settings, request: pytest.FixtureRequest
) -> None:
    server.push(Reply.text("Noted: you are a data engineer in Austin."))
    CoachSession(llm_settings).ask(_thread(request), "I'm a data engineer in Austin.")
    server.push(Reply.text("Still here."))
    again = CoachSession(llm_settings)  # a new process would build exactly this
    again.ask(_thread(request), "Do you remember my role?")
    sent = server.requests[-1]["messages"]
    assert any("data engineer in Austin" in str(m.get("content")) for m in sent)
    assert len(again.history(_thread(request))) == 4


@pytest.mark.parametrize(
    ("fault", "sentence"),
    [
        (Reply(delay=3.0, content="too late"), "took too long"),
        (Reply.error(500), "returned an error (500)"),
        (Reply.error(429, retry_after=0.1), "rate-limiting"),
        (Reply(drop=True), "could not be reached"),
        (Reply(content="a long answer that will be cut midway", cut_after_chunks=3), "cut off"),
        (Reply.tools(ToolCall("salary_lookup", '{"role": ML eng!!}')), "malformed tool call"),
        (Reply.tools(ToolCall("delete_everything", {})), "tool that does not exist"),
    ],
    ids=["timeout", "500", "429", "dropped", "cut-stream", "bad-json", "unknown-tool"],
)
def test_faults_fall_back_to_the_offline_coach(
    server: ScriptedOpenAI,
    session: CoachSession,
    request: pytest.FixtureRequest,
    fault: Reply,
    sentence: str,
) -> None:
    thread = _thread(request)
    server.push(Reply.text("First answer, before anything broke."))
    session.ask(thread, "Hello there")
    # Every attempt of the next turn meets the fault (the client retries once).
    server.push(fault, fault)
    turn = session.ask(thread, "They said this is the top of their range.")
    assert turn.notice is not None and sentence in turn.notice
    assert turn.backend == "offline coach"
    assert turn.text.startswith("⚠️")
    assert "objections §" in turn.answer  # the offline coach really answered
    assert "Traceback" not in turn.text
    history = session.history(thread)
    assert history[0].content == "Hello there"
    assert "First answer" in history[1].content
    assert history[2].content == "They said this is the top of their range."


def test_refused_connection_falls_back(
    ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    settings = Settings(
        home=ingested_settings.home,
        openai_base_url=f"http://127.0.0.1:{free_port()}/v1",
        model="nothing-listens",
        llm_timeout=1.0,
        llm_retries=0,
    )
    turn = CoachSession(settings).ask(_thread(request), "Should I tell them my current salary?")
    assert "could not be reached" in (turn.notice or "")
    assert "anchoring §" in turn.answer


def test_token_budget_trims_a_long_conversation(
    server: ScriptedOpenAI, ingested_settings: Settings, request: pytest.FixtureRequest
) -> None:
    from coach import tokens

    settings = Settings(
        home=ingested_settings.home,
        openai_base_url=server.base_url,
        model="scripted-model",
        context_tokens=4096,
        llm_retries=0,
    )
    session = CoachSession(settings)
    long_answer = "word " * 900
    thread = _thread(request)
    for i in range(12):
        server.push(Reply.text(f"Answer {i}: {long_answer}"))
        session.ask(thread, f"Question number {i}: tell me about equity refreshers.")
    last = server.requests[-1]
    sent = " ".join(str(m.get("content") or "") for m in last["messages"])
    import json

    total = tokens.count_text(sent) + tokens.count_text(json.dumps(last.get("tools", [])))
    assert total <= 4096 - 1024 + 200  # window minus the answer reserve, with format overhead
    assert "Question number 11" in sent  # the current question is always kept
    assert "Question number 0:" not in sent  # the oldest turns went first
    assert len(session.history(thread)) == 24  # trimming never deletes stored history


def test_the_answer_call_goes_without_tool_schemas(
    server: ScriptedOpenAI, session: CoachSession, request: pytest.FixtureRequest
) -> None:
    server.push(
        Reply.tools(lookup_call(), ToolCall("search_playbook", {"query": "state a range"})),
        Reply.text("Anchor at the market median from the lookup."),
    )
    turn = session.ask(_thread(request), "What does a senior ML engineer in Seattle make?")
    assert [s.name for s in turn.tool_steps] == ["salary_lookup", "search_playbook"]
    first, second = server.requests
    assert len(first["tools"]) == len(ToolName)  # every tool is offered (issue 15 added two)
    assert "tools" not in second  # one tool round (several tools at once), then the answer
    assert any(m["role"] == "tool" for m in second["messages"])
    # Schemas carry what a model needs to fill them, not pydantic's titles or "" defaults.
    schemas = json.dumps(first["tools"])
    assert '"title"' not in schemas and '"default": ""' not in schemas


def test_more_tool_rounds_when_configured(
    server: ScriptedOpenAI, llm_settings: Settings, request: pytest.FixtureRequest
) -> None:
    session = CoachSession(llm_settings.model_copy(update={"tool_rounds": 2}))
    server.push(
        Reply.tools(lookup_call()),
        Reply.tools(ToolCall("search_playbook", {"query": "state a range"})),
        Reply.text("Anchor at the market median."),
    )
    turn = session.ask(_thread(request), "What does a senior ML engineer in Seattle make?")
    assert [s.name for s in turn.tool_steps] == ["salary_lookup", "search_playbook"]
    every = len(ToolName)  # issue 15 added two tools
    assert [len(r.get("tools", [])) for r in server.requests] == [every, every, 0]


def test_facts_from_trimmed_turns_still_reach_the_model(
    server: ScriptedOpenAI, session: CoachSession, request: pytest.FixtureRequest
) -> None:
    thread = _thread(request)
    server.push(Reply.text("Noted."))
    session.ask(thread, "I'm a senior ML engineer in Seattle; my current base is $150,000.")
    for i in range(8):
        server.push(Reply.text(f"Answer {i}: " + "keep your evidence specific. " * 20))
        session.ask(thread, f"Question {i}: how do I prepare for the call?")
    server.push(Reply.text("Staff pays more."))
    session.ask(thread, "and for staff?")
    last = server.requests[-1]
    said = " ".join(str(m.get("content")) for m in last["messages"] if m["role"] != "system")
    assert "Seattle" not in said  # the first turn itself was trimmed away...
    system = last["messages"][0]["content"].lower()
    assert "seattle" in system and "machine learning engineer" in system  # ...its facts were not
    assert "current base: $150,000" in system and "latest offer" not in system


def test_prompt_tokens_per_turn_stay_small_over_a_long_conversation(
    server: ScriptedOpenAI, session: CoachSession, request: pytest.FixtureRequest
) -> None:
    thread = _thread(request)
    counts = []
    for i in range(10):
        server.push(
            Reply.tools(ToolCall("search_playbook", {"query": f"question {i}", "k": 2})),
            Reply.text(f"Answer {i}: " + "cite the playbook and keep it specific. " * 25),
        )
        counts.append(session.ask(thread, f"Question {i}: what should I say next?").prompt_tokens)
    # Fixed cost (system prompt, one set of tool schemas) plus a history capped in size:
    # the tenth turn costs about what the fourth does.
    assert max(counts[3:]) - min(counts[3:]) < 250
    assert counts[-1] < 2 * counts[0]
