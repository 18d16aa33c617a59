"""The Offers tab's one-offer form: each box read on its own into an Offer.

Read box by box, never as one text: a sign or a stray word can't move a figure to another
field or flip it. Each bad box gets one sentence naming it (``FormError.fields``, shown
beside that box); nothing is clipped, rounded into range or guessed. The vesting box is
read by the offer reader's own vesting reading (``coach.offers.parse.read_vesting_terms``),
so a schedule typed here and the same words in a pasted letter read alike.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from coach.errors import InputError
from coach.money import format_usd, parse_amount, quote
from coach.offers import Offer
from coach.offers.model import MAX_GRANT, Bonus, RSUGrant, SignOn, Vesting
from coach.offers.parse import read_cliff, read_vesting_terms
from coach.offers.stated import check_field

# The form's own labels (coach/ui/offers_layout.py), so a sentence names the box to fix.
LABELS = {
    "company": "Company",
    "role": "Role",
    "level": "Level",
    "location": "Location",
    "base": "Base",
    "bonus_pct": "Target bonus %",
    "sign_on": "Sign-on",
    "grant_value": "Equity grant value",
    "shares": "Shares",
    "price": "Price per share",
    "company_is": "Company is",
    "vesting": "Vesting schedule",
    "cliff": "Cliff",
}
COMPANY_KINDS = ("public", "private")
FIGURE_BOXES = (
    "base",
    "bonus_pct",
    "sign_on",
    "grant_value",
    "shares",
    "price",
    "vesting",
    "cliff",
)
# Longer than any figure or schedule typed in a box ("25% after 1 year, then monthly over
# the remaining 3 years" is 57): a paste in the wrong box, not a value.
MAX_BOX_CHARS = 200
# Below this, an equity grant's "value" is a share price or a share count typed into the
# grant's box: no grant of shares is worth under $1,000 over its schedule.
MIN_GRANT_VALUE = 1_000
MAX_SHARES = 1_000_000_000
MAX_PRICE = 1_000_000  # a price per share, as the offer model bounds a strike
# A grant value typed beside shares × price is the same grant when it is within half a
# percent ("175k" for 2,000 × $87.37); further apart, one of them is a typo.
SAME_GRANT = 0.005
VESTING_EXAMPLE = "write it like '4 years, 1 year cliff, monthly', '5/15/40/40' or '25% per year'"
_OVER_YEARS = re.compile(
    r"^(?P<amount>.+?)\s*(?:total\s+)?(?:over|across)\s+(?P<years>\d{1,2})\s*(?:years?|yrs?|y)\.?$",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"(?:/\s*(?:yr|year|y)|per\s+(?:year|annum)|a\s+year|annually)\s*$", re.I)
_SHARE_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?k?", re.IGNORECASE)
_PER_SHARE = re.compile(r"\s*(?:/\s*(?:share|sh|unit)|(?:per|a)\s+(?:share|unit)|each)\s*$", re.I)


class FormError(InputError):
    """One sentence per bad box (``fields``: box -> sentence); the message joins them."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(" ".join(fields.values()))
        self.fields = fields


def _named(box: str, message: str) -> str:
    """A sentence from a reader, led by the box's label so it says which box to fix."""
    label = LABELS.get(box, box)
    return message if message.startswith(f"{label}:") else f"{label}: {message}"


@dataclass
class FormReading:
    """The offer the form states, what was worked out from its boxes (shown before the
    score) and what was assumed for boxes left empty (listed under it)."""

    offer: Offer
    lines: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        if not self.lines:
            return ""
        return "**From the form**\n\n" + "\n".join(f"- {line}" for line in self.lines)


