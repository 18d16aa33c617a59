"""Playbook citations are stated once (coach.citations) and each names a real section."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coach import citations
from coach.citations import ALL

ROOT = Path(__file__).resolve().parents[1]
PLAYBOOK = ROOT / "coach" / "knowledge" / "playbook"
CITATION = re.compile(r"\[?([a-z][a-z0-9-]*) § ")


def playbook_sections() -> dict[str, set[str]]:
    """doc-id -> its '## ' headings, read from the Markdown files themselves."""
    found: dict[str, set[str]] = {}
    for path in PLAYBOOK.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        doc = re.search(r"^id:\s*(\S+)", text, re.MULTILINE)
        assert doc is not None, path
        found[doc.group(1)] = {h.strip() for h in re.findall(r"^## (.+)$", text, re.MULTILINE)}
    return found


def test_every_citation_names_a_real_playbook_section() -> None:
    sections = playbook_sections()
    assert len(ALL) >= 30
    missing = []
    for cited in ALL:
        doc, _, heading = cited.partition(" § ")
        if heading not in sections.get(doc, set()):
            missing.append(cited)
    assert not missing, missing


def test_all_holds_every_constant_once() -> None:
    constants = {n: v for n, v in vars(citations).items() if n.isupper() and n != "ALL"}
    assert set(ALL) == set(constants.values())
    assert len(set(constants.values())) == len(constants), "two names for one section"


def test_no_module_types_a_citation_of_its_own() -> None:
    """A string literal that starts 'doc-id § ' outside coach/citations.py is a copy that
    a renamed heading would leave dangling."""
    docs = set(playbook_sections())
    typed = []
    for path in (ROOT / "coach").rglob("*.py"):
        if path.name == "citations.py" and path.parent.name == "coach":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = CITATION.match(node.value)
                if match and match.group(1) in docs:
                    typed.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:50]}")
    assert not typed, typed
