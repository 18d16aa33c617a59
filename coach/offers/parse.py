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
from coach.offers.letter_files import LETTER_SUFFIXES, read_letter
from coach.offers.letter_text import LetterText
from coach.offers.model import EMPLOYER_ALIASES, MAX_BASE, MIN_BASE, Offer, employer_type_from
from coach.offers.offer_entities import (
    corrected_role,
    find_company,
    find_labelled,
    find_place,
    find_role,
    level_of,
    place_country,
)
from coach.offers.pasted_text import numbers_in_words, unwrapped
from coach.offers.reading import OfferReading, Question, ReadField
from coach.offers.share_grants import read_options, read_rsu_shares
from coach.offers.tradeoff_read import tradeoff_question
from coach.offers.written_numbers import (
    CurrencyMark,
    country_currency,
    currency_marks,
    plain_figures,
    quoted,
    writing_in,
)
from coach.vocabulary import normalise, private_company_named, public_company_named

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
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:\s+\d{{4}})?)"
)

# Labels an amount can attach to, in priority order: at one position the first
# alternative wins, so "equity refreshers" is a refresher and "sign-on bonus" is
# not a bonus.
# The sign-on's words, wherever a message is read for it (the what-ifs too): "s/o",
# "sign on", "signing bonus", "a 35k signign bonus".
SIGN_ON_WORDS = (
    r"\bs/o\b|sign[-\s]{0,2}on(?:\s+bonus)?|sig(?:i)?ning(?:\s+bonus)?|joining\s+bonus"
    r"|golden\s+hello|\bsign[a-z]{1,4}\s+bonus"
)
_LABELS = re.compile(
    rf"(?P<sign_on>{SIGN_ON_WORDS}"
    # "20k sign" (the word cut short, the clause ending there)
    r"|\bsign\b(?=\s*(?:$|[,;.)\n]))"
    r")"
    r"|(?P<refresher>(?:annual\s+|yearly\s+)?(?:equity\s+|stock\s+)?refresh(?:er)?s?(?:\s+grants?)?)"
    r"|(?P<relocation>relocation(?:\s+(?:package|bonus|allowance))?|relo\b|moving\s+(?:allowance|stipend))"
    r"|(?P<payout>(?:historical\s+)?pay(?:s|ed|s\s+out|ed\s+out|out)(?:\s+(?:rate|history))?|paid\s+out"
    r"|funded\s+at)"
    r"|(?P<bonus>(?:annual\s+|target\s+|performance\s+)?(?:bonus|bonsu|b[oô]nus)(?:\s+target)?"
    r"|(?:annual\s+)?incentive(?:\s+(?:plan|target))?|\bsti\b|variable\s+pay"
    r"|(?:on[-\s])?target\s+(?:award|payout))"
    r"|(?P<valuation>(?:post|pre)(?:[-\s]money)?(?:\s+valuation)?\b|valuation"
    r"|valued\s+(?:\w+\s+){0,3}?at)"
    r"|(?P<stake>of\s+the\s+company|ownership|stake|fully[-\s]diluted)"
    r"|(?P<rsu>rsus?\b|restricted\s+(?:stock|share)(?:\s+units?)?|(?:stock|equity)(?:\s+grant)?|shares)"
    r"|(?P<base>base(?!d)(?:\s+(?:salary|pay))?|bsae|sall?ary|salery|sal[aá]rio(?:\s+anual)?"
    r"|(?:jahres|grund)?gehalt|fixed\s+pay"
    # "£10,000 (gross)" says an amount is before tax, not that it is the salary
    r"|(?:monthly\s+)?(?<!\()gross(?!\))(?:\s+annual\s+salary)?)",
    re.IGNORECASE,
)
_TAKES_MONEY = {"sign_on", "refresher", "relocation", "bonus", "valuation", "rsu", "base"}
_TAKES_PERCENT = {"bonus", "payout", "rsu", "stake"}
_RSU_PER_YEAR = re.compile(
    r"^\s*(?:in\s+)?(?:rsus?|rsu's|stock)\s*(?:/\s*(?:yr|year)|per\s+year|a\s+year)", re.I
)
_PER_YEAR = re.compile(r"^\s*(?:/\s*(?:yr|year)|per\s+year|a\s+year|annually|per\s+annum)\b", re.I)
_PERCENT = re.compile(rf"({_NUM})\s*(?:%|percent\b)", re.IGNORECASE)

# Patterns read before amounts; the text they match is then blanked out.
_CLAWBACK = re.compile(
    r"(?<!\d)(\d+)[-\s]?(month|mo|year)s?[-\s]+(?:clawback|claw[-\s]back|repayment)"
    r"|(?:clawback|claw[-\s]back|repayable|repaid|repay(?:ment)?|pay\s+it\s+back|returned|"
    r"recoverable|refundable|prorated|pro[-\s]rated)"
    r"[^\d.]{0,60}?(\d+)[-\s]?(month|mo|year)s?\b",
    re.IGNORECASE,
)
_CLIFF = re.compile(
    r"(?<!\d)(\d+)[-\s]?(month|mo|year|yr|y)s?\s+clif+\b|clif+\s+(?:of\s+)?(\d+)[-\s]?"
    r"(month|mo|year|yr|y)s?\b|(no)\s+cliff",
    re.IGNORECASE,
)
_VEST_YEARS = re.compile(
    r"(?:(?:vest(?:s|ing|ed)?\s+)?(?:over|across)\s+(\d++)\s*(?:years?|yrs?|y)\b)"
    r"|(?<!\d)(\d++)[-\s]?(?:years?|yrs?|y)\s+(?:vest(?:s|ing)?|schedule)"
    r"|vest(?:s|ing|ed)?\s*:?\s*(\d++)\s*(?:years?|yrs?|y|jahre)\b"
    r"|/\s*(?<!\d)(\d++)\s*yrs?\b(?!\s*[-\s]?clif)"
    r"|(?<!\d)(\d++)\s*/\s*1\s+vest|vest(?:s|ing)?\s+is\s+(\d++)\s*(?:years?|yrs?)",
    re.IGNORECASE,
)
# A vesting period in months: only beside a word for vesting ("paid over 12 months" is not).
_VEST_MONTHS = re.compile(
    r"(?<![a-z])vest(?:s|ing|ed)?\s*:?\s*(?:[a-z]+\s+){0,2}?(?:(?:over|across)\s+)?(\d{1,3})\s*"
    r"(?:months?|mos?)\b(?!\s*[-\s]?clif)"
    r"|(?<!\d)(\d{1,3})[-\s]?months?\s+(?:vest(?:s|ing)?|schedule)",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"(monthly|quarterly|annually|yearly)\s+(?:vesting|vest|after|thereafter)"
    r"|vest(?:s|ing)?\s+(monthly|quarterly|annually|yearly)"
    r"|(?:then|thereafter)\s+(monthly|quarterly|annually|yearly)",
    re.IGNORECASE,
)
_SCHEDULE = re.compile(
    r"(?<!straße\s)(?<!strasse\s)(?<!gasse\s)(?<!street\s)(?<!suite\s)(?<!apt\s)(?<!flat\s)"
    rf"(?<![\d.$])({_NUM}%?(?:\s*/\s*{_NUM}%?){{1,9}})\s*%?(?![\d/])",
    re.IGNORECASE,
)
_BACK_LOADED = re.compile(r"back[-\s]?loaded", re.IGNORECASE)
_PTO = re.compile(
    rf"({_NUM})\s*(?:vacation\s+|working\s+|business\s+)?days?['’]?\s*(?:of\s+)?(?:pto|paid\s+time\s+off|vacation|holidays?|"
    rf"annual\s+leave|leave|off)|(?:pto|paid\s+time\s+off|vacation|urlaub|annual\s+leave"
    # "Holiday: 25 days" is a UK letter's annual leave; "holidays" may be public holidays.
    r"|holiday(?:\s+(?:entitlement|allowance))?(?!s))"
    rf"\s*(?:of|:|=|is)?\s*({_NUM})\s*(?:working\s+|business\s+)?(?:days?|tage)"
    rf"|({_NUM})\s*(?:vacation|holiday|pto|leave)\s+days|({_NUM})\s*(?:urlaubstage|dni\s+urlopu)"
    rf"|({_NUM})\s*(?:working\s+|business\s+)?days?['’]?\s+(?:of\s+)?paid\s+(?:annual\s+)?(?:leave|vacation|holiday)"
    rf"|(?:vacation|pto|holidays?|annual\s+leave)\s*[:=]?\s*\d+\s*weeks?\s*\(({_NUM})\s*days\)"
    rf"|(?:annual\s+leave|vacation|paid\s+time\s+off)\b[^.;\d]{{0,40}}\(({_NUM})\s*days\s+(?:per|a)\s+year",
    re.IGNORECASE,
)
# A base written without "k" or "$" ("base 5", "185 base") is still labelled: read it, so
# the model can say it is too low, rather than dropping it as a count.
_BARE_BASE = re.compile(
    r"\b(?:base(?:\s+(?:salary|pay))?|salary)\s*(?:of|:|=|is)?\s*(\d{1,3}(?:\.\d+)?)(?![\d.,%]|\s*"
    r"%|\s*(?:k|m|mm|thousand|million|percent)\b)|(?<![\d,.$])\b(\d{1,3}(?:\.\d+)?)\s+base\b",
    re.IGNORECASE,
)
_BARE_BONUS = re.compile(
    r"\b(?:bonus|bonsu)(?:\s+target)?\s*(?:of|:|=|is)?\s*(\d{1,3}(?:\.\d+)?)(?![\d.,%]|\s*"
    r"%|\s*(?:k|m|thousand|percent)\b)|(?<![\d,.$])\b(\d{1,3}(?:\.\d+)?)\s+(?:bonus|bonsu)\b",
    re.IGNORECASE,
)
_BARE_EQUITY = re.compile(
    r"\b(?:equity|stock)(?:\s*\([^)]*\))?\s*(?:of|:|=|is)?\s*(\d{1,4}(?:\.\d+)?)(?![\d.,%]|\s*"
    r"%|\s*(?:k|m|mm|thousand|million|percent|shares|rsus?|options|units)\b)",
    re.IGNORECASE,
)
# A labelled figure with no "k", "$" or "%" ("180 base", "15 bonus", "equity 1.5"): read as
# thousands under an "(in thousands)" header, else asked: (pattern, path, asked, question).
_BARE_FIGURES = (
    (
        _BARE_BASE,
        "base",
        "base",
        "“{said}”: is that {k} a year? Write the base in full, with its thousands or a k.",
    ),
    (
        _BARE_BONUS,
        "bonus.target_amount",
        "bonus",
        "“{said}”: is the bonus {figure}% of base or {k}?",
    ),
    (
        _BARE_EQUITY,
        "equity.value",
        "equity",
        "“{said}”: is that a percentage of the company, a dollar value, or a number of shares?",
    ),
)
_PTO_WEEKS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*(?:wks?|weeks?)['’]?\s*(?:of\s+)?(?:pto|vacation|paid\s+time\s+off|holiday"
    r"|annual\s+leave|leave)"
    # "PTO: 3 weeks a year": the label first.
    r"|\b(?:pto|vacation|paid\s+time\s+off|annual\s+leave)\s*[:=]\s*(\d{1,2})\s*(?:wks?|weeks?)\b",
    re.IGNORECASE,
)
_VESTING_WORD = re.compile(r"vest|schedule", re.IGNORECASE)
_FREQUENCIES = {
    "annually": "annual",
    "yearly": "annual",
    "jährlich": "annual",
    "jahrlich": "annual",
}
_UNLIMITED_PTO = re.compile(r"unlimited\s+(?:pto|vacation|paid\s+time\s+off)", re.IGNORECASE)
_REMOTE = re.compile(
    r"(?P<remote>fully\s+remote|remote[-\s]first|\bremote\b)|(?P<hybrid>\bhybrid\b)"
    r"|(?P<onsite>on[-\s]?site|in[-\s]office|in\s+the\s+office)",
    re.IGNORECASE,
)
_START = re.compile(
    r"(?:\bstart(?:ing)?\s+date|first\s+day(?:\s+of\s+(?:employment|work))?|\bstart(?=\s*[:\t])|\bstarting(?=\s+(?:on\b|asap|immediately|(?-i:[A-Z0-9])))"
    r"|employment\s+(?:will\s+|is\s+to\s+|shall\s+)?(?:begin|commence|start)s?"
    r"|commencement\s+date|new\s+(?:employee|hire)\s+orientation"
    r"|startdatum|in[ií]cio)\b\s*(?:will\s+be|would\s+be|is|of|on|:|\t|-)*"
    r"\s*(?P<when>(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+)?"
    r"(?:[^.\n;|]|\.(?=\d)){2,45}?)(?=\.(?!\d)|[;\n|]|,\s+(?!\d{4})|\s+pending|\s*$)",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"(?:deadline|respond\s+by|reply\s+by|answer\s+by|decide\s+by|decision\s+by|respond\s+within|"
    r"(?:confirm|return|accept|sign)\w*\b[^.\n]{0,40}?\b(?:by|no\s+later\s+than)|"
    r"let\s+(?:us|me)\s+know(?:\s+your\s+decision)?\s+(?:by|within)|"
    r"hear\s+back\s+by|open\s+until|acceptance\s+by|returning\s+this\s+letter\s+by|"
    r"decision\s+within|expires?(?:\s+on)?|answer\s+by|get\s+an\s+answer\s+by)\b"
    r"\s*(?:is|of|:|\t)*\s*(?P<when>(?:[^.\n;|!]|\.(?=\d)){2,45}?)"
    r"(?=\.(?!\d)|[;\n|!]|,?\s+so\b|\s*$)",
    re.IGNORECASE,
)
_RETIREMENT = re.compile(
    r"\b401\s*\(?k\)?(?:\s+(?:match(?:ing)?|plan|contribution)[^.;,\n]*)?", re.IGNORECASE
)
_NATIONAL = re.compile(r"\b(?:US|U\.S\.?|USA|United States)\b")
_LEVEL_ROLE = re.compile(
    r"\b(senior|staff|principal|junior|mid[-\s]level|entry[-\s]level)\s+(?:role|position|level|ic)\b",
    re.IGNORECASE,
)
_EMPLOYER_CANON = {
    "federal": "government",
    "public sector": "government",
    "501 c 3": "non-profit",
    "non profit": "non-profit",
    "nonprofit": "non-profit",
    "start up": "startup",
    "public co": "public company",
}
_EMPLOYER_WORDS = re.compile(
    r"non[-\s]?profit|501\(c\)\(3\)|government|federal(?!\s+(?-i:[A-Z]))|public\s+sector"
    r"|start[-\s]?up"
    r"|public\s+co(?:mpany)?\b",
    re.IGNORECASE,
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
    + "|".join(_phrase(a) for a in sorted(EMPLOYER_ALIASES, key=len, reverse=True) if a != "other")
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
    reading: OfferReading | None = None  # what was read, word by word (text input)


@dataclass
class Extraction:
    """Fields found in text, before they are checked as an offer (partial is fine).

    Each field keeps the words it was read from (``sources``), whether it was assumed
    rather than written (``guessed``) and how it was worked out (``notes``); what can't
    be settled from the words is a question (``questions``: path -> sentence, words).
    """

    data: dict[str, Any] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    current_pay: int | None = None  # the person's pay today, said beside the offer
    sources: dict[str, str] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    questions: dict[str, tuple[str, str]] = field(default_factory=dict)

    thousands: bool = False  # "(USD, in thousands)": bare figures are thousands
    # Yearly-sized amounts with no label: (value, words, said right after an offer verb).
    loose: list[tuple[int, str, bool]] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)  # amounts no label claims
    original: str = ""  # the text as written, for what is asked about it
    # Sign-on amounts each named as one payment of several ("First-year sign-on bonus
    # $42,000", "second instalment of the signing bonus"): (value, words), added up in _settle.
    sign_on_parts: list[tuple[int, str]] = field(default_factory=list)
    # Sign-on amounts named as the whole bonus: two that differ are asked about.
    sign_on_amounts: list[tuple[int, str]] = field(default_factory=list)
    day_first: bool = False  # dates written 02/03/2027 mean 2 March (outside the US)
    approximate: set[str] = field(default_factory=set)  # figures written "about $97k"
    # A vesting sentence with several percentages read whole (a cliff, then equal parts).
    vesting_explained: bool = False

    def ask(self, path: str, question: str, source: str = "") -> None:
        """A field that can't be read for sure: asked, never guessed (the first ask stays).

        The question quotes the person's words on one line: a line break inside them would
        split the one sentence an error is."""
        self.questions.setdefault(path, (" ".join(question.split()), " ".join(source.split())))

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
        self.sources.setdefault("equity.kind", " ".join(source.split()))
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
        self.sources.setdefault(path, " ".join(source.split()))

    def note(self, path: str, how: str, *, guessed: bool = False) -> None:
        self.notes[path] = how
        if guessed:
            self.guessed.add(path)


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


