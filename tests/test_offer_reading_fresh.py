"""The offer reader on offers written from the user's side (the fresh split, issue 15).

Every case must be read exactly or asked about: a figure stated as read that is not what
the text says (a *silent misread*) fails its case. Exactness by category is held at the
level measured when the reader was written, so a regression shows; the corpus itself is
never edited to match the code (tests/corpora/fresh/README.md).
"""

from __future__ import annotations

import pytest

from tests.offer_corpus import HOLDOUT, UNSEEN, judge, load_cases

CASES = load_cases()
# Two later blind corpora (tests/corpora/fresh/README.md says how each was used).
LATER_CASES = load_cases(HOLDOUT) + load_cases(UNSEEN)
# Exact (every field right, nothing asked that was stated) by category, as measured on
# 2026-12-01; anything lower is a regression. Cases not exact are asked, never misread.
EXACT_AT_LEAST = 0.95  # 108 of 112 on 2026-12-01; the other 4 ask


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_silent_misread(case: dict) -> None:
    verdict = judge(case)
    assert not verdict.silent, verdict.silent
    # A wrong figure shown as a guess is still wrong: none are allowed either.
    assert not verdict.flagged, verdict.flagged


@pytest.mark.parametrize("case", LATER_CASES, ids=[c["id"] for c in LATER_CASES])
def test_no_silent_misread_on_the_later_corpora(case: dict) -> None:
    """Two more blind corpora, written after the reader: fewer of their cases are exact
    (36 of 70 and 10 of 40), but none may be misread, and no figure left out of a total."""
    verdict = judge(case)
    assert not verdict.silent, verdict.silent
    assert not verdict.flagged, verdict.flagged


def test_most_cases_are_read_exactly() -> None:
    verdicts = [judge(case) for case in CASES]
    exact = sum(v.exact for v in verdicts) / len(verdicts)
    assert exact >= EXACT_AT_LEAST, f"{exact:.0%} exact"
    # Every case is exact or asks about what it can't read: none leaves a field out
    # without a word.
    assert [v.case for v in verdicts if not v.passed] == []


def test_the_corpus_has_what_the_issue_asks_for() -> None:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case["category"]] = counts.get(case["category"], 0) + 1
    assert len(CASES) >= 80
    assert counts["shares_x_price"] >= 15 and counts["percent_of_company"] >= 10
    assert counts["non_us"] >= 10 and counts["letter_email"] >= 10
    assert counts["tradeoff_question"] >= 10
