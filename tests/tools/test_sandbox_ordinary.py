"""Ordinary code runs to its end in the sandbox: the benign twin of each attack, what real openEO
scripts do every day (pathlib, numpy and scipy kernels, dataclasses, import *, strftime, print,
helper functions, loops), spectral indices through the formula evaluator, and notebook-style
use of the captured job API (jobs, logs, results, assets, UDPs, several graphs per script)."""

from __future__ import annotations

import pytest

from snapshot_data import BENIGN, SNAPSHOT
from tools.sandbox import run_in_sandbox, sandbox_isolation

PRELUDE = (
    'import openeo\n'
    'connection = openeo.connect("https://openeo.dataspace.copernicus.eu")\n'
    'cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.6, "south": 50.8, '
    '"east": 4.8, "north": 50.9}, temporal_extent=["2024-06-01", "2024-07-01"], bands=["B04", "B08"])\n'
)


def run(code: str, **kw):
    return run_in_sandbox(code, SNAPSHOT, timeout_s=kw.pop("timeout_s", 20), **kw)


def ok(code: str, **kw):
    result = run(code, **kw)
    assert result.error is None, result.error
    return result


# Benign twins: what each attack pretends to need, done the allowed way.
BENIGN_TWINS = [
    ("json-not-file", "import json\nprint(json.dumps({'a': 1}))", "{\"a\": 1}"),
    ("format-plain", "print('{} and {:.2f}'.format('x', 3.14159))", "x and 3.14"),
    ("fstring", "x = 3\nprint(f'{x * 2}')", "6"),
    ("strftime", "import datetime as dt\nday = dt.date(2023, 6, 1)\nprint(f'{day:%Y-%m-%d}', dt.datetime.strptime('2023-06-30', '%Y-%m-%d').date())", "2023-06-01 2023-06-30"),
    ("math-datetime", "import math, datetime\nprint(math.floor(2.7), datetime.date(2024, 7, 1) - datetime.timedelta(days=30))", "2 2024-06-01"),
    ("from-openeo", "from openeo.processes import array_element, ndvi\nprint(callable(ndvi))", "True"),
    ("import-star", "from openeo.processes import *\nprint(callable(ndvi), callable(array_element))", "True True"),
    ("client-metadata", PRELUDE + "print(connection.list_collection_ids())", "SENTINEL1_GRD"),
    ("client-describe", PRELUDE + "print(connection.describe_collection('SENTINEL1_GRD')['title'])", "Sentinel-1 GRD"),
    ("functions", "def scale(v):\n    return v * 2\nprint(scale(21))", "42"),
    ("small-loop", "print(sum(i for i in range(100000)))", "4999950000"),
    ("small-memory", "x = [0] * 1000000\nprint(len(x))", "1000000"),
    ("main-guard", "def main():\n    print('ran')\n\nif __name__ == '__main__':\n    main()", "ran"),
    ("import-as", "import openeo.processes as eop\nfrom openeo import DataCube\nprint(callable(eop.ndvi), callable(DataCube.ndvi))", "True True"),
    ("pathlib-scratch", "from pathlib import Path\nout = Path('results')\nout.mkdir(parents=True, exist_ok=True)\n"
                        "(out / 'a.json').write_text('{}')\nprint(sorted(p.name for p in out.iterdir()), Path(__file__).name)", "['a.json'] code.py"),
    ("numpy-kernel", "import numpy as np\nk = np.outer(np.hanning(5), np.hanning(5))\nprint(round(float((k / k.sum()).sum()), 6), np.linalg.norm([3, 4]))", "1.0 5.0"),
    ("scipy-kernel", "import scipy.signal\nw = scipy.signal.windows.gaussian(5, std=1)\nprint(len(w), round(float(w.max()), 3))", "5 1.0"),
    ("collections-itertools", "from collections import Counter, defaultdict, OrderedDict\nimport itertools, functools\n"
                              "print(Counter('aab')['a'], list(itertools.pairwise([1, 2, 3])), functools.reduce(lambda a, b: a * b, [2, 3]))", "2 [(1, 2), (2, 3)] 6"),
    ("re-typing", "import re\nfrom typing import Optional\ndef f(x: Optional[int] = None) -> str:\n    return re.sub('a', 'b', 'aa')\nprint(f())", "bb"),
    ("dataclass", "from __future__ import annotations\nfrom dataclasses import dataclass, field\n@dataclass\nclass Area:\n"
                  "    west: float\n    east: float\n    tags: list = field(default_factory=list)\n    def width(self) -> float:\n"
                  "        return self.east - self.west\nprint(Area(1.0, 3.5).width())", "2.5"),
    ("logging-warnings", "import logging, warnings\nlogging.basicConfig(level=logging.INFO)\nwarnings.filterwarnings('ignore')\n"
                         "logging.getLogger('x').info('hello log')", "hello log"),
    ("time-sleep", "import time\ntime.sleep(0.01)\nprint('slept')", "slept"),
]


