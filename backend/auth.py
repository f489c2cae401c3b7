"""Authentication: anonymous for local use, or the openEO client's basic auth.

`GET /credentials/basic` with an HTTP Basic header returns a bearer token; the client then sends
`Authorization: Bearer basic//<token>`. Tokens are HMAC-signed user names (the key lives in
the jobs folder), so they stay valid across restarts without a session store. With
`settings.users` empty anyone may log in with any password; otherwise the password must match.
Requests without a token act as the user "anonymous".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from pathlib import Path

from backend.errors import AuthenticationRequired, CredentialsInvalid
from backend.settings import BackendSettings

ANONYMOUS = "anonymous"


class TokenService:
    def __init__(self, settings: BackendSettings) -> None:
        self.settings = settings
        self._key = self._load_key(Path(settings.jobs_dir))

    @staticmethod
    def _load_key(folder: Path) -> bytes:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ".token_key"
        if not path.exists():
            path.write_text(secrets.token_hex(32), encoding="utf-8")
            path.chmod(0o600)
        return bytes.fromhex(path.read_text(encoding="utf-8").strip())

    def _sign(self, user: str) -> str:
        return hmac.new(self._key, user.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, authorization: str | None) -> tuple[str, str]:
        """(user, token) for an HTTP Basic `Authorization` header."""
        if not authorization or not authorization.lower().startswith("basic "):
            raise AuthenticationRequired(
                "GET /credentials/basic needs an HTTP Basic Authorization header "
                "(openeo: connection.authenticate_basic(username, password))."
            )
        try:
            user, _, password = base64.b64decode(authorization[6:].strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise CredentialsInvalid("The Basic Authorization header is not base64 of 'user:password'.") from None
        if not user or ":" in user:
            raise CredentialsInvalid("Give a non-empty user name without ':'.")
        users = self.settings.users
        if users and not hmac.compare_digest(users.get(user, "\0"), password):
            raise CredentialsInvalid("Unknown user or wrong password. Check the credentials.")
        encoded = base64.urlsafe_b64encode(user.encode()).decode().rstrip("=")
        return user, f"{encoded}.{self._sign(user)}"

    def user(self, authorization: str | None) -> str:
        """The user of a request: from `Bearer basic//<token>`, else anonymous."""
        if not authorization:
            return ANONYMOUS
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer":
            return ANONYMOUS
        method, _, token = value.strip().partition("//")
        if method != "basic":
            raise CredentialsInvalid(
                f"Authentication method '{method}' is not supported here; use basic auth "
                "(connection.authenticate_basic) or no authentication."
            )
        encoded, _, signature = token.partition(".")
        try:
            user = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError):
            user = ""
        if not user or not hmac.compare_digest(signature, self._sign(user)):
            raise CredentialsInvalid("The access token is invalid or expired. Log in again with authenticate_basic().")
        return user
