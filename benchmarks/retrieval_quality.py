"""Retrieval quality on both splits: hit@3, recall@3, recall@5 and MRR over sections.

The authored labelled queries (coach/evals/datasets/retrieval.yaml) and the fresh
paraphrases written blind (coach/evals/datasets/fresh/retrieval.yaml) are read as plain YAML,
so the fresh cases' ``fresh_of`` keys need no stripping. Ranks are over distinct
sections (the unit a citation names), top 10, as the eval suite counts them; recall@5
is computed here because the suite's pass/fail is on k = 3.

Goals (issue 16, item 4), on each split: hit@3 >= 95%, recall@5 >= 0.9, MRR >= 0.85.
Run: .venv/bin/python benchmarks/retrieval_quality.py [--home DIR] [--misses]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from statistics import mean

import yaml
from _util import REPO, machine

SPLITS = {
    "authored": REPO / "coach" / "evals" / "datasets" / "retrieval.yaml",
    "fresh": REPO / "coach" / "evals" / "datasets" / "fresh" / "retrieval.yaml",
}
RANKED = 10


def _norm(citation: str) -> str:
    return citation.strip().lower()


def measure(playbook, path: Path, show_misses: bool) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from coach.playbook import MAX_K

    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    hit3, rec3, rec5, rr = [], [], [], []
    for case in cases:
        hits = playbook.search(case["query"], k=MAX_K)
        ranked = [_norm(c) for c in dict.fromkeys(h.citation for h in hits)][:RANKED]
        wanted = {_norm(r) for r in case["relevant"]}
        k = case.get("k", 3)
        hit3.append(bool(wanted & set(ranked[:k])))
        rec3.append(len(wanted & set(ranked[:3])) / len(wanted))
        rec5.append(len(wanted & set(ranked[:5])) / len(wanted))
        rank = next((i for i, c in enumerate(ranked, start=1) if c in wanted), None)
        rr.append(1 / rank if rank else 0.0)
        if show_misses and (not hit3[-1] or rec5[-1] < 1):
            print(f"  {case['id']}: {case['query']!r} first relevant at {rank}")
            print(f"    wanted: {sorted(wanted)}")
            print(f"    got:    {ranked[:5]}")
    return {
        "cases": len(cases),
        "hit@3": mean(hit3),
        "hits": sum(hit3),
        "recall@3": mean(rec3),
        "recall@5": mean(rec5),
        "mrr": mean(rr),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, help="reuse this data dir (ingested if stale)")
    parser.add_argument("--misses", action="store_true", help="print the cases that miss")
    args = parser.parse_args()

    from coach.config import Settings
    from coach.offline import prepare
    from coach.playbook import Playbook

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=args.home or Path(tmp))
        prepare(settings)
        playbook = Playbook(settings)
        playbook.ingest()
        print(f"machine: {machine()}")
        for name, path in SPLITS.items():
            if args.misses:
                print(f"{name} misses (not in top 3, or not all relevant in top 5):")
            got = measure(playbook, path, args.misses)
            print(
                f"{name:9} n={got['cases']:3}  hit@3 {got['hits']}/{got['cases']} "
                f"({got['hit@3']:.1%})  recall@3 {got['recall@3']:.3f}  "
                f"recall@5 {got['recall@5']:.3f}  MRR {got['mrr']:.3f}   "
                "[goal: hit@3 >= 95%, recall@5 >= 0.9, MRR >= 0.85]"
            )


if __name__ == "__main__":
    main()
