"""sigma(x) = (1 + tanh(x/2)) / 2, so sigma'(x) = (1 - tanh(x/2)**2) / 4: np.tanh saturates
to +-1 without overflow, giving exactly 0 in the far tails.

expect: full
"""
import numpy as np


def sigmoid_backward(dout, x):
    t = np.tanh(x / 2)
    return dout * 0.25 * (1 - t * t)
