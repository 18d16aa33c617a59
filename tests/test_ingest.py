"""Ingest: a persistent store, upserts with stable ids, only changed sections re-embedded.

Bookkeeping, not ranking: a deterministic fake embedder stands in for the model (the
real one is tested where ranking matters: test_search, test_offline, test_chroma_server).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from coach.config import Settings
from coach.playbook import Playbook, load_playbook

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A private copy of the real playbook that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "coach" / "knowledge" / "playbook", target / "playbook")
    return target


def test_full_then_unchanged_ingest(
    home: Path, knowledge: Path, fake_embeddings: Embeddings
) -> None:
    settings = Settings(knowledge_dir=knowledge)
    total = len(load_playbook(settings.playbook_dir).entries)  # sections and their questions
    first = Playbook(settings, fake_embeddings).ingest()
    assert (first.added, first.updated, first.removed) == (total, 0, 0)
    # A new process (new Playbook, same data dir) sees the persisted store.
    again = Playbook(settings, fake_embeddings).ingest()
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, total, 0)
    assert not again.changed
    assert Playbook(settings, fake_embeddings).count() == total


def test_editing_one_section_reembeds_only_it(
    home: Path, knowledge: Path, fake_embeddings: Embeddings
) -> None:
    settings = Settings(knowledge_dir=knowledge)
    Playbook(settings, fake_embeddings).ingest()
    path = knowledge / "playbook" / "timing.md"
    text = path.read_text(encoding="utf-8")
    marker = "\n## "
    head, sep, rest = text.partition(marker)
    path.write_text(
        head + sep + rest.replace("\n", "\nA new sentence about timing.\n", 1), encoding="utf-8"
    )

    seen: list[str] = []

    def progress(chunks):  # type: ignore[no-untyped-def]
        chunks = list(chunks)
        seen.extend(c.id for c in chunks)
        return chunks

    report = Playbook(settings, fake_embeddings).ingest(progress=progress)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert len(seen) == 1 and seen[0].startswith("timing#")


def test_deleted_file_is_removed_from_the_store(
    home: Path, knowledge: Path, fake_embeddings: Embeddings
) -> None:
    settings = Settings(knowledge_dir=knowledge)
    Playbook(settings, fake_embeddings).ingest()
    gone = len([e for e in load_playbook(settings.playbook_dir).entries if e.doc_id == "walk-away"])
    (knowledge / "playbook" / "walk-away.md").unlink()
    report = Playbook(settings, fake_embeddings).ingest()
    assert report.removed == gone
    hits = Playbook(settings, fake_embeddings).search("walk-away number", k=20)
    assert all(h.doc_id != "walk-away" for h in hits)


def test_the_store_embeds_with_the_model_it_is_given(
    home: Path, knowledge: Path, fake_embeddings: Embeddings
) -> None:
    settings = Settings(knowledge_dir=knowledge)
    playbook = Playbook(settings, fake_embeddings)
    playbook.ingest()
    stored = playbook.store.get(include=["embeddings"])["embeddings"]
    sizes = {len(vector) for vector in stored}
    assert sizes == {len(fake_embeddings.embed_query("x"))}
    assert sizes != {384}  # the local model's size: it was not used
