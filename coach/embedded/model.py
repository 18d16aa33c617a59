"""EmbeddedChatModel: a LangChain chat model of ours that speaks the tool-calling protocol.

No network and no weights beyond the local embedding model: it classifies the
intent, extracts slots, emits tool calls, then writes the answer from templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

from coach.config import Settings
from coach.embedded.brain import offline_reply
from coach.embedded.intents import IntentClassifier
from coach.embedding_cache import EmbeddingCache
from coach.embeddings import MODEL_NAME

_classifiers: dict[tuple[Path, Path | None], IntentClassifier] = {}


def classifier_for(path: Path, cache_dir: Path | None = None) -> IntentClassifier:
    """One classifier per examples file and process: its examples are embedded once, and
    with a ``cache_dir`` once per machine (their vectors kept on disk between processes)."""
    key = (path, cache_dir)
    if key not in _classifiers:
        cache = EmbeddingCache(cache_dir / f"{path.stem}.npz", MODEL_NAME) if cache_dir else None
        _classifiers[key] = IntentClassifier(path, cache=cache)
    return _classifiers[key]


class EmbeddedChatModel(BaseChatModel):
    """The offline coach as a chat model. ``bind_tools`` records which tools it may call."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    examples_file: Path
    cache_dir: Path | None = None  # where the examples' vectors are kept (None: not kept)
    tool_names: tuple[str, ...] = Field(default=())

    @classmethod
    def for_settings(cls, settings: Settings) -> EmbeddedChatModel:
        return cls(
            examples_file=settings.knowledge_dir / "embedded" / "intents.yaml",
            cache_dir=settings.embedding_cache_dir,
        )

    @property
    def _llm_type(self) -> str:
        return "coach-embedded"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": "offline coach"}

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> EmbeddedChatModel:
        # Called before every model call of the agent loop: read the names, don't build
        # each tool's JSON schema (a BaseTool carries its name).
        names = tuple(
            t.name if isinstance(t, BaseTool) else convert_to_openai_tool(t)["function"]["name"]
            for t in tools
        )
        return self.model_copy(update={"tool_names": names})

    @property
    def classifier(self) -> IntentClassifier:
        return classifier_for(self.examples_file, self.cache_dir)

    def warm_up(self) -> None:
        self.classifier.classify("hello")

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = offline_reply(messages, self.tool_names, self.classifier)
        message.response_metadata["model_name"] = "offline coach"
        message.response_metadata["finish_reason"] = "tool_calls" if message.tool_calls else "stop"
        return ChatResult(generations=[ChatGeneration(message=message)])
