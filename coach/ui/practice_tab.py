"""The Practice call tab: set up a scenario, negotiate with the recruiter, hints, scorecard, replay.

Calls are saved as JSON in the data dir after every turn, per browser session, so a
reload or an app restart brings the call back. Plain functions; the layout is in app.py.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach import citations as cite
from coach.errors import CoachError, InputError
from coach.evidence import saved_bullets
from coach.money import format_usd
from coach.offers import parse_offer
from coach.roleplay import PracticeCall, generate
from coach.roleplay.manager_scenario import generate_manager, typed_base, typed_role
from coach.roleplay.manager_session import ManagerCall, load_call
from coach.roleplay.report import card_markdown, transcript_markdown
from coach.roleplay.scenario import UNNAMED_COMPANY, from_offer
from coach.vocabulary import employer_labels

Message = dict[str, Any]
TOUGHNESS = ["soft", "standard", "tough"]
# Who is across the table: the choice's label -> the kind of call.
COUNTERPARTS = {"Recruiter (an offer)": "recruiter", "My manager (a raise or promotion)": "manager"}
TALKS = ["raise", "promotion"]
# The set-up line and the closing note follow who is across the table: a manager talk is
# never "the call with the recruiter".
FLOW = {
    "recruiter": "**Set up** the call → **talk** with the recruiter → **end** it → read your "
    "**scorecard**. The coach's hints appear beside the call.",
    "manager": "**Set up** the talk → **talk** with your manager → **end** it → read your "
    "**scorecard**. The coach's hints appear beside the talk.",
}
CLOSED = {
    "recruiter": "*The recruiter closed the call — press End call to see your scorecard.*",
    "manager": "*The talk with your manager has ended — press End call to see your scorecard.*",
}
# The choices are the vocabulary's employer types, as people see them.
EMPLOYER_TYPES = ["any", *employer_labels()]
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Setup:
    role: str = ""
    level: str = ""
    location: str = ""
    employer_type: str = "any"
    toughness: str = "standard"
    seed: float | None = None
    offer_text: str = ""
    counterpart: str = "recruiter"  # a COUNTERPARTS label or value
    current_base: str = ""  # the manager talk: the person's base today
    talk: str = "raise"  # the manager talk: raise or promotion


class PracticeStore:
    """One saved call per browser session, in ``<data dir>/practice/``."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "practice"

    def _path(self, thread_id: str) -> Path:
        return self.folder / f"{_SAFE_ID.sub('', thread_id)[:80] or 'default'}.json"

    def save(self, thread_id: str, call: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(thread_id)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(call.to_json(), encoding="utf-8")
        tmp.replace(path)  # never leave a half-written call behind

    def load(self, thread_id: str, llm: Any = None) -> Any | None:
        path = self._path(thread_id)
        if not path.exists():
            return None
        return load_call(path.read_text(encoding="utf-8"), llm=llm)


def _seed(setup: Setup) -> int:
    if setup.seed not in (None, "") and not math.isfinite(float(setup.seed)):
        raise InputError(
            "The scenario number must be a whole number; use 0 for a new scenario each time."
        )
    seed = int(setup.seed) if setup.seed not in (None, "") else 0
    if seed == 0:  # 0 or empty: a new scenario each time
        seed = random.SystemRandom().randrange(1, 1_000_000)
    return seed


def _current_base(text: str) -> int | None:
    """The "Your base today" box: "140k", "$140,000"; empty for a generated one."""
    return typed_base(text, "Your base today must be an amount, e.g. 140k.")


def _manager_scenario(setup: Setup) -> Any:
    return generate_manager(
        _seed(setup),
        talk=setup.talk or "raise",
        toughness=setup.toughness or "standard",
        role=typed_role(
            setup.role, "Your role is needed for a talk with your manager, e.g. data engineer."
        ),
        level=setup.level.strip() or None,
        location=setup.location.strip() or None,
        current_base=_current_base(setup.current_base),
    )


def pack_bullets(home: Path) -> tuple[str, ...]:
    """The user's evidence-pack bullets, which the hints quote (none without a pack)."""
    return tuple(saved_bullets(home))


def _scenario(setup: Setup) -> Any:
    employer = None if setup.employer_type in ("", "any") else setup.employer_type
    if setup.offer_text.strip():  # practise on one of the user's own offers
        # The boxes fill only what the offer leaves out; the recruiter opens with the offer.
        return from_offer(
            parse_offer(setup.offer_text).offer,
            _seed(setup),
            toughness=setup.toughness or "standard",
            role=setup.role.strip() or None,
            level=setup.level.strip() or None,
            location=setup.location.strip() or None,
            employer_type=employer,
        )
    return generate(
        _seed(setup),
        toughness=setup.toughness or "standard",
        role=setup.role.strip() or None,
        level=setup.level.strip() or None,
        location=setup.location.strip() or None,
        employer_type=employer,
    )


def _manager_brief(call: ManagerCall) -> str:
    scenario, brief = call.scenario, call.scenario.brief()
    lines = [
        f"A **{brief['talk']}** talk with your manager **{brief['manager']}** at "
        f"{brief['company']}, {brief['location']} ({brief['toughness']}). You are "
        f"**{brief['role']}** on {format_usd(scenario.current_base)} base.",
    ]
    if scenario.market:
        source = ", ".join(scenario.market.sources) or scenario.market.basis
        lines.append(
            f"Market median base for this role: {format_usd(scenario.market.p50)} ({source})."
        )
    lines.append("Make your case as you would in the meeting; hints appear on the right.")
    return "\n\n".join(lines)


def counterpart_of(choice: str) -> str:
    """ "recruiter" or "manager" from the choice's label or value; InputError otherwise."""
    value = COUNTERPARTS.get(choice, choice)
    if value not in FLOW:
        raise InputError(f"Who is across the table: choose one of {', '.join(COUNTERPARTS)}.")
    return value


def flow_markdown(choice: str) -> str:
    """The set-up line for who is across the table."""
    return FLOW[counterpart_of(choice)]


def flow_of(call: Any) -> str:
    """The set-up line for a call already started (a restored talk with the manager)."""
    return FLOW["manager" if isinstance(call, ManagerCall) else "recruiter"]


def closed_note(call: Any) -> str:
    """What the hints column says once the other side has closed the call or the talk."""
    return CLOSED["manager" if isinstance(call, ManagerCall) else "recruiter"]


def brief_markdown(call: Any) -> str:
    if isinstance(call, ManagerCall):
        return _manager_brief(call)
    scenario = call.scenario
    brief = scenario.brief()
    market = brief.get("market") or {}
    median = market.get("p50") or market.get("median")
    where = (
        f"at **{brief['company']}**"
        if brief["company"] != UNNAMED_COMPANY
        else "(no company named)"
    )
    lines = [
        f"**{brief['role']}** {where} ({brief['employer_type']}), "
        f"{brief['location']} — recruiter **{brief['recruiter']}**, {brief['toughness']}.",
    ]
    if scenario.opens_with_offer:
        lines.append("Practising on your offer: the recruiter opens with it.")
    if median:
        lines.append(f"Market median base for this role: {format_usd(median)} (salary lookup).")
    lines.append("Negotiate as you would on the call; hints from the coach appear on the right.")
    return "\n\n".join(lines)


def chat_of(call: Any) -> list[Message]:
    """The recruiter and you, your lines numbered as "Replay from turn" counts them; the
    coach's hints are kept out of the recruiter's chat."""
    out: list[Message] = []
    turn = 0
    for line in call.transcript():
        if line["role"] == "recruiter":
            out.append({"role": "assistant", "content": line["text"]})
        elif line["role"] == "candidate":
            turn += 1
            out.append({"role": "user", "content": f"<sub>Turn {turn}</sub>\n\n{line['text']}"})
    return out


def hints_of(call: Any) -> str:
    hints = [
        cite.for_reader(
            f"- **Turn {t.index + 1}:** {t.hint.text}"
            + ("" if t.hint.citation in t.hint.text else f" [{t.hint.citation}]")
        )
        for t in call.turns
        if t.hint is not None
    ]
    return "\n".join(hints) or "*Hints from the coach appear here after each of your turns.*"


def start(setup: Setup, llm: Any = None, evidence: tuple[str, ...] = ()) -> Any:
    """A new call; ``llm`` (a chat model) voices the other side, else templates do;
    ``evidence``: the user's pack bullets, which the hints quote."""
    counterpart = COUNTERPARTS.get(setup.counterpart, setup.counterpart)
    call: Any
    if counterpart == "manager":
        scenario = _manager_scenario(setup).model_copy(update={"evidence": evidence})
        call = ManagerCall(scenario, llm=llm)
    else:
        call = PracticeCall(_scenario(setup).model_copy(update={"evidence": evidence}), llm=llm)
    call.start()
    return call


def play(call: Any | None, text: str) -> Any:
    if call is None:
        raise InputError("Start a practice call first (choose a scenario and press Start).")
    if call.ended:
        raise InputError(
            "This call has ended: see the scorecard, replay from a turn, or start a new one."
        )
    call.turn(text)
    return call


def end(call: Any | None) -> str:
    if call is None:
        raise InputError("There is no practice call to score yet; start one first.")
    return cite.for_reader(card_markdown(call.end()))


def replay(call: Any | None, turn_number: float | None) -> Any:
    if call is None:
        raise InputError("There is no practice call to replay; start one first.")
    if (
        turn_number is None
        or not math.isfinite(turn_number)  # int() of NaN or infinity raises
        or not 1 <= int(turn_number) <= max(1, len(call.turns))
    ):
        raise InputError(f"Pick a turn between 1 and {max(1, len(call.turns))} to replay from.")
    return call.replay_from(int(turn_number) - 1)


def export(call: Any | None) -> str:
    if call is None:
        raise InputError("There is no practice call to export yet.")
    return cite.for_reader(transcript_markdown(call, call.end() if call.ended else None))


def plain(err: Exception) -> str:
    return err.message if isinstance(err, CoachError) else "Something went wrong; the call is kept."
