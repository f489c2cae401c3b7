"""The chat UI: Gradio layout (layout.py) and the pure mapping from agent events to what the
components show (render.py). `python app.py` is the entry point."""
