"""The Coach tab: streaming chat with tool steps, citations and who answers.

Handlers here are plain generators over ``CoachSession`` so tests can drive them
without a browser; ``coach.ui.app.build_blocks`` lays out the components and wires events.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from coach.contracts import PlaybookPassages, SalaryEstimateResult
from coach.errors import CoachError
from coach.sources import source_name
from coach.ui.text import chat_text
from coach.ui.tool_steps import step_details, step_title

if TYPE_CHECKING:  # the session pulls in LangChain: keep it off the app's start-up path
    from coach.session import CoachReply, CoachSession, ToolStep

log = logging.getLogger(__name__)

EXAMPLES = [
    "What does a senior ML engineer in Seattle make?",
    "They said this is the top of their range. What do I say?",
    "Should I tell the recruiter my current salary?",
    "I got an offer: 185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on. Is it good?",
    "What should I negotiate besides base salary?",
]
STREAM_INTERVAL_S = 0.1
UNEXPECTED = "Something went wrong while answering; your conversation is kept — please try again."
Message = dict[str, Any]


def new_thread_id() -> str:
    return f"web-{uuid.uuid4().hex}"


def step_message(step: ToolStep, index: int) -> Message:
    """A tool step in words (``tool_steps``); its arguments and result when opened."""
    return {
        "role": "assistant",
        "content": step_details(step),
        "metadata": {
            "title": step_title(step),
            "id": f"tool-{index}",
            "status": "done" if step.status != "running" else "pending",
        },
    }


def reply_messages(question: str, turn: CoachReply) -> list[Message]:
    steps = [step_message(step, i) for i, step in enumerate(turn.tool_steps)]
    return [
        {"role": "user", "content": question},
        *steps,
        {"role": "assistant", "content": turn.text},
    ]


def history_messages(session: CoachSession, thread_id: str) -> list[Message]:
    """A stored conversation as chat messages (after a reload or an app restart)."""
    messages: list[Message] = []
    for question, turn in session.turns(thread_id):
        messages += reply_messages(question, turn)
    return messages


def sources_markdown(turn: CoachReply | None) -> str:
    """The playbook passages behind the last answer, opened in full, with their citation."""
    if turn is None:
        return "*Citations of the last answer appear here.*"
    blocks = []
    for step in turn.tool_steps:
        result = step.result
        if isinstance(result, PlaybookPassages):
            blocks += [
                f"**[{p.citation}]**\n\n{p.text.strip()}\n\n<sub>Sources: "
                f"{'; '.join(source_name(s) for s in p.quoted_from) or 'the playbook'}</sub>"
                for p in result.passages
            ]
        elif isinstance(result, SalaryEstimateResult):
            blocks += [f"**Data:** {src}" for src in result.sources()]
    return "\n\n---\n\n".join(blocks) or "*The last answer cited no playbook passage.*"


def stream_reply(
    session: CoachSession, thread_id: str, message: Any, history: list[Message]
) -> Iterator[tuple[list[Message], str]]:
    """Stream one turn: the question, tool steps as they run, then the answer.

    Yields (chat messages, sources panel). The incoming history is never mutated;
    on any failure the conversation so far is kept and one sentence is added.
    """
    question = chat_text(message).strip()
    shown = list(history)
    if not question:
        yield shown + [_notice("Please type a question first.")], sources_markdown(None)
        return
    shown.append({"role": "user", "content": question})
    if session.uses_llm:
        # A model takes seconds: show the question at once. The offline coach answers in
        # milliseconds, and each extra update re-sends the whole chat to the browser.
        yield shown, sources_markdown(None)
    steps: list[ToolStep] = []
    live = ""
    last_update = time.monotonic()
    try:
        for event in session.stream(thread_id, question):
            if event.kind == "tool" and event.step is not None:
                _merge_step(steps, event.step)
            elif event.kind == "token":
                live += event.text
            elif event.kind == "done" and event.turn is not None:
                final = [step_message(s, i) for i, s in enumerate(event.turn.tool_steps)]
                reply = {"role": "assistant", "content": event.turn.text}
                yield shown + final + [reply], sources_markdown(event.turn)
                return
            # Each update re-sends the chat; at most ~10 a second keeps streaming smooth
            # without spending the server's time on diffs nobody can see.
            if time.monotonic() - last_update < STREAM_INTERVAL_S:
                continue
            last_update = time.monotonic()
            pending = [step_message(s, i) for i, s in enumerate(steps)]
            partial = [{"role": "assistant", "content": live}] if live else []
            yield shown + pending + partial, sources_markdown(None)
    except CoachError as err:
        yield shown + [_notice(err.message)], sources_markdown(None)
    except Exception:
        log.exception("coach turn failed")
        yield shown + [_notice(UNEXPECTED)], sources_markdown(None)


def refusal(message: Any) -> str | None:
    """The one sentence an empty or over-long message gets, before anything is posted: the
    UI shows it as a toast and leaves the chat as it was and the text in the box."""
    from coach.errors import InputError
    from coach.session import CoachSession  # loaded already: the session answers the turn

    try:
        CoachSession.check_message(chat_text(message))
    except InputError as err:
        return err.message
    return None


def _merge_step(steps: list[ToolStep], step: ToolStep) -> None:
    """A finished step replaces the running one of the same tool (which has its args)."""
    for i, existing in enumerate(steps):
        if existing.name == step.name and existing.status == "running":
            steps[i] = replace(step, args=existing.args)
            return
    steps.append(step)


def _notice(sentence: str) -> Message:
    return {"role": "assistant", "content": f"⚠️ {sentence}"}


def export_markdown(session: CoachSession, thread_id: str) -> str:
    """The conversation as Markdown: questions, answers, tool calls and citations."""
    lines = ["# Coach conversation", ""]
    for question, turn in session.turns(thread_id):
        lines += [f"## You\n\n{question}", "", f"## Coach ({turn.backend})\n\n{turn.text}", ""]
        for step in turn.tool_steps:
            lines.append(
                f"- {step_title(step)} (tool `{step.name}` {json.dumps(step.args, default=str)})"
            )
        if turn.citations:
            lines.append("- citations: " + "; ".join(turn.citations))
        lines.append("")
    return "\n".join(lines)
