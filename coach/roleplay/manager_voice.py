"""The manager's words for a decided move: templates, or an LLM checked against them.

As in the recruiter's voice (``voice``): templates in ``prompts/roleplay/manager/`` are
filled with figures and dates from the move (and so from the state), a seeded variant
that the talk has not heard yet; an LLM, when given, gets the persona, the move and the
draft, never the pool, and its reply is kept only if it carries exactly the draft's
figures and numbers (``voice.check_llm_text``), else the draft is said.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from coach.prompts import render
from coach.roleplay.manager_policy import MAct, ManagerMove, MBeat
from coach.roleplay.manager_scenario import ManagerScenario
from coach.roleplay.voice import Spoken, model_phrasing, spoken_usd, variants

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


def day_text(day: date) -> str:
    """A date as people say it: "March 1, 2027"."""
    return f"{day:%B} {day.day}, {day.year}"


def _name(beat: MBeat, scenario: ManagerScenario) -> str:
    if beat.act == MAct.ACK and beat.heard is not None:
        return f"roleplay/manager/ack_{beat.heard.value}"
    if beat.act == MAct.WRITTEN_PLAN and beat.amount is not None:
        bonus = "_bonus" if beat.bonus else ""
        return f"roleplay/manager/written_plan_moved{bonus}"
    if beat.act == MAct.PART_DECLINED and beat.amount is not None:
        return "roleplay/manager/part_declined_bonus"
    unchanged = beat.amount == scenario.current_base and beat.title in (None, scenario.title)
    if beat.act == MAct.CLOSE_AGREED and unchanged:  # a yes to nothing: nothing to take forward
        return "roleplay/manager/close_unchanged"
    return f"roleplay/manager/{beat.act.value}"


def _values(beat: MBeat, scenario: ManagerScenario) -> dict[str, str]:
    amount = beat.amount
    raised = amount - scenario.current_base if amount is not None else None
    return {
        "name": scenario.persona.name,
        "title": beat.title or scenario.title,
        "amount": spoken_usd(amount) if amount is not None else "",
        "raise": spoken_usd(raised) if raised else "",
        "date": day_text(beat.day) if beat.day else "",
        "bonus": spoken_usd(beat.bonus) if beat.bonus else "",
    }


def template_text(
    scenario: ManagerScenario, move: ManagerMove, turn: int, said: Sequence[str] = ()
) -> str:
    """The move in words: for each beat a variant fixed by seed and turn, one the talk has
    not heard when there is one, else the one heard longest ago (never the line just said
    while another exists)."""
    rng = random.Random(f"{scenario.id}-{scenario.seed}-{turn}")
    sentences: list[str] = []
    for beat in move.beats:
        values = _values(beat, scenario)
        style = scenario.persona.style.value
        options = [v.substitute(values) for v in variants(_name(beat, scenario), style)]
        start = rng.randrange(len(options))
        ordered = options[start:] + options[:start]
        fresh = [o for o in ordered if o not in sentences] or ordered
        sentences.append(min(fresh, key=lambda o: _last_heard(o, said)))
    return " ".join(sentences)


def _last_heard(option: str, said: Sequence[str]) -> int:
    """The index of the last line of the talk that said ``option`` (-1: never said)."""
    return max((i for i, line in enumerate(said) if option in line), default=-1)


def describe(move: ManagerMove, scenario: ManagerScenario) -> str:
    lines = []
    for beat in move.beats:
        values = _values(beat, scenario)
        what = beat.act.value.replace("_", " ")
        if beat.heard is not None:
            what += f" (what they did: {beat.heard.value})"
        if beat.amount is not None:
            what += f": {values['amount']}"
        if beat.bonus:
            what += f", one-off bonus {values['bonus']}"
        if beat.title is not None and beat.act != MAct.OPEN:
            what += f", title {beat.title}"
        if beat.day is not None:
            what += f", date {values['date']}"
        lines.append(f"- {what}")
    return "\n".join(lines)


class ManagerVoice:
    """Phrases decided moves for one talk; ``llm=None`` means templates only."""

    def __init__(self, scenario: ManagerScenario, llm: BaseChatModel | None = None) -> None:
        self.scenario = scenario
        self.llm = llm

    def speak(
        self, move: ManagerMove, turn: int, employee_text: str = "", said: Sequence[str] = ()
    ) -> Spoken:
        draft = template_text(self.scenario, move, turn, said)
        if self.llm is None:
            return Spoken(draft, "template")
        persona = self.scenario.persona
        system = render(
            "manager",
            manager=persona.name,
            company=self.scenario.company,
            title=self.scenario.title,
            style=persona.style.value,
            move=describe(move, self.scenario),
            draft=draft,
        )
        heard = employee_text.strip() or "(the meeting is starting)"
        return model_phrasing(self.llm, system, f"Your report said: {heard}", draft)
