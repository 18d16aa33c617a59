"""Reading a conversation: the current turn, and what the user wrote.

One home for the helpers the agent, the remembered facts, the session and the offline
coach all need, so none of them imports another for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import BaseMessage, HumanMessage


def turn_messages(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The messages of the current turn: from the last human message on."""
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            return list(messages[i:])
    return list(messages)


def message_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)


def human_texts(messages: Sequence[BaseMessage]) -> list[str]:
    """What the user wrote, message by message."""
    return [message_text(m) for m in messages if isinstance(m, HumanMessage)]
