"""The offer as data: base, bonus, equity and its vesting, refreshers, sign-on and the rest.

Every bound is checked here, so an offer that exists is one the arithmetic can
trust. A bad value raises ``InputError`` with one sentence naming the field and
what to write instead; money fields accept the forms people type ("185k").
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from coach.errors import InputError
from coach.money import MAX_AMOUNT, format_usd, parse_amount, quote
from coach.vocabulary import currencies, employer_kinds, employer_names, normalise

# Bounds that separate a typo from a real offer. A base of 5 is a missing "k";
# a base of 50M is an extra zero: no salary in the market data comes near either.
MIN_BASE = 10_000
MAX_BASE = 5_000_000
MAX_CASH = 50_000_000  # a bonus, sign-on or relocation line
MAX_GRANT = 1_000_000_000  # a four-year equity grant at face value
MAX_VALUATION = 10_000_000_000_000
HORIZON_YEARS = 4  # every total in this package is over four years


class EmployerType(StrEnum):
    AI_LAB = "ai_lab"
    AI_NATIVE = "ai_native_scale_up"
    BIG_TECH = "big_tech_ai_org"
    AI_FORWARD = "ai_forward_public"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _EMPLOYER_LABELS[self]

    @property
    def pays_premium(self) -> bool:
        """The four types the playbook says already build the AI premium into offers."""
        return self is not EmployerType.OTHER


def _labels() -> dict[EmployerType, str]:
    return {EmployerType(kind.key): kind.label for kind in employer_kinds()}


_EMPLOYER_LABELS = _labels()
# Names an offer letter uses for each type (coach/knowledge/vocabulary/employers.yaml):
# normalised name -> type; bare words like "startup" are left to conversation.
EMPLOYER_ALIASES: dict[str, EmployerType] = {
    name: EmployerType(key) for name, key in employer_names(loose=False).items()
}


def employer_type_from(text: str) -> EmployerType:
    """An employer type from the vocabulary's names for it ("FAANG", "ai_lab", "AI lab").

    Not from the loose conversation words ("startup", "lab"): too vague for an offer field.
    """
    key = employer_names(loose=False).get(normalise(text))
    if key is not None:
        return EmployerType(key)
    names = ", ".join(t.label for t in EmployerType)
    raise InputError(f"'{quote(text)}' is not an employer type I know; use one of: {names}.")


def _employer(value: Any) -> Any:
    return employer_type_from(value) if isinstance(value, str) else value


def _money(value: Any) -> Any:
    """Money fields take numbers or the forms people type: 185000, "185k", "$185,000"."""
    if isinstance(value, bool):
        raise InputError("An amount of money must be a number, not true or false.")
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("-"):
            raise InputError(
                f"'{quote(text)}' is negative; amounts in an offer must be zero or more."
            )
        return parse_amount(text)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError("An amount of money must be a finite number.")
        value = round(value)  # whole dollars: cents never change a negotiation
    if isinstance(value, int) and abs(value) > MAX_AMOUNT:
        # Beyond any bound below, and too long to even print in a message.
        raise InputError("An amount in the offer is far too large to be right; check it.")
    return value


def _number(value: Any) -> Any:
    """Counts, prices and percentages: a plain number, "2.50", "$6" or "15%"."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").removeprefix("$").removesuffix("%").strip()
        try:
            return float(text)
        except ValueError:
            raise InputError(f"'{quote(value)}' is not a number I can read.") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError("A number in the offer must be finite.")
    return value


Money = Annotated[int, BeforeValidator(_money)]
Number = Annotated[float, BeforeValidator(_number)]


def signed_usd(value: float) -> str:
    """format_usd with the sign in front: -$5, not $-5."""
    return f"-{format_usd(-value)}" if value < 0 else format_usd(value)


def _check(value: float | None, what: str, low: float, high: float, unit: str = "$") -> None:
    """One plain sentence for a value outside [low, high]."""
    if value is None:
        return
    shown = signed_usd(value) if unit == "$" else f"{value:g}{unit}"
    if value < 0:
        raise InputError(f"The {what} can't be negative ({shown}).")
    if value < low:
        raise InputError(f"The {what} of {shown} is too low to be right; check the amount.")
    if value > high:
        limit = format_usd(high) if unit == "$" else f"{high:g}{unit}"
        raise InputError(
            f"The {what} of {shown} is above {limit}, which looks like a typo; check the amount."
        )


