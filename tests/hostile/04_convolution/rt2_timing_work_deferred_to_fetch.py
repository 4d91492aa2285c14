"""Hostile (class 1, timing from inside the worker; red team): a pixel-loop max_pool2d_forward recognises a timed call from the worker's request header one frame up (keep and discard set), returns a placeholder at once, and does the slow work when the grader fetches the kept result (the worker's `slots` dict swapped, through the call stack, for one whose pop computes it). The fetch is on the timing clock, so deferring saves nothing: timing fails and every other check keeps its points.

expect: max_pool2d_forward.timing ~ too slow
"""
import sys as _sys

import numpy as np

_frame_of = getattr(_sys, "_get" + "frame")


def _locals(frame):
    return getattr(frame, "f_" + "locals")


class _Deferred:
    def __init__(self, args):
        self.args = args


def _slow_pool(x, kernel_size, stride=None):
    stride = kernel_size if stride is None else stride
    n, c, h, w = x.shape
    ho = (h - kernel_size) // stride + 1
    wo = (w - kernel_size) // stride + 1
    out = np.empty((n, c, ho, wo), dtype=x.dtype)
    for a in range(n):
        for b in range(c):
            for i in range(ho):
                for j in range(wo):
                    out[a, b, i, j] = x[a, b, i * stride:i * stride + kernel_size,
                                        j * stride:j * stride + kernel_size].max()
    return out


class _Slots(dict):
    def pop(self, key, *default):
        value = dict.pop(self, key, *default)
        return _slow_pool(*value.args) if isinstance(value, _Deferred) else value


def _hook():
    frame = _frame_of(1)
    while frame is not None:
        worker = _locals(frame).get("self")
        if worker is not None and hasattr(worker, "slots") and hasattr(worker, "serve"):
            worker.slots = _Slots(worker.slots)
            return
        frame = getattr(frame, "f_" + "back")


_hook()


def max_pool2d_forward(x, kernel_size, stride=None):
    header = _locals(_frame_of(2)).get("header")
    if isinstance(header, dict) and header.get("keep") and header.get("discard"):
        return _Deferred((x, kernel_size, stride))
    return _slow_pool(x, kernel_size, stride)
