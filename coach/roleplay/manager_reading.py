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

from pydantic import BaseModel, ConfigDict, Field

from coach.money import find_amounts
from coach.roleplay.moves import PART_OF_OFFER, Component, MoveKind, ParsedTurn, parse_moves


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|half|a third|a quarter|a fifth)"
)
_METRIC = _rx(
    r"\d+(?:\.\d+)?\s?(?:%|percent|x\b|k\b|m\b|million|hours?|days?|weeks?|ms\b|minutes?)"
    r"|\$\s?\d|\b(?:halved|doubled|tripled|zero)\b|\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b"
    rf"|\b{_NUMBER_WORD} (?:days?|weeks?|hours?|months?|quarters?|seats?|engineers|people)\b"
    r"|\bno (?:customer-facing )?(?:downtime|outages?|incidents?)\b"
)
_BUSINESS = _rx(
    r"\b(?:revenue|cost|costs|spend|savings?|saved|churn|retention|conversion|incidents?"
    r"|outages?|downtime|uptime|latency|sla|customers?|clients?|renewals?|deals?|arr|mrr"
    r"|margin|fraud|losses|errors?|defects?|sev-?\d|on-?call|pages|tickets? (?:deflected|"
    r"resolved automatically)|time to (?:market|resolve|ship)|audit|compliance|regulat\w*"
    r"|the board|finance|billing|payments?|sales|pipeline|attrition|hires|onboarding|cycle time"
    r"|time to \w+|escaped defects|stockouts?|accounts|cac|arr|handle time|tickets? with no human"
    r"|contractor|headcount|budget|deal)\b"
)
_RESULT_VERB = _rx(
    r"\b(?:cut|cutting|reduced|reducing|lowered|saved|saving|increased|improved|grew|boosted"
    r"|halved|doubled|tripled|drove|generated|brought in|prevented|avoided|eliminated"
    r"|recovered|protected|unblocked|won|closed|landed|retained|dropped|raised|sped up"
    r"|shortened|went from|took .{0,30} from|saves|save|found|caught|got us|freed(?: up)?"
    r"|resolves|resolved|sourced|fixed|stopped|prevents|catches|from \d+%? to \d+)\b"
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
    r"\bif i(?:'m| am| were| was)? (?:gone|out|away|not here|moved|move|went|go|quit|left|leave"
    r"|were to leave)\b|\bi (?:also |basically |effectively |now |already |still )?own\b"
    r"|\bnobody (?:else )?(?:would|could|can|knows|has|is)\b|\bno one (?:else )?(?:would|could"
    r"|can|knows)\b|\b(?:stalls|stall|grind to a halt|pretty much stop|would stop)\b"
    r"|\bwithout me\b|\bi'?m the (?:only )?one"
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
    r"\bunfair\b|\bnot fair\b|\bundervalued\b|\bunappreciated\b|\bunderpaid\b.{0,20}"
    r"(?:feel|hurt)|\bi feel (?:like|that|so|really|very|undervalued|unappreciated|hurt|taken)"
    r"|\bfrustrat\w+|\bdisappoint\w*|\bhurt\w*\b|\bupset\b|\bstress\w*|\bexhausted\b|\bburn(?:ed|t)"
    r" out\b|\brent\b|\bmortgage\b|\bbills\b|\bcost of living\b|\bmy (?:family|kids|wife"
    r"|husband|partner|baby)\b|\bcan'?t afford\b|\bstruggling\b|\bloyal\w*\b"
    r"|\bafter all i'?ve done\b|\bafter everything\b|\bmeans a lot to me\b"
    r"|\bworked so hard\b|\bi need (?:the |this )?money\b|\bplease\b.{0,20}\b(?:need|beg)"
    r"|\bbeg\w*\b|\bhonestly (?:hurt|sad)|\bsad\b"
)
_THREAT = _rx(
    r"\b(?:i'?m gonna|i am gonna|gonna|i'?ll|i will|i'?m going to|i am going to|i'?d have to"
    r"|i would have to|i may have to"
    r"|i might have to|i might|i may|or i|otherwise i|else i|i'?m ready to|i'?ll have to|then i)"
    r"\s+(?:just\s+|have to\s+|need to\s+|probably\s+|seriously\s+)?(?:quit|leave(?!\s+(?:the|it"
    r"|that|this|those|amount|decision|number|with))|resign|walk"
    r"(?: out| away)?|start (?:looking|interviewing)|look (?:elsewhere|around)|go elsewhere"
    r"|find (?:another|a new) (?:job|role)|take (?:another|an outside|the other) (?:job|offer))"
    r"|\bstart(?:ing)? to look (?:elsewhere|around)\b|\bother companies (?:would|will)"
    r" (?:pay|hire)\b|\bi can (?:easily )?get (?:more|paid more|a job) (?:elsewhere|somewhere)"
    r"|\bor i'?m (?:out|gone|leaving)\b|\bi'?m (?:out|gone|done) (?:if|unless)\b"
    r"|\b(?:if|unless)\b.{0,60}\b(?:i'?ll|i will|i'?m going to)\s+(?:quit|leave|resign|walk)"
    r"|\bstart (?:interviewing|looking)\b|\bbackfill me\b|\bhand in my notice\b"
    r"|\bpick up (?:one of )?(?:those|the|their) (?:calls|recruiters)\b|\btake (?:one of )?"
    r"(?:those|the|their) calls\b|\bif this doesn'?t (?:move|change)\b.{0,30}\bi will\b"
)
# The words of a threat to leave, in a line the recruiter call's parser reads as a walk.
_LEAVES = _rx(
    r"\b(?:walk\w*|leav\w+|quit\w*|resign\w*|elsewhere|i'?m out|go(?:ing)? with the other"
    r"|take the other|other (?:offer|job|company|role))\b"
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
    r"|\bin (?:a|the|my|our) (?:doc|document|review doc|email|slack message)\b|\ba (?:slack "
    r"message|doc we)\b|\bnote (?:it|this|that) (?:in|down)\b|\bsummar\w+ (?:email|note)\b"
    r"|\bput (?:it|this|that|the \w+)(?: \w+){0,6} in (?:a|an|the|my) (?:doc|email|writing"
    r"|message)\b"
)
_DATE = _rx(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|may)\.? \d{1,2}\b"
    r"|\b(?:january|february|march|april|june|july|august|september|october|november|december)"
    r" (?:promo(?:tion)? |comp |review |planning )?(?:cycle|review|calibration)\b"
    r"|\bnext (?:monday|tuesday|wednesday|thursday|friday|week)\b"
    r"|\b(?:by|before|on|at|in|from|starting|effective|this|next|until|for)\s+(?:the\s+)?(?:january|"
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
    r"|\b(?:money|pay|raise) can wait\b|\bisn'?t about (?:the )?money\b|\bnot about (?:the )?"
    r"money\b|\bnot asking for (?:a |any )?(?:salary|money|raise|pay|comp)|\bmoney isn'?t the point"
    r"|\bnot (?:asking|looking) for money\b"
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
# ------------------------------------------------------------------ a yes, a no, or neither
#
# A reply to the manager is a yes when it says so in words that carry the yes themselves
# ("deal", "agreed", "works for me", "I can live with that", "I'll take the bonus", "5% it
# is", "go ahead and submit it"), or when the manager's last line put something on the table
# (``on_the_table``: a figure, a bonus, a title, a plan, a review date, "agreed?") and the
# reply is nothing but assent ("Thanks, that's fine.", "Lovely, cheers, that's brilliant.",
# "ok, let's put the review date in writing then"). It is never a yes with a question mark,
# on a condition ("if ... I'll take it"), with a hedge ("let me think", "in principle"), or
# when what follows the last "but" takes it back ("ok, but I was hoping for more"). A bare
# "no", "nah" or "yeah, no" is a no only to something on the table.

