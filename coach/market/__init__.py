"""Salary lookup on real market data: percentiles with sample sizes and sources, or "unknown".

``lookup(role, level, location, skills, domain, employer_type, year)`` reads only
the committed tables in knowledge/market/ (built by ``python -m coach.market.build``).
It is the raw cell reader: features call ``coach.market.estimate.estimate_for``, which
reads the cell here and applies the place to it (the OEWS place/national median ratio).

How an answer is put together:

* **Cells.** Up to three cells are looked up: aijobs.net (role title x level x
  country, US remote split out), OEWS for the occupation at the place (metro,
  state or national), and OEWS national when the place is a metro or state.
* **Headline.** p10-p90 come from exactly one cell, never a blend:
  a level asked for -> the aijobs.net cell (OEWS has no levels); no level, US
  place, a role OEWS measures itself (software engineer, data scientist, ...) ->
  OEWS for the place; otherwise aijobs.net ("remote": its US fully-remote
  cell; outside the US only aijobs.net exists). If the preferred cell has no figures
  the next one is used *only if it answers the same level*: a withheld senior
  cell stays unknown, it never becomes an all-levels figure. Places may widen
  (metro -> national) because aijobs.net only has countries; the place
  difference is then shown as an adjustment range (OEWS metro vs national, and
  the seed's San Francisco / New York premium).
* **Adjustments** (skills, domain, place) are percentage ranges with their source,
  listed beside the headline and never multiplied into it.
* **Unknowns.** An unknown role, level or place, an empty role or a year outside
  the data raise InputError with the closest matches. A known question the data
  cannot answer (a cell with n < 20, no postings) returns an estimate whose
  figures are None with ``unknown_reason`` set; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from coach.contracts import PERCENTILE_WORDS
from coach.errors import InputError
from coach.market import premiums as seeds
from coach.market.normalize import (
    NATIONAL,
    Level,
    Place,
    match_alias,
    normalize_level,
    normalize_place,
    normalize_role,
)
from coach.market.tables import (
    ALL_LEVELS,
    NATIONAL_AREA,
    PERCENTILES,
    SETTING_ALL,
    SETTING_REMOTE,
    Figures,
    MarketTables,
    Role,
    load_tables,
)
from coach.money import quote
from coach.prompts import render
from coach.vocabulary import employer_names, normalise

__all__ = [
    "Adjustment",
    "Cell",
    "MarketTables",
    "Reference",
    "SalaryEstimate",
    "Source",
    "load_tables",
    "lookup",
]


# ------------------------------------------------------------------ result model


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    release: str
    licence: str
    url: str


class Cell(BaseModel):
    """One table cell that was consulted, with or without figures."""

    source_id: str
    basis: str = Field(description="what the cell covers: source, role/occupation, level, place")
    status: Literal["ok", "withheld", "no data"]
    reason: str | None = None
    p10: int | None = None
    p25: int | None = None
    p50: int | None = None
    p75: int | None = None
    p90: int | None = None
    at_least: dict[str, int] = Field(
        default_factory=dict, description="top-coded percentiles: only a lower bound is known"
    )
    n: int | None = Field(None, description="aijobs.net: distinct postings in the cell")
    employment: int | None = Field(None, description="OEWS: estimated jobs, not a sample size")
    range_low_p50: int | None = Field(None, description="median low end of posted ranges")
    range_high_p50: int | None = Field(None, description="median high end of posted ranges")
    national: bool = Field(False, description="the cell covers a whole country")
    occupation: str | None = Field(None, description="BLS survey: the occupation's title")
    soc: str | None = Field(None, description="BLS survey: the occupation's SOC code, 15-1252")


class Adjustment(BaseModel):
    """A premium range a source attributes to a skill, domain or place; not applied."""

    kind: Literal["skill", "domain", "location"]
    what: str
    low_pct: float
    high_pct: float
    scope: str
    source: Source
    on_p50: tuple[int, int] | None = Field(
        None, description="the headline median raised by low_pct and by high_pct (this one alone)"
    )


class Reference(BaseModel):
    """A figure or fact a seed article gives for this role (not from the tables)."""

    what: str
    low: int | None = None
    high: int | None = None
    open_ended: bool = False
    source: Source


class SalaryEstimate(BaseModel):
    role: str
    role_input: str
    level: str | None = Field(None, description="aijobs.net level code: EN, MI, SE, EX")
    level_label: str | None = None
    location: str
    location_kind: str
    location_input: str | None = None
    period: str = Field(description="aijobs.net year, or the pooled years")
    p10: int | None = None
    p25: int | None = None
    p50: int | None = None
    p75: int | None = None
    p90: int | None = None
    at_least: dict[str, int] = Field(default_factory=dict)
    n: int | None = None
    employment: int | None = None
    basis: str | None = Field(None, description="the cell the headline figures come from")
    cells: list[Cell] = Field(default_factory=list)
    adjustments: list[Adjustment] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    withheld: str | None = None
    unknown_reason: str | None = None

    @property
    def known(self) -> bool:
        return self.p50 is not None or "p50" in self.at_least


# ------------------------------------------------------------------ inputs


def _blank(text: str | None) -> bool:
    return text is None or not str(text).strip()


def _level(
    level: str | None, from_role: Level | None, role_text: str, assumptions: list[str]
) -> Level | None:
    if _blank(level):
        if from_role is not None:
            assumptions.append(f"Level read from the role text: {from_role.label}.")
        return from_role
    found = normalize_level(str(level))
    if from_role is not None and from_role.code != found.code:
        assumptions.append(f"Level '{level}' is used; the level in '{role_text}' is ignored.")
    if found.assumption:
        assumptions.append(found.assumption)
    return found


def _place(location: str | None, tables: MarketTables, assumptions: list[str]) -> Place:
    if _blank(location):
        assumptions.append("No location given: United States national figures.")
        return NATIONAL
    place = normalize_place(str(location), tables)
    if place.assumption:
        assumptions.append(place.assumption)
    return place


def _period(year: int | str | None, tables: MarketTables, assumptions: list[str]) -> str:
    first, last = min(tables.years), max(tables.years)
    if year is None or (isinstance(year, str) and not year.strip()):
        pooled = tables.default_period.replace("-", "–")
        assumptions.append(f"No year given: aijobs.net {pooled} combined (the latest two years).")
        return tables.default_period
    if isinstance(year, bool):
        raise InputError(f"The year '{year}' is not a year; give one like {last}.")
    try:
        value = int(str(year).strip())
    except ValueError:
        raise InputError(f"The year '{quote(year)}' is not a year; give one like {last}.") from None
    if value > dt.date.today().year:
        raise InputError(f"{value} is in the future; salary data covers {first} to {last}.")
    if value not in tables.years:
        raise InputError(
            f"Salary data covers {first} to {last}, not {value}; pick a year in "
            "that span or leave the year out."
        )
    return str(value)


def _skill_list(skills: Iterable[str] | str | None) -> list[str]:
    if skills is None:
        return []
    items = skills.split(",") if isinstance(skills, str) else list(skills)
    return [str(s).strip() for s in items if s is not None and str(s).strip()]


# ------------------------------------------------------------------ cells


def _money(value: int) -> str:
    return f"${value:,}"


def _period_label(period: str) -> str:
    return period.replace("-", "–") + (" combined" if "-" in period else "")


class _FigureFields(TypedDict):
    """A cell's figures, as keyword arguments to Cell."""

    p10: int | None
    p25: int | None
    p50: int | None
    p75: int | None
    p90: int | None
    at_least: dict[str, int]


