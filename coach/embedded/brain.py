"""The offline coach's reasoning: understand a turn, choose tools, write the answer.

Stateless by design: each call re-reads the conversation it is given, so slots
carried across turns ("and in New York?") survive restarts with the checkpointer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from coach import vocabulary
from coach.contracts import (
    ComparisonResult,
    OfferScoreResult,
    Passage,
    PlaybookPassages,
    SalaryEstimateResult,
    ToolName,
    ToolResult,
    parse_result,
)
from coach.embedded import composers, writer
from coach.embedded.calls import anchor_args, gap_args, offer_args, walk_away_args
from coach.embedded.calls import tool_call as _call
from coach.embedded.intents import CONFIDENCE_FLOOR, Classification, IntentClassifier
from coach.errors import CoachError
from coach.messages import human_texts, turn_messages
from coach.money import find_amounts
from coach.understanding import (
    OFFER_WORDS,
    SIGN_ON_NAMED,
    ChangedOffer,
    Slots,
    about_pay,
    asks_a_tradeoff,
    completes_a_tradeoff,
    heard,
    labels_named,
    levels_named,
    moved_the_stock,
    names_offer_parts,
    offer_with_change,
    offered_amounts,
    read_slots,
    says_a_factor,
    states_an_offer,
    stock_named,
    unknown_job,
    weighs_figures,
)

ResultT = TypeVar("ResultT", bound=ToolResult)

# A message this short that names only a slot ("and in NYC?") continues the last topic.
FOLLOW_UP_MAX_WORDS = 16
FOLLOW_UP_INTENTS = {"salary", "targets", "offer_score", "counter"}
FOLLOW_UP_MAX_SIMILARITY = 0.75
# Topics chain over this many earlier messages ("data scientist?", "senior", "in Chicago");
# classifying the whole thread on every turn would grow with the conversation.
TOPIC_LOOKBACK = 4
# A reply this short to advice ("what if they insist?") is searched with the question before;
# so is one up to LEANING_REPLY_WORDS long that opens by leaning on it ("and if…", "suppose…").
SHORT_REPLY_WORDS = 6
LEANING_REPLY_WORDS = 12
LEANS_ON_THE_LAST = re.compile(
    r"(?i)(?:(?:and|but|so|or|then|ok(?:ay)?)\s+(?:if|what if|then|they|he|she|it|that|this"
    r"|when|what about)\b|what if\b|suppose\b|say they\b|what about\b|how about\b"
    r"|(?:ok(?:ay)?,?\s+)?so,?\s+(?:how|what|which|where|when|do|should|is)\b)"
)
# A follow-up pointing back at what the last answer was about ("is that a lot?", "is it fair").
POINTS_BACK = re.compile(r"(?i)\b(?:that|thats|that's|this|it|its|it's)\b")
# Within "targets": which of the two numbers the message asks for (both when it names both).
WALK_AWAY_ASK = re.compile(r"(?i)\bwalk[- ]?away\b|\bfloor\b|\blowest\b|\bminimum\b")
ANCHOR_ASK = re.compile(r"(?i)\banchor|\brange\b|\btarget\b|\bask(?:ing)? for\b")
# "How much should I ask for?", "what's a reasonable salary to request?": which number to
# state. Without the role, the playbook's way to set it, asking for the role.
ASKS_WHICH_NUMBER = re.compile(
    r"(?i)\b(?:how much (?:(?:salary|base|pay|money) )?(?:should|do|can|would|could) i"
    r"|what(?:'s| is)? (?:a |the )?(?:\w+ )?(?:number|figure|salary|amount|base)"
    r"|which number)\b.{0,30}?\b(?:ask(?:ing)? for|request|aim for|go for|put forward)\b"
    r"(?!.{0,20}\b(?:raise|equity|bonus|sign[- ]?on|pto|relocation|stock|rsus?)\b)"
    r"|\b(?:salary|number|figure|amount|base) to (?:ask for|request|aim for)\b"
    # "what should i be asking for if they level me at L5?"
    r"|\bwhat (?:should|do|can) i (?:be )?(?:ask(?:ing)?|request(?:ing)?) for\b"
    r"(?!.{0,20}\b(?:raise|equity|bonus|sign[- ]?on|pto|relocation|stock|rsus?)\b)"
)
# "What base should I expect?", "what should someone like me be getting paid?": the market.
EXPECTS_THE_MARKET = re.compile(
    r"(?i)\bexpect\b|\bbe (?:getting )?(?:paid|making|earning)\b|\bgoing rate\b"
)
WALK_AWAY_QUERY = "set your walk-away floor relative to current pay"
COUNTER_ASK = re.compile(
    r"(?i)\bcounter(?:[- ]?offer)?\b(?! offers?\b)|\bpush back\b|\bnegotiate (?:it|this|up)\b"
    r"|\bwhat (?:should i|i should|to|do i) (?:say|write|send|ask for)\b|\bscript\b|\bdraft\b"
    r"|\b(?:write|put together)\b.{0,40}\b(?:email|reply|response|message|what)\b"
)
COUNTER_TOPIC = "counter"  # topics.yaml: the counter's topic, which also sizes one
ADVICE_QUERIES = {
    "salary": "state a range anchored at the function median",
    "targets": "state a range anchored at the function median",
    "offer_score": "evaluate the offer against the market median and negotiate the whole package",
    "counter": "counter once with specifics",
    "compare": "compare offers on 4-year total comp",
    "tradeoff": "sign-on bonus or more base: clawback, and what compounds over 4-year total comp",
}
# A message this short, with no role, place or figure the coach could use, and no intent
# the classifier is sure of, gets one clarifying question rather than a guess.
CLARIFY_MAX_WORDS = 8
# Unless the classifier is this sure a message is vague, only a message of this many words
# or fewer is asked about; a longer one says enough for the playbook search to find it.
SURELY_VAGUE = 0.45
FEW_WORDS = 5
# Below this, "hello"-like and chit-chat readings of a longer message are doubted.
SURE_SMALL_TALK = 0.5
# Effective intents that call no tool: the answer is a template.
NO_TOOL_INTENTS = {"greeting", "thanks", "off_topic", "clarify"}
# Thanks at the end of a talk ("thanks!", "ok thank you, that helps"): answered as thanks,
# not with the first greeting again.
THANKS = re.compile(
    r"(?i)^\W*(?:ok(?:ay)?|great|cool|perfect|awesome|nice)?\W*(?:thanks?|thank you|thx|ty)\b"
)
# Words of law, tax and immigration: a question with none of them that the classifier
# calls out of scope ("do I have to pay back my sign-on if I leave?") is negotiation. "Pre
# tax" says which figure is asked ("what do i make first year? pre tax is fine"), no tax.
LEGAL_WORDS = re.compile(
    r"(?i)\b(?:(?<!pre )(?<!pre-)(?<!before )tax\w*|irs|83\s*\(?b\)?|lawyers?|attorneys?"
    r"|legal(?:ly)?|laws?|lawsuit|sue|"
    r"visas?|h-?1b|green card|immigration|enforceable|non-?competes?|contracts? law|"
    r"discriminat\w*|severance|wrongful|court)\b"
)
# A message asking what pay is, in any words ("whats market for me", "what am I worth").
MARKET_ASK = re.compile(r"(?i)\bmarket\b|\bworth\b|\bpaid\b|\bpay\b|\bmake\b|\bearn")
# The person's own pay under the offer given ("so whats my actual total comp in yr 1",
# "what would i really take home in year one"): that offer's totals, not the market's.
MY_OFFERED_PAY = re.compile(
    r"(?i)(?=.*\b(?:how much|what|whats|tc|total|comes? to)\b)"  # an amount asked for...
    r"(?=.*\b(?:mak\w*|earn\w*|comp|tc|total|pay|tak\w* home|bring\w* home|package|all in"
    r"|comes? to|(?:at|for) (?:each|both)|togeth?er|combined|altogether|all told)\b)"
    # ...of pay ("whats year 1 at each", "so all 4 yrs together is what")
    r"(?:.*\bmy\b.{0,20}\b(?:total comp|tc|total|comp|pay|package|earnings)\b"
    r"|.*\b(?:would|will|do|am)\s+i\s+(?:actually\s+|really\s+)?"
    r"(?:mak\w*|earn\w*|tak\w* home|bring\w* home)\b"
    r"|.*\b(?:ye?a?r|yr)\s*(?:1|one)\b|.*\bfirst[- ](?:year|yr)\b"
    r"|.*\b(?:total comp|tc|total pay)\b.{0,12}\b(?:per|a|each)\s+(?:year|yr)\b"
    r"|.*\b(?:all|the|over|for)\s+(?:4|four)\s+(?:years|yrs)\b)"
    # "whats yr 1 then": the year's amount asked outright
    r"|\b(?:what(?:'?s| is)?|how much is)\s+(?:(?:the|my|it|that|in)\s+){0,2}"
    r"(?:ye?a?r|yr)\s*(?:1|one)\b"
)
# ...never a question of what to ask for or how to negotiate it ("how do I negotiate my
# total package?", "what should I ask for in year one?").
NOT_OWN_PAY = re.compile(
    r"(?i)\b(?:negotiat\w*|ask|counter\w*|should|push|improve|raise|get more)\b"
)


def asks_own_pay(text: str) -> bool:
    """Whether a message asks what the person would be paid under the offer given."""
    return MY_OFFERED_PAY.search(text) is not None and not NOT_OWN_PAY.search(text)


# The years after the first, asked about ("and every yr after that?", "what about years 2-4",
# "and after year one?", "the later years?").
LATER_YEARS = re.compile(
    r"(?i)\bafter (?:that|it|the first|(?:ye?a?r|yr)\s*(?:1|one))\b"
    r"|\b(?:ye?a?rs?|yrs?)\s*(?:2|3|4|two|three|four)\b|\b(?:later|other|following) (?:years|yrs)\b"
    r"|\b(?:ye?a?rs?|yrs?) after\b|\brest of (?:the|them|it)\b"
)
# ...never a question of what happens then ("is the sign on clawed back after year 1?",
# "what if I quit after year 1?", "do i get refreshers in years 2-4?").
ABOUT_AN_EVENT = re.compile(
    r"(?i)\b(?:claw\w*|quit\w*|leav\w*|vest\w*|refresh\w*|schedule|people|package|happen\w*"
    r"|stays?|cliff|bonus|sign[- ]?on|raise|promot\w*)\b"
)
LATER_YEARS_WORDS = 10  # a follow-up this short: longer, it is a question of its own


def asks_later_years(text: str, before: str, topic: str | None = None) -> bool:
    """Whether ``text`` asks the offer's total pay in the years after the first, right after
    ``before`` asked its own pay ("yr1 tc?" then "and every yr after that?") or an offer
    was scored (``topic``: "what if etsy drops 35%" then "and yrs 2-4 in that case?")."""
    return (
        LATER_YEARS.search(text) is not None
        and len(text.split()) <= LATER_YEARS_WORDS
        and not NOT_OWN_PAY.search(text)
        and not ABOUT_AN_EVENT.search(text)
        and (topic == "offer_score" or asks_own_pay(before))
    )


# Words asking to have an offer judged or a counter written: without the offer, the coach
# asks for it; other questions about an offer are answered from the playbook.
JUDGE_OR_DRAFT = re.compile(
    r"(?i)\b(?:score|rate|judge|evaluate|assess|review|check|grade|look (?:at|over)|"
    r"write|draft|compose|email)\b"
)
# A question that weighs offers or parts against each other: no one part answers it.
COMPARES = re.compile(r"(?i)\bcompar\w*|\bvs\.?(?!\w)|\bversus\b|\bside by side\b")
# A message asking to compare offers already given: "side by side", "which one is better",
# "the yearly difference between them", "over 4 years who pays more", "year by year".
# "which…" counts only with a word of more or better after it ("which is typical for big
# tech" compares nothing), and "both"/"each" never on their own ("use both as leverage").
ASKS_COMPARISON = re.compile(
    COMPARES.pattern + r"|\bwho\b(?:\s+\w+){0,2}?\s+(?:ahead|wins?|leads?|pays|comes? out|better)\b"
    r"|\bwhich\b(?:\s+\w+){0,4}?\s+(?:better|best|more|higher|bigger|ahead|wins?|pays|"
    r"come[s]? out|ends? up|worth more|larger)\b"
    r"|\b(?:difference|gap|delta)s? between\b|\bbetween (?:them|the two|both)\b"
    r"|\bwho pays (?:more|better)\b|\byear[- ]by[- ]year\b"
    r"|\bthe (?:better|higher|bigger) one\b"
)
# ...unless it asks how to negotiate with them, or compares with the market, not each other.
NOT_A_COMPARISON = re.compile(
    r"(?i)\b(?:tell(?!\s+(?:me|us)\b)|mention|leverage|counter\w*|reply|negotiat\w*|"
    r"use (?:both|them|it|one)|"
    r"market|median|typical|normal|standard)\b"
)
# A counter asked to reach another offer: "match A", "beat the bank's", "close the gap", "up to
# googles level" (never "top" or "even" alone: "the top of their band", "even if").
_REACH = (
    r"mat?ch(?:es|ing)?|beat(?:s|ing)?|equals?|same as|as much as|clo?se the gap|catch(?: up)?|"
    r"level with|compete with|on par|(?:at least|break) even|"
    # "to googles level", "with meta's number", never "with the offer", "to their offer"
    r"(?:up to|to|with)\s+(?!(?:the|their|this|that|these|those|my|your|our|an?|its|his|her)\b)"
    r"\w+['’]?s?\s+(?:lev[a-z]{2,3}|number|figure|total|package|offer)"
)
MATCH_OTHER = re.compile(rf"(?i)\b(?:{_REACH})\b")
# "how do I get B to match A?", "can I make the startup beat google": a counter asked of one
# offer with the other as its reason.
ASKS_TO_MATCH = re.compile(
    rf"(?i)\b(?:(?:get|make|ask|push|convince|persuade|have|need|want|bring|take)s?|"
    rf"can|could|would|will)\b.{{0,30}}"
    rf"\b(?:{_REACH}|up to)\b"
)
# An offer given again to correct it ("sorry typo, it's 160k base"): it replaces the last.
CORRECTS = re.compile(
    r"(?i)\b(?:typo|sorry|actually|correction|i meant|meant to say|my bad|oops|"
    r"typed it wrong|got it wrong|like i said|mixed (?:them|it|those|the two) up|"
    r"i wrote|should have said)\b|\bnot\s+\$?\d[\d,.]*\s*(?:k\b|m\b|%)"
)
# A message that brings another offer in ("wait, I also got an offer from Meta"): no correction.
_ANOTHER_OFFER = re.compile(r"(?i)\b(?:also|another|new|second|third|other)\b.{0,25}\boffer")
# Two parts of a package weighed ("more base or more equity, which is better?"): a trade-off
# or advice, not the thread's offers compared.
PARTS_WEIGHED = re.compile(
    r"(?i)\b(?:base|equity|stock|rsus?|options|bonus|sign[- ]?on|salary|pto|vacation|remote|"
    r"title|level)\b[^.?!]{0,25}\bor\b(?:\s+\w+){0,3}?\s+(?:base|equity|stock|rsus?|options|"
    r"bonus|sign[- ]?on|salary|pto|vacation|remote|title|level)\b"
)
# How many earlier messages a comparison follow-up looks back through for its offers.
OFFERS_LOOKBACK = 8
# The topic on how to compare two offers, which a follow-up asking for the comparison wants.
COMPARE_TOPIC = "compare-offers"
# A follow-up adding an options offer's share price ("preferred is around 4.80").
SHARE_PRICE_WORDS = re.compile(
    r"(?i)\b(?:strike|exercise price|pref(?:erred)?|409a|fmv|stock|shares?|share price)\b"
)
# A follow-up this short that names one figure changes the offer just scored; one that
# says it is a what-if ("what if they bumped base to 180k instead, how much more is that a
# year?") may run this long.
WHAT_IF_MAX_WORDS = 14
WHAT_IF_ASKED_MAX_WORDS = 30
# "keep that and…", "keeping those": the last what-if kept (never "keep it short").
_KEEP_THAT = r"keep(?:ing)? (?:that|those|these|them|all that|both)\b"
WHAT_IF_CUE = re.compile(
    # after a sentence or two too: "ok forget the sign on thing. what if the stock goes up…",
    # "lol theyre not gonna. back to 20k sign on. what if the preferred goes up 20%"
    r"(?i)^(?:[^.?!]{0,60}[.?!]\s+){0,2}\W*(?:(?:so|ok|okay|and|but|hmm+)\W+)?"
    r"(?:what if|if they|say they|suppose|what about if|and if|what would happen if|if the|"
    rf"(?:and )?then if|plus if|same but|{_KEEP_THAT})\b"
)
# A follow-up built on the last what-if ("and if boston threw in 40k on top of that?", "with
# those numbers, how much would B need?", "and if they also added 30k?"): the offers as that
# what-if changed them are the ones it works on, not the offers as given.
_LEADS = r"\b(?:ahead|better|best|wins?|winning|leads?|pays? more|gap|difference|compare)\b"
ON_THE_LAST_WHAT_IF = re.compile(
    r"(?i)\bon top of (?:that|this|it|those|these)\b|\balso\b|\bas well\b|\btoo\b\W*$"
    r"|\bwith (?:those|these|that|the new|the changed) (?:new )?"
    r"(?:numbers|figures|changes|bases?|offers?|raises?|terms)\b|\bin that (?:case|scenario)\b"
    r"|\bthen\W*$|\bafter (?:that|those|these) changes?\b"
    # "and then if…", "plus if…", "same but…", "keep those and…", "with all that…", and a
    # question of where things stand "now"
    rf"|^\W*(?:and\s+)?(?:then|plus)\s+if\b|\bsame but\b|\b{_KEEP_THAT}"
    r"|\bwith all (?:that|this|those|these)\b"
    # "now" only in a question of who leads ("so which one comes out ahead now?")
    rf"|\bnow\b(?=.*{_LEADS})|{_LEADS}.*\bnow\b"
)
# ...unless it says to go back to the offers as given ("ok back to the actual offers, now
# what base…", "forget that", "on the real numbers").
BACK_TO_THE_OFFERS = re.compile(
    r"(?i)\b(?:back to|on|with|using) the (?:actual|real|original|first|old|initial) "
    r"(?:offers?|numbers|figures|ones|terms)\b|\bforget (?:that|this|it|all that|those|them)\b"
    r"|\bignore (?:that|this|those|the what[- ]?ifs?)\b|\bas (?:they|it) (?:were|was) given\b"
)
# The sign-on that would close a gap, asked for ("would a bigger sign-on do it instead? how
# big?", "what sign-on would cover the rest?", "how much signing bonus to make up the
# difference").
ASKS_SIGN_ON_TO_CLOSE = re.compile(  # beside the sign-on's words (SIGN_ON_NAMED)
    r"(?i)(?:\bhow (?:big|much|large|high)\b|\bwhat sign|\bcover\b|\bclose\b|\bmake up\b"
    r"|\bbridge\b|\bdo it\b|\benough\b|\bthe rest\b|\bthe difference\b|\bthe gap\b"
    r"|\binstead\b)"
)
# Offers asked to be weighed with private equity after the liquidity haircut ("if I count
# the equity at half", "even if A's stock is only worth half", "with your 50% haircut").
# ...only of stock ("cut the sign-on by half" halves a part, it counts nothing at half)
_STOCK_WORDS = re.compile(
    r"(?i)\b(?:equity|stock|options?|shares?|rsus?|grants?|stake|startup|haircut|paper)\b"
)
_BY_HALF = re.compile(r"(?i)\bby\s+(?:a\s+)?(?:half|50\s*%)")
# A haircut of another size: "with a 30% haircut" (30), "count the equity at 70%" (30 off).
_HAIRCUT_OF = re.compile(
    r"(?i)\b(\d{1,3})\s*%\s*haircut\b|\bhaircut\s+(?:of\s+|at\s+|by\s+)?(\d{1,3})\s*%"
)
_COUNTED_AT = re.compile(
    r"(?i)\b(?:count\w*|valu\w*|worth|treat\w*)\b[^.?!]{0,40}?\bat\s+(\d{1,3})\s*%"
)
COUNTS_AT_HAIRCUT = re.compile(
    r"(?i)\bhaircut\b|\b(?:at|by)\s+(?:a\s+)?(?:half|50\s*%)|\bworth\s+(?:only\s+)?half\b"
    r"|\bhalf (?:of )?(?:the |its |their )?(?:\w+ )?(?:value|worth)\b|\bhalf[- ]value\b"
    r"|\bcount(?:ing)? (?:only )?half\b"
)
DEFAULT_HAIRCUT_PERCENT = 50.0  # "at half": the totals' own liquidity haircut
# A ceiling said for the base ("they won't go past 200k base", "200k is their max"): the
# base the offer is worked out at.
BASE_CEILING = re.compile(
    r"(?i)\b(?:won'?t|will not|can'?t|cannot|not|never|no)\s+(?:go\s+)?(?:past|above|over|"
    r"beyond|higher than|more than)\b|\b(?:max(?:imum)?|caps?|capped|ceiling|limit|tops? out|"
    r"at most|hard stop)\b"
)
# A short answer to a trade-off's question ("my base is 140k", "raises of 3%") completes it.
TRADEOFF_REPLY_WORDS = 12
# Intents answered by a composed playbook topic; "raise" is the talk with one's own manager.
ADVICE_INTENTS = {"advice", "raise"}
# Words of a raise or a promotion at one's own employer: a pay or advice question that
# names them, and no offer, is the raise talk ("I'm at 120k, is that under market for my
# review?").
RAISE_WORDS = re.compile(
    r"(?i)\b(?:raises?|promo|promot\w*|(?:pay )?bump(?:ed)?|underpaid|(?:under|below) market|"
    r"merit (?:increases?|raises?|budget|pool)|(?:annual|performance|perf|mid-?year) review|"
    r"review (?:cycle|season|time)|at (?:my )?review|calibration|1:1|one on one|"
    r"(?:my|our) review (?:is|comes|coming|next|in \d)|"
    r"(?:for|at|before|until|after) (?:the|my|our|next) (?:\w+ )?review|"
    r"salary (?:freeze|increase)|freeze|frozen|comp (?:conversation|convo|discussion|review)|"
    r"(?:frame|argue|defend|justify) my (?:value|worth|pay|raise)|pitch a raise|"
    r"how much more (?:should|could|can|do) i|"
    r"title (?:or|and|&) (?:the )?(?:pay|money|comp)|"
    r"(?:pay|money|comp) (?:or|and|&) (?:the )?title|"
    r"top of (?:the|my) (?:band|range)|"
    r"my (?:employer|company|leadership) (?:thinks|says|said|believes|claims)|my case|"
    r"my (?:boss|manager|mgr|director|skip)|"
    r"(?:makes?|making|earns?|earning|gets? paid|getting paid|is paid|paid) more than (?:me|i do)|"
    r"pay compression)\b|\bask(?:ing)? for \d+ ?%"
)
# Words of a new job, not one's own employer: a question with them is not the raise talk.
# "his offer letter", "her offer": someone else's, told in a raise talk, not a new job's.
NEW_JOB_WORDS = re.compile(
    r"(?i)\b(?<!\bhis )(?<!\bher )(?<!\btheir )(?:offers?|recruiter|hiring manager|interview\w*)\b"
)
# What a raise question says beyond its topic hit (composers.RaiseCues).
ASKS_THE_NUMBER = re.compile(
    r"(?i)\bhow much\b|\b(?:am i|if (?:i'?m|im|i am)) underpaid\b|\bunderpaid\s*\?"
    r"|\b(?:under|below|above|over) market\b|\bmarket rate\b"
    r"|\bwhat(?:'s| is| should be)? my (?:number|ask)\b|\bhow far\b|\bpaid fairly\b"
    r"|\b(?:ask|asking) for \d+ ?%|\bhow big\b"
)
BASE_FROZEN = re.compile(
    r"(?i)\bfreeze\b|\bfrozen\b|\bno raises\b|\bhands are tied\b"
    r"|\bbudget (?:is |was )?(?:closed|fixed|locked|gone)\b"
    r"|\bmerit (?:budget|pool) (?:is |was )?(?:closed|gone|spent|zero)\b"
    r"|\bother forms of recognition\b"
    r"|\bcan'?t (?:raise|increase|move) (?:my )?(?:base|salary|pay)\b"
)
NOT_YET = re.compile(
    r"(?i)\brevisit\b|\bnext (?:review|cycle|quarter)\b|\btop of (?:the|my|our) (?:band|range)\b"
    r"|\bnot (?:now|yet|this (?:year|cycle))\b|\bsa(?:y|ys|id) no\b|\brefuse[sd]?\b"
    r"|\bturn(?:s|ed)? (?:me |it )?down\b|\bdodg\w+"
    r"|\bkeeps? (?:pushing|putting|delaying)\b|\bsmaller raise\b|\bmore scope\b"
)
PROMOTION = re.compile(
    r"(?i)\bpromo\b|\bpromot\w*|\btitle\b|\blevel(?:l?ed)? up\b|\bnext level\b"
    r"|\b(?:team|tech) lead\b|\bsenior manager\b|\bgroup pm\b|\bleading\b|\bmentoring\b"
)
# The question brings up AI or the tools' productivity: only then do the productivity
# reframes answer a raise talk (a hit on "keep it factual" alone is not that argument).
# AI named outright, or the argument's own shape ("AI/the tools make everyone faster");
# not "productive", "automated" or "tools" alone, which is how people describe their own
# good work ("I automated our deploys", "I built internal tools").
NAMES_AI = re.compile(
    r"(?i)\b(?:ai|genai|llms?|gpt\w*|chatgpt|copilots?|claude code|cursor ai|chatbots?"
    r"|artificial intelligence|machine learning|ml models?)\b|\ba\.i\.(?!\w)"
    r"|\b(?:tools?|automation)\b[^.?!]{0,40}\b(?:makes?|making|made|means?)\b[^.?!]{0,30}"
    r"\b(?:productive|faster|fewer|cheaper|less)\b"
    r"|\beveryone(?:'s| is) (?:more )?(?:productive|faster)\b"
)
# Someone at the person's own company is paid more for the same work (a new hire, a
# peer): pay compression, which the raise answer turns into the market gap. Someone else
# is named first: "I'd be paid more than I do now" is a new job, not this.
_SOMEONE = (
    r"(?:new hires?|new guy|new girl|new person|hire|colleague|coworker|co-worker|peer|"
    r"teammate|junior|someone|somebody|he|she|they|guy|girl|person|people)"
)
_MORE = r"(?:\$?\d[\d,.]*k? |way |much |a lot |more |)more than (?:me|i do|i am|i'm|us)\b"
# Their pay, told as a figure ("a new hire ... is getting 155k"): theirs, not the person's.
_THEIR_PAY = (
    rf"(?:\b{_SOMEONE}\b[^.?!]{{0,60}}?\b(?:is getting|gets|got|is making|makes|made|earns|"
    r"is earning|is on|is at|is paid|was paid|was hired at|came in at|started at|"
    r"was offered|got offered)"
    # "he's at 172k", "hes at", "she's getting": the verb run into its subject.
    rf"|\b{_SOMEONE}(?:'s|\u2019s|s) (?:at|on|getting|making|earning|paid|pulling))"
    r"\s+(?:like |about |around |almost |over |~)?\$?"
)
THEIR_PAY_BEFORE = re.compile(rf"(?i){_THEIR_PAY}$")
PAID_MORE = re.compile(
    rf"(?i){_THEIR_PAY}\d"
    rf"|\b{_SOMEONE}\b[^.?!]{{0,60}}?\b(?:makes?|making|made|earns?|earning|gets?|got|"
    rf"getting|is paid|are paid|was paid|paid) {_MORE}"
    rf"|\bpay(?:s|ing)? (?:the |a |our )?{_SOMEONE} {_MORE}"
    r"|\bpay compression\b|\bhired (?:in )?(?:above|over|at more than) (?:me|us)\b"
)
# The person's own piece of work, told in the first person ("I automated half our
# reporting this year"): the clause, up to where the question about it starts. Verbs of
# doing something: not "made" ("I made a mistake"), nor "run the risk".
_DID = (
    r"(?:automated|built|shipped|launched|led|saved|cut|reduced|grew|increased|doubled|"
    r"halved|delivered|migrated|rebuilt|designed|created|wrote|set up|mentored|trained|"
    r"closed|drove|owned|improved|fixed|took over|rolled out|streamlined|implemented|"
    r"onboarded|negotiated|brought in|won|landed|scaled|replaced|sped up|eliminated|"
    r"caught|flagged|prevented|resolved|generated|own|maintain|"
    r"r[au]n(?= (?:the|our|a|an|all|every)\b)(?! (?:the|a) risk))\b(?!['’])"
)
# What "my ..." may be when it did the work: the person's own piece of work, not a person.
_MY_WORK = (
    r"(?:model|pipeline|project|dashboard|tool|feature|script|service|system|analysis|"
    r"experiment|automation|migration|launch|fix|change|design|code|pr|campaign|process|"
    r"report|workflow|bot|integration|test|eval|playbook|program)s?"
)
OWN_WORK = re.compile(
    r"(?i)\b(?:(?:i|we)(?:'ve| have)? (?:just |also |recently |single-handedly |basically )?"
    + _DID
    + r"|my (?:[\w-]+ ){0,2}?"
    + _MY_WORK
    + r" (?:[\w-]+ )?"
    + _DID
    + r")(?:[^.?!;:]|(?<=\d)\.(?=\d))*"
)
# Where a question about the work starts inside its clause (", does that help my case?",
# ", would my manager care?", ", thoughts?").
OWN_WORK_END = re.compile(
    r"(?i)\s*(?:,|\s-|—|–)\s*(?:and |so |but |or )?(?:would|will|does|do|did|is|are|was|"
    r"can|could|should|how|what|why|thoughts|any|right|ok|okay|yes)\b.*$"
    r"|\s*\b(?:(?:and |so |but )?(?:does|do|would|will|could|can|should|is|are)"
    r" (?:that|this|it|these|those|any of (?:that|this))\b|how (?:do|should|can) i\b|"
    r"is (?:that|this) (?:enough|worth)).*$"
)
OWN_WORK_WORDS = (3, 24)
# A raise question asking whether a piece of work counts, or what does: the evidence.
EVIDENCE_ASK = re.compile(
    r"(?i)\b(?:help|strengthen|support|back up|boost|build) (?:my|the|a) (?:case|ask|argument)"
    r"|\bcounts? (?:as|for) (?:evidence|proof|an? (?:achievement|win|accomplishment))"
    r"|\bwhat (?:counts|evidence|proof|outcomes|results|achievements|accomplishments|wins"
    r"|examples)\b"
    r"|\bworth (?:mentioning|bringing up|raising|highlighting)\b"
    r"|\bhow (?:do|should|can|would)? ?i (?:show|prove|quantify|measure)\b"
    r"|\b(?:into|as|put) a number\b|\bactually caused\b|\bmake (?:it|that|this) stronger\b"
    r"|\blead with (?:that|this|it)\b|\bas (?:evidence|proof)\b|\bwhat (?:should|do) i bring\b"
)
# A yes-or-no question about a piece of work the person just told, without a "?"
# ("is that raise material or just doing my job").
ASKS_ABOUT_IT = re.compile(
    r"(?i)\b(?:is|does|would|will|could|can|should|do|are) (?:that|this|it|these|those|any of"
    r" (?:that|this))\b|\bthoughts\b|\bmatters?\b"
)
# A reply to the raise talk's question for a fact ("120k", "data engineer in Chicago",
# "and remote?"): this many words at most.
RAISE_REPLY_WORDS = 12
# Words just before or after an amount that make it money the work moved, not pay ("cut
# our bill by like 30k a year", "brought in $2M", "30k in savings").
WORK_MONEY_BEFORE = re.compile(
    r"(?i)\b(?:by|saved?|saves|saving|cut|bill|costs?|revenue|budget|spend|worth|generated|"
    r"brought in|pipeline|arr|deal|contract|funding|raised|grant)\b(?:\s+\S+){0,2}?\s*"
    r"(?:like |about |around |over |almost |~)?\$?$"
)
WORK_MONEY_AFTER = re.compile(
    r"(?i)^\s*(?:a year |per year |annually |a month )?(?:in |of )?(?:savings|revenue|arr|"
    r"mrr|costs?|spend|pipeline|deals?|sales)\b"
)
# Words just before or after an amount that make it the pay today ("currently $130K",
# "base is 118k", "114k a year").
PAY_BEFORE = re.compile(
    r"(?i)\b(?:currently|base(?: is| of)?|making|make|earn(?:ing)?|paid|salary(?: is)?|at|on)"
    r"\s*[:\-]?\s*\$?$"
)
PAY_AFTER = re.compile(r"(?i)^\s*(?:a year|/ ?y(?:ea)?r|per year|annually|base|salary)\b")
# Money a raise talk's message names that is a target, not the pay today ("ask for 150k").
TARGET_CUE = re.compile(
    r"(?i)\b(?:ask(?:ing)? for|want(?:ing)?|target(?:ing)?|to|up to|raise of|bump of|"
    r"increase of|offer(?:ed|s)?|get|at least)\s+(?:a |an |about |around |~)?\$?$"
)
MIN_BASE, MAX_BASE = 30_000, 2_000_000
NO_CUES = composers.RaiseCues()
# Below this, a "raise" reading of a message with no word of a raise is doubted.
SURE_RAISE = 0.4


@dataclass(frozen=True)
class Understanding:
    intent: str
    slots: Slots
    text: str
    classification: Classification
    query: str = ""  # what to search the playbook for, when it is the message itself
    tradeoff: str = ""  # the trade-off question to price, with any answer to what it asked
    change: str = ""  # what a what-if follow-up changed in the offer ("base: 185k → 190k")
    question: str = ""  # a question asked beside an offer ("…should I mention my other offer?")
    continues: bool = False  # a short reply to the last advice ("and if they insist?")
    cues: composers.RaiseCues = NO_CUES  # what a raise question says
    # The offers a comparison follow-up compares: said earlier in the thread, one of them
    # perhaps in this message ("also have a series B offer: … which one is better?").
    offers: tuple[str, ...] = ()
    # The thread's other offer a counter is to match or beat ("counter the startup so it
    # matches A"): compared with the offer countered, so the answer says what closes the gap.
    rival: str = ""
    # A counter against the rival that asks what sign-on would close the gap ("what sign-on
    # would cover the rest?"): that sign-on leads the answer (writer.SIGN_ON_*; "": not asked).
    sign_on_gap: str = ""
    # Offers weighed with private equity after the liquidity haircut, as asked ("if I count
    # the startup's stock at half"): the gap to close, or the difference, on that basis.
    at_haircut: bool = False
    # ...at a haircut the person named ("with a 30% haircut"); None: the coach's own.
    haircut_percent: float | None = None
    # The years after the first asked about, right after the year-one total ("and every yr
    # after that?"): their totals lead the answer.
    later_years: bool = False


def _slots_or_none(text: str, classification: Classification) -> Slots:
    """Slots need the market tables; if they can't be read, advice still works."""
    try:
        return read_slots(text)
    except CoachError:
        if classification.intent in {
            "advice",
            "greeting",
            "off_topic",
            "out_of_scope",
            "ambiguous",
        }:
            return Slots()
        raise  # a pay or offer question must say the data is broken, not guess


