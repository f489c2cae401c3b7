"""A process graph drawn as an SVG diagram: one box per top-level node, arrows for the data
flow, callbacks folded into their node as a formula. Pure Python, no JavaScript or CDN, so
it renders offline inline in the page and opens in any browser from the run folder.

    svg = graph_svg(graph)          # "<svg …>…</svg>"

Layout: nodes in layers by their longest path from a load (top to bottom), ordered within a
layer by where their inputs sit, so arrows rarely cross in the small graphs openEO scripts make.
"""

from __future__ import annotations

import html
import json
import textwrap
from typing import Any

from agent.review.explain import band_labels, data_flow_order, inputs_of
from agent.review.expressions import read_callback
from tools.result_kind import flat_graph

BOX_W, LINE_H, PAD, GAP_X, GAP_Y, CHARS = 236, 15, 8, 28, 46, 34
COLOURS = {  # fill, stroke by the kind of step
    "load": ("#e3f0fb", "#2b6cb0"), "filter": ("#fff4e0", "#c77c02"), "mask": ("#fde8e8", "#c53030"),
    "reduce": ("#e6f6ea", "#2f855a"), "math": ("#f1eafa", "#6b46c1"), "save": ("#ececec", "#4a5568"),
}  # fmt: skip


def _category(pid: str) -> str:
    if pid.startswith("load_"):
        return "load"
    if pid == "save_result":
        return "save"
    if pid.startswith("mask") or pid == "to_scl_dilation_mask":
        return "mask"
    if pid.startswith(("filter_", "resample_")):
        return "filter"
    if pid.startswith(("reduce_", "aggregate_")):
        return "reduce"
    return "math"


def _short(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and {"west", "east", "south", "north"} <= set(value):
        return f"{value['west']}…{value['east']} E, {value['south']}…{value['north']} N"
    if isinstance(value, dict) and value.get("type"):
        return f"GeoJSON {value['type']}"
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) or v is None for v in value):
        return ", ".join("–" if v is None else str(v) for v in value)
    return json.dumps(value, default=str)


def node_lines(node: dict, labels: list[str]) -> tuple[list[str], int]:
    """The text lines inside a node's box (arguments in short, callbacks as formulas) and how
    many callback nodes were folded into it."""
    pid, args = str(node.get("process_id")), node.get("arguments") or {}
    lines: list[str] = []
    folded = 0
    if pid == "load_collection":
        lines.append(str(args.get("id", "")))
        if args.get("bands"):
            lines.append("bands: " + _short(args["bands"]))
        if args.get("temporal_extent"):
            lines.append("dates: " + " → ".join(str(v) for v in args["temporal_extent"]))
    for name, value in args.items():
        if pid == "load_collection" and name in ("id", "bands", "temporal_extent"):
            continue
        if isinstance(value, dict) and "from_node" in value:
            continue
        f = read_callback(value, labels, {"data": "data", "x": "x", "y": "y", "value": name})
        if f is not None:
            folded += f.nodes
            lines.append(f"{name}: ƒ {f.reducer or f.text}")
        elif value in ({}, [], None):
            continue
        elif not inputs_of({"arguments": {name: value}}):
            lines.append(f"{name}: {_short(value)}")
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, CHARS, subsequent_indent="  ") or [line]
    if len(wrapped) > 5:
        wrapped = wrapped[:4] + ["…"]
    return wrapped, folded


def _layers(graph: dict, order: list[str]) -> dict[str, int]:
    layer: dict[str, int] = {}
    for k in order:
        deps = [src for _, src in inputs_of(graph[k]) if src in layer]
        layer[k] = 1 + max((layer[d] for d in deps), default=-1)
    return layer