def _figure_fields(figures: Figures) -> _FigureFields:
    get = figures.get
    return _FigureFields(
        p10=get("p10"),
        p25=get("p25"),
        p50=get("p50"),
        p75=get("p75"),
        p90=get("p90"),
        at_least=dict(figures.at_least),
    )


def _aijobs_cell(
    tables: MarketTables, role: Role, level: Level | None, place: Place, period: str
) -> Cell | None:
    if not role.titles:
        return None
    remote = place.kind == "remote"
    country = tables.countries.get(place.country, place.country)
    scope = (
        f"{level.label if level else 'all levels'}, {country}"
        f"{', fully remote' if remote else ''}, {_period_label(period)}"
    )
    basis = f"aijobs.net: {role.name}, {scope}"
    key = (
        role.name,
        level.code if level else ALL_LEVELS,
        place.country,
        SETTING_REMOTE if remote else SETTING_ALL,
        period,
    )
    raw = tables.aijobs.get(key)
    if raw is None:
        return Cell(
            source_id="aijobs",
            basis=basis,
            status="no data",
            n=0,
            national=True,
            reason=f"aijobs.net has no postings for {role.name} ({scope}).",
        )
    if raw.withheld:
        return Cell(
            source_id="aijobs",
            basis=basis,
            status="withheld",
            n=raw.n,
            national=True,
            reason=f"Withheld: aijobs.net has only {raw.n} distinct "
            f"posting{'' if raw.n == 1 else 's'} for {role.name} ({scope}), fewer than the "
            f"{tables.min_n} needed.",
        )
    return Cell(
        source_id="aijobs",
        basis=render("market/aijobs_basis", basis=basis, count=f"{raw.n:,}"),
        status="ok",
        n=raw.n,
        national=True,
        range_low_p50=raw.range_low_p50,
        range_high_p50=raw.range_high_p50,
        **_figure_fields(raw.figures),
    )