_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_KANJI_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.])")


def _date(found: str, what: str, out: Extraction) -> dt.date | None:
    """A full date in ``found`` ("January 11, 2027", "2027-02-01", "01.04.2027"), or None:
    then the words themselves are kept ("by the 15th", "asap"), not turned into a date."""
    if kanji := _KANJI_DATE.search(found):  # 2026年1月5日
        try:
            return dt.date(*(int(g) for g in kanji.groups()))
        except ValueError:
            return None
    if numeric := _NUMERIC_DATE.search(found):
        first, sep, second, year = numeric.groups()
        a, b = int(first), int(second)
        # 01.04.2027 is day-first everywhere; 03/15/2027 can only be month-first; a slash
        # date both ways round is read the way the offer's country writes it, and said so.
        day_first = sep == "." or a > 12 or (b <= 12 and out.day_first)
        if a <= 12 and b <= 12 and sep == "/" and a != b:
            out.assumptions.append(
                f"'{numeric.group(0)}' ({what}) read as "
                + ("day/month/year" if day_first else "month/day/year")
                + f" ({'outside' if out.day_first else 'in'} the US)."
            )
        day, month = (a, b) if day_first else (b, a)
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            out.unparsed.append(f"'{numeric.group(0)}' ({what}) is not a real date")
            return None
    match = _DATE_RE.search(found)
    if match is None:
        return None
    cleaned = re.sub(r"(st|nd|rd|th)\b|,|\.", "", match.group(0).strip().lower())
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", cleaned):
            return dt.date.fromisoformat("-".join(p.zfill(2) for p in cleaned.split("-")))
        parts = cleaned.split()
        if parts[0].isdigit():
            parts = [parts[1], parts[0], *parts[2:]]
        month = next(n for name, n in _MONTHS.items() if name.startswith(parts[0][:3]))
        if len(parts) < 3:
            return None  # "February 5": kept as written, the year is not guessed
        return dt.date(int(parts[2]), month, int(parts[1]))
    except (ValueError, StopIteration, IndexError):
        return None


def _entities(text: str, original: str, out: Extraction) -> str:
    """Company, role, level, location, employer type, remote policy and dates; blanks them."""
    labelled = find_labelled(text)
    finders = {"role": find_role, "location": find_place, "company": find_company}
    for key in ("company", "role", "location", "level"):
        found = labelled.get(key) or (finders[key](text) if key in finders else None)
        if found is None or found.value.lower() in _NOT_NAMES:
            continue
        out.put(key, found.value, original[found.start : found.end])
        text = _blank(text, found.start, found.end)
    if "role" in out.data and (fixed := corrected_role(out.data["role"])):
        role, level = fixed
        out.data["role"] = role
        out.note("role", f"read as {role}: the words have typos", guessed=True)
        if level and "level" not in out.data:
            out.put("level", level, out.sources["role"])
    if "level" in out.data:
        out.data["level"] = level_of(out.data["level"]) or out.data["level"]
    elif "role" in out.data and (level := level_of(out.data["role"])):
        out.put("level", level, out.sources["role"])
        out.note("level", "from the title")
    for match in _LEVEL.finditer(text):
        if "level" not in out.data:
            out.put("level", _first(match), _said(original, match))
        text = _blank(text, *match.span())
    if hit := _EMPLOYER_RE.search(text):
        out.put("employer_type", employer_type_from(hit.group(1)).value, _said(original, hit))
    if hit := _EMPLOYER_WORDS.search(text):
        word = normalise(hit.group(0))
        out.put("employer", _EMPLOYER_CANON.get(word, word), _said(original, hit))
    for plan in _RETIREMENT.finditer(text):
        # "401k match" is a US retirement plan, not $401,000.
        out.assumptions.append("A 401(k) match is not counted in the totals.")
        text = _blank(text, *plan.span())
        break
    if hit := _UNLIMITED_PTO.search(text):
        out.assumptions.append("Unlimited PTO has no set number of days, so it is not valued.")
        text = _blank(text, *hit.span())
    if hit := _REMOTE.search(text):
        out.put("remote", hit.lastgroup, _said(original, hit))
        if hit.lastgroup == "remote" and "location" not in out.data:
            # "fully remote within the US": the place to price is the US's remote market.
            national = _NATIONAL.search(text)
            out.put("location", "Remote (US)" if national else "Remote", _said(original, hit))
    if "level" not in out.data and (hit := _LEVEL_ROLE.search(text)):
        out.put("level", level_of(hit.group(1)) or hit.group(1).lower(), _said(original, hit))
    for pattern, key, what in (
        (_START, "start_date", "start date"),
        (_DEADLINE, "deadline", "offer deadline"),
    ):
        for hit in pattern.finditer(text):
            when = original[hit.start("when") : hit.end("when")].strip(" ,:")
            if not when or not _date_like(when):
                continue  # "start date, you must repay…": the words of a clause, not a date
            day = _date(hit.group("when"), what, out)
            out.put(key, day.isoformat() if day else when, _said(original, hit))
            text = _blank(text, *hit.span())
            break
    return text


# What a date can be written with: a figure ("9/15", "1 Dec"), a month or a weekday, or a word
# of timing ("asap", "two weeks after you sign"). Words after "start date" with none of these
# are the rest of a sentence ("start date, you must repay the bonus"), never a date.
_DATE_WORD = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\b|\b(?:"
    + "|".join(_MONTHS)
    + r")\b|\b(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\b"
    r"|\b(?:asap|immediately|now|today|tomorrow|soon|next|this|week|weeks|month|months"
    r"|quarter|q[1-4]|one|two|three|four|five|six|spring|summer|autumn|fall|winter|early|mid|late"
    r"|end|beginning|upon|after|before|once|following|flexible|negotiable|tbd|tba|agreed)\b",
    re.IGNORECASE,
)
# A clause of a sentence opens with its subject; a date never does.
_CLAUSE_OPENER = re.compile(r"^(?:you|we|they|i|he|she|it|your|our|the\s+company)\b", re.IGNORECASE)


def _date_like(when: str) -> bool:
    """Whether the words after "start date" / "respond by" can be a date."""
    return bool(_DATE_WORD.search(when)) and not _CLAUSE_OPENER.match(when)


def _said(original: str, match: re.Match[str]) -> str:
    """The original words at a match in the plain text (same positions)."""
    return quoted(match.string, original, match.start(), match.end())


def _months(number: str, unit: str) -> int:
    return int(number) * (12 if unit.lower().startswith("y") else 1)


# A company named by its worth: "0.2% of a $500M AI startup", "a $2B company". A figure
# in millions or billions right before the word for a company is its valuation (a salary is
# never written that way); a percentage just before "of a …" is the stake in it.
_BIG_MONEY = r"\$?\s?\d+(?:\.\d+)?\s*(?:m|mm|million|b|bn|billion)\b"
_COMPANY_WORTH = re.compile(
    rf"(?:(?P<stake>{_NUM})\s*(?:%|percent\b)\s+(?:(?:equity|stake|ownership)\s+)?"
    rf"(?:of|in|at)\s+)?(?:a|an|the)\s+(?P<worth>{_BIG_MONEY})(?:\s+[\w-]+){{0,3}}?\s+"
    r"(?:startup|start-up|company|unicorn|scale-?up|business|firm|lab|co|corp)s?\b",
    re.IGNORECASE,
)


# "0.12% at a $750M valuation", "0.3% (post-money $2B valuation)": a percent priced at a
# valuation is a stake in the company, with or without the word "equity" beside it.
_STAKE_AT_VALUATION = re.compile(
    rf"(?P<stake>{_NUM})\s*(?:%|percent\b)\s+(?:(?:equity|stake|ownership)\s+)?"
    rf"(?:at|@|on|with|of)\s+(?:a|an|the)?\s*(?:\(\s*)?(?:(?:pre|post)[- ]?money\s+)?"
    rf"(?P<worth>{_BIG_MONEY})\s+(?:(?:pre|post)[- ]?money\s+)?val(?:u\w*)?\b",
    re.IGNORECASE,
)


# "0.5% at a seed startup valued at 20M", "0.5% equity, company worth $20M", "0.5% equity
# (valuation 20M)": the same stake, its company's worth said after the company.
_STAKE_IN_VALUED_COMPANY = re.compile(
    rf"(?P<stake>{_NUM})\s*(?:%|percent\b)\s*(?:(?:equity|stake|ownership)\b)?[\s,;(:-]+(?:"
    rf"(?:(?:at|in|of)\s+)?(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){{0,3}}?"
    r"(?:startup|start-up|company|unicorn|scale-?up|business|firm|lab|series\s+[a-f]|seed)s?\b[\s,)]+"
    r"(?:(?:that|which)\s+)?(?:is\s+|'s\s+)?(?:(?:currently|now|last)\s+)?"
    r"(?:valued|worth|priced)\s+(?:at\s+)?"
    r"|(?:(?:pre|post)[- ]?money\s+)?valuation\s*(?:of|is|at|:|=)?\s*"
    r"|(?:valued|worth)\s+(?:at\s+)?)"
    rf"(?P<worth>{_BIG_MONEY})",
    re.IGNORECASE,
)


# A label that owns the percent right after it: then it is no stake.
_OTHER_PERCENT = re.compile(
    r"(?i)\b(?:bonus|raise|match|growth|increase|target|commission|401k)"
    # "bonus up to 15%", "401k at 6%": a few words of its own between, but no comma
    r"(?:\W{0,3}|(?:\s+[a-z]+){1,3}\s+)(?:of\s+)?$"
)


