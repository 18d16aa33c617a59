"""The dense ranking in memory (coach.dense_index): the store's own ranking, kept fresh.

Ranking against Chroma's for the real playbook is checked on real queries; freshness by
an ingest in another ``Playbook`` (another process, as far as the store can tell).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from coach.config import Settings
from coach.dense_index import DenseIndex, Vectors
from coach.playbook import DENSE_ENTRIES, Playbook

REPO = Path(__file__).resolve().parents[1]


def test_nearest_is_by_cosine_and_keeps_the_store_order_on_ties() -> None:
    vectors = Vectors.of(
        ["a", "b", "c", "d"],
        [[1.0, 0.0], [0.0, 3.0], [2.0, 0.0], [1.0, 1.0]],  # a and c: the same direction
    )
    got = vectors.nearest([5.0, 0.0], 3)
    assert [eid for eid, _ in got] == ["a", "c", "d"]
    assert got[0][1] == pytest.approx(1.0) and got[2][1] == pytest.approx(2**-0.5)
    assert [eid for eid, _ in vectors.nearest([0.0, 1.0], 10)] == ["b", "d", "a", "c"]


def test_an_empty_store_has_no_neighbours() -> None:
    assert Vectors.of([], None).nearest([1.0, 0.0], 5) == []


def test_zero_vectors_rank_last_instead_of_failing() -> None:
    got = Vectors.of(["zero", "x"], [[0.0, 0.0], [1.0, 0.0]]).nearest([1.0, 0.0], 2)
    assert got == [("x", pytest.approx(1.0)), ("zero", 0.0)]


@pytest.mark.parametrize(
    "query",
    [
        "What does a senior ML engineer in Seattle make?",
        "They said this is the top of their range",
        "should i tell the recruiter my current salary",
        "i put a bunch of LLM framworks on my resme and still got lowballed",
    ],
)
def test_the_same_ranking_as_asking_the_store(playbook: Playbook, query: str) -> None:
    """The nearest entries and their similarities are the ones Chroma's exact search
    (every entry asked) gives; a swap of two entries whose similarities differ by less
    than float32 rounding is the only difference allowed."""
    vector = playbook.embeddings.embed_query(query)
    total = playbook.count()
    got = playbook.collection.query(
        query_embeddings=[vector], n_results=total, include=["distances"]
    )
    chroma = [(eid, 1.0 - d) for eid, d in zip(got["ids"][0], got["distances"][0], strict=True)]
    ours = playbook._nearest_entries(query, total)
    assert len(ours) == DENSE_ENTRIES
    theirs = dict(chroma)
    for (eid, sim), (other, other_sim) in zip(ours, chroma[:DENSE_ENTRIES], strict=True):
        assert sim == pytest.approx(theirs[eid], abs=1e-6)
        assert eid == other or abs(sim - other_sim) < 1e-6


def test_another_ingest_is_seen_at_the_next_search(
    home: Path, tmp_path: Path, fake_embeddings: Embeddings
) -> None:
    """A search sees what an ingest by another Playbook (another process) wrote, with
    no restart: the store's file changed, so the vectors are read again."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "coach" / "knowledge" / "playbook", knowledge / "playbook")
    settings = Settings(knowledge_dir=knowledge)
    Playbook(settings, fake_embeddings).ingest()
    searching = Playbook(settings, fake_embeddings)
    before = {eid for eid, _ in searching._nearest_entries("walk away", 10_000)}
    assert any(eid.startswith("walk-away#") for eid in before)

    (knowledge / "playbook" / "walk-away.md").unlink()
    assert Playbook(settings, fake_embeddings).ingest().removed > 0
    after = {eid for eid, _ in searching._nearest_entries("walk away", 10_000)}
    assert after and not any(eid.startswith("walk-away#") for eid in after)


def test_vectors_are_read_once_while_the_store_is_unchanged(tmp_path: Path) -> None:
    reads: list[int] = []
    (tmp_path / "chroma.sqlite3").write_bytes(b"one")

    def read() -> tuple[list[str], np.ndarray]:
        reads.append(1)
        return ["a"], np.ones((1, 2), dtype=np.float32)

    index = DenseIndex(tmp_path, read)
    for _ in range(3):
        assert index.vectors().ids == ("a",)
    assert len(reads) == 1
    (tmp_path / "chroma.sqlite3").write_bytes(b"changed")
    index.vectors()
    assert len(reads) == 2
    index.forget()
    index.vectors()
    assert len(reads) == 3
