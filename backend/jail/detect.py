"""Which isolation this machine offers, found by starting the jail's probe under each level.

Order: bubblewrap, then (as root) util-linux unshare with a hand-built root, then (as root)
the unprivileged uid alone; a non-root user without bubblewrap gets `none`. A level counts only
if its probe really ran as expected (a container that forbids namespaces, or an interpreter the
unprivileged uid cannot read, falls through to the next level with the reason kept). As root
with no level that drops privileges, the result is `unavailable` and nothing untrusted runs.

`OPENEO_AGENT_SANDBOX_NO_BWRAP=1` hides bubblewrap and `OPENEO_AGENT_SANDBOX_NO_NAMESPACES=1`
hides every namespace level (tests and CI prove the fallbacks with them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

from backend.jail.commands import PYTHON, ZYGOTE, Tools, command
from backend.jail.models import NOBODY, Isolation, Level

NO_BWRAP_ENV = "OPENEO_AGENT_SANDBOX_NO_BWRAP"
NO_NAMESPACES_ENV = "OPENEO_AGENT_SANDBOX_NO_NAMESPACES"
PROBE_TIMEOUT_S = 30.0
PROBE_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"}

_lock = threading.Lock()
_cache: dict[tuple, tuple[Isolation, Tools]] = {}


def _switch(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def tools() -> Tools:
    w = shutil.which
    sbin = "/usr/sbin:/sbin:/usr/bin:/bin"
    return Tools(
        bwrap=None if _switch(NO_BWRAP_ENV) else w("bwrap"),
        unshare=w("unshare", path=sbin), setpriv=w("setpriv", path=sbin), mount=w("mount", path=sbin),
        chroot=w("chroot", path=sbin), mkdir=w("mkdir", path=sbin), touch=w("touch", path=sbin),
        ln=w("ln", path=sbin), sh=w("sh", path=sbin),
    )


def _own_namespaces() -> dict[str, str]:
    out = {}
    for name in ("ipc", "mnt", "net", "pid", "user", "uts", "cgroup"):
        try:
            out[name] = os.readlink(f"/proc/self/ns/{name}")
        except OSError:
            pass
    return out


def _probe(level: Level, t: Tools, root: bool) -> tuple[dict | None, str]:
    mountpoint = tempfile.mkdtemp(prefix="openeo-jail-") if level == "unshare" else None
    try:
        prefix = command(level, t, [], root=root, warm=False, scratch_mb=1, mountpoint=mountpoint)
        cmd = prefix + [PYTHON, "-I", "-B", ZYGOTE, "--probe"]
        try:
            r = subprocess.run(cmd, capture_output=True, timeout=PROBE_TIMEOUT_S, env=PROBE_ENV, cwd="/",
                               start_new_session=True)
        except (OSError, subprocess.TimeoutExpired) as e:
            return None, f"{level}: could not start ({e})"
        if r.returncode != 0:
            last = (r.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit code {r.returncode}"])[-1]
            return None, f"{level}: the probe failed ({last[:200]})"
        try:
            return json.loads(r.stdout.decode().strip().splitlines()[-1]), ""
        except (ValueError, IndexError):
            return None, f"{level}: the probe gave no answer"
    finally:
        if mountpoint:
            os.rmdir(mountpoint)


def _isolation(level: Level, info: dict, reasons: list[str]) -> Isolation | str:
    """The probed facts as an Isolation, or why they do not meet the level's promise."""
    mine = _own_namespaces()
    namespaces = sorted(n for n, v in info.get("ns", {}).items() if mine.get(n) not in (None, v))
    uid = int(info["uid"])
    if os.geteuid() == 0 and (uid == 0 or info.get("euid") == 0):
        return f"{level}: the child still ran as root"
    if info.get("interpreter") != [sys.version, sys.prefix, sys.base_prefix]:
        return (f"{level}: uid {uid} cannot read this interpreter ({sys.base_prefix}); it started "
                f"{(info.get('interpreter') or ['?'])[0].split()[0]} from {(info.get('interpreter') or ['', '', '?'])[2]} instead")
    if level in ("bwrap", "unshare"):
        missing = {"pid", "net", "ipc", "uts", "mnt"} - set(namespaces)
        if missing:
            return f"{level}: namespaces {sorted(missing)} were not created"
        if int(info.get("cap_eff") or "0", 16) != 0:
            return f"{level}: the child kept capabilities {info.get('cap_eff')}"
        if info.get("writable"):
            return f"{level}: the child could write to {info['writable']}"
    host_uid = uid if "user" not in namespaces else os.getuid()
    summary = {
        "bwrap": f"bubblewrap jail: uid {host_uid}, no capabilities, new pid/network/mount namespaces, read-only view of the interpreter only.",
        "unshare": f"unshare jail (no bubblewrap): uid {host_uid}, no capabilities, new pid/network/mount namespaces, read-only view of the interpreter only.",
        "uid-drop": f"no namespaces available: untrusted code runs as the unprivileged uid {host_uid} with no capabilities, on the host's filesystem and network, behind the Python layers.",
        "none": f"no operating-system isolation: untrusted code runs as your own user (uid {host_uid}) behind the Python layers only. Install bubblewrap.",
    }[level]
    return Isolation(
        level=level, uid=host_uid, namespaces=namespaces, private_filesystem=level in ("bwrap", "unshare"),
        no_new_privs=bool(info.get("no_new_privs")), capabilities=str(info.get("cap_eff", "")),
        summary=summary, fallback_reasons=reasons,
    )


def _detect() -> tuple[Isolation, Tools]:
    t = tools()
    root = os.geteuid() == 0
    reasons: list[str] = []
    if _switch(NO_BWRAP_ENV):
        reasons.append(f"bwrap: hidden by {NO_BWRAP_ENV}")
    levels: list[Level] = []
    if _switch(NO_NAMESPACES_ENV):
        reasons.append(f"bwrap, unshare: hidden by {NO_NAMESPACES_ENV}")
    else:
        if t.bwrap and (t.setpriv or not root):
            levels.append("bwrap")
        elif not _switch(NO_BWRAP_ENV):
            reasons.append("bwrap: not installed (apt-get install bubblewrap)")
        if root:
            if t.unshare and t.setpriv and t.mount and t.chroot and t.sh and t.mkdir and t.touch and t.ln:
                levels.append("unshare")
            else:
                reasons.append("unshare: util-linux unshare, mount, setpriv or coreutils chroot missing")
    if root:
        if t.setpriv:
            levels.append("uid-drop")
        else:
            reasons.append("uid-drop: setpriv (util-linux) missing")
    else:
        levels.append("none")
    for level in levels:
        info, why = _probe(level, t, root)
        if info is None:
            reasons.append(why)
            continue
        iso = _isolation(level, info, list(reasons))
        if isinstance(iso, Isolation):
            return iso, t
        reasons.append(iso)
    return Isolation(
        level="unavailable",
        summary="untrusted code cannot run: this machine offers no way to run it without root "
                "privileges (" + "; ".join(reasons)[:400] + "). Install bubblewrap, or make the "
                f"interpreter readable by uid {NOBODY}.",
        fallback_reasons=reasons,
    ), t


def detect(refresh: bool = False) -> Isolation:
    """The isolation untrusted code runs under here (probed once per process and switch setting)."""
    return detect_with_tools(refresh)[0]


def detect_with_tools(refresh: bool = False) -> tuple[Isolation, Tools]:
    key = (_switch(NO_BWRAP_ENV), _switch(NO_NAMESPACES_ENV), os.geteuid())
    with _lock:
        if refresh or key not in _cache:
            _cache[key] = _detect()
        return _cache[key]
