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
from dataclasses import dataclass, fields
from pathlib import Path
from statistics import mean
from typing import Any

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


@dataclass
class Prepared:
    """The playbook's text, the same without the held-out questions, and each set's
    (query, wanted section ids) with its dense results."""

    text: Any
    kept: Any
    held_ids: set[str]
    sets: dict[str, list[tuple[str, set[str]]]]
    dense: dict[str, tuple[str, list[tuple[str, float]]]]

    def index(self, name: str, fusion: Any = None, tail: Any = None) -> Any:
        """The section index a set is searched with: without the held-out questions for
        theirs. ``tail``: False for none (the fused order), else the model (None: shipped)."""
        from coach.playbook import SectionIndex

        index = SectionIndex(self.kept if name == "held out" else self.text, fusion, tail or None)
        if tail is False:
            index.ranker.tail = None
        return index

    def near(self, name: str, query: str) -> tuple[str, list[tuple[str, float]]]:
        """The query as corrected, and its dense entries (the held-out ones dropped)."""
        from coach.playbook import DENSE_ENTRIES

        fixed, every = self.dense[query]
        skip = self.held_ids if name == "held out" else set()
        return fixed, [e for e in every if e[0] not in skip][:DENSE_ENTRIES]


def prepare(home: Path | None, tmp: str) -> Prepared:
    from coach.config import Settings
    from coach.offline import prepare as prepare_home
    from coach.playbook import Playbook, PlaybookText, SectionIndex, admitted, load_playbook

    settings = Settings(home=home or Path(tmp))
    prepare_home(settings)
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
    return Prepared(text, kept, held_ids, sets, dense)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, help="reuse this data dir (ingested if stale)")
    parser.add_argument("--grid", action="append", default=[], help="Fusion overrides")
    parser.add_argument(
        "--no-tail", action="store_true", help="the fused order only (no learned later places)"
    )
    args = parser.parse_args()

    from coach.hybrid_search import Fusion

    with tempfile.TemporaryDirectory() as tmp:
        got = prepare(args.home, tmp)
        print(f"machine: {machine()}")
        for grid in args.grid or [""]:
            fusion = Fusion(**_overrides(grid))  # type: ignore[arg-type]
            line = []
            for name, cases in got.sets.items():
                index = got.index(name, fusion, False if args.no_tail else None)
                hits, recall, mrr = _measure(index, [(got.near(name, q), w) for q, w in cases])
                line.append(
                    f"{name} n={len(cases)} hit@3 {hits}/{len(cases)} recall@5 {recall:.3f} "
                    f"MRR {mrr:.3f}"
                )
            print(f"{grid or 'defaults'}: " + " | ".join(line))


def _sid(index, citation: str) -> str:  # type: ignore[no-untyped-def]
    for sid, parts in index.parts.items():
        if f"{parts[0].doc_id} § {parts[0].section}".lower() == citation.strip().lower():
            return sid
    raise SystemExit(f"The authored split cites '{citation}', which is no section.")


def _measure(index, cases):  # type: ignore[no-untyped-def]
    """hit@3, recall@5 and MRR over ((corrected query, dense entries), wanted) cases."""
    hits, recall, rr = [], [], []
    for (fixed, near), wanted in cases:
        ranked = [r.section_id for r in index.ranker.rank(fixed, near)][:10]
        hits.append(bool(wanted & set(ranked[:3])))
        recall.append(len(wanted & set(ranked[:5])) / len(wanted))
        rank = next((i for i, s in enumerate(ranked, start=1) if s in wanted), None)
        rr.append(1 / rank if rank else 0.0)
    return sum(hits), mean(recall), mean(rr)


if __name__ == "__main__":
    main()
