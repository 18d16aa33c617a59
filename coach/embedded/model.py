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

_classifiers: dict[Path, IntentClassifier] = {}


def classifier_for(path: Path) -> IntentClassifier:
    """One classifier per examples file and process: its examples are embedded once."""
    if path not in _classifiers:
        _classifiers[path] = IntentClassifier(path)
    return _classifiers[path]


class EmbeddedChatModel(BaseChatModel):
    """The offline coach as a chat model. ``bind_tools`` records which tools it may call."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    examples_file: Path
    tool_names: tuple[str, ...] = Field(default=())

    @classmethod
    def for_settings(cls, settings: Settings) -> EmbeddedChatModel:
        return cls(examples_file=settings.knowledge_dir / "embedded" / "intents.yaml")

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

    def warm_up(self) -> None:
        classifier_for(self.examples_file).classify("hello")

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = offline_reply(messages, self.tool_names, classifier_for(self.examples_file))
        message.response_metadata["model_name"] = "offline coach"
        message.response_metadata["finish_reason"] = "tool_calls" if message.tool_calls else "stop"
        return ChatResult(generations=[ChatGeneration(message=message)])