def understand(messages: Sequence[BaseMessage], classifier: IntentClassifier) -> Understanding:
    texts = human_texts(messages)
    text = texts[-1] if texts else ""
    said = heard(text)  # misspellings read as meant: what the intent is judged on
    classification = classifier.classify(said)
    current = _slots_or_none(text, classification)
    carried = Slots()
    topic: str | None = None  # the effective intent of the previous message
    tradeoff = ""  # the last trade-off question, with the answers given to it since
    asked = ""  # the last advice question: a fact given after it ("I'm a data scientist")
    recent = len(texts) - 1 - TOPIC_LOOKBACK
    moved_before = False  # the message before moved the stock's price (a what-if)
    for index, earlier in enumerate(texts[:-1]):
        topic_before = topic
        if index >= recent:  # slots from every message; topics only from the last few
            earlier_said = heard(earlier)
            earlier_class = classifier.classify(earlier_said)
            found = _slots_or_none(earlier, earlier_class)
            intent = _effective_intent(earlier_said, earlier_class, found, topic, carried)
            replied = topic == "raise" and _gives_raise_facts(earlier, found, earlier_class)
            if replied or _weighs_work_for_the_raise(earlier_said, intent, topic):
                intent = "raise"  # the fact the raise answer asked for, or work weighed for it
            if intent == "raise":
                found = _base_in_raise(earlier, found, carried.current_base)
            topic, tradeoff = _tradeoff_turn(earlier, found, intent, topic, tradeoff)
            # A raise question naming its facts ("senior SWE in Austin, how much of a raise?")
            # is a question, however short: a later fact given carries it on.
            followed = replied or (
                topic != "raise" and _is_follow_up(earlier, found, earlier_class)
            )
            if topic in ADVICE_INTENTS and not followed:
                asked = earlier
        else:
            found = _slots_or_none(earlier, classification)
        # Only a follow-up to one offer scored (two are compared, not changed in place).
        on_one_offer = (
            index >= recent
            and topic_before in {"offer_score", "counter"}
            and bool(carried.offer_text)
            and len(split_offers(carried.offer_text or "")) < 2
        )
        # "it" in a move is the stock when the what-if just before moved the stock
        moves = stock_named(earlier, moved_before)
        changed = _what_if(moves or earlier, found, topic_before, carried) if on_one_offer else None
        moved_before = changed is not None and moved_the_stock(changed.said)
        fixed = _thread_corrected(earlier, carried) if index >= recent else None
        if changed is not None or fixed is not None:
            topic = topic_before  # "what if it were 160k?" was that offer again: it goes on
        if fixed is not None:
            # "sorry, B's base is 170k not 165k": that one of the thread's offers, as corrected
            found = Slots(**{**found.__dict__, "offer_text": fixed})
        elif changed is not None and corrects(earlier):
            # A correction ("the valuation was 80M not 60M", not a what-if, which stays a
            # question): the offer as corrected is the one later turns work on.
            found = Slots(**{**found.__dict__, "offer_text": changed.text})
        elif (
            changed is None  # a what-if naming two parts is a question, not a new offer
            and states_an_offer(earlier, found)
            and not _asks_about_one_part(earlier)
        ):
            found = Slots(**{**found.__dict__, "offer_text": earlier})
        carried = found.merged_over(carried)
    intent = _effective_intent(said, classification, current, topic, carried)
    # "yr1 tc?" then "and every yr after that?": the offer's totals again, the later years
    later_years = len(texts) >= 2 and bool(carried.offer_text)
    later_years = later_years and asks_later_years(said, heard(texts[-2]), topic)
    if later_years:
        intent = "offer_score"
    raise_reply = topic == "raise" and _gives_raise_facts(text, current, classification)
    if raise_reply or (topic == "raise" and intent == "advice" and _is_short_reply(text, current)):
        intent = "raise"  # a fact it asked for, or "and if they say no?": the talk goes on
    if _weighs_work_for_the_raise(said, intent, topic):
        intent = "raise"  # "I cut our cloud bill 30%, does that count?": evidence for it
    if (
        topic in ADVICE_INTENTS
        and intent in {"off_topic", "greeting"}
        and classification.confidence < SURE_SMALL_TALK
        and (LEANS_ON_THE_LAST.match(text.strip()) or _asks_about_it(text))
        and _is_short_reply(text, current)
    ):
        # "ok so how do I put them side by side", "how can i tell whether thats generous":
        # on the last answer
        intent = topic
    if intent == "raise":
        current = _base_in_raise(text, current, carried.current_base)
    slots = current.merged_over(carried)
    intent, tradeoff = _tradeoff_turn(text, current, intent, topic, tradeoff)
    asks_which_number = False
    if intent == "targets" and not _target_calls(
        Understanding(intent, slots, text, classification)
    ):
        intent = "advice"  # nothing to compute with: the playbook on how to set them
        asks_which_number = ASKS_WHICH_NUMBER.search(said) is not None
    if intent not in {"offer_score", "counter", "compare", "raise"} and unknown_job(text):
        # "whats the pay for a registered nurse in ohio": a pay question about a job the
        # data doesn't cover, however the classifier placed it: the lookup says so.
        intent = "salary"
    if intent == "salary" and not slots.role and not (slots.level or slots.location):
        # "Do AI jobs in fintech pay more?", "how much should I ask for?": answered from the
        # playbook, whose topic asks for the role in one line when its figures need it. A
        # level or a place named ("a senior astronaut in Houston") is a lookup missing its
        # role: that one fact is asked for.
        intent = "advice"
    change = ""
    rival = ""
    several = split_offers(carried.offer_text) if carried.offer_text else []
    several = several if len(several) >= 2 else []
    builds_on = ON_THE_LAST_WHAT_IF.search(said) and not BACK_TO_THE_OFFERS.search(said)
    last = _last_what_if(messages, classifier) if builds_on else None
    meant = ""  # the offer a chained what-if naming none is to: the one the last one changed
    chained = ""  # the last what-if's changes, which this message's answer is built on
    if last is not None and several and len(last.offers) == len(several):
        chained = last.change
        moved = [new for old, new in zip(several, last.offers, strict=True) if old != new]
        several, meant = list(last.offers), moved[0] if len(moved) == 1 else ""
        carried = Slots(**{**carried.__dict__, "offer_text": "\n".join(several)})
        slots = Slots(**{**slots.__dict__, "offer_text": carried.offer_text})
    elif last is not None and not several and not last.offers and last.slots.offer_text:
        chained = last.change
        carried = Slots(**{**carried.__dict__, "offer_text": last.slots.offer_text})
        slots = Slots(**{**slots.__dict__, "offer_text": last.slots.offer_text})
    offers: tuple[str, ...] = ()
    # "what if A was 210k and B was 205k": each offer changed, before one offer named is
    # read as changed twice
    each = _what_if_each(text, current, several)
    # "intuit caps base at 180k. what sign on covers the rest": the base's ceiling, for the
    # sign-on that closes the gap, never a what-if putting the sign-on at 180k
    sign_on_gap = bool(SIGN_ON_NAMED.search(said) and ASKS_SIGN_ON_TO_CLOSE.search(said))
    ceiling_asked = sign_on_gap and BASE_CEILING.search(said) is not None
    # "and if instead it goes up 25%" after a what-if that moved the stock: "it" is the stock
    moves = stock_named(text, moved_before=True)
    if moves is not None and stock_named(text, moved_before=False) is None:
        previous = last if last is not None else _last_what_if(messages, classifier)
        moves = moves if previous is not None and moved_the_stock(previous.change) else None
    what_if = (
        _what_if(moves or text, current, topic, carried, several, meant)
        if each is None and not ceiling_asked
        else None
    )
    if what_if is not None:
        change = what_if.said
    # Readings a counter of one of the thread's offers is mistaken for ("…to get level with
    # airbnb" reads as a raise, "say i want apple to match…" as the number to ask for).
    unplaced = intent in {
        "advice",
        "ambiguous",
        "off_topic",
        "compare",
        "raise",
        "targets",
        "salary",  # "…what base would they need to beat airbnb" reads as a pay question
    }
    asks_counter = bool(
        (COUNTER_ASK.search(said) and intent != "compare") or ASKS_TO_MATCH.search(said)
    )
    changes = what_if is not None or each is not None
    if several and unplaced and asks_counter and not changes and _offer_named(several, text, True):
        intent = "counter"  # "how do i counter the startup to match A?": that offer's counter
    if each is not None:
        # "what if offer 1 was 170k and offer 2 was 155k?": each offer changed, compared again
        intent, offers, change = "compare", tuple(each[0]), "; ".join(each[1])
    elif what_if is not None and several:
        # "what if the startup bumped base to 200k, would that flip it?": that offer changed,
        # compared again with the other.
        named = _offer_meant(several, text) or meant
        intent = "compare"
        offers = tuple(what_if.text if part == named else part for part in several)
        change = f"offer {several.index(named) + 1} {what_if.said}"  # as the table names it
    elif what_if is not None:  # "what if it were 190k?": the offer again, with that figure
        # (after an answer on one part, "what if they tripled the options": the offer scored)
        intent = topic if topic in OFFER_TOPICS else "offer_score"
        slots = Slots(**{**slots.__dict__, "offer_text": what_if.text})
    elif intent == "counter" and len(own := split_offers(text)) >= 2:
        # "A: 180k base… B: 170k base… how do I counter A?": the offer the question names,
        # weighed against the other; with none named, the two compared
        asked = _question_about(text)
        parts = [part.replace(asked, "").strip(" ,;.") for part in own] if asked else own
        named = _offer_named(parts, asked, first=True) if asked else ""
        if named:
            slots = Slots(**{**slots.__dict__, "offer_text": named})
            rival = _rival(parts, named, asked)
        else:
            intent, offers = "compare", tuple(parts)
    elif intent in {"offer_score", "counter"}:
        stated = states_an_offer(text, current) or _names_offered_money(current, text)
        offer_text = text if stated else carried.offer_text
        if not stated and several:
            # The thread's offers are two ("…counter the bank so it beats the startup?"): the
            # one the message names (first); with none named, both compared (or the part of
            # a package it names answered), never one offer read from the two.
            offer_text, rival = _countered_and_rival(several, text)
            figure = bool(current.amounts) or "%" in text
            if not offer_text and (intent == "counter" or composers.named_topic(said) or figure):
                # "is a 10% bonus good?", "what do I counter with for each one?": the advice
                # on that (a figure of its own, a part named), of neither offer in particular
                intent = "advice"
            elif not offer_text:
                intent, offers = "compare", tuple(several)
        slots = Slots(**{**slots.__dict__, "offer_text": offer_text})
    if several and slots.offer_text == carried.offer_text:
        # An advice topic's figures come from one offer: the one named, else none.
        slots = Slots(**{**slots.__dict__, "offer_text": _offer_named(several, text, first=True)})
    offers = offers or _offers_to_compare(texts, said, current, intent)
    if offers and chained and not changes:
        # "so which one comes out ahead now": the offers as the last what-if left them
        offers = tuple(several)
    if offers:
        intent = "compare"
    elif intent == "compare" and not ASKS_COMPARISON.search(said) and len(split_offers(text)) < 2:
        # A weak "compare" reading with nothing to compare ("wait so what's the equity worth
        # per year" about the one offer given): the playbook on what it asks.
        intent = "advice"
    haircut_said = _haircut_said(said)
    at_haircut = haircut_said is not None
    ceiling = False  # the base was said to go no higher: a sign-on is the rest, not a base
    if sign_on_gap and not (intent == "counter" and rival):
        # "realistically they won't go past 200k base, what sign-on would cover the rest?"
        # after a counter against the other offer: that counter again, at that base, with
        # the sign-on that closes the gap first.
        last_turn = _last_understood(messages, classifier)
        if last_turn is not None and last_turn.intent == "counter" and last_turn.rival:
            countered = last_turn.slots.offer_text or ""
            capped = _at_base_ceiling(countered, text)
            if capped is not None:
                countered, change = capped.text, f"{capped.said} (the most they will pay)"
                ceiling = True
            intent, rival, offers = "counter", last_turn.rival, ()
            if not at_haircut:  # on the basis it was asked on
                at_haircut, haircut_said = last_turn.at_haircut, last_turn.haircut_percent
            slots = Slots(**{**slots.__dict__, "offer_text": countered})
    # "how much would it cost me to exercise all of them": a part of a package named is never
    # off-topic (out of scope only with a word of law, tax or visas in it).
    named_part = composers.named_topic(said) is not None
    if named_part and (
        intent == "off_topic" or (intent == "out_of_scope" and not LEGAL_WORDS.search(said))
    ):
        intent = "advice"
    query = said  # searched as meant ("evalute my ofer"); the answer quotes the words
    if asks_which_number:
        # "how much should I ask for?" with no role yet: how to set the number, whose
        # answer asks for the role ("how much" alone also finds the raise sections).
        query = ADVICE_QUERIES["targets"]
    elif intent == "advice" and composers.asks_next_step(COUNTER_TOPIC, said):
        # "what % above the offer is normal to counter with?": the counter's section, whose
        # topic then sizes it; the words alone find the first-offer mistake.
        query = f"{ADVICE_QUERIES['counter']}: {said}"
    elif (
        intent == "advice" and composers.named_topic(said) is not None and not COMPARES.search(said)
    ):
        # "ok so is that real money or just paper??": its part's section searched for with
        # it, which the other words ("what could go wrong") need not bring at all
        query = f"{composers.topic_heading(composers.named_topic(said) or '')}: {said}"
    continues = (
        intent in ADVICE_INTENTS
        and topic == intent
        and not raise_reply
        and _is_short_reply(text, current)
    )
    if continues:
        # "what if they insist?" means nothing on its own; in a raise talk, with the raise
        # question (the message before may only have given a fact: "140k").
        before = asked if intent == "raise" and asked else texts[-2]
        query = f"{before} {text}"
        if COMPARES.search(text):  # "ok so how do I put them side by side": the comparison
            query = f"{ADVICE_QUERIES['compare']}: {query}"
    elif raise_reply and asked:
        # "data engineer in Chicago, 120k" after the raise answer asked for them: that
        # answer again, now with the market gap worked out.
        query = asked
    elif (
        topic == "advice"
        and asked
        and _is_follow_up(text, current, classification)
        and not (classification.intent == "salary" and MARKET_ASK.search(said))
        and composers.named_topic(said) is None
    ):
        # "I'm a data scientist in Chicago" after an advice answer that asked for the role:
        # that answer again, now with the person's own figures. A pay question of its own
        # ("what does a data scientist in Seattle make?") is asked, not a fact given, and
        # so is one naming a part of the package ("the remote part": not a place).
        intent, query = "advice", asked
    cues = raise_cues(heard(query) if query != said else said)
    if intent == "greeting" and len(texts) > 1 and THANKS.match(text):
        intent = "thanks"
    if _needs_clarifying(text, intent, classification, slots):
        intent = "clarify"
    elif intent == "ambiguous":
        intent = "advice"  # long enough to search: the playbook section it is closest to
    question = side_question(said) if intent in {"offer_score", "counter", "compare"} else ""
    if chained:
        change = f"{chained}; then {change}" if change else chained
    return Understanding(
        intent,
        slots,
        text,
        classification,
        query,
        tradeoff,
        change,
        question,
        continues,
        cues,
        offers,
        rival if intent == "counter" else "",
        (writer.SIGN_ON_AT_CEILING if ceiling else writer.SIGN_ON_ASKED)
        if sign_on_gap and intent == "counter" and rival
        else "",
        at_haircut,
        haircut_said if haircut_said != DEFAULT_HAIRCUT_PERCENT else None,
        later_years,
    )


