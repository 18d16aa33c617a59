"""The offline coach's turn, run without the agent graph: what a session with no model runs.

The agent graph (coach.agent) is LangChain's: its runnables import their tracing
(langsmith, opentelemetry), about a second of a ``coach ask`` process, none of it used when
the offline coach answers. This loop does what the graph does for it, step for step: the
coach reads the thread (system prompt first) and answers or asks for tools; each tool
call's arguments are validated by the tool's schema and the tool runs, its result a tool
message (a bad argument becomes the error message the graph's tool node writes); then the
coach reads again, until it answers.

The conversation is kept by the same checkpointer, one checkpoint a turn, as the graph
keeps it (durability "exit"): the thread's messages, in the channel the graph reads them
from, with the channel's version moved on. A thread can go on in either: a model
configured later continues an offline conversation, and this loop reads what the graph wrote.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.checkpoint.base import (
    BaseCheckpointSaver,
    CheckpointTuple,
    copy_checkpoint,
    create_checkpoint,
    empty_checkpoint,
)
from pydantic import BaseModel, ValidationError

from coach import prompts
from coach.embedded.offline_coach import OfflineCoach
from coach.tools import ToolSpec

MESSAGES = "messages"  # the graph's state channel for the thread
# The graph's message for a tool call whose arguments fail the schema (langgraph's
# ToolNode), so the coach reads the same words on either path.
INVALID_ARGS = (
    "Error invoking tool '{tool_name}' with kwargs {tool_kwargs} with error:\n"
    " {error}\n"
    " Please fix the error and try again."
)


class StepLimitReached(RuntimeError):
    """The coach kept asking for tools past the turn's step limit (the graph's recursion
    limit): a bug in the coach, answered as any unexpected failure is."""


class OfflineAgent:
    """One turn at a time for a thread: ``stream`` yields what the graph's "updates" mode
    yields (a node's new messages), and keeps the thread in the checkpointer."""

    def __init__(
        self,
        coach: OfflineCoach,
        tools: Sequence[ToolSpec],
        checkpointer: BaseCheckpointSaver[Any],
        recursion_limit: int = 12,
    ) -> None:
        self.coach = coach
        self.tools = {tool.name: tool for tool in tools}
        self.checkpointer = checkpointer
        self.recursion_limit = recursion_limit
        self.system_prompt = prompts.load("coach").template

    def messages(self, thread_id: str) -> list[BaseMessage]:
        saved = self.checkpointer.get_tuple(_config(thread_id))
        return _messages(saved)

    def stream(
        self, thread_id: str, message: HumanMessage, kept: list[BaseMessage] | None = None
    ) -> Iterator[dict[str, Any]]:
        """``kept``, when given, receives the thread as saved: the turn is then built
        without reading it back from the checkpointer."""
        saved = self.checkpointer.get_tuple(_config(thread_id))
        thread = [*_messages(saved), _with_id(message)]
        steps = 2  # the input's step and the graph's start node's, as the graph counts them
        try:
            while True:
                steps = self._next_step(steps)
                reply = _with_id(self._reply(thread))
                thread.append(reply)
                yield {"model": {MESSAGES: [reply]}}
                if not reply.tool_calls:
                    return
                steps = self._next_step(steps)
                results = [self._run(call) for call in reply.tool_calls]
                thread.extend(results)
                yield {"tools": {MESSAGES: results}}
        finally:
            # Kept whether the turn ended or failed, as the graph keeps it on exit.
            self._save(thread_id, saved, thread, steps)
            if kept is not None:
                kept[:] = thread

    def record(self, thread_id: str, messages: Sequence[BaseMessage]) -> None:
        """Add a turn answered outside the coach (the evidence-pack interview) to the
        thread, as one turn of the loop keeps it."""
        saved = self.checkpointer.get_tuple(_config(thread_id))
        thread = [*_messages(saved), *(_with_id(m) for m in messages)]
        self._save(thread_id, saved, thread, 3)  # input, start, the answer: a turn's steps

    def _next_step(self, steps: int) -> int:
        if steps >= self.recursion_limit:
            raise StepLimitReached(f"more than {self.recursion_limit} steps in a turn")
        return steps + 1

    def _reply(self, thread: list[BaseMessage]) -> AIMessage:
        return self.coach.reply([SystemMessage(self.system_prompt), *thread], list(self.tools))

    def _run(self, call: Any) -> ToolMessage:
        tool = self.tools[call["name"]]  # the coach calls only the tools it was given
        try:
            # Every field, validated, defaults included: what a StructuredTool passes on.
            args = tool.args_schema.model_validate(call["args"])
            content, artifact = tool.run(**_fields(args))
        except ValidationError as err:
            return _with_id(
                ToolMessage(
                    INVALID_ARGS.format(
                        tool_name=call["name"], tool_kwargs=call["args"], error=_errors(err)
                    ),
                    name=call["name"],
                    tool_call_id=call["id"],
                    status="error",
                )
            )
        return _with_id(
            ToolMessage(
                content,
                artifact=artifact,
                tool_call_id=call["id"],
                name=tool.name,
                status="success",
            )
        )

    def _save(
        self,
        thread_id: str,
        saved: CheckpointTuple | None,
        thread: list[BaseMessage],
        steps: int,
    ) -> None:
        base = copy_checkpoint(saved.checkpoint) if saved else empty_checkpoint()
        versions = base["channel_versions"]
        version = self.checkpointer.get_next_version(max(versions.values(), default=None), None)
        base["channel_values"][MESSAGES] = thread
        versions[MESSAGES] = version
        previous_step = saved.metadata.get("step", -2) if saved else -2
        step = previous_step + steps
        checkpoint = create_checkpoint(base, None, step)
        checkpoint["updated_channels"] = [MESSAGES]
        config = saved.config if saved else _config(thread_id)
        self.checkpointer.put(
            config, checkpoint, {"source": "loop", "step": step, "parents": {}}, {MESSAGES: version}
        )


def _config(thread_id: str) -> Any:
    return {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}


def _messages(saved: CheckpointTuple | None) -> list[BaseMessage]:
    if saved is None:
        return []
    return list(saved.checkpoint["channel_values"].get(MESSAGES, []))


def _with_id(message: Any) -> Any:
    """A message with an id, as the graph's message channel gives each one it keeps."""
    if message.id is None:
        message.id = str(uuid.uuid4())
    return message


def _fields(args: BaseModel) -> dict[str, Any]:
    return {name: getattr(args, name) for name in args.model_dump()}


def _errors(err: ValidationError) -> str:
    return "\n".join(
        f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
        for error in err.errors()
        if error["loc"]
    )
