"""Signed, expiring URLs for batch job results (the openEO way to link downloads).

`GET /jobs/{id}/results` lists assets whose `href` carries `?expires=<unix time>&signature=<hmac>`
bound to the job's owner, the job, the file and the expiry, and a `canonical` link to the
results document signed the same way. Such a URL works without an Authorization header until it
expires (`ResultLinkExpired`, 410); changing any part of it makes it invalid (403). Without a
signature the request needs the owner's login, like every other job route.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

from fastapi import Request

from backend.errors import CredentialsInvalid, ResultLinkExpired
from backend.signing import Signer

__all__ = ["SignedLinks", "signature_of"]

_NUMBER = re.compile(r"[0-9]{1,12}", re.ASCII)


def signature_of(request: Request) -> tuple[str, str] | None:
    """(expires, signature) of a request's query, or None when it is not a signed URL."""
    expires, signature = request.query_params.get("expires"), request.query_params.get("signature")
    if expires is None and signature is None:
        return None
    return expires or "", signature or ""


class SignedLinks:
    def __init__(self, signer: Signer, lifetime_s: float) -> None:
        self.signer = signer
        self.lifetime_s = lifetime_s

    def new_expiry(self) -> int:
        return Signer.expiry(self.lifetime_s)

    @staticmethod
    def rfc3339(expires: int) -> str:
        return datetime.fromtimestamp(expires, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _query(self, expires: int, *parts: str) -> str:
        return urlencode({"expires": str(expires), "signature": self.signer.signature("result-link", *parts, str(expires))})

    def asset(self, base: str, owner: str, job_id: str, filename: str, expires: int) -> str:
        return f"{base}/jobs/{job_id}/results/{quote(filename)}?{self._query(expires, owner, job_id, filename)}"

    def results(self, base: str, owner: str, job_id: str, expires: int) -> str:
        return f"{base}/jobs/{job_id}/results?{self._query(expires, owner, job_id, '')}"

    def check(self, signed: tuple[str, str], owner: str, job_id: str, filename: str = "") -> None:
        """Accept a signed request for this owner's job and file, or raise why not."""
        expires, signature = signed
        if not _NUMBER.fullmatch(expires) or not self.signer.valid(signature, "result-link", owner, job_id, filename, expires):
            raise CredentialsInvalid(
                f"This signed link is not valid. Request GET /jobs/{job_id}/results again (logged in) for fresh links.")
        if Signer.expired(int(expires)):
            raise ResultLinkExpired(
                f"This link expired at {self.rfc3339(int(expires))}. Request GET /jobs/{job_id}/results again for fresh links.")