def _company_worth(match: re.Match[str], clause: str, original: str, out: Extraction) -> str:
    """The valuation of "0.2% of a $500M AI startup" (with the stake), or of "a $2B
    company" when the offer's equity is a percentage; otherwise the figure is the company's
    size, not pay: said so, and not asked about."""
    worth = find_amounts(match.group("worth"))
    if not worth or worth[0].value < _MIN_VALUATION:
        return clause
    start, end = match.span("worth")
    said = quoted(clause, original, start, end)
    stake = match.group("stake")
    elsewhere = _PERCENT_STAKE.search(out.original)  # the whole offer, not this clause
    if not stake and _WORKS_THERE.search(clause[: match.start()]):
        elsewhere = None  # "I work at a $5B company": where they are now, not the offer
    if stake or elsewhere:
        if not out.equity("percent", _said(original, match)):
            return clause
        out.put("equity.valuation", int(worth[0].value), said)
        if stake:
            stake_said = quoted(clause, original, match.start("stake"), match.end("stake") + 1)
            out.put("equity.percent", float(stake), stake_said)
    else:
        out.assumptions.append(f"'{said.strip()}' read as the company's size, not as pay.")
    return _blank(clause, *match.span())


_WORKS_THERE = re.compile(
    r"(?i)\b(?:work(?:s|ing|ed)?|am|was|employed|currently)\s+(?:at|for|with|in)\s*$"
)
_PERCENT_STAKE = re.compile(
    rf"{_NUM}\s*(?:%|percent\b)\s*(?:equity|stake|ownership|of\s+the\s+company)", re.I
)


def _structures(clause: str, original: str, out: Extraction) -> str:
    """Vesting, clawback, options, per-share prices and PTO days; returns the clause blanked."""
    stake = _STAKE_AT_VALUATION.search(clause) or _STAKE_IN_VALUED_COMPANY.search(clause)
    if stake is not None and _OTHER_PERCENT.search(clause[: stake.start()]):
        stake = None  # "bonus 15% on a $2B valuation": the bonus's percent, not a stake
    if match := _COMPANY_WORTH.search(clause) or stake:
        clause = _company_worth(match, clause, original, out)
    if match := _CLAWBACK.search(clause):
        groups = match.groups()
        number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
        out.put("sign_on.clawback_months", _months(number, unit), _said(original, match))
        clause = _blank(clause, *match.span())
    clause = _vesting_terms(clause, original, out)
    for pattern, path, asked, question in _BARE_FIGURES:
        if match := pattern.search(clause):
            figure = _first(match) or "0"
            said = _said(original, match)
            if out.thousands:  # under "(USD, in thousands)", "185" is 185,000
                if path.startswith("equity") and not out.equity("rsu", said):
                    continue
                out.put(path, round(float(figure) * 1000), said)
                out.note(path, f"{figure} in thousands")
            else:
                thousands = f"{float(figure) * 1000:,.0f}"
                out.ask(asked, question.format(said=said.strip(), figure=figure, k=thousands), said)
            clause = _blank(clause, *match.span())
    if match := _PTO_WEEKS.search(clause):
        weeks = float(_first(match) or 0)
        out.put("pto_days", weeks * 5, _said(original, match))
        out.note("pto_days", f"{weeks:g} weeks × 5 working days")
        clause = _blank(clause, *match.span())
    if match := _PTO.search(clause):
        out.put("pto_days", float(_first(match) or 0), _said(original, match))
        clause = _blank(clause, *match.span())
    return clause


def _vesting_terms(clause: str, original: str, out: Extraction) -> str:
    """The cliff, the period, the per-year shares and the frequency written in one clause
    ("4 years, 1-year cliff, then monthly", "5/15/40/40"); returns the clause blanked."""
    if match := _CLIFF.search(clause):
        groups = match.groups()
        if groups[4]:
            months = 0
        else:
            number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
            months = _months(number, unit)
        out.put("vesting.cliff_months", months, _said(original, match))
        clause = _blank(clause, *match.span())
    if match := _BACK_LOADED.search(clause):
        out.put("vesting.kind", "back_loaded", _said(original, match))
        clause = _blank(clause, *match.span())
    if (match := _VEST_YEARS.search(clause)) and match.group(5):
        # "Standard 4/1 vesting": four years with a one-year cliff.
        out.put("vesting.years", int(match.group(5)), _said(original, match))
        out.put("vesting.cliff_months", 12, _said(original, match))
        clause = _blank(clause, *match.span())
    match = _SCHEDULE.search(clause)
    percents = [float(p.strip().rstrip("%")) for p in match.group(1).split("/")] if match else []
    thirds = _equal_parts(percents)
    # Only shares of 100 are a schedule; "7/1/2026" is a date, left for the user to see.
    if match and (thirds or abs(sum(percents) - 100) <= 0.5) and max(percents) <= 100:
        out.data.setdefault("vesting", {}).setdefault("kind", "custom")
        out.put("vesting.percents", thirds or percents, _said(original, match))
        if thirds:
            out.note("vesting.percents", f"{match.group(1)} read as {len(thirds)} equal parts")
        clause = _blank(clause, *match.span())
    elif match and len(percents) >= 2 and min(percents) >= 5 and _VESTING_WORD.search(original):
        shown = "/".join(f"{p:g}" for p in percents)
        raise InputError(
            f"The vesting schedule {shown} adds up to {sum(percents):g}%, not 100%; "
            "check the vesting percentages."
        )
    if match := _VEST_YEARS.search(clause):
        out.put("vesting.years", int(_first(match) or 0), _said(original, match))
        clause = _blank(clause, *match.span())
    if match := _VEST_MONTHS.search(clause):
        clause = _period_in_months(int(_first(match) or 0), match, clause, original, out)
    if match := _FREQUENCY.search(clause):
        word = (_first(match) or "").lower()
        out.put("vesting.frequency", _FREQUENCIES.get(word, word), _said(original, match))
        clause = _blank(clause, *match.span())
    return clause


def _equal_parts(percents: list[float]) -> list[float] | None:
    """ "33/33/33" or "33.3/33.3/33.3": equal parts written rounded, each within a point of
    100/n, are n equal parts (thirds), not a schedule 1% short; None otherwise."""
    n = len(percents)
    if n < 2 or len(set(percents)) != 1 or abs(sum(percents) - 100) <= 0.01:
        return None
    return [round(100 / n, 6)] * n if abs(percents[0] - 100 / n) < 1 else None


