"""A pytest plugin (`-p openeo_suite_fixes`) for running openeo-test-suite 0.2.2 against this backend.

Two workarounds for defects of the suite and of the API document, nothing about the backend:

1. Request bodies: `test_compliance.py` reads them from `payload_examples/` beside its own source
   tree, which the 0.2.2 wheel does not ship, and its loader joins relative paths twice
   (`os.path.join(folder, folder/file)`). `OPENEO_SUITE_PAYLOADS` names an absolute folder instead
   (ours: tests/data/openeo_test_suite/payload_examples).
2. The API document, with `OPENEO_SUITE_SPEC_FIX=1`:
   - its `process_json_schema` is a `oneOf` whose first branch ("Generic") matches every schema,
     so no ordinary process description validates (Open-EO/openeo-api#600); it is read as the
     `anyOf` it is meant to be, as tests/backend/test_openapi_conformance.py does;
   - it is OpenAPI 3.0 (`nullable: true`), but the suite validates with openapi-core's 3.1
     validator, which ignores `nullable`; so `null` where the document allows it (process
     examples such as `add(x=1, y=null)`) fails. `nullable` is translated to 3.1's `"null"` type.
3. `test_PUT_process_graphs_process_id` names its user-defined process `str(uuid.uuid4())`, with
   hyphens, which the API's `process_id` pattern `^\w+$` forbids (the suite's own helper uses
   `uuid4().hex`); with `OPENEO_SUITE_SPEC_FIX=1` uuid4 ids print as hex.
4. The processes tests' http runner (`--runner http`) sends every callback as `null`: its
   `Http.encode_process_graph` is the base class's empty stub. With `OPENEO_SUITE_HTTP_CALLBACKS=1`
   it sends the callback as written, the way any openEO client sends one, with the vectors'
   `from_argument` (openEO API 0.4, not a key of API 1.x) read as `from_parameter`, or as
   `from_node` when it names a node of the callback, exactly as tests/backend/test_processes_vectors.py
   reads them.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import openeo_test_suite.lib.compliance_util as compliance_util

_payloads = os.environ.get("OPENEO_SUITE_PAYLOADS")
if _payloads:
    compliance_util.get_examples_path = lambda: Path(_payloads).resolve()

if os.environ.get("OPENEO_SUITE_SPEC_FIX") == "1":
    _adjust_server = compliance_util.adjust_server

    def _nullable_to_31(node):  # noqa: ANN001, ANN202
        """OpenAPI 3.0 `nullable: true` as OpenAPI 3.1 says it: "null" among the types."""
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            if item.pop("nullable", False) is True:
                if isinstance(item.get("type"), str):
                    item["type"] = [item["type"], "null"]
                elif isinstance(item.get("type"), list) and "null" not in item["type"]:
                    item["type"].append("null")
                for key in ("anyOf", "oneOf"):
                    if isinstance(item.get(key), list):
                        item[key].append({"type": "null"})
                if "enum" in item and None not in item["enum"]:
                    item["enum"].append(None)
            stack.extend(item.values())

    def _adjust_server_and_fix(path_to_file, endpoint):  # noqa: ANN001
        data = _adjust_server(path_to_file=path_to_file, endpoint=endpoint)
        schema = data["components"]["schemas"]["process_json_schema"]
        if "oneOf" in schema:
            schema["anyOf"] = schema.pop("oneOf")
        _nullable_to_31(data)
        return data

    compliance_util.adjust_server = _adjust_server_and_fix

    class _HexUUID(uuid.UUID):
        def __str__(self) -> str:
            return self.hex

    uuid.uuid4 = lambda: _HexUUID(bytes=os.urandom(16), version=4)


if os.environ.get("OPENEO_SUITE_HTTP_CALLBACKS") == "1":
    from openeo_test_suite.lib.process_runner.http import Http

    def _from_argument(value, nodes=None):  # noqa: ANN001, ANN202
        if isinstance(value, dict):
            if set(value) == {"from_argument"}:
                name = value["from_argument"]
                return {"from_node": name} if nodes and name in nodes else {"from_parameter": name}
            if isinstance(value.get("process_graph"), dict):
                graph = value["process_graph"]
                return {**value, "process_graph": {k: _from_argument(n, set(graph)) for k, n in graph.items()}}
            return {k: _from_argument(v, nodes) for k, v in value.items()}
        if isinstance(value, list):
            return [_from_argument(v, nodes) for v in value]
        return value

    def _encode_process_graph(self, process, parent_process_id=None, parent_parameter=None):  # noqa: ANN001, ANN202
        return _from_argument(process)

    Http.encode_process_graph = _encode_process_graph


def pytest_collection_modifyitems(items):  # noqa: ANN001, ANN201
    """Name each process test by its vector, `<process_id>#<index in the process's tests file>`,
    as a junit property `vector` (the suite's own ids count across all processes)."""
    seen: dict[str, int] = {}
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "process_id" not in params or "example" not in params:
            continue
        index = seen.get(params["process_id"], 0)
        seen[params["process_id"]] = index + 1
        item.user_properties.append(("vector", f"{params['process_id']}#{index}"))
