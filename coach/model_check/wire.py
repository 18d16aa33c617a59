"""The HTTP side of the check: one request per probe, no retries, a timeout of its own.

Plain httpx rather than the openai client: the check needs the raw JSON (the context
window hides in fields the SDK doesn't model, and differs per server), the time each
streamed chunk arrives, and no retry at all — a probe that failed says so at once, and a
single-slot local server is not sent the same slow request twice. Every failure becomes
a ``ProbeError`` with one plain reason ("connection refused", "no reply within 5 s").
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx


class ProbeError(Exception):
    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class Streamed:
    """What a streamed reply brought, and when."""

    text: str = ""
    chunks: int = 0  # deltas that carried content
    first_at: float | None = None  # seconds from the request to the first content delta
    last_at: float | None = None
    finish: str | None = None
    done: bool = False  # the server sent [DONE]
    usage_tokens: int | None = None  # completion tokens, when the server counted them
    model: str | None = None


@dataclass
class Endpoint:
    """One OpenAI-compatible server: ``base_url`` ends in /v1 (or wherever /models is)."""

    base_url: str
    api_key: str | None = None
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        # Plain http (a local server) needs no certificates: loading the CA bundle cost
        # ~0.16 s of the check. No redirects, so it never ends up on https unverified.
        tls = self.base_url.startswith("https:")
        self.client = httpx.Client(headers=headers, verify=tls, trust_env=False)

    def close(self) -> None:
        self.client.close()

    @property
    def root(self) -> str:
        """The server's root, where llama.cpp answers /props: the base without /v1."""
        return self.base_url.removesuffix("/v1")

    def get_json(self, url: str, timeout: float) -> Any:
        response = self._send("GET", url, timeout)
        return _json_of(response)

    def chat(self, body: dict[str, Any], timeout: float) -> dict[str, Any]:
        response = self._send("POST", f"{self.base_url}/chat/completions", timeout, body)
        data = _json_of(response)
        if not isinstance(data, dict) or not data.get("choices"):
            raise ProbeError("the reply has no choices (not an OpenAI-style chat completion)")
        return data

    def stream(self, body: dict[str, Any], timeout: float) -> Streamed:
        """A streamed chat completion, read to its end or until ``timeout`` runs out."""
        got = Streamed()
        start = time.monotonic()
        url = f"{self.base_url}/chat/completions"
        try:
            with self.client.stream("POST", url, json=body, timeout=timeout) as response:
                if response.status_code != 200:
                    response.read()
                    raise _http_error(response)
                for data in _sse_data(response.iter_lines()):
                    if time.monotonic() - start > timeout:
                        raise ProbeError(f"the stream did not finish within {timeout:g} s")
                    if data == "[DONE]":
                        got.done = True
                        break
                    _take_chunk(got, data, time.monotonic() - start)
        except httpx.HTTPError as err:
            raise ProbeError(_transport_reason(err, timeout)) from None
        return got

    def _send(
        self, method: str, url: str, timeout: float, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        try:
            response = self.client.request(method, url, json=body, timeout=timeout)
        except httpx.HTTPError as err:
            raise ProbeError(_transport_reason(err, timeout)) from None
        if response.status_code != 200:
            raise _http_error(response)
        return response


def _sse_data(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        if line.startswith("data:"):
            yield line[5:].strip()


def _take_chunk(got: Streamed, data: str, at: float) -> None:
    try:
        chunk = json.loads(data)
    except ValueError:
        raise ProbeError("the stream sent a line that is not JSON") from None
    got.model = got.model or chunk.get("model")
    usage = chunk.get("usage") or {}
    if usage.get("completion_tokens"):
        got.usage_tokens = int(usage["completion_tokens"])
    for choice in chunk.get("choices") or []:
        delta = choice.get("delta") or {}
        if delta.get("content"):
            got.text += delta["content"]
            got.chunks += 1
            got.first_at = at if got.first_at is None else got.first_at
            got.last_at = at
        if choice.get("finish_reason"):
            got.finish = choice["finish_reason"]


def _json_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ProbeError("the server's reply is not JSON") from None


def _http_error(response: httpx.Response) -> ProbeError:
    code = response.status_code
    if code in (401, 403):
        return ProbeError(f"the server refused the API key (HTTP {code})", code)
    message = ""
    try:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        message = str(error.get("message") if isinstance(error, dict) else error or "")
    except ValueError:
        message = response.text
    message = " ".join(message.split())[:140]
    return ProbeError(f"HTTP {code}" + (f": {message}" if message else ""), code)


def _transport_reason(err: httpx.HTTPError, timeout: float) -> str:
    """The plain reason a request got no answer."""
    if isinstance(err, httpx.ConnectTimeout):
        return f"no connection within {timeout:g} s"
    if isinstance(err, httpx.TimeoutException):
        return f"no reply within {timeout:g} s"
    if isinstance(err, httpx.ConnectError):
        text = str(err)
        if "refused" in text.lower():
            return "connection refused (is the server running on that port?)"
        return text or "could not connect"
    if isinstance(err, httpx.RemoteProtocolError):
        return "the server closed the connection without a complete reply"
    if isinstance(err, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"the address is not a usable http(s) URL ({err})"
    return f"{type(err).__name__}: {err}"
