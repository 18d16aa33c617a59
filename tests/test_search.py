"""Search on the real embedding model: the passage a user needs comes first."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.errors import InputError, StoreMissingError
from coach.playbook import MAX_K, Playbook


@pytest.mark.parametrize(
    ("query", "doc_id", "section_words"),
    [
        ("they said this is the top of our range", "objections", "top of our range"),
        ("should I tell them my current salary", "anchoring", None),
        ("what can I negotiate besides base salary?", "total-package", None),
        (
            "the recruiter says AI makes everyone more productive so raises are smaller",
            "reframing-productivity",
            None,
        ),
        ("how do I decide my walk-away number", "walk-away", None),
        ("they gave me 48 hours to accept the offer", "exploding-offers", None),
    ],
)
def test_the_right_section_ranks_first(
    playbook: Playbook, query: str, doc_id: str, section_words: str | None
) -> None:
    top = playbook.search(query, k=3)[0]
    assert top.doc_id == doc_id, [(h.citation, h.score) for h in playbook.search(query, k=3)]
    if section_words:
        assert section_words in top.section.lower()


def test_hits_are_ranked_and_cited(playbook: Playbook) -> None:
    hits = playbook.search("sign-on bonus clawback", k=5)
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        assert hit.text and hit.section and hit.sources
        assert hit.citation == f"{hit.doc_id} § {hit.section}"


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_is_refused(playbook: Playbook, query: str) -> None:
    with pytest.raises(InputError, match="type a question"):
        playbook.search(query)


@pytest.mark.parametrize("k", [0, -1, MAX_K + 1])
def test_k_out_of_range_is_refused(playbook: Playbook, k: int) -> None:
    with pytest.raises(InputError, match=f"between 1 and {MAX_K}"):
        playbook.search("equity", k=k)


def test_missing_store_says_to_ingest(settings: Settings) -> None:
    with pytest.raises(StoreMissingError, match="coach ingest"):
        Playbook(settings).search("equity")
