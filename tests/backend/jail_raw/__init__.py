"""A jail entry for tests: runs the given Python with the real builtins and no Python layer at
all, so the tests prove what the operating-system jail holds on its own."""
