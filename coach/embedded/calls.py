"""Tool calls as the offline coach emits them, and the arguments each fact tool takes
from the slots: one place, shared by the planner (brain.plan) and the composers'
second round (composers.calls_needed)."""

from __future__ import annotations

from typing import Any

from coach.contracts import ToolName
from coach.understanding import Slots


def tool_call(name: ToolName, args: dict[str, Any], n: int) -> dict[str, Any]:
    """A tool call numbered ``n`` within its turn; empty arguments are left out."""
    clean_args = {k: v for k, v in args.items() if v not in (None, (), [])}
    return {
        "name": name.value,
        "args": clean_args,
        "id": f"call_embedded_{n}_{name.value}",
        "type": "tool_call",
    }


def anchor_args(s: Slots) -> dict[str, Any]:
    return {"role": s.role, "level": s.level, "location": s.location, "domain": s.domain}


def walk_away_args(s: Slots) -> dict[str, Any]:
    return {
        "current_base": str(s.current_base) if s.current_base else None,
        "floor": str(s.floor) if s.floor else None,
        "role": s.role,
        "level": s.level,
        "location": s.location,
    }


def offer_args(s: Slots) -> dict[str, Any]:
    """score_offer and draft_counter take the same arguments."""
    return {
        "offer_text": s.offer_text,
        "role": s.role,
        "level": s.level,
        "location": s.location,
        "current_base": str(s.current_base) if s.current_base else None,
        "floor": str(s.floor) if s.floor else None,
    }


def gap_args(s: Slots) -> dict[str, Any]:
    """salary_lookup for a raise talk: the median of the person's role, level and place,
    and with their base today its gap to it."""
    return {
        "role": s.role,
        "level": s.level,
        "location": s.location,
        "current_base": str(s.current_base) if s.current_base else None,
    }
