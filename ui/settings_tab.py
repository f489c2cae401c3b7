"""The Settings tab: backend and its login, model and endpoint, for one browser session.

Secrets typed here stay server-side in the session's state; the fields are cleared after
saving and only "set" / "not set" is shown back. A backend URL is shown with the addresses it
resolves to, and refused when it points into the server's own network (ui/network.py); an OIDC
sign-in is kept in this session only (ui/auth.py).
"""

from __future__ import annotations

from typing import Callable

import gradio as gr
from pydantic import SecretStr

from ui import glyphs
from ui.auth import device_login
from ui.network import UrlCheck
from ui.session import session_of as _session
from ui.settings import AUTH_CHOICES, BACKEND_CHOICES, SessionSettings

UrlChecker = Callable[[str], UrlCheck]


def save_settings(backend, url, auth, username, password, model, base_url, api_key, sess, check_url: UrlChecker | None = None):
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
    where = ""
    if new.backend == "url" and check_url is not None:
        check = check_url(new.backend_url)
        if not check.ok:
            return f"{glyphs.FAILED} {check.message}", "", "", sess
        where = f"\n- **Backend address:** {check.message}"
    sess.settings = new
    signed = ""
    if new.auth == "oidc" and new.backend != "embedded" and new.resolved_backend_url() not in sess.logins:
        signed = f"\n\n{glyphs.WARNING} Sign in with the device code below before asking: this session has no login yet."
    return f"{glyphs.OK} Saved for this browser session.\n\n" + new.summary_markdown() + where + signed, "", "", sess


def forget_secrets(sess):
    sess = _session(sess)
    sess.settings = sess.settings.model_copy(update={"password": None, "api_key": None})
    sess.logins = {}
    return "Secrets and sign-ins forgotten.\n\n" + sess.settings.summary_markdown(), sess


def sign_in(backend, url, sess, check_url: UrlChecker | None = None, login=None):
    """The device flow, its link and code shown as it goes; the login is kept in this session only."""
    sess = _session(sess)
    choice = BACKEND_CHOICES.get(backend, "embedded")
    target = SessionSettings(backend=choice, backend_url=(url or "").strip()).resolved_backend_url()
    if target is None:
        yield "The embedded backend needs no login. Choose CDSE or enter a backend URL first.", sess
        return
    if choice == "url" and check_url is not None:
        check = check_url(target)
        if not check.ok:
            yield f"{glyphs.FAILED} {check.message}", sess
            return
    for step in device_login(target, login=login):
        if step.login is not None:
            sess.logins[target] = step.login
        yield step.markdown, sess


def _visibility(backend, auth):
    choice, how = BACKEND_CHOICES.get(backend, "embedded"), AUTH_CHOICES.get(auth, "none")
    remote = choice != "embedded"
    return (
        gr.update(visible=choice == "url"),
        gr.update(visible=remote),
        gr.update(visible=remote and how == "basic"),
        gr.update(visible=remote and how == "oidc"),
    )


def build_settings_tab(state: gr.State, defaults: dict, check_url: UrlChecker | None = None) -> None:
    """The tab's components and events; `defaults` is AgentSettings.public_view() (no secrets);
    `check_url` says where a backend URL leads and whether the server may connect there."""
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
        save_btn = gr.Button("Save settings", variant="primary", elem_id="save-settings")
        forget = gr.Button("Forget secrets", size="sm")
    status = gr.Markdown(elem_id="settings-status")

    for control in (backend, auth):
        control.change(_visibility, [backend, auth], [backend_url, auth, basic_row, oidc_col], queue=False, api_name=False)

    def save(backend, url, auth, username, password, model, base_url, api_key, sess):
        return save_settings(backend, url, auth, username, password, model, base_url, api_key, sess, check_url=check_url)

    def login(backend, url, sess):
        yield from sign_in(backend, url, sess, check_url=check_url)

    save_btn.click(
        save,
        [backend, backend_url, auth, username, password, model, base_url, api_key, state],
        [status, password, api_key, state],
        api_name="save_settings",  # API clients (gradio_client) set their session's backend and model too
    )
    forget.click(forget_secrets, state, [status, state], api_name=False)
    sign_in_btn.click(login, [backend, backend_url, state], [login_status, state], api_name="sign_in")
