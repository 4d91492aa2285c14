"""Stable sigmoid computed separately on the x >= 0 and x < 0 entries (boolean masks),
so np.exp only ever sees non-positive arguments; the backward calls it and uses the
textbook dout * s * (1 - s).

expect: full
"""
import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[neg])
    out[neg] = ex / (1 + ex)
    return out


def sigmoid_backward(dout, x):
    s = sigmoid(x)
    return dout * s * (1 - s)
