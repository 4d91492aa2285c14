"""sigmoid_backward through its own private stable-sigmoid helper (a numerator picked with
np.where over a shared denominator 1 + exp(-|x|)), then the textbook dout * s * (1 - s).

expect: full
"""
import numpy as np


def _stable_sigmoid(x):
    e = np.exp(-np.abs(x))  # in (0, 1], never overflows
    numerator = np.where(x >= 0, np.ones_like(e), e)
    return numerator / (1 + e)


def sigmoid_backward(dout, x):
    s = _stable_sigmoid(x)
    return dout * s * (1 - s)
