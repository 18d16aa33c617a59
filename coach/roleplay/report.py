"""A practice call as Markdown: the scorecard and the transcript (UI and export)."""

from __future__ import annotations

from coach.money import format_usd
from coach.roleplay.scorecard import Scorecard
from coach.roleplay.session import PracticeCall


def _show(value: int | str | None, unit: str) -> str:
    if value is None:
        return "—"
    return format_usd(value) if unit == "usd" and isinstance(value, int) else str(value)


def scorecard_markdown(card: Scorecard) -> str:
    lines = [
        f"### Scorecard — {card.outcome.value.replace('_', ' ')}",
        "",
        "| Component | First offer | Final | Their budget allowed | Left on the table |",
        "|---|---|---|---|---|",
    ]
    for row in card.components:
        cells = (row.first_offer, row.final, row.budget_max, row.left_on_table)
        lines.append(f"| {row.label} | " + " | ".join(_show(c, row.unit) for c in cells) + " |")
    lines += [
        "",
        f"First-year value: {format_usd(card.first_year_first)} → "
        f"{format_usd(card.first_year_final)} ({card.first_year_gain_pct:+.1f}%). "
        f"4-year value gained: {format_usd(card.four_year_gain)}; "
        f"left on the table over 4 years: {format_usd(card.four_year_left_on_table)}.",
        "",
        "**The costly mistakes**",
    ]
    for m in card.mistakes:
        lines.append(f"- {m.title}: **{m.status}**. {m.detail} [{m.citation}]")
    if card.went_well:
        lines += ["", "**What went well**"]
        lines += [f"- Turn {p.turn}: {p.text} [{p.citation}]" for p in card.went_well]
    if card.assumptions:
        lines += ["", "<sub>" + " ".join(card.assumptions) + "</sub>"]
    return "\n".join(lines)


def transcript_markdown(call: PracticeCall, card: Scorecard | None = None) -> str:
    brief = call.scenario.brief()
    lines = [f"# Practice call — {brief['role']} at {brief['company']}", ""]
    names = {"recruiter": f"Recruiter ({brief['recruiter']})", "candidate": "You", "coach": "Coach"}
    for line in call.transcript():
        text = line["text"] + (f" [{line['citation']}]" if line.get("citation") else "")
        lines += [f"**{names.get(line['role'], line['role'])}:** {text}", ""]
    if card is not None:
        lines.append(scorecard_markdown(card))
    return "\n".join(lines)
