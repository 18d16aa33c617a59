"""The coach session: UI and CLI talk to this; it talks to the agent.

It owns the agent graph, the checkpointer (memory per thread, surviving restarts)
and the tools, and turns a run of the agent into a ``CoachReply``: the answer, the tool
steps, the citations, token counts, who answered, a fallback notice and any
figures the numbers guard could not trace. Every failure ends as one sentence.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    ToolMessage,
)

from coach import tokens
from coach.config import OFFLINE_LABEL, Settings
from coach.contracts import ToolResult, parse_result
from coach.conversations import Conversation, ConversationIndex
from coach.embedded.offline_coach import OfflineCoach
from coach.errors import CoachError, InputError
from coach.evidence.interview import advance, asks_to_build, start
from coach.evidence.store import (
    InterviewLostError,
    delete_interview,
    load_interview,
    pack_path,
    save_interview,
    save_pack,
)
from coach.guard import REDACTED, harmful_advice, leaks_instructions, unsupported_amounts
from coach.llm import chat_model, embedded_model
from coach.messages import PROMPT_TOKENS_KEY, fallback_reason, turn_messages
from coach.offline_agent import OfflineAgent
from coach.playbook import Playbook
from coach.tool_mode import switch_sentence
from coach.tools import make_tools, tool_specs

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.embedded import EmbeddedChatModel

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 8000
UNEXPECTED = "Something went wrong while answering; your conversation is kept — please try again."


StepStatus = Literal["running", "done", "error"]


@dataclass
class ToolStep:
    """A tool call of the turn: running until its result arrives, then done or error."""

    name: str
    args: dict[str, Any]
    status: StepStatus = "running"
    result: ToolResult | None = None
    raw: str = ""  # what a tool we have no type for returned, shown as it came

    @classmethod
    def finished(cls, name: str, args: dict[str, Any], stored: Any) -> ToolStep:
        """The step for a tool message's artifact (or content), validated on read."""
        result = parse_result(name, stored)
        status: StepStatus = "error" if result is not None and result.error else "done"
        raw = "" if result is not None else str(stored)[:200]
        return cls(name, args, status, result, raw)

    @property
    def summary(self) -> str:
        if self.status == "running":
            return "running…"
        return self.result.summary() if self.result is not None else self.raw

    @property
    def error(self) -> str | None:
        return self.result.error if self.result is not None else None


@dataclass
class CoachReply:
    answer: str
    backend: str
    tool_steps: list[ToolStep] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    notice: str | None = None
    mode_note: str | None = None  # the turn a thread switched to coach mode says so
    unverified: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def text(self) -> str:
        """The answer as shown to the user, with the notice and guard flags."""
        parts = []
        if self.notice:
            parts.append(f"⚠️ {self.notice}")
        if self.mode_note:
            parts.append(f"ℹ️ {self.mode_note}")
        parts.append(self.answer)
        if self.unverified:
            figures = ", ".join(self.unverified)
            parts.append(
                f"⚠️ Unverified figure(s): {figures} — not found in this turn's data; "
                "treat them as unconfirmed."
            )
        parts += [f"⚠️ {warning}" for warning in self.warnings]
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "text": self.text,
            "backend": self.backend,
            "notice": self.notice,
            "mode_note": self.mode_note,
            "unverified": self.unverified,
            "warnings": self.warnings,
            "citations": self.citations,
            "tool_calls": [
                {
                    "name": s.name,
                    "args": s.args,
                    "status": s.status,
                    "summary": s.summary,
                    "error": s.error,
                }
                for s in self.tool_steps
            ],
            "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens},
        }


@dataclass
class Event:
    """A streaming event: ``token`` (text), ``tool`` (a ToolStep started/finished), ``done``."""

    kind: str
    text: str = ""
    step: ToolStep | None = None
    turn: CoachReply | None = None


def _checkpointer(settings: Settings) -> Any:
    if settings.db_url:
        return _postgres_checkpointer(settings.db_url)
    from langgraph.checkpoint.sqlite import SqliteSaver

    settings.home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(settings.checkpoint_path, check_same_thread=False)
    return SqliteSaver(conn)


