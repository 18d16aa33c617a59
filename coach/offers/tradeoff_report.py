"""A trade-off as Markdown: both sides part by part, then what decides between them.

Every figure is copied from a Tradeoff computed by coach.offers.tradeoff; nothing is
calculated here.
"""

from __future__ import annotations

from coach.offers.tradeoff import Tradeoff, TradeoffSide, money


def _side_rows(side: TradeoffSide, cur: str) -> list[str]:
    rows = [
        f"| {side.name}: {line.label} | {money(line.by_year[0], cur)} | {money(line.total, cur)} |"
        for line in side.lines
    ]
    if side.first_year is not None and side.four_year_total is not None:
        rows.append(
            f"| **{side.name} in all** | **{money(side.first_year, cur)}** | "
            f"**{money(side.four_year_total, cur)}** |"
        )
    else:
        rows.append(f"| **{side.name} in all** | unknown | unknown |")
    return rows


def tradeoff_markdown(t: Tradeoff) -> str:
    cur = t.currency
    a, b = t.sides
    lines = [
        "**This is a trade-off question, not an offer to score: here are both sides.**",
        "",
        f"- **A:** {a.words}",
        f"- **B:** {b.words}",
        "",
        f"Compared on {t.basis}, over one year and over four years:",
        "",
        "| | Year 1 | 4 years |",
        "|---|---|---|",
        *_side_rows(a, cur),
        *_side_rows(b, cur),
        "",
    ]
    lines += [f"- {finding}" for finding in t.findings]
    if t.clawback:
        lines.append(f"- **Clawback risk:** {t.clawback}")
    if t.compounding:
        lines.append(f"- **What compounds:** {t.compounding}")
    lines.append(f"- **Raises:** {t.raise_basis}")
    lines += [f"- {note}" for note in t.notes]
    if t.asks:
        lines += ["", "To finish the comparison, tell me: " + "; ".join(t.asks) + "."]
    if t.read:
        lines += ["", "<sub>What I read: " + "; ".join(t.read) + ".</sub>"]
    lines += ["", "Sources: " + " ".join(f"[{c}]" for c in t.citations)]
    return "\n".join(lines)
