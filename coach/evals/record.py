"""A coach turn as the graders see it, and as the response cache stores it.

Graders never touch a live session: they read a ``ReplyRecord`` built from a
``CoachReply`` (a live run), from JSON (a cached run) or from a gold-set entry. The
record keeps what every grader needs: the question and earlier user messages, the
tool calls with their results, the answer, its citations and who answered.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from coach.contracts import ToolResult, parse_result

if TYPE_CHECKING:
    from coach.session import CoachReply, ToolStep


@dataclass
class ToolRecord:
    """A tool call and its result as plain JSON (the artifact's dump), as the cache keeps it."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    error: str | None = None

    @classmethod
    def from_step(cls, step: ToolStep) -> ToolRecord:
        data = step.result.dump() if step.result is not None else (step.raw or None)
        return cls(step.name, dict(step.args), data, step.error)

    @property
    def result(self) -> ToolResult | None:
        """The typed result, validated from the stored data (cached runs and gold entries)."""
        return parse_result(self.name, self.data)


@dataclass
class ReplyRecord:
    question: str
    answer: str
    tools: list[ToolRecord] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # earlier user messages in the thread
    citations: list[str] = field(default_factory=list)
    backend: str = ""
    notice: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @classmethod
    def from_turn(cls, question: str, history: list[str], turn: CoachReply) -> ReplyRecord:
        return cls(
            question=question,
            answer=turn.answer,
            tools=[ToolRecord.from_step(s) for s in turn.tool_steps],
            history=list(history),
            citations=list(turn.citations),
            backend=turn.backend,
            notice=turn.notice,
            prompt_tokens=turn.prompt_tokens,
            completion_tokens=turn.completion_tokens,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReplyRecord:
        tools = [ToolRecord(**t) for t in data.get("tools", [])]
        return cls(**{**data, "tools": tools})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        return [(t.name, t.args) for t in self.tools]

    def messages(self) -> list[BaseMessage]:
        """Tool results and user messages, as the numbers guard reads them in a session."""
        found: list[BaseMessage] = [
            ToolMessage(
                content=json.dumps(t.data, default=str), tool_call_id=f"eval-{i}", name=t.name
            )
            for i, t in enumerate(self.tools)
        ]
        found += [HumanMessage(text) for text in [*self.history, self.question]]
        return found

    def tool_text(self) -> str:
        """What the tools cited and showed, as one string: a citation is grounded if it
        appears here."""
        parts: list[str] = []
        for tool in self.tools:
            result = tool.result
            if result is None:
                parts.append(json.dumps(tool.data, default=str, ensure_ascii=False))
            else:
                parts += [*result.citations(), result.markdown()]
        return "\n".join(parts)
