"""Copy, then scale the negative entries of the copy in place.

expect: full
"""
import numpy as np


def leaky_relu(x, alpha=0.01):
    out = np.array(x, copy=True)
    out[out < 0] *= alpha
    return out
