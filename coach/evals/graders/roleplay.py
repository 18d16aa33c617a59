"""Role-play graders: what must hold on every call, and what a script expects.

Always: the hidden budget is never exceeded, every concession stays between the
first offer and the budget (and only moves up), and the recruiter says no money
figure that was neither on the table nor said by the candidate. Per script: the
outcome, the first-year gain, recruiter moves, objections raised, what moved, and
the scorecard's verdict on each planted mistake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.evals.datasets import RoleplayExpect
from coach.evals.graders.check import Check
from coach.money import find_amounts, format_usd

if TYPE_CHECKING:  # the suites import these graders: a runtime import would be circular
    from coach.evals.suites.script import Played

MONEY = ("base", "sign_on", "equity")


def band_violations(played: Played) -> list[str]:
    """Concessions outside [first offer, budget max], or moving backwards."""
    scenario, state = played.call.scenario, played.call.state
    first = state.offered or scenario.first_offer
    found = []
    for change in state.conceded:
        if change.component == "title":
            if change.after != scenario.budget.next_title:
                found.append(f"title moved to {change.after!r}, never approved")
            continue
        low, high = getattr(first, change.component), scenario.budget.limit(change.component)
        if not (low <= int(change.before) < int(change.after) <= high):
            found.append(f"{change.component} {change.before}→{change.after} outside {low}–{high}")
    return found


def leaks(played: Played) -> list[str]:
    """Money the recruiter said that was never on the table and the candidate never said."""
    state = played.call.state
    allowed = {a.value for text in played.said for a in find_amounts(text)}
    # What the candidate said as the call read it: "265" is $265,000, "20k more" on the
    # table's base is the figure the recruiter refuses or meets.
    for log in state.log:
        allowed |= {v for m in log.moves for v in (m.amount, m.low, m.high) if v}
    allowed |= {r.asked for r in state.refused if r.asked}
    terms = [state.table, *(t for t in [state.offered, played.call.scenario.first_offer] if t)]
    allowed |= {getattr(t, c) for t in terms for c in MONEY}
    allowed |= {int(c.after) for c in state.conceded if c.component in MONEY}
    allowed |= {int(c.before) for c in state.conceded if c.component in MONEY}
    heard = {a.value for text in played.heard for a in find_amounts(text)}
    return [format_usd(v) for v in sorted(heard - allowed)]


def invariant_checks(played: Played) -> list[Check]:
    bands, leaked = band_violations(played), leaks(played)
    return [
        Check("budget", played.breach is None, played.breach or "never above the hidden budget"),
        Check("band", not bands, "; ".join(bands) or "every concession inside the band"),
        Check("leak", not leaked, ("said " + ", ".join(leaked)) if leaked else "no stray figures"),
    ]


def expectation_checks(played: Played, expect: RoleplayExpect) -> list[Check]:
    card, state = played.card, played.call.state
    if card is None:
        return []
    checks: list[Check] = []
    acts = {act.value for log in state.log for act in log.acts}
    if expect.outcome is not None:
        got = card.outcome.value
        checks.append(Check("outcome", got == expect.outcome, f"{got} (expected {expect.outcome})"))
    if expect.gain_pct is not None:
        low, high = expect.gain_pct
        gain = card.first_year_gain_pct
        checks.append(
            Check("gain", low <= gain <= high, f"first-year gain {gain}% in [{low}, {high}]?")
        )
    for key, status in expect.mistakes.items():
        got = next((m.status for m in card.mistakes if m.key == key), "missing")
        checks.append(Check(f"mistake:{key}", got == status, f"{got} (expected {status})"))
    raised = {o.value for o in state.objections}
    missing = [o for o in expect.objections if o not in raised]
    if expect.objections:
        checks.append(
            Check("objections", not missing, f"raised {sorted(raised)}; missing {missing}")
        )
    for act in expect.acts:
        checks.append(Check(f"act:{act}", act in acts, "made" if act in acts else "never made"))
    for act in expect.no_acts:
        checks.append(
            Check(f"no-act:{act}", act not in acts, "made" if act in acts else "not made")
        )
    if expect.conceded is not None:
        moved = sorted({c.component for c in state.conceded})
        ok = moved == sorted(expect.conceded)
        checks.append(Check("conceded", ok, f"moved {moved} (expected {sorted(expect.conceded)})"))
    if expect.anchoring_cost is not None:
        cost = card.anchoring_cost
        ok = (cost > 0) == expect.anchoring_cost
        checks.append(Check("anchoring_cost", ok, f"the offer opened {format_usd(cost)} lower"))
    return checks