def _period_in_months(
    months: int, match: re.Match[str], text: str, original: str, out: Extraction
) -> str:
    """A vesting period written in months ("48 months", "1/48 each month"): whole years
    only, as the vesting model counts them; any other length is asked, not rounded."""
    said = _said(original, match)
    if months and months % 12 == 0:
        out.put("vesting.years", months // 12, said)
        out.note("vesting.years", f"{months} months")
    else:
        out.ask("vesting.years", f"“{said.strip()}”: over how many whole years does it vest?", said)
    return _blank(text, *match.span())


@dataclass
class _Quantity:
    kind: str  # money | percent
    value: float
    text: str
    start: int
    end: int
    explicit: bool = True  # written with a currency sign or a scale ("$", "k")


def _quantities(clause: str) -> list[_Quantity]:
    found = [
        _Quantity("percent", float(m.group(1)), m.group(0), *m.span())
        for m in _PERCENT.finditer(clause)
    ]
    for amount in find_amounts(clause):
        if not any(q.start <= amount.start < q.end for q in found):
            found.append(
                _Quantity(
                    "money", amount.value, amount.text, amount.start, amount.end, amount.explicit
                )
            )
    return sorted(found, key=lambda q: q.start)


def _pairs(
    quantities: list[_Quantity], labels: list[re.Match[str]]
) -> list[tuple[_Quantity, re.Match[str] | None]]:
    """Each amount with its label, closest pairs first, a label taking one amount: in
    "a data analyst job at $88,000 with a 4% bonus" the bonus is the 4%, and the $88,000
    is left without a label rather than read as a second bonus."""
    # At equal distance, the side this text writes its labels on: "base 175k bonus 10% rsu
    # 200k" puts each name before its figure, "175k base, 10% bonus" after it.
    names_first = _names_first(quantities, labels)
    ranked = []
    for q in quantities:
        for label in labels:
            if label.lastgroup not in (_TAKES_MONEY if q.kind == "money" else _TAKES_PERCENT):
                continue
            if _NEGATED.search(label.string, 0, label.start()):
                continue  # "186k no bonus": the part is said absent, it labels no figure
            after = label.start() >= q.end
            gap = label.start() - q.end if after else q.start - label.end()
            side = 0 if after != names_first else 1
            ranked.append((gap, side, q.start, label.start(), q, label))
    ranked.sort(key=lambda r: r[:4])
    chosen: dict[int, re.Match[str]] = {}
    used: set[int] = set()
    for _gap, _side, q_start, l_start, _q, label in ranked:
        if q_start in chosen or l_start in used:
            continue
        chosen[q_start] = label
        used.add(l_start)
    return [(q, chosen.get(q.start)) for q in quantities]


_TOUCHING = 2  # a label this close to a figure is written against it ("base 175k")
# A part said to be absent, right before its label: "no bonus", "without equity", "w/o rsus".
_NEGATED = re.compile(r"(?i)\b(?:no|without|w/o|zero)\s+$")


def _names_first(quantities: list[_Quantity], labels: list[re.Match[str]]) -> bool:
    """Whether this text writes a label before its figure ("base 175k bonus 10%"): by
    the figures touched by a label on one side only; on a tie, by which comes first."""
    before = after = 0
    for q in quantities:
        left = any(0 <= q.start - lb.end() <= _TOUCHING for lb in labels)
        right = any(0 <= lb.start() - q.end <= _TOUCHING for lb in labels)
        before += left and not right
        after += right and not left
    if before != after:
        return before > after
    return bool(labels and quantities) and labels[0].start() < quantities[0].start


def _assign(quantity: _Quantity, label: str, clause: str, original: str, out: Extraction) -> None:
    money = quantity.kind == "money"
    said = quoted(clause, original, quantity.start, quantity.end)
    value = int(quantity.value) if money else quantity.value
    if _NEGATIVE.search(original[: quantity.start]):
        name = _FIELD_NAMES.get(_TARGETS.get(label, label), label).removeprefix("the ")
        raise InputError(f"The {name} can't be negative (-{said.strip().lstrip('$')}).")
    if label == "base" and money and (per := _PER_MONTH.search(clause)):
        # "Paid 13x per year" may be on the next line: the whole offer says how many.
        paid = per.group("times") or (
            found.group("times") if (found := _PAID_TIMES.search(out.original)) else None
        )
        months = int(paid or 12)
        out.put("base", value * months, said)
        out.note("base", f"{value:,} a month × {months}")
        return
    if label in ("rsu", "stake") and not money:
        if out.equity("percent", said):
            out.put("equity.percent", value, said)
        return
    if label == "rsu" and money and value < _MIN_GRANT:
        # "$21.50" next to "RSUs" is a share price, not a grant: never a $21 grant.
        out.ask(
            "equity",
            f"“{said.strip()}”: is that the price of one share? Give the number of shares "
            "or the grant's total value.",
            said,
        )
        return
    if label == "rsu":
        if not out.equity("rsu", said):
            return
        if _PER_YEAR.match(clause[quantity.end :]) or _RSU_PER_YEAR.match(clause[quantity.end :]):
            years = out.data.get("vesting", {}).get("years", 4)
            out.assumptions.append(
                f"'{said}' a year in equity read as a grant of "
                f"{years} x that amount, vesting over {years} years."
            )
            value *= years
    if label == "valuation" and _GRANT_BEFORE.search(clause[: quantity.start]):
        label = "rsu"  # "an equity grant valued at $600,000 in RSUs": the grant's value
        if not out.equity("rsu", said):
            return
    elif label == "valuation" and not out.equity("percent", said):
        return
    if label == "sign_on" and money:
        parts = out.sign_on_parts if _INSTALMENT.search(clause) else out.sign_on_amounts
        parts.append((int(value), said))
        return
    target = _TARGETS[label]
    if label == "bonus":
        target = "bonus.target_amount" if money else "bonus.target_percent"
    out.put(target, value, said)


# Words that name one payment of a sign-on paid in several: "first-year", "second
# instalment", "year 2", "tranche".
_INSTALMENT = re.compile(
    r"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:year|instal+ment|payment|tranche"
    r"|part)\b|\byear[-\s]*(?:[1-4]|one|two|three|four)\b|\binstal+ments?\b|\btranches?\b",
    re.IGNORECASE,
)


def _settle_sign_on(out: Extraction) -> None:
    """One sign-on from the amounts the letter names it with: its instalments added up
    (and said so), the one amount, or a question when two amounts disagree. Never one
    payment kept and the other dropped."""
    parts, whole = out.sign_on_parts, list(dict.fromkeys(out.sign_on_amounts))
    total = sum(value for value, _ in parts)
    amounts = {value for value, _ in whole}
    if len(parts) >= 2 and amounts <= {total}:
        out.put("sign_on.amount", total, "; ".join(words for _, words in parts))
        added = " + ".join(f"{value:,}" for value, _ in parts)
        out.note("sign_on.amount", f"{added}: the sign-on's payments added up")
        return
    if len(parts) == 1 and not whole:
        words = parts[0][1]
        out.ask(
            "sign_on.amount",
            f"“{words.strip()}” is named as one payment of the sign-on bonus: how much is the "
            "sign-on in all?",
            words,
        )
        return
    whole = whole + parts
    if len({value for value, _ in whole}) > 1:
        shown = " and ".join(f"“{words.strip()}”" for _, words in whole)
        out.ask(
            "sign_on.amount",
            f"The offer names the sign-on bonus as {shown}: is it one of these, or "
            "payments that add up (how much in all)?",
            "; ".join(words for _, words in whole),
        )
    elif whole:
        out.put("sign_on.amount", whole[0][0], whole[0][1])


_GRANT_BEFORE = re.compile(
    r"\b(?:grant|rsus?|restricted\s+stock|units|equity\s+award)\b[^.;$]{0,25}$", re.IGNORECASE
)
_MIN_GRANT = 1_000  # below this an equity "value" is a share price or a typo
_MIN_VALUATION = 1_000_000  # a company "worth" less is not what "$500M startup" means
_TARGETS = {
    "base": "base",
    "sign_on": "sign_on.amount",
    "relocation": "relocation",
    "refresher": "refresher.annual_value",
    "valuation": "equity.valuation",
    "rsu": "equity.value",
    "payout": "bonus.payout_percent",
    "bonus": "bonus.target_percent",
    "stake": "equity.percent",
}
# A minus sign right before an amount ("Base: -150,000", "of -$10,000"): refused, not dropped.
_PAID_TIMES = re.compile(r"(?:paid\s+)?(?P<times>1[2-5])\s*(?:x|times)\s+(?:a|per)\s+year", re.I)
_NEGATIVE = re.compile(r"(?:^|[\s:=(])[-−]$")
_PER_MONTH = re.compile(
    r"(?<!semi-)(?<!semi)(?<!bi-)(?<!bi)monthly|per\s+month|a\s+month|/\s*mo(?:nth)?\b|monatlich"
    r"|(?:paid\s+)?(?P<times>1[2-5])\s*(?:x|times)\s+(?:a|per)\s+year",
    re.IGNORECASE,
)


# The names of an offer's parts, for a label written with one typo ("stok", "bonsu",
# "equty"): only a word next to an amount that no label claimed, of four letters or more,
# that is no English word, one edit from one of these.
_LABEL_WORDS = {
    "base": "base",
    "bonus": "bonus",
    "rsu": "stock",
    "sign_on": "sign-on",
    "relocation": "relocation",
}
_LABEL_SPELLINGS = {
    "base": "base",
    "salary": "base",
    "bonus": "bonus",
    "stock": "rsu",
    "equity": "rsu",
    "shares": "rsu",
    "signing": "sign_on",
    "signon": "sign_on",
    "relocation": "relocation",
}
_NEXT_WORD = re.compile(r"^\s*(?:in\s+|of\s+)?([A-Za-z]{4,})\b")
_LAST_WORD = re.compile(r"\b([A-Za-z]{4,})\s*:?\s*$")


def _misspelt_label(clause: str, quantity: _Quantity) -> tuple[str, str] | None:
    """(label group, the word as written) for an amount whose label has a typo."""
    from rapidfuzz.distance import OSA

    from coach.minilm import english_words

    if quantity.kind != "money":
        return None
    for pattern, text in (
        (_NEXT_WORD, clause[quantity.end :]),
        (_LAST_WORD, clause[: quantity.start]),
    ):
        match = pattern.search(text)
        word = match.group(1) if match else ""
        low = word.lower()
        if not word or low in english_words():
            continue
        near = {g for w, g in _LABEL_SPELLINGS.items() if OSA.distance(low, w) == 1}
        if len(near) == 1:
            return near.pop(), word
    return None


# A figure left in a clause, other than a length of time ("at 6 months", "after 1 year").
_FIGURE_LEFT = re.compile(
    r"(?<![\d.,])\d[\d,.]*(?![\d,.])(?!\s*(?:months?|years?|yrs?|days?|weeks?)\b)", re.I
)


def _clause(original: str, clause: str, out: Extraction) -> None:
    before = len(out.data), str(out.data), len(out.sign_on_parts) + len(out.sign_on_amounts)
    # Figures a reading of the whole letter took already are blank here: not "not understood".
    # ("one" written as a word is "1" here: only a figure written as one counts.)
    unread_figures = any(
        any(ch.isdigit() for ch in original[m.start() : m.end()])
        for m in _FIGURE_LEFT.finditer(clause)
    )
    clause = _structures(clause, original, out)
    labels = list(_LABELS.finditer(clause))
    reported = len(out.unparsed)
    for quantity, label in _pairs(_quantities(clause), labels):
        misspelt = _misspelt_label(clause, quantity) if label is None else None
        if misspelt is not None:  # "50k in stok": the label with a typo, said back
            group, word = misspelt
            _assign(quantity, group, clause, original, out)
            out.assumptions.append(f"'{word}' read as {_LABEL_WORDS[group]}.")
            continue
        if label is None:
            # Only a figure written as money ("$7.5k", "C$60,000") is asked about; a bare
            # number may be a code ("GS-2210-13") and is listed as not read.
            if quantity.kind == "money" and quantity.explicit and quantity.value >= _MIN_BARE:
                words = quoted(clause, original, quantity.start, quantity.end)
                out.unlabelled.append(words)
                if _ABOUT.search(clause[max(0, quantity.start - 20) : quantity.start]):
                    out.approximate.add(words)
            if quantity.kind == "money" and MIN_BASE <= quantity.value <= MAX_BASE:
                lead = original[max(0, quantity.start - 60) : quantity.start]
                words = quoted(clause, original, quantity.start, quantity.end)
                opens = _opens_the_offer(out.original, original, quantity.start)
                out.loose.append((int(quantity.value), words, bool(_OFFERED.search(lead)) or opens))
            out.unparsed.append(
                f"'{quoted(clause, original, quantity.start, quantity.end)}' in "
                f"'{original.strip()}': "
                "no label says what this amount is (put its name beside it: base, bonus, sign-on…)"
            )
            continue
        _assign(quantity, label.lastgroup or "", clause, original, out)
    now = len(out.data), str(out.data), len(out.sign_on_parts) + len(out.sign_on_amounts)
    nothing_read = now == before and len(out.unparsed) == reported
    # Only clauses with a figure in them can carry a number we dropped; plain words are chatter.
    if nothing_read and unread_figures:
        out.unparsed.append(f"'{original.strip()}': not understood")


def read_offer_fields(text: str) -> Extraction:
    """The offer fields written in ``text`` (any subset), plus what couldn't be read."""
    out = Extraction(original=text or "")
    _read(text or "", text or "", out)
    return out


# A form's vesting box holds what a letter writes after "Vesting:"; it is read as that line,
# by the readers above, so the box and a pasted letter read the same words the same way.
_VESTING_LINE = "Vesting: "
# Words that carry no term of their own once the terms around them are read.
_VESTING_FILLER = re.compile(
    r"\b(?:vesting|vests?|vested|schedule|standard|then|thereafter|after|with|w|a|an|the|and"
    r"|over|across|of|per|each|every|remaining|evenly|equally|equal|in|on|from|start|cliff"
    r"|grant|shares?|rsus?|stock|options?|year|years|yr|yrs|months?)\b"
    r"|(?<![a-z])[-–—/]|[-–—/](?![a-z])|[,.;:()%+&]",  # a hyphen inside a word stays
    re.IGNORECASE,
)


@dataclass(frozen=True)
class VestingTerms:
    """The vesting terms read from a vesting box: the Vesting fields written (any subset),
    the words each came from, how it was worked out, and the words nothing read."""

    terms: dict[str, Any]
    sources: dict[str, str]
    notes: dict[str, str]
    questions: list[str]
    unread: str  # "" when every word was read or carries nothing


def read_vesting_terms(text: str) -> VestingTerms:
    """Vesting terms typed on their own ("4 years, 1 year cliff, monthly", "5/15/40/40").

    Raises InputError for shares that don't add up to 100%.
    """
    original = _VESTING_LINE + " ".join((text or "").split())
    plain = plain_figures(numbers_in_words(original), None)
    out = Extraction(original=original)
    masked = _document_vesting(plain, original, out)
    pieces, start = [], 0
    for match in [*_CLAUSE_SPLIT.finditer(masked), None]:
        end = match.start() if match else len(masked)
        pieces.append(_vesting_terms(masked[start:end], original[start:end], out))
        pieces.append(masked[end : match.end()] if match else "")
        start = match.end() if match else end
    _settle_vesting(out.data.get("vesting", {}), out)
    left = _VESTING_FILLER.sub(" ", "".join(pieces)[len(_VESTING_LINE) :])
    return VestingTerms(
        terms=dict(out.data.get("vesting", {})),
        sources={
            k.removeprefix("vesting."): v.removeprefix(_VESTING_LINE)
            for k, v in out.sources.items()
        },
        notes={k.removeprefix("vesting."): v for k, v in out.notes.items()},
        questions=[question for question, _ in out.questions.values()],
        unread=" ".join(left.split()),
    )


_NO_CLIFF = re.compile(
    r"\s*(?:none|no|nil|n/?a|zero|-|–|—|no\s+cliff|without\s+a?\s*cliff)\s*", re.IGNORECASE
)
_CLIFF_FILLER = re.compile(r"\b(?:cliff|a|an|of|the)\b|[-–—,.;:()]", re.IGNORECASE)


def read_cliff(text: str) -> int | None:
    """Months of a cliff typed on its own ("12 months", "1 yr", "6mo", "none"; a bare
    number is months), or None when the words are not a cliff's length."""
    typed = " ".join((text or "").split())
    if _NO_CLIFF.fullmatch(typed):
        return 0
    if re.fullmatch(r"\d{1,3}", typed):
        return int(typed)
    # Read as the letter's words "cliff of <what was typed>", by the letter's own pattern.
    line = numbers_in_words("cliff of " + typed)
    match = _CLIFF.search(line)
    if match is None or _CLIFF_FILLER.sub(" ", _blank(line, *match.span())).strip():
        return None
    groups = match.groups()
    if groups[4]:
        return 0
    number, unit = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
    return _months(number, unit)


def _read(plain: str, original: str, out: Extraction) -> None:
    """Read ``plain`` (figures made plain, same positions as ``original``) into ``out``."""
    out.thousands = bool(_IN_THOUSANDS.search(plain))
    masked = _entities(plain, original, out)
    masked = _packages(masked, original, out)
    masked = _ranges(masked, original, out)
    masked = _current_pay(masked, original, out)
    masked = _hourly_pay(masked, original, out)
    masked = _pto_in_hours(masked, original, out)
    masked = _illustration(masked, original, out)
    masked = _sign_on_in_parts(masked, original, out)
    masked = _year_table(masked, original, out)
    masked = _paid_in_parts(masked, original, out)
    masked = _leave_then_repay(masked, original, out)
    masked = _document_vesting(masked, original, out)
    masked = read_options(masked, original, out)
    masked = read_rsu_shares(masked, original, out)
    start = 0
    for match in [*_CLAUSE_SPLIT.finditer(masked), None]:
        end = match.start() if match else len(masked)
        piece = masked[start:end]
        if piece.strip():
            _clause(original[start:end], piece, out)
        start = match.end() if match else end
    _private_company(original, out)


# A letter offering a choice of packages: "Option A: Equity-weighted" then its terms,
# "Option B: Cash-weighted" then its own.
_PACKAGE = re.compile(
    r"^[ \t]*(?:option|package|choice|alternative)[ \t]+(?P<name>[A-D1-4])\b[^\n]*\n"
    r"(?:[ \t]*\n)*(?P<terms>(?:[^\n]*\S[^\n]*(?:\n|$))+)",
    re.IGNORECASE | re.MULTILINE,
)
_PACKAGE_MENTION = re.compile(r"^[^\n]*\b(?:option|package)\s+[A-D]\b[^\n]*\d[^\n]*$", re.M | re.I)
# The terms of a package that differ between packages are asked about by the part they are.
_PACKAGE_PARTS = {"base": "base", "bonus": "bonus", "equity": "equity", "sign_on": "sign_on"}


def _packages(text: str, original: str, out: Extraction) -> str:
    """Two or more packages to choose from: the terms they share are read once; a term
    that differs between them is asked ("which one are you taking?"), never picked."""
    found = list(_PACKAGE.finditer(text))
    if len({m.group("name").upper() for m in found}) < 2:
        return text
    read = {
        m.group("name").upper(): read_offer_fields(original[m.start("terms") : m.end("terms")])
        for m in found
    }
    for terms in read.values():
        _settle_sign_on(terms)
    names = sorted(read)
    flat = {name: dict(_flatten(r.data)) for name, r in read.items()}
    paths = sorted({path for fields in flat.values() for path in fields})
    differ = {p.split(".")[0] for p in paths if len({str(flat[n].get(p)) for n in names}) > 1}
    for path in paths:
        if path.split(".")[0] in differ or path == "equity.kind":
            continue
        first = read[names[0]]
        out.put(path, flat[names[0]][path], first.sources.get(path, ""))
    for part in sorted(differ):
        said = []
        for name in names:
            words = dict.fromkeys(
                read[name].sources.get(p, "") for p in flat[name] if p.startswith(part)
            )
            if words:
                said.append(f"{name}: {', '.join(w for w in words if w)}")
        out.ask(
            _PACKAGE_PARTS.get(part, part),
            f"The letter offers a choice ({'; '.join(said)}): which are you taking? Paste that "
            "package alone to score it.",
            "; ".join(said),
        )
    for m in found:
        text = _blank(text, m.start(), m.end())
    for m in _PACKAGE_MENTION.finditer(text):  # "____ Option A (base $205,000 / 8,000 RSUs)"
        text = _blank(text, *m.span())
    return text


# A range is not a term: the pay range a posting or a pay-transparency law states for the
# role ("the pay range for this role in San Francisco is $205,000 to $260,000"), and what
# a bonus may pay out ("awards may range from 0% to 200% of target").
_RANGE_END = r"\$?\s?\d[\d,]*(?:\.\d+)?\s?k?"
_PAY_RANGE = re.compile(
    r"\b(?:pay|salary|base(?:\s+salary)?|compensation|wage)\s+(?:range|band)\b"
    rf"(?:[^.;\n$]|\.(?=\d)){{0,80}}?(?P<low>{_RANGE_END})\s*(?:to|-|–|—|and)\s*"
    rf"(?P<high>{_RANGE_END})",
    re.IGNORECASE,
)
_PAYOUT_RANGE = re.compile(
    r"\b(?:range|ranging|vary|varies|between)\s+(?:from\s+)?\d{1,3}\s*%\s*(?:to|-|–|and)\s*"
    r"\d{1,3}\s*%(?:\s+of\s+(?:the\s+)?target)?",
    re.IGNORECASE,
)


# "Illustrative cash and RSU value by year:" then "Year 1: Base $168,000 + sign-on $40,000 …":
# the letter's own arithmetic of terms it states elsewhere, not terms of its own.
_ILLUSTRATION = re.compile(
    r"^[^\n]*\b(?:illustrative|illustration|hypothetical|for\s+example)\b[^\n]*\n",
    re.IGNORECASE | re.MULTILINE,
)
_YEAR_ROW = re.compile(r"^[ \t]*year\s*\d\b", re.IGNORECASE)
# A line of prose: long, or a sentence ending and another starting ("Relocation. Because").
_PROSE = re.compile(r"^[^\n]{90,}$|\.\s+[A-Z]")


def _year_rows(text: str, start: int) -> tuple[int, int] | None:
    """The rows "Year 1 …", "Year 2 …" from ``start`` (a table's cells may wrap onto
    lines of their own, as a PDF's do), as a span; None when no year row follows."""
    end, rows, pos = start, 0, start
    for line in text[start:].split("\n"):
        stripped = line.strip()
        if _YEAR_ROW.match(line):
            rows += 1
        elif stripped and (rows == 0 or _PROSE.search(stripped)):
            break
        pos += len(line) + 1
        if stripped:
            end = min(pos - 1, len(text))
    return (start, end) if rows >= 2 else None


# "per pay period", "each paycheck": the base again, divided by the paydays.
_PER_PAYDAY = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?\s+(?:per|a|each)\s+(?:pay\s+period|paycheck|pay\s+cheque)\b",
    re.IGNORECASE,
)


