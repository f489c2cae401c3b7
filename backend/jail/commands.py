"""The command lines of each isolation level, and what the jail lets the child read.

- `bwrap` as root: new pid, network, ipc, uts, cgroup and mount namespaces (no user namespace:
  root needs none to mount, and one would leave the child host root without capabilities),
  then `setpriv` drops to uid/gid 65534 with no groups, an empty bounding set and
  no_new_privs before the interpreter starts. As another user: bwrap's own user namespace
  with `--uid 65534 --cap-drop ALL --disable-userns`.
- `unshare` as root (no bubblewrap): the same namespaces from util-linux `unshare`, a shell
  that builds the same read-only root with `mount`, then `chroot` and the same `setpriv`.
- `uid-drop` as root without namespaces: `setpriv` alone.
- `none`: no prefix (a non-root user without bubblewrap).

The child sees /usr (shared libraries), the interpreter and its packages, the folders of the
jail's own code, /etc/ld.so.cache and /etc/localtime, all read-only; its own /proc, a minimal
/dev, an empty root-owned /tmp and a small writable /scratch. Parent folders the jail creates
are 0755 so the unprivileged uid can reach what is bound below them (a home folder of 0700
that holds the interpreter stays closed: only the interpreter's own folder appears in it).
"""

from __future__ import annotations

import os
import shlex
import site
import sys
from dataclasses import dataclass
from pathlib import Path

from backend.jail.models import NOBODY, Level

JAIL_DIR = str(Path(__file__).resolve().parent)
ZYGOTE = os.path.join(JAIL_DIR, "zygote.py")
PYTHON = os.path.abspath(sys.executable)  # normalised: a path through folders the jail hides ("..") would not resolve
SCRATCH = "/scratch"
SYSTEM_TOP = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime")
HIDDEN_ROOTS = ("/proc", "/dev", "/sys")


@dataclass(frozen=True)
class Tools:
    """Absolute paths of the programs each level needs (None: not on this machine)."""

    bwrap: str | None
    unshare: str | None
    setpriv: str | None
    mount: str | None
    chroot: str | None
    mkdir: str | None
    touch: str | None
    ln: str | None
    sh: str | None


def setpriv_drop(setpriv: str) -> list[str]:
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]


def interpreter_paths() -> list[str]:
    """The interpreter, its standard library and its packages (a virtualenv and its base)."""
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  os.path.dirname(sys.executable), os.path.dirname(os.path.realpath(sys.executable))]
    try:
        candidates += site.getsitepackages()
    except AttributeError:  # some embedded interpreters have no getsitepackages
        pass
    # package folders that .pth files or a base interpreter add (not the script's or project's folder)
    candidates += [p for p in sys.path if p.startswith("/") and p.rstrip("/").endswith(("site-packages", "dist-packages"))]
    return candidates


def readable_paths(extra: list[str], interpreter: bool = True) -> list[str]:
    """Outermost existing folders (and their real paths) the child must read, outside /usr."""
    found: set[str] = set()
    for p in [*(interpreter_paths() if interpreter else []), *extra]:
        for q in (os.path.abspath(p), os.path.realpath(p)):
            if os.path.exists(q) and q not in ("/", "/usr", "/tmp") and not q.startswith(("/usr/", *(r + "/" for r in HIDDEN_ROOTS))):
                found.add(q.rstrip("/"))
    return sorted(p for p in found if not any(p.startswith(o + "/") for o in found if o != p))


def under_tmp(paths: list[str]) -> list[str]:
    """Those of `paths` that lie in /tmp, which the jail replaces with its own: a virtualenv or a
    checkout there (a CI clone) is bound back read-only."""
    return [p for p in readable_paths(paths, interpreter=False) if p.startswith("/tmp/")]


def _ancestors(path: str) -> list[str]:
    parts = Path(path).parts[1:-1]
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def _system_entries() -> list[tuple[str, str]]:
    """('symlink', target) or ('bind', path) for /bin, /lib, ... as this machine has them."""
    entries = []
    for name in SYSTEM_TOP:
        path = "/" + name
        if os.path.islink(path):
            entries.append(("symlink:" + os.readlink(path), path))
        elif os.path.isdir(path):
            entries.append(("bind", path))
    return entries


