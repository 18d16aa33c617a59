"""Normalising what Gradio sends: strings, {"text": ...} dicts or lists of content parts."""

from __future__ import annotations

from typing import Any


def message_text(message: Any) -> str:
    if message is None:
        return ""
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        return message_text(message.get("text") or message.get("content") or "")
    if isinstance(message, list | tuple):
        return " ".join(message_text(part) for part in message)
    return str(message)
