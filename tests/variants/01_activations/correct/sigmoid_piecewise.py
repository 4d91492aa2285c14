"""Stable sigmoid through np.piecewise, one lambda per sign (each only sees its own entries,
so neither exponential overflows); works for 0-d inputs too.

expect: full
"""
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    return np.piecewise(x, [x >= 0, x < 0],
                        [lambda v: 1 / (1 + np.exp(-v)), lambda v: np.exp(v) / (1 + np.exp(v))])
