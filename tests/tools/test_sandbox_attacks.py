"""Attacks on the sandbox: each is refused by the syntax-tree check, and — with that layer
switched off — still contained by the process, the audit guard and the snapshot transport.
A canary file outside the run folder stays untouched, a local HTTP server sees no request,
a fake OPENAI_API_KEY never appears in any output, and the benign twin of each attack works.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from snapshot_data import BENIGN, SNAPSHOT
from tools.sandbox import run_in_sandbox

SECRET = "sk-test-CANARY-SECRET-4242"
PRELUDE = (
    'import openeo\n'
    'connection = openeo.connect("https://openeo.dataspace.copernicus.eu")\n'
    'cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.6, "south": 50.8, '
    '"east": 4.8, "north": 50.9}, temporal_extent=["2024-06-01", "2024-07-01"], bands=["B04", "B08"])\n'
)


@pytest.fixture(autouse=True)
def secret_env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("OPENEO_AUTH_TOKEN", SECRET)


@pytest.fixture
def canary(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("outside") / "canary.txt"
    p.write_text("untouched")
    return p


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"pwned")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fill(template: str, canary: Path, url: str) -> str:
    return template.replace("{canary}", str(canary)).replace("{url}", url).replace("{port}", url.rsplit(":", 1)[1])


def run(code: str, **kw):
    return run_in_sandbox(code, SNAPSHOT, timeout_s=kw.pop("timeout_s", 15), **kw)


def assert_contained(result, canary: Path | None = None):
    assert result.error is not None, f"attack was not stopped: {result}"
    text = result.model_dump_json()
    assert SECRET not in text
    assert "pwned" not in text
    if canary is not None:
        assert canary.read_text() == "untouched"
    assert _Recorder.hits == []


# (name, attack code, rule the syntax tree reports); {canary}, {url} and {port} are filled in
ATTACKS = [
    ("read-file", "print(open('/etc/hostname').read())", "builtin"),
    ("write-file", "open('{canary}', 'w').write('x')", "builtin"),
    ("socket", "import socket\nsocket.create_connection(('127.0.0.1', {port}))", "import"),
    ("http-requests", "import requests\nprint(requests.get('{url}').text)", "import"),
    ("http-urllib", "import urllib.request\nurllib.request.urlopen('{url}')", "import"),
    ("client-session", PRELUDE + "print(connection.session.get('{url}').text)", "attribute"),
    ("client-module-requests", PRELUDE + "print(openeo.rest.connection.requests.get('{url}').text)", "attribute"),
    ("subprocess", "import subprocess\nsubprocess.run(['sh', '-c', 'echo x > {canary}'])", "import"),
    ("os-system", "import os\nos.system('echo x > {canary}')", "import"),
    ("os-environ", "import os\nprint(dict(os.environ))", "import"),
    ("sys-modules", "import sys\nprint(sys.modules['os'].environ)", "import"),
    ("ctypes", "import ctypes\nctypes.CDLL(None).system(b'echo x > {canary}')", "import"),
    ("importlib", "import importlib\nimportlib.import_module('os').system('echo x > {canary}')", "import"),
    ("dunder-import", "__import__('os').system('echo x > {canary}')", "dunder"),
    ("dunder-chain", "print([c for c in ().__class__.__base__.__subclasses__() if 'wrap' in c.__name__])", "dunder"),
    ("format-string", PRELUDE + "print('{0.__class__.__init__.__globals__}'.format(cube))", "format-string"),
    ("format-variable", PRELUDE + "s = '{0.connection.session}'\nprint(s.format(cube))", "format-string"),
    ("function-globals", "import openeo\nprint(openeo.connect.__globals__['os'].environ)", "dunder"),
    ("getattr", "import openeo\ng = getattr(openeo.connect, '__glo' + 'bals__')\ng['os'].system('echo x > {canary}')", "builtin"),
    ("eval", "eval(\"__import__('os').system('echo x > {canary}')\")", "builtin"),
    ("exec", "exec('import os')", "builtin"),
    ("private-attr", PRELUDE + "print(cube._connection._get_auth_config())", "underscore"),
    ("frame-walk", "def f():\n    pass\nprint(f.__code__)", "dunder"),
    ("class-def", "class A:\n    pass", "class"),
]


@pytest.mark.parametrize("name,attack,rule", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attack_refused_by_syntax_tree(name, attack, rule, canary, listener):
    code = fill(attack, canary, listener)
    result = run(code)
    assert result.error is not None and result.error.kind == "refused", result
    assert result.error.rule == rule
    assert result.error.line is not None
    assert_contained(result, canary)


# The same intents with the syntax-tree layer OFF: the child's guards must hold on their own.
# `openeo.connect.__globals__` hands the attacker the child's own module globals (os, builtins,
# requests), the strongest foothold the code could get past the first layer.
G = "import openeo\ng = openeo.connect.__globals__\n"
RUNTIME_ATTACKS = [
    ("rt-write-canary", G + "g['builtins'].open('{canary}', 'w').write('x')"),
    ("rt-read-file", G + "print(g['builtins'].open('/etc/hostname').read())"),
    ("rt-os-system", G + "g['os'].system('echo x > {canary}')"),
    ("rt-subprocess", G + "g['os'].posix_spawn('/bin/sh', ['sh', '-c', 'echo x > {canary}'], {})"),
    ("rt-fork", G + "g['os'].fork()"),
    ("rt-remove", G + "g['os'].remove('{canary}')"),
    ("rt-requests", G + "print(g['requests'].get('{url}').text)"),
    ("rt-socket", G + "s = g['requests'].adapters.socket\nprint(s.create_connection(('127.0.0.1', {port})))"),
    ("rt-client-session", PRELUDE + "print(connection.session.get('{url}').text)"),
    ("rt-client-new-adapter", PRELUDE + G + "connection.session.adapters['http://'] = g['requests'].adapters.HTTPAdapter()\nprint(connection.session.get('{url}').text)"),
    ("rt-import-os", "import os\nos.system('echo x > {canary}')"),
    ("rt-ctypes", G + "g['builtins'].__import__('ctypes').CDLL(None).system(b'echo x > {canary}')"),
    ("rt-env", G + "print(dict(g['os'].environ))\nraise RuntimeError('done')"),
    ("rt-module-requests", PRELUDE + "print(openeo.rest.connection.requests.get('{url}'))"),
]


NETWORK = {"rt-requests", "rt-socket", "rt-client-session", "rt-client-new-adapter", "rt-module-requests"}
CASES = [(n, a, False) for n, a in RUNTIME_ATTACKS] + [(n, a, True) for n, a in RUNTIME_ATTACKS if n in NETWORK]


# Every attack without OS isolation (the inner layers alone must hold); the network ones also
# with it (an empty network namespace only changes what the network can reach).
@pytest.mark.parametrize("name,attack,os_isolation", CASES, ids=[f"{n}-{'os' if o else 'no-os'}" for n, _, o in CASES])
def test_attack_contained_at_runtime(name, attack, os_isolation, canary, listener):
    code = fill(attack, canary, listener)
    result = run(code, check_syntax_tree=False, os_isolation=os_isolation)
    assert_contained(result, canary)


def test_format_string_reaching_globals_finds_no_secret():
    """Past the syntax tree, a format string can read attributes; all it can reach is the scrubbed environment."""
    result = run("import openeo\nprint('{0.__globals__[os].environ}'.format(openeo.connect))", check_syntax_tree=False)
    assert "HOME" in result.stdout_tail and SECRET not in result.model_dump_json()
    assert "OPENAI_API_KEY" not in result.stdout_tail


def test_environment_is_scrubbed():
    result = run(G + "print(sorted(g['os'].environ))", check_syntax_tree=False)
    assert result.error is None
    assert "OPENAI_API_KEY" not in result.stdout_tail and "OPENEO_AUTH_TOKEN" not in result.stdout_tail
    assert "HOME" in result.stdout_tail  # the scrubbed environment, not an empty print


def test_memory_exhaustion_contained():
    result = run("x = bytearray(3 * 1024 * 1024 * 1024)\nprint(len(x))", memory_mb=512)
    assert result.error is not None and result.error.code == "SandboxMemoryLimit"


def test_cpu_exhaustion_contained():
    result = run("n = 0\nwhile True:\n    n += 1", timeout_s=2)
    assert result.error is not None and result.error.code == "SandboxTimeout"
    assert result.duration_s < 10


@pytest.mark.parametrize(
    "code,rule",
    [("x = " + "a." * 20000 + "b", "complexity"), ("x = " + "-" * 49000 + "1", "complexity"),
     ("x = 1\n" * 20000, "size"), ("x = " + "[" * 500 + "]" * 500, "syntax"), ("a\x00b", "syntax")],
    ids=["deep-attribute-chain", "deep-unary", "huge-code", "nested-brackets", "null-byte"],
)
def test_parser_bombs_are_refused_quickly(code, rule):
    result = run(code)
    assert result.error is not None and result.error.rule == rule
    assert result.duration_s < 5


def test_graph_flood_is_bounded():
    deep = run(PRELUDE + "for i in range(20000):\n    cube = cube.apply(lambda x: x + 1)\ncube.download('x.tif')", timeout_s=60)
    assert deep.error is not None and deep.graphs == []  # the client itself gives up (RecursionError)
    big = run(PRELUDE + "cube.save_result(format='GTiff', options={'pad': 'x' * 6000000}).download('x.tif')")
    assert big.error is not None and big.error.code == "GraphTooLarge" and big.graphs == []


def test_output_flood_is_bounded():
    result = run("for i in range(200000):\n    print('spam' * 10)")
    assert result.error is None
    assert len(result.stdout_tail) <= 2000


# Benign twins: what each attack pretends to need, done the allowed way.
BENIGN_TWINS = [
    ("json-not-file", "import json\nprint(json.dumps({'a': 1}))", "{\"a\": 1}"),
    ("format-plain", "print('{} and {:.2f}'.format('x', 3.14159))", "x and 3.14"),
    ("fstring", "x = 3\nprint(f'{x * 2}')", "6"),
    ("math-datetime", "import math, datetime\nprint(math.floor(2.7), datetime.date(2024, 7, 1) - datetime.timedelta(days=30))", "2 2024-06-01"),
    ("from-openeo", "from openeo.processes import array_element, ndvi\nprint(callable(ndvi))", "True"),
    ("client-metadata", PRELUDE + "print(connection.list_collection_ids())", "SENTINEL1_GRD"),
    ("client-describe", PRELUDE + "print(connection.describe_collection('SENTINEL1_GRD')['title'])", "Sentinel-1 GRD"),
    ("functions", "def scale(v):\n    return v * 2\nprint(scale(21))", "42"),
    ("small-loop", "print(sum(i for i in range(100000)))", "4999950000"),
    ("small-memory", "x = [0] * 1000000\nprint(len(x))", "1000000"),
    ("main-guard", "def main():\n    print('ran')\n\nif __name__ == '__main__':\n    main()", "ran"),
    ("import-as", "import openeo.processes as eop\nfrom openeo import DataCube\nprint(callable(eop.ndvi), callable(DataCube.ndvi))", "True True"),
]


@pytest.mark.parametrize("name,code,expected", BENIGN_TWINS, ids=[b[0] for b in BENIGN_TWINS])
def test_benign_twin_works(name, code, expected):
    result = run(code)
    assert result.error is None, result.error
    assert expected in result.stdout_tail


def test_benign_script_builds_graph_and_captures_download():
    result = run(BENIGN)
    assert result.error is None, result.error
    assert result.graphs and result.graphs[-1].outputfile == "ndvi.tif"
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
    result = run(PRELUDE + run_call)
    assert result.error is None, result.error
    assert result.graphs[-1].via == via
    assert any(n["process_id"] == "load_collection" for n in result.last_graph.values())


def test_os_isolation_layer_is_used_where_available():
    from tools.sandbox.isolation import detect

    iso = detect()
    result = run("print('hi')")
    assert result.error is None and "hi" in result.stdout_tail
    assert {"ast", "process", "rlimits", "scrubbed-env", "audit-hook", "snapshot-network"} <= set(result.isolation)
    if iso.name == "none":
        pytest.skip("no bubblewrap or unshare on this machine: the OS layer falls back to none")
    assert iso.name in result.isolation


def test_os_layer_alone_blocks_writes_and_network(canary, listener):
    """The OS wrapper by itself (no audit guard, plain python): no file writes under bubblewrap,
    no route to the parent's loopback in the empty network namespace."""
    import subprocess
    import sys

    from tools.sandbox.isolation import detect

    iso = detect()
    if iso.name == "none":
        pytest.skip("no bubblewrap or unshare on this machine")
    net = f"import urllib.request as u\nu.urlopen('{listener}', timeout=3)"
    assert subprocess.run(iso.prefix + [sys.executable, "-c", net], capture_output=True, timeout=30).returncode != 0
    assert _Recorder.hits == []
    if iso.name == "bwrap":
        write = f"open('{canary}', 'w').write('x')"
        assert subprocess.run(iso.prefix + [sys.executable, "-c", write], capture_output=True, timeout=30).returncode != 0
        assert canary.read_text() == "untouched"


def test_a_checkout_or_venv_under_tmp_stays_readable_in_the_jail(tmp_path):
    """bwrap gives the child a private /tmp; an interpreter or project living there is bound back
    read-only (CI may clone into /tmp), and only the outermost such folder is bound."""
    from tools.sandbox.isolation import under_tmp

    venv = tmp_path / "repo" / ".venv"
    (venv / "lib").mkdir(parents=True)
    got = under_tmp([str(venv), str(venv / "lib"), str(tmp_path / "repo"), "/usr/lib", "/tmp/does-not-exist"])
    assert got == [str(tmp_path / "repo")]
