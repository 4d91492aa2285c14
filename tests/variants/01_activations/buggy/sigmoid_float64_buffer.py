"""sigmoid: stable, but the result buffer is np.zeros(x.shape), float64 by default, so a
float32 input gives a float64 output.

expect: sigmoid ~ float64|dtype|float32
"""
import numpy as np


def sigmoid(x):
    out = np.zeros(x.shape)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1 + ex)
    return out


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

