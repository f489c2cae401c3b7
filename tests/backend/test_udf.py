"""Python UDFs: run in the jail (never in the server), the openeo UDF API, clear errors, attacks.

The benign UDFs (smoothing with scipy, a time-series anomaly, a DataArray UDF, a UdfData UDF)
give the numbers an in-process numpy computation gives; failing UDFs report their own
traceback lines; hostile UDFs (files, network, the parent's environment, processes, floods,
endless loops, memory) are refused or cut at their limits; and run_udf works end to end over
HTTP with the real openeo client, listed on GET /udf_runtimes.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import numpy as np
import openeo
import pandas as pd
import pytest
import rasterio
import xarray as xr
from scipy.ndimage import uniform_filter

from backend.errors import InvalidRuntime, InvalidVersion, OpenEOApiError, UdfError
from backend.udf.runner import run_udf_on_array

SECRET = "sk-test-UDF-CANARY-SECRET-5151"


@pytest.fixture(autouse=True)
def secrets_in_parent(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENEO_BACKEND_PASSWORD"):
        monkeypatch.setenv(name, SECRET)


@pytest.fixture(scope="module")
def cube() -> xr.DataArray:
    rng = np.random.default_rng(7)
    return xr.DataArray(
        rng.random((4, 2, 24, 32)).astype("float32"), dims=["t", "bands", "y", "x"], name="reflectance",
        coords={"t": pd.date_range("2023-06-01", periods=4, freq="5D"), "bands": ["B04", "B08"],
                "y": np.arange(50.0, 50.0 - 24 * 0.001, -0.001)[:24], "x": np.arange(4.0, 4.0 + 32 * 0.001, 0.001)[:32],
                "spatial_ref": 0},
        attrs={"crs": "EPSG:4326"},
    )


def udf(code: str, data: xr.DataArray, **kw) -> xr.DataArray:
    return run_udf_on_array(data, code, context=kw.pop("context", {}), timeout_s=kw.pop("timeout_s", 30),
                            memory_mb=kw.pop("memory_mb", 512), **kw)


SMOOTH = '''
from scipy.ndimage import uniform_filter
from openeo.udf import XarrayDataCube

def apply_datacube(cube: XarrayDataCube, context: dict) -> XarrayDataCube:
    array = cube.get_array()
    size = context["size"]
    return XarrayDataCube(array.copy(data=uniform_filter(array.values, size=(1, 1, size, size), mode="nearest")))
'''


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_smoothing_udf_equals_numpy(cube, warm, monkeypatch):
    import backend.udf.runner as runner

    if warm:
        runner.prestart(wait=True)  # (no warm worker where the jail has no pid namespace: then cold)
    else:
        monkeypatch.setattr(runner, "_worker", None)
    result = udf(SMOOTH, cube, context={"size": 3})
    expected = uniform_filter(cube.values, size=(1, 1, 3, 3), mode="nearest")
    np.testing.assert_allclose(result.values, expected, rtol=1e-6)
    assert result.dims == cube.dims and list(result.coords["bands"].values) == ["B04", "B08"]
    assert (result.coords["t"].values == cube.coords["t"].values).all()
    assert "spatial_ref" in result.coords and result.attrs["crs"] == "EPSG:4326"


DOUBLE = "import xarray\ndef apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:\n    return cube * 2\n"


@pytest.mark.slow
def test_chunked_udf_from_a_cold_start_runs_warm(cube, monkeypatch):
    """Chunks that reach the UDF runner together before its worker runs wait for the worker's
    start and for each other (a warm run takes milliseconds) instead of each starting a cold jail."""
    from concurrent.futures import ThreadPoolExecutor

    import backend.jail.cold as cold
    import backend.udf.runner as runner
    from backend.jail import WarmWorker, detect

    if not detect().full_jail:
        pytest.skip("no warm worker where the jail has no pid namespace")
    worker, colds, real_cold = WarmWorker(runner.ENTRY), [], cold.run_once
    monkeypatch.setattr(runner, "_worker", worker)
    monkeypatch.setattr(cold, "run_once", lambda *a, **k: colds.append(1) or real_cold(*a, **k))
    chunks = [cube.isel(x=slice(i * 8, (i + 1) * 8)) for i in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda c: udf(DOUBLE, c), chunks))
    finally:
        worker.close()
    for chunk, result in zip(chunks, results, strict=True):
        np.testing.assert_allclose(result.values, chunk.values * 2)
    assert not colds and worker.runs == 4, (len(colds), worker.runs, worker.last_error)


def test_timeseries_udf_gets_pandas_series_per_pixel(cube):
    code = '''
import pandas as pd
def apply_timeseries(series: pd.Series, context: dict) -> pd.Series:
    assert isinstance(series.index, pd.DatetimeIndex)
    return series - series.mean()
'''
    result = udf(code, cube)
    np.testing.assert_allclose(result.values, cube.values - cube.values.mean(axis=0, keepdims=True), rtol=1e-5, atol=1e-6)


def test_data_array_and_udf_data_signatures(cube):
    as_array = udf("import xarray\ndef apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:\n"
                   "    return cube.sel(bands=['B08']) * 2\n", cube)
    assert as_array.sizes["bands"] == 1 and np.allclose(as_array.values, cube.sel(bands=["B08"]).values * 2)
    generic = udf("from openeo.udf import UdfData, XarrayDataCube\ndef transform(data: UdfData):\n"
                  "    c = data.get_datacube_list()[0].get_array()\n    data.set_datacube_list([XarrayDataCube(c.max(dim='t'))])\n", cube)
    assert generic.dims == ("bands", "y", "x") and np.allclose(generic.values, cube.values.max(axis=0))


METADATA = """
import xarray
from openeo.metadata import CollectionMetadata
from openeo.udf import XarrayDataCube

