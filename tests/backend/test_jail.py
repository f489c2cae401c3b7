"""The operating-system jail on its own: code with the real builtins and no Python layer at all
(tests/backend/jail_raw) attacks it under each level this machine offers, cold and warm.

Each attack is refused or contained: the child is uid 65534 (not root) with no capabilities and
no_new_privs in its own namespaces; it sees no host home, no /etc/shadow, no jobs folder, no
parent; a canary in a host folder bound read-only (and world-writable on the host) stays
untouched, also after remount attempts; no secret of the parent's environment appears; no
process outlives the run; floods, loops and allocations are cut at their limits; warm runs
share no state.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from backend.jail import NO_BWRAP_ENV, NO_NAMESPACES_ENV, Entry, Limits, WarmWorker, detect, run_once
from backend.jail.detect import detect_with_tools

pytestmark = pytest.mark.security

RAW = str(Path(__file__).resolve().with_name("jail_raw"))
SECRET = "sk-test-JAIL-CANARY-SECRET-7731"
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"}
ROOT = os.geteuid() == 0


def _levels() -> list[str]:
    out = []
    if not os.environ.get(NO_BWRAP_ENV) and not os.environ.get(NO_NAMESPACES_ENV):
        out.append("bwrap")
    if ROOT and not os.environ.get(NO_NAMESPACES_ENV):
        out.append("unshare")
    return out


LEVELS = _levels()


@pytest.fixture(autouse=True)
def secrets_in_parent(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENEO_BACKEND_PASSWORD", "OPENEO_AGENT_BACKEND_PASSWORD"):
        monkeypatch.setenv(name, SECRET)


@pytest.fixture(params=LEVELS or ["none-available"])
def level(request, monkeypatch):
    if request.param == "none-available":
        pytest.skip("no namespace level here (hidden by the environment or not root)")
    if request.param == "unshare":
        monkeypatch.setenv(NO_BWRAP_ENV, "1")
    iso = detect()
    if iso.level != request.param:
        pytest.skip(f"{request.param} is not available here: {iso.fallback_reasons}")
    return request.param


_workers: dict[tuple, WarmWorker] = {}


def raw_entry(*ro_paths: str) -> Entry:
    return Entry(packages={"jail_raw": RAW}, module="jail_raw.main", env=ENV, ro_paths=tuple(ro_paths), scratch_mb=8)


def jailed(code: str, mode: str, level: str, entry: Entry | None = None, **limits) -> tuple[dict | None, object]:
    """Run `code` in the jail; (its JSON answer or None, the Outcome)."""
    entry = entry or raw_entry()
    payload = json.dumps({"code": code}).encode()
    lim = Limits(**{"wall_s": 20, "cpu_s": 20, "memory_mb": 256, **limits})
    if mode == "warm":
        key = (level, entry.module, entry.ro_paths)
        if key not in _workers:
            _workers[key] = WarmWorker(entry)
        _workers[key].start()  # waits for a restart in progress (production runs cold meanwhile)
        outcome = _workers[key].run(payload, lim)
        assert outcome is not None and outcome.warm, _workers[key].last_error
    else:
        outcome = run_once(entry, payload, lim)
    lines = outcome.stdout.decode("utf-8", "replace").strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    assert SECRET.encode() not in outcome.stdout + outcome.stderr_tail
    return answer, outcome


@pytest.fixture(scope="module", autouse=True)
def close_workers():
    yield
    for w in _workers.values():
        w.close()
    _workers.clear()


def host_processes(marker: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(int(pid))
            except OSError:
                continue
    return found


MODES = ["cold", "warm"]

IDENTITY = """
import os
status = dict(l.rstrip('\\n').split(':\\t', 1) for l in open('/proc/self/status') if ':\\t' in l)
RESULT.update(uid=os.getuid(), euid=os.geteuid(), gid=os.getgid(), groups=os.getgroups(),
              cap_eff=status['CapEff'], cap_prm=status['CapPrm'], cap_bnd=status['CapBnd'], nnp=status['NoNewPrivs'],
              ns={n: os.readlink('/proc/self/ns/' + n) for n in ('pid', 'net', 'mnt', 'ipc', 'uts')},
              uid_map=open('/proc/self/uid_map').read().split())
try:
    os.setuid(0)
    RESULT['setuid0'] = 'worked'
except OSError as e:
    RESULT['setuid0'] = type(e).__name__
