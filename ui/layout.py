"""The Gradio Blocks: chat on the left, result on the right. Handlers only turn agent events into
component values through ui.render; the agent's work happens in the runner.

Handlers return `{component: value}` mappings built from names (`App.values(view)` gives the
view's values by name, `build()` names the components), so an output is never found by its
position in a tuple.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterator

import gradio as gr

from agent.review import RepairHistory, Review, build_review
from ui import glyphs, ownership
from ui.auth import renewed
from ui.downloads import ZIP_DIR, download_files, stage
from ui.history import list_runs, open_run
from ui.network import PrivateBackends, UrlCheck, check_backend_url
from ui.pump import HEARTBEAT, EventPump
from ui.render import RunView, apply, badge_markdown, load_graph, map_html, user_message
from ui.review import diagram_html, explanation_markdown, history_html
from ui.runners import Runner, RunnerPool
from ui.session import Session, session_of
from ui.settings import SessionSettings
from ui.settings_tab import build_settings_tab

log = logging.getLogger("openeo_agent.ui")

EXAMPLES = [
    "NDVI around Leuven in June 2023",
    "Flooded area near Valencia, Spain after 29 October 2024 (Sentinel-1)",
    "Slope map around Zermatt from the Copernicus DEM",
    "Daily NO2 over Madrid in January 2024 as a time series",
]

CSS = """
#chat { flex-grow: 1; }
.example-btn button, button.example-btn { font-size: 0.85em; }
#badge p { margin: 0.2em 0; }
#sandbox-isolation p { margin: 0.1em 0; font-size: 0.85em; color: #555; }
#explanation ol { padding-left: 1.3em; }
"""

DOWNLOADS_HELP = (
    "**code.py** runs as it is against CDSE (`pip install openeo`, then `python code.py`: its "
    "`connection.authenticate_oidc()` line prints a link to sign in with your CDSE account); a table "
    "per part reads the outlines from **places/<name>-parts.geojson**: keep it in a `places` folder beside it. "
    "**notebook.ipynb** is the same script with the explanation, for Jupyter. **openeo_process.json** "
    "opens in the [openEO Web Editor](https://editor.openeo.org) (its model builder imports it: paste the JSON). "
    "The **zip** is the whole run folder: the review, the repair history, the map and the logs."
)

VIEW_OUTPUTS = ("chatbot", "code", "validation", "graph", "map_view", "badge", "chart", "downloads",
                "explanation", "repairs", "diagram")  # fmt: skip
"""The components that show a session's view; with "state" they are every handler's outputs."""

Values = dict[str, Any]  # component name → value


class Refused(Exception):
    """A request this session may not make now; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class App:
    """The handlers, holding what all sessions share: the runner pool, the runs folder and the
    key that signs each session's links to its runs."""

    def __init__(self, pool: RunnerPool, runs_root: Path, defaults: dict | None = None,
                 private_backends: PrivateBackends | None = None) -> None:  # fmt: skip
        self.pool = pool
        self.runs_root = Path(runs_root)
        self.defaults = defaults or {}  # AgentSettings.public_view(): shown in Settings, no secrets
        self.private_backends = private_backends if private_backends is not None else PrivateBackends.from_env()
        self.signer = ownership.RunSigner(self.runs_root)
        self.components: dict[str, Any] = {}  # name → component, filled by build()

    # ---- sessions, backends and runners -------------------------------------------------------
    def claim(self, secret: str | None, sess: Session | None):
        """On page load: the browser's stored secret names the session's owner (a new one is made
        and stored in the browser when it has none, or an invalid one)."""
        sess = session_of(sess)
        if not (isinstance(secret, str) and ownership.SECRET_PATTERN.match(secret)):
            secret = ownership.new_secret()
        sess.owner = ownership.owner_of_secret(secret)
        return secret, sess

    def embedded_url(self) -> str | None:
        """The embedded backend's URL (started if needed), for the backend-URL check."""
        backend = getattr(self.pool.get(SessionSettings()), "backend", None)
        try:
            return backend().url if callable(backend) else None
        except Exception:  # noqa: BLE001 - no embedded backend: nothing is exempt
            return None

    def check_url(self, url: str) -> UrlCheck:
        return check_backend_url(url, self.private_backends, self.embedded_url)

    def runner_for(self, sess: Session) -> Runner:
        """The runner for the session's settings, after checking where they lead: a URL into the
        server's own network is refused (unless allowed), OIDC needs the session's own login."""
        s = sess.settings
        url = s.resolved_backend_url()
        if s.backend == "url" and url:
            check = self.check_url(url)
            if not check.ok:
                raise Refused(check.message)
        login = None
        if s.backend != "embedded" and s.auth == "oidc" and url:
            login = sess.logins.get(url)
            if login is None:
                raise Refused(f"This session is not signed in to {url}: use 'Sign in with a device code' in the "
                              "Settings tab first (each browser session signs in on its own).")  # fmt: skip
            login = sess.logins[url] = renewed(login)
        return self.pool.get(s, login=login, session_id=sess.id)

    def new_run_dir(self, sess: Session) -> Path:
        """runs/<new id>/, marked as the session's before the run starts."""
        from agent.run import new_run_id  # it imports the openeo client: not on the start-up path

        run = self.runs_root / new_run_id()
        ownership.mark(run, sess.owner)
        return run

    def _out(self, values: Values) -> dict[Any, Any]:
        """Named values as the {component: value} mapping Gradio takes (absent names stay as they are)."""
        return {self.components[name]: value for name, value in values.items()}

    def warm_up(self) -> None:
        """Start the default runner (and the embedded backend it owns) before the first request."""
        try:
            runner = self.pool.get(SessionSettings())
            start = getattr(runner, "warm_up", None) or getattr(runner, "backend", None)
            if callable(start):
                start()
        except Exception:  # the first request reports the problem to the user as a sentence
            log.warning("warm-up of the agent failed; the first request will retry", exc_info=True)

    # ---- view → component values ----------------------------------------------------------
    def review_of(self, view: RunView) -> Review | None:
        run = Path(view.run_dir) if view.run_dir else None
        if run is None or not run.is_dir():
            return None
        return build_review(run, view.review_events)

    def values(self, sess: Session) -> Values:
        view = sess.view
        version = ""
        if view.map_path and Path(view.map_path).is_file():
            version = str(int(Path(view.map_path).stat().st_mtime_ns))
        chart = view.chart_path if view.chart_path and Path(view.chart_path).is_file() else None
        token = self.signer.token(Path(view.map_path).parent.name, sess.owner) if view.map_path else ""
        review = self.review_of(view)
        values: Values = {
            "chatbot": view.messages,
            "code": view.code,
            "validation": view.validation_md,
            "graph": load_graph(view.process_graph_path),
            "map_view": map_html(view.map_path, self.runs_root, version, token=token),
            "badge": badge_markdown(view),
            "chart": gr.update(value=stage(chart) if chart else None, visible=chart is not None),
            "explanation": explanation_markdown(review),
            "repairs": history_html(review.history) if review else history_html(RepairHistory()),
            "diagram": diagram_html(review),
        }
        if not view.running:
            values["downloads"] = download_files(view)
        return values

    def _unchanged(self) -> dict[Any, Any]:
        """An update that changes nothing (Gradio wants at least one entry)."""
        return self._out({"state": gr.skip()})

    def _view(self, sess: Session, **extra: Any) -> dict[Any, Any]:
        return self._out({**self.values(sess), "state": sess, **extra})

    def _stream(self, sess: Session, events: Iterator, first: Values | None = None) -> Iterator[dict[Any, Any]]:
        """Apply each event to the session's view and yield the component values that changed."""
        last: Values = {}

        def emit(full: bool = False) -> dict[Any, Any]:
            nonlocal last
            values = self.values(sess)
            changed = {k: v for k, v in values.items() if full or k not in last or not _same(v, last[k])}
            head = (first or {}) if not last else {}
            last = values
            return self._out({**head, **changed, "state": sess})

        yield emit()
        pump = EventPump(events)
        try:
            for event in pump.events():
                if event is HEARTBEAT:  # nothing new: a no-op update, so that Stop can cancel now
                    yield self._unchanged()
                    continue
                sess.view = apply(sess.view, event)
                yield emit()
        except Exception:  # the runner reports failures as events; this is a bug, not a user error
            log.exception("agent run crashed")
            sess.view = sess.view.model_copy(deep=True)
            sess.view.messages.append(
                {"role": "assistant", "content": f"{glyphs.WARNING} The agent stopped unexpectedly. The details are in the server log; please try again."}
            )
            sess.view.running = False
            yield emit()
        finally:
            pump.stop()  # after Stop (GeneratorExit here) the pump closes the runner's stream
            sess.view.running = False
        sess.view.running = False
        yield emit(full=True)  # the last output is complete: API clients see only this one

    # ---- handlers ---------------------------------------------------------------------------
    def chat(self, request: str, sess: Session | None):
        sess = session_of(sess)
        request = (request or "").strip()
        if not request:
            yield self._view(sess)
            return
        if sess.view.running:
            gr.Warning("Still working on your previous request: wait for it, or press Stop first.")
            yield self._unchanged()  # the textbox keeps the text, the rest is as it is
            return
        sess.view = sess.view.model_copy(deep=True)
        sess.view.messages.append(user_message(request))
        sess.view.running = True
        try:
            runner = self.runner_for(sess)
            events = runner.stream(request, thread_id=sess.thread_id, out_dir=self.new_run_dir(sess))
        except Exception as exc:
            yield self._start_failed(sess, exc, request="")
            return
        yield from self._stream(sess, events, first={"request": ""})

    def run_code(self, code: str, sess: Session | None):
        sess = session_of(sess)
        if not (code or "").strip():
            gr.Warning("There is no code to run yet: ask for something first, or paste openEO code.")
            yield self._view(sess)
            return
        if sess.view.running:
            gr.Warning("Still working on your previous request: wait for it, or press Stop first.")
            yield self._unchanged()
            return
        sess.view = sess.view.model_copy(deep=True)
        sess.view.messages.append(user_message(f"{glyphs.RUN} Run the edited code"))
        sess.view.code = code
        sess.view.running = True
        try:
            events = self.runner_for(sess).run_code(code, thread_id=sess.thread_id, out_dir=self.new_run_dir(sess))
        except Exception as exc:
            yield self._start_failed(sess, exc)
            return
        yield from self._stream(sess, events)

    def _start_failed(self, sess: Session, exc: Exception, **extra: Any) -> dict[Any, Any]:
        if isinstance(exc, Refused):
            sess.view.messages.append({"role": "assistant", "content": f"{glyphs.WARNING} {exc.message}"})
            sess.view.running = False
            return self._view(sess, **extra)
        log.exception("could not start the agent")
        message = getattr(exc, "message", None) or "The agent could not start with these settings."
        sess.view.messages.append({"role": "assistant", "content": f"{glyphs.WARNING} {message} Check the Settings tab."})
        sess.view.running = False
        return self._view(sess, **extra)

    def stop(self, sess: Session | None):
        sess = session_of(sess)
        view = sess.view.model_copy(deep=True)
        for m in view.messages:
            if (m.get("metadata") or {}).get("status") == "pending":
                m["metadata"]["status"] = "done"
        view.messages.append({"role": "assistant", "content": f"{glyphs.STOPPED} Stopped. Ask again or change the request."})
        view.running = False
        sess.view = view
        return self._view(sess)

    def new_conversation(self, sess: Session | None):
        return self._view(session_of(sess).renewed())

    def history_choices(self, sess: Session | None = None):
        """The session's own runs (their ids as values: no server paths go to the page)."""
        runs = list_runs(self.runs_root, session_of(sess).owner) if isinstance(sess, Session) else []
        return gr.update(choices=[(r.label, r.run_id) for r in runs], value=runs[0].run_id if runs else None)

    def open_history(self, run_id: str | None, sess: Session | None):
        """Reopen one of the session's runs, by id (a path to a folder directly in runs/ is read as its id)."""
        sess = session_of(sess)
        run = ownership.run_folder(self.runs_root, run_id) if run_id else None
        if run is None or not ownership.owns(run, sess.owner):
            gr.Warning("That run is not in this session's history: choose one from the list.")
            return self._view(sess)
        sess.view = open_run(run)
        return self._view(sess)

    def isolation(self) -> str:
        """Which operating-system isolation drafted and edited code runs under, in one line."""
        from tools.sandbox import sandbox_isolation

        iso = sandbox_isolation()
        mark = glyphs.OK if iso.full_jail else glyphs.WARNING
        return f"{mark} **Sandbox:** drafted and edited code runs in a {iso.summary[0].lower() + iso.summary[1:]}"


