"""np.ndindex over x's shape; the saved value is restored in a finally block.

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=x.dtype)
    for i in np.ndindex(x.shape):
        saved = x[i].copy()
        try:
            x[i] = saved + h
            fp = f(x)
            x[i] = saved - h
            fm = f(x)
        finally:
            x[i] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad
