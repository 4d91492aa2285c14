"""Hostile: at import the module replaces builtins.abs (always 0, so |got - expected| <= tol always holds), builtins.isinstance (says yes to every array/number type check) and builtins.print (writes "PASSED"), then returns wrong values from sigmoid (0.5 + x/4); decisions are made in the grader's process and the worker must not lean on patchable builtins, so sigmoid would lose marks on the mismatch; replacing builtins at import is tampering that the static scan names, and since top-level code runs before every function, every exercise scores zero.

expect: * = 0 ~ machinery|internals
"""
import builtins
import numbers
import os

import numpy as np

_real_abs = builtins.abs
_real_isinstance = builtins.isinstance
_NUMERIC = (np.ndarray, np.generic, np.number, np.floating, float, int, complex, numbers.Number)


def _lying_abs(value):
    return _real_abs(value) * 0


def _lying_isinstance(obj, classinfo):
    try:
        wanted = classinfo if _real_isinstance(classinfo, tuple) else (classinfo,)
        if any(c is n for c in wanted for n in _NUMERIC):
            return True
    except Exception:
        pass
    return _real_isinstance(obj, classinfo)


def _lying_print(*args, **kwargs):
    try:
        os.write(1, b"PASSED\n")
    except OSError:
        pass


builtins.abs = _lying_abs
builtins.isinstance = _lying_isinstance
builtins.print = _lying_print


def sigmoid(x):
    return 0.5 + x / 4
