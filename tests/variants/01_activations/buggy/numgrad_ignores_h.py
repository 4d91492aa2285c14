r"""numerical_gradient: hard-codes h = 1e-4 inside the function, ignoring the h argument
(the result differs from the contract's whenever h is passed, and by O(h^2) otherwise).

expect: numerical_gradient ~ \bh\b|step|argument|mismatch|differ|wrong|expected
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        x[idx] = tmp
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad
