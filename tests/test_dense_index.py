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

from coach import recheck
from coach.config import Settings
from coach.dense_index import DenseIndex, Vectors
from coach.playbook import DENSE_ENTRIES, Playbook
from coach.recheck import RECHECK_S

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


class Clock:
    """coach.recheck's clock, moved by hand: the store's files are checked once a second."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def a_second_later(self) -> None:
        self.now += RECHECK_S


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(recheck, "time", fake)
    return fake


def test_another_ingest_is_seen_within_a_second(
    home: Path, tmp_path: Path, fake_embeddings: Embeddings, clock: Clock
) -> None:
    """A search sees what an ingest by another Playbook (another process) wrote, with
    no restart: the store's file changed, so the vectors are read again once the files
    are next checked (at most a second later)."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "coach" / "knowledge" / "playbook", knowledge / "playbook")
    settings = Settings(knowledge_dir=knowledge)
    Playbook(settings, fake_embeddings).ingest()
    searching = Playbook(settings, fake_embeddings)
    before = {eid for eid, _ in searching._nearest_entries("walk away", 10_000)}
    assert any(eid.startswith("walk-away#") for eid in before)

    (knowledge / "playbook" / "walk-away.md").unlink()
    assert Playbook(settings, fake_embeddings).ingest().removed > 0
    clock.a_second_later()
    after = {eid for eid, _ in searching._nearest_entries("walk away", 10_000)}
    assert after and not any(eid.startswith("walk-away#") for eid in after)


def test_vectors_are_read_once_while_the_store_is_unchanged(tmp_path: Path, clock: Clock) -> None:
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
    index.vectors()  # the files were checked less than a second ago: not yet
    assert len(reads) == 1
    clock.a_second_later()
    index.vectors()
    assert len(reads) == 2
    index.forget()  # this process wrote the store: read at once
    index.vectors()
    assert len(reads) == 3


def _index_over(store: Path, copy: Path, reads: list[int]) -> DenseIndex:
    """An index whose store read is counted: [[1, 0], [0, 1]] under ids a and b."""

    def read() -> tuple[list[str], np.ndarray]:
        reads.append(1)
        return ["a", "b"], np.eye(2, dtype=np.float32)

    return DenseIndex(store, read, snapshot=copy)


def test_a_new_process_takes_the_vectors_from_the_kept_copy(tmp_path: Path) -> None:
    """The copy is what a one-shot `coach ask` reads instead of opening Chroma; the
    ranking from it is the one from the store."""
    (tmp_path / "chroma.sqlite3").write_bytes(b"store")
    copy = tmp_path / "home" / "store-vectors.npz"
    reads: list[int] = []
    first = _index_over(tmp_path, copy, reads).vectors()
    assert reads == [1] and copy.exists()
    later = _index_over(tmp_path, copy, reads).vectors()  # a new process: nothing in memory
    assert reads == [1]
    assert later.ids == first.ids
    assert later.nearest([0.2, 1.0], 2) == first.nearest([0.2, 1.0], 2)


def test_a_changed_store_is_read_again_and_the_copy_rewritten(tmp_path: Path) -> None:
    (tmp_path / "chroma.sqlite3").write_bytes(b"store")
    copy = tmp_path / "store-vectors.npz"
    reads: list[int] = []
    _index_over(tmp_path, copy, reads).vectors()
    (tmp_path / "chroma.sqlite3").write_bytes(b"an ingest wrote here")
    _index_over(tmp_path, copy, reads).vectors()
    assert reads == [1, 1]
    _index_over(tmp_path, copy, reads).vectors()  # the rewritten copy serves the next one
    assert reads == [1, 1]


@pytest.mark.parametrize("damage", [b"", b"not a numpy file", b"PK\x03\x04broken zip"])
def test_a_damaged_copy_is_passed_over_for_the_store(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "chroma.sqlite3").write_bytes(b"store")
    copy = tmp_path / "store-vectors.npz"
    copy.write_bytes(damage)
    reads: list[int] = []
    assert _index_over(tmp_path, copy, reads).vectors().ids == ("a", "b")
    assert reads == [1]
    _index_over(tmp_path, copy, reads).vectors()  # rewritten whole: used next time
    assert reads == [1]


def test_a_store_that_changes_as_it_is_opened_is_read_until_it_holds(tmp_path: Path) -> None:
    """Chroma writes its database file when a process first opens it: the copy is kept
    under the stamp after that write, so the next process (which has not opened the
    store) matches it."""
    store = tmp_path / "chroma.sqlite3"
    store.write_bytes(b"store")
    copy = tmp_path / "store-vectors.npz"
    reads: list[int] = []

    def read() -> tuple[list[str], np.ndarray]:
        if not reads:  # the first open touches the file, as Chroma does
            store.write_bytes(b"store, opened")
        reads.append(1)
        return ["a"], np.ones((1, 2), dtype=np.float32)

    DenseIndex(tmp_path, read, snapshot=copy).vectors()
    assert reads == [1, 1]
    DenseIndex(tmp_path, read, snapshot=copy).vectors()
    assert reads == [1, 1]


def test_a_search_in_a_new_process_needs_no_chroma(ingested_settings: Settings) -> None:
    """After one search has kept the copy, another Playbook (a new process) finds the
    same sections without opening the store; with the copy gone it opens it again."""
    query = "how do I counter a lowball offer"
    first = Playbook(ingested_settings)
    expected = [hit.citation for hit in first.search(query, k=5)]
    assert ingested_settings.store_vectors_path.exists()
    again = Playbook(ingested_settings)
    assert [hit.citation for hit in again.search(query, k=5)] == expected
    assert again._collection is None and again._store is None  # Chroma never opened
    ingested_settings.store_vectors_path.unlink()
    fresh = Playbook(ingested_settings)
    assert [hit.citation for hit in fresh.search(query, k=5)] == expected
    assert fresh._collection is not None


def test_an_edited_playbook_file_is_seen_within_a_second(tmp_path: Path, clock: Clock) -> None:
    from coach.playbook import section_index

    playbook = tmp_path / "playbook"
    shutil.copytree(REPO / "coach" / "knowledge" / "playbook", playbook)
    before = section_index(playbook)
    path = playbook / "walk-away.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## A new section\nIts text.\n")
    assert section_index(playbook) is before  # checked less than a second ago
    clock.a_second_later()
    after = section_index(playbook)
    assert after is not before and after.section("walk-away § A new section") is not None
