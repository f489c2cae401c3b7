"""OpenID Connect access tokens (`Authorization: Bearer oidc/<provider>/<token>`), the openEO way.

A token is accepted when the configured provider's userinfo endpoint (from its
`/.well-known/openid-configuration`) answers it with a subject. Only providers named in
`settings.oidc_providers` are ever contacted, so a request cannot make the server call an
address of its choosing. Answers are cached for a few minutes per token (bounded), so a client
that sends the same token on every request costs one userinfo call.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict

import requests

from backend.errors import AuthenticationSchemeInvalid, OpenEOApiError, TokenInvalid
from backend.settings import OidcProvider

__all__ = ["OidcVerifier", "oidc_user_id"]

_SAFE = re.compile(r"[\w\-.]+", re.ASCII)
CACHE_SECONDS = 300.0
CACHE_SIZE = 4096
TIMEOUT_S = 5.0


def oidc_user_id(provider_id: str, subject: str) -> str:
    """The backend's user id of an OIDC subject: provider and subject, in the API's user_id pattern."""
    sub = subject if _SAFE.fullmatch(subject) and len(subject) <= 128 else hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"{provider_id}~{sub}"


class OidcVerifier:
    def __init__(self, providers: list[OidcProvider]) -> None:
        self.providers = {p.id: p for p in providers}
        self._userinfo: dict[str, str] = {}
        self._cache: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._lock = threading.Lock()

    def user(self, provider_id: str, token: str) -> str:
        provider = self.providers.get(provider_id)
        if provider is None:
            known = ", ".join(self.providers) or "none"
            raise AuthenticationSchemeInvalid(
                f"OIDC provider '{provider_id[:64]}' is not accepted here (accepted: {known}; see GET /credentials/oidc).")
        if not token:
            raise TokenInvalid("The OIDC access token is empty. Log in again with connection.authenticate_oidc().")
        key = hashlib.sha256(f"{provider_id}\n{token}".encode("utf-8", "replace")).hexdigest()
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit and hit[1] > now:
                self._cache.move_to_end(key)
                return hit[0]
        subject = self._ask(provider, token)
        user = oidc_user_id(provider_id, subject)
        with self._lock:
            self._cache[key] = (user, now + CACHE_SECONDS)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return user

    def _endpoint(self, provider: OidcProvider) -> str:
        cached = self._userinfo.get(provider.id)
        if cached:
            return cached
        url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            resp = requests.get(url, timeout=TIMEOUT_S)
            resp.raise_for_status()
            endpoint = resp.json()["userinfo_endpoint"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            raise _unavailable(provider, f"its discovery document {url} is unusable ({type(exc).__name__})") from None
        if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
            raise _unavailable(provider, "its discovery document names no userinfo_endpoint")
        self._userinfo[provider.id] = endpoint
        return endpoint

    def _ask(self, provider: OidcProvider, token: str) -> str:
        endpoint = self._endpoint(provider)
        try:
            resp = requests.get(endpoint, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT_S)
        except requests.RequestException as exc:
            raise _unavailable(provider, f"its userinfo endpoint did not answer ({type(exc).__name__})") from None
        if resp.status_code in (400, 401, 403):
            raise TokenInvalid("The OIDC access token is invalid or expired. Log in again with connection.authenticate_oidc().")
        try:
            resp.raise_for_status()
            subject = resp.json()["sub"]
        except (requests.RequestException, ValueError, KeyError, TypeError):
            raise _unavailable(provider, f"its userinfo endpoint answered HTTP {resp.status_code} without a subject") from None
        if not isinstance(subject, str) or not subject:
            raise _unavailable(provider, "its userinfo endpoint answered without a subject")
        return subject


def _unavailable(provider: OidcProvider, why: str) -> OpenEOApiError:
    return OpenEOApiError(
        f"The login could not be checked with the OIDC provider '{provider.id}': {why}. Try again later.",
        code="InfrastructureBusy", status=503)
