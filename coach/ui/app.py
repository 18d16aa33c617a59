"""Build and serve the Gradio app. Wiring only: handlers live beside this file."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from coach.config import Settings
from coach.errors import InputError
from coach.ui.chat import CoachChat

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger(__name__)

EXAMPLES = [
    "They said this is the top of their range. What do I say?",
    "Should I tell the recruiter my current salary?",
    "What should I negotiate besides base salary?",
    "When is the right time to negotiate?",
]
TITLE = "coach — salary negotiation coach"
DESCRIPTION = (
    "Answers come from the playbook, cited by section. Offline coach: no model configured."
)
# System fonts only: Gradio's default theme pulls web fonts from a CDN, and we stay offline.
SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]


def theme() -> gr.themes.Base:
    import gradio as gr

    return gr.themes.Default(font=SYSTEM_FONTS, font_mono=MONO_FONTS)


def build(chat: CoachChat) -> gr.Blocks:
    import gradio as gr

    return gr.ChatInterface(
        fn=chat.respond,
        title=TITLE,
        description=DESCRIPTION,
        examples=EXAMPLES,
        cache_examples=False,
        api_name="chat",
        flagging_mode="never",
        analytics_enabled=False,
    )


def launch(
    settings: Settings, host: str | None = None, port: int | None = None, block: bool = True
) -> tuple[gr.Blocks, CoachChat, str]:
    """Start the server first, then warm up the store and model in the background."""
    chat = CoachChat(settings)
    demo = build(chat)
    bind_port = port if port is not None else settings.port
    try:
        _, url, _ = demo.launch(
            server_name=host or settings.host,
            server_port=bind_port,
            prevent_thread_lock=True,
            quiet=False,
            ssr_mode=False,
            theme=theme(),
            footer_links=["settings"],
        )
    except OSError as exc:
        raise InputError(
            f"Port {bind_port} is already in use: stop the other app or choose another with --port."
        ) from exc
    chat.warm_up_in_background()
    if block:
        demo.block_thread()
    return demo, chat, url


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    log.info("starting coach: %s", settings.describe())
    launch(settings, host=host, port=port, block=True)
