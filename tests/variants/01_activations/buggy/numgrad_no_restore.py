"""numerical_gradient: forgets to put the saved value back, so every coordinate is left at
old - h (and the later coordinates are differentiated at a shifted point).

expect: numerical_gradient ~ restor|old value|unchanged|modif|saved
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
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad
