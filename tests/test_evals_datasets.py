"""The hand-written datasets: big enough, well-formed, and pointing at real sections."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coach.errors import DataError
from coach.evals.datasets import (
    AUTHORED,
    RUBRIC_ITEMS,
    BiasCase,
    CoachCase,
    GoldCase,
    RetrievalCase,
    RoleplayCase,
    check_refs,
    load_datasets,
    split_of,
)
from coach.evals.paths import DATASETS_DIR
from coach.evals.runner import playbook_sections
from coach.evals.suites.script import scenario_for

COACH_AREAS = {"salary", "offer", "objection", "sequence", "package", "mistakes", "follow-up"}


@pytest.fixture(scope="module")
def datasets() -> dict[str, list[object]]:
    return load_datasets(DATASETS_DIR)  # type: ignore[return-value]


def test_sizes_meet_the_issue(datasets: dict[str, list[object]]) -> None:
    authored = {s: [c for c in cases if split_of(c) == AUTHORED] for s, cases in datasets.items()}  # type: ignore[arg-type]
    assert len(authored["coach"]) >= 60
    assert len(authored["retrieval"]) >= 30
    assert len(datasets["roleplay"]) >= 20
    assert len(datasets["gold"]) >= 60
    assert len(datasets["bias"]) >= 5


def test_every_case_has_an_id_and_tags(datasets: dict[str, list[object]]) -> None:
    for cases in datasets.values():
        for case in cases:
            assert case.id and case.tags, case  # type: ignore[attr-defined]


def test_coach_cases_cover_every_area_and_follow_ups(datasets: dict[str, list[object]]) -> None:
    coach = [c for c in datasets["coach"] if isinstance(c, CoachCase)]
    tags = {t for c in coach for t in c.tags}
    assert tags >= COACH_AREAS
    assert sum(len(c.turns) > 1 for c in coach) >= 8
    modes = {t.expect.tools.mode for c in coach for t in c.turns if t.expect and t.expect.tools}
    assert modes == {"strict", "unordered", "subset", "superset"}


def test_the_known_gap_tag_is_retired(datasets: dict[str, list[object]]) -> None:
    """A case passes or it fails: no tag excuses a failure (issue 16)."""
    for cases in datasets.values():
        tagged = [c.id for c in cases if "known-gap" in c.tags]  # type: ignore[attr-defined]
        assert not tagged, tagged


def test_every_playbook_reference_exists(datasets: dict[str, list[object]]) -> None:
    from coach.config import Settings

    check_refs(datasets, playbook_sections(Settings()))  # type: ignore[arg-type]


def test_gold_labels_have_good_and_bad_answers_for_every_item(
    datasets: dict[str, list[object]],
) -> None:
    gold = [c for c in datasets["gold"] if isinstance(c, GoldCase)]
    for item in RUBRIC_ITEMS:
        counts = Counter(c.answer.labels[item] for c in gold)
        assert counts["good"] >= 5 and counts["bad"] >= 5, (item, counts)


def test_bias_probes_swap_names_genders_and_ethnicities(
    datasets: dict[str, list[object]],
) -> None:
    bias = [c for c in datasets["bias"] if isinstance(c, BiasCase)]
    tags = {t for c in bias for t in c.tags}
    assert {"names", "gender", "ethnicity"} <= tags
    assert any(c.roleplay is not None for c in bias)


def test_roleplay_scripts_load_their_scenarios(datasets: dict[str, list[object]]) -> None:
    for case in datasets["roleplay"]:
        assert isinstance(case, RoleplayCase)
        assert scenario_for(case).first_offer.base > 0


def test_retrieval_cases_name_sections(datasets: dict[str, list[object]]) -> None:
    for case in datasets["retrieval"]:
        assert isinstance(case, RetrievalCase)
        assert all(" § " in r for r in case.relevant)


# ------------------------------------------------------------------ malformed input


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "cases.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cases: []", "must name its suite"),
        ("suite: coach\ncases:\n  - {id: a, ask: hi, expect: {facts: ['(']}}", "bad regex"),
        ("suite: coach\ncases:\n  - {id: a, ask: hi}", "expect block"),
        (
            "suite: retrieval\ncases:\n  - {id: a, query: q, relevant: [x § y]}\n"
            "  - {id: a, query: q, relevant: [x § y]}",
            "share the id",
        ),
        ("suite: coach\ncases: [", "unreadable"),
    ],
)
def test_malformed_datasets_fail_with_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        load_datasets(write(tmp_path, text))


def test_an_unknown_section_is_caught(tmp_path: Path) -> None:
    folder = write(
        tmp_path, "suite: retrieval\ncases:\n  - {id: a, query: q, relevant: [anchoring § Nope]}"
    )
    with pytest.raises(DataError, match="not in the playbook"):
        check_refs(load_datasets(folder), {"anchoring § Overview"})  # type: ignore[arg-type]


def test_the_cli_lists_the_same_suites_as_the_loader() -> None:
    from coach.evals import cli, datasets

    assert cli.SUITES == datasets.SUITES  # cli keeps its own copy to stay light at start-up
