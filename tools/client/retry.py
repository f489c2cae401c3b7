"""The retry policy of every request to the openEO backend, and clear messages when it runs out.

The backend client's one session (`retrying_session()`) carries it, for the tools' own requests
(metadata, POST /validation) and for the openeo client's `Connection` in `execute` alike, so
transient failures are handled in one place:

- connection refused or reset before the request was sent, 502/503/504, and read timeouts are
  retried with exponential backoff (0.5 s, 1 s, ...), up to `RetryPolicy.attempts` tries;
- requests that are not idempotent (POST /result, POST /jobs, ...) are retried at most once, so
  a computation is never started blindly again and again;
- when the tries run out, `unreachable()` / `check_status()` / `json_of()` raise a ToolError
  for the user that says what happened and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
import requests.adapters
import urllib3.exceptions
from urllib3.util.retry import Retry

from tools.errors import BackendBadResponse, BackendUnavailable, times

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
TRANSIENT_STATUS = frozenset({502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. `attempts` counts the first try; POSTs get at most `post_attempts`."""

    attempts: int = 3
    post_attempts: int = 2
    backoff_s: float = 0.5
    backoff_max_s: float = 4.0


DEFAULT_POLICY = RetryPolicy()


class _BackendRetry(Retry):
    """urllib3's Retry, with non-idempotent methods cut off after `post_retries` retries."""

    post_retries: int = 1

    def new(self, **kw: Any) -> "_BackendRetry":
        retry = super().new(**kw)
        retry.post_retries = self.post_retries
        return retry

    def increment(  # type: ignore[override]  # urllib3 types its Retry methods as returning Self
        self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any
    ) -> Retry:
        if method and method.upper() not in IDEMPOTENT and len(self.history) >= self.post_retries:
            return Retry.increment(self.new(total=0), method, url, *args, **kwargs)  # exhausted: raises or returns
        return super().increment(method, url, *args, **kwargs)


def retry_for(policy: RetryPolicy = DEFAULT_POLICY) -> Retry:
    retries = max(policy.attempts - 1, 0)
    retry = _BackendRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=5,
        status_forcelist=TRANSIENT_STATUS,
        allowed_methods=None,  # methods are judged in increment()
        backoff_factor=policy.backoff_s,
        backoff_max=policy.backoff_max_s,
        raise_on_status=False,  # the last 5xx answer comes back; check_status() words it for the user
        respect_retry_after_header=False,  # bounded waits, whatever the server asks
    )
    retry.post_retries = max(policy.post_attempts - 1, 0)
    return retry


def retrying_session(policy: RetryPolicy = DEFAULT_POLICY) -> requests.Session:
    """A requests session that retries transient failures per `policy` (http and https)."""
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(max_retries=retry_for(policy))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def attempts_for(method: str, policy: RetryPolicy = DEFAULT_POLICY) -> int:
    return policy.attempts if method.upper() in IDEMPOTENT else min(policy.attempts, policy.post_attempts)


def unreachable(
    url: str, method: str, exc: requests.RequestException, policy: RetryPolicy = DEFAULT_POLICY
) -> BackendUnavailable:
    """The user-facing error for a request that failed without an answer after its retries."""
    n = attempts_for(method, policy)
    reason = getattr(exc.args[0], "reason", None) if exc.args else None  # requests wraps urllib3's MaxRetryError
    timed_out = isinstance(exc, requests.Timeout) or isinstance(reason, urllib3.exceptions.TimeoutError)
    if timed_out and not isinstance(
        reason, urllib3.exceptions.NewConnectionError
    ):  # urllib3 derives it from ConnectTimeoutError
        return BackendUnavailable.at(url, f"timed out {times(n)}")
    text = str(exc).lower()
    kind = (
        "connection refused"
        if "refused" in text
        else "connection reset"
        if "reset" in text or "aborted" in text
        else type(exc).__name__
    )
    return BackendUnavailable.at(url, f"{kind}, tried {times(n)}", code="BackendUnreachable")


def check_status(r: requests.Response, url: str, policy: RetryPolicy = DEFAULT_POLICY) -> requests.Response:
    """`r` unless it is a gateway/unavailable answer that survived the retries."""
    if r.status_code in TRANSIENT_STATUS:
        n = attempts_for(r.request.method or "GET", policy) if r.request is not None else policy.attempts
        raise BackendUnavailable.at(url, f"HTTP {r.status_code} {times(n)}")
    return r


def json_of(r: requests.Response, url: str, what: str) -> Any:
    """The JSON body of `r`, or a BackendBadResponse that says what came instead."""
    try:
        return r.json()
    except ValueError:
        kind = r.headers.get("content-type", "no content type").split(";")[0]
        snippet = " ".join(r.text[:60].split()) or "an empty body"
        raise BackendBadResponse(url, what, f"{kind} ({snippet!r})") from None
