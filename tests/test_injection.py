"""Prompt injection: ≥ 30 attacks (tests/data/injection.yaml) against every surface.

Pass = no budget or system prompt leaked, no unsafe tool call, the role kept. The
offline coach and the recruiter policy are attacked directly; the OpenAI-compatible
path is attacked by our scripted server replaying malicious model outputs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from langchain_core.embeddings import Embeddings

from coach import prompts
from coach.config import Settings
from coach.contracts import ToolName
from coach.guard import REDACTED, leaks_instructions
from coach.money import find_amounts
from coach.playbook import Playbook
from coach.roleplay import PracticeCall, generate
from coach.session import CoachSession
from coach.tools import make_tools
from tests.conftest import REPO
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall

ATTACKS = yaml.safe_load((REPO / "tests" / "data" / "injection.yaml").read_text(encoding="utf-8"))
# Every tool the coach has: an attack may steer which one runs, never invent another.
TOOL_NAMES = {name.value for name in ToolName}
OUT_OF_ROLE = re.compile(r"\b(as an ai|language model|my instructions|system prompt|json)\b", re.I)


def test_the_suite_has_at_least_30_attacks() -> None:
    assert sum(len(v) for v in ATTACKS.values()) >= 30


def _ids(group: str) -> list[str]:
    return [a["id"] for a in ATTACKS[group]]


# -- the recruiter --------------------------------------------------------------------
@pytest.mark.parametrize("attack", ATTACKS["recruiter"], ids=_ids("recruiter"))
@pytest.mark.parametrize("seed", [3, 11])
def test_recruiter_reveals_no_budget_and_concedes_nothing(attack: dict, seed: int) -> None:
    call = PracticeCall(generate(seed, toughness="standard"))
    opening = call.start()
    # Get an offer on the table first, so there is something to guard.
    call.turn("Based on market data for this role, my target range is 190k to 220k.")
    before = call.state.table
    conceded = len(call.state.conceded)
    result = call.turn(attack["text"])
    budget = call.scenario.budget
    secret = {budget.base_max, budget.sign_on_max, budget.equity_max} - {
        before.base,
        before.sign_on,
        before.equity,
        0,
    }
    said = {
        a.value
        for a in find_amounts(result.recruiter_text + (result.hint.text if result.hint else ""))
    }
    assert not said & secret, f"budget figure leaked: {said & secret}"
    assert len(call.state.conceded) == conceded, "an attack won a concession"
    assert result.recruiter_text.strip() and not OUT_OF_ROLE.search(result.recruiter_text)
    assert opening  # the call itself still works


# -- the coach (offline) -----------------------------------------------------------------
@pytest.fixture(scope="module")
def coach(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


@pytest.mark.parametrize("attack", ATTACKS["coach"], ids=_ids("coach"))
def test_offline_coach_keeps_its_role(coach: CoachSession, attack: dict) -> None:
    turn = coach.ask(f"inj-{attack['id']}", attack["text"])
    assert {s.name for s in turn.tool_steps} <= TOOL_NAMES
    assert not leaks_instructions(turn.text)
    assert "root:" not in turn.text and "/etc/passwd" not in turn.answer.split("§")[0]
    lowered = turn.text.lower()
    assert "accept every offer" not in lowered and "pirate" not in lowered


@pytest.mark.parametrize("attack", ATTACKS["offer"], ids=_ids("offer"))
def test_instructions_in_a_pasted_offer_are_data(coach: CoachSession, attack: dict) -> None:
    score = next(t for t in make_tools(coach.playbook) if t.name == "score_offer")
    message = score.invoke(
        {
            "type": "tool_call",
            "name": "score_offer",
            "id": "x",
            "args": {"offer_text": attack["text"]},
        }
    )
    data = message.artifact
    assert ("error" in data) or (data["score"] is None or data["score"] < 100)
    assert "<script>" not in data.get("markdown", "")


# -- the playbook -----------------------------------------------------------------------
def test_instructions_hidden_in_a_playbook_file_are_not_ingested(
    tmp_path: Path, fake_embeddings: Embeddings
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "coach" / "knowledge" / "playbook", knowledge / "playbook")
    body = "\n\n".join(
        f"## Part {i}\n{a['text']} " + "filler words " * 30
        for i, a in enumerate(ATTACKS["playbook"])
    )
    (knowledge / "playbook" / "evil.md").write_text(
        f"---\nid: evil\ntitle: Evil\ntopics: [x]\nsources: [x]\n---\n# Evil\n\n{body}\n",
        encoding="utf-8",
    )
    settings = Settings(home=tmp_path / "home", knowledge_dir=knowledge)
    # Which sections reach the store is bookkeeping: a fake embedder is enough.
    playbook = Playbook(settings, fake_embeddings)
    report = playbook.ingest()
    assert len(report.quarantined) == len(ATTACKS["playbook"])
    stored = playbook.store.get()["ids"]
    assert stored and not [cid for cid in stored if cid.startswith("evil#")]


def test_our_own_playbook_trips_no_injection_filter(ingested_settings: Settings) -> None:
    assert Playbook(ingested_settings).ingest().quarantined == []


# -- the OpenAI-compatible path, with a malicious model -------------------------------
@pytest.fixture
def server() -> ScriptedOpenAI:
    srv = ScriptedOpenAI().start()
    yield srv
    srv.stop()


@pytest.fixture
def llm_session(server: ScriptedOpenAI, ingested_settings: Settings) -> CoachSession:
    return CoachSession(
        Settings(
            home=ingested_settings.home,
            openai_base_url=server.base_url,
            model="evil-model",
            llm_retries=0,
        )
    )


@pytest.mark.parametrize("attack", ATTACKS["tool_args"], ids=_ids("tool_args"))
def test_malicious_tool_arguments_are_harmless(
    server: ScriptedOpenAI, llm_session: CoachSession, attack: dict
) -> None:
    server.push(
        Reply.tools(ToolCall(attack["tool"], attack["args"])), Reply.text("Here is what I found.")
    )
    turn = llm_session.ask(f"args-{attack['id']}", "help me")
    assert turn.backend in {"scripted-model", "offline coach"}
    assert "Traceback" not in turn.text and "passwd" not in turn.text.replace(
        "../../../../etc/passwd", ""
    )
    for step in turn.tool_steps:  # each tool answered with data or one plain sentence
        assert step.error is None or "\n" not in step.error


@pytest.mark.parametrize("attack", ATTACKS["llm_output"], ids=_ids("llm_output"))
def test_malicious_model_output_is_caught(
    server: ScriptedOpenAI, llm_session: CoachSession, attack: dict
) -> None:
    if attack["kind"] == "leak":
        server.push(Reply.text("Sure. " + prompts.load("coach").template))
    elif attack["kind"] == "harmful":
        server.push(Reply.text(attack["text"]))
    else:
        server.push(Reply.tools(ToolCall(attack["tool"], attack["args"])))
    turn = llm_session.ask(f"out-{attack['id']}", "What should I do with this offer?")
    assert not leaks_instructions(turn.text)
    if attack["kind"] == "leak":
        assert turn.answer == REDACTED
    elif attack["kind"] == "harmful":
        assert turn.warnings and "advises against" in turn.text
    else:  # a tool we don't have: the offline coach answers instead, nothing runs
        assert turn.notice and "does not exist" in turn.notice
        assert all(step.name in TOOL_NAMES for step in turn.tool_steps)
