"""Prompts live as text files in the `prompts` package; this module loads and renders them.

Placeholders are `{{ name }}` (so that Python code in prompts keeps its braces). Rendering is
strict: a placeholder without a value, or a value without a placeholder, is a ConfigurationError.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

from agent.errors import ConfigurationError

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def load(name: str) -> str:
    """The text of prompts/<name> (e.g. "system.md", "examples/ndvi_s2.py")."""
    node = resources.files("prompts")
    for part in name.split("/"):
        node = node / part
    if not node.is_file():
        raise ConfigurationError(f"The prompt file prompts/{name} is missing from the installation.")
    return node.read_text(encoding="utf-8")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def render(text: str, **values: object) -> str:
    """Fill every `{{ name }}`; refuse missing and unused values."""
    wanted = placeholders(text)
    missing = wanted - values.keys()
    if missing:
        raise ConfigurationError(f"Prompt variables without a value: {', '.join(sorted(missing))}.")
    unused = values.keys() - wanted
    if unused:
        raise ConfigurationError(f"Values for variables the prompt does not use: {', '.join(sorted(unused))}.")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def example_names() -> list[str]:
    folder = resources.files("prompts") / "examples"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".py") and not p.name.startswith("_"))


def system_prompt(today: date, example: str | None = "ndvi_s2.py") -> str:
    """The system prompt of one run, with today's date and one few-shot example (none once the
    model has drafted code: the compact variant keeps later calls small)."""
    section = render(load("example_section.md"), example=load(f"examples/{example}").strip()) if example else ""
    return render(load("system.md"), today=today.isoformat(), example_section=section)