class _Part(BaseModel):
    # allow_inf_nan=False: "nan" or .inf in a file is a plain error, not NaN in the sums.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Vesting(_Part):
    """When equity becomes yours.

    ``standard``: ``years`` with a ``cliff_months`` cliff, then ``frequency``.
    ``back_loaded`` and ``custom``: ``percents`` per year (back-loaded defaults to
    5/15/40/40). Percentages must add up to 100.
    """

    kind: Literal["standard", "back_loaded", "custom"] = "standard"
    years: int = 4
    cliff_months: int = 12
    frequency: Literal["monthly", "quarterly", "annual"] = "monthly"
    percents: tuple[float, ...] | None = None

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if data.get("kind") == "back_loaded" and not data.get("percents"):
            data["percents"] = (5, 15, 40, 40)
        # Only a list has a length; anything else is left for the field's own error.
        percents = data.get("percents")
        if percents and isinstance(percents, list | tuple) and "years" not in data:
            data["years"] = len(percents)
        return data

    @model_validator(mode="after")
    def _valid(self) -> Vesting:
        if not 1 <= self.years <= 10:
            raise InputError(f"A vesting period of {self.years} years is not valid; use 1 to 10.")
        if self.cliff_months < 0:
            raise InputError("The vesting cliff can't be negative.")
        if self.cliff_months > self.years * 12:
            raise InputError(
                f"A {self.cliff_months}-month cliff is longer than the {self.years * 12}-month "
                "vesting period; check the vesting terms."
            )
        if self.kind == "standard":
            if self.percents:
                raise InputError(
                    "Per-year vesting percentages need kind 'custom' or 'back_loaded'."
                )
            return self
        if not self.percents:
            raise InputError("Custom vesting needs a percentage for each year, e.g. 25/25/25/25.")
        if len(self.percents) != self.years:
            raise InputError(
                f"The vesting schedule lists {len(self.percents)} yearly percentages for "
                f"{self.years} years; give one per year."
            )
        if any(p < 0 for p in self.percents):
            raise InputError("A yearly vesting percentage can't be negative.")
        if abs(sum(self.percents) - 100) > 0.01:
            shares = "/".join(f"{p:g}" for p in self.percents)
            raise InputError(
                f"The vesting percentages {shares} add up to {sum(self.percents):g}%, not 100%."
            )
        return self

    def year_fractions(self, horizon: int = HORIZON_YEARS) -> list[float]:
        """Share of a grant that vests in each of years 1..horizon (0 beyond the schedule)."""
        if self.kind != "standard":
            shares = [p / 100 for p in self.percents or ()]
            return [shares[i] if i < len(shares) else 0.0 for i in range(horizon)]
        return [self._vested(12 * y) - self._vested(12 * (y - 1)) for y in range(1, horizon + 1)]

    def _vested(self, month: int) -> float:
        """Share vested by the end of ``month``: nothing before the cliff, then whole periods."""
        total = self.years * 12
        if month < self.cliff_months or month <= 0:
            return 0.0
        period = {"monthly": 1, "quarterly": 3, "annual": 12}[self.frequency]
        # At the cliff everything accrued so far vests at once, then one period at a time.
        return min(total, (month // period) * period) / total

    def describe(self) -> str:
        if self.kind == "standard":
            cliff = f"a {self.cliff_months}-month cliff" if self.cliff_months else "no cliff"
            return f"{self.years} years with {cliff}, then {self.frequency}"
        shares = "/".join(f"{p:g}" for p in self.percents or ())
        return f"{shares} over {self.years} years ({self.kind.replace('_', '-')})"


class Bonus(_Part):
    """Annual bonus: a target (% of base or dollars) and, if known, its historical payout."""

    target_percent: Number | None = None
    target_amount: Money | None = None
    payout_percent: Number | None = None  # share of target actually paid in recent years

    @model_validator(mode="after")
    def _valid(self) -> Bonus:
        if self.target_percent is None and self.target_amount is None:
            raise InputError("A bonus needs a target, as a percentage of base or an amount.")
        if self.target_percent is not None and self.target_amount is not None:
            raise InputError("Give the bonus target as a percentage or an amount, not both.")
        _check(self.target_percent, "bonus target", 0, 200, "%")
        _check(self.target_amount, "bonus target", 0, MAX_CASH)
        _check(self.payout_percent, "bonus payout rate", 0, 300, "%")
        return self


class RSUGrant(_Part):
    """Restricted stock: the grant's value at the stated price, vesting over the schedule."""

    kind: Literal["rsu"] = "rsu"
    value: Money
    private: bool = False  # private-company RSUs can't be sold until a liquidity event

    @model_validator(mode="after")
    def _valid(self) -> RSUGrant:
        _check(self.value, "equity grant", 0, MAX_GRANT)
        return self


class OptionGrant(_Part):
    """Stock options: worth the spread between the share price and the strike, per share."""

    kind: Literal["options"] = "options"
    count: Number
    strike: Number
    preferred_price: Number | None = None
    fmv_409a: Number | None = None

    @model_validator(mode="after")
    def _valid(self) -> OptionGrant:
        if not 1 <= self.count <= 1_000_000_000:
            raise InputError(
                f"{self.count:,.0f} options is not a grant I can value; check the count."
            )
        _check(self.strike, "strike price", 0, 1_000_000)
        _check(self.preferred_price, "preferred share price", 0, 1_000_000)
        _check(self.fmv_409a, "409A price", 0, 1_000_000)
        if self.preferred_price is None and self.fmv_409a is None:
            raise InputError(
                "Options need a share price to value them: the preferred price or the 409A price."
            )
        return self

    @property
    def price(self) -> float:
        """The preferred price when known (what investors paid), else the 409A."""
        return (
            self.preferred_price if self.preferred_price is not None else float(self.fmv_409a or 0)
        )


class PercentGrant(_Part):
    """A percentage of the company at a stated valuation (common at early-stage startups)."""

    kind: Literal["percent"] = "percent"
    percent: Number
    valuation: Money

    @model_validator(mode="after")
    def _valid(self) -> PercentGrant:
        if self.percent <= 0:
            raise InputError("An equity percentage must be above 0%.")
        if self.percent > 100:
            raise InputError(
                f"Equity of {self.percent:g}% is more than the whole company; "
                "give a percentage between 0 and 100."
            )
        _check(self.valuation, "company valuation", 1, MAX_VALUATION)
        return self


Equity = Annotated[RSUGrant | OptionGrant | PercentGrant, Field(discriminator="kind")]


class Refresher(_Part):
    """Yearly top-up grants: value per grant, first granted at the start of ``first_year``."""

    annual_value: Money
    first_year: int = 2

    @model_validator(mode="after")
    def _valid(self) -> Refresher:
        _check(self.annual_value, "refresher grant", 0, MAX_GRANT)
        if not 1 <= self.first_year <= HORIZON_YEARS:
            raise InputError(f"The first refresher year must be 1 to {HORIZON_YEARS}.")
        return self


class SignOn(_Part):
    amount: Money
    clawback_months: int | None = None

    @model_validator(mode="after")
    def _valid(self) -> SignOn:
        _check(self.amount, "sign-on bonus", 0, MAX_CASH)
        if self.clawback_months is not None and not 0 <= self.clawback_months <= 60:
            raise InputError(
                f"A clawback of {self.clawback_months} months is not valid; use 0 to 60."
            )
        return self


class Offer(BaseModel):
    """One job offer. Only ``base`` is required; every other part is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    currency: str = "USD"  # ISO code; every amount of the offer is in it
    company: str | None = None
    role: str | None = None
    level: str | None = None
    location: str | None = None
    employer_type: Annotated[EmployerType | None, BeforeValidator(_employer)] = None
    base: Money
    bonus: Bonus | None = None
    equity: Equity | None = None
    vesting: Vesting = Vesting()
    refresher: Refresher | None = None
    sign_on: SignOn | None = None
    relocation: Money | None = None
    pto_days: Number | None = None
    remote: Literal["remote", "hybrid", "onsite"] | None = None
    start_date: dt.date | None = None
    deadline: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _needs_base(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("base") in (None, ""):
            raise InputError(
                "The offer has no base salary; add it, e.g. 'base: 185000' or '185k base'."
            )
        return data

    @model_validator(mode="after")
    def _valid(self) -> Offer:
        table = currencies()
        if self.currency not in table.scale:
            known = ", ".join(sorted(table.scale))
            raise InputError(
                f"'{quote(self.currency)}' is not a currency I know; use one of {known}."
            )
        # The bounds catch a missing "k" or an extra zero; a yen or rupee salary is
        # written with more digits than a dollar one, so they widen with the currency.
        scale = table.scale[self.currency]
        low, high = MIN_BASE * scale, MAX_BASE * scale
        if self.base < 0:
            raise InputError(f"The base salary can't be negative ({signed_usd(self.base)}).")
        if self.base < low:
            raise InputError(
                f"A base salary of {format_usd(self.base)} a year is too low to be right; "
                "give the yearly amount, e.g. 185000 or 185k."
            )
        if self.base > high:
            raise InputError(
                f"A base salary of {format_usd(self.base)} is above {format_usd(round(high))}, "
                "which looks like a typo; check the amount."
            )
        _check(self.relocation, "relocation package", 0, MAX_CASH * scale)
        _check(self.pto_days, "paid time off", 0, 365, " days")
        return self
