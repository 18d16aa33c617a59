"""lookup() behaviour on the committed tables: headline choice, unknowns, premiums, top codes."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from coach.errors import DataError, InputError
from coach.market import SalaryEstimate, load_tables, lookup
from coach.market.premiums import AI_ENGINEER_GUIDE, PREMIUMS

COMMITTED = Path(__file__).resolve().parents[1] / "coach" / "knowledge" / "market"


def first_withheld_cell() -> tuple[str, str, str, str]:
    """A real withheld cell (role, level, country, period) from the committed table."""
    with (COMMITTED / "aijobs_cells.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            if (
                row["status"] == "withheld"
                and row["level"] != "ALL"
                and row["setting"] == "all"
                and row["country"] == "US"
            ):
                return row["role"], row["level"], row["country"], row["period"]
    raise AssertionError("no withheld US cell")


# ------------------------------------------------------------------ which cell answers


def test_levelled_question_is_answered_by_the_aijobs_cell_with_n() -> None:
    est = lookup("data scientist", level="senior", location="US")
    assert est.basis and est.basis.startswith("aijobs.net: data scientist, senior")
    assert est.n and est.n >= 20
    assert est.p25 and est.p50 and est.p75 and est.p25 <= est.p50 <= est.p75
    # the OEWS occupation is still shown, as an all-levels cell beside it
    assert any(c.source_id == "oews" and "all levels" in c.basis for c in est.cells)


def test_role_oews_measures_itself_is_answered_by_oews_for_the_metro() -> None:
    est = lookup("data scientist", location="Austin")
    assert est.basis and est.basis.startswith("BLS wage survey") and "Austin" in est.basis
    assert [c.source_id for c in est.cells if c.basis == est.basis] == ["oews"]
    assert est.employment and est.n is None
    assert not [a for a in est.adjustments if a.kind == "location"]  # already the metro's own


def test_ai_title_without_level_uses_aijobs_and_lists_the_metro_gap() -> None:
    est = lookup("AI engineer", location="NYC")
    assert est.basis and est.basis.startswith("aijobs.net: ai engineer, all levels")
    kinds = {(a.kind, a.source.id) for a in est.adjustments}
    assert ("location", "oews") in kinds  # OEWS New York vs national
    assert ("location", AI_ENGINEER_GUIDE.id) in kinds  # the seed's SF/NY premium
    assert any("national" in a for a in est.assumptions)


def test_withheld_level_is_not_replaced_by_an_all_levels_figure() -> None:
    role, level, _country, period = first_withheld_cell()
    est = lookup(role, level=level, location="US", year=None if "-" in period else int(period))
    assert (est.role, est.level, est.period) == (role, level, period)
    assert (est.p10, est.p25, est.p50, est.p75, est.p90, est.n) == (None,) * 6
    assert est.withheld and "fewer than the 20 needed" in est.withheld
    assert est.unknown_reason == est.withheld
    assert not est.known


def test_role_without_any_cell_for_the_place_is_unknown_not_guessed() -> None:
    est = lookup("marketing manager", location="Germany")  # OEWS is US-only, no aijobs titles
    assert est.p50 is None and est.cells == []
    assert est.unknown_reason and "marketing manager" in est.unknown_reason


def test_remote_uses_the_us_fully_remote_cell_and_notes_pay_bands() -> None:
    est = lookup("machine learning engineer", level="senior", location="remote")
    assert est.basis and "fully remote" in est.basis
    assert any("geographic pay bands" in r.what for r in est.references)


# ------------------------------------------------------------------ premiums and references


def test_premiums_are_ranges_with_sources_and_never_move_the_headline() -> None:
    plain = lookup("AI engineer", level="senior", location="US")
    skilled = lookup(
        "AI engineer", level="senior", location="US", skills="RAG, fine-tuning, mlops",
        domain="fintech",
    )  # fmt: skip
    headline = ("p10", "p25", "p50", "p75", "p90", "n", "basis")
    assert {k: getattr(skilled, k) for k in headline} == {k: getattr(plain, k) for k in headline}
    asked = {"production rag", "fine-tuning and rlhf", "mlops", "fintech"}
    expected = {p.what: (p.low_pct, p.high_pct) for p in PREMIUMS if p.key in asked}
    got = {a.what: (a.low_pct, a.high_pct) for a in skilled.adjustments}
    assert got == expected
    assert plain.p50 is not None
    for adj in skilled.adjustments:
        assert adj.source.id in {s.id for s in skilled.sources}
        assert adj.on_p50 == (
            round(plain.p50 * (100 + adj.low_pct) / 100),
            round(plain.p50 * (100 + adj.high_pct) / 100),
        )


def test_unknown_skill_and_domain_add_nothing_and_say_so() -> None:
    est = lookup("ML engineer", skills=["python", "rust"], domain="gaming")
    assert est.adjustments == []
    assert sum("nothing is added" in n for n in est.notes) == 3


def test_ai_engineer_bands_for_the_level_come_from_the_seed() -> None:
    est = lookup("AI engineer", level="staff")
    (band,) = est.references
    assert (band.low, band.high, band.open_ended) == (250_000, 350_000, True)
    assert band.source.id == AI_ENGINEER_GUIDE.id
    assert any(s.id == AI_ENGINEER_GUIDE.id for s in est.sources)


def test_employer_type_is_a_sourced_fact_without_a_figure() -> None:
    est = lookup("research scientist", employer_type="AI lab")
    fact = next(r for r in est.references if "AI labs" in r.what)
    assert fact.low is None and fact.source.id == "ai-pulse"


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": ""}, "role is empty"),
        ({"role": "brain surgeon"}, "Unknown role"),
        ({"role": "ML engineer", "location": "Narnia"}, "Unknown location"),
        ({"role": "ML engineer", "level": "galactic"}, "Unknown level"),
        ({"role": "ML engineer", "year": dt.date.today().year + 1}, "in the future"),
        ({"role": "ML engineer", "year": 2019}, "covers 2020 to 2025"),
        ({"role": "ML engineer", "year": "last year"}, "not a year"),
    ],
)
def test_bad_input_is_one_plain_sentence(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as err:
        lookup(**kwargs)  # type: ignore[arg-type]
    assert message in err.value.message
    assert err.value.message.count(". ") == 0  # one sentence


def test_estimate_round_trips_through_json() -> None:
    est = lookup("senior MLE", location="Bay Area", skills="rag")
    assert SalaryEstimate.model_validate_json(est.model_dump_json()) == est


# ------------------------------------------------------------------ tables on disk


@pytest.fixture
def table_copy(tmp_path: Path) -> Path:
    target = tmp_path / "market"
    shutil.copytree(COMMITTED, target)
    return target


def _rewrite(path: Path, change: dict[tuple[str, str], dict[str, str]]) -> None:
    with path.open(newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        row.update(change.get((row["area_code"], row["soc"]), {}))
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fields or ()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_top_coded_wage_is_a_lower_bound_never_a_figure(table_copy: Path) -> None:
    # Mark SF Software Developers p90 as top-coded, the way the build writes BLS footnote 5.
    _rewrite(table_copy / "oews_wages.csv", {("0041860", "151252"): {"p90": ">=239200"}})
    est = lookup("software engineer", location="SF", tables=load_tables(table_copy))
    assert est.p90 is None and est.at_least == {"p90": 239_200}
    assert est.p50 is not None
    assert any("at least $239,200" in n for n in est.notes)


def test_truncated_table_is_a_data_error(table_copy: Path) -> None:
    lines = (table_copy / "oews_wages.csv").read_text().splitlines(keepends=True)
    (table_copy / "oews_wages.csv").write_text("".join(lines[:-5]))
    with pytest.raises(DataError, match="rebuild"):
        load_tables(table_copy)


def test_missing_tables_are_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing"):
        load_tables(tmp_path / "nowhere")


def test_tables_load_once_per_process() -> None:
    assert load_tables() is load_tables()
