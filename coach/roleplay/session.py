"""A practice call the UI and the CLI drive: start, turn, end, replay, save and restore.

``PracticeCall`` ties the pieces together without adding rules of its own: the
parser reads the candidate, the policy decides, the voice phrases, the coach
hints. It keeps a snapshot of the state after every turn, so ``replay_from(i)``
restarts just before candidate turn ``i`` without re-asking any model, and the
whole call round-trips through JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from coach.errors import InputError
from coach.roleplay.hints import Hint, hint_for
from coach.roleplay.moves import parse_moves
from coach.roleplay.policy import NegotiationState, open_call, recruiter_move
from coach.roleplay.scenario import Scenario
from coach.roleplay.scorecard import Scorecard, build_scorecard
from coach.roleplay.voice import Voice

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

MAX_MESSAGE_CHARS = 2_000
SAVE_VERSION = 1


class TurnRecord(BaseModel):
    index: int
    candidate: str
    recruiter: str
    voice: str
    moves: list[str]
    hint: Hint | None = None


class TurnResult(BaseModel):
    recruiter_text: str
    hint: Hint | None
    state_summary: dict[str, Any]
    ended: bool
    moves: list[str]


class _Saved(BaseModel):
    version: int
    scenario: Scenario
    hints: bool
    opening: str
    turns: list[TurnRecord]
    states: list[NegotiationState]
    ended: bool


class PracticeCall:
    """One role-play call. ``llm=None`` phrases the recruiter from templates."""

    def __init__(
        self, scenario: Scenario, *, llm: BaseChatModel | None = None, hints: bool = True
    ) -> None:
        self.scenario = scenario
        self.hints = hints
        self._voice = Voice(scenario, llm)
        self._opening: str | None = None
        self._turns: list[TurnRecord] = []
        self._states: list[NegotiationState] = []
        self._ended = False

    # -- driving the call ---------------------------------------------------------
    def start(self) -> str:
        """The recruiter's opening line (the same one if called again)."""
        if self._opening is None:
            state, move = open_call(self.scenario)
            self._states = [state]
            self._opening = self._voice.speak(move, 0).text
        return self._opening

    def turn(self, text: str) -> TurnResult:
        """The recruiter's answer to one candidate message, and the coach's hint."""
        message = (text or "").strip()
        if not message:
            raise InputError("Type what you would say to the recruiter.")
        if len(message) > MAX_MESSAGE_CHARS:
            raise InputError(f"Keep each message under {MAX_MESSAGE_CHARS:,} characters.")
        self.start()
        if self.ended:
            raise InputError("The call has ended; start a new one or replay from an earlier turn.")
        before = self.state
        parsed = parse_moves(message)
        after, move = recruiter_move(self.scenario, before, parsed)
        said = [self.start(), *(t.recruiter for t in self._turns)]
        spoken = self._voice.speak(move, after.turn, message, said)
        hint = hint_for(self.scenario, before, after, parsed, move) if self.hints else None
        kinds = [m.kind.value for m in parsed.moves]
        self._states.append(after)
        self._turns.append(
            TurnRecord(
                index=len(self._turns),
                candidate=message,
                recruiter=spoken.text,
                voice=spoken.source,
                moves=kinds,
                hint=hint,
            )
        )
        return TurnResult(
            recruiter_text=spoken.text,
            hint=hint,
            state_summary=after.summary(),
            ended=after.closed,
            moves=kinds,
        )

    def end(self) -> Scorecard:
        """Finish the call (if still open) and score it."""
        self.start()
        self._ended = True
        return build_scorecard(self.scenario, self.state, [t.candidate for t in self._turns])

    def replay_from(self, index: int) -> PracticeCall:
        """A new call holding the first ``index`` candidate turns, ready for a different one."""
        self.start()
        if not 0 <= index <= len(self._turns):
            raise InputError(
                f"There is no turn {index} to replay from; pick 0 to {len(self._turns)}."
            )
        copy = PracticeCall(self.scenario, llm=self._voice.llm, hints=self.hints)
        copy._opening = self._opening
        copy._turns = [t.model_copy(deep=True) for t in self._turns[:index]]
        copy._states = [s.model_copy(deep=True) for s in self._states[: index + 1]]
        return copy

    # -- what the UI shows --------------------------------------------------------
    @property
    def state(self) -> NegotiationState:
        self.start()
        return self._states[-1]

    @property
    def ended(self) -> bool:
        return self._ended or self.state.closed

    @property
    def turns(self) -> list[TurnRecord]:
        return list(self._turns)

    def transcript(self) -> list[dict[str, Any]]:
        """Recruiter, candidate and coach lines in order; the coach is never the recruiter."""
        lines: list[dict[str, Any]] = [{"role": "recruiter", "text": self.start()}]
        for turn in self._turns:
            lines.append({"role": "candidate", "text": turn.candidate})
            lines.append({"role": "recruiter", "text": turn.recruiter})
            if turn.hint is not None:
                lines.append(
                    {"role": "coach", "text": turn.hint.text, "citation": turn.hint.citation}
                )
        return lines

    # -- surviving a restart ------------------------------------------------------
    def to_json(self) -> str:
        saved = _Saved(
            version=SAVE_VERSION,
            scenario=self.scenario,
            hints=self.hints,
            opening=self.start(),
            turns=self._turns,
            states=self._states,
            ended=self._ended,
        )
        return saved.model_dump_json()

    @classmethod
    def from_json(cls, text: str, *, llm: BaseChatModel | None = None) -> PracticeCall:
        try:
            saved = _Saved.model_validate(json.loads(text))
        except (ValueError, ValidationError, RecursionError):  # RecursionError: nested too deep
            raise InputError("That saved practice call can't be read; start a new one.") from None
        if saved.version != SAVE_VERSION or len(saved.states) != len(saved.turns) + 1:
            raise InputError("That saved practice call is from another version; start a new one.")
        call = cls(saved.scenario, llm=llm, hints=saved.hints)
        call._opening, call._turns, call._states = saved.opening, saved.turns, saved.states
        call._ended = saved.ended
        return call
