"""Practice scenarios: the offer on the table, the hidden budget behind it, the recruiter.

A scenario is either loaded from YAML (``knowledge/scenarios/*.yaml``) or built
from market data by ``generate(seed=...)``. Generation is reproducible: the same
seed and options always give the same scenario.

How a generated scenario is priced (practice parameters, not market claims):

* The market anchor is the person's estimate (``coach.market.estimate.estimate_for``:
  the cell for the role and level, priced for the place); its p25/p50/p75 are shown
  to the candidate as the function median they should know.
* The employer's planned first offer puts base a little below or around that
  median, by employer type, following the seeds' ordering (AI labs top of market,
  employers outside the four AI-premium types lowest).
* The hidden budget leaves a *margin* above the first offer's first-year value
  (base + sign-on + one year's vest of the grant): the seeds say most companies
  move 10-20% after a good counter, so a standard employer leaves 12-20%, a soft
  one 15-22% and a tough one 7-13%. The margin is split 50/30/20 between base,
  the sign-on pool and the equity grant (the grant's room is four years of vest).
"""

from __future__ import annotations

import random
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coach.errors import CoachError, InputError
from coach.market.estimate import estimate_for
from coach.money import quote
from coach.offers.model import EmployerType, Offer, RSUGrant, SignOn, employer_type_from
from coach.resources import KNOWLEDGE_DIR

SCENARIOS_DIR = KNOWLEDGE_DIR / "scenarios"
# Said in place of a name the candidate's offer does not give: never an invented one.
UNNAMED_COMPANY = "the hiring team"
NATIONAL = "United States (national figures: no city given)"


class Toughness(StrEnum):
    SOFT = "soft"
    STANDARD = "standard"
    TOUGH = "tough"


def toughness_from(text: str | Toughness) -> Toughness:
    try:
        return Toughness(str(text).strip().lower())
    except ValueError:
        names = ", ".join(t.value for t in Toughness)
        raise InputError(
            f"'{quote(text)}' is not a toughness I know; use one of: {names}."
        ) from None


class Style(StrEnum):
    WARM = "warm"
    BRISK = "brisk"
    FORMAL = "formal"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Persona(_Frozen):
    name: str
    style: Style = Style.WARM


MAX_BASE = 5_000_000
MAX_PTO_DAYS = 60


class Terms(_Frozen):
    """What is (or would be) on the table: the negotiable components of one offer."""

    title: str
    base: int = Field(ge=10_000, le=MAX_BASE)
    sign_on: int = Field(0, ge=0)
    equity: int = Field(0, ge=0, description="initial grant value, vesting over four years")
    pto_days: int = Field(15, ge=0, le=MAX_PTO_DAYS)
    start_weeks: int = Field(3, ge=0, le=52, description="weeks from signing to the start date")


class OfferedTerms(_Frozen):
    """The figures of a real offer to practise on (an RSU grant's value as equity)."""

    base: int = Field(ge=10_000, le=MAX_BASE)
    sign_on: int = Field(0, ge=0)
    equity: int = Field(0, ge=0)
    pto_days: int | None = Field(None, ge=0, le=MAX_PTO_DAYS)

    @classmethod
    def from_offer(cls, offer: Offer) -> OfferedTerms:
        """The parts of a parsed offer the recruiter negotiates: base, sign-on, an RSU
        grant (options and percentages have no single value to move), PTO."""
        equity = offer.equity.value if isinstance(offer.equity, RSUGrant) else 0
        try:
            return cls(
                base=int(offer.base),
                sign_on=int(offer.sign_on.amount) if offer.sign_on else 0,
                equity=int(equity),
                pto_days=int(offer.pto_days) if offer.pto_days is not None else None,
            )
        except ValueError as err:  # pydantic: e.g. a base under $10,000 or PTO over 60 days
            raise InputError(
                "That offer can't be practised on: its base must be between $10,000 and "
                "$5,000,000 and its PTO at most 60 days."
            ) from err