def _soc(code: str) -> str:
    return f"{code[:2]}-{code[2:]}"


def _oews_cell(tables: MarketTables, role: Role, area_code: str | None) -> Cell | None:
    if role.soc is None or area_code is None:
        return None
    national = area_code == NATIONAL_AREA
    where = NATIONAL.name if national else tables.areas[area_code].name
    release = tables.source("oews").get("release", "")
    basis = render("market/bls_basis", release=release, occupation=role.occupation, where=where)
    occupation, soc = role.occupation, _soc(role.soc)
    raw = tables.oews.get((area_code, role.soc))
    if raw is None or (raw.figures.get("p50") is None and "p50" not in raw.figures.at_least):
        return Cell(
            source_id="oews",
            basis=basis,
            status="no data",
            national=national,
            reason=f"The BLS wage survey publishes no wages for {role.occupation} in {where}.",
            occupation=occupation,
            soc=soc,
        )
    return Cell(
        source_id="oews",
        basis=basis,
        status="ok",
        employment=raw.employment,
        national=national,
        occupation=occupation,
        soc=soc,
        **_figure_fields(raw.figures),
    )


@dataclass
class _Cells:
    aijobs: Cell | None
    oews_place: Cell | None
    oews_national: Cell | None

    def listed(self) -> list[Cell]:
        return [c for c in (self.aijobs, self.oews_place, self.oews_national) if c is not None]


def _gather(
    tables: MarketTables, role: Role, level: Level | None, place: Place, period: str
) -> _Cells:
    sub_national = place.kind in ("state", "metro")
    return _Cells(
        aijobs=_aijobs_cell(tables, role, level, place, period),
        oews_place=_oews_cell(tables, role, place.area_code if sub_national else None),
        oews_national=_oews_cell(tables, role, NATIONAL_AREA if place.is_us else None),
    )


def _candidates(role: Role, level: Level | None, place: Place, cells: _Cells) -> list[Cell]:
    """Cells that answer the question, best first (see the module docstring)."""
    if level is not None or not place.is_us:
        order = [cells.aijobs]  # OEWS has no levels and no places outside the US
    elif place.kind == "remote":
        order = [cells.aijobs, cells.oews_national]
    elif role.oews_match == "exact":
        order = [cells.oews_place, cells.oews_national, cells.aijobs]
    else:
        order = [cells.aijobs, cells.oews_place, cells.oews_national]
    return [c for c in order if c is not None]


# ------------------------------------------------------------------ adjustments