def _same(a, b) -> bool:
    """Unchanged since the last yield, so the browser need not receive it again."""
    return type(a) is type(b) and a == b


def build(app: App) -> gr.Blocks:
    with gr.Blocks(title="openEO Agent", fill_height=True) as demo:
        state = gr.State(None)
        # the session's secret, kept (encrypted) in the browser's localStorage: its history survives reloads
        browser_secret = gr.BrowserState(None, storage_key="openeo-agent-session", secret=app.signer.browser_secret())
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=380):
                gr.Markdown(f"## {glyphs.SATELLITE} openEO Agent\nAsk for an Earth-observation result in plain words.")
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    height=560,
                    show_label=False,
                    layout="panel",
                    feedback_options=None,
                    buttons=["copy", "copy_all"],
                    placeholder="Ask for a map or a time series, or pick an example below.",
                )
                with gr.Row():
                    msg = gr.Textbox(
                        elem_id="request",
                        show_label=False,
                        placeholder="e.g. NDVI around Leuven in June 2023",
                        scale=6,
                        lines=1,
                        max_lines=4,
                        submit_btn=False,
                    )
                    send = gr.Button("Send", variant="primary", elem_id="send", scale=1, min_width=70)
                    stop = gr.Button("Stop", variant="stop", elem_id="stop", scale=1, min_width=70)
                with gr.Row():
                    example_btns = [
                        gr.Button(text, size="sm", elem_classes="example-btn", elem_id=f"example-{i}")
                        for i, text in enumerate(EXAMPLES)
                    ]
                new_chat = gr.Button("New conversation", size="sm", elem_id="new-chat")
            with gr.Column(scale=7, min_width=420):
                with gr.Tabs() as tabs:
                    with gr.Tab("Map", id="map", elem_id="tab-map"):
                        badge = gr.Markdown(elem_id="badge")
                        map_view = gr.HTML(map_html("", app.runs_root), elem_id="map", js_on_load=None)
                        chart = gr.Image(label="Time series", visible=False, elem_id="chart", type="filepath", interactive=False)
                    with gr.Tab("Code", id="code", elem_id="tab-code"):
                        isolation = gr.Markdown(elem_id="sandbox-isolation")
                        with gr.Row(equal_height=False):
                            with gr.Column(scale=3, min_width=320):
                                code = gr.Code(language="python", interactive=True, lines=22, elem_id="code", label="code.py (editable)")
                                run_code = gr.Button("Run edited code", variant="primary", elem_id="run-code")
                                validation = gr.Markdown(elem_id="validation")
                            with gr.Column(scale=2, min_width=220):
                                gr.Markdown("#### What the script does")
                                explanation = gr.Markdown(elem_id="explanation")
                    with gr.Tab("Review", id="review", elem_id="tab-review"):
                        gr.Markdown("Every version of the script the agent drafted, what validation said about it, "
                                    "and what changed from one to the next; the version that ran is marked.")
                        repairs = gr.HTML(elem_id="repairs")
                    with gr.Tab("Process graph", id="graph", elem_id="tab-graph"):
                        diagram = gr.HTML(elem_id="graph-diagram")
                        with gr.Accordion("process_graph.json", open=False):
                            graph = gr.JSON(elem_id="graph", label="process_graph.json")
                    with gr.Tab("Downloads", id="downloads", elem_id="tab-downloads"):
                        gr.Markdown(DOWNLOADS_HELP)
                        downloads = gr.File(label="Result, code, notebook, graph and run folder", file_count="multiple", interactive=False, elem_id="downloads")
                    with gr.Tab("History", id="history", elem_id="tab-history"):
                        history = gr.Dropdown(label="Your past runs (this browser)", choices=[], elem_id="history", allow_custom_value=True)
                        with gr.Row():
                            refresh = gr.Button("Refresh", size="sm", elem_id="history-refresh")
                            reopen = gr.Button("Open", size="sm", variant="primary", elem_id="history-open")
                    with gr.Tab("Settings", id="settings", elem_id="tab-settings"):
                        build_settings_tab(state, app.defaults, app.check_url)

        app.components.update(request=msg, chatbot=chatbot, code=code, validation=validation, graph=graph,
                              map_view=map_view, badge=badge, chart=chart, downloads=downloads, state=state,
                              explanation=explanation, repairs=repairs, diagram=diagram)  # fmt: skip
        outputs = [app.components[name] for name in (*VIEW_OUTPUTS, "state")]
        after = dict(fn=app.history_choices, inputs=state, outputs=history, queue=False, api_name=False)
        # trigger_mode="multiple": after Stop, Gradio's page keeps a cancelled event "pending" and
        # would ignore the next Enter; App.chat itself refuses a request while one is running.
        agent = dict(concurrency_id="agent", trigger_mode="multiple")
        running = [
            msg.submit(app.chat, [msg, state], [msg, *outputs], api_name="chat", **agent),
            send.click(app.chat, [msg, state], [msg, *outputs], api_name=False, **agent),
            run_code.click(app.run_code, [code, state], outputs, api_name="run_code", **agent),
        ]
        for btn, text in zip(example_btns, EXAMPLES):
            filled = btn.click(lambda t=text: t, None, msg, queue=False, api_name=False)
            running.append(filled.then(app.chat, [msg, state], [msg, *outputs], api_name=False, **agent))
        for ev in running:
            ev.then(**after)
        stop.click(app.stop, state, outputs, cancels=running, queue=False, api_name=False)
        new_chat.click(app.new_conversation, state, outputs, cancels=running, api_name=False)
        refresh.click(**{**after, "api_name": "history"})  # API clients: the newest run of their own history
        reopen.click(app.open_history, [history, state], outputs, api_name="open_run").then(
            lambda: gr.Tabs(selected="map"), None, tabs, queue=False, api_name=False
        )
        demo.load(app.claim, [browser_secret, state], [browser_secret, state], queue=False, api_name=False).then(**after)
        demo.load(app.isolation, None, isolation, api_name=False)
    return demo


__all__ = ["App", "CSS", "EXAMPLES", "Session", "VIEW_OUTPUTS", "build", "ZIP_DIR"]
