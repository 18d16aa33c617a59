"""EmbeddedChatModel: a LangChain chat model of ours that speaks the tool-calling protocol.

No network and no weights beyond the local embedding model: it classifies the
intent, extracts slots, emits tool calls, then writes the answer from templates
(coach.embedded.offline_coach; this class is its face for the agent graph).
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
from coach.embedded.intents import IntentClassifier
from coach.embedded.offline_coach import OfflineCoach, classifier_for

__all__ = ["EmbeddedChatModel", "classifier_for"]


class EmbeddedChatModel(BaseChatModel):
    """The offline coach as a chat model. ``bind_tools`` records which tools it may call."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    examples_file: Path
    cache_dir: Path | None = None  # where the examples' vectors are kept (None: not kept)
    tool_names: tuple[str, ...] = Field(default=())

    @classmethod
    def for_settings(cls, settings: Settings) -> EmbeddedChatModel:
        coach = OfflineCoach.for_settings(settings)
        return cls(examples_file=coach.examples_file, cache_dir=coach.cache_dir)

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
    def coach(self) -> OfflineCoach:
        return OfflineCoach(self.examples_file, self.cache_dir)

    @property
    def classifier(self) -> IntentClassifier:
        return self.coach.classifier

    def warm_up(self) -> None:
        self.coach.warm_up()

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.coach.reply(messages, self.tool_names)
        return ChatResult(generations=[ChatGeneration(message=message)])
