"""Hostile: sigmoid walks gc.get_objects() (dicts, lists, tuples and instance dicts, for up to 1 s) looking for an array that already holds the expected answer and returns it if found; expected values are computed in the grader's process and never enter the worker, so nothing is found, it raises LookupError and sigmoid scores zero: a leak shows up as full marks and fails this test.

expect: sigmoid = 0 ~ LookupError|time limit|timed out|timeout|objects that are not yours
"""
import gc
import time

import numpy as np


def _honest(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def _arrays_in(obj):
    kind = type(obj)
    if kind is dict:
        items = obj.values()
    elif kind is list or kind is tuple:
        items = obj
    else:
        try:
            d = object.__getattribute__(obj, "__dict__")
        except Exception:
            return
        items = d.values() if type(d) is dict else ()
    for value in items:
        if type(value) is np.ndarray:
            yield value


def sigmoid(x):
    want = _honest(x)  # only to recognise a leaked answer
    if want.size:
        deadline = time.monotonic() + 1.0
        for i, obj in enumerate(gc.get_objects()):
            if i % 2000 == 0 and time.monotonic() > deadline:
                break
            for cand in _arrays_in(obj):
                if (cand is not want and cand is not x and cand.shape == want.shape
                        and cand.dtype == want.dtype and np.allclose(cand, want, rtol=1e-5, atol=0)):
                    return cand.copy()
    raise LookupError("no expected values found in the worker's objects")