def bwrap_command(tools: Tools, paths: list[str], *, root: bool, warm: bool, scratch_mb: int) -> list[str]:
    assert tools.bwrap
    args = [tools.bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--new-session"]
    if not warm:
        args.append("--die-with-parent")  # a warm worker is started by one thread and outlives it
    if not root:
        args += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY), "--cap-drop", "ALL", "--disable-userns"]
    args += ["--ro-bind", "/usr", "/usr"]
    for kind, path in _system_entries():
        args += ["--symlink", kind.split(":", 1)[1], path] if kind.startswith("symlink:") else ["--ro-bind", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "0755", "--tmpfs", "/tmp",
             "--perms", "01777", "--size", str(scratch_mb * 1024 * 1024), "--tmpfs", SCRATCH]
    made = {"/", "/usr", "/proc", "/dev", "/tmp", SCRATCH}
    for path in [*[f for f in ETC_FILES if os.path.exists(f)], *paths]:
        for anc in _ancestors(path):
            if anc not in made:
                args += ["--perms", "0755", "--dir", anc]
                made.add(anc)
        if os.path.islink(path) and path in ETC_FILES:
            args += ["--symlink", os.readlink(path), path]
        else:
            args += ["--ro-bind", path, path]
    args += ["--remount-ro", "/", "--chdir", SCRATCH]
    if root:
        assert tools.setpriv
        args += setpriv_drop(tools.setpriv)
    return args


def unshare_command(tools: Tools, paths: list[str], *, mountpoint: str, scratch_mb: int) -> list[str]:
    """unshare + a mount script: the bwrap layout built by hand (root only)."""
    assert tools.unshare and tools.sh and tools.mount and tools.chroot and tools.setpriv and tools.mkdir and tools.touch and tools.ln
    q = shlex.quote
    mount, mkdir, touch, ln = q(tools.mount), q(tools.mkdir), q(tools.touch), q(tools.ln)
    lines = ["set -eu", f"R={q(mountpoint)}",
             f'{mount} -t tmpfs -o mode=0755,size=4m,nosuid,nodev jailroot "$R"',
             f'{mkdir} -p "$R/proc" "$R/dev" "$R/tmp" "$R{SCRATCH}" "$R/usr"',
             f'{mount} -t proc -o nosuid,nodev,noexec proc "$R/proc"',
             f'{mount} -t tmpfs -o mode=0755,size=1m,nosuid,nodev tmp "$R/tmp"',
             f'{mount} -t tmpfs -o mode=1777,size={scratch_mb}m,nosuid,nodev scratch "$R{SCRATCH}"']
    for dev in ("null", "zero", "full", "random", "urandom"):
        lines += [f'{touch} "$R/dev/{dev}"', f'{mount} --bind /dev/{dev} "$R/dev/{dev}"']

    def ro_bind(path: str) -> list[str]:
        kind = "-p" if os.path.isdir(path) else ""
        make = f'{mkdir} -p "$R"{q(path)}' if kind else f'{mkdir} -p "$R"{q(os.path.dirname(path))} && {touch} "$R"{q(path)}'
        return [make, f'{mount} --bind {q(path)} "$R"{q(path)}', f'{mount} -o remount,bind,ro,nosuid,nodev "$R"{q(path)}']

    lines += ro_bind("/usr")
    for kind, path in _system_entries():
        lines += [f'{ln} -s {q(kind.split(":", 1)[1])} "$R"{q(path)}'] if kind.startswith("symlink:") else ro_bind(path)
    for f in ETC_FILES:
        if os.path.islink(f):
            lines += [f'{mkdir} -p "$R/etc"', f'{ln} -s {q(os.readlink(f))} "$R"{q(f)}']
        elif os.path.exists(f):
            lines += ro_bind(f)
    for path in paths:
        lines += ro_bind(path)
    lines += [f'{mount} -o remount,ro,nosuid,nodev "$R"', 'cd "$R"',
              f'exec {q(tools.chroot)} "$R" ' + " ".join(q(a) for a in setpriv_drop(tools.setpriv)) + ' "$@"']
    return [tools.unshare, "--pid", "--fork", "--kill-child", "--mount", "--propagation", "private",
            "--net", "--ipc", "--uts", tools.sh, "-c", "\n".join(lines), "jail-init"]


def command(level: Level, tools: Tools, extra_paths: list[str], *, root: bool, warm: bool,
            scratch_mb: int, mountpoint: str | None) -> list[str]:
    """The prefix that runs a command under `level` (the command follows it)."""
    paths = readable_paths([JAIL_DIR, *extra_paths])
    if level == "bwrap":
        return bwrap_command(tools, paths, root=root, warm=warm, scratch_mb=scratch_mb)
    if level == "unshare":
        assert mountpoint
        return unshare_command(tools, paths, mountpoint=mountpoint, scratch_mb=scratch_mb)
    if level == "uid-drop":
        assert tools.setpriv
        return setpriv_drop(tools.setpriv)
    return []
