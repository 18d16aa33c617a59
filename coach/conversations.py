"""The list of past conversations: a title, when it started, who answered.

The messages themselves live in the agent's checkpointer, keyed by thread id; this is the
index a person browses to come back to one. It is a small SQLite table beside the
checkpoints in the data directory, written once a turn (an upsert of one row), so the
list costs nothing to keep and survives restarts with the conversations it points at.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach.errors import InputError

TITLE_CHARS = 60
MAX_TITLE_CHARS = 120

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    thread_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    started TEXT NOT NULL,
    updated TEXT NOT NULL,
    backend TEXT NOT NULL,
    turns INTEGER NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True)
class Conversation:
    thread_id: str
    title: str
    started: datetime
    updated: datetime
    backend: str
    turns: int

    @property
    def label(self) -> str:
        """One line for a list: title · date · who answered."""
        turns = f"{self.turns} question{'s' if self.turns != 1 else ''}"
        started = self.started.astimezone()  # the reader's local date
        return f"{self.title} · {started:%d %b %Y} · {self.backend} · {turns}"


def title_from(question: str) -> str:
    """The first question, on one line, cut at a word boundary near ``TITLE_CHARS``."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0] or text[:TITLE_CHARS]
    return cut.rstrip(",.;:") + "…"


class ConversationIndex:
    """Past conversations, newest first. Thread-safe: the app serves several at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()
        # One row written a turn: the write-ahead log without a sync on every commit (a
        # crash may lose the last turn's row, never the list) keeps it off the turn's time.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        with self._lock, self._conn:
            self._conn.execute(_SCHEMA)

    def record_turn(self, thread_id: str, question: str, backend: str) -> None:
        """A turn was answered: a new conversation takes its title from this first
        question; an old one moves to the top of the list and counts one more question."""
        now = _now()
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO conversations (thread_id, title, started, updated, backend, turns)"
                " VALUES (?, ?, ?, ?, ?, 1)"
                " ON CONFLICT(thread_id) DO UPDATE SET updated = excluded.updated,"
                " backend = excluded.backend, turns = turns + 1",
                (thread_id, title_from(question), now, now, backend),
            )

    def recent(self, limit: int = 200) -> list[Conversation]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT thread_id, title, started, updated, backend, turns FROM conversations"
                " ORDER BY updated DESC, rowid DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_conversation(row) for row in rows]

    def get(self, thread_id: str) -> Conversation | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT thread_id, title, started, updated, backend, turns FROM conversations"
                " WHERE thread_id = ?",
                (thread_id,),
            ).fetchone()
        return _conversation(row) if row else None

    def rename(self, thread_id: str, title: str) -> Conversation:
        new = " ".join((title or "").split())
        if not new:
            raise InputError("Please type a new name for the conversation.")
        if len(new) > MAX_TITLE_CHARS:
            raise InputError(
                f"That name is {len(new)} characters; please keep it under {MAX_TITLE_CHARS}."
            )
        with self._lock, self._conn:
            changed = self._conn.execute(
                "UPDATE conversations SET title = ? WHERE thread_id = ?", (new, thread_id)
            ).rowcount
        if not changed:
            raise InputError("That conversation is no longer here: pick another from the list.")
        found = self.get(thread_id)
        assert found is not None
        return found

    def forget(self, thread_id: str) -> bool:
        """Drop the row; True when there was one."""
        with self._lock, self._conn:
            return bool(
                self._conn.execute(
                    "DELETE FROM conversations WHERE thread_id = ?", (thread_id,)
                ).rowcount
            )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")  # orders turns a moment apart


def _conversation(row: tuple[str, str, str, str, str, int]) -> Conversation:
    thread_id, title, started, updated, backend, turns = row
    return Conversation(
        thread_id=thread_id,
        title=title,
        started=datetime.fromisoformat(started),
        updated=datetime.fromisoformat(updated),
        backend=backend,
        turns=int(turns),
    )