def _source(tables: MarketTables, source_id: str) -> Source:
    raw = tables.source(source_id)
    # The release as its publisher names it ("May 2025"); the code (2025A01) stays in the
    # provenance file, where whoever rebuilds the tables reads it.
    release = raw.get("release", "")
    return Source(
        id=source_id, name=raw["name"], release=release, licence=raw["licence"], url=raw["url"]
    )


def _seed_source(seed: seeds.SeedSource) -> Source:
    return Source(
        id=seed.id, name=seed.name, release=seed.release, licence=seed.licence, url=seed.url
    )


def _on_p50(p50: int | None, low: float, high: float) -> tuple[int, int] | None:
    if p50 is None:
        return None
    return round(p50 * (100 + low) / 100), round(p50 * (100 + high) / 100)


def _premium(premium: seeds.Premium, p50: int | None) -> Adjustment:
    return Adjustment(
        kind=premium.kind,
        what=premium.what,
        low_pct=premium.low_pct,
        high_pct=premium.high_pct,
        scope=premium.scope,
        source=_seed_source(premium.source),
        on_p50=_on_p50(p50, premium.low_pct, premium.high_pct),
    )


def _place_gap(
    tables: MarketTables,
    role: Role,
    place: Place,
    place_cell: Cell,
    national: Cell,
    p50: int | None,
) -> Adjustment | None:
    """OEWS place vs national for the occupation: the range of the p25/p50/p75 ratios."""
    quartiles = ("p25", "p50", "p75")
    pairs = [(getattr(place_cell, q), getattr(national, q)) for q in quartiles]
    if any(a is None or b is None for a, b in pairs):
        return None  # a top-coded or missing quartile has no exact ratio
    ratios = [round((a / b - 1) * 100, 1) for a, b in pairs]
    return Adjustment(
        kind="location",
        what=f"{place.name} vs United States",
        low_pct=min(ratios),
        high_pct=max(ratios),
        scope=(
            f"BLS wage survey, {role.occupation}, all levels: the place against the nation "
            "at the 25th, 50th and 75th percentiles"
        ),
        source=_source(tables, "oews"),
        on_p50=_on_p50(p50, min(ratios), max(ratios)),
    )


def _location_adjustments(
    tables: MarketTables,
    role: Role,
    place: Place,
    cells: _Cells,
    headline: Cell | None,
    p50: int | None,
) -> list[Adjustment]:
    if place.kind not in ("state", "metro") or (headline is not None and not headline.national):
        return []
    found: list[Adjustment] = []
    if (
        cells.oews_place
        and cells.oews_national
        and cells.oews_place.status == "ok"
        and (cells.oews_national.status == "ok")
    ):
        gap = _place_gap(tables, role, place, cells.oews_place, cells.oews_national, p50)
        if gap:
            found.append(gap)
    if place.area_code in seeds.LOCATION_PREMIUM_AREAS:
        found.append(_premium(seeds.LOCATION_PREMIUM, p50))
    return found


def _aliases(kind: str, items: Sequence[seeds.Premium | seeds.Mention]) -> dict[str, str]:
    table: dict[str, str] = {}
    for item in items:
        if item.kind == kind:
            for alias in (item.key, *item.aliases):
                table.setdefault(normalise(alias), item.key)
    return table


_SKILL_PREMIUMS = _aliases("skill", seeds.PREMIUMS)
_DOMAIN_PREMIUMS = _aliases("domain", seeds.PREMIUMS)
_SKILL_MENTIONS = _aliases("skill", seeds.MENTIONS)
_EMPLOYER_MENTIONS = employer_names(loose=True)  # a lookup field: every name counts
_PREMIUM_BY_KEY = {p.key: p for p in seeds.PREMIUMS}
_MENTION_BY_KEY = {(m.kind, m.key): m for m in seeds.MENTIONS}


@dataclass
class _Extras:
    adjustments: list[Adjustment]
    references: list[Reference]
    notes: list[str]


