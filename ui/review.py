"""The review panels of a run as HTML and Markdown: the repair history as a code review (each
attempt with its validation messages and its diff to the one before, the version that ran
marked), the step explanation, the process graph diagram. Pure functions of `agent.review`'s
models; no Gradio import. Everything drawn from code or messages is escaped."""

from __future__ import annotations

import html

from agent.review import Attempt, RepairHistory, Review
from agent.review.diagram import graph_svg
from ui import glyphs

REVIEW_CSS = """
<style>
.rv { font-family: system-ui, sans-serif; font-size: 13px; }
.rv .attempt { border: 1px solid #d0d7de; border-radius: 6px; margin: 0 0 12px 0; overflow: hidden; }
.rv .attempt.ran { border-color: #2f855a; box-shadow: 0 0 0 1px #2f855a inset; }
.rv .head { padding: 6px 10px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.rv .status { font-weight: 600; }
.rv .status.valid { color: #1a7f37; } .rv .status.rejected { color: #cf222e; } .rv .status.unchecked { color: #6e7781; }
.rv .badge { font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #dafbe1; color: #1a7f37; border: 1px solid #1a7f37; }
.rv .stat { color: #6e7781; font-size: 12px; }
.rv ul.issues { margin: 6px 10px 6px 28px; padding: 0; color: #8a1c1c; }
.rv ul.issues code { color: #8a1c1c; background: #fff0f0; }
.rv table.diff { border-collapse: collapse; width: 100%; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.rv table.diff, .rv table.diff tr, .rv table.diff td { border: none !important; }
.rv table.diff { margin: 0 !important; }
.rv table.diff td { padding: 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; vertical-align: top; }
.rv table.diff td.n { color: #6e7781; text-align: right; width: 2.5em; user-select: none; white-space: nowrap; }
.rv tr.added td { background: #e6ffec; } .rv tr.added td.n { background: #ccffd8; }
.rv tr.removed td { background: #ffebe9; } .rv tr.removed td.n { background: #ffd7d5; }
.rv tr.hunk td { background: #ddf4ff; color: #57606a; }
.rv details > summary { cursor: pointer; padding: 4px 10px; color: #57606a; }
.rv .empty { color: #6e7781; padding: 8px; }
</style>
"""

STATUS = {"valid": f"{glyphs.OK} validated", "rejected": f"{glyphs.FAILED} rejected", "unchecked": "not checked"}
MARK = {"added": "+", "removed": "−", "context": " ", "hunk": ""}


def _code_table(code: str) -> str:
    rows = [f'<tr class="context"><td class="n">{i}</td><td>{html.escape(line) or " "}</td></tr>'
            for i, line in enumerate(code.splitlines(), 1)]  # fmt: skip
    return f'<table class="diff code">{"".join(rows)}</table>'


def _diff_table(attempt: Attempt) -> str:
    rows = []
    for d in attempt.diff:
        if d.kind == "hunk":
            rows.append(f'<tr class="hunk"><td class="n"></td><td class="n"></td><td>{html.escape(d.text)}</td></tr>')
            continue
        old, new = d.old or "", d.new or ""
        rows.append(f'<tr class="{d.kind}"><td class="n">{old}</td><td class="n">{new}</td>'
                    f"<td>{MARK[d.kind]} {html.escape(d.text)}</td></tr>")  # fmt: skip
    return f'<table class="diff">{"".join(rows)}</table>'


def _attempt_html(a: Attempt, last: bool) -> str:
    head = [f'<span class="title"><b>Attempt {a.number}</b></span>',
            f'<span class="status {a.status}">{STATUS[a.status]}</span>']  # fmt: skip
    if a.ran:
        head.append('<span class="badge">this version ran</span>')
    if a.diff:
        head.append(f'<span class="stat">+{a.added} −{a.removed} lines against attempt {a.number - 1}</span>')
    parts = [f'<div class="attempt {a.status}{" ran" if a.ran else ""}" data-attempt="{a.number}">',
             f'<div class="head">{"".join(head)}</div>']  # fmt: skip
    if a.issues:
        items = "".join(f"<li><code>[{html.escape(i.code)}]</code> {html.escape(i.message)}</li>" for i in a.issues)
        parts.append(f'<ul class="issues">{items}</ul>')
    if a.diff:
        parts.append(_diff_table(a))
        parts.append(f"<details><summary>Whole script of attempt {a.number}</summary>{_code_table(a.code)}</details>")
    else:
        opened = " open" if last else ""
        parts.append(f"<details{opened}><summary>Script of attempt {a.number}</summary>{_code_table(a.code)}</details>")
    parts.append("</div>")
    return "".join(parts)


def history_html(history: RepairHistory) -> str:
    """The repair history: newest attempt first, like a review thread read from the top."""
    if not history.attempts:
        return REVIEW_CSS + '<div class="rv" id="repair-history"><div class="empty">No code has been drafted yet.</div></div>'
    n = len(history.attempts)
    ran = f"attempt {history.ran} ran" if history.ran else "no version has run yet"
    summary = (f'<p class="summary"><b>{n} version{"s" if n != 1 else ""}</b> of the script, '
               f'{history.repairs} repair{"s" if history.repairs != 1 else ""}; {ran}.</p>')  # fmt: skip
    body = "".join(_attempt_html(a, a.number == n) for a in reversed(history.attempts))
    return f'{REVIEW_CSS}<div class="rv" id="repair-history">{summary}{body}</div>'


def explanation_markdown(review: Review | None) -> str:
    if review is None or not review.explanation.steps:
        return "*The explanation of each step appears here once the code has built a process graph.*"
    return review.explanation.markdown()


def diagram_html(review: Review | None) -> str:
    if review is None or not review.graph:
        return '<div class="pg-empty" style="color:#777;padding:12px">The diagram of the process graph appears here.</div>'
    svg = graph_svg(review.graph, title=f"Process graph of run {review.run_id}")
    legend = ("<p style='font-size:12px;color:#555;margin:4px 0'>Boxes are processes in data-flow order; "
              "ƒ marks a callback folded into its node (hover a box for its node id).</p>")  # fmt: skip
    return f'<div id="graph-diagram-box" style="overflow:auto;max-height:640px">{legend}{svg}</div>'
