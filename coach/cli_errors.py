"""How every `coach` command reports a problem: one sentence on stderr, exit code 2.

Its own module so that each command group (coach.cli, and the offer, salary and
roleplay sub-apps it registers) can import it without importing coach.cli.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from coach.errors import CoachError

P = ParamSpec("P")
R = TypeVar("R")


def plain_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Show a CoachError as its one sentence on stderr (exit 2), never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CoachError as err:
            typer.echo(f"Error: {err.message}", err=True)
            raise typer.Exit(code=2) from None

    return wrapper
