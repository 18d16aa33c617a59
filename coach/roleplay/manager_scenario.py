"""The raise or promotion talk with your own manager: the person, the pay, the hidden pool.

A ``ManagerScenario`` is generated from the market estimate for the person's role, level
and city (``scenario.pick_market``, the lookup the recruiter's call uses) and from their
current base, reproducibly from a seed. What the employee knows (``brief()``): their base,
their title, the market's p25/p50/p75 and its source. What only the manager's policy
reads (``RaisePool``): the most base the raise pool allows this cycle, the top of the
current level's band, the next level's title and band top when a promotion is possible,
the one-off bonus pool, and the next review date.

How the hidden pool is priced (practice parameters, not market claims): the raise pool
is a share of current base by toughness (soft 8-12%, standard 5-9%, tough 3-5%), plus
part of the gap to the market median when the person is paid under it (soft and
standard managers have a "market adjustment" line); it never passes the band's top. The
band's top sits 0-15% above current base, so some people are already near it. A
promotion is possible with the same odds as the recruiter's level move, adds 6-10% and
is capped by the next band's top (20% above the current one). The next review is 2-8
months away, on the first of a month.
"""

from __future__ import annotations

import random
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

from coach.errors import InputError
from coach.money import find_amounts
from coach.offers.model import EmployerType, employer_type_from
from coach.roleplay.scenario import (
    LEVEL_CAN_MOVE,
    NATIONAL,
    PERSONA_NAMES,
    MarketAnchor,
    Persona,
    Style,
    Toughness,
    _Frozen,
    pick_market,
    title_for,
    toughness_from,
)

MIN_BASE, MAX_BASE = 10_000, 5_000_000
RAISE_SHARE = {
    Toughness.SOFT: (0.08, 0.12),
    Toughness.STANDARD: (0.05, 0.09),
    Toughness.TOUGH: (0.03, 0.05),
}
# Share of the gap to the market median the pool can add ("market adjustment").
MARKET_ADJUSTMENT = {Toughness.SOFT: 0.5, Toughness.STANDARD: 0.3, Toughness.TOUGH: 0.0}
BAND_HEADROOM = (1.00, 1.15)
PROMOTION_SHARE = (0.06, 0.10)
NEXT_BAND = 1.20
BONUS_SHARE = (0.04, 0.10)
REVIEW_MONTHS = (2, 8)
COMPANIES = ("Harbor Logistics", "Brightpath Payments", "Tessellate", "Northwind Cloud AI")


class TalkKind(StrEnum):
    RAISE = "raise"
    PROMOTION = "promotion"


def talk_kind_from(text: str | TalkKind) -> TalkKind:
    try:
        return TalkKind(str(text).strip().lower())
    except ValueError:
        raise InputError(f"'{text}' is not a talk I know; use 'raise' or 'promotion'.") from None


class RaisePool(_Frozen):
    """What the manager can give this cycle. Hidden from the employee, read only by the
    manager's policy (and shown on the scorecard once the talk is over)."""

    raise_max: int = Field(description="the most base after a raise at this level")
    band_top: int = Field(description="the top of the current level's band")
    next_title: str | None = Field(None, description="one level up, if a promotion is possible")
    promotion_max: int | None = Field(None, description="the most base with the promotion")
    bonus_max: int = Field(0, ge=0, description="the one-off bonus pool")
    review_date: date = Field(description="the next review: no plan is dated before it")

    @property
    def can_promote(self) -> bool:
        return self.next_title is not None and self.promotion_max is not None


class ManagerScenario(_Frozen):
    kind: Literal["manager"] = "manager"
    id: str
    seed: int | None = None
    talk: TalkKind = TalkKind.RAISE
    role: str
    level: str | None = None
    location: str | None = None
    company: str
    title: str
    persona: Persona
    toughness: Toughness = Toughness.STANDARD
    current_base: int = Field(ge=MIN_BASE, le=MAX_BASE)
    market: MarketAnchor | None = None
    pool: RaisePool
    evidence: tuple[str, ...] = Field(
        (), description="the user's own outcome bullets (their evidence pack), for the hints"
    )

    @model_validator(mode="after")
    def _pool_covers_pay(self) -> ManagerScenario:
        pool = self.pool
        if pool.raise_max < self.current_base or pool.band_top < pool.raise_max:
            raise InputError(
                f"Scenario '{self.id}': the raise pool must lie between the current base "
                "and the band's top."
            )
        if pool.promotion_max is not None and pool.promotion_max < pool.raise_max:
            raise InputError(f"Scenario '{self.id}': a promotion can't pay less than a raise.")
        return self

    def with_toughness(self, toughness: Toughness | str) -> ManagerScenario:
        return self.model_copy(update={"toughness": toughness_from(toughness)})

    def brief(self) -> dict[str, Any]:
        """What the employee knows going in. Never includes the pool, the band or the date."""
        return {
            "id": self.id,
            "kind": self.kind,
            "talk": self.talk.value,
            "role": self.title,
            "company": self.company,
            "location": self.location or NATIONAL,
            "manager": self.persona.name,
            "toughness": self.toughness.value,
            "market": self.market.model_dump() if self.market else None,
            "current_base": self.current_base,
        }

    @property
    def market_gap(self) -> int | None:
        """The market median minus current base (negative: paid above the median)."""
        return self.market.p50 - self.current_base if self.market else None


