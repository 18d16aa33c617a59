"""`coach ...`: the same functions as the UI, with --json where output is data."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from coach.cli_errors import plain_errors
from coach.config import Settings, load_settings
from coach.evals.cli import register as register_evals
from coach.evidence.cli import register as register_evidence
from coach.gc_pause import gc_paused
from coach.market.cli import register as register_salary
from coach.model_check.cli import register as register_check_model
from coach.offers.cli import register as register_offers
from coach.offline import prepare
from coach.plan.cli import register as register_plan
from coach.roleplay.cli import register as register_roleplay

app = typer.Typer(
    help="coach: a local-first salary negotiation coach.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain Click messages: a usage error ends in one "Error: ..." line, not a drawn box.
    rich_markup_mode=None,
)


def settings() -> Settings:
    """Settings for a command: read now, with the offline switches applied."""
    current = load_settings()
    prepare(current)
    return current


@app.command()
@plain_errors
def ingest(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only what changed.")] = False,
) -> None:
    """Build or refresh the playbook store; re-embeds only sections that changed."""
    current = settings()  # first: its offline switches must precede numpy's import
    from rich.progress import track

    from coach.playbook import Playbook  # lazy: the vector store loads only when used

    playbook = Playbook(current)

    def progress(chunks: Any) -> Any:
        chunks = list(chunks)
        if quiet or not chunks:
            return chunks
        return track(chunks, description="Embedding playbook sections", transient=True)

    report = playbook.ingest(progress=progress)
    for cid in report.quarantined:
        typer.echo(
            f"Warning: section {cid} reads like instructions to a model; not ingested.", err=True
        )
    if report.changed or not quiet:
        typer.echo(
            f"Playbook store: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} removed."
        )


@app.command()
@plain_errors
def search(
    query: Annotated[str, typer.Argument(help="What to look for in the playbook.")],
    k: Annotated[int, typer.Option("-k", help="How many passages to return.")] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search the playbook: ranked passages with their section and score (ids in --json)."""
    current = settings()  # first: its offline switches must precede numpy's import
    from coach.citations import reader_title
    from coach.playbook import Playbook  # lazy: the vector store loads only when used

    hits = Playbook(current).search(query, k=k)
    if as_json:
        typer.echo(json.dumps([h.model_dump() for h in hits], indent=2))
        return
    for hit in hits:
        typer.secho(f"{hit.rank}. [{reader_title(hit.citation)}] score {hit.score:.3f}", bold=True)
        typer.echo(hit.text.strip() + "\n")


@app.command()
@plain_errors
def ask(
    question: Annotated[str, typer.Argument(help="Your question, or an offer to judge.")],
    thread: Annotated[str, typer.Option(help="Conversation id: reuse it for follow-ups.")] = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="Print the cited playbook passages in full.")
    ] = False,
) -> None:
    """Ask the coach: the answer, its tool calls, citations and token counts."""
    # Settings first: prepare() sets OPENBLAS_NUM_THREADS, which numpy reads once, at its
    # import (by coach.session). Read after, numpy's BLAS threads spin beside MiniLM's own
    # and a turn took 2-3 s more CPU.
    current = settings()
    # One turn, then the process ends: the cyclic collector would only re-walk the
    # libraries' objects as they load and once more at exit (~0.8-1 s; see coach.gc_pause).
    with gc_paused():
        from coach.session import CoachSession  # lazy: LangChain loads only for `ask`

        turn = CoachSession(current).ask(thread, question)
    if as_json:
        typer.echo(json.dumps(turn.to_dict(), indent=2, default=str))
        return
    from coach import citations as cite
    from coach.ui.tool_steps import step_title

    # In words, as the app shows them: the tools' names and arguments are in --json.
    typer.echo(cite.for_reader(turn.text))
    typer.secho(f"\n— answered by: {turn.backend}", dim=True)
    for step in turn.tool_steps:
        typer.secho(f"— {step_title(step)[:200]}", dim=True)
    if turn.citations:
        titles = "; ".join(cite.reader_title(c) for c in turn.citations)
        typer.secho("— citations: " + titles, dim=True)
    typer.secho(
        f"— tokens: prompt {turn.prompt_tokens:,}, completion {turn.completion_tokens:,}", dim=True
    )
    if sources:
        _print_sources(turn.tool_steps)


def _print_sources(steps: list[Any]) -> None:
    """The playbook passages the turn searched, in full: the answer cites, never pastes."""
    from coach.citations import reader_title
    from coach.contracts import PlaybookPassages
    from coach.sources import source_name

    passages = [
        p for s in steps if isinstance(s.result, PlaybookPassages) for p in s.result.passages
    ]
    if not passages:
        typer.echo("\nNo playbook passage was searched for this answer.")
    for passage in passages:
        typer.secho(f"\n[{reader_title(passage.citation)}]", bold=True)
        typer.echo(passage.text.strip())
        if passage.quoted_from:
            typer.echo("Sources: " + "; ".join(source_name(s) for s in passage.quoted_from))


@app.command()
@plain_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
    share: Annotated[
        bool, typer.Option(help="Create a public Gradio link (login required).")
    ] = False,
) -> None:
    """Serve the web app (binds 127.0.0.1:7860 unless told otherwise)."""
    current = settings()  # first: its offline switches must precede numpy's import
    from coach.ui.app import serve as serve_app  # lazy: Gradio loads only for `serve`

    serve_app(current, host=host, port=port, share=share)


def _register_subcommands() -> None:
    """Feature commands live beside their features; each adds itself here."""
    register_salary(app)
    register_offers(app)
    register_plan(app)
    register_roleplay(app)
    register_evidence(app)
    register_evals(app)
    register_check_model(app)


_register_subcommands()


def main() -> None:
    app(prog_name="coach")


if __name__ == "__main__":
    main()  # typer's app() exits the process itself
