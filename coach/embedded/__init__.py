"""The embedded backend: the offline coach, a deterministic chat model of our own."""

from coach.embedded.model import EmbeddedChatModel

__all__ = ["EmbeddedChatModel"]
