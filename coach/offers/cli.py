"""`coach offer score` and `coach offer compare`: the same functions the UI and agent call.

``register(app)`` adds the ``offer`` sub-app to the project's Typer app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from coach import citations as cite
from coach.cli_errors import plain_errors
from coach.config import load_settings
from coach.errors import CoachError, InputError
from coach.evidence import saved_bullets
from coach.money import format_usd, parse_amount
from coach.offers.assess import Assessment, assess_offer
from coach.offers.compare import Comparison, compare_offers, comparison_chart
from coach.offers.letter_files import LETTER_SUFFIXES
from coach.offers.parse import (
    ParseResult,
    load_offer,
    looks_like_file,
    parse_result,
    read_offer,
    read_offer_file,
)
from coach.offers.stated import Field, check_field, with_stated
from coach.offers.totals import DEFAULT_HAIRCUT, Totals
from coach.offers.written_numbers import writing_in


def _amount(text: str | None, what: str) -> int | None:
    if text is None:
        return None
    try:
        return parse_amount(text)
    except InputError as err:
        raise InputError(f"{what}: {err.message}") from None


def _stated(stated: dict[Field, str | None]) -> dict[Field, str | None]:
    """Each flag given checked on its own, so an error names the flag."""
    for field, text in stated.items():
        if text is not None:
            flag = "--" + field.replace("_", "-")
            try:
                check_field(field, text)
            except InputError as err:
                raise InputError(f"{flag}: {err.message}") from None
    return stated


def _evidence() -> list[str]:
    """Your evidence-pack bullets (COACH_HOME), which the counter script says. A pack file
    that can't be read is named on stderr and the script keeps its placeholder."""
    try:
        return saved_bullets(load_settings().home)
    except CoachError as err:
        typer.echo(f"Warning: {err.message}", err=True)
        return []


def _haircut(percent: float) -> float:
    if not 0 <= percent <= 100:
        raise InputError(f"A haircut of {percent:g}% is not valid; use 0 to 100.")
    return percent / 100


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _say(console: Console, text: str = "", *, bold: bool = False) -> None:
    """Print as written: offer text and citations contain [brackets] that aren't markup;
    a citation reads as its section's title."""
    console.print(cite.for_reader(text), markup=False, style="bold" if bold else None)


def _totals_table(totals: Totals) -> Table:
    table = Table(title="Year by year", title_justify="left")
    table.add_column("")
    for year in range(totals.horizon):
        table.add_column(f"Year {year + 1}", justify="right", no_wrap=True)
    table.add_column("4 years", justify="right", no_wrap=True)
    for line in totals.lines:
        label = line.label + (" (not in totals)" if line.kind == "not_counted" else "")
        table.add_row(escape(label), *[format_usd(v) for v in line.by_year], format_usd(line.total))
    table.add_row(
        "[bold]Total[/]",
        *[format_usd(v) for v in totals.total_by_year],
        f"[bold]{format_usd(totals.four_year_total)}[/]",
    )
    if totals.has_private_equity:
        table.add_row(
            f"Total, {totals.haircut_percent:g}% haircut",
            *[format_usd(v) for v in totals.total_by_year_after_haircut],
            format_usd(totals.four_year_total_after_haircut),
        )
    return table


