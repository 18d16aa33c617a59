""" "Download my plan": the one-page plan as a PDF, from the Offers tab or after a practice call.

Plain functions (the layouts wire them): each returns the path of the PDF written in a
temporary folder of its own, or raises a CoachError whose one sentence the page shows.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.config import Settings
from coach.errors import CoachError, InputError
from coach.money import parse_amount
from coach.offers.letter_text import LetterText
from coach.offers.model import Offer
from coach.plan.build import PlanRequest, build_plan
from coach.plan.model import Plan
from coach.plan.pdf import write_plan
from coach.plan.raise_build import RaiseRequest, build_raise_plan, can_promote
from coach.roleplay.manager_scenario import ManagerScenario, TalkKind
from coach.roleplay.manager_voice import day_text
from coach.ui.offer_form import FormOffer
from coach.ui.offers_tab import check_offers

PLAN_FILE = "my-negotiation-plan.pdf"


def _written(request: PlanRequest | RaiseRequest, settings: Settings | None) -> Path:
    plan: Plan = (
        build_raise_plan(request, settings)
        if isinstance(request, RaiseRequest)
        else build_plan(request, settings)
    )
    folder = Path(tempfile.mkdtemp(prefix="coach-plan-"))
    return write_plan(plan, folder / PLAN_FILE)


def _amount(text: str) -> int | None:
    return parse_amount(text) if (text or "").strip() else None


def offers_plan(
    form: FormOffer,
    pasted: str,
    current_base: str,
    floor: str,
    letters: Sequence[LetterText] = (),
    settings: Settings | None = None,
) -> Path:
    """The plan for the offers the tab reads (form, pasted, letters: the first is the one
    negotiated), with the current base and floor typed beside them.

    Raises FormError (a sentence per bad box) or InputError, as checking the offers does.
    """
    checked = check_offers(form, pasted, current_base, floor, letters)
    if not checked.offers:  # every offer had something to ask first: the report says what
        raise InputError(
            "There is no offer to plan for yet: answer what the report asks about it first."
        )
    named = [(o.company or f"Offer {i}", o) for i, o in enumerate(checked.offers, start=1)]
    request = PlanRequest(offers=named, current_base=checked.current_base, floor=_amount(floor))
    return _written(request, settings)


def safe_offers_plan(
    form: FormOffer,
    pasted: str,
    current_base: str,
    floor: str,
    letters: Sequence[LetterText] = (),
    settings: Settings | None = None,
) -> tuple[Path | None, str]:
    """Like offers_plan, but a bad input is its one sentence: (path or None, problem)."""
    try:
        return offers_plan(form, pasted, current_base, floor, letters, settings), ""
    except CoachError as err:
        return None, err.message


def _offer_practised(scenario: Any) -> Offer:
    """The candidate's own offer, as the call opened with it (its negotiable figures)."""
    return scenario.offer_of(scenario.first_offer)


def _talk_date(scenario: ManagerScenario, card: Any, said: Sequence[str]) -> dt.date | None:
    """The date the talk fixed: the one its written follow-up was agreed for, else the
    review date when the manager named it; None when the talk named no date."""
    if card.agreed_later is not None:
        day: dt.date = card.agreed_later.day
        return day
    review = scenario.pool.review_date
    return review if any(day_text(review) in line for line in said) else None


def _manager_request(
    scenario: ManagerScenario, card: Any, said: Sequence[str] = ()
) -> RaiseRequest:
    """The raise (or promotion) plan for the person in a manager practice talk: their
    role, level, place and base as the talk had them, its scorecard (its lessons, what it
    agreed, the results they stated) and the date the talk fixed (``said``: the manager's
    lines). For the browser: a blank left names what to find out, never a flag."""
    promote = scenario.talk == TalkKind.PROMOTION and can_promote(scenario.level)
    return RaiseRequest(
        current_base=scenario.current_base,
        role=scenario.role,
        level=scenario.level,
        city=scenario.location,
        promotion=promote,
        review_date=_talk_date(scenario, card, said),
        scorecard=card,
        app=True,
    )


def practice_plan(call: Any | None, settings: Settings | None = None) -> Path:
    """The plan after a practice call: its role, level and place, the offer practised on
    when it was the candidate's own (else range and scripts only), and the scorecard's
    lessons (up to three). After a talk with one's manager: the raise (or promotion)
    plan, with what the talk agreed, the date it fixed and the results said in it. The
    call must have ended (the lessons are its scorecard's)."""
    if call is None:
        raise InputError("There is no practice call yet; start one, end it, then get the plan.")
    if not call.ended:
        raise InputError("End the call first (End call and score): the plan adds its lessons.")
    scenario = call.scenario
    if isinstance(scenario, ManagerScenario):
        said = [line["text"] for line in call.transcript() if line["role"] == "recruiter"]
        return _written(_manager_request(scenario, call.end(), said), settings)
    offers = [(scenario.company, _offer_practised(scenario))] if scenario.opens_with_offer else []
    request = PlanRequest(
        offers=offers,
        role=scenario.role,
        level=scenario.level,
        city=scenario.location,
        scorecard=call.end(),
    )
    return _written(request, settings)


def safe_practice_plan(
    call: Any | None, settings: Settings | None = None
) -> tuple[Path | None, str]:
    """Like practice_plan, but a problem is its one sentence: (path or None, problem)."""
    try:
        return practice_plan(call, settings), ""
    except CoachError as err:
        return None, err.message
