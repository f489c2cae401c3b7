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

from ui import glyphs
from ui.downloads import ZIP_DIR, download_files, stage
from ui.history import list_runs, open_run
from ui.pump import HEARTBEAT, EventPump
from ui.render import RunView, apply, badge_markdown, load_graph, map_html, user_message
from ui.runners import RunnerPool
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
"""


VIEW_OUTPUTS = ("chatbot", "code", "validation", "graph", "map_view", "badge", "chart", "downloads")
"""The components that show a session's view; with "state" they are every handler's outputs."""

Values = dict[str, Any]  # component name → value


class App:
    """The handlers, holding what all sessions share: the runner pool and the runs folder."""

    def __init__(self, pool: RunnerPool, runs_root: Path, defaults: dict | None = None) -> None:
        self.pool = pool
        self.runs_root = Path(runs_root)
        self.defaults = defaults or {}  # AgentSettings.public_view(): shown in Settings, no secrets
        self.components: dict[str, Any] = {}  # name → component, filled by build()

    def _out(self, values: Values) -> dict[Any, Any]:
        """Named values as the {component: value} mapping Gradio takes (absent names stay as they are)."""
        return {self.components[name]: value for name, value in values.items()}

    def warm_up(self) -> None:
        """Start the default runner (and the embedded backend it owns) before the first request."""
        try:
            runner = self.pool.get(SessionSettings())
            backend = getattr(runner, "backend", None)
            if callable(backend):
                backend()
        except Exception:  # the first request reports the problem to the user as a sentence
            log.warning("warm-up of the agent failed; the first request will retry", exc_info=True)

    # ---- view → component values ----------------------------------------------------------
    def values(self, view: RunView) -> Values:
        version = ""
        if view.map_path and Path(view.map_path).is_file():
            version = str(int(Path(view.map_path).stat().st_mtime_ns))
        chart = view.chart_path if view.chart_path and Path(view.chart_path).is_file() else None
        values: Values = {
            "chatbot": view.messages,
            "code": view.code,
            "validation": view.validation_md,
            "graph": load_graph(view.process_graph_path),
            "map_view": map_html(view.map_path, self.runs_root, version),
            "badge": badge_markdown(view),
            "chart": gr.update(value=stage(chart) if chart else None, visible=chart is not None),
        }
        if not view.running:
            values["downloads"] = download_files(view)
        return values

    def _unchanged(self) -> dict[Any, Any]:
        """An update that changes nothing (Gradio wants at least one entry)."""
        return self._out({"state": gr.skip()})

    def _view(self, sess: Session, **extra: Any) -> dict[Any, Any]:
        return self._out({**self.values(sess.view), "state": sess, **extra})

    def _stream(self, sess: Session, events: Iterator, first: Values | None = None) -> Iterator[dict[Any, Any]]:
        """Apply each event to the session's view and yield the component values that changed."""
        last: Values = {}

        def emit(full: bool = False) -> dict[Any, Any]:
            nonlocal last
            values = self.values(sess.view)
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
            runner = self.pool.get(sess.settings)
            events = runner.stream(request, thread_id=sess.thread_id)
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
            events = self.pool.get(sess.settings).run_code(code, thread_id=sess.thread_id)
        except Exception as exc:
            yield self._start_failed(sess, exc)
            return
        yield from self._stream(sess, events)

    def _start_failed(self, sess: Session, exc: Exception, **extra: Any) -> dict[Any, Any]:
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
        old = session_of(sess)
        return self._view(Session(settings=old.settings))

    def history_choices(self):
        runs = list_runs(self.runs_root)
        return gr.update(choices=[(r.label, r.path) for r in runs], value=runs[0].path if runs else None)

    def open_history(self, run_path: str | None, sess: Session | None):
        sess = session_of(sess)
        run = Path(run_path).resolve() if run_path else None
        if run is None or not run.is_dir() or run.parent != self.runs_root.resolve():
            gr.Warning("Choose a run from the list first.")  # only folders directly under runs/
            return self._view(sess)
        sess.view = open_run(Path(run_path))
        return self._view(sess)


def _same(a, b) -> bool:
    """Unchanged since the last yield, so the browser need not receive it again."""
    return type(a) is type(b) and a == b


def build(app: App) -> gr.Blocks:
    with gr.Blocks(title="openEO Agent", fill_height=True) as demo:
        state = gr.State(None)
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
                    with gr.Tab("Code", elem_id="tab-code"):
                        code = gr.Code(language="python", interactive=True, lines=22, elem_id="code", label="code.py (editable)")
                        run_code = gr.Button("Run edited code", variant="primary", elem_id="run-code")
                        validation = gr.Markdown(elem_id="validation")
                    with gr.Tab("Process graph", elem_id="tab-graph"):
                        graph = gr.JSON(elem_id="graph", label="process_graph.json")
                    with gr.Tab("Downloads", elem_id="tab-downloads"):
                        downloads = gr.File(label="Result, code, graph and run folder", file_count="multiple", interactive=False, elem_id="downloads")
                    with gr.Tab("History", elem_id="tab-history"):
                        history = gr.Dropdown(label="Past runs (runs/)", choices=[], elem_id="history", allow_custom_value=True)
                        with gr.Row():
                            refresh = gr.Button("Refresh", size="sm", elem_id="history-refresh")
                            reopen = gr.Button("Open", size="sm", variant="primary", elem_id="history-open")
                    with gr.Tab("Settings", elem_id="tab-settings"):
                        build_settings_tab(state, app.defaults)

        app.components.update(request=msg, chatbot=chatbot, code=code, validation=validation, graph=graph,
                              map_view=map_view, badge=badge, chart=chart, downloads=downloads, state=state)  # fmt: skip
        outputs = [app.components[name] for name in (*VIEW_OUTPUTS, "state")]
        after = dict(fn=app.history_choices, inputs=None, outputs=history, queue=False)
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
        refresh.click(**after)
        reopen.click(app.open_history, [history, state], outputs, api_name="open_run").then(
            lambda: gr.Tabs(selected="map"), None, tabs, queue=False, api_name=False
        )
        demo.load(**after)
    return demo


__all__ = ["App", "CSS", "EXAMPLES", "Session", "VIEW_OUTPUTS", "build", "ZIP_DIR"]
