"""Premiums, bands and medians from the seed articles, as data with their sources.

These are the only figures in the market package that do not come from the
built tables. Each carries the article it came from; the lookup shows them as
ranges beside the headline, never multiplied into it (the articles do not say
how premiums combine, and they measure other samples than ours).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.vocabulary import domain_aliases, skill_aliases


@dataclass(frozen=True, slots=True)
class SeedSource:
    id: str
    name: str
    release: str
    licence: str
    url: str


AI_PULSE = SeedSource(
    id="ai-pulse",
    name="AI Pulse (Rome Thorndike): negotiating the AI salary premium",
    release="last updated 2026-05-23; weekly index of 3,897 job postings, "
    "6.4% disclosing pay, premiums need n >= 20 per role-seniority cell",
    licence="figures cited with their source; text not copied",
    url="shared/seeds/001_937876f022f83bd2.txt",
)
AI_ENGINEER_GUIDE = SeedSource(
    id="ai-engineer-guide",
    name="AI engineer salary negotiation guide (publisher not named in our copy)",
    release="undated; analysis of 1,969 AI job postings",
    licence="figures cited with their source; text not copied",
    url="shared/seeds/002_65398dd1a4ca1b18.txt",
)
SEED_SOURCES = {s.id: s for s in (AI_PULSE, AI_ENGINEER_GUIDE)}


@dataclass(frozen=True, slots=True)
class Premium:
    """A percentage range above market that a source attributes to a skill, domain or place."""

    kind: Literal["skill", "domain", "location"]
    key: str
    what: str
    low_pct: float
    high_pct: float
    scope: str
    source: SeedSource
    aliases: tuple[str, ...] = ()


_AI_ENG_SCOPE = "AI engineers, per the source article"
PREMIUMS: tuple[Premium, ...] = (
    Premium(
        "skill",
        "production rag",
        "Production RAG systems experience",
        15,
        20,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        skill_aliases()["production rag"],
    ),
    Premium(
        "skill",
        "fine-tuning and rlhf",
        "Fine-tuning and RLHF expertise",
        15,
        25,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        skill_aliases()["fine-tuning and rlhf"],
    ),
    Premium(
        "skill",
        "mlops",
        "MLOps and deployment at scale",
        10,
        15,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        skill_aliases()["mlops"],
    ),
    Premium(
        "domain",
        "fintech",
        "Fintech AI",
        20,
        30,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        domain_aliases()["fintech"],
    ),
    Premium(
        "domain",
        "healthcare",
        "Healthcare AI",
        15,
        25,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        domain_aliases()["healthcare"],
    ),
    Premium(
        "domain",
        "autonomous systems",
        "Autonomous systems",
        20,
        30,
        _AI_ENG_SCOPE,
        AI_ENGINEER_GUIDE,
        domain_aliases()["autonomous systems"],
    ),
)

# San Francisco and New York over national averages (OEWS area codes of the two metros).
LOCATION_PREMIUM = Premium(
    "location",
    "sf-ny",
    "San Francisco or New York over the national average",
    15,
    25,
    "AI engineers in San Francisco and New York, per the source article",
    AI_ENGINEER_GUIDE,
)
LOCATION_PREMIUM_AREAS = frozenset({"0041860", "0035620"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A fact a source gives without a figure: shown as a note, never as a number.

    An employer type's key is its key in the vocabulary (``ai_lab``), which also
    holds the names people use for it."""

    kind: str  # skill | employer_type | location
    key: str
    text: str
    source: SeedSource
    aliases: tuple[str, ...] = ()


MENTIONS: tuple[Mention, ...] = (
    Mention(
        "skill",
        "multiple llm platforms",
        "Experience with several LLM platforms (OpenAI, Anthropic, open-source) is listed "
        "among high-value skills, with no premium figure.",
        AI_ENGINEER_GUIDE,
        skill_aliases()["multiple llm platforms"],
    ),
    Mention(
        "employer_type",
        "ai_lab",
        "AI labs (e.g. Anthropic, OpenAI, Google DeepMind, Meta AI) pay top of market on "
        "cash and equity and build the AI premium into the standard offer; no figure given.",
        AI_PULSE,
    ),
    Mention(
        "employer_type",
        "ai_native_scale_up",
        "AI-native scale-ups (e.g. Glean, Hex, Cursor, Perplexity, Harvey) pay top of market "
        "on equity and competitive cash; no figure given.",
        AI_PULSE,
    ),
    Mention(
        "employer_type",
        "big_tech_ai_org",
        "Big tech AI orgs (e.g. Google Cloud AI, AWS Bedrock, Microsoft AI, Apple AIML) are "
        "competitive on cash and equity with stable progression; no figure given.",
        AI_PULSE,
    ),
    Mention(
        "employer_type",
        "ai_forward_public",
        "AI-forward public companies (e.g. Stripe, Salesforce, Notion) often give the best "
        "stability-to-pay ratio; no figure given.",
        AI_PULSE,
    ),
    Mention(
        "location",
        "remote",
        "Remote roles often use geographic pay bands.",
        AI_ENGINEER_GUIDE,
        ("remote",),
    ),
)
EMPLOYER_OUTSIDE_NOTE = Mention(
    "employer_type",
    "other",
    "Employers outside AI labs, AI-native scale-ups, big tech AI orgs and AI-forward public "
    "companies pay the AI premium only when they have to.",
    AI_PULSE,
)


@dataclass(frozen=True, slots=True)
class SeedFigure:
    """A pay figure (or band) a seed article states for a role, with where and for whom."""

    role: str
    level: str | None  # aijobs.net level code the figure is for; None: any level
    what: str
    low: int
    high: int | None  # None: a single median
    open_ended: bool  # "350K+": the high end is a floor, not a cap
    source: SeedSource
    # The OEWS metro the figure is about (None: no one place). Every seed figure is from US
    # postings: none is shown for a place outside the US, and a metro's own figure is not
    # shown for another metro (a San Francisco median is no reference for Dallas).
    area: str | None = None


SEED_FIGURES: tuple[SeedFigure, ...] = (
    SeedFigure(
        "ai engineer",
        "EN",
        "Entry-level AI engineer base band",
        130_000,
        165_000,
        False,
        AI_ENGINEER_GUIDE,
    ),
    SeedFigure(
        "ai engineer",
        "MI",
        "Mid-level AI engineer (3-5 years) base band",
        165_000,
        210_000,
        False,
        AI_ENGINEER_GUIDE,
    ),
    SeedFigure(
        "ai engineer",
        "SE",
        "Senior AI engineer (5+ years) base band",
        200_000,
        280_000,
        False,
        AI_ENGINEER_GUIDE,
    ),
    SeedFigure(
        "ai engineer",
        "EX",
        "Staff/principal AI engineer base band",
        250_000,
        350_000,
        True,
        AI_ENGINEER_GUIDE,
    ),
    SeedFigure(
        "software engineer",
        None,
        "Median base, software engineers with AI skills in San Francisco",
        208_000,
        None,
        False,
        AI_PULSE,
        "0041860",
    ),
    SeedFigure(
        "research scientist",
        None,
        "Median base, research scientists with AI skills",
        260_000,
        None,
        False,
        AI_PULSE,
    ),
    SeedFigure(
        "marketing manager",
        None,
        "Median base, marketing managers with AI skills",
        135_000,
        None,
        False,
        AI_PULSE,
    ),
)
