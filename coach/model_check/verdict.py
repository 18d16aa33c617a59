"""From what the probes found to a verdict and the settings to use. Pure: no I/O."""

from __future__ import annotations

import math

from coach.model_check.result import (
    ContextWindow,
    ProbeKind,
    Recommended,
    Speed,
    ToolProbe,
    Verdict,
)

# Tool questions out of the three that must end in a call the agent can run.
CALLS_NEEDED = 2
# Decoding this fast, a second tool round per turn costs the user a few seconds only.
FAST_TOKENS_PER_S = 20.0
# What a typical answer costs to write, in tokens: the timeout must let one finish.
ANSWER_TOKENS = 400
TIMEOUT_MIN_S, TIMEOUT_MAX_S = 30, 600
_REPLIED = {ProbeKind.STRUCTURED, ProbeKind.TEXT, ProbeKind.ANSWERED, ProbeKind.UNUSABLE}


def not_usable(reason: str) -> Verdict:
    return Verdict(kind="not_usable", line=f"not usable: {reason}")


def tool_verdict(probes: list[ToolProbe]) -> Verdict:
    structured = sum(p.kind is ProbeKind.STRUCTURED for p in probes)
    text = sum(p.kind is ProbeKind.TEXT for p in probes)
    unusable = sum(p.kind is ProbeKind.UNUSABLE for p in probes)
    if structured >= CALLS_NEEDED and not text and not unusable:
        return Verdict(
            kind="good", line="good: calls tools itself → COACH_TOOL_MODE=model (or auto)"
        )
    if structured + text >= CALLS_NEEDED:
        return Verdict(
            kind="text_calls", line="writes tool calls as text → auto works (calls read from text)"
        )
    if not any(p.kind in _REPLIED for p in probes):
        # Timed out or refused (a server that rejects `tools`): no call to be had either way.
        why = probes[0].detail if probes else "no tool question was asked"
        return Verdict(kind="no_tools", line=f"cannot call tools ({why}) → COACH_TOOL_MODE=coach")
    return Verdict(kind="no_tools", line="cannot call tools → COACH_TOOL_MODE=coach")


def recommend(
    verdict: Verdict,
    probes: list[ToolProbe],
    speed: Speed | None,
    stream_ok: bool,
    context: ContextWindow | None,
    context_tokens: int,
    current_timeout: float,
) -> Recommended:
    mode = {"good": "model", "text_calls": "auto"}.get(verdict.kind, "coach")
    fast = speed is not None and (speed.tokens_per_s or 0) >= FAST_TOKENS_PER_S
    return Recommended(
        tool_mode=mode,  # type: ignore[arg-type]  # one of the three literal names above
        tool_rounds=2 if verdict.kind == "good" and fast else 1,
        llm_timeout=_timeout(probes, speed, current_timeout),
        stream=stream_ok,
        context_tokens=context.tokens if context and context.tokens < context_tokens else None,
    )


def _timeout(probes: list[ToolProbe], speed: Speed | None, current: float) -> int:
    """Seconds for one model call: the slowest probe (the coach's prompt and tool schemas,
    read by the model) plus a typical answer at the measured speed, with half again spare."""
    slowest = max((p.seconds for p in probes if p.seconds is not None), default=None)
    if slowest is None and speed is None:
        return int(current)
    waited = slowest if slowest is not None else speed.first_token_s  # type: ignore[union-attr]
    writing = ANSWER_TOKENS / speed.tokens_per_s if speed and speed.tokens_per_s else 3 * waited
    seconds = math.ceil(1.5 * (waited + writing) / 10) * 10
    return max(TIMEOUT_MIN_S, min(TIMEOUT_MAX_S, seconds))
