"""`coach roleplay`: practise the call in the terminal, or play a script and print JSON.

``register(app)`` adds the command. Interactively, type what you would say; the
commands ``/end``, ``/replay N`` and ``/save FILE`` end the call, restart it before
your turn N, or save it for ``--resume``. With ``--script FILE`` the candidate
turns come from a YAML file (a list of messages, or ``turns:`` with an optional
``scenario:`` path, ``seed:`` and ``toughness:``), and ``--json`` prints the
transcript, the final terms and the scorecard.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.markup import escape

from coach.citations import for_reader
from coach.cli_errors import plain_errors
from coach.config import load_settings
from coach.errors import InputError
from coach.money import format_usd, quote

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.roleplay.manager_scenario import ManagerScenario
    from coach.roleplay.manager_scorecard import ManagerScorecard
    from coach.roleplay.manager_session import ManagerCall
    from coach.roleplay.scenario import Scenario
    from coach.roleplay.scorecard import Scorecard
    from coach.roleplay.session import PracticeCall

    Call = PracticeCall | ManagerCall
    Card = Scorecard | ManagerScorecard

_COMMANDS = "Type your reply. Commands: /end, /replay N, /save FILE."


def register(app: typer.Typer) -> None:
    app.command("roleplay")(plain_errors(roleplay))


def roleplay(
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="A scenario YAML file.")
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="Generate a scenario from market data with this seed."),
    ] = None,
    toughness: Annotated[
        str | None, typer.Option("--toughness", help="soft, standard or tough.")
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Role for a generated scenario.")
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="Level for a generated scenario.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Place for a generated scenario.")
    ] = None,
    script: Annotated[
        Path | None, typer.Option("--script", help="YAML file of candidate turns to play.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    hints: Annotated[
        bool, typer.Option("--hints/--no-hints", help="Show the coach's live hints.")
    ] = True,
    llm: Annotated[
        bool | None,
        typer.Option(
            "--llm/--templates",
            help="Phrase the recruiter with the configured LLM "
            "(default: interactive only, when one is configured).",
        ),
    ] = None,
    resume: Annotated[
        Path | None, typer.Option("--resume", help="Continue a call saved with /save.")
    ] = None,
    offer: Annotated[
        str | None,
        typer.Option(
            "--offer",
            help="Practise on one of your offers: paste it (role, city, company, figures); "
            "the recruiter opens with it. --role/--level/--location fill what it leaves out.",
        ),
    ] = None,
    counterpart: Annotated[
        str,
        typer.Option(
            "--with",
            help="Who is across the table: 'recruiter' (an offer call) or 'manager' "
            "(a raise or promotion talk with your own manager).",
        ),
    ] = "recruiter",
    current_base: Annotated[
        str | None,
        typer.Option("--current-base", help="With --with manager: your base today (e.g. 140k)."),
    ] = None,
    talk: Annotated[
        str,
        typer.Option("--talk", help="With --with manager: 'raise' or 'promotion'."),
    ] = "raise",
) -> None:
    """Practise the salary call with a recruiter, or the raise talk with your manager;
    either keeps its budget in code."""
    if role is not None and not role.strip():
        # Left out, --role means a random role for a recruiter call; typed empty, it is a
        # mistake, not a request for a random one.
        raise InputError("--role is empty: name your role, e.g. --role 'data engineer'.")
    who = counterpart.strip().lower()
    if who not in ("recruiter", "manager"):
        raise InputError(
            f"'{quote(counterpart)}' is not one I know; use --with recruiter or manager."
        )
    if who == "manager":
        _run_manager(
            seed,
            toughness,
            role,
            level,
            location,
            script,
            as_json,
            hints,
            llm,
            resume,
            current_base,
            talk,
            scenario,
            offer,
        )
        return
    _run(
        scenario, seed, toughness, role, level, location, script, as_json, hints, llm, resume, offer
    )


def _run_manager(
    seed: int | None,
    toughness: str | None,
    role: str | None,
    level: str | None,
    location: str | None,
    script: Path | None,
    as_json: bool,
    hints: bool,
    use_llm: bool | None,
    resume: Path | None,
    current_base: str | None,
    talk: str,
    scenario_file: Path | None,
    offer: str | None,
) -> None:
    """The raise or promotion talk: generated from the market and the person's base."""
    from coach.roleplay.manager_scenario import generate_manager, typed_role
    from coach.roleplay.manager_session import ManagerCall

    if scenario_file is not None or offer is not None:
        raise InputError(
            "--scenario and --offer are for the recruiter call; drop them with --with manager."
        )
    turns: list[str] | None = None
    if script is not None:
        turns, _, seed, toughness = _read_script(script, None, seed, toughness)
    model = _model(use_llm, interactive=turns is None)
    if resume is not None:
        call = ManagerCall.from_json(_read(resume), llm=model)
    else:
        own_role = typed_role(
            role,
            "--role is needed with --with manager: your own role, e.g. --role 'data engineer'.",
        )
        picked = generate_manager(
            seed if seed is not None else random.SystemRandom().randrange(1_000_000),
            talk=talk,
            toughness=toughness or "standard",
            role=own_role,
            level=level,
            location=location,
            current_base=_base(current_base),
        )
        call = ManagerCall(
            picked.model_copy(update={"evidence": _pack_bullets()}), llm=model, hints=hints
        )
    if turns is not None:
        _play_script(call, turns, as_json)
    else:
        _interactive(call)


