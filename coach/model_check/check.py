"""Run the probes against the configured endpoint, within one deadline, and judge them.

In order, each stopping the rest when the model can't be used: the server answers
(GET /models), it lists the model, the context window if it says, a plain chat reply, a
streamed one (its speed), then three questions with the coach's own prompt and tool
schemas — a structured call, a call written as text (read as the agent reads it), an
answer in words or an unusable reply. Each request has its own short timeout and none is
retried; probes that would run past the deadline are skipped, so the check ends in
``deadline`` seconds whatever the server does.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coach.config import Settings
from coach.errors import InputError
from coach.model_check.result import (
    Check,
    ContextWindow,
    ModelCheck,
    ProbeKind,
    Speed,
    Status,
    ToolProbe,
    endpoint_of,
)
from coach.model_check.verdict import not_usable, recommend, tool_verdict
from coach.model_check.wire import Endpoint, ProbeError

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

DEADLINE_S = 50.0  # the whole check: under a minute, whatever the server does
PROBE_TIMEOUT_S = 20.0  # one chat request
REACH_TIMEOUT_S = 5.0  # GET /models: a live server lists its models at once
CONTEXT_TIMEOUT_S = 2.0  # /props, a llama.cpp extra: absent elsewhere
MIN_LEFT_S = 0.5  # less time than this left: the probe is skipped, not started

# The three tool questions: real ones, asked of real small models in
# tests/data/real-model-replies/, so a scripted server can replay what those answered.
TOOL_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("What does a senior ML engineer make in Seattle?", "salary_lookup"),
    ("Find me tactics for negotiating a bigger signing bonus.", "search_playbook"),
    ("How much should a junior product designer in London expect to earn?", "salary_lookup"),
)
CHAT_PROMPT = "Say hello to someone about to negotiate a job offer, in one short sentence."
STREAM_PROMPT = "Name three things to negotiate besides base salary, one short line each."
# Where servers put the context window in a /models entry: LM Studio and OpenRouter,
# vLLM, others; llama.cpp's `meta.n_ctx_train` is what the model was trained for.
CONTEXT_FIELDS = ("context_length", "max_context_length", "max_model_len", "context_window")


@dataclass
class _Clock:
    deadline: float  # time.monotonic() at which the check must be over
    probe_timeout: float

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def timeout(self, cap: float) -> float | None:
        """This probe's timeout, or None when there is no time left to start it."""
        left = self.left()
        return None if left < MIN_LEFT_S else min(cap, left)


def check_model(
    settings: Settings,
    *,
    deadline: float = DEADLINE_S,
    probe_timeout: float = PROBE_TIMEOUT_S,
    reach_timeout: float = REACH_TIMEOUT_S,
    tools: list[BaseTool] | None = None,
) -> ModelCheck:
    """Check the configured endpoint and model; ``tools``: the coach's own unless given."""
    if not settings.uses_llm:
        raise InputError(
            "No model endpoint is configured (OPENAI_BASE_URL, or OPENAI_API_KEY for OpenAI): "
            "the offline coach answers, and there is no model to check."
        )
    base_url, model = endpoint_of(settings)
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    run = _Run(
        Endpoint(base_url, key),
        model,
        _Clock(time.monotonic() + deadline, probe_timeout),
        tools,
        settings,
    )
    try:
        return run.all(settings, reach_timeout)
    finally:
        run.endpoint.close()


def _coach_tools(settings: Settings) -> list[BaseTool]:
    from coach.playbook import Playbook  # the store opens only if a tool runs; none does
    from coach.tools import make_tools

    return make_tools(Playbook(settings))


