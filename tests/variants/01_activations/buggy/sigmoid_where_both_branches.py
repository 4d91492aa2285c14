"""sigmoid: the "stable" formula put in np.where, which evaluates BOTH branches on every
element: np.exp(-x) overflows for very negative x and np.exp(x) for very positive x
(overflow, then inf/inf = nan in the discarded branch: invalid-value warning).

expect: sigmoid ~ overflow|invalid|warning|both|where|stab
"""
import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

