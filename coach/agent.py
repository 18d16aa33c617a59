"""The coach agent: one LangChain agent loop for every backend.

``create_agent`` with our tools and the system prompt from prompts/coach.md, a
checkpointer for memory per thread, and six middlewares:

- ``CoachPicksTools``: in a thread in coach mode (COACH_TOOL_MODE, coach.tool_mode) the
  offline coach's understanding picks the tool calls and their arguments, the tools run,
  and the model, sent no tools, writes the answer from their results;
- ``ToolRounds`` sends the tool schemas only while the turn may still call tools:
  after ``tool_rounds`` rounds of tool calls the answer call goes without them (the
  schemas are the largest fixed part of a prompt);
- ``TextToolCalls`` reads the tool calls a small local model wrote as text when the
  server parsed none (coach/text_tool_calls.py), and turns a reply no one can use — a
  tool named without arguments, described instead of called, invented, repeated after
  its result, a loop of blank lines to the token limit — into ``UnusableReply``;
- ``RememberFacts`` gives a model the role, city, offer... the user named in turns the
  budget trims away;
- ``TokenBudget`` trims each prompt to fit the model's window;
- ``FallbackToEmbedded`` answers with the offline coach when the configured model
  fails (timeout, 429/5xx after the client's retries, refused connection, a cut
  stream, malformed tool-call JSON, an unknown tool, an unusable reply), marking the
  answer with one plain sentence for the user. The rest of that turn stays on the
  offline coach. In ``auto`` mode it counts the thread's unusable replies; the second
  switches the thread to coach mode.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.tools import BaseTool

from coach import memory, prompts, tokens
from coach.config import Settings, ToolMode
from coach.guard import leaks_instructions
from coach.messages import FALLBACK_KEY, PROMPT_TOKENS_KEY, fallback_reason, turn_messages
from coach.text_tool_calls import read_reply
from coach.tool_mode import (
    SWITCHED_KEY,
    UNUSABLE_KEY,
    switches_with_this_one,
    thread_mode,
    writing_prompt,
)

log = logging.getLogger(__name__)

# Room kept free in the window for the answer itself.
ANSWER_RESERVE_TOKENS = 1024


def is_offline(model: Any) -> bool:
    """The embedded backend: no tokens to pay for, and it re-reads the whole thread."""
    return getattr(model, "_llm_type", "") == "coach-embedded"


class UnusableReply(Exception):
    """A model reply that arrived whole but can't be shown or run; the message says why."""