@dataclass
class FormOffer:
    """The form's boxes for one offer (all text, as typed)."""

    company: str = ""
    role: str = ""
    level: str = ""
    location: str = ""
    base: str = ""
    bonus_pct: str = ""
    grant_value: str = ""
    sign_on: str = ""
    shares: str = ""
    price: str = ""
    company_is: str = "public"
    vesting: str = ""
    cliff: str = ""

    def given(self) -> bool:
        return bool(self.base.strip())

    def figures_typed(self) -> list[str]:
        """The figure boxes other than the base that have something typed in them."""
        return [b for b in FIGURE_BOXES[1:] if str(getattr(self, b) or "").strip()]

    def to_offer(self) -> Offer | None:
        """The offer the form states (None: no base typed); FormError names each bad box."""
        reading = self.read()
        return reading.offer if reading else None

    def read(self) -> FormReading | None:
        """Every box read on its own; None when no base is typed (the form is not used)."""
        if not self.given():
            return None
        too_long = {
            name: _named(
                name,
                f"{len(text):,} characters is far longer than any {LABELS[name].lower()}; "
                "give just that.",
            )
            for name in FIGURE_BOXES
            if len(text := str(getattr(self, name) or "")) > MAX_BOX_CHARS
        }
        if too_long:  # a paste in the wrong box: said before any reader spends time on it
            raise FormError(too_long)
        errors: dict[str, str] = {}
        lines: list[str] = []
        assumptions: list[str] = []

        def box(name: str, reader: Any, *args: Any) -> Any:
            try:
                return reader(*args)
            except InputError as err:
                errors[name] = _named(name, err.message)
                return None

        base = box("base", _base, self.base)
        bonus = box("bonus_pct", _bonus, self.bonus_pct) if self.bonus_pct.strip() else None
        sign_on = box("sign_on", _sign_on, self.sign_on) if self.sign_on.strip() else None
        private = box("company_is", _private, self.company_is)
        stated = {}
        for name in ("company", "role", "level", "location"):
            text = getattr(self, name)
            if text and text.strip():
                stated[name] = box(name, check_field, name, text)
        vesting = self._vesting(errors, lines)
        equity = self._equity(errors, lines, bool(private), vesting)
        if errors:
            raise FormError(errors)
        parts: dict[str, Any] = {"base": base, **{k: v for k, v in stated.items() if v}}
        if bonus is not None:
            parts["bonus"] = bonus
        if sign_on is not None:
            parts["sign_on"] = sign_on
        if equity is not None:
            parts["equity"] = equity
        if vesting is not None:
            parts["vesting"] = vesting.model
            if equity is None:
                assumptions.append(
                    "The vesting schedule was read, but there is no equity grant for it to "
                    "apply to: give a grant value or shares × price per share."
                )
            assumptions += vesting.assumed
        elif equity is not None:
            said = "Vesting not given: assumed 4 years with a 12-month cliff, then monthly."
            lines.append(said)
            assumptions.append(said)
        return FormReading(Offer.model_validate(parts), lines, assumptions)

    def _vesting(self, errors: dict[str, str], lines: list[str]) -> _FormVesting | None:
        """The schedule and the cliff boxes, read together: each is refused beside its box."""
        typed, cliff_typed = self.vesting.strip(), self.cliff.strip()
        if not typed and (over := _OVER_YEARS.match(self.grant_value.strip())):
            typed = f"over {over.group('years')} years"  # "400k over 3 years": its period
        if not typed and not cliff_typed:
            return None
        try:
            terms = read_vesting_terms(typed) if typed else None
        except InputError as err:
            errors["vesting"] = _named("vesting", err.message)
            return None
        if terms is not None:
            if terms.questions:
                errors["vesting"] = _named("vesting", terms.questions[0])
                return None
            if terms.unread or not terms.terms:
                unread = terms.unread or typed
                errors["vesting"] = _named(
                    "vesting", f"I can't read '{quote(unread)}' as vesting; {VESTING_EXAMPLE}."
                )
                return None
        read = dict(terms.terms) if terms else {}
        assumed: list[str] = []
        cliff_from = "vesting" if "cliff_months" in read else None
        if cliff_typed:
            months = read_cliff(cliff_typed)
            if months is None:
                errors["cliff"] = _named(
                    "cliff",
                    f"'{quote(cliff_typed)}' is not a cliff's length; write it like "
                    "'12 months', '1 year' or 'none'.",
                )
                return None
            if cliff_from and read["cliff_months"] != months:
                errors["cliff"] = _named(
                    "cliff",
                    f"{_months(months)} here, but the vesting schedule says "
                    f"{_months(read['cliff_months'])}; give the cliff in one place.",
                )
                return None
            read["cliff_months"], cliff_from = months, "cliff"
        if "years" not in read:
            read["years"] = 4
            assumed.append("a 4-year period")
        kind = read.get("kind", "standard")
        if kind == "standard" and "frequency" not in read:
            assumed.append(
                "monthly" if read.get("cliff_months") == 0 else "monthly after the cliff"
            )
        if cliff_from is None and kind == "standard":
            assumed.append("a 12-month cliff")
        if not 1 <= read["years"] <= 10:
            errors["vesting"] = _named(
                "vesting", f"a vesting period of {read['years']} years is not valid; use 1 to 10."
            )
            return None
        cliff = read.get("cliff_months")
        if cliff is not None and cliff_from is not None:
            problem = None
            if cliff > read["years"] * 12:
                problem = (
                    f"{_months(cliff)} is longer than the {read['years'] * 12}-month vesting "
                    "period; check the cliff."
                )
            elif cliff > 12 and kind != "standard":
                problem = (
                    f"{_months(cliff)} doesn't fit a schedule given as a share per year; "
                    "give the share vesting in each year after the cliff instead."
                )
            if problem:
                errors[cliff_from] = _named(cliff_from, problem)
                return None
        try:
            model = Vesting(**read)
        except InputError as err:
            errors["vesting"] = _named("vesting", err.message)
            return None
        shown = model.describe()
        if kind != "standard" and cliff_from is not None:
            shown += f", {_months(model.cliff_months)}"
        said = f"Vesting not all given: assumed {', '.join(assumed)}." if assumed else ""
        lines.append(f"Vesting: {shown}" + (f" (assumed: {', '.join(assumed)})" if said else ""))
        return _FormVesting(model, [said] if said else [])

    def _equity(
        self,
        errors: dict[str, str],
        lines: list[str],
        private: bool,
        vesting: _FormVesting | None,
    ) -> RSUGrant | None:
        """A grant value, or shares × price per share, or both when they agree."""
        typed_value, shares_typed, price_typed = (
            self.grant_value.strip(),
            self.shares.strip(),
            self.price.strip(),
        )
        value = None
        if typed_value:
            try:
                value, years = _grant_value(typed_value)
            except InputError as err:
                errors["grant_value"] = _named("grant_value", err.message)
                return None
            schedule = vesting.model.years if vesting else None
            if years is not None and schedule is not None and years != schedule:
                errors["grant_value"] = _named(
                    "grant_value",
                    f"'{quote(typed_value)}' says {years} years but the vesting schedule "
                    f"{schedule}; give the period in one place.",
                )
                return None
        product = None
        if shares_typed or price_typed:
            if not price_typed:
                errors["price"] = _named(
                    "price",
                    f"give the price per share for the {quote(shares_typed)} shares, or give the "
                    "grant's value instead.",
                )
                return None
            if not shares_typed:
                errors["shares"] = _named(
                    "shares", "give the number of shares that price is for, or clear the price."
                )
                return None
            count = _read_box(errors, "shares", _shares, shares_typed)
            price = _read_box(errors, "price", _price, price_typed)
            if count is None or price is None:
                return None
            product = round(count * price)
            if product < MIN_GRANT_VALUE:
                errors["shares"] = _named(
                    "shares",
                    f"{count:,.0f} × ${price:,.2f} = {format_usd(product)} is too little to be "
                    "a grant; check the number of shares and the price.",
                )
                return None
            worked = f"{count:,.0f} shares × ${price:,.2f} = {format_usd(product)}"
            if value is not None and abs(value - product) > SAME_GRANT * max(value, product):
                errors["grant_value"] = _named(
                    "grant_value",
                    f"{format_usd(value)} is not {worked}; give one or the other, or fix the one "
                    "that is wrong.",
                )
                return None
        else:
            worked = ""
        grant = product if product is not None else value
        if grant is None:
            return None
        where = "grant_value" if product is None else "shares"
        if grant > MAX_GRANT:
            errors[where] = _named(
                where,
                f"a grant of {format_usd(grant)} is above {format_usd(MAX_GRANT)}, which looks "
                "like a typo; check it.",
            )
            return None
        lines.insert(0, _equity_line(grant, worked, private))  # the grant, then its vesting
        return RSUGrant(value=grant, private=private)