def _postgres_checkpointer(url: str) -> Any:
    """Several app instances share memory through PostgreSQL (a pool: one per process)."""
    try:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise CoachError(
            "COACH_DB_URL is set but the Postgres checkpointer is not installed: "
            "pip install 'coach[postgres]', or unset COACH_DB_URL."
        ) from exc
    kwargs = {
        "autocommit": True,
        "prepare_threshold": 0,
        "row_factory": dict_row,
        "connect_timeout": 3,
    }
    try:
        pool = ConnectionPool(url, kwargs=kwargs, min_size=1, max_size=8, open=True, timeout=5)
        # psycopg_pool types the rows by connection_class, not by kwargs' row_factory:
        # the pool is typed as tuple rows though its connections yield dict rows.
        saver = PostgresSaver(pool)  # type: ignore[arg-type]
        saver.setup()
    except Exception as exc:  # psycopg raises many kinds; the user needs one sentence
        raise CoachError(
            "The conversation database at COACH_DB_URL cannot be reached: "
            "check the URL and that PostgreSQL is running, or unset COACH_DB_URL."
        ) from exc
    return saver


def _citations(steps: list[ToolStep]) -> list[str]:
    found = [c for step in steps if step.result is not None for c in step.result.citations()]
    return list(dict.fromkeys(found))