def _skill_and_domain(
    skills: list[str], domain: str | None, p50: int | None, extras: _Extras
) -> None:
    seen: set[str] = set()
    for skill in skills:
        key = match_alias(skill, _SKILL_PREMIUMS)
        mention = match_alias(skill, _SKILL_MENTIONS)
        if key and key not in seen:
            seen.add(key)
            extras.adjustments.append(_premium(_PREMIUM_BY_KEY[key], p50))
        elif mention and mention not in seen:
            seen.add(mention)
            item = _MENTION_BY_KEY[("skill", mention)]
            extras.references.append(Reference(what=item.text, source=_seed_source(item.source)))
        elif not key and not mention:
            extras.notes.append(
                f"No source gives a premium for the skill '{skill}'; nothing is added for it."
            )
    if _blank(domain):
        return
    key = match_alias(str(domain), _DOMAIN_PREMIUMS)
    if key:
        extras.adjustments.append(_premium(_PREMIUM_BY_KEY[key], p50))
    else:
        extras.notes.append(
            f"No source gives a premium for the domain '{domain}'; nothing is added for it."
        )


def _employer(employer_type: str | None, extras: _Extras) -> None:
    if _blank(employer_type):
        return
    key = match_alias(str(employer_type), _EMPLOYER_MENTIONS)
    if key is None:
        extras.notes.append(f"No source gives figures for the employer type '{employer_type}'.")
    if key is None or key == seeds.EMPLOYER_OUTSIDE_NOTE.key:
        item = seeds.EMPLOYER_OUTSIDE_NOTE
    else:
        item = _MENTION_BY_KEY[("employer_type", key)]
    extras.references.append(Reference(what=item.text, source=_seed_source(item.source)))


def _seed_figures(role: Role, level: Level | None, place: Place) -> list[Reference]:
    """The seed articles' figures for the role: US postings, so none outside the US, and a
    figure about one metro only for that metro or the US as a whole."""
    if not place.is_us:
        return []
    sub_national = place.kind in ("state", "metro")
    return [
        Reference(
            what=f.what,
            low=f.low,
            high=f.high,
            open_ended=f.open_ended,
            source=_seed_source(f.source),
        )
        for f in seeds.SEED_FIGURES
        if f.role == role.name
        and (level is None or f.level in (None, level.code))
        and not (f.area and sub_national and f.area != place.area_code)
    ]


# ------------------------------------------------------------------ lookup


def _notes(tables: MarketTables, cells: _Cells, year_given: bool, period: str) -> list[str]:
    notes: list[str] = []
    listed = cells.listed()
    if any(c.source_id == "aijobs" and c.status == "ok" for c in listed):
        notes.append(
            "aijobs.net figures are base salary only (no equity or bonus) from "
            "self-selected, mostly US postings; each posting counts once, at the "
            "midpoint of its pay range."
        )
        if str(max(tables.years)) in period:
            notes.append(
                f"aijobs.net {max(tables.years)} is a partial year "
                f"({tables.source('aijobs').get('release', '')})."
            )
    if any(c.source_id == "oews" and c.status == "ok" for c in listed):
        notes.append(
            "The BLS wage survey covers all experience levels and industries; its employment "
            "figure is BLS's estimate of jobs, not a sample size."
        )
        if year_given:
            notes.append(
                f"BLS wage survey figures are from {tables.source('oews').get('release')} "
                "whatever year is asked."
            )
    for cell in listed:
        for name, floor in cell.at_least.items():
            notes.append(
                f"The BLS wage survey publishes no exact figure above a cap: the "
                f"{PERCENTILE_WORDS.get(name, name)} in {cell.basis} is at least "
                f"{_money(floor)}, not an exact figure."
            )
    return notes


def _no_cell_reason(role: Role, level: Level | None, place: Place) -> str:
    """Why no source has a cell for the question at all."""
    if level is not None and not role.titles:
        return (
            f"No source splits {role.name} pay by level: the BLS wage survey covers all levels "
            "together "
            f"and aijobs.net has no {role.name} titles."
        )
    if not place.is_us and not role.titles:
        return (
            f"No source has figures for {role.name} in {place.name}: the BLS wage survey covers "
            "the US only "
            f"and aijobs.net has no {role.name} titles."
        )
    return f"No source has figures for {role.name} in {place.name}."