def _compare_args(offers: Sequence[str], u: Understanding) -> dict[str, Any]:
    """The comparison's arguments: the offers, and the haircut the person named, if any."""
    args: dict[str, Any] = {"offers": list(offers)}
    if u.haircut_percent is not None:
        args["haircut_percent"] = u.haircut_percent
    return args


def _haircut_said(said: str) -> float | None:
    """The haircut a message asks private equity to be counted after, in percent: 50 for
    "at half", 30 for "with a 30% haircut", 30 for "count the equity at 70%"; None when it
    asks none (or halves a part that is no stock: "cut the sign-on by half")."""
    if _BY_HALF.search(said) and not _STOCK_WORDS.search(said):
        return None  # "cut the sign-on by half": a part halved, no stock counted
    of = _HAIRCUT_OF.search(said)
    if of:
        return float(of.group(1) or of.group(2))
    counted = _COUNTED_AT.search(said)
    if counted and float(counted.group(1)) <= 100:
        return 100 - float(counted.group(1))
    return DEFAULT_HAIRCUT_PERCENT if COUNTS_AT_HAIRCUT.search(said) else None


def _countered_and_rival(offers: Sequence[str], text: str) -> tuple[str, str]:
    """The offer a counter is for and the one it is to match, of the thread's offers: of
    two, the one named after the match words is the rival ("counting the startup stock at
    half, what base would they need to beat airbnb": the startup is countered); else the
    offer named first outside the haircut's clause ("if i count the startup equity at
    half, what would msft need to match it": microsoft), then its rival. ("", "") when
    none is named."""
    reach = MATCH_OTHER.search(text)
    after = _offer_named(offers, text[reach.start() :], first=True) if reach else ""
    if after and len(offers) == 2:
        return next(o for o in offers if o is not after), after
    asking = _without_haircut_clause(text)
    countered = _offer_named(offers, asking, first=True)
    return countered, _rival(offers, countered, heard(asking)) if countered else ""


