"""The forbidden-advice rubric (evals/rubric.yaml) and the matcher that applies it.

Plain regexes would flag the coach for quoting its own playbook ("Never accept on
the spot"), so a match counts only inside a sentence that advises it: not a
question, not negated before the match, not labelled a mistake after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from coach.errors import DataError
from coach.evals.paths import RUBRIC_FILE

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NEGATIVE_ADVICE = re.compile(r"n't|\bnot\b|\bnever\b|no need")
_CITATION = re.compile(r"\[[a-z0-9][a-z0-9-]* § [^\]\n]+\]")


@dataclass(frozen=True)
class Violation:
    rule: str
    sentence: str


@dataclass(frozen=True)
class Rubric:
    rules: dict[str, tuple[re.Pattern[str], ...]]
    descriptions: dict[str, str]
    negations_before: re.Pattern[str]
    negations_after: re.Pattern[str]

    def violations(self, text: str, extra: tuple[str, ...] = ()) -> list[Violation]:
        """Each sentence of ``text`` that gives forbidden advice, with the rule it breaks."""
        rules = dict(self.rules)
        if extra:
            rules["case"] = tuple(re.compile(p, re.IGNORECASE) for p in extra)
        found: list[Violation] = []
        for sentence in _sentences(text):
            for rule, patterns in rules.items():
                if any(self._advises(sentence, p) for p in patterns):
                    found.append(Violation(rule, sentence.strip()[:240]))
        return found

    def _advises(self, sentence: str, pattern: re.Pattern[str]) -> bool:
        if sentence.rstrip(" *_)\"'").endswith("?"):
            return False
        for match in pattern.finditer(sentence):
            before, after = sentence[: match.start()], sentence[match.end() :]
            if self.negations_before.search(before) or self.negations_after.search(after):
                continue
            if self._negated_inside(pattern, match.group()):
                continue
            return True
        return False

    def _negated_inside(self, pattern: re.Pattern[str], matched: str) -> bool:
        """ "Give your range, not your current pay": a negation between verb and object.
        Patterns whose advice is itself negative ("don't negotiate", "isn't worth it")
        are exempt: their negation is the advice."""
        if _NEGATIVE_ADVICE.search(pattern.pattern):
            return False
        words = matched.split(maxsplit=1)
        return len(words) > 1 and bool(self.negations_before.search(words[1]))


def _sentences(text: str) -> list[str]:
    cleaned = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)  # quoted playbook passages
    # A citation names a section ("Accepting on the spot"); it advises nothing.
    cleaned = _CITATION.sub(" ", cleaned)
    return [s for s in _SENTENCE_END.split(cleaned) if s.strip()]


@cache
def load_rubric(path: Path = RUBRIC_FILE) -> Rubric:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules = {
            name: tuple(re.compile(p, re.IGNORECASE) for p in spec["patterns"])
            for name, spec in data["forbidden"].items()
        }
        return Rubric(
            rules=rules,
            descriptions={name: spec["description"] for name, spec in data["forbidden"].items()},
            negations_before=re.compile(data["negations_before"], re.IGNORECASE),
            negations_after=re.compile(data["negations_after"], re.IGNORECASE),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise DataError(f"The eval rubric {path.name} is unreadable: {exc}") from None
