"""What a reviewed run exports for the rest of the openEO ecosystem: the script ready for CDSE
(its login line active), a Jupyter notebook with the explanation as markdown cells, and the
process graph as a process document the openEO Web Editor imports.
"""

from __future__ import annotations

import ast
import re
from datetime import date

from pydantic import BaseModel

CDSE_URL = "https://openeo.dataspace.copernicus.eu"
_COMMENTED_LOGIN = re.compile(r"^(\s*)#.*?\b(\w+)\.authenticate_oidc\(\)\s*$")


def with_login(code: str) -> str:
    """`code` with an active `connection.authenticate_oidc()` after its `openeo.connect(...)`.

    The sandbox makes every login a no-op, so the line changes nothing here; on CDSE it is what
    makes the script run. Code that already logs in (any `authenticate_*` call) is returned as
    it is; a commented-out login line is switched on; otherwise the line is added after the
    connect statement. Code that does not parse, or has no `openeo.connect`, is left alone.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    if any(isinstance(n, ast.Attribute) and n.attr.startswith("authenticate_") for n in ast.walk(tree)):
        return code
    connect = next((s for s in tree.body if isinstance(s, ast.Assign) and _is_connect(s.value)
                    and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)), None)  # fmt: skip
    if connect is None:
        return code
    var = connect.targets[0].id  # type: ignore[attr-defined]
    lines = code.splitlines()
    for i, line in enumerate(lines):
        m = _COMMENTED_LOGIN.match(line)
        if m and m.group(2) == var:
            lines[i] = f"{m.group(1)}{var}.authenticate_oidc()"
            return "\n".join(lines) + ("\n" if code.endswith("\n") else "")
    end = connect.end_lineno or connect.lineno
    lines.insert(end, f"{var}.authenticate_oidc()  # log in (CDSE: a browser link and code the first time)")
    return "\n".join(lines) + ("\n" if code.endswith("\n") else "")


def _is_connect(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "openeo")  # fmt: skip


def code_blocks(code: str) -> list[str]:
    """The script cut into notebook cells at the blank lines between top-level statements (a
    statement is never split; comments stay with the statement they precede)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [code.strip("\n")]
    lines = code.splitlines()
    if not tree.body:
        return [code.strip("\n")] if code.strip() else []
    cuts = []  # 0-based line index where a new block starts
    for prev, nxt in zip(tree.body, tree.body[1:], strict=False):
        gap = range(prev.end_lineno or prev.lineno, nxt.lineno - 1)
        blanks = [i for i in gap if not lines[i].strip()]
        if blanks:
            cuts.append(blanks[-1] + 1)
    blocks, start = [], 0
    for cut in [*cuts, len(lines)]:
        text = "\n".join(lines[start:cut]).strip("\n")
        if text.strip():
            blocks.append(text)
        start = cut
    return blocks


class NotebookText(BaseModel):
    """What the notebook says besides the code."""

    title: str
    request: str = ""
    made_on: str = ""  # the backend the run used
    steps: list[str] = []
    steps_source: str = "graph"  # "model" or "graph"


def notebook_json(code: str, text: NotebookText) -> str:
    """The script as a Jupyter notebook (nbformat 4): title and request, how to run it on CDSE,
    the explanation as markdown, then the script in cells."""
    import nbformat  # only when a notebook is written
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    intro = f"# {text.title}\n\n"
    if text.request:
        intro += f"> {text.request}\n\n"
    intro += (f"Drafted by openEO Agent on {date.today().isoformat()}"
              + (f" and validated on {text.made_on}" if text.made_on else "") + ".")  # fmt: skip
    howto = (
        "## Run it on CDSE\n\n"
        "1. Install the openEO Python client: `pip install openeo` (this notebook needs nothing else).\n"
        f"2. The script connects to the Copernicus Data Space Ecosystem (`{CDSE_URL}`). "
        "`connection.authenticate_oidc()` logs you in: the first time it prints a link and a code; open the link, "
        "sign in with your free CDSE account, and the cell goes on. Later runs reuse the stored login.\n"
        "3. Run all cells. The last one downloads the result next to this notebook; large areas run as a batch job.\n\n"
        "The processing runs on CDSE and uses your account's credits."
    )
    who = "the model that wrote the script" if text.steps_source == "model" else "the process graph"
    steps = f"## What the script does\n\n(explained from {who})\n\n" + "\n".join(
        f"{i}. {s}" for i, s in enumerate(text.steps, 1)
    )
    cells = [new_markdown_cell(intro), new_markdown_cell(howto)]
    if text.steps:
        cells.append(new_markdown_cell(steps))
    cells += [new_code_cell(block) for block in code_blocks(code)]
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })  # fmt: skip
    nbformat.validate(nb)
    return nbformat.writes(nb)


def web_editor_process(graph: dict, run_id: str, request: str, steps: list[str]) -> dict:
    """The graph as an openEO process document (id, summary, description, process_graph), the
    JSON the openEO Web Editor imports (drop the file on its model builder, or open it by URL
    with `?process=`) and `POST /process_graphs` stores."""
    pid = "openeo_agent_" + re.sub(r"\W", "_", run_id or "run")
    summary = request if len(request) <= 60 else request[:59] + "…"
    description = (request + "\n\n" if request else "") + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
    return {"id": pid, "summary": summary or "openEO Agent run", "description": description.strip(),
            "process_graph": graph}  # fmt: skip
