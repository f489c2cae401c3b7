"""Every collection id, band and process the prompts name exists on the embedded backend.

A model copies what the prompt says: one wrong id there ("SENTINEL5P_L2" for SENTINEL_5P_L2)
costs a failed round trip in every request that needs it. The prose of every prompt file is
read for collection ids (UPPER_CASE with an underscore), band names (B04, SCL, VV ... in quotes
or after "SCL"/"bands") and backticked identifiers (each must be a tool, a process, a process
parameter or an openeo client method); the example scripts are run through the real sandbox and
validated by the embedded backend.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import re
from importlib import resources

import pytest

from agent.cli import main
from backend.catalog import load_catalog
from backend.processes.specs import load_specs

CATALOG = load_catalog()
BANDS = {b.name for c in CATALOG.values() for b in c.bands}
SPECS = load_specs()
PARAMETERS = {p["name"] for spec in SPECS.values() for p in spec.get("parameters", [])}
TOOLS = {p.name[:-3] for p in (resources.files("prompts") / "tools").iterdir() if p.name.endswith(".md")}
COLLECTION_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
QUOTED_BAND = re.compile(r"[\"'](B\d{1,2}A?|SCL|VV|VH|HH|HV|LST|NO2|CO|CH4|O3|SO2|HCHO|MAP|DEM)[\"']")
BACKTICKED = re.compile(r"`([^`]+)`")
IDENTIFIER = re.compile(r"\b([a-z][a-z0-9]*_[a-z0-9_]+)\b|\b([a-z][a-z0-9]*)\(")  # snake_case names, and calls


EXAMPLES = sorted(p.name for p in (resources.files("prompts") / "examples").iterdir() if p.name.endswith(".py") and not p.name.startswith("_"))


def prompt_files() -> list[str]:
    root = resources.files("prompts")
    names = [p.name for p in root.iterdir() if p.name.endswith(".md")]
    names += [f"tools/{p.name}" for p in (root / "tools").iterdir() if p.name.endswith(".md")]
    names += [f"examples/{n}" for n in EXAMPLES]
    return sorted(names)


def text(name: str) -> str:
    node = resources.files("prompts")
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


def client_methods() -> set[str]:
    from openeo.rest.connection import Connection
    from openeo.rest.datacube import DataCube

    return {n for cls in (DataCube, Connection) for n, _ in inspect.getmembers(cls, callable) if not n.startswith("_")}


def test_the_prompts_are_found():
    files = prompt_files()
    assert "system.md" in files and len([f for f in files if f.startswith("tools/")]) >= 8
    assert len([f for f in files if f.startswith("examples/")]) >= 3


@pytest.mark.parametrize("name", prompt_files())
def test_collection_ids_and_bands_exist(name):
    body = text(name)
    ids = set(COLLECTION_ID.findall(body)) - {"OPENEO_AGENT"}
    unknown = sorted(i for i in ids if i not in CATALOG)
    assert not unknown, f"prompts/{name} names collections the backend lacks: {unknown}"
    bands = set(QUOTED_BAND.findall(body)) | set(re.findall(r"\b(SCL)\b", body))
    assert bands <= BANDS, f"prompts/{name} names bands no collection has: {sorted(bands - BANDS)}"


@pytest.mark.parametrize("name", [n for n in prompt_files() if n.endswith(".md")])
def test_backticked_names_are_tools_processes_parameters_or_client_methods(name):
    known = TOOLS | set(SPECS) | PARAMETERS | client_methods() | {"connect"}  # openeo.connect
    for snippet in BACKTICKED.findall(text(name)):
        for snake, call in IDENTIFIER.findall(snippet):
            identifier = snake or call
            if identifier in ("descriptive_name", "process_id"):  # a placeholder, a field of a tool's output format
                continue
            assert identifier in known, f"prompts/{name}: `{snippet}` names '{identifier}', which is no tool, process, parameter or client method"


def test_the_system_prompt_names_sentinel_5p_by_its_catalog_id():
    from agent import prompts

    system = prompts.load("system.md")
    assert "SENTINEL_5P_L2" in system and "SENTINEL5P_L2" not in system


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_examples_validate_on_the_embedded_backend(example, backend_url, tmp_path):
    """Sandbox and /validation (ids, bands, processes, data in the window, the sample run)."""
    script = tmp_path / example
    script.write_text(text(f"examples/{example}"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["check", str(script), "--backend", backend_url, "--json"])
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["status"] == "VALID", result["errors"]
