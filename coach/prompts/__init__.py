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


def place_named(location: str | None, unadjusted_for: str | None) -> str | None:
    """The place as an answer names its figures': the place asked, or, when the figures
    are national and no source prices that place, "national figures, none for <place>"
    (a national median is never said to be Chicago's). One wording for the salary table,
    the gap line and the range, in the market's answers and the offline coach's."""
    if unadjusted_for:
        return render("market/national_place", place=unadjusted_for)
    return location
