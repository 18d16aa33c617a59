"""Which tool mode a thread is in, and what a model is given to write from in coach mode.

``COACH_TOOL_MODE`` (coach.config.ToolMode): ``model`` runs the model's own tool calls;
``coach`` lets the offline coach's understanding pick the calls and has the model, sent no
tools, write the answer from their results (code owns the numbers, the model the words);
``auto`` runs the model's own calls until it has twice given a reply no one could use in
a thread, then goes on in ``coach`` mode for that thread, saying so once.

The count lives in the thread itself: the agent marks the message that answered instead of
an unusable reply (``UNUSABLE_KEY``) and the one that switched the thread
(``SWITCHED_KEY``) in their metadata, which the checkpointer keeps with the thread. A
thread keeps its mode across restarts as long as its messages are kept, and a new thread
starts in ``auto`` again.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from coach import memory, prompts, tokens
from coach.config import ToolMode
from coach.contracts import PlaybookPassages, ToolResult, parse_result
from coach.messages import human_texts, message_text, turn_messages

UNUSABLE_KEY = "coach_unusable_reply"
SWITCHED_KEY = "coach_switched_to_coach_mode"
# Unusable replies in a thread after which ``auto`` hands the tool calls to the coach: one
# can be a bad draw; two in one conversation is how this model behaves.
SWITCH_AFTER = 2
# Each result as the tool-calling model would get it, shortened as the budget shortens it.
RESULT_TOKENS = tokens.CURRENT_TOOL_RESULT_TOKENS
NOTHING = "(nothing)"


def unusable_replies(messages: Sequence[BaseMessage]) -> int:
    """How many replies of this thread's model could not be used (and were answered instead)."""
    return sum(
        1 for m in messages if isinstance(m, AIMessage) and m.response_metadata.get(UNUSABLE_KEY)
    )


def thread_mode(configured: ToolMode, messages: Sequence[BaseMessage]) -> ToolMode:
    """The mode this thread runs in now: ``auto`` becomes ``coach`` after SWITCH_AFTER."""
    if configured is ToolMode.AUTO and unusable_replies(messages) >= SWITCH_AFTER:
        return ToolMode.COACH
    return configured


def switches_with_this_one(configured: ToolMode, messages: Sequence[BaseMessage]) -> bool:
    """Whether one more unusable reply, after ``messages``, switches the thread to coach mode."""
    return configured is ToolMode.AUTO and unusable_replies(messages) + 1 == SWITCH_AFTER


def switch_sentence(turn: Sequence[BaseMessage]) -> str | None:
    """The one sentence saying the thread switched, for the turn in which it did."""
    if any(isinstance(m, AIMessage) and m.response_metadata.get(SWITCHED_KEY) for m in turn):
        return prompts.render("tool_mode_switched")
    return None


def _label(tool: str) -> str:
    # "salary lookup", not "salary_lookup": a reply naming a tool as written reads as a
    # tool described instead of called (coach.text_tool_calls).
    return tool.replace("_", " ")


def _shown(result: ToolResult) -> str:
    """A result as the offline coach shows it (figures formatted, ready to copy), under its
    one-line summary; the model's compact JSON where there is no such view."""
    if result.error is not None:
        return result.summary()
    view = result.markdown()
    return f"{result.summary()}\n{view}" if view else result.for_model()


def writing_prompt(messages: Sequence[BaseMessage]) -> str:
    """The question, the facts said earlier, this turn's tool results and passages."""
    texts = human_texts(messages)
    facts = memory.remembered(messages)
    results: list[str] = []
    passages: dict[str, str] = {}
    for message in turn_messages(messages):
        if not isinstance(message, ToolMessage):
            continue
        name = message.name or "tool"
        stored = message.artifact if message.artifact is not None else message.content
        result = parse_result(name, stored)
        if isinstance(result, PlaybookPassages) and result.error is None:
            for passage in result.passages:
                passages.setdefault(passage.citation, passage.text.strip())
            continue
        shown = _shown(result) if result is not None else message_text(message)
        results.append(f"{_label(name)}: {tokens.truncate_text(shown, RESULT_TOKENS)}")
    return prompts.render(
        "write_answer",
        question=texts[-1] if texts else "",
        facts=f"Said earlier in this conversation — {facts}\n" if facts else "",
        results="\n".join(results) or NOTHING,
        passages="\n\n".join(f"[{c}] {t}" for c, t in passages.items()) or NOTHING,
    )
