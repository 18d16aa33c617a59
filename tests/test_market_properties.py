"""Properties of lookup() over many inputs (hypothesis), on the committed tables."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from coach.errors import InputError
from coach.market import SalaryEstimate, load_tables, lookup
from coach.market.normalize import (
    LEVEL_WORDS,
    ROLE_ALIASES,
    normalize_place,
    place_index,
)
from coach.vocabulary import normalise as clean
from tests.fuzz import profile

TABLES = load_tables()
ROLE_TEXTS = sorted({*TABLES.roles, *(a for aliases in ROLE_ALIASES.values() for a in aliases)})
LEVELS = [None, "entry", "mid", "senior", "staff", "L5", "E6", "IC3", "II"]
PLACES = [
    None,
    "US",
    "remote",
    "SF",
    "NYC",
    "Seattle",
    "Austin",
    "Texas",
    "WA",
    "Boston",
    "Denver",
    "Canada",
    "UK",
    "Germany",
    "India",
    "France",
    "Portland",
    "Puerto Rico",
]
SKILLS = ["rag", "fine-tuning", "rlhf", "mlops", "python", "multiple llm platforms", "kubernetes"]
DOMAINS = [None, "fintech", "healthcare", "autonomous systems", "gaming"]
EMPLOYERS = [None, "ai lab", "big tech", "startup"]
YEARS = [None, *TABLES.years]
# Derandomized, no deadline, no .hypothesis/ dir: the loaded profile (tests/conftest.py).
PROFILE = profile(150)

queries = st.fixed_dictionaries(
    {
        "role": st.sampled_from(ROLE_TEXTS),
        "level": st.sampled_from(LEVELS),
        "location": st.sampled_from(PLACES),
        "skills": st.lists(st.sampled_from(SKILLS), max_size=3),
        "domain": st.sampled_from(DOMAINS),
        "employer_type": st.sampled_from(EMPLOYERS),
        "year": st.sampled_from(YEARS),
    }
)


def _ordered(values: list[int | None]) -> bool:
    known = [v for v in values if v is not None]
    return known == sorted(known)


def _check(est: SalaryEstimate) -> None:
    assert _ordered([est.p10, est.p25, est.p50, est.p75, est.p90])
    for cell in est.cells:
        assert _ordered([cell.p10, cell.p25, cell.p50, cell.p75, cell.p90])
    if est.known:
        assert est.basis and est.unknown_reason is None
        assert est.n is not None or est.employment is not None
    else:
        assert est.unknown_reason and est.basis is None
        assert (est.p10, est.p25, est.p75, est.p90, est.n) == (None,) * 5


@PROFILE
@given(queries)
def test_percentiles_are_ordered_and_figures_have_a_basis(query: dict[str, object]) -> None:
    _check(lookup(**query))  # type: ignore[arg-type]


@PROFILE
@given(queries)
def test_no_adjustment_or_reference_without_a_listed_source(query: dict[str, object]) -> None:
    est = lookup(**query)  # type: ignore[arg-type]
    listed = {s.id for s in est.sources}
    for item in (*est.adjustments, *est.references):
        assert item.source.id in listed and item.source.name and item.source.url
    for adj in est.adjustments:
        assert adj.low_pct <= adj.high_pct
    headline_sources = {c.source_id for c in est.cells if c.basis == est.basis}
    assert headline_sources <= listed


@PROFILE
@given(queries, st.lists(st.sampled_from(SKILLS), min_size=1, max_size=3))
def test_skills_and_domain_never_change_the_headline(
    query: dict[str, object], skills: list[str]
) -> None:
    base = lookup(**{**query, "skills": (), "domain": None})  # type: ignore[arg-type]
    more = lookup(**{**query, "skills": skills, "domain": "fintech"})  # type: ignore[arg-type]
    keys = ("p10", "p25", "p50", "p75", "p90", "n", "basis", "unknown_reason")
    assert {k: getattr(more, k) for k in keys} == {k: getattr(base, k) for k in keys}


def _unlike_any(text: str, keys: list[str]) -> bool:
    """No key is even a rough match (rapidfuzz ratio < 70, below any fuzzy candidate)."""
    key = clean(text)
    if not key or any(word in LEVEL_WORDS for word in key.split()):
        return False
    best = process.extractOne(key, keys, scorer=fuzz.ratio)
    return best is None or best[1] < 70


ROLE_KEYS = [clean(r) for r in ROLE_TEXTS]
PLACE_KEYS = list(place_index(TABLES).places)
words = st.text(alphabet=string.ascii_lowercase + " -", min_size=1, max_size=24)


@PROFILE
@given(words)
def test_unknown_role_never_yields_a_number(text: str) -> None:
    assume(_unlike_any(text, ROLE_KEYS))
    with pytest.raises(InputError, match="Unknown role"):
        lookup(text)


@PROFILE
@given(words)
def test_unknown_place_never_yields_a_number(text: str) -> None:
    assume(_unlike_any(text, PLACE_KEYS))
    with pytest.raises(InputError, match="Unknown location"):
        lookup("data scientist", location=text)


def test_no_withheld_cell_yields_a_number() -> None:
    """Every withheld cell in the table, asked for directly, answers 'unknown' and says why."""
    checked = 0
    for key, cell in sorted(TABLES.aijobs.items()):
        role, level, country, setting, period = key
        name = "US" if country == "US" else TABLES.countries[country]
        place = normalize_place("remote" if setting == "remote" else name, TABLES)
        # Skip cells another source may rightly answer: all levels at a US place (OEWS),
        # and country names that are also US states ("Georgia").
        if not cell.withheld or place.country != country or (level == "ALL" and place.is_us):
            continue
        est = lookup(
            role,
            level=None if level == "ALL" else level,
            location=place.name if setting == "all" else "remote",
            year=None if "-" in period else int(period),
        )
        assert not est.known and est.n is None and est.p50 is None, key
        assert est.withheld and f"only {cell.n} distinct" in est.withheld, key
        checked += 1
    assert checked > 1000
