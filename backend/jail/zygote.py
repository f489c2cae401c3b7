"""The jail's resident process: imports an entry package once, then forks a fresh child per run.

Runs INSIDE the jail, as the unprivileged user, with the standard library only (it imports
nothing of the project but the entry package it is given). Started by `backend/jail/warm.py`
(`--serve FD`: a resident worker on a Unix socket) or `backend/jail/cold.py` (`--once`: one
run on stdin/stdout), or with `--probe` to report the identity and namespaces it runs in.

    python -I -B zygote.py --package NAME=DIR ... --entry MODULE --scratch DIR (--serve FD | --once LIMITS)

The entry module is imported before any run (that is the warm-up: the openeo client, numpy,
...) and provides `main(stdin, stdout) -> int`, called in the child after its limits are set.

Serve protocol (JSON datagrams on a SOCK_SEQPACKET socket; the parent's three pipe ends for the
child's stdin, stdout and stderr ride along as SCM_RIGHTS):
    zygote -> parent  {"op": "ready", "pid"}
    parent -> zygote  {"op": "run", "limits": {...}} + 3 fds
    zygote -> parent  {"op": "started"}
    parent -> zygote  {"op": "kill"}                     (optional: the parent's caps were hit)
    zygote -> parent  {"op": "exit", "returncode", "timed_out", "clean"}
The zygote never reads a run's input or output, so nothing of one run is in the image the next
run is forked from. After each run it kills every other process of the pid namespace
(kill(-1)), empties the scratch folder and checks that no System V IPC object is left; if
anything survived it says `clean: false` and exits, and the parent starts a fresh jail.
"""

import gc
import importlib
import importlib.util
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import time
import traceback


WARM_AFTER_IDLE_S = 5.0
INSIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inside")


def load_packages(specs):
    """Register each NAME=DIR as a package; the jail's shared code is `openeo_agent_jail`."""
    for spec in [f"openeo_agent_jail={INSIDE}", *specs]:
        name, _, path = spec.partition("=")
        module_spec = importlib.util.spec_from_file_location(name, os.path.join(path, "__init__.py"),
                                                             submodule_search_locations=[path])
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)


def vm_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def apply_limits(limits):
    """Per-run limits, set in the child before the run's code exists. Memory counts from the
    preloaded image; no new processes or threads (RLIMIT_NPROC 0 unless the caller allows some:
    a fork bomb and a process that outlives the run both need fork); no message queues, no
    core files."""
    mem = vm_bytes() + int(limits["memory_mb"]) * 1024 * 1024
    cpu = int(limits["cpu_s"])
    fsize = int(limits.get("file_mb", 4)) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    nproc = int(limits.get("processes", 0))
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))


def non_dumpable():
    """PR_SET_DUMPABLE 0: processes of the same uid (a run's child) can neither ptrace this one
    nor open its /proc/<pid>/mem or fds. Children inherit it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)
    except (OSError, AttributeError, ImportError):
        pass


def probe():
    info = {"uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(), "groups": os.getgroups(), "pid": os.getpid()}
    with open("/proc/self/status") as f:
        status = dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)
    info["cap_eff"] = status.get("CapEff", "").strip()
    info["cap_bnd"] = status.get("CapBnd", "").strip()
    info["no_new_privs"] = status.get("NoNewPrivs", "0").strip() == "1"
    info["ns"] = {}
    for name in ("ipc", "mnt", "net", "pid", "user", "uts", "cgroup"):
        try:
            info["ns"][name] = os.readlink(f"/proc/self/ns/{name}")
        except OSError:
            pass
    info["root_entries"] = sorted(os.listdir("/"))
    info["writable"] = [d for d in ("/", "/tmp", "/usr", "/etc") if os.path.isdir(d) and os.access(d, os.W_OK)]
    info["interpreter"] = [sys.version, sys.prefix, sys.base_prefix]
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()


def others():
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


STATUSES = {}  # exit statuses reaped while killing, by pid


def reap():
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        STATUSES[pid] = status


def kill_all(timeout=3.0):
    """Kill every other process of the pid namespace; True when none is left."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        reap()
        if not others():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)


