"""Zonal tables from every JSON shape a backend sends, and the before/after sub-graphs of a change."""

from __future__ import annotations

import json
from pathlib import Path

from tools.periods import period_graph, preview_resolution
from tools.result_kind import describe_result
from tools.zonal import read_table

DATA = Path(__file__).resolve().parents[1] / "data"


def _write(tmp_path, data) -> Path:
    p = tmp_path / "zonal.json"
    p.write_text(json.dumps(data))
    return p


def test_xarray_dicts_with_and_without_time_and_bands(tmp_path):
    t = read_table(_write(tmp_path, {"dims": ["geometry"], "coords": {"geometry": [{"type": "Point"}] * 3}, "data": [0.1, 0.2, None]}))
    assert t.columns == ["geometry", "value"] and [r[1] for r in t.rows] == [0.1, 0.2, None]
    t = read_table(_write(tmp_path, {"dims": ["t", "geometry", "bands"],
                                     "coords": {"t": ["2024-06-01T00:00:00", "2024-06-06T00:00:00"], "bands": ["B04", "B08"]},
                                     "data": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}))
    assert t.columns == ["geometry", "date", "B04", "B08"]
    assert t.rows[0] == [0, "2024-06-01", 1.0, 2.0] and t.rows[1] == [0, "2024-06-06", 5.0, 6.0] and len(t.rows) == 4


def test_openeo_json_shapes(tmp_path):
    t = read_table(_write(tmp_path, {"2024-06-01T00:00:00Z": [[0.3], [0.5]], "2024-06-06T00:00:00Z": [[0.4], [None]]}))
    assert t.columns == ["geometry", "date", "band1"] and len(t.rows) == 4
    t = read_table(_write(tmp_path, [[0.3, 1.0], [0.5, 2.0]]))
    assert t.rows == [[0, 0.3, 1.0], [1, 0.5, 2.0]]
    t = read_table(_write(tmp_path, {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"mean": 0.2, "name": "a"}}]}))
    assert t.columns == ["geometry", "mean", "name"] and t.rows[0][1] == 0.2


def test_period_graph_is_the_before_branch_resampled_and_saved():
    graph = json.loads((DATA / "graph_boris_flood.json").read_text())
    desc = describe_result(graph)
    before = next(p for p in desc.periods if p.label.startswith("before"))
    sub = period_graph(graph, before.node_id, 40.0)
    loads = [n for n in sub.values() if n["process_id"] == "load_collection"]
    assert len(loads) == 1 and loads[0]["arguments"]["temporal_extent"] == ["2024-08-04", "2024-09-01"]
    resample = [n for n in sub.values() if n["process_id"] == "resample_spatial"]
    assert len(resample) == 1 and resample[0]["arguments"]["resolution"] == 40.0
    assert [n for n in sub.values() if n.get("result")] == [sub["save_period"]]
    assert "lt" not in {n["process_id"] for n in sub.values()}
    assert describe_result(sub).kind == "db"
    assert graph == json.loads((DATA / "graph_boris_flood.json").read_text())  # the original is untouched
    assert preview_resolution((17.13, 50.34, 17.54, 50.60)) == 30.0 and preview_resolution((4.66, 50.85, 4.67, 50.86)) is None


def test_a_finer_resampling_of_the_script_does_not_undo_the_preview():
    """A script that resamples each load to 30 m: its before layer at an 80 m preview stays at 80 m
    (else the preview is upsampled back to 30 m and no longer fits a synchronous request)."""
    graph = json.loads((DATA / "graph_boris_flood.json").read_text())
    graph = graph.get("process_graph", graph)
    loads = [nid for nid, n in graph.items() if n["process_id"] == "load_collection"]
    for nid in loads:
        for node in graph.values():
            if node["arguments"].get("data") == {"from_node": nid}:
                node["arguments"]["data"] = {"from_node": f"{nid}_30m"}
        graph[f"{nid}_30m"] = {"process_id": "resample_spatial",
                               "arguments": {"data": {"from_node": nid}, "resolution": 30, "method": "near"}}
    before = next(p for p in describe_result(graph).periods if p.label.startswith("before"))
    sub = period_graph(graph, before.node_id, 80.0)
    assert sorted(n["arguments"]["resolution"] for n in sub.values() if n["process_id"] == "resample_spatial") == [80.0, 80.0]
    assert graph[f"{loads[0]}_30m"]["arguments"]["resolution"] == 30  # the original is untouched
