"""The Settings tab's values for one browser session, and how they become `AgentSettings`.

Secrets typed into the form (backend password, model API key) are kept server-side in the
session as `SecretStr`, never sent back to the browser: after saving, the form fields are
cleared and only "set" / "not set" is shown. An OIDC login is the session's own (`ui/auth.py`):
its runs send its access token as a bearer token, and a session without one is asked to sign in.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, SecretStr

from ui.auth import OidcLogin

CDSE_URL = "https://openeo.dataspace.copernicus.eu/openeo/1.2"

BACKEND_CHOICES = {
    "Embedded (offline, on this machine)": "embedded",
    "Copernicus Data Space Ecosystem (CDSE)": "cdse",
    "Another openEO backend (URL)": "url",
}
AUTH_CHOICES = {
    "None": "none",
    "Username and password (basic)": "basic",
    "OIDC device login (CDSE)": "oidc",
}


class SessionSettings(BaseModel):
    backend: Literal["embedded", "cdse", "url"] = "embedded"
    backend_url: str = ""
    auth: Literal["none", "basic", "oidc"] = "none"
    username: str = ""
    password: SecretStr | None = None
    model: str = ""  # empty: whatever the environment / config file says
    base_url: str = ""
    api_key: SecretStr | None = None

    def resolved_backend_url(self) -> str | None:
        if self.backend == "cdse":
            return CDSE_URL
        if self.backend == "url":
            return self.backend_url.strip() or None
        return None

    def key(self, login: OidcLogin | None = None) -> str:
        """Identifies the runner these settings need; secrets enter only as a hash."""
        secret = lambda s: hashlib.sha256(s.get_secret_value().encode()).hexdigest() if s else ""  # noqa: E731
        parts = [
            secret(login.bearer) if login is not None and self.auth == "oidc" else "",
            self.backend,
            self.resolved_backend_url() or "",
            self.auth,
            self.username,
            secret(self.password),
            self.model,
            self.base_url,
            secret(self.api_key),
        ]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

    def check(self) -> str | None:
        """A sentence saying what is missing, or None when the settings can be used."""
        if self.backend == "url":
            url = self.backend_url.strip()
            if not url:
                return "Enter the URL of the openEO backend, e.g. https://openeo.example.org/openeo/1.2."
            if not url.startswith(("http://", "https://")):
                return "The backend URL must start with http:// or https://."
        if self.auth == "basic" and not self.username:
            return "Basic authentication needs a username."
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            return "The model endpoint must start with http:// or https://, e.g. http://localhost:11434/v1."
        return None

    def summary_markdown(self) -> str:
        backend = {"embedded": "embedded backend (started on this machine)", "cdse": f"CDSE ({CDSE_URL})"}.get(
            self.backend, self.resolved_backend_url() or "–"
        )
        auth = {"none": "no login", "basic": f"basic login as `{self.username}`",
                "oidc": "OIDC device login of this browser session"}[self.auth]  # fmt: skip
        lines = [
            f"- **Backend:** {backend}, {auth}"
            + (", password set" if self.auth == "basic" and self.password else ""),
            f"- **Model:** {self.model or 'default (offline planner unless an endpoint is configured)'}",
            f"- **Model endpoint:** {self.base_url or 'default'}",
            f"- **API key:** {'set for this session' if self.api_key else 'not set in this session'}",
            f"- **Sandbox:** {_sandbox_summary()}",
        ]
        return "\n".join(lines)


def _sandbox_summary() -> str:
    """Which operating-system isolation drafted code runs under on this server (probed once)."""
    from tools.sandbox import sandbox_isolation

    return sandbox_isolation().summary


def to_agent_settings(ui: SessionSettings, base=None, login: OidcLogin | None = None):
    """`AgentSettings` for a run: the environment / config file values, overridden by the form.
    OIDC becomes the session's own bearer token (`login`); never the openeo client's shared
    token store, which other sessions would find too."""
    from agent.settings import AgentSettings

    base = base if base is not None else AgentSettings()
    update: dict = {}
    if ui.backend != "embedded":
        update["backend_url"] = ui.resolved_backend_url()
        update["backend_auth"] = ui.auth
        if ui.auth == "basic":
            update["backend_username"] = ui.username or None
            update["backend_password"] = ui.password
        if ui.auth == "oidc":
            update["backend_auth"] = "bearer"
            update["backend_token"] = login.bearer if login is not None else None
    if ui.model:
        update["model"] = ui.model.strip()
    if ui.base_url:
        update["openai_base_url"] = ui.base_url.strip()
    if ui.api_key:
        update["openai_api_key"] = ui.api_key
    return base.model_copy(update=update)
