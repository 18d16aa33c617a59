"""`coach evidence`: build the evidence pack in the terminal, one question at a time.

Each answer is checked against the articles' bar as it is given (coach.evidence.checks):
a shortfall shows its suggestion, and the person answers again or keeps what they wrote.
Then the outcome bullets, and the pack is saved in COACH_HOME. ``--from FILE`` takes the
answers from a YAML or JSON file (for scripts and tests), ``--show`` prints the saved
pack, ``--edit`` changes its bullets, ``--delete`` removes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError

from coach import prompts
from coach.cli_errors import plain_errors
from coach.config import load_settings
from coach.errors import InputError
from coach.evidence.bullets import with_bullets
from coach.evidence.checks import (
    EVAL_FIELDS,
    WORKFLOW_FIELDS,
    FieldCheck,
    FieldName,
    check_pack,
    question,
)
from coach.evidence.interview import Step, check_in_part
from coach.evidence.pack import MAX_BULLETS, EvalStory, EvidencePack, Workflow
from coach.evidence.store import delete_pack, load_pack, pack_path, save_pack
from coach.money import quote

FILE_KEYS = ("workflows", "eval_story", "portability", "bullets")
DELETE_MARK = "-"  # typed for a bullet in --edit: remove it


def register(app: typer.Typer) -> None:
    app.command("evidence")(plain_errors(evidence))


def evidence(
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="Take the answers from a YAML or JSON file."),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the saved pack.")] = False,
    edit: Annotated[bool, typer.Option("--edit", help="Change the saved pack's bullets.")] = False,
    delete: Annotated[bool, typer.Option("--delete", help="Delete the saved pack.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask before deleting.")] = False,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Check and print, but don't save.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Build your evidence pack: one or two AI workflows, an eval story and a portability
    story, each checked, turned into outcome bullets the counter script uses."""
    chosen = [name for name, on in (("--show", show), ("--edit", edit), ("--delete", delete)) if on]
    if from_file is not None:
        chosen.append("--from")
    if len(chosen) > 1:
        raise InputError(f"Give one of {', '.join(chosen)}, not several.")
    home = load_settings().home
    if delete:
        _delete(home, yes)
    elif show:
        _show(home, as_json)
    elif edit:
        _edit(home)
    elif from_file is not None:
        _from_file(home, from_file, save=not no_save, as_json=as_json)
    else:
        _interactive(home, save=not no_save)


# -- the saved pack ----------------------------------------------------------------------
def _no_pack() -> str:
    return prompts.render("evidence/no_pack")


def _show(home: Path, as_json: bool) -> None:
    pack = load_pack(home)
    if as_json:
        typer.echo(json.dumps(pack.model_dump(mode="json") if pack else None, indent=2))
        return
    if pack is None:
        typer.echo(_no_pack())
        return
    typer.echo(pack_text(pack))


def pack_text(pack: EvidencePack) -> str:
    """The pack as the person reads it: the bullets, then the answers they came from."""
    lines = [f"Your evidence pack (saved {pack.updated:%Y-%m-%d}):", "", "Bullets:"]
    lines += [f"  {i}. {b}" for i, b in enumerate(pack.bullets, 1)] or ["  (none yet)"]
    for index, workflow in enumerate(pack.workflows):
        lines += ["", f"Workflow {index + 1}:"]
        lines += [
            f"  {question(name)} {getattr(workflow, name) or '—'}" for name in WORKFLOW_FIELDS
        ]
    lines += ["", "Eval story:"]
    lines += [f"  {question(name)} {getattr(pack.eval_story, name) or '—'}" for name in EVAL_FIELDS]
    lines += ["", "Portability:", f"  {pack.portability or '—'}"]
    return "\n".join(lines)


def _delete(home: Path, yes: bool) -> None:
    if load_pack(home) is None and not pack_path(home).exists():
        typer.echo(_no_pack())
        return
    if not yes and not typer.confirm("Delete your evidence pack?", default=False):
        typer.echo("Kept.")
        return
    delete_pack(home)
    typer.echo("Deleted your evidence pack.")


def _edit(home: Path) -> None:
    pack = load_pack(home)
    if pack is None:
        typer.echo(_no_pack())
        return
    typer.echo(
        f"Your bullets, one at a time: Enter keeps one, new text replaces it, "
        f"'{DELETE_MARK}' removes it."
    )
    kept: list[str] = []
    for index, bullet in enumerate(pack.bullets, 1):
        answer = typer.prompt(f"Bullet {index}", default=bullet, show_default=False).strip()
        typer.echo(f"  {answer}" if answer != DELETE_MARK else "  (removed)")
        if answer and answer != DELETE_MARK:
            kept.append(answer)
    while len(kept) < MAX_BULLETS:
        extra = typer.prompt("Add a bullet (Enter to finish)", default="", show_default=False)
        if not extra.strip():
            break
        kept.append(extra.strip())
    _save(home, pack.model_copy(update={"bullets": kept}))


def _save(home: Path, pack: EvidencePack) -> None:
    path = save_pack(home, pack.model_copy(update={"updated": EvidencePack().updated}))
    typer.echo(f"Saved to {path}.")


