"""One reading of an offer: every field with the words it came from, what was guessed, what to ask.

``read_offer(text)`` is the one way an offer typed, pasted or loaded is understood; the
CLI, the UI and both coach backends show its ``what_i_read()`` before any score, so the
person sees what the coach took from their words. A field that can't be read for sure
is a ``Question`` ("10,000 RSUs at what price per share?"), never a guess: the offer is
built (``offer``) only when nothing it needs is in question. A value out of bounds is
refused with one sentence naming the field (``InputError``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from coach.offers.model import Offer


class ReadField(BaseModel):
    """One field of the offer, as read: its value and the words it came from."""

    model_config = ConfigDict(frozen=True)

    path: str  # "base", "bonus.target_percent", "equity.shares", "location"
    value: Any
    source: str  # the words in the text it was read from ("" when it is a default)
    guessed: bool = False  # True: not written, assumed (and said so)
    note: str | None = None  # how it was read, when that is not plain ("4,000 x $95")
    where: str | None = None  # where in a letter file the words are ("page 2, line 5")


class Question(BaseModel):
    """What the reader could not settle and must ask, with the words that raised it."""

    model_config = ConfigDict(frozen=True)

    path: str
    text: str  # one sentence, asked of the person
    source: str = ""
    where: str | None = None  # where in a letter file the words are ("page 2, line 5")


# How each field is named to the person, in the order "What I read" lists them.
FIELD_LABELS: dict[str, str] = {
    "role": "Role",
    "level": "Level",
    "company": "Company",
    "location": "Location",
    "employer_type": "Employer type",
    "employer": "Employer",
    "private_company": "Private company",
    "currency": "Currency",
    "base": "Base salary",
    "bonus.target_percent": "Bonus target (% of base)",
    "bonus.target_amount": "Bonus target",
    "bonus.payout_percent": "Bonus payout (% of target)",
    "equity.kind": "Equity type",
    "equity.shares": "Shares / units",
    "equity.price_per_share": "Price per share",
    "equity.value": "Equity grant value",
    "equity_value": "Equity value at that valuation",
    "equity.percent": "Equity (% of company)",
    "equity.valuation": "Company valuation",
    "equity.count": "Options",
    "equity.strike": "Strike price",
    "equity.preferred_price": "Preferred price",
    "equity.fmv_409a": "409A price",
    "equity.private": "Private-company shares",
    "vesting.kind": "Vesting kind",
    "vesting.years": "Vesting years",
    "vesting.cliff_months": "Cliff (months)",
    "vesting.frequency": "Vesting frequency",
    "vesting.percents": "Vesting per year (%)",
    "refresher.annual_value": "Refreshers (per year)",
    "sign_on.amount": "Sign-on bonus",
    "sign_on.clawback_months": "Sign-on clawback (months)",
    "relocation": "Relocation",
    "pto_days": "Paid time off (days)",
    "remote": "Remote policy",
    "start_date": "Start date",
    "deadline": "Deadline",
}
_MONEY_PATHS = {
    "base",
    "equity_value",
    "bonus.target_amount",
    "equity.value",
    "equity.valuation",
    "refresher.annual_value",
    "sign_on.amount",
    "relocation",
}
_PRICE_PATHS = {
    "equity.price_per_share",
    "equity.strike",
    "equity.preferred_price",
    "equity.fmv_409a",
}


# The model's kinds as a person names them.
_KIND_WORDS = {
    "equity.kind": {
        "rsu": "RSUs (restricted stock units)",
        "options": "stock options",
        "percent": "a share of the company",
    },
    "vesting.kind": {
        "standard": "even each year",
        "back_loaded": "back-loaded (more in later years)",
        "custom": "as written",
    },
}


def _shown(path: str, value: Any, currency: str) -> str:
    """A value as the person should recognise it: money in the offer's own currency."""
    if path in _KIND_WORDS and isinstance(value, str):
        return _KIND_WORDS[path].get(value, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if path in _MONEY_PATHS and isinstance(value, int | float):
        return f"{value:,.0f} {currency}"
    if path in _PRICE_PATHS and isinstance(value, int | float):
        return f"{value:,.2f} {currency}"
    if path.endswith("percent") and isinstance(value, int | float):
        return f"{value:g}%"
    if path == "equity.shares" or path == "equity.count":
        return f"{value:,.0f}"
    if isinstance(value, list | tuple):
        return "/".join(f"{v:g}" for v in value)
    return str(value)


class OfferReading(BaseModel):
    """Everything read from one offer text (or file), and the offer when it can be built."""

    is_offer: bool
    # Why the text is no offer, in one sentence, when it says so itself (an invitation to
    # interview); None for a question weighing two choices.
    not_offer: str | None = None
    # What the person earns now, said beside the offer ("I make 160k now"): not part of
    # the offer; the Offers tab takes it as the current base when its box is empty.
    current_pay: int | None = None
    fields: list[ReadField] = []
    questions: list[Question] = []
    unparsed: list[str] = []
    assumptions: list[str] = []
    offer: Offer | None = None

    def field(self, path: str) -> ReadField | None:
        return next((f for f in self.fields if f.path == path), None)

    def value(self, path: str) -> Any:
        found = self.field(path)
        return None if found is None else found.value

    def guessed(self, path: str) -> bool:
        found = self.field(path)
        return bool(found and found.guessed)

    @property
    def currency(self) -> str:
        return str(self.value("currency") or "USD")

    def located(self, where: Callable[[str], str | None]) -> OfferReading:
        """The same reading with each field's place in the letter it was read from;
        ``where`` finds the words a field quotes (``LetterText.where``)."""

        def place(source: str) -> str | None:
            return where(source) if source else None

        return self.model_copy(
            update={
                "fields": [f.model_copy(update={"where": place(f.source)}) for f in self.fields],
                "questions": [
                    q.model_copy(update={"where": place(q.source)}) for q in self.questions
                ],
            }
        )

    @property
    def _located(self) -> bool:
        return any(f.where for f in self.fields)

    def _rows(self) -> list[tuple[str, str, ReadField]]:
        """(label, value as shown, field) in the order "What I read" lists them."""
        order = {path: i for i, path in enumerate(FIELD_LABELS)}
        rows = []
        for item in sorted(self.fields, key=lambda f: order.get(f.path, len(order))):
            shown = _shown(item.path, item.value, self.currency)
            if item.note:
                shown += f" ({item.note})"
            rows.append((FIELD_LABELS.get(item.path, item.path), shown, item))
        return rows

    def lines(self) -> list[str]:
        """One plain line a field: 'Base salary: 185,000 USD  from "185k"'."""
        out = []
        for label, shown, item in self._rows():
            origin = f'from "{" ".join(item.source.split())}"' if item.source else ""
            mark = " [assumed]" if item.guessed else ""
            place = f" ({item.where})" if item.where else ""
            out.append(f"{label}: {shown}{mark}  {origin}{place}".rstrip())
        return out

    def what_i_read(self) -> str:
        """Markdown: each field, the words it came from, what was guessed and what is asked."""
        located = self._located  # read from a file: a column says where, page and line
        rows = ["| Field | Read as | From your words |" + (" Where |" if located else "")]
        rows.append("|---|---|---|" + ("---|" if located else ""))
        for label, shown, item in self._rows():
            words = f"“{_cell(item.source)}”" if item.source else "—"
            if item.guessed:
                words += " · *assumed, not written*"
            where = f" {_cell(item.where or '—')} |" if located else ""
            rows.append(f"| {label} | {_cell(shown)} | {words} |{where}")
        parts = ["**What I read**", "\n".join(rows)]
        if self.questions:
            asks = "\n".join(
                f"- {q.text}" + (f" ({q.where})" if q.where else "") for q in self.questions
            )
            parts.append(f"**Before I score it, tell me:**\n{asks}")
        if self.unparsed:
            parts.append("**Not read:**\n" + "\n".join(f"- {u}" for u in self.unparsed))
        return "\n\n".join(parts)

    def what_i_read_text(self) -> str:
        """The same, as plain lines for a terminal."""
        lines = ["What I read:", *(f"  {line}" for line in self.lines())]
        lines += [f"  ? {q.text}" + (f" ({q.where})" if q.where else "") for q in self.questions]
        return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
