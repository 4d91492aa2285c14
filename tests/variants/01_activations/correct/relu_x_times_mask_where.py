"""relu as x * (x > 0) (a bool mask keeps the dtype; negatives give -0.0, which equals 0)
and the backward with np.where.

expect: full
"""
import numpy as np


def relu(x):
    return x * (x > 0)


def relu_backward(dout, x):
    return np.where(x > 0, dout, 0)
