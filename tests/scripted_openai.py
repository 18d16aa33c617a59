"""A scripted OpenAI-compatible server on 127.0.0.1 — the edge of the process in tests.

It speaks ``POST /v1/chat/completions`` as plain JSON and as SSE
(``chat.completion.chunk`` lines, ``data: [DONE]``), replays queued replies in
order, records every request it got, and injects faults on demand: delays,
429 with Retry-After, 5xx, a dropped connection, a stream cut midway, malformed
tool-call JSON. The real HTTP client and the real agent loop run against it.

``Reply.recorded`` replays what a real model answered (tests/data/real-model-replies/):
its text as it came — doubled braces, fences, runs of blank lines — its structured calls,
if the server parsed any, and its finish reason ("length" at the token limit), streamed
in token-sized pieces as llama.cpp's server sends them.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class ToolCall:
    name: str
    arguments: str | dict[str, Any]  # a str is sent as-is (so it can be malformed JSON)
    id: str = field(default_factory=lambda: f"call_{uuid.uuid4().hex[:12]}")

    def args_text(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclass
class Reply:
    """One scripted response. Faults are applied before (or while) it is sent."""

    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    status: int = 200
    retry_after: float | None = None
    delay: float = 0.0  # seconds before the first byte
    drop: bool = False  # close the connection without answering
    cut_after_chunks: int | None = None  # SSE: stop mid-stream after N chunks
    usage: tuple[int, int] = (0, 0)  # prompt, completion tokens reported
    finish: str | None = None  # finish_reason; None: "tool_calls" or "stop" as fits
    token_pieces: bool = False  # SSE: token-sized pieces (newlines apart) instead of words

    @property
    def finish_reason(self) -> str:
        return self.finish or ("tool_calls" if self.tool_calls else "stop")

    def pieces(self) -> list[str]:
        """The content as the stream's deltas."""
        if not self.content:
            return []
        if self.token_pieces:
            return _TOKENISH.findall(self.content)
        words = self.content.split(" ")
        return [w if i == 0 else " " + w for i, w in enumerate(words)]

    @classmethod
    def text(cls, content: str, **kw: Any) -> Reply:
        return cls(content=content, **kw)

    @classmethod
    def tools(cls, *calls: ToolCall, **kw: Any) -> Reply:
        return cls(tool_calls=list(calls), **kw)

    @classmethod
    def error(cls, status: int, retry_after: float | None = None) -> Reply:
        return cls(status=status, retry_after=retry_after)

    @classmethod
    def recorded(cls, entry: dict[str, Any]) -> Reply:
        """One reply of a recording's ``tools[]``: content, parsed calls and finish as sent."""
        calls = [
            ToolCall(c["name"], c["arguments"], **({"id": c["id"]} if "id" in c else {}))
            for c in entry.get("tool_calls") or []
        ]
        return cls(
            content=entry.get("content") or "",
            tool_calls=calls,
            finish=entry.get("finish"),
            token_pieces=True,
        )


# A token of a small model's vocabulary, roughly: a word with its leading space, a
# punctuation mark, or one newline pair (a run of blank lines arrives as many deltas).
_TOKENISH = re.compile(r"\n\n|\n| ?[A-Za-z0-9]+| ?[^\sA-Za-z0-9]| +")

RECORDINGS = Path(__file__).parent / "data" / "real-model-replies"


def recordings() -> dict[str, dict[str, Any]]:
    """The recorded replies of real small models, by file stem (see the README there)."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(RECORDINGS.glob("*.json"))}


def roundtrip_replies(recording: dict[str, Any]) -> list[Reply]:
    """A recording's tool round trip: its structured call, then what the model wrote after
    the result came back (the recording does not keep that reply's finish reason)."""
    trip = recording["roundtrip"]
    call = trip["call"]
    first = Reply.tools(
        ToolCall(call["function"]["name"], call["function"]["arguments"], id=call["id"])
    )
    calls = [
        ToolCall(c["function"]["name"], c["function"]["arguments"])
        for c in trip.get("final_tool_calls") or []
    ]
    return [first, Reply(content=trip["final_content"] or "", tool_calls=calls, token_pieces=True)]


Handler = Callable[[dict[str, Any]], Reply]


class ScriptedOpenAI:
    """Queue replies with ``push``, or set ``handler`` to compute one per request."""

    def __init__(self, model: str = "scripted-model") -> None:
        self.model = model
        self.replies: deque[Reply] = deque()
        self.handler: Handler | None = None
        self.requests: list[dict[str, Any]] = []
        # Extra fields of the model's /models entry, as servers add them
        # (e.g. {"max_model_len": 4096}, vLLM's context window).
        self.model_info: dict[str, Any] = {}
        self._server: ThreadingHTTPServer | None = None

    # -- scripting ---------------------------------------------------------------
    def push(self, *replies: Reply) -> ScriptedOpenAI:
        self.replies.extend(replies)
        return self

    def next_reply(self, request: dict[str, Any]) -> Reply:
        if self.replies:
            return self.replies.popleft()
        if self.handler is not None:
            return self.handler(request)
        return Reply.text("(no scripted reply left)")

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> ScriptedOpenAI:
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a timeout test, a cut stream) leaves its handler writing to a
    closed socket: expected here, and not printed. socketserver prints it to sys.stderr
    from the handler's thread, late, into whatever a later test is capturing there."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset, aborted
            return
        super().handle_error(request, client_address)


@contextmanager
def scripted_openai(*replies: Reply) -> Iterator[ScriptedOpenAI]:
    server = ScriptedOpenAI().push(*replies).start()
    try:
        yield server
    finally:
        server.stop()


def _completion(server: ScriptedOpenAI, reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": c.id,
                "type": "function",
                "function": {"name": c.name, "arguments": c.args_text()},
            }
            for c in reply.tool_calls
        ]
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": server.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": reply.usage[0],
            "completion_tokens": reply.usage[1],
            "total_tokens": sum(reply.usage),
        },
    }


def _chunks(server: ScriptedOpenAI, reply: Reply) -> Iterator[dict[str, Any]]:
    base = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": server.model,
    }

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    yield chunk({"role": "assistant", "content": ""})
    for piece in reply.pieces():
        yield chunk({"content": piece})
    for index, call in enumerate(reply.tool_calls):
        head = {"index": index, "id": call.id, "type": "function"}
        yield chunk({"tool_calls": [head | {"function": {"name": call.name, "arguments": ""}}]})
        text = call.args_text()
        for start in range(0, len(text), 16):
            piece = text[start : start + 16]
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, reply.finish_reason)


def _make_handler(server: ScriptedOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            entry = {"id": server.model, "object": "model"} | server.model_info
            body = {"object": "list", "data": [entry]}
            self._json(200, body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = json.loads(self.rfile.read(length) or b"{}")
            request["_headers"] = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append(request)
            reply = server.next_reply(request)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                self.connection.close()
                return
            if reply.status != 200:
                headers = {"Retry-After": str(reply.retry_after)} if reply.retry_after else {}
                error = {"error": {"message": f"scripted {reply.status}", "type": "server_error"}}
                self._json(reply.status, error, headers)
                return
            if request.get("stream"):
                self._stream(reply)
            else:
                self._json(200, _completion(server, reply))

        def _json(
            self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for n, chunk in enumerate(_chunks(server, reply)):
                if reply.cut_after_chunks is not None and n >= reply.cut_after_chunks:
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler
