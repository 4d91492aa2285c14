"""The textbook forms: np.maximum(x, 0) and dout * (x > 0).

expect: full
"""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(dout, x):
    return dout * (x > 0)
