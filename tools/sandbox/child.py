"""The sandboxed child: runs one drafted script and reports the process graphs it built.

Started by `runner.py` as `python -I -B child.py MEMORY_MB CPU_S` (isolated mode: no environment variables read,
no user site, not the script's folder on sys.path) with resource limits, a scrubbed environment
and, where the OS allows, no network namespace. It imports nothing from the project.

Input (stdin, JSON): {"nonce", "code", "snapshot": {"root_url", "responses"}}.
Output (stdout, one line): nonce + JSON {"graphs", "stdout", "error"}.

Inside, layers 2 and 3 of the design:
- the openeo client talks to a requests adapter that answers from the metadata snapshot and
  captures POST /result and /jobs bodies instead of sending them; any other URL fails;
- `openeo.connect(...)` / `Connection(...)` always get that adapter, authentication is a no-op;
- the user's code sees restricted builtins and read-only proxies of the allowed modules that
  hide submodules such as `openeo.rest.connection.requests`;
- an audit hook (which code cannot remove) refuses sockets, processes, file writes, reads
  outside the Python installation, ctypes and new imports of dangerous modules.
"""

import resource
import sys


def apply_limits(memory_mb, cpu_s):
    """Resource limits, set first thing (not in a preexec_fn: the parent may be multi-threaded)."""
    mem = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))


if __name__ == "__main__":
    apply_limits(int(sys.argv[1]), int(sys.argv[2]))

import builtins  # noqa: E402  (after the limits: imports count against them)
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sysconfig  # noqa: E402
import traceback  # noqa: E402
import types  # noqa: E402

# Everything the client needs is imported before the guard is installed.
import openeo
import openeo.processes
import openeo.rest.connection
import openeo.rest.datacube
import openeo.rest.job
import requests
import requests.adapters
import datetime
import math
import statistics
import calendar

CODE_FILENAME = "code.py"
MAX_OUTPUT = 4000
MAX_GRAPHS = 5
MAX_RESULT_BYTES = 5_000_000


class GuardViolation(PermissionError):
    """Raised by the audit hook; reported as a runtime refusal."""


# --------------------------------------------------------------------------------------------
# Layer 3: the snapshot transport
# --------------------------------------------------------------------------------------------


class SnapshotAdapter(requests.adapters.BaseAdapter):
    def __init__(self, root_url, responses, captured):
        super().__init__()
        self.root_url = root_url.rstrip("/")
        self.responses = responses
        self.captured = captured

    def send(self, request, **kwargs):
        url = request.url.split("?")[0].rstrip("/")
        if not (url == self.root_url or url.startswith(self.root_url + "/")):
            raise requests.ConnectionError(f"Network access is disabled in the sandbox ({request.method} {url}).")
        path = url[len(self.root_url):] or "/"
        method = request.method.upper()
        body = json.loads(request.body) if request.body else None
        if method == "GET" and path in self.responses:
            return self._response(request, 200, self.responses[path])
        if method == "GET" and path.startswith("/collections/"):
            cid = path.split("/")[2]
            return self._response(request, 404, {"code": "CollectionNotFound", "message": f"Collection '{cid}' does not exist."})
        if method == "POST" and path == "/result":
            self.captured.append({"via": "download", "process_graph": _pg(body)})
            return self._response(request, 200, {})
        if method == "POST" and path == "/jobs":
            self.captured.append({"via": "create_job", "process_graph": _pg(body)})
            return self._response(request, 201, {}, {"OpenEO-Identifier": "sandbox-job", "Location": self.root_url + "/jobs/sandbox-job"})
        if method == "POST" and path == "/validation":
            return self._response(request, 200, {"errors": []})
        if path.startswith("/jobs/sandbox-job"):
            if method == "POST":
                return self._response(request, 202, {})
            if path.endswith("/results"):
                return self._response(request, 200, {"assets": {}, "links": []})
            if path.endswith("/logs"):
                return self._response(request, 200, {"logs": [], "links": []})
            return self._response(request, 200, {"id": "sandbox-job", "status": "finished", "progress": 100})
        return self._response(request, 404, {"code": "NotFound", "message": f"{method} {path} is not available in the sandbox."})

    @staticmethod
    def _response(request, status, payload, headers=None):
        r = requests.Response()
        r.status_code = status
        r._content = json.dumps(payload).encode()
        r.headers["Content-Type"] = "application/json"
        for k, v in (headers or {}).items():
            r.headers[k] = v
        r.url = request.url
        r.request = request
        r.encoding = "utf-8"
        return r

    def close(self):
        pass


def _pg(body):
    process = (body or {}).get("process", body or {})
    return process.get("process_graph", process)


