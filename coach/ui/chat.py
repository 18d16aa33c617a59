"""The coach chat handler: a question in, cited playbook passages out.

Kept free of Gradio so it can be tested directly; the Gradio app only wires it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from coach import prompts
from coach.config import Settings
from coach.errors import CoachError
from coach.playbook import Hit, Playbook

log = logging.getLogger(__name__)

WARMUP_WAIT_S = 120.0
EMPTY_MESSAGE = (
    "Please type a question first — for example: "
    "*How do I answer the current-salary question?*"
)
UNEXPECTED = (
    "Something went wrong while answering; please try again, "
    "and if it keeps happening restart the app."
)


def message_text(message: Any) -> str:
    """Gradio may send a string, a {"text": ...} dict or a list of content parts."""
    if message is None:
        return ""
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        return message_text(message.get("text") or message.get("content") or "")
    if isinstance(message, list | tuple):
        return " ".join(message_text(part) for part in message)
    return str(message)


def format_answer(query: str, hits: list[Hit]) -> str:
    parts = [prompts.render("embedded/passages_intro", query=query, count=len(hits))]
    parts += [
        prompts.render(
            "embedded/passage",
            rank=hit.rank,
            title=hit.title,
            section=hit.section,
            citation=hit.citation,
            text=hit.text.strip(),
            sources=", ".join(hit.sources) or "project playbook",
            score=f"{hit.score:.2f}",
        )
        for hit in hits
    ]
    parts.append(prompts.render("embedded/offline_notice"))
    return "\n\n".join(parts)


class CoachChat:
    """Owns the playbook store for the app; ``warm_up`` builds/loads it off the request path."""

    def __init__(self, settings: Settings, k: int = 3) -> None:
        self.settings = settings
        self.k = k
        self.playbook = Playbook(settings)
        self._ready = threading.Event()
        self._ready.set()  # cleared only while a background warm-up runs
        self._warmup_error: CoachError | None = None

    def warm_up(self) -> None:
        """Refresh the store if stale and load the model, so the first answer is fast."""
        try:
            self.playbook.ingest()
            self.playbook.search("warm up", k=1)
        except CoachError as err:
            self._warmup_error = err
            log.warning("warm-up failed: %s", err.message)
        finally:
            self._ready.set()

    def warm_up_in_background(self) -> threading.Thread:
        self._ready.clear()
        thread = threading.Thread(target=self.warm_up, name="coach-warm-up", daemon=True)
        thread.start()
        return thread

    def respond(self, message: Any, history: list[dict[str, Any]] | None = None) -> str:
        """One chat turn. Errors come back as one plain sentence; history is never touched."""
        query = message_text(message).strip()
        if not query:
            return f"⚠️ {EMPTY_MESSAGE}"
        self._ready.wait(timeout=WARMUP_WAIT_S)
        try:
            hits = self.playbook.search(query, k=self.k)
        except CoachError as err:
            return f"⚠️ {err.message}"
        except Exception:
            log.exception("chat turn failed")
            return f"⚠️ {UNEXPECTED}"
        return format_answer(query, hits)