def _illustration(text: str, original: str, out: Extraction) -> str:
    """An illustration of the pay year by year, and pay per payday: said, not read again."""
    for match in _ILLUSTRATION.finditer(text):
        if (rows := _year_rows(text, match.end())) is None:
            continue
        out.assumptions.append(
            "The year-by-year illustration is the letter's arithmetic of the terms above; "
            "it is not read as terms of its own."
        )
        text = _blank(text, *rows)
    for match in _PER_PAYDAY.finditer(text):
        out.assumptions.append(f"'{_said(original, match)}' is the base per payday.")
        text = _blank(text, *match.span())
    return text


_SENTENCE = re.compile(r"(?:[^.\n]|\.(?=\d))+")
_SIGN_ON_NAME = re.compile(r"sign[-\s]?on|signing|joining\s+bonus|golden\s+hello", re.I)
_IN_PARTS = re.compile(
    r"\bin\s+\d\s+(?:equal\s+)?(?:payments|instal+ments|tranches)\b", re.IGNORECASE
)
_N_PAYMENTS_OF = re.compile(
    r"(?<![\d.])(\d)\s+(?:equal\s+)?(?:payments|instal+ments|tranches)\s+of\s+"
    r"(?P<each>\$?\s?\d[\d,]*(?:\.\d+)?\s?k?)",
    re.IGNORECASE,
)


def _sign_on_in_parts(text: str, original: str, out: Extraction) -> str:
    """A sign-on named with its payments: "a sign-on bonus of $30,000 … payable in two
    instalments: $15,000 on … and $15,000 on …", "$50,000 in two payments of $25,000
    each". The payments that add up to the amount named first are that amount, paid in
    parts (blanked, so they are not read as more pay); any other figure is left alone."""
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        if not _SIGN_ON_NAME.search(words):
            continue
        amounts = find_amounts(words)
        if len(amounts) < 2:
            continue
        total, rest = amounts[0], amounts[1:]
        each = _N_PAYMENTS_OF.search(words)
        parts: list[Any] = []
        if each and rest[0].start >= each.start("each") - 2:
            if int(each.group(1)) * rest[0].value == total.value:
                parts = [rest[0]]
        elif len(rest) >= 2 and sum(a.value for a in rest) == total.value:
            parts = rest
        if not parts:
            continue
        for amount in (total, *parts):
            text = _blank(text, sentence.start() + amount.start, sentence.start() + amount.end)
        for count in (_IN_PARTS.search(words), each):  # "in 2 instalments": how, not pay
            if count is not None:
                text = _blank(
                    text, sentence.start() + count.start(), sentence.start() + count.end()
                )
        shown = " + ".join(f"{a.value:,}" for a in parts) if len(parts) > 1 else ""
        if each and not shown:
            shown = f"{each.group(1)} × {parts[0].value:,}"
        said = quoted(text, original, sentence.start() + total.start, sentence.start() + total.end)
        out.sign_on_amounts.append((int(total.value), said))
        out.note("sign_on.amount", f"paid in parts: {shown}")
    return text


# Pay by the hour: "Rate of pay: $54.00 per hour", "your hourly rate will be $38.50".
_HOURLY = re.compile(
    r"\b(?:rate\s+of\s+pay|pay\s+rate|hourly\s+(?:rate|wage|pay)|wage|base\s+(?:rate|pay))\b"
    r"[^.;\n$\d]{0,25}?\$\s?(?P<rate>\d{1,3}(?:\.\d{1,2})?)(?![\d,])"
    r"(?:\s*(?:per|an|a|/)\s*(?:hour|hr)\b)?",
    re.IGNORECASE,
)
_PER_HOUR = re.compile(r"^\s*(?:per|an|a|/)\s*(?:hour|hr)\b", re.IGNORECASE)
# The hours a year the letter counts: "based on 2,080 hours", "Annualized: $112,320 (2,080 hours)".
_YEAR_HOURS = re.compile(r"(?<![\d,.])(?P<hours>[12],?\d{3})\s*(?:hours|hrs)\b", re.IGNORECASE)


def _hourly_pay(text: str, original: str, out: Extraction) -> str:
    """An hourly rate is a base once the letter says how many hours a year it pays for
    ($54.00 × 2,080 hours = 112,320; the annualised figure it states is then the same
    base again). Without the hours it is asked, never multiplied by a guessed year."""
    rate = next(
        (
            m
            for m in _HOURLY.finditer(text)
            if "hour" in m.group(0).lower() or _PER_HOUR.match(text[m.end() :])
        ),
        None,
    )
    if rate is None:
        return text
    value = float(rate.group("rate"))
    said = _said(original, rate)
    hours = _YEAR_HOURS.search(text)
    if hours is None:
        out.ask(
            "base",
            f"“{said.strip()}”: how many hours a year does it pay for (or what is the yearly "
            "base)?",
            said,
        )
        return _blank(text, *rate.span())
    count = int(hours.group("hours").replace(",", ""))
    out.put("base", round(value * count), said)
    out.note("base", f"{value:,.2f} an hour × {count:,} hours")
    text = _blank(text, *rate.span())
    for again in _YEAR_HOURS.finditer(text):  # every "2,080 hours": hours, not dollars
        text = _blank(text, *again.span())
    return text


# Paid time off counted in hours: "approximately 192 hours (24 days) per year" says its days;
# "PTO accrual: 192 hours per year" alone is days of 8 hours, said so.
_PTO_WORD = r"\b(?:pto|paid\s+time\s+off|vacation|annual\s+leave)\b"
_PTO_HOURS_DAYS = re.compile(
    rf"{_PTO_WORD}(?:[^.;\n]|\.(?=\d)){{0,80}}?\b\d{{2,3}}\s*hours\s*\(\s*(?P<days>\d{{1,2}})\s*"
    r"(?:working\s+|business\s+)?days?\s*\)",
    re.IGNORECASE,
)
_PTO_HOURS = re.compile(
    rf"{_PTO_WORD}(?:\s+accrual)?\s*[:=]?\s*(?:of\s+)?(?P<hours>\d{{2,3}})\s*hours\s+"
    r"(?:per|a|each)\s+year",
    re.IGNORECASE,
)


def _pto_in_hours(text: str, original: str, out: Extraction) -> str:
    if match := _PTO_HOURS_DAYS.search(text):
        out.put("pto_days", float(match.group("days")), _said(original, match))
        text = _blank(text, *match.span())
    for match in _PTO_HOURS.finditer(text):
        hours = int(match.group("hours"))
        if "pto_days" not in out.data:
            out.put("pto_days", hours / 8, _said(original, match))
            out.note("pto_days", f"{hours} hours ÷ 8 hours a day", guessed=True)
        text = _blank(text, *match.span())
    return text


def _ranges(text: str, original: str, out: Extraction) -> str:
    """A posted pay range and a bonus's payout range: said, blanked, never read as pay."""
    for match in _PAY_RANGE.finditer(text):
        said = quoted(text, original, match.start("low"), match.end("high"))
        out.assumptions.append(f"'{said}' is the pay range posted for the role, not the offer.")
        text = _blank(text, match.start("low"), match.end("high"))
    for match in _PAYOUT_RANGE.finditer(text):
        said = _said(original, match)
        out.assumptions.append(
            f"'{said}' is how far the bonus may pay out, not its payout history: the bonus is "
            "counted at its target."
        )
        text = _blank(text, *match.span())
    return text


# The person's own pay today, said beside an offer ("I make 133k now", "my current base is
# 140k"): first person only, so a letter's "you will earn" is never taken for it.
_CURRENT_PAY = re.compile(
    r"\b(?:i\s+(?:currently\s+|now\s+)?(?:make|earn|get\s+paid|am\s+paid|take\s+home)"
    r"|i(?:'m|’m|\s+am)\s+(?:currently\s+|now\s+)?(?:on|at|making|earning|getting|paid)"
    r"|im\s+(?:currently\s+|now\s+)?(?:on|at|making|earning|getting|paid)"
    r"|my\s+(?:current|present|existing|old)\s+(?:base(?:\s+salary)?|salary|pay|comp(?:ensation)?)"
    r"(?:\s+(?:is|of))?"
    r"|(?:currently|right\s+now)\s+(?:i\s+)?(?:make|earn|making|earning|on|at|getting|paid)"
    r")\s*(?:is\s+)?(?:about|around|roughly|approximately|~)?\s*"
    rf"(?P<amount>{_RANGE_END})",
    re.IGNORECASE,
)


def _current_pay(text: str, original: str, out: Extraction) -> str:
    """The person's current pay said beside the offer: said back, never read as a part of
    the offer (the coach takes it as current pay, for the raise it would be)."""
    for match in _CURRENT_PAY.finditer(text):
        if not re.search(r"\d", match.group("amount")):
            continue
        said = quoted(text, original, match.start("amount"), match.end("amount")).strip()
        out.assumptions.append(f"'{said}' is what you earn now, not part of the offer.")
        amounts = find_amounts(said)
        if out.current_pay is None and amounts:
            out.current_pay = int(amounts[0].value)
        text = _blank(text, match.start("amount"), match.end("amount"))
    return text