def typed_base(text: str | None, refusal: str) -> int | None:
    """The base someone typed for the talk ("140k", "$140,000", a bare "140000" read as
    dollars); None when nothing was typed; ``refusal`` (one sentence) when it holds no
    amount."""
    if text is None or not text.strip():
        return None
    written = text if any(c in text.lower() for c in "k$,") else f"${text.strip()}"
    found = find_amounts(written)
    if not found:
        raise InputError(refusal)
    return found[0].value


def typed_role(text: str | None, refusal: str) -> str:
    """The role someone typed for the talk, trimmed; ``refusal`` (one sentence naming the
    field) when it is missing or blank. The talk is about the person's own job and priced
    from its market, so a role is never picked for them."""
    role = (text or "").strip()
    if not role:
        raise InputError(refusal)
    return role


def _thousands(value: float) -> int:
    return int(value // 1000 * 1000)


def _review(rng: random.Random, today: date) -> date:
    months = today.month - 1 + rng.randint(*REVIEW_MONTHS)
    return date(today.year + months // 12, months % 12 + 1, 1)


def generate_manager(
    seed: int,
    *,
    talk: TalkKind | str = TalkKind.RAISE,
    toughness: Toughness | str = Toughness.STANDARD,
    role: str | None = None,
    level: str | None = None,
    location: str | None = None,
    current_base: int | None = None,
    employer_type: EmployerType | str | None = None,
    today: date | None = None,
) -> ManagerScenario:
    """A talk priced from the market and the person's pay; same arguments, same talk.

    ``role``: the person's own role, required (InputError when blank: never a random one).
    ``current_base``: the person's base today (generated around the median when not
    given). ``today``: the day the review date is counted from (default: today)."""
    tough = toughness_from(toughness)
    kind = talk_kind_from(talk)
    role = typed_role(role, "A talk with your manager needs your role, e.g. data engineer.")
    if current_base is not None and not MIN_BASE <= current_base <= MAX_BASE:
        raise InputError("Current base must be between $10,000 and $5,000,000 a year.")
    rng = random.Random(f"coach-manager-{seed}")
    if isinstance(employer_type, str):
        employer = employer_type_from(employer_type)
    else:
        employer = employer_type or rng.choice(list(EmployerType))
    estimate, anchor, place = pick_market(rng, role, level, location, employer)
    base = current_base or _thousands(anchor.p50 * rng.uniform(0.82, 1.02))
    band_top = max(base, _thousands(base * rng.uniform(*BAND_HEADROOM)))
    room = base * rng.uniform(*RAISE_SHARE[tough])
    room += max(0, anchor.p50 - base) * MARKET_ADJUSTMENT[tough]
    raise_max = min(band_top, base + _thousands(room))
    promote = rng.random() < LEVEL_CAN_MOVE[tough]
    promotion_max = None
    if promote:
        share = rng.uniform(*PROMOTION_SHARE)
        promotion_max = max(
            raise_max, min(_thousands(band_top * NEXT_BAND), _thousands(raise_max + base * share))
        )
    pool = RaisePool(
        raise_max=raise_max,
        band_top=band_top,
        next_title=title_for(estimate.role, estimate.level, next_level=True) if promote else None,
        promotion_max=promotion_max,
        bonus_max=_thousands(base * rng.uniform(*BONUS_SHARE)),
        review_date=_review(rng, today or date.today()),
    )
    return ManagerScenario(
        id=f"manager-{seed}",
        seed=seed,
        talk=kind,
        role=estimate.role,
        level=estimate.level_label,
        location=place,
        company=rng.choice(COMPANIES),
        title=title_for(estimate.role, estimate.level),
        persona=Persona(name=rng.choice(PERSONA_NAMES), style=rng.choice(list(Style))),
        toughness=tough,
        current_base=base,
        market=anchor,
        pool=pool,
    )