def _base(text: str | None) -> int | None:
    """--current-base as dollars: "140k", "$140,000"; one sentence if it isn't money."""
    from coach.roleplay.manager_scenario import typed_base

    refusal = f"--current-base '{quote(text or '')}' is not an amount; write e.g. 140k."
    return typed_base(text, refusal)


def _pack_bullets() -> tuple[str, ...]:
    """The user's evidence-pack bullets, for the hints (none without a pack)."""
    from coach.evidence import saved_bullets

    return tuple(saved_bullets(load_settings().home))


def _run(
    scenario_file: Path | None,
    seed: int | None,
    toughness: str | None,
    role: str | None,
    level: str | None,
    location: str | None,
    script: Path | None,
    as_json: bool,
    hints: bool,
    use_llm: bool | None,
    resume: Path | None,
    offer: str | None = None,
) -> None:
    # Lazy: `coach` registers this command at every start (`coach ask` too); the call's
    # modules compile their patterns and models on import (~0.15 s) only for a practice call.
    from coach.roleplay.session import PracticeCall

    turns: list[str] | None = None
    if offer is not None and scenario_file is not None:
        raise InputError("Give --scenario or --offer, not both.")
    if script is not None:
        turns, file, seed, toughness = _read_script(script, scenario_file, seed, toughness)
        scenario_file = file if offer is None else None  # your offer is the scenario
    model = _model(use_llm, interactive=turns is None)
    call: Call
    if resume is not None:
        from coach.roleplay.manager_session import load_call

        call = load_call(_read(resume), llm=model)
    elif offer is not None:
        picked = _offer_scenario(offer, seed, toughness, role, level, location)
        call = PracticeCall(_with_pack(picked), llm=model, hints=hints)
    else:
        picked = _scenario(scenario_file, seed, toughness, role, level, location)
        call = PracticeCall(_with_pack(picked), llm=model, hints=hints)
    if turns is not None:
        _play_script(call, turns, as_json)
    else:
        _interactive(call)


def _with_pack(scenario: Scenario) -> Scenario:
    bullets = _pack_bullets()
    return scenario.model_copy(update={"evidence": bullets}) if bullets else scenario


def _read(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"No file at {quote(path, 80)}.")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError(f"{quote(path.name)} can't be read as text.") from None


def _read_script(
    path: Path, scenario_file: Path | None, seed: int | None, toughness: str | None
) -> tuple[list[str], Path | None, int | None, str | None]:
    text = _read(path)
    try:
        data = yaml.safe_load(text)
    # PyYAML's constructors also raise plain Python errors (a date like 2026-13-45, a
    # bad !!timestamp, deep nesting): to the user they all mean the same.
    except Exception:
        raise InputError(f"{quote(path.name)} is not valid YAML.") from None
    if isinstance(data, list):
        data = {"turns": data}
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("turns"), list)
        or not all(isinstance(t, str) for t in data["turns"])
    ):
        raise InputError(
            f"{quote(path.name)} must list the candidate's turns as text under 'turns:'."
        )
    if scenario_file is None and seed is None and data.get("scenario"):
        scenario_file = path.parent / str(data["scenario"])
    if scenario_file is None and seed is None and data.get("seed") is not None:
        seed = _seed(data["seed"], path)
    return data["turns"], scenario_file, seed, toughness or data.get("toughness")


