"""The hypothesis profiles (tests/conftest.py) and how a test's example count follows them."""

from __future__ import annotations

import os

from hypothesis import settings

from tests.conftest import hypothesis_profile
from tests.fuzz import profile


def test_the_profile_is_chosen_by_its_variable_then_by_ci() -> None:
    assert hypothesis_profile({}) == "dev"
    assert hypothesis_profile({"CI": "true"}) == "ci"
    assert hypothesis_profile({"CI": "true", "HYPOTHESIS_PROFILE": "deep"}) == "deep"
    assert hypothesis_profile({"HYPOTHESIS_PROFILE": "ci"}) == "ci"


def test_dev_and_ci_run_the_same_examples_every_time() -> None:
    for name in ("dev", "ci"):
        chosen = settings.get_profile(name)
        assert chosen.derandomize and chosen.database is None and chosen.deadline is None
        assert chosen.max_examples == 100
    assert settings.get_profile("ci").print_blob


def test_a_test_count_is_kept_under_dev_and_scaled_under_deep() -> None:
    loaded = hypothesis_profile(os.environ)
    try:
        settings.load_profile("dev")
        assert profile(150).max_examples == 150
        assert profile(150).derandomize
        settings.load_profile("deep")
        assert profile(150).max_examples == 3000
        assert not profile(150).derandomize and profile(150).database is not None
    finally:
        settings.load_profile(loaded)
