"""Deep Learning from Scratch style with a flat index (x.flat writes through to x for any
shape, 0-d included); tmp_val is put back after both evaluations.

expect: full
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x.flat[idx]
        x.flat[idx] = tmp_val + h
        fxh1 = f(x)
        x.flat[idx] = tmp_val - h
        fxh2 = f(x)
        grad.flat[idx] = (fxh1 - fxh2) / (2 * h)
        x.flat[idx] = tmp_val
    return grad
