"""HMAC signatures with expiry: access tokens and signed result URLs share one server key.

The key lives in the jobs folder (`.token_key`, mode 0600), so tokens and links stay valid
across restarts of the same backend and are worthless to any other.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

__all__ = ["Signer"]


class Signer:
    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def for_folder(cls, folder: str | Path) -> Signer:
        """The signer of a backend whose state lives in `folder` (the key is created on first use)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ".token_key"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_hex(32))
        for _ in range(50):  # another process may be writing it this instant
            text = path.read_text(encoding="utf-8").strip()
            if len(text) == 64:
                return cls(bytes.fromhex(text))
            time.sleep(0.02)
        raise RuntimeError(f"The token key {path} is unreadable; delete it to make a new one (logs everyone out).")

    def signature(self, purpose: str, *parts: str) -> str:
        """Hex HMAC-SHA256 of a purpose and its parts (parts are length-prefixed: no ambiguity)."""
        message = "\n".join([purpose, *(f"{len(p)}:{p}" for p in parts)]).encode("utf-8", "surrogatepass")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:40]

    def valid(self, signature: str, purpose: str, *parts: str) -> bool:
        """True when `signature` was made for exactly these parts (constant-time comparison)."""
        expected = self.signature(purpose, *parts)
        return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))

    def digest(self, data: bytes) -> bytes:
        """A keyed, fixed-length digest (for comparing secrets of any length in constant time)."""
        return hmac.new(self._key, data, hashlib.sha256).digest()

    @staticmethod
    def expiry(lifetime_s: float) -> int:
        return int(time.time() + lifetime_s)

    @staticmethod
    def expired(expires: int) -> bool:
        return time.time() > expires