class _Run:
    def __init__(
        self,
        endpoint: Endpoint,
        model: str,
        clock: _Clock,
        tools: list[BaseTool] | None,
        settings: Settings,
    ) -> None:
        self.endpoint, self.model, self.clock = endpoint, model, clock
        self._tools, self._settings = tools, settings
        self._schemas: list[dict[str, Any]] | None = None
        self.started = time.monotonic()
        self.checks: list[Check] = []
        self.listed: list[str] | None = None

    def add(self, name: str, status: Status, detail: str) -> Check:
        check = Check(name=name, status=status, detail=detail)
        self.checks.append(check)
        return check

    def skip_rest(self, names: list[str], why: str) -> None:
        for name in names:
            self.add(name, Status.SKIPPED, why)

    def result(self, verdict: Any, **kw: Any) -> ModelCheck:
        return ModelCheck(
            base_url=self.endpoint.base_url,
            model=self.model,
            checked_at=datetime.now(UTC),
            seconds=round(time.monotonic() - self.started, 3),
            checks=self.checks,
            verdict=verdict,
            **kw,
        )

    def all(self, settings: Settings, reach_timeout: float) -> ModelCheck:
        later = ["model exists", "context window", "plain chat", "streaming"]
        later += ["structured tool calls", "tool calls written as text", "speed"]
        url = self.endpoint.base_url
        try:
            listing = self.endpoint.get_json(f"{url}/models", min(reach_timeout, self.clock.left()))
            self.add("reachable", Status.OK, f"the server answered at {url}")
        except ProbeError as err:
            if err.status is None:  # no HTTP answer at all
                self.add("reachable", Status.FAILED, f"no answer at {url}: {err.reason}")
                self.skip_rest(later, "the server is not reachable")
                return self.result(not_usable(f"not reachable at {url}: {err.reason}"))
            self.add("reachable", Status.OK, f"the server answered at {url}")
            listing = None
            self.add("model exists", Status.SKIPPED, f"the server lists no models ({err.reason})")
        entry = self._model_entry(listing) if listing is not None else None
        context = self._context(entry)

        chat = self._chat()
        if chat is not None:
            self.skip_rest(later[3:], "plain chat failed")
            return self.result(chat, context=context)
        stream_ok, speed = self._stream()
        probes = [self._tool_probe(q, expected) for q, expected in TOOL_QUESTIONS]
        self._tool_checks(probes)
        self._speed_check(speed)
        verdict = tool_verdict(probes)
        wanted = recommend(
            verdict,
            probes,
            speed,
            stream_ok,
            context,
            settings.context_tokens,
            settings.llm_timeout,
        )
        if self.listed and len(self.listed) == 1 and not _same_model(self.listed[0], self.model):
            wanted = wanted.model_copy(update={"model": self.listed[0]})
        return self.result(verdict, probes=probes, speed=speed, context=context, settings=wanted)

    # -- the model and its context window -----------------------------------------------
    def _model_entry(self, listing: Any) -> dict[str, Any] | None:
        data = listing.get("data") if isinstance(listing, dict) else None
        entries = [e for e in data or [] if isinstance(e, dict) and e.get("id")]
        self.listed = [str(e["id"]) for e in entries]
        for entry in entries:
            if _same_model(str(entry["id"]), self.model):
                self.add("model exists", Status.OK, f"the server lists '{self.model}'")
                return entry
        if not entries:
            self.add("model exists", Status.SKIPPED, "the server's model list is empty")
        else:
            self.add(
                "model exists",
                Status.FAILED,
                f"the server does not list '{self.model}'; it lists {_names(self.listed)}",
            )
        return None

    def _context(self, entry: dict[str, Any] | None) -> ContextWindow | None:
        # What the server serves first (a /models field, llama.cpp's /props), then what
        # the model was trained for.
        found = _context_in(entry or {})
        if found is None and self.endpoint.root != self.endpoint.base_url:
            timeout = self.clock.timeout(CONTEXT_TIMEOUT_S)
            if timeout is not None:
                try:
                    props = self.endpoint.get_json(f"{self.endpoint.root}/props", timeout)
                except ProbeError:
                    props = None
                found = _context_in_props(props)
        found = found or _trained_for(entry or {})
        if found is None:
            self.add("context window", Status.SKIPPED, "the server does not say")
            return None
        self.add("context window", Status.OK, f"{found.tokens:,} tokens (from {found.source})")
        return found

    # -- chat and streaming -------------------------------------------------------------
    def _body(self, messages: list[dict[str, Any]], max_tokens: int, **kw: Any) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
            **kw,
        }

    def _chat(self) -> Any:
        """None when plain chat works; else the not-usable verdict."""
        timeout = self.clock.timeout(self.clock.probe_timeout)
        if timeout is None:
            self.add("plain chat", Status.SKIPPED, "out of time")
            return not_usable("the check ran out of time before a chat reply")
        start = time.monotonic()
        body = self._body([{"role": "user", "content": CHAT_PROMPT}], 32)
        try:
            reply = self.endpoint.chat(body, timeout)
        except ProbeError as err:
            self.add("plain chat", Status.FAILED, err.reason)
            listed = self.listed or []
            if err.status == 404 and listed and not any(_same_model(n, self.model) for n in listed):
                return not_usable(
                    f"the server has no model '{self.model}' (it lists {_names(listed)})"
                )
            if err.status == 404 and not self.endpoint.base_url.endswith("/v1"):
                # llama.cpp, Ollama, LM Studio and vLLM all answer under /v1.
                return not_usable(f"plain chat failed: {err.reason} (does the URL need /v1?)")
            return not_usable(f"plain chat failed: {err.reason}")
        seconds = time.monotonic() - start
        text = _content(reply)
        if not text.strip():
            self.add("plain chat", Status.FAILED, "the reply was empty")
            return not_usable("plain chat gave an empty reply")
        answered_as = reply.get("model")
        also = (
            f" (answered as '{answered_as}')"
            if self.listed and answered_as and not _same_model(str(answered_as), self.model)
            else ""
        )
        self.add("plain chat", Status.OK, f"replied in {seconds:.1f} s: {_quote(text)}{also}")
        return None

    def _stream(self) -> tuple[bool, Speed | None]:
        timeout = self.clock.timeout(self.clock.probe_timeout)
        if timeout is None:
            self.add("streaming", Status.SKIPPED, "out of time")
            return False, None
        body = self._body(
            [{"role": "user", "content": STREAM_PROMPT}],
            64,
            stream=True,
            stream_options={"include_usage": True},
        )
        try:
            got = self.endpoint.stream(body, timeout)
        except ProbeError as err:
            self.add("streaming", Status.FAILED, f"{err.reason} → set COACH_STREAM=false")
            return False, None
        if not got.chunks:
            self.add("streaming", Status.FAILED, "the stream carried no text → COACH_STREAM=false")
            return False, None
        if not (got.done or got.finish):
            self.add(
                "streaming", Status.FAILED, "the stream was cut off midway → COACH_STREAM=false"
            )
            return False, _speed(got)
        self.add("streaming", Status.OK, f"{got.chunks} pieces of text, ended properly")
        return True, _speed(got)

    def _speed_check(self, speed: Speed | None) -> None:
        if speed is None:
            self.add("speed", Status.SKIPPED, "not measured (no streamed reply)")
            return
        rate = (
            f"{speed.tokens_per_s:,.1f} tokens/s"
            + (" (the server's count)" if speed.counted_by == "server" else " (one per piece)")
            if speed.tokens_per_s is not None
            else "too few tokens to time"
        )
        self.add("speed", Status.OK, f"first token after {speed.first_token_s:.2f} s; {rate}")

    # -- tool calls ---------------------------------------------------------------------
    def _tool_probe(self, question: str, expected: str) -> ToolProbe:
        def probe(kind: ProbeKind, detail: str, **kw: Any) -> ToolProbe:
            return ToolProbe(question=question, expected=expected, kind=kind, detail=detail, **kw)

        timeout = self.clock.timeout(self.clock.probe_timeout)
        if timeout is None:
            return probe(ProbeKind.SKIPPED, "not asked: the check ran out of time")
        from coach import prompts

        messages = [
            {"role": "system", "content": prompts.load("coach").template},
            {"role": "user", "content": question},
        ]
        schemas = self.schemas
        start = time.monotonic()
        try:
            reply = self.endpoint.chat(self._body(messages, 160, tools=schemas), timeout)
        except ProbeError as err:
            return probe(ProbeKind.FAILED, f"no usable reply: {err.reason}")
        seconds = round(time.monotonic() - start, 3)
        kind, detail, tool = _read_tool_reply(question, reply, self.tools)
        if tool and tool != expected:
            detail += f" (a good pick is {expected})"
        return probe(kind, detail, tool=tool, seconds=seconds)

    @property
    def tools(self) -> list[BaseTool]:
        """The coach's own tools, built when the first tool question is asked."""
        if self._tools is None:
            self._tools = _coach_tools(self._settings)
        return self._tools

    @property
    def schemas(self) -> list[dict[str, Any]]:
        """The tools as the agent sends them (ChatOpenAI.bind_tools converts them so)."""
        if self._schemas is None:
            from langchain_core.utils.function_calling import convert_to_openai_tool

            self._schemas = [convert_to_openai_tool(t) for t in self.tools]
        return self._schemas

    def _tool_checks(self, probes: list[ToolProbe]) -> None:
        asked = [p for p in probes if p.kind is not ProbeKind.SKIPPED]
        structured = [p for p in probes if p.kind is ProbeKind.STRUCTURED]
        text = [p for p in probes if p.kind is ProbeKind.TEXT]
        bad = [p for p in probes if p.kind is ProbeKind.UNUSABLE]
        of = f"of {len(probes)} questions"
        if not asked:
            self.skip_rest(["structured tool calls", "tool calls written as text"], "out of time")
            return
        self.add(
            "structured tool calls",
            Status.OK if len(structured) >= 2 else Status.FAILED,
            f"{len(structured)} {of} called a tool the way the API asks",
        )
        if not text and not bad:
            self.add("tool calls written as text", Status.SKIPPED, f"none {of}")
        else:
            detail = f"{len(text)} {of} written as text and read"
            if bad:
                detail += f"; {len(bad)} unusable"
            self.add("tool calls written as text", Status.FAILED if bad else Status.OK, detail)


