"""An offer from what a person types, or from a JSON/YAML file, with what couldn't be read.

Text is read clause by clause. Each amount is tied to the nearest label that can
take it ("185k base", "base 185k", "0.2% equity at a $500M valuation"); an amount
with no such label is reported back in ``unparsed``, never guessed. Money is read
by ``coach.money`` so "110k" means 110,000 here as everywhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import InputError
from coach.money import find_amounts, parse_amount, quote
from coach.offers.model import EMPLOYER_ALIASES, Offer, employer_type_from
from coach.vocabulary import private_company_named

# Starts only where a run of digits starts: a regex retry at every digit of a long run
# is quadratic, and 100k digits pasted into the offer box would hang the parser.
_NUM = r"(?<!\d)\d+(?:\.\d+)?"
_PRICE = rf"\$?\s?({_NUM})"
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH_RE}(?:\s+\d{{4}})?)"
)

# Labels an amount can attach to, in priority order: at one position the first
# alternative wins, so "equity refreshers" is a refresher and "sign-on bonus" is
# not a bonus.
_LABELS = re.compile(
    r"(?P<sign_on>sign[-\s]?on(?:\s+bonus)?|signing(?:\s+bonus)?|joining\s+bonus)"
    r"|(?P<refresher>(?:annual\s+|yearly\s+)?(?:equity\s+|stock\s+)?refresh(?:er)?s?(?:\s+grants?)?)"
    r"|(?P<relocation>relocation(?:\s+(?:package|bonus|allowance))?|relo\b|moving\s+(?:allowance|stipend))"
    r"|(?P<payout>(?:historical\s+)?pay(?:s|ed|s\s+out|ed\s+out|out)(?:\s+(?:rate|history))?|paid\s+out)"
    r"|(?P<bonus>(?:annual\s+|target\s+|performance\s+)?bonus(?:\s+target)?)"
    r"|(?P<valuation>(?:post|pre)[-\s]money(?:\s+valuation)?|valuation|valued\s+at)"
    r"|(?P<stake>of\s+the\s+company|ownership|stake|fully[-\s]diluted)"
    r"|(?P<rsu>rsus?\b|restricted\s+stock(?:\s+units?)?|(?:stock|equity)(?:\s+grant)?|shares)"
    r"|(?P<base>base(?:\s+(?:salary|pay))?|salary)",
    re.IGNORECASE,
)
_TAKES_MONEY = {"sign_on", "refresher", "relocation", "bonus", "valuation", "rsu", "base"}
_TAKES_PERCENT = {"bonus", "payout", "rsu", "stake"}
_PER_YEAR = re.compile(r"^\s*(?:/\s*(?:yr|year)|per\s+year|a\s+year|annually|per\s+annum)\b", re.I)
_PERCENT = re.compile(rf"({_NUM})\s*(?:%|percent\b)", re.IGNORECASE)

# Patterns read before amounts; the text they match is then blanked out.
_CLAWBACK = re.compile(
    r"(?<!\d)(\d+)[-\s]?(month|year)s?[-\s]+(?:clawback|claw[-\s]back|repayment)"
    r"|(?:clawback|claw[-\s]back|repayable|repay)\D{0,20}?(\d+)[-\s]?(month|year)s?",
    re.IGNORECASE,
)
_CLIFF = re.compile(
    r"(?<!\d)(\d+)[-\s]?(month|year)s?\s+cliff|cliff\s+(?:of\s+)?(\d+)[-\s]?(month|year)s?|(no)\s+cliff",
    re.IGNORECASE,
)
_VEST_YEARS = re.compile(
    r"(?:(?:vest(?:s|ing|ed)?\s+)?(?:over|across)\s+(\d+)\s*years?)|(?<!\d)(\d+)[-\s]?years?\s+vest(?:s|ing)?",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"(monthly|quarterly|annually|yearly)\s+(?:vesting|vest)|vest(?:s|ing)?\s+(monthly|quarterly|"
    r"annually|yearly)|(?:then|thereafter)\s+(monthly|quarterly|annually|yearly)",
    re.IGNORECASE,
)
_SCHEDULE = re.compile(rf"(?<![\d.$])({_NUM}(?:\s*/\s*{_NUM}){{1,9}})\s*%?(?![\d/])")
_BACK_LOADED = re.compile(r"back[-\s]?loaded", re.IGNORECASE)
_OPTIONS = re.compile(
    r"(?<!\d)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:k|thousand)?)\s+(?:(?:stock|iso|nso)\s+)?options?\b",
    re.IGNORECASE,
)
_STRIKE = re.compile(
    rf"strike(?:\s+price)?\s*(?:of|at|is|:|=)?\s*{_PRICE}|{_PRICE}\s*(?:strike|exercise\s+price)",
    re.IGNORECASE,
)
_FMV = re.compile(
    rf"409a(?:\s+(?:price|valuation|value|fmv))?\s*(?:of|at|is|:|=)?\s*{_PRICE}|{_PRICE}\s*409a",
    re.IGNORECASE,
)
_PREFERRED = re.compile(
    rf"preferred(?:\s+(?:share|stock))?(?:\s+price)?\s*(?:of|at|is|:|=)?\s*{_PRICE}"
    rf"|{_PRICE}\s*(?:/\s*share\s+)?preferred",
    re.IGNORECASE,
)
_PTO = re.compile(
    rf"({_NUM})\s*days?\s*(?:of\s+)?(?:pto|paid\s+time\s+off|vacation|holidays?|annual\s+leave|off)"
    rf"|(?:pto|paid\s+time\s+off|vacation)\s*(?:of|:|=)?\s*({_NUM})\s*days?",
    re.IGNORECASE,
)
# A base written without "k" or "$" ("base 5", "185 base") is still labelled: read it, so
# the model can say it is too low, rather than dropping it as a count.
_BARE_BASE = re.compile(
    r"\b(?:base(?:\s+(?:salary|pay))?|salary)\s*(?:of|:|=|is)?\s*(\d{1,3}(?:\.\d+)?)(?![\d.,%]|\s*"
    r"(?:k|m|mm|thousand|million|%|percent)\b)|(?<![\d,.$])\b(\d{1,3}(?:\.\d+)?)\s+base\b",
    re.IGNORECASE,
)
_UNLIMITED_PTO = re.compile(r"unlimited\s+(?:pto|vacation|paid\s+time\s+off)", re.IGNORECASE)
_REMOTE = re.compile(
    r"(?P<remote>fully\s+remote|remote[-\s]first|\bremote\b)|(?P<hybrid>\bhybrid\b)"
    r"|(?P<onsite>on[-\s]?site|in[-\s]office|in\s+the\s+office)",
    re.IGNORECASE,
)
_START = re.compile(rf"start(?:ing)?(?:\s+date)?\s*(?:on|is|of|:)?\s*{_DATE}", re.IGNORECASE)
_DEADLINE = re.compile(
    rf"(?:deadline|respond\s+by|reply\s+by|answer\s+by|decide\s+by|expires?(?:\s+on)?)\s*(?:is|of|:)?\s*{_DATE}",
    re.IGNORECASE,
)

_CAPS = r"[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|&))*"
_FIELD = r"\s*[:=]\s*([^,;\n]+)"
_COMPANY = re.compile(rf"\b(?:company|employer){_FIELD}|\b(?:at|from|joining|join)\s+({_CAPS})")
_JOB = (
    r"((?:[\w/+.-]+\s+){0,4}?(?:engineer|scientist|manager|developer|researcher|analyst|"
    r"designer|architect|director|sre)s?)"
)
_ROLE = re.compile(
    rf"\b(?:role|title|position){_FIELD}"
    rf"|\b(?:as|for)\s+(?:an?\s+|the\s+)?{_JOB}\b"
    rf"|(?:^|(?<=[:;,.]\s))\s*{_JOB}\s+(?:role|position|offer|job)\b",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    rf"\blocation{_FIELD}|\b(?:in|based\s+in|located\s+in)\s+({_CAPS}(?:,\s*[A-Z]{{2}}\b)?)"
)
_LEVEL = re.compile(
    r"(?i:\blevel\s*[:=]?\s*([A-Za-z]{0,3}\d{1,2}|entry|junior|mid|senior|staff|principal)\b)"
    r"|\b((?:L|E|IC)\d{1,2})\b",
)


def _phrase(name: str) -> str:
    """A normalised vocabulary name as a pattern for raw text: "scale up" ~ "scale-up"."""
    return r"[\s_-]*".join(re.escape(word) for word in name.split())


_EMPLOYER_RE = re.compile(
    r"(?:employer\s+type\s*[:=]\s*)?\b("
    + "|".join(
        _phrase(a) for a in sorted(EMPLOYER_ALIASES, key=len, reverse=True) if a != "other"
    )
    + r")\b",
    re.IGNORECASE,
)
# Words that look like a name after "in"/"at" but are offer vocabulary.
_NOT_NAMES = set(
    [
        "rsus",
        "rsu",
        "stock",
        "equity",
        "options",
        "base",
        "bonus",
        "cash",
        "year",
        "years",
        "total",
        "pto",
        "sign-on",
        "remote",
        "hybrid",
    ]
)
_CLAUSE_SPLIT = re.compile(
    r"[;\n]|,(?!\d{3}\b)|\s\+\s|\bplus\b|\band\b|(?<!\d)\.(?=\s)|\.(?=\s+[A-Z])", re.IGNORECASE
)


class ParseResult(BaseModel):
    """The offer read from the input, what could not be read, and what was assumed."""

    offer: Offer  # never None: without an offer, parsing raises InputError
    unparsed: list[str]
    assumptions: list[str]


@dataclass
class Extraction:
    """Fields found in text, before they are checked as an offer (partial is fine)."""

    data: dict[str, Any] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def equity(self, kind: str, source: str) -> bool:
        """Claim the equity grant for ``kind``; False (and reported) if it is another kind."""
        current = self.data.get("equity", {}).get("kind")
        if current not in (None, kind):
            self.unparsed.append(
                f"'{source.strip()}': a second equity grant of another kind "
                f"({kind}, after {current}); only the first is used"
            )
            return False
        self.data.setdefault("equity", {})["kind"] = kind
        return True

    def put(self, path: str, value: Any, source: str) -> None:
        """Set a (dotted) field once; a second value for it is reported, not used."""
        *parents, leaf = path.split(".")
        target = self.data
        for name in parents:
            target = target.setdefault(name, {})
        if leaf in target and target[leaf] != value:
            self.unparsed.append(
                f"'{source.strip()}': a second value for {_FIELD_NAMES.get(path, path)}; "
                "the first one was kept"
            )
            return
        target[leaf] = value


_FIELD_NAMES = {
    "base": "the base salary",
    "bonus.target_percent": "the bonus",
    "bonus.target_amount": "the bonus",
    "bonus.payout_percent": "the bonus payout",
    "sign_on.amount": "the sign-on bonus",
    "relocation": "relocation",
    "equity.value": "the equity grant",
    "equity.percent": "equity",
    "equity.valuation": "the valuation",
    "refresher.annual_value": "refreshers",
}


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _first(match: re.Match[str]) -> str | None:
    return next((g for g in match.groups() if g), None)


def _date(found: str, what: str, out: Extraction) -> dt.date | None:
    cleaned = re.sub(r"(st|nd|rd|th)\b|,|\.", "", found.strip().lower())
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", cleaned):
            return dt.date.fromisoformat("-".join(p.zfill(2) for p in cleaned.split("-")))
        parts = cleaned.split()
        if parts[0].isdigit():
            parts = [parts[1], parts[0], *parts[2:]]
        month = next(n for name, n in _MONTHS.items() if name.startswith(parts[0][:3]))
        if len(parts) < 3:
            out.unparsed.append(f"'{found}' ({what}) has no year; write it like 2026-07-01")
            return None
        return dt.date(int(parts[2]), month, int(parts[1]))
    except (ValueError, StopIteration):
        out.unparsed.append(
            f"'{found}' ({what}) is not a date I can read; write it like 2026-07-01"
        )
        return None


def _entities(text: str, out: Extraction) -> str:
    """Company, role, level, location, employer type, remote policy and dates; blanks them."""
    for pattern, key in ((_COMPANY, "company"), (_ROLE, "role"), (_LOCATION, "location")):
        for match in pattern.finditer(text):
            value = (_first(match) or "").strip().rstrip(".")
            if not value or value.lower() in _NOT_NAMES or key in out.data:
                continue
            out.data[key] = value
            text = _blank(text, *match.span())
    for match in _LEVEL.finditer(text):
        out.data.setdefault("level", _first(match))
        text = _blank(text, *match.span())
    if found := _EMPLOYER_RE.search(text):
        out.data["employer_type"] = employer_type_from(found.group(1)).value
        text = _blank(text, *found.span())
    if found := _UNLIMITED_PTO.search(text):
        out.assumptions.append("Unlimited PTO has no set number of days, so it is not valued.")
        text = _blank(text, *found.span())
    if found := _REMOTE.search(text):
        out.data["remote"] = found.lastgroup
        text = _blank(text, *found.span())
    for pattern, key, what in (
        (_START, "start_date", "start date"),
        (_DEADLINE, "deadline", "offer deadline"),
    ):
        if found := pattern.search(text):
            if (day := _date(found.group(1), what, out)) is not None:
                out.data[key] = day.isoformat()
            text = _blank(text, *found.span())
    return text


def _months(number: str, unit: str) -> int:
    return int(number) * (12 if unit.lower().startswith("year") else 1)


def _structures(clause: str, out: Extraction) -> str:
    """Vesting, clawback, options, per-share prices and PTO days; returns the clause blanked."""
    if match := _CLAWBACK.search(clause):
        groups = match.groups()
        number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
        out.put("sign_on.clawback_months", _months(number, unit), match.group(0))
        clause = _blank(clause, *match.span())
    if match := _CLIFF.search(clause):
        groups = match.groups()
        if groups[4]:
            months = 0
        else:
            number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
            months = _months(number, unit)
        out.put("vesting.cliff_months", months, match.group(0))
        clause = _blank(clause, *match.span())
    if match := _BACK_LOADED.search(clause):
        out.put("vesting.kind", "back_loaded", match.group(0))
        clause = _blank(clause, *match.span())
    match = _SCHEDULE.search(clause)
    percents = [float(p) for p in match.group(1).split("/")] if match else []
    # Only shares of 100 are a schedule; "7/1/2026" is a date, left for the user to see.
    if match and abs(sum(percents) - 100) <= 0.5 and max(percents) <= 100:
        out.data.setdefault("vesting", {}).setdefault("kind", "custom")
        out.put("vesting.percents", percents, match.group(0))
        clause = _blank(clause, *match.span())
    if match := _VEST_YEARS.search(clause):
        out.put("vesting.years", int(_first(match) or 0), match.group(0))
        clause = _blank(clause, *match.span())
    if match := _FREQUENCY.search(clause):
        word = (_first(match) or "").lower()
        out.put(
            "vesting.frequency",
            "annual" if word in ("annually", "yearly") else word,
            match.group(0),
        )
        clause = _blank(clause, *match.span())
    if (match := _OPTIONS.search(clause)) and out.equity("options", match.group(0)):
        out.put("equity.count", parse_amount(match.group(1)), match.group(0))
    if match:
        clause = _blank(clause, *match.span())
    for pattern, key in ((_STRIKE, "strike"), (_FMV, "fmv_409a"), (_PREFERRED, "preferred_price")):
        if (match := pattern.search(clause)) and out.equity("options", match.group(0)):
            out.put(f"equity.{key}", float(_first(match) or 0), match.group(0))
        if match:
            clause = _blank(clause, *match.span())
    if match := _BARE_BASE.search(clause):
        out.put("base", round(float(_first(match) or 0)), match.group(0))
        clause = _blank(clause, *match.span())
    if match := _PTO.search(clause):
        out.put("pto_days", float(_first(match) or 0), match.group(0))
        clause = _blank(clause, *match.span())
    return clause


@dataclass
class _Quantity:
    kind: str  # money | percent
    value: float
    text: str
    start: int
    end: int


def _quantities(clause: str) -> list[_Quantity]:
    found = [
        _Quantity("percent", float(m.group(1)), m.group(0), *m.span())
        for m in _PERCENT.finditer(clause)
    ]
    for amount in find_amounts(clause):
        if not any(q.start <= amount.start < q.end for q in found):
            found.append(_Quantity("money", amount.value, amount.text, amount.start, amount.end))
    return sorted(found, key=lambda q: q.start)


def _nearest(quantity: _Quantity, labels: list[re.Match[str]]) -> re.Match[str] | None:
    """The closest label that can take this kind of quantity; one just after wins a tie."""
    takes = _TAKES_MONEY if quantity.kind == "money" else _TAKES_PERCENT
    best: tuple[int, int, re.Match[str]] | None = None
    for label in labels:
        if label.lastgroup not in takes:
            continue
        after = label.start() >= quantity.end
        gap = label.start() - quantity.end if after else quantity.start - label.end()
        key = (gap, 0 if after else 1)
        if best is None or key < best[:2]:
            best = (*key, label)
    return best[2] if best else None


def _assign(quantity: _Quantity, label: str, clause: str, out: Extraction) -> None:
    money = quantity.kind == "money"
    value = int(quantity.value) if money else quantity.value
    if label in ("rsu", "stake") and not money:
        if out.equity("percent", quantity.text):
            out.put("equity.percent", value, quantity.text)
        return
    if label == "rsu":
        if not out.equity("rsu", quantity.text):
            return
        if _PER_YEAR.match(clause[quantity.end :]):
            years = out.data.get("vesting", {}).get("years", 4)
            out.assumptions.append(
                f"'{quantity.text}' a year in equity read as a grant of "
                f"{years} x that amount, vesting over {years} years."
            )
            value *= years
    if label == "valuation" and not out.equity("percent", quantity.text):
        return
    target = {
        "base": "base",
        "sign_on": "sign_on.amount",
        "relocation": "relocation",
        "refresher": "refresher.annual_value",
        "valuation": "equity.valuation",
        "rsu": "equity.value",
        "payout": "bonus.payout_percent",
        "bonus": "bonus.target_amount" if money else "bonus.target_percent",
    }[label]
    out.put(target, value, quantity.text)


def _clause(original: str, clause: str, out: Extraction) -> None:
    before = len(out.data), str(out.data)
    clause = _structures(clause, out)
    labels = list(_LABELS.finditer(clause))
    reported = len(out.unparsed)
    for quantity in _quantities(clause):
        label = _nearest(quantity, labels)
        if label is None:
            out.unparsed.append(
                f"'{quantity.text}' in '{original.strip()}': no label says what "
                "this amount is (write it like '20k sign-on')"
            )
            continue
        _assign(quantity, label.lastgroup or "", clause, out)
    nothing_read = (len(out.data), str(out.data)) == before and len(out.unparsed) == reported
    # Only clauses with a figure in them can carry a number we dropped; plain words are chatter.
    if nothing_read and any(ch.isdigit() for ch in clause):
        out.unparsed.append(f"'{original.strip()}': not understood")


def read_offer_fields(text: str) -> Extraction:
    """The offer fields written in ``text`` (any subset), plus what couldn't be read."""
    out = Extraction()
    masked = _entities(text or "", out)
    start = 0
    for match in [*_CLAUSE_SPLIT.finditer(masked), None]:
        end = match.start() if match else len(masked)
        piece = masked[start:end]
        if piece.strip():
            _clause(text[start:end], piece, out)
        start = match.end() if match else end
    _private_company(text or "", out)
    return out