def _print_score(console: Console, report: Assessment) -> None:
    offer, score, counter = report.offer, report.score, report.counter
    title = " · ".join(
        x
        for x in (
            offer.company,
            offer.role,
            offer.location,
            offer.employer_type.label if offer.employer_type else None,
        )
        if x
    )
    _say(console, title or "Offer", bold=True)
    shown = f"{score.score}/100" if score.score is not None else "none (see why below)"
    if score.score is not None and len(score.judged_on) < len(score.components):
        shown += f" (judged only on: {', '.join(score.judged_on).lower()})"
    _say(console, f"Score: {shown}", bold=True)
    for part in score.components:
        points = f"{part.points:5.1f}" if part.points is not None else "    —"
        _say(console, f"  {points} pts  x{part.weight:g}  {part.label}: {part.detail}")
    for verdict in score.verdicts:
        _say(console, f"\nVerdict: {verdict.headline} [{verdict.citation}]", bold=True)
        for reason in verdict.reasons:
            _say(console, f"  • {reason}")
    _say(console)
    console.print(_totals_table(report.totals))
    _say(
        console,
        f"Annualised total comp: {format_usd(report.totals.annualised)}"
        + (
            f" ({format_usd(report.totals.annualised_after_haircut)} after the haircut)"
            if report.totals.has_private_equity
            else ""
        ),
    )
    _say(console, "\nCounter-proposal", bold=True)
    if counter.anchor is not None:
        _say(console, f"  Anchor {format_usd(counter.anchor)}: {counter.anchor_basis}")
        _say(
            console,
            f"  Range {format_usd(counter.range_low or 0)} to "
            f"{format_usd(counter.range_high or 0)} (15% above the anchor; "
            f"{format_usd(counter.range_stretch or 0)} at 20%)",
        )
    else:
        _say(console, f"  {counter.anchor_basis}")
    _say(
        console,
        "  Levers, in order of likely give (any worth under "
        f"{format_usd(counter.lever_floor)} last):",
    )
    for i, lever in enumerate(counter.levers, start=1):
        value = format_usd(lever.value) if lever.value is not None else "no dollar value"
        _say(
            console, f"  {i}. {lever.name} ({value}): {lever.ask} {lever.basis} [{lever.citation}]"
        )
    _say(console, "\nScript", bold=True)
    _say(console, counter.script)
    _print_lists(
        console,
        {
            "Couldn't read": report.unparsed,
            "Assumptions": report.assumptions + report.totals.assumptions,
            "Notes": score.notes,
        },
    )


def _print_lists(console: Console, sections: dict[str, list[str]]) -> None:
    for heading, lines in sections.items():
        if lines:
            _say(console, f"\n{heading}", bold=True)
            for line in lines:
                _say(console, f"  • {line}")


