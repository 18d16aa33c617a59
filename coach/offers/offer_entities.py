"""Who, where and what job an offer is for, wherever the text says it.

"Senior AI engineer in Seattle:", "the position of Senior Data Engineer at our Raleigh,
North Carolina office", "join Fernhill as Engineering Manager", "Role: …" / "Location: …"
lines and table rows. Places are confirmed against the market's own place names and the
vocabulary's foreign cities, so a capitalised word is not taken for a city; the words
are kept as the person wrote them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from coach.errors import CoachError
from coach.market import load_tables
from coach.market.normalize import fuzzy_alias, normalize_role, place_index, role_index
from coach.vocabulary import (
    levels,
    normalise,
    places,
    private_company_named,
)

# Where a labelled value ends when a two-column layout puts the next "Label: value" on
# the same line: "Title: Staff ML Engineer Reports to: Jun Park Location: San Francisco".
_NEXT_LABEL = r"[ \t]+(?-i:[A-Z][a-z]+)(?:[ \t]+[a-z]+)?:[ \t]"
_LABELLED = re.compile(
    r"(?im)^[\s*•\-|\d.)]*(?P<key>role|job\s+title|title|position|location|work\s+location|"
    r"place\s+of\s+work|standort|company|employer|co|level)[ \t]*(?:[:|=\t]|\s-\s|[ \t]{2,})\s*"
    rf"(?P<value>[^\n|]+?)(?=\.\s|\s*\|?\s*$|{_NEXT_LABEL})"
)
# The same labels inside a line read across two columns, capitalised as labels are.
_MIDLINE = re.compile(
    r"(?<=[ \t])(?P<key>(?-i:Location|Work location|Place of work|Title|Position|Role))"
    rf"[ \t]*:[ \t]*(?P<value>[^\n|]+?)(?=\.\s|\s*\|?\s*$|{_NEXT_LABEL})"
)
_INLINE = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\n))(?P<key>role|title|position|location|company|level)"
    r"\s*:\s*(?P<value>[^;\n|]+?)(?=\.\s|\.$|;|\n|\||$)",
    re.IGNORECASE,
)
# "Role is senior full-stack, remote from …": the value ends at the comma.
_ROLE_IS = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\n))(?P<key>role|title|position)\s+is\s+(?:an?\s+)?"
    r"(?!based|located|remote|hybrid|in\b|at\b|on\b)(?P<value>[^;,\n|]+?)(?=[.,;\n|]|$)",
    re.IGNORECASE,
)
_LEVEL_WORDS = (
    r"(?:senior|snr|sr\.?|senoir|staff|principal|lead|junior|jr\.?|mid[-\s]level|mid|"
    r"entry[-\s]level|founding|associate|distinguished)"
)
_JOB_NOUNS = (
    r"(?:engineer|enginer|engineering\s+manager|scientist|manager|developer|researcher|"
    r"analyst|designer|architect|director|specialist|consultant|sre|sde|swe|programmer|"
    r"lead|owner|supervisor|coordinator|administrator|officer|accountant|biologist|"
    r"statistician|economist|strategist|editor|writer|nurse|physician|surgeon|pharmacist|"
    r"therapist|clinician|technician|technologist|paralegal|attorney|lawyer|counsel|"
    r"engenheir[oa](?:\s+de\s+\w+)?)"
)
# Words a job title does not start with or contain: "offer for a data analyst job".
_NOT_STOP = (
    r"(?!(?:for|of|as|a|an|the|at|in|to|me|my|you|is|was|and|with|on|offer|offered|"
    r"got|me|new|grad|hi|dear|from)\b)"
)
_TITLE = re.compile(
    rf"\b(?P<title>{_NOT_STOP}(?:{_LEVEL_WORDS}[ \t]+)?"
    rf"(?:{_NOT_STOP}[\w/+&'-]+[ \t]+){{0,3}}?{_JOB_NOUNS}s?\b"
    r"(?:[ \t]+(?:I{1,3}|IV|V)\b)?(?:[ \t]+\([^)\n]{1,20}\))?"
    r"(?:[ \t]+of[ \t]+(?-i:[A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?))?"
    r"(?:[ \t]+(?:S[eê]nior|Pleno|J[uú]nior))?)",
    re.IGNORECASE,
)
# A level and a field, the way people shorten a title: "senior backend", "staff ML".
_LEVEL_AND_FIELD = re.compile(
    rf"\b(?P<title>{_LEVEL_WORDS}[ \t]+(?:back[- ]?end|front[- ]?end|full[- ]?stack|mobile|ios|"
    r"android|data|ml|ai|devops|platform|infra(?:structure)?|security|qa|sre|swe|sde)"
    r"(?:[ \t]+(?:dev|developer|eng|engineer))?)\b(?![ \t]+(?:team|org|stack)\b)",
    re.IGNORECASE,
)
# Leadership titles without a job noun: "VP, Engineering", "Head of Data Science".
_LEAD_TITLE = re.compile(
    r"\b(?P<title>(?:SVP|VP|Vice[ \t]+President|Head)(?:,[ \t]*|[ \t]+of[ \t]+|[ \t]+)"
    r"(?-i:[A-Z][\w&-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&-]*){0,2}))"
)
_ROLE_CONTEXT = re.compile(
    r"(?:position|role|job|post)\s+(?:of|as)\s+(?:an?\s+|the\s+)?$|\bas\s+(?:an?\s+|the\s+)?$"
    r"|\bfor\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$|\boffer\s+for\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
# Weaker: a title opening a line or following a colon or dash ("Senior AI engineer in
# Seattle:", "— Senior QA Engineer"), but "Recruiter from X called" opens a line too.
_LINE_OPENING = re.compile(r"^\s*$|[:—–-]\s*$")
# A company name: capitalised words, with the legal ending it may carry.
_NAME = (
    r"[A-Z][\w&'’.-]*(?:[ \t]+(?:(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w&'’.-]*|AI|&))*"
    r"(?:,?[ \t]+(?:Inc|Ltd|LLC|LLP|GmbH|AG|SA|BV|K\.K|Pvt[ \t]+Ltd|Co|Corp|N\.A|plc)\.?)?"
)
_COMPANY = re.compile(
    r"(?i:on\s+behalf\s+of|join|joining|offer\s+from|contract\s+from|letter\s+from|"
    r"offered\s+by|board\s+of|with|at|from|"
    r"company(?:'s|\s+is)\s+called|(?:company|startup|employer)\s+is)\s+(?:the\s+)?"
    rf"(?P<a>{_NAME})"
    # "Quanta Reasoning (AI lab, Series C) offered me", "Northgate Retail Group (NYSE:
    # NGRG) is excited to extend", 'Halcyon Corporation ("Halcyon") is pleased': what is
    # in brackets between the name and the verb says something about the company.
    rf"|(?P<b>{_NAME})\s+(?:\([^()\n]{{1,60}}\)\s+)?"
    r"(?:is\s+(?:pleased|delighted|excited|happy|thrilled|glad)|would\s+like|came\s+(?:back|in)|"
    r"offered|has\s+offered|wants\s+(?:me|you|to\s+hire)|made\s+(?:me\s+)?an\s+offer"
    r"|just\s+(?:closed|raised)|is\s+an?\s+(?:[\w-]+\s+){0,2}(?:company|startup|firm|lab)\b)"
    # A heading: "Meridian Federal Bank - Offer of Employment", "Offer - Marlowe Bio, …",
    # "OFFER!!! Carebridge Health, Staff Backend Engineer".
    rf"|(?m:^)[ \t]*(?P<c>{_NAME})[ \t]+[-–—|:][ \t]+(?i:offer)\b"
    rf"|(?m:^)[ \t]*(?i:offer)\b[ \t]*[-–—|:!]+[ \t]*(?P<d>{_NAME})(?=,|[ \t]*$|[ \t]+[-–—])"
    # A line opening with the name, then the offer or the job: "Cinderpath Games offer
    # (still private)", "Tidewater Software (Charlotte, NC) — Support Engineering Manager".
    rf"|(?m:^)[ \t]*(?P<e>{_NAME})(?:[ \t]+\([^()\n]{{1,60}}\))?"
    r"(?:[ \t]+(?i:offer)\b|[ \t]+[—–][ \t])",
)
# "Acme, senior ML engineer in Seattle: …": a paragraph opening with a name, a comma,
# then the job.
_COMPANY_FIRST = re.compile(
    rf"(?:\A|\n[ \t]*\n)[ \t]*(?P<a>{_NAME})(?:[ \t]+\([^()\n]{{1,60}}\))?,[ \t]+"
    rf"(?=(?:[\w/+&'-]+[ \t]+){{0,4}}?(?i:{_JOB_NOUNS})s?\b)"
)
_NOT_COMPANIES = {
    "our",
    "the",
    "a",
    "an",
    "we",
    "us",
    "i",
    "my",
    "your",
    "hi",
    "dear",
    "they",
    "he",
    "she",
    "it",
    "you",
    "this",
    "that",
    "there",
    "recruiter",
    "hr",
    "team",
    "congratulations",
}


# Words that open a heading about the offer itself: "Employment offer", "TENTATIVE JOB
# OFFER", "Received offer", "Startup offer!".
_OFFER_WORDS = {
    "employment",
    "conditional",
    "contingent",
    "tentative",
    "provisional",
    "official",
    "formal",
    "final",
    "verbal",
    "written",
    "revised",
    "updated",
    "new",
    "job",
    "received",
    "startup",
    "signed",
    "draft",
    "summary",
    "counter",
    "your",
    "my",
}


@dataclass(frozen=True)
class Found:
    value: str
    start: int
    end: int


@functools.cache
def _place_names() -> dict[str, str]:
    """Normalised place names -> kind ("us" or an ISO country), longest first."""
    names: dict[str, str] = {}
    index = place_index(load_tables())
    vocab = places()
    for name, place in index.places.items():
        # Two-letter codes count only in capitals (find_place); a country is its own.
        names[name] = "us" if place.is_us else place.country
    for word in vocab.national:
        names.pop(word, None)
    for country, cities in vocab.country_cities.items():
        for city in cities:
            names[city] = country
    for country, nicknames in vocab.country_nicknames.items():
        for nickname in nicknames:
            names[nickname] = country
    for word in vocab.remote:
        names.pop(word, None)
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def place_country(text: str) -> str | None:
    """ "us" or the ISO country of the first place named in ``text``, else None."""
    found = find_place(text)
    return None if found is None else _place_names().get(normalise(found.value).split(",")[0])


def _is_place(words: str) -> str | None:
    folded = normalise(words)
    names = _place_names()
    if folded in names:
        return names[folded]
    return None


_STREET = re.compile(
    r"[ \t]+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|dr\.?|lane|"
    r"parkway|pkwy|plaza|square|court|way)(?![\w])",
    re.IGNORECASE,
)


def find_place(text: str) -> Found | None:
    """The first place named in ``text`` (a US metro or state, a foreign city or country),
    as written, with a trailing state or country ("Raleigh, NC", "São Paulo – SP")."""
    tokens = list(re.finditer(r"[^\W\d_][\w'’.]*", text))
    folded = [normalise(t.group(0)) for t in tokens]  # each word folded once
    names = _place_names()
    not_places = places().not_places
    lower_case: Found | None = None  # "raleigh offer": taken only if nothing is capitalised
    for i in range(len(tokens)):
        for size in (4, 3, 2, 1):
            if i + size > len(tokens):
                continue
            span = tokens[i : i + size]
            words = text[span[0].start() : span[-1].end()]
            key = " ".join(f for f in folded[i : i + size] if f)
            if key not in names or "\n" in words or key in not_places:
                continue
            if _STREET.match(text[span[-1].end() :]):
                continue  # "535 Mission Street": an address, not Mission, TX
            if size == 1 and len(key) == 2 and not words.rstrip(".").isupper():
                continue  # "in", "me", "or": two-letter codes only in capitals
            end = span[-1].end()
            tail = re.match(
                r"(?:,\s*|\s+[–—-]\s+|\s+)([A-Z]{2}\b|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)", text[end:]
            )
            if tail and _is_place(tail.group(1)) is not None and "\n" not in tail.group(0):
                end += tail.end()
            value = text[span[0].start() : end].rstrip(".,")
            found = Found(value, span[0].start(), span[0].start() + len(value))
            if value[:1].isupper():
                return found
            # "mobile dev" is not Mobile, AL: a lower-case name waits for a capitalised one.
            lower_case = lower_case or found
    return lower_case


def find_labelled(text: str) -> dict[str, Found]:
    """Fields written as "Role: …", "Location | Seattle, WA", "Standort: Berlin"."""
    out: dict[str, Found] = {}
    for pattern in (_LABELLED, _INLINE, _ROLE_IS, _MIDLINE):
        for match in pattern.finditer(text):
            key = re.sub(r"\s+", " ", match.group("key").lower())
            key = {
                "job title": "role",
                "title": "role",
                "position": "role",
                "work location": "location",
                "place of work": "location",
                "standort": "location",
                "employer": "company",
                "co": "company",
            }.get(key, key)
            value = match.group("value").strip().rstrip(".")
            if key == "role":
                value = _TITLE_TAIL.split(value, maxsplit=1)[0].strip()
            if key == "location":
                value = re.sub(r"\s*\([^)]*\)?$", "", value).strip() or value
            if value and key not in out:
                out[key] = Found(value, match.start("value"), match.start("value") + len(value))
    return out


# What follows a title on its line without being the title: "Robotics Software Engineer II
# (level E4), Manipulation Autonomy team", "Senior Data Engineer (Level P4)".
_TITLE_TAIL = re.compile(r"\s*\((?=(?:level|grade|band)\b)|,\s*(?=[^,]*\bteam\b)", re.IGNORECASE)


def find_role(text: str) -> Found | None:
    """The job title offered, by the evidence around each candidate: after "position of",
    "as", "for" or before "role" beats a title that only starts with a level word, which
    beats one that is only capitalised. "I'm a Black engineer … offered … as a senior
    software engineer" is the senior software engineer: what the person says they are is
    not the job (and a word like "Black" never becomes part of a title by capitals)."""
    best: tuple[int, Found] | None = None
    for match in _TITLE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        line_start = before.rsplit("\n", 1)[-1]
        title = match.group("title")
        if re.search(r"reporting\s+to\s+(?:the\s+)?$", before, re.IGNORECASE):
            continue
        after = text[match.end() : match.end() + 12].lower()
        score = max(
            3 if _ROLE_CONTEXT.search(line_start) else 0,
            2 if _LINE_OPENING.search(line_start) else 0,
            3 if re.match(r"\s+(?:role|position|job)\b", after) else 0,
            2 if re.match(_LEVEL_WORDS, title, re.IGNORECASE) else 0,
            1 if title[:1].isupper() or len(title.split()) > 1 else 0,
        )
        if _SELF.search(before):
            score = 0
        if score and (best is None or score > best[0]):
            best = (score, Found(title.strip(), match.start("title"), match.end("title")))
    if best is None and (short := _LEVEL_AND_FIELD.search(text)):
        return Found(short.group("title"), short.start("title"), short.end("title"))
    if best is None and (lead := _LEAD_TITLE.search(text)):
        return Found(lead.group("title").strip(), lead.start("title"), lead.end("title"))
    return best[1] if best else None


# "I'm a … engineer", "I am an …": the person, not the job offered.
_SELF = re.compile(r"\b(?:i'?m|i\s+am)\s+(?:an?\s+)?$", re.IGNORECASE)


def corrected_role(title: str) -> tuple[str, str | None] | None:
    """A title with typos read as the role and level it is a typo of ("Senoir sofware
    enginer" -> ("senior software engineer", "senior")), or None when it has none."""
    words = normalise(title).split()
    tables = load_tables()
    aliases = role_index(tables).aliases
    try:
        normalize_role(title, tables)
        return None  # a title the market reads as it is ("Software Engineer I")
    except CoachError:
        pass
    level_words = {w: code for code, names in levels().words.items() for w in names}
    for skip in (0, 1):
        rest = " ".join(words[skip:])
        if rest in aliases:
            return None
        alias = fuzzy_alias(rest, list(aliases))
        if alias is None:
            continue
        level = None
        if skip:
            lead = fuzzy_alias(words[0], list(level_words))
            if lead is None:
                continue
            level = level_of(lead)
        return (f"{lead} {alias}" if skip and lead else alias), level
    return None


def level_of(title: str) -> str | None:
    """The level a title states ("Senior …", "Staff …", "… II"), in the vocabulary's words."""
    folded = normalise(title).split()
    if not folded:
        return None
    words = {
        "sr": "senior",
        "snr": "senior",
        "senoir": "senior",
        "jr": "entry",
        "junior": "entry",
        "mid": "mid",
        "entry": "entry",
        "senior": "senior",
        "staff": "staff",
        "principal": "principal",
        "senior ": "senior",
        "lead": "lead",  # "Lead Product Designer"; "Model Validation Lead" names the job
    }
    if "staff" in folded[:2] or "principal" in folded[:2]:
        return "principal" if "principal" in folded[:2] else "staff"  # "Senior Staff …"
    if folded[0] in words:
        return words[folded[0]]
    if "senior" in folded or "sênior" in title.lower():
        return "senior"
    roman = levels().roman
    codes = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "staff"}
    # "Engineer II", "Engineer II (level E4)": a title numeral written in capitals.
    for word in title.split()[1:]:
        if word.isupper() and word.lower() in roman:
            return codes.get(roman[word.lower()])
    return None