def _seed(value: Any, path: Path) -> int:
    """The script's ``seed:``, a whole number (YAML may hold anything there)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise InputError(
            f"The seed in {quote(path.name)} must be a whole number, not '{quote(value)}'."
        ) from None


def _scenario(
    file: Path | None,
    seed: int | None,
    toughness: str | None,
    role: str | None,
    level: str | None,
    location: str | None,
) -> Scenario:
    from coach.roleplay.scenario import generate, load_scenario, toughness_from  # lazy: see _run

    if file is not None and seed is not None:
        raise InputError("Give --scenario or --seed, not both.")
    if file is not None:
        picked = load_scenario(file)
        return picked.with_toughness(toughness) if toughness else picked
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    return generate(
        seed,
        toughness=toughness_from(toughness or "standard"),
        role=role,
        level=level,
        location=location,
    )


def _offer_scenario(
    text: str,
    seed: int | None,
    toughness: str | None,
    role: str | None,
    level: str | None,
    location: str | None,
) -> Scenario:
    """The call on the user's own offer: the recruiter opens with it."""
    from coach.offers import parse_offer  # lazy: see _run
    from coach.roleplay.scenario import from_offer

    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    return from_offer(
        parse_offer(text).offer,
        seed,
        toughness=toughness or "standard",
        role=role,
        level=level,
        location=location,
    )


def _model(use_llm: bool | None, *, interactive: bool) -> BaseChatModel | None:
    """The configured chat model, when asked for (or by default interactively)."""
    if use_llm is False or (use_llm is None and not interactive):
        return None
    settings = load_settings()
    if not settings.uses_llm:
        if use_llm:
            raise InputError(
                "No LLM is configured; set OPENAI_BASE_URL or OPENAI_API_KEY, "
                "or drop --llm to use the templates."
            )
        return None
    from coach.llm import chat_model  # lazy: LangChain loads only when a model voices the call

    return chat_model(settings)


# ------------------------------------------------------------------ scripted


def _play_script(call: Call, turns: list[str], as_json: bool) -> None:
    call.start()
    for text in turns:
        if call.ended:
            break
        call.turn(text)
    card = call.end()
    if as_json:
        typer.echo(json.dumps(_result(call, card), indent=2))
        return
    console = Console()
    _print_transcript(console, call)
    _print_scorecard(console, card)


def _result(call: Call, card: Card) -> dict[str, Any]:
    from coach.roleplay.manager_scorecard import ManagerScorecard

    if isinstance(card, ManagerScorecard):
        return {
            "scenario": call.scenario.brief(),
            "transcript": call.transcript(),
            "outcome": card.outcome.value,
            "verdict": card.verdict,
            "grade": {
                "score": card.grade.score,
                "letter": card.grade.letter,
                "reasons": card.grade.reasons,
                "graded": card.grade.graded,
            },
            "final_terms": {
                "base": card.final_base,
                "title": card.title_after,
                "bonus": card.bonus,
            },
            "scorecard": card.model_dump(mode="json"),
        }
    return {
        "scenario": call.scenario.brief(),
        "transcript": call.transcript(),
        "outcome": card.outcome.value,
        "verdict": card.verdict,
        "grade": {
            "score": card.grade.score,
            "letter": card.grade.letter,
            "reasons": card.grade.reasons,
            "graded": card.grade.graded,
        },
        # A lost offer has no final terms: what was on the table is in the scorecard.
        "final_terms": None if card.offer_lost else card.final.model_dump(),
        "scorecard": card.model_dump(mode="json"),
    }


# ------------------------------------------------------------------ interactive


def _interactive(call: Call) -> None:
    console = Console()
    _print_brief(console, call.scenario)
    _print_transcript(console, call)
    console.print(f"[dim]{_COMMANDS}[/]")
    while not call.ended:
        try:
            text = typer.prompt("You", prompt_suffix=": ")
        except typer.Abort:
            break
        command = text.strip()
        if command == "/end":
            break
        if command.startswith("/replay"):
            call = _replay(console, call, command)
            continue
        if command.startswith("/save"):
            _save(console, call, command)
            continue
        try:
            result = call.turn(text)
        except InputError as err:
            console.print(f"[yellow]{escape(err.message)}[/]")
            continue
        name = escape(call.scenario.persona.name)
        console.print(f"[bold cyan]{name}:[/] {escape(result.recruiter_text)}")
        if result.hint is not None:
            console.print(f"[dim]coach: {escape(for_reader(result.hint.text))}[/]")
    _print_scorecard(console, call.end())


