"""`coach eval`: run the eval suites, print a summary, write reports, gate on thresholds.

Exit codes: 0 every threshold met; 1 below a threshold (or a significant
regression against ``--compare``), with what failed on stderr; 2 an error (one
sentence on stderr), including a run stopped at ``--max-cost``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from coach.config import Settings, load_settings
from coach.errors import CoachError
from coach.evals.paths import DATASETS_DIR, PRICES_FILE, THRESHOLDS_FILE
from coach.offline import prepare

if TYPE_CHECKING:
    from coach.evals.runner import RunResult

# Listed here, not imported: `coach` registers this command at every start-up, and the
# runner pulls in the agent, agentevals and scipy.
SUITES = ("coach", "retrieval", "roleplay", "practice", "manager", "bias", "gold")
SPLITS = ("authored", "fresh")
ALL = "all"
EMBEDDED = "embedded"
# Beside the pass rate in the summary table: the figures a suite is judged by.
HEADLINES = {"retrieval": (("recall@5", "recall_at_5"), ("MRR", "mrr"))}


def register(app: typer.Typer) -> None:
    """Add `eval` to ``app``."""
    app.command("eval")(eval_command)


def eval_command(
    suite: Annotated[
        list[str] | None,
        typer.Option("--suite", help=f"Run only this suite (repeatable): {', '.join(SUITES)}."),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="authored (cases written beside the code), fresh (blind paraphrases of them) "
            "or all.",
        ),
    ] = ALL,
    backend: Annotated[
        str, typer.Option("--backend", help="embedded (the offline coach, free) or openai.")
    ] = EMBEDDED,
    repeat: Annotated[
        int, typer.Option("--repeat", min=1, help="Run each case N times: pass rate, flaky flag.")
    ] = 1,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the JSON report here.")
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write the HTML report here.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--compare", help="A baseline --json report to pair cases with.")
    ] = None,
    max_cost: Annotated[
        float | None, typer.Option("--max-cost", min=0.0, help="Stop before spending more (USD).")
    ] = None,
    judge: Annotated[
        bool, typer.Option("--judge", help="Also grade with the LLM judge (needs an endpoint).")
    ] = False,
    judge_model: Annotated[
        str | None, typer.Option("--judge-model", help="The judge's model (default COACH_MODEL).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore cached answers.")] = False,
    datasets: Annotated[Path, typer.Option("--datasets", help="Dataset folder.")] = DATASETS_DIR,
    thresholds: Annotated[
        Path, typer.Option("--thresholds", help="Thresholds file.")
    ] = THRESHOLDS_FILE,
    prices: Annotated[
        Path, typer.Option("--prices", help="Price table (USD per 1M tokens).")
    ] = PRICES_FILE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Grade the coach, its tools, retrieval and the recruiter on the eval datasets."""
    from coach.evals.runner import RunOptions, fail_summary, run_eval  # lazy: see SUITES

    if split not in (*SPLITS, ALL):
        choices = ", ".join((*SPLITS, ALL))
        typer.echo(f"Error: Unknown split '{split}'; pick from: {choices}.", err=True)
        raise typer.Exit(code=2)
    options = RunOptions(
        suites=tuple(suite) if suite else SUITES,
        splits=SPLITS if split == ALL else (split,),
        backend=backend,
        repeat=repeat,
        max_cost=max_cost,
        judge=judge,
        judge_model=judge_model,
        use_cache=not no_cache,
        compare_path=baseline,
        datasets_dir=datasets,
        thresholds_path=thresholds,
        prices_path=prices,
        progress=not quiet,
    )
    try:
        result = run_eval(_settings(), options)
        _write(result, json_out, html_out)
    except CoachError as err:
        typer.echo(f"Error: {err.message}", err=True)
        raise typer.Exit(code=2) from None
    _print_summary(result)
    if result.stopped:
        typer.echo(f"Error: {result.stopped} Reports cover the cases that ran.", err=True)
    elif result.exit_code:
        typer.echo("\n".join(fail_summary(result)), err=True)
    raise typer.Exit(code=result.exit_code)


def _settings() -> Settings:
    current = load_settings()
    prepare(current)
    return current


def _write(result: RunResult, json_out: Path | None, html_out: Path | None) -> None:
    report = result.to_dict()
    for path, text in (
        (json_out, lambda: json.dumps(report, indent=1, default=str)),
        (html_out, lambda: _html(report)),
    ):
        if path is None:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text(), encoding="utf-8")
        except OSError as exc:
            raise CoachError(f"Can't write the report to {path}: {exc.strerror}.") from None


def _html(report: dict[str, object]) -> str:
    from coach.evals.html import render_html  # lazy: matplotlib loads only for --html

    return render_html(report)


def _print_summary(result: RunResult) -> None:
    console = Console(highlight=False)
    table = Table(title=f"coach eval — {result.meta['backend']} ({result.meta['model']})")
    columns = ("suite", "split", "cases", "pass rate", "95% CI", "flaky", "metrics")
    for column in columns:
        left = column in ("suite", "split", "metrics")
        table.add_column(column, justify="left" if left else "right")
    from coach.evals.stats import wilson  # lazy: scipy loads only after a run

    for suite in result.suites:
        for split, cases in suite.by_split().items():
            runs = sum(c.n for c in cases)
            passes = sum(c.passes for c in cases)
            low, high = wilson(passes, runs)
            measured = suite.metrics.get(split, {})
            headline = " · ".join(
                f"{label} {value:.3f}"
                for label, key in HEADLINES.get(suite.name, ())
                if (value := measured.get(key)) is not None
            )
            table.add_row(
                suite.name,
                split,
                str(len(cases)),
                f"{100 * passes / runs:.1f}%" if runs else "n/a",
                f"{100 * low:.0f}–{100 * high:.0f}%",
                str(sum(c.flaky for c in cases)),
                headline,
            )
    console.print(table)
    for gate in result.gates:
        mark = "[green]ok[/green]" if gate.ok else "[red]below[/red]"
        console.print(f"  {mark} {gate.describe()}")
    cost = result.cost
    usd = f"${cost['usd']:.4f}" + ("" if cost["usd_exact"] else " (at a ceiling price)")
    console.print(
        f"tokens: {cost['prompt_tokens']:,} prompt + {cost['completion_tokens']:,} completion · "
        f"cost {usd} · cache hits {result.meta['cache']['hits']} · {result.meta['duration_s']} s"
    )
    if result.comparison:
        c = result.comparison
        console.print(
            f"vs baseline: {len(c.regressed)} regressed, {len(c.improved)} improved of {c.paired} "
            f"paired (McNemar p = {c.p_value:.3g})"
        )
    if result.judge:
        kappas = ", ".join(f"{k} {v:.2f}" for k, v in result.judge["kappa"].items())
        console.print(
            f"judge κ on the gold set: {kappas}; counted: {result.judge['counted'] or 'none'}"
        )