@dataclass
class _FormVesting:
    model: Vesting
    assumed: list[str]


def _equity_line(grant: int, worked: str, private: bool) -> str:
    shown = worked or f"{format_usd(grant)} grant value"
    if not private:
        return f"Equity: {shown} (public company: shares can be sold as they vest)."
    return (
        f"Equity: {shown}, private company: paper value. The price is the one you gave "
        "(the last 409A, preferred or strike price); the shares can't be sold until the "
        "company is sold, lists or runs a tender offer, so the totals also show them after "
        "a haircut."
    )


def _months(months: int) -> str:
    return "no cliff" if months == 0 else f"a {months}-month cliff"


def _read_box(errors: dict[str, str], name: str, reader: Any, text: str) -> Any:
    try:
        return reader(text)
    except InputError as err:
        errors[name] = _named(name, err.message)
        return None


def _amount(text: str) -> int:
    value = parse_amount(text)  # its own sentences: negative, unreadable
    if value == 0:
        raise InputError("0 is not an amount to score; leave the box empty if there is none.")
    return value


def _base(text: str) -> int:
    base = parse_amount(text)
    Offer.model_validate({"base": base})  # the model's bounds: a $5 or a $50M base
    return base


def _bonus(text: str) -> Bonus:
    return Bonus(target_percent=_percent(text))