def _private_company(text: str, out: Extraction) -> None:
    """A funding stage ("Series B", "seed", "pre-IPO") means a private company: its RSUs
    can't be sold as they vest, so they are valued as private-company shares."""
    equity = out.data.get("equity", {})
    if equity.get("kind") != "rsu" or "private" in equity:
        return
    stage = private_company_named(text)
    if stage:
        equity["private"] = True
        out.assumptions.append(
            f"'{stage}' means a private company: the RSUs are valued as private-company shares."
        )


def _defaults_noted(data: Mapping[str, Any], out: list[str]) -> None:
    """Say which vesting and equity defaults fill the gaps in what was written."""
    vesting = data.get("vesting")
    if data.get("equity") or data.get("refresher"):
        if not isinstance(vesting, Mapping):
            out.append("Vesting not stated: assumed 4 years with a 12-month cliff, then monthly.")
        elif vesting.get("kind", "standard") == "standard":
            missing = [
                text
                for key, text in (("cliff_months", "a 12-month cliff"), ("frequency", "monthly"))
                if key not in vesting
            ]
            if missing:
                out.append(f"Vesting terms not all stated: assumed {' then '.join(missing)}.")
    equity = data.get("equity") or {}
    if equity.get("kind") == "rsu" and not equity.get("private"):
        out.append(
            "RSUs treated as public-company stock (sellable as they vest); "
            "set 'private: true' if the company is private."
        )


