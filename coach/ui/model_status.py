"""The header's line on the configured model: the last `coach check-model` verdict.

Launch never waits for a probe: the line is read from the cache (a file), again on each
page load, so a check run from the terminal shows up on reload. The button runs the check
on demand, in Gradio's worker thread, and caches it; a single-slot local server is not
sent six probes behind the user's back at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.config import Settings
from coach.model_check import cache
from coach.model_check.render import header_line

if TYPE_CHECKING:
    import gradio as gr


def current_line(settings: Settings) -> str:
    return header_line(cache.load(settings))


def check_now(settings: Settings) -> str:
    from coach.model_check.check import check_model  # lazy: httpx and the tool schemas

    result = check_model(settings)
    cache.save(settings, result)
    return header_line(result)


def build(settings: Settings) -> gr.Markdown | None:
    """The line and its button under the title; nothing when no model is configured."""
    import gradio as gr

    if not settings.uses_llm:
        return None
    with gr.Row(equal_height=True):
        line = gr.Markdown(current_line(settings), elem_id="model-check")
        button = gr.Button("Check the model", size="sm", scale=0, elem_id="model-check-run")
    button.click(lambda: check_now(settings), None, line, api_visibility="private")
    return line
