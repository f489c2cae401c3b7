"""Entry `main(stdin, stdout)`: exec the request's code; its `RESULT` dict is the JSON answer."""

import contextlib
import io
import json


def main(stdin, stdout) -> int:
    request = json.loads(stdin.read())
    namespace = {"__name__": "__main__", "RESULT": {}}
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(request["code"], namespace)
        answer = {"ok": True, "result": namespace["RESULT"]}
    except BaseException as e:  # reported to the test
        answer = {"ok": False, "error": f"{type(e).__name__}: {e}", "result": namespace.get("RESULT")}
    answer["printed"] = printed.getvalue()[-2000:]
    stdout.write(json.dumps(answer, default=str).encode() + b"\n")
    stdout.flush()
    return 0