class CoachSession:
    """One per app or CLI process; conversations are kept per ``thread_id``.

    With a model (configured, or given), turns run through the agent graph (coach.agent).
    With none, the offline coach answers through ``OfflineAgent``, the same turn without
    the graph: LangChain's agent machinery is then never imported (see coach.offline_agent).
    """

    def __init__(self, settings: Settings, model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.playbook = Playbook(settings)
        self._given_model = model
        self.offline = OfflineCoach.for_settings(settings)
        self.uses_llm = model is not None or settings.uses_llm
        self.backend = settings.model_name if self.uses_llm else OFFLINE_LABEL
        self.checkpointer = _checkpointer(settings)
        self.conversations = ConversationIndex(settings.conversation_list_path)
        self.offline_agent = (
            None
            if self.uses_llm
            else OfflineAgent(self.offline, tool_specs(self.playbook), self.checkpointer)
        )
        if self.uses_llm:
            self.agent  # noqa: B018 - built now: a bad model setting fails here, not mid-turn
        self._lock = threading.Lock()

    @cached_property
    def model(self) -> BaseChatModel:
        return self._given_model or chat_model(self.settings)

    @cached_property
    def fallback(self) -> EmbeddedChatModel:
        return embedded_model(self.settings)

    @cached_property
    def agent(self) -> Any:
        """The agent graph; with no model it is built only when asked for (e.g. by a test)."""
        from coach.agent import build_agent  # lazy: LangChain's agent loads only for a model

        return build_agent(
            self.settings, make_tools(self.playbook), self.model, self.fallback, self.checkpointer
        )

    # -- public API ----------------------------------------------------------------
    def ask(self, thread_id: str, message: str) -> CoachReply:
        turn: CoachReply | None = None
        for event in self.stream(thread_id, message):
            if event.kind == "done":
                turn = event.turn
        assert turn is not None
        return turn

    def stream(self, thread_id: str, message: str) -> Iterator[Event]:
        text = self.check_message(message)
        try:
            interviewed = self._interview(thread_id, text)
            kept: list[BaseMessage] = []  # the thread as the offline coach saved it
            if interviewed is not None:
                self._record(thread_id, text, interviewed)
            else:
                for mode, payload in self._run(thread_id, text, kept):
                    yield from self._events(mode, payload)
        except CoachError as err:
            yield Event("done", turn=CoachReply(answer=f"⚠️ {err.message}", backend=self.backend))
            return
        except Exception:
            log.exception("agent turn failed")
            yield Event("done", turn=CoachReply(answer=f"⚠️ {UNEXPECTED}", backend=self.backend))
            return
        turn = self._turn(thread_id, kept or None)
        self.conversations.record_turn(thread_id, text, turn.backend)
        yield Event("done", turn=turn)

    def history(self, thread_id: str) -> list[BaseMessage]:
        if self.offline_agent is not None:
            return self.offline_agent.messages(thread_id)
        state = self.agent.get_state({"configurable": {"thread_id": thread_id}})
        return list(state.values.get("messages", [])) if state and state.values else []

    def past_conversations(self) -> list[Conversation]:
        """The conversations to come back to, the latest first."""
        return self.conversations.recent()

    def rename_conversation(self, thread_id: str, title: str) -> Conversation:
        return self.conversations.rename(thread_id, title)

    def delete_conversation(self, thread_id: str) -> None:
        """The conversation's messages (its checkpoint rows) and its place in the list."""
        self.checkpointer.delete_thread(thread_id)
        self.conversations.forget(thread_id)
        delete_interview(self.settings.home, thread_id)  # its answers not yet saved go too

    # -- internals ---------------------------------------------------------------------
    @staticmethod
    def check_message(message: str) -> str:
        """The message to answer, stripped; InputError (one sentence) if it can't be."""
        text = (message or "").strip()
        if not text:
            raise InputError("Please type a question first.")
        if len(text) > MAX_MESSAGE_CHARS:
            raise InputError(
                f"That message is {len(text):,} characters; please keep it under "
                f"{MAX_MESSAGE_CHARS:,} (paste just the offer or the question)."
            )
        return text

    def _interview(self, thread_id: str, text: str) -> str | None:
        """The evidence-pack interview's reply, when the thread is in one or the message
        asks to build the pack; None when the coach (or the model) answers as usual.
        Deterministic with or without a model: the checks are the CLI's and the form's.
        A message ending in '?' mid-interview is not taken as an answer: the reply says
        the thread is in the interview and how to leave it (see interview.advance)."""
        home = self.settings.home
        try:
            state = load_interview(home, thread_id)
        except InterviewLostError as lost:
            return lost.message
        if state is None:
            if not asks_to_build(text):
                return None
            begun = start(had_pack=pack_path(home).exists())
            assert begun.interview is not None
            save_interview(home, thread_id, begun.interview)
            return begun.reply
        turn = advance(state, text)
        if turn.pack is not None:
            save_pack(home, turn.pack)
        if turn.interview is not None:
            save_interview(home, thread_id, turn.interview)
        else:
            delete_interview(home, thread_id)
        return turn.reply

    def _record(self, thread_id: str, text: str, reply: str) -> None:
        """The interview's turn in the thread's history, as any turn is kept: the UI
        shows it, a reload shows it, and a model reads it as the conversation so far."""
        # Said by the coach's own code, not a model: labelled as the offline coach's.
        messages = [
            HumanMessage(text),
            AIMessage(reply, response_metadata={"model_name": OFFLINE_LABEL}),
        ]
        if self.offline_agent is not None:
            self.offline_agent.record(thread_id, messages)
            return
        config = {"configurable": {"thread_id": thread_id}}
        self.agent.update_state(config, {"messages": messages}, as_node="model")

    def _run(
        self, thread_id: str, text: str, kept: list[BaseMessage] | None = None
    ) -> Iterator[tuple[str, Any]]:
        """The turn's stream: (mode, payload) as the graph streams them. The offline coach
        puts the thread it saved in ``kept``; the graph's is read back after the turn."""
        if self.offline_agent is not None:
            for update in self.offline_agent.stream(thread_id, HumanMessage(text), kept):
                yield "updates", update
            return
        config = {"configurable": {"thread_id": thread_id}, "recursion_limit": 12}
        # One checkpoint write a turn (not one per step): a turn is short, and a crash
        # mid-turn loses only that turn; earlier turns are already on disk.
        yield from self.agent.stream(
            {"messages": [HumanMessage(text)]},
            config,
            stream_mode=["messages", "updates"],
            durability="exit",
        )

    def _events(self, mode: str, payload: Any) -> Iterator[Event]:
        if mode == "messages":
            chunk, _meta = payload
            if (
                isinstance(chunk, AIMessageChunk)
                and isinstance(chunk.content, str)
                and chunk.content
            ):
                yield Event("token", text=chunk.content)
            return
        for update in (payload or {}).values():
            for msg in (update or {}).get("messages", []) if isinstance(update, dict) else []:
                if isinstance(msg, AIMessage):
                    for call in msg.tool_calls:
                        yield Event("tool", step=ToolStep(call["name"], call["args"]))
                elif isinstance(msg, ToolMessage):
                    yield Event("tool", step=self._step(msg, {}))

    @staticmethod
    def _step(msg: ToolMessage, args: dict[str, Any]) -> ToolStep:
        stored = msg.artifact if msg.artifact is not None else msg.content
        return ToolStep.finished(msg.name or "tool", args, stored)

    def _turn(self, thread_id: str, messages: list[BaseMessage] | None = None) -> CoachReply:
        """The turn just answered, from the thread (``messages``, else as stored)."""
        if messages is None:
            messages = self.history(thread_id)
        humans = [m for m in messages if isinstance(m, HumanMessage)]
        return self._build_turn(turn_messages(messages), humans)

    def turns(self, thread_id: str) -> list[tuple[str, CoachReply]]:
        """The whole conversation as (question, turn) pairs: what a reloaded page shows."""
        messages = self.history(thread_id)
        humans = [m for m in messages if isinstance(m, HumanMessage)]
        return [
            (str(turn[0].content), self._build_turn(turn, humans))
            for turn in tokens.split_turns(messages)
            if isinstance(turn[0], HumanMessage)
        ]

    def _build_turn(self, current: list[BaseMessage], humans: Sequence[BaseMessage]) -> CoachReply:
        calls = {
            c["id"]: c["args"] for m in current if isinstance(m, AIMessage) for c in m.tool_calls
        }
        steps = [
            self._step(m, calls.get(m.tool_call_id, {}))
            for m in current
            if isinstance(m, ToolMessage)
        ]
        final = next((m for m in reversed(current) if isinstance(m, AIMessage)), None)
        answer = str(final.content) if final is not None else ""
        reason = fallback_reason(current)
        prompt_used, completion_used = self._usage(current)
        answered_by = final.response_metadata.get("model_name") if final is not None else None
        warnings: list[str] = []
        if final is not None and not reason and self.uses_llm:
            answer, warnings = _checked_llm_answer(answer)
        return CoachReply(
            answer=answer,
            warnings=warnings,
            backend=OFFLINE_LABEL if reason else (answered_by or self.backend),
            tool_steps=steps,
            citations=_citations(steps),
            notice=f"{reason}; the offline coach answered instead." if reason else None,
            mode_note=switch_sentence(current),
            unverified=self._unverified(answer, [*current, *humans]),
            prompt_tokens=prompt_used,
            completion_tokens=completion_used,
        )

    def _unverified(self, answer: str, thread: list[BaseMessage]) -> list[str]:
        """The answer's figures that neither the thread nor the person's evidence pack
        supports; the pack is read only when the thread leaves a figure unsupported."""
        unverified = unsupported_amounts(answer, thread)
        if unverified:
            unverified = unsupported_amounts(answer, [*thread, *self._evidence()])
        return unverified

    def _evidence(self) -> list[HumanMessage]:
        """The person's evidence-pack bullets, as their own words: figures an answer
        repeats from them ("saved $40k a year") are theirs, not invented."""
        bullets = self.offline.evidence()
        return [HumanMessage("\n".join(bullets))] if bullets else []

    @staticmethod
    def _usage(current: list[BaseMessage]) -> tuple[int, int]:
        prompt = completion = 0
        for message in current:
            if isinstance(message, AIMessage):
                usage: Mapping[str, Any] = message.usage_metadata or {}
                counted = message.response_metadata.get(PROMPT_TOKENS_KEY)
                if not usage and counted is None:
                    continue  # the offline coach: no model, no tokens
                prompt += int(usage.get("input_tokens") or counted or 0)
                completion += int(usage.get("output_tokens") or tokens.count_message(message))
        return prompt, completion


def _checked_llm_answer(answer: str) -> tuple[str, list[str]]:
    """A model's answer after the instruction-leak and harmful-advice checks."""
    if leaks_instructions(answer):
        log.warning("an answer repeated the system prompt; it was withheld")
        return REDACTED, []
    warnings = [
        f"This answer suggests {what}, which the playbook advises against [{citation}]."
        for what, citation in harmful_advice(answer)
    ]
    return answer, warnings
