"""coach.shared_pass: concurrent requests share one pass; a lone request runs at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from coach.shared_pass import SharedPass


class Gate:
    """A pass function that records its calls and can hold the first one open."""

    def __init__(self, hold_first: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()

    def __call__(self, keys: list[str]) -> list[str]:
        self.calls.append(list(keys))
        self.started.set()
        self.release.wait(10)
        return [k.upper() for k in keys]


def _until_queued(shared: SharedPass[str], keys: int) -> None:
    """Wait until this many keys are queued behind the running pass."""
    while len(shared._waiting) < keys:
        threading.Event().wait(0.01)


def test_a_lone_request_runs_at_once_in_a_pass_of_its_own() -> None:
    gate = Gate()
    shared = SharedPass(gate)
    assert shared.get("a") == "A"
    assert shared.get("b") == "B"
    assert gate.calls == [["a"], ["b"]] and shared.passes == 2


def test_requests_that_come_while_a_pass_runs_share_the_next_one() -> None:
    gate = Gate(hold_first=True)
    shared = SharedPass(gate)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(shared.get, "first")
        assert gate.started.wait(10)
        later = [pool.submit(shared.get, k) for k in ["x", "y", "z", "x"]]
        _until_queued(shared, 3)
        gate.release.set()
        assert first.result(10) == "FIRST"
        assert [f.result(10) for f in later] == ["X", "Y", "Z", "X"]
    # The first pass was "first" alone; the later four were one pass, "x" asked once.
    assert gate.calls[0] == ["first"]
    assert sorted(gate.calls[1]) == ["x", "y", "z"] and len(gate.calls) == 2


def test_a_failed_pass_reaches_each_of_its_callers_and_the_next_pass_runs() -> None:
    def broken(keys: list[str]) -> list[str]:
        if "bad" in keys:
            raise ValueError("the model failed")
        return keys

    shared = SharedPass(broken)
    with pytest.raises(ValueError, match="the model failed"):
        shared.get("bad")
    assert shared.get("fine") == "fine"


def test_a_pass_that_gives_the_wrong_number_of_results_is_an_error() -> None:
    shared: SharedPass[str] = SharedPass(lambda keys: [])
    with pytest.raises(RuntimeError, match="0 results for 1 keys"):
        shared.get("a")


def test_a_key_asked_while_its_pass_runs_is_not_run_again() -> None:
    gate = Gate(hold_first=True)
    shared = SharedPass(gate)
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(shared.get, "same")
        assert gate.started.wait(10)
        again = pool.submit(shared.get, "same")  # asked while "same" is being run
        gate.release.set()
        assert first.result(10) == again.result(10) == "SAME"
    assert gate.calls == [["same"]]


def test_a_pass_takes_at_most_so_many_keys_and_the_rest_go_next() -> None:
    gate = Gate(hold_first=True)
    shared = SharedPass(gate, most=2)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(shared.get, "first")
        assert gate.started.wait(10)
        later = [pool.submit(shared.get, k) for k in ["a", "b", "c"]]
        _until_queued(shared, 3)
        gate.release.set()
        assert first.result(10) == "FIRST"
        assert [f.result(10) for f in later] == ["A", "B", "C"]
    assert all(len(call) <= 2 for call in gate.calls)
    assert sorted(k for call in gate.calls[1:] for k in call) == ["a", "b", "c"]
    with pytest.raises(ValueError, match="at least one key"):
        SharedPass(gate, most=0)
