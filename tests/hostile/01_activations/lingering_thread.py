"""Hostile: on its first call sigmoid starts a non-daemon thread that sleeps 10 minutes, so the worker's interpreter cannot exit normally, then returns the right answer; every call returned correctly and the grader must kill rather than wait for the worker, so every exercise keeps full marks.

expect: full
"""
import threading
import time

import numpy as np

_started = []


def sigmoid(x):
    if not _started:
        thread = threading.Thread(target=time.sleep, args=(600,), name="lingerer", daemon=False)
        thread.start()
        _started.append(thread)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
