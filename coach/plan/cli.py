"""`coach plan`: the one-page negotiation plan, as Markdown or as a one-page PDF.

``register(app)`` adds the command to the project's Typer app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli_errors import plain_errors
from coach.errors import InputError
from coach.money import parse_amount, quote

if TYPE_CHECKING:
    from coach.offers import Offer

# As coach.plan.build.MAX_OFFERS: checked here before the tools load.
MAX_OFFERS = 5


def _amount(text: str | None, flag: str) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_amount(text)
    except InputError as err:
        raise InputError(f"{flag}: {err.message}") from None


def _stated(text: str | None, field: str, flag: str) -> str | None:
    if text is None or not text.strip():
        return None
    from coach.offers.stated import check_field

    try:
        check_field(field, text)  # type: ignore[arg-type]
    except InputError as err:
        raise InputError(f"{flag}: {err.message}") from None
    return text.strip()


def _review_date(text: str | None, today: dt.date) -> dt.date | None:
    if text is None or not text.strip():
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "--review-date: give the date as YYYY-MM-DD (e.g. 2027-03-01), "
            f"not '{quote(text, 40)}'."
        ) from None
    if day < today:
        raise InputError(f"--review-date: {day.isoformat()} has passed; give the next review's.")
    return day


def _raise_plan(
    out: Path,
    *,
    promotion: bool,
    offers: list[str],
    floor: str | None,
    current_base: str | None,
    role: str | None,
    level: str | None,
    city: str | None,
    review_date: str | None,
) -> None:
    """The plan for the talk with one's own manager (--raise, --promotion)."""
    from coach.config import load_settings
    from coach.plan.pdf import write_plan
    from coach.plan.raise_build import RaiseRequest, build_raise_plan

    if offers:
        raise InputError("--offer: a raise plan is for your current job; leave out --offer.")
    if floor is not None and floor.strip():
        raise InputError("--floor: a raise plan has no walk-away number; leave out --floor.")
    base = _amount(current_base, "--current-base")
    if base is None:
        raise InputError("--current-base: a raise plan needs your base today, e.g. 140k.")
    if not (role or "").strip():
        raise InputError("--role: a raise plan needs your role, e.g. --role 'data engineer'.")
    request = RaiseRequest(
        current_base=base,
        role=_stated(role, "role", "--role") or "",
        level=_stated(level, "level", "--level"),
        city=_stated(city, "location", "--city"),
        promotion=promotion,
        review_date=_review_date(review_date, dt.date.today()),
    )
    written = write_plan(build_raise_plan(request, load_settings()), out)
    typer.echo(f"Plan written to {written}.")


def _offer(source: str, number: int) -> tuple[str, Offer]:
    """An offer from a letter, an offer file or its text; named by its company, else its
    file, else its place on the command line."""
    from coach.offers import load_offer

    try:
        offer = load_offer(source).offer
    except InputError as err:
        raise InputError(
            # The file's name (or the text's start) quoted: one line, nothing raw echoed.
            f"--offer '{quote(source, 60)}': {err.message}"
        ) from None
    name = offer.company or (Path(source).stem if Path(source).suffix else f"Offer {number}")
    return name, offer


def plan(
    out: Annotated[
        Path, typer.Option("--out", help="Where to write the plan: plan.md or plan.pdf (one page).")
    ],
    offer: Annotated[
        list[str] | None,
        typer.Option(
            "--offer",
            help="An offer letter (.pdf, .docx, .eml, .txt, .md), an offer file (.yaml, "
            ".json) or its text; give it twice for two offers (the first is negotiated).",
        ),
    ] = None,
    current_base: Annotated[
        str | None, typer.Option("--current-base", help="Your current base salary, e.g. 150k.")
    ] = None,
    floor: Annotated[
        str | None, typer.Option("--floor", help="Your walk-away base salary, e.g. 170k.")
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="The role, if there is no offer or it says none.")
    ] = None,
    city: Annotated[
        str | None, typer.Option("--city", help="US metro or state, 'remote', or a country.")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="entry, mid, senior, staff; or L5, E5, IC4.")
    ] = None,
    raise_: Annotated[
        bool,
        typer.Option(
            "--raise", help="A plan for asking your own manager for a raise (needs --current-base)."
        ),
    ] = False,
    promotion: Annotated[
        bool,
        typer.Option("--promotion", help="A plan for asking for a promotion (needs --level)."),
    ] = False,
    review_date: Annotated[
        str | None,
        typer.Option("--review-date", help="With --raise: your next review, e.g. 2027-03-01."),
    ] = None,
) -> None:
    """A one-page plan for the call: market, range, walk-away, offers, script, levers,
    likely objections, the five mistakes, your evidence and the timeline.

    With no offer yet: the range and the scripts to state it (give --role). With --raise
    (or --promotion): the talk with your own manager: your market gap, the ask and its
    date, the fallback asks, your manager's likely objections and when to push."""
    if out.suffix.lower() not in (".md", ".pdf"):
        raise InputError(f"--out: name a .md or .pdf file, not '{out.name}'.")
    if raise_ or promotion:
        _raise_plan(
            out,
            promotion=promotion,
            offers=offer or [],
            floor=floor,
            current_base=current_base,
            role=role,
            level=level,
            city=city,
            review_date=review_date,
        )
        return
    if review_date is not None:
        raise InputError("--review-date: it goes with --raise or --promotion.")
    # The tools, the market tables and fpdf2 load only when a plan is made.
    from coach.config import load_settings
    from coach.plan.build import PlanRequest, build_plan
    from coach.plan.pdf import write_plan

    sources = offer or []
    if len(sources) > MAX_OFFERS:
        raise InputError(f"--offer: give at most {MAX_OFFERS}; you gave {len(sources)}.")
    request = PlanRequest(
        offers=[_offer(source, i) for i, source in enumerate(sources, start=1)],
        current_base=_amount(current_base, "--current-base"),
        floor=_amount(floor, "--floor"),
        role=_stated(role, "role", "--role"),
        level=_stated(level, "level", "--level"),
        city=_stated(city, "location", "--city"),
    )
    try:
        built = build_plan(request, load_settings())
    except InputError as err:
        if err.message.startswith("role:"):  # the builder names its field; the flag here
            raise InputError("--" + err.message) from None
        raise
    written = write_plan(built, out)
    typer.echo(f"Plan written to {written}.")


def register(app: typer.Typer) -> None:
    """Add `plan` to ``app``."""
    app.command("plan")(plain_errors(plan))
