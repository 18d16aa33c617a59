"""coach.recheck: a value read from the files at most once a second."""

from __future__ import annotations

import pytest

from coach import recheck
from coach.recheck import RECHECK_S, Recheck


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(recheck, "time", fake)
    return fake


def test_read_once_then_again_when_a_second_old(clock: Clock) -> None:
    values = iter(range(10))
    watched = Recheck(lambda: next(values))
    assert [watched.get() for _ in range(3)] == [0, 0, 0]
    clock.now += RECHECK_S * 0.99
    assert watched.get() == 0
    clock.now += RECHECK_S * 0.02
    assert watched.get() == 1


def test_put_and_expire(clock: Clock) -> None:
    values = iter(range(10))
    watched = Recheck(lambda: next(values))
    assert watched.get() == 0
    watched.put(42)  # the caller has just read it: kept for a second from now
    assert watched.get() == 42
    watched.expire()  # this process changed the files: read at the next get
    assert watched.get() == 1
