"""`coach salary ...`: the person's market estimate as a readable table or as JSON.

``register(app)`` adds the command to the project's Typer app; the command calls
the same ``estimate_for`` the agent's salary tool calls (the lookup's cell, priced for
the place), and shows the cell's own figures beside the adjusted ones.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from coach.cli_errors import plain_errors
from coach.config import load_settings
from coach.contracts import PERCENTILE_WORDS
from coach.market.estimate import MarketEstimate, estimate_for
from coach.market.tables import PERCENTILES, load_tables


def _money(value: int | None, floor: int | None = None) -> str:
    if value is not None:
        return f"${value:,}"
    return f"≥ ${floor:,}" if floor is not None else "—"


def _pct(low: float, high: float) -> str:
    return f"{low:+g}% to {high:+g}%" if low != high else f"{low:+g}%"


_ACRONYMS = {"ai": "AI", "ml": "ML", "mlops": "MLOps"}


def _title(est: MarketEstimate) -> str:
    role = " ".join(_ACRONYMS.get(w, w) for w in est.role.split())
    level = est.level_label or "all levels"
    return f"{role[0].upper()}{role[1:]} · {level} · {est.location}"


def _cells_table(est: MarketEstimate) -> Table:
    table = Table(title="Market data", title_justify="left", show_lines=False)
    table.add_column("Figures for", overflow="fold", ratio=3)
    for name in PERCENTILES:
        table.add_column(PERCENTILE_WORDS[name], justify="right")
    table.add_column("Salaries / jobs", justify="right")
    for cell in est.cells:
        size = (
            f"{cell.n:,} salaries"
            if cell.n
            else (f"{cell.employment:,} jobs" if cell.employment else "—")
        )
        marker = "★ " if cell.basis == est.basis else ""
        if cell.status != "ok":
            reason = escape(cell.reason or "")
            table.add_row(f"{marker}{escape(cell.basis)}\n[yellow]{reason}[/]", *["—"] * 5, size)
            continue
        figures = [_money(getattr(cell, p), cell.at_least.get(p)) for p in PERCENTILES]
        table.add_row(f"{marker}{escape(cell.basis)}", *figures, size)
    return table


def _headline(console: Console, est: MarketEstimate) -> None:
    console.print(f"[bold]{escape(_title(est))}[/]")
    if not est.known:
        console.print(f"[yellow]Unknown:[/] {escape(est.unknown_reason or '')}")
        return
    mid = f"median {_money(est.p50, est.at_least.get('p50'))}"
    spread = (
        f"middle half {_money(est.p25, est.at_least.get('p25'))} – "
        f"{_money(est.p75, est.at_least.get('p75'))}"
    )
    console.print(f"[green]{mid}[/], {spread}")
    if est.location_ratio is not None:
        published = est.unadjusted.get("p50")
        console.print(f"[dim]national figures, as published: median {_money(published)}[/]")
    console.print(f"[dim]{escape(est.method)}[/]")


def _adjustments_table(est: MarketEstimate) -> Table:
    table = Table(title="Premiums (ranges, not applied to the figures above)", title_justify="left")
    for column in ("What", "Range", "On the median", "Source"):
        table.add_column(column, overflow="fold")
    for adj in est.premiums:
        on_p50 = f"{_money(adj.low)} – {_money(adj.high)}" if adj.low else "—"
        table.add_row(escape(adj.what), _pct(adj.low_pct, adj.high_pct), on_p50, escape(adj.source))
    return table


def _reference_line(ref_what: str, low: int | None, high: int | None, open_ended: bool) -> str:
    if low is None:
        return ref_what
    if high is None:
        return f"{ref_what}: {_money(low)}"
    return f"{ref_what}: {_money(low)} – {_money(high)}{'+' if open_ended else ''}"


def render(est: MarketEstimate, console: Console) -> None:
    """The estimate as rich tables and short lists (what `coach salary` prints)."""
    _headline(console, est)
    console.print(_cells_table(est))
    if est.premiums:
        console.print(_adjustments_table(est))
    sections = {
        "From the seed articles": [
            f"{_reference_line(r.what, r.low, r.high, r.open_ended)} ({r.source.name})"
            for r in est.references
        ],
        "Assumptions": est.assumptions,
        "Notes": est.notes,
        "Sources": [f"{s.name}, {s.release}; {s.licence}; {s.url}" for s in est.sources],
    }
    for heading, lines in sections.items():
        if lines:
            console.print(f"\n[bold]{heading}[/]")
            for line in lines:
                # Notes quote the user's words ("the skill '[/x]'"): text, not markup.
                console.print(f" • {escape(line)}", highlight=False)


def salary(
    role: Annotated[str, typer.Option("--role", help="Role or job title, e.g. 'ML engineer'.")],
    level: Annotated[
        str | None, typer.Option("--level", help="entry, mid, senior, staff; or L5, E5, IC4.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="US metro or state, 'remote', or a country.")
    ] = None,
    skills: Annotated[
        str | None, typer.Option("--skills", help="Comma-separated, e.g. 'rag,fine-tuning'.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", help="e.g. fintech, healthcare, autonomous systems.")
    ] = None,
    employer_type: Annotated[
        str | None, typer.Option("--employer-type", help="e.g. ai lab, big tech.")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="aijobs.net year (default: the latest two pooled).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the estimate as JSON.")] = False,
) -> None:
    """Market pay for a role: percentiles with sample sizes and sources, or 'unknown'."""
    est = estimate_for(
        role,
        level=level,
        location=location,
        domain=domain,
        employer_type=employer_type,
        skills=skills or (),
        year=year,
        tables=load_tables(load_settings()),
    )
    if as_json:
        typer.echo(est.model_dump_json(indent=2))
    else:
        render(est, Console(highlight=False))


def register(app: typer.Typer) -> None:
    """Add `salary` to ``app``."""
    app.command("salary")(plain_errors(salary))
