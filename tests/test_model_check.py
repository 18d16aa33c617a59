"""`coach check-model` against the scripted server playing a good model, real small models
(their recorded replies), a dead endpoint, a hanging one and a model name it doesn't list."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.config import Settings
from coach.contracts import ToolName
from coach.errors import InputError
from coach.model_check import cache
from coach.model_check.check import TOOL_QUESTIONS, check_model
from coach.model_check.render import header_line, report
from coach.model_check.result import ModelCheck, ProbeKind, Speed, Status, ToolProbe
from coach.model_check.verdict import recommend, tool_verdict
from tests.model_players import good_model, recorded_model
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall

runner = CliRunner()


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    scripted = ScriptedOpenAI().start()
    yield scripted
    scripted.stop()


def settings_for(url: str, tmp_path: Path, **kw: Any) -> Settings:
    return Settings(home=tmp_path, openai_base_url=url, model="scripted-model", **kw)


def statuses(check: ModelCheck) -> dict[str, Status]:
    return {c.name: c.status for c in check.checks}


def detail(check: ModelCheck, name: str) -> str:
    return next(c.detail for c in check.checks if c.name == name)


def test_a_good_model_calls_tools_itself(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = good_model()
    server.model_info = {"max_model_len": 4096}
    check = check_model(settings_for(server.base_url, tmp_path))

    assert check.verdict.kind == "good"
    assert check.verdict.line == "good: calls tools itself → COACH_TOOL_MODE=model (or auto)"
    assert statuses(check) == {
        "reachable": Status.OK,
        "model exists": Status.OK,
        "context window": Status.OK,
        "plain chat": Status.OK,
        "streaming": Status.OK,
        "structured tool calls": Status.OK,
        "tool calls written as text": Status.SKIPPED,
        "speed": Status.OK,
    }
    assert [p.kind for p in check.probes] == [ProbeKind.STRUCTURED] * 3
    assert [p.tool for p in check.probes] == [expected for _, expected in TOOL_QUESTIONS]
    assert check.context is not None and check.context.tokens == 4096
    assert check.speed is not None and check.speed.tokens > 1
    env = check.settings.as_env() if check.settings else {}
    assert env["COACH_TOOL_MODE"] == "model"
    assert env["COACH_CONTEXT_TOKENS"] == "4096", "the server's window is below the 8192 set"
    assert "COACH_STREAM" not in env
    # The probes carry the coach's own prompt and every one of its tools; none is retried.
    tool_requests = [r for r in server.requests if r.get("tools")]
    assert len(tool_requests) == 3 and len(server.requests) == 5
    sent = {t["function"]["name"] for t in tool_requests[0]["tools"]}
    assert sent == {name.value for name in ToolName}
    assert "salary negotiation coach" in tool_requests[0]["messages"][0]["content"]


@pytest.mark.parametrize(
    ("stem", "kinds", "verdict"),
    [
        # Fenced JSON every time: each call is read from the text.
        (
            "qwen2.5-coder-1.5b-instruct.llama-server-jinja",
            [ProbeKind.TEXT, ProbeKind.TEXT, ProbeKind.TEXT],
            "text_calls",
        ),
        # Invented figures with no tool, a call cut at the token limit, one bare JSON call.
        (
            "qwen2.5-coder-0.5b-instruct.llama-server-jinja",
            [ProbeKind.ANSWERED, ProbeKind.UNUSABLE, ProbeKind.TEXT],
            "no_tools",
        ),
        # `functions.salary_lookup:` with no arguments twice, one structured call.
        (
            "qwen2.5-coder-1.5b-instruct.llama-cpp-python-0.2.62-chatml-function-calling",
            [ProbeKind.UNUSABLE, ProbeKind.STRUCTURED, ProbeKind.UNUSABLE],
            "no_tools",
        ),
    ],
)
def test_real_small_models_as_recorded(
    server: ScriptedOpenAI, tmp_path: Path, stem: str, kinds: list[ProbeKind], verdict: str
) -> None:
    server.handler = recorded_model(stem)
    check = check_model(settings_for(server.base_url, tmp_path))
    assert [p.kind for p in check.probes] == kinds, [p.detail for p in check.probes]
    assert check.verdict.kind == verdict
    assert check.settings is not None
    assert check.settings.tool_mode == {"text_calls": "auto", "no_tools": "coach"}[verdict]


def test_the_text_json_model_is_read_as_the_agent_reads_it(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    server.handler = recorded_model("qwen2.5-coder-1.5b-instruct.llama-server-jinja")
    check = check_model(settings_for(server.base_url, tmp_path))
    assert check.verdict.line == "writes tool calls as text → auto works (calls read from text)"
    assert statuses(check)["structured tool calls"] is Status.FAILED
    assert statuses(check)["tool calls written as text"] is Status.OK
    assert detail(check, "tool calls written as text").startswith("3 of 3 questions")
    assert check.probes[0].detail == "wrote a call of salary_lookup (role, level, location) as text"


def test_the_small_model_that_invents_figures(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = recorded_model("qwen2.5-coder-0.5b-instruct.llama-server-jinja")
    check = check_model(settings_for(server.base_url, tmp_path))
    assert check.verdict.line == "cannot call tools → COACH_TOOL_MODE=coach"
    assert check.probes[0].detail == "answered with figures no tool gave ($100,000, $50,000)"
    # Cut at its token limit mid-JSON: a call that can't be read.
    assert check.probes[1].detail == "wrote a tool call as text that could not be read"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_dead_endpoint_ends_fast_with_the_reason(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    check = check_model(settings_for(url, tmp_path))
    assert check.verdict.kind == "not_usable"
    assert check.verdict.line.startswith(f"not usable: not reachable at {url}: connection refused")
    assert check.settings is None and not check.usable
    assert statuses(check)["reachable"] is Status.FAILED
    assert {s for name, s in statuses(check).items() if name != "reachable"} == {Status.SKIPPED}


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with socket.socket() as listening:  # accepts connections (the kernel does), never replies
        listening.bind(("127.0.0.1", 0))
        listening.listen(4)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/v1"
        check = check_model(settings_for(url, tmp_path), reach_timeout=0.3)
    assert check.verdict.line == f"not usable: not reachable at {url}: no reply within 0.3 s"


def test_a_chat_that_hangs_is_not_usable(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = lambda request: Reply.text("late", delay=2.0)
    check = check_model(settings_for(server.base_url, tmp_path), probe_timeout=0.3)
    assert check.verdict.line == "not usable: plain chat failed: no reply within 0.3 s"
    assert statuses(check)["streaming"] is Status.SKIPPED


def test_probes_past_the_deadline_are_skipped(server: ScriptedOpenAI, tmp_path: Path) -> None:
    good = good_model()
    server.handler = lambda r: Reply(delay=2.0) if r.get("tools") else good(r)
    check = check_model(settings_for(server.base_url, tmp_path), deadline=1.2, probe_timeout=0.5)
    assert check.probes[0].kind is ProbeKind.FAILED
    assert check.probes[0].detail == "no usable reply: no reply within 0.5 s"
    assert check.probes[-1].kind is ProbeKind.SKIPPED
    assert check.verdict.kind == "no_tools"
    assert "no reply within 0.5 s" in check.verdict.line


def test_a_model_the_server_does_not_list_but_answers_to(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    """llama.cpp serves its one model whatever the name: the check says so, and which to set."""
    server.handler = good_model()
    check = check_model(settings_for(server.base_url, tmp_path).model_copy(update={"model": "x"}))
    assert statuses(check)["model exists"] is Status.FAILED
    assert (
        detail(check, "model exists") == "the server does not list 'x'; it lists 'scripted-model'"
    )
    assert "(answered as 'scripted-model')" in detail(check, "plain chat")
    assert check.verdict.kind == "good"
    assert check.settings is not None and check.settings.as_env()["COACH_MODEL"] == "scripted-model"


def test_a_model_the_server_does_not_have(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = lambda request: (
        Reply.error(404) if request["model"] != server.model else Reply.text("hi")
    )
    check = check_model(settings_for(server.base_url, tmp_path).model_copy(update={"model": "x"}))
    assert (
        check.verdict.line == "not usable: the server has no model 'x' (it lists 'scripted-model')"
    )


def test_a_url_without_v1_gets_a_hint(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = lambda request: Reply.error(404)
    check = check_model(settings_for(server.base_url.removesuffix("/v1"), tmp_path))
    assert check.verdict.line == (
        "not usable: plain chat failed: HTTP 404: scripted 404 (does the URL need /v1?)"
    )


def test_a_stream_cut_midway_recommends_plain_replies(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    good = good_model()

    def handler(request: dict[str, Any]) -> Reply:
        reply = good(request)
        if request.get("stream"):
            reply.cut_after_chunks = 3
        return reply

    server.handler = handler
    check = check_model(settings_for(server.base_url, tmp_path))
    assert statuses(check)["streaming"] is Status.FAILED
    assert check.verdict.kind == "good"
    assert check.settings is not None and check.settings.as_env()["COACH_STREAM"] == "false"


def test_a_server_that_refuses_tools(server: ScriptedOpenAI, tmp_path: Path) -> None:
    good = good_model()
    server.handler = lambda r: Reply.error(400) if r.get("tools") else good(r)
    check = check_model(settings_for(server.base_url, tmp_path))
    assert [p.kind for p in check.probes] == [ProbeKind.FAILED] * 3
    assert check.verdict.line == (
        "cannot call tools (no usable reply: HTTP 400: scripted 400) → COACH_TOOL_MODE=coach"
    )


@pytest.mark.parametrize(
    ("call", "why"),
    [
        (ToolCall("salary_lookup", {"level": "senior"}), "with an unusable 'role'"),
        (ToolCall("offer_expired", {"days": 1}), "a tool that does not exist (offer_expired)"),
        (ToolCall("salary_lookup", '{"role": "ML'), "arguments that are not JSON"),
    ],
)
def test_a_structured_call_the_agent_cannot_run_is_unusable(
    server: ScriptedOpenAI, tmp_path: Path, call: ToolCall, why: str
) -> None:
    good = good_model()
    server.handler = lambda r: Reply.tools(call) if r.get("tools") else good(r)
    check = check_model(settings_for(server.base_url, tmp_path))
    assert check.probes[0].kind is ProbeKind.UNUSABLE
    assert why in check.probes[0].detail
    assert check.verdict.kind == "no_tools"


def test_the_trained_context_is_read_when_nothing_else_says(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    server.handler = good_model()
    server.model_info = {"meta": {"n_ctx_train": 32768}}
    check = check_model(settings_for(server.base_url, tmp_path))
    assert check.context is not None and check.context.tokens == 32768
    assert check.settings is not None and check.settings.context_tokens is None


def test_no_endpoint_configured_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No model endpoint is configured"):
        check_model(Settings(home=tmp_path))


def probe(kind: ProbeKind, seconds: float | None = 1.0) -> ToolProbe:
    return ToolProbe(question="q", expected="salary_lookup", kind=kind, detail="", seconds=seconds)


def test_the_verdict_needs_two_calls_of_three() -> None:
    s, t, a = ProbeKind.STRUCTURED, ProbeKind.TEXT, ProbeKind.ANSWERED
    assert tool_verdict([probe(s), probe(s), probe(a)]).kind == "good"
    assert tool_verdict([probe(s), probe(t), probe(a)]).kind == "text_calls"
    assert tool_verdict([probe(t), probe(a), probe(a)]).kind == "no_tools"


def test_the_timeout_lets_a_typical_answer_finish() -> None:
    verdict = tool_verdict([probe(ProbeKind.STRUCTURED, 5.0)] * 3)
    slow = Speed(first_token_s=1.0, tokens_per_s=15.0, tokens=60, counted_by="server")
    wanted = recommend(verdict, [probe(ProbeKind.STRUCTURED, 5.0)] * 3, slow, True, None, 8192, 60)
    # 5 s reading the prompt + 400 tokens at 15/s ≈ 32 s, half again spare, to the 10 s.
    assert wanted.llm_timeout == 50
    assert wanted.tool_rounds == 1, "a second tool round is for fast models"
    fast = slow.model_copy(update={"tokens_per_s": 80.0})
    assert recommend(verdict, [], fast, True, None, 8192, 60).tool_rounds == 2


def test_the_cache_is_per_endpoint_and_model_and_holds_no_key(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    server.handler = good_model()
    settings = settings_for(server.base_url, tmp_path, openai_api_key="sk-secret-test")
    check = check_model(settings)
    path = cache.save(settings, check)
    assert server.requests[0]["_headers"]["authorization"] == "Bearer sk-secret-test"
    assert "sk-secret" not in path.read_text()
    assert cache.load(settings) == check
    assert cache.load(settings.model_copy(update={"model": "another"})) is None
    assert header_line(cache.load(settings)).startswith("Model check (just now): good: calls")


def test_the_header_says_how_old_the_verdict_is(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = good_model()
    check = check_model(settings_for(server.base_url, tmp_path))
    later = check.checked_at + timedelta(hours=3, minutes=5)
    assert header_line(check, now=later).startswith("Model check (3 hours ago): good")
    assert header_line(None).startswith("Model check: not run yet")
    assert check.checked_at.tzinfo is not None and check.checked_at <= datetime.now(UTC)


def test_the_report_is_plain_words(server: ScriptedOpenAI, tmp_path: Path) -> None:
    server.handler = recorded_model("qwen2.5-coder-1.5b-instruct.llama-server-jinja")
    text = report(check_model(settings_for(server.base_url, tmp_path)))
    assert "{" not in text, "no JSON in the plain report"
    assert "Verdict: writes tool calls as text → auto works" in text
    assert "  COACH_TOOL_MODE=auto\n" in text


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setenv("COACH_MODEL", "scripted-model")
    return tmp_path


def test_the_command_prints_the_verdict_and_caches_it(
    server: ScriptedOpenAI, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.handler = good_model()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-test")
    result = runner.invoke(app, ["check-model"])
    assert result.exit_code == 0, result.output
    assert "Verdict: good: calls tools itself" in result.stdout
    assert "sk-secret" not in result.output
    assert len(list((cli_env / "model-checks").glob("*.json"))) == 1
    as_json = runner.invoke(app, ["check-model", "--json"])
    assert json.loads(as_json.stdout)["verdict"]["kind"] == "good"


def test_the_command_exits_1_for_a_dead_endpoint(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1")
    result = runner.invoke(app, ["check-model"])
    assert result.exit_code == 1
    assert "Verdict: not usable: not reachable at" in result.stdout


def test_the_command_without_an_endpoint_says_so(cli_env: Path) -> None:
    result = runner.invoke(app, ["check-model"])
    assert result.exit_code == 2
    assert "No model endpoint is configured" in result.output


def _header(settings: Settings) -> Any:
    from coach.ui.app import build_blocks
    from coach.ui.services import Services

    demo = build_blocks(Services(settings))  # the session is not started: nothing is probed
    shown = [b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "model-check"]
    return shown[0] if shown else None


def test_the_ui_header_shows_the_cached_verdict_and_checks_on_demand(
    server: ScriptedOpenAI, tmp_path: Path
) -> None:
    from coach.ui import model_status

    settings = settings_for(server.base_url, tmp_path)
    assert _header(settings).value.startswith("Model check: not run yet")
    assert not server.requests, "building the page sends no probe"
    server.handler = recorded_model("qwen2.5-coder-1.5b-instruct.llama-server-jinja")
    line = model_status.check_now(settings)  # what the header's button runs
    assert line == (
        "Model check (just now): writes tool calls as text → auto works (calls read from text)."
    )
    assert _header(settings).value == line, "read back from the cache"
    assert _header(Settings(home=tmp_path)) is None, "no model configured: no line"
