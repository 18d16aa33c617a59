"""The plan's scripts: the user's bullets said inside a sentence, and any blank left.

The counter script (coach.offers.counter) says the user's evidence-pack bullets itself;
with no pack it leaves one bracketed blank naming the evidence and how to build it. Any
blank left (no pack yet, no market median) is named in the plan as the fact still
missing: a plan never reads as finished with a blank in it.
"""

from __future__ import annotations

import re

BLANK = re.compile(r"\[([^\]§]+)\](?!\()")


def as_clause(bullet: str) -> str:
    """A bullet said inside a sentence: no trailing stop, a lower-case first word unless it
    is an acronym or a name ("RAG", "GPT-4") or "I" (an outcome said in the first person)."""
    text = bullet.strip().rstrip(".;")
    pronoun = re.match(r"I(?:'|\s)", text) is not None
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not pronoun:
        text = text[0].lower() + text[1:]
    return text


def blanks(script: str) -> list[str]:
    """The blanks still in ``script``, as the facts they ask for."""
    return list(dict.fromkeys(m.group(1).strip() for m in BLANK.finditer(script)))
