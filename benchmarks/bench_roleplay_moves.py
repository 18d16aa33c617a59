"""The candidate parser: warm latency of ``parse_moves`` (prints; asserts nothing).

Target (issue 17): well under 2 ms a message, since it runs on every practice-call turn.
Texts: the parser table's candidate messages (tests/test_roleplay_moves_table.py) and one
long playbook turn (evidence, market, three components, time and writing in one message).
Run: .venv/bin/python benchmarks/bench_roleplay_moves.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sys
import time

from _util import REPO, machine, median_ms, percentile_ms

LONG = (
    "Thanks, I'm really excited about the role and the team, and I appreciate the offer. "
    "I built the claims-summary pipeline that cut review time by 40%, with an eval suite "
    "tracking accuracy weekly, on the same stack you use here. Based on that and the market "
    "data (the median is around 203k), I'm targeting 238k base, a 30k sign-on and 200k in "
    "RSUs. Could I have until Friday the 12th to review it, and could you send it in writing?"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    from coach.roleplay.moves import parse_moves
    from tests.test_roleplay_moves_table import ROWS

    texts = [text for text, _ in ROWS]
    for text in texts:
        parse_moves(text)
    samples = []
    for _ in range(args.rounds):
        for text in texts:
            start = time.perf_counter()
            parse_moves(text)
            samples.append(time.perf_counter() - start)
    long_samples = []
    for _ in range(args.rounds * 10):
        start = time.perf_counter()
        parse_moves(LONG)
        long_samples.append(time.perf_counter() - start)
    print(f"machine: {machine()}")
    print(
        f"parse_moves warm over {len(texts)} table messages x {args.rounds}: "
        f"p50 {median_ms(samples):.3f} ms, p95 {percentile_ms(samples, 95):.3f} ms, "
        f"max {max(samples) * 1000:.3f} ms (target well under 2 ms)"
    )
    print(
        f"a long playbook turn ({len(LONG)} chars): p50 {median_ms(long_samples):.3f} ms, "
        f"p95 {percentile_ms(long_samples, 95):.3f} ms"
    )


if __name__ == "__main__":
    main()
