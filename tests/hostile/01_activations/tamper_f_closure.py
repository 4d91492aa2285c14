"""Hostile: numerical_gradient zeroes every array the grader's f can reach (closure cells, defaults, the globals its code names, an instance's attributes), tries to swap f's code for `return 0.0`, and returns zeros, which would then agree with any expected gradient recomputed from that same f; the grader computes its expected gradient from its own f in its own process, so numerical_gradient loses marks on the mismatch and the others keep full marks.

expect: numerical_gradient ~ mismatch|expected|match|differ|wrong|internals
"""
import numpy as np


def _zero(value):
    if type(value) is np.ndarray and value.flags.writeable:
        value[...] = 0


def numerical_gradient(f, x, h=1e-5):
    for cell in getattr(f, "__closure__", None) or ():
        try:
            _zero(cell.cell_contents)
        except ValueError:  # empty cell
            pass
    for value in getattr(f, "__defaults__", None) or ():
        _zero(value)
    code = getattr(f, "__code__", None)
    namespace = getattr(f, "__globals__", None)
    if code is not None and isinstance(namespace, dict):
        for name in code.co_names:
            _zero(namespace.get(name))
    for value in list(getattr(f, "__dict__", {}).values()):
        _zero(value)
    target = getattr(f, "__func__", f)
    try:
        target.__code__ = (lambda *args, **kwargs: 0.0).__code__
    except (AttributeError, TypeError, ValueError):
        pass
    return np.zeros_like(x)
