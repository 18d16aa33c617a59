"""The candidate-move parser: from one free-text message, the moves it makes.

Deterministic and state-free: the same text always gives the same moves. Money
is read by ``coach.money`` (the parser shared with offers), then each amount is
labelled by the nearest cue before it in the same sentence ("I make", "targeting",
"the median is", "an offer from") and the component named right after or before
it ("200k base", "a 20k sign-on"). The policy decides what the moves are worth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coach.money import Amount, MoneyRange, find_amounts, find_range


class MoveKind(StrEnum):
    NAMES_NUMBER = "names_number"  # an ask for one amount of a component
    NAMES_RANGE = "names_range"  # an ask as a range
    NAMES_PERCENT = "names_percent"  # "10% more", "a 15% raise"
    REVEALS_CURRENT_PAY = "reveals_current_pay"
    ANCHORS_ON_CURRENT = "anchors_on_current"  # frames the ask on what they make now
    DEFLECTS_CURRENT = "deflects_current"
    CITES_MARKET = "cites_market"
    CITES_EVIDENCE = "cites_evidence"  # detail: workflow | eval | outcome | portability | ownership
    BUZZWORDS = "buzzwords"  # AI vocabulary with no specific work behind it
    COMPETING_OFFER = "competing_offer"  # detail: offer | interviews
    ASKS_TIME = "asks_time"
    ASKS = "asks"  # asks about / for a component without naming money for it
    ACCEPTS = "accepts"
    WALKS = "walks"
    THREATENS_WALK = "threatens_walk"  # "I'll walk if ..."
    PROBES_BUDGET = "probes_budget"  # "what is your max budget?"
    INJECTION = "injection"  # tries to break the role-play
    ENTHUSIASM = "enthusiasm"
    OFF_TOPIC = "off_topic"
    # Issue 17's parser contract (detection in this module; the policy and the judgement
    # read them):
    ASKS_FOR_OFFER = "asks_for_offer"  # "what's the number you have in mind?": theirs first
    ASKS_IN_WRITING = "asks_in_writing"  # "send it over in writing / by email"
    STATES_FLOOR = "states_floor"  # amount: "my walk-away is 225k": a floor, not a counter
    HOSTILE = "hostile"  # insults, abuse or threats aimed at the recruiter


class Component(StrEnum):
    BASE = "base"
    SIGN_ON = "sign_on"
    EQUITY = "equity"
    REFRESHERS = "refreshers"
    TITLE = "title"
    START_DATE = "start_date"
    PTO = "pto"


class CandidateMove(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: MoveKind
    component: Component | None = None
    amount: int | None = None  # money, or days / weeks for PTO and start date
    low: int | None = None
    high: int | None = None
    percent: float | None = None
    relative: bool = False  # "20k more": an increase, not a total
    detail: str | None = None


class ParsedTurn(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    moves: tuple[CandidateMove, ...]

    def has(self, *kinds: MoveKind) -> bool:
        return any(m.kind in kinds for m in self.moves)

    def all(self, *kinds: MoveKind) -> list[CandidateMove]:
        return [m for m in self.moves if m.kind in kinds]

    def kinds(self) -> list[MoveKind]:
        return [m.kind for m in self.moves]

    def asks_for(self, component: Component) -> list[CandidateMove]:
        """Every move asking for ``component``: numbers, ranges, percents, plain asks."""
        asking = (
            MoveKind.NAMES_NUMBER,
            MoveKind.NAMES_RANGE,
            MoveKind.NAMES_PERCENT,
            MoveKind.ASKS,
        )
        return [m for m in self.moves if m.kind in asking and m.component == component]

    def evidence(self) -> set[str]:
        return {m.detail for m in self.all(MoveKind.CITES_EVIDENCE) if m.detail}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# ------------------------------------------------------------------ cue words

_CURRENT = _rx(
    r"\b(?:my (?:current|present|existing) (?:salary|base|pay|comp\w*|package|employer pays)"
    r"|i (?:currently |now |already )?(?:make|earn|get paid|am paid|am making|take home)"
    r"|i'?m (?:currently |now )?(?:making|earning|paid|on|at)"
    r"|i am (?:currently |now )?(?:making|earning|paid|on|at)"
    r"|currently (?:make|making|earn|earning|at|on|paid|get)"
    r"|(?:at|in) my (?:current|present) (?:job|company|employer|role)"
    r"|what i make|my salary (?:is|was)|i was making|they pay me|paying me)\b"
)
_CURRENT_AFTER = _rx(
    r"^\W{0,3}(?:\w+\W+){0,2}?(?:now|today|currently|right now|at the moment"
    r"|at my (?:current|present)|where i am)\b"
)
_COMPETING = _rx(
    r"\b(?:offer from|other offer|another offer|competing offer|competing|second offer"
    r"|another company|elsewhere|they(?:'ve| have)? offered|written offer"
    r"|counter-?offer from)\b"
)
_COMPETING_AFTER = _rx(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:from (?:another|a|an|the other)\b|elsewhere"
    r"|at (?:another|the other))"
)
_MARKET = _rx(
    r"\b(?:median|market(?: rate| data| pay)?|percentile|p[257]5?0?|levels\.?fyi|glassdoor"
    r"|ai pulse|bls|oews|the data|data (?:shows|says)|going rate|benchmarks?|comparable roles"
    r"|function median|industry average|typical(?:ly)? pay|pays? around|average)\b"
)
_ASK = _rx(
    r"\b(?:target(?:ing)?|looking (?:for|at)|expect(?:ing|ations?)?|ask(?:ing)?|want(?:ed)?"
    r"|would need|need|counter(?:ing)?|propos(?:e|ing)|how about|can you do|could you do"
    r"|get (?:me )?to|come up to|meet (?:me )?at|range|thinking|hoping|aim(?:ing)?"
    r"|comfortable (?:with|at)|accept|sign at|closer to|at least|request"
    r"|seeking|be at|land at|move to|bump(?: it)? to|raise (?:it )?to|like)\b"
)
# The recruiter's own numbers repeated back: "you offered 180k", "your offer of 180k".
_THEIRS = _rx(
    r"\b(?:you(?:'ve| have)? offered(?: me)?|your (?:offer|number)(?: of| at| is)?"
    r"|the (?:current )?offer (?:of|at|is)|offer(?:ed)? (?:of|at)|you said|you mentioned)\s*$"
)
_CONNECTOR = _rx(r"^\W*(?:(?:base|salary)\W+)?(?:and|plus|with|,)\W")
_COMPONENT_CUES: tuple[tuple[Component, re.Pattern[str]], ...] = (
    (
        Component.SIGN_ON,
        _rx(
            r"\bsign(?:ing)?[- ]?on\b|\bsigning\b|\bsign bonus|\bjoining bonus"
            r"|\bone-?time bonus|\bbonus\b"
        ),
    ),
    (Component.REFRESHERS, _rx(r"\brefresh(?:er)?s?\b")),
    (Component.EQUITY, _rx(r"\b(?:equity|rsus?|stock|shares|options|grant)\b")),
    (Component.BASE, _rx(r"\b(?:base|salary|annual|a year|per year|/yr|cash comp)\b")),
)
# Equity or a bonus the candidate gives up by leaving: the playbook's case for a sign-on.
_FORFEIT = _rx(
    r"\b(?:unvested|leaving behind|leave behind|forfeit\w*|give up|giving up"
    r"|walking away from|walk away from|lose)\b"
)
_MORE = _rx(r"\b(?:more|extra|additional|another|on top|increase|bump|higher by|up by)\b")

# ------------------------------------------------------------------ move patterns

_DEFLECT = _rx(
    r"rather not (?:share|say|discuss|disclose|get into|go into)|prefer (?:not to|to focus"
    r"|to keep|to anchor|to talk about)|not comfortable (?:sharing|disclosing|discussing)"
    r"|keep (?:it|the focus|things) on|(?:isn't|is not|not) (?:really )?(?:a )?(?:useful"
    r"|relevant|fair) (?:comparison|benchmark|here)?|focus on (?:the|what this|this) (?:role"
    r"|job|market)|confidential|decline to (?:share|answer)|not (?:going|able) to share"
    r"|won't share|wouldn't share|keep that private|anchor on (?:what|the market)"
    r"|what (?:this|the) role pays"
)
_EVIDENCE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "workflow",
        _rx(
            r"\b(?:built|shipped|launched|designed|deployed|automated|architected|created|wrote"
            r"|implemented|rolled out|led)\b[^.!?]{0,90}\b(?:pipelines?|workflows?|systems?"
            r"|platforms?|agents?|models?|services?|tools?|features?|products?|rag|classifiers?"
            r"|search|assistants?|chatbots?|infrastructure)\b"
        ),
    ),
    (
        "eval",
        _rx(
            r"\b(?:evals?|evaluat\w*|eval suite|accuracy|precision|recall"
            r"|hallucination(?: rate)?s?|a/b tests?|measured|error rates?|f1"
            r"|regression tests?|golden set|quality metrics?"
            r"|benchmark(?:ed)? (?:against|on)|test set)\b"
        ),
    ),
    (
        "outcome",
        _rx(
            r"\b(?:reduced|cut|saved|increased|improved|grew|lowered|boosted|raised|halved"
            r"|doubled|dropped)\b[^.!?]{0,70}(?:\d+(?:\.\d+)?\s?(?:%|percent|x\b|hours|hrs"
            r"|minutes|days|weeks|k\b)|\$\d|by half|in half)"
        ),
    ),
    (
        "portability",
        _rx(
            r"\b(?:transfer(?:able|s)?|portable|portability|replicab\w*|reproducib\w*"
            r"|same (?:stack|tools|approach)|bring (?:that|this|it|the same)\b[^.!?]{0,30}"
            r"\b(?:here|to you|to your)|apply (?:it|that|this|the same) here|your stack"
            r"|works? (?:at|anywhere|on any)|standard tools|common tools)"
        ),
    ),
    (
        "ownership",
        _rx(
            r"\b(?:on-?call for|owned|owner of|i own|own(?:ing)? the|responsible for|led a team"
            r"|manag(?:e|ed|ing) a team|mentor(?:ed|ing)?|tech lead|accountable for)\b"
        ),
    ),
)
_BUZZWORDS = _rx(
    r"\b(?:ai experience|experience (?:with|in) (?:ai|llms?|genai|machine learning)"
    r"|i know (?:langchain|llms?|ai|rag|pytorch)|familiar with|passionate about ai"
    r"|ai[- ]savvy|ai skills|genai|llms?, rag|prompt engineering|ai[- ]first mindset"
    r"|cutting[- ]edge|deep expertise in ai|ai expert)\b"
)
_COMPETING_WORDS = _rx(
    r"\b(?:another offer|other offers?|competing offer|second offer|offer from|an offer at"
    r"|written offer from|offers? (?:in hand|on the table) (?:from|elsewhere)"
    r"|also (?:have|got) an offer)\b"
)
_INTERVIEWS = _rx(
    r"\b(?:final rounds?|late[- ]stage|onsite with|interviewing (?:with|at|elsewhere)"
    r"|other (?:companies|processes))\b"
)
_TIME = _rx(
    r"\b(?:need (?:some |a (?:little |bit of |few |couple (?:of )?)?)?(?:more )?(?:time|days?)"
    r"|more time|think (?:about|it over|on it)|sleep on it|get back to you|(?:a|few|couple of"
    r"|two|three|\d) (?:days|business days) to|review (?:it|the offer|everything|the details)"
    r"|extension|extend the deadline|by (?:monday|tuesday|wednesday|thursday|friday|next week"
    r"|end of (?:the )?week)|talk (?:it )?(?:over )?with my (?:partner|family|spouse|wife"
    r"|husband)|take (?:a (?:day|few days)|some time))\b"
)
_ACCEPT = _rx(
    r"\b(?:i accept|i'll accept|i will accept|(?:happy|glad|ready|delighted) to accept"
    r"|i'd like to accept|i would like to accept|accept (?:the|your|this) offer"
    r"|i'll take it|i will take it|let's do it|we have a deal|it's a deal|you have a deal"
    r"|deal!|i'm in(?=[.!]|$)|sign me up|let's (?:sign|make it official)|yes,? (?:that works|let's)"
    r"|that works for me|i'm happy with (?:that|this|the offer)|where do i sign)"
)
_WALK = _rx(
    r"\b(?:i(?:'ll| will|'d| would| am going to|'m going to|'ve decided to| have decided to)?\s?"
    r"(?:have to |need to |must |going to )?(?:decline|pass on|walk away|withdraw)"
    r"|(?:ready|prepared|going|happy) to walk away|walk away from (?:this|the offer)"
    r"|not interested|no deal|i'm out\b|turn (?:it|this|the offer) down"
    r"|go(?:ing)? with the other|take the other offer|reject (?:the|your|this) offer"
    r"|this won't work for me|i'll pass|end (?:the|this) (?:call|conversation))"
)
_REJECT = _rx(
    r"\b(?:can't|cannot|can not|won't|couldn't|not able to) (?:accept|take|do|sign)\b"
    r"|\b(?:too low|not enough|below what i|doesn't work|does not work|not quite there"
    r"|falls? short|disappointed|hoped for more|expected more|lowball)"
)
_NEGATION_BEFORE = _rx(
    r"(?:\bnot|n't|\bcannot|\bbefore|\bif|\bunless|\bnever|\bno way)\W+(?:\w+\W+){0,3}$"
)
_CONDITIONAL = _rx(r"\b(?:if|unless|as long as|provided|only if|otherwise|or else)\b")
_PROBE = _rx(
    r"\b(?:max(?:imum)?|most|top|ceiling|highest|upper (?:limit|end|bound)|limit|cap)\b"
    r"[^.!?]{0,40}\b(?:budget|band|range|pay|offer|go|afford|approved|authori[sz]ed)\b"
    r"|\bwhat(?:'s| is| are) (?:your|the) (?:budget|band|salary band|comp band|pay band"
    r"|range for this|numbers? you can)\b|\bhow (?:high|far) can you go\b|how much (?:room"
    r"|flexibility|budget) (?:do you have|is there|you have)|\bwhat can you (?:really )?afford"
    r"|\b(?:tell|show|give) me (?:the|your) (?:budget|band|limits?)\b|\bhidden budget\b"
)
# "I understand base is at the top of the band" repeats the recruiter; asking is probing.
_QUESTION = _rx(r"\?|\b(?:what|tell me|how|share|give me|show me|reveal|let me know)\b")
_INJECTION = _rx(
    r"\bignore (?:all |your |the |any |previous |prior |above |my )*(?:instructions|rules"
    r"|prompts?|guidelines|constraints)|\bsystem prompt|\byou are (?:now|no longer)\b"
    r"|\bpretend (?:to be|you|that)|\bdeveloper mode|\bjailbreak|\bdisregard\b"
    r"|\bforget (?:your|all|the|previous) (?:instructions|rules|role)"
    r"|\breveal (?:the|your) (?:budget|band|instructions|prompt|limits?|max\w*|numbers?)"
    r"|\bbreak (?:character|role)|\bout of character|\bas an ai\b|\blanguage model"
    r"|\bnew instructions|\boverride\b|\bsimulation\b|\brole-?play\b|\bdebug mode"
)
_ENTHUSIASM = _rx(
    r"\b(?:excited|thrilled|love (?:the|this|what)|great to hear|happy to hear|appreciate"
    r"|thank you|thanks|glad|looking forward|enjoyed|keen|really like)\b"
)
_PERCENT = _rx(
    r"(?P<pct>\d{1,2}(?:\.\d+)?)\s?(?:%|percent)\s?(?P<what>more|higher|above|over|raise"
    r"|increase|bump|on top|jump)"
)
_PERCENT_CURRENT = _rx(r"current|what i (?:make|earn)|my (?:salary|pay|base)|now\b|today")
_RAISE_ON_CURRENT = _rx(
    r"\b(?:raise (?:on|over|from)|bump (?:on|over|from)|more than (?:i make|what i make"
    r"|my current)|above (?:what i make|my current)|over (?:what i make|my current)"
    r"|based on (?:my current|what i make)|increase (?:on|over|from) (?:my|what i))"
)
_DURATION = _rx(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|an?)\s*(?:extra\s+"
    r"|more\s+|additional\s+)?(?P<unit>weeks?|days?)\b"
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_REQUEST = _rx(
    r"\?|\b(?:could|can|would|what about|how about|consider|ask(?:ing)?|open to|possible"
    r"|is there|any (?:room|flexibility|chance)|like|want|need|hoping|request|add|increase"
    r"|bump|improve|more|better|extra|higher|larger|bigger|top up|make up|cover|bridge"
    r"|push|later|move|flex|negotiate|what does|how do|tell me about|details)\b"
)
_ASK_PATTERNS: tuple[tuple[Component, re.Pattern[str]], ...] = (
    (
        Component.SIGN_ON,
        _rx(
            r"\bsign(?:ing)?[- ]?on\b|\bsigning bonus|\bjoining bonus"
            r"|\bmake me whole|\bunvested|\bleaving behind|\bwalking away from"
            r" (?:my )?(?:equity|stock|bonus|vest)"
        ),
    ),
    (Component.REFRESHERS, _rx(r"\brefresh(?:er)?s?\b")),
    (Component.EQUITY, _rx(r"\b(?:equity|rsus?|stock|shares|options|(?<!refresh )grant)\b")),
    (
        Component.TITLE,
        _rx(
            r"\b(?:title|level(?:ing|ling)?|up-?level|next level|promotion"
            r"|staff (?:title|level|role|engineer)|principal)\b"
        ),
    ),
    (
        Component.START_DATE,
        _rx(
            r"\b(?:start date|start(?:ing)? (?:later|in|on|after|date)"
            r"|later start|push (?:back )?(?:the |my )?start)\b"
        ),
    ),
    (Component.PTO, _rx(r"\b(?:pto|vacation|paid time off|holidays?|days off|time off)\b")),
    (
        Component.BASE,
        _rx(
            r"\b(?:base|salary|flexibility on (?:the )?(?:number|offer|comp)"
            r"|do better|improve the offer|more money|any room|the number)\b"
        ),
    ),
)


# ------------------------------------------------------------------ money labelling


@dataclass(frozen=True)
class _Money:
    low: Amount
    high: Amount | None  # a range's high end

    @property
    def start(self) -> int:
        return self.low.start

    @property
    def end(self) -> int:
        return (self.high or self.low).end


def _money_items(text: str) -> list[_Money]:
    """Ranges first (masked out), then single amounts, left to right."""
    items: list[_Money] = []
    masked = text
    while True:
        found: MoneyRange | None = find_range(masked)
        if found is None:
            break
        items.append(_Money(found.low, found.high))
        masked = (
            masked[: found.low.start]
            + " " * (found.high.end - found.low.start)
            + (masked[found.high.end :])
        )
    items += [_Money(a, None) for a in find_amounts(masked)]
    return sorted(items, key=lambda item: item.start)


def _sentence_start(text: str, index: int) -> int:
    cut = max(text.rfind(mark, 0, index) for mark in (". ", "! ", "? ", "; ", "\n"))
    return cut + 1 if cut >= 0 else 0


def _sentence_end(text: str, index: int) -> int:
    ends = [text.find(mark, index) for mark in (". ", "! ", "? ", "; ", "\n")]
    found = [e for e in ends if e >= 0]
    return min(found) if found else len(text)


def _last_cue(pattern: re.Pattern[str], window: str) -> int:
    """End position of the last match in ``window``, or -1."""
    ends = [m.end() for m in pattern.finditer(window)]
    return max(ends) if ends else -1


def _label(before: str, after: str, previous: str | None) -> str:
    if _CURRENT_AFTER.search(after):
        return "current"
    if _COMPETING_AFTER.search(after):
        return "competing"
    if _THEIRS.search(before):
        return "theirs"
    scores = {
        "current": _last_cue(_CURRENT, before),
        "competing": _last_cue(_COMPETING, before),
        "market": _last_cue(_MARKET, before),
        "ask": _last_cue(_ASK, before),
    }
    best = max(scores, key=lambda key: scores[key])
    if scores[best] >= 0:
        return best
    if previous and _CONNECTOR.search(before):
        return previous  # "I make 150k base and 20k bonus": the label carries over
    return "ask"


_LEAD_IN = _rx(r"^[\s(\-]*(?:(?:in|of|for|as|on|worth of)\s+)?(?:(?:the|a|an|my|your)\s+)?")


def _component(before: str, after: str) -> Component:
    """The component named right after the amount ("200k base"), else the last one before."""
    head = _LEAD_IN.sub("", after[:40], count=1)
    for component, pattern in _COMPONENT_CUES:
        if pattern.match(head):
            return component
    best, where = Component.BASE, -1
    for component, pattern in _COMPONENT_CUES:
        position = _last_cue(pattern, before[-60:])
        if position > where:
            best, where = component, position
    return best


def _money_moves(text: str) -> list[CandidateMove]:
    moves: list[CandidateMove] = []
    previous_end, previous_label = 0, None
    for item in _money_items(text):
        start = max(_sentence_start(text, item.start), previous_end)
        before = text[start : item.start]
        after = text[item.end : _sentence_end(text, item.end)]
        label = _label(before, after, previous_label)
        moves += _money_move(item, label, before, after)
        previous_end, previous_label = item.end, label
    return moves


def _money_move(item: _Money, label: str, before: str, after: str) -> list[CandidateMove]:
    value = item.low.value
    component = _component(before, after)
    if _FORFEIT.search(before[-60:]) or _FORFEIT.search(after[:40]):
        return [
            CandidateMove(
                kind=MoveKind.NAMES_NUMBER,
                component=Component.SIGN_ON,
                amount=value,
                detail="forfeit",
            )
        ]
    if label == "theirs":
        return []  # their own figure read back is not an ask
    if label == "current":
        return [CandidateMove(kind=MoveKind.REVEALS_CURRENT_PAY, amount=value)]
    if label == "competing":
        return [
            CandidateMove(
                kind=MoveKind.COMPETING_OFFER, amount=value, detail="offer", component=component
            )
        ]
    if label == "market":
        return [
            CandidateMove(
                kind=MoveKind.CITES_MARKET,
                amount=value,
                high=item.high.value if item.high else None,
            )
        ]
    relative = bool(_MORE.search(after[:20]) or _MORE.search(before[-20:]))
    if item.high is not None:
        return [
            CandidateMove(
                kind=MoveKind.NAMES_RANGE,
                component=component,
                low=value,
                high=item.high.value,
                amount=value,
                relative=relative,
            )
        ]
    return [
        CandidateMove(
            kind=MoveKind.NAMES_NUMBER, component=component, amount=value, relative=relative
        )
    ]


# ------------------------------------------------------------------ other moves


def _percent_moves(text: str) -> list[CandidateMove]:
    moves: list[CandidateMove] = []
    for match in _PERCENT.finditer(text):
        tail = text[match.end() : _sentence_end(text, match.end())]
        on_current = match.group("what").lower() == "raise" or bool(
            _PERCENT_CURRENT.search(tail[:40])
        )
        moves.append(
            CandidateMove(
                kind=MoveKind.NAMES_PERCENT,
                component=Component.BASE,
                percent=float(match.group("pct")),
                detail="current" if on_current else "offer",
            )
        )
        if on_current:
            moves.append(CandidateMove(kind=MoveKind.ANCHORS_ON_CURRENT))
    return moves


@dataclass(frozen=True)
class _Span:
    number: int
    weeks: bool
    relative: bool


def _duration(sentence: str, cue: re.Match[str]) -> _Span | None:
    """The days or weeks written nearest a component's cue, and whether it is an increase."""
    matches = list(_DURATION.finditer(sentence))
    if not matches:
        return None
    match = min(matches, key=lambda m: min(abs(m.start() - cue.end()), abs(cue.start() - m.end())))
    raw = match.group("n").lower()
    number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    near = sentence[max(0, match.start() - 12) : match.end() + 12]
    relative = bool(re.search(r"extra|more|additional|another|later", near, re.I))
    return _Span(number, match.group("unit").lower().startswith("week"), relative)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def _component_asks(text: str, numbered: set[Component]) -> list[CandidateMove]:
    """Asks about a component, in sentences that request something."""
    moves: list[CandidateMove] = []
    seen: set[Component] = set()
    for sentence in _sentences(text):
        if not _REQUEST.search(sentence):
            continue
        for component, pattern in _ASK_PATTERNS:
            cue = pattern.search(sentence)
            if component in seen or component in numbered or cue is None:
                continue
            if component == Component.BASE and seen - {Component.BASE}:
                continue  # "base is capped, so could we look at sign-on?" asks for sign-on
            seen.add(component)
            moves.append(_component_ask(component, sentence, cue))
    return moves


