"""Reading the employee's turn in a raise talk: what it asks and how it makes the case.

Money, injections, hostility, acceptance and competing offers are read by the recruiter
call's parser (``moves.parse_moves``): one reading of money for both calls. On top of it,
this module reads what the articles judge in a talk with one's own manager: outcomes or
output, what would break without the person, the risk they carry, the market named with
its source, emotional appeals, threats to leave, a date for the ask, a written follow-up,
a promotion. Deterministic and state-free, like the parser.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from coach.roleplay.moves import Component, MoveKind, ParsedTurn, parse_moves


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_METRIC = _rx(
    r"\d+(?:\.\d+)?\s?(?:%|percent|x\b|k\b|m\b|million|hours?|days?|weeks?|ms\b|minutes?)"
    r"|\$\s?\d|\b(?:halved|doubled|tripled|zero)\b"
)
_BUSINESS = _rx(
    r"\b(?:revenue|cost|costs|spend|savings?|saved|churn|retention|conversion|incidents?"
    r"|outages?|downtime|uptime|latency|sla|customers?|clients?|renewals?|deals?|arr|mrr"
    r"|margin|fraud|losses|errors?|defects?|sev-?\d|on-?call|pages|tickets? (?:deflected|"
    r"resolved automatically)|time to (?:market|resolve|ship)|audit|compliance|regulat\w*"
    r"|the board|finance|billing|payments?|sales|pipeline)\b"
)
_RESULT_VERB = _rx(
    r"\b(?:cut|cutting|reduced|reducing|lowered|saved|saving|increased|improved|grew|boosted"
    r"|halved|doubled|tripled|drove|generated|brought in|prevented|avoided|eliminated"
    r"|recovered|protected|unblocked|won|closed|landed|retained|dropped|raised|sped up"
    r"|shortened|went from|took .{0,30} from)\b"
)
_OUTPUT = _rx(
    r"\b(?:closed|merged|wrote|shipped|finished|completed|handled|did|pushed|reviewed)\s+"
    r"(?:\w+\s+){0,2}\d+\s+(?:tickets|prs|pull requests|stories|commits|tasks|features"
    r"|lines|points|story points|issues|jira)"
    r"|\b(?:lines of code|story points|number of (?:tickets|commits|prs)|more (?:code|tickets"
    r"|commits|prs|output)|my (?:velocity|output)|i work(?:ed)? (?:really )?(?:hard|long hours"
    r"|late|weekends)|always (?:busy|online)|work(?:ed|ing)? (?:so |really )?hard|long hours"
    r"|(?:nights|weekends) and)\b"
)
_DIFFERENTIATION = _rx(
    r"\bif i (?:left|leave|were to leave|was gone|went)|\bwithout me\b|\bi'?m the (?:only )?one"
    r" who\b|\bi am the (?:only )?one who\b|\bonly (?:one|person) (?:who|that)\b|\bi own\b"
    r"|\bi'?m the owner\b|\bowner of\b|\bwould (?:break|stall|stop|slip|fall over|suffer)\b"
    r"|\bsingle point of failure\b|\bbus factor\b|\bnobody else (?:knows|can)\b|\bno one else"
    r" (?:knows|can)\b|\bend to end\b|\bknow\w* .{0,30} inside out\b|\bgo-to (?:person|for)\b"
    r"|\bhard to replace\b|\bwhat breaks\b"
)
_RISK = _rx(
    r"\b(?:ai (?:proposes|suggests|writes|generates|drafts)\b.{0,60}\b(?:i|we) (?:decide|review"
    r"|check|sign off|catch)|bugs? (?:the )?(?:ai|copilot|tools?|model) (?:miss|misses|missed)"
    r"|catch(?:es|ing)? what (?:the )?(?:ai|tools?) miss\w*|review(?:ing)? (?:the )?(?:ai|"
    r"generated|model)\W*(?:\w+\W+){0,2}(?:output|code|changes)|judg(?:e)?ment|accountab\w+"
    r"|responsible for (?:whether|what|the)|the cost of (?:a |getting it )?(?:mistake|wrong"
    r"|error|bad)|a bad (?:call|change|migration|number|deploy)|the risk\b|risky|security"
    r"|governance|data quality|why (?:is )?(?:this|the number) (?:is )?wrong|what i'?m (?:paid|"
    r"accountable|responsible) for|what (?:the )?(?:ai|tools?) (?:don'?t|doesn'?t|can'?t|won'?t)"
    r" (?:do|cover|own|catch)|(?:numbers|data|figures) .{0,40}(?:are|is) (?:right|correct))"
)
_SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Levels.fyi", _rx(r"\blevels(?:\.?fyi)?\b")),
    ("Glassdoor", _rx(r"\bglassdoor\b")),
    ("AI Pulse", _rx(r"\bai pulse\b")),
    ("BLS OEWS", _rx(r"\b(?:bls|oews|bureau of labor)\b")),
    ("the AI engineer salary guide", _rx(r"\bsalary guide\b")),
    ("aijobs.net", _rx(r"\baijobs\b")),
    ("Payscale", _rx(r"\bpayscale\b")),
    ("a salary survey", _rx(r"\b(?:radford|mercer|carta|pave|salary survey|comp survey)\b")),
    ("recruiters", _rx(r"\brecruiters?\b.{0,40}\b(?:quot|offer|range|said|pay)")),
)
_MARKET_WORDS = _rx(
    r"\b(?:median|market (?:rate|data|pay|median|range|value)|percentile|p50|p75|going rate"
    r"|the market|industry (?:average|rate)|benchmark\w*|what (?:others|peers|people) "
    r"(?:in|at) .{0,30}(?:make|earn|get paid))\b"
)
_EMOTIONAL = _rx(
    r"\bi deserve\b|\bunfair\b|\bnot fair\b|\bundervalued\b|\bunappreciated\b|\bunderpaid\b.{0,20}"
    r"(?:feel|hurt)|\bi feel (?:like|that|so|really|very|undervalued|unappreciated|hurt|taken)"
    r"|\bfrustrat\w+|\bdisappoint\w*|\bhurt\w*\b|\bupset\b|\bstress\w*|\bexhausted\b|\bburn(?:ed|t)"
    r" out\b|\brent\b|\bmortgage\b|\bbills\b|\bcost of living\b|\bmy (?:family|kids|wife"
    r"|husband|partner|baby)\b|\bcan'?t afford\b|\bstruggling\b|\bloyal\w*\b"
    r"|\bbeen here (?:for )?(?:\w+ )?(?:years|so long)|\bafter all i'?ve done\b"
    r"|\bworked so hard\b|\bi need (?:the |this )?money\b|\bplease\b.{0,20}\b(?:need|beg)"
    r"|\bbeg\w*\b|\bhonestly (?:hurt|sad)|\bsad\b"
)
_THREAT = _rx(
    r"\b(?:i'?ll|i will|i'?m going to|i am going to|i'?d have to|i would have to|i may have to"
    r"|i might have to|i might|i may|or i|otherwise i|else i|i'?m ready to|i'?ll have to|then i)"
    r"\s+(?:just\s+|have to\s+|need to\s+|probably\s+|seriously\s+)?(?:quit|leave|resign|walk"
    r"(?: out| away)?|start (?:looking|interviewing)|look (?:elsewhere|around)|go elsewhere"
    r"|find (?:another|a new) (?:job|role)|take (?:another|an outside|the other) (?:job|offer))"
    r"|\bstart(?:ing)? to look (?:elsewhere|around)\b|\bother companies (?:would|will)"
    r" (?:pay|hire)\b|\bi can (?:easily )?get (?:more|paid more|a job) (?:elsewhere|somewhere)"
    r"|\bor i'?m (?:out|gone|leaving)\b|\bi'?m (?:out|gone|done) (?:if|unless)\b"
    r"|\b(?:if|unless)\b.{0,60}\b(?:i'?ll|i will|i'?m going to)\s+(?:quit|leave|resign|walk)"
)
_QUITS = _rx(
    r"\b(?:i quit|i resign|i'?m resigning|i am resigning|consider this my (?:notice"
    r"|resignation)|here is my (?:notice|resignation)|i'?m handing in my notice"
    r"|i'?m (?:leaving|taking the other offer)\.?$)"
)
_WRITTEN = _rx(
    r"\bin writing\b|\bwrite (?:it|this|that) (?:down|up)\b|\bwritten (?:plan|follow-?up|"
    r"summary|agreement|commitment|confirmation|recap)\b|\b(?:send|email|e-mail) me\b|\bby email\b"
    r"|\bfollow-?up (?:email|note|doc)\b|\brecap\b|\bdocument (?:it|this|that|the plan)\b"
    r"|\bput (?:it|this|that) (?:in|on) (?:an email|paper|a doc|the record)\b|\bon record\b"
    r"|\bconfirm (?:it|this|that) (?:by|in|over) (?:email|writing)\b"
)
_DATE = _rx(
    r"\b(?:by|before|on|at|in|from|starting|effective|this|next|until)\s+(?:the\s+)?(?:january|"
    r"february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar"
    r"|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\b(?:q[1-4]|h[12])\b|\bnext (?:quarter|month"
    r"|cycle|review|half)\b|\bthis (?:quarter|cycle|review|month)\b|\bin (?:\w+ )?(?:\d+|one|two"
    r"|three|four|six|twelve) (?:months?|weeks?)\b|\b(?:at|by|in) (?:the|my|our) (?:next |annual "
    r"|mid-?year |upcoming )?(?:review|cycle|performance review|comp review)\b|\bend of (?:the )?"
    r"(?:year|quarter|month)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}\b|\bfrom (?:the )?next "
    r"(?:paycheck|pay period)\b|\bstarting (?:now|immediately|next)\b|\beffective "
    r"(?:immediately|now)\b|\bby when\b|\bwhat date\b|\bwhich date\b"
)
_PROMOTION = _rx(
    r"\bpromot\w+|\bnext level\b|\blevel (?:up|change)\b|\b(?:to|the) (?:senior|staff|principal"
    r"|lead|l\d|level \d)\b|\btitle\b|\bre-?level\w*|\blevel(?:ed)? up\b"
)
_TITLE_ONLY = _rx(
    r"\b(?:just|only) (?:the )?(?:title|promotion)\b|\btitle (?:is|would be) (?:enough|fine|ok)"
    r"|\bdon'?t (?:need|care about) (?:the )?(?:money|raise)\b|\bnot (?:about|after) the money\b"
    r"|\b(?:money|pay|raise) can wait\b"
)
_CRITERIA = _rx(
    r"\bwhat would (?:it|i) (?:take|need)|\bwhat do i need to\b|\bwhat (?:would|does) (?:the )?"
    r"(?:criteria|bar)\b|\bwhat would (?:make|get)\b|\bwhat (?:results|scope|would you need)\b"
    r"|\bwhat needs to (?:be true|happen)\b|\bcriteria\b"
)
_PROBE = _rx(
    r"\b(?:what(?:'s| is| are)|how (?:big|much|large) is|tell me|share|reveal|give me|how much"
    r" (?:is|room|budget|do you have)|is there)\b.{0,40}\b(?:pool|budget|band|range|max\w*"
    r"|ceiling|cap|room|headroom)\b|\bhow much (?:can|could) you (?:do|give|go|offer)\b"
    r"|\bwhat(?:'s| is) the (?:most|max\w*)\b|\btop of (?:my|the) band\b.{0,20}\?"
)
_BAND_CLAIM = _rx(
    r"\b(?:hr|people team|payroll|someone|a colleague|my coworker|they|i heard|i know|i'?ve "
    r"heard|rumou?r)\b.{0,50}\b(?:band|pool|budget|range|max\w*|ceiling|cap)\b"
)
_DECLINES = _rx(
    r"\b(?:no thanks|i (?:can'?t|won'?t|don'?t) accept|i decline|i'?ll pass|that doesn'?t work"
    r"|not acceptable|i(?:'m| am) not (?:ok|okay|happy) with (?:that|this))\b"
)
_BONUS = _rx(r"\b(?:one-?(?:off|time) (?:bonus|payment)|spot bonus|bonus)\b")


class EmployeeTurn(BaseModel):
    """What one employee message does in a raise talk."""

    model_config = ConfigDict(frozen=True)

    text: str
    ask_base: int | None = None  # the new base asked for, in dollars
    ask_percent: float | None = None  # "a 10% raise"
    ask_more: int | None = None  # "20k more"
    dated: bool = False  # a date or time frame said with the ask
    outcomes: bool = False
    output: bool = False
    differentiation: bool = False
    risk: bool = False
    market: bool = False
    market_source: str | None = None
    market_figure: int | None = None
    emotional: bool = False
    threat: bool = False
    alternative: bool = False  # a real offer: named with a figure or in writing
    alternative_amount: int | None = None
    promotion: bool = False
    title_only: bool = False
    written: bool = False
    criteria: bool = False
    probes: bool = False
    band_claim: bool = False
    bonus: bool = False
    injection: bool = False
    hostile: bool = False
    accepts: bool = False
    declines: bool = False
    quits: bool = False
    says_nothing: bool = False

    @property
    def asks_money(self) -> bool:
        return any(v is not None for v in (self.ask_base, self.ask_percent, self.ask_more))

    @property
    def makes_case(self) -> bool:
        return self.outcomes or self.differentiation or self.risk or self.market_source is not None


def _base_asks(parsed: ParsedTurn) -> tuple[int | None, float | None, int | None]:
    absolute: list[int] = []
    percent: float | None = None
    more: int | None = None
    for move in parsed.asks_for(Component.BASE):
        if move.kind == MoveKind.NAMES_PERCENT and move.percent is not None:
            percent = max(percent or 0.0, move.percent)
        elif move.amount is not None and move.kind != MoveKind.ASKS:
            if move.relative:
                more = max(more or 0, move.amount)
            elif move.amount >= 10_000:
                absolute.append(move.low or move.amount)
            elif move.amount >= 1_000:  # "5k more" said without "more": a raise of 5k
                more = max(more or 0, move.amount)
    return (max(absolute) if absolute else None), percent, more


def _source(text: str) -> str | None:
    """The source named first in the message."""
    found = [(m.start(), name) for name, pattern in _SOURCES if (m := pattern.search(text))]
    return min(found)[1] if found else None


def read_turn(text: str) -> EmployeeTurn:
    """Every signal in one employee message, in a stable reading."""
    parsed = parse_moves(text)
    own = " ".join((text or "").split())
    ask_base, ask_percent, ask_more = _base_asks(parsed)
    band_claim = bool(_BAND_CLAIM.search(own)) and bool(re.search(r"\d", own))
    if band_claim:  # "HR told me the band tops out at 200k" claims a figure, it asks nothing
        ask_base, ask_percent, ask_more = None, None, None
    market_moves = parsed.all(MoveKind.CITES_MARKET)
    source = _source(own)
    market = bool(market_moves) or bool(_MARKET_WORDS.search(own)) or source is not None
    figure = next((m.amount for m in market_moves if m.amount), None)
    offers = [m for m in parsed.all(MoveKind.COMPETING_OFFER) if m.detail == "offer"]
    firm = [m for m in offers if m.amount] or (
        offers if re.search(r"\b(?:written|signed|in hand|in writing)\b", own, re.I) else []
    )
    evidence = parsed.has(MoveKind.CITES_EVIDENCE)
    business = bool(_BUSINESS.search(own))
    outcomes = (
        (evidence or bool(_RESULT_VERB.search(own)))
        and business
        and bool(_METRIC.search(own) or re.search(r"\b(?:halved|doubled|zero|every)\b", own, re.I))
    )
    quits = bool(_QUITS.search(own))
    threat = (
        bool(_THREAT.search(own)) or parsed.has(MoveKind.THREATENS_WALK, MoveKind.WALKS)
    ) and not quits
    injection = parsed.has(MoveKind.INJECTION)
    accepts = parsed.has(MoveKind.ACCEPTS) and not injection and not threat
    words = len(own.split())
    quiet = all(m.kind in (MoveKind.OFF_TOPIC, MoveKind.ENTHUSIASM) for m in parsed.moves)
    return EmployeeTurn(
        text=text,
        ask_base=ask_base,
        ask_percent=ask_percent,
        ask_more=ask_more,
        dated=bool(_DATE.search(own)),
        outcomes=outcomes,
        output=bool(_OUTPUT.search(own)),
        differentiation=bool(_DIFFERENTIATION.search(own)),
        risk=bool(_RISK.search(own)),
        market=market,
        market_source=source if market else None,
        market_figure=figure,
        emotional=bool(_EMOTIONAL.search(own)),
        threat=threat,
        alternative=bool(firm),
        alternative_amount=max((m.amount for m in firm if m.amount), default=None),
        promotion=bool(_PROMOTION.search(own)),
        title_only=bool(_TITLE_ONLY.search(own)),
        written=bool(_WRITTEN.search(own)),
        criteria=bool(_CRITERIA.search(own)),
        probes=bool(_PROBE.search(own)) or parsed.has(MoveKind.PROBES_BUDGET),
        band_claim=band_claim,
        bonus=bool(_BONUS.search(own)),
        injection=injection,
        hostile=parsed.has(MoveKind.HOSTILE),
        accepts=accepts,
        declines=bool(_DECLINES.search(own)) and not accepts,
        quits=quits,
        says_nothing=quiet and "?" not in own and words <= 3,
    )
