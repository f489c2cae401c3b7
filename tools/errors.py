"""Errors the tools raise, each carrying who must act next.

- `who="model"`: the model can fix it by calling the tool again differently (an unknown
  collection, an empty query). The LangChain tools turn it into `[code] message` text.
- `who="user"`: the person must act (the backend is down, the login is refused, the disk is
  full). The run ends with the message, a clear sentence, and the model is not asked again.
- `who="developer"`: a part is missing or misconfigured (a prompt file is not installed).

These are the one error bridge between the layers: `agent/errors.py` builds its own errors on
`ToolError` and passes a `ToolError` through unchanged, so nothing is guessed from its text.
"""

from __future__ import annotations

import re
from typing import Literal

Who = Literal["user", "developer", "model"]

_CREDENTIALS_IN_URL = re.compile(r"//[^/@]+@")
_WORDS = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def public_url(url: str) -> str:
    """The URL without credentials embedded in it (`https://user:pw@host` → `https://host`)."""
    return _CREDENTIALS_IN_URL.sub("//", url.rstrip("/"))


def times(n: int) -> str:
    return _WORDS.get(n, f"{n} times")


class ToolError(Exception):
    """A failure with an openEO-style `code`, a `message` that says how to fix it, and `who` acts."""

    code: str = "ToolError"
    who: Who = "model"

    def __init__(self, code: str, message: str, who: Who | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        if who is not None:
            self.who = who

    def for_model(self) -> str:
        return f"[{self.code}] {self.message}"

    def __str__(self) -> str:
        return self.for_model()


class BackendUnavailable(ToolError):
    """The backend cannot be used right now (down, unreachable, overloaded, timing out): the user acts.

    `code` is `BackendUnavailable`, or `BackendUnreachable` when no connection could be made."""

    who: Who = "user"

    def __init__(self, message: str, *, code: str = "BackendUnavailable") -> None:
        super().__init__(code, message, who="user")

    @classmethod
    def at(cls, url: str, detail: str, *, code: str = "BackendUnavailable") -> BackendUnavailable:
        """'The openEO backend at URL did not answer (detail). ...' for a backend that gave no usable answer."""
        if code == "BackendUnreachable":
            advice = "Check that it is running and the URL is right, then try again."
        else:
            advice = "Check that it is running, or try again in a minute."
        return cls(f"The openEO backend at {public_url(url)} did not answer ({detail}). {advice}", code=code)


class BackendBadResponse(ToolError):
    """The backend answered with something that is not the JSON an openEO API gives: the user acts."""

    who: Who = "user"

    def __init__(self, url: str, what: str, detail: str) -> None:
        super().__init__(
            "BackendBadResponse",
            f"The openEO backend at {public_url(url)} answered {what} with {detail}, not openEO JSON. "
            "Check that the backend URL points to an openEO API root (e.g. https://openeo.dataspace.copernicus.eu "
            "or https://host/openeo/1.2) and that a proxy in between is not answering instead.",
            who="user",
        )


class BackendError(ToolError):
    """An openEO error answer (`{code, message}`) passed through with its code, message and HTTP status.

    4xx errors are the model's to fix unless they concern the login (401/403: the user acts);
    5xx errors that survived the retries are the user's."""

    def __init__(self, code: str, message: str, status: int, who: Who | None = None) -> None:
        if who is None:
            who = "user" if status in (401, 403) or status >= 500 else "model"
        super().__init__(code, message, who=who)
        self.status = status


class AuthenticationFailed(ToolError):
    """The backend refused the login (or offers none that works): the user acts."""

    who: Who = "user"

    def __init__(self, message: str) -> None:
        super().__init__("AuthenticationFailed", message, who="user")


class UnreadableResult(ToolError):
    """A result file that is not what it claims to be (`ResultNotReadable`: a placeholder, text,
    an unknown format) or that points at other files (`UnsafeResult`: a VRT, HDF5 external links
    or storage). It is not opened, so a hostile backend cannot make the agent read files of this
    machine; the message says what came back instead."""

    def __init__(self, message: str, *, code: str = "ResultNotReadable") -> None:
        super().__init__(code, message, who="model")
