"""Answers from tool results, written from the templates in prompts/embedded/.

Every figure in an answer is copied from a tool result, never computed here, so
the numbers guard can trace each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach import citations as cite
from coach import prompts
from coach.market.tables import PERCENTILES
from coach.money import format_usd
from coach.tools import COMPARE_OFFERS, DRAFT_COUNTER, SALARY_LOOKUP, SCORE_OFFER, SEARCH_PLAYBOOK
from coach.understanding import Slots

ANCHOR_CITATION = f"[{cite.STATE_RANGE}]"


def _money(value: Any) -> str:
    return format_usd(value) if isinstance(value, int | float) else "unknown"


def passages(data: dict[str, Any] | None, limit: int = 3) -> str:
    if not data or "passages" not in data:
        return ""
    blocks = []
    for p in data["passages"][:limit]:
        blocks.append(f"> {p['text'].strip()}\n>\n> — [{p['citation']}]")
    return "\n\n".join(blocks)


def _table(est: dict[str, Any]) -> str:
    head = "| " + " | ".join(("p10", "p25", "median", "p75", "p90")) + " |"
    cells = []
    for p in PERCENTILES:
        if est.get(p) is not None:
            cells.append(_money(est[p]))
        elif p in (est.get("at_least") or {}):
            cells.append(f"≥ {_money(est['at_least'][p])}")
        else:
            cells.append("—")
    return "\n".join((head, "|---|---|---|---|---|", "| " + " | ".join(cells) + " |"))


def _adjustments(est: dict[str, Any]) -> str:
    items = est.get("adjustments") or []
    if not items:
        return ""
    lines = ["Premiums reported for this case — ranges with their source, *not* applied above:"]
    for a in items:
        on = a.get("on_p50")
        tail = f" → {_money(on[0])}–{_money(on[1])} on the median" if on else ""
        lines.append(
            f"- {a['what']}: +{a['low_pct']:g}% to +{a['high_pct']:g}% ({a['source']}){tail}"
        )
    return "\n".join(lines) + "\n\n"


def _references(est: dict[str, Any]) -> str:
    refs = est.get("references") or []
    if not refs:
        return ""
    lines = ["Reference figures from the articles:"]
    for r in refs:
        span = " – ".join(_money(v) for v in (r.get("low"), r.get("high")) if v is not None)
        lines.append(f"- {r['what']}{': ' + span if span else ''} ({r['source']})")
    return "\n".join(lines) + "\n\n"


def salary(est: dict[str, Any], advice: dict[str, Any] | None) -> str:
    title = ", ".join(
        x for x in (est.get("role"), est.get("level_label"), est.get("location")) if x
    )
    unknown = ""
    if est.get("p50") is None and "p50" not in (est.get("at_least") or {}):
        reason = est.get("unknown_reason") or est.get("withheld") or "no figures for this cell."
        unknown = prompts.render("embedded/salary_unknown", reason=reason)
    basis = f"From {est['basis']}." if est.get("basis") else ""
    if est.get("n"):
        basis += f" Sample: n = {est['n']:,}."
    assumptions = " ".join(est.get("assumptions") or [])
    citation = (advice or {}).get("passages", [{}])[0].get("citation") if advice else None
    return prompts.render(
        "embedded/salary",
        title=title,
        table=_table(est),
        basis=basis.strip(),
        adjustments=_adjustments(est),
        references=_references(est),
        unknown=unknown,
        citation=f"[{citation}]" if citation else ANCHOR_CITATION,
        sources="; ".join(est.get("sources") or []) or "none",
        assumptions=f" Assumptions: {assumptions}" if assumptions else "",
    )


def write(intent: str, slots: Slots, data: dict[str, Any], tools_available: Sequence[str]) -> str:
    errors = [d["error"] for d in data.values() if isinstance(d, dict) and "error" in d]
    body = _body(intent, slots, data)
    parts = [prompts.render("embedded/tool_error", error=e) for e in errors] + [body]
    parts.append(prompts.render("embedded/footer"))
    return "\n\n".join(p for p in parts if p.strip())


def _body(intent: str, slots: Slots, data: dict[str, Any]) -> str:
    advice = data.get(SEARCH_PLAYBOOK)
    est = data.get(SALARY_LOOKUP)
    if isinstance(est, dict) and "error" not in est:
        return salary(est, advice)
    for name in (SCORE_OFFER, DRAFT_COUNTER, COMPARE_OFFERS):
        result = data.get(name)
        if isinstance(result, dict) and "error" not in result and result.get("markdown"):
            extra = passages(advice, limit=1)
            return result["markdown"] + (f"\n\n{extra}" if extra else "")
    if intent == "greeting":
        return prompts.render("embedded/greeting")
    if intent == "salary" and not slots.role:
        return prompts.render("embedded/need_role") + (
            "\n\n" + passages(advice, 1) if advice else ""
        )
    if intent in {"offer_score", "counter"} and not slots.offer_text:
        return (
            "Paste the offer first — its base salary, and any bonus, equity (RSUs or options), "
            "sign-on and PTO, with the role and city — and I'll score it against the market."
            + ("\n\n" + passages(advice, 1) if advice else "")
        )
    if intent == "off_topic":
        return prompts.render("embedded/off_topic", passages=passages(advice, 2))
    if intent == "out_of_scope":
        return prompts.render("embedded/out_of_scope", passages=passages(advice, 1))
    lead = "Here is what the playbook says, section by section:" if advice else ""
    return prompts.render("embedded/advice", lead=lead, passages=passages(advice))
