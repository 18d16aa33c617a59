"""The Offers tab: score one or more offers, the counter script, charts per offer and side by side.

Plain functions over coach.offers; the Gradio layout (coach/ui/offers_layout.py) only wires
them. A bad box is refused with one sentence beside it (``OfferCheck.field_errors``).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from coach import citations as cite
from coach.errors import CoachError, InputError
from coach.money import parse_amount
from coach.offers import Offer, assess_offer, compare_offers, comparison_chart
from coach.offers.compare import offer_chart
from coach.offers.letter_files import LETTER_SUFFIXES, read_letter
from coach.offers.letter_text import LetterText
from coach.offers.parse import NOT_AN_OFFER, read_letter_text, read_offer
from coach.offers.reading import OfferReading
from coach.offers.report import comparison_markdown, score_markdown
from coach.offers.written_numbers import writing_in
from coach.ui.offer_form import (
    COMPANY_KINDS,
    LABELS,
    MIN_GRANT_VALUE,
    FormError,
    FormOffer,
    FormReading,
)

__all__ = [
    "COMPANY_KINDS",
    "LABELS",
    "MAX_OFFERS",
    "MIN_GRANT_VALUE",
    "PLACEHOLDER",
    "FormOffer",
    "LettersRead",
    "OfferCheck",
    "check_offers",
    "read_uploads",
    "safe_check",
]

SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)
MAX_OFFERS = 5
PLACEHOLDER = (
    "Paste one or more offers; separate them with a line of ---\n\n"
    "Acme, senior ML engineer in Seattle: 185k base, 15% bonus, "
    "400k RSUs over 4 years, 20k sign-on\n"
    "---\n"
    "Beta, senior ML engineer in Seattle: 175k base, 0.2% equity at a $500M valuation"
)


@dataclass
class OfferCheck:
    markdown: str
    charts: list[Any] = field(default_factory=list)  # one matplotlib Figure per offer
    comparison_chart: Any = None
    # Box -> the sentence shown beside it (the form's boxes, "pasted", "current", "floor").
    field_errors: dict[str, str] = field(default_factory=dict)
    offers: list[Offer] = field(default_factory=list)  # the offers scored, in report order
    current_base: int | None = None  # typed in its box, else said beside a pasted offer


# The boxes beside the form, named as the layout labels them.
OTHER_LABELS = {
    "pasted": "…or paste offers",
    "letters": "…or upload offer letters",
    "current": "Current base",
    "floor": "Walk-away base",
}


_T = TypeVar("_T")

# What the upload box takes, as its label says it.
LETTER_KINDS = ", ".join(LETTER_SUFFIXES)


@dataclass
class LettersRead:
    """Uploaded letters read into text (the files themselves are already deleted)."""

    letters: list[LetterText] = field(default_factory=list)
    status: str = ""  # what was read, one line a file, for under the upload box
    error: str = ""  # one sentence a file that could not be read


def upload_dirs() -> list[Path]:
    """Where Gradio keeps uploads: its temp dir (GRADIO_TEMP_DIR, else <tmp>/gradio)."""
    import os

    dirs = [Path(tempfile.gettempdir()) / "gradio"]
    if os.environ.get("GRADIO_TEMP_DIR"):
        dirs.insert(0, Path(os.environ["GRADIO_TEMP_DIR"]))
    return [d.resolve() for d in dirs]


def _delete_upload(path: Path) -> None:
    """Delete an uploaded file, and the folder Gradio made for it when that is left empty.

    Only inside Gradio's temp dir: a path from anywhere else is the person's own file."""
    resolved = path.resolve()
    root = next((d for d in upload_dirs() if resolved.is_relative_to(d)), None)
    if root is None:
        return
    resolved.unlink(missing_ok=True)
    folder = resolved.parent
    if folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def read_uploads(
    paths: Sequence[str] | str | None, already: Sequence[LetterText] = ()
) -> LettersRead:
    """Read each uploaded letter into text on this machine, then delete the upload.

    ``paths`` are the files in the upload box now; one read before (``already``) is
    gone from the disk and kept as read. Gradio names an upload's temp file after the
    person's file, so the name shown is theirs. A file that can't be read is said in one
    sentence; the others are kept."""
    if isinstance(paths, str):
        paths = [paths]
    kept = {letter.name: letter for letter in already}
    result = LettersRead()
    errors, status = [], []
    for raw in paths or []:
        path = Path(raw)
        if path.name in kept and not path.exists():  # read and deleted at its upload
            result.letters.append(kept[path.name])
            continue
        try:
            letter = read_letter(path)
        except InputError as err:
            errors.append(err.message)
            continue
        finally:
            _delete_upload(path)
        result.letters.append(letter)
    for letter in result.letters:
        pages = f", {letter.pages} page{'s' * (letter.pages != 1)}" if letter.pages else ""
        status.append(f"Read {letter.name} ({letter.kind}{pages}); the file is deleted.")
    result.status = " ".join(status)
    result.error = " ".join(errors)
    return result


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in SEPARATOR.split(text or "") if block.strip()]


def _amount(text: str, box: str, errors: dict[str, str]) -> int | None:
    if not (text or "").strip():
        return None
    try:
        return parse_amount(text)
    except InputError as err:
        errors[box] = f"{OTHER_LABELS[box]}: {err.message}"
        return None


def _form(form: FormOffer, errors: dict[str, str]) -> FormReading | None:
    try:
        reading = form.read()
    except FormError as err:
        errors.update(err.fields)
        return None
    if reading is None and form.figures_typed():
        # Figures typed with no base would be dropped without a word: say so at the base.
        errors["base"] = (
            f"{LABELS['base']}: the form has figures but no base salary; give the base, "
            "or clear the form to score only the pasted offers."
        )
    return reading


def check_offers(
    form: FormOffer,
    pasted: str,
    current_base: str = "",
    floor: str = "",
    letters: Sequence[LetterText] = (),
    evidence: Sequence[str] = (),
) -> OfferCheck:
    """Score every offer given (form first, then pasted blocks, then uploaded letters);
    compare when there are 2-5. ``evidence``: the person's evidence-pack bullets, which
    each counter script says.

    Raises FormError (a sentence per bad box) or InputError (one sentence for the whole).
    """
    blocks = _blocks(pasted)
    errors: dict[str, str] = {}
    from_form = _form(form, errors)
    current = _amount(current_base, "current", errors)
    walk_away = _amount(floor, "floor", errors)
    if errors:
        raise FormError(errors)
    count = int(form.given()) + len(blocks) + len(letters)
    if not count:
        raise FormError(
            {
                "base": "Enter an offer in the form (base at least), paste one in the box "
                "or upload its letter."
            }
        )
    if count > MAX_OFFERS:
        raise InputError(f"Check at most {MAX_OFFERS} offers at a time; you gave {count}.")
    # (offer, what couldn't be read, what was assumed, what was read): the form's boxes
    # leave nothing unread; a pasted text shows what was read from its words first.
    read: list[tuple[Offer, list[str], list[str], str, str]] = (
        [(from_form.offer, [], from_form.assumptions, from_form.markdown(), "")]
        if from_form
        else []
    )
    asked: list[str] = []
    # (the reading, its name when the offer doesn't name its company): a letter by its file.
    readings = [(_reading(read_offer, block, "pasted", ""), "") for block in blocks]
    readings += [
        (_reading(read_letter_text, letter, "letters", f"{letter.name}: "), letter.name)
        for letter in letters
    ]
    if current is None:  # "I make 160k now" in the pasted text, said back in its assumptions
        current = next((r.current_pay for r, _ in readings if r.current_pay), None)
    for reading, title in readings:
        if reading.offer is None:  # something to ask: shown, and not scored on a guess
            heading = title or f"Offer {len(read) + len(asked) + 1}"
            asked.append(f"### {heading}\n\n{reading.what_i_read()}")
            continue
        read.append(
            (reading.offer, reading.unparsed, reading.assumptions, reading.what_i_read(), title)
        )
    reports, sections, charts = [], list(asked), []
    for i, (offer, unparsed, assumptions, shown, title) in enumerate(read):
        # Every amount in the offer's own currency ("£95,000"), never as dollars.
        with writing_in(offer.currency):
            report = assess_offer(offer, current_base=current, floor=walk_away, evidence=evidence)
            report = report.model_copy(update={"unparsed": unparsed, "assumptions": assumptions})
            name = offer.company or title or f"Offer {i + 1}"
            reports.append(report)
            # What was read (the pasted words' table, the form's worked figures) comes
            # before the score, so the score is read knowing what it is of.
            body = f"{shown}\n\n{score_markdown(report)}" if shown else score_markdown(report)
            sections.append(f"### {name}\n\n{body}")
            charts.append(offer_chart(name, report.totals))
    comparison = None
    if len(reports) >= 2:
        compared = compare_offers([r.offer for r in reports])
        sections.append("### Side by side\n\n" + comparison_markdown(compared))
        comparison = comparison_chart(compared)
    return OfferCheck(
        cite.for_reader("\n\n---\n\n".join(sections)),
        charts,
        comparison,
        offers=[r.offer for r in reports],
        current_base=current,
    )


def _reading(read: Callable[[_T], OfferReading], what: _T, box: str, lead: str) -> OfferReading:
    """One pasted offer or letter read; what can't be scored is one sentence at its box."""
    try:
        reading = read(what)
    except InputError as err:
        raise FormError({box: lead + err.message}) from None
    if not reading.is_offer:
        raise FormError({box: lead + (reading.not_offer or NOT_AN_OFFER)})
    if reading.offer is None and not any(not f.guessed for f in reading.fields):
        # Nothing read at all: one sentence, not an empty table.
        raise FormError({box: lead + " ".join(q.text for q in reading.questions)})
    return reading


def safe_check(
    form: FormOffer,
    pasted: str,
    current_base: str,
    floor: str,
    letters: Sequence[LetterText] = (),
    evidence: Sequence[str] = (),
) -> OfferCheck:
    """Like check_offers, but a bad input becomes one sentence in the report and, for a
    bad box, the same sentence beside it."""
    try:
        return check_offers(form, pasted, current_base, floor, letters, evidence)
    except FormError as err:
        return OfferCheck(f"⚠️ {err.message}", field_errors=dict(err.fields))
    except CoachError as err:
        return OfferCheck(f"⚠️ {err.message}")