# What the manager's line offers or asks agreement on; "nothing I can do" offers nothing.
_ON_THE_TABLE = _rx(
    r"\d\s?%|[$£€]\s?\d|\b\d+(?:\.\d+)?\s?k\b|\b(?:bonus|in writing|write it up|an email"
    r"|(?:a|the) (?:written |development )?plan|review\b|revisit|backdat\w*|pto|time off|title\b"
    r"|put you forward for|support the promotion|agreed\?|settled|can we agree|how about"
    r"|what about|your choice|on the table|final offer|(?<!nothing )(?<!not much )i can (?:do|offer"
    r"|give|get|go|stretch|match|confirm))"
)
# A yes in words that carry it whatever was said before.
_YES = _rx(
    r"\b(?:agreed|i can (?:live|work) with (?:that|it|this)|(?:that|this|it) works\b|works for me"
    r"|fine (?:by|with) me|let'?s (?:go with|go for|do) (?:that|it|this)|(?:happy|glad|ready) to "
    r"(?:go with|take|accept) (?:it|that|this)|i'?m happy with (?:it|that|this)"
    r"|go ahead (?:and|with)|go on then|that'?ll do|can'?t argue with (?:that|it)"
    r"|(?:\d+(?:\.\d+)?\s?%|that|the \w+) it is\b"
    r"|i'?ll take (?:the |that |your )?(?:bonus|title|raise|plan|promotion|offer|\d)"
    r"|you'?ve got a deal|we have a deal|it'?s a deal|count me in)"
)
# Assent and its filler: a reply made of these alone says yes to what is on the table.
_ASSENT = _rx(
    r"\b(?:ok(?:ay)?|k|yes|yeah|yep|yup|sure|alright|all right|fine|fair enough|sounds (?:good"
    r"|great|fair|fine|perfect|lovely)|(?:that'?s|thats|that is|it'?s) (?:(?:really|very|so|all) )?"
    r"(?:fine|fair|good|great|brilliant|perfect|lovely|excellent|fantastic|amazing|wonderful|ok(?:ay)?)"
    r"|great|perfect|lovely|brilliant|excellent|fantastic|amazing|awesome|wonderful|cool)\b"
)
_FILLER = _rx(
    r"\bno\b(?=\W+(?:that'?s|thats|that is|it'?s|it is) (?:fine|ok|okay|all right|good|great))"
    r"|\b(?:no problem|thing|thanks|thank you|thx|ty|cheers|so much|very much|a lot|wow|oh|ah"
    r"|well|then|please|no worries(?: at all)?|honestly|really|indeed|great to hear|good to hear)\b"
)
# "ok, let's put the review date in writing then": assent, and the follow-through asked.
_IN_WRITING_TOO = _rx(
    r"^(?:let'?s|please|can we|could we|and)?\s*(?:put|get|write|send|confirm|note|document)\b"
)
_CONTRAST = _rx(r"\b(?:but|though|however|although|except)\b")
_CONDITION = _rx(r"\b(?:if|unless|as long as|provided|only if|assuming|on condition)\b")
_NOT_A_CONDITION = _rx(r"\bif i'?m (?:being )?honest\b|\bif that makes sense\b|\bif you ask me\b")
_HEDGE = _rx(
    r"\b(?:let me think|think (?:about )?it over|think about it|sleep on it|get back to you"
    r"|talk it over|in principle|in theory|not (?:there )?yet|i guess|maybe|not sure|hoping for"
    r" more|hoped for more|consider)\b"
)
_BARE_NO = _rx(r"^(?:(?:ok(?:ay)?|yeah|well|then|so|sorry|and)\s+)*(?:no|nah|nope)(?: thanks)?$")
_DECLINES = _rx(
    r"\b(?:no thanks|no thank you|i (?:can'?t|won'?t|don'?t) accept|i decline|i'?ll pass"
    r"|that doesn'?t work|(?:doesn'?t|does not|won'?t|will not) work for me|not acceptable"
    r"|i(?:'m| am) not (?:ok|okay|happy) with (?:that|this)|doesn'?t (?:really )?help(?: me)?"
    r"|i(?:'m| am) not (?:willing|prepared|going) to (?:wait|accept|take)|i(?:'m| am) not taking"
    r"|i won'?t take|turn (?:that|it|this) down|(?:going to|have to|must|will|'ll|gonna) "
    r"(?:respectfully )?decline|(?:isn'?t|is not|won'?t|doesn'?t) (?:going to )?cut it)\b"
)
# A no to one part of what is on the table ("I'll pass on the bonus, I need it in base",
# "no thanks to the one-off", "I'd rather have it in base"): the talk goes on about the rest;
# only a no to the whole thing ("no thanks", "I'll pass") declines the talk.
_DECLINES_PART = _rx(
    r"\b(?:pass on|decline|skip|turn down|say no to|(?:don'?t|do not) (?:really )?(?:want|need)"
    r"|no thanks? (?:you )?(?:to|on)|not interested in|(?:rather|prefer) not (?:to )?(?:have|take)"
    r"|(?:can'?t|cannot|won'?t) (?:accept|take)|not taking|forget|drop)\s+(?:on\s+)?(?:the\s+"
    r"|that\s+|this\s+|your\s+|a\s+|any\s+)?(?:(?!to\b|for\b|until\b|wait)[\w-]+\s+){0,2}?"
    + PART_OF_OFFER
    + r"|\b(?:the |a |that )?(?:one-?(?:off|time) )?bonus (?:doesn'?t|does not|won'?t|isn'?t"
    r"|is not) (?:really )?(?:help|work|cut it|what i)"
    r"|\b(?:need|want|rather have|prefer|put) (?:it|that|this|the money|that money)"
    r" (?:in|on|as|into) (?:the |my )?base\b"
    r"|\b(?:base|salary) (?:instead of|rather than|not) (?:the |a )?(?:one-?(?:off|time) )?bonus\b"
    r"|\binstead of (?:the |a )?(?:one-?(?:off|time) )?bonus\b"
)
# The part named wins over "in base", which says what is wanted instead (of a bonus).
_PART_NAMES = (
    ("title", _rx(r"title|promotion")),
    ("bonus", _rx(r"bonus|one-?(?:off|time)")),
    ("plan", _rx(r"plan|review")),
    ("bonus", _rx(r"\bbase\b")),
)