_IN_THOUSANDS = re.compile(r"\bin\s+thousands\b|\(\s*000s?\s*\)|\$\s?000s\b", re.IGNORECASE)
_EACH_YEAR = re.compile(
    r"(?:(\d{1,3})\s*%|1\s*/\s*([2-9]))\s*(?:vest(?:s|ing)?\s+)?(?:per\s+year|each\s+year|a\s+year|every\s+year|"
    r"annually|(?:on\s+)?each\s+anniversary)",
    re.IGNORECASE,
)
_EQUAL_ANNUAL = re.compile(
    r"(?:(?<!\d)(\d++)\s+)?equal\s+annual\s+(?:instal+ments|tranches|portions)|vest(?:s|ing)?\s+evenly",
    re.IGNORECASE,
)
_YEARLY_PARTS = re.compile(
    r"(\d{1,3})\s*%\s*(?:after\s+|in\s+)?(?:year\s+(\d|one|two|three|four|five)|"
    r"(?:the\s+|your\s+)?(first|second|third|fourth|fifth)\s+year)",
    re.IGNORECASE,
)
# "20% every six months during your third and fourth years": a part each period of the
# years named.
_ORDINAL = r"(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)"
_PERIODIC_PARTS = re.compile(
    r"(?P<share>\d{1,3}(?:\.\d+)?)\s*%\s*(?P<every>every\s+6\s+months|semi-?annually|every\s+half[-\s]year"
    r"|each\s+quarter|every\s+quarter|quarterly|each\s+month|every\s+month|monthly)\s+"
    rf"(?:during|in|over|throughout)\s+(?:your\s+|the\s+)?(?P<years>{_ORDINAL}"
    rf"(?:\s*(?:,|and|,\s*and)\s*(?:the\s+)?{_ORDINAL})*)\s+years?",
    re.IGNORECASE,
)
_ORDINALS = {
    w: i + 1
    for i, pair in enumerate(
        [("first", "1st"), ("second", "2nd"), ("third", "3rd"), ("fourth", "4th"), ("fifth", "5th")]
    )
    for w in pair
}
_PER_YEAR_COUNT = {"6": 2, "semi": 2, "half": 2, "quarter": 4, "quarterly": 4, "month": 12}
_WORD_YEARS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_FREQUENCY_WORD = re.compile(
    r"\b(monthly|quarterly|annually|yearly|j(?:ä|ae|a)hrlich|semi-?annually)\b", re.IGNORECASE
)


def _document_vesting(text: str, original: str, out: Extraction) -> str:
    """Vesting written across a sentence: "10% after year one, 20% after year two, …",
    "25% on each anniversary", "equal annual instalments over four years"."""
    parts = list(_YEARLY_PARTS.finditer(text))
    periodic = list(_PERIODIC_PARTS.finditer(text))
    if len(parts) + len(periodic) >= 2:
        by_year: dict[int, float] = {}
        for m in parts:
            word = (m.group(2) or m.group(3)).lower()
            year = int(word) if word.isdigit() else _ORDINALS.get(word) or _WORD_YEARS[word]
            by_year[year] = by_year.get(year, 0) + float(m.group(1))
        for m in periodic:
            every = m.group("every").lower()
            times = next((n for key, n in _PER_YEAR_COUNT.items() if key in every), 1)
            for word in re.findall(_ORDINAL, m.group("years"), re.IGNORECASE):
                year = _ORDINALS[word.lower()]
                by_year[year] = by_year.get(year, 0) + float(m.group("share")) * times
        percents = [by_year.get(y, 0.0) for y in range(1, max(by_year) + 1)]
        if abs(sum(percents) - 100) <= 0.5 and all(percents):
            pieces = sorted([*parts, *periodic], key=lambda m: m.start())
            words = original[pieces[0].start() : pieces[-1].end()]
            out.data.setdefault("vesting", {})["kind"] = "custom"
            out.put("vesting.percents", percents, words)
            if periodic:
                out.note("vesting.percents", "each year's parts added up")
            opening = pieces[0]
            if opening in parts and re.search(r"\bafter\b", opening.group(0), re.I):
                # "5% after your first year": nothing vests before a year is out.
                out.put("vesting.cliff_months", 12, _said(original, opening))
            for m in pieces:
                text = _blank(text, *m.span())
    text = _percent_list(text, original, out)
    first = _FIRST_YEAR_CLIFF.search(text)
    if first and "cliff_months" not in out.data.get("vesting", {}):
        out.put("vesting.cliff_months", int(first.group(2) or 12), _said(original, first))
        text = _blank(text, *first.span())
    if first and (equal := _REMAINING_EQUAL.search(text)):
        text = _equal_after_cliff(first, equal, text, original, out)
    vesting = out.data.get("vesting", {})
    if vesting.get("percents") and "cliff_months" not in vesting:
        for start, sentence in _around(text, _VEST, ".;\n"):
            if hit := _ANNUAL_PARTS.search(sentence):
                said = original[start + hit.start() : start + hit.end()]
                out.put("vesting.cliff_months", 12, said)
                out.note("vesting.cliff_months", "the first yearly share vests after a year")
                break
    rest = _REMAINDER.search(text)
    if first and rest and "years" not in out.data.get("vesting", {}):
        # "25% at one year, remainder monthly over 36 months": 1 + 36/12 = 4 years.
        number, unit = (rest.group(1), rest.group(2)) if rest.group(1) else rest.group(3, 4)
        months = 12 + _months(number, unit)
        _period_in_months(months, rest, text, original, out)
        out.note("vesting.years", f"1 year + {number} {unit}")
        # Blanked from "over" on: "remainder monthly" still says how often it vests.
        over = rest.start() + rest.group(0).lower().rindex("over")
        text = _blank(text, over, rest.end())
    if (part := _PART_EACH.search(text)) and "years" not in out.data.get("vesting", {}):
        per = 3 if part.group(2).lower() == "quarter" else 1
        text = _period_in_months(int(part.group(1)) * per, part, text, original, out)
        out.put("vesting.frequency", part.group(2).lower() + "ly", _said(original, part))
    years = _stated_years(text) or _years_near_vesting(text, original, out)
    each = _EACH_YEAR.search(text)
    equal = _EQUAL_ANNUAL.search(text)
    if equal and equal.group(1) and not years:
        years = int(equal.group(1))  # "three equal annual instalments"
        out.put("vesting.years", years, _said(original, equal))
    if (each or equal) and "percents" not in out.data.get("vesting", {}):
        if each:
            share = 100 / int(each.group(2)) if each.group(2) else float(each.group(1))
        else:
            share = 100 / years if years else 0
        count = round(100 / share) if share else 0
        if share and abs(share * count - 100) <= 0.5 and (years in (None, count)):
            found = each or equal
            assert found is not None
            out.data.setdefault("vesting", {})["kind"] = "custom"
            out.put("vesting.percents", [round(share, 4)] * count, _said(original, found))
            out.put("vesting.frequency", "annual", _said(original, found))
            text = _blank(text, *found.span())
    for line_start, line in _around(text, _VEST, "\n"):
        if found := _FREQUENCY_WORD.search(line):
            word = found.group(1).lower().replace("-", "")
            if word.startswith("semi"):
                break  # every six months: not a frequency the vesting model has
            start = line_start + found.start()
            out.put(
                "vesting.frequency",
                _FREQUENCIES.get(word, "annual" if word.startswith("j") else word),
                original[start : line_start + found.end()],
            )
            text = _blank(text, start, line_start + found.end())
            break
    return text


def _equal_after_cliff(
    first: re.Match[str], equal: re.Match[str], text: str, original: str, out: Extraction
) -> str:
    """ "25% on the first anniversary, and the remaining 75% in 36 equal monthly
    instalments": a cliff, then the rest in equal parts, is even vesting over the cliff
    plus the parts, when the share at the cliff is the cliff's part of that period;
    any other share at the cliff is a schedule of its own, and asked about."""
    share_text = first.group("share").replace(" ", "")
    share = 100 / int(share_text.split("/")[1]) if "/" in share_text else float(share_text[:-1])
    cliff = int(first.group(2) or 12)
    months = int(equal.group("n")) * (3 if equal.group("every").lower() == "quarterly" else 1)
    rest = float(equal.group("rest")) if equal.group("rest") else 100 - share
    period = cliff + months
    if abs(share + rest - 100) > 0.5 or abs(share - 100 * cliff / period) > 0.5:
        return text
    said = _said(original, equal)
    vesting = out.data.get("vesting", {})
    if "years" not in vesting:
        text = _period_in_months(period, equal, text, original, out)
        parts = f"{equal.group('n')} {equal.group('every').lower()} parts"
        out.note("vesting.years", f"a {cliff}-month cliff + {parts}")
    if "frequency" not in vesting:
        out.put("vesting.frequency", equal.group("every").lower(), said)
    out.vesting_explained = True
    return _blank(text, *equal.span())


def _percent_list(text: str, original: str, out: Extraction) -> str:
    """ "10%, 20%, 30%, 40% over 4 years" on a line about vesting: the share of each year.
    A list that does not add up to 100% is refused, never rescaled."""
    if "percents" in out.data.get("vesting", {}):
        return text
    for line_start, line in _around(text, _VEST, "\n"):
        if not (found := _PERCENT_LIST.search(line)):
            continue
        percents = [float(p) for p in re.findall(r"(\d{1,3}(?:\.\d+)?)\s*%", found.group(0))]
        start, end = line_start + found.start(), line_start + found.end()
        equal = _equal_parts(percents)
        if not equal and abs(sum(percents) - 100) > 0.5:
            if min(percents) < 5:
                continue
            shown = "/".join(f"{p:g}" for p in percents)
            raise InputError(
                f"The vesting schedule {shown} adds up to {sum(percents):g}%, not 100%; "
                "check the vesting percentages."
            )
        out.data.setdefault("vesting", {}).setdefault("kind", "custom")
        out.put("vesting.percents", equal or percents, original[start:end])
        return _blank(text, start, end)
    return text


_YEAR_HEADER = re.compile(r"^[^\n]*\byear\s*1\b[^\n]*\byear\s*2\b[^\n]*$", re.I | re.M)
_ROW = re.compile(r"^(?P<label>[A-Za-z][A-Za-z \-/&]*?)\s{2,}(?P<cells>[^\n]*)$", re.M)
_CELL = re.compile(r"\$?\s?\d[\d,]*(?:\.\d+)?\s?k?|(?<!\w)[-–—](?!\w)", re.I)


def _year_table(text: str, original: str, out: Extraction) -> str:
    """A table with a column per year ("Year 1  Year 2 …"): a row's cells are that part
    paid in each year. Base is one figure only when every year is the same; a sign-on or
    an equity row is the sum of its years, and equity's shares of it are its vesting."""
    header = _YEAR_HEADER.search(text)
    if header is None:
        return text
    for row in _ROW.finditer(text, header.end()):
        cells = _CELL.findall(row.group("cells"))
        if len(cells) < 2:
            continue
        values = [0 if c.strip() in "-–—" else parse_amount(c.replace(" ", "")) for c in cells]
        kind = _LABELS.search(row.group("label"))
        said = original[row.start() : row.end()]
        name = kind.lastgroup if kind else None
        if name == "base":
            if len(set(values)) == 1:
                out.put("base", values[0], said)
                out.note("base", "the same in every year of the table")
            else:
                out.ask(
                    "base",
                    "The base differs year to year in the table: what is it in year 1?",
                    said,
                )
        elif name == "sign_on":
            out.put("sign_on.amount", sum(values), said)
            out.note("sign_on.amount", " + ".join(f"{v:,}" for v in values if v))
        elif name == "rsu" and out.equity("rsu", said):
            total = sum(values)
            out.put("equity.value", total, said)
            out.note("equity.value", "the sum of the years in the table")
            if total:
                out.data.setdefault("vesting", {})["kind"] = "custom"
                out.put("vesting.percents", [round(v / total * 100, 4) for v in values], said)
        else:
            continue
        text = _blank(text, *row.span())
    return text


_PAID_IN_PARTS = re.compile(
    r"(?P<label>sign[-\s]?on(?:\s+bonus)?|signing(?:\s+bonus)?)[^\d$\n]{0,12}"
    r"(?P<parts>\$?\s?[\d,]+(?:\s?k)?\s+(?:paid\s+)?in\s+year\s+\d"
    r"(?:\s*(?:,|and|\+)\s*\$?\s?[\d,]+(?:\s?k)?\s+(?:paid\s+)?in\s+year\s+\d)+)",
    re.IGNORECASE,
)


def _paid_in_parts(text: str, original: str, out: Extraction) -> str:
    """ "Sign-on $45,000 paid in year 1 and $35,000 paid in year 2": one sign-on, summed."""
    for match in _PAID_IN_PARTS.finditer(text):
        amounts = [a.value for a in find_amounts(match.group("parts"))]
        if len(amounts) >= 2:
            out.put("sign_on.amount", sum(amounts), _said(original, match))
            out.note("sign_on.amount", " + ".join(f"{v:,}" for v in amounts))
            text = _blank(text, *match.span())
    return text


# "If you resign within 12 months of your start date, you agree to repay the sign-on bonus":
# the clawback written condition first, across the commas that split a sentence into clauses.
_LEAVE = r"\b(?:leave|leaves|leaving|resign\w*|quit\w*|depart\w*|terminat\w*|separat\w*)\b"
# "within 12 months", "before completing 24 months of employment"
_WITHIN = (
    r"\b(?:within|before\s+(?:completing|reaching|the\s+end\s+of))\s+(?:the\s+first\s+)?"
    r"(\d{1,2})[-\s]?(month|mo|year)s?\b"
)
_REPAY = r"\b(?:repay|pay\s+back|refund|return)\w*\b(?P<what>[^.;\n]{0,60})"
_LEAVE_THEN_REPAY = (
    re.compile(rf"{_LEAVE}[^.;\n\d]{{0,80}}?{_WITHIN}[^.;\n]{{0,80}}?{_REPAY}", re.I),
    # "If within 12 months of your start date you resign …, you will repay …"
    re.compile(rf"{_WITHIN}[^.;\n\d]{{0,60}}?{_LEAVE}[^.;\n]{{0,80}}?{_REPAY}", re.I),
)
_RELOCATION_WORD = re.compile(r"\breloc|\bmoving\b", re.IGNORECASE)
_SIGN_ON_WORD = re.compile(r"\bsign|\bbonus|\bjoining|\bgolden", re.IGNORECASE)


