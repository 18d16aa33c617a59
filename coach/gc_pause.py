"""Cyclic garbage collection paused while a short-lived command loads and answers.

Loading LangChain, LangGraph, Chroma and the market tables allocates a few hundred
thousand objects that all stay alive. CPython's cyclic collector runs every ~700 net
allocations and, as the heap grows, walks all of them again and again: measured on a
`coach ask` (Python 3.11), ~0.35 s of a small-talk turn and ~0.55 s of a retrieving one
went to collections that found next to nothing. Reference counting still frees almost
everything while the collector rests; only reference cycles wait until it runs again.

Objects allocated while the collector rests all wait in its youngest generation: on
resuming, the next allocation would make it walk every one of them (~0.1 s, found on the
answer's print). So the block's survivors are frozen first (``gc.freeze``: moved to the
permanent generation that collections skip), the documented way to set aside a
process's long-lived start-up objects. That also spares the full collection the
interpreter runs as it exits: it had cost 0.45-0.6 s of CPU after a `coach ask` answer
was printed, walking a heap that was about to be dropped anyway.

For one command in its own process (the CLI), not for a server: a long-running
process must keep collecting what a turn leaves behind.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block; after it, what it allocated is frozen and
    the collector's state (on or off) is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