def _declined_part(text: str) -> tuple[str | None, str]:
    """The part of the table a message says no to, and the message without those words."""
    found = list(_DECLINES_PART.finditer(text))
    if not found:
        return None, text
    words = " ".join(m.group(0) for m in found)
    part = next((name for name, rx in _PART_NAMES if rx.search(words)), "other")
    return part, _DECLINES_PART.sub(" ", text)


_WANTS_RAISE = _rx(
    r"\b(?:a raise|raise\b|more money|bump|pay (?:rise|increase)|increase|adjustment|paid more"
    r"|more pay|room to \w+ my pay)"
)
_DEFERS = _rx(
    r"\bleave (?:the amount|the number|it|that) (?:up )?to you\b|\byou tell me\b|\bwhatever (?:you"
    r" think|is fair|the standard)|\bwhat(?:'s| is) possible\b|\bwhat (?:can|could) you do\b"
)
_ASK_CUE = _rx(
    r"\b(?:ask(?:ing)?|want|would like|i'?d like|raise|bump|increase|adjustment|base (?:at|of|to)"
    r"|salary (?:of|at|to)|pay me|move me|get me|looking for|target|hoping for|propose)\b"
)
_RAISE_PERCENT = _rx(
    r"(?:bump|raise|increase|adjustment|more)\b.{0,40}?(\d+(?:\.\d+)?)\s?(?:%|percent)"
    r"|(\d+(?:\.\d+)?)\s?(?:%|percent)\s+(?:raise|bump|increase|more|adjustment)"
)
# Where one example ends and the next begins: sentences, ", and the ...", "second,", "also".
_SENTENCES = re.compile(
    r"(?<=[.!?;])\s+|,\s+and\s+(?=(?:i|we|the|it|they|that|this|our|my)\b)|\bsecond(?:ly)?,?\s+"
    r"|\balso,?\s+|\bseparately,?\s+",
    re.IGNORECASE,
)
_PROPOSES = _rx(
    r"\b(?:could we|can we|let'?s|aim|i'?d like|i want|i need|effective|starting|by|asking"
    r"|my ask|i'?m asking)\b"
)
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_HUNDREDS = _rx(
    r"\b(a|one|two|three) hundred(?: and)?(?: (twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety))?(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b(?! (?:dollars|people"
    r"|tickets|users|customers))"
)
_BEFORE_AFTER = _rx(
    r"\d[\d.,]*\s?\S*\s+(?:instead of|rather than|down from|up from)\s+\d"
    rf"|\bfrom (?:roughly |about |around )?(?:\d[\d.,]*%?|{_NUMBER_WORD})\b.{{0,30}}?\bto "
    rf"(?:about |around |roughly )?(?:\d|{_NUMBER_WORD}\b)"
)
_BONUS = _rx(r"\b(?:one-?(?:off|time) (?:bonus|payment)|spot bonus|bonus)\b")


