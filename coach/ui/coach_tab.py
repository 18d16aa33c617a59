"""The Coach tab: streaming chat with tool steps, citations and who answers.

Handlers here are plain generators over ``CoachSession`` so tests can drive them
without a browser; ``coach.ui.app.build_blocks`` lays out the components and wires events.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from coach import citations as cite
from coach.contracts import PlaybookPassages, SalaryEstimateResult
from coach.errors import CoachError
from coach.sources import source_name
from coach.text_tool_calls import may_be_a_call
from coach.ui.text import chat_text
from coach.ui.tool_steps import arguments_in_words, step_details, step_title

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


def reply_messages(
    question: str, turn: CoachReply, number: int, citations: Sequence[str]
) -> list[Message]:
    """One turn in the chat; ``number`` (from 1) ties its citations to the passages panel."""
    steps = [step_message(step, i) for i, step in enumerate(turn.tool_steps)]
    return [
        {"role": "user", "content": question},
        *steps,
        {"role": "assistant", "content": linked_answer(turn.text, number, citations)},
    ]


def history_messages(session: CoachSession, thread_id: str) -> list[Message]:
    """A stored conversation as chat messages (after a reload or an app restart)."""
    messages: list[Message] = []
    for number, (question, turn) in enumerate(session.turns(thread_id), start=1):
        messages += reply_messages(question, turn, number, cited(session, turn))
    return messages


# -- citations that open ------------------------------------------------------------------

NO_PASSAGES = "*The passages behind each answer appear here: click a citation to open it.*"


def cite_anchor(number: int, k: int) -> str:
    """The panel's anchor for the ``k``-th citation of answer ``number`` (both from 1)."""
    return f"src-{number}-{k}"


# A citation as answers write it: "[doc-id § Heading]", not already a link.
_CITED = re.compile(r"\[([a-z0-9-]+ § [^\]\n]+)\](?!\()")


def cited(session: CoachSession, turn: CoachReply) -> list[str]:
    """What an answer cites: its tools' citations, then any other "[doc § Heading]" its
    text names (an offer's counter names the sections behind each lever) that is a
    section of the playbook."""
    named = _CITED.findall(turn.text)
    if named:  # the sections looked up in one index (each look-up checks the files)
        sections = session.playbook.sections()
        named = [c for c in named if sections.section(c) is not None]
    return list(dict.fromkeys([*turn.citations, *named]))


def linked_answer(text: str, number: int, citations: Sequence[str]) -> str:
    """The answer with each of its citations ("[doc § Heading]") a link to its passage in
    the panel, named by its title ("Total package — Sign-on bonus"); any other citation is
    written as its title, unlinked."""
    for k, citation in enumerate(citations, start=1):
        pattern = re.compile(r"\[(" + re.escape(citation) + r")\](?!\()", re.IGNORECASE)
        text = pattern.sub(_link_to(cite_anchor(number, k)), text)
    return cite.for_reader(text)


def _link_to(anchor: str) -> Callable[[re.Match[str]], str]:
    return lambda found: f"[{cite.reader_title(found.group(1))}](#{anchor})"


def sources_panel(session: CoachSession, turns: Sequence[tuple[str, CoachReply]]) -> str:
    """Every answer's passages, the latest answer first, each under the anchor its
    citation links to: the panel a reload or a restart brings back whole."""
    blocks = [
        answer_block(session, number, question, turn)
        for number, (question, turn) in enumerate(turns, start=1)
    ]
    return _joined([b for b in reversed(blocks) if b])


def answer_block(
    session: CoachSession,
    number: int,
    question: str,
    turn: CoachReply,
    citations: Sequence[str] | None = None,
) -> str:
    """One answer's passages (and data sources) under its heading; "" when it cited none.
    ``citations``: what the answer cites, when the caller has it already (``cited``)."""
    if citations is None:
        citations = cited(session, turn)
    items = [
        _passage_block(session, turn, citation, cite_anchor(number, k))
        for k, citation in enumerate(citations, start=1)
    ]
    items += [
        f"**Data:** {src}"
        for step in turn.tool_steps
        if isinstance(step.result, SalaryEstimateResult)
        for src in step.result.sources()
    ]
    if not items:
        return ""
    asked = question if len(question) <= 70 else question[:69].rstrip() + "…"
    return f"#### Answer {number}: {asked}\n\n" + "\n\n---\n\n".join(items)


