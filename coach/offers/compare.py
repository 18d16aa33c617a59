"""Two to five offers side by side: per year and over four years, with a chart.

The comparison is on 4-year total comp (competing-offers § Compare offers on 4-year
total comp), with guaranteed cash and private-equity haircuts shown separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from coach import citations as cite
from coach.errors import InputError
from coach.money import format_usd
from coach.offers.model import HORIZON_YEARS, Offer
from coach.offers.totals import DEFAULT_HAIRCUT, Totals, compute_totals

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MIN_OFFERS, MAX_OFFERS = 2, 5


class Row(BaseModel):
    label: str
    values: list[int]


class Gap(BaseModel):
    """The leader over four years against the runner-up: what one pays more than the other."""

    ahead: str
    behind: str
    by_year: list[int]  # ahead minus behind, each year (negative: behind pays more that year)
    total: int  # over four years, on the gap's basis (at face value unless ``at_haircut``)
    after_haircut: int  # over four years, private equity after the liquidity haircut
    face: int = 0  # over four years, at face value
    # Ranked and measured with private equity after the haircut ("if I count the stock at
    # half"): ``total``, ``by_year`` and what closes it are then on that basis.
    at_haircut: bool = False
    # The base a year the offer behind would need to close the gap on its own: its base
    # plus the average yearly gap, rounded up to a thousand (0 when nothing trails).
    base_to_match: int = 0
    # The sign-on in all that would close the gap for the offer behind, paid once: its own
    # sign-on plus the four-year gap (0 when nothing trails).
    sign_on_to_match: int = 0


class Comparison(BaseModel):
    names: list[str]
    offers: list[Offer]
    totals: list[Totals]
    rows: list[Row]
    leader: str  # most over four years at face value
    leader_after_haircut: str
    leader_first_year: str
    notes: list[str]
    gap: Gap
    # The same with private equity after the haircut, when that changes any total.
    gap_after_haircut: Gap | None = None
    citation: str = cite.COMPARE_4_YEAR_TOTAL


def _names(offers: Sequence[Offer]) -> list[str]:
    """Each offer's company; else its role when the roles tell the offers apart (a role
    read for one offer only, or the same for all, names none of them); else "Offer 2"."""
    roles = [offer.role for offer in offers]
    by_role = all(roles) and len(set(roles)) == len(roles)
    names: list[str] = []
    for i, offer in enumerate(offers, start=1):
        name = offer.company or (offer.role if by_role else None) or f"Offer {i}"
        if name in names:
            name = f"{name} ({i})"
        names.append(name)
    return names


def _line_total(totals: Totals, key: str, *, first_year: bool = False) -> int:
    line = totals.line(key)
    if line is None:
        return 0
    return line.by_year[0] if first_year else line.total


def _rows(totals: list[Totals]) -> list[Row]:
    rows = [
        Row(
            label="Base (a year)", values=[_line_total(t, "base", first_year=True) for t in totals]
        ),
        Row(
            label="Expected bonus (a year)",
            values=[_line_total(t, "bonus", first_year=True) for t in totals],
        ),
        Row(label="Sign-on", values=[_line_total(t, "sign_on") for t in totals]),
        Row(label="Equity vested in 4 years", values=[sum(t.equity_by_year) for t in totals]),
        Row(
            label="Equity after liquidity haircut",
            values=[sum(t.equity_by_year_after_haircut) for t in totals],
        ),
    ]
    rows += [
        Row(label=f"Year {y + 1} total", values=[t.total_by_year[y] for t in totals])
        for y in range(HORIZON_YEARS)
    ]
    rows += [
        Row(label="4-year total", values=[t.four_year_total for t in totals]),
        Row(
            label="4-year total after haircut",
            values=[t.four_year_total_after_haircut for t in totals],
        ),
        # "per year, which pays more?": the four-year totals a year on average, so the
        # sign-on and uneven vesting are spread as the totals spread them
        Row(
            label="A year on average",
            values=[round(t.four_year_total / HORIZON_YEARS) for t in totals],
        ),
        Row(
            label="A year on average after haircut",
            values=[round(t.four_year_total_after_haircut / HORIZON_YEARS) for t in totals],
        ),
        Row(
            label="Guaranteed cash in 4 years (base + sign-on)",
            values=[_line_total(t, "base") + _line_total(t, "sign_on") for t in totals],
        ),
    ]
    return rows


def _leader(names: list[str], values: list[int]) -> str:
    """The one paying most (the first of a tie: the gap and the notes say it is even)."""
    return names[max(range(len(values)), key=lambda i: values[i])]


def _notes(names: list[str], totals: list[Totals]) -> list[str]:
    notes: list[str] = []
    order = sorted(range(len(totals)), key=lambda i: totals[i].four_year_total, reverse=True)
    first, second = order[0], order[1]
    lead = totals[first].four_year_total - totals[second].four_year_total
    if lead:
        notes.append(f"{names[first]} leads {names[second]} by {format_usd(lead)} over four years.")
    else:
        notes.append(f"{names[first]} and {names[second]} pay the same over four years.")
    cut = [t.four_year_total_after_haircut for t in totals]
    if _leader(names, cut) != names[first]:
        notes.append(
            f"After the liquidity haircut on private equity, {_leader(names, cut)} "
            "comes out ahead instead."
        )
    year_one = [t.total_by_year[0] for t in totals]
    first_year = _leader(names, year_one)
    if lead and first_year != names[first]:
        notes.append(
            f"{first_year} pays the most in year one; "
            f"{names[first]} overtakes it later (check the vesting schedules)."
        )
    for name, t in zip(names, totals, strict=True):
        if t.has_private_equity:
            notes.append(
                f"{name}: private-company equity, shown at face value and after a "
                f"{t.haircut_percent:g}% haircut."
            )
    return notes


def _gap(
    names: list[str], totals: list[Totals], offers: Sequence[Offer], *, cut: bool = False
) -> Gap:
    """The leader against the runner-up, at face value; with ``cut``, both ranked and
    measured with private equity after the liquidity haircut ("if I count the stock at
    half"), the base and sign-on to match then closing that gap."""

    def four_years(t: Totals) -> int:
        return t.four_year_total_after_haircut if cut else t.four_year_total

    def yearly(t: Totals) -> list[int]:
        return t.total_by_year_after_haircut if cut else t.total_by_year

    order = sorted(range(len(totals)), key=lambda i: four_years(totals[i]), reverse=True)
    ahead, behind = totals[order[0]], totals[order[1]]
    by_year = [a - b for a, b in zip(yearly(ahead), yearly(behind), strict=True)]
    total = four_years(ahead) - four_years(behind)
    return Gap(
        ahead=names[order[0]],
        behind=names[order[1]],
        by_year=by_year,
        total=total,
        after_haircut=ahead.four_year_total_after_haircut - behind.four_year_total_after_haircut,
        face=ahead.four_year_total - behind.four_year_total,
        at_haircut=cut,
        base_to_match=_base_to_match(behind, offers[order[1]], total, len(by_year)),
        sign_on_to_match=_line_total(behind, "sign_on") + total if total else 0,
    )


def _base_to_match(behind: Totals, offer: Offer, total: int, years: int) -> int:
    """The base a year that closes ``total`` over ``years`` on its own, rounded up to $1,000:
    a bonus set as a percent of base grows with it, so each dollar of base is worth more."""
    if not total or not years:
        return 0
    rate = 0.0
    bonus = offer.bonus
    if bonus is not None and bonus.target_percent is not None:
        payout = (bonus.payout_percent if bonus.payout_percent is not None else 100) / 100
        rate = bonus.target_percent / 100 * payout
    needed = _line_total(behind, "base", first_year=True) + total / years / (1 + rate)
    return -(-int(needed + 0.999) // 1000) * 1000


def compare_offers(offers: Sequence[Offer], *, haircut: float = DEFAULT_HAIRCUT) -> Comparison:
    """Totals for each offer, side by side, with who leads and where."""
    if not MIN_OFFERS <= len(offers) <= MAX_OFFERS:
        raise InputError(
            f"Compare {MIN_OFFERS} to {MAX_OFFERS} offers at a time, not {len(offers)}."
        )
    names = _names(offers)
    totals = [compute_totals(offer, haircut=haircut) for offer in offers]
    return Comparison(
        names=names,
        offers=list(offers),
        totals=totals,
        rows=_rows(totals),
        leader=_leader(names, [t.four_year_total for t in totals]),
        leader_after_haircut=_leader(names, [t.four_year_total_after_haircut for t in totals]),
        leader_first_year=_leader(names, [t.total_by_year[0] for t in totals]),
        notes=_notes(names, totals),
        gap=_gap(names, totals, offers),
        gap_after_haircut=_gap(names, totals, offers, cut=True)
        if any(t.four_year_total_after_haircut != t.four_year_total for t in totals)
        else None,
    )


def comparison_chart(comparison: Comparison) -> Figure:
    """Per-year cash and equity for each offer, and the 4-year totals: a matplotlib Figure.

    Built on ``matplotlib.figure.Figure`` (no pyplot, no GUI backend), which Gradio's
    ``gr.Plot`` shows as is; ``fig.savefig(path)`` writes a PNG.
    """
    import textwrap

    from matplotlib.figure import Figure

    names, totals = comparison.names, comparison.totals
    fig = Figure(figsize=(11, 5), layout="constrained")
    per_year, overall = fig.subplots(1, 2, width_ratios=(2.2, 1))
    width = 0.8 / len(names)
    years = range(HORIZON_YEARS)
    for i, (name, t) in enumerate(zip(names, totals, strict=True)):
        xs = [y + (i - (len(names) - 1) / 2) * width for y in years]
        per_year.bar(xs, t.cash_by_year, width, color=f"C{i}", label=name)
        per_year.bar(
            xs,
            t.equity_by_year,
            width,
            bottom=t.cash_by_year,
            color=f"C{i}",
            alpha=0.45,
            hatch="//",
        )
    per_year.set_xticks(list(years), [f"Year {y + 1}" for y in years])
    per_year.set_title("Pay by year: solid cash, hatched equity (face value)")
    per_year.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=len(names), frameon=False
    )
    xs = list(range(len(names)))
    face = [t.four_year_total for t in totals]
    cut = [t.four_year_total_after_haircut for t in totals]
    colors = [f"C{i}" for i in xs]
    overall.bar(xs, face, 0.6, color=colors, alpha=0.45)
    overall.bar(xs, cut, 0.6, color=colors)
    for x, value in zip(xs, face, strict=True):
        overall.annotate(format_usd(value), (x, value), ha="center", va="bottom", fontsize="small")
    overall.set_xticks(xs, [textwrap.fill(n, 12) for n in names], fontsize="small")
    overall.set_title("4-year total\n(light: face value, dark: after haircut)")
    overall.set_ylim(0, max(face) * 1.12 or 1)
    for axes in (per_year, overall):
        axes.yaxis.set_major_formatter(lambda value, _pos: f"${value / 1000:,.0f}k")
        axes.spines[["top", "right"]].set_visible(False)
    return fig


def offer_chart(name: str, totals: Totals) -> Figure:
    """One offer's four years: a stacked bar per year, one colour per component."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), layout="constrained")
    axes = fig.subplots()
    years = list(range(totals.horizon))
    bottom = [0] * totals.horizon
    for i, line in enumerate(item for item in totals.lines if item.kind != "not_counted"):
        hatch = "//" if line.kind == "equity" else None
        axes.bar(
            years, line.by_year, 0.6, bottom=bottom, color=f"C{i}", hatch=hatch, label=line.label
        )
        bottom = [b + v for b, v in zip(bottom, line.by_year, strict=True)]
    for x, value in zip(years, totals.total_by_year, strict=True):
        axes.annotate(format_usd(value), (x, value), ha="center", va="bottom", fontsize="small")
    axes.set_xticks(years, [f"Year {y + 1}" for y in years])
    axes.set_title(f"{name}: {format_usd(totals.four_year_total)} over four years")
    axes.yaxis.set_major_formatter(lambda value, _pos: f"${value / 1000:,.0f}k")
    axes.set_ylim(0, max(totals.total_by_year) * 1.15 or 1)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3, frameon=False, fontsize="small"
    )
    return fig
