"""`python app.py`: the openEO Agent chat UI on http://127.0.0.1:7860.

A thin entry point: the layout and the event → component mapping live in ui/; the agent
(started lazily on the first request) lives in agent/. GRADIO_SERVER_NAME and
GRADIO_SERVER_PORT are respected.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home: the UI works offline


def runs_root(settings=None) -> Path:
    """Where runs are written (AgentSettings.runs_dir), made absolute so it can be served."""
    if settings is None:
        from agent.settings import AgentSettings

        settings = AgentSettings()
    root = Path(settings.runs_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root


def theme():
    """Gradio's default look with system fonts: the page loads nothing from the internet."""
    import gradio as gr

    return gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])


def create_app(runner_factory=None, settings=None, private_backends=None):
    """The Gradio Blocks and the launch keyword arguments that serve each session's maps.

    `private_backends` (ui.network.PrivateBackends) says which addresses inside this server's
    network the Settings tab may name; default: OPENEO_AGENT_UI_ALLOW_PRIVATE_BACKENDS."""
    from starlette.routing import Mount

    from agent.settings import AgentSettings
    from ui.downloads import ZIP_DIR
    from ui.layout import CSS, App, build
    from ui.runners import RunnerPool
    from ui.static import RunFiles

    settings = settings if settings is not None else AgentSettings()
    root = runs_root(settings)
    app = App(RunnerPool(runner_factory, base_settings=settings), root, defaults=settings.public_view(),
              private_backends=private_backends)
    demo = build(app)
    demo.queue(default_concurrency_limit=int(os.environ.get("OPENEO_AGENT_UI_CONCURRENCY", "8")))
    ZIP_DIR.mkdir(parents=True, exist_ok=True)
    launch_kwargs = dict(
        css=CSS,
        theme=theme(),
        # no allowed_paths: downloads are staged in a temporary folder and Gradio serves only its own
        # copies, under secret-seeded hashes; runs/ is never served as files.
        # runs/<token>/<id>/map.html: each session's maps, same origin as the page (ui/static.py)
        app_kwargs={"routes": [Mount("/runs", app=RunFiles(directory=str(root), signer=app.signer), name="runs")]},
        show_error=False,
    )
    demo._openeo_app = app  # for tests and shutdown: the runner pool
    return demo, launch_kwargs


def main() -> int:
    import threading

    from pydantic import ValidationError

    try:
        demo, kwargs = create_app()
    except ValidationError as exc:  # a bad OPENEO_AGENT_* variable or config file entry
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        print(f"openeo-agent: the setting '{where}' is invalid: {first.get('msg')}. "
              "Fix the OPENEO_AGENT_* environment variable or the config file.", file=sys.stderr)
        return 2
    host = os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1")
    port = int(os.environ.get("GRADIO_SERVER_PORT", "7860"))
    try:
        demo.launch(server_name=host, server_port=port, prevent_thread_lock=True, **kwargs)
        # the page is served: now the agent's heavy imports and the embedded backend start
        threading.Thread(target=demo._openeo_app.warm_up, name="agent-warm-up", daemon=True).start()
        demo.block_thread()
    finally:
        demo._openeo_app.pool.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
