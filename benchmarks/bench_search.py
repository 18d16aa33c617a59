"""Hybrid playbook search latency: the first search (builds BM25, loads the model) and
warm searches, with the cost of each part.

Target (issue 16): a warm search stays in the low milliseconds (p50 <= 20 ms, the
issue 3 target for search, of which the query's embedding is most).
Run: .venv/bin/python benchmarks/bench_search.py [--rounds N] [--home DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml
from _util import REPO, machine, median_ms, percentile_ms


def timed(call, samples: list[float]):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = call()
    samples.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--home", type=Path, help="reuse this data dir (ingested if stale)")
    args = parser.parse_args()
    rounds = args.rounds

    from coach.config import Settings
    from coach.offline import prepare
    from coach.playbook import Playbook, section_index

    cases = yaml.safe_load(
        (REPO / "coach" / "evals" / "datasets" / "fresh" / "retrieval.yaml").read_text(
            encoding="utf-8"
        )
    )["cases"]
    queries = [c["query"] for c in cases]

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=args.home or Path(tmp))
        prepare(settings)
        playbook = Playbook(settings)
        start = time.perf_counter()
        playbook.ingest()
        ingest_s = time.perf_counter() - start

        first: list[float] = []
        timed(lambda: playbook.search("how do I answer the salary expectations question"), first)
        index = section_index(settings.playbook_dir)
        entries = len(index.ranker.entries)
        whole, spell, lexical, dense, embed = [], [], [], [], []
        for n in range(rounds):
            for query in queries:
                # A new string each time: the query-embedding cache must not flatter it.
                text = f"{query} {n}"
                timed(lambda t=text: playbook.search(t, k=4), whole)  # type: ignore[misc]
                fixed = timed(lambda t=text: index.speller.correct(t), spell)  # type: ignore[misc]
                timed(lambda t=fixed: index.ranker.lexical.rank(t, 50), lexical)  # type: ignore[misc]
                timed(
                    lambda t=f"{fixed} again": playbook.embeddings.embed_query(t),  # type: ignore[misc]
                    embed,
                )
                timed(lambda t=fixed: playbook._nearest_entries(t, entries), dense)  # type: ignore[misc]

    def line(name: str, samples: list[float]) -> str:
        return f"{name}: p50 {median_ms(samples):.2f} ms, p95 {percentile_ms(samples, 95):.2f} ms"

    print(f"machine: {machine()}")
    print(f"ingest (sections and questions; empty store unless --home): {ingest_s:.1f} s")
    print(f"first search in the process (BM25 built, model loaded): {first[0] * 1000:.0f} ms")
    print(f"warm searches, n={len(whole)} (fresh-split queries, each a new string)")
    print("  " + line("search k=4, whole", whole) + "   [target p50 <= 20 ms]")
    print("  " + line("spelling", spell))
    print("  " + line("BM25 rank", lexical))
    print("  " + line("query embedding (uncached)", embed))
    print("  " + line("dense store query (embedding cached)", dense))


if __name__ == "__main__":
    main()