def _company_cell(text: str) -> Found | None:
    """ "Series A | Fieldstone Bio | Cambridge, MA": in a pasted table's title row, the
    capitalised cell that is neither a place nor a funding stage nor a figure."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.count("|") < 2:
        return None
    offset = text.index(first)
    position = 0
    for cell in first.split("|"):
        name = cell.strip()
        start = offset + position + cell.index(name) if name else 0
        position += len(cell) + 1
        if not name[:1].isupper() or any(ch.isdigit() for ch in name):
            continue
        if find_place(name) is not None or private_company_named(name):
            continue
        return Found(name, start, start + len(name))
    return None


def find_company(text: str) -> Found | None:
    if found := _company_cell(text):
        return found
    for match in _COMPANY.finditer(text):
        group = next(g for g in "abcde" if match.group(g))
        name = re.sub(r"^(?:So|Well|Ok|Okay|Update|Finally|Also)\s+", "", match.group(group))
        name = name.strip().rstrip(".,")
        first = normalise(name).split()[0] if normalise(name) else ""
        if not name or first in _NOT_COMPANIES or _is_place(name) is not None:
            continue
        if name.isupper() and len(name) <= 4:
            continue  # "the PDF they sent", "HR", "CEO": an acronym alone is not a company
        if re.fullmatch(r"(?:Dear|Hi|Hello|Hey|Subject|Offer|Base|The|Our)\b.*", name):
            continue
        if group in "cde" and (
            _TITLE.search(name) or _LEAD_TITLE.search(name) or first in _OFFER_WORDS
        ):
            continue  # "Senior Data Engineer — Acme", "Conditional offer": not the company
        return Found(name, match.start(group), match.start(group) + len(name))
    lead = _COMPANY_FIRST.search(text)
    if lead and lead.group("a").lower() not in _NOT_COMPANIES and not _is_place(lead.group("a")):
        return Found(lead.group("a"), lead.start("a"), lead.end("a"))
    return None
