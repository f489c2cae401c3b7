"""The Settings tab: backend and its login, model and endpoint, for one browser session.

Secrets typed here stay server-side in the session's state; the fields are cleared after
saving and only "set" / "not set" is shown back.
"""

from __future__ import annotations

import gradio as gr
from pydantic import SecretStr

from ui import glyphs
from ui.auth import device_login
from ui.session import session_of as _session
from ui.settings import AUTH_CHOICES, BACKEND_CHOICES, SessionSettings


def save_settings(backend, url, auth, username, password, model, base_url, api_key, sess):
    sess = _session(sess)
    old = sess.settings
    new = SessionSettings(
        backend=BACKEND_CHOICES.get(backend, "embedded"),
        backend_url=(url or "").strip(),
        auth=AUTH_CHOICES.get(auth, "none"),
        username=(username or "").strip(),
        password=SecretStr(password) if password else old.password,
        model=(model or "").strip(),
        base_url=(base_url or "").strip(),
        api_key=SecretStr(api_key) if api_key else old.api_key,
    )
    problem = new.check()
    if problem:
        return f"{glyphs.FAILED} {problem}", "", "", sess
    sess.settings = new
    return f"{glyphs.OK} Saved for this browser session.\n\n" + new.summary_markdown(), "", "", sess


def forget_secrets(sess):
    sess = _session(sess)
    sess.settings = sess.settings.model_copy(update={"password": None, "api_key": None})
    return "Secrets forgotten.\n\n" + sess.settings.summary_markdown(), sess


def sign_in(backend, url, sess):
    choice = BACKEND_CHOICES.get(backend, "embedded")
    target = SessionSettings(backend=choice, backend_url=url or "").resolved_backend_url()
    if target is None:
        yield "The embedded backend needs no login. Choose CDSE or enter a backend URL first."
        return
    yield from device_login(target)


def _visibility(backend, auth):
    choice, how = BACKEND_CHOICES.get(backend, "embedded"), AUTH_CHOICES.get(auth, "none")
    remote = choice != "embedded"
    return (
        gr.update(visible=choice == "url"),
        gr.update(visible=remote),
        gr.update(visible=remote and how == "basic"),
        gr.update(visible=remote and how == "oidc"),
    )


def build_settings_tab(state: gr.State, defaults: dict) -> None:
    """The tab's components and events; `defaults` is AgentSettings.public_view() (no secrets)."""
    gr.Markdown(
        "Settings apply to this browser session only. Keys and passwords are kept on the server and never shown again.\n\n"
        f"Defaults from the environment and config file: model **{defaults.get('model', '?')}**, "
        f"backend **{defaults.get('backend_url', 'embedded')}**, model endpoint **{defaults.get('openai_base_url') or 'none'}**, "
        f"API key **{defaults.get('openai_api_key', 'not set')}**."
    )
    backend = gr.Radio(list(BACKEND_CHOICES), value=next(iter(BACKEND_CHOICES)), label="openEO backend")
    backend_url = gr.Textbox(label="Backend URL", placeholder="https://openeo.example.org/openeo/1.2", visible=False)
    auth = gr.Radio(list(AUTH_CHOICES), value="None", label="Backend login", visible=False)
    with gr.Row(visible=False) as basic_row:
        username = gr.Textbox(label="Username")
        password = gr.Textbox(label="Password", type="password")
    with gr.Column(visible=False) as oidc_col:
        sign_in_btn = gr.Button("Sign in with a device code (OIDC)", size="sm")
        login_status = gr.Markdown()
    model = gr.Textbox(label="Model", placeholder="offline, or e.g. gpt-4.1-mini / llama3.1")
    base_url = gr.Textbox(label="Model endpoint (OpenAI-compatible)", placeholder="http://localhost:11434/v1")
    api_key = gr.Textbox(label="API key", type="password", placeholder="never shown again after saving")
    with gr.Row():
        save = gr.Button("Save settings", variant="primary", elem_id="save-settings")
        forget = gr.Button("Forget secrets", size="sm")
    status = gr.Markdown(elem_id="settings-status")

    for control in (backend, auth):
        control.change(_visibility, [backend, auth], [backend_url, auth, basic_row, oidc_col], queue=False, api_name=False)
    save.click(
        save_settings,
        [backend, backend_url, auth, username, password, model, base_url, api_key, state],
        [status, password, api_key, state],
        api_name="save_settings",  # API clients (gradio_client) set their session's backend and model too
    )
    forget.click(forget_secrets, state, [status, state], api_name=False)
    sign_in_btn.click(sign_in, [backend, backend_url, state], login_status, api_name=False)
