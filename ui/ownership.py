"""Which browser session a run belongs to, and links to its files that only that session gets.

A browser keeps a random secret in its localStorage (`gr.BrowserState`); the server knows only
its SHA-256, the session's *owner*. A run started from the UI gets the owner in
`runs/<id>/.owner` before it starts. The History tab lists, and opens, only the runs whose
owner is the session's; an API client (gradio_client) has an owner of its own for as long as
its session lives.

The map of a run is served under `runs/<token>/<id>/map.html`, where the token is an HMAC of
the owner and the run id with a key kept in `runs/.ui-key`: a URL names one run of one
session and cannot be made for another run or guessed from the id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

OWNER_FILE = ".owner"
KEY_FILE = ".ui-key"
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def owner_of_secret(secret: str) -> str:
    return hashlib.sha256(("openeo-agent-ui:" + secret).encode()).hexdigest()


def new_owner() -> str:
    """An owner for a session that has no browser secret (an API client)."""
    return owner_of_secret(new_secret())


def mark(run_dir: Path, owner: str) -> None:
    """Record `owner` as the run's before the run starts (the folder is created here)."""
    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    (run / OWNER_FILE).write_text(owner, encoding="utf-8")


def owner_of(run_dir: Path) -> str | None:
    try:
        text = (Path(run_dir) / OWNER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def owns(run_dir: Path, owner: str) -> bool:
    recorded = owner_of(run_dir)
    return recorded is not None and bool(owner) and hmac.compare_digest(recorded, owner)


def run_folder(runs_root: Path, name: str) -> Path | None:
    """runs/<name> when `name` is a plain run id (or a path whose folder sits directly in runs/),
    else None: never a path outside runs/."""
    root = Path(runs_root).resolve()
    candidate = Path(name)
    if candidate.is_absolute() or len(candidate.parts) > 1:
        try:
            resolved = candidate.resolve()
        except OSError:
            return None
        if resolved.parent != root:
            return None
        name = resolved.name
    if not RUN_ID.match(name):
        return None
    run = root / name
    return run if run.is_dir() else None


class RunSigner:
    """Tokens for `runs/<token>/<id>/...` URLs, with a key that survives restarts."""

    def __init__(self, runs_root: Path) -> None:
        self.root = Path(runs_root).resolve()
        self._key = self._load_key()

    def _load_key(self) -> bytes:
        path = self.root / KEY_FILE
        try:
            key = path.read_bytes()
            if len(key) >= 32:
                return key
        except OSError:
            pass
        self.root.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        return key

    def token(self, run_id: str, owner: str) -> str:
        return hmac.new(self._key, f"run:{owner}:{run_id}".encode(), hashlib.sha256).hexdigest()[:40]

    def valid(self, token: str, run_id: str) -> bool:
        """Whether `token` was made for this run and the owner recorded in its folder."""
        run = run_folder(self.root, run_id)
        owner = owner_of(run) if run is not None else None
        return owner is not None and hmac.compare_digest(token, self.token(run_id, owner))

    def browser_secret(self) -> str:
        """The key the browser encrypts its stored session secret with (stable across restarts)."""
        return hmac.new(self._key, b"browser-state", hashlib.sha256).hexdigest()[:32]
