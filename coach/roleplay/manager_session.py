"""A raise talk the UI and the CLI drive, with the interface of ``PracticeCall``.

``ManagerCall`` ties the manager's pieces together as ``PracticeCall`` does the
recruiter's: the reader reads the employee, the policy decides, the voice phrases, the
coach hints; a snapshot of the state after every turn makes ``replay_from(i)`` exact,
and the whole talk round-trips through JSON (``kind: "manager"`` tells the two apart:
``load_call``). The turn records and results are the recruiter call's own models.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from coach.errors import InputError
from coach.roleplay.manager_judgement import manager_hint
from coach.roleplay.manager_policy import ManagerState, manager_move, open_talk
from coach.roleplay.manager_reading import read_turn
from coach.roleplay.manager_scenario import ManagerScenario
from coach.roleplay.manager_scorecard import ManagerScorecard, build_manager_scorecard
from coach.roleplay.manager_voice import ManagerVoice
from coach.roleplay.session import MAX_MESSAGE_CHARS, PracticeCall, TurnRecord, TurnResult

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

SAVE_VERSION = 1


class _Saved(BaseModel):
    kind: Literal["manager"] = "manager"
    version: int
    scenario: ManagerScenario
    hints: bool
    opening: str
    turns: list[TurnRecord]
    states: list[ManagerState]
    ended: bool


class ManagerCall:
    """One raise or promotion talk. ``llm=None`` phrases the manager from templates."""

    def __init__(
        self, scenario: ManagerScenario, *, llm: BaseChatModel | None = None, hints: bool = True
    ) -> None:
        self.scenario = scenario
        self.hints = hints
        self._voice = ManagerVoice(scenario, llm)
        self._opening: str | None = None
        self._turns: list[TurnRecord] = []
        self._states: list[ManagerState] = []
        self._ended = False

    def start(self) -> str:
        if self._opening is None:
            state, move = open_talk(self.scenario)
            self._states = [state]
            self._opening = self._voice.speak(move, 0).text
        return self._opening

    def turn(self, text: str) -> TurnResult:
        message = (text or "").strip()
        if not message:
            raise InputError("Type what you would say to your manager.")
        if len(message) > MAX_MESSAGE_CHARS:
            raise InputError(f"Keep each message under {MAX_MESSAGE_CHARS:,} characters.")
        self.start()
        if self.ended:
            raise InputError("The talk has ended; start a new one or replay from an earlier turn.")
        before = self.state
        said = [self.start(), *(t.recruiter for t in self._turns)]
        read = read_turn(message, after=said[-1])  # a bare "ok" answers the last line
        after, move = manager_move(self.scenario, before, read)
        spoken = self._voice.speak(move, after.turn, message, said)
        shown = [t.hint.text for t in self._turns if t.hint is not None]
        hint = manager_hint(self.scenario, before, after, move, shown) if self.hints else None
        acts = [a.value for a in move.acts()]
        self._states.append(after)
        self._turns.append(
            TurnRecord(
                index=len(self._turns),
                candidate=message,
                recruiter=spoken.text,
                voice=spoken.source,
                moves=acts,
                hint=hint,
            )
        )
        return TurnResult(
            recruiter_text=spoken.text,
            hint=hint,
            state_summary=after.summary(),
            ended=after.closed,
            moves=acts,
        )

    def end(self) -> ManagerScorecard:
        self.start()
        self._ended = True
        return build_manager_scorecard(
            self.scenario, self.state, [t.candidate for t in self._turns]
        )

    def replay_from(self, index: int) -> ManagerCall:
        self.start()
        if not 0 <= index <= len(self._turns):
            raise InputError(
                f"There is no turn {index} to replay from; pick 0 to {len(self._turns)}."
            )
        copy = ManagerCall(self.scenario, llm=self._voice.llm, hints=self.hints)
        copy._opening = self._opening
        copy._turns = [t.model_copy(deep=True) for t in self._turns[:index]]
        copy._states = [s.model_copy(deep=True) for s in self._states[: index + 1]]
        return copy

    @property
    def state(self) -> ManagerState:
        self.start()
        return self._states[-1]

    @property
    def ended(self) -> bool:
        return self._ended or self.state.closed

    @property
    def turns(self) -> list[TurnRecord]:
        return list(self._turns)

    def transcript(self) -> list[dict[str, Any]]:
        """Manager, employee and coach lines in order (the roles the recruiter call uses:
        ``recruiter`` is the other side of the table, ``candidate`` the user)."""
        lines: list[dict[str, Any]] = [{"role": "recruiter", "text": self.start()}]
        for turn in self._turns:
            lines.append({"role": "candidate", "text": turn.candidate})
            lines.append({"role": "recruiter", "text": turn.recruiter})
            if turn.hint is not None:
                lines.append(
                    {"role": "coach", "text": turn.hint.text, "citation": turn.hint.citation}
                )
        return lines

    def to_json(self) -> str:
        return _Saved(
            version=SAVE_VERSION,
            scenario=self.scenario,
            hints=self.hints,
            opening=self.start(),
            turns=self._turns,
            states=self._states,
            ended=self._ended,
        ).model_dump_json()

    @classmethod
    def from_json(cls, text: str, *, llm: BaseChatModel | None = None) -> ManagerCall:
        try:
            saved = _Saved.model_validate(json.loads(text))
        except (ValueError, ValidationError, RecursionError):
            raise InputError("That saved practice talk can't be read; start a new one.") from None
        if saved.version != SAVE_VERSION or len(saved.states) != len(saved.turns) + 1:
            raise InputError("That saved practice talk is from another version; start a new one.")
        call = cls(saved.scenario, llm=llm, hints=saved.hints)
        call._opening, call._turns, call._states = saved.opening, saved.turns, saved.states
        call._ended = saved.ended
        return call


def load_call(text: str, *, llm: BaseChatModel | None = None) -> PracticeCall | ManagerCall:
    """A saved practice call of either kind: a talk with a manager or a recruiter call."""
    try:
        kind = json.loads(text).get("kind") if text.strip().startswith("{") else None
    except (ValueError, RecursionError, AttributeError):
        kind = None
    if kind == "manager":
        return ManagerCall.from_json(text, llm=llm)
    return PracticeCall.from_json(text, llm=llm)
