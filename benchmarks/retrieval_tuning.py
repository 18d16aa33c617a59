"""Retrieval tuning without the fresh split: held-out front-matter questions and the
authored cases, for the default fusion and any overrides given.

The fresh split (coach/evals/datasets/fresh) is a held-out test: weights tuned on it would
flatter it. This script tunes on two other sets instead:

- held out: two front-matter questions per section (the 2nd and 5th of each list), taken
  out of the index (BM25 and the dense entries) and asked as queries; the right answer
  is their own section. They are users' words, written blind, and many (~214);
- authored: the labelled cases of coach/evals/datasets/retrieval.yaml;
- tune: 220 queries written blind with every section each needs (benchmarks/data/
  retrieval_tune.yaml): the one set besides the authored that measures recall of a
  question's second and third sections, which the held-out questions (one section
  each) cannot.

Run: .venv/bin/python benchmarks/retrieval_tuning.py [--home DIR] [--set c=3 --set ...]
(each --set overrides a field of ``coach.hybrid_search.Fusion``; several --grid runs
print one line each: --grid "c=3,lexical_weight=1.4" --grid "c=5").
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import fields
from pathlib import Path
from statistics import mean

import yaml
from _util import REPO, machine

AUTHORED = REPO / "coach" / "evals" / "datasets" / "retrieval.yaml"
TUNE = REPO / "benchmarks" / "data" / "retrieval_tune.yaml"  # blind, multi-label
HELD = (1, 4)  # positions held out of each section's question list


def _overrides(text: str) -> dict[str, float]:
    from coach.hybrid_search import Fusion

    known = {f.name: f.type for f in fields(Fusion)}
    out: dict[str, float] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = pair.partition("=")
        if name not in known:
            raise SystemExit(f"Fusion has no field '{name}'; it has {', '.join(known)}.")
        out[name] = int(value) if known[name] in (int, "int") else float(value)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, help="reuse this data dir (ingested if stale)")
    parser.add_argument("--grid", action="append", default=[], help="Fusion overrides")
    args = parser.parse_args()

    from coach.config import Settings
    from coach.hybrid_search import Fusion
    from coach.offline import prepare
    from coach.playbook import (
        DENSE_ENTRIES,
        Playbook,
        PlaybookText,
        SectionIndex,
        admitted,
        load_playbook,
    )

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=args.home or Path(tmp))
        prepare(settings)
        playbook = Playbook(settings)
        playbook.ingest()
        text, _ = admitted(load_playbook(settings.playbook_dir))
        by_section: dict[str, list] = {}  # type: ignore[type-arg]
        for q in text.questions:
            by_section.setdefault(q.section_id, []).append(q)
        held = [qs[i] for qs in by_section.values() for i in HELD if i < len(qs)]
        held_ids = {q.id for q in held}
        kept = PlaybookText(
            text.chunks, [q for q in text.questions if q.id not in held_ids], text.related
        )
        full = SectionIndex(text)
        authored = yaml.safe_load(AUTHORED.read_text(encoding="utf-8"))["cases"]
        tune = yaml.safe_load(TUNE.read_text(encoding="utf-8"))["cases"]
        sets = {
            "held out": [(q.text, {q.section_id}) for q in held],
            "authored": [(c["query"], {_sid(full, r) for r in c["relevant"]}) for c in authored],
            "tune": [(c["query"], {_sid(full, r) for r in c["relevant"]}) for c in tune],
        }
        total = len(text.chunks) + len(text.questions)
        dense: dict[str, tuple[str, list[tuple[str, float]]]] = {}
        for cases in sets.values():
            for query, _ in cases:
                fixed = full.speller.correct(query)
                # Every entry, nearest first: the held-out ones are dropped before the cut.
                got = playbook.store._collection.query(
                    query_embeddings=[playbook.embeddings.embed_query(fixed)],
                    n_results=total,
                    include=["distances"],
                )
                pairs = zip(got["ids"][0], got["distances"][0], strict=True)
                dense[query] = (fixed, [(e, 1.0 - float(d)) for e, d in pairs])

        print(f"machine: {machine()}")
        for grid in args.grid or [""]:
            fusion = Fusion(**_overrides(grid))  # type: ignore[arg-type]
            line = []
            for name, cases in sets.items():
                index = SectionIndex(kept if name == "held out" else text, fusion)
                skip = held_ids if name == "held out" else set()
                got = _measure(index, cases, dense, skip, DENSE_ENTRIES)
                line.append(
                    f"{name} n={len(cases)} hit@3 {got[0]}/{len(cases)} recall@5 {got[1]:.3f} "
                    f"MRR {got[2]:.3f}"
                )
            print(f"{grid or 'defaults'}: " + " | ".join(line))


def _sid(index, citation: str) -> str:  # type: ignore[no-untyped-def]
    for sid, parts in index.parts.items():
        if f"{parts[0].doc_id} § {parts[0].section}".lower() == citation.strip().lower():
            return sid
    raise SystemExit(f"The authored split cites '{citation}', which is no section.")


def _measure(index, cases, dense, skip, cut):  # type: ignore[no-untyped-def]
    hits, recall, rr = [], [], []
    for query, wanted in cases:
        fixed, near = dense[query]
        near = [e for e in near if e[0] not in skip][:cut]
        ranked = [r.section_id for r in index.ranker.rank(fixed, near)][:10]
        hits.append(bool(wanted & set(ranked[:3])))
        recall.append(len(wanted & set(ranked[:5])) / len(wanted))
        rank = next((i for i, s in enumerate(ranked, start=1) if s in wanted), None)
        rr.append(1 / rank if rank else 0.0)
    return sum(hits), mean(recall), mean(rr)


if __name__ == "__main__":
    main()
