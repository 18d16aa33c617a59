"""Baseline for the load benchmark: a bare Gradio chat with the same API shape and no coach."""

import sys

import gradio as gr

ANSWER = "echo " * 200


def ask(message, history, thread):  # type: ignore[no-untyped-def]
    shown = [*history, {"role": "user", "content": message}]
    yield shown, "", "", thread
    yield [*shown, {"role": "assistant", "content": ANSWER}], "", "", thread


if __name__ == "__main__":
    with gr.Blocks(analytics_enabled=False) as demo:
        chat, box, sources = gr.Chatbot(), gr.Textbox(), gr.Markdown()
        thread = gr.BrowserState(None)
        box.submit(
            ask,
            [box, chat, thread],
            [chat, sources, box, thread],
            api_name="chat",
            concurrency_limit=8,
        )
    demo.queue().launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), ssr_mode=False)
