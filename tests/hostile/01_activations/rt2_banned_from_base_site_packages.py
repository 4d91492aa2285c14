"""Hostile (class 3, banned library at run time; red team): sigmoid drops the stand-in finder from the import machinery, puts the base interpreter's site-packages (which holds scipy, outside the venv) on sys.path and imports scipy.special through a computed __import__, all through getattr so the static scan sees none of it. The worker's root has no package directory but the ones this Python imports from, and banned libraries are absent from those, so there is no scipy to find: sigmoid scores zero and every other exercise keeps full marks.

expect: sigmoid = 0 ~ No module|not allowed|scipy
"""
import os
import sys as _sys


def _lib(name):
    finders = getattr(_sys, "meta" + "_path")
    for finder in list(finders):
        if "Stub" in type(finder).__name__:
            finders.remove(finder)
    table = getattr(_sys, "mod" + "ules")
    for key in list(table):
        if key.split(".")[0] == name.split(".")[0]:
            del table[key]
    version = f"python{_sys.version_info[0]}.{_sys.version_info[1]}"
    for prefix in {_sys.base_prefix, _sys.prefix, "/usr", "/usr/local"}:
        for folder in ("site-packages", "dist-packages"):
            base = os.path.join(prefix, "lib", version, folder)
            if os.path.isdir(base) and base not in _sys.path:
                _sys.path.append(base)
    load = getattr(table["built" + "ins"], "__imp" + "ort__")
    return load(name, fromlist=["_"])


def sigmoid(x):
    return _lib("sci" + "py.special").expit(x)
