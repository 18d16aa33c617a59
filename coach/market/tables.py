"""Load the committed market tables (coach/knowledge/market/*.csv), once per directory.

The app reads only these files, never ../shared/data. Rows are checked against
the counts in provenance.json, so a truncated or hand-edited table is a DataError
rather than a silently wrong number.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.contracts import PERCENTILES  # named once, with the results that state them
from coach.errors import DataError
from coach.resources import KNOWLEDGE_DIR

if TYPE_CHECKING:
    from coach.config import Settings

ALL_LEVELS = "ALL"
SETTING_ALL, SETTING_REMOTE = "all", "remote"
NATIONAL_AREA = "0000000"
_REBUILD = "run `python -m coach.market.build` to rebuild them"
PACKAGED_MARKET_DIR = KNOWLEDGE_DIR / "market"


@dataclass(frozen=True, slots=True)
class Figures:
    """Annual pay percentiles in USD; a top-coded value is None here and in ``at_least``."""

    values: dict[str, int | None]
    at_least: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> int | None:
        return self.values.get(name)


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    soc: str | None
    occupation: str | None
    oews_match: str  # "exact": OEWS measures this role; "proxy": a related occupation; "none"
    oews_assumption: str
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    kind: str  # national | state | metro
    state_code: str
    name: str
    employment: int | None


@dataclass(frozen=True, slots=True)
class OewsWage:
    area_code: str
    soc: str
    employment: int | None
    figures: Figures


@dataclass(frozen=True, slots=True)
class AijobsCell:
    role: str
    level: str
    country: str
    setting: str
    period: str
    n: int
    withheld: bool
    figures: Figures
    range_low_p50: int | None
    range_high_p50: int | None


AijobsKey = tuple[str, str, str, str, str]  # role, level, country, setting, period


@dataclass(frozen=True, eq=False)
class MarketTables:
    """Everything lookup() needs, indexed for O(1) access. Hashable by identity."""

    directory: Path
    provenance: dict[str, Any]
    roles: dict[str, Role]
    areas: dict[str, Area]
    occupations: dict[str, str]
    countries: dict[str, str]
    oews: dict[tuple[str, str], OewsWage]
    aijobs: dict[AijobsKey, AijobsCell]

    @property
    def years(self) -> list[int]:
        return list(self.provenance["counts"]["aijobs"]["years"])

    @property
    def default_period(self) -> str:
        return str(self.provenance["rules"]["default_period"])

    @property
    def min_n(self) -> int:
        return int(self.provenance["rules"]["min_n"])

    def source(self, source_id: str) -> dict[str, Any]:
        return dict(self.provenance["sources"][source_id])


def _int(text: str) -> int | None:
    return int(text) if text else None


def _figures(row: dict[str, str]) -> Figures:
    values: dict[str, int | None] = {}
    at_least: dict[str, int] = {}
    for name in PERCENTILES:
        text = row[name]
        if text.startswith(">="):  # top-coded: only a lower bound is known
            values[name] = None
            at_least[name] = int(text[2:])
        else:
            values[name] = _int(text)
    return Figures(values, at_least)


def _rows(directory: Path, name: str, expected: int) -> Iterator[dict[str, str]]:
    path = directory / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as err:
        raise DataError(f"The market table {name} cannot be read; {_REBUILD}.") from err
    if len(rows) != expected:
        raise DataError(
            f"The market table {name} has {len(rows)} rows, not the {expected} its "
            f"provenance lists; {_REBUILD}."
        )
    return iter(rows)


def _parse(directory: Path) -> MarketTables:
    try:
        provenance = json.loads((directory / "provenance.json").read_text(encoding="utf-8"))
        counts = {name: int(info["rows"]) for name, info in provenance["tables"].items()}
    except (OSError, ValueError, KeyError) as err:
        raise DataError(f"The market tables in {directory} are missing; {_REBUILD}.") from err

    def rows(name: str) -> Iterator[dict[str, str]]:
        if name not in counts:
            raise DataError(f"provenance.json does not list {name}; {_REBUILD}.")
        return _rows(directory, name, counts[name])

    try:
        roles = {
            r["role"]: Role(
                r["role"],
                r["soc"] or None,
                r["occupation"] or None,
                r["oews_match"],
                r["oews_assumption"],
                tuple(t for t in r["aijobs_titles"].split("|") if t),
            )
            for r in rows("roles.csv")
        }
        areas = {
            r["area_code"]: Area(
                r["area_code"], r["kind"], r["state_code"], r["name"], _int(r["employment"])
            )
            for r in rows("oews_areas.csv")
        }
        oews = {
            (r["area_code"], r["soc"]): OewsWage(
                r["area_code"], r["soc"], _int(r["employment"]), _figures(r)
            )
            for r in rows("oews_wages.csv")
        }
        aijobs = {
            (r["role"], r["level"], r["country"], r["setting"], r["period"]): AijobsCell(
                r["role"],
                r["level"],
                r["country"],
                r["setting"],
                r["period"],
                int(r["n"]),
                r["status"] == "withheld",
                _figures(r),
                _int(r["range_low_p50"]),
                _int(r["range_high_p50"]),
            )
            for r in rows("aijobs_cells.csv")
        }
        occupations = {r["soc"]: r["name"] for r in rows("oews_occupations.csv")}
        countries = {r["code"]: r["name"] for r in rows("aijobs_countries.csv")}
    except (KeyError, ValueError) as err:
        raise DataError(f"The market tables in {directory} are malformed; {_REBUILD}.") from err
    return MarketTables(directory, provenance, roles, areas, occupations, countries, oews, aijobs)


@functools.lru_cache(maxsize=8)
def _load(directory: Path) -> MarketTables:
    return _parse(directory)


def load_tables(source: Settings | Path | None = None) -> MarketTables:
    """The market tables, cached per directory.

    ``source`` is the Settings in use (their ``market_dir``) or a directory; with none,
    the tables that ship in the package. The environment is never read here: a caller
    with settings passes them.
    """
    if source is None:
        directory = PACKAGED_MARKET_DIR
    elif isinstance(source, Path):
        directory = source
    else:
        directory = source.market_dir
    return _load(directory.resolve())


def clear_cache() -> None:
    """Forget loaded tables (tests and benchmarks that time a cold load)."""
    _load.cache_clear()
