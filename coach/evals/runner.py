"""The eval runner: load datasets, plan the cost, run the suites, gate on thresholds.

``run_eval(settings, options)`` returns a ``RunResult``; the CLI writes its
reports and turns it into an exit code (0 pass, 1 below thresholds, 2 error).
Paid runs print an estimate before the first call and stop before a call that
would pass ``--max-cost``; the offline coach is free and skips the cache.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.config import EMBEDDED_MODEL, Settings
from coach.errors import CoachError, InputError
from coach.evals.cache import ResponseCache, coach_prompts
from coach.evals.compare import Comparison, compare
from coach.evals.cost import FREE, CostLimitError, CostMeter, Estimate, load_prices
from coach.evals.datasets import (
    SPLITS,
    SUITES,
    Case,
    CoachCase,
    GoldCase,
    RetrievalCase,
    check_refs,
    load_datasets,
    split_of,
)
from coach.evals.judge import Judge
from coach.evals.paths import DATASETS_DIR, PRICES_FILE, THRESHOLDS_FILE
from coach.evals.plan import Plan, announce_cost, plan_run, samples_for
from coach.evals.results import CaseResult, CaseRun, SuiteResult, tag_table
from coach.evals.rubric import load_rubric
from coach.evals.suites import SUITE_RUNNERS
from coach.evals.suites.context import EMBEDDED, OPENAI, EvalContext
from coach.evals.suites.gold import record_for
from coach.evals.thresholds import Gate, Thresholds, evaluate_gates, load_thresholds
from coach.llm import chat_model
from coach.playbook import load_chunks

BACKENDS = (EMBEDDED, OPENAI)
# What a reader of the report should know about suites that do not depend on --backend.
SUITE_NOTES = {
    "retrieval": ("Retrieval uses the local embedding model, whatever the backend.",),
    "roleplay": (
        "The recruiter's decisions are code (coach.roleplay.policy) and its words come from "
        "templates here; --backend does not change them.",
    ),
    "gold": ("Graders on hand-labelled answers: no model is called (unless --judge).",),
}
Announce = Callable[[str], None]


def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass
class RunOptions:
    suites: tuple[str, ...] = SUITES
    splits: tuple[str, ...] = SPLITS
    backend: str = EMBEDDED
    repeat: int = 1
    max_cost: float | None = None
    judge: bool = False
    judge_model: str | None = None
    use_cache: bool = True
    compare_path: Path | None = None
    datasets_dir: Path = DATASETS_DIR
    thresholds_path: Path = THRESHOLDS_FILE
    prices_path: Path = PRICES_FILE
    progress: bool = True
    announce: Announce = _stderr


@dataclass
class RunResult:
    meta: dict[str, Any]
    suites: list[SuiteResult]
    gates: list[Gate]
    cost: dict[str, Any]
    thresholds: Thresholds
    comparison: Comparison | None = None
    judge: dict[str, Any] | None = None
    stopped: str | None = None  # why the run ended early (the --max-cost cap)
    plots: dict[str, Any] = field(default_factory=dict)

    @property
    def failed_gates(self) -> list[Gate]:
        return [g for g in self.gates if not g.ok]

    @property
    def regressed(self) -> bool:
        c = self.comparison
        return bool(
            c
            and self.thresholds.fail_on_regression
            and c.significant_regression(self.thresholds.alpha)
        )

    @property
    def exit_code(self) -> int:
        if self.stopped:
            return 2
        return 1 if self.failed_gates or self.regressed else 0

    def failing_cases(self) -> list[CaseResult]:
        """Failing cases of the coach and recruiter (gold-set disagreements are the graders')."""
        return [c for s in self.suites if s.name != "gold" for c in s.cases if not c.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": 2,  # 2: metrics per split, cases with their split
            "meta": self.meta,
            "exit_code": self.exit_code,
            "stopped": self.stopped,
            "gates": [g.to_dict() for g in self.gates],
            "suites": {s.name: s.to_dict() for s in self.suites},
            "tags": tag_table(self.suites),
            "cost": self.cost,
            "judge": self.judge,
            "compare": self.comparison.to_dict() if self.comparison else None,
        }


# ------------------------------------------------------------------ set-up


def backend_settings(settings: Settings, backend: str) -> tuple[Settings, str]:
    """Settings for the backend under test, and the model name the cache and prices use."""
    if backend == EMBEDDED:
        return settings.model_copy(update={"model": EMBEDDED_MODEL}), EMBEDDED_MODEL
    if backend != OPENAI:
        raise InputError(f"Unknown backend '{backend}'; use one of: {', '.join(BACKENDS)}.")
    if not settings.uses_llm:
        raise InputError(
            "--backend openai needs a model endpoint: set OPENAI_BASE_URL and/or OPENAI_API_KEY "
            "(and COACH_MODEL)."
        )
    return settings, settings.model_name


def _suites(names: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise InputError(f"Unknown suite '{unknown[0]}'; pick from: {', '.join(SUITES)}.")
    return tuple(n for n in SUITES if n in names)  # a stable order for reports


def _splits(names: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [n for n in names if n not in SPLITS]
    if unknown:
        raise InputError(f"Unknown split '{unknown[0]}'; pick from: {', '.join(SPLITS)}.")
    return tuple(n for n in SPLITS if n in names)


def playbook_sections(settings: Settings) -> set[str]:
    return {f"{c.doc_id} § {c.section}" for c in load_chunks(settings.playbook_dir)}


def make_judge(settings: Settings, options: RunOptions, ctx: EvalContext) -> Judge:
    if not settings.uses_llm:
        raise InputError(
            "--judge needs a model endpoint: set OPENAI_BASE_URL and/or OPENAI_API_KEY."
        )
    judged = settings.model_copy(update={"model": options.judge_model or settings.model})
    table = load_prices(options.prices_path)
    price = table.price(judged.model_name)
    call_usd = price.cost(*table.judge_tokens)
    cache = ResponseCache(cache_dir(settings)) if options.use_cache else None
    return Judge(chat_model(judged), judged.model_name, cache, ctx.meter, price, call_usd)


def cache_dir(settings: Settings) -> Path:
    return settings.home / "eval-cache"


# ------------------------------------------------------------------ running


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Callable[[str], None]]:
    if not enabled:
        yield lambda _label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("eval", total=total)
        yield lambda label: bar.update(task, advance=1, description=label)


def _run_suite(
    name: str,
    cases: list[Case],
    ctx: EvalContext,
    samples: int,
    tick: Callable[[str], None],
    into: list[SuiteResult],
) -> None:
    """Run one suite, appending as it goes: a run stopped at --max-cost keeps what ran."""
    runner = SUITE_RUNNERS[name]
    result = SuiteResult(name, notes=list(SUITE_NOTES.get(name, ())))
    into.append(result)
    for case in cases:
        fresh_of = case.fresh_of if isinstance(case, CoachCase | RetrievalCase) else None
        case_result = CaseResult(name, case.id, list(case.tags), split=split_of(case),
                                 fresh_of=fresh_of)  # fmt: skip
        for sample in range(samples):
            run = _run_one(runner.run_case, case, ctx, sample)
            case_result.runs.append(run)
            tick(f"{name}: {case.id}")
        result.cases.append(case_result)


def _run_one(
    run_case: Callable[[Any, Any, int], CaseRun], case: Case, ctx: EvalContext, sample: int
) -> CaseRun:
    """One run; a crash fails this case, not the whole eval. CoachErrors (a missing store,
    the cost cap) are about the run itself and stop it."""
    try:
        return run_case(case, ctx, sample)
    except CoachError:
        raise
    except Exception as exc:
        return CaseRun(error=f"{type(exc).__name__}: {exc}")


def _calibrate(
    ctx: EvalContext, gold: list[Case], min_kappa: float, tick: Callable[[str], None]
) -> None:
    assert ctx.judge is not None
    cases = [c for c in gold if isinstance(c, GoldCase)]
    records = [record_for(c) for c in cases]
    ctx.judge.calibrate(cases, records, min_kappa)
    for case in cases:
        tick(f"judge calibration: {case.id}")


def _context(settings: Settings, options: RunOptions, sections: set[str]) -> EvalContext:
    run_settings, model = backend_settings(settings, options.backend)
    table = load_prices(options.prices_path)
    paid = options.backend != EMBEDDED
    price = table.price(model) if paid else FREE
    ctx = EvalContext(
        settings=run_settings,
        backend=options.backend,
        model=model,
        rubric=load_rubric(),
        sections=sections,
        meter=CostMeter(options.max_cost),
        price=price,
        turn_usd=price.cost(*table.turn_tokens),
        # The offline coach is free and its answers change with its code, not only its
        # prompts: it is never cached.
        cache=ResponseCache(cache_dir(settings)) if paid and options.use_cache else None,
    )
    if options.judge:
        ctx.judge = make_judge(settings, options, ctx)
    return ctx


def _run_all(
    ctx: EvalContext,
    datasets: dict[str, list[Case]],
    gold: list[Case],
    suites: tuple[str, ...],
    options: RunOptions,
    thresholds: Thresholds,
    units: int,
) -> tuple[list[SuiteResult], str | None]:
    results: list[SuiteResult] = []
    with _progress(options.progress, units) as tick:
        try:
            if ctx.judge is not None:
                _calibrate(ctx, gold, thresholds.min_kappa, tick)
            for name in suites:
                if datasets[name]:  # a --datasets folder may lack a suite: nothing to report
                    samples = samples_for(name, options.repeat)
                    _run_suite(name, datasets[name], ctx, samples, tick, into=results)
        except CostLimitError as err:
            return results, err.message
    return results, None


def run_eval(settings: Settings, options: RunOptions) -> RunResult:
    started = time.perf_counter()
    if options.repeat < 1:
        raise InputError("--repeat must be at least 1.")
    suites = _suites(options.suites)
    splits = _splits(options.splits)
    datasets = load_datasets(options.datasets_dir, suites, splits)
    # The judge is calibrated on the whole gold set, whichever suites and split run.
    gold = load_datasets(options.datasets_dir, ("gold",))["gold"] if options.judge else []
    if not any(datasets[s] for s in suites):
        raise InputError(
            f"No {' or '.join(suites)} cases in the {' or '.join(splits)} split "
            f"of {options.datasets_dir}."
        )
    sections = playbook_sections(settings)
    check_refs(datasets | ({"gold": gold} if gold else {}), sections)
    thresholds = load_thresholds(options.thresholds_path, options.backend)
    ctx = _context(settings, options, sections)
    judge_price = ctx.judge.price if ctx.judge else FREE
    plan = plan_run(ctx, datasets, suites, options.repeat, options.judge, len(gold))
    found = announce_cost(
        plan, ctx, judge_price, options.prices_path, options.max_cost, options.announce
    )
    if any(SUITE_RUNNERS[s].uses_coach or s == "retrieval" for s in suites):
        ctx.playbook.ingest()  # a first run builds the store; later runs find it current
    results, stopped = _run_all(ctx, datasets, gold, suites, options, thresholds, plan.units)
    for result in results:
        measure = SUITE_RUNNERS[result.name].metrics
        result.metrics = {split: measure(cases) for split, cases in result.by_split().items()}
    return RunResult(
        meta=_meta(settings, options, ctx, plan, found, started, suites),
        suites=results,
        gates=evaluate_gates(thresholds, results),
        cost=ctx.meter.to_dict()
        | {"estimate_usd": round(found.usd, 6), "estimate_known": found.known},
        thresholds=thresholds,
        comparison=compare(options.compare_path, results) if options.compare_path else None,
        judge=ctx.judge.calibration.to_dict() if ctx.judge and ctx.judge.calibration else None,
        stopped=stopped,
    )


def _meta(
    settings: Settings,
    options: RunOptions,
    ctx: EvalContext,
    plan: Plan,
    found: Estimate,
    started: float,
    suites: tuple[str, ...],
) -> dict[str, Any]:
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - started, 2),
        "backend": options.backend,
        "model": ctx.model,
        "suites": list(suites),
        "splits": [s for s in SPLITS if s in options.splits],
        "repeat": options.repeat,
        "deterministic_suites_run_once": [s for s in suites if SUITE_RUNNERS[s].deterministic],
        "judge": ctx.judge.model if ctx.judge else None,
        "prompts": coach_prompts(),
        "cache": _cache_stats(ctx),
        "planned": {"live_turns": plan.live_turns, "cached_turns": plan.cached_turns},
        "machine": f"{platform.node()} · Python {platform.python_version()}",
        "settings": settings.describe(),
        "datasets": str(options.datasets_dir),
    }


def _cache_stats(ctx: EvalContext) -> dict[str, Any]:
    caches = [c for c in (ctx.cache, ctx.judge.cache if ctx.judge else None) if c is not None]
    return {
        "enabled": bool(caches),
        "hits": sum(c.hits for c in caches),
        "misses": sum(c.misses for c in caches),
    }


def fail_summary(result: RunResult, limit: int = 15) -> list[str]:
    """What failed, for stderr: the gates, then the failing cases with their first reason."""
    lines = [f"Below threshold: {g.describe()}" for g in result.failed_gates]
    if result.regressed and result.comparison:
        c = result.comparison
        lines.append(
            f"Regressed against {c.baseline}: {len(c.regressed)} case(s) "
            f"(McNemar p = {c.p_value:.3g}): {', '.join(c.regressed[:8])}"
        )
    for case in result.failing_cases()[:limit]:
        failure = case.shown_run().failures()
        reason = f"{failure[0].name}: {failure[0].reason}" if failure else "failed"
        lines.append(f"  ✗ {case.suite}/{case.id} ({case.passes}/{case.n}) — {reason[:220]}")
    more = len(result.failing_cases()) - limit
    if more > 0:
        lines.append(f"  … and {more} more failing case(s): see the report.")
    return lines