def parse_offer(text: str) -> ParseResult:
    """An offer from a sentence like "185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on".

    Raises InputError when no base salary is found or a value is out of range;
    everything else that couldn't be read is listed in ``unparsed``.
    """
    if not (text or "").strip():
        raise InputError("The offer is empty; paste it like '185k base, 15% bonus, 20k sign-on'.")
    found = read_offer_fields(text)
    if "base" not in found.data:
        hint = f" Couldn't read: {quote('; '.join(found.unparsed), 200)}." if found.unparsed else ""
        raise InputError(
            "I couldn't find a base salary in the offer; write it like '185k base'." + hint
        )
    assumptions = list(found.assumptions)
    _defaults_noted(found.data, assumptions)
    offer = _build(found.data)
    return ParseResult(offer=offer, unparsed=found.unparsed, assumptions=assumptions)


# ---- structured input (JSON / YAML) -------------------------------------------------------

_ALIASES = {
    "base_salary": "base",
    "salary": "base",
    "sign_on_bonus": "sign_on",
    "signing_bonus": "sign_on",
    "signon": "sign_on",
    "refreshers": "refresher",
    "pto": "pto_days",
    "remote_policy": "remote",
    "offer_deadline": "deadline",
    "title": "role",
    "employer": "employer_type",
}