# -- answers from a file -----------------------------------------------------------------
def read_answers(path: Path) -> EvidencePack:
    """The pack in a YAML or JSON file (``workflows``, ``eval_story``, ``portability``,
    optionally ``bullets``); a bad file is one sentence naming the field."""
    if not path.is_file():
        raise InputError(f"No file at {quote(path, 80)}.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # JSON is YAML too
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError):
        raise InputError(f"{quote(path.name)} can't be read as YAML or JSON.") from None
    if not isinstance(data, dict):
        raise InputError(
            f"{quote(path.name)} must be a mapping with {', '.join(FILE_KEYS)}; see --help."
        )
    unknown = [str(key) for key in data if key not in FILE_KEYS]
    if unknown:
        raise InputError(
            f"{quote(path.name)}: '{quote(unknown[0])}' is not a part of the pack; "
            f"use {', '.join(FILE_KEYS)}."
        )
    try:
        return EvidencePack.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the pack"
        raise InputError(f"{quote(path.name)}: {where}: {first['msg'].lower()}.") from None


def _from_file(home: Path, path: Path, *, save: bool, as_json: bool) -> None:
    answers = read_answers(path)
    pack = answers if answers.has_bullets() else with_bullets(answers)
    checks = check_pack(pack)
    if as_json:
        payload: dict[str, Any] = {
            "pack": pack.model_dump(mode="json"),
            "checks": [c.model_dump(mode="json") for c in checks.fields],
            "shortfalls": [k.value for k in checks.shortfalls()],
            "passes": checks.passes,
        }
        if save:
            payload["saved_to"] = str(save_pack(home, pack))
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    typer.echo(checks_text(checks.fields))
    typer.echo("")
    typer.echo(bullets_text(pack.bullets))
    if save:
        _save(home, pack)


def checks_text(checks: list[FieldCheck]) -> str:
    lines = []
    for check in checks:
        mark = "ok" if check.passes else "to fix"
        lines.append(f"[{mark}] {check.label}")
        lines += [f"    -> {s}" for s in check.suggestions]
    return "\n".join(lines)


def bullets_text(bullets: list[str]) -> str:
    return "\n".join(["Your bullets:", *(f"  {i}. {b}" for i, b in enumerate(bullets, 1))])


# -- the questions, one at a time -------------------------------------------------------
def _ask(name: FieldName, label: str, default: str, check: Callable[[str], FieldCheck]) -> str:
    """One answer, checked (in its part, with the answers given so far): a shortfall shows
    its suggestion, then the person answers again or keeps it."""
    while True:
        answer = typer.prompt(label, default=default, show_default=bool(default)).strip()
        result = check(answer)
        if result.passes:
            typer.echo(f"  {result.said()}")
            return answer
        for suggestion in result.suggestions:
            typer.echo(f"  -> {suggestion}")
        if _keep():
            return answer
        default = answer


def _keep() -> bool:
    """'Answer again (a) or keep it (k)?': anything else is asked again."""
    while True:
        choice = typer.prompt("  Answer again (a) or keep it (k)?", default="a")
        if choice.strip().lower() in ("a", "k"):
            return choice.strip().lower() == "k"


def _workflow(index: int, before: Workflow) -> Workflow:
    typer.echo(f"\nWorkflow {index + 1}")
    given: dict[str, str] = {}
    for name in WORKFLOW_FIELDS:
        step = Step(part="workflow", name=name, index=index)

        def check(answer: str, step: Step = step) -> FieldCheck:
            return check_in_part(step, given, answer)

        given[name] = _ask(name, step.label, getattr(before, name), check)
    return Workflow(**given)


def _eval_story(before: EvalStory) -> EvalStory:
    typer.echo("\nEval story")
    given: dict[str, str] = {}
    for name in EVAL_FIELDS:
        step = Step(part="eval_story", name=name)

        def check(answer: str, step: Step = step) -> FieldCheck:
            return check_in_part(step, given, answer)

        given[name] = _ask(name, step.label, getattr(before, name), check)
    return EvalStory(**given)


def _portability(before: str) -> str:
    typer.echo("\nPortability")

    step = Step(part="portability", name="portability")

    def check(answer: str) -> FieldCheck:
        return check_in_part(step, {}, answer)

    return _ask("portability", step.label, before, check)


def _interactive(home: Path, *, save: bool) -> None:
    before = load_pack(home) or EvidencePack()
    typer.echo(prompts.render("evidence/intro"))
    if before.workflows:
        typer.echo("Your saved answers are the defaults: Enter keeps one.")
    old = [*before.workflows, Workflow(), Workflow()]
    workflows = [_workflow(0, old[0])]
    if typer.confirm("\nAdd a second workflow?", default=len(before.workflows) > 1):
        workflows.append(_workflow(1, old[1]))
    story = _eval_story(before.eval_story)
    portability = _portability(before.portability)
    pack = with_bullets(
        EvidencePack(workflows=workflows, eval_story=story, portability=portability)
    )
    typer.echo("\n" + bullets_text(pack.bullets))
    left = [c for c in check_pack(pack).fields if not c.passes]
    if left:
        typer.echo(f"\n{len(left)} answer(s) kept below the bar; `coach evidence` again to redo.")
    if not save:
        return
    if typer.confirm("\nSave this pack?", default=True):
        _save(home, pack)
        typer.echo("Change the bullets with `coach evidence --edit`.")