def _leave_then_repay(text: str, original: str, out: Extraction) -> str:
    """A sign-on clawback written "leave within N months …, repay …"; a relocation
    repaid is not the sign-on's, and is left alone."""
    for match in (m for pattern in _LEAVE_THEN_REPAY for m in pattern.finditer(text)):
        what = match.group("what")
        if _RELOCATION_WORD.search(what) and not _SIGN_ON_WORD.search(what):
            continue
        if text[match.start() : match.end()].isspace():
            continue  # read already by the other wording
        number, unit = match.group(1), match.group(2)
        out.put("sign_on.clawback_months", _months(number, unit), _said(original, match))
        text = _blank(text, match.start(), match.end() - len(what))
    return text


# "25% after the first year", "1/4 after 12 months": what vests at the cliff.
_FIRST_YEAR_CLIFF = re.compile(
    r"(?P<share>\d{1,2}\s*%|1\s*/\s*[2-9])\s*"
    r"(?:of\s+the\s+(?:shares|grant|units|rsus|options?|award)\s+)?(?:will\s+)?"
    r"(?:vest(?:s|ing)?\s+)?(?:after|at|on)\s+(?:the\s+|your\s+)?"
    r"(?:(?:first|1st|1|one)\s*[-\s]?(?:year|anniversary)\b|year\s+(?:1|one)\b"
    r"|(\d{1,2})\s*months?\b)",
    re.I,
)
# "…, and the remaining 75% will vest in twelve equal quarterly instalments thereafter":
# after the cliff, equal parts: the period is the cliff plus the parts.
_REMAINING_EQUAL = re.compile(
    r"\b(?:remaining|rest\s+of\s+the\s+grant|remainder)\s+(?:(?P<rest>\d{1,2})\s*%\s+)?"
    r"(?:of\s+the\s+\w+\s+)?(?:will\s+)?(?:vest(?:s|ing)?\s+)?in\s+(?P<n>\d{1,3})\s+equal\s+"
    r"(?P<every>monthly|quarterly)\s+(?:instal+ments|tranches|portions|parts)",
    re.IGNORECASE,
)
# Shares that vest once a year, on each anniversary: the first after a year.
_ANNUAL_PARTS = re.compile(
    r"\b(?:annual|yearly)\s+(?:tranches|instal+ments|portions)|\banniversar(?:y|ies)\b",
    re.IGNORECASE,
)
# What vests after the cliff: "remainder monthly over 36 months", "over the remaining 3 years".
_REMAINDER = re.compile(
    r"(?:remainder|the\s+rest)\s+(?:\w+\s+){0,2}?over\s+(\d+)\s+(months|years)"
    r"|over\s+the\s+(?:remaining|next|following)\s+(\d+)\s+(months|years)",
    re.IGNORECASE,
)
# "then 1/48 each month": the number of equal parts is the period, in months or quarters.
_PART_EACH = re.compile(
    r"(?<![\d.])1\s*/\s*(\d{1,3})(?:th)?\s+(?:of\s+the\s+grant\s+)?(?:vests?\s+)?"
    r"(?:each|per|every|a)\s+(month|quarter)\b",
    re.IGNORECASE,
)
# "10%, 20%, 30%, 40%": shares of the grant in a list, on a line about vesting.
_PERCENT_LIST = re.compile(
    r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%(?:\s*(?:,|;|,?\s*and|,?\s*then)\s*\d{1,3}(?:\.\d+)?\s*%){1,9}",
    re.IGNORECASE,
)
_YEARS_WORD = re.compile(
    r"(?<![\d.$])(?<!at\s)(?<!after\s)(\d{1,2})\s*[-\s]?(?:years?|yrs?|y)\b(?!\s*[-\s]?(?:cliff|clif))",
    re.IGNORECASE,
)
_EQUITY_WORDS = re.compile(
    r"vest|rsu|equity|grant|options?\b|stock|shares|of\s+the\s+company|cliff", re.IGNORECASE
)


def _years_near_vesting(text: str, original: str, out: Extraction) -> int | None:
    """ "Equity (4-yr)", "(4 yrs)", "vestng 4yrs": a number of years in a sentence about
    equity is how long it vests, when nothing else said so."""
    if "years" in out.data.get("vesting", {}):
        return None
    for sentence in re.finditer(r"[^.;\n]+", text):
        if not _EQUITY_WORDS.search(sentence.group(0)):
            continue
        if found := _YEARS_WORD.search(sentence.group(0)):
            years = int(found.group(1))
            if 1 <= years <= 10:
                start = sentence.start() + found.start()
                out.put("vesting.years", years, original[start : sentence.start() + found.end()])
                return years
    return None


_VEST = re.compile(r"vest", re.IGNORECASE)


def _around(text: str, word: re.Pattern[str], stops: str) -> list[tuple[int, str]]:
    """The sentences (or lines) holding ``word``: (start, text), each once.

    Found from the word outwards, not by a pattern like "[^.]*vest[^.]*", which costs
    the square of a long line's length to not find anything."""
    found: list[tuple[int, str]] = []
    last_end = -1
    for match in word.finditer(text):
        if match.start() < last_end:
            continue
        start = max(text.rfind(stop, 0, match.start()) for stop in stops) + 1
        ends = [i for stop in stops if (i := text.find(stop, match.end())) != -1]
        end = min(ends) if ends else len(text)
        found.append((start, text[start:end]))
        last_end = end
    return found


def _stated_years(text: str) -> int | None:
    match = _VEST_YEARS.search(text)
    return int(_first(match) or 0) or None if match else None


def _private_company(text: str, out: Extraction) -> None:
    """A funding stage ("Series B", "seed", "pre-IPO") means a private company: its RSUs
    can't be sold as they vest, so they are valued as private-company shares. Options and
    a percent of the company are private-company equity by nature; "NASDAQ" or "public
    co" says the shares can be sold."""
    equity = out.data.get("equity", {})
    stage = private_company_named(text)
    listed = public_company_named(text)
    if stage:
        out.put("private_company", True, stage)
    elif listed:
        out.put("private_company", False, listed)
    elif equity.get("kind") in ("options", "percent"):
        out.put("private_company", True, out.sources.get("equity.kind", ""))
        out.note("private_company", "options or a share of the company", guessed=True)
    if equity.get("kind") != "rsu" or "private" in equity:
        return
    if stage:
        equity["private"] = True
        out.sources["equity.private"] = stage
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
            "if the company is private, say so: its shares are then counted at a discount."
        )


def read_offer(text: str) -> OfferReading:
    """One reading of an offer text: every field with its words, the questions, the offer.

    Raises InputError (one sentence naming the field) for a value no offer can have: a
    negative amount, a base of $5, a 300% bonus, vesting that doesn't add up to 100%.
    """
    if not (text or "").strip():
        raise InputError("The offer is empty; paste it like '185k base, 15% bonus, 20k sign-on'.")
    if len(text) > MAX_OFFER_CHARS:
        raise InputError(
            f"The offer text is {len(text):,} characters long, more than an offer letter "
            f"({MAX_OFFER_CHARS:,} at most); paste just the offer."
        )
    weighed = tradeoff_question(text)
    if (weighed is not None and weighed.priced) or _weighs_choices(text):
        # "A one-time $30k sign-on or $10k more base?": two choices weighed, not an offer
        # to score; the trade-off tool (coach.offers.tradeoff) answers it.
        return OfferReading(is_offer=False)
    if _SAYS_NO_OFFER.search(text) and not _OFFER_MADE.search(text):
        # "This letter is an invitation to interview and is not an offer of employment":
        # the pay range it posts is for the job, not offered to this person.
        return OfferReading(is_offer=False, not_offer=NOT_AN_OFFER_LETTER)
    words = numbers_in_words(unwrapped(text))
    marks = currency_marks(words)
    hint = _first_code(marks)
    out = Extraction(day_first=hint not in (None, "USD"))  # 02/03/2027 is 2 March abroad
    plain = plain_figures(words, hint)
    out.original = text
    _read(plain, text, out)
    _currency(text, marks, out)
    if out.data.get("currency") not in (None, "USD", hint):
        # The currency came from the place, not a mark: read again knowing it, since
        # "85.000" is 85,000 only where a dot separates thousands.
        out2 = Extraction(day_first=True, original=text)
        _read(plain_figures(words, out.data["currency"]), text, out2)
        _currency(text, marks, out2)
        out = out2
    _settle(out)
    return _reading(out)


def _first_code(marks: list[CurrencyMark]) -> str | None:
    return next((m.code for m in marks if m.code), None)


def _currency(text: str, marks: list[CurrencyMark], out: Extraction) -> None:
    """The offer's currency from its marks and its place; a "$" for a job abroad is asked."""
    codes = list(dict.fromkeys(m.code for m in marks if m.code))
    country = place_country(str(out.data.get("location", ""))) if "location" in out.data else None
    local = country_currency(country) if country and country != "us" else None
    if len(codes) > 1:
        out.ask("currency", f"The offer names {' and '.join(codes)}: which is the pay in?")
        return
    if codes:
        mark = next(m for m in marks if m.code == codes[0])
        out.put("currency", codes[0], mark.text)
        out.day_first = codes[0] != "USD"
        return
    dollar = next((m for m in marks if m.code is None), None)
    if local and dollar is not None and local != "USD":
        out.ask(
            "currency",
            f"The job is in {out.data['location']}: are the “$” amounts US dollars or {local}?",
            dollar.text,
        )
        return
    if local:
        out.put("currency", local, "")
        out.note("currency", f"the currency of {out.data['location']}", guessed=True)
        out.day_first = True
        return
    out.put("currency", "USD", dollar.text if dollar else "")
    if dollar is None:
        out.note("currency", "no currency written; a US job", guessed=True)


def _settle_vesting(vesting: dict[str, Any], out: Extraction) -> None:
    """Per-year shares written without a period: one share a year."""
    if vesting.get("percents") and "years" not in vesting:
        vesting["years"] = len(vesting["percents"])
        out.sources["vesting.years"] = out.sources.get("vesting.percents", "")
        out.note("vesting.years", "one percentage per year")


def _settle(out: Extraction) -> None:
    """What the fields leave open becomes a question; answered questions are dropped."""
    equity = out.data.get("equity", {})
    if "value" in equity:
        out.questions.pop("equity.price_per_share", None)
    if equity.get("kind") == "percent" and "valuation" not in equity:
        out.ask(
            "equity.valuation",
            f"{equity.get('percent', 0):g}% of the company at what valuation? "
            "(The post-money valuation of the last funding round.)",
            out.sources.get("equity.percent", ""),
        )
    if equity.get("kind") == "percent" and "percent" not in equity:
        out.ask("equity.percent", "What percentage of the company is the grant?")
    if equity.get("kind") == "percent" and {"percent", "valuation"} <= set(equity):
        value = round(equity["percent"] / 100 * equity["valuation"])
        out.data["equity_value"] = value
        out.sources["equity_value"] = out.sources.get("equity.percent", "")
        out.note("equity_value", f"{equity['percent']:g}% × {equity['valuation']:,}")
    _settle_vesting(out.data.get("vesting", {}), out)
    _settle_sign_on(out)
    if "base" not in out.data and "base" not in out.questions and len(out.loose) == 1:
        amount, words, offered = out.loose[0]
        if offered:
            # "They offered $128,000 and a $7,500 bonus": the one yearly figure the offer
            # names without a label is its base; shown as assumed, so it can be corrected.
            out.put("base", amount, words)
            out.note("base", "the one figure offered with no label", guessed=True)
            out.unparsed = [u for u in out.unparsed if not u.startswith(f"'{words}'")]
        else:
            out.ask("base", f"Is {words.strip()} the base salary (a year)?", words)
    if "equity" not in out.data and not any(q.startswith("equity") for q in out.questions):
        said = _EQUITY_MENTION.search(out.original)
        if said and not _NO_EQUITY.search(out.original):
            # Equity is named but no grant could be read from the words: ask, rather
            # than score the offer as if it had none.
            out.ask(
                "equity",
                f"“{said.group(0)}”: what is the equity grant — a dollar value, a number of "
                "shares and the price per share, or a percentage of the company and the "
                "valuation?",
                said.group(0),
            )
    sign_on = out.data.get("sign_on", {})
    if sign_on and "amount" not in sign_on:
        out.ask("sign_on", "The offer mentions a sign-on clawback: how much is the sign-on bonus?")
    vesting = out.data.get("vesting", {})
    if "percents" not in vesting and not out.vesting_explained:
        for _start, sentence in _around(out.original, _VEST, ".;\n"):
            if len(_PERCENT.findall(sentence)) >= 2:
                # A schedule is written but not in a form read here: asked, not assumed.
                out.ask(
                    "vesting",
                    f"“{quote(sentence.strip(), 120)}”: what share of the grant vests in "
                    "each year? (e.g. 5/15/40/40)",
                    sentence,
                )
                break
    base_words = out.sources.get("base") if "base" in out.data else None
    for words in out.unlabelled:
        if (same := _said_again(words, out)) is not None:
            out.assumptions.append(f"'{words.strip()}' is {same} again, as already read.")
            out.unparsed = [u for u in out.unparsed if not u.startswith(f"'{words}' in ")]
            continue
        if words != base_words and "base" not in out.questions:
            # A figure no label claims would be dropped from the totals: ask what it is
            # rather than score the offer without it.
            out.ask(f"amount {words}", f"What is {words.strip()} in the offer?", words)
    base = out.data.get("base")
    if base is None and "base" not in out.questions:
        hint = f" Couldn't read: {quote('; '.join(out.unparsed), 200)}." if out.unparsed else ""
        out.ask(
            "base",
            "I couldn't find a base salary in the offer; write its amount with the word "
            "'base' beside it." + hint,
        )
    elif base is not None and _MIN_BARE <= base < MIN_BASE and "base" not in out.notes:
        out.ask(
            "base",
            f"A base of {base:,} a year is too low for a yearly salary: is it a monthly or "
            "hourly figure? Write the yearly base, e.g. 114000.",
            out.sources.get("base", ""),
        )
    if "base" in out.questions:
        out.data.pop("base", None)
    if "bonus" in out.questions:
        out.data.pop("bonus", None)


