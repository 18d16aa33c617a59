"""One market estimate for the person: the lookup's cell, priced for their place.

``estimate_for(role, level, location, domain, employer_type)`` is what every feature
that needs "the market" calls (the salary tool, offer score and counter, practice
scenarios, the CLI). It reads one cell with ``coach.market.lookup`` and then:

* **Applies the location.** When the headline cell is national (aijobs.net has
  countries, not metros) and the person named a US metro or state, every percentile
  is multiplied by one ratio: the OEWS median for the occupation in that place over
  the OEWS national median. The median ratio is used (not p25 or p75) because the
  estimate's anchor is its median; the one ratio keeps the shape of the cell. The
  ratio is rounded to three decimals and that rounded ratio is what multiplies, so
  the stated arithmetic reproduces every figure. When the headline already is the
  place's own OEWS cell nothing is multiplied. The unadjusted percentiles stay
  visible beside the adjusted ones.
* **Outside the US** the figures are the country's own aijobs.net cell with its n,
  or unknown with the reason; nothing from a US place is used or shown.
* **Premiums** (skills, domain) are stated as dollar ranges on the adjusted median,
  with their source, never multiplied into the percentiles. An employer type has no
  figure in any source; its note is kept as a reference.

Every step is said in ``method``: the cell, and the ratio with both OEWS figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from coach.market import Cell, Reference, SalaryEstimate, Source, lookup
from coach.market.tables import PERCENTILES, MarketTables, load_tables
from coach.money import format_usd
from coach.prompts import render

__all__ = ["LocationRatio", "MarketEstimate", "PremiumRange", "estimate_for"]

RATIO_DIGITS = 3  # the ratio as stated, and as multiplied
NATIONAL_LEVEL_PERCENT = 2  # a place within 2% of the nation pays "about the national level"


class LocationRatio(BaseModel):
    """The place's wage relative to the national wage for the occupation (OEWS medians)."""

    place: str
    occupation: str
    place_median: int
    national_median: int
    ratio: float = Field(description="place_median / national_median, to 3 decimals")
    source: str
    release: str = ""

    def level_words(self) -> str:
        """How the place pays against the nation, in words ("9% below the national level")."""
        percent = round((self.ratio - 1) * 100)
        if abs(percent) < NATIONAL_LEVEL_PERCENT:
            return "about the national level"
        return f"{abs(percent)}% {'above' if percent > 0 else 'below'} the national level"

    def sentence(self) -> str:
        """The place against the nation, with both medians and the survey they come from."""
        return render(
            "market/place_pays",
            place=self.place,
            how=self.level_words(),
            release=self.release,
            occupation=self.occupation,
            place_median=format_usd(self.place_median),
            national_median=format_usd(self.national_median),
        )


class PremiumRange(BaseModel):
    """A premium a source gives for a skill or domain, as dollars on the anchor (the
    adjusted median): stated beside the percentiles, never multiplied into them."""

    kind: str
    what: str
    low_pct: float
    high_pct: float
    low: int | None = Field(None, description="the median raised by low_pct")
    high: int | None = Field(None, description="the median raised by high_pct")
    source: str

    def sentence(self) -> str:
        span = f"+{self.low_pct:g}% to +{self.high_pct:g}%"
        dollars = (
            f": {format_usd(self.low)} – {format_usd(self.high or 0)} on the median"
            if self.low
            else ""
        )
        return f"{self.what} {span}{dollars} ({self.source}); not applied to the percentiles"


class MarketEstimate(BaseModel):
    """The person's market: adjusted percentiles, the cell's own, the ratio and how."""

    role: str
    level: str | None = Field(None, description="aijobs.net level code: EN, MI, SE, EX")
    level_label: str | None = None
    location: str
    location_kind: str
    period: str
    p10: int | None = None
    p25: int | None = None
    p50: int | None = None
    p75: int | None = None
    p90: int | None = None
    at_least: dict[str, int] = Field(default_factory=dict)
    unadjusted: dict[str, int | None] = Field(
        default_factory=dict, description="the headline cell's percentiles as published"
    )
    location_ratio: LocationRatio | None = None
    # The place asked for when the figures are national and no source prices it: a figure
    # is then never said to be that place's (the method says why).
    unadjusted_for: str | None = None
    method: str
    n: int | None = None
    employment: int | None = None
    basis: str | None = None
    premiums: list[PremiumRange] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    withheld: str | None = None
    unknown_reason: str | None = None
    cells: list[Cell] = Field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.p50 is not None or "p50" in self.at_least

    @property
    def ratio(self) -> float | None:
        return self.location_ratio.ratio if self.location_ratio else None

    def percentiles(self) -> dict[str, int | None]:
        return {p: getattr(self, p) for p in PERCENTILES}


def _headline(est: SalaryEstimate) -> Cell | None:
    return next((c for c in est.cells if c.basis == est.basis), None) if est.basis else None


def _oews(est: SalaryEstimate, national: bool) -> Cell | None:
    return next((c for c in est.cells if c.source_id == "oews" and c.national is national), None)