def _headline(
    candidates: list[Cell], assumptions: list[str]
) -> tuple[Cell | None, str | None, str | None]:
    """The cell the figures come from, the withheld text and the unknown reason."""
    usable = next((c for c in candidates if c.status == "ok"), None)
    first = candidates[0] if candidates else None
    withheld = first.reason if first is not None and first.status == "withheld" else None
    if usable is None:
        return None, withheld, first.reason if first is not None else None
    if first is not None and usable is not first:
        assumptions.append(f"{first.reason} The figures come from {usable.basis} instead.")
    return usable, withheld, None


def _widened(place: Place, head: Cell | None, adjustments: list[Adjustment]) -> str | None:
    """Say so when a metro or state question is answered with national figures."""
    if head is None or not head.national or place.kind not in ("state", "metro"):
        return None
    if any(a.kind == "location" for a in adjustments):
        return (
            f"The figures are national: there are no figures for {place.name} on its own, so "
            "the difference the place makes is listed under adjustments."
        )
    return (
        f"The figures are national: there are no figures for {place.name} on its own, and no "
        "source "
        "gives its difference from the national figures for this role."
    )


def lookup(
    role: str,
    level: str | None = None,
    location: str | None = None,
    skills: Iterable[str] | str = (),
    domain: str | None = None,
    employer_type: str | None = None,
    year: int | str | None = None,
    *,
    tables: MarketTables | None = None,
) -> SalaryEstimate:
    """Market pay for a role: percentiles, n and sources from one cell, or None with the reason.

    Raises InputError for an empty or unknown role, level or place (naming the closest
    matches) and for a year outside the data. See the module docstring for the rules.
    """
    if not isinstance(role, str):
        raise InputError("The role must be text, like 'machine learning engineer'.")
    tables = tables or load_tables()
    match = normalize_role(role, tables)
    info = tables.roles[match.role]
    assumptions = list(match.assumptions)
    lvl = _level(level, match.level, role, assumptions)
    place = _place(location, tables, assumptions)
    period = _period(year, tables, assumptions)
    cells = _gather(tables, info, lvl, place, period)
    if info.oews_match != "exact" and (cells.oews_place or cells.oews_national):
        assumptions.append(info.oews_assumption)
    head, withheld, unknown = _headline(_candidates(info, lvl, place, cells), assumptions)
    if head is None and unknown is None:
        unknown = _no_cell_reason(info, lvl, place)
    p50 = head.p50 if head else None
    extras = _Extras(_location_adjustments(tables, info, place, cells, head, p50), [], [])
    widened = _widened(place, head, extras.adjustments)
    if widened:
        assumptions.append(widened)
    _skill_and_domain(_skill_list(skills), domain, p50, extras)
    _employer(employer_type, extras)
    if place.kind == "remote":
        remote = _MENTION_BY_KEY[("location", "remote")]
        extras.references.append(Reference(what=remote.text, source=_seed_source(remote.source)))
    extras.references[:0] = _seed_figures(info, lvl, place)
    listed = cells.listed()
    sources = {c.source_id: _source(tables, c.source_id) for c in listed}
    cited: list[Adjustment | Reference] = [*extras.adjustments, *extras.references]
    for item in cited:
        sources.setdefault(item.source.id, item.source)
    figures = {p: getattr(head, p) for p in PERCENTILES} if head else {}
    return SalaryEstimate(
        role=info.name,
        role_input=role,
        level=lvl.code if lvl else None,
        level_label=lvl.label if lvl else None,
        location=place.name,
        location_kind=place.kind,
        location_input=location,
        period=period,
        **figures,
        at_least=dict(head.at_least) if head else {},
        n=head.n if head else None,
        employment=head.employment if head else None,
        basis=head.basis if head else None,
        cells=listed,
        adjustments=extras.adjustments,
        references=extras.references,
        sources=list(sources.values()),
        assumptions=assumptions,
        notes=_notes(tables, cells, year is not None, period) + extras.notes,
        withheld=withheld,
        unknown_reason=unknown,
    )
