"""Text from a backend is data, not instructions: sentences addressed to the assistant are removed
before any of it reaches the model (collection titles and descriptions, process descriptions)."""

from __future__ import annotations

import re

_INJECTION = re.compile(
    r"[^.\n]*\b(ignore|disregard|forget|override)\b[^.\n]*\b(instructions?|prompts?|rules|guidelines)\b[^.\n]*[.\n]?"
    r"|[^.\n]*\b(system prompt|you are now|as an ai|new instructions)\b[^.\n]*[.\n]?",
    re.I,
)


def sanitize(text: str) -> str:
    """`text` without the sentences that address the assistant."""
    return _INJECTION.sub("[text addressed to the assistant removed] ", text).strip()


def shorten(text: str, limit: int) -> str:
    """`text` in at most about `limit` characters, cut after a whole word and marked with "…"; a
    title cut inside a word ("(simul (2015-07-04..") reads as two broken parentheses."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-(") + "…"