def _ratio(est: SalaryEstimate, oews_release: str) -> tuple[LocationRatio | None, str | None]:
    """The OEWS place/national median ratio, or None with why there is none."""
    place, national = _oews(est, national=False), _oews(est, national=True)
    if place is None or national is None:
        return None, f"no source gives {est.location}'s difference from the national figures"
    if place.p50 is None or national.p50 is None:
        why = place.reason or national.reason or "a median is top-coded, not an exact figure"
        return None, f"the BLS wage survey has no exact median to compare ({why.rstrip('.')})"
    return (
        LocationRatio(
            place=est.location,
            occupation=place.occupation or "the occupation",
            place_median=place.p50,
            national_median=national.p50,
            ratio=round(place.p50 / national.p50, RATIO_DIGITS),
            source=f"BLS wage survey, {oews_release}",
            release=oews_release,
        ),
        None,
    )


def _cell_words(head: Cell) -> str:
    """The figures' group as a reader says it (its size is part of it, from the lookup)."""
    return head.basis


def _scaled(values: Iterable[tuple[str, int | None]], ratio: float) -> dict[str, int | None]:
    return {name: (None if v is None else round(v * ratio)) for name, v in values}


def _premiums(est: SalaryEstimate, p50: int | None, applied: bool) -> list[PremiumRange]:
    ranges: list[PremiumRange] = []
    for adj in est.adjustments:
        if adj.kind == "location" and applied:
            continue  # the OEWS ratio already prices the place; a seed's range on top doubles it
        ranges.append(
            PremiumRange(
                kind=adj.kind,
                what=adj.what,
                low_pct=adj.low_pct,
                high_pct=adj.high_pct,
                low=round(p50 * (100 + adj.low_pct) / 100) if p50 else None,
                high=round(p50 * (100 + adj.high_pct) / 100) if p50 else None,
                source=adj.source.name,
            )
        )
    return ranges


def _method(
    est: SalaryEstimate, head: Cell | None, ratio: LocationRatio | None, why_not: str | None
) -> str:
    if head is None:
        why = est.unknown_reason or est.withheld or "no source has figures for it"
        return f"Unknown: {why.rstrip('.')}."
    cell = _cell_words(head)
    if ratio is not None:
        return render(
            "market/method_scaled",
            place=ratio.place,
            cell=cell,
            ratio=f"{ratio.ratio:.{RATIO_DIGITS}f}",
            place_pays=ratio.sentence(),
        )
    if not head.national:
        return f"The figures are {cell}: the place's own figures, so no location adjustment."
    if est.location_kind in ("state", "metro"):
        return f"The figures are {cell}, not adjusted for {est.location}: {why_not}."
    if est.location_kind == "country":
        return f"The figures are {est.location}'s own: {cell}."
    if est.location_kind == "remote":
        return f"The figures are {cell}: remote work has no place to adjust for."
    return f"The figures are {cell}: national figures for a national question."


def estimate_for(
    role: str,
    level: str | None = None,
    location: str | None = None,
    domain: str | None = None,
    employer_type: str | None = None,
    *,
    skills: Iterable[str] | str = (),
    year: int | str | None = None,
    tables: MarketTables | None = None,
) -> MarketEstimate:
    """The market for this person: the lookup's cell with the place applied (see the module
    docstring). Raises InputError as ``lookup`` does for an unknown role, level or place."""
    tables = tables or load_tables()
    est = lookup(
        role,
        level=level,
        location=location,
        skills=skills,
        domain=domain,
        employer_type=employer_type,
        year=year,
        tables=tables,
    )
    head = _headline(est)
    unadjusted = {p: getattr(est, p) for p in PERCENTILES}
    ratio: LocationRatio | None = None
    why_not: str | None = None
    assumptions = list(est.assumptions)
    if head is not None and head.national and est.location_kind in ("state", "metro"):
        ratio, why_not = _ratio(est, str(tables.source("oews").get("release", "")))
        # The lookup's "figures are national ... listed under adjustments" no longer holds.
        assumptions = [a for a in assumptions if not a.startswith("The figures are national")]
    figures = _scaled(unadjusted.items(), ratio.ratio) if ratio else dict(unadjusted)
    at_least = (
        {k: int(v) for k, v in _scaled(est.at_least.items(), ratio.ratio).items() if v}
        if ratio
        else dict(est.at_least)
    )
    notes = list(est.notes)
    if ratio and any(a.kind == "location" and a.source.id != "oews" for a in est.adjustments):
        notes.append(
            "The AI engineer guide's San Francisco / New York premium over national averages "
            "is not added on top: the BLS wage survey's ratio already prices the place."
        )
    return MarketEstimate(
        role=est.role,
        level=est.level,
        level_label=est.level_label,
        location=est.location,
        location_kind=est.location_kind,
        period=est.period,
        **figures,
        at_least=at_least,
        unadjusted=unadjusted,
        location_ratio=ratio,
        unadjusted_for=est.location if why_not is not None else None,
        method=_method(est, head, ratio, why_not),
        n=est.n,
        employment=est.employment,
        basis=est.basis,
        premiums=_premiums(est, figures.get("p50"), applied=ratio is not None),
        references=est.references,
        sources=est.sources,
        assumptions=assumptions,
        notes=notes,
        withheld=est.withheld,
        unknown_reason=est.unknown_reason,
        cells=est.cells,
    )