def _without_haircut_clause(text: str) -> str:
    """``text`` without its clause counting private equity at half ("if i count the startup
    equity at half, what would msft need to match it" -> "what would msft need to match
    it"), when another clause is left; else ``text``."""
    clauses = re.split(r"(?<=[,;.?!])\s+", text)
    kept = [c for c in clauses if not COUNTS_AT_HAIRCUT.search(c)]
    return " ".join(kept) if kept and len(kept) < len(clauses) else text


def _last_understood(
    messages: Sequence[BaseMessage], classifier: IntentClassifier
) -> Understanding | None:
    """How the person's message before this one was read, or None when there is none."""
    last = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    earlier = any(isinstance(m, HumanMessage) for m in messages[:last])
    return understand(messages[:last], classifier) if earlier else None


def _last_what_if(
    messages: Sequence[BaseMessage], classifier: IntentClassifier
) -> Understanding | None:
    """The last message's reading when it was a what-if (its offers as it changed them), or
    None."""
    before = _last_understood(messages, classifier)
    return before if before is not None and before.change else None


def _at_base_ceiling(offer_text: str, text: str) -> ChangedOffer | None:
    """The offer at the base a ceiling names ("they won't go past 200k base"), or None when
    ``text`` names no ceiling, or several figures, or the base it has."""
    if not BASE_CEILING.search(text):
        return None
    figures = [a for a in find_amounts(text) if a.explicit and MIN_SALARY <= a.value <= MAX_SALARY]
    if len(figures) != 1:
        return None
    return offer_with_change(offer_text, f"base {figures[0].text}")


