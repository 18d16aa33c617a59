"""One factory: settings -> chat model (OpenAI-compatible, or the embedded offline coach)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from coach.config import DEFAULT_OPENAI_MODEL, Settings
from coach.embedded import EmbeddedChatModel

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured model: ``ChatOpenAI`` for any OpenAI-compatible server, else embedded.

    Works with OpenAI, Ollama, vLLM, LM Studio and llama.cpp servers through
    ``OPENAI_BASE_URL``. Failures that survive the retries go to the agent middleware (with
    a fall back to the embedded backend); the client retries 429/5xx/timeouts with backoff,
    honouring Retry-After.
    """
    if not settings.uses_llm:
        return embedded_model(settings)
    from langchain_openai import ChatOpenAI

    # Field names, not the aliases (model, base_url, api_key, timeout) the docs use: the
    # pydantic mypy plugin types ChatOpenAI's __init__ (populate_by_name) by field name.
    return ChatOpenAI(
        model_name=settings.model or DEFAULT_OPENAI_MODEL,
        openai_api_base=settings.openai_base_url,
        openai_api_key=settings.openai_api_key or SecretStr("not-needed"),
        request_timeout=settings.llm_timeout,
        max_retries=settings.llm_retries,
        streaming=settings.stream,
        stream_usage=settings.stream,
        temperature=0.2,
    )


def embedded_model(settings: Settings) -> EmbeddedChatModel:
    return EmbeddedChatModel.for_settings(settings)