def _said_again(words: str, out: Extraction) -> str | None:
    """The field an unlabelled figure restates, worked out from other words ("8,000 RSUs
    at $61.75 … a value of approximately $494,000"), or None. Only a field computed
    here counts: a figure the letter labelled once and repeats bare may be another part.
    A figure written "about $97k" restates one within its rounding (1,100 × $88.40 =
    97,240); options restate their spread ((7.40 − 1.85) × 60,000 = 333,000)."""
    found = find_amounts(words)
    if len(found) != 1:
        return None
    value = found[0].value
    slack = 0.0
    if words in out.approximate:
        slack = 500 if words.strip().lower().endswith("k") else abs(value) * 0.01
    computed = {path: _value_at(out.data, path) for path in _FIELD_NAMES if path in out.notes}
    equity = out.data.get("equity", {})
    if equity.get("kind") == "options" and "count" in equity and "strike" in equity:
        price = equity.get("preferred_price", equity.get("fmv_409a"))
        if price is not None:
            computed["the options' spread"] = (price - equity["strike"]) * equity["count"]
    for path, figure in computed.items():
        if isinstance(figure, int | float) and abs(figure - value) <= max(slack, 0.5):
            return _FIELD_NAMES.get(path, path)
    return None


def _value_at(data: Mapping[str, Any], path: str) -> Any:
    for name in path.split("."):
        if not isinstance(data, Mapping) or name not in data:
            return None
        data = data[name]
    return data


_MIN_BARE = 1_000
NOT_AN_OFFER_LETTER = (
    "That letter is not an offer (it says so: an invitation to interview, or a posted pay "
    "range); there is nothing to score until an offer comes."
)
_SAYS_NO_OFFER = re.compile(
    r"\b(?:is|does)\s+not\s+(?:constitute\s+)?an?\s+offer\b"
    r"|\binvit\w*\s+you\s+to\s+(?:\w+\s+){0,4}?interviews?\b",
    re.IGNORECASE,
)
_OFFER_MADE = re.compile(
    r"\b(?:pleased|delighted|happy|thrilled|excited|glad|pleasure)\s+to\s+(?:extend|offer|confirm)"
    r"|\bconfirm\s+(?:our|this|your)\s+(?:verbal\s+|written\s+)?offer"
    r"|\boffer\s+you\b|\bextend\s+(?:to\s+)?(?:you\s+)?(?:an?\s+|this\s+|our\s+)?offer"
    r"|\bwe\s+are\s+offering\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"\b(?:about|approximately|approx\.?|roughly|around|some)\s*$|~\s*$", re.I)
NOT_AN_OFFER = (
    "That asks which of two choices is better rather than stating an offer; "
    "ask it in the coach chat, which compares both sides."
)
# "Remote at 140 or in-office at 155 — which would you take?": a figure, "or", a figure,
# in a question. "Is 180k fair or should I counter?" has no figure after the "or".
_CHOICE = re.compile(r"\d[^.?!\n]{0,50}\bor\b[^.?!\n]{0,50}?\d")
_ASKS = re.compile(
    r"\?\s*$|\b(?:which|would\s+you\s+(?:rather|take|pick|choose|go)|should\s+i)\b", re.IGNORECASE
)
# "Two offers, help me pick: A) … B) …": a comparison, for compare_offers.
_TWO_OFFERS = re.compile(
    r"\b(?:two|2|both|these)\s+offers\b|(?:^|\s)(?:offer\s+)?a[):]\s.*(?:^|\s)(?:offer\s+)?b[):]\s",
    re.IGNORECASE | re.DOTALL,
)


def _weighs_choices(text: str) -> bool:
    """A question weighing two choices, with figures or none: not an offer to score."""
    if not _ASKS.search(text):
        return False
    if _TWO_OFFERS.search(text):
        return True
    return bool(_CHOICE.search(text)) or (
        text.strip().endswith("?") and not re.search(r"\d", text) and " or " in text
    )


# Longer than any offer letter (about 25 pages): refused, so reading stays quick.
MAX_OFFER_CHARS = 50_000
_EQUITY_MENTION = re.compile(
    r"\b(?:rsus?|restricted\s+stock|equity|stock|options|shares|"
    r"(?:percent|%)\s+of\s+the\s+company)\b",
    re.IGNORECASE,
)
_NO_EQUITY = re.compile(
    r"(?:\bno|\b0|\bzero|\$0|\bnil)\s+(?:equity|stock|rsus?|options)\b|\bcash[-\s]only\b"
    # "does not offer equity", "not eligible for an equity award", "does not currently
    # grant shares or options"
    r"|\b(?:not|never)\s+(?:\w+\s+){0,2}?(?:offer|grant|eligible\s+for|include|provide)\w*"
    r"\s+(?:an?\s+|any\s+)?(?:equity|stock|shares|rsus?|options)\b",
    re.I,
)
# Before the figure that opens one offer of several ("175k, 10% bonus, …", "B is 150k at a
# bank", "the startup (series B) is 170k + 0.1%"): nothing, or a short name and "is".
# Also after a name and a colon or dash ("uber sf: 200k", "offer a: series d ai co in sf,
# 210k"): up to eight words, none of them the person's own pay ("I make 120k").
_OPENS_THE_OFFER = re.compile(
    r"(?i)\W*(?:(?!(?:i|i'm|my|our|make|making|earn|earning|paid|current|currently|now|tc|"
    r"total|comp|market|rate|median|average|typical|last|year|friend|they|he|she|gets?)\b)"
    r"[\w&'().#-]+[\s,:–—-]+){0,8}?(?:is|pays|at|=)?\s*\$?"
)


def _opens_the_offer(whole: str, clause: str, start: int) -> bool:
    """Whether the figure at ``start`` of ``clause`` is the first thing the offer says: in
    its first words, or first in the sentence after one that says it is an offer ("got an
    offer from a series b startup in portland. 164k, no bonus, …")."""
    at = whole.find(clause)
    if at < 0:
        return False
    before = whole[:at] + clause[:start]
    if _OPENS_THE_OFFER.fullmatch(before) is not None:
        return True
    said, stop, sentence = before.rpartition(". ")
    return (
        bool(stop) and bool(_AN_OFFER.search(said)) and bool(_OPENS_THE_OFFER.fullmatch(sentence))
    )


_AN_OFFER = re.compile(r"(?i)\b(?:got|have|received|an?)\s+(?:\w+\s+)?offer\b")


_OFFERED = re.compile(r"\b(?:offer(?:ed|ing|s)?|pay(?:s|ing)?|job\s+at|for)\b[^.;\n]*$", re.I)
_OFFER_FIELDS = set(Offer.model_fields)
_NOT_FIELDS = {"employer", "private_company"}


def _reading(out: Extraction) -> OfferReading:
    fields = [
        ReadField(
            path=path,
            value=value,
            source=out.sources.get(path, ""),
            guessed=path in out.guessed,
            note=out.notes.get(path),
        )
        for path, value in _flatten(out.data)
    ]
    questions = [Question(path=p, text=t, source=src) for p, (t, src) in out.questions.items()]
    assumptions = list(out.assumptions)
    _defaults_noted(out.data, assumptions)
    offer = None
    if not questions:
        data = {k: v for k, v in out.data.items() if k in _OFFER_FIELDS}
        for key in ("start_date", "deadline"):
            if key in data and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data[key])):
                data.pop(key)
        equity = data.get("equity")
        if isinstance(equity, dict):
            data["equity"] = {
                k: v for k, v in equity.items() if k not in ("shares", "price_per_share")
            }
        offer = _build(data)
    return OfferReading(
        is_offer=True,
        fields=fields,
        questions=questions,
        unparsed=list(out.unparsed),
        assumptions=assumptions,
        offer=offer,
        current_pay=out.current_pay,
    )


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            items += _flatten(value, path + ".")
        else:
            items.append((path, value))
    return items


def parse_offer(text: str) -> ParseResult:
    """An offer from a sentence like "185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on".

    Raises InputError when no base salary is found, a value is out of range, or the
    reading has a question the person must answer first (each question is in the message).
    """
    return parse_result(read_offer(text))


def read_offer_file(path: str | Path, name: str | None = None) -> OfferReading:
    """The one reading of an offer, of a letter file (.pdf, .docx, .eml, .msg, .txt, .md):
    each field also says where in the file its words are ("page 2, line 5").

    ``name`` is the file's name as the person gave it (an upload's temp file has another).
    Raises InputError with one sentence for a file that can't be read (a scan, a password,
    too big, not what its name says) or a value no offer can have.
    """
    return read_letter_text(read_letter(path, name))


def read_letter_text(letter: LetterText) -> OfferReading:
    """The one reading of a letter's text, each field placed in the letter's file."""
    return read_offer(letter.text).located(letter.where)


def parse_result(reading: OfferReading) -> ParseResult:
    """The offer a reading built, or InputError: not an offer, or questions to answer first."""
    if not reading.is_offer:
        raise InputError(reading.not_offer or NOT_AN_OFFER)
    if reading.offer is None:
        asks = " ".join(q.text for q in reading.questions)
        raise InputError(f"Before I can score this offer: {asks}")
    return ParseResult(
        offer=reading.offer,
        unparsed=reading.unparsed,
        assumptions=reading.assumptions,
        reading=reading,
    )


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
    offer = _build(clean)
    # A file's fields are read from their keys: each is shown with the line it came from.
    fields = [
        ReadField(path=path, value=value, source=_file_line(path, value))
        for path, value in _flatten(offer.model_dump(mode="json", exclude_none=True))
        if not _is_default(offer, path)
    ]
    reading = OfferReading(
        is_offer=True, fields=fields, unparsed=unparsed, assumptions=assumptions, offer=offer
    )
    return ParseResult(offer=offer, unparsed=unparsed, assumptions=assumptions, reading=reading)


def _file_line(path: str, value: Any) -> str:
    return f"{path}: {value}"


def _is_default(offer: Offer, path: str) -> bool:
    """Vesting and currency the file left out are defaults, not something it says."""
    top = path.split(".")[0]
    return top in ("vesting", "currency") and top not in offer.model_fields_set


def _build(data: dict[str, Any]) -> Offer:
    currency = data.get("currency")
    try:
        # A refusal quotes the offer's amounts in its own currency ("£5", not "$5").
        with writing_in(currency if isinstance(currency, str) else "USD"):
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


_FILE_SUFFIXES = (".json", ".yaml", ".yml", *LETTER_SUFFIXES)


def looks_like_file(source: str | Path) -> bool:
    """True when ``source`` names an existing file, or looks like a file name."""
    text = str(source)
    if "\n" not in text and Path(text).suffix.lower() in _FILE_SUFFIXES:
        return True
    try:
        return Path(text).is_file()
    except OSError:  # a long sentence is not a valid path on some systems
        return False


def load_offer(source: str | Path) -> ParseResult:
    """An offer from a .json/.yaml/.yml file, a letter file (.pdf, .docx, .eml, .msg, .txt,
    .md), or the offer text itself."""
    text = str(source)
    path = Path(text)
    looks_like_file = "\n" not in text and path.suffix.lower() in _FILE_SUFFIXES
    try:
        is_file = path.is_file()
    except OSError:  # a long sentence is not a valid path on some systems
        is_file = False
    if not is_file:
        if looks_like_file:
            raise InputError(f"There is no offer file at {quote(text, 80)}.")
        return parse_offer(text)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):  # a letter, or a format refused by name
        return parse_result(read_offer_file(path))
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"The offer file {quote(text, 80)} can't be read as text.") from exc
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
