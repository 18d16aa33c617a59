"""The check in plain words: the whole report for the terminal, one line for the UI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.model_check.result import ModelCheck, ProbeKind, Status

_MARK = {Status.OK: "ok", Status.FAILED: "FAILED", Status.SKIPPED: "skipped"}
_HOW = {
    ProbeKind.STRUCTURED: "structured call",
    ProbeKind.TEXT: "call written as text",
    ProbeKind.ANSWERED: "no call",
    ProbeKind.UNUSABLE: "unusable",
    ProbeKind.FAILED: "no reply",
    ProbeKind.SKIPPED: "skipped",
}


def report(check: ModelCheck) -> str:
    width = max(len(c.name) for c in check.checks)
    lines = [f"Model '{check.model}' at {check.base_url}", ""]
    lines += [f"  {_MARK[c.status]:<8} {c.name:<{width}}  {c.detail}" for c in check.checks]
    if check.probes:
        lines += ["", "The three tool questions:"]
        for n, probe in enumerate(check.probes, 1):
            took = f", {probe.seconds:.1f} s" if probe.seconds is not None else ""
            lines.append(f"  {n}. {probe.question}")
            lines.append(f"     {_HOW[probe.kind]}{took}: {probe.detail}")
    lines += ["", f"Verdict: {check.verdict.line}"]
    if check.settings is not None:
        lines.append("Settings to use:")
        lines += [f"  {name}={value}" for name, value in check.settings.as_env().items()]
    else:
        lines.append("Until it is fixed, the offline coach answers (or set COACH_MODEL=embedded).")
    lines.append(f"Checked in {check.seconds:.1f} s.")
    return "\n".join(lines)


def header_line(check: ModelCheck | None, now: datetime | None = None) -> str:
    """For the UI header: the last verdict on the configured model and how old it is."""
    if check is None:
        return "Model check: not run yet (`coach check-model`, or the button here)."
    age = _age((now or datetime.now(UTC)) - check.checked_at)
    return f"Model check ({age}): {check.verdict.line}."


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 90:
        return "just now"
    unit, size = next(
        (u, s) for u, s in (("day", 86400), ("hour", 3600), ("minute", 60)) if seconds >= s
    )
    n = seconds // size
    return f"{n} {unit}{'s' if n > 1 else ''} ago"
