"""What the user's code sees, and the runtime guard under it (defence in depth; the OS jail is the boundary).

- restricted builtins (no exec/eval/open/getattr/...; `print` writes to a capped buffer);
- read-only proxies of the allowed modules: public names only, submodules only inside allowed
  packages, and none of the known gadgets (functions that evaluate strings with real builtins,
  load pickles or libraries, or run graphs locally);
- the jail's audit hook (backend/jail/inside/audit.py, shared with the UDF runner).
"""

import builtins
import io
import sys
import types

try:
    from openeo_agent_jail.audit import GuardViolation, install, make_hook, read_roots  # inside the jail
except ImportError:  # in the parent (the policy and tests import this module)
    from backend.jail.inside.audit import GuardViolation, install, make_hook, read_roots

SAFE_BUILTINS = (
    "abs all any ascii bin bool bytearray bytes callable chr classmethod complex dict divmod enumerate "
    "filter float format frozenset hash hex id int isinstance issubclass iter len list map max min next oct "
    "ord pow print property range repr reversed round set slice sorted staticmethod str sum tuple zip "
    "ArithmeticError AssertionError AttributeError BaseException DeprecationWarning EOFError Exception "
    "FileExistsError FileNotFoundError FloatingPointError ImportError IndexError KeyError LookupError "
    "MemoryError NameError NotImplemented NotImplementedError OSError OverflowError PermissionError "
    "RecursionError RuntimeError RuntimeWarning StopIteration TimeoutError TypeError UserWarning ValueError "
    "Warning ZeroDivisionError Ellipsis True False None"
).split()

ALLOWED_MODULES = frozenset({
    "openeo", "datetime", "time", "math", "json", "statistics", "calendar", "pathlib", "numpy", "scipy",
    "collections", "itertools", "functools", "re", "typing", "dataclasses", "enum", "decimal", "fractions",
    "random", "warnings", "logging", "pprint", "textwrap", "__future__",
})
"""What user code may import (top-level names; submodules included unless refused below)."""

INTERNAL_IMPORTS = frozenset({"_strptime", "time", "locale", "_locale", "encodings", "unicodedata"})
"""Imports the allowed modules make from C through the caller's `__import__` (strftime, strptime)."""

REFUSED_MODULES = {
    "openeo.udf.run_code": "it runs UDF code locally with unrestricted builtins; UDFs run on the backend (openeo.UDF + run_udf)",
    "openeo.udf": "it runs UDF code locally; build UDF graphs with openeo.UDF(...) and run_udf, which run on the backend",
    "openeo.local": "it executes process graphs on local files; the sandbox only builds graphs for the backend",
    "openeo.testing": "it reads and compares local result files, which the sandbox does not have",
    "numpy.ctypeslib": "it loads native libraries",
    "numpy.f2py": "it compiles and loads native code",
    "numpy.distutils": "it compiles native code",
    "numpy.testing": "it starts processes and is not needed to build a graph",
    "numpy.lib.format": "it can load pickled objects",
    "logging.config": "it evaluates configuration strings as Python code",
    "logging.handlers": "it opens sockets and files",
    "scipy.weave": "it compiles native code",
    "scipy.datasets": "it downloads files and unpickles them",
}
"""Modules that hold gadgets the syntax tree cannot see, with the one-sentence reason.

Found by auditing every module reachable from ALLOWED_MODULES for eval/exec/compile, pickle,
marshal, importlib and dynamic getattr on caller-supplied strings: openeo's spectral indices
(eval of formulas: replaced by formula.py, not refused), its local UDF runner and local graph
execution, numpy's pickle loaders and native-code helpers, logging's config (eval), scipy's
dataset fetchers (pickle). What remains (exec in scipy.stats/_bunch/optimize on validated
identifiers, namedtuple/dataclasses code generation, eval of annotation strings) is either fed
no caller text or refused by name below."""

REFUSED_NAMES = {
    "numpy": {"load": "numpy.load can unpickle objects; build arrays in code (numpy.array, numpy.ones)",
              "memmap": "memory maps are not needed to build a graph"},
    "numpy.lib.npyio": {"load": "numpy.load can unpickle objects", "NpzFile": "NpzFile can unpickle objects"},
    "typing": {"get_type_hints": "it evaluates annotation strings with unrestricted builtins",
               "ForwardRef": "it evaluates annotation strings with unrestricted builtins"},
    "openeo": {"udf": REFUSED_MODULES["openeo.udf"]},
}


