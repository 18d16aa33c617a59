"""The pack's answers turned into three to five outcome bullets, in the user's own words.

Deterministic, no model: each bullet is the user's answers joined by a template
(prompts/evidence/bullets/), so every figure in it is the user's figure exactly as typed,
never rounded, converted or made up. An answer without a figure gives a bullet without
one; the check has already said what to add.

Order: the first workflow, the eval story, a second workflow, the portability story. The
counter script says the first two aloud (coach.offers.counter), as the articles' counter
does: "my AI workflow ... that produced [outcome], my evaluation framework experience".
A workflow led by its result: "Lead each one with the business result, then say what you
did" (evidence-pack § Adding judgement and ownership examples).
"""

from __future__ import annotations

import re

from coach import prompts
from coach.evidence.checks import check_pack
from coach.evidence.pack import MAX_BULLETS, EvalStory, EvidencePack, Workflow
from coach.vocabulary import evidence_words, normalise

# Words that open a metric answer already phrased as what was done ("We measured…",
# "Tracked…"): the bullet then starts with it rather than with "Measured".
_DONE = re.compile(r"(?i)^(?:we|i|by|measured|tracked|checked|tested|compared|ran|scored)\b")


def _clean(text: str) -> str:
    """One line, without the trailing full stop or comma a sentence part doesn't need."""
    return " ".join(text.split()).rstrip(" .;,:")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _mid_sentence(text: str) -> str:
    """``text`` placed after a colon: an ordinary first word in lower case ("Built a bot"
    -> "built a bot"); a name, an acronym or "I" kept as written."""
    first = text.split(" ", 1)[0]
    ordinary = first[:1].isupper() and first[1:].islower() and first != "I"
    if not ordinary or normalise(first) in evidence_words().tools:
        return text
    return text[:1].lower() + text[1:]


def workflow_bullet(workflow: Workflow) -> str:
    """'CSAT up 9 points: built a triage bot (GPT-4o, Zendesk API); first reply from 6 h
    to 20 min.' — the result first, then what it is and runs on, then the time or quality
    gained."""
    what, tools = _clean(workflow.what), _clean(workflow.tools)
    gain, outcome = _clean(workflow.gain), _clean(workflow.outcome)
    lead = prompts.render("evidence/bullets/outcome_lead", outcome=outcome) if outcome else ""
    if not what:  # a result with no description: the result and the gain stand alone
        what, lead = (lead.rstrip(": ") if lead else gain), ""
        gain = "" if what == gain else gain
    text = prompts.render(
        "evidence/bullets/workflow",
        lead=lead,
        what=_mid_sentence(what) if lead else what,
        tools=prompts.render("evidence/bullets/tools", tools=tools) if tools else "",
        gain=prompts.render("evidence/bullets/gain", gain=gain) if gain else "",
    )
    return _capital(text)


def eval_bullet(story: EvalStory) -> str:
    """'Measured routing accuracy on 500 labelled tickets: 71% before, 93% after.'"""
    metric, before, after = _clean(story.metric), _clean(story.before), _clean(story.after)
    if before and after:
        change = prompts.render("evidence/bullets/eval_before_after", before=before, after=after)
    elif before:
        change = prompts.render("evidence/bullets/eval_before", before=before)
    elif after:
        change = prompts.render("evidence/bullets/eval_after", after=after)
    else:
        change = ""
    if metric and not _DONE.match(metric):
        metric = prompts.render("evidence/bullets/eval_measured", metric=_mid_sentence(metric))
    if not metric:
        change = change.removeprefix(": ")
    return _capital(prompts.render("evidence/bullets/eval", metric=metric, change=change))


def portability_bullet(text: str) -> str:
    return _capital(prompts.render("evidence/bullets/portability", portability=_clean(text)))


def make_bullets(pack: EvidencePack) -> list[str]:
    """Three to five bullets when the pack is whole (fewer when parts are missing).

    A part that is empty or only buzzwords gives no bullet (a bullet saying "leveraged AI
    to drive synergies" is the mistake itself), nor does an eval story with neither a
    metric nor a figure, nor a portability story that says the result wouldn't carry
    over; the checks say what each of them needs."""
    made = {(part.part, part.index) for part in check_pack(pack).parts if part.makes_bullet}
    workflows = [
        w for i, w in enumerate(pack.workflows) if not w.is_empty() and ("workflow", i) in made
    ]
    bullets: list[str] = []
    if workflows:
        bullets.append(workflow_bullet(workflows[0]))
    if not pack.eval_story.is_empty() and ("eval_story", 0) in made:
        bullets.append(eval_bullet(pack.eval_story))
    bullets += [workflow_bullet(w) for w in workflows[1:]]
    if pack.portability.strip() and ("portability", 0) in made:
        bullets.append(portability_bullet(pack.portability))
    return [b for b in bullets if b.strip(" .")][:MAX_BULLETS]


def with_bullets(pack: EvidencePack) -> EvidencePack:
    """The pack with its bullets made from its answers (replacing any it had)."""
    return pack.model_copy(update={"bullets": make_bullets(pack)})
