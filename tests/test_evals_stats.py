"""The eval statistics against values worked out by hand or published."""

from __future__ import annotations

import pytest

from coach.evals.stats import cohen_kappa, mcnemar_exact, precision_recall, wilson


def test_wilson_matches_the_textbook_interval() -> None:
    # Newcombe (1998), example: 81 of 263 -> 0.2553 to 0.3662.
    low, high = wilson(81, 263)
    assert low == pytest.approx(0.2553, abs=5e-4)
    assert high == pytest.approx(0.3662, abs=5e-4)


def test_wilson_stays_inside_zero_and_one_at_the_edges() -> None:
    assert wilson(0, 10)[0] == 0.0 and 0.25 < wilson(0, 10)[1] < 0.35
    assert wilson(10, 10)[1] == pytest.approx(1.0) and 0.65 < wilson(10, 10)[0] < 0.75
    assert wilson(0, 0) == (0.0, 1.0)


def test_mcnemar_exact_is_the_two_sided_binomial_on_discordant_pairs() -> None:
    # 8 regressed, 2 improved: 2 * P(X <= 2 | n=10, p=0.5) = 2 * 56/1024.
    assert mcnemar_exact(8, 2) == pytest.approx(112 / 1024)
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(5, 5) == pytest.approx(1.0)
    assert mcnemar_exact(6, 0) == pytest.approx(2 / 64)


def test_cohen_kappa() -> None:
    # Perfect agreement, chance-level agreement, and a worked example.
    assert cohen_kappa(["good", "bad", "good"], ["good", "bad", "good"]) == 1.0
    assert cohen_kappa(["good", "bad"] * 5, ["good"] * 10) == 0.0
    # 20 items: 9 both good, 6 both bad, 3 good/bad, 2 bad/good:
    # po = 15/20, pe = (12/20)(11/20) + (8/20)(9/20) = .51, kappa = .24/.49
    first = ["good"] * 9 + ["bad"] * 6 + ["good"] * 3 + ["bad"] * 2
    second = ["good"] * 9 + ["bad"] * 6 + ["bad"] * 3 + ["good"] * 2
    assert cohen_kappa(first, second) == pytest.approx(0.24 / 0.49)
    assert cohen_kappa(["good"] * 4, ["good"] * 4) == 1.0  # constant and agreeing


def test_precision_and_recall_of_flagging() -> None:
    flagged = [True, True, False, False, True]
    bad = [True, False, False, True, True]
    precision, recall = precision_recall(flagged, bad)
    assert precision == pytest.approx(2 / 3) and recall == pytest.approx(2 / 3)
    assert precision_recall([False, False], [False, False]) == (None, None)