"""


@pytest.mark.parametrize("mode", MODES)
def test_child_is_unprivileged_in_its_own_namespaces(level, mode):
    answer, _ = jailed(IDENTITY, mode, level)
    r = answer["result"]
    assert r["uid"] != 0 and r["euid"] != 0 and r["gid"] != 0
    if ROOT:
        assert r["uid"] == 65534 and r["gid"] == 65534 and r["groups"] == []
        assert r["uid_map"][:2] == ["0", "0"], "no user namespace: uid 65534 is the host's uid 65534"
        assert int(r["cap_bnd"], 16) == 0
    assert int(r["cap_eff"], 16) == 0 and int(r["cap_prm"], 16) == 0
    assert r["nnp"] == "1"
    assert r["setuid0"] == "PermissionError"
    mine = {n: os.readlink(f"/proc/self/ns/{n}") for n in ("pid", "net", "mnt", "ipc", "uts")}
    assert all(r["ns"][n] != mine[n] for n in mine), (r["ns"], mine)


VIEW = """
import os
RESULT['root'] = sorted(os.listdir('/'))
RESULT['shadow'] = os.path.exists('/etc/shadow')
RESULT['passwd'] = os.path.exists('/etc/passwd')
RESULT['home'] = [os.path.join(d, n) for d, subdirs, files in os.walk(HOME) for n in subdirs + files
                  if d.count('/') < HOME.count('/') + 4][:20] if os.path.isdir(HOME) else None
RESULT['jobs'] = os.path.exists(JOBS)
RESULT['project_runs'] = os.path.exists(RUNS)
RESULT['writable'] = [d for d in ('/', '/etc', '/usr', '/tmp', '/dev', '/dev/shm', '/proc', HOME) if os.path.isdir(d) and os.access(d, os.W_OK)]
RESULT['scratch_writable'] = os.access(os.getcwd(), os.W_OK)
"""


def test_child_sees_only_the_interpreter_read_only(level, tmp_path):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "job.json").write_text(SECRET)
    os.chmod(tmp_path, 0o755), os.chmod(jobs, 0o755)
    runs = Path(__file__).resolve().parents[2] / "runs"
    code = f"HOME = {str(Path.home())!r}\nJOBS = {str(jobs)!r}\nRUNS = {str(runs)!r}\n" + VIEW
    answer, _ = jailed(code, "cold", level)
    r = answer["result"]
    assert r["shadow"] is False and r["passwd"] is False
    assert r["jobs"] is False and r["project_runs"] is False
    # the top-level folders that hold the interpreter and the project (a CI clone may live under /check)
    holders = {Path(p).resolve().parts[1] for p in (os.sys.prefix, os.sys.base_prefix, __file__)}
    assert set(r["root"]) <= {"bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "proc", "dev", "tmp", "scratch",
                              "etc", "root", "home", "opt", "srv", "mnt", "var"} | holders
    assert r["writable"] == [] and r["scratch_writable"] is True
    if r["home"] is not None:  # only the interpreter's own folder appears under a home that holds it
        base = os.path.realpath(os.sys.base_prefix)
        assert all(base.startswith(p + "/") or p.startswith(base) for p in r["home"]), r["home"]


CANARY_ATTACKS = """
import os, subprocess
c = CANARY
RESULT['read'] = open(c).read()
attempts = {}
for name, f in [('write', lambda: open(c, 'w').write('x')), ('append', lambda: open(c, 'a').write('x')),
                ('unlink', lambda: os.unlink(c)), ('rename', lambda: os.rename(c, c + '.x')),
                ('chmod', lambda: os.chmod(c, 0o777)), ('utime', lambda: os.utime(c, (0, 0))),
                ('create', lambda: open(os.path.join(os.path.dirname(c), 'new'), 'w').write('x'))]:
    try:
        f()
        attempts[name] = 'worked'
    except OSError as e:
        attempts[name] = type(e).__name__
d = os.path.dirname(c)
for name, cmd in [('remount', ['mount', '-o', 'remount,rw,bind', d]),
                  ('userns-remount', ['unshare', '-Urm', 'sh', '-c', f'mount -o remount,rw,bind {d} && echo x > {c}']),
                  ('tmpfs', ['mount', '-t', 'tmpfs', 'none', d]),
                  ('nsenter', ['nsenter', '--net=/proc/1/ns/net', '--mount=/proc/1/ns/mnt', 'sh', '-c', f'echo x > {c}']),
                  ('unshare-mount', ['unshare', '-m', 'true'])]:
    try:
        attempts[name] = subprocess.run(cmd, capture_output=True, timeout=10).returncode
    except OSError as e:
        attempts[name] = type(e).__name__
