"""What a playbook section's ``sources:`` ids are called where a person reads them.

The ids stay in each section's front matter (``seed-ai-pulse-playbook``); the names a
reader sees ("AI Pulse, The AI salary negotiation playbook (2026)") are data, in
``knowledge/sources.yaml``, read once.
"""

from __future__ import annotations

import functools

from coach.resources import KNOWLEDGE_DIR, load_yaml

SOURCE_NAMES = KNOWLEDGE_DIR / "sources.yaml"


@functools.cache
def source_names() -> dict[str, str]:
    data = load_yaml(SOURCE_NAMES.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def source_name(source_id: str) -> str:
    """The reader's name for a source id; an id with no name is shown as it is."""
    return source_names().get(source_id, source_id)
