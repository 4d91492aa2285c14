r"""numerical_gradient: central difference divided by h instead of 2h: every entry is twice
the gradient.

expect: numerical_gradient ~ 2 ?\*? ?h|factor|twice|central|scale|mismatch|differ|wrong|expected
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        x[idx] = tmp
        grad[idx] = (fxh1 - fxh2) / h
    return grad
