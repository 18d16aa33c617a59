"""The CLI's error contract: a CoachError is one sentence on stderr and exit code 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from coach.errors import CoachError

F = TypeVar("F", bound=Callable[..., Any])


def plain_errors(func: F) -> F:
    """Show a CoachError as its one sentence on stderr (exit 2), never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CoachError as err:
            typer.echo(f"Error: {err.message}", err=True)
            raise typer.Exit(code=2) from None

    return wrapper  # type: ignore[return-value]