@pytest.mark.parametrize("name,code,expected", BENIGN_TWINS, ids=[b[0] for b in BENIGN_TWINS])
def test_benign_twin_works(name, code, expected):
    assert expected in ok(code).stdout_tail


def test_benign_script_builds_graph_and_captures_download():
    result = ok(BENIGN)
    assert result.graphs and result.graphs[-1].outputfile == "ndvi.tif" and result.graphs[-1].format == "GTiff"
    pids = {n["process_id"] for n in result.last_graph.values()}
    assert {"load_collection", "ndvi", "mask", "reduce_dimension", "save_result"} <= pids
    assert "built 2 collections" in result.stdout_tail


@pytest.mark.parametrize(
    "run_call,via",
    [
        ("print(cube.execute())", "download"),
        ("job = cube.execute_batch('out.nc', out_format='netCDF')", "create_job"),
        ("job = cube.create_job(out_format='GTiff')\njob.start_and_wait()\njob.get_results().download_files('out')", "create_job"),
    ],
)
def test_run_calls_are_captured_not_run(run_call, via):
    result = ok(PRELUDE + run_call)
    assert result.graphs[-1].via == via
    assert any(n["process_id"] == "load_collection" for n in result.last_graph.values())


SPECTRAL = PRELUDE.replace('bands=["B04", "B08"]', 'bands=["B02", "B03", "B04", "B08"]') + (
    "from openeo.extra.spectral_indices import compute_indices, append_indices, compute_and_rescale_indices\n"
    "compute_indices(cube, ['NDVI', 'EVI', 'SAVI']).download('indices.nc')\n"
    "append_indices(cube, ['NDWI']).download('appended.nc')\n"
    "compute_and_rescale_indices(cube, {'collection': {'input_range': [0, 8000], 'output_range': [0, 250]},\n"
    "    'indices': {'NDVI': {'input_range': [-1, 1], 'output_range': [0, 250]}}}).download('rescaled.nc')\n"
    "compute_indices(cube, ['ANIR'], variable_map={'N': 'B08', 'R': 'B04', 'S1': 'B03'}).download('anir.nc')\n"
)


def _processes(graph: dict) -> set[str]:
    from tools.sandbox.graph import iter_nodes

    return {n["process_id"] for n in iter_nodes(graph)}


def test_spectral_indices_work_through_the_formula_evaluator():
    result = ok(SPECTRAL)
    assert [g.outputfile for g in result.graphs] == ["indices.nc", "appended.nc", "rescaled.nc", "anir.nc"]
    indices, appended, rescaled, anir = (g.process_graph for g in result.graphs)
    assert {"apply_dimension", "array_element", "subtract", "add", "divide", "array_create", "rename_labels"} <= _processes(indices)
    assert "array_modify" in _processes(appended)
    assert "linear_scale_range" in _processes(rescaled)
    assert {"arccos", "sqrt", "clip"} <= _processes(anir)  # the formula's np.* calls and exec-prefix, understood


def test_formula_evaluator_matches_the_library_on_every_bundled_index():
    """Each bundled formula, evaluated with numbers, gives what Python's own eval gives."""
    import math

    from openeo.extra.spectral_indices.spectral_indices import load_constants, load_indices

    from tools.sandbox.jailed.formula import evaluate

    import numpy as np

    functions = {"sqrt": np.sqrt, "arctan": np.arctan, "arccos": np.arccos, "clip": np.clip}
    names = {name for spec in load_indices().values() for name in __import__("re").findall(r"[A-Za-z_][A-Za-z0-9_]*", spec["formula"])}
    names -= {"exec", "np", "clip", "sqrt", "arctan", "arccos", "pi", "import", "numpy", "as", "from", "openeo", "processes", "or"}
    values = {n: np.float64(v) for n, v in {**{n: 0.3 + (sum(map(ord, n)) % 7) / 20 for n in names}, **load_constants()}.items()}
    checked = 0
    for index, spec in load_indices().items():
        with np.errstate(all="ignore"):
            ours = evaluate(spec["formula"], values, functions)
            env = {**values, "np": np, "clip": np.clip, "__builtins__": {"exec": lambda *a: None}}
            theirs = eval(spec["formula"], env)  # noqa: S307 - the reference, in the test only
        assert (ours != ours and theirs != theirs) or ours == theirs or math.isclose(float(ours), float(theirs), rel_tol=1e-9, abs_tol=1e-12), index
        checked += 1
    assert checked >= 200