class Budget(_Frozen):
    """The most the employer will give on each component. Hidden from the candidate."""

    base_max: int
    sign_on_max: int = 0
    equity_max: int = 0
    pto_max_days: int = 15
    start_max_weeks: int = 3
    next_title: str | None = Field(None, description="the title one level up, if level can move")

    @property
    def title_can_move(self) -> bool:
        return self.next_title is not None

    @property
    def limits(self) -> dict[str, int]:
        """The most on each negotiable number, keyed like ``Terms``' fields."""
        return {
            "base": self.base_max,
            "sign_on": self.sign_on_max,
            "equity": self.equity_max,
            "pto_days": self.pto_max_days,
            "start_weeks": self.start_max_weeks,
        }

    def limit(self, component: str) -> int:
        return self.limits[component]


class MarketAnchor(_Frozen):
    """Public market figures for the role: what the candidate should anchor on."""

    p25: int
    p50: int
    p75: int
    basis: str
    sources: list[str] = Field(default_factory=list)


class Scenario(_Frozen):
    id: str
    seed: int | None = None
    role: str
    level: str | None = None
    location: str | None = None
    employer_type: EmployerType = EmployerType.OTHER
    company: str
    persona: Persona
    toughness: Toughness = Toughness.STANDARD
    first_offer: Terms
    budget: Budget
    market: MarketAnchor | None = None
    current_base: int | None = Field(None, description="the candidate's pay today (their brief)")
    refresh_policy: str = "Refresh grants are reviewed every year with performance ratings."
    private_equity: bool = False
    opens_with_offer: bool = Field(
        False, description="the candidate's own offer: the recruiter opens the call with it"
    )
    evidence: tuple[str, ...] = Field(
        (), description="the user's own outcome bullets (their evidence pack), for the hints"
    )

    @model_validator(mode="before")
    @classmethod
    def _parse_enums(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            if isinstance(data.get("employer_type"), str):
                data["employer_type"] = employer_type_from(data["employer_type"])
            if isinstance(data.get("toughness"), str):
                data["toughness"] = toughness_from(data["toughness"])
        return data

    def offer_of(self, terms: Terms) -> Offer:
        """``terms`` as an offer from this scenario's employer: what the scorecard totals
        and what a plan after the call is made for."""
        return Offer(
            company=self.company,
            role=self.role,
            level=self.level,
            location=self.location,
            employer_type=self.employer_type,
            base=terms.base,
            equity=RSUGrant(value=terms.equity, private=self.private_equity)
            if terms.equity
            else None,
            sign_on=SignOn(amount=terms.sign_on) if terms.sign_on else None,
            pto_days=terms.pto_days,
        )

    @model_validator(mode="after")
    def _budget_covers_offer(self) -> Scenario:
        offer, budget = self.first_offer, self.budget
        pairs = {
            "base": (offer.base, budget.base_max),
            "sign-on": (offer.sign_on, budget.sign_on_max),
            "equity": (offer.equity, budget.equity_max),
            "PTO": (offer.pto_days, budget.pto_max_days),
            "start date": (offer.start_weeks, budget.start_max_weeks),
        }
        for what, (first, most) in pairs.items():
            if first > most:
                raise InputError(
                    f"Scenario '{self.id}': the first offer's {what} ({first:,}) is above "
                    f"its budget ({most:,}); the budget must cover the first offer."
                )
        return self

    def with_toughness(self, toughness: Toughness | str) -> Scenario:
        return self.model_copy(update={"toughness": toughness_from(toughness)})

    def brief(self) -> dict[str, Any]:
        """What the candidate knows going in. Never includes the budget."""
        return {
            "id": self.id,
            "role": self.first_offer.title,
            "company": self.company,
            "employer_type": self.employer_type.label,
            "location": self.location or NATIONAL,
            "recruiter": self.persona.name,
            "toughness": self.toughness.value,
            "market": self.market.model_dump() if self.market else None,
            "current_base": self.current_base,
        }


# ------------------------------------------------------------------ YAML


def load_scenario(path: str | Path) -> Scenario:
    """A scenario from a YAML file; one plain sentence if it is missing or malformed."""
    file = Path(path)
    name = quote(file.name)
    if not file.is_file():
        raise InputError(
            f"No scenario file at {quote(file, 80)}; give the path to a .yaml scenario."
        )
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError(f"{name} can't be read as text.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{name} is not valid YAML ({_first_line(exc)}).") from None
    # PyYAML's constructors also raise plain Python errors (a date like 2026-13-45, a
    # bad !!timestamp, deep nesting): to the user they all mean the same.
    except Exception:
        raise InputError(f"{name} is not valid YAML.") from None
    if not isinstance(data, dict):
        raise InputError(f"{name} must hold a mapping of scenario fields.")
    data.setdefault("id", file.stem)
    return scenario_from_dict(data, where=file.name)


def scenario_from_dict(data: dict[str, Any], where: str = "the scenario") -> Scenario:
    try:
        return Scenario.model_validate(data)
    except CoachError:
        raise
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "scenario"
        raise InputError(f"In {where}, '{field}': {error['msg']}.") from None


def example_scenarios() -> list[Path]:
    return sorted(SCENARIOS_DIR.glob("*.yaml"))


def _first_line(exc: Exception) -> str:
    return quote(str(exc).strip().partition("\n")[0], 120) or "no details"


# ------------------------------------------------------------------ generation

ROLES = (
    "machine learning engineer",
    "ai engineer",
    "data scientist",
    "software engineer",
    "data engineer",
    "research engineer",
    "applied scientist",
)
LEVELS = ("mid", "senior")
LOCATIONS = ("San Francisco", "New York", "Seattle", "Austin", "Boston", "remote")
PERSONA_NAMES = ("Dana", "Priya", "Marcus", "Elena", "Sam", "Jordan", "Aisha", "Tom")
COMPANIES = {
    EmployerType.AI_LAB: ("Lumen Labs", "Frontier Reasoning"),
    EmployerType.AI_NATIVE: ("Vectorly", "Promptwise"),
    EmployerType.BIG_TECH: ("Northwind Cloud AI", "Contoso AI Platform"),
    EmployerType.AI_FORWARD: ("Tessellate", "Brightpath Payments"),
    EmployerType.OTHER: ("Harbor Logistics", "Midstate Insurance"),
}
# Planned first-offer base as a share of the market p50, by employer type.
OFFER_TO_MEDIAN = {
    EmployerType.AI_LAB: (1.00, 1.08),
    EmployerType.BIG_TECH: (0.97, 1.04),
    EmployerType.AI_NATIVE: (0.93, 1.00),
    EmployerType.AI_FORWARD: (0.92, 0.99),
    EmployerType.OTHER: (0.86, 0.94),
}
# Four-year grant value as a multiple of base, by employer type.
EQUITY_TO_BASE = {
    EmployerType.AI_LAB: 1.6,
    EmployerType.AI_NATIVE: 1.2,
    EmployerType.BIG_TECH: 1.4,
    EmployerType.AI_FORWARD: 0.8,
    EmployerType.OTHER: 0.2,
}
PRIVATE_EQUITY = {EmployerType.AI_LAB, EmployerType.AI_NATIVE}
MARGIN = {
    Toughness.SOFT: (0.15, 0.22),
    Toughness.STANDARD: (0.12, 0.20),
    Toughness.TOUGH: (0.07, 0.13),
}
ROOM_SPLIT = {"base": 0.5, "sign_on": 0.3, "equity": 0.2}
LEVEL_CAN_MOVE = {Toughness.SOFT: 0.5, Toughness.STANDARD: 0.35, Toughness.TOUGH: 0.2}
_TITLE_PREFIX = {"EN": "Junior", "MI": "", "SE": "Senior", "EX": "Staff"}
_NEXT_PREFIX = {"EN": "", "MI": "Senior", "SE": "Staff", "EX": "Principal"}
_WORDS = {"ai": "AI", "mlops": "MLOps", "ml": "ML"}


def title_for(role: str, level_code: str | None, *, next_level: bool = False) -> str:
    name = " ".join(_WORDS.get(w, w.capitalize()) for w in role.split())
    prefix = (_NEXT_PREFIX if next_level else _TITLE_PREFIX).get(level_code or "MI", "")
    return f"{prefix} {name}".strip()


def _thousands(value: float) -> int:
    """Round down to whole thousands: generated budgets never round up past their margin."""
    return int(value // 1000 * 1000)


def _market(
    role: str, level: str | None, location: str | None, employer: EmployerType
) -> tuple[Any, MarketAnchor | None]:
    estimate = estimate_for(role, level=level, location=location, employer_type=employer.label)
    if estimate.p25 is None or estimate.p50 is None or estimate.p75 is None:
        return estimate, None
    anchor = MarketAnchor(
        p25=estimate.p25,
        p50=estimate.p50,
        p75=estimate.p75,
        basis=estimate.method,
        sources=[source.name for source in estimate.sources],
    )
    return estimate, anchor


def _pick_market(
    rng: random.Random,
    role: str | None,
    level: str | None,
    location: str | None,
    employer: EmployerType,
) -> tuple[Any, MarketAnchor, str | None]:
    """Market figures for the asked role, or for a random role the data can answer."""
    fixed = role is not None
    for _ in range(40):
        pick_role = role or rng.choice(ROLES)
        pick_level = level if (fixed or level) else rng.choice(LEVELS)
        pick_place = location if (fixed or location) else rng.choice(LOCATIONS)
        estimate, anchor = _market(pick_role, pick_level, pick_place, employer)
        if anchor is not None:
            return estimate, anchor, pick_place
        if fixed:
            reason = estimate.unknown_reason or "the market data has no figures for it"
            raise InputError(f"Can't build a scenario for {pick_role}: {reason}")
    raise InputError("No market figures answered any random role; pass --role explicitly.")


def pick_market(
    rng: random.Random,
    role: str | None,
    level: str | None,
    location: str | None,
    employer: EmployerType,
) -> tuple[Any, MarketAnchor, str | None]:
    """The market lookup every generated scenario starts from (the recruiter's offer call
    and the raise talk with a manager): the estimate, its anchor and the place picked."""
    return _pick_market(rng, role, level, location, employer)


def generate(
    seed: int,
    *,
    toughness: Toughness | str = Toughness.STANDARD,
    role: str | None = None,
    level: str | None = None,
    location: str | None = None,
    employer_type: EmployerType | str | None = None,
    first_offer: OfferedTerms | None = None,
    company: str | None = None,
) -> Scenario:
    """A scenario priced from market data; the same arguments always give the same one.

    ``first_offer``: practise on a real offer. The recruiter opens with those figures and
    the hidden budget is set above them (by toughness) instead of around the market.
    """
    tough = toughness_from(toughness)
    rng = random.Random(f"coach-roleplay-{seed}")
    if isinstance(employer_type, str):
        employer = employer_type_from(employer_type)
    else:
        employer = employer_type or rng.choice(list(EmployerType))
    estimate, anchor, place = _pick_market(rng, role, level, location, employer)
    offer, budget = _price(rng, anchor, employer, tough, estimate.role, estimate.level, first_offer)
    return Scenario(
        id=f"generated-{seed}",
        seed=seed,
        role=estimate.role,
        level=estimate.level_label,
        location=place,
        employer_type=employer,
        company=company or rng.choice(COMPANIES[employer]),
        persona=Persona(name=rng.choice(PERSONA_NAMES), style=rng.choice(list(Style))),
        toughness=tough,
        first_offer=offer,
        budget=budget,
        market=anchor,
        current_base=_thousands(offer.base * rng.uniform(0.80, 0.92)),
        private_equity=employer in PRIVATE_EQUITY,
    )


def _price(
    rng: random.Random,
    market: MarketAnchor,
    employer: EmployerType,
    tough: Toughness,
    role: str,
    level_code: str | None,
    given: OfferedTerms | None = None,
) -> tuple[Terms, Budget]:
    low, high = OFFER_TO_MEDIAN[employer]
    base = _thousands(market.p50 * rng.uniform(low, high))
    equity = _thousands(base * EQUITY_TO_BASE[employer] * rng.uniform(0.85, 1.15))
    sign_on = _thousands(base * 0.05) if rng.random() < 0.25 else 0
    pto = rng.choice((15, 15, 20))
    if given is not None:  # the user's own offer: its figures, not the market's
        base, sign_on, equity = given.base, given.sign_on, given.equity
        pto = given.pto_days if given.pto_days is not None else pto
    first = Terms(
        title=title_for(role, level_code),
        base=base,
        sign_on=sign_on,
        equity=equity,
        pto_days=pto,
        start_weeks=rng.choice((2, 3, 4)),
    )
    first_year = base + sign_on + equity / 4
    room = first_year * rng.uniform(*MARGIN[tough])
    equity_room = room * ROOM_SPLIT["equity"] if equity else 0.0
    base_room = room * ROOM_SPLIT["base"] + (room * ROOM_SPLIT["equity"] - equity_room)
    can_move = rng.random() < LEVEL_CAN_MOVE[tough]
    budget = Budget(
        # Within what Terms accepts, so a conceded figure can always be saved and reloaded.
        base_max=min(base + _thousands(base_room), MAX_BASE),
        sign_on_max=sign_on + _thousands(room * ROOM_SPLIT["sign_on"]),
        # A grant vests over four years: a year-one room of R is a grant room of 4R.
        equity_max=equity + _thousands(4 * equity_room),
        pto_max_days=min(pto + rng.choice((0, 5, 5)), MAX_PTO_DAYS),
        start_max_weeks=first.start_weeks + rng.choice((2, 4, 6)),
        next_title=title_for(role, level_code, next_level=True) if can_move else None,
    )
    return first, budget


def from_offer(
    offer: Offer,
    seed: int,
    *,
    toughness: Toughness | str = Toughness.STANDARD,
    role: str | None = None,
    level: str | None = None,
    location: str | None = None,
    employer_type: EmployerType | str | None = None,
) -> Scenario:
    """Practise on the candidate's own offer: its role, level, city, company and figures,
    and the recruiter opens the call with it.

    ``role``/``level``/``location``/``employer_type`` fill only what the offer leaves out.
    No role: one sentence asking for it (the market figures depend on it). No city: the
    national figures, and the brief says so. No company: ``UNNAMED_COMPANY``, never a
    made-up name. Only the seed's recruiter (name, manner) and hidden budget vary."""
    picked_role = offer.role or role
    if not picked_role or not picked_role.strip():
        raise InputError(
            "The offer doesn't say the role; add it (e.g. 'senior ML engineer') so the call "
            "and its market figures fit your offer."
        )
    employer = offer.employer_type or employer_type or EmployerType.OTHER
    scenario = generate(
        seed,
        toughness=toughness,
        role=picked_role.strip(),
        level=offer.level or level or None,
        location=offer.location or location or None,
        employer_type=employer,
        first_offer=OfferedTerms.from_offer(offer),
        company=offer.company or UNNAMED_COMPANY,
    )
    # The candidate knows their own pay; a made-up "you earn ..." has no place here.
    return scenario.model_copy(
        update={"id": f"own-offer-{seed}", "opens_with_offer": True, "current_base": None}
    )
