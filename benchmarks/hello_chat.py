"""The baseline for cold start: a bare gr.ChatInterface started like our app."""

import sys

import gradio as gr

if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 7860
    demo = gr.ChatInterface(fn=lambda message, history: message, analytics_enabled=False)
    demo.launch(server_name="127.0.0.1", server_port=port, ssr_mode=False)