NOTEBOOK = PRELUDE + '''
from pathlib import Path
from openeo.api.process import Parameter

out = Path("results")
out.mkdir(exist_ok=True)
ndvi = cube.ndvi(nir="B08", red="B04")
ndvi.max_time().download(out / "max.tif")
ndvi.min_time().download(out / "min.nc", format="netCDF")
job = ndvi.mean_time().create_job(title="mean NDVI", out_format="GTiff")
job.start_and_wait()
info = job.describe()
print("describe", sorted(info), info["status"], info["title"])
print("logs", [entry.message for entry in job.logs()])
results = job.get_results()
print("assets", [a.key for a in results.get_assets()], [str(p) for p in results.download_files(out / "mean")])
print("jobs", [j["id"] for j in connection.list_jobs()], connection.job(job.job_id).status())
udp = connection.save_user_defined_process("ndvi_mean", ndvi.mean_time(), parameters=[Parameter.string("name")],
                                           summary="mean NDVI")
print("udp", udp.describe()["id"], [p["id"] for p in connection.list_user_defined_processes()])
from openeo.rest import OpenEoApiError
try:
    connection.job("nope").describe()
except OpenEoApiError as e:
    print("missing job:", e.code)
'''


def test_notebook_style_code_runs_to_its_end():
    result = ok(NOTEBOOK)
    out = result.stdout_tail
    assert "describe ['budget', 'costs', 'created', 'description', 'id', 'plan', 'process', 'progress', 'status', 'title', 'updated'] finished mean NDVI" in out
    assert "logs ['Captured by the openEO Agent sandbox" in out
    assert "assets ['openEO.tif'] ['results/mean/openEO.tif', 'results/mean/job-results.json']" in out
    assert "jobs ['sandbox-job-1'] finished" in out
    assert "udp ndvi_mean ['ndvi_mean']" in out
    assert "missing job: JobNotFound" in out
    graphs = [(g.via, g.outputfile, g.format, g.job_id) for g in result.graphs]
    assert graphs == [("download", "results/max.tif", "GTiff", None), ("download", "results/min.nc", "netCDF", None),
                      ("create_job", "results/mean/openEO.tif", "GTiff", "sandbox-job-1")]
    assert [u.id for u in result.udps] == ["ndvi_mean"] and result.udps[0].summary == "mean NDVI"
    assert any(n["process_id"] == "reduce_dimension" for n in result.udps[0].process_graph.values())


def test_cold_and_warm_runs_give_the_same_result():
    from tools.sandbox import prestart

    ready = prestart(wait=True)
    warm, cold = ok(NOTEBOOK), ok(NOTEBOOK, warm=False)
    assert warm.warm == ready and not cold.warm
    assert [g.model_dump() for g in warm.graphs] == [g.model_dump() for g in cold.graphs]


def test_isolation_in_force_is_reported():
    iso = sandbox_isolation()
    result = ok("print('hi')")
    assert {"ast", "process", "rlimits", "scrubbed-env", "audit-hook", "snapshot-network"} <= set(result.isolation)
    assert result.os_isolation is not None and result.os_isolation.level == iso.level
    if iso.full_jail:
        assert iso.level in result.isolation and result.os_isolation.uid != 0


def test_a_checkout_or_venv_under_tmp_stays_readable_in_the_jail(tmp_path):
    """The jail has its own /tmp; an interpreter or project living there is bound back
    read-only (CI may clone into /tmp), and only the outermost such folder is bound."""
    from tools.sandbox.isolation import under_tmp

    venv = tmp_path / "repo" / ".venv"
    (venv / "lib").mkdir(parents=True)
    got = under_tmp([str(venv), str(venv / "lib"), str(tmp_path / "repo"), "/usr/lib", "/tmp/does-not-exist"])
    assert got == [str(tmp_path / "repo")]


def test_the_run_folders_place_files_are_read_by_their_relative_path():
    """find_place(parts=true) writes places/<name>-parts.geojson; the script reads it as it would in
    the run folder, and the graph carries the geometries inline (tools/place_files.py)."""
    parts = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},' \
            '"geometry":{"type":"Polygon","coordinates":[[[4.6,50.8],[4.7,50.8],[4.7,50.9],[4.6,50.8]]]}}]}'
    code = PRELUDE + ('import json\nfrom pathlib import Path\n'
                      'parts = json.loads(Path("places/a-parts.geojson").read_text())\n'
                      'cube.aggregate_spatial(geometries=parts, reducer="mean").download("a.csv")\n')
    result = ok(code, files={"places/a-parts.geojson": parts, "../escape.geojson": "{}", "/etc/x.geojson": "{}",
                             "places/../../x.geojson": "{}", "code.py": "print('replaced')"})
    node = next(n for n in result.graphs[-1].process_graph.values() if n["process_id"] == "aggregate_spatial")
    assert node["arguments"]["geometries"]["features"][0]["properties"]["name"] == "A"
    listed = ok("from pathlib import Path\nprint(sorted(str(p) for p in Path('.').rglob('*')))", files={
        "places/a-parts.geojson": parts, "../escape.geojson": "{}", "places/x.txt": "no"})
    assert listed.stdout_tail.strip() == "['places', 'places/a-parts.geojson']"  # other names are never written
    missing = run(code)
    assert missing.error is not None and missing.error.exception == "FileNotFoundError"
