"""Hostile: at import the module freezes every clock a timer might read in the worker (time.perf_counter/_ns, monotonic/_ns, process_time/_ns, thread_time/_ns, time/_ns, timeit.default_timer now advance 1 ns per read), and softmax_cross_entropy is correct but loops over the rows in Python; timing must be measured where the student cannot reach the clock, so only the timing check fails and every correctness check passes.

expect: softmax_cross_entropy.timing ~ slow|time|ratio|faster|limit
"""
import itertools
import time
import timeit

import numpy as np

_ticks = itertools.count()
_BASE = 1_000_000.0


def _frozen_seconds():
    return _BASE + next(_ticks) * 1e-9


def _frozen_ns():
    return int(_BASE * 1e9) + next(_ticks)


for _name in ("perf_counter", "monotonic", "process_time", "thread_time", "time"):
    setattr(time, _name, _frozen_seconds)
    setattr(time, _name + "_ns", _frozen_ns)
timeit.default_timer = _frozen_seconds


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    dlogits = np.empty_like(logits)
    total = 0.0
    for i in range(n):  # one row at a time: correct, but far slower than the vectorized reference
        row = logits[i]
        shifted = row - row.max()
        e = np.exp(shifted)
        s = e.sum()
        total += float(np.log(s) - shifted[labels[i]])
        dlogits[i] = e / s
        dlogits[i, labels[i]] -= 1
    dlogits /= n
    return total / n, dlogits