def _shorthand(key: str, value: Any) -> Any:
    """Scalars allowed where a sub-object is expected: ``sign_on: 20k``, ``bonus: 15%``."""
    if isinstance(value, Mapping) or value is None:
        return value
    if key == "sign_on":
        return {"amount": value}
    if key == "refresher":
        return {"annual_value": value}
    if key == "equity":
        return {"kind": "rsu", "value": value}
    if key == "vesting" and isinstance(value, str):
        if value in ("standard", "back_loaded"):
            return {"kind": value}
        return {"kind": "custom", "percents": [float(p) for p in re.findall(_NUM, value)]}
    if key == "bonus":
        if isinstance(value, int | float) and not isinstance(value, bool):
            # Not via str(): an int of 4,300+ digits can't be turned into text.
            return {"target_percent": value} if value <= 100 else {"target_amount": value}
        if str(value).strip().endswith("%"):
            return {"target_percent": str(value).strip().rstrip("%")}
        return {"target_amount": value}
    return value


def offer_from_data(data: Mapping[str, Any]) -> ParseResult:
    """An offer from a mapping (parsed JSON or YAML). Unknown keys are listed, not used."""
    if not isinstance(data, Mapping):
        raise InputError(
            "An offer file must hold one offer: a mapping of fields like 'base: 185000'."
        )
    known = set(Offer.model_fields)
    clean: dict[str, Any] = {}
    unparsed: list[str] = []
    for raw_key, value in data.items():
        key = _ALIASES.get(
            str(raw_key).strip().lower().replace("-", "_").replace(" ", "_"),
            str(raw_key).strip().lower().replace("-", "_").replace(" ", "_"),
        )
        if key not in known:
            unparsed.append(f"'{raw_key}': not a field an offer has")
            continue
        clean[key] = _shorthand(key, value)
    assumptions: list[str] = []
    _defaults_noted(clean, assumptions)
    return ParseResult(offer=_build(clean), unparsed=unparsed, assumptions=assumptions)


