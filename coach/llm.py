"""One factory: settings -> chat model (OpenAI-compatible, or the embedded offline coach)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from pydantic import SecretStr

from coach.config import DEFAULT_OPENAI_MODEL, Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.embedded import EmbeddedChatModel


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured model: ``ChatOpenAI`` for any OpenAI-compatible server, else embedded.

    Works with OpenAI, Ollama, vLLM, LM Studio and llama.cpp servers through
    ``OPENAI_BASE_URL``. Failures that survive the retries go to the agent middleware (with
    a fall back to the embedded backend); the client retries 429/5xx/timeouts with backoff,
    honouring Retry-After — except a timeout to a server on this machine (see
    ``loopback_clients``).
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
        **(loopback_clients() if is_loopback(settings.openai_base_url) else {}),
    )


def is_loopback(base_url: str | None) -> bool:
    """Whether the server is on this machine: localhost, 127.0.0.0/8 or ::1."""
    host = urlparse(base_url or "").hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def loopback_clients() -> dict[str, Any]:
    """HTTP clients whose timeouts the openai client does not retry.

    A local server (llama.cpp, Ollama, LM Studio) usually answers one request at a time: a
    request that timed out is still running there, and a retry only queues behind it, so
    each retry waits the whole timeout again and the user waits three times over. The
    transport turns the timeout into the openai client's own ``APITimeoutError``, which it
    raises as it is, without a retry; 429/5xx and refused connections are retried as before.
    """
    import httpx2
    import openai

    class NoTimeoutRetry(httpx2.BaseTransport):
        def __init__(self) -> None:
            self.inner = httpx2.HTTPTransport()

        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            try:
                return self.inner.handle_request(request)
            except httpx2.TimeoutException as err:
                raise openai.APITimeoutError(request=request) from err

        def close(self) -> None:
            self.inner.close()

    class AsyncNoTimeoutRetry(httpx2.AsyncBaseTransport):
        def __init__(self) -> None:
            self.inner = httpx2.AsyncHTTPTransport()

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            try:
                return await self.inner.handle_async_request(request)
            except httpx2.TimeoutException as err:
                raise openai.APITimeoutError(request=request) from err

        async def aclose(self) -> None:
            await self.inner.aclose()

    return {
        "http_client": openai.DefaultHttpxClient(transport=NoTimeoutRetry()),
        "http_async_client": openai.DefaultAsyncHttpxClient(transport=AsyncNoTimeoutRetry()),
    }


def embedded_model(settings: Settings) -> EmbeddedChatModel:
    # Lazy: a LangChain chat model class (runnables, tracing) loads only for the agent graph.
    from coach.embedded import EmbeddedChatModel

    return EmbeddedChatModel.for_settings(settings)
