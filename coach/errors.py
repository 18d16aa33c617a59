"""Errors that carry one plain sentence for the user.

Every failure a user can cause or meet (bad input, a missing store, a dead server)
is raised as a CoachError whose ``message`` is safe to show as-is: what went
wrong and what to do. The UI and the CLI show that sentence and nothing else.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class: ``str(err)`` is the sentence shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(CoachError):
    """The user's input cannot be used (empty query, value out of range, unknown name)."""


class StoreMissingError(CoachError):
    """The knowledge store has not been built yet."""


class StoreUnavailableError(CoachError):
    """The vector store (e.g. a Chroma server) cannot be reached."""


class DataError(CoachError):
    """Shipped data (playbook or market tables) is missing or malformed."""