def _offers_to_compare(
    texts: Sequence[str], said: str, current: Slots, intent: str
) -> tuple[str, ...]:
    """The two offers a follow-up asks to compare ("put them side by side", "what's the
    yearly difference between them?", "also have a B offer: 195k… which one is better?"):
    the last two the thread stated, this message's own offer last. None when the message
    asks no comparison, states two offers itself (compared as they stand), weighs a trade-off
    ("more base or more equity?"), or the thread has fewer than two offers."""
    if intent in {"tradeoff", "greeting", "thanks"} or not ASKS_COMPARISON.search(said):
        return ()
    if PARTS_WEIGHED.search(said) or NOT_A_COMPARISON.search(said):
        return ()
    text = texts[-1] if texts else ""
    if len(split_offers(text)) >= 2:
        return ()
    stated: list[str] = []
    for earlier in texts[-1 - OFFERS_LOOKBACK : -1]:  # the offers of the last few turns
        several = split_offers(earlier)
        fixed = _corrected(stated, earlier) if len(stated) >= 2 else None
        if len(several) >= 2:
            stated = several  # a comparison's offers replace what came before
        elif fixed is not None:
            stated = fixed  # the one offer a correction names, corrected
        elif states_an_offer(earlier, read_slots(earlier)) and not _asks_about_one_part(earlier):
            if stated and corrects(earlier):
                stated[-1] = earlier  # the last offer, corrected
            else:
                stated.append(earlier)
    own = [text] if states_an_offer(text, current) else []
    if own and stated and corrects(text):
        stated = stated[:-1]  # this message corrects the last offer: it is not a second one
    offers = [o for o in stated if o not in own][-(2 - len(own)) :] + own
    return tuple(offers) if len(offers) == 2 else ()


def raise_cues(text: str) -> composers.RaiseCues:
    """What a raise question asks beyond its topic: the number, a freeze, a "not yet", a
    promotion, the AI-productivity argument."""
    return composers.RaiseCues(
        number=bool(ASKS_THE_NUMBER.search(text)),
        frozen=bool(BASE_FROZEN.search(text)),
        not_yet=bool(NOT_YET.search(text)),
        promotion=bool(PROMOTION.search(text)),
        ai=bool(NAMES_AI.search(text)),
        evidence=asks_if_it_counts(text),
        paid_more=bool(PAID_MORE.search(text)),
        own_work=own_work(text),
    )


def asks_if_it_counts(text: str) -> bool:
    """Whether a piece of work counts for the raise, or what does: asked outright, or the
    person's own work told with a question ("I automated our reporting, thoughts?"). A
    question for the number ("I built X, how much should I ask?") or one bringing up AI
    ("my boss says AI makes us faster, what data do I bring?") has its own answer, which
    says the person's work back too."""
    if ASKS_THE_NUMBER.search(text) or NAMES_AI.search(text):
        return False  # the number, or the AI argument, is what is asked: its own answer
    if EVIDENCE_ASK.search(text):
        return True
    asked = "?" in text or ASKS_ABOUT_IT.search(text)
    return bool(own_work(text)) and bool(asked)


def own_work(text: str) -> str:
    """The person's own piece of work as they told it ("I automated half our reporting
    this year"), without the question about it; "" when they told none."""
    found = OWN_WORK.search(text)
    if found is None:
        return ""
    clause = OWN_WORK_END.sub("", found.group(0)).strip(" ,-—–")
    low, high = OWN_WORK_WORDS
    if len(clause.split()) > high:  # a long story: its first part, up to a comma
        clause = clause.split(",", 1)[0].strip()
    if not low <= len(clause.split()) <= high:
        return ""
    return clause[0].upper() + clause[1:]


def corrects(text: str) -> bool:
    """A correction of a figure already given ("sorry, B's base is 170k not 165k"): never a
    what-if ("wait, what if…", a question that stays one) nor another offer brought in."""
    if not CORRECTS.search(text) or WHAT_IF_CUE.match(text):
        return False
    return _ANOTHER_OFFER.search(text) is None


def _what_if(
    text: str,
    current: Slots,
    topic: str | None,
    carried: Slots,
    several: Sequence[str] = (),
    meant: str = "",
) -> ChangedOffer | None:
    """A short follow-up to a scored offer that names one new figure for one of its parts;
    with two offers in the thread (``several``), for the one it names, else ``meant``."""
    # With two offers in the thread, a change naming one of them is about it, whatever the
    # last answer was ("what if the startup went to 190k?" after its counter).
    about_one = bool(several) and bool(_offer_meant(several, text) or meant)
    # "what if they tripled the options" after the answer on exercising them: a what-if
    # said as one is about the thread's offer, whatever the last answer was
    said_so = WHAT_IF_CUE.match(text) is not None
    if (topic not in OFFER_TOPICS and not about_one and not said_so) or not carried.offer_text:
        return None
    figure = current.amounts or "%" in text or says_a_factor(text)  # "doubled the rsus"
    if not figure and not SHARE_PRICE_WORDS.search(text):
        return None
    said_as_one = said_so or ON_THE_LAST_WHAT_IF.search(text)  # "on top of that…" too
    longest = WHAT_IF_ASKED_MAX_WORDS if said_as_one else WHAT_IF_MAX_WORDS
    # "sorry, B's base is actually 170k not 165k" names a base and figures, yet corrects
    # one of the thread's offers: it is no third offer.
    corrects_one = bool(several) and corrects(text)
    # "what if the base was 190k and sign on 25k?" names two parts, yet says it is a what-if
    stated = states_an_offer(text, current) and not corrects_one and not said_so
    if corrects_one:
        longest = WHAT_IF_ASKED_MAX_WORDS  # "wait, google's sign-on is 60k, not 40k. does…?"
    if stated or current.role or len(text.split()) > longest:
        return None  # a new offer, or a new question: not a change to the last one
    if several:
        named = _offer_meant(several, text) or meant
        return offer_with_change(named, text) if named else None
    if topic == "compare":
        return None
    return offer_with_change(carried.offer_text, text)


# The answers a what-if continues: an offer scored, countered or compared.
OFFER_TOPICS = {"offer_score", "counter", "compare"}


def _what_if_each(
    text: str, current: Slots, several: Sequence[str]
) -> tuple[list[str], list[str]] | None:
    """A what-if changing a figure of each of the thread's offers ("what if offer 1 was
    170k and offer 2 was 155k?"): (the offers changed, one change line each), or None
    unless every clause with a figure names one offer and changes it."""
    if len(several) < 2 or current.role or len(text.split()) > WHAT_IF_ASKED_MAX_WORDS:
        return None
    offers, changes = list(several), []
    for clause in _WHAT_IF_CLAUSE.split(text):
        if not find_amounts(clause) and "%" not in clause:
            continue
        named = _offer_named(several, clause)
        number = several.index(named) if named else -1
        changed = offer_with_change(offers[number], clause) if named else None
        if changed is None:
            return None
        offers[number] = changed.text
        changes.append(f"offer {number + 1} {changed.said}")
    return (offers, changes) if len(changes) >= 2 else None


# Where a what-if about two offers turns from one to the other.
_WHAT_IF_CLAUSE = re.compile(r"(?i);|,(?!\d{3}(?!\d))|\band\b|\bwhile\b|\bbut\b|\bwhereas\b")


def _corrected(offers: Sequence[str], text: str) -> list[str] | None:
    """The offers with the one a correction names changed ("sorry, B's base is actually
    170k not 165k"), or None when ``text`` corrects none of them."""
    if not corrects(text):
        return None
    named = _offer_meant(offers, text)
    changed = offer_with_change(named, text) if named else None
    if changed is None:
        return None
    return [changed.text if offer == named else offer for offer in offers]


def _thread_corrected(text: str, carried: Slots) -> str | None:
    """The thread's offers as one text again, one of them corrected by ``text``; None when
    the thread holds fewer than two offers or ``text`` corrects none."""
    whole = carried.offer_text or ""
    offers = split_offers(whole)
    fixed = _corrected(offers, text) if len(offers) >= 2 else None
    if fixed is None:
        return None
    for before, after in zip(offers, fixed, strict=True):
        whole = whole.replace(before, after, 1)
    return whole


def _offer_meant(offers: Sequence[str], text: str) -> str:
    """The one offer a change is to: the one named, else the one holding the figure it
    replaces; "" when neither tells."""
    return _offer_named(offers, text) or _offer_with_old_figure(offers, text)


def _rival(offers: Sequence[str], countered: str, text: str) -> str:
    """The offer a counter of ``countered`` is to match, named after the match words ("to
    match Meta"), else the other one when there are two; "" when none is asked for."""
    reach = MATCH_OTHER.search(text)
    if reach is None:
        return ""
    others = [o for i, o in enumerate(offers) if i != offers.index(countered)]
    return _offer_named(others, text[reach.start() :], first=True) or (
        others[0] if len(others) == 1 else ""
    )


def _question_about(text: str) -> str:
    """The last sentence of ``text`` that asks for a counter ("how do I counter A?"), or ""."""
    asks = [s for s in _SENTENCE.split(text.strip()) if COUNTER_ASK.search(s)]
    return asks[-1].strip() if asks else ""


def _offer_with_old_figure(offers: Sequence[str], text: str) -> str:
    """The one offer holding the figure a correction replaces ("the base is 170k not
    165k": the offer that says 165k), or ""."""
    old = _OLD_FIGURE.search(text)
    if old is None:
        return ""
    value = find_amounts(old.group(1))
    holding = [o for o in offers if value and value[0].value in {a.value for a in find_amounts(o)}]
    return holding[0] if len(holding) == 1 else ""


# The figure a correction replaces: "170k not 165k", "instead of 165k".
_OLD_FIGURE = re.compile(r"(?i)\b(?:not|instead of|rather than)\s+(\$?\d[\d,.]*\s*[km]?)")


def _offer_named(offers: Sequence[str], text: str, first: bool = False) -> str:
    """The one offer of several that ``text`` names by a word only it has ("the startup",
    "the bank", "offer B" → the second), or "" when it names none or, unless ``first``
    (then the one named first: "counter the bank so it beats the startup"), several."""
    words = [set(_NAMING_WORD.findall(offer.lower())) - _NOT_NAMING for offer in offers]
    said = [(m.start(), m.group(0)) for m in _NAMING_WORD.finditer(text.lower())]
    where: dict[int, int] = {}  # offer index -> where in the message a word of its own is
    for start, word in said:
        # "google", "googles stock", "jpm" for jpmorgan: a word of one offer's own alone
        named = [i for i, own in enumerate(words) if any(_names(word, w) for w in own)]
        if len(named) == 1 and named[0] not in where:
            where[named[0]] = start
    ordinal = _ORDINAL.search(text)
    index, mark = -1, len(text)
    if ordinal:
        letter = next(group for group in ordinal.groups() if group)
        index, mark = _ORDINALS.get(letter.lower(), 0) - 1, ordinal.start()
    if first and 0 <= index < len(offers):
        # "counter A to match the startup": whichever is named first, by letter or by word
        where[index] = min(where.get(index, mark), mark)
    if len(where) == 1 or (first and where):
        return offers[min(where, key=lambda i: where[i])]
    if ordinal:
        return offers[index] if 0 <= index < len(offers) else ""
    return ""


def _names(said: str, own: str) -> bool:
    """Whether a word of a message names an offer's word: the same, its plural or
    possessive said without the apostrophe ("googles"), a short name from the vocabulary
    ("msft"), or a ticker ("jpm", "rblx": a few letters, one vowel at most, in order in
    the name, never a common word like "the")."""
    if said == own or said == f"{own}s" or vocabulary.company_short_names().get(said) == own:
        return True
    return vocabulary.ticker_of(said, own)


# A word that can name an offer: a company, its kind, its place ("bank", "google", "startup").
_NAMING_WORD = re.compile(r"[a-z][a-z&-]{2,}")  # "the startup's" names the startup
_NOT_NAMING_WORDS = (
    "base bonus equity options option rsus rsu stock shares share strike preferred vest "
    "vesting years year cliff sign signing offer offers with and the for over total comp "
    "salary per month monthly annual target price each which better money wise what "
    "sign-on signon signing sign-ons valuation actually wait sorry"
)
_NOT_NAMING = frozenset(_NOT_NAMING_WORDS.split())
_ORDINALS = {
    **dict.fromkeys(("a", "1", "one", "first", "1st"), 1),
    **dict.fromkeys(("b", "2", "two", "second", "2nd"), 2),
}
_ORDINAL = re.compile(
    r"(?i)\b(?:offer|option)\s+([ab12]|one|two)\b|\bthe\s+(first|second|1st|2nd)\b"
    r"|(?<!\w)#\s?([12])\b"
    # "B's base", "what if B went to 180k": the letters the offers were marked with, as
    # capitals ("a" is a word; "A" opening a sentence may be one too: only mid-sentence).
    r"|(?-i:\b([AB])['’]s\b)|(?-i:(?<=\s)(?<![Ss]eries\s)(B)\b)|(?-i:(?<=[a-z,] )(?<!eries )(A)\b)"
)


