"""Gradio's state for a new browser session, without a config for every component.

On the first event of each session (a page load, or a client's first question), Gradio
6 builds a ``SessionState`` whose ``config_values`` holds the config of every component
of the page, computed there and then (``Block.get_config`` calls ``inspect.signature`` on
each component's class). Our four tabs have 216 blocks: 30 ms of CPU a session, on the
server's event loop, so nothing else is served meanwhile; 20 sessions arriving at once
queued 0.6 s behind it (a bare chat of 4 blocks: ~1 ms). Those configs are read only
to save a "deep link" (``/gradio_api/deep_link``, which this app never offers) and
are updated by events as they run.

``LazySessionState`` computes a component's config the first time it is needed: when an
event updates it, or when all are read for a deep link, in the order Gradio keeps them.
What any reader gets is what Gradio's eager build gives (``tests/test_gradio_sessions.py``
checks both side by side on the app's page). Installed only over the ``SessionState``
this was written against; any other Gradio keeps its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from copy import copy
from typing import TYPE_CHECKING, Any

import gradio.state_holder as holder

if TYPE_CHECKING:
    from gradio.blocks import Blocks

# A config not computed yet: the key is in place, so the configs keep Gradio's order.
_PENDING: dict[str, Any] = {}
_GRADIO_STATE = holder.SessionState


class LazySessionState(_GRADIO_STATE):
    def __init__(self, blocks: Blocks) -> None:  # Gradio's, with the configs deferred
        self.blocks_config = copy(blocks.default_config)
        self.config_values = {k: _PENDING for k in self.blocks_config.blocks if k in blocks.blocks}
        self.state_data: dict[int, Any] = {}
        self._state_ttl = {}
        self.is_closed = False
        self.STATE_TTL_WHEN_CLOSED = 1 if os.getenv("GRADIO_IS_E2E_TEST", None) else 3600

    def _computed(self, key: int) -> None:
        if self.config_values.get(key) is _PENDING:
            block = self.blocks_config.blocks[key]
            self.config_values[key] = self.blocks_config.config_for_block(key, [], block)

    def _update_value_in_config(self, key: int, value: Any) -> None:
        self._computed(key)
        super()._update_value_in_config(key, value)

    @property
    def components(self) -> Iterator[dict[str, Any]]:
        for key in list(self.config_values):
            self._computed(key)
        return super().components


def _is_gradios_own() -> bool:
    """The SessionState this was written against: the same attributes and methods."""
    expected = {"__init__", "_update_value_in_config", "_update_config", "components"}
    return holder.SessionState is _GRADIO_STATE and expected <= set(vars(_GRADIO_STATE))


def install() -> bool:
    """Serve new sessions with ``LazySessionState``; True when it is in place."""
    if holder.SessionState is LazySessionState:
        return True
    if not _is_gradios_own():
        return False
    holder.SessionState = LazySessionState  # type: ignore[misc]
    return True