def _joined(blocks: Sequence[str]) -> str:
    return "\n\n".join(blocks) or NO_PASSAGES


class _PanelCache:
    """The panel last sent for each conversation, with the number of answers it counts:
    a new answer adds its own block on top instead of rebuilding every earlier one (a
    long conversation would re-read and re-check all its turns on every question)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._panels: OrderedDict[tuple[str, str], tuple[int, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> tuple[int, str] | None:
        with self._lock:
            found = self._panels.get(key)
            if found is not None:
                self._panels.move_to_end(key)
            return found

    def put(self, key: tuple[str, str], answers: int, panel: str) -> None:
        with self._lock:
            self._panels[key] = (answers, panel)
            self._panels.move_to_end(key)
            while len(self._panels) > self.size:
                self._panels.popitem(last=False)

    def forget(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._panels.pop(key, None)


_PANELS = _PanelCache()


def _panel_key(session: CoachSession, thread_id: str) -> tuple[str, str]:
    return (str(session.settings.home), thread_id)


def conversation_panel(session: CoachSession, thread_id: str) -> str:
    """The passages panel of a stored conversation."""
    turns = session.turns(thread_id)
    panel = sources_panel(session, turns)
    _PANELS.put(_panel_key(session, thread_id), len(turns), panel)
    return panel


def panel_after(
    session: CoachSession,
    thread_id: str,
    question: str,
    turn: CoachReply,
    citations: Sequence[str] | None = None,
) -> tuple[int, str]:
    """(this answer's number, the panel with its passages on top), from the panel last
    sent when it counts the answers before this one; else rebuilt from the stored turns.
    ``citations``: what this answer cites (``cited``), when the caller has it already."""
    listed = session.conversations.get(thread_id)
    number = listed.turns if listed is not None else 0
    # A conversation's first answer has no panel before it: nothing to read back.
    before = (0, NO_PASSAGES) if number == 1 else _PANELS.get(_panel_key(session, thread_id))
    if before is None or before[0] != number - 1 or number < 1:
        turns = session.turns(thread_id)
        panel = sources_panel(session, turns)
        _PANELS.put(_panel_key(session, thread_id), len(turns), panel)
        return len(turns), panel
    block = answer_block(session, number, question, turn, citations)
    earlier = "" if before[1] == NO_PASSAGES else before[1]
    panel = _joined([b for b in (block, earlier) if b])
    _PANELS.put(_panel_key(session, thread_id), number, panel)
    return number, panel


def current_panel(session: CoachSession, thread_id: str) -> str:
    """The panel last sent for this conversation (rebuilt when none was)."""
    cached = _PANELS.get(_panel_key(session, thread_id))
    return cached[1] if cached is not None else conversation_panel(session, thread_id)


def forget_panel(session: CoachSession, thread_id: str) -> None:
    _PANELS.forget(_panel_key(session, thread_id))


def _passage_block(session: CoachSession, turn: CoachReply, citation: str, anchor: str) -> str:
    """The passage the turn's search quoted for this citation, else the whole section."""
    quoted = next(
        (
            p
            for step in turn.tool_steps
            if isinstance(step.result, PlaybookPassages)
            for p in step.result.passages
            if p.citation == citation
        ),
        None,
    )
    head = f'<a id="{anchor}"></a>\n\n**{cite.reader_title(citation)}**'
    if quoted is not None:
        text, sources = quoted.text, list(quoted.quoted_from)
    else:
        section = session.playbook.section(citation)
        if section is None:
            return f"{head}\n\n*This section is no longer in the playbook.*"
        text, sources = section.text, section.sources
    named = "; ".join(source_name(s) for s in sources) or "the playbook"
    return f"{head}\n\n{text.strip()}\n\n<sub>Sources: {named}</sub>"


def stream_reply(
    session: CoachSession, thread_id: str, message: Any, history: list[Message]
) -> Iterator[tuple[list[Message], str | None]]:
    """Stream one turn: the question, tool steps as they run, then the answer.

    Yields (chat messages, passages panel): the panel as it stands until the answer is in,
    then with the answer's passages on top; None where a refusal leaves it be. The incoming
    history is never mutated; on any failure the conversation so far is kept and one
    sentence is added.
    """
    question = chat_text(message).strip()
    shown = list(history)
    if not question:
        yield shown + [_notice("Please type a question first.")], None
        return
    shown.append({"role": "user", "content": question})
    if session.uses_llm:
        # A model takes seconds: show the question at once. The offline coach answers in
        # milliseconds, and each extra update re-sends the whole chat to the browser.
        yield shown, current_panel(session, thread_id)
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
                citations = cited(session, event.turn)
                number, panel = panel_after(session, thread_id, question, event.turn, citations)
                final = [step_message(s, i) for i, s in enumerate(event.turn.tool_steps)]
                text = linked_answer(event.turn.text, number, citations)
                reply = {"role": "assistant", "content": text}
                yield shown + final + [reply], panel
                return
            # Each update re-sends the chat; at most ~10 a second keeps streaming smooth
            # without spending the server's time on diffs nobody can see. The offline
            # coach's turn is sent as one update (app.py): an update between its steps,
            # which a turn slowed by load would make, is work nobody sees.
            if not session.uses_llm or time.monotonic() - last_update < STREAM_INTERVAL_S:
                continue
            last_update = time.monotonic()
            pending = [step_message(s, i) for i, s in enumerate(steps)]
            # A reply that may be a tool call written as text is held back: raw JSON
            # never flashes up as the answer while a small model types it.
            shown_live = live and not may_be_a_call(live)
            partial = [{"role": "assistant", "content": live}] if shown_live else []
            # The panel as it stands, not "unchanged": Gradio builds a whole new component
            # for every update-style output, on every streamed step (measured: +15 ms of
            # the app's CPU a turn under 20 sessions).
            yield shown + pending + partial, current_panel(session, thread_id)
    except CoachError as err:
        yield shown + [_notice(err.message)], None
        return
    except Exception:
        log.exception("coach turn failed")
        yield shown + [_notice(UNEXPECTED)], None
        return
    # The stream ended without its answer (it always ends with one): say so, never nothing.
    log.error("coach turn ended without an answer")
    yield shown + [_notice(UNEXPECTED)], None


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
        answer = cite.for_reader(turn.text)
        lines += [f"## You\n\n{question}", "", f"## Coach ({turn.backend})\n\n{answer}", ""]
        for step in turn.tool_steps:
            asked = arguments_in_words(step.args)
            lines.append(f"- {step_title(step)}" + (f" (asked with: {asked})" if asked else ""))
        if turn.citations:
            lines.append("- citations: " + "; ".join(map(cite.reader_title, turn.citations)))
        lines.append("")
    return "\n".join(lines)


# -- past conversations -------------------------------------------------------------------


def conversation_choices(session: CoachSession) -> list[tuple[str, str]]:
    """(label, thread id) for the list of past conversations, the latest first."""
    return [(c.label, c.thread_id) for c in session.past_conversations()]


def delete_question(session: CoachSession, thread_id: str | None) -> str | None:
    """The confirmation to ask before deleting the open conversation; None when it isn't
    saved yet (nothing asked, so nothing to delete)."""
    found = session.conversations.get(thread_id) if thread_id else None
    if found is None:
        return None
    return (
        f"Delete **{found.title}** ({found.turns} question{'s' if found.turns != 1 else ''}) "
        "and all its messages? This can't be undone."
    )