class SnapshotSession(requests.Session):
    def __init__(self, adapter):
        super().__init__()
        self.adapters.clear()
        super().mount("http://", adapter)
        super().mount("https://", adapter)

    def mount(self, prefix, adapter):
        """Ignored: the client mounts retrying adapters; every request still goes to the snapshot."""


def install_client_patches(snapshot, captured):
    adapter = SnapshotAdapter(snapshot["root_url"], snapshot["responses"], captured)
    Connection = openeo.rest.connection.Connection
    original_init = Connection.__init__

    def sandbox_init(self, url=None, *args, **kwargs):
        kwargs["session"] = SnapshotSession(adapter)
        kwargs["auto_validate"] = False
        kwargs.pop("retry", None)
        original_init(self, snapshot["root_url"], *args, **kwargs)

    def sandbox_connect(url=None, *args, **kwargs):
        return Connection(snapshot["root_url"])

    def no_auth(self, *args, **kwargs):
        return self

    original_download = Connection.download

    def sandbox_download(self, graph, outputfile=None, **kwargs):
        original_download(self, graph, None, **kwargs)  # POST /result goes to the adapter: captured
        if captured:
            captured[-1]["outputfile"] = None if outputfile is None else str(outputfile)
        return None if outputfile is not None else b""

    Connection.__init__ = sandbox_init
    Connection.download = sandbox_download
    for name in dir(Connection):
        if name.startswith("authenticate_"):
            setattr(Connection, name, no_auth)
    openeo.connect = sandbox_connect
    openeo.rest.connection.connect = sandbox_connect

    BatchJob = openeo.rest.job.BatchJob

    def start_and_wait(self, *args, **kwargs):
        self.start()
        return self

    def no_download(self, target=None, *args, **kwargs):
        return [] if target is None else target

    BatchJob.start_and_wait = start_and_wait
    BatchJob.run_synchronous = start_and_wait
    BatchJob.download_result = no_download
    BatchJob.download_results = no_download
    openeo.rest.job.JobResults.download_file = no_download
    openeo.rest.job.JobResults.download_files = no_download


# --------------------------------------------------------------------------------------------
# What the user's code sees: restricted builtins and module proxies
# --------------------------------------------------------------------------------------------

SAFE_BUILTINS = (
    "abs all any bool bytes bytearray callable chr dict divmod enumerate filter float format frozenset "
    "hash int isinstance issubclass iter len list map max min next oct ord pow print range "
    "repr reversed round set slice sorted str sum tuple zip bin hex complex "
    "ArithmeticError AssertionError AttributeError Exception IndexError KeyError LookupError "
    "NameError NotImplementedError RuntimeError StopIteration TypeError ValueError ZeroDivisionError "
    "True False None"
).split()

ALLOWED_MODULES = {"openeo", "datetime", "math", "json", "statistics", "calendar"}


class SafeModule(types.ModuleType):
    """A read-only view of a module: public names only, and no modules outside openeo."""

    def __init__(self, real):
        super().__init__(real.__name__)
        object.__setattr__(self, "_SafeModule__real", real)

    def __getattr__(self, name):
        real = object.__getattribute__(self, "_SafeModule__real")
        if name.startswith("_"):
            raise AttributeError(f"'{name}' is private and not available in the sandbox")
        value = getattr(real, name)
        if isinstance(value, types.ModuleType):
            if value.__name__.split(".")[0] == "openeo" and real.__name__.split(".")[0] == "openeo":
                return SafeModule(value)
            raise AttributeError(f"module '{real.__name__}' has no public attribute '{name}' in the sandbox")
        return value

    def __setattr__(self, name, value):
        raise AttributeError("modules are read-only in the sandbox")

    def __dir__(self):
        return []


def safe_import(name, globals=None, locals=None, fromlist=(), level=0):
    top = name.split(".")[0]
    if level or top not in ALLOWED_MODULES:
        raise ImportError(f"Importing '{name}' is not allowed in the sandbox.")
    real = __import__(name, None, None, ("_",) if fromlist else (), 0)
    if fromlist:
        return SafeModule(real)
    return SafeModule(sys.modules[top])


def user_builtins(stdout):
    b = {name: getattr(builtins, name) for name in SAFE_BUILTINS if hasattr(builtins, name)}

    def safe_print(*args, sep=" ", end="\n", file=None, flush=False):
        stdout.write(sep.join(str(a) for a in args) + end)

    b["print"] = safe_print
    b["__import__"] = safe_import
    return b


class TailBuffer(io.TextIOBase):
    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.size = 0

    def write(self, s):
        self.parts.append(s)
        self.size += len(s)
        while self.size > self.limit * 2 and len(self.parts) > 1:
            self.size -= len(self.parts.pop(0))
        return len(s)

    def getvalue(self):
        return "".join(self.parts)[-self.limit:]