def clean_scratch(root):
    ok = True
    for name in os.listdir(root):
        path = os.path.join(root, name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
        except OSError:
            ok = False
    return ok and not os.listdir(root)


def no_ipc_left():
    for kind in ("shm", "msg", "sem"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                if len(f.read().strip().splitlines()) > 1:
                    return False
        except OSError:
            pass
    return True


def child(sock, fds, scratch, limits, entry):
    rc = 70
    try:
        sock.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.setsid()
        os.chdir(scratch)
        os.environ["TMPDIR"] = scratch
        apply_limits(limits)
        rc = entry.main(os.fdopen(0, "rb", closefd=False), os.fdopen(1, "wb", closefd=False)) or 0
    except BaseException:  # the entry's own failure: its traceback goes to the parent on stderr
        try:
            os.write(2, traceback.format_exc().encode()[-4000:])
        except OSError:
            pass
    os._exit(rc)


def send(sock, message):
    sock.send(json.dumps(message).encode())


def wait_run(sock, pid, wall_s):
    """Wait for the child, a kill request or the wall time; returns (status, timed_out, parent_gone)."""
    pidfd = os.pidfd_open(pid)
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLIN)
    poller.register(pidfd, select.POLLIN)
    deadline = time.monotonic() + wall_s
    timed_out = parent_gone = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                kill_all()
                break
            events = dict(poller.poll(int(left * 1000) + 1))
            if pidfd in events:
                break
            if sock.fileno() in events:
                data = sock.recv(65536)
                if not data:
                    parent_gone = True
                    kill_all()
                    break
                if json.loads(data).get("op") == "kill":
                    kill_all()
                    break
    finally:
        os.close(pidfd)
    status = STATUSES.pop(pid) if pid in STATUSES else os.waitpid(pid, 0)[1]
    STATUSES.clear()
    return os.waitstatus_to_exitcode(status), timed_out, parent_gone


def freeze():
    gc.collect()
    gc.freeze()  # the preloaded objects are never scanned again: a child's collection copies no pages


def serve(fd, entry, scratch_root):
    sock = socket.socket(fileno=fd)
    non_dumpable()
    freeze()
    send(sock, {"op": "ready", "pid": os.getpid()})
    runs = 0
    # The entry's `warm` (heavier modules only a resident worker should pay for: seconds) runs
    # once the worker has been idle a while after its first run, not before that run: the first
    # run waits only for what every run needs, a one-shot command (which exits soon after its run)
    # does not spend a core on it while it computes, and later runs fork from the warmed image.
    warmed = not hasattr(entry, "warm")
    while True:
        if runs and not warmed and not select.select([sock], [], [], WARM_AFTER_IDLE_S)[0]:
            warmed = True
            entry.warm()
            freeze()
        try:
            data, fds, _, _ = socket.recv_fds(sock, 65536, 3)
        except OSError:
            return
        if not data:
            return  # the parent closed the socket: the jail ends with this process
        request = json.loads(data)
        if request.get("op") != "run" or len(fds) != 3:
            for f in fds:
                os.close(f)
            send(sock, {"op": "error", "message": "expected a run request with three descriptors"})
            continue
        runs += 1
        scratch = os.path.join(scratch_root, f"run-{runs}")
        os.mkdir(scratch, 0o700)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(sock, fds, scratch, request["limits"], entry)
        for f in fds:
            os.close(f)
        send(sock, {"op": "started"})
        returncode, timed_out, parent_gone = wait_run(sock, pid, float(request["limits"]["wall_s"]))
        clean = kill_all() and clean_scratch(scratch_root) and no_ipc_left()
        if parent_gone:
            return
        send(sock, {"op": "exit", "returncode": returncode, "timed_out": timed_out, "clean": clean})
        if not clean:
            return


def once(entry, limits, scratch):
    os.chdir(scratch)
    os.environ["TMPDIR"] = scratch
    apply_limits(limits)
    rc = entry.main(sys.stdin.buffer, sys.stdout.buffer) or 0
    sys.stdout.flush()
    os._exit(rc)


def main(argv):
    for name in ("PWD", "OLDPWD", "SHLVL", "_"):  # set by the shell or bwrap on the way in
        os.environ.pop(name, None)
    if argv == ["--probe"]:
        probe()
        return
    packages, entry_name, mode, value, scratch = [], None, None, None, None
    it = iter(argv)
    for arg in it:
        if arg == "--package":
            packages.append(next(it))
        elif arg == "--entry":
            entry_name = next(it)
        elif arg == "--scratch":
            scratch = next(it)
        elif arg in ("--serve", "--once"):
            mode, value = arg, next(it)
        else:
            raise SystemExit(f"zygote: unknown argument {arg!r}")
    if not (entry_name and mode and scratch):
        raise SystemExit("zygote: --entry, --scratch and --serve or --once are required")
    load_packages(packages)
    entry = importlib.import_module(entry_name)
    if mode == "--serve":
        serve(int(value), entry, scratch)
    else:
        once(entry, json.loads(value), scratch)


if __name__ == "__main__":
    main(sys.argv[1:])