def refusal(name: str) -> str | None:
    for refused, why in REFUSED_MODULES.items():
        if name == refused or name.startswith(refused + "."):
            return f"'{name}' is not available in the sandbox: {why}."
    return None


class SafeModule(types.ModuleType):
    """A read-only view of a module: public names only; submodules only of allowed packages."""

    def __init__(self, real: types.ModuleType) -> None:
        super().__init__(real.__name__)
        object.__setattr__(self, "_SafeModule__real", real)

    def __getattr__(self, name: str):
        real = object.__getattribute__(self, "_SafeModule__real")
        if name == "__all__":  # `from module import *`
            return [n for n in getattr(real, "__all__", None) or dir(real) if not n.startswith("_") and _public(real, n)]
        if name.startswith("_"):
            raise AttributeError(f"'{name}' is private and not available in the sandbox")
        why = REFUSED_NAMES.get(real.__name__, {}).get(name)
        if why:
            raise AttributeError(f"'{real.__name__}.{name}' is not available in the sandbox: {why}.")
        value = getattr(real, name)
        if isinstance(value, types.ModuleType):
            if value.__name__.split(".")[0] not in ALLOWED_MODULES - {"__future__"}:
                raise AttributeError(f"module '{real.__name__}' has no public attribute '{name}' in the sandbox")
            why = refusal(value.__name__)
            if why:
                raise AttributeError(why)
            return SafeModule(value)
        return value

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __dir__(self):
        return self.__getattr__("__all__")


def _public(real: types.ModuleType, name: str) -> bool:
    if name in REFUSED_NAMES.get(real.__name__, {}):
        return False
    value = getattr(real, name, None)
    if isinstance(value, types.ModuleType):
        return value.__name__.split(".")[0] in ALLOWED_MODULES and refusal(value.__name__) is None
    return True


def safe_import(name, globals=None, locals=None, fromlist=(), level=0):
    top = name.split(".")[0]
    if level:
        raise ImportError("Relative imports are not allowed in the sandbox.")
    if name in INTERNAL_IMPORTS and not fromlist:
        return __import__(name)
    if top not in ALLOWED_MODULES:
        raise ImportError(f"Importing '{name}' is not allowed in the sandbox (allowed: {', '.join(sorted(ALLOWED_MODULES - {'__future__'}))}).")
    why = refusal(name) or next((refusal(f"{name}.{n}") for n in fromlist or () if refusal(f"{name}.{n}")), None)
    if why:
        raise ImportError(why)
    real = __import__(name, None, None, ("_",) if fromlist else (), 0)
    if fromlist:
        for n in fromlist:  # `from numpy import load` is the same gadget as `numpy.load`
            reason = REFUSED_NAMES.get(real.__name__, {}).get(n)
            if reason:
                raise ImportError(f"'{real.__name__}.{n}' is not available in the sandbox: {reason}.")
        return SafeModule(real)
    return SafeModule(sys.modules[top])


def user_builtins(stdout) -> dict:
    b = {name: getattr(builtins, name) for name in SAFE_BUILTINS if hasattr(builtins, name)}

    def safe_print(*args, sep=" ", end="\n", file=None, flush=False):
        stdout.write((" " if sep is None else str(sep)).join(str(a) for a in args) + ("\n" if end is None else str(end)))

    b["print"] = safe_print
    b["__import__"] = safe_import
    b["__build_class__"] = builtins.__build_class__  # class statements (dataclasses); dunder names stay refused
    return b


class TailBuffer(io.TextIOBase):
    """Keeps the last `limit` characters written (prints and client warnings)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, s) -> int:
        s = str(s)
        self.parts.append(s)
        self.size += len(s)
        while self.size > self.limit * 2 and len(self.parts) > 1:
            self.size -= len(self.parts.pop(0))
        return len(s)

    def getvalue(self) -> str:
        return "".join(self.parts)[-self.limit:]


__all__ = ["ALLOWED_MODULES", "GuardViolation", "SafeModule", "TailBuffer", "install", "make_hook", "read_roots",
           "refusal", "safe_import", "user_builtins"]
