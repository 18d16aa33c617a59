"""Token counting with tiktoken (offline encodings, see coach.offline) and prompt trimming.

Trimming keeps the current turn whole and drops the oldest turns first, never
splitting an assistant tool call from its tool results; long tool results are
shortened, older ones harder than the current turn's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from coach.offline import tiktoken_files

# Per-message overhead in the chat format (role, separators), as OpenAI documents it.
MESSAGE_OVERHEAD = 4
OLD_TOOL_RESULT_TOKENS = 200
CURRENT_TOOL_RESULT_TOKENS = 1200
# Earlier turns are context, not evidence: their figures were already stated in the
# answers. Each keeps the question and a short head of the answer, within a small budget;
# the facts of older turns reach the model through coach.memory.
OLD_ANSWER_TOKENS = 60
HISTORY_TOKENS = 300
TRUNCATION_MARK = " …[truncated to fit the context window]"


@cache
def _encoding() -> Any:
    import tiktoken  # lazy: the encoder loads only when a model's tokens are counted

    # The packaged BPE files, where tiktoken will look (the entry point's dir after
    # prepare(), else tiktoken's own default): it never downloads, and no Settings are read.
    tiktoken_files()
    return tiktoken.get_encoding("o200k_base")


def count_text(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def _content_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return json.dumps(content, default=str)


def count_message(message: BaseMessage) -> int:
    total = MESSAGE_OVERHEAD + count_text(_content_text(message))
    for call in getattr(message, "tool_calls", None) or []:
        total += count_text(call["name"]) + count_text(json.dumps(call["args"], default=str))
    return total


def count_messages(messages: Sequence[BaseMessage]) -> int:
    return sum(count_message(m) for m in messages)


def truncate_text(text: str, max_tokens: int) -> str:
    tokens = _encoding().encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    return _encoding().decode(tokens[:max_tokens]) + TRUNCATION_MARK


def _shorten_tools(messages: list[BaseMessage], max_tokens: int) -> list[BaseMessage]:
    shortened: list[BaseMessage] = []
    for message in messages:
        if isinstance(message, ToolMessage) and isinstance(message.content, str):
            text = truncate_text(message.content, max_tokens)
            if text != message.content:
                message = message.model_copy(update={"content": text})
        shortened.append(message)
    return shortened


def split_turns(messages: Sequence[BaseMessage]) -> list[list[BaseMessage]]:
    """Group messages into turns, each starting at a human message."""
    turns: list[list[BaseMessage]] = []
    for message in messages:
        if isinstance(message, HumanMessage) or not turns:
            turns.append([message])
        else:
            turns[-1].append(message)
    return turns


def compress_turn(turn: list[BaseMessage]) -> list[BaseMessage]:
    """An earlier turn as the question and the head of its final answer (no tool traffic)."""
    question: list[BaseMessage] = [m for m in turn[:1] if isinstance(m, HumanMessage)]
    answers = [m for m in turn if isinstance(m, AIMessage) and not m.tool_calls]
    if not answers:
        return question
    text = truncate_text(_content_text(answers[-1]), OLD_ANSWER_TOKENS)
    return [*question, AIMessage(content=text)]


def fit_to_budget(
    messages: Sequence[BaseMessage], budget: int, history_budget: int = HISTORY_TOKENS
) -> list[BaseMessage]:
    """The messages to send so that they count at most ``budget`` tokens (when possible)."""
    turns = split_turns(messages)
    if not turns:
        return []
    current = _shorten_tools(turns[-1], CURRENT_TOOL_RESULT_TOKENS)
    older = [compress_turn(turn) for turn in turns[:-1]]
    used = count_messages(current)
    history_used = 0
    kept: list[list[BaseMessage]] = []
    for turn in reversed(older):  # newest first: recent context matters most
        cost = count_messages(turn)
        # The turn just before is kept whatever its size (a pasted offer, then "counter
        # it"): the history cap applies to the ones before it.
        capped = bool(kept) and history_used + cost > history_budget
        if used + cost > budget or capped:
            break
        kept.insert(0, turn)
        used += cost
        history_used += cost
    if used > budget:  # the current turn alone is too big: squeeze its tool results
        current = _shorten_tools(current, OLD_TOOL_RESULT_TOKENS)
    return [m for turn in kept for m in turn] + current