def describe_failure(exc: BaseException) -> str:
    """One plain sentence for a model failure, without internals or secrets."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "The model server took too long to answer"
    if isinstance(exc, openai.APIConnectionError):
        return "The model server could not be reached (or the connection dropped)"
    if isinstance(exc, openai.RateLimitError):
        return "The model server is rate-limiting requests (429)"
    if isinstance(exc, openai.AuthenticationError):
        return "The model server refused the API key"
    if isinstance(exc, openai.NotFoundError):
        return "The model server does not know the configured model"
    if isinstance(exc, openai.APIStatusError):
        return f"The model server returned an error ({exc.status_code})"
    return "The model's reply could not be used"


class FallbackToEmbedded(AgentMiddleware):
    """On a failed or unusable model reply, let the embedded backend answer the turn.

    A reply that came whole but could not be used (not a timeout, an HTTP error or a cut
    stream: the server's trouble, not the model's) is marked as such on the answer given
    instead; in ``auto`` mode the second of a thread also marks the switch to coach mode.
    """

    def __init__(self, fallback: BaseChatModel, tool_mode: ToolMode = ToolMode.AUTO) -> None:
        super().__init__()
        self.fallback = fallback
        self.tool_mode = tool_mode

    def _problem(
        self, response: ModelResponse | AIMessage, request: ModelRequest
    ) -> tuple[str, bool] | None:
        """Why the response can't be used, and whether the model (not the server) is why."""
        message = _ai_message(response)
        if message is None:
            return "The model returned no message", False
        if "finish_reason" not in message.response_metadata:
            # An SSE stream that closes without its final chunk ends "successfully" in
            # the client; what we got is a fragment, not an answer.
            return "The model's reply was cut off midway", False
        if message.invalid_tool_calls:
            return "The model sent a malformed tool call", True
        known = {getattr(t, "name", None) for t in request.tools}
        unknown = [c["name"] for c in message.tool_calls if c["name"] not in known]
        if unknown:
            return f"The model asked for a tool that does not exist ({unknown[0]})", True
        if not message.tool_calls and not str(message.content).strip():
            return "The model returned an empty answer", True
        return None

    def _is_offline(self, model: Any) -> bool:
        return model is self.fallback or is_offline(model)

    def _fallback_request(self, request: ModelRequest) -> ModelRequest:
        return request.override(model=self.fallback)

    def _mark(
        self,
        response: ModelResponse | AIMessage,
        reason: str,
        unusable: bool,
        request: ModelRequest,
    ) -> ModelResponse | AIMessage:
        message = _ai_message(response)
        if message is not None:
            message.response_metadata[FALLBACK_KEY] = reason
            if unusable:
                if switches_with_this_one(self.tool_mode, request.messages):
                    message.response_metadata[SWITCHED_KEY] = True
                message.response_metadata[UNUSABLE_KEY] = True
        return response

    def _failed(self, exc: Exception) -> tuple[str, bool]:
        if isinstance(exc, UnusableReply):
            log.warning("unusable model reply: %s", exc)
            return str(exc), True
        log.warning("model call failed: %s", type(exc).__name__)
        return describe_failure(exc), False

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        reason = fallback_reason(request.messages)
        unusable = False
        if reason is None and not self._is_offline(request.model):
            try:
                response = handler(request)
            except Exception as exc:
                reason, unusable = self._failed(exc)
            else:
                problem = self._problem(response, request)
                if problem is None:
                    return response
                (reason, unusable) = problem
                log.warning("unusable model reply: %s", reason)
        response = handler(self._fallback_request(request))
        return self._mark(response, reason, unusable, request) if reason else response

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse | AIMessage:
        reason = fallback_reason(request.messages)
        unusable = False
        if reason is None and not self._is_offline(request.model):
            try:
                response = await handler(request)
            except Exception as exc:
                reason, unusable = self._failed(exc)
            else:
                problem = self._problem(response, request)
                if problem is None:
                    return response
                (reason, unusable) = problem
                log.warning("unusable model reply: %s", reason)
        response = await handler(self._fallback_request(request))
        return self._mark(response, reason, unusable, request) if reason else response


class CoachPicksTools(AgentMiddleware):
    """Coach mode: the offline coach decides the calls, the model only writes the answer.

    Sits inside FallbackToEmbedded: each model call of a turn first asks the offline coach
    (its plan: the calls its understanding of the thread needs, a second round for the
    facts a playbook topic wants); while it asks for tools, those run as any model's would.
    When it would answer, the model is sent the question, the tool results and the
    passages (prompts/write_answer.md), with no tools, and its words are the answer. A
    reply that can't be used raises ``UnusableReply``, so FallbackToEmbedded shows the
    offline coach's own answer with its notice.
    """

    def __init__(self, fallback: BaseChatModel, tool_mode: ToolMode = ToolMode.AUTO) -> None:
        super().__init__()
        self.fallback = fallback
        self.tool_mode = tool_mode

    def _applies(self, request: ModelRequest) -> bool:
        if self.tool_mode is ToolMode.MODEL or request.model is self.fallback:
            return False  # (a turn that fell back has the fallback as its model)
        if is_offline(request.model):
            return False
        return thread_mode(self.tool_mode, request.messages) is ToolMode.COACH

    def _writing_request(self, request: ModelRequest) -> ModelRequest:
        prompt = HumanMessage(writing_prompt(request.messages))
        return request.override(tools=[], system_message=None, messages=[prompt])

    @staticmethod
    def _planned_calls(response: ModelResponse | AIMessage) -> bool:
        message = _ai_message(response)
        return message is None or bool(message.tool_calls)

    @staticmethod
    def _written(response: ModelResponse | AIMessage) -> ModelResponse | AIMessage:
        message = _ai_message(response)
        if message is not None and message.tool_calls:
            raise UnusableReply("The model asked for a tool instead of writing the answer")
        return response

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        if not self._applies(request):
            return handler(request)
        planned = handler(request.override(model=self.fallback))
        if self._planned_calls(planned):
            return planned
        return self._written(handler(self._writing_request(request)))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse | AIMessage:
        if not self._applies(request):
            return await handler(request)
        planned = await handler(request.override(model=self.fallback))
        if self._planned_calls(planned):
            return planned
        return self._written(await handler(self._writing_request(request)))