RESULT['attempts'] = attempts
RESULT['after'] = open(c).read()
"""


def test_canary_in_a_read_only_bind_stays_untouched(level, tmp_path):
    folder = tmp_path / "canary"
    folder.mkdir()
    canary = folder / "canary.txt"
    canary.write_text("untouched")
    os.chmod(tmp_path, 0o755), os.chmod(folder, 0o777), os.chmod(canary, 0o666)  # only the bind protects it
    answer, _ = jailed(f"CANARY = {str(canary)!r}\n" + CANARY_ATTACKS, "cold", level, raw_entry(str(folder)), processes=64)
    r = answer["result"]
    assert r["read"] == "untouched" and r["after"] == "untouched"
    assert all(v != "worked" and v != 0 for v in r["attempts"].values()), r["attempts"]
    assert canary.read_text() == "untouched" and sorted(os.listdir(folder)) == ["canary.txt"]
    assert oct(canary.stat().st_mode & 0o777) == oct(0o666)


SECRETS = """
import os
found = []
for pid in os.listdir('/proc'):
    for f in ('environ', 'cmdline'):
        try:
            if SECRET.encode() in open(f'/proc/{pid}/{f}', 'rb').read():
                found.append((pid, f))
        except OSError:
            pass
RESULT.update(found=found, env=dict(os.environ), pids=sorted(int(p) for p in os.listdir('/proc') if p.isdigit()),
              ppid=os.getppid(), host_parent_visible=os.path.exists(f'/proc/{HOST_PID}/environ') and HOST_PID > 10)
"""


@pytest.mark.parametrize("mode", MODES)
def test_parent_environment_and_secrets_are_out_of_reach(level, mode):
    code = f"SECRET = {SECRET!r}\nHOST_PID = {os.getpid()}\n" + SECRETS
    answer, _ = jailed(code, mode, level)
    r = answer["result"]
    assert r["found"] == [] and SECRET not in json.dumps(r["env"])
    assert set(r["env"]) <= set(ENV) | {"TMPDIR"}
    assert max(r["pids"]) < 50, "only the jail's own pid namespace is visible"
    assert r["host_parent_visible"] is False


class _Hits(list):
    pass


@pytest.fixture
def listener():
    hits = _Hits()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(1)
                conn.close()
            except OSError:
                continue

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield server.getsockname()[1], hits
    stop.set()
    t.join(2)
    server.close()


NETWORK = """
import socket
RESULT['interfaces'] = [n for _, n in socket.if_nameindex()]
for host in ('127.0.0.1', '10.0.2.2', '1.1.1.1'):
    try:
        socket.create_connection((host, PORT), timeout=2).close()
        RESULT[host] = 'connected'
    except OSError as e:
        RESULT[host] = type(e).__name__
"""


@pytest.mark.parametrize("mode", MODES)
def test_no_network(level, mode, listener):
    port, hits = listener
    answer, _ = jailed(f"PORT = {port}\n" + NETWORK, mode, level)
    r = answer["result"]
    assert r["interfaces"] == ["lo"]
    assert all(r[h] != "connected" for h in ("127.0.0.1", "10.0.2.2", "1.1.1.1"))
    assert hits == []


@pytest.mark.parametrize("mode", MODES)
def test_no_new_processes_by_default(level, mode):
    code = "import os\ntry:\n    os.fork()\n    RESULT['fork'] = 'worked'\nexcept OSError as e:\n    RESULT['fork'] = type(e).__name__\n"
    code += "import threading\ntry:\n    threading.Thread(target=print).start()\n    RESULT['thread'] = 'worked'\nexcept RuntimeError as e:\n    RESULT['thread'] = 'refused'\n"
    answer, _ = jailed(code, mode, level)
    assert answer["result"] == {"fork": "BlockingIOError", "thread": "refused"}


FORK_BOMB = """
import os, time
n = 0
try:
    while n < 10000:
        if os.fork() == 0:
            os.execv('/usr/bin/sleep', ['sleep', MARK])
        n += 1
except OSError:
    pass
RESULT['started'] = n
"""

DAEMON = """
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv('/usr/bin/sleep', ['sleep', MARK])
    os._exit(0)
