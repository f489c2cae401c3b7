"""The code that runs inside the jail for drafted scripts (imported there as `openeo_agent_sandbox`).

Nothing here imports the rest of the project: the jail binds only this folder, the jail's own
code and the interpreter. `main` is the entry; `guard`, `capture` and `formula` are its layers.
"""
