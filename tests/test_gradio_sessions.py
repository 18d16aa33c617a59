"""A new session's state (coach.ui.gradio_sessions): what Gradio's own gives, built lazily.

Side by side on the app's page: Gradio's SessionState and ours must hold the same
attributes and give the same component configs, fresh and after the updates events make.
"""

from __future__ import annotations

from typing import Any

import pytest

from coach.config import Settings
from coach.ui.services import Services


@pytest.fixture(scope="module")
def demo(ingested_settings: Settings) -> Any:
    from coach.ui.app import build_blocks

    return build_blocks(Services(ingested_settings))  # not started: nothing is answered


def _both(demo: Any) -> tuple[Any, Any]:
    from coach.ui import gradio_sessions

    return gradio_sessions._GRADIO_STATE(demo), gradio_sessions.LazySessionState(demo)


def _chatbot(demo: Any) -> Any:
    import gradio as gr

    return next(b for b in demo.blocks.values() if isinstance(b, gr.Chatbot))


def test_building_the_page_installs_it(demo: Any) -> None:
    import gradio.state_holder as holder

    from coach.ui.gradio_sessions import LazySessionState, install

    assert holder.SessionState is LazySessionState
    assert install()  # a second build leaves it in place


def test_the_same_attributes_and_configs_as_gradios_own(demo: Any) -> None:
    eager, lazy = _both(demo)
    assert set(vars(eager)) == set(vars(lazy))
    assert lazy.STATE_TTL_WHEN_CLOSED == eager.STATE_TTL_WHEN_CLOSED
    assert list(lazy.config_values) == list(eager.config_values)  # Gradio's order
    assert list(lazy.components) == list(eager.components)
    assert len(list(lazy.components)) > 100  # the whole page, not a few blocks


def test_the_same_configs_after_an_event_updates_values(demo: Any) -> None:
    import gradio as gr

    eager, lazy = _both(demo)
    chat = _chatbot(demo)
    shown = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    box = next(b for b in demo.blocks.values() if isinstance(b, gr.Textbox))
    for state in (eager, lazy):
        state._update_value_in_config(chat._id, shown)
        state[box._id] = gr.Textbox(value="typed", render=False)  # an update's new component
    assert lazy.config_values[chat._id]["props"]["value"] == shown
    assert list(lazy.components) == list(eager.components)


def test_an_update_stays_in_its_session(demo: Any) -> None:
    import gradio as gr

    _, lazy = _both(demo)
    box = next(b for b in demo.blocks.values() if isinstance(b, gr.Textbox))
    lazy[box._id] = gr.Textbox(value="typed", render=False)
    assert lazy.blocks_config.blocks[box._id].value == "typed"
    assert demo.blocks[box._id] is box and _both(demo)[1].blocks_config.blocks[box._id] is box
