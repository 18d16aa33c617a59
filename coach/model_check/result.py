"""What `coach check-model` found: each check's outcome in one plain line, the speed, the
context window, the verdict and the settings to use. Typed, so the CLI, the UI header and
the cache read one shape; JSON-ready (``--json``, the cache file)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from coach.config import DEFAULT_OPENAI_MODEL, Settings

# The values COACH_TOOL_MODE takes (its parser lives in coach.config): the model calls the
# tools itself, the coach reads calls the model wrote as text too and switches a thread to
# coach mode after unusable replies, or the offline coach's understanding picks the tools.
ToolMode = Literal["auto", "model", "coach"]

# Where the openai client sends requests when OPENAI_BASE_URL is unset.
OPENAI_BASE_URL = "https://api.openai.com/v1"


def endpoint_of(settings: Settings) -> tuple[str, str]:
    """(base URL, model name) the coach talks to: what a check is of, and is cached by."""
    base_url = (settings.openai_base_url or OPENAI_BASE_URL).rstrip("/")
    return base_url, settings.model or DEFAULT_OPENAI_MODEL


class Status(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


class Check(BaseModel):
    """One thing checked: its name as the user reads it, the outcome, why in one line."""

    name: str
    status: Status
    detail: str


class ProbeKind(StrEnum):
    """What the model did with one tool probe question."""

    STRUCTURED = "structured"  # the server returned a structured tool call we can run
    TEXT = "text"  # the call was written in the reply's text, and it reads as a valid call
    ANSWERED = "answered"  # a reply in words, no call
    UNUSABLE = "unusable"  # a reply the agent can't use (an invented tool, a described one…)
    FAILED = "failed"  # no reply: an HTTP error, a timeout
    SKIPPED = "skipped"  # out of time, or an earlier check failed


class ToolProbe(BaseModel):
    question: str
    expected: str  # the tool a good model calls for it
    kind: ProbeKind
    detail: str  # "called salary_lookup (role, level, location)", or why not
    tool: str | None = None  # the tool it called, however it called it
    seconds: float | None = None


class Speed(BaseModel):
    first_token_s: float  # time to the first streamed token of a short reply
    tokens_per_s: float | None  # decoding speed after the first token
    tokens: int  # how many tokens it was measured on
    counted_by: Literal["server", "chunks"]  # the server's usage, or one token per chunk


class ContextWindow(BaseModel):
    tokens: int
    source: str  # where it was read: "/models, field max_model_len", "/props, n_ctx"


class Verdict(BaseModel):
    kind: Literal["good", "text_calls", "no_tools", "not_usable"]
    line: str  # "good: calls tools itself → COACH_TOOL_MODE=model (or auto)"


class Recommended(BaseModel):
    """The settings to use with this model; each is an environment variable to set."""

    tool_mode: ToolMode
    tool_rounds: int
    llm_timeout: int  # seconds
    stream: bool
    context_tokens: int | None = None  # only when the server said and it is below ours
    model: str | None = None  # the one model the server lists, when ours is not it

    def as_env(self) -> dict[str, str]:
        env = {
            "COACH_TOOL_MODE": self.tool_mode,
            "COACH_TOOL_ROUNDS": str(self.tool_rounds),
            "COACH_LLM_TIMEOUT": str(self.llm_timeout),
        }
        if not self.stream:
            env["COACH_STREAM"] = "false"
        if self.model is not None:
            env["COACH_MODEL"] = self.model
        if self.context_tokens is not None:
            env["COACH_CONTEXT_TOKENS"] = str(self.context_tokens)
        return env


class ModelCheck(BaseModel):
    """The whole check of one endpoint and model. Holds no API key."""

    base_url: str
    model: str
    checked_at: datetime
    seconds: float
    checks: list[Check]
    probes: list[ToolProbe] = Field(default_factory=list)
    speed: Speed | None = None
    context: ContextWindow | None = None
    verdict: Verdict
    settings: Recommended | None = None  # None when the model is not usable

    @property
    def usable(self) -> bool:
        return self.verdict.kind != "not_usable"