_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")
_QUESTION_START = re.compile(
    r"(?i)^(?:should|how|what|when|why|can|could|do|does|is|are|would|will|which|who)\b"
)
# What an offer's own question asks: is it good, what to counter. Those the score and the
# counter answer; any other question beside an offer is answered as well.
_ABOUT_THE_OFFER = re.compile(
    r"(?i)\b(?:good|fair|decent|bad|low|lowball\w*|competitive|reasonable|worth|market|"
    r"think|thoughts|take it|accept|counter\w*|score|rate|compare|better|best|which|pick|choose)\b"
)


def side_question(text: str) -> str:
    """A question in an offer's message that is not about the offer's worth ("should I
    tell them about my other interview?"): answered beside the score, not dropped."""
    for sentence in _SENTENCE.split(text.strip()):
        sentence = sentence.strip()
        asks = sentence.endswith("?") or _QUESTION_START.match(sentence)
        if asks and len(sentence.split()) >= 4 and not _ABOUT_THE_OFFER.search(sentence):
            return sentence
    return ""


def _names_offered_money(current: Slots, text: str) -> bool:
    """Money that is neither the person's pay nor their floor: in a message the classifier
    reads as about an offer ("would 150k base be low for…?"), that money is the offer; so
    are parts of an offer written without "k" ("base 140, stock 30/yr")."""
    return bool(offered_amounts(text, current)) or names_offer_parts(text)


def _needs_clarifying(text: str, intent: str, classification: Classification, slots: Slots) -> bool:
    """Too vague to answer well ("help with my situation", "numbers?"): ask one question.

    Only a message the classifier can't place (or places as vague), that is short, and
    that names nothing the coach could look up or score; anything longer is answered
    from the playbook, since a specific question in unusual words still finds its section.
    """
    if intent != classification.intent or slots.has_market_slot or slots.amounts:
        return False  # the conversation or the facts already settled what it is
    if intent in {"greeting", "off_topic", "out_of_scope"}:
        return False
    words = len(text.split())
    if intent == "ambiguous" and classification.confidence >= SURELY_VAGUE:
        return words <= CLARIFY_MAX_WORDS
    unsure = intent == "ambiguous" or classification.confidence < CONFIDENCE_FLOOR
    return unsure and words <= FEW_WORDS


def _tradeoff_turn(
    text: str, current: Slots, intent: str, topic: str | None, last: str
) -> tuple[str, str]:
    """(intent, the trade-off question to price) for this message.

    A trade-off question is priced as asked; a short reply right after one that gives it
    a figure it lacked ("my base is 140k", "raises of 3%") is priced with it.
    """
    if intent == "tradeoff":
        return intent, text
    short = len(text.split()) <= TRADEOFF_REPLY_WORDS and not current.role
    if topic == "tradeoff" and last and short and completes_a_tradeoff(last, text):
        return "tradeoff", f"{last.rstrip()} {text}"
    return intent, ""


def _effective_intent(
    text: str, classification: Classification, current: Slots, topic: str | None, carried: Slots
) -> str:
    """The intent a message has in its conversation, not on its own."""
    intent: str = classification.intent
    unplaced = intent in {"off_topic", "greeting", "ambiguous"} and about_pay(text)
    if unplaced and (current.role or carried.role) and MARKET_ASK.search(text):
        intent = "salary"  # "whats market for me" once the role is known
    elif unplaced and intent == "off_topic":
        intent = "advice"  # "the bigest mistakes when negotating": the words are ours, misspelt
    doubtful = classification.confidence < SURE_SMALL_TALK and len(text.split()) > FEW_WORDS
    if intent == "greeting" and doubtful and about_pay(text):
        intent = "advice"  # "how can i make my ofers come in aroudn the same time"
    if intent == "out_of_scope" and not LEGAL_WORDS.search(text):
        intent = "advice"  # no law, tax or visa in it: a negotiation question after all
    offer_like = states_an_offer(text, current)
    if weighs_figures(text) or (not offer_like and asks_a_tradeoff(text)):
        # "a $30k sign-on or $10k more base?" weighs two ways, scores none; a full offer
        # with "should i push for more options or base?" is that offer scored, the question
        # answered beside it
        return "tradeoff"
    followed = _is_follow_up(text, current, classification) and topic in FOLLOW_UP_INTENTS
    if followed and topic is not None:
        intent = topic  # "senior level", then "in Chicago": both continue the salary question
        if topic == "salary" and ASKS_WHICH_NUMBER.search(text):
            intent = "targets"  # "what should I ask for if they level me at L5?": the ask
    if intent in {"salary", "off_topic", "ambiguous", "targets"} and offer_like:
        # "…preferred is 5. whats this worth and should i push for more options or base":
        # an offer stated is scored; its counter-proposal holds the number to ask for
        intent = "offer_score"
    several = len(split_offers(text)) >= 2 if offer_like or intent == "compare" else False
    if intent == "compare" and offer_like and not several:
        intent = "offer_score"  # one offer is scored, not compared
    elif several and intent in {"offer_score", "salary", "advice", "ambiguous"}:
        intent = "compare"  # "First: 190k base… Second: 175k base…": two offers side by side
    elif several and intent == "counter" and not COUNTER_ASK.search(text):
        intent = "compare"  # two offers and no word of a counter: nothing says which one
    if intent == "offer_score" and COUNTER_ASK.search(text):
        intent = "counter"  # the figures pull towards scoring; the words ask for a counter
    if intent == "offer_score" and _asks_about_one_part(text):
        # "the recruiter says the stock grant is 'worth' 200k over 4 yrs, should I believe
        # that?": a question about one part, no offer to score (no base in it).
        intent = "advice"
    elif intent == "salary" and not current.has_market_slot and _asks_about_one_part(text):
        # "how much could 1% end up being worth?" with the role said before: the worth of a
        # part of the package, not the market pay of the role again.
        intent = "advice"
    own_pay = asks_own_pay(text)
    asked_of_the_offer = carried.offer_text and not current.has_market_slot
    readings = {
        *("salary", "advice", "targets", "raise", "off_topic", "ambiguous", "greeting"),
        "counter",  # "whats yr 1 at each": no word of a counter in it (NOT_OWN_PAY)
    }
    if intent in readings and asked_of_the_offer and own_pay:
        intent = "offer_score"  # "so whats my actual total comp in yr 1": the offer's totals
    if intent == "advice" and ASKS_WHICH_NUMBER.search(text) and not offer_like:
        intent = "targets"  # "what's a reasonable salary to request?": the number to state
    if intent == "targets" and EXPECTS_THE_MARKET.search(text) and not ANCHOR_ASK.search(text):
        intent = "salary"  # "what base should I expect?": what the market pays, not the ask
    if intent in RAISE_FROM and _about_a_raise(text):
        return "raise"  # "I'm at 120k, is that under market for my review?"
    if intent == "raise" and not RAISE_WORDS.search(text):
        # The classifier leans to "raise" for any message naming a role and a city: without
        # a word of a raise, only a sure reading stands.
        if offer_like:
            return "offer_score"
        if classification.confidence < SURE_RAISE:
            intent = "advice"
    if intent == "raise":
        return intent
    walk_away = WALK_AWAY_ASK.search(text) and (current.current_base or current.floor)
    if walk_away and not offer_like:
        return "targets"  # "i make 130k, whats the lowest offer i should accept?"
    no_offer = not offer_like and not carried.offer_text
    role = current.role or carried.role
    nothing_to_score = (
        no_offer and not _names_offered_money(current, text) and not JUDGE_OR_DRAFT.search(text)
    )
    if intent in {"offer_score", "counter"} and nothing_to_score:
        if followed and role:
            # "what if I were in New York instead?" after a pay figure that was no offer
            # ("eng manager in denver, 185k, is that decent"): the market there.
            return "salary"
        return "advice"  # "offer deadline is tomorrow, help": a question, no offer to score
    if intent == "compare" and no_offer and not _names_offered_money(current, text):
        return "advice"  # "one vests 5/15/40/40, the other 25% a year": how to weigh them
    market_question = no_offer and role and "offer" not in text.lower()
    if intent == "offer_score" and market_question and not _names_offered_money(current, text):
        intent = "salary"  # "what's the market rate for me?" after naming the role
    return intent


# Readings a message with raise words is taken from: what a raise question is mistaken for.
RAISE_FROM = {"advice", "salary", "targets", "ambiguous", "offer_score", "counter", "off_topic"}


def _about_a_raise(text: str) -> bool:
    """Words of a raise or promotion at one's own employer, or of a colleague paid more,
    and none of a new job."""
    said = RAISE_WORDS.search(text) or PAID_MORE.search(text)
    return bool(said) and not NEW_JOB_WORDS.search(text)


# A question, with or without its question mark ("do i trust it", "should I believe that").
_ASKED = re.compile(
    r"\?|(?i:\b(?:should|do|does|can|could|would|is|are|was)\s+(?:i|it|that|this|they|we)\b)"
)


def _asks_about_one_part(text: str) -> bool:
    """A question about one part of a package, with no base pay in it to score."""
    asked = _ASKED.search(text) is not None
    no_base = not _PAY_WORDS.search(text)
    return asked and no_base and composers.named_topic(text) is not None


def _weighs_work_for_the_raise(text: str, intent: str, topic: str | None) -> bool:
    """In a raise talk, an advice question on whether a piece of work counts ("I migrated
    our pipelines, does that count?") is asked for the raise, not for a new job."""
    if topic != "raise" or intent not in RAISE_FROM or NEW_JOB_WORDS.search(text):
        return False
    if intent == "salary" and MARKET_ASK.search(text):
        return False  # "what do data engineers make in Denver?": the market, asked
    return asks_if_it_counts(text)


def _gives_raise_facts(text: str, current: Slots, classification: Classification) -> bool:
    """A short reply that gives the raise answer a fact it asked for (the role, the place,
    the base today), or changes one ("and remote?"); not a question of its own."""
    if len(text.split()) > RAISE_REPLY_WORDS or RAISE_WORDS.search(text):
        return False  # long, or a raise question of its own
    asks_pay = classification.intent == "salary" and MARKET_ASK.search(text)
    question = text.rstrip().endswith("?") and _QUESTION_START.match(text.strip())
    if asks_pay or question:
        return False
    lone = _lone_salary(text) is not None
    return bool(current.has_market_slot or current.current_base or lone)


# A yearly salary written as a plain number ("165000", "99,500"): no "k" and no "$".
PLAIN_SALARY = re.compile(r"(?<![\d.,$])(\d{2,3}(?:,\d{3}|\d{3}))(?![\d,]|\.\d|\s*%|\s*k\b)")
# A salary said the way people say it aloud ("one-eighteen", "one twenty five"): hundreds
# of thousands, then thousands.
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_HUNDREDS, _MIDDLES = "|".join(_UNITS[:3]), "|".join(_TEENS + _TENS)
SPOKEN_SALARY = re.compile(rf"(?i)\b({_HUNDREDS})[- ]({_MIDDLES})(?:[- ]({'|'.join(_UNITS)}))?\b")


def _spoken_salary(match: re.Match[str]) -> int:
    hundreds, middle, unit = (w.lower() if w else "" for w in match.groups())
    if middle in _TEENS:
        rest = 10 + _TEENS.index(middle)
    else:
        rest = 20 + 10 * _TENS.index(middle) + (_UNITS.index(unit) + 1 if unit else 0)
    return ((_UNITS.index(hundreds) + 1) * 100 + rest) * 1000


# A level the person asks to be promoted to ("a promotion to principal"): not theirs today.
TARGET_LEVEL = re.compile(
    r"(?i)\b(?:promotion|promote me|promoted|promo|move up|step up) to (?:a |an |the )?(\w+)"
)
PAST_PROMOTION = re.compile(r"(?i)\b(?:got|was|been|just|recently) promoted\b")


def _pay_word_beside(text: str, start: int, end: int) -> bool:
    """A pay word just before or after the figure at text[start:end] ("my base is 135k",
    "135k a year")."""
    return bool(PAY_BEFORE.search(text[max(0, start - 24) : start]) or PAY_AFTER.match(text[end:]))


def _lone_salary(text: str) -> tuple[int, int, int] | None:
    """The salary a raise message names as the pay today, as (start, end, value): the one
    salary-sized amount, or among several the one a pay word sits next to ("currently
    $130K", "114k a year"); never a target ("ask for 150k"), money the work moved or a
    colleague's pay. A plain six-digit number counts when nothing else does."""
    found = [
        (a.start, a.end, a.value)
        for a in find_amounts(text)
        if a.explicit and MIN_BASE <= a.value <= MAX_BASE
    ]
    if not found:
        found = [
            (m.start(1), m.end(1), int(m.group(1).replace(",", "")))
            for m in PLAIN_SALARY.finditer(text)
            if MIN_BASE <= int(m.group(1).replace(",", "")) <= MAX_BASE
        ]
    if not found:  # "base is one-eighteen", only with a pay word before it
        found = [
            (m.start(), m.end(), _spoken_salary(m))
            for m in SPOKEN_SALARY.finditer(text)
            if PAY_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
        ]
    found = [
        f
        for f in found
        if not TARGET_CUE.search(text[: f[0]])
        and not WORK_MONEY_BEFORE.search(text[max(0, f[0] - 40) : f[0]])
        and not WORK_MONEY_AFTER.match(text[f[1] :])
        and not THEIR_PAY_BEFORE.search(text[max(0, f[0] - 120) : f[0]])
    ]
    if len(found) > 1:
        found = [f for f in found if _pay_word_beside(text, f[0], f[1])]
    return found[0] if len(found) == 1 else None


