"""Hostile: sigmoid returns an array of zeros and hands it to a background thread that writes the right values into that same array 50 ms later; the result is what the function returned when it returned, so the worker must snapshot it at once: sigmoid loses marks on the mismatch (a grader that reads the array later would be fooled into full marks) and the others keep full marks.

expect: sigmoid ~ mismatch|expected|match|differ|wrong
"""
import queue
import threading
import time

import numpy as np

_jobs = queue.Queue()


def _fixer():
    while True:
        out, right = _jobs.get()
        time.sleep(0.05)
        out[...] = right


threading.Thread(target=_fixer, name="late-fixer", daemon=True).start()


def sigmoid(x):
    z = np.exp(-np.abs(x))
    right = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    out = np.zeros_like(right)
    _jobs.put((out, right))
    return out
