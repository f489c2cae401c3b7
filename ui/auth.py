"""OIDC device login (CDSE or any openEO backend), kept in one browser session.

The openeo client runs the device flow; its tokens go into an in-memory store of the session
(`SessionTokens`), never into the client's shared token file, so one session's login is never
found by another session's run. The session's runs send the access token as a bearer token
(`AgentSettings.backend_auth = "bearer"`), renewed from the session's refresh token when it is
old. Tokens never reach the browser: only the verification link and the user code do.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from typing import Callable, Iterator

from pydantic import BaseModel, SecretStr

from ui import glyphs

_URL = re.compile(r"https?://\S+")
_CODE = re.compile(r"(?:user code|code)\s*[:=]?\s*['\"`]?([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)", re.IGNORECASE)
RENEW_AFTER_S = 240.0  # access tokens of CDSE live minutes: renew before a run once they are this old


class OidcLogin(BaseModel):
    """One session's OIDC login to one backend (server-side only)."""

    backend_url: str
    bearer: SecretStr  # "oidc/<provider>/<access token>", as openEO sends it
    provider_id: str = ""
    client_id: str = ""
    issuer: str = ""
    refresh_token: SecretStr | None = None
    obtained_at: float = 0.0


class SessionTokens:
    """A refresh-token store for the openeo client (`Connection(refresh_token_store=...)`), in
    memory for one session: no file is read or written. It has the two methods the client calls
    on its `RefreshTokenStore`; not a subclass, so that importing the UI does not import the client."""

    def __init__(self, tokens: dict[tuple[str, str], str] | None = None) -> None:
        self.tokens: dict[tuple[str, str], str] = dict(tokens or {})
        self.last: tuple[str, str] | None = None

    def get_refresh_token(self, issuer: str, client_id: str) -> str | None:
        return self.tokens.get((issuer.rstrip("/"), client_id))

    def set_refresh_token(self, issuer: str, client_id: str, refresh_token: str) -> None:
        self.last = (issuer.rstrip("/"), client_id)
        self.tokens[self.last] = refresh_token


class DeviceLogin(BaseModel):
    url: str | None = None
    code: str | None = None
    text: str = ""

    def markdown(self) -> str:
        if self.url and self.code and self.code not in self.url:
            return f"Open **[{self.url}]({self.url})** and enter the code **`{self.code}`**, then come back here."
        if self.url:
            return f"Open **[{self.url}]({self.url})** to sign in, then come back here."
        return self.text


def parse_device_message(text: str) -> DeviceLogin:
    """The link and code in the openeo client's device-flow message ("Visit https://… and enter user code 'ABCD-EFGH'")."""
    url = _URL.search(text)
    code = _CODE.search(text)
    return DeviceLogin(
        url=url.group(0).rstrip(".,)'\"") if url else None,
        code=code.group(1) if code else None,
        text=text.strip(),
    )


def _login_of(conn, backend_url: str, store: SessionTokens) -> OidcLogin:
    auth = conn.auth
    bearer = getattr(auth, "bearer", None)
    if not bearer:
        raise RuntimeError("the backend gave no access token")
    issuer, client_id = store.last or ("", "")
    refresh = store.tokens.get(store.last) if store.last else None
    return OidcLogin(backend_url=backend_url, bearer=SecretStr(bearer), provider_id=getattr(auth, "provider_id", ""),
                     client_id=client_id, issuer=issuer, refresh_token=SecretStr(refresh) if refresh else None,
                     obtained_at=time.time())  # fmt: skip


def _default_login(url: str, display: Callable[[str], None], max_poll_time: float) -> OidcLogin:
    from openeo.rest.connection import Connection  # heavy: only when someone signs in

    store = SessionTokens()
    conn = Connection(url, refresh_token_store=store)
    conn.authenticate_oidc_device(store_refresh_token=True, display=display, max_poll_time=max_poll_time)
    return _login_of(conn, url, store)


def renewed(login: OidcLogin, now: float | None = None) -> OidcLogin:
    """The login with a fresh access token when it is old and a refresh token is there; as it is otherwise
    (or when renewing fails: the backend then says the token expired, and the person signs in again)."""
    now = time.time() if now is None else now
    if login.refresh_token is None or now - login.obtained_at < RENEW_AFTER_S:
        return login
    from openeo.rest.connection import Connection

    store = SessionTokens({(login.issuer, login.client_id): login.refresh_token.get_secret_value()})
    try:
        conn = Connection(login.backend_url, refresh_token_store=store)
        conn.authenticate_oidc_refresh_token(client_id=login.client_id or None, provider_id=login.provider_id or None,
                                             store_refresh_token=True)  # fmt: skip
        fresh = _login_of(conn, login.backend_url, store)
    except Exception:  # noqa: BLE001 - the old token goes on; an expired one is reported by the backend
        return login
    if fresh.refresh_token is None:
        fresh = fresh.model_copy(update={"refresh_token": login.refresh_token})
    return fresh


class SignIn(BaseModel):
    """What the Settings tab shows while signing in, and the login once it completed."""

    markdown: str
    login: OidcLogin | None = None


def device_login(
    backend_url: str,
    login: Callable[[str, Callable[[str], None], float], OidcLogin] | None = None,
    max_poll_time: float = 300.0,
) -> Iterator[SignIn]:
    """The Settings tab's lines as the device flow goes: link and code, then the outcome (with the login)."""
    login = login or _default_login
    messages: queue.Queue = queue.Queue()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["login"] = login(backend_url, lambda text: messages.put(text), max_poll_time)
        except Exception as exc:  # shown to the user as a sentence, never a traceback
            outcome["error"] = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__

    thread = threading.Thread(target=work, name="oidc-device-login", daemon=True)
    thread.start()
    yield SignIn(markdown=f"Contacting {backend_url} …")
    while thread.is_alive() or not messages.empty():
        try:
            text = messages.get(timeout=0.5)
        except queue.Empty:
            continue
        info = parse_device_message(text)
        if info.url or info.code:
            yield SignIn(markdown=info.markdown() + "\n\nWaiting for you to finish signing in …")
    thread.join()
    result = outcome.get("login")
    if isinstance(result, OidcLogin):
        yield SignIn(markdown=f"{glyphs.OK} Signed in for this browser session only. Its runs on {backend_url} use this login.",
                     login=result)  # fmt: skip
    else:
        yield SignIn(markdown=(
            f"{glyphs.FAILED} Sign-in did not complete: {outcome.get('error', 'no login was returned')}. "
            "Check the backend URL and your network, then try again."))  # fmt: skip
