"""Gradio front end: thin adapters over the coach's functions."""
