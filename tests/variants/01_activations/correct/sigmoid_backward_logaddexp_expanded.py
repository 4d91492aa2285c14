"""s = exp(-logaddexp(0, -x)) recomputed inside the backward, with the product expanded as
dout * s - dout * s * s (the same value as dout * s * (1 - s), rounded differently).

expect: full
"""
import numpy as np


def sigmoid_backward(dout, x):
    s = np.exp(-np.logaddexp(0, -x))
    return dout * s - dout * s * s
