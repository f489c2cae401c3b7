"""The sandbox child: runs one drafted script and reports the process graphs it built.

Loaded by the jail's zygote (backend/jail/zygote.py) as the entry of package
`openeo_agent_sandbox`; importing this module is the warm-up (the openeo client and the
modules user code may import), `main` handles one run in a forked child whose limits are set.

Input (stdin, JSON): {"code", "snapshot": {"root_url", "responses"}, "files": {"places/<name>.geojson": text}}
(the run folder's place files, written into the scratch folder before the code runs).
Output (stdout, one JSON line): {"graphs", "udps", "stdout", "error"}.
"""

import calendar  # noqa: F401  (imported for user code: modules are loaded before the guard)
import collections  # noqa: F401
import dataclasses  # noqa: F401
import datetime  # noqa: F401
import decimal  # noqa: F401
import enum  # noqa: F401
import fractions  # noqa: F401
import functools  # noqa: F401
import itertools  # noqa: F401
import json
import logging  # noqa: F401
import math  # noqa: F401
import os
import pathlib  # noqa: F401
import pprint  # noqa: F401
import random  # noqa: F401
import re
import statistics  # noqa: F401
import sys
import textwrap  # noqa: F401
import time  # noqa: F401
import _strptime  # noqa: F401  (datetime.strptime imports it from C)
import traceback
import typing  # noqa: F401
import warnings  # noqa: F401

import numpy  # noqa: F401
import openeo
import openeo.extra.spectral_indices
import openeo.extra.spectral_indices.spectral_indices as _si
import openeo.processes  # noqa: F401
import openeo.rest.connection  # noqa: F401
import openeo.rest.datacube  # noqa: F401
import openeo.rest.job  # noqa: F401
import requests
import scipy  # noqa: F401

from . import capture, formula, guard

_si.load_indices(), _si.load_constants(), _si._load_bands()  # read their JSON now, not under the guard

CODE_FILENAME = "code.py"
MAX_OUTPUT = 4000
MAX_RESULT_BYTES = 5_000_000
INPUT_NAME = re.compile(r"^places/[a-z0-9][a-z0-9-]*\.geojson$")  # tools/place_files.py NAME


def warm() -> None:
    """Heavier modules scripts use for kernels, loaded once in a resident worker."""
    import scipy.ndimage  # noqa: F401
    import scipy.signal  # noqa: F401


def user_line(tb) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == CODE_FILENAME:
            line = lineno
    return line


def _refused(e: BaseException) -> bool:
    return isinstance(e, (ImportError, AttributeError)) and "not available in the sandbox" in str(e)


def write_inputs(files: dict, scratch: str) -> None:
    """The run folder's place files as copies in the scratch folder, where the script reads them
    by the same relative path as in the run folder; any other name is ignored."""
    for name, text in (files or {}).items():
        if not (isinstance(name, str) and isinstance(text, str) and INPUT_NAME.match(name)):
            continue
        os.makedirs(os.path.join(scratch, os.path.dirname(name)), mode=0o700, exist_ok=True)
        with open(os.path.join(scratch, name), "w", encoding="utf-8") as f:
            f.write(text)


def run(request: dict) -> dict:
    captured = capture.Captured()
    capture.install_client_patches(request["snapshot"], captured)
    formula.patch_spectral_indices()
    out = guard.TailBuffer(MAX_OUTPUT)
    code_obj = compile(request["code"], CODE_FILENAME, "exec", dont_inherit=True)
    scratch = os.getcwd()
    write_inputs(request.get("files") or {}, scratch)
    env = {"__builtins__": guard.user_builtins(out), "__name__": "__main__", "__file__": os.path.join(scratch, CODE_FILENAME)}
    error = None
    sys.stdout = sys.stderr = out  # client warnings (logging's last resort) land here too
    guard.install(guard.read_roots(openeo, requests, json), scratch)
    try:
        exec(code_obj, env)
    except guard.GuardViolation as e:
        error = {"kind": "refused", "rule": "runtime-guard", "line": user_line(e.__traceback__), "message": str(e)}
    except BaseException as e:  # the user's own error, reported to the model; never re-raised
        if _refused(e):
            error = {"kind": "refused", "rule": "module", "line": user_line(e.__traceback__), "message": str(e)}
        else:
            error = {"kind": "code_error", "code": "TooManyGraphs" if isinstance(e, capture.TooManyGraphs) else "CodeError",
                     "exception": type(e).__name__, "line": user_line(e.__traceback__), "message": str(e)[:500]}
            if isinstance(e, AttributeError) and isinstance(getattr(e, "name", None), str):
                error["attribute"], error["owner"] = e.name, type(e.obj).__name__  # for the nearest-method hint
    graphs = [g for g in captured.graphs if g.get("process_graph")]
    result = {"graphs": graphs, "udps": list(captured.udps.values()), "stdout": out.getvalue(), "error": error}
    if len(json.dumps(result)) > MAX_RESULT_BYTES:
        result = {"graphs": [], "udps": [], "stdout": out.getvalue(), "error": {
            "kind": "code_error", "code": "GraphTooLarge", "exception": "", "line": None,
            "message": "The process graphs are larger than 5 MB; keep them small (no loops that add thousands of nodes)."}}
    return result


def main(stdin, stdout) -> int:
    request = json.loads(stdin.read())
    sys.stdin = open(os.devnull)
    result = run(request)
    stdout.write(json.dumps(result).encode() + b"\n")
    stdout.flush()
    return 0
