"""One Settings object, read from the environment (and `.env`) when constructed.

Nothing here reads the environment at import time: call ``Settings()`` (or
``get_settings()``) where the value is needed, so tests and the CLI can set
``COACH_HOME`` and friends before anything is opened.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.errors import InputError
from coach.resources import KNOWLEDGE_DIR

EMBEDDED_MODEL = "embedded"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
OFFLINE_LABEL = "offline coach"


class ToolMode(StrEnum):
    """Who decides a turn's tool calls (COACH_TOOL_MODE); the values are the variable's."""

    # The model's own calls; a thread whose model twice gave a reply no one could use
    # (coach.tool_mode) goes on in COACH mode.
    AUTO = "auto"
    # The model's own calls only, whatever it replies.
    MODEL = "model"
    # The offline coach's understanding picks the calls and their arguments; the model,
    # sent no tools, only writes the answer from their results.
    COACH = "coach"


class Settings(BaseSettings):
    """Where data lives, which model answers, which vector store is used.

    Keyword arguments override the environment, e.g. ``Settings(home=tmp_path)``.
    """

    # Only COACH_-prefixed variables are read (and the two OpenAI ones users expect):
    # without the prefix, HOME, MODEL or STREAM set for another program would leak in.
    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_file=".env", extra="ignore", frozen=True
    )

    home: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("coach", appauthor=False)),
        description="Data dir: vector store, conversations, caches.",
    )
    knowledge_dir: Path = KNOWLEDGE_DIR
    # The two OpenAI variables keep the names users expect (an alias skips the prefix;
    # environment names match case-insensitively, so OPENAI_API_KEY is read).
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("openai_api_key")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("openai_base_url")
    )
    model: str | None = None
    chroma_url: str | None = None
    collection: str = "playbook"
    llm_timeout: float = Field(default=60.0, gt=0)
    llm_retries: int = Field(default=2, ge=0, le=10)
    stream: bool = Field(
        default=True,
        description="Stream tokens (SSE); off for servers that only answer plain JSON.",
    )
    context_tokens: int = Field(
        default=8192,
        ge=1024,
        description="The model's context window; each turn's prompt is trimmed to fit.",
    )
    tool_rounds: int = Field(
        default=1,
        ge=0,
        le=8,
        description="Model calls per turn that may use tools (several at once each); "
        "the answer call after them is sent without tool schemas. 0: always send them.",
    )
    tool_mode: ToolMode = Field(
        default=ToolMode.AUTO,
        description="Who picks the tool calls: the model (auto, model) or the offline coach "
        "(coach), the model then only writing the answer.",
    )
    db_url: str | None = None
    auth: SecretStr | None = Field(default=None, description="user:password")
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=1, le=65535)

    @field_validator("tool_mode", mode="before")
    @classmethod
    def _tool_mode_any_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def playbook_dir(self) -> Path:
        return self.knowledge_dir / "playbook"

    @property
    def market_dir(self) -> Path:
        return self.knowledge_dir / "market"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def store_vectors_path(self) -> Path:
        """A copy of the local store's vectors, kept between processes (coach.dense_index)."""
        return self.home / "store-vectors.npz"

    @property
    def checkpoint_path(self) -> Path:
        return self.home / "conversations.sqlite"

    @property
    def conversation_list_path(self) -> Path:
        """The list of past conversations (titles, dates), beside their checkpoints."""
        return self.home / "conversation-list.sqlite"

    @property
    def model_name(self) -> str:
        """The name shown to the user as who answers."""
        return (self.model or DEFAULT_OPENAI_MODEL) if self.uses_llm else OFFLINE_LABEL

    @property
    def tiktoken_cache_dir(self) -> Path:
        return self.home / "tiktoken"

    @property
    def embedding_cache_dir(self) -> Path:
        """Document embeddings kept between processes (coach.embedding_cache)."""
        return self.home / "embeddings"

    @property
    def uses_llm(self) -> bool:
        """True when an OpenAI-compatible endpoint is configured (else: the offline coach)."""
        if self.model == EMBEDDED_MODEL:
            return False
        return bool(self.openai_api_key or self.openai_base_url)

    def describe(self) -> dict[str, str]:
        """A loggable summary: never includes the API key itself."""
        return {
            "home": str(self.home),
            "model": self.model or ("(default)" if self.uses_llm else EMBEDDED_MODEL),
            "base_url": self.openai_base_url or "",
            "api_key": "set" if self.openai_api_key else "not set",
            "tool_mode": self.tool_mode.value,
            "vector_store": self.chroma_url or str(self.chroma_path),
        }


def env_name(field: str) -> str:
    """The environment variable a field is read from: COACH_<FIELD>, or its alias."""
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0]).upper()
    prefix = Settings.model_config.get("env_prefix") or ""
    return f"{prefix}{field}".upper()


def parse_tool_mode(value: str) -> ToolMode:
    """A COACH_TOOL_MODE value as Settings reads it; InputError (one sentence) if it isn't one."""
    try:
        return ToolMode(value.strip().lower())
    except ValueError:
        choices = ", ".join(mode.value for mode in ToolMode)
        raise InputError(
            f"{env_name('tool_mode')} must be one of {choices}, not {value[:40]!r}."
        ) from None


def load_settings() -> Settings:
    """Settings from the environment; a bad value is one sentence naming the variable."""
    try:
        return Settings()
    except ValidationError as err:
        first = err.errors()[0]
        name = env_name(str(first["loc"][0])) if first["loc"] else "a COACH_ setting"
        secret = any(word in name for word in ("KEY", "AUTH", "DB_URL", "PASSWORD", "TOKEN"))
        shown = name if secret else f"{name}={str(first.get('input'))[:40]!r}"
        raise InputError(
            f"The setting {shown} is not valid ({first['msg'].lower()}); fix it or unset it."
        ) from None
