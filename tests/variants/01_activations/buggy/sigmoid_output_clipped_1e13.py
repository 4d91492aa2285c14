"""sigmoid computed stably, then clipped to [1e-13, 1 - 1e-13] so that a later log() never sees
0 or 1: the contract's own example of a mismatch (1e-13 where the truth is 4e-18).

expect: sigmoid ~ differ|expected|wrong|mismatch
"""
import numpy as np


def sigmoid(x):
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
    return np.clip(s, 1e-13, 1 - 1e-13).astype(x.dtype, copy=False)
