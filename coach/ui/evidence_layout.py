"""The Evidence pack tab's Gradio layout: the guided form, its checks, the bullets. Wiring only.

The logic is coach/ui/evidence_tab.py. Each box has a line under it where its check is
shown; nothing is kept in a gr.State (which holds a heartbeat connection open for as long
as the page is): the boxes are the state, and the saved pack is read from COACH_HOME.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from coach import prompts
from coach.ui import evidence_tab
from coach.ui.evidence_tab import BOXES, KEYS, Box

SECTIONS = [  # (heading, the boxes under it, shown folded)
    ("Workflow 1", [b for b in BOXES if b.key.startswith("w1_")], False),
    ("A second workflow (optional)", [b for b in BOXES if b.key.startswith("w2_")], True),
    ("Eval story", [b for b in BOXES if b.field.startswith("eval_story.")], False),
    ("Portability", [b for b in BOXES if b.key == "portability"], False),
]


def _element(key: str) -> str:
    return f"evidence-{key.replace('_', '-')}"


def _box(box: Box) -> tuple[Any, Any]:
    import gradio as gr

    component = gr.Textbox(label=box.label, lines=2, elem_id=_element(box.key))
    check = gr.Markdown(
        visible=False, elem_id=f"{_element(box.key)}-check", elem_classes=["field-error"]
    )
    return component, check


def build_evidence_tab(home: Path) -> tuple[Callable[[], list[Any]], list[Any]]:
    """The tab's components and events; call inside ``gr.Tab("Evidence pack")``.

    Returns the function that fills the form from the saved pack and its outputs, for
    the page's load event."""
    import gradio as gr

    boxes: dict[str, Any] = {}
    checks: dict[str, Any] = {}
    gr.Markdown(prompts.render("evidence/form_intro"), elem_id="evidence-intro")
    with gr.Row():
        with gr.Column(scale=3):
            for heading, section, folded in SECTIONS:
                if folded:
                    with gr.Accordion(heading, open=False, elem_id="evidence-second"):
                        for box in section:
                            boxes[box.key], checks[box.key] = _box(box)
                    continue
                gr.Markdown(f"**{heading}**")
                for box in section:
                    boxes[box.key], checks[box.key] = _box(box)
            check = gr.Button("Check my answers", variant="primary", elem_id="evidence-check")
        with gr.Column(scale=2):
            summary = gr.Markdown(elem_id="evidence-summary")
            bullets = gr.Textbox(
                label="Your outcome bullets (one a line; edit them freely)",
                lines=6,
                elem_id="evidence-bullets",
            )
            with gr.Row():
                save = gr.Button("Save", variant="primary", elem_id="evidence-save")
                delete = gr.Button("Delete my pack", elem_id="evidence-delete")
                # Asked once more: a pack deleted can't be brought back.
                sure = gr.Button(
                    "Yes, delete it", variant="stop", visible=False, elem_id="evidence-delete-yes"
                )
            status = gr.Markdown(elem_id="evidence-status")
    inputs = [boxes[key] for key in KEYS]
    lines = [checks[key] for key in KEYS]

    def on_check(*values: str) -> list[Any]:
        result = evidence_tab.check_form(values)
        shown = [
            gr.update(value=result.lines.get(key, ""), visible=bool(result.lines.get(key)))
            for key in KEYS
        ]
        return [*shown, result.bullets, result.summary]

    def on_save(*values: str) -> str:
        *answers, text = values
        return evidence_tab.save_form(home, answers, text)

    def on_delete() -> list[Any]:
        said = evidence_tab.delete_form(home)
        cleared = ["" for _ in KEYS]
        hidden = [gr.update(value="", visible=False) for _ in KEYS]
        return [*cleared, *hidden, "", "", said, gr.update(visible=False)]

    def restore() -> list[Any]:
        values, text, said = evidence_tab.load_form(home)
        return [*values, text, said]

    check.click(
        on_check, inputs, [*lines, bullets, summary], api_name="evidence_check", queue=False
    )
    save.click(on_save, [*inputs, bullets], [status], api_name="evidence_save", queue=False)
    delete.click(
        lambda: [gr.update(visible=True), prompts.render("evidence/form_delete_sure")],
        None,
        [sure, status],
        api_visibility="private",
        queue=False,
    )
    sure.click(
        on_delete,
        None,
        [*inputs, *lines, bullets, summary, status, sure],
        api_name="evidence_delete",
        queue=False,
    )
    return restore, [*inputs, bullets, status]
