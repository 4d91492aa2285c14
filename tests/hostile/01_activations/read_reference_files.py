"""Hostile: sigmoid looks for the reference's and the grader's source files by path (../../reference/activations.py and friends; where sys.meta_path finders and editable-install .pth files say the packages live, found without importing them; next to sys.modules["grader"].__file__; under $PWD and the ancestors' /proc/PID/cwd; then a 1 s walk from /) and answers correctly only if it can read one; those directories are hidden from the worker, so it raises LookupError and sigmoid scores zero: a sandbox that leaks the sources shows up as full marks and fails this test.

expect: sigmoid = 0 ~ LookupError|not readable|time limit|timed out|timeout|reference.*not allow
"""
import os
import re
import sys
import time

import numpy as np

_WANTED = ("/reference/activations.py", "/grader/__init__.py")
_SKIP = {"proc", "sys", "dev", "run", ".git", "node_modules", "__pycache__"}
_found = []


def _readable(path):
    try:
        with open(path, "rb") as fh:
            return bool(fh.read(64))
    except OSError:
        return False


def _package_dirs():
    """Where `grader` and `reference` would be imported from, without importing them."""
    dirs = []
    for finder in list(sys.meta_path):
        for name in ("reference", "grader"):
            try:
                spec = finder.find_spec(name, None)
            except Exception:
                continue
            origin = getattr(spec, "origin", None) or ""
            locations = list(getattr(spec, "submodule_search_locations", None) or [])
            dirs += [os.path.dirname(origin)] if origin else []
            dirs += [str(d) for d in locations]
    for entry in list(sys.path):
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".pth") or (name.startswith("__editable__") and name.endswith(".py")):
                try:
                    with open(os.path.join(entry, name)) as fh:
                        text = fh.read(200_000)
                except OSError:
                    continue
                dirs += re.findall(r"(/[^'\"\s:]+)", text)
    return dirs


def _guesses():
    for d in _package_dirs():
        for tail in ("activations.py", "__init__.py", "reference/activations.py", "grader/__init__.py"):
            path = os.path.join(d, tail)
            if path.endswith(_WANTED):
                yield path
    roots = [".", "..", "../..", "../../.."]
    roots += [os.environ[k] for k in ("PWD", "OLDPWD", "VIRTUAL_ENV") if os.environ.get(k)]
    pid = os.getpid()
    for _ in range(3):
        try:
            with open(f"/proc/{pid}/status") as fh:
                pid = int(re.search(r"^PPid:\s+(\d+)", fh.read(), re.M).group(1))
        except (OSError, AttributeError, ValueError):
            break
        if pid <= 1:
            break
        roots.append(f"/proc/{pid}/cwd")
    for name in ("grader", "reference"):
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None) or ""
        if path:
            roots.append(os.path.dirname(os.path.dirname(path)))
    for root in roots:
        for tail in ("reference/activations.py", "grader/__init__.py"):
            yield os.path.join(root, tail)


def _search():
    for path in _guesses():
        if _readable(path):
            return path
    deadline = time.monotonic() + 1.0
    for root, dirs, files in os.walk("/"):
        if time.monotonic() > deadline:
            break
        dirs[:] = [d for d in dirs if d not in _SKIP]
        for name in files:
            path = os.path.join(root, name)
            if path.endswith(_WANTED) and _readable(path):
                return path
    return None


def sigmoid(x):
    if not _found:
        _found.append(_search())  # one search per worker
    if _found[0] is None:
        raise LookupError("no reference or grader source is readable from the sandbox")
    z = np.exp(-np.abs(x))  # found one: act as if it had given the answer away
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
