"""Reading an offer: warm latency of ``read_offer`` on the fresh corpus (prints; asserts nothing).

Target (issue 15): reading an offer p50 <= 5 ms.
Run: .venv/bin/python benchmarks/bench_offer_reading.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import time

import yaml
from _util import REPO, machine, median_ms, percentile_ms

CORPUS = REPO / "tests" / "corpora" / "fresh" / "offers.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from coach.errors import InputError
    from coach.offers.parse import read_offer

    texts = [case["text"] for case in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))]
    for text in texts:  # warm up: vocabulary, place and role indexes built once
        with contextlib.suppress(InputError):
            read_offer(text)
    samples = []
    for _ in range(args.rounds):
        for text in texts:
            start = time.perf_counter()
            with contextlib.suppress(InputError):  # a refusal is a reading too: timed
                read_offer(text)
            samples.append(time.perf_counter() - start)
    longest = max(texts, key=len)
    long_samples = []
    for _ in range(args.rounds * 5):
        start = time.perf_counter()
        read_offer(longest)
        long_samples.append(time.perf_counter() - start)
    print(f"machine: {machine()}")
    print(
        f"read_offer warm over {len(texts)} corpus texts x {args.rounds}: "
        f"p50 {median_ms(samples):.2f} ms, p95 {percentile_ms(samples, 95):.2f} ms "
        "(target p50 <= 5 ms)"
    )
    print(f"longest text ({len(longest)} chars, a letter): p50 {median_ms(long_samples):.2f} ms")


if __name__ == "__main__":
    main()
