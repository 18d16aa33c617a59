"""The Evidence pack tab's handlers (plain functions; no browser): check, save, load, delete,
and the Offers tab's counter scripts saying the saved bullets."""

from __future__ import annotations

from pathlib import Path

from coach.evidence import load_pack
from coach.ui import evidence_tab as tab
from coach.ui.offers_tab import FormOffer, safe_check


def _values(**given: str) -> list[str]:
    return [given.get(key, "") for key in tab.KEYS]


STRONG = _values(
    w1_what="Built a retrieval assistant for support agents",
    w1_tools="GPT-4o, pgvector",
    w1_gain="median handling time fell from 9 to 4 minutes",
    w1_outcome="CSAT up from 82% to 90%",
    metric="hallucination rate on a 300-question set",
    before="12%",
    after="3%",
    portability="the stack is standard (OpenAI API, Postgres) and the eval harness is reusable",
)


def test_every_box_is_labelled_by_its_question() -> None:
    assert len(tab.KEYS) == len(set(tab.KEYS)) == 12
    assert all(box.label.endswith("?") or box.label.endswith(".") for box in tab.BOXES)


def test_check_shows_each_check_beside_its_box_and_the_bullets() -> None:
    checked = tab.check_form(STRONG)
    assert set(checked.lines) == {k for k in tab.KEYS if not k.startswith("w2_")}
    assert all(line.startswith("✓") for line in checked.lines.values())
    assert checked.bullets.splitlines()[0].startswith("CSAT up from 82% to 90%: built")
    assert len(checked.bullets.splitlines()) == 3
    assert "meet the bar" in checked.summary


def test_check_names_the_buzzword_mistake_beside_its_box() -> None:
    values = _values(w1_what="I leverage AI to drive synergies", w1_tools="AI")
    checked = tab.check_form(values)
    assert checked.lines["w1_what"].startswith("⚠️")
    assert "second costliest mistake" in checked.lines["w1_what"]
    assert "Name the tools and models by name" in checked.lines["w1_tools"]
    assert checked.bullets == ""  # buzzwords make no bullet
    assert "fall short" in checked.summary


def test_save_keeps_the_edited_bullets_and_load_brings_them_back(home: Path) -> None:
    said = tab.save_form(home, STRONG, "- My first bullet, 40% faster\n\n2. My second one\n")
    assert said.startswith("Saved your evidence pack with 2 bullet(s)")
    pack = load_pack(home)
    assert pack is not None and pack.bullets == ["My first bullet, 40% faster", "My second one"]
    values, bullets, status = tab.load_form(home)
    assert values == STRONG and bullets.splitlines() == pack.bullets and "loaded" in status


def test_save_with_no_bullets_makes_them_and_refuses_more_than_five(home: Path) -> None:
    assert tab.save_form(home, STRONG, "").startswith("Saved")
    pack = load_pack(home)
    assert pack is not None and len(pack.bullets) == 3
    said = tab.save_form(home, STRONG, "\n".join(f"bullet {i}" for i in range(7)))
    assert said == "⚠️ Your bullets: keep it to 5, one a line; there are 7."
    assert tab.save_form(home, _values(), "").startswith("⚠️ Nothing to save yet")


def test_delete_and_load_with_no_pack(home: Path) -> None:
    tab.save_form(home, STRONG, "")
    assert tab.delete_form(home).startswith("Deleted your evidence pack")
    assert tab.load_form(home) == (_values(), "", "")
    assert tab.delete_form(home).startswith("No evidence pack saved yet")


def test_an_unreadable_pack_is_said_not_replaced(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "evidence-pack.json").write_text("{not json")
    _, bullets, status = tab.load_form(home)
    assert status.startswith("⚠️ The evidence pack in") and bullets == ""
    assert tab.saved_bullets(home) == []


def test_offers_tab_counter_says_the_saved_bullets(home: Path) -> None:
    offer = FormOffer(
        company="Acme", role="software engineer", level="senior", location="Seattle", base="150k"
    )
    without = safe_check(offer, "", "", "")
    assert "[your evidence: a workflow you built" in without.markdown
    tab.save_form(home, STRONG, "")
    with_pack = safe_check(offer, "", "", "", (), tab.saved_bullets(home))
    assert "CSAT up from 82% to 90%: built a retrieval assistant" in with_pack.markdown
    assert "Measured hallucination rate" in with_pack.markdown
    assert "[your evidence" not in with_pack.markdown