# --------------------------------------------------------------------------------------------
# The runtime guard: an audit hook
# --------------------------------------------------------------------------------------------

BLOCKED_EVENT_PREFIXES = (
    "socket.", "subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork",
    "os.forkpty", "os.kill", "os.killpg", "os.remove", "os.unlink", "os.rename", "os.rmdir",
    "os.mkdir", "os.chmod", "os.chown", "os.link", "os.symlink", "os.truncate", "os.utime",
    "os.putenv", "os.unsetenv", "os.startfile", "os.chdir", "shutil.", "ctypes.", "pty.",
    "webbrowser.", "urllib.Request", "http.client.", "ftplib.", "smtplib.", "poplib.", "imaplib.",
    "telnetlib.", "sys._current_frames", "sys.setprofile", "sys.settrace",
    "sys.addaudithook", "setopencodehook", "gc.get_referrers", "gc.get_referents", "gc.get_objects",
    "code.__new__", "function.__new__", "cpython.run_", "sqlite3.", "mmap.", "resource.setrlimit",
    "fcntl.", "signal.", "syslog.", "winreg.", "msvcrt.", "os.add_dll_directory",
)
BLOCKED_IMPORTS = {"ctypes", "_ctypes", "subprocess", "_posixsubprocess", "multiprocessing", "pty", "cffi", "_socket", "socket"}


def read_roots():
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        roots.add(sysconfig.get_paths()[key])
    for mod in (openeo, requests, json):
        roots.add(os.path.dirname(os.path.dirname(mod.__file__)))
    roots |= {os.path.realpath(r) for r in roots}
    roots |= {"/usr/share/zoneinfo", "/usr/share/proj"}  # not /etc: nothing there is needed to build a graph
    return tuple(sorted(r.rstrip("/") + "/" for r in roots if r))


def install_guard():
    roots = read_roots()

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            if isinstance(path, int):
                return
            writing = (mode and any(c in mode for c in "wax+")) or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
            if writing:
                raise GuardViolation(f"Writing files is not allowed in the sandbox ({path}).")
            real = os.path.realpath(os.fsdecode(path))
            if not real.startswith(roots):
                raise GuardViolation(f"Reading files is not allowed in the sandbox ({path}).")
        elif event == "import" and args[0].split(".")[0] in BLOCKED_IMPORTS:
            raise GuardViolation(f"Importing '{args[0]}' is not allowed in the sandbox.")
        elif event.startswith(BLOCKED_EVENT_PREFIXES):
            raise GuardViolation(f"'{event}' is not allowed in the sandbox.")

    sys.addaudithook(hook)


# --------------------------------------------------------------------------------------------
# Running the code
# --------------------------------------------------------------------------------------------


def user_line(tb):
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == CODE_FILENAME:
            line = lineno
    return line


def run(request, real_stdout):
    captured = []
    install_client_patches(request["snapshot"], captured)
    out = TailBuffer(MAX_OUTPUT)
    code_obj = compile(request["code"], CODE_FILENAME, "exec")
    env = {"__builtins__": user_builtins(out), "__name__": "__main__"}
    error = None
    sys.stdout = sys.stderr = out  # client warnings (logging's last resort) land here too
    install_guard()
    try:
        exec(code_obj, env)
    except GuardViolation as e:
        error = {"kind": "refused", "rule": "runtime-guard", "line": user_line(e.__traceback__), "message": str(e)}
    except BaseException as e:  # the user's own error, reported to the model; never re-raised
        error = {
            "kind": "code_error",
            "code": "CodeError",
            "exception": type(e).__name__,
            "line": user_line(e.__traceback__),
            "message": str(e)[:500],
        }
    graphs = [g for g in captured if g.get("process_graph")][-MAX_GRAPHS:]
    payload = json.dumps({"graphs": graphs, "stdout": out.getvalue(), "error": error})
    if len(payload) > MAX_RESULT_BYTES:
        error = {"kind": "code_error", "code": "GraphTooLarge", "exception": "", "line": None,
                 "message": f"The process graphs are {len(payload) // 1_000_000} MB; keep them small (no loops that add thousands of nodes)."}
        payload = json.dumps({"graphs": [], "stdout": out.getvalue(), "error": error})
    real_stdout.write(request["nonce"] + payload + "\n")
    real_stdout.flush()


def main():
    real_stdout = sys.stdout
    request = json.loads(sys.stdin.read())
    sys.stdin = io.StringIO("")
    run(request, real_stdout)


if __name__ == "__main__":
    main()
