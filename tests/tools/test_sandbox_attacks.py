"""Attacks on the sandbox for drafted code, against the real runner (jail + child).

Each attack is refused by the syntax-tree check; with that layer switched off it is still
contained by the child's layers inside the jail; the runtime attacks also run with the jail
switched off (tests only) to prove the child's layers on their own. The jail by itself is
proven in tests/backend/test_jail.py. Always: a canary file outside stays untouched, a local
HTTP server sees no request, fake secrets of the parent's environment appear nowhere.
The gadgets the syntax tree cannot see (a planted spectral-index formula, annotation strings,
pickles, the UDF runner, rebinding the audit hook's globals) are refused or harmless.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from snapshot_data import SNAPSHOT
from tools.sandbox import run_in_sandbox

pytestmark = pytest.mark.security

SECRET = "sk-test-CANARY-SECRET-4242"
PRELUDE = (
    'import openeo\n'
    'connection = openeo.connect("https://openeo.dataspace.copernicus.eu")\n'
    'cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.6, "south": 50.8, '
    '"east": 4.8, "north": 50.9}, temporal_extent=["2024-06-01", "2024-07-01"], bands=["B04", "B08"])\n'
)


@pytest.fixture(autouse=True)
def secret_env(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENEO_AUTH_TOKEN", "OPENEO_BACKEND_PASSWORD", "OPENEO_AGENT_BACKEND_PASSWORD"):
        monkeypatch.setenv(name, SECRET)


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
    ("pickle", "import pickle\npickle.loads(b'x')", "import"),
    ("operator-attrgetter", "import operator\noperator.attrgetter('__globals__')", "import"),
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
    ("metaclass", "class A(metaclass=type):\n    pass", "class"),
    ("dunder-method", "class A:\n    def __getattr__(self, name):\n        pass", "dunder"),
    ("udf-runner", "from openeo.udf.run_code import run_udf_code", "import"),
    ("local-execution", "from openeo.local import LocalConnection", "import"),
    ("logging-config", "import logging.config\nlogging.config.fileConfig('x')", "import"),
]


@pytest.mark.parametrize("name,attack,rule", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attack_refused_by_syntax_tree(name, attack, rule, canary, listener):
    code = fill(attack, canary, listener)
    result = run(code)
    assert result.error is not None and result.error.kind == "refused", result
    assert result.error.rule == rule
    assert result.error.line is not None
    assert_contained(result, canary)


# Gadgets that pass the syntax tree: the child refuses them or makes them harmless.
GADGETS = [
    ("spectral-formula-planting", PRELUDE + (
        "from openeo.extra.spectral_indices import compute_indices, load_indices\n"
        "load_indices()['NDVI']['formula'] = \"exec('import os') or __import__('os').system('echo x > {canary}')\"\n"
        "compute_indices(cube, ['NDVI']).download('x.tif')\n"), "CodeError", "FormulaError"),
    ("spectral-formula-builtins", PRELUDE + (
        "from openeo.extra.spectral_indices import compute_and_rescale_indices, load_indices\n"
        "load_indices()['NDVI']['formula'] = \"open('{canary}', 'w').write('x')\"\n"
        "compute_and_rescale_indices(cube, {'collection': {'input_range': None, 'output_range': None}, "
        "'indices': {'NDVI': {'input_range': None, 'output_range': None}}}).download('x.tif')\n"), "CodeError", "FormulaError"),
    ("type-hints-eval", "import typing\ndef f(x: \"__import__('os').system('echo x > {canary}')\"):\n    pass\n"
                        "typing.get_type_hints(f, globalns={})", "module", ""),
    ("forward-ref", "from typing import ForwardRef\nForwardRef(\"__import__('os')\")", "module", ""),
    ("numpy-load-pickle", "import numpy as np\nfrom pathlib import Path\nPath('p.npy').write_bytes(b'x')\n"
                          "np.load('p.npy', allow_pickle=True)", "module", ""),
    ("numpy-load-import", "from numpy import load", "module", ""),
    ("openeo-udf-module", "import openeo\nopeneo.udf.run_udf_code('import os', None)", "module", ""),
    ("path-read-host", "from pathlib import Path\nprint(Path('/proc/self/environ').read_text())", "runtime-guard", ""),
    ("path-write-outside", "from pathlib import Path\nPath('{canary}').write_text('x')", "runtime-guard", ""),
    ("path-listdir-host", "from pathlib import Path\nprint(list(Path('/').iterdir()))", "runtime-guard", ""),
]


@pytest.mark.parametrize("name,attack,kind,exception", GADGETS, ids=[g[0] for g in GADGETS])
def test_gadget_refused_at_runtime(name, attack, kind, exception, canary, listener):
    code = fill(attack, canary, listener)
    result = run(code)
    assert result.error is not None, result
    if kind == "CodeError":
        assert result.error.kind == "code_error" and result.error.exception == exception, result.error
        assert "only numbers, band names" in result.error.message
    else:
        assert result.error.kind == "refused" and result.error.rule == kind, result.error
        assert "sandbox" in result.error.message
    assert_contained(result, canary)


# The same intents with the syntax-tree layer OFF: the child's guards must hold on their own.
# The foothold: the real builtins and `os` through a client function's globals.
G = "import openeo\nB = openeo.connect.__globals__['__builtins__']\nos = B['__import__']('os')\nrequests = B['__import__']('requests')\n"
RUNTIME_ATTACKS = [
    ("rt-write-canary", G + "B['open']('{canary}', 'w').write('x')"),
    ("rt-read-file", G + "print(B['open']('/etc/hostname').read())"),
    ("rt-parent-environ", G + "print(B['open'](f'/proc/{os.getppid()}/environ').read())"),
    ("rt-os-system", G + "os.system('echo x > {canary}')"),
    ("rt-subprocess", G + "os.posix_spawn('/bin/sh', ['sh', '-c', 'echo x > {canary}'], {})"),
    ("rt-fork", G + "os.fork()"),
    ("rt-fork-bomb", G + "while True:\n    os.fork()"),
    ("rt-kill-parent", G + "os.kill(os.getppid(), 9)"),
    ("rt-remove", G + "os.remove('{canary}')"),
    ("rt-requests", G + "print(requests.get('{url}').text)"),
    ("rt-socket", G + "s = requests.adapters.socket\nprint(s.create_connection(('127.0.0.1', {port})))"),
    ("rt-client-session", PRELUDE + "print(connection.session.get('{url}').text)"),
    ("rt-client-new-adapter", PRELUDE + G + "connection.session.adapters['http://'] = requests.adapters.HTTPAdapter()\nprint(connection.session.get('{url}').text)"),
    ("rt-import-os", "import os\nos.system('echo x > {canary}')"),
    ("rt-ctypes", G + "B['__import__']('ctypes').CDLL(None).system(b'echo x > {canary}')"),
    ("rt-env", G + "print(dict(os.environ))\nraise RuntimeError('done')"),
    ("rt-module-requests", PRELUDE + "print(openeo.rest.connection.requests.get('{url}'))"),
    ("rt-settrace", G + "B['__import__']('sys').settrace(None)"),
    # rebinding everything the old audit hook read from module globals, then attacking
    ("rt-hook-globals", G + (
        "sys = B['__import__']('sys')\n"
        "audit = sys.modules['openeo_agent_jail.audit'] if 'openeo_agent_jail.audit' in sys.modules else sys.modules['backend.jail.inside.audit']\n"
        "audit.BLOCKED_EVENT_PREFIXES = ()\naudit.BLOCKED_IMPORTS = frozenset()\naudit.SCRATCH_EVENTS = frozenset()\n"
        "audit.GuardViolation = B['type']('Nothing', (Exception,), {})\n"
        "os.path.realpath = lambda p, **k: '/usr/lib/harmless'\nsys.modules['posix'].lstat = None\n"
        "B['isinstance'] = lambda *a: False\nB['str'] = bytes\n"
        "B['open']('{canary}', 'w').write('x')")),
]


NETWORK = {"rt-requests", "rt-socket", "rt-client-session", "rt-client-new-adapter", "rt-module-requests"}
# Without the jail (a cold start each, so only where the child's layers are what stands between
# the attack and the host): files, processes, network, ctypes, the parent's environment, the hook.
ALONE = {"rt-write-canary", "rt-read-file", "rt-parent-environ", "rt-os-system", "rt-subprocess", "rt-fork", "rt-remove",
         "rt-requests", "rt-socket", "rt-client-new-adapter", "rt-ctypes", "rt-env", "rt-hook-globals"}
CASES = [(n, a, True) for n, a in RUNTIME_ATTACKS] + [(n, a, False) for n, a in RUNTIME_ATTACKS if n in ALONE]


# Every attack with the jail and, to prove the child's layers alone, most without it.
@pytest.mark.parametrize("name,attack,os_isolation", CASES, ids=[f"{n}-{'os' if o else 'no-os'}" for n, _, o in CASES])
def test_attack_contained_at_runtime(name, attack, os_isolation, canary, listener):
    code = fill(attack, canary, listener)
    result = run(code, check_syntax_tree=False, os_isolation=os_isolation)
    assert_contained(result, canary)
    if name == "rt-import-os":
        assert result.error.exception == "ImportError" and "not allowed" in result.error.message
    elif name == "rt-hook-globals":  # the attacker also broke the child's own reporting (str, isinstance)
        assert result.error.kind == "refused" or result.error.code == "SandboxCrashed"
    elif name not in NETWORK | {"rt-env", "rt-fork-bomb"}:
        assert result.error.kind == "refused" and result.error.rule == "runtime-guard", result.error


def test_format_string_reaching_globals_finds_no_secret():
    """Past the syntax tree, a format string can read attributes; all it reaches is the scrubbed environment."""
    code = "import openeo\nprint('{0.__globals__[__builtins__][__import__]}'.format(openeo.connect))\n" + G + "print(os.environ)"
    result = run(code, check_syntax_tree=False)
    assert "HOME" in result.stdout_tail and SECRET not in result.model_dump_json()
    assert "OPENAI_API_KEY" not in result.stdout_tail


def test_environment_is_scrubbed():
    result = run(G + "print(sorted(os.environ))", check_syntax_tree=False)
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
    many = run(PRELUDE + "for i in range(60):\n    cube.download(f'x{i}.tif')")
    assert many.error is not None and many.error.code == "TooManyGraphs"


def test_print_flood_is_bounded():
    result = run("for i in range(200000):\n    print('spam' * 10)")
    assert result.error is None
    assert len(result.stdout_tail) <= 2000


@pytest.mark.parametrize("fd", [1, 2])
def test_raw_output_flood_is_cut(fd):
    """Past every Python layer, writing to the real descriptors: the parent stops reading."""
    result = run(G + f"chunk = b'{{' * 65536\nfor _ in range(400):\n    os.write({fd}, chunk)", check_syntax_tree=False)
    assert result.error is not None and result.error.code == "SandboxOutputLimit"
    assert result.duration_s < 15


def test_no_secret_in_the_run_folder_or_graph(ctx, tmp_path):
    """The code tool writes code, graph, sandbox.json: none of it carries the parent's secrets."""
    from tools.code import run_openeo_code

    code = G.replace("import openeo\n", "import openeo\n") + "print(os.environ)\n" + PRELUDE.split("\n", 1)[1] + "cube.download('x.tif')"
    run_openeo_code(code, ctx)  # refused by the syntax tree: nothing runs
    run_openeo_code(PRELUDE + "print(connection.describe_account())\ncube.download('x.tif')", ctx)
    for f in Path(ctx.run.path).rglob("*"):
        if f.is_file():
            assert SECRET not in f.read_text(errors="replace"), f
