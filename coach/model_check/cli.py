"""`coach check-model`: is the configured model fit to coach with, and with which settings.

Exit code 0 when the model can be used (whatever the tool mode), 1 when it can't (the
verdict says why), 2 for a setting that is wrong or missing.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli_errors import plain_errors
from coach.config import load_settings
from coach.errors import InputError

MAX_DEADLINE_S = 59.0


def register(app: typer.Typer) -> None:
    app.command("check-model")(check_model_command)


@plain_errors
def check_model_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    deadline: Annotated[
        float, typer.Option(help="Seconds the whole check may take (at most 59).")
    ] = 50.0,
) -> None:
    """Check the configured model: reachable, chat, streaming, tool calls, speed; then the
    verdict and the settings to use."""
    if not 1 <= deadline <= MAX_DEADLINE_S:
        raise InputError(f"--deadline must be between 1 and {MAX_DEADLINE_S:g} seconds.")
    settings = load_settings()
    # Lazy: httpx and the tools' schemas load only for this command.
    from coach.model_check import cache
    from coach.model_check.check import PROBE_TIMEOUT_S, check_model
    from coach.model_check.render import report

    if not as_json:
        typer.secho(f"Checking the model (within {deadline:g} s)…", dim=True, err=True)
    result = check_model(settings, deadline=deadline, probe_timeout=min(PROBE_TIMEOUT_S, deadline))
    cache.save(settings, result)
    typer.echo(result.model_dump_json(indent=2) if as_json else report(result))
    if not result.usable:
        raise typer.Exit(code=1)