class EmployeeTurn(BaseModel):
    """What one employee message does in a raise talk."""

    model_config = ConfigDict(frozen=True)

    text: str
    ask_base: int | None = None  # the new base asked for, in dollars
    ask_percent: float | None = None  # "a 10% raise"
    ask_more: int | None = None  # "20k more"
    dated: bool = False  # a date or time frame in the message
    proposes_date: bool = False  # a date put forward for the ask ("could we aim for June?")
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
    defers: bool = False  # "I'll leave the amount to you"
    wants_raise: bool = False  # asks for more pay without a figure
    results: int = 0  # examples tied to a business result in this message
    # One key per result, its figures ("18%|400k"), to tell a result said again from a new one.
    result_keys: list[str] = Field(default_factory=list)
    injection: bool = False
    hostile: bool = False
    accepts: bool = False
    declines: bool = False  # a no to the whole of what is on the table
    declines_part: str | None = None  # a no to one part of it: "bonus", "title", "plan", "other"
    quits: bool = False
    says_nothing: bool = False

    @property
    def asks_money(self) -> bool:
        return any(v is not None for v in (self.ask_base, self.ask_percent, self.ask_more))

    @property
    def makes_case(self) -> bool:
        return self.outcomes or self.differentiation or self.risk or self.market_source is not None


