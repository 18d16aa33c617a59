"""Market tables: load time and warm lookup latency (prints figures; asserts nothing).

Targets (salary lookup issue): table load <= 300 ms; lookup p50 <= 2 ms warm.
Issue 15: the person's estimate (estimate_for: the lookup plus the place ratio) p50 <= 2 ms.
Run: .venv/bin/python benchmarks/bench_market.py [--runs N] [--lookups N]
"""

from __future__ import annotations

import argparse
import subprocess
import time

from _util import REPO, machine, median_ms, percentile_ms, python

QUERIES = [
    {"role": "senior ML engineer", "location": "Seattle", "skills": "rag,fine-tuning"},
    {"role": "data scientist", "location": "Austin"},
    {"role": "MLE", "level": "L5", "year": 2025},
    {"role": "software engineer", "location": "SF", "domain": "fintech"},
    {"role": "AI engineer", "level": "senior", "location": "remote", "employer_type": "ai lab"},
    {"role": "product manager", "level": "staff", "location": "Germany"},
    {"role": "machine lerning engineer", "location": "seatle"},  # the fuzzy path
    {"role": "research scientist", "level": "entry", "location": "Canada", "year": 2024},
    {"role": "ML engineer", "level": "senior", "location": "Raleigh"},  # the ratio applied
    {"role": "software engineer", "level": "senior", "location": "Sao Paulo, Brazil"},
]


def cold_import_and_load_ms() -> float:
    """A fresh interpreter: import coach.market, load the tables, one lookup."""
    code = (
        "import time; t = time.perf_counter(); "
        "from coach.market import lookup; lookup('data scientist', location='Austin'); "
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([python(), "-c", code], cwd=REPO, capture_output=True, text=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()

    from coach.market import load_tables, lookup
    from coach.market.normalize import place_index, role_index
    from coach.market.tables import clear_cache

    loads, indexes = [], []
    for _ in range(args.runs):
        clear_cache()
        start = time.perf_counter()
        tables = load_tables()
        loads.append(time.perf_counter() - start)
        role_index.cache_clear()
        place_index.cache_clear()
        start = time.perf_counter()
        role_index(tables), place_index(tables)
        indexes.append(time.perf_counter() - start)

    for query in QUERIES:  # warm up: every code path once
        lookup(**query)  # type: ignore[arg-type]
    samples = []
    for i in range(args.lookups):
        query = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        lookup(**query)  # type: ignore[arg-type]
        samples.append(time.perf_counter() - start)

    print(f"machine: {machine()}")
    print(
        f"table load (parse + index of 6 CSVs): p50 {median_ms(loads):.1f} ms "
        f"over {args.runs} runs (target <= 300 ms)"
    )
    print(f"name indexes (roles, places), built once: p50 {median_ms(indexes):.1f} ms")
    print(
        f"cold start in a fresh process (import + load + first lookup): "
        f"{cold_import_and_load_ms():.0f} ms"
    )
    print(
        f"lookup warm: p50 {median_ms(samples):.3f} ms, p95 {percentile_ms(samples, 95):.3f} ms "
        f"over {args.lookups} lookups of {len(QUERIES)} queries (target p50 <= 2 ms)"
    )
    estimates = time_estimates(args.lookups)
    print(
        f"estimate_for warm: p50 {median_ms(estimates):.3f} ms, "
        f"p95 {percentile_ms(estimates, 95):.3f} ms over {args.lookups} estimates of "
        f"{len(QUERIES)} queries (target p50 <= 2 ms)"
    )


def time_estimates(count: int) -> list[float]:
    """The person's estimate (lookup + place ratio + premiums), warm, same queries."""
    from coach.market.estimate import estimate_for

    for query in QUERIES:
        estimate_for(**query)  # type: ignore[arg-type]
    samples = []
    for i in range(count):
        query = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        estimate_for(**query)  # type: ignore[arg-type]
        samples.append(time.perf_counter() - start)
    return samples


if __name__ == "__main__":
    main()
