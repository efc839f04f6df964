"""Edges: CLI, terminal chat, Gradio UI, HTTP API. They hold no logic of their own."""
