"""A coach turn as the graders see it, and as the response cache stores it.

Graders never touch a live session: they read a ``TurnRecord`` built from a
``Turn`` (a live run), from JSON (a cached run) or from a gold-set entry. The
record keeps what every grader needs: the question and earlier user messages, the
tool calls with their results, the answer, its citations and who answered.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

if TYPE_CHECKING:
    from coach.session import Turn


@dataclass
class ToolRecord:
    name: str
    args: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    error: str | None = None


@dataclass
class TurnRecord:
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
    def from_turn(cls, question: str, history: list[str], turn: Turn) -> TurnRecord:
        return cls(
            question=question,
            answer=turn.answer,
            tools=[
                ToolRecord(s.name, dict(s.args), _plain(s.data), s.error) for s in turn.tool_steps
            ],
            history=list(history),
            citations=list(turn.citations),
            backend=turn.backend,
            notice=turn.notice,
            prompt_tokens=turn.prompt_tokens,
            completion_tokens=turn.completion_tokens,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnRecord:
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
        """Every tool result as one string: a citation is grounded if it appears here."""
        return json.dumps([t.data for t in self.tools], default=str, ensure_ascii=False)


def _plain(data: Any) -> Any:
    """Tool artifacts as plain JSON values, so a cached record equals a live one."""
    return json.loads(json.dumps(data, default=str))
