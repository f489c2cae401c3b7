"""Notes a process makes while the graph is built (what it could not honour, what it assumed).

`note(message)` records a sentence for the current execution; the executor collects them
(`collect()`) into the result, batch jobs write them to the job log as warnings and synchronous
requests return them in the `OpenEO-Warnings` header, so nothing a process ignores goes unsaid.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

__all__ = ["note", "collect"]

log = logging.getLogger(__name__)
_NOTES: ContextVar[list[str] | None] = ContextVar("openeo_notes", default=None)


def note(message: str) -> None:
    notes = _NOTES.get()
    if notes is None:
        log.info("%s", message)
    elif message not in notes:
        notes.append(message)


@contextmanager
def collect() -> Iterator[list[str]]:
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)