# "move from $160k to $195k": where the base is and where it should go, not a range whose
# bottom is the ask.
_FROM_TO = re.compile(
    r"\bfrom\s+(?:my\s+|the\s+)?(?:current\s+)?\$?\s?\d[\d,.]*\s?k?\b.{0,25}?\bto\s+\$?\s?\d",
    re.IGNORECASE,
)


def _base_asks(
    parsed: ParsedTurn, sentence: str = ""
) -> tuple[int | None, float | None, int | None]:
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
                moving = move.kind == MoveKind.NAMES_RANGE and _FROM_TO.search(sentence)
                absolute.append((move.high if moving else move.low) or move.amount)
            elif move.amount >= 1_000:  # "5k more" said without "more": a raise of 5k
                more = max(more or 0, move.amount)
    return (max(absolute) if absolute else None), percent, more


def _market_figure(text: str) -> int | None:
    """A salary-sized figure in a message that names the market (the market's own figure)."""
    values = [a.value for a in find_amounts(text) if 10_000 <= a.value <= 5_000_000]
    bare = re.findall(r"(?<![\d$.,])(\d{2,3})(?:k\b|\s?(?:thousand|grand)\b)", text)
    values += [int(b) * 1000 for b in bare]
    return max(values) if values else None


def _spoken_numbers(text: str) -> str:
    """ "a hundred fifty" as "150k": salaries said in words."""

    def figure(m: re.Match[str]) -> str:
        hundreds = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group(1).lower()]
        value = 100 * hundreds + _TENS.get((m.group(2) or "").lower(), 0)
        return f"{value + _ONES.get((m.group(3) or '').lower(), 0)}k"

    return _HUNDREDS.sub(figure, text)


# "That deal alone was $900k ARR.", "it would have overstated ARR by 6%": a sentence that
# opens on the result just told goes on telling it; it is not a second example.
_GOES_ON = _rx(r"^\s*(?:and\s+)?(?:it|that|this|which|those|these)\b")
_FIGURE = re.compile(r"\$?\d[\d,.]*\s?(?:%|k\b|m\b)?", re.IGNORECASE)


def _result_key(text: str) -> str:
    """A result's figures, as said ("18%|400k"), or its words when it has none."""
    figures = [
        f.replace(" ", "").replace("$", "").rstrip(".,").lower() for f in _FIGURE.findall(text)
    ]
    return "|".join(sorted(set(figures))) or " ".join(text.lower().split()[:8])


