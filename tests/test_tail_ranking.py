"""The learned order of a search's later places (coach.tail_ranking): the shipped model is
read, the first places never move, and the model's features say what they are named for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coach.config import Settings
from coach.hybrid_search import EntryRef, Fusion, SectionRanker
from coach.playbook import Playbook, SectionIndex, admitted, load_playbook
from coach.tail_ranking import (
    FEATURES,
    MODEL_FILE,
    Layout,
    Signals,
    TailModel,
    features,
    reordered,
    tail_model,
)

REPO = Path(__file__).resolve().parents[1]
PLAYBOOK = REPO / "coach" / "knowledge" / "playbook"

# Document d is a thread d#a -> d#b -> d#c -> d#e; e#x links to d#c; d#o is d's overview.
LAYOUT = Layout(
    order={"d#o": 0, "d#a": 1, "d#b": 2, "d#c": 3, "d#e": 4, "e#x": 5, "e#y": 6},
    document={s: s.split("#")[0] for s in ("d#o", "d#a", "d#b", "d#c", "d#e", "e#x", "e#y")},
    overviews=frozenset({"d#o"}),
    links={"e#x": frozenset({"d#c"}), "d#c": frozenset({"e#x"})},
)
NO_SIGNALS = Signals({}, {}, {}, {}, {}, {})


def _row(head: list[str], sid: str) -> dict[str, float]:
    (row,) = features(head, [(sid, 0.5)], 1.0, NO_SIGNALS, LAYOUT)
    return dict(zip(FEATURES, row, strict=True))


def _model(**weights: float) -> TailModel:
    n = len(FEATURES)
    return TailModel(
        FEATURES, (0.0,) * n, (1.0,) * n, tuple(weights.get(f, 0.0) for f in FEATURES), pool=20
    )


def test_the_shipped_model_is_read_and_fits_the_features() -> None:
    model = tail_model()
    assert model is not None and model.names == FEATURES
    assert len(model.weights) == len(FEATURES) and model.pool >= 2


def test_a_model_of_other_features_is_not_used(tmp_path: Path) -> None:
    data = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = [*data["features"][:-1], "something_else"]
    other = tmp_path / "tail.yaml"
    other.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert tail_model(other) is None
    assert tail_model(tmp_path / "missing.yaml") is None


def test_the_features_say_how_a_section_stands_to_the_first_places() -> None:
    head = ["d#a", "e#y", "d#e"]
    assert _row(head, "d#b")["beside_first"] == 1.0  # next after the first place
    assert _row(head, "d#b")["same_document_as_first"] == 1.0
    assert _row(head, "d#c")["two_after_a_first"] == 1.0  # two after d#a
    assert _row(head, "d#c")["beside_others"] == 1.0  # just before d#e
    assert _row(head, "e#x")["linked_to_first"] == 0.0
    assert _row(["d#c", "e#y", "d#a"], "e#x")["linked_to_first"] == 1.0  # either way
    assert _row(head, "d#o")["overview"] == 1.0
    assert _row(head, "d#o")["first_places_in_its_document"] == 2.0


def test_the_first_places_never_move_and_the_scores_still_read_best_first() -> None:
    ranked = [("d#a", 1.0), ("e#y", 0.9), ("e#x", 0.8), ("d#e", 0.7), ("d#c", 0.6), ("d#b", 0.5)]
    # A model that wants the section beside the first place most: d#b rises to 4th place.
    out = reordered(ranked, 3, NO_SIGNALS, LAYOUT, _model(beside_first=5.0))
    assert [s for s, _ in out] == ["d#a", "e#y", "e#x", "d#b", "d#e", "d#c"]
    scores = [score for _, score in out]  # the scores go with the places
    assert scores == [score for _, score in ranked]


def test_a_model_of_no_weights_keeps_the_fused_order() -> None:
    ranked = [("d#a", 1.0), ("e#y", 0.9), ("e#x", 0.8), ("d#o", 0.7), ("d#e", 0.6), ("d#b", 0.5)]
    assert reordered(ranked, 3, NO_SIGNALS, LAYOUT, _model()) == ranked


def test_without_a_layout_the_ranker_orders_by_fusion_alone() -> None:
    sections = {sid: f"text of {sid}" for sid in ("d#a", "d#b", "e#x")}
    entries = {sid: EntryRef(sid, question=False) for sid in sections}
    ranker = SectionRanker(sections, entries, Fusion(), tail=_model(overview=1.0))
    assert ranker.tail is None  # the model reads the layout: none given, none used


@pytest.fixture(scope="module")
def playbook(ingested_settings: Settings) -> Playbook:
    return Playbook(ingested_settings)


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # A refusal to extend, then deciding fast anyway: the thread's section two on
        ("the recruiter flat out said they can't extend my deadline", "If you truly must decide"),
    ],
)
def test_the_later_places_hold_the_section_that_finishes_the_answer(
    playbook: Playbook, query: str, wanted: str
) -> None:
    got = [h.citation for h in playbook.search(query, k=5)]
    assert any(wanted in c for c in got), got


def test_the_learned_order_leaves_the_first_three_as_fused(playbook: Playbook) -> None:
    text, _ = admitted(load_playbook(PLAYBOOK))
    index = SectionIndex(text)
    plain = SectionIndex(text)
    plain.ranker.tail = None
    for query in ("how do I counter a lowball offer", "is a 4 year cliff normal", "sign on"):
        fixed = index.speller.correct(query)
        dense = playbook._nearest_entries(fixed, asked=len(index.ranker.entries))
        learned = [r.section_id for r in index.ranker.rank(fixed, dense)]
        fused = [r.section_id for r in plain.ranker.rank(fixed, dense)]
        assert learned[:3] == fused[:3] and sorted(learned) == sorted(fused)
