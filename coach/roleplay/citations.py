"""Playbook sections the hints and the scorecard cite, as ``doc-id § Exact heading``.

Each one is checked against knowledge/playbook/*.md by the tests, so a renamed
heading fails loudly instead of leaving a dangling citation.
"""

from __future__ import annotations

MISTAKE_ONE = "mistakes § Mistake one: anchoring on your current pay"
MISTAKE_TWO = "mistakes § Mistake two: leading with AI buzzwords instead of specific work"
MISTAKE_THREE = "mistakes § Mistake three: not knowing your function median"
MISTAKE_FOUR = "mistakes § Mistake four: accepting the first offer because it is a raise"
MISTAKE_FIVE = "mistakes § Mistake five: negotiating only base salary"
ON_THE_SPOT = "mistakes § Accepting on the spot"

DEFLECT_CURRENT = "anchoring § Deflecting the current-salary question"
STATE_RANGE = "anchoring § Stating a range built on the anchor"
FUNCTION_MEDIAN = "anchoring § Finding your function median"

EVIDENCE_PACK = "evidence-pack § What an evidence pack is and why it matters"
WORKFLOWS = "evidence-pack § Part one: the workflows you built"

TOP_OF_RANGE = 'objections § "This is the top of our range"'
INTERNAL_EQUITY = 'objections § "We pay based on internal equity"'
BUDGET_FIXED = 'objections § "The budget is fixed"'
OTHER_OFFERS = 'objections § "Do you have other offers?"'
AI_PRODUCTIVITY = 'objections § "AI makes everyone productive, so we pay less"'
ANY_PUSHBACK = "objections § How to handle any pushback"

COUNTER_ONCE = "sequence § Step five: counter once, with specifics"
EVALUATE_OFFER = "sequence § Step three: evaluating the offer against three benchmarks"
FINAL_OR_WALK = "sequence § Step six: take the final offer or walk"
NEVER_ON_THE_SPOT = "timing § Never accept on the spot"
EXTENSION = "exploding-offers § Ask for a reasonable extension"
NO_BLUFFING = "competing-offers § Never invent or inflate an offer"
SIGN_ON = "total-package § Sign-on bonus"
EQUITY = "total-package § Equity"
REFRESHERS = "total-package § Refresh grants and 4-year total comp"
TITLE = "total-package § Title, level and scope"
START_AND_PTO = "total-package § Start date and vacation"
REFUSES_TO_BUDGE = "walk-away § When a company refuses to budge"

ALL = tuple(value for name, value in dict(globals()).items() if name.isupper() and "§" in value)