def _build(data: dict[str, Any]) -> Offer:
    try:
        return Offer.model_validate(data)
    except ValidationError as err:
        raise InputError(_sentence(err)) from None


def _sentence(err: ValidationError) -> str:
    """The first validation error as one plain sentence."""
    first = err.errors()[0]
    loc = [str(p) for p in first["loc"] if not str(p).startswith("function-")]
    if loc[:1] == ["equity"] and loc[1:2] and loc[1] in ("rsu", "options", "percent"):
        loc.pop(1)  # the union's tag, not a field the user wrote
    where = ".".join(loc)
    if first["type"] == "extra_forbidden":
        return f"'{where}' is not something an offer can have; check the spelling."
    if first["type"].startswith(("date", "datetime")):
        return f"The offer's '{where}' is not a date I can read; write it like 2026-07-01."
    if first["type"] == "missing":
        return f"The offer is missing '{where}'."
    message = first["msg"].removeprefix("Value error, ")
    return f"The offer's '{where}' is not valid: {message[0].lower()}{message[1:]}."


def load_offer(source: str | Path) -> ParseResult:
    """An offer from a .json/.yaml/.yml file, a text file, or the offer text itself."""
    text = str(source)
    path = Path(text)
    looks_like_file = "\n" not in text and path.suffix.lower() in (".json", ".yaml", ".yml", ".txt")
    try:
        is_file = path.is_file()
    except OSError:  # a long sentence is not a valid path on some systems
        is_file = False
    if not is_file:
        if looks_like_file:
            raise InputError(f"There is no offer file at {quote(text, 80)}.")
        return parse_offer(text)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"The offer file {quote(text, 80)} can't be read as text.") from exc
    suffix = path.suffix.lower()
    name = quote(path.name)
    if suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} is not valid JSON (line {exc.lineno}).") from None
        except (ValueError, RecursionError):  # a number of 4,300+ digits, nesting too deep
            raise InputError(f"{name} is not JSON I can read as an offer.") from None
        return offer_from_data(data)
    if suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            raise InputError(f"{name} is not valid YAML.") from None
        # PyYAML's constructors raise plain Python errors on some input: ValueError for a
        # date like 2026-13-45 or a 4,300-digit number, AttributeError for a bad
        # !!timestamp, RecursionError for deep nesting. All mean the same to the user.
        except Exception:
            raise InputError(f"{name} is not YAML I can read as an offer.") from None
        return offer_from_data(data)
    return parse_offer(content)