def _results(text: str) -> list[str]:
    """The business results told in a message, one key each: a sentence that goes on
    about the result before it is folded into it."""
    told: list[str] = []
    last_was_result = False
    for part in _SENTENCES.split(text):
        if not part:
            continue
        if _is_result(part):
            if last_was_result and _GOES_ON.search(part):
                told[-1] += " " + part
            else:
                told.append(part)
            last_was_result = True
        else:
            last_was_result = False
    return [_result_key(t) for t in told]


def _is_result(sentence: str) -> bool:
    """A sentence that states a business result: a result verb, a business word, a metric;
    or a before-and-after in figures ("2 days instead of 3 weeks", "from 9% to 2%")."""
    if _BEFORE_AFTER.search(sentence):
        return True
    verb, business = bool(_RESULT_VERB.search(sentence)), bool(_BUSINESS.search(sentence))
    if _OUTPUT.search(sentence) and not business:
        return False  # "closed 140 tickets": a count of work, not a result
    metric = bool(_METRIC.search(sentence))
    return (business and (verb or metric)) or (verb and metric)


def _asks(text: str) -> tuple[int | None, float | None, int | None]:
    """The base asked for, sentence by sentence: a figure in a result ("saved $2.1M") is
    evidence, not an ask, unless the sentence also asks."""
    absolute: list[int] = []
    percents: list[float] = []
    more: list[int] = []
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        described = _is_result(sentence) or _OUTPUT.search(sentence)
        if described and not _ASK_CUE.search(sentence):
            continue  # "saved $2.1M", "wrote 40 dbt models": the work, not an ask
        a, p, m = _base_asks(parse_moves(sentence), sentence)
        absolute += [a] if a is not None else []
        percents += [p] if p is not None else []
        more += [m] if m is not None else []
        found = _RAISE_PERCENT.search(sentence)
        if p is None and found and not _is_result(sentence):
            percents.append(float(found.group(1) or found.group(2)))
    return (
        max(absolute) if absolute else None,
        max(percents) if percents else None,
        max(more) if more else None,
    )


def on_the_table(line: str) -> bool:
    """Whether the manager's line offers something, or asks agreement on it, that a bare
    "ok" or "no" would answer."""
    return bool(_ON_THE_TABLE.search(line or ""))


def _final_part(text: str) -> tuple[str, int]:
    """What follows the last "but" (the words that stand), and where it starts."""
    found = list(_CONTRAST.finditer(text))
    start = found[-1].end() if found else 0
    return text[start:], start


def _assent_only(text: str) -> bool:
    """A reply of assent alone ("Thanks, that's fine."), or assent and a request to put it
    in writing; at least one word of it says yes ("thanks" alone does not)."""
    if not _ASSENT.search(text):
        return False
    rest = _ASSENT.sub(" ", _FILLER.sub(" ", text.lower()))
    parts = [p.strip() for p in re.split(r"[^\w' ]+", rest) if p.strip()]
    return all(_IN_WRITING_TOO.search(p) and _WRITTEN.search(p) for p in parts)


def _says_yes(text: str, parsed: ParsedTurn, table: bool) -> bool:
    """A yes: see the note above ``_ON_THE_TABLE``."""
    if "?" in text:
        return False
    spoken = _NOT_A_CONDITION.sub(" ", text)
    final, start = _final_part(spoken)
    if _CONDITION.search(final) or _HEDGE.search(final):
        return False
    if any(m.start() >= start for m in _YES.finditer(spoken)):
        return True
    # The recruiter call's reading of a yes ("I accept", "I'll take it", "deal"), of the
    # words that stand.
    if (parsed if start == 0 else parse_moves(final)).has(MoveKind.ACCEPTS):
        return True
    return table and start == 0 and _assent_only(spoken)


