"""Every playbook section the code cites, as ``doc-id § Exact heading``, in one place.

Offers, role-play hints and the scorecard, the guard and the offline coach's answers
cite these constants instead of typing the strings; tests/test_citations.py checks
each one against the headings of knowledge/playbook/*.md (and that no module types a
citation of its own), so a renamed heading fails loudly instead of leaving a
dangling citation.
"""

from __future__ import annotations

import functools
import re

from coach import resources

# ---- mistakes
ANCHORING_ON_CURRENT_PAY = "mistakes § Mistake one: anchoring on your current pay"
BUZZWORDS = "mistakes § Mistake two: leading with AI buzzwords instead of specific work"
NOT_KNOWING_THE_MEDIAN = "mistakes § Mistake three: not knowing your function median"
ACCEPTING_THE_FIRST_OFFER = (
    "mistakes § Mistake four: accepting the first offer because it is a raise"
)
BASE_ONLY = "mistakes § Mistake five: negotiating only base salary"
ON_THE_SPOT = "mistakes § Accepting on the spot"

# ---- anchoring
DEFLECT_CURRENT = "anchoring § Deflecting the current-salary question"
STATE_RANGE = "anchoring § Stating a range built on the anchor"
FUNCTION_MEDIAN = "anchoring § Finding your function median"

# ---- evidence pack
EVIDENCE_PACK = "evidence-pack § What an evidence pack is and why it matters"
WORKFLOWS = "evidence-pack § Part one: the workflows you built"

# ---- objections
TOP_OF_RANGE = 'objections § "This is the top of our range"'
INTERNAL_EQUITY = 'objections § "We pay based on internal equity"'
BUDGET_FIXED = 'objections § "The budget is fixed"'
OTHER_OFFERS = 'objections § "Do you have other offers?"'
AI_PRODUCTIVITY = 'objections § "AI makes everyone productive, so we pay less"'
ANY_PUSHBACK = "objections § How to handle any pushback"

# ---- sequence and timing
EVALUATE_OFFER = "sequence § Step three: evaluating the offer against three benchmarks"
DECISION_RULE = "sequence § Step four: the decision rule for what to push on"
COUNTER_ONCE = "sequence § Step five: counter once, with specifics"
FINAL_OR_WALK = "sequence § Step six: take the final offer or walk"
NEVER_ON_THE_SPOT = "timing § Never accept on the spot"
EXTENSION = "exploding-offers § Ask for a reasonable extension"

# ---- competing offers and employer types
NO_BLUFFING = "competing-offers § Never invent or inflate an offer"
COMPARE_4_YEAR_TOTAL = "competing-offers § Compare offers on 4-year total comp"
OUTSIDE_THE_FOUR_TYPES = "employer-types § Negotiating at a company outside the four types"

# ---- total package
SIGN_ON = "total-package § Sign-on bonus"
EQUITY = "total-package § Equity"
REFRESHERS = "total-package § Refresh grants and 4-year total comp"
TITLE = "total-package § Title, level and scope"
START_AND_PTO = "total-package § Start date and vacation"
BONUS_PAYOUT = "total-package § Annual bonus target and payout history"
VESTING = "total-package § Vesting schedules and cliffs"
SIGN_ON_CLAWBACK = "total-package § Sign-on bonuses and clawbacks"

# ---- the raise or promotion talk with one's manager
PRODUCTIVITY_ARGUMENT = 'reframing-productivity § The "AI makes everyone productive" argument'
OUTCOMES_NOT_OUTPUT = "reframing-productivity § Frame outcomes, not output"
DIFFERENTIATION = "reframing-productivity § Differentiation: what breaks without you"
RISK_YOU_DECIDE = "reframing-productivity § Risk: AI proposes, you decide"
FACTS_NOT_FEELINGS = "reframing-productivity § Keep it factual and bring data"
ANNUAL_REVIEWS = "timing § Annual reviews"
PROMOTIONS = "timing § Promotions and level-ups"
BUILD_LEVERAGE = "timing § Build leverage before you need it"
MARKET_GAP = "raises § Know your market gap"

# ---- walk-away
WALK_AWAY_NUMBER = "walk-away § What a walk-away number is"
FLOOR_FROM_CURRENT_PAY = "walk-away § Setting your floor relative to current pay"
REFUSES_TO_BUDGE = "walk-away § When a company refuses to budge"

ALL = tuple(value for name, value in dict(globals()).items() if name.isupper() and "§" in value)


# ---- what a reader sees: "Total package — Sign-on bonus", never the file's id
# A citation as answers write it, in brackets and not already a link: "[doc-id § Heading]".
_written = re.compile(r"\[([a-z0-9-]+) § ([^\]\n]+)\](?!\()")


_heading = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)  # a section, as the playbook splits


@functools.cache
def _files() -> tuple[dict[str, str], tuple[str, ...]]:
    """Each playbook file's ``name:`` (front matter) by its id, and every section's
    citation ("doc-id § Heading", the text before the first heading as "Overview")."""
    names: dict[str, str] = {}
    cited: list[str] = []
    for path in sorted((resources.KNOWLEDGE_DIR / "playbook").glob("*.md")):
        head = path.read_text(encoding="utf-8").split("---", 2)
        meta = (resources.load_yaml(head[1]) if len(head) == 3 else None) or {}
        doc_id = str(meta.get("id") or path.stem)
        names[doc_id] = str(meta.get("name") or doc_id.replace("-", " ").capitalize())
        body = head[2] if len(head) == 3 else head[0]
        headings = ["Overview", *_heading.findall(body)]
        cited += [f"{doc_id} § {h}" for h in headings]
    return names, tuple(sorted(cited, key=len, reverse=True))


def file_names() -> dict[str, str]:
    return _files()[0]


@functools.cache
def _named() -> re.Pattern[str]:
    """Any section's citation written without brackets ("(see anchoring § Heading)")."""
    return re.compile("|".join(re.escape(c) for c in _files()[1]))


def reader_title(citation: str) -> str:
    """``"total-package § Sign-on bonus"`` as a reader sees it: "Total package — Sign-on
    bonus". Anything that is not a citation comes back as it is."""
    doc_id, sep, heading = citation.partition(" § ")
    if not sep:
        return citation
    doc_id = doc_id.strip().lower()
    name = file_names().get(doc_id, doc_id.replace("-", " ").capitalize())
    return f"{name} — {heading.strip()}"


def for_reader(text: str) -> str:
    """``text`` with every citation written as its title: bracketed ones not yet a link,
    and any section of the playbook named without brackets."""
    text = _written.sub(lambda m: f"[{reader_title(f'{m.group(1)} § {m.group(2)}')}]", text)
    return _named().sub(lambda m: reader_title(m.group(0)), text) if " § " in text else text