def _sign_on(text: str) -> SignOn:
    return SignOn(amount=_amount(text))


def _private(text: str) -> bool:
    kind = (text or "public").strip().lower()
    if kind not in COMPANY_KINDS:
        raise InputError(f"'{quote(text)}' is not public or private; choose one.")
    return kind == "private"


def _percent(text: str) -> float:
    """A percentage above zero: "15" or "15%"."""
    typed = text.strip()
    number = typed.removesuffix("%").strip()
    if number.startswith("-"):
        raise InputError(f"'{quote(typed)}' is negative; a bonus target is 0% or more.")
    try:
        value = float(number)
    except ValueError:
        raise InputError(f"'{quote(typed)}' is not a percentage; give a number like 15.") from None
    if not math.isfinite(value):
        raise InputError(f"'{quote(typed)}' is not a percentage; give a number like 15.")
    if value == 0:
        raise InputError("0% is not a bonus; leave the box empty if there is none.")
    return value


def _grant_value(text: str) -> tuple[int, int | None]:
    """The whole grant's value, and the years it is said to vest over ("400K over 4 years")."""
    if _PER_YEAR.search(text):
        raise InputError(
            f"'{quote(text)}' is a yearly amount; give the whole grant's value "
            "(a grant of 100k a year for 4 years is 400k)."
        )
    over = _OVER_YEARS.match(text)
    value = _amount(over.group("amount") if over else text)
    if value < MIN_GRANT_VALUE:
        raise InputError(
            f"{format_usd(value)} is too little to be a grant's value; give the dollar value "
            "of the whole grant, or its shares and price per share."
        )
    return value, int(over.group("years")) if over else None


def _shares(text: str) -> float:
    """A number of shares: "2,000", "1.5k", "40000"."""
    typed = text.strip()
    if typed.startswith(("-", "−")):
        raise InputError(f"'{quote(typed)}' is negative; give the number of shares.")
    if "$" in typed:
        raise InputError(
            f"'{quote(typed)}' is money, not a count; give the number of shares "
            "(or the dollar amount as the grant value)."
        )
    cleaned = re.sub(r"\s*(?:shares?|rsus?|units|options)\s*$", "", typed, flags=re.I)
    if not _SHARE_COUNT.fullmatch(cleaned):
        raise InputError(f"'{quote(typed)}' is not a number of shares; give one like 2,000.")
    number = cleaned.replace(",", "").strip().lower()
    count = float(number.removesuffix("k").strip()) * (1000 if number.endswith("k") else 1)
    if count != int(count):
        raise InputError(f"'{quote(typed)}' is not a whole number of shares.")
    if count == 0:
        raise InputError("0 shares is not a grant; leave the box empty if there is none.")
    if count > MAX_SHARES:
        raise InputError(f"{count:,.0f} shares is not a grant I can value; check the count.")
    return count


def _price(text: str) -> float:
    """A price per share: "$87.50", "0.75", "$1,050.00", "$4.20 per share"."""
    typed = text.strip()
    number = _PER_SHARE.sub("", typed).replace(",", "").strip()
    if number.startswith(("-", "−", "$-", "-$")):
        raise InputError(f"'{quote(typed)}' is negative; a share's price is above $0.")
    try:
        value = float(number.removeprefix("$").strip())
    except ValueError:
        raise InputError(f"'{quote(typed)}' is not a price; give one like $87.50.") from None
    if not math.isfinite(value):
        raise InputError(f"'{quote(typed)}' is not a price; give one like $87.50.")
    if value == 0:
        raise InputError(
            "$0 a share makes the grant worth nothing; give the price you were told "
            "(for a private company, its last 409A or preferred price)."
        )
    if value > MAX_PRICE:
        raise InputError(f"${value:,.2f} a share looks like a typo; check the price.")
    return value
