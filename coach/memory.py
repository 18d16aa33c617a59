"""What the user said earlier, as one short line for the model.

Old turns are trimmed from the prompt to keep each call small (coach.tokens), but a
follow-up ("and for staff?") still needs the role, city and offer named ten turns
ago. The same deterministic parsers the offline coach uses read every earlier user
message of the thread; the facts they find travel with the system prompt, a few
dozen tokens instead of the whole history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage

from coach.errors import CoachError
from coach.messages import human_texts
from coach.money import find_amounts, quote
from coach.understanding import Slots, read_slots, states_an_offer

OFFER_CHARS = 400  # enough for the figures of a pasted offer letter


def _figures(text: str) -> str:
    """The sentences of an offer that hold its figures, in the user's own words."""
    parts = re.split(r"(?<=[.!?;])\s+|\n+", text)
    kept = [p for p in parts if find_amounts(p) or re.search(r"\d\s*%", p)]
    return quote(" ".join(kept) or text, OFFER_CHARS)


def remembered(messages: Sequence[BaseMessage]) -> str:
    """Facts from the user's earlier messages (not the current one), or "" if none."""
    earlier = human_texts(messages)[:-1]
    slots = Slots()
    offer: str | None = None
    for text in earlier:
        try:
            found = read_slots(text)
        except CoachError:  # market tables unreadable: remember nothing rather than fail
            return ""
        slots = found.merged_over(slots)
        if states_an_offer(text, found):
            offer = text
    facts = [
        f"{label}: {value}"
        for label, value in (
            ("role", slots.role),
            ("level", slots.level),
            ("location", slots.location),
            ("skills", ", ".join(slots.skills)),
            ("domain", slots.domain),
            ("employer type", slots.employer_type),
            ("current base", f"${slots.current_base:,}" if slots.current_base else None),
            ("walk-away floor", f"${slots.floor:,}" if slots.floor else None),
            ("latest offer", f'"{_figures(offer)}"' if offer else None),
        )
        if value
    ]
    return "; ".join(facts)
