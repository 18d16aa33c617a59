"""Normalising what Gradio sends: strings, {"text": ...} dicts or lists of content parts."""

from __future__ import annotations

from typing import Any


def chat_text(message: Any) -> str:
    if message is None:
        return ""
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        return chat_text(message.get("text") or message.get("content") or "")
    if isinstance(message, list | tuple):
        return " ".join(chat_text(part) for part in message)
    return str(message)
