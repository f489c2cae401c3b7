"""Reviewing a run as an expert would (issue 18), with the real agent core, tools, sandbox and
embedded backend over HTTP, and a scripted model that drafts bad code first (a band name CDSE
does not have) and good code second: over the API (gradio_client) and in a headless Chromium
with the network blocked. The repair history lists both versions with their diff and the
validation message, the explanation names each step, the graph diagram renders, and the
notebook download opens with nbformat and holds the script."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ui_app import offline_page, serve_app
from ui_checks import file_path, text_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "agent"))  # agent_fakes
from agent_fakes import ScriptedChatModel, answer, call  # noqa: E402

pytestmark = [pytest.mark.ui, pytest.mark.slow]

GOOD = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.72, "north": 50.89},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
cube = cube.mask((scl == 3) | (scl == 8) | (scl == 9) | (scl == 10))

ndvi = (cube.band("B08") - cube.band("B04")) / (cube.band("B08") + cube.band("B04"))
ndvi.reduce_dimension(dimension="t", reducer="median").download("ndvi_leuven.tif")
'''
BAD = GOOD.replace('"B08"', '"B8"')
MODEL_STEPS = [
    "Load Sentinel-2 L2A bands B04, B08 and SCL around Leuven for June 2023.",
    "Remove cloud shadows, clouds and cirrus with the scene classification.",
    "Compute the NDVI and take the median of all dates.",
    "Save the NDVI composite as a GeoTIFF.",
]
REQUEST = "NDVI around Leuven in June 2023, without clouds"


def scripted_model(received: list) -> ScriptedChatModel:
    model = ScriptedChatModel(responses=[
        call("run_openeo_code", code=BAD),
        call("run_openeo_code", code=GOOD, explanation=MODEL_STEPS),
        call("execute"),
        call("render_map"),
        answer("The June 2023 NDVI median around Leuven is on the map."),
    ])  # fmt: skip
    received.append(model)
    return model


@pytest.fixture(scope="module")
def review_app(tmp_path_factory, backend_url):
    from agent.runner import AgentRunner

    models: list[ScriptedChatModel] = []
    runs = tmp_path_factory.mktemp("review-runs")

    def factory(settings):
        return AgentRunner(settings, model_factory=lambda s, today: scripted_model(models))

    with serve_app(factory, runs_dir=runs, backend_url=backend_url) as (url, _):
        yield url, runs, models


def test_repair_history_explanation_diagram_and_notebook_over_the_api(review_app):
    import nbformat
    from gradio_client import Client

    url, runs, models = review_app
    client = Client(url, verbose=False)
    out = client.predict(REQUEST, api_name="/chat")
    _, chat, code, validation, graph, map_html, badge, chart, files, explanation, repairs, diagram = out
    assert "map.html" in map_html, text_of(chat[-1])
    assert "B8" in models[-1].all_text_received() and "BandNotAvailable" in models[-1].all_text_received()

    # the repair history: two versions, the first rejected with the backend's message, the diff, which ran
    assert repairs.count('class="attempt') == 2
    assert "BandNotAvailable" in repairs and "Use &#x27;B08&#x27;" in repairs
    assert '<tr class="removed">' in repairs and '<tr class="added">' in repairs
    rows = lambda kind: [r.split("</tr>", 1)[0] for r in repairs.split(f'<tr class="{kind}">')[1:]]  # noqa: E731
    assert any("bands=[&quot;B04&quot;, &quot;B8&quot;, &quot;SCL&quot;]," in r for r in rows("removed"))
    assert any("bands=[&quot;B04&quot;, &quot;B08&quot;, &quot;SCL&quot;]," in r for r in rows("added"))
    assert len(rows("removed")) == len(rows("added")) == 2  # the load and the NDVI line: nothing else changed
    assert repairs.index('data-attempt="2"') < repairs.index("this version ran") < repairs.index('data-attempt="1"')

    # the explanation: the model's sentences, and each step read from the graph
    assert MODEL_STEPS[1] in explanation
    for words in ("Load SENTINEL2_L2A with the bands B04, B08 and SCL", "3 (cloud shadows)", "10 (thin cirrus)",
                  "Remove from step 1 the pixels", "(B08 − B04) / (B08 + B04)", "the median of all dates",
                  "Save step", "NDVI"):  # fmt: skip
        assert words in explanation, words

    # the diagram: one box per top-level node, callbacks folded
    nodes = (graph.get("process_graph", graph)).keys()
    assert diagram.count('class="pg-node"') == len(nodes) and "ƒ median" in diagram

    # the files: the repair history and explanation saved, the notebook with the script
    run = runs / Path(map_html.split("/map.html")[0]).name
    review = run / "review"
    assert "Attempt 1: rejected" in (review / "history.md").read_text()
    assert MODEL_STEPS[0] in (review / "explanation.md").read_text()
    names = {Path(file_path(f)).name: Path(file_path(f)) for f in files}
    nb = nbformat.read(str(names["notebook.ipynb"]), as_version=4)
    nbformat.validate(nb)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    assert "\n\n".join(cells).strip() == GOOD.strip()
    assert any("connection.authenticate_oidc()" in c for c in cells)
    assert any("Run it on CDSE" in c.source for c in nb.cells if c.cell_type == "markdown")
    assert any(MODEL_STEPS[2] in c.source for c in nb.cells if c.cell_type == "markdown")
    script = names["code.py"].read_text()
    assert script.strip() == GOOD.strip()  # the version that ran, its login line active
    process = __import__("json").loads(names["openeo_process.json"].read_text())
    assert process["id"].startswith("openeo_agent_") and process["process_graph"] == graph.get("process_graph", graph)


def test_review_in_the_browser(review_app, browser, artifacts):
    import nbformat

    url, runs, _ = review_app
    context, page = offline_page(browser)
    try:
        page.goto(url)
        page.fill("#request textarea", REQUEST)
        page.press("#request textarea", "Enter")
        page.wait_for_selector("#result-map", timeout=120_000)
        page.wait_for_function("() => !document.querySelector('#chat .loading-spinner')", timeout=60_000)

        page.get_by_role("tab", name="Code").click()
        page.wait_for_selector("#explanation ol li", timeout=10_000)
        text = page.inner_text("#explanation")
        assert MODEL_STEPS[1] in text and "Flag the pixels of step 1" in text
        assert "Sandbox:" in page.inner_text("#sandbox-isolation")
        page.screenshot(path=str(artifacts / "ui-review-code.png"))

        page.get_by_role("tab", name="Review").click()
        page.wait_for_selector("#repair-history .attempt", timeout=10_000)
        attempts = page.query_selector_all("#repair-history .attempt")
        assert len(attempts) == 2
        newest = attempts[0]
        assert "this version ran" in newest.inner_text() and "validated" in newest.inner_text()
        removed = [r.inner_text() for r in newest.query_selector_all("tr.removed")]
        added = [r.inner_text() for r in newest.query_selector_all("tr.added")]
        assert any('"B8"' in r for r in removed) and any('"B08"' in a for a in added)
        assert "BandNotAvailable" in attempts[1].inner_text()
        colour = newest.eval_on_selector("tr.added td:last-child", "e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "added lines are highlighted"
        page.screenshot(path=str(artifacts / "ui-review-history.png"))

        page.get_by_role("tab", name="Process graph").click()
        svg = page.wait_for_selector("#graph-diagram svg.pg-diagram", timeout=10_000)
        boxes = svg.query_selector_all("g.pg-node rect")
        assert len(boxes) >= 6 and all((b.bounding_box() or {}).get("width", 0) > 100 for b in boxes)
        assert len(svg.query_selector_all("path.pg-edge")) >= len(boxes) - 1
        svg_text = svg.text_content() or ""
        assert "load_collection" in svg_text and "save_result" in svg_text
        page.screenshot(path=str(artifacts / "ui-review-graph.png"))

        page.get_by_role("tab", name="Downloads").click()
        link = page.wait_for_selector('#downloads a[download="notebook.ipynb"]', timeout=30_000)
        with page.expect_download(timeout=15_000) as info:
            link.click()
        target = artifacts / "downloaded-notebook.ipynb"
        info.value.save_as(str(target))
        nb = nbformat.read(str(target), as_version=4)
        assert any("load_collection" in c.source for c in nb.cells if c.cell_type == "code")
        assert not page.blocked or all("tile" in u for u in page.blocked), page.blocked[:5]
    finally:
        context.close()