def tool_rounds_done(messages: Sequence[BaseMessage]) -> int:
    """How many model calls of the current turn asked for tools."""
    return sum(1 for m in turn_messages(messages) if isinstance(m, AIMessage) and m.tool_calls)


class RequestRewrite(AgentMiddleware):
    """A middleware that only changes the request before the model call (sync and async)."""

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        raise NotImplementedError

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        return handler(self.rewrite(request))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse | AIMessage:
        return await handler(self.rewrite(request))


class ToolRounds(RequestRewrite):
    """Offer the tools for ``max_rounds`` calls a turn; then the model must answer.

    A model can ask for several tools in one round; what it needs after the results is
    to write, and sending ~800 tokens of schemas again for that doubles a turn's cost.
    """

    def __init__(self, max_rounds: int) -> None:
        super().__init__()
        self.max_rounds = max_rounds

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        if not self.max_rounds:  # 0: servers that refuse tool results without the schemas
            return request
        if is_offline(request.model):
            # No schemas to pay for; its second round (the facts a topic needs) ends itself.
            return request
        if request.tools and tool_rounds_done(request.messages) >= self.max_rounds:
            return request.override(tools=[])
        return request


class TextToolCalls(AgentMiddleware):
    """Read tool calls written as text; raise ``UnusableReply`` for a reply no one can use.

    Sits inside ToolRounds, so ``request.tools`` is what this call offered: a call written
    in the answer round (no tools offered) is a model that should have answered.
    """

    def __init__(self, tools: Sequence[BaseTool]) -> None:
        super().__init__()
        self.tools = list(tools)

    def _read(
        self, request: ModelRequest, response: ModelResponse | AIMessage
    ) -> ModelResponse | AIMessage:
        message = _ai_message(response)
        if (
            is_offline(request.model)
            or message is None
            or "finish_reason" not in message.response_metadata  # cut stream: Fallback says so
            or message.invalid_tool_calls
            or not isinstance(message.content, str)
        ):
            return response
        earlier = [
            (c["name"], c["args"])
            for m in turn_messages(request.messages)
            if isinstance(m, AIMessage)
            for c in m.tool_calls
        ]
        if message.tool_calls:
            if all((c["name"], c["args"]) in earlier for c in message.tool_calls):
                raise UnusableReply("The model repeated its tool call instead of answering")
            return response
        reading = read_reply(
            message.content,
            self.tools,
            finish_reason=message.response_metadata.get("finish_reason"),
            offered={
                getattr(t, "name", None) or _schema(t)["function"]["name"] for t in request.tools
            },
            earlier=earlier,
        )
        if reading.unusable and not leaks_instructions(message.content):
            raise UnusableReply(reading.unusable)
        if reading.unusable:
            # A reply that repeats the system prompt names every tool; the session's leak
            # guard withholds it with its own sentence, as for any model.
            return response
        if reading.calls:
            calls = [
                {
                    "name": c.name,
                    "args": c.args,
                    "id": f"call_{uuid.uuid4().hex[:12]}",
                    "type": "tool_call",
                }
                for c in reading.calls
            ]
            update: dict[str, Any] = {"content": "", "tool_calls": calls}
        elif reading.text != message.content:
            update = {"content": reading.text}
        else:
            return response
        return _replace_message(response, message, message.model_copy(update=update))

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        return self._read(request, handler(request))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse | AIMessage:
        return self._read(request, await handler(request))


def _replace_message(
    response: ModelResponse | AIMessage, old: AIMessage, new: AIMessage
) -> ModelResponse | AIMessage:
    if isinstance(response, AIMessage):
        return new
    result = [new if m is old else m for m in response.result]
    return ModelResponse(result=result, structured_response=response.structured_response)


