"""relu via np.where(x > 0, x, 0); backward as a float mask cast to dout's dtype.

expect: full
"""
import numpy as np


def relu(x):
    return np.where(x > 0, x, 0)


def relu_backward(dout, x):
    mask = (x > 0).astype(dout.dtype)
    return mask * dout
