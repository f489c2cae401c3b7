"""How to reach one openEO backend: its URL and how to log in. Credentials stay in here (as
`SecretStr`): they never reach the model, a log, a run folder or the sandbox."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

from tools.client.discovery import normalize_url
from tools.errors import public_url

AuthMethod = Literal["none", "basic", "oidc", "bearer"]


class BackendRef(BaseModel):
    """A backend as the person gave it: any URL form (root, versioned, bare host) and one login.

    - `none`: anonymous;
    - `basic`: `username` / `password` (GET /credentials/basic, then a bearer token);
    - `oidc`: OpenID Connect: a refresh token stored by the openeo client (after a device login
      in the UI or `openeo-auth oidc-auth URL`) is tried first, else the device code flow runs;
      `oidc_provider_id` / `oidc_client_id` choose among the backend's providers and clients;
    - `bearer`: a ready access token as openEO sends it after `Bearer ` (`basic//...`, `oidc/<provider>/...`).
    """

    model_config = ConfigDict(frozen=True)

    url: str  # e.g. https://openeo.dataspace.copernicus.eu or http://127.0.0.1:8000/openeo/1.2
    auth: AuthMethod = "none"
    username: str | None = None
    password: SecretStr | None = None
    token: SecretStr | None = None
    oidc_provider_id: str | None = None
    oidc_client_id: str | None = None
    is_embedded: bool = False

    @property
    def public_url(self) -> str:
        """The URL as the person gave it, normalized, without credentials: for messages and run.json."""
        return public_url(normalize_url(self.url))

    def key(self) -> str:
        """Identifies a client: the same URL with the same login shares one (secrets enter as a hash only)."""
        secret = lambda s: s.get_secret_value() if s else ""  # noqa: E731
        parts = [normalize_url(self.url), self.auth, self.username or "", secret(self.password), secret(self.token),
                 self.oidc_provider_id or "", self.oidc_client_id or ""]  # fmt: skip
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()
