"""Who is calling: basic-auth tokens, OIDC tokens, or nobody (the shared user "anonymous").

`GET /credentials/basic` with an HTTP Basic header returns a bearer token; the client then sends
`Authorization: Bearer basic//<token>`. Tokens are HMAC-signed user names with an expiry
(`settings.token_lifetime_s`), signed with the backend's key (see `backend.signing`), so they
survive restarts without a session store and stop working when they expire.

With `settings.users` empty and no OIDC provider configured, the backend is a local single-user
server: any name logs in with any password. Otherwise only configured users log in; passwords
are compared in constant time (as keyed digests, so their lengths do not leak either).
`Bearer oidc/<provider>/<token>` is checked with a configured provider (`backend.oidc`).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re

from backend.errors import AuthenticationRequired, CredentialsInvalid, TokenInvalid
from backend.oidc import OidcVerifier
from backend.settings import BackendSettings
from backend.signing import Signer

ANONYMOUS = "anonymous"
_NUMBER = re.compile(r"[0-9]{1,12}", re.ASCII)
_NO_USER = b"\x00no such user\x00"  # compared against when the name is unknown: same time either way


def _text(raw: bytes) -> str:
    """Header bytes as text: UTF-8 (curl, browsers) or else Latin-1 (what `requests` sends)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class TokenService:
    def __init__(self, settings: BackendSettings, signer: Signer | None = None) -> None:
        self.settings = settings
        self.signer = signer or Signer.for_folder(settings.jobs_dir)
        self.oidc = OidcVerifier(settings.oidc_providers)

    # --- basic auth --------------------------------------------------------------------------

    def _password_ok(self, user: str, password: bytes) -> bool:
        users = self.settings.users
        if not self.settings.closed:
            return True  # a local single-user backend: any login works
        expected = users.get(user)
        given = self.signer.digest(password)
        candidates = (expected.encode("utf-8"), expected.encode("latin-1", "replace")) if expected is not None else (_NO_USER, _NO_USER)
        matches = [hmac.compare_digest(given, self.signer.digest(c)) for c in candidates]
        return expected is not None and any(matches)

    def issue(self, authorization: str | None) -> tuple[str, str]:
        """(user, token) for an HTTP Basic `Authorization` header."""
        if not authorization or not authorization[:6].lower() == "basic ":
            raise AuthenticationRequired(
                "GET /credentials/basic needs an HTTP Basic Authorization header "
                "(openeo: connection.authenticate_basic(username, password))."
            )
        try:
            raw = base64.b64decode(authorization[6:].strip().encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError, binascii.Error):
            raise CredentialsInvalid("The Basic Authorization header is not base64 of 'user:password'.") from None
        name, sep, password = raw.partition(b":")
        user = _text(name)
        if not sep or not user or len(user) > 256 or any(ord(c) < 32 for c in user):
            raise CredentialsInvalid("Give a non-empty user name without ':' or control characters.")
        if not self._password_ok(user, password):
            raise CredentialsInvalid("Unknown user or wrong password. Check the credentials.")
        return user, self.token_for(user)

    def token_for(self, user: str) -> str:
        expires = str(Signer.expiry(self.settings.token_lifetime_s))
        encoded = base64.urlsafe_b64encode(user.encode("utf-8")).decode().rstrip("=")
        return f"{encoded}.{expires}.{self.signer.signature('token', user, expires)}"

    def _basic_user(self, token: str) -> str:
        encoded, _, rest = token.partition(".")
        expires, _, signature = rest.partition(".")
        try:
            user = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
        except (ValueError, binascii.Error):
            user = ""
        if not user or not _NUMBER.fullmatch(expires) or not self.signer.valid(signature, "token", user, expires):
            raise TokenInvalid("The access token is invalid. Log in again with connection.authenticate_basic().")
        if Signer.expired(int(expires)):
            raise TokenInvalid("The access token has expired. Log in again with connection.authenticate_basic().")
        if self.settings.users and user not in self.settings.users:
            raise TokenInvalid("The user of this access token no longer exists here. Log in as a configured user.")
        return user

    # --- any request -------------------------------------------------------------------------

    def user(self, authorization: str | None) -> str:
        """The user of a request: from `Bearer basic//<token>` or `Bearer oidc/<provider>/<token>`,
        else anonymous. Invalid or expired tokens raise (403), they never fall back to anonymous."""
        if not authorization:
            return ANONYMOUS
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer":
            return ANONYMOUS
        value = value.strip()
        method, _, token = value.partition("/")
        if method == "basic":
            return self._basic_user(token[1:] if token.startswith("/") else token)
        if method == "oidc":
            provider, _, access_token = token.partition("/")
            return self.oidc.user(provider, access_token)
        raise CredentialsInvalid(
            f"Authentication method '{method[:32]}' is not supported here; use basic auth "
            "(connection.authenticate_basic) or a configured OIDC provider (GET /credentials/oidc)."
        )