def _component_ask(component: Component, sentence: str, cue: re.Match[str]) -> CandidateMove:
    if component not in (Component.PTO, Component.START_DATE):
        return CandidateMove(kind=MoveKind.ASKS, component=component)
    span = _duration(sentence, cue)
    if span is None or span.number <= 0:
        return CandidateMove(kind=MoveKind.ASKS, component=component)
    number = span.number
    if component == Component.PTO and span.weeks:
        number *= 5  # a week of PTO is five working days
    if component == Component.START_DATE and not span.weeks:
        number = max(1, number // 7)
    return CandidateMove(
        kind=MoveKind.ASKS, component=component, amount=number, relative=span.relative
    )


def _found(pattern: re.Pattern[str], text: str, *, negatable: bool = False) -> bool:
    for match in pattern.finditer(text):
        if negatable and _NEGATION_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        return True
    return False


def _simple_moves(text: str) -> list[CandidateMove]:
    moves: list[CandidateMove] = []
    if _found(_DEFLECT, text):
        moves.append(CandidateMove(kind=MoveKind.DEFLECTS_CURRENT))
    if _RAISE_ON_CURRENT.search(text):
        moves.append(CandidateMove(kind=MoveKind.ANCHORS_ON_CURRENT))
    if _found(_MARKET, text):
        moves.append(CandidateMove(kind=MoveKind.CITES_MARKET))
    details = [name for name, pattern in _EVIDENCE if pattern.search(text)]
    moves += [CandidateMove(kind=MoveKind.CITES_EVIDENCE, detail=name) for name in details]
    if not details and _BUZZWORDS.search(text):
        moves.append(CandidateMove(kind=MoveKind.BUZZWORDS))
    if _found(_COMPETING_WORDS, text, negatable=True):
        moves.append(CandidateMove(kind=MoveKind.COMPETING_OFFER, detail="offer"))
    elif _found(_INTERVIEWS, text):
        moves.append(CandidateMove(kind=MoveKind.COMPETING_OFFER, detail="interviews"))
    if _found(_TIME, text):
        moves.append(CandidateMove(kind=MoveKind.ASKS_TIME))
    if any(_PROBE.search(s) and _QUESTION.search(s) for s in _sentences(text)):
        moves.append(CandidateMove(kind=MoveKind.PROBES_BUDGET))
    if _found(_INJECTION, text):
        moves.append(CandidateMove(kind=MoveKind.INJECTION))
    return moves


def _ending_moves(text: str, asking: bool) -> list[CandidateMove]:
    """Accepting or walking; a conditional walk is a threat, a conditional yes is not a yes."""
    conditional = bool(_CONDITIONAL.search(text))
    if _found(_WALK, text, negatable=True):
        kind = MoveKind.THREATENS_WALK if conditional or asking else MoveKind.WALKS
        return [CandidateMove(kind=kind)]
    if _found(_ACCEPT, text, negatable=True) and not conditional and not asking:
        return [CandidateMove(kind=MoveKind.ACCEPTS)]
    if _found(_REJECT, text) and not asking:
        # "That's too low": a push back with no number, which the recruiter answers by
        # asking for one.
        return [CandidateMove(kind=MoveKind.ASKS, component=Component.BASE, detail="rejects")]
    return []


def _dedupe(moves: list[CandidateMove]) -> tuple[CandidateMove, ...]:
    seen: set[CandidateMove] = set()
    kept: list[CandidateMove] = []
    for move in moves:
        if move not in seen:
            seen.add(move)
            kept.append(move)
    # A bare cue adds nothing once the same kind of move came with a figure.
    for kind in (MoveKind.CITES_MARKET, MoveKind.COMPETING_OFFER):
        if any(m.kind == kind and m.amount for m in kept):
            kept = [m for m in kept if not (m.kind == kind and m.amount is None)]
    return tuple(kept)


def parse_moves(text: str) -> ParsedTurn:
    """Every move in one candidate message, in a stable order."""
    clean = " ".join((text or "").split())
    moves = _money_moves(clean) + _percent_moves(clean)
    numbered = {
        m.component
        for m in moves
        if m.component
        and m.kind in (MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE, MoveKind.NAMES_PERCENT)
    }
    moves += _component_asks(clean, {c for c in numbered if c is not None})
    moves += _simple_moves(clean)
    if (
        any(m.kind == MoveKind.REVEALS_CURRENT_PAY for m in moves)
        and any(m.kind in (MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE) for m in moves)
        and (_RAISE_ON_CURRENT.search(clean))
    ):
        moves.append(CandidateMove(kind=MoveKind.ANCHORS_ON_CURRENT))
    asking = any(
        m.kind
        in (MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE, MoveKind.NAMES_PERCENT, MoveKind.ASKS)
        for m in moves
    )
    moves += _ending_moves(clean, asking)
    if _ENTHUSIASM.search(clean):
        moves.append(CandidateMove(kind=MoveKind.ENTHUSIASM))
    if not moves:
        moves.append(CandidateMove(kind=MoveKind.OFF_TOPIC))
    return ParsedTurn(text=text, moves=_dedupe(moves))