def _read_tool_reply(
    question: str, reply: dict[str, Any], tools: list[BaseTool]
) -> tuple[ProbeKind, str, str | None]:
    """What one reply to a tool question is, read as the agent reads it."""
    from langchain_core.messages import HumanMessage

    from coach.guard import unsupported_amounts
    from coach.text_tool_calls import read_reply

    choice = reply["choices"][0]
    message = choice.get("message") or {}
    by_name = {t.name: t for t in tools}
    calls = message.get("tool_calls") or []
    if calls:
        function = calls[0].get("function") or {}
        name = str(function.get("name") or "")
        if name not in by_name:
            return ProbeKind.UNUSABLE, f"called a tool that does not exist ({name})", None
        problem = _args_problem(by_name[name], function.get("arguments"))
        if problem:
            return ProbeKind.UNUSABLE, f"called {name} with {problem}", name
        return ProbeKind.STRUCTURED, f"called {name}{_arg_names(function)}", name
    reading = read_reply(
        message.get("content") or "", tools, finish_reason=choice.get("finish_reason")
    )
    if reading.calls:
        call = reading.calls[0]
        names = f" ({', '.join(call.args)})" if call.args else ""
        return ProbeKind.TEXT, f"wrote a call of {call.name}{names} as text", call.name
    if reading.unusable:
        why = reading.unusable.removeprefix("The model ")
        return ProbeKind.UNUSABLE, why, None
    invented = unsupported_amounts(reading.text, [HumanMessage(question)])
    if invented:  # the numbers guard's reading: money no tool gave
        figures = ", ".join(invented)
        return ProbeKind.ANSWERED, f"answered with figures no tool gave ({figures})", None
    return ProbeKind.ANSWERED, f"answered in words, no tool: {_quote(reading.text)}", None


