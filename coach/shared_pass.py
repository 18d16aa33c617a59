"""Requests that arrive while a pass is running join the next pass, run by one of them.

A short query's embedding costs about as much for one text as for eight: the pass reads
the model's 42 MB of weights from memory whatever the rows. When twenty people ask at
once (the app under load), embedding each alone queues twenty passes on two cores. Here
the first caller runs a pass; callers that come while it runs wait, and when it ends one
of them runs the next pass for all of them. A caller alone runs at once (no waiting for
company), and nobody's result depends on who else was in the pass: the pass function
must give each item the result it would give alone (``MiniLM.encode_queries`` does, bit
for bit).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["SharedPass"]

T = TypeVar("T")


class SharedPass(Generic[T]):
    """``get(key)`` -> ``run([key, ...])[i]``, with concurrent keys run in one call.

    A key asked while it is waiting or being run is run once. A pass takes at most
    ``most`` keys (the pass's memory grows with its rows); the rest wait for the next.
    An exception from ``run`` reaches every caller of that pass.
    """

    def __init__(self, run: Callable[[list[str]], Sequence[T]], most: int = 16) -> None:
        if most < 1:
            raise ValueError("a pass takes at least one key")
        self._run = run
        self._most = most
        self._cond = threading.Condition()
        self._waiting: dict[str, Future[T]] = {}
        self._running: dict[str, Future[T]] = {}
        self._busy = False
        self.passes = 0  # how many calls of ``run`` so far (for benchmarks and tests)

    def get(self, key: str) -> T:
        with self._cond:
            future = self._running.get(key) or self._waiting.get(key)
            if future is None:
                future = self._waiting[key] = Future()
            while self._busy and not future.done():
                self._cond.wait()
            if future.done():
                return future.result()
            # Not done and no pass running: this key waits (a key of a finished pass is
            # done). It goes first, then the others in the order they came.
            self._busy = True
            keys = [key, *(k for k in self._waiting if k != key)][: self._most]
            self._running = {k: self._waiting.pop(k) for k in keys}
        try:
            batch = self._running
            try:
                results = self._run(list(batch))
                if len(results) != len(batch):
                    raise RuntimeError(f"a pass gave {len(results)} results for {len(batch)} keys")
            except BaseException as exc:
                for waiting in batch.values():
                    waiting.set_exception(exc)
            else:
                for waiting, result in zip(batch.values(), results, strict=True):
                    waiting.set_result(result)
        finally:
            with self._cond:
                self.passes += 1
                self._busy = False
                self._running = {}
                self._cond.notify_all()
        return future.result()