def _base_in_raise(text: str, current: Slots, known: int | None = None) -> Slots:
    """In a raise talk, one salary named without a target word is the pay today ("senior
    data engineer in Chicago at 120k", or "120k" given when asked); a level asked to be
    promoted to ("a promotion to principal") is not the level the gap is measured at."""
    target = TARGET_LEVEL.search(text)
    asked_up = target is not None and current.level and not PAST_PROMOTION.search(text)
    if asked_up and target is not None and read_slots(target.group(1)).level == current.level:
        current = replace(current, level=None)
    if current.current_base is not None:
        return current
    found = _lone_salary(text)
    if found is None:
        return current
    start, end, base = found
    # The base is known: a figure in a story about work is not a new one, unless it is
    # given as the pay: a short reply ("actually 135k") or a pay word beside it.
    said_as_pay = len(text.split()) <= RAISE_REPLY_WORDS or _pay_word_beside(text, start, end)
    if known is not None and not said_as_pay:
        return current
    return replace(current, current_base=base)


def _is_short_reply(text: str, current: Slots) -> bool:
    """A reply that means nothing without the question before it: a few words, or a
    few more that open by leaning on it ("and if they keep pushing for it?", "suppose
    they press me hard for the number. then what?")."""
    words = len(text.split())
    if current.has_market_slot or current.amounts:
        return False
    leans = LEANS_ON_THE_LAST.match(text.strip()) is not None or _asks_about_it(text)
    return words <= SHORT_REPLY_WORDS or (words <= LEANING_REPLY_WORDS and leans)


def _asks_about_it(text: str) -> bool:
    """A question weighing what the last answer was about ("how can i tell whether thats
    generous", "is it fair?"): a question's first word, a word pointing back and one that
    weighs. A question of its own about it ("how do i bring it up without bragging") is
    not: it has more to ask than how the last thing measures up."""
    return (
        QUESTION_START.match(text) is not None
        and POINTS_BACK.search(text) is not None
        and WEIGHS.search(text) is not None
    )


WEIGHS = re.compile(
    r"(?i)\b(?:generous|a lot|a little|fair|good|bad|normal|enough|decent|worth it|reasonable"
    r"|competitive|standard|typical|too (?:high|low|much|little))\b"
)


QUESTION_START = re.compile(
    r"(?i)^\W*(?:how|what|whats|is|are|does|do|can|could|should|would|why|which|when)\b"
)


def _is_follow_up(text: str, current: Slots, classification: Classification) -> bool:
    """A short message naming only a slot ("what about senior?") continues the last topic,
    unless it closely matches an example of another intent."""
    short = len(text.split()) <= FOLLOW_UP_MAX_WORDS
    unsure = classification.score < FOLLOW_UP_MAX_SIMILARITY
    return short and unsure and current.has_market_slot and not current.amounts


# Where one offer ends and the next begins: "Offer A:", "option 2 -", "First:", "the second
# one", "#3", a numbered line, "vs". A word alone is not enough ("first-year bonus").
_OFFER_MARK = re.compile(
    r"(?i)\b(?:offer|option|company|job)\s*(?:[a-e1-5]|one|two|three|four|five)\b\s*[:\-–—)]?"
    r"|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s*(?:one|offer|option|company|job)?\s*:"
    r"|\b(?:the\s+)?(?:first|second|third|fourth|other)\s+(?:one|offer|option)\b\s*[:\-–—,]?"
    r"|\b(?:while|and|but|whereas)\s+the\s+other(?=\s+(?:one|offer|option|is|pays|company|job|role)\b)"
    r"|(?<!\w)#\s?[1-5]\b\s*[:\-–—)]?"
    r"|(?m:^\s*(?:[1-5]|[a-e])[.)]\s)"
    # "… in Seattle. A: public co, 185k … B: startup, 175k …": a capital letter and a colon
    # at the start of a sentence or clause.
    r"|(?:(?<=[.;!?,:\n])|^)\s*(?-i:[A-E])\s?[:=]\s"
    r"|\bvs\.?\b|\bversus\b"
)
# A part names a salary when it says so ("base", "salary") or is a figure a year.
_PAY_WORDS = re.compile(r"(?i)\bbase\b|\bsalary\b|\bpays?\b")
# Under an explicit mark ("2)", "Offer B:") a part with a salary-sized figure is an offer.
MIN_SALARY = 30_000
MAX_SALARY = 2_000_000  # above it a figure is a valuation or a grant, not an offer's pay


def split_offers(text: str) -> list[str]:
    """'Offer A: 180k base ... Offer B: 170k base ...' -> one text per offer that has money."""

    def offers_in(parts: list[str], marked: bool = False) -> list[str]:
        def is_offer(part: str) -> bool:
            slots = read_slots(part)
            amounts = slots.amounts
            if slots.current_base and not OFFER_WORDS.search(part):
                return False  # "I make 150k base now": the person's pay, not an offer
            salary = any(MIN_SALARY <= a <= MAX_SALARY for a in amounts)
            if salary and (marked or labels_named(part) >= 2):
                # under a mark, or a package of its own ("the bank - 142k, 12% bonus, 15k
                # signing / the insurer - …"), never one line of a package ("- 40k sign-on")
                return True
            return bool(amounts) and bool(_PAY_WORDS.search(part))

        return [p for p in parts if p and is_offer(p)]

    found = offers_in([p.strip(" ,;.\n") for p in _OFFER_MARK.split(text)], marked=True)
    if len(found) < 2:
        # one offer a line, or "A - 142k, … / B - 150k, …", "A … | B …" on one line
        found = offers_in([p.strip() for p in _OFFER_BREAK.split(text)])
    if len(found) < 2:
        # cut at each base figure: each part holds one, so a salary-sized figure is enough
        found = offers_in(_at_each_base(text), marked=True)
    return found


_OFFER_BREAK = re.compile(r"\n|;|\s[/|]\s")
# A base figure: "180k base", "base of 165k", "pays 205k".
_BASE_FIGURE = re.compile(
    r"(?i)\$?\d[\d,.]*\s*k?\s+(?:base|salary)\b|\b(?:base|salary|pays)\s+(?:of\s+|is\s+)?\$?\d"
    # "the startup (series B) is 170k + 0.1%…", "B is 150k at a bank": an offer opened by
    # its yearly figure
    r"|\bis\s+\$?\d{2,3}(?:[.,]\d+)?\s*k\b"
    # "… 40k sign-on. uber sf: 200k, 10% bonus": a yearly figure right after a name's colon
    r"|(?<=:\s)\$?\d{2,3}(?:[.,]\d+)?\s*k\b(?!\s*(?:sign|bonus|rsu|stock|equity|option))"
    # "microsoft (redmond) 183k + 10% bonus": right after a name's place in brackets
    r"|(?<=\)\s)\$?\d{2,3}(?:[.,]\d+)?\s*k\b(?!\s*(?:sign|bonus|rsu|stock|equity|option))"
)


# The part a figure opened by "is" or a colon belongs to, said just before it.
_PART_BEFORE = re.compile(
    r"(?i)\b(?:sign[\w-]*|bonus|equity|rsus?|stock|shares|options?|grant|relo\w*|401k|"
    r"match|refresh\w*|valuation|tc|total|comp|market|rate|median|salary|base|make|earn\w*)"
    r"\W*(?:is|was|of)?\s*[:=]?\s*$"
)


_SENTENCE_BREAK = re.compile(r"[.;!?](?=\s)|\n")


