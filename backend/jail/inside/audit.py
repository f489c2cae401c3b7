"""The audit hook of every jailed child (drafted scripts and UDFs): defence in depth under the jail.

Inside the jail this package is registered by the zygote as `openeo_agent_jail`; the parent
imports it as `backend.jail.inside`. Standard library only.

It refuses sockets, processes, signals, ctypes, pickles, tracing, file writes outside the
run's scratch folder and reads outside the interpreter. The hook reads no global or builtin
name when it runs: everything it uses is a private copy bound when it was made (closure cells),
so rebinding module attributes (`os.path.realpath`, this module's tables, `builtins.isinstance`)
cannot switch it off. Paths are resolved with the posix module's C functions captured at
install time, not with `os.path` (whose helpers look up Python globals).
"""

import posix
import stat
import sys


class GuardViolation(PermissionError):
    """Raised by the audit hook; reported as a runtime refusal."""


BLOCKED_EVENT_PREFIXES = (
    "socket.", "subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork",
    "os.forkpty", "os.kill", "os.killpg", "os.chown", "os.link", "os.symlink", "os.truncate", "os.putenv",
    "os.unsetenv", "os.startfile", "os.chdir", "os.chroot", "os.setuid", "os.setgid", "os.setreuid",
    "os.setregid", "os.setgroups", "os.add_dll_directory", "os.chflags", "os.lchflags", "os.lchmod",
    "shutil.", "ctypes.", "pty.", "webbrowser.", "urllib.Request", "http.client.", "ftplib.", "smtplib.",
    "poplib.", "imaplib.", "telnetlib.", "nntplib.", "sys._current_frames", "sys.setprofile", "sys.settrace",
    "sys.addaudithook", "setopencodehook", "gc.get_referrers", "gc.get_referents", "gc.get_objects",
    "code.__new__", "function.__new__", "cpython.run_", "cpython.remote_debugger", "sqlite3.", "mmap.",
    "resource.setrlimit", "resource.prlimit", "fcntl.", "signal.", "syslog.", "winreg.", "msvcrt.",
    "pickle.find_class", "_posixsubprocess.", "sys.unraisablehook", "sys.excepthook",
    "import_module_from_fd",
)
BLOCKED_IMPORTS = frozenset({"ctypes", "_ctypes", "subprocess", "_posixsubprocess", "multiprocessing", "pty",
                             "cffi", "_socket", "socket", "pickle", "_pickle", "marshal", "dill", "cloudpickle"})
SCRATCH_EVENTS = frozenset({"os.mkdir", "os.rmdir", "os.remove", "os.unlink", "os.rename", "os.replace",
                            "os.chmod", "os.utime"})
LISTING_EVENTS = frozenset({"os.listdir", "os.scandir", "glob.glob", "glob.glob/2"})


def install(read_roots: tuple, scratch: str, blocked_imports: frozenset = BLOCKED_IMPORTS) -> None:
    """Install the hook (for the rest of the process; it cannot be removed)."""
    sys.addaudithook(make_hook(read_roots, scratch, blocked_imports))


def make_hook(read_roots: tuple, scratch: str, blocked_imports: frozenset = BLOCKED_IMPORTS):
    """The audit hook. Everything it calls is bound here, once: it performs no global or builtin
    lookup when an event arrives (tests/tools/test_sandbox_guard.py checks its bytecode)."""
    roots = tuple(r.rstrip("/") + "/" for r in read_roots if r)
    scratch_root = scratch.rstrip("/") + "/"
    write_flags = posix.O_WRONLY | posix.O_RDWR | posix.O_CREAT | posix.O_TRUNC | posix.O_APPEND
    is_link = stat.S_ISLNK
    lstat, readlink, getcwd = posix.lstat, posix.readlink, posix.getcwd
    blocked = BLOCKED_EVENT_PREFIXES
    scratch_events, listing_events = SCRATCH_EVENTS, LISTING_EVENTS
    violation, str_type, int_type, bytes_type = GuardViolation, str, int, bytes
    os_error, value_error, is_instance = OSError, ValueError, isinstance
    blocked_imports = frozenset(blocked_imports)

    def text(path):
        return path.decode("utf-8", "surrogateescape") if is_instance(path, bytes_type) else str_type(path)

    def resolve(path):
        """The real path (symlinks followed) of `path`, with captured C functions only."""
        if path[:1] != "/":
            path = getcwd() + "/" + path
        done, todo, hops = [], path.split("/"), 0
        while todo:
            part = todo.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            candidate = "/" + "/".join(done + [part])
            try:
                st = lstat(candidate)
            except (os_error, value_error):
                done.append(part)
                continue
            if is_link(st.st_mode):
                hops += 1
                if hops > 40:
                    raise violation("Too many symbolic links.")
                target = readlink(candidate)
                if target[:1] == "/":
                    done = []
                todo = target.split("/") + todo
                continue
            done.append(part)
        return "/" + "/".join(done)

    def inside(path, prefixes):
        return (resolve(text(path)) + "/").startswith(prefixes)

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            if path is None or is_instance(path, int_type):
                return
            writing = (is_instance(mode, str_type) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) \
                or (is_instance(flags, int_type) and flags & write_flags)
            if writing:
                if not inside(path, (scratch_root,)):
                    raise violation(f"Writing files is not allowed in the sandbox ({path}); only the run's scratch folder is writable.")
            elif not inside(path, roots + (scratch_root,)):
                raise violation(f"Reading files is not allowed in the sandbox ({path}).")
        elif event == "import":
            if args[0].split(".")[0] in blocked_imports:
                raise violation(f"Importing '{args[0]}' is not allowed in the sandbox.")
        elif event in scratch_events:
            for p in args:
                if is_instance(p, (str_type, bytes_type)) and not inside(p, (scratch_root,)):
                    raise violation(f"'{event}' outside the run's scratch folder is not allowed in the sandbox.")
        elif event in listing_events:
            p = args[0] if args else "."
            if is_instance(p, (str_type, bytes_type)) and not inside(p, roots + (scratch_root,)):
                raise violation(f"Listing '{p}' is not allowed in the sandbox.")
        elif event.startswith(blocked):
            raise violation(f"'{event}' is not allowed in the sandbox.")

    hook.parts = (text, resolve, inside)  # for the bytecode test
    return hook


def read_roots(*modules) -> tuple:
    import sysconfig

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        roots.add(sysconfig.get_paths()[key])
    for mod in modules:
        roots.add(posix_dirname(posix_dirname(mod.__file__)))
    roots |= {p for p in sys.path if p.startswith("/")}
    roots |= {"/usr/share/zoneinfo", "/usr/lib/python3/dist-packages"}  # not /etc, not the home folder
    return tuple(sorted(r for r in roots if r))


def posix_dirname(path: str) -> str:
    return path.rsplit("/", 1)[0] or "/"