def apply_metadata(metadata: CollectionMetadata, context: dict) -> CollectionMetadata:
    return metadata.rename_labels("bands", ["ndvi"])

def apply_datacube(cube: XarrayDataCube, context: dict) -> XarrayDataCube:
    a = cube.get_array()
    red, nir = a.sel(bands="B04", drop=True), a.sel(bands="B08", drop=True)
    return XarrayDataCube(((nir - red) / (nir + red)).expand_dims("bands", axis=1))
"""


def test_apply_metadata_names_the_result_bands(cube):
    result = udf(METADATA, cube)
    assert list(result.coords["bands"].values) == ["ndvi"]
    red, nir = cube.sel(bands="B04").values, cube.sel(bands="B08").values
    np.testing.assert_allclose(result.values[:, 0], (nir - red) / (nir + red), rtol=1e-5)


def test_udf_errors_quote_the_udfs_own_traceback(cube):
    code = "def ratio(a, b):\n    return a / b\n\ndef apply_datacube(cube, context):\n    return ratio(1, 0)\n"
    with pytest.raises(UdfError) as info:
        udf(code, cube)
    message = info.value.message
    assert "ZeroDivisionError" in message and "line 5, in apply_datacube: return ratio(1, 0)" in message
    assert "line 2, in ratio: return a / b" in message and "zygote" not in message and "Traceback" not in message


@pytest.mark.parametrize("code,text", [
    ("def something(x):\n    return x\n", "defines none of apply_datacube"),
    ("def apply_datacube(cube, context):\n    return 42\n", "must return an XarrayDataCube or an xarray.DataArray"),
    ("def apply_datacube(cube, context):\n    return cube.get_array().astype(str)\n", "numbers or booleans"),
    ("def apply_vectorcube(geometries, cube, context):\n    return geometries, cube\n", "needs a vector cube"),
    ("def apply_datacube(:\n    pass\n", "SyntaxError"),
])
def test_unusable_udfs_get_a_clear_sentence(cube, code, text):
    with pytest.raises(UdfError) as info:
        udf(code, cube)
    assert text in info.value.message


def test_runtime_and_version_are_checked(cube):
    with pytest.raises(InvalidRuntime):
        udf(SMOOTH, cube, runtime="R")
    with pytest.raises(InvalidVersion):
        udf(SMOOTH, cube, version="2.7")
    assert udf("def apply_datacube(cube, context):\n    return cube\n", cube, version="3").shape == cube.shape


# -- attacks -----------------------------------------------------------------------------------

@pytest.fixture
def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.1)
    yield server
    server.close()


def _attack(cube, body: str, **kw) -> str:
    code = "def apply_datacube(cube, context):\n" + "".join(f"    {line}\n" for line in body.splitlines()) + "    return cube\n"
    with pytest.raises(OpenEOApiError) as info:
        udf(code, cube, **kw)
    assert SECRET not in info.value.message
    return info.value.message


@pytest.mark.security
@pytest.mark.parametrize("body,text", [
    ("open('/etc/passwd').read()", "Reading files is not allowed"),
    ("import os\nraise ValueError(str(dict(os.environ)))", "ValueError"),
    ("import os\nraise ValueError(open(f'/proc/{os.getppid()}/environ').read())", "not allowed"),
    ("import os\nos.system('id')", "not allowed"),
    ("import subprocess\nsubprocess.run(['id'])", "not allowed"),
    ("import os\nos.fork()", "not allowed"),
    ("import ctypes\nctypes.CDLL(None).system(b'id')", "not allowed"),
])
def test_hostile_udfs_are_refused(cube, body, text):
    assert text in _attack(cube, body)


@pytest.mark.security
def test_hostile_udf_cannot_reach_the_network_or_the_canary(cube, listener, tmp_path):
    canary = tmp_path / "canary.txt"
    canary.write_text("untouched")
    os.chmod(tmp_path, 0o777), os.chmod(canary, 0o666)
    port = listener.getsockname()[1]
    message = _attack(cube, f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)")
    assert "not allowed" in message
    _attack(cube, f"open({str(canary)!r}, 'w').write('x')")
    with pytest.raises(OSError):
        listener.accept()
    assert canary.read_text() == "untouched"


@pytest.mark.security
def test_udf_limits_end_loops_allocations_and_floods(cube):
    start = time.monotonic()
    assert "ran longer than" in _attack(cube, "while True:\n    pass", timeout_s=2)
    assert time.monotonic() - start < 10
    assert "memory" in _attack(cube, "x = bytearray(4 * 1024 ** 3)", memory_mb=256)
    assert "larger than" in _attack(cube, "import os\nos.write(1, b'x' * 200_000_000)", memory_mb=1024)
    small = cube.isel(t=[0], bands=[0], y=[0], x=[0])
    with pytest.raises(UdfError) as info:
        udf("import numpy\ndef apply_datacube(cube, context):\n    return cube.get_array().expand_dims(k=20000000).copy()\n", small,
            memory_mb=1024)
    assert "larger than" in info.value.message or "memory" in info.value.message


# -- over HTTP with the real openeo client --------------------------------------------------------

def test_udf_runtimes_are_listed(backend_url):
    con = openeo.connect(backend_url)
    runtimes = con.list_udf_runtimes()
    python = runtimes["Python"]
    assert python["type"] == "language" and python["default"] == "3"
    libraries = python["versions"]["3"]["libraries"]
    assert {"numpy", "xarray", "scipy", "pandas"} <= set(libraries) and all(v["version"] for v in libraries.values())


def test_run_udf_end_to_end(backend_url, tmp_path, real_data_dir):
    from openeo.rest.datacube import THIS

    con = openeo.connect(backend_url)
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent={"west": 11.30, "south": 46.47, "east": 11.34, "north": 46.49},
                               temporal_extent=["2022-06-01", "2022-07-01"], bands=["B04", "B08"])
    ndvi = cube.ndvi(nir="B08", red="B04").reduce_dimension("t", reducer="median")
    code = "from openeo.udf import XarrayDataCube\ndef apply_datacube(cube: XarrayDataCube, context: dict) -> XarrayDataCube:\n" \
           "    return XarrayDataCube(cube.get_array() * context['factor'])\n"
    scaled = ndvi.process("run_udf", data=THIS, udf=code, runtime="Python", context={"factor": 2})
    assert con.validate_process_graph(scaled) == []
    plain, doubled = tmp_path / "plain.tif", tmp_path / "doubled.tif"
    ndvi.download(plain)
    scaled.download(doubled)
    with rasterio.open(plain) as a, rasterio.open(doubled) as b:
        assert a.crs == b.crs and a.transform == b.transform
        np.testing.assert_allclose(b.read(), a.read() * 2, rtol=1e-5, equal_nan=True)
    failing = ndvi.process("run_udf", data=THIS, udf="def apply_datacube(cube, context):\n    return missing_name\n", runtime="Python")
    with pytest.raises(openeo.rest.OpenEoApiError) as info:
        failing.download(tmp_path / "x.tif")
    assert info.value.code == "UdfError" and "NameError" in info.value.message and "line 2, in apply_datacube" in info.value.message


def test_udf_never_runs_in_the_server_process(cube):
    """The UDF sees its own process: not the server's pid, not its uid, not its open files."""
    code = "import os\ndef apply_datacube(cube, context):\n    raise RuntimeError(f'pid={os.getpid()} uid={os.getuid()} fds={len(os.listdir(\"/proc/self/fd\"))}')\n"
    with pytest.raises(UdfError) as info:
        udf(code, cube)
    assert f"pid={os.getpid()} " not in info.value.message
    if os.geteuid() == 0:
        assert "uid=0 " not in info.value.message


def test_no_state_passes_between_udf_calls(cube):
    first = "import numpy\nnumpy.LEFT_BEHIND = 1\ndef apply_datacube(cube, context):\n    return cube\n"
    second = "import numpy\ndef apply_datacube(cube, context):\n    assert not hasattr(numpy, 'LEFT_BEHIND')\n    return cube\n"
    udf(first, cube)
    assert udf(second, cube).shape == cube.shape


def test_result_arrays_are_never_unpickled():
    from backend.udf.jailed import codec

    import io
    import pickle

    body = io.BytesIO()
    np.save(body, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    forged = b'{"ok": true, "dims": ["x"], "coords": {}, "npy_bytes": %d}\n' % len(body.getvalue()) + body.getvalue()
    with pytest.raises(codec.CodecError):
        codec.decode(forged)
    with pytest.raises(codec.CodecError):
        codec.decode(b'{"npy_bytes": 5}\n' + pickle.dumps(1)[:5])
    assert Path(codec.__file__).read_text().count("allow_pickle=False") >= 2
