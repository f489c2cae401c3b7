"""Helpers of the UI tests: the app served in-process on a free port, a page with the network blocked.

A module of its own (not conftest.py) so that test modules can import it by a unique name."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(runner_factory=None, runs_dir: Path | None = None, private_backends=None, port: int | None = None,
              **settings):
    """The app on 127.0.0.1:<free port> (or `port`); yields (url, demo). `private_backends`
    (ui.network.PrivateBackends) lets the Settings tab name addresses of this machine."""
    from agent.settings import AgentSettings
    from app import create_app
    from ui.network import PrivateBackends

    agent_settings = AgentSettings(runs_dir=runs_dir, **settings) if runs_dir else AgentSettings(**settings)
    demo, kwargs = create_app(runner_factory=runner_factory, settings=agent_settings,
                              private_backends=private_backends or PrivateBackends())
    port = port or free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **kwargs)
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        close_app(demo)
        demo._openeo_app.pool.close()


def close_app(demo) -> None:
    """`demo.close()`, which can race: gradio sets the server loop's asyncio.Event from this thread, and
    while the loop iterates the event's waiters that raises 'deque mutated during iteration' (seen once in
    CI under load) after marking the app stopped but before closing the server: close the server then."""
    try:
        demo.close()
    except RuntimeError:
        if demo.server:
            demo.server.close()


def offline_page(browser, artifacts_dir: Path | None = None):
    """A browser page whose every request not to 127.0.0.1 is aborted (the network is 'blocked')."""
    context = browser.new_context(viewport={"width": 1500, "height": 950}, accept_downloads=True)
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked  # type: ignore[attr-defined]
    return context, page
