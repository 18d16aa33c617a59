"""BM25 over short documents (the playbook's sections), with bm25s, in memory.

The analyser: accents folded and punctuation split as everywhere else
(``vocabulary.normalise``), the commonest English stopwords dropped, words reduced to their
Snowball stem (PyStemmer: "negotiating" and "negotiation" meet at "negoti").
Misspellings are the caller's to correct first (``coach.spelling``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coach.vocabulary import normalise

if TYPE_CHECKING:
    import bm25s
    import Stemmer


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    import Stemmer

    return Stemmer.Stemmer("english")


@functools.cache
def _stopwords() -> frozenset[str]:
    # The short (Lucene, 33 words) list, not the long one: users' questions hinge on
    # words the long list drops ("how", "when", "after", "more"); measured on both splits.
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def words(text: str) -> list[str]:
    """The text's words, normalised, stopwords dropped, not yet stemmed."""
    stop = _stopwords()
    return [w for w in normalise(text).split() if len(w) > 1 and w not in stop]


def stems(found: list[str]) -> list[str]:
    return list(_stemmer().stemWords(found))


class LexicalIndex:
    """BM25 scores of a query against each document; built once, read-only after."""

    def __init__(self, docs: Sequence[tuple[str, str]], k1: float = 1.5, b: float = 0.75) -> None:
        """``k1``: how fast a repeated term stops adding; ``b``: how much a long document
        is discounted (0 none, 1 fully). bm25s's defaults unless given."""
        import bm25s

        if not docs:
            raise ValueError("A lexical index needs at least one document.")
        self.keys = [key for key, _ in docs]
        corpus = [words(text) for _, text in docs]
        self._bm25: bm25s.BM25 = bm25s.BM25(k1=k1, b=b)
        self._bm25.index([stems(doc) for doc in corpus], show_progress=False)

    def query_terms(self, query: str) -> list[str]:
        return stems(words(query))

    def rank(self, query: str, depth: int) -> list[tuple[str, float]]:
        """Up to ``depth`` documents that share a term with the query, best first."""
        import numpy as np

        terms = [t for t in self.query_terms(query) if t in self._bm25.vocab_dict]
        if not terms:
            return []
        scores = self._bm25.get_scores(terms)
        order = np.argsort(-scores, kind="stable")[:depth]
        return [(self.keys[i], float(scores[i])) for i in order if scores[i] > 0]
