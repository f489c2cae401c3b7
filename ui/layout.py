"""The Gradio Blocks: chat on the left, result on the right. Handlers only turn agent events into
component values through ui.render; the agent's work happens in the runner."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Iterator

import gradio as gr
from pydantic import BaseModel, ConfigDict, Field

from ui import glyphs
from ui.downloads import ZIP_DIR, download_files, stage
from ui.history import list_runs, open_run
from ui.pump import HEARTBEAT, EventPump
from ui.render import RunView, apply, badge_markdown, load_graph, map_html, user_message
from ui.runners import RunnerPool
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


class Session(BaseModel):
    """One browser session: its own agent thread, conversation view and settings."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    thread_id: str = Field(default_factory=lambda: "ui-" + uuid.uuid4().hex[:12])
    view: RunView = Field(default_factory=RunView)
    settings: SessionSettings = Field(default_factory=SessionSettings)


def _session(sess: Session | None) -> Session:
    return sess if isinstance(sess, Session) else Session()


class App:
    """The handlers, holding what all sessions share: the runner pool and the runs folder."""

    def __init__(self, pool: RunnerPool, runs_root: Path, defaults: dict | None = None) -> None:
        self.pool = pool
        self.runs_root = Path(runs_root)
        self.defaults = defaults or {}  # AgentSettings.public_view(): shown in Settings, no secrets

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
    def values(self, view: RunView) -> tuple:
        version = ""
        if view.map_path and Path(view.map_path).is_file():
            version = str(int(Path(view.map_path).stat().st_mtime_ns))
        graph = load_graph(view.process_graph_path)
        chart = view.chart_path if view.chart_path and Path(view.chart_path).is_file() else None
        return (
            view.messages,
            view.code,
            view.validation_md,
            graph,
            map_html(view.map_path, self.runs_root, version),
            badge_markdown(view),
            gr.update(value=stage(chart) if chart else None, visible=chart is not None),
            download_files(view) if not view.running else gr.skip(),
        )

    def _stream(self, sess: Session, events: Iterator, first: tuple = ()) -> Iterator[tuple]:
        """Apply each event to the session's view and yield the component values that changed."""
        last: tuple | None = None

        def emit(full: bool = False):
            nonlocal last
            vals = self.values(sess.view)
            out = tuple(gr.skip() if not full and last is not None and _same(v, last[i]) else v for i, v in enumerate(vals))
            head = first if last is None else tuple(gr.skip() for _ in first)
            last = vals
            return (*head, *out, sess)

        yield emit()
        pump = EventPump(events)
        try:
            for event in pump.events():
                if event is HEARTBEAT:  # nothing new: a no-op update, so that Stop can cancel now
                    yield tuple(gr.skip() for _ in range(len(first) + len(last or ()) + 1))
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
        sess = _session(sess)
        request = (request or "").strip()
        if not request:
            yield (gr.skip(), *self.values(sess.view), sess)
            return
        if sess.view.running:
            gr.Warning("Still working on your previous request: wait for it, or press Stop first.")
            yield tuple(gr.skip() for _ in range(10))  # the textbox keeps the text, the rest is as it is
            return
        sess.view = sess.view.model_copy(deep=True)
        sess.view.messages.append(user_message(request))
        sess.view.running = True
        try:
            runner = self.pool.get(sess.settings)
            events = runner.stream(request, thread_id=sess.thread_id)
        except Exception as exc:
            yield from self._start_failed(sess, exc)
            return
        yield from self._stream(sess, events, first=("",))

    def run_code(self, code: str, sess: Session | None):
        sess = _session(sess)
        if not (code or "").strip():
            gr.Warning("There is no code to run yet: ask for something first, or paste openEO code.")
            yield (*self.values(sess.view), sess)
            return
        if sess.view.running:
            gr.Warning("Still working on your previous request: wait for it, or press Stop first.")
            yield tuple(gr.skip() for _ in range(9))
            return
        sess.view = sess.view.model_copy(deep=True)
        sess.view.messages.append(user_message(f"{glyphs.RUN} Run the edited code"))
        sess.view.code = code
        sess.view.running = True
        try:
            events = self.pool.get(sess.settings).run_code(code, thread_id=sess.thread_id)
        except Exception as exc:
            for out in self._start_failed(sess, exc):
                yield out[1:]
            return
        yield from self._stream(sess, events)

    def _start_failed(self, sess: Session, exc: Exception):
        log.exception("could not start the agent")
        message = getattr(exc, "message", None) or "The agent could not start with these settings."
        sess.view.messages.append({"role": "assistant", "content": f"{glyphs.WARNING} {message} Check the Settings tab."})
        sess.view.running = False
        yield ("", *self.values(sess.view), sess)

    def stop(self, sess: Session | None):
        sess = _session(sess)
        view = sess.view.model_copy(deep=True)
        for m in view.messages:
            if (m.get("metadata") or {}).get("status") == "pending":
                m["metadata"]["status"] = "done"
        view.messages.append({"role": "assistant", "content": f"{glyphs.STOPPED} Stopped. Ask again or change the request."})
        view.running = False
        sess.view = view
        return (*self.values(view), sess)

    def new_conversation(self, sess: Session | None):
        old = _session(sess)
        sess = Session(settings=old.settings)
        return (*self.values(sess.view), sess)

    def history_choices(self):
        runs = list_runs(self.runs_root)
        return gr.update(choices=[(r.label, r.path) for r in runs], value=runs[0].path if runs else None)

    def open_history(self, run_path: str | None, sess: Session | None):
        sess = _session(sess)
        run = Path(run_path).resolve() if run_path else None
        if run is None or not run.is_dir() or run.parent != self.runs_root.resolve():
            gr.Warning("Choose a run from the list first.")  # only folders directly under runs/
            return (*self.values(sess.view), sess)
        sess.view = open_run(Path(run_path))
        return (*self.values(sess.view), sess)


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

        outputs = [chatbot, code, validation, graph, map_view, badge, chart, downloads, state]
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


__all__ = ["App", "CSS", "EXAMPLES", "Session", "build", "ZIP_DIR"]
