"""Hostile: sigmoid reads its callers' locals (sys._getframe(1).f_locals up the whole chain, inspect.stack(), and every thread's frames via sys._current_frames()) looking for an array that already holds the expected answer and returns it if found; the worker's frames never hold expected values, so it raises LookupError and sigmoid scores zero: a leak shows up as full marks and fails this test.

expect: sigmoid = 0 ~ LookupError|time limit|timed out|timeout|internals
"""
import inspect
import sys

import numpy as np


def _honest(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def _frames():
    frame = sys._getframe(1)
    while frame is not None:
        yield frame
        frame = frame.f_back
    try:
        for info in inspect.stack(0):
            yield info.frame
    except Exception:
        pass
    for frame in sys._current_frames().values():
        while frame is not None:
            yield frame
            frame = frame.f_back


def _arrays(value, depth=0):
    if type(value) is np.ndarray:
        yield value
    elif depth < 2 and type(value) in (list, tuple):
        for item in value:
            yield from _arrays(item, depth + 1)
    elif depth < 2 and type(value) is dict:
        for item in value.values():
            yield from _arrays(item, depth + 1)


def sigmoid(x):
    want = _honest(x)  # only to recognise a leaked answer
    if want.size:
        for frame in _frames():
            try:
                values = list(frame.f_locals.values())
            except Exception:
                continue
            for value in values:
                for cand in _arrays(value):
                    if (cand is not want and cand is not x and cand.shape == want.shape
                            and cand.dtype == want.dtype
                            and np.allclose(cand, want, rtol=1e-5, atol=0)):
                        return cand.copy()
    raise LookupError("no expected values found in the callers' frames")
