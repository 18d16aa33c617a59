"""Query spelling: a misspelt word read as the playbook word it was meant to be.

Only a word that is neither a playbook word nor a real English word (the embedding
model's own word list, ``minilm.english_words``) is corrected, and only to a playbook
word one edit away (a letter added, dropped, changed, or two swapped): "rasie" ->
"raise", "extention" -> "extension", "recuiter" -> "recruiter". Where several such words
exist, the one the playbook uses far more often wins ("manger" -> "manager", not
"manner"); a close call is left alone. Short words are left alone (one edit from too
many others), and so are contractions written without the apostrophe ("wont",
"dont"), which one edit would turn into their opposite ("want", "don"). Other words
ending in "nt" are corrected like any word ("curent" -> "current", "govenment" ->
"government").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

MIN_LEN = 5
# The winner must be used this many times more often than the runner-up.
DOMINANCE = 2
_WORD = re.compile(r"[A-Za-z]+")
# Negations typed without their apostrophe: each is one edit from a word of the opposite
# sense ("wont" / "want", "cant" / "can"), so none is ever corrected.
_CONTRACTION_WORDS = (
    "aint arent cant couldnt didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt "
    "neednt shant shouldnt wasnt werent wont wouldnt"
)
_CONTRACTIONS = frozenset(_CONTRACTION_WORDS.split())


class Speller:
    def __init__(
        self,
        targets: Iterable[str],
        dictionary: frozenset[str],
        min_len: int = MIN_LEN,
        known: Mapping[str, str] | None = None,
    ) -> None:
        """``targets``: the words of the playbook, repeated as often as it uses them.
        ``min_len``: the shortest word corrected. ``known``: misspellings read as a given
        word whatever the rule would choose ("wich" -> "which")."""
        self.counts = Counter(w.lower() for w in targets)
        self._targets = sorted(self.counts)
        self.dictionary = dictionary
        self.min_len = min_len
        self.known = dict(known or {})

    def _correct_word(self, word: str) -> str | None:
        low = word.lower()
        if any(c.isupper() for c in word[1:]):
            return None  # an acronym or a name ("MLEs", "PhD", "McKinsey"), not a typo
        if low in self.known:
            return self.known[low]
        if len(low) < self.min_len or low in _CONTRACTIONS:
            return None
        if low in self.counts or low in self.dictionary:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        near = process.extract(low, self._targets, scorer=OSA.distance, score_cutoff=1, limit=None)
        ranked = sorted((self.counts[w] for w, _, _ in near), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] <= DOMINANCE * ranked[1]):
            return None
        return max((w for w, _, _ in near), key=lambda w: self.counts[w])

    def correct(self, text: str) -> str:
        """The text with its misspelt words replaced; everything else kept as written.
        A capitalised word inside a sentence is a name ("at Lyft", "Brex"), never a typo."""

        def fixed(m: re.Match[str]) -> str:
            word = m.group(0)
            opens = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".?!"
            if word[0].isupper() and not opens:
                return word
            meant = self._correct_word(word)
            if meant is None:
                return word
            return meant.capitalize() if word[0].isupper() else meant

        return _WORD.sub(fixed, text)
