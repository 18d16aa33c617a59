"""The counter script with its blanks filled from the evidence pack, or the facts named.

The counter script (coach.offers.counter) leaves the user's own evidence as bracketed
blanks ("[a workflow you built and its measured result]"): on this branch it does not
take the pack's bullets yet, so the plan fills those two blanks from the bullets here.
Any blank left (no pack yet, no market median) is named as the fact still missing:
a plan never reads as finished with a blank in it.
"""

from __future__ import annotations

import re

# The blanks the counter script leaves for the user's evidence, in the order the bullets
# fill them: the first bullet (a workflow and its result), then the second (how it was
# measured). Matched loosely on their opening words, so a reworded blank still matches.
_WORKFLOW = re.compile(r"\[a workflow you built[^\]]*\]")
_EVAL = re.compile(r"\[how you measured[^\]]*\]")
BLANK = re.compile(r"\[([^\]§]+)\](?!\()")


def as_clause(bullet: str) -> str:
    """A bullet said inside a sentence: no trailing stop, a lower-case first word unless it
    is an acronym or a name ("RAG", "GPT-4")."""
    text = bullet.strip().rstrip(".;")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def fill_evidence(script: str, bullets: list[str]) -> tuple[str, bool]:
    """``script`` with its evidence blanks filled from ``bullets``; whether any was filled."""
    kept = [b for b in bullets if b.strip()]
    if not kept:
        return script, False
    filled = _WORKFLOW.sub(lambda _: as_clause(kept[0]), script)
    second = kept[1] if len(kept) > 1 else kept[0]
    filled = _EVAL.sub(lambda _: as_clause(second), filled)
    return filled, filled != script


def blanks(script: str) -> list[str]:
    """The blanks still in ``script``, as the facts they ask for."""
    return list(dict.fromkeys(m.group(1).strip() for m in BLANK.finditer(script)))