class RememberFacts(RequestRewrite):
    """Add the facts from the user's earlier messages to a model's system prompt.

    Runs before TokenBudget, which may drop those messages; the offline coach reads the
    whole thread itself and is left alone.
    """

    def rewrite(self, request: ModelRequest) -> ModelRequest:
        if is_offline(request.model):
            return request
        facts = memory.remembered(request.messages)
        if not facts:
            return request
        system = request.system_message.content if request.system_message else ""
        note = prompts.render("memory", facts=facts)
        return request.override(system_message=SystemMessage(f"{system}\n\n{note}".strip()))


class TokenBudget(AgentMiddleware):
    """Trim each prompt so system prompt + tools + messages fit the model's window."""

    def __init__(self, context_tokens: int) -> None:
        super().__init__()
        self.context_tokens = context_tokens
        self._schema_tokens: dict[str, int] = {}

    def _tool_tokens(self, tool: Any) -> int:
        name = tool.name if isinstance(tool, BaseTool) else _schema(tool)["function"]["name"]
        if name not in self._schema_tokens:  # the same few tools on every call
            self._schema_tokens[name] = tokens.count_text(json.dumps(_schema(tool)))
        return self._schema_tokens[name]

    def _trim(self, request: ModelRequest) -> tuple[ModelRequest, int]:
        system = request.system_message.content if request.system_message else ""
        fixed = tokens.count_text(str(system))
        fixed += sum(self._tool_tokens(t) for t in request.tools)
        budget = max(256, self.context_tokens - ANSWER_RESERVE_TOKENS - fixed)
        # A short history; RememberFacts' line carries the facts of older turns.
        trimmed = tokens.fit_to_budget(request.messages, budget)
        # langchain types ModelRequest.messages as its closed AnyMessage union; ours are
        # BaseMessage: the request's own messages, or AIMessage/ToolMessage copies of them.
        trimmed_request = request.override(messages=trimmed)  # type: ignore[arg-type]
        return trimmed_request, fixed + tokens.count_messages(trimmed)

    @staticmethod
    def _record(
        response: ModelResponse | AIMessage, prompt_tokens: int
    ) -> ModelResponse | AIMessage:
        """Keep our count of the prompt: backends that report no usage still get a figure."""
        message = _ai_message(response)
        if message is not None:
            message.response_metadata.setdefault(PROMPT_TOKENS_KEY, prompt_tokens)
        return response

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        if is_offline(request.model):  # no window, no tokens to pay for: nothing to count
            return handler(request)
        trimmed, used = self._trim(request)
        return self._record(handler(trimmed), used)

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse | AIMessage:
        if is_offline(request.model):
            return await handler(request)
        trimmed, used = self._trim(request)
        return self._record(await handler(trimmed), used)


def _schema(tool: Any) -> dict[str, Any]:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    return tool if isinstance(tool, dict) else convert_to_openai_tool(tool)


def _ai_message(response: ModelResponse | AIMessage) -> AIMessage | None:
    if isinstance(response, AIMessage):
        return response
    for message in reversed(getattr(response, "result", []) or []):
        if isinstance(message, AIMessage):
            return message
    return None


def build_agent(
    settings: Settings,
    tools: list[BaseTool],
    model: BaseChatModel,
    fallback: BaseChatModel,
    checkpointer: Any = None,
) -> Any:
    """The compiled agent graph. Fallback first (outermost), then the coach-mode planner
    (whose model's reply the fallback checks), tool rounds, the reading of text calls (which
    needs to know the tools this call offered), then the budget."""
    return create_agent(
        model=model,
        tools=tools,
        system_prompt=prompts.load("coach").template,
        middleware=[
            FallbackToEmbedded(fallback, settings.tool_mode),
            CoachPicksTools(fallback, settings.tool_mode),
            ToolRounds(settings.tool_rounds),
            TextToolCalls(tools),
            RememberFacts(),
            TokenBudget(settings.context_tokens),
        ],
        checkpointer=checkpointer,
    )
