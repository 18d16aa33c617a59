"""Prompt and answer templates live as files beside this module; this loads and fills them."""

from __future__ import annotations

from functools import cache
from string import Template

from coach.resources import PROMPTS_DIR


@cache
def load(name: str) -> Template:
    """``load("embedded/salary")`` reads prompts/embedded/salary.md (cached)."""
    return Template((PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8").strip("\n"))


def exists(name: str) -> bool:
    """Whether a template is written (an optional variant, e.g. a topic's next step)."""
    return (PROMPTS_DIR / f"{name}.md").is_file()


def render(name: str, **values: object) -> str:
    return load(name).substitute({k: str(v) for k, v in values.items()})