time.sleep(0.2)
RESULT['daemon'] = 'started'
"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("attack", ["fork-bomb", "daemon"])
def test_no_process_outlives_the_run(level, mode, attack):
    """Even with processes allowed (RLIMIT_NPROC is the first line), the pid namespace and the
    worker's kill(-1) end everything the run started, including new sessions."""
    mark = f"{300 + time.monotonic_ns() % 1000}.{os.getpid()}"
    code = f"MARK = {mark!r}\n" + (FORK_BOMB if attack == "fork-bomb" else DAEMON)
    answer, outcome = jailed(code, mode, level, processes=200)  # per host uid: other jails count too
    assert answer is not None and answer["ok"], (answer, outcome.stderr_tail)
    if attack == "fork-bomb":
        assert 0 < answer["result"]["started"] < 200  # bounded by RLIMIT_NPROC
    deadline = time.monotonic() + 5
    while host_processes(f"sleep\0{mark}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert host_processes(f"sleep\0{mark}") == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_output_floods_are_cut(level, mode, stream):
    fd = 1 if stream == "stdout" else 2
    code = f"import os\nchunk = b'x' * 65536\nfor _ in range(2000):\n    os.write({fd}, chunk)\n"
    start = time.monotonic()
    _, outcome = jailed(code, mode, level, stdout_bytes=1_000_000, stderr_hard_bytes=1_000_000)
    assert outcome.output_exceeded == stream
    assert len(outcome.stdout) <= 1_000_000 and len(outcome.stderr_tail) <= Limits().stderr_bytes
    assert time.monotonic() - start < 15


@pytest.mark.parametrize("mode", MODES)
def test_wall_time_is_enforced(level, mode):
    start = time.monotonic()
    _, outcome = jailed("while True:\n    pass\n", mode, level, wall_s=1, cpu_s=30)
    assert outcome.timed_out and time.monotonic() - start < 6


@pytest.mark.parametrize("mode", MODES)
def test_memory_is_limited(level, mode):
    answer, _ = jailed("x = bytearray(3 * 1024 ** 3)\n", mode, level, memory_mb=256)
    assert answer["ok"] is False and answer["error"].startswith("MemoryError")


STATE_WRITE = """
import os, json, ctypes
open(os.path.join(os.getcwd(), 'left.txt'), 'w').write('x')
open('/scratch/left-at-top.txt', 'w').write('x')
json.LEFT_BY_EARLIER_RUN = True
libc = ctypes.CDLL(None, use_errno=True)
RESULT['shm'] = libc.shmget(0x4A41494C, 4096, 0o1666)  # IPC_CREAT | 0666
RESULT['cwd'] = os.getcwd()
"""
STATE_READ = """
import os, json, ctypes
libc = ctypes.CDLL(None, use_errno=True)
RESULT.update(scratch=sorted(os.listdir('/scratch')), cwd=sorted(os.listdir(os.getcwd())),
              module_state=hasattr(json, 'LEFT_BY_EARLIER_RUN'), shm=libc.shmget(0x4A41494C, 4096, 0o666))
"""


def test_warm_runs_share_no_state(level):
    first, _ = jailed(STATE_WRITE, "warm", level)
    assert first["ok"] and first["result"]["shm"] >= 0, first
    second, _ = jailed(STATE_READ, "warm", level)
    r = second["result"]
    assert r["module_state"] is False and r["cwd"] == [] and r["shm"] == -1
    assert all(name.startswith("run-") for name in r["scratch"]) and len(r["scratch"]) == 1


ZYGOTE = """
import os, signal
ppid = os.getppid()
for f in ('mem', 'environ', 'fd/0', 'maps'):
    try:
        open(f'/proc/{ppid}/{f}', 'rb').read(16)
        RESULT[f] = 'read'
    except OSError as e:
        RESULT[f] = type(e).__name__
if KILL:
    os.kill(ppid, signal.SIGKILL)
"""


def test_a_run_cannot_reach_into_the_warm_worker(level):
    answer, _ = jailed("KILL = False\n" + ZYGOTE, "warm", level)
    assert all(v != "read" for v in answer["result"].values()), answer
    jailed("KILL = True\nimport time\n" + ZYGOTE + "time.sleep(1)\n", "warm", level)  # at most ends its own run
    again, _ = jailed("RESULT['fine'] = 1\n", "warm", level)
    assert again["result"] == {"fine": 1}


def test_without_namespaces_untrusted_code_never_runs_as_root(monkeypatch):
    """The fallback (OPENEO_AGENT_SANDBOX_NO_NAMESPACES): the unprivileged uid alone, or nothing."""
    monkeypatch.setenv(NO_NAMESPACES_ENV, "1")
    iso, _ = detect_with_tools()
    assert iso.level in ("uid-drop", "none", "unavailable")
    answer, outcome = None, run_once(raw_entry(), json.dumps({"code": IDENTITY}).encode(), Limits(wall_s=20))
    if iso.level == "unavailable":
        assert ROOT and outcome.unavailable and "root" in iso.summary and outcome.stdout == b""
        return
    answer = json.loads(outcome.stdout.decode().strip().splitlines()[-1])
    assert answer["result"]["uid"] != 0 and int(answer["result"]["cap_eff"], 16) == 0
    if ROOT:
        assert iso.level == "uid-drop" and answer["result"]["uid"] == 65534


def test_isolation_is_reported_plainly():
    iso = detect()
    assert iso.summary and iso.level in ("bwrap", "unshare", "uid-drop", "none", "unavailable")
    if iso.full_jail:
        assert iso.private_filesystem and iso.no_new_privs and int(iso.capabilities, 16) == 0
        assert {"pid", "net", "mnt", "ipc", "uts"} <= set(iso.namespaces)
        assert iso.uid != 0
