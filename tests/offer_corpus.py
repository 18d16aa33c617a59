"""Judge the offer reader on the corpus written from the user's side (fresh/offers.yaml).

A case passes when every field it expects is read exactly or asked about, every field it
marks ``ask_about`` is asked (never guessed), a ``refuse_field`` case is refused with a
sentence naming that field, and a question that is not an offer is not scored. A
*silent misread* is a figure the reader states as read, unguessed and unasked, that is
not what the text says — the one outcome that must never happen.

Run ``python -m tests.offer_corpus`` for the table by category.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coach.errors import InputError
from coach.offers.parse import read_offer
from coach.offers.reading import OfferReading
from coach.offers.totals import compute_totals

CORPUS = Path(__file__).parent / "corpora" / "fresh" / "offers.yaml"

# The corpus's names for a field -> the reader's paths.
_PATHS = {
    "base": "base",
    "currency": "currency",
    "sign_on": "sign_on.amount",
    "sign_on_clawback_months": "sign_on.clawback_months",
    "relocation": "relocation",
    "pto_days": "pto_days",
    "start_date": "start_date",
    "deadline": "deadline",
    "role": "role",
    "level": "level",
    "location": "location",
    "company": "company",
    "private_company": "private_company",
}
_BONUS = {
    "percent": "bonus.target_percent",
    "amount": "bonus.target_amount",
    "payout_percent": "bonus.payout_percent",
}
_EQUITY = {
    "kind": "equity.kind",
    "shares": "equity.shares",
    "price_per_share": "equity.price_per_share",
    "grant_value": "equity.value",
    "percent": "equity.percent",
    "valuation": "equity.valuation",
    "count": "equity.count",
    "strike": "equity.strike",
    "private": "private_company",
}
_TEXTS = {"role", "location", "company", "employer_type"}
# Money fields a reader must not invent: one read where the text has none is a misread.
_MONEY = (
    "base",
    "bonus.target_percent",
    "bonus.target_amount",
    "sign_on.amount",
    "relocation",
    "equity.value",
    "equity.shares",
    "equity.percent",
    "equity.count",
    "refresher.annual_value",
)
_REFUSAL_WORDS = {
    "base": ("base",),
    "bonus": ("bonus",),
    "sign_on": ("sign-on", "sign on", "signing"),
    "vesting": ("vesting",),
}
_EMPLOYER_KEYS = {"ai lab": "ai_lab", "big tech": "big_tech_ai_org"}


HOLDOUT = CORPUS.with_name("offers_holdout.yaml")
UNSEEN = CORPUS.with_name("offers_unseen.yaml")


def load_cases(path: Path = CORPUS) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def expected_fields(expect: dict[str, Any]) -> dict[str, Any]:
    """The corpus's expectations as reader paths (ask_about, notes and totals left out)."""
    out: dict[str, Any] = {}
    for key, value in expect.items():
        if key in _PATHS:
            out[_PATHS[key]] = value
        elif key == "bonus":
            out.update({_BONUS[k]: v for k, v in value.items()})
        elif key == "equity":
            for k, v in value.items():
                if k == "price":
                    basis = value.get("price_basis")
                    out["equity.preferred_price" if basis == "preferred" else "equity.fmv_409a"] = v
                elif k in _EQUITY:
                    out[_EQUITY[k]] = v
            if value.get("kind") == "percent":
                # A percent grant's value is the percent of the valuation, kept apart
                # from an RSU grant's stated value.
                if "equity.value" in out:
                    out["equity_value"] = out.pop("equity.value")
                elif {"percent", "valuation"} <= set(value):
                    out["equity_value"] = round(value["percent"] / 100 * value["valuation"])
        elif key == "vesting":
            out.update({f"vesting.{k}": v for k, v in value.items()})
        elif key == "refresher":
            out["refresher.annual_value"] = value["amount"]
        elif key == "employer_type":
            out["employer_type"] = value
    return out


