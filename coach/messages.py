"""Reading a conversation: the current turn, and what the user wrote.

One home for the helpers the agent, the remembered facts, the session and the offline
coach all need, so none of them imports another for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

# Marks the agent leaves in an answer's response_metadata, read back by the session:
# why the offline coach answered a turn meant for a model, and our count of the prompt.
FALLBACK_KEY = "coach_fallback"
PROMPT_TOKENS_KEY = "coach_prompt_tokens"


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


def fallback_reason(messages: Sequence[BaseMessage]) -> str | None:
    """Why this turn moved to the offline coach, if it did."""
    for message in turn_messages(messages):
        if isinstance(message, AIMessage) and message.response_metadata.get(FALLBACK_KEY):
            return str(message.response_metadata[FALLBACK_KEY])
    return None
