r"""numerical_gradient: forward difference (f(x+h) - f(x)) / h instead of the central
difference: error O(h) instead of O(h^2).

expect: numerical_gradient ~ forward|central|one.?sided|2 ?\*? ?h
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    fx = f(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fx) / h
        it.iternext()
    return grad
