"""What the user said earlier, as one short line for the model.

Old turns are trimmed from the prompt to keep each call small (coach.tokens), but a
follow-up ("and for staff?") still needs the role, city and offer named ten turns
ago. The same deterministic parsers the offline coach uses read every earlier user
message of the thread; the facts they find travel with the system prompt, a few
dozen tokens instead of the whole history.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from langchain_core.messages import BaseMessage, HumanMessage

from coach.errors import CoachError
from coach.money import quote

if TYPE_CHECKING:
    from coach.embedded.slots import Slots

OFFER_CHARS = 160


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)


def _offer_like(text: str, slots: Slots) -> bool:
    """Money with offer words, beyond the user's own pay and floor."""
    labels = ("base", "bonus", "rsu", "equity", "sign-on", "signing", "stock", "options")
    offered = set(slots.amounts) - {slots.current_base, slots.floor}
    return bool(offered) and any(label in text.lower() for label in labels)


def remembered(messages: Sequence[BaseMessage]) -> str:
    """Facts from the user's earlier messages (not the current one), or "" if none."""
    from coach.embedded.slots import Slots, extract  # the embedded package imports agent

    earlier = [_text(m) for m in messages if isinstance(m, HumanMessage)][:-1]
    slots = Slots()
    offer: str | None = None
    for text in earlier:
        try:
            found = extract(text)
        except CoachError:  # market tables unreadable: remember nothing rather than fail
            return ""
        slots = found.merged_over(slots)
        if _offer_like(text, found):
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
            ("latest offer", f'"{quote(offer, OFFER_CHARS)}"' if offer else None),
        )
        if value
    ]
    return "; ".join(facts)
