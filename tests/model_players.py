"""The scripted server playing whole models for `coach check-model` (tests and benchmark).

Each player is a ``handler`` for ``ScriptedOpenAI``: a reply per request, decided by what
was asked — a plain chat, a stream, or a question with the tool schemas.
"""

from __future__ import annotations

from typing import Any

from tests.scripted_openai import Handler, Reply, ToolCall, recordings

GREETING = "Hello! Take a breath: you know your worth, and the numbers will show it."
THREE_THINGS = "Sign-on bonus.\nEquity and its vesting.\nStart date and remote days."


def _question(request: dict[str, Any]) -> str:
    return str(request["messages"][-1]["content"])


def good_model() -> Handler:
    """Structured tool calls with valid arguments, and a proper stream."""

    def handler(request: dict[str, Any]) -> Reply:
        if not request.get("tools"):
            return Reply.text(THREE_THINGS if request.get("stream") else GREETING)
        question = _question(request)
        if "tactics" in question:
            return Reply.tools(ToolCall("search_playbook", {"query": "signing bonus tactics"}))
        level, role, place = (
            ("senior", "ML engineer", "Seattle")
            if "Seattle" in question
            else ("junior", "product designer", "London")
        )
        args = {"role": role, "level": level, "location": place}
        return Reply.tools(ToolCall("salary_lookup", args))

    return handler


def recorded_model(stem: str) -> Handler:
    """What a real small model answered (tests/data/real-model-replies/<stem>.json): its
    recorded reply to each tool question, and its recorded plain and streamed chat."""
    recording = recordings()[stem]
    by_question = {entry["q"]: entry for entry in recording["tools"]}
    chat = recording.get("chat") or {}

    def handler(request: dict[str, Any]) -> Reply:
        if request.get("tools"):
            return Reply.recorded(by_question[_question(request)])
        text = chat.get("stream_text" if request.get("stream") else "nonstream_text")
        return Reply(content=text or GREETING, token_pieces=True)

    return handler
