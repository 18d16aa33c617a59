"""A practice call as Markdown: the scorecard and the transcript (UI and export)."""

from __future__ import annotations

from coach.money import format_usd
from coach.roleplay.judgement import checks_markdown
from coach.roleplay.manager_scorecard import ManagerScorecard, manager_scorecard_markdown
from coach.roleplay.manager_session import ManagerCall
from coach.roleplay.scorecard import Scorecard
from coach.roleplay.session import PracticeCall


def _show(value: int | str | None, unit: str) -> str:
    if value is None:
        return "—"
    return format_usd(value) if unit == "usd" and isinstance(value, int) else str(value)


def _other_parts(card: Scorecard) -> str:
    """The parts behind the grade that the three reasons leave out, so the total adds up."""
    if not card.grade.graded:
        return ""
    named = {reason.split("(", 1)[1].split(")", 1)[0] for reason in card.grade.reasons}
    rest = [f"{p.name} {p.points}/{p.most}" for p in card.grade.parts if p.name not in named]
    return "- The other parts: " + ", ".join(rest) + "." if rest else ""


def scorecard_markdown(card: Scorecard) -> str:
    """The scorecard as the UI, the CLI and the export all show it."""
    grade = card.grade
    heading = f"{grade.letter} ({grade.score}/100)" if grade.graded else "not graded"
    lines = [
        f"### Scorecard — {heading}",
        "",
        f"**{card.verdict}**",
        "",
        "Why this grade:",
        *[f"- {reason}" for reason in grade.reasons],
        _other_parts(card),
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
            # A later start is a wish, not money left behind: no "left" for weeks.
            left = None if row.unit == "weeks" else row.left_on_table
            cells = (row.first_offer, row.final, row.budget_max, left)
            lines.append(f"| {row.label} | " + " | ".join(_show(c, row.unit) for c in cells) + " |")
    lines += checks_markdown("The costly mistakes", card.mistakes, card.went_well)
    if card.assumptions:
        lines += ["", "<sub>" + " ".join(card.assumptions) + "</sub>"]
    return "\n".join(lines)


def card_markdown(card: Scorecard | ManagerScorecard) -> str:
    """Either kind of scorecard, as the UI, the CLI and the export show it."""
    if isinstance(card, ManagerScorecard):
        return manager_scorecard_markdown(card)
    return scorecard_markdown(card)


def transcript_markdown(
    call: PracticeCall | ManagerCall, card: Scorecard | ManagerScorecard | None = None
) -> str:
    brief = call.scenario.brief()
    if isinstance(call, ManagerCall):
        heading = f"# Practice talk — a {brief['talk']} as {brief['role']} at {brief['company']}"
        other = f"Manager ({brief['manager']})"
    else:
        heading = f"# Practice call — {brief['role']} at {brief['company']}"
        other = f"Recruiter ({brief['recruiter']})"
    lines = [heading, ""]
    names = {"recruiter": other, "candidate": "You", "coach": "Coach"}
    for line in call.transcript():
        # A hint already names its source in its words "(see X — Y)": cite it once.
        cited = line.get("citation")
        text = line["text"] + (f" [{cited}]" if cited and cited not in line["text"] else "")
        lines += [f"**{names.get(line['role'], line['role'])}:** {text}", ""]
    if card is not None:
        lines.append(card_markdown(card))
    return "\n".join(lines)
