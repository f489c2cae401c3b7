"""CDSE / openEO OIDC device login, shown to the user as a link and a code.

The openeo client runs the device flow and stores the refresh token in its own token store
(`store_refresh_token=True`), where the agent's connection finds it with
`authenticate_oidc()`. Tokens never reach the browser: only the verification link and the
user code do.
"""

from __future__ import annotations

import queue
import re
import threading
from typing import Callable, Iterator

from pydantic import BaseModel

from ui import glyphs

_URL = re.compile(r"https?://\S+")
_CODE = re.compile(r"(?:user code|code)\s*[:=]?\s*['\"`]?([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)", re.IGNORECASE)


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


def _default_login(url: str, display: Callable[[str], None], max_poll_time: float) -> None:
    import openeo  # heavy: only when someone signs in

    openeo.connect(url).authenticate_oidc_device(store_refresh_token=True, display=display, max_poll_time=max_poll_time)


def device_login(
    backend_url: str,
    login: Callable[[str, Callable[[str], None], float], None] | None = None,
    max_poll_time: float = 300.0,
) -> Iterator[str]:
    """Markdown lines for the Settings tab as the device flow goes: link and code, then the outcome."""
    login = login or _default_login
    messages: queue.Queue = queue.Queue()
    outcome: dict = {}

    def work() -> None:
        try:
            login(backend_url, lambda text: messages.put(text), max_poll_time)
            outcome["ok"] = True
        except Exception as exc:  # shown to the user as a sentence, never a traceback
            outcome["error"] = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__

    thread = threading.Thread(target=work, name="oidc-device-login", daemon=True)
    thread.start()
    yield f"Contacting {backend_url} …"
    shown = ""
    while thread.is_alive() or not messages.empty():
        try:
            text = messages.get(timeout=0.5)
        except queue.Empty:
            continue
        info = parse_device_message(text)
        if info.url or info.code:
            shown = info.markdown()
            yield shown + "\n\nWaiting for you to finish signing in …"
    thread.join()
    if outcome.get("ok"):
        yield f"{glyphs.OK} Signed in. Runs on this backend will use your login."
    else:
        yield (
            f"{glyphs.FAILED} Sign-in did not complete: {outcome.get('error', 'unknown reason')}. "
            "Check the backend URL and your network, then try again."
        )
