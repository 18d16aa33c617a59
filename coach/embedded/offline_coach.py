"""The offline coach itself: classifier plus brain, with no LangChain model class around it.

``coach ask`` with no model configured answers through this directly (coach.offline_agent),
so a turn never imports LangChain's runnables and their tracing (langsmith, ~0.5 s a
process); ``EmbeddedChatModel`` wraps the same coach for the agent graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from langchain_core.messages import AIMessage, BaseMessage

from coach.config import Settings
from coach.embedded.brain import offline_reply
from coach.embedded.intents import IntentClassifier
from coach.embedding_cache import EmbeddingCache
from coach.embeddings import MODEL_NAME
from coach.errors import CoachError
from coach.evidence import saved_bullets

MODEL_NAME_SHOWN = "offline coach"

_classifiers: dict[tuple[Path, Path | None], IntentClassifier] = {}


def classifier_for(path: Path, cache_dir: Path | None = None) -> IntentClassifier:
    """One classifier per examples file and process: its examples are embedded once, and
    with a ``cache_dir`` once per machine (their vectors kept on disk between processes)."""
    key = (path, cache_dir)
    if key not in _classifiers:
        cache = EmbeddingCache(cache_dir / f"{path.stem}.npz", MODEL_NAME) if cache_dir else None
        _classifiers[key] = IntentClassifier(path, cache=cache)
    return _classifiers[key]


@dataclass(frozen=True)
class OfflineCoach:
    """Reads the thread and answers: tool calls to make, or the answer once they are in."""

    examples_file: Path
    cache_dir: Path | None = None  # where the examples' vectors are kept (None: not kept)
    home: Path | None = None  # COACH_HOME: the person's evidence pack (None: not read)

    @classmethod
    def for_settings(cls, settings: Settings) -> OfflineCoach:
        return cls(
            examples_file=settings.knowledge_dir / "embedded" / "intents.yaml",
            cache_dir=settings.embedding_cache_dir,
            home=settings.home,
        )

    def evidence(self) -> list[str]:
        """The person's saved evidence-pack bullets, which the evidence-pack answer shows
        (none when no pack is saved, or its file can't be read: `coach evidence --show`
        and the Evidence pack tab say why)."""
        if self.home is None:
            return []
        try:
            return saved_bullets(self.home)
        except CoachError:
            return []

    @property
    def classifier(self) -> IntentClassifier:
        return classifier_for(self.examples_file, self.cache_dir)

    def warm_up(self) -> None:
        self.classifier.classify("hello")

    def reply(self, messages: Sequence[BaseMessage], tool_names: Sequence[str]) -> AIMessage:
        """The next message of the turn, marked as a chat model's reply would be."""
        message = offline_reply(messages, tool_names, self.classifier, self.evidence())
        message.response_metadata["model_name"] = MODEL_NAME_SHOWN
        message.response_metadata["finish_reason"] = "tool_calls" if message.tool_calls else "stop"
        return message
