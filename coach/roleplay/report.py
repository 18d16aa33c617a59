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
    """The scorecard as the UI, the CLI and the export all show it."""
    grade = card.grade
    lines = [
        f"### Scorecard — {grade.letter} ({grade.score}/100)",
        "",
        f"**{card.verdict}**",
        "",
        "Why this grade:",
        *[f"- {reason}" for reason in grade.reasons],
        "",
    ]
    if card.offer_lost:
        lines += [
            "| Component | First offer | When the call ended (lost) | Their budget allowed |",
            "|---|---|---|---|",
        ]
        for row in card.components:
            cells: tuple[int | str | None, ...] = (row.first_offer, row.final, row.budget_max)
            lines.append(f"| {row.label} | " + " | ".join(_show(c, row.unit) for c in cells) + " |")
    else:
        lines += [
            "| Component | First offer | Final | Their budget allowed | Left on the table |",
            "|---|---|---|---|---|",
        ]
        for row in card.components:
            cells = (row.first_offer, row.final, row.budget_max, row.left_on_table)
            lines.append(f"| {row.label} | " + " | ".join(_show(c, row.unit) for c in cells) + " |")
    lines += ["", "**The costly mistakes**"]
    for m in card.mistakes:
        turn = f" (turn {m.turn})" if m.turn and m.status == "made" else ""
        lines.append(f"- {m.title}: **{m.status}**{turn}. {m.detail} [{m.citation}]")
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