def score(
    offer: Annotated[
        str,
        typer.Argument(
            help="An offer letter (.pdf, .docx, .eml, .msg saved as text, .txt, .md), an "
            "offer file (.yaml, .json) or the offer text, e.g. '185k base, 15% bonus'."
        ),
    ],
    current_base: Annotated[
        str | None, typer.Option("--current-base", help="Your current base salary, e.g. 150k.")
    ] = None,
    floor: Annotated[
        str | None, typer.Option("--floor", help="Your walk-away base salary, e.g. 170k.")
    ] = None,
    haircut: Annotated[
        float, typer.Option("--haircut", help="Liquidity haircut on private equity, in percent.")
    ] = DEFAULT_HAIRCUT * 100,
    role: Annotated[
        str | None, typer.Option("--role", help="The role, if the text doesn't say it.")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="entry, mid, senior, staff; or L5, E5, IC4.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="US metro or state, 'remote', or a country.")
    ] = None,
    company: Annotated[str | None, typer.Option("--company", help="The company's name.")] = None,
    employer_type: Annotated[
        str | None, typer.Option("--employer-type", help="e.g. AI lab, big tech, other.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Four-year totals, market score, verdict and counter-proposal for one offer.

    --role, --level, --location, --company and --employer-type fill what the text
    leaves out; where the text says otherwise, the flag is used and the assumptions
    say so.
    """
    stated = _stated(
        {
            "role": role,
            "level": level,
            "location": location,
            "company": company,
            "employer_type": employer_type,
        }
    )
    console = _console()
    parsed = _read_or_ask(console, offer, quiet=as_json)
    read, replaced = with_stated(parsed.offer, stated, source="--{field}")
    # Every amount is written in the offer's own currency ("£95,000"), never as dollars.
    with writing_in(read.currency):
        report = assess_offer(
            read,
            current_base=_amount(current_base, "--current-base"),
            floor=_amount(floor, "--floor"),
            haircut=_haircut(haircut),
            evidence=_evidence(),
        )
        report = report.model_copy(
            update={"unparsed": parsed.unparsed, "assumptions": [*parsed.assumptions, *replaced]}
        )
        if as_json:
            data = report.model_dump(mode="json")
            if parsed.reading is not None:
                data["reading"] = parsed.reading.model_dump(mode="json", exclude={"offer"})
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        if parsed.reading is not None:  # what was read, before any judgement of it
            _say(console, parsed.reading.what_i_read_text())
        _print_score(console, report)


def _read_or_ask(console: Console, source: str, *, quiet: bool) -> ParseResult:
    """The offer from a letter, a file or text; a letter or text with something to ask
    shows what was read (a letter's with its page and line), then stops with the
    questions (nothing is scored on a guess)."""
    if looks_like_file(source):
        path = Path(source)
        if path.suffix.lower() not in LETTER_SUFFIXES or not path.is_file():
            return load_offer(source)  # .json/.yaml, or the sentence for a missing file
        reading = read_offer_file(path)
    else:
        reading = read_offer(source)
    if reading.is_offer and reading.offer is None and not quiet:
        _say(console, reading.what_i_read_text())
    return parse_result(reading)


def _comparison_table(comparison: Comparison) -> Table:
    table = Table(title="Offers side by side", title_justify="left")
    table.add_column("")
    for name in comparison.names:
        table.add_column(escape(name), justify="right", no_wrap=True)
    for row in comparison.rows:
        table.add_row(row.label, *[format_usd(v) for v in row.values])
    return table


def compare(
    offers: Annotated[list[str], typer.Argument(help="2 to 5 offer files (or offer texts).")],
    haircut: Annotated[
        float, typer.Option("--haircut", help="Liquidity haircut on private equity, in percent.")
    ] = DEFAULT_HAIRCUT * 100,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also save the comparison chart as a PNG here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Compare 2-5 offers per year and over four years."""
    parsed = [load_offer(source) for source in offers]
    comparison = compare_offers([p.offer for p in parsed], haircut=_haircut(haircut))
    if chart is not None:
        if not chart.suffix:  # matplotlib would add .png: name the file it writes
            chart = chart.with_suffix(".png")
        try:
            comparison_chart(comparison).savefig(chart, dpi=120)
        except OSError as err:
            raise InputError(f"The chart can't be saved to {chart}: {err.strerror}.") from None
        except ValueError:  # matplotlib: a suffix that is no image format, like .xyz
            raise InputError(
                f"The chart can't be saved as '{chart.suffix}'; name a .png, .svg or .pdf file."
            ) from None
    if as_json:
        payload = comparison.model_dump(mode="json")
        payload["unparsed"] = {n: p.unparsed for n, p in zip(comparison.names, parsed, strict=True)}
        typer.echo(json.dumps(payload, indent=2))
        return
    console = _console()
    console.print(_comparison_table(comparison))
    unparsed = [
        f"{name}: {item}"
        for name, p in zip(comparison.names, parsed, strict=True)
        for item in p.unparsed
    ]
    _print_lists(
        console,
        {
            "Notes": [*comparison.notes, f"Compared as in {comparison.citation}."],
            "Couldn't read": unparsed,
        },
    )
    if chart is not None:
        _say(console, f"\nChart saved to {chart}")


def register(app: typer.Typer) -> None:
    """Add `offer score` and `offer compare` to ``app``."""
    offer_app = typer.Typer(help="Score, counter and compare job offers.", no_args_is_help=True)
    offer_app.command("score")(plain_errors(score))
    offer_app.command("compare")(plain_errors(compare))
    app.add_typer(offer_app, name="offer")
