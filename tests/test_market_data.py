"""Lookups checked against figures recomputed here, straight from the raw files in ../shared/data.

The expected values are computed in this file with csv, gzip, sqlite3 and statistics
(not copied from the tables): pairs joined, duplicates dropped, midpoints, inclusive
quantiles for aijobs.net; the OEWS cell read by its key from the SQLite snapshot.
Skipped where ../shared/data is absent (CI has it beside the clone).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import shutil
import sqlite3
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.market import lookup
from coach.market.build import ROLES, build_tables

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
COMMITTED = Path(__file__).resolve().parents[1] / "coach" / "knowledge" / "market"
AIJOBS = SHARED / "ai_jobs_net_salaries_2020_2025.csv.gz"
OEWS = SHARED / "oews-2025.sqlite.gz"

pytestmark = pytest.mark.skipif(
    not (AIJOBS.is_file() and OEWS.is_file()), reason="../shared/data is not beside the clone"
)


# ------------------------------------------------------------------ raw data, read here


@pytest.fixture(scope="module")
def postings() -> list[dict[str, object]]:
    """aijobs.net rows as distinct postings: high/low pairs joined, repeats dropped."""
    with gzip.open(AIJOBS, "rt", encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    local, usd = header.index("salary"), header.index("salary_in_usd")

    def fields(row: list[str]) -> tuple[str, ...]:
        return tuple(v for i, v in enumerate(row) if i not in (local, usd))

    found: list[tuple[object, ...]] = []
    i = 0
    while i < len(rows):
        hi = rows[i]
        lo = rows[i + 1] if i + 1 < len(rows) else None
        if lo is not None and fields(hi) == fields(lo) and int(hi[usd]) >= int(lo[usd]):
            i += 2
        else:
            lo, i = hi, i + 1
        found.append((fields(hi), lo[local], hi[local], int(lo[usd]), int(hi[usd])))
    names = [h for h in header if h not in ("salary", "salary_in_usd")]
    return [
        dict(zip(names, f, strict=True)) | {"low": low, "high": high}
        for f, _l, _h, low, high in dict.fromkeys(found)
    ]


@pytest.fixture(scope="module")
def oews(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("oews") / "oews.sqlite"
    with gzip.open(OEWS, "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    db = sqlite3.connect(path)
    yield db
    db.close()


def oews_row(db: sqlite3.Connection, area_name: str, occupation: str) -> dict[str, str]:
    area_code, area_type = db.execute(
        "SELECT area_code, areatype_code FROM area WHERE area_name = ?", (area_name,)
    ).fetchone()
    (soc,) = db.execute(
        "SELECT occupation_code FROM occupation WHERE occupation_name = ?", (occupation,)
    ).fetchone()
    cursor = db.execute(
        "SELECT v01, v11, v12, v13, v14, v15 FROM cell WHERE key = ?",
        (f"OEU{area_type}{area_code}000000{soc}",),
    )
    names = ("employment", "p10", "p25", "p50", "p75", "p90")
    return dict(zip(names, cursor.fetchone(), strict=True))


def expected_cell(
    postings: list[dict[str, object]],
    role: str,
    level: str,
    country: str,
    remote: bool,
    years: set[int],
) -> tuple[int, dict[str, int]]:
    titles = set(ROLES[role].titles)
    chosen = [
        p
        for p in postings
        if p["job_title"] in titles
        and p["experience_level"] == level
        and p["employment_type"] == "FT"
        and p["company_location"] == country
        and p["employee_residence"] == country
        and (not remote or p["remote_ratio"] == "100")
        and int(str(p["work_year"])) in years
    ]
    mids = [(int(p["low"]) + int(p["high"])) / 2 for p in chosen]  # type: ignore[call-overload]
    if len(mids) < 20:
        return len(mids), {}
    q = statistics.quantiles(mids, n=4, method="inclusive")
    figures = {"p25": round(q[0]), "p50": round(q[1]), "p75": round(q[2])}
    if len(mids) >= 50:
        d = statistics.quantiles(mids, n=10, method="inclusive")
        figures |= {"p10": round(d[0]), "p90": round(d[8])}
    return len(mids), figures


def latest_two(postings: list[dict[str, object]]) -> set[int]:
    return set(sorted({int(str(p["work_year"])) for p in postings})[-2:])


# ------------------------------------------------------------------ aijobs.net lookups

AIJOBS_CASES = [
    # (what a user types), (role, level, country, remote only, year or None for the pool)
    (
        ("senior machine learning engineer", None, None, 2025),
        ("machine learning engineer", "SE", "US", False, 2025),
    ),
    (("data scientist", "mid", "UK", None), ("data scientist", "MI", "GB", False, None)),
    (("AI engineer", "senior", "remote", None), ("ai engineer", "SE", "US", True, None)),
    (
        ("research scientist", "entry", "Canada", 2024),
        ("research scientist", "EN", "CA", False, 2024),
    ),
    (("data engineer", "L4", "US", 2023), ("data engineer", "MI", "US", False, 2023)),
    (
        ("applied scientist", "staff", "United States", 2025),
        ("applied scientist", "EX", "US", False, 2025),
    ),
    (
        ("MLOps engineer", "senior", "San Francisco", None),
        ("mlops engineer", "SE", "US", False, None),
    ),
    (("product manager", "senior", "Germany", None), ("product manager", "SE", "DE", False, None)),
    (("ML eng", "junior", "France", 2025), ("machine learning engineer", "EN", "FR", False, 2025)),
]


@pytest.mark.parametrize(("query", "cell"), AIJOBS_CASES)
def test_aijobs_lookup_matches_figures_recomputed_from_the_csv(
    postings: list[dict[str, object]],
    query: tuple[str, str | None, str | None, int | None],
    cell: tuple[str, str, str, bool, int | None],
) -> None:
    role, level, location, year = query
    canonical, code, country, remote, cell_year = cell
    years = {cell_year} if cell_year else latest_two(postings)
    n, figures = expected_cell(postings, canonical, code, country, remote, years)

    est = lookup(role, level=level, location=location, year=year)

    assert (est.role, est.level) == (canonical, code)
    if figures:
        assert est.n == n
        assert {p: getattr(est, p) for p in figures} == figures
        assert est.basis and "aijobs.net" in est.basis
        assert any(s.id == "aijobs" for s in est.sources)
    else:  # fewer than 20 postings: withheld or absent, and no figure at all
        assert (est.p10, est.p25, est.p50, est.p75, est.p90) == (None,) * 5
        assert est.unknown_reason
        if n:
            assert est.withheld and f"only {n} distinct posting" in est.withheld


def test_us_senior_mle_2025_posted_range_medians(postings: list[dict[str, object]]) -> None:
    titles = set(ROLES["machine learning engineer"].titles)
    chosen = [
        p
        for p in postings
        if p["job_title"] in titles
        and p["experience_level"] == "SE"
        and p["work_year"] == "2025"
        and p["employment_type"] == "FT"
        and p["company_location"] == p["employee_residence"] == "US"
    ]
    est = lookup("machine learning engineer", level="senior", location="US", year=2025)
    cell = est.cells[0]
    assert cell.range_low_p50 == round(statistics.median(int(p["low"]) for p in chosen))  # type: ignore[call-overload]
    assert cell.range_high_p50 == round(statistics.median(int(p["high"]) for p in chosen))  # type: ignore[call-overload]


# ------------------------------------------------------------------ OEWS lookups

OEWS_CASES = [
    (("software engineer", "SF"), ("San Francisco-Oakland-Fremont, CA", "Software Developers")),
    (("data scientist", "Austin"), ("Austin-Round Rock-San Marcos, TX", "Data Scientists")),
    (
        ("research scientist", "California"),
        ("California", "Computer and Information Research Scientists"),
    ),
    (("engineering manager", None), ("National", "Computer and Information Systems Managers")),
    (("marketing manager", "NYC"), ("New York-Newark-Jersey City, NY-NJ", "Marketing Managers")),
    (("data architect", "TX"), ("Texas", "Database Architects")),
]


@pytest.mark.parametrize(("query", "cell"), OEWS_CASES)
def test_oews_lookup_matches_the_sqlite_cell(
    oews: sqlite3.Connection, query: tuple[str, str | None], cell: tuple[str, str]
) -> None:
    row = oews_row(oews, *cell)
    est = lookup(query[0], location=query[1])
    assert est.basis and est.basis.startswith("BLS wage survey")  # OEWS, named in words
    assert [c.source_id for c in est.cells if c.basis == est.basis] == ["oews"]
    for name in ("p10", "p25", "p50", "p75", "p90"):
        assert getattr(est, name) == int(row[name]), name
    assert est.employment == int(row["employment"])
    assert est.n is None  # OEWS has no sample size to report


def test_sf_software_developers_median_is_the_published_one(oews: sqlite3.Connection) -> None:
    row = oews_row(oews, "San Francisco-Oakland-Fremont, CA", "Software Developers")
    assert lookup("Software Engineer", location="Bay Area").p50 == int(row["p50"])


def test_metro_gap_for_a_levelled_lookup_is_the_oews_ratio_range(oews: sqlite3.Connection) -> None:
    metro = oews_row(oews, "Seattle-Tacoma-Bellevue, WA", "Software Developers")
    national = oews_row(oews, "National", "Software Developers")
    ratios = [round((int(metro[q]) / int(national[q]) - 1) * 100, 1) for q in ("p25", "p50", "p75")]

    est = lookup("ML engineer", level="senior", location="Seattle")

    (gap,) = [a for a in est.adjustments if a.kind == "location"]
    assert (gap.low_pct, gap.high_pct) == (min(ratios), max(ratios))
    assert gap.source.id == "oews"
    assert est.basis and "United States" in est.basis  # the headline stays national


def test_every_shipped_oews_value_is_the_sqlite_value_or_its_lower_bound(
    oews: sqlite3.Connection,
) -> None:
    (top_text,) = oews.execute(
        "SELECT footnote_text FROM footnote WHERE footnote_code = '5'"
    ).fetchone()
    top = int(top_text.split("$")[-1].split(" ")[0].replace(",", ""))
    with (COMMITTED / "oews_wages.csv").open(newline="") as fh:
        shipped = list(csv.DictReader(fh))
    types = dict(oews.execute("SELECT area_code, areatype_code FROM area").fetchall())
    for row in shipped:
        key = f"OEU{types[row['area_code']]}{row['area_code']}000000{row['soc']}"
        values = oews.execute(
            "SELECT v11, v12, v13, v14, v15, f11, f12, f13, f14, f15 FROM cell WHERE key = ?",
            (key,),
        ).fetchone()
        for name, value, footnote in zip(
            ("p10", "p25", "p50", "p75", "p90"), values[:5], values[5:], strict=True
        ):
            if footnote == "5":
                assert row[name] == f">={top}", key
            else:
                assert row[name] == (value if value.isdigit() else ""), key


# ------------------------------------------------------------------ the build itself


def test_build_reproduces_the_committed_tables(tmp_path: Path) -> None:
    provenance = build_tables(SHARED, tmp_path)
    committed = json.loads((COMMITTED / "provenance.json").read_text())
    for name in provenance["tables"]:  # type: ignore[union-attr]
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), name
    assert {k: v for k, v in provenance.items() if k != "built"} == {
        k: v for k, v in committed.items() if k != "built"
    }


def test_provenance_names_sources_licences_inputs_and_row_counts() -> None:
    prov = json.loads((COMMITTED / "provenance.json").read_text())
    assert prov["built"]
    assert "public domain" in prov["sources"]["oews"]["licence"]
    assert "CC0" in prov["sources"]["aijobs"]["licence"]
    assert prov["sources"]["oews"]["release"] == "May 2025"
    for source, path in (("oews", OEWS), ("aijobs", AIJOBS)):
        assert (
            prov["sources"][source]["input"]["sha256"]
            == hashlib.sha256(path.read_bytes()).hexdigest()
        )
    for name, info in prov["tables"].items():
        with (COMMITTED / name).open(newline="") as fh:
            assert sum(1 for _ in csv.DictReader(fh)) == info["rows"], name
