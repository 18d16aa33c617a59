"""Fit the model that orders the later places of a playbook search (coach.tail_ranking)
and write it to coach/knowledge/embedded/tail_ranker.yaml.

Trained on the two sets of benchmarks/retrieval_tuning.py that are no eval split: the
front-matter questions held out of the index (one right section each) and the blind
multi-label tuning queries (a question's second and third sections). Never on the authored
or the fresh split. Each candidate (the places after the kept ones, up to ``--pool``) is a
row of coach.tail_ranking.FEATURES, labelled by whether the query wants it; the fit is the
softmax regression the intents use (coach.embedded.intents.fit_softmax) on standardised
rows. Five-fold cross-validation (by query) is printed first: recall@5 of the fused order
and of the model's, on each set.

Run: .venv/bin/python benchmarks/fit_tail_ranker.py [--home DIR] [--pool 20] [--dry-run]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from statistics import mean

import numpy as np
import yaml
from _util import machine
from retrieval_tuning import prepare

TRAIN = ("held out", "tune")
FOLDS = 5


def rows(got, pool: int):  # type: ignore[no-untyped-def]
    """Per set, per query: (the fused order, the candidates' feature rows, their labels,
    the wanted sections)."""
    from coach.hybrid_search import Fusion
    from coach.tail_ranking import features

    kept = Fusion().kept
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for name in TRAIN:
        index = got.index(name, tail=False)
        ranker = index.ranker
        for query, wanted in got.sets[name]:
            fixed, near = got.near(name, query)
            fused = ranker.fused(fixed, near)
            ranked = fused.ranked
            head = [sid for sid, _ in ranked[:kept]]
            candidates = ranked[kept : kept + pool]
            x = np.array(features(head, candidates, ranked[0][1], fused.signals, ranker.layout))
            y = np.array([int(sid in wanted) for sid, _ in candidates])
            out.setdefault(name, []).append(([sid for sid, _ in ranked], x, y, wanted))
    return out, kept


def fit(items) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    from coach.embedded.intents import fit_softmax

    x = np.vstack([it[1] for it in items if len(it[1])])
    y = np.concatenate([it[2] for it in items if len(it[1])])
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0  # a feature that never varies here: weighed by nothing
    weights, _ = fit_softmax((x - mu) / sd, y, 2)
    return mu, sd, weights[:, 1] - weights[:, 0]


def recall(items, kept: int, model=None) -> float:  # type: ignore[no-untyped-def]
    """recall@5 with the places after ``kept`` as fused, or in the model's order."""
    got = []
    for order, x, _, wanted in items:
        tail = order[kept:]
        if model is not None and len(x):
            mu, sd, w = model
            scored = ((x - mu) / sd) @ w
            n = len(x)
            tail = [order[kept + i] for i in np.argsort(-scored, kind="stable")] + order[kept + n :]
        top = set(order[:kept] + tail[: 5 - kept])
        got.append(len(wanted & top) / len(wanted))
    return mean(got)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, help="reuse this data dir (ingested if stale)")
    parser.add_argument("--pool", type=int, default=20, help="the later places the model orders")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate, write nothing")
    args = parser.parse_args()

    from coach.tail_ranking import FEATURES, MODEL_FILE

    with tempfile.TemporaryDirectory() as tmp:
        got = prepare(args.home, tmp)
        data, kept = rows(got, args.pool)
        print(f"machine: {machine()}")
        for name in TRAIN:
            fused, learned = [], []
            for fold in range(FOLDS):
                train = [it for n in TRAIN for i, it in enumerate(data[n]) if i % FOLDS != fold]
                test = [it for i, it in enumerate(data[name]) if i % FOLDS == fold]
                model = fit(train)
                fused.append((recall(test, kept), len(test)))
                learned.append((recall(test, kept, model), len(test)))
            size = sum(k for _, k in fused)
            print(
                f"{name} n={size}: recall@5 fused {sum(r * k for r, k in fused) / size:.3f}, "
                f"learned {sum(r * k for r, k in learned) / size:.3f} ({FOLDS}-fold)"
            )
        if args.dry_run:
            return
        mu, sd, w = fit([it for n in TRAIN for it in data[n]])
        counts = {n: len(data[n]) for n in TRAIN}
        header = (
            "# The model that orders a playbook search's later places (coach/tail_ranking.py).\n"
            "# Written by benchmarks/fit_tail_ranker.py: refit it there, never by hand.\n"
        )
        body = {
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in mu],
            "scale": [round(float(v), 6) for v in sd],
            "weights": [round(float(v), 6) for v in w],
            "pool": args.pool,
            "fitted_on": {n.replace(" ", "_"): f"{k} queries" for n, k in counts.items()},
        }
        MODEL_FILE.write_text(header + yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