def _args_problem(tool: BaseTool, arguments: Any) -> str | None:
    try:
        args = json.loads(arguments) if isinstance(arguments, str) else arguments
    except ValueError:
        return "arguments that are not JSON"
    schema = tool.args_schema
    if not isinstance(args, dict):
        return "arguments that are not an object"
    if schema is None or isinstance(schema, dict):
        return None
    try:
        schema.model_validate(args)  # type: ignore[union-attr]
    except ValidationError as err:
        first = err.errors()[0]
        return f"an unusable '{'.'.join(str(p) for p in first['loc'])}' ({first['msg']})"
    return None


def _arg_names(function: dict[str, Any]) -> str:
    try:
        args = json.loads(function.get("arguments") or "{}")
    except ValueError:
        return ""
    return f" ({', '.join(args)})" if isinstance(args, dict) and args else ""


def _speed(got: Any) -> Speed | None:
    if got.first_at is None:
        return None
    tokens = got.usage_tokens or got.chunks
    span = (got.last_at or got.first_at) - got.first_at
    rate = round((tokens - 1) / span, 1) if tokens > 1 and span > 0 else None
    return Speed(
        first_token_s=round(got.first_at, 3),
        tokens_per_s=rate,
        tokens=tokens,
        counted_by="server" if got.usage_tokens else "chunks",
    )


def _context_in(entry: dict[str, Any]) -> ContextWindow | None:
    for key in CONTEXT_FIELDS:
        if _positive(entry.get(key)):
            return ContextWindow(tokens=int(entry[key]), source=f"/models, field {key}")
    return None


def _trained_for(entry: dict[str, Any]) -> ContextWindow | None:
    meta = entry.get("meta")
    if isinstance(meta, dict) and _positive(meta.get("n_ctx_train")):
        trained = "/models, what the model was trained for (n_ctx_train)"
        return ContextWindow(tokens=int(meta["n_ctx_train"]), source=trained)
    return None


def _context_in_props(props: Any) -> ContextWindow | None:
    """llama.cpp's /props: ``default_generation_settings.n_ctx``, the window it serves."""
    settings = props.get("default_generation_settings") if isinstance(props, dict) else None
    n_ctx = settings.get("n_ctx") if isinstance(settings, dict) else None
    if not isinstance(n_ctx, int) or not _positive(n_ctx):
        return None
    return ContextWindow(tokens=n_ctx, source="/props, n_ctx")


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _same_model(listed: str, configured: str) -> bool:
    """Ollama lists 'qwen2.5:1.5b' and answers to 'qwen2.5:1.5b:latest' alike, any case."""

    def norm(name: str) -> str:
        return name.strip().lower().removesuffix(":latest")

    return norm(listed) == norm(configured)


def _content(reply: dict[str, Any]) -> str:
    message = reply["choices"][0].get("message") or {}
    return str(message.get("content") or "")


def _quote(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:width]}…”" if len(flat) > width else f"“{flat}”"


def _names(names: list[str], most: int = 5) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")
