"""Chunking by section, stable ids and content hashes."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from coach.errors import DataError
from coach.playbook import MAX_CHUNK_CHARS, chunk_document, load_chunks

REPO = Path(__file__).resolve().parents[1]
PLAYBOOK = REPO / "coach" / "knowledge" / "playbook"

DOC = """---
id: demo
title: Demo document
topics: [alpha, beta]
sources: [seed-ai-pulse-playbook, project-guidance]
---
# Demo document

An overview paragraph.

## First section
Text of the first section.

## Second section
Text of the second section.
"""


def write(tmp_path: Path, text: str, name: str = "demo.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_chunk_per_section_with_headings_as_metadata(tmp_path: Path) -> None:
    chunks = chunk_document(write(tmp_path, DOC))
    assert [c.section for c in chunks] == ["Overview", "First section", "Second section"]
    assert [c.id for c in chunks] == ["demo#overview", "demo#first-section", "demo#second-section"]
    first = chunks[1]
    assert first.text == "Text of the first section."
    assert first.metadata()["title"] == "Demo document"
    assert first.metadata()["sources"] == "seed-ai-pulse-playbook, project-guidance"
    assert first.topics == ("alpha", "beta")


def test_hash_changes_only_for_the_edited_section(tmp_path: Path) -> None:
    before = {c.id: c.content_hash for c in chunk_document(write(tmp_path, DOC))}
    edited = DOC.replace("Text of the second section.", "Edited second section.")
    after = {c.id: c.content_hash for c in chunk_document(write(tmp_path, edited))}
    assert before.keys() == after.keys()
    changed = [cid for cid in before if before[cid] != after[cid]]
    assert changed == ["demo#second-section"]


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    path = write(tmp_path, DOC)
    assert [c.id for c in chunk_document(path)] == [c.id for c in chunk_document(path)]


def test_long_section_is_split_on_paragraphs(tmp_path: Path) -> None:
    para = "word " * 100
    long_doc = DOC.replace("Text of the first section.", "\n\n".join([para] * 8))
    chunks = [c for c in chunk_document(write(tmp_path, long_doc)) if c.section == "First section"]
    assert len(chunks) > 1
    assert all(len(c.text) <= MAX_CHUNK_CHARS for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)


def test_broken_front_matter_is_a_plain_error(tmp_path: Path) -> None:
    path = write(tmp_path, "---\nid: [unclosed\n---\n# T\n\n## S\ntext\n")
    with pytest.raises(DataError, match="front matter"):
        chunk_document(path)


def test_front_matter_list_that_is_not_a_list_is_a_plain_error(tmp_path: Path) -> None:
    # YAML gives any type: a number where a list belongs was a TypeError, not a sentence.
    path = write(tmp_path, "---\nid: demo\ntopics: 5\n---\n# T\n\n## S\ntext\n")
    with pytest.raises(DataError, match="'topics' that is not a list"):
        chunk_document(path)


def test_missing_playbook_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="No playbook files"):
        load_chunks(tmp_path)


# The shipped playbook itself: the format every later feature relies on.
FILES = sorted(PLAYBOOK.glob("*.md"))


def test_playbook_is_present() -> None:
    assert len(FILES) >= 12


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_playbook_file_front_matter(path: Path) -> None:
    post = frontmatter.load(path)
    assert post["id"] == path.stem
    assert post["title"]
    assert post["topics"], "topics help people browse; none given"
    assert post["sources"], "every playbook file names its sources"
    chunks = chunk_document(path)
    assert len(chunks) >= 2
    assert all(len(c.text.split()) >= 20 for c in chunks if c.section != "Overview")


def test_playbook_chunk_ids_are_unique() -> None:
    ids = [c.id for c in load_chunks(PLAYBOOK)]
    assert len(ids) == len(set(ids))


def test_project_guidance_is_marked() -> None:
    """What the seeds leave out is labelled as the project's own guidance."""
    for path in FILES:
        post = frontmatter.load(path)
        if "*The coach's own guidance, beyond the cited articles.*" in post.content:
            assert "project-guidance" in post["sources"], path.name
