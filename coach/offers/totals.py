"""Year-by-year cash and equity over four years, with every assumption written down.

Each line is rounded to whole dollars per year first; every total is then a sum
of those lines, so the parts always add up to the whole on screen.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from coach.errors import InputError
from coach.money import format_per_share, format_usd
from coach.offers.model import (
    HORIZON_YEARS,
    Offer,
    OptionGrant,
    PercentGrant,
    RSUGrant,
    Vesting,
)

# The project's own assumption, not a market figure: shares you cannot sell until an
# IPO or tender offer are worth less than their paper price, and may be worth nothing.
DEFAULT_HAIRCUT = 0.5
PTO_BASELINE_DAYS = 15  # a common US default; days above it are valued
WORKDAYS_PER_YEAR = 260  # 52 weeks x 5 days: one day's pay is base / 260


class Line(BaseModel):
    """One component of the offer, per year. ``kind`` says whether it counts in the totals."""

    key: str
    label: str
    kind: Literal["cash", "equity", "not_counted"]
    by_year: list[int]
    after_haircut: list[int] | None = None  # equity only: after the liquidity haircut
    note: str | None = None

    @property
    def total(self) -> int:
        return sum(self.by_year)


class Totals(BaseModel):
    horizon: int
    lines: list[Line]
    cash_by_year: list[int]
    equity_by_year: list[int]
    equity_by_year_after_haircut: list[int]
    total_by_year: list[int]
    total_by_year_after_haircut: list[int]
    four_year_total: int
    four_year_total_after_haircut: int
    annualised: int
    annualised_after_haircut: int
    first_year_cash: int
    haircut_percent: float
    has_private_equity: bool
    assumptions: list[str]

    def line(self, key: str) -> Line | None:
        return next((item for item in self.lines if item.key == key), None)


def _round(values: list[float]) -> list[int]:
    return [round(v) for v in values]


def _round_vested(values: list[float]) -> list[int]:
    """Whole dollars per year that add up to the rounded whole: each year is the rounded
    running total less the one before, so a grant of $356,250 vests as $356,250, not
    four roundings that sum to $356,248."""
    out: list[int] = []
    running = 0.0
    for value in values:
        running += value
        out.append(round(running) - sum(out))
    return out


def _bonus_line(offer: Offer, horizon: int, notes: list[str]) -> Line | None:
    bonus = offer.bonus
    if bonus is None:
        return None
    if bonus.target_percent is not None:
        target = offer.base * bonus.target_percent / 100
        what = f"{bonus.target_percent:g}% of base ({format_usd(target)})"
    else:
        target = float(bonus.target_amount or 0)
        what = format_usd(target)
    if bonus.payout_percent is None:
        payout = 1.0
        notes.append(
            f"Bonus counted at 100% of its {what} target each year: no payout history "
            "was given. Ask what it has paid as a share of target."
        )
    else:
        payout = bonus.payout_percent / 100
        notes.append(
            f"Bonus counted at its {bonus.payout_percent:g}% historical payout of the "
            f"{what} target each year."
        )
    return Line(
        key="bonus",
        label="Annual bonus (expected)",
        kind="cash",
        by_year=_round_vested([target * payout] * horizon),
    )


def grant_value(offer: Offer, notes: list[str]) -> tuple[float, bool]:
    """The initial grant's face value over its whole schedule, and whether it is private."""
    equity = offer.equity
    if isinstance(equity, RSUGrant):
        notes.append(
            f"RSUs valued at the stated {format_usd(equity.value)} grant value"
            + (" (private-company shares)." if equity.private else ".")
        )
        return float(equity.value), equity.private
    if isinstance(equity, OptionGrant):
        basis = "preferred price" if equity.preferred_price is not None else "409A price"
        spread = equity.price - equity.strike
        if spread <= 0:
            notes.append(
                f"Options are under water: the {basis} {format_per_share(equity.price)} is "
                f"not above the {format_per_share(equity.strike)} strike, so they are counted "
                "at $0."
            )
            return 0.0, True
        value = spread * equity.count
        notes.append(
            f"Options valued at their spread: ({basis} {format_per_share(equity.price)} - strike "
            f"{format_per_share(equity.strike)}) x {equity.count:,.0f} = {format_usd(value)}; "
            "exercise cost and taxes are not deducted."
        )
        return value, True
    if isinstance(equity, PercentGrant):
        value = equity.percent / 100 * equity.valuation
        notes.append(
            f"{equity.percent:g}% of the company at a {format_usd(equity.valuation)} "
            f"valuation = {format_usd(value)}, before dilution from later rounds."
        )
        return value, True
    return 0.0, False