def _fold(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same(path: str, want: Any, got: Any) -> bool:
    if path in _TEXTS:
        a, b = _fold(want), _fold(got)
        same = bool(a and b) and (a == b or a in b or b in a)
        return same or (path == "location" and _same_us_area(str(want), str(got)))
    if path in ("start_date", "deadline"):
        return (
            _as_date(want) == _as_date(got)
            if _as_date(want)
            else (_fold(want) in _fold(got) or _fold(got) in _fold(want))
        )
    if path == "level":
        return _fold(want) == _fold(got)
    if path == "vesting.frequency":  # "annually" and "annual" are one frequency
        return _fold(want).removesuffix("ly") == _fold(got).removesuffix("ly")
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(want) == bool(got)
    if isinstance(want, list | tuple):
        return (
            isinstance(got, list | tuple)
            and len(want) == len(got)
            and all(abs(float(a) - float(b)) < 0.01 for a, b in zip(want, got, strict=True))
        )
    if isinstance(want, int | float) and isinstance(got, int | float):
        return abs(float(want) - float(got)) <= max(0.01, abs(float(want)) * 1e-6)
    return _fold(want) == _fold(got)


def _same_us_area(want: str, got: str) -> bool:
    """ "Austin, Texas" and "Austin, TX" are one place: the same US metro or state in the
    market's own place index. Places abroad are countries there, so they are not compared
    this way (Graz is not Vienna)."""
    from coach.errors import CoachError
    from coach.market import load_tables
    from coach.market.normalize import normalize_place

    try:
        a, b = normalize_place(want, load_tables()), normalize_place(got, load_tables())
    except CoachError:
        return False
    return a.country == b.country == "US" and a.area_code is not None and a.area_code == b.area_code


def _as_date(text: Any) -> dt.date | None:
    for form in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(str(text), form).date()
        except ValueError:
            continue
    return None


def _asked(path: str, asked: set[str]) -> bool:
    if path == "equity_value":  # a percent grant's value is asked with its percent
        path = "equity"
    return any(path == q or path.startswith(q + ".") or q.startswith(path + ".") for q in asked)


def _employer(want: str, reading: OfferReading) -> bool | None:
    """True/False when the reading says something about the employer, None when silent."""
    folded = _fold(want)
    private = reading.value("private_company")
    if folded in ("private company", "startup"):
        return None if private is None else bool(private)
    if folded == "public company":
        return None if private is None else not private
    kind = reading.value("employer_type")
    if folded in _EMPLOYER_KEYS:
        return None if kind is None else kind == _EMPLOYER_KEYS[folded]
    said = reading.value("employer")
    return None if said is None else folded in _fold(said)


def four_year_total(reading: OfferReading) -> int | None:
    """The corpus's convention: stated values before any haircut, refreshers left out."""
    if reading.offer is None:
        return None
    totals = compute_totals(reading.offer)
    refreshers = totals.line("refreshers")
    return totals.four_year_total - (refreshers.total if refreshers else 0)


@dataclass
class Verdict:
    case: str
    category: str
    exact: bool = False
    passed: bool = False
    silent: list[str] = field(default_factory=list)  # the misreads that must never happen
    flagged: list[str] = field(default_factory=list)  # wrong, but shown as a guess
    missing: list[str] = field(default_factory=list)  # expected, neither read nor asked
    asked: list[str] = field(default_factory=list)


def judge(case: dict[str, Any], read: Callable[[], OfferReading] | None = None) -> Verdict:
    """``read`` reads the case some other way (a letter file: tests/letter_builds.py);
    by default its ``text`` is read."""
    expect = case["expect"]
    verdict = Verdict(case["id"], case.get("category", ""))
    try:
        reading = read() if read is not None else read_offer(case["text"])
    except InputError as err:
        want = expect.get("refuse_field")
        if want and any(w in err.message.lower() for w in _REFUSAL_WORDS[want]):
            verdict.exact = verdict.passed = True
        else:
            verdict.missing.append(f"refused: {err.message}")
        return verdict
    if "refuse_field" in expect:
        if reading.offer is not None:
            verdict.silent.append(
                f"scored an offer that must be refused ({expect['refuse_field']})"
            )
        else:
            verdict.missing.append(f"not refused ({expect['refuse_field']})")
        return verdict
    if not expect["is_offer"]:
        if reading.is_offer or reading.offer is not None:
            verdict.silent.append("a question taken for an offer")
        else:
            verdict.exact = verdict.passed = True
        return verdict
    if not reading.is_offer:
        verdict.missing.append("an offer taken for a question")
        return verdict
    asked = {q.path for q in reading.questions}
    verdict.asked = sorted(asked)
    for path in expect.get("ask_about", []):
        if not _asked(path, asked):
            (verdict.silent if reading.value(path) is not None else verdict.missing).append(
                f"{path}: should be asked, was "
                + (
                    f"read as {reading.value(path)!r}"
                    if reading.value(path) is not None
                    else "left out"
                )
            )
    want = expected_fields(expect)
    ask_paths = expect.get("ask_about", [])
    exact = True
    for path, value in want.items():
        if path == "employer_type":
            said = _employer(value, reading)
            if said is None:
                verdict.missing.append(f"employer_type: {value!r} not read")
                exact = False
            elif not said:
                verdict.silent.append(f"employer_type: {value!r}, read otherwise")
            continue
        got = reading.value(path)
        if _asked(path, asked):
            exact = exact and _asked(path, set(ask_paths))
            continue
        if got is None:
            exact = False
            verdict.missing.append(f"{path}: {value!r} not read")
        elif not _same(path, value, got):
            exact = False
            target = verdict.flagged if reading.guessed(path) else verdict.silent
            target.append(f"{path}: {value!r} read as {got!r}")
    for path in _MONEY:
        if path not in want and reading.value(path) is not None and not _asked(path, asked):
            if path == "equity.value" and "equity.shares" in want:
                continue  # the grant priced from a share count the case gives
            target = verdict.flagged if reading.guessed(path) else verdict.silent
            target.append(f"{path}: read {reading.value(path)!r}, the text has none")
    if "four_year_total" in expect:
        total = four_year_total(reading)
        if total is None:
            exact = False
            if not asked:
                verdict.missing.append("four_year_total: no offer built")
        elif abs(total - expect["four_year_total"]) > 1:
            exact = False
            verdict.flagged.append(f"four_year_total: {expect['four_year_total']} computed {total}")
    verdict.exact = exact and not verdict.silent and not verdict.flagged and not verdict.missing
    verdict.passed = not verdict.silent and not verdict.flagged and not verdict.missing
    return verdict


def report(verdicts: list[Verdict]) -> str:
    by: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by[v.category].append(v)
    lines = [f"{'category':<20}{'n':>4}{'exact':>7}{'passed':>8}{'silent':>8}"]
    for name, group in sorted(by.items()):
        lines.append(
            f"{name:<20}{len(group):>4}{sum(v.exact for v in group):>7}"
            f"{sum(v.passed for v in group):>8}{sum(bool(v.silent) for v in group):>8}"
        )
    total = Counter(exact=sum(v.exact for v in verdicts), passed=sum(v.passed for v in verdicts))
    lines.append(
        f"{'all':<20}{len(verdicts):>4}{total['exact']:>7}{total['passed']:>8}"
        f"{sum(bool(v.silent) for v in verdicts):>8}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = HOLDOUT if "--holdout" in argv else UNSEEN if "--unseen" in argv else CORPUS
    verdicts = [judge(case) for case in load_cases(path)]
    verbose = "-v" in argv
    for v in verdicts:
        if (verbose and not v.passed) or v.silent:
            print(f"{v.case}: silent={v.silent} flagged={v.flagged} missing={v.missing}")
    print(report(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
