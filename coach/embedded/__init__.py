"""The embedded backend: the offline coach, a deterministic chat model of our own.

``EmbeddedChatModel`` (a LangChain chat model, for the agent graph) loads on first use:
importing the offline coach's parts (brain, composers) must not import LangChain's
runnables, which only the graph needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.embedded.model import EmbeddedChatModel

__all__ = ["EmbeddedChatModel"]


def __getattr__(name: str) -> Any:
    if name == "EmbeddedChatModel":
        from coach.embedded.model import EmbeddedChatModel

        return EmbeddedChatModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
