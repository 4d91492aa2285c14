"""Hostile: sigmoid sleeps for 10 minutes (no CPU used, so a CPU-time rlimit never fires); only the per-call wall-clock limit stops it, so sigmoid must score zero with a time-limit message and the others keep full marks.

expect: sigmoid = 0 ~ time limit|timed out|timeout
"""
import time

import numpy as np


def sigmoid(x):
    time.sleep(600)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
