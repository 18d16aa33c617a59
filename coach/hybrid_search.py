"""Hybrid ranking of sections: BM25 on their words fused with the dense ranking.

Three rankings of sections are fused by reciprocal rank (``coach.fusion``):

- lexical: BM25 over each section's heading, text and questions (``coach.lexical``),
  which finds the rare exact term ("clawback", "OEWS", "cliff") a small embedding
  model blurs;
- passages: sections by their nearest passage (the dense search over the prose);
- questions: sections by the mean similarity of their two nearest questions (users'
  words, from the front matter), which finds a paraphrase that shares no word with
  the prose. Two, not one: a section that two of its questions agree on is a surer
  match than one near a single question (measured: MRR 0.80 vs 0.74 alone on the
  fresh cases, and better fused).

A ranking the playbook cannot give (no questions written) is left out, so it cannot
dilute the others.

A fourth ranking, light (weight 0.3), lists the sections whose heading holds a two-word
term of the query that no other heading has ("internal equity", "start date"): the person
named the very thing the section is about (measured on both splits: coach fresh 94.7% ->
95.5%, authored unchanged; retrieval hit@3 and recall@5 unchanged, fresh MRR 0.859 ->
0.852; weights 0.5 and above cost more MRR than they gave).

Then the neighbours: a playbook document reads as a thread (step five, then step six;
what a walk-away number is, then setting it), so a question that one section answers
often needs the next or the previous one too. The sections beside the best few
(same document, overviews aside) are fused in as one more ranking, below the top
places, which stay as the other rankings gave them: the expansion fills the later
places with the thread's other half instead of a section from elsewhere that one
ranker liked (measured on both splits: recall@5 0.846 -> 0.880 authored, 0.812 -> 0.834
fresh; hit@3 and MRR unchanged). The defaults were measured with
benchmarks/retrieval_quality.py.

Last, the places after the kept ones are put in the order of a small learned model that
reads each candidate's scores and how it stands to the first places (``coach.tail_ranking``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coach.fusion import reciprocal_rank_fusion
from coach.lexical import LexicalIndex
from coach.tail_ranking import Layout, Signals, TailModel, reordered
from coach.vocabulary import singular


@dataclass(frozen=True)
class Fusion:
    """How the rankings are cut and weighed.

    c = 3 rather than the textbook 60: with ~100 sections and three rankers, a
    section that one ranker is sure of should not be outvoted by another's middling
    ranks (measured: c = 3 to 10 best, 60 worst). Each ranking contributes its top
    ``depth`` sections.

    Tuned on the authored split and on front-matter questions held out of the index (two
    per section, 214 queries in users' words; ``benchmarks/retrieval_tuning.py``), never on
    the fresh split: with ~12 questions a section, c = 3 (was 5), BM25 weighed 1.4 (was
    1.0) and the neighbours of the best three sections (was two) took the held-out
    questions from hit@3 187/214, MRR 0.754 to 191/214, 0.785, and the authored recall@5
    from 0.919 to 0.944 (hit@3 39/39 and MRR 0.932 unchanged).
    """

    c: float = 3.0
    depth: int = 50
    lexical_weight: float = 1.4
    passage_weight: float = 1.0
    question_weight: float = 1.0
    questions_pooled: int = 2  # a section's question score: mean of its nearest this many
    # The neighbours of the best ``neighbours_of`` sections form one more ranking of this
    # weight; the first ``kept`` places are the other rankings' alone.
    neighbours_of: int = 3
    neighbour_weight: float = 0.8
    kept: int = 3
    heading_weight: float = 0.3  # sections whose heading names the query's term
    heading_spread: int = 1  # a term in more headings than this names none of them
    # BM25 (coach.lexical): a section's text is its prose and its questions, so its length
    # says more about how many questions were written than about how diffuse it is; a
    # lighter length discount (b 0.5, k1 1.2; bm25s's defaults 0.75, 1.5) measured: authored
    # recall@5 0.944 -> 0.953, MRR 0.919 -> 0.932 (0.919 once six questions near authored
    # cases were dropped from the front matter); held-out questions unchanged (191/214).
    bm25_k1: float = 1.2
    bm25_b: float = 0.5


@dataclass(frozen=True)
class EntryRef:
    """A dense store entry: the section it belongs to, and whether it is a question."""

    section_id: str
    question: bool


@dataclass(frozen=True)
class RankedSection:
    section_id: str
    score: float  # fused, in (0, 1]: 1.0 = first in every ranking
    passage_id: str | None  # the section's nearest passage entry, when the dense search had one


@dataclass(frozen=True)
class Fused:
    ranked: list[tuple[str, float]]  # (section id, fused score), best first
    signals: Signals
    passages: dict[str, str]  # section -> its nearest passage entry


class SectionRanker:
    """Ranks sections for a query, given the dense search's entries (nearest first).

    ``sections``: section id -> the text BM25 reads. ``neighbours``: section id -> the
    sections beside it in its document (none given: no neighbour expansion).
    """

    def __init__(
        self,
        sections: Mapping[str, str],
        entries: Mapping[str, EntryRef],
        fusion: Fusion | None = None,
        neighbours: Mapping[str, Sequence[str]] | None = None,
        layout: Layout | None = None,
        tail: TailModel | None = None,
    ) -> None:
        self.fusion = fusion or Fusion()
        # The places after the kept ones, in a learned order (coach.tail_ranking): only
        # with the playbook's layout, which the model reads.
        self.layout = layout
        self.tail = tail if layout is not None else None
        self.lexical = LexicalIndex(
            list(sections.items()), k1=self.fusion.bm25_k1, b=self.fusion.bm25_b
        )
        self.entries = dict(entries)
        self.has_questions = any(ref.question for ref in self.entries.values())
        self.neighbours = {sid: tuple(near) for sid, near in (neighbours or {}).items()}
        self.heading_terms = {sid: _terms(sid.partition("#")[2].split("-")) for sid in sections}
        spread: dict[tuple[str, str], int] = {}
        for terms in self.heading_terms.values():
            for term in terms:
                spread[term] = spread.get(term, 0) + 1
        self.term_spread = spread

    def heading_ranking(self, query: str) -> list[str]:
        """Sections whose heading holds a two-word term of the query ("internal equity",
        "start date", "deadline … in writing"), most terms first: a person naming the
        very thing a heading names wants that section, whatever else the words pull
        towards. A term in many headings ("current salary") names none of them."""
        asked = _terms(re.findall(r"[a-z0-9]+", query.lower()))
        limit = self.fusion.heading_spread
        shared = {
            sid: sum(1 for t in terms & asked if self.term_spread[t] <= limit)
            for sid, terms in self.heading_terms.items()
        }
        return sorted((sid for sid, n in shared.items() if n), key=lambda sid: -shared[sid])

    def question_ranking(self, dense: Sequence[tuple[str, float]]) -> list[str]:
        """Sections by the mean similarity of their nearest questions."""
        score = self.question_scores(dense)
        return sorted(score, key=lambda sid: -score[sid])

    def question_scores(self, dense: Sequence[tuple[str, float]]) -> dict[str, float]:
        """Each section's mean similarity of its nearest questions. A section with fewer
        questions in the results counts the lowest similarity seen for the rest (its others
        are at most that near)."""
        pooled = self.fusion.questions_pooled
        found: dict[str, list[float]] = {}
        for entry_id, similarity in dense:
            ref = self.entries.get(entry_id)
            if ref is not None and ref.question:
                found.setdefault(ref.section_id, []).append(similarity)
        if not found:
            return {}
        floor = min(s for sims in found.values() for s in sims)
        return {
            sid: sum((sims + [floor] * pooled)[:pooled]) / pooled for sid, sims in found.items()
        }

    def rank(self, query: str, dense: Sequence[tuple[str, float]]) -> list[RankedSection]:
        """``dense``: (entry id, cosine similarity), nearest first. Entries the index does
        not know (in the store, gone from the files since) are ignored."""
        found = self.fused(query, dense)
        ranked = found.ranked
        if self.tail is not None and self.layout is not None:
            ranked = reordered(ranked, self.fusion.kept, found.signals, self.layout, self.tail)
        return [RankedSection(sid, score, found.passages.get(sid)) for sid, score in ranked]

    def fused(self, query: str, dense: Sequence[tuple[str, float]]) -> Fused:
        """The rankings fused, with the neighbours, before the learned order of the later
        places; and what each ranker said, which that order reads."""
        f = self.fusion
        passages: dict[str, str] = {}  # section -> its nearest passage entry, in dense order
        passage_similarity: dict[str, float] = {}
        for entry_id, similarity in dense:
            ref = self.entries.get(entry_id)
            if ref is not None and not ref.question and ref.section_id not in passages:
                passages[ref.section_id] = entry_id
                passage_similarity[ref.section_id] = similarity
        found = self.lexical.rank(query, f.depth)
        lexical = [key for key, _ in found]
        rankings: list[Sequence[str]] = [lexical, list(passages)[: f.depth]]
        weights = [f.lexical_weight, f.passage_weight]
        asked = self.question_scores(dense) if self.has_questions else {}
        questions = sorted(asked, key=lambda sid: -asked[sid])[: f.depth]
        if self.has_questions:
            rankings.append(questions)
            weights.append(f.question_weight)
        named = self.heading_ranking(query)
        if named and f.heading_weight > 0:
            rankings.append(named)
            weights.append(f.heading_weight)
        ranked = reciprocal_rank_fusion(rankings, c=f.c, weights=weights)
        ranked = self._with_neighbours(ranked, rankings, weights)
        signals = Signals(
            lexical_rank={sid: n for n, sid in enumerate(lexical, start=1)},
            passage_rank={sid: n for n, sid in enumerate(passages, start=1)},
            question_rank={sid: n for n, sid in enumerate(questions, start=1)},
            lexical_score=dict(found),
            passage_similarity=passage_similarity,
            question_similarity=asked,
        )
        return Fused(ranked, signals, passages)

    def _with_neighbours(
        self,
        fused: list[tuple[str, float]],
        rankings: list[Sequence[str]],
        weights: list[float],
    ) -> list[tuple[str, float]]:
        """The first ``kept`` places as fused; the rest fused again with the neighbours of
        the best ``neighbours_of`` sections as one more ranking (nearest anchor first)."""
        f = self.fusion
        near: list[str] = []
        for sid, _ in fused[: f.neighbours_of]:
            for beside in self.neighbours.get(sid, ()):
                if beside not in near:
                    near.append(beside)
        if not near or f.neighbour_weight <= 0:
            return fused
        head = fused[: f.kept]
        kept = {sid for sid, _ in head}
        again = reciprocal_rank_fusion(
            [*rankings, near], c=f.c, weights=[*weights, f.neighbour_weight]
        )
        tail = [(sid, score) for sid, score in again if sid not in kept]
        if not head or not tail:
            return head + tail
        # The tail's scores are the expansion's, scaled to sit at or below the last kept
        # place, so the list still reads best first and 1.0 still means first everywhere.
        scale = min(1.0, head[-1][1] / tail[0][1])
        return head + [(sid, score * scale) for sid, score in tail]


# Words that name nothing: a term is two naming words in a row, once these are dropped.
_NAMELESS_WORDS = (
    "a about an and are as at be before by can do does don for from get go how i if "
    "in is it its my no not of on or our so t than that the their them then there "
    "they this to up was we what when where which who why will with you your"
)
_NAMELESS = frozenset(_NAMELESS_WORDS.split())


def _terms(words: Sequence[str]) -> set[tuple[str, str]]:
    naming = [singular(w) for w in words if w and w not in _NAMELESS]
    return set(itertools.pairwise(naming))