def _replay(console: Console, call: Call, command: str) -> Call:
    parts = command.split()
    if len(parts) != 2 or not parts[1].isdigit() or int(parts[1]) < 1:
        console.print("[yellow]Write /replay N, where N is the turn to redo (1 is your first).[/]")
        return call
    try:
        replayed = call.replay_from(int(parts[1]) - 1)
    except InputError as err:
        console.print(f"[yellow]{escape(err.message)}[/]")
        return call
    console.print(f"[dim]Replaying from your turn {parts[1]}.[/]")
    _print_transcript(console, replayed)
    return replayed


def _save(console: Console, call: Call, command: str) -> None:
    parts = command.split(maxsplit=1)
    if len(parts) != 2:
        console.print("[yellow]Write /save FILE.[/]")
        return
    Path(parts[1]).write_text(call.to_json(), encoding="utf-8")
    console.print(f"[dim]Saved; continue later with --resume {escape(parts[1])}.[/]")


# ------------------------------------------------------------------ printing


def _print_brief(console: Console, scenario: Scenario | ManagerScenario) -> None:
    # Scenario files are the user's: their text is printed as written, never as markup.
    from coach.roleplay.manager_scenario import ManagerScenario
    from coach.roleplay.scenario import UNNAMED_COMPANY  # lazy: see _run

    if isinstance(scenario, ManagerScenario):
        _print_manager_brief(console, scenario)
        return

    brief = {k: escape(str(v)) for k, v in scenario.brief().items()}
    named = scenario.company != UNNAMED_COMPANY
    where = f" at {brief['company']}" if named else " (no company named)"
    console.print(
        f"[bold]{brief['role']}{where}[/] ({brief['employer_type']}, "
        f"{brief['location']}); recruiter {brief['recruiter']}, {brief['toughness']}."
    )
    if scenario.opens_with_offer:
        console.print("Practising on your offer: the recruiter opens with it.")
    if scenario.market:
        market = scenario.market
        console.print(
            f"Market: p25 {format_usd(market.p25)}, median {format_usd(market.p50)}, "
            f"p75 {format_usd(market.p75)} ({escape(str(market.basis))})."
        )
    if scenario.current_base:
        console.print(f"You earn {format_usd(scenario.current_base)} base today.")
    if scenario.seed is not None:
        console.print(
            f"[dim]Scenario seed {scenario.seed}: replay it with --seed {scenario.seed}.[/]"
        )


def _print_manager_brief(console: Console, scenario: ManagerScenario) -> None:
    brief = {k: escape(str(v)) for k, v in scenario.brief().items()}
    console.print(
        f"[bold]A {brief['talk']} talk with your manager {brief['manager']}[/] "
        f"({brief['company']}, {brief['location']}; {brief['toughness']}). You are "
        f"{brief['role']} on {format_usd(scenario.current_base)} base."
    )
    if scenario.market:
        market = scenario.market
        sources = escape(", ".join(market.sources) or str(market.basis))
        console.print(
            f"Market: p25 {format_usd(market.p25)}, median {format_usd(market.p50)}, "
            f"p75 {format_usd(market.p75)} ({sources})."
        )
    if scenario.seed is not None:
        console.print(
            f"[dim]Talk seed {scenario.seed}: replay it with --with manager --seed "
            f"{scenario.seed}.[/]"
        )


def _print_transcript(console: Console, call: Call) -> None:
    # What the candidate typed (and the recruiter's echo of it) is text, not Rich markup:
    # "[/bold]" in a message would otherwise raise a MarkupError.
    name = escape(call.scenario.persona.name)
    for line in call.transcript():
        text = escape(line["text"])
        if line["role"] == "recruiter":
            console.print(f"[bold cyan]{name}:[/] {text}")
        elif line["role"] == "candidate":
            console.print(f"[bold]You:[/] {text}")
        else:
            console.print(f"[dim]coach: {escape(for_reader(line['text']))}[/]")


def _print_scorecard(console: Console, card: Card) -> None:
    # The same Markdown the UI and the export show: one rendering of the scorecard.
    from rich.markdown import Markdown

    from coach.roleplay.report import card_markdown

    console.print()
    # Citations as the sections' titles ("Mistakes — Mistake one: …"), as the app shows them.
    console.print(Markdown(for_reader(card_markdown(card))))