def _at_each_base(text: str) -> list[str]:
    """'one is 180k base w/ 200k RSUs, the other 165k base w/ 400k RSUs' -> one part per base
    figure, cut at the last comma, semicolon or full stop before each base after the first."""
    starts: list[int] = []
    for match in _BASE_FIGURE.finditer(text):
        if _PART_BEFORE.search(text[max(0, match.start() - 25) : match.start()]):
            continue  # "the signing bonus is 45k", "bonus: 20k": a part, not an offer's base
        clause_break = (
            re.search(r"[,;.]\s|\band\b", text[starts[-1] : match.start()]) if starts else True
        )
        if clause_break:  # "pays 205k base" is one base, not two
            starts.append(match.start())
    if len(starts) < 2:
        return [text]
    cuts = [0]
    for start in starts[1:]:
        # "…over 4 years. the startup in raleigh, 165k base": the sentence that opens with
        # the offer's name, when no other figure stands between its start and the base
        breaks = list(_SENTENCE_BREAK.finditer(text, cuts[-1], start))
        if breaks and not find_amounts(text[breaks[-1].end() : start]):
            cuts.append(breaks[-1].end())
            continue
        before = max(text.rfind(mark, cuts[-1], start) for mark in (",", ";", ".", " and "))
        cuts.append(before + 1 if before > cuts[-1] else start)
    return [text[a:b].strip(" ,;.") for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _target_calls(u: Understanding) -> list[dict[str, Any]]:
    """anchor_range when the role is known, walk_away when current pay or a floor is."""
    s = u.slots
    walk = bool(WALK_AWAY_ASK.search(u.text))
    anchor = bool(ANCHOR_ASK.search(u.text)) or not walk
    calls: list[dict[str, Any]] = []
    if anchor and s.role:
        calls.append(_call(ToolName.ANCHOR_RANGE, anchor_args(s), len(calls)))
    if walk and (s.current_base or s.floor):
        calls.append(_call(ToolName.WALK_AWAY, walk_away_args(s), len(calls)))
    return calls


def plan(u: Understanding, tools: Sequence[str]) -> list[dict[str, Any]]:
    """The tool calls for this turn (only tools that are bound)."""
    s = u.slots
    calls: list[dict[str, Any]] = []
    if u.intent == "salary" and s.role:
        calls.append(
            _call(
                ToolName.SALARY_LOOKUP,
                {
                    "role": s.role,
                    "level": s.level,
                    "location": s.location,
                    "skills": list(s.skills),
                    "domain": s.domain,
                    "employer_type": s.employer_type,
                    "current_base": str(s.current_base) if s.current_base else None,
                },
                len(calls),
            )
        )
    elif u.intent == "targets":
        calls += _target_calls(u)
    elif u.intent in {"offer_score", "counter"} and s.offer_text:
        name = ToolName.SCORE_OFFER if u.intent == "offer_score" else ToolName.DRAFT_COUNTER
        calls.append(_call(name, offer_args(s), len(calls)))
        if u.rival:  # the offer to match, beside the one countered (first)
            offers = [s.offer_text, u.rival]
            calls.append(_call(ToolName.COMPARE_OFFERS, _compare_args(offers, u), len(calls)))
    elif u.intent == "tradeoff" and u.tradeoff:
        calls.append(_call(ToolName.COMPARE_TRADEOFF, {"question": u.tradeoff}, len(calls)))
    elif u.intent == "compare":
        offers = list(u.offers) or split_offers(u.text)
        if len(offers) >= 2:
            calls.append(_call(ToolName.COMPARE_OFFERS, _compare_args(offers, u), len(calls)))
    negotiation_side = u.intent != "out_of_scope" or about_pay(u.text)
    if u.intent not in NO_TOOL_INTENTS and negotiation_side:
        query = (
            (u.query or u.text)
            if u.intent in {"advice", "off_topic", "raise"}
            else u.question or ADVICE_QUERIES.get(u.intent, u.text)
        )
        if u.intent == "targets" and any(c["name"] == ToolName.WALK_AWAY for c in calls):
            query = WALK_AWAY_QUERY
        k = 1 if u.intent in {"salary", "targets"} else 3
        if u.intent == "advice" and composers.named_topic(query) is not None:
            # A part of the package named ("is the equity part any good?"): its section may
            # rank below a neighbour full of the same word (the scale-ups that pay in
            # equity); a deeper search lets _named_part_first find it and put it first.
            k = 5
        calls.append(_call(ToolName.SEARCH_PLAYBOOK, {"query": query, "k": k}, len(calls)))
    return [c for c in calls if c["name"] in tools]


def results_of_turn(messages: Sequence[BaseMessage]) -> list[ToolMessage] | None:
    """Tool results of the current turn, or None if no tool was called yet this turn."""
    turn = turn_messages(messages)
    if not any(isinstance(m, AIMessage) and m.tool_calls for m in turn):
        return None
    return [m for m in turn if isinstance(m, ToolMessage)]


def tool_result(message: ToolMessage) -> ToolResult | None:
    """The typed result of a tool message: its artifact, or its content if it has none."""
    stored = message.artifact if message.artifact is not None else message.content
    return parse_result(message.name or "", stored)


def offline_reply(
    messages: Sequence[BaseMessage],
    tools: Sequence[str],
    classifier: IntentClassifier,
    evidence: Sequence[str] = (),
) -> AIMessage:
    """The next message of the turn; ``evidence``: the person's saved evidence-pack
    bullets, which the evidence-pack answer shows."""
    u = understand(messages, classifier)
    results = results_of_turn(messages)
    if results is None:
        calls = plan(u, tools)
        if calls:
            return AIMessage(content="", tool_calls=calls)
        results = []
    found = {m.name or "": tool_result(m) for m in results}
    typed = {name: result for name, result in found.items() if result is not None}
    said = heard(u.text)  # the message with its misspellings read as the coach's words
    if u.continues:
        _keep_the_thread(typed, messages)
        # ...unless this message names a part of the package of its own ("how do I put a
        # value on the remote part" after the equity answer): that part answers.
        _named_part_first(u, typed, said)
    elif u.intent == "advice":
        _named_part_first(u, typed, u.query)
    if _found_nothing_sure(u, typed):
        return AIMessage(content=writer.write("clarify", u.slots, {}))
    if u.intent in ADVICE_INTENTS:
        # Second round: the topic the search found may use the person's own figures.
        more = _fact_calls(u, typed, [m.name or "" for m in results], tools)
        if more:
            return AIMessage(content="", tool_calls=more)
    change = u.change or changed_facts(messages)
    pressed = _pressed_topic(u, messages)

    def answer(results: dict[str, ToolResult], again: str = "") -> str:
        return writer.write(
            u.intent,
            u.slots,
            results,
            previous=previous_estimate(messages),
            change=change,
            question=u.question,
            pressed=pressed,
            evidence=evidence,
            cues=u.cues,
            again=again,
            thread_offers=bool(u.offers),
            sign_on_gap=u.sign_on_gap,
            at_haircut=u.at_haircut,
        )

    topic = _topic_of_answer(u, typed) if u.intent in ADVICE_INTENTS else ""
    content = answer(typed, again=topic if composers.asks_next_step(topic, said) else "")
    before = _last_answer(messages)
    if u.intent in ADVICE_INTENTS and before and _same_advice(content, before):
        # A follow-up never gets the last answer again word for word (issue 16). When the
        # question names the answer's own part of a package again, that topic's next step
        # answers, where one is written (equity, then "the options are 'worth 400k', should
        # I believe that?": how to check a grant's value); else the next hit with a topic
        # of its own ("the 5/15/40/40 one has a bigger sign-on" after the vesting answer:
        # the sign-on); with none, the answer says the advice stands in two lines, and
        # asks what would change it.
        named = composers.named_topic(said)
        # ...or points back at it with no part of its own named ("how do i figure out if
        # thats a lot or a little" after the equity answer)
        same_part = named == topic or (named is None and POINTS_BACK.search(said) is not None)
        if topic and same_part and composers.has_next_step(topic):
            content = answer(typed, again=topic)
        if _same_advice(content, before):
            other = _another_topic_first(u, typed)
            if other is not None:
                content = answer(other)
        if _same_advice(content, before):
            content = writer.same_answer(before)
    repeats = bool(before) and content.strip() == before.strip()
    compared = typed.get(ToolName.COMPARE_OFFERS)
    scored = typed.get(ToolName.SCORE_OFFER)
    own_totals = (
        u.intent == "offer_score"
        and u.slots.offer_text != u.text  # the offer said before, not in this message
        and (asks_own_pay(said) or u.later_years)
    )
    totals = ""
    if own_totals and isinstance(scored, OfferScoreResult):
        totals = (writer.offer_later_years if u.later_years else writer.offer_year_by_year)(
            scored, change
        )
    if totals:
        # "so whats my actual total comp in yr 1": the offer's own totals, year one first
        content = totals
    elif repeats and u.intent in {"offer_score", "counter"}:
        # The same offer, the same tool, asked again ("ok what should I counter with?" after
        # the counter): its gist, pointed to, and what would change it.
        done = typed.get(ToolName.DRAFT_COUNTER) or typed.get(ToolName.SCORE_OFFER)
        gist = done.summary() if done is not None and not done.error else ""
        gist = gist.rstrip(".?! ")
        content = writer.same_answer(before, gist=f"{gist[:1].upper()}{gist[1:]}." if gist else "")
    elif repeats and u.offers and isinstance(compared, ComparisonResult) and compared.gap:
        # The same offers, the same question again: the difference, not the table twice.
        content = writer.compare_difference(compared.gap, table_above=True)
    estimate = typed.get(ToolName.SALARY_LOOKUP)
    if isinstance(estimate, SalaryEstimateResult):
        note = writer.levels_note(levels_named(u.text), estimate)
        content = f"{note}\n\n{content}" if note else content
    return AIMessage(content=content)


def _same_advice(answer: str, before: str) -> bool:
    return writer.advice_of(answer) == writer.advice_of(before)


def _topic_id(u: Understanding, found: list[Passage]) -> str:
    """The id of the topic these hits would be answered by ("" for none)."""
    talk = u.cues if u.intent == "raise" else None
    topic = composers.topic_for(PlaybookPassages(passages=found), u.slots.role, talk)
    return topic.id if topic is not None else ""


def _topic_of_answer(u: Understanding, typed: dict[str, ToolResult]) -> str:
    """The topic this turn's results are answered by ("" when there are no hits)."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    if not isinstance(passages, PlaybookPassages) or not passages.passages:
        return ""
    return _topic_id(u, list(passages.passages))


def _another_topic_first(
    u: Understanding, typed: dict[str, ToolResult]
) -> dict[str, ToolResult] | None:
    """The turn's results with the first hit whose topic is not the top hit's moved to the
    top; None when every hit has the same topic."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    if not isinstance(passages, PlaybookPassages) or not passages.passages:
        return None
    first = _topic_id(u, list(passages.passages))
    for index, hit in enumerate(passages.passages[1:], 1):
        if _topic_id(u, [hit]) not in {"", first}:
            return {**typed, ToolName.SEARCH_PLAYBOOK: _hit_first(passages, index)}
    return None


def _hit_first(passages: PlaybookPassages, index: int) -> PlaybookPassages:
    """The search's passages with the one at ``index`` moved to the top, the rest in order."""
    hits = list(passages.passages)
    return passages.model_copy(update={"passages": [hits.pop(index), *hits]})


def _last_answer(messages: Sequence[BaseMessage]) -> str:
    """The coach's answer to the turn before this one ("" when there was none)."""
    for message in reversed(_before_this_turn(messages)):
        if isinstance(message, AIMessage) and message.content and not message.tool_calls:
            return str(message.content)
    return ""


def _pressed_topic(u: Understanding, messages: Sequence[BaseMessage]) -> str:
    """The last answer's topic, when this turn leans on it ("what if they insist?"); never
    for a question about what it said ("how can i tell whether thats generous"), which is
    no pushback to hold firm against."""
    asks = _asks_about_it(u.text) and not LEANS_ON_THE_LAST.match(u.text.strip())
    last = _last_passages(messages) if u.continues and not asks else None
    texts = human_texts(messages)
    # The last answer's topic was chosen by the last question's words, not by this one's.
    said_before = raise_cues(heard(texts[-2])) if len(texts) > 1 else NO_CUES
    raise_talk = said_before if u.intent == "raise" else None
    topic = composers.topic_for(last, u.slots.role, raise_talk) if last is not None else None
    return topic.id if topic is not None else ""


# Facts a follow-up can change, as the answer names them.
FACT_NAMES = {
    "role": "role",
    "level": "level",
    "location": "place",
    "current_base": "current pay",
    "floor": "floor",
}
# Tools whose follow-ups say what changed here (the salary estimate says it itself).
RERUN_TOOLS = {ToolName.ANCHOR_RANGE.value, ToolName.WALK_AWAY.value}


def _calls(message: BaseMessage) -> dict[str, dict[str, Any]]:
    if isinstance(message, AIMessage):
        return {c["name"]: c["args"] for c in message.tool_calls}
    return {}


def changed_facts(messages: Sequence[BaseMessage]) -> str:
    """ "place: Chicago → Remote (US)" when this turn re-ran a tool of the last turn with a
    changed fact ("and remote?"), so the answer says what changed, not only the figures."""
    now: dict[str, dict[str, Any]] = {}
    for message in turn_messages(messages):
        now |= _calls(message)
    before: dict[str, dict[str, Any]] = {}
    for message in reversed(_before_this_turn(messages)):
        before = _calls(message) | before
        if isinstance(message, HumanMessage) and before:
            break  # the last turn that called tools
    changes: list[str] = []
    for tool in RERUN_TOOLS & now.keys() & before.keys():
        for key, name in FACT_NAMES.items():
            old, new = before[tool].get(key), now[tool].get(key)
            text = f"{name}: {old or 'not given'} → {new or 'not given'}"
            if old != new and text not in changes:
                changes.append(text)
    return "; ".join(changes)


# Reciprocal-rank fusion score of the best section (1.0: first in every ranking): below
# this, the search only guessed. Measured: specific questions in users' words score 0.6
# or more in 97% of cases; vague ones ("need some advice about work stuff") 0.47-0.73.
SEARCH_FLOOR = 0.62
# With the classifier this unsure too, a message is vague rather than unusually worded.
UNSURE = 0.35


def _found_nothing_sure(u: Understanding, typed: dict[str, ToolResult]) -> bool:
    """An advice message neither the classifier nor the search can place: ask."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    if u.intent != "advice" or u.continues or not isinstance(passages, PlaybookPassages):
        return False
    if u.slots.has_market_slot or u.slots.amounts or not passages.passages:
        return False
    if composers.named_topic(u.text) is not None:
        return False  # "what is 0.5% actually worth in dollars": the part is named
    # The best section's score, wherever a named part has moved it (_named_part_first).
    scores = [p.score for p in passages.passages if p.score is not None]
    top = max(scores) if scores else None
    return u.classification.confidence < UNSURE and top is not None and top < SEARCH_FLOOR


def _keep_the_thread(typed: dict[str, ToolResult], messages: Sequence[BaseMessage]) -> None:
    """A short reply to advice ("and if they keep pushing?") stays on the last answer's
    document when the search found it at all: the person is still on that topic."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    last = _last_passages(messages)
    if not isinstance(passages, PlaybookPassages) or last is None or not last.passages:
        return
    answered = [
        i for i, p in enumerate(passages.passages) if p.citation == last.passages[0].citation
    ]
    if answered:  # the very section the last answer was on
        if answered[0]:
            typed[ToolName.SEARCH_PLAYBOOK] = _hit_first(passages, answered[0])
        return
    doc = last.passages[0].doc_id
    same = [p for p in passages.passages if p.doc_id == doc]
    if same and passages.passages[0].doc_id != doc:
        rest = [p for p in passages.passages if p.doc_id != doc]
        typed[ToolName.SEARCH_PLAYBOOK] = passages.model_copy(update={"passages": same + rest})


def _named_part_first(u: Understanding, typed: dict[str, ToolResult], text: str) -> None:
    """A question naming one part of a package in ``text`` ("the recruiter says the
    options are worth 400k") is answered on that part when the search found its section
    at all, whatever the question's other words pulled to the top ("startup", "series C")."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    named = composers.named_topic(text)
    if COMPARES.search(text):
        # "lower base + RSUs, how do I compare these": the comparison is the question; on
        # the thread's search ("ok so how do I put them side by side"), its section first.
        named = COMPARE_TOPIC if u.continues else None
    if named is None or not isinstance(passages, PlaybookPassages):
        return
    topics = composers.load_topics()
    for index, hit in enumerate(passages.passages):
        topic = composers.topic_of_section(composers.section_id(hit), topics)
        if topic is not None and topic.id == named:
            if index:
                typed[ToolName.SEARCH_PLAYBOOK] = _hit_first(passages, index)
            return


def _last_passages(messages: Sequence[BaseMessage]) -> PlaybookPassages | None:
    """The playbook search of the turn before this one, the section its answer cited
    first on top: the answer may have been on a hit below the first (a part of the
    package the question named, another topic instead of a repeat), and a reply to it
    ("ok so what do I ask her?") is about what it said."""
    found = _earlier_result(messages, ToolName.SEARCH_PLAYBOOK, PlaybookPassages)
    if found is None:
        return None
    cited = _CITED.search(_last_answer(messages))
    for index, hit in enumerate(found.passages):
        if cited is not None and hit.citation == cited.group(1):
            return _hit_first(found, index) if index else found
    return found


# The first citation in an answer's text: "[total-package § Equity]".
_CITED = re.compile(r"\[([a-z][a-z-]* § [^\]]+)\]")


def _before_this_turn(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    return list(messages)[: len(messages) - len(turn_messages(messages))]


def _earlier_result(
    messages: Sequence[BaseMessage], name: ToolName, kind: type[ResultT]
) -> ResultT | None:
    """The last result of tool ``name`` before this turn, if it is a ``kind``."""
    for message in reversed(_before_this_turn(messages)):
        if isinstance(message, ToolMessage) and message.name == name:
            result = tool_result(message)
            return result if isinstance(result, kind) else None
    return None


def _fact_calls(
    u: Understanding, typed: dict[str, ToolResult], called: list[str], tools: Sequence[str]
) -> list[dict[str, Any]]:
    """The fact tools the searched topic wants and this turn has not run yet."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    if not isinstance(passages, PlaybookPassages):
        return []
    topic = composers.topic_for(passages, u.slots.role, u.cues if u.intent == "raise" else None)
    if topic is None:
        return []
    est = typed.get(ToolName.SALARY_LOOKUP)
    unknown = isinstance(est, SalaryEstimateResult) and not est.known and est.level_label
    if topic.raise_talk and unknown and u.slots.level and ToolName.SALARY_LOOKUP in tools:
        # No median at that level ("staff and above" data architects: too few postings):
        # the role's median over all levels is still the person's market.
        all_levels = replace(u.slots, level=None)
        return [_call(ToolName.SALARY_LOOKUP, gap_args(all_levels), len(called))]
    return [c for c in composers.calls_needed(topic, u.slots, called) if c["name"] in tools]


def previous_estimate(messages: Sequence[BaseMessage]) -> SalaryEstimateResult | None:
    """The last salary estimate before this turn: what a follow-up ("and in Raleigh?")
    is compared with, so the answer can say what changed."""
    return _earlier_result(messages, ToolName.SALARY_LOOKUP, SalaryEstimateResult)