def graph_svg(graph: dict, title: str = "Process graph") -> str:
    """The diagram of `graph` (flat, or wrapped in {"process_graph": …}) as an SVG document."""
    graph = flat_graph(graph) if isinstance(graph, dict) else {}
    order = data_flow_order(graph)
    if not order:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" role="img"><text x="8" y="24">No process graph.</text></svg>'
    labels = band_labels(graph, order)
    layer = _layers(graph, order)
    numbers = {k: i + 1 for i, k in enumerate(order)}
    content = {}
    for k in order:
        data = (graph[k].get("arguments") or {}).get("data")
        src = str(data["from_node"]) if isinstance(data, dict) and "from_node" in data else ""
        content[k] = node_lines(graph[k], labels.get(src, labels.get(k, [])))
    rows: dict[int, list[str]] = {}
    for k in order:
        rows.setdefault(layer[k], []).append(k)
    # order each layer by the mean position of its inputs (one sweep is enough for these graphs)
    pos: dict[str, float] = {}
    for r in sorted(rows):

        def key(k: str) -> float:
            srcs = [pos[s] for _, s in inputs_of(graph[k]) if s in pos]
            return sum(srcs) / len(srcs) if srcs else float(order.index(k))

        rows[r].sort(key=key)
        for i, k in enumerate(rows[r]):
            pos[k] = float(i)
    widest = max(len(v) for v in rows.values())
    margin = 30.0  # room on the left for arrows that go around layers
    width = widest * (BOX_W + GAP_X) + GAP_X + margin
    heights = {r: max(PAD * 2 + LINE_H * (1 + len(content[k][0])) for k in ks) for r, ks in rows.items()}
    y_of, y = {}, 14
    for r in sorted(rows):
        y_of[r] = y
        y += heights[r] + GAP_Y
    height = y - GAP_Y + 14
    box: dict[str, tuple[float, float, float, float]] = {}
    for r, ks in rows.items():
        offset = margin + (width - margin - len(ks) * (BOX_W + GAP_X) + GAP_X) / 2
        for i, k in enumerate(ks):
            h = PAD * 2 + LINE_H * (1 + len(content[k][0]))
            box[k] = (offset + i * (BOX_W + GAP_X), float(y_of[r]), float(BOX_W), float(h))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pg-diagram" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{html.escape(title)}" '
        'font-family="DejaVu Sans, system-ui, sans-serif" font-size="11">',
        f"<title>{html.escape(title)}</title>",
        '<defs><marker id="pg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4a5568"/></marker></defs>',
    ]
    for k in order:  # edges first, boxes on top
        inputs = [(name, src) for name, src in inputs_of(graph[k]) if src in box]
        x2, y2, w2, _ = box[k]
        for i, (name, src) in enumerate(inputs):
            x1, y1, w1, h1 = box[src]
            sx, sy = x1 + w1 / 2, y1 + h1
            tx, ty = x2 + w2 * (i + 1) / (len(inputs) + 1), y2
            mid = (sy + ty) / 2
            if layer[k] - layer[src] > 1:  # around the boxes of the layers in between, on the left
                sx, tx = x1 + 14, x2 + 14
                side = min(x1, x2) - 40
                curve = f"C {side:.1f} {sy + 30:.1f}, {side:.1f} {ty - 30:.1f}, {tx:.1f} {ty - 1:.1f}"
            else:
                curve = f"C {sx:.1f} {mid:.1f}, {tx:.1f} {mid:.1f}, {tx:.1f} {ty - 1:.1f}"
            out.append(
                f'<path class="pg-edge" data-from="{html.escape(src)}" data-to="{html.escape(k)}" '
                f'd="M {sx:.1f} {sy:.1f} {curve}" '
                'fill="none" stroke="#4a5568" stroke-width="1.3" marker-end="url(#pg-arrow)"/>'
            )
            if name != "data":
                out.append(
                    f'<text x="{tx + 4:.1f}" y="{ty - 6:.1f}" fill="#4a5568" font-size="10">{html.escape(name)}</text>'
                )
    for k in order:
        node = graph[k]
        pid = str(node.get("process_id"))
        fill, stroke = COLOURS[_category(pid)]
        x, y0, bw, bh = box[k]
        lines, folded = content[k]
        tip = f"{k}: {pid}" + (f" ({folded} callback nodes folded)" if folded else "")
        out.append(f'<g class="pg-node" data-node="{html.escape(k)}" data-process="{html.escape(pid)}">')
        out.append(f"<title>{html.escape(tip)}</title>")
        out.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bw:.0f}" height="{bh:.0f}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.4"/>'
        )
        out.append(
            f'<text x="{x + PAD:.1f}" y="{y0 + PAD + 11:.1f}" font-weight="bold" fill="{stroke}">'
            f"{numbers[k]} · {html.escape(pid)}</text>"
        )
        for i, line in enumerate(lines):
            out.append(
                f'<text x="{x + PAD:.1f}" y="{y0 + PAD + 11 + LINE_H * (i + 1):.1f}" fill="#1a202c">{html.escape(line)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
