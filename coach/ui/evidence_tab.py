"""The Evidence pack tab: the guided form's handlers, as plain functions over coach.evidence.

The Gradio layout (coach/ui/evidence_layout.py) only wires them. The form's boxes are
passed in the order of ``BOXES``; each answer's check is shown beside its box, the
bullets are one a line in an editable box, and the pack is saved in COACH_HOME.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach import evidence, prompts
from coach.errors import CoachError
from coach.evidence import EvalStory, EvidencePack, Workflow, delete_pack, load_pack, save_pack
from coach.evidence.bullets import make_bullets
from coach.evidence.checks import (
    EVAL_FIELDS,
    WORKFLOW_FIELDS,
    FieldCheck,
    FieldName,
    check_pack,
    question,
)
from coach.evidence.pack import MAX_BULLETS


@dataclass(frozen=True)
class Box:
    key: str  # the box's name in the form ("w1_gain") and in its element id
    name: FieldName
    field: str  # where the answer lives in the pack ("workflows.0.gain"): its check's field
    label: str


def _boxes() -> list[Box]:
    boxes = [
        Box(f"w{i + 1}_{name}", name, f"workflows.{i}.{name}", question(name))
        for i in (0, 1)
        for name in WORKFLOW_FIELDS
    ]
    boxes += [Box(name, name, f"eval_story.{name}", question(name)) for name in EVAL_FIELDS]
    boxes.append(Box("portability", "portability", "portability", question("portability")))
    return boxes


BOXES = _boxes()
KEYS = [box.key for box in BOXES]
# "- ", "• ", "1. " at the start of a line typed in the bullets box: list marks, not words.
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass
class FormChecked:
    """What "Check my answers" shows: a line beside each box (empty: nothing to say),
    the bullets made from the answers, one a line, and a summary."""

    lines: dict[str, str] = field(default_factory=dict)
    bullets: str = ""
    summary: str = ""


def pack_from(values: Sequence[str], bullets: str = "") -> EvidencePack:
    """The pack the form's boxes hold (in ``KEYS`` order) and the bullets box's lines."""
    given = dict(zip(KEYS, (v or "" for v in values), strict=True))
    workflows = [
        Workflow(**{name: given[f"w{i}_{name}"] for name in WORKFLOW_FIELDS}) for i in (1, 2)
    ]
    if workflows[1].is_empty():
        workflows = workflows[:1]
    return EvidencePack(
        workflows=workflows,
        eval_story=EvalStory(**{name: given[name] for name in EVAL_FIELDS}),
        portability=given["portability"],
        bullets=bullet_lines(bullets),
    )


def bullet_lines(text: str) -> list[str]:
    """One bullet a line, list marks dropped; more than five is one sentence."""
    lines = [_LIST_MARK.sub("", line).strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_BULLETS:
        raise CoachError(
            f"Your bullets: keep it to {MAX_BULLETS}, one a line; there are {len(lines)}."
        )
    return lines


def _line(check: FieldCheck) -> str:
    return f"✓ {check.said()}" if check.passes else f"⚠️ {check.said()}"


def check_form(values: Sequence[str]) -> FormChecked:
    """Each answer against the articles' bar, beside its box, and the bullets made from
    the answers (a second workflow left empty is not checked)."""
    pack = pack_from(values)
    checks = check_pack(pack).by_field()
    lines = {box.key: _line(checks[box.field]) for box in BOXES if box.field in checks}
    to_fix = sum(1 for c in checks.values() if not c.passes)
    summary = prompts.render(
        "evidence/form_checked" if to_fix else "evidence/form_passes", count=to_fix
    )
    return FormChecked(lines=lines, bullets="\n".join(make_bullets(pack)), summary=summary)


def save_form(home: Path, values: Sequence[str], bullets: str) -> str:
    """Save the answers and the bullets as edited (made from the answers when the bullets
    box is empty); what was saved, or the one sentence why not."""
    try:
        pack = pack_from(values, bullets)
    except CoachError as err:
        return f"⚠️ {err.message}"
    if pack.workflows[0].is_empty() and pack.eval_story.is_empty() and not pack.portability:
        return "⚠️ " + prompts.render("evidence/form_empty")
    if not pack.bullets:
        pack = pack.model_copy(update={"bullets": make_bullets(pack)})
    try:
        path = save_pack(home, pack)
    except (CoachError, OSError) as err:
        return f"⚠️ Your evidence pack could not be saved: {err}."
    return prompts.render("evidence/form_saved", path=path, count=len(pack.bullets))


def load_form(home: Path) -> tuple[list[str], str, str]:
    """The saved pack in the form: each box's answer (``KEYS`` order), the bullets one a
    line, and a status line (empty when there is no pack yet)."""
    try:
        pack = load_pack(home)
    except CoachError as err:
        return ["" for _ in KEYS], "", f"⚠️ {err.message}"
    if pack is None:
        return ["" for _ in KEYS], "", ""
    workflows = [*pack.workflows, Workflow(), Workflow()]
    given = {f"w{i + 1}_{n}": getattr(workflows[i], n) for i in (0, 1) for n in WORKFLOW_FIELDS}
    given |= {name: getattr(pack.eval_story, name) for name in EVAL_FIELDS}
    given["portability"] = pack.portability
    status = prompts.render("evidence/form_loaded", date=f"{pack.updated:%Y-%m-%d}")
    return [given[key] for key in KEYS], "\n".join(pack.bullets), status


def delete_form(home: Path) -> str:
    try:
        deleted = delete_pack(home)
    except OSError as err:
        return f"⚠️ Your evidence pack could not be deleted: {err.strerror}."
    return prompts.render("evidence/form_deleted" if deleted else "evidence/no_pack")


def saved_bullets(home: Path) -> list[str]:
    """The saved bullets, for the counter scripts on the Offers tab; none when no pack is
    saved or its file can't be read (the Evidence pack tab says why)."""
    try:
        return evidence.saved_bullets(home)
    except CoachError:
        return []