def _equity_lines(offer: Offer, horizon: int, haircut: float, notes: list[str]) -> list[Line]:
    value, private = grant_value(offer, notes)
    fractions = offer.vesting.year_fractions(horizon)
    lines: list[Line] = []
    keep = 1 - haircut if private else 1.0
    if offer.equity is not None:
        notes.append(f"Vesting: {offer.vesting.describe()}.")
        by_year = [value * f for f in fractions]
        lines.append(
            Line(
                key="equity",
                label="Initial equity grant (vested)",
                kind="equity",
                by_year=_round_vested(by_year),
                after_haircut=_round_vested([v * keep for v in by_year]),
            )
        )
    if offer.refresher is not None:
        by_year = _refresher_years(
            offer.refresher.annual_value, offer.refresher.first_year, offer.vesting, horizon
        )
        notes.append(
            f"Refreshers: a {format_usd(offer.refresher.annual_value)} grant at the start "
            f"of each year from year {offer.refresher.first_year}, each vesting on the "
            "same schedule as the initial grant; only what vests within four years counts."
        )
        lines.append(
            Line(
                key="refreshers",
                label="Refresher grants (vested)",
                kind="equity",
                by_year=_round_vested(by_year),
                after_haircut=_round_vested([v * keep for v in by_year]),
            )
        )
    if private and lines:
        notes.append(
            f"Private-company equity shown at face value and after a {haircut:.0%} "
            "liquidity haircut (the project's own assumption: the shares can't be sold "
            "until an IPO or tender offer, and may never be)."
        )
    return lines


def _refresher_years(value: float, first_year: int, vesting: Vesting, horizon: int) -> list[float]:
    """Grant g starts in year g and vests its k-th year's share in year g + k."""
    fractions = vesting.year_fractions(horizon)
    return [
        sum(value * fractions[year - grant] for grant in range(first_year, year + 1))
        for year in range(1, horizon + 1)
    ]


def _sign_on_line(offer: Offer, horizon: int) -> Line | None:
    if offer.sign_on is None:
        return None
    months = offer.sign_on.clawback_months
    note = (
        f"repayable if you leave within {months} months"
        if months
        else "clawback terms not stated; ask before counting on it"
    )
    by_year = [offer.sign_on.amount] + [0] * (horizon - 1)
    return Line(key="sign_on", label="Sign-on bonus", kind="cash", by_year=by_year, note=note)


def _side_lines(offer: Offer, horizon: int, baseline_days: int) -> list[Line]:
    """Relocation and PTO: shown with a value, never folded into the totals."""
    lines: list[Line] = []
    if offer.relocation:
        lines.append(
            Line(
                key="relocation",
                label="Relocation",
                kind="not_counted",
                by_year=[offer.relocation] + [0] * (horizon - 1),
                note="pays for the move, so it is not counted as pay",
            )
        )
    if offer.pto_days is not None:
        extra = max(0.0, offer.pto_days - baseline_days)
        day = offer.base / WORKDAYS_PER_YEAR
        lines.append(
            Line(
                key="pto",
                label=f"Paid time off above {baseline_days} days",
                kind="not_counted",
                by_year=_round([extra * day] * horizon),
                note=f"{extra:g} extra days x {format_usd(day)} a day (base / "
                f"{WORKDAYS_PER_YEAR}); time, not pay, so not in the totals",
            )
        )
    return lines


def _sum(lines: list[Line], kinds: set[str], horizon: int, haircut: bool = False) -> list[int]:
    values = [0] * horizon
    for line in lines:
        if line.kind in kinds:
            source = line.after_haircut if haircut and line.after_haircut else line.by_year
            values = [a + b for a, b in zip(values, source, strict=True)]
    return values


def compute_totals(
    offer: Offer,
    *,
    haircut: float = DEFAULT_HAIRCUT,
    pto_baseline_days: int = PTO_BASELINE_DAYS,
) -> Totals:
    """Year-by-year cash, equity and totals over four years, with the assumptions used."""
    if not 0 <= haircut <= 1:
        raise InputError(f"A liquidity haircut of {haircut:.0%} is not valid; use 0% to 100%.")
    horizon = HORIZON_YEARS
    notes = ["Base stays flat for four years: raises are not assumed."]
    lines = [Line(key="base", label="Base salary", kind="cash", by_year=[offer.base] * horizon)]
    for line in (_bonus_line(offer, horizon, notes), _sign_on_line(offer, horizon)):
        if line is not None:
            lines.append(line)
    lines += _equity_lines(offer, horizon, haircut, notes)
    lines += _side_lines(offer, horizon, pto_baseline_days)
    cash = _sum(lines, {"cash"}, horizon)
    equity = _sum(lines, {"equity"}, horizon)
    equity_cut = _sum(lines, {"equity"}, horizon, haircut=True)
    total = [c + e for c, e in zip(cash, equity, strict=True)]
    total_cut = [c + e for c, e in zip(cash, equity_cut, strict=True)]
    private = equity != equity_cut or _is_private(offer)
    return Totals(
        horizon=horizon,
        lines=lines,
        cash_by_year=cash,
        equity_by_year=equity,
        equity_by_year_after_haircut=equity_cut,
        total_by_year=total,
        total_by_year_after_haircut=total_cut,
        four_year_total=sum(total),
        four_year_total_after_haircut=sum(total_cut),
        annualised=round(sum(total) / horizon),
        annualised_after_haircut=round(sum(total_cut) / horizon),
        first_year_cash=cash[0],
        haircut_percent=haircut * 100 if private else 0.0,
        has_private_equity=private,
        assumptions=notes,
    )


def _is_private(offer: Offer) -> bool:
    equity = offer.equity
    return isinstance(equity, OptionGrant | PercentGrant) or (
        isinstance(equity, RSUGrant) and equity.private
    )