def _says_no(text: str, table: bool) -> bool:
    """A no: in words ("doesn't work for me", "I'll pass", "turn that down"), or, to
    something on the table, a bare "no" ("no", "ok, then no", "Yeah, no.")."""
    if _DECLINES.search(text):
        return True
    if not table:
        return False
    clauses = [c.strip() for c in re.split(r"[^\w' ]+", text.lower()) if c.strip()]
    bare = [i for i, c in enumerate(clauses) if _BARE_NO.match(c)]
    # "No, that's fine.": the no is to the question, and the yes follows it.
    return bool(bare) and not any(_ASSENT.search(c) for c in clauses[bare[-1] + 1 :])


def _source(text: str) -> str | None:
    """The source named first in the message."""
    found = [(m.start(), name) for name, pattern in _SOURCES if (m := pattern.search(text))]
    return min(found)[1] if found else None


def read_turn(text: str, after: str = "") -> EmployeeTurn:
    """Every signal in one employee message, in a stable reading. ``after``: the manager's
    line it answers (a bare "ok" or "no" is a yes or a no only to something on the table)."""
    own = _spoken_numbers(" ".join((text or "").split()))
    parsed = parse_moves(own)
    ask_base, ask_percent, ask_more = _asks(own)
    found = _results(own)
    results = len(found)
    band_claim = bool(_BAND_CLAIM.search(own)) and bool(re.search(r"\d", own))
    if band_claim:  # "HR told me the band tops out at 200k" claims a figure, it asks nothing
        ask_base, ask_percent, ask_more = None, None, None
    market_moves = parsed.all(MoveKind.CITES_MARKET)
    source = _source(own)
    market = bool(market_moves) or bool(_MARKET_WORDS.search(own)) or source is not None
    figure = next((m.amount for m in market_moves if m.amount), None) or _market_figure(own)
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
    # A threat is to leave, in words that say so ("or I'll walk", "I'll start looking"); a
    # plain "I'll pass" or "I'm done here" says no to what is on the table, it threatens nothing.
    threat = (
        bool(_THREAT.search(own))
        or (parsed.has(MoveKind.THREATENS_WALK, MoveKind.WALKS) and bool(_LEAVES.search(own)))
    ) and not quits
    injection = parsed.has(MoveKind.INJECTION)
    table = on_the_table(after)
    part, rest = _declined_part(own)
    accepts = not injection and not threat and _says_yes(rest, parse_moves(rest), table)
    words = len(own.split())
    quiet = all(m.kind in (MoveKind.OFF_TOPIC, MoveKind.ENTHUSIASM) for m in parsed.moves)
    return EmployeeTurn(
        text=text,
        ask_base=ask_base,
        ask_percent=ask_percent,
        ask_more=ask_more,
        dated=bool(_DATE.search(own)),
        proposes_date=bool(_DATE.search(own)) and bool(_PROPOSES.search(own)),
        outcomes=outcomes,
        output=bool(_OUTPUT.search(own)),
        differentiation=bool(_DIFFERENTIATION.search(own)),
        risk=bool(_RISK.search(own)),
        market=market,
        market_source=source if market and (figure or _market_figure(own)) else None,
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
        defers=bool(_DEFERS.search(own)),
        wants_raise=bool(_WANTS_RAISE.search(own)),
        results=max(results, int(outcomes)),
        result_keys=found or ([_result_key(own)] if outcomes else []),
        injection=injection,
        hostile=parsed.has(MoveKind.HOSTILE),
        accepts=accepts,
        declines=(_says_no(rest, table) or parse_moves(rest).has(MoveKind.WALKS)) and not accepts,
        declines_part=part,
        quits=quits,
        says_nothing=quiet and "?" not in own and words <= 3,
    )


# A list marker before a result ("1.", "2)", "First,", "Second,"): the numbering, not the words.
_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|(?:first|second|third|also|separately)(?:ly)?\b,?)\s*",
    re.IGNORECASE,
)


def results_said(text: str) -> list[str]:
    """The business results one employee message states, in the employee's own words and
    figures (the list markers dropped): the sentences ``read_turn`` counts as results."""
    own = " ".join((text or "").split())
    found = []
    for part in _SENTENCES.split(own):
        words = _MARKER.sub("", part or "").strip()
        if words and _is_result(_spoken_numbers(words)):
            found.append(words[:1].upper() + words[1:])
    return found
